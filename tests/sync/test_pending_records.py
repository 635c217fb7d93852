"""Records with 待补充 fields (required without condition, left NULL by a table import)
travel in a quarterly package: the street accepts them, counts them and lists them for the
next home visit; any other validation failure still refuses the whole package."""

from __future__ import annotations

from pathlib import Path

import pytest

from leftbehind_desktop.cli import main
from leftbehind_desktop.store.pending import pending_items
from leftbehind_desktop.sync import package
from leftbehind_desktop.sync.package import InvalidRecords
from tests.conftest import DISTRICT, PASSPHRASE, STREET
from tests.sync.helpers import Office, db_digest, enroll_pair, office
from tests.tableimport import office as tof
from tests.tableimport.test_import import national_xlsx, run


def _village_from_table(tmp_path: Path) -> tuple[Office, Office]:
    street = office(tmp_path, "street", "street", STREET, "大魏家街道")
    village = office(tmp_path, "a", "village", "210213001001", "大李家村")
    enroll_pair(village, street)
    path = national_xlsx(tmp_path, [tof.child_row(n) for n in range(1, 4)])
    report, _ = run(village.reg, path)
    assert report.summary()["new"] == 3 and report.summary()["pending"] == 3
    return village, street


def test_table_imported_village_package_is_accepted_with_pending_counted(tmp_path: Path) -> None:
    village, street = _village_from_table(tmp_path)
    at_village = {(p.child_id, p.kind, p.fields) for p in pending_items(village.store.conn)}
    assert len(at_village) == 6  # 3 children (居住方式) + their 3 guardians (出生日期)
    assert village.reg.pending_count() == 6  # what the export announces beforehand
    p = package.export_package(village.store, "2026Q4", tmp_path / "a.lbpkg")
    r = package.import_package(street.store, p.path)
    assert r.incomplete == 6
    assert r.counts["new"] == 12 and r.counts["rejected"] == 0
    assert "新增 12，待补充 6" in r.headline()
    assert "to complete 6" in r.headline("en")
    # the street's workbench lists the village's children to complete, field by field
    at_street = {(p.child_id, p.kind, p.fields) for p in pending_items(street.store.conn)}
    assert at_street == at_village
    assert all(p.unit_code == "210213001001" for p in pending_items(street.store.conn))
    # the count survives in the package log (re-import shows the same report)
    again = package.import_package(street.store, p.path)
    assert again.already_imported and again.incomplete == 6


def test_pending_fields_do_not_excuse_a_bad_codebook_value(tmp_path: Path) -> None:
    village, street = _village_from_table(tmp_path)
    conn = village.store.conn
    # a guardian whose birth date is 待补充, and whose province is not in the codebook
    rid = conn.execute("SELECT id FROM family_member WHERE birth_date IS NULL "
                       "ORDER BY id LIMIT 1").fetchone()[0]
    with village.store.transaction():
        conn.execute("UPDATE family_member SET work_province = '火星' WHERE id = ?", (rid,))
    p = package.export_package(village.store, "2026Q4", tmp_path / "a.lbpkg")
    street.close()
    before = db_digest(street.dir)
    street.reopen()
    with pytest.raises(InvalidRecords) as info:
        package.import_package(street.store, p.path)
    assert [i.record_id for i in info.value.items] == [rid]
    assert "务工地点（省）" in info.value.items[0].detail
    assert "出生日期" not in info.value.items[0].detail  # the 待补充 gap is not the reason
    street.close()
    assert db_digest(street.dir) == before  # nothing imported


def test_cli_export_announces_pending_records_and_the_street_imports(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    village, street = _village_from_table(tmp_path)
    village.close()
    monkeypatch.setenv("LEFTBEHIND_PASSPHRASE", PASSPHRASE)
    out = tmp_path / "a.lbpkg"
    assert main(["--store", str(village.dir), "export", "--period", "2026Q4",
                 "--out", str(out)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("提示：有 6 条记录的必填项尚待补充") and "照常导出" in lines[0]
    assert "已导出2026Q4数据包" in lines[1]  # the notice comes first, the export still happens
    assert package.import_package(street.store, out).incomplete == 6


def test_street_package_to_the_district_carries_the_pending_records(tmp_path: Path) -> None:
    village, street = _village_from_table(tmp_path)
    district = office(tmp_path, "district", "district", DISTRICT, "金普新区民政局")
    enroll_pair(street, district)
    p = package.export_package(village.store, "2026Q4", tmp_path / "a.lbpkg")
    package.import_package(street.store, p.path)
    assert street.reg.pending_count() == 6  # the street's own export says so beforehand
    up = package.export_package(street.store, "2026Q4", tmp_path / "street.lbpkg")
    r = package.import_package(district.store, up.path)
    assert r.incomplete == 6 and r.counts["rejected"] == 0 and "待补充 6" in r.headline()
    assert len(district.reg.workbench().to_complete) == 6
