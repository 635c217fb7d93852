"""The quarterly 分析报告 PDF read back by poppler: the figures of ``stats.compute`` are on
paper (tables), the charts are drawn, CJK fonts embedded, no code printed, the print audited."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from leftbehind_desktop.core.messages import UserError
from leftbehind_desktop.exports.report_pdf import render_report
from leftbehind_desktop.store import stats
from leftbehind_desktop.store.registry import Registry
from tests.conftest import STREET, fill_demo, make_store
from tests.exports.helpers import pdffonts, pdftext, run

TODAY = date(2026, 12, 1)


@pytest.fixture(scope="module")
def street(tmp_path_factory: pytest.TempPathFactory) -> Any:
    store, _ = make_store(tmp_path_factory.mktemp("report") / "s", role="street", unit=STREET,
                          name="大李家街道")
    fill_demo(Registry(store, today=lambda: TODAY), 160, seed=4, as_of=TODAY)
    yield store
    store.close()


def _pct(share: float | None) -> str:
    return "—" if share is None else f"{share * 100:.1f}%"


def test_the_report_carries_the_figures_in_tables_and_charts(street: Any, tmp_path: Path) -> None:
    steps: list[tuple[int, int]] = []
    out = render_report(street, "2026Q4", None, tmp_path / "报告.pdf",
                        progress=lambda d, t: steps.append((d, t)), today=TODAY)
    assert steps[-1] == (3, 3)
    d = stats.compute(street, "2026Q4", today=TODAY).as_dict()
    text = pdftext(out, layout=True)
    flat = re.sub(r"\s+", " ", text)
    assert "大李家街道农村留守儿童汇总分析报告" in flat
    assert "2026年第4季度" in flat and "统计截止日期：2026年12月1日" in flat
    t = d["total"]
    assert f"{t['children']['total']}人" in flat
    assert _pct(t["home_visit_coverage"]["share"]) in flat
    # the per-unit table: every village with its figures on one line
    lines = text.splitlines()
    for u in d["units"]:
        rows = [re.findall(r"\d+(?:\.\d+)?%?", line.strip()[len(u["unit_name"]):])
                for line in lines if line.strip().startswith(u["unit_name"])]
        nums = max(rows, key=len)  # the table's row (the coverage chart has the share only)
        ch, cov = u["children"], u["home_visit_coverage"]
        assert nums == [str(ch["total"]), *(str(v) for v in ch["by_sex"].values()),
                        *(str(v) for v in ch["by_age_band"].values()), str(cov["visited"]),
                        _pct(cov["share"]), str(u["reports"]["open"]),
                        str(u["entrustment_gaps"])], u["unit_name"]
    # breakdowns by their codebook labels, with the counts
    for label, n in (("受委托监护人监护能力不足", t["children"]["by_guardianship"]["受委托监护人监护能力不足"]),
                     ("父母一方外出另一方无监护能力",
                      t["children"]["by_priority_reason"]["父母一方外出另一方无监护能力"]),
                     ("14-15岁", t["children"]["by_age_band"]["14-15"])):
        assert re.search(rf"{label}\s+{n}\s", text), label
    for p in d["trend"]:
        y, q = p["period"][:4], p["period"][5]
        assert re.search(rf"{y}年第{q}季度\s+{p['children_total']}\s", text)
    # no internal code on paper
    for code in ("visited", "not_visited", "91+", "0-7", "by_", "2026Q", "share"):
        assert code not in text, code
    fonts = pdffonts(out)
    assert fonts and all(f[-5] == "yes" for f in fonts), fonts  # every font embedded
    assert any("WenQuanYi" in f[0] or "Sim" in f[0] or "YaHei" in f[0] for f in fonts)
    assert not any(f[0].startswith("Helvetica") for f in fonts)
    audit = street.conn.execute("SELECT detail FROM audit_event WHERE action = 'report.export'"
                                ).fetchall()
    assert audit and "报告.pdf" in audit[-1][0]


def test_the_charts_are_drawn(street: Any, tmp_path: Path) -> None:
    out = render_report(street, "2026Q4", None, tmp_path / "r.pdf", today=TODAY)
    run("pdftoppm", "-r", "40", "-png", str(out), str(tmp_path / "page"))
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) >= 3
    from PIL import Image

    # the chart bars are the report's only blue: page 1 has the sex and age bars
    img = Image.open(pages[0]).convert("RGB")
    blue = sum(n for n, (r, g, b) in img.getcolors(1 << 20) or []
               if b > 140 and r < 90 and g < 130)
    assert blue > 500


def test_one_village_and_bad_input(street: Any, tmp_path: Path) -> None:
    village = stats.compute(street, "2026Q4", today=TODAY).as_dict()["units"][0]
    out = render_report(street, "2026Q4", village["unit_code"], tmp_path / "v.pdf", today=TODAY)
    assert f"{village['unit_name']}农村留守儿童汇总分析报告" in pdftext(out)
    with pytest.raises(UserError, match="统计期"):
        render_report(street, "2026Q9", None, tmp_path / "bad.pdf", today=TODAY)
    assert not (tmp_path / "bad.pdf").exists()
