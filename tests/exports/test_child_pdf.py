"""Child file PDFs, checked with real readers (poppler's pdffonts/pdftotext, qpdf)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from leftbehind_desktop.exports.child_pdf import render_child_files
from leftbehind_desktop.exports.fonts import find_cjk_font, missing_glyphs
from leftbehind_desktop.exports.linebreak import CANNOT_START, break_lines
from leftbehind_desktop.store.audit import verify_chain
from leftbehind_desktop.store.registry import Registry
from tests.conftest import CHILD, fill_demo, make_store

from .helpers import NOTE, pdffonts, pdftext, run

CLOSING_ZH = "，。、；：？！）》」』】”’…"


@dataclass
class Printed:
    reg: Registry
    rare_id: str
    ext_a_id: str
    demo_ids: list[str]
    rare_pdf: Path
    ext_a_pdf: Path
    folder: list[Path]
    combined: Path
    progress: list[tuple[int, int]]


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Printed]:
    base = tmp_path_factory.mktemp("pdf")
    store, _ = make_store(base / "store")
    reg = Registry(store, today=lambda: date(2026, 12, 20))
    fill_demo(reg, 6, as_of=date(2026, 12, 1))
    demo_ids = reg.child_ids()[:3]
    rare = reg.add("child", {**CHILD, "name": "王𠮷䶮"}).record
    reg.add("family_member", {"relation": "父亲", "name": "王大𠮷", "status": "外出务工",
                              "work_province": "广东省", "work_city": "深圳市",
                              "phone": "13800138000"}, child_id=rare["id"])
    for month in range(1, 13):
        for day in (3, 17):
            reg.add("visit", {"visit_date": f"2026-{month:02d}-{day:02d}", "visitor": "刘淑华",
                              "living_arrangement": "与祖辈同住", "findings": NOTE * (1 + month % 2),
                              "next_action": "联系班主任，关注学习情况。"}, child_id=rare["id"])
    ext_a = reg.add("child", {**CHILD, "name": "李䶮", "id_number": "210213201503041019"}).record
    progress: list[tuple[int, int]] = []
    rare_pdf = render_child_files(reg, [rare["id"]], base / "rare.pdf")[0]
    ext_a_pdf = render_child_files(reg, [ext_a["id"]], base / "ext_a.pdf")[0]
    folder = render_child_files(reg, demo_ids, base / "folder",
                                progress=lambda d, t: progress.append((d, t)))
    combined = render_child_files(reg, [*demo_ids, rare["id"]], base / "all.pdf",
                                  combined=True)[0]
    yield Printed(reg, rare["id"], ext_a["id"], demo_ids, rare_pdf, ext_a_pdf, folder,
                  combined, progress)
    store.close()


def all_pdfs(p: Printed) -> list[Path]:
    return [p.rare_pdf, p.ext_a_pdf, *p.folder, p.combined]


def test_every_font_is_embedded(printed: Printed) -> None:
    for pdf in all_pdfs(printed):
        rows = pdffonts(pdf)
        assert rows, pdf
        for row in rows:
            assert row[-5] == "yes", f"{pdf.name}: font {row[0]} not embedded"
            assert row[-3] == "yes", f"{pdf.name}: font {row[0]} has no ToUnicode map"


def test_qpdf_check_passes(printed: Printed) -> None:
    for pdf in all_pdfs(printed):
        out = run("qpdf", "--check", str(pdf))
        assert "No syntax or stream encoding errors" in out


def test_pdftotext_recovers_name_id_and_visit_note(printed: Printed) -> None:
    text = pdftext(printed.rare_pdf)
    assert "王𠮷䶮" in text
    assert CHILD["id_number"] in text
    flat = text.replace("\n", "")
    assert "已进行家庭教育指导" in flat and "联系班主任，关注学习情况。" in flat
    for heading in ("儿童基本信息", "家庭成员情况", "委托监护", "入户走访记录（共 24 次）",
                    "重点对象", "强制报告及跟进处置", "评估帮扶", "结对帮扶", "变更记录摘要",
                    "填表人", "复核人", "单位负责人", "内部资料注意保密", "第1页共"):
        assert heading.replace(" ", "") in text.replace(" ", ""), heading


def test_long_visit_history_flows_over_pages_with_repeated_header(printed: Printed) -> None:
    info = run("pdfinfo", str(printed.rare_pdf))
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    assert pages >= 3
    text = pdftext(printed.rare_pdf)
    assert text.count("走访日期") >= 2  # header row repeated on the next page
    assert f"第{pages}页共{pages}页" in text.replace(" ", "")


def test_rare_characters_are_kept(printed: Printed) -> None:
    assert "李䶮" in pdftext(printed.ext_a_pdf)
    assert "王大𠮷" in pdftext(printed.rare_pdf)
    fonts = {row[0].split("+")[-1] for row in pdffonts(printed.rare_pdf)}
    assert any(name.startswith("HanaMin") for name in fonts), fonts
    assert missing_glyphs("王𠮷䶮") == set()
    assert missing_glyphs("张三\U0010fffd") == {"\U0010fffd"}


def test_no_line_starts_with_closing_punctuation(printed: Printed) -> None:
    for pdf in (printed.rare_pdf, printed.combined):
        for layout in (False, True):
            for line in pdftext(pdf, layout).splitlines():
                stripped = line.strip()
                assert not stripped or stripped[0] not in CLOSING_ZH, repr(line)


def test_break_lines_rules() -> None:
    def measure(s: str) -> float:
        return float(len(s))

    text = "孩子在家写作业，精神状态良好。身份证号210213201503041254，日期2026-12-15。"
    for width in range(4, 30):
        lines = break_lines(text, width, measure)
        assert "".join(lines) == text
        for line in lines[1:]:
            assert line[0] not in CANNOT_START, (width, lines)
        if width >= 18:
            assert any("210213201503041254" in line for line in lines)
        if width >= 10:
            assert any("2026-12-15" in line for line in lines)
    assert break_lines("“引号”和（括号）", 3, measure)[0] != "“"


def test_folder_batch_and_progress(printed: Printed) -> None:
    assert len(printed.folder) == 3
    assert all(p.suffix == ".pdf" and p.stat().st_size > 1000 for p in printed.folder)
    assert printed.progress == [(1, 3), (2, 3), (3, 3)]


def test_combined_file_has_contents_and_per_child_numbering(printed: Printed) -> None:
    text = pdftext(printed.combined)
    text = text.replace(" ", "")
    assert "目录" in text
    for cid in printed.demo_ids:
        name = printed.reg.get("child", cid)["name"]
        assert name in text
    assert text.count("第1页共") >= 5  # contents + four child files
    assert "王𠮷䶮" in text


def test_every_print_is_in_the_audit_chain(printed: Printed) -> None:
    reg = printed.reg
    events = [e for e in reg.history(printed.rare_id) if e["action"] == "child.print"]
    assert len(events) == 2  # single file and combined
    details = [json.loads(e["detail"]) for e in events]
    assert {d["combined"] for d in details} == {True, False}
    assert all(d["pages"] >= 3 for d in details)
    for cid in printed.demo_ids:
        assert any(e["action"] == "child.print" for e in reg.history(cid))
    assert verify_chain(reg.conn).ok


def test_cancel_stops_a_batch(printed: Printed, tmp_path: Path) -> None:
    done: list[int] = []
    paths = render_child_files(printed.reg, printed.demo_ids, tmp_path / "x",
                               progress=lambda d, t: done.append(d), cancel=lambda: len(done) >= 1)
    assert len(paths) == 1
    assert render_child_files(printed.reg, printed.demo_ids, tmp_path / "c.pdf", combined=True,
                              cancel=lambda: True) == []
    assert not (tmp_path / "c.pdf").exists()


def test_font_is_truetype() -> None:
    font = find_cjk_font()
    assert font.path.suffix.lower() in (".ttf", ".ttc")
