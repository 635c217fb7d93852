"""``leftbehind stats`` as a script uses it: a real process on a real store; its figures are
the records' own (recounted in Python) for every village and in total."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from leftbehind_desktop.core.dates import quarter_of
from leftbehind_desktop.store.store import Store
from tests.cli.test_cli import PASS, ok_json, run
from tests.store.test_stats import assert_agree, recount

STREET = "210213001000"


@pytest.fixture(scope="module")
def street(tmp_path_factory: pytest.TempPathFactory) -> Path:
    store = tmp_path_factory.mktemp("stats") / "store"
    ok_json(run(store, "init", "--role", "street", "--unit", STREET, "--unit-name", "大李家街道",
                "--officer", "王建国", "--json"))
    assert run(store, "demo", "--children", "120", "--seed", "5").returncode == 0
    return store


def test_stats_json_is_the_recount_per_village_and_in_total(street: Path) -> None:
    today = date.today()
    period = quarter_of(today)
    got = ok_json(run(street, "stats", "--period", period, "--json"))
    assert got["period"] == period and got["scope"] == {"unit_code": STREET,
                                                        "unit_name": "大李家街道"}
    assert set(got["total"]["children"]["by_age_band"]) == {"0-5", "6-13", "14-15"}
    store = Store.open(street, PASS)
    try:
        mine = recount(store, period, today, STREET)
    finally:
        store.close()
    assert_agree(got["total"], mine["total"])
    assert len(got["units"]) > 1
    for u in got["units"]:
        assert_agree(u, mine[u["unit_code"]])


def test_stats_table_shows_labels_and_bad_input_is_one_line(street: Path) -> None:
    period = quarter_of(date.today())
    proc = run(street, "stats", "--period", period)
    assert proc.returncode == 0, proc.stderr
    assert "汇总分析 · 大李家街道" in proc.stdout and "合计" in proc.stdout
    assert "0-5岁" in proc.stdout and "受委托监护人监护能力不足" in proc.stdout
    en = run(street, "--lang", "en", "stats", "--period", period)
    assert "Total" in en.stdout and "Entrusted guardian lacks capacity" in en.stdout
    bad = run(street, "stats", "--period", "2026Q7")
    assert bad.returncode == 1 and bad.stderr.strip() == "统计期格式不对：2026Q7（应为如 2026Q4）"
    other = run(street, "--lang", "en", "stats", "--period", period, "--unit", "210213002001")
    assert other.returncode == 1 and "not within this office's area" in other.stderr
    assert "Traceback" not in bad.stderr + other.stderr


def test_report_writes_the_pdf(street: Path, tmp_path: Path) -> None:
    from tests.exports.helpers import pdftext

    period = quarter_of(date.today())
    out = tmp_path / "分析报告.pdf"
    proc = run(street, "stats", "--period", period, "--pdf", str(out))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == str(out)
    assert "大李家街道农村留守儿童汇总分析报告" in pdftext(out)
