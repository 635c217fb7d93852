"""Issue 11's examples through the CLI, as real processes on a fresh store (created with the
fast test KDF, which the CLI then reads from the key slots: same code path, quicker)."""

from __future__ import annotations

import json
from pathlib import Path

from leftbehind_desktop.store.keyslots import KdfParams
from leftbehind_desktop.store.store import Store
from tests.cli.test_cli import PASS, ok_json, run

CHILD = {"name": "王小红", "sex": "女", "birth_date": "2016-03-15", "id_number": "210213201603150028",
         "residence": "大李家村1组", "schooling": "不在学", "living_arrangement": "与祖辈同住"}


def test_the_issues_examples_on_a_fresh_store(tmp_path: Path):
    store = tmp_path / "store"
    s, _ = Store.init(store, PASS, role="village", unit_code="210213001001", unit_name="大李家村",
                      officer="刘淑华", kdf=KdfParams.fast())
    s.close()
    # a child of 10 marked 不在学 → 失学辍学
    added = ok_json(run(store, "child", "add", "--json", stdin=json.dumps(CHILD, ensure_ascii=False)))
    cid = added["record"]["id"]
    assert added["raised_flags"] == ["失学辍学"]
    # father away, mother 服刑 → flag and the report prompt
    father = {"relation": "父亲", "name": "王强", "status": "外出务工", "work_province": "广东省"}
    assert run(store, "family", "add", "--child", cid, stdin=json.dumps(father)).returncode == 0
    mother = {"relation": "母亲", "name": "李梅", "status": "服刑", "status_since": "2025-04-01"}
    out = ok_json(run(store, "family", "add", "--child", cid, "--json", stdin=json.dumps(mother)))
    assert out["raised_flags"] == ["父母一方外出另一方无监护能力"] and out["prompt_report"]
    assert out["report_situation"] == "监护人无力履行或怠于履行监护职责"
    # a phone call neither is the monthly visit nor changes how the child lives
    call = {"visit_date": "2026-11-30", "visit_type": "电话随访", "visitor": "刘淑华",
            "living_arrangement": "与其他亲属同住"}
    proc = run(store, "visit", "add", "--child", cid, stdin=json.dumps(call))
    assert proc.returncode == 0 and "待入户核实" in proc.stderr
    work = ok_json(run(store, "work", "--as-of", "2026-12-01", "--json"))
    assert [v["reported"] for v in work["verify_at_home"]] == ["与其他亲属同住"]
    assert work["out_of_school"][0]["state"] == "待告知学校"
    assert ok_json(run(store, "child", "show", cid, "--json"))["child"]["living_arrangement"] == "与祖辈同住"
    due = ok_json(run(store, "due", "--as-of", "2026-12-01", "--json"))
    assert [d["last_visit"] for d in due if d["child_id"] == cid] == [None]
    # with 2026Q3 exported and locked, a visit dated 2026-09-15 needs --reason
    with Store.open(store, passphrase=PASS) as opened:
        opened.set_setting("locked_through", "2026Q3")
    late = {"visit_date": "2026-09-15", "visitor": "刘淑华", "living_arrangement": "与祖辈同住"}
    refused = run(store, "visit", "add", "--child", cid, stdin=json.dumps(late))
    assert refused.returncode == 1 and "2026年第3季度" in refused.stderr and "Traceback" not in refused.stderr
    saved = ok_json(run(store, "visit", "add", "--child", cid, "--reason", "补录九月走访", "--json",
                        stdin=json.dumps(late)))
    assert saved["record"]["amendment_reason"] == "补录九月走访"
    text = run(store, "work", "--as-of", "2026-12-01")
    assert text.returncode == 0 and "失学辍学·劝返复学跟进（1）" in text.stdout
    check = ok_json(run(store, "check", "--json"))
    assert (check["out_of_school"], check["verify_at_home"], check["priority_cases"]) == (1, 1, 1)
