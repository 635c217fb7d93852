"""The child file as an officer reads it on paper: words instead of action codes, Beijing
time, a readable 档案编号, and file names that say whose file it is and never replace
another file (read back with pdftotext)."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from leftbehind_desktop.exports.child_pdf import render_child_files
from leftbehind_desktop.store.registry import Registry
from tests.conftest import CHILD, make_store

from .helpers import pdftext

UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
ISO_T = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}")


def test_child_file_speaks_chinese_and_local_time(tmp_path: Path) -> None:
    store, _ = make_store(tmp_path / "store")
    try:
        reg = Registry(store, today=lambda: date(2026, 12, 1))
        first = reg.add("child", dict(CHILD)).record
        child = reg.add("child", {**CHILD, "name": "李小红",
                                  "id_number": "210213201503041019"}).record
        reg.add("priority_flag", {"reason": "失学辍学", "source": "人工", "opened_on": "2026-11-02",
                                  "designated_person": "刘淑华", "status": "开放"},
                child_id=child["id"])
        with store.transaction() as audit:  # the child file was opened in the GUI
            audit.append("child.view", "child", child["id"], child["id"], {"via": "gui"})
        out = tmp_path / "out"
        out.mkdir()
        squatter = out / "李小红_档案_210213001001-0002.pdf"
        squatter.write_bytes(b"someone else's file")
        files = render_child_files(reg, [child["id"], first["id"]], out)
        assert squatter.read_bytes() == b"someone else's file"  # not replaced
        names = sorted(p.name for p in files)
        assert names == ["张小明_档案_210213001001-0001.pdf",
                         "李小红_档案_210213001001-0002(2).pdf"]
        text = pdftext(out / "李小红_档案_210213001001-0002(2).pdf")
        flat = text.replace(" ", "").replace("\n", "")
        assert "档案编号：210213001001-0002" in flat or "210213001001-0002" in flat
        assert "查看档案" in flat and "child.view" not in text and "record.create" not in text
        assert "北京时间" in flat and "UTC" not in text
        assert not UUID.search(text), UUID.search(text)
        assert not ISO_T.search(text)
        assert "未解除" in flat and "开放" not in flat
        assert "2026年11月2日" in flat  # the flag's date as people write it
        assert "2026年12月1日" in flat  # printed on
    finally:
        store.close()
