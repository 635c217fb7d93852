"""Values as people type them, and headers as offices word them."""

from __future__ import annotations

import ast
import re
from datetime import date
from pathlib import Path

import pytest

from leftbehind_desktop.core.forms import form
from leftbehind_desktop.tableimport.config import vocabulary
from leftbehind_desktop.tableimport.headers import map_path
from leftbehind_desktop.tableimport.values import (
    Unreadable,
    read_bool,
    read_date,
    read_id_number,
    read_multichoice,
    read_value,
    split_province,
)

PKG = Path(__file__).resolve().parents[2] / "src" / "leftbehind_desktop" / "tableimport"


@pytest.mark.parametrize("typed", [42079, 42079.0, "2015.3.16", "2015年3月16日", "20150316", 20150316,
                                   "2015/3/16", "2015-03-16", "２０１５－０３－１６", date(2015, 3, 16),
                                   "2015-03-16 00:00:00", "2015. 3. 16"])
def test_dates_as_people_type_them(typed: object):
    assert read_date(typed) == "2015-03-16"


@pytest.mark.parametrize("typed", ["2015.2.30", "去年", "2015年3月", "3/16/2015", 42079.5, "1503"])
def test_unreadable_dates_are_errors_not_guesses(typed: object):
    with pytest.raises(Unreadable):
        read_date(typed)


@pytest.mark.parametrize(("typed", "value"), [("是", True), ("√", True), ("有", True), ("Y", True),
                                              ("否", False), ("×", False), ("无", False), ("N", False),
                                              (True, True), (0, False)])
def test_yes_no_variants(typed: object, value: bool):
    assert read_bool(typed) is value


def test_yes_no_that_is_neither_is_an_error():
    with pytest.raises(Unreadable, match="是/否"):
        read_bool("不清楚")


def test_codebook_values_and_their_synonyms():
    child = form("child")
    vocab = vocabulary()
    assert read_value("汉", child.field("ethnicity"), vocab) == "汉族"
    assert read_value("满", child.field("ethnicity"), vocab) == "满族"
    assert read_value("男性", child.field("sex"), vocab) == "男"
    assert read_value("职高", child.field("schooling"), vocab) == "中职"
    assert read_value("独居", child.field("living_arrangement"), vocab) == "单独居住"
    assert read_multichoice("低保、临时救助", child.field("assistance"), vocab) == ["低保", "临时救助"]
    assert read_multichoice("无", child.field("assistance"), vocab) == []
    with pytest.raises(Unreadable, match="不是可选的值"):
        read_value("很好", child.field("health"), vocab)
    assert split_province("广东深圳", vocab) == ("广东省", "深圳")
    assert split_province("内蒙古呼和浩特市", vocab) == ("内蒙古自治区", "呼和浩特市")


def test_id_numbers_fullwidth_spaced_lowercase_x_and_as_lost_numbers():
    assert read_id_number("２１０２１３ ２０１５０３１６ ００１x") == "21021320150316001X"  # the form checks it next
    assert read_id_number(" 21021320150316001x ") == "21021320150316001X"
    with pytest.raises(Unreadable, match="已丢失"):
        read_id_number(2.1021320150316e17)


@pytest.mark.parametrize(("path", "target"), [
    (("公民身份号码",), "child.id_number"), (("身份证号",), "child.id_number"), (("身份号码",), "child.id_number"),
    (("父亲", "姓名"), "father.name"), (("父亲", "身份证号"), "father.id_number"),
    (("父亲", "务工地点"), "father.work_province"), (("母亲情况", "联系电话"), "mother.phone"),
    (("监护人",), "guardian.guardian_name"), (("受委托监护人",), "guardian.guardian_name"),
    (("受委托监护人", "身份证号"), "guardian.guardian_id_number"), (("父亲姓名",), "father.name"),
    (("母亲身份证号码",), "mother.id_number"), (("爷爷", "姓名"), "grandfather.name"),
    (("外婆姓名",), "maternal_grandmother.name"), (("与儿童关系",), "guardian.relation"),
    (("儿童基本情况", "姓名"), "child.name"), (("序号",), None), (("鞋码",), None),
    (("出生日期\n（年月日）",), "child.birth_date"), (("姓 名",), "child.name"),
])
def test_headers_and_their_variants(path: tuple[str, ...], target: str | None):
    assert map_path(path, vocabulary()) == target


def test_every_value_synonym_and_implied_value_is_in_its_codebook():
    """The codebooks change (issue 11): a synonym pointing at a value that is gone fails here."""
    from leftbehind_desktop.core.codebooks import codebook

    vocab = vocabulary()
    for book, table in vocab.value_synonyms.items():
        assert not [t for t in table.values() if t not in codebook(book).values], book
    for form_id, rules in vocab.implied.items():
        for name, (source, value) in rules.items():
            f = form(form_id)
            assert f.has_field(source) and value in (f.field(name).book() or [value]), name


def test_every_target_names_a_real_form_field():
    vocab = vocabulary()
    for target in vocab.targets():
        role, name = target.split(".", 1)
        assert name == "_unit" or vocab.roles[role].form.has_field(name)


def test_the_package_is_qt_free_runs_no_sql_and_sits_below_store():
    for p in PKG.rglob("*.py"):
        text = p.read_text("utf-8")
        tree = ast.parse(text)
        mods = {n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
        mods |= {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
        assert not any(m.startswith(("PySide6", "sqlcipher3", "sqlite")) for m in mods), p.name
        assert not any(re.match(r"\.\.(store|ui|sync)\b", "." * 2 + m) for m in mods if m.startswith(
            ("store", "ui", "sync"))), p.name
        assert "..store" not in text and "..ui" not in text, p.name


def test_the_report_counts_every_row_but_keeps_only_what_needs_an_eye():
    from leftbehind_desktop.tableimport.headers import Layout
    from leftbehind_desktop.tableimport.outcome import KEEP_OTHER_ROWS, ImportReport, RowReport
    from leftbehind_desktop.tableimport.rows import Problem

    report = ImportReport("f.xlsx", "台账", True, Layout(0, 1))
    for n in range(KEEP_OTHER_ROWS + 1000):
        report.add(RowReport(n, "new", pending=["居住情况"]))
    report.add(RowReport(99999, "rejected", problems=[Problem(99999, "E", "出生日期", "x", "无法识别为日期")]))
    assert report.summary()["new"] == KEEP_OTHER_ROWS + 1000 and report.summary()["rejected"] == 1
    assert report.pending_counts == {"居住情况": KEEP_OTHER_ROWS + 1000}
    assert len(report.rows) == KEEP_OTHER_ROWS + 1 and report.rows[-1].action == "rejected"


def test_a_three_row_header_with_nested_merged_groups_under_a_title():
    from leftbehind_desktop.tableimport.headers import detect

    rows = [["农村留守儿童基本情况登记表", "", "", "", "", ""],
            ["填报单位：大李家村", "", "", "", "", ""],
            ["儿童基本情况", "", "家庭成员情况", "", "", ""],
            ["姓名", "身份证号", "父亲", "", "母亲", ""],
            ["", "", "姓名", "务工地点", "姓名", "联系电话"],
            ["李明", "210213201503160012", "李大", "广东深圳", "王秀", "13912345678"]]
    merges = [((0, 0), (0, 5)), ((1, 0), (1, 5)), ((2, 0), (2, 1)), ((2, 2), (2, 5)),
              ((3, 0), (4, 0)), ((3, 1), (4, 1)), ((3, 2), (3, 3)), ((3, 4), (3, 5))]
    layout = detect(rows, merges)
    assert (layout.header_first, layout.header_rows) == (2, 3)
    assert layout.mapping() == {"A": "child.name", "B": "child.id_number", "C": "father.name",
                                "D": "father.work_province", "E": "mother.name", "F": "mother.phone"}
    assert layout.columns[2].header == "家庭成员情况 / 父亲 / 姓名"
