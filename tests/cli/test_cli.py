"""The CLI as scripts use it: real processes, real passphrase KDF, real store."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

PASS = "passphrase for cli 测试"
CHILD = {"name": "王小红", "sex": "女", "birth_date": "2016-07-08", "id_number": "210213201607082245",
         "residence": "前进村5组", "schooling": "小学", "living_arrangement": "与祖辈同住"}


def run(store: Path, *args: str, stdin: str | None = None, env: dict[str, str] | None = None,
        passphrase: str | None = PASS) -> subprocess.CompletedProcess[str]:
    e = {k: v for k, v in os.environ.items() if k != "LEFTBEHIND_PASSPHRASE"}
    if passphrase is not None:
        e["LEFTBEHIND_PASSPHRASE"] = passphrase
    e.update(env or {})
    return subprocess.run([sys.executable, "-m", "leftbehind_desktop.cli", "--store", str(store), *args],
                          input=stdin, capture_output=True, text=True, env=e, timeout=120)


def ok_json(proc: subprocess.CompletedProcess[str]) -> Any:
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


@pytest.fixture(scope="module")
def cli_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    store = tmp_path_factory.mktemp("cli") / "store"
    out = ok_json(run(store, "init", "--role", "village", "--unit", "210213001002", "--unit-name",
                      "前进村", "--officer", "王建国", "--json"))
    assert len(out["recovery_key"]) == 47
    (store.parent / "recovery.txt").write_text(out["recovery_key"])
    assert run(store, "demo", "--children", "20", "--seed", "3").returncode == 0
    return store


def test_child_add_from_stdin_then_list_show_and_search(cli_store: Path):
    added = ok_json(run(cli_store, "child", "add", "--json", stdin=json.dumps(CHILD, ensure_ascii=False)))
    cid = added["record"]["id"]
    assert added["record"]["name"] == "王小红" and added["raised_flags"] == []
    listed = ok_json(run(cli_store, "child", "list", "--search", "wxh", "--json"))
    assert cid in [r["id"] for r in listed]
    shown = ok_json(run(cli_store, "child", "show", cid, "--json"))
    assert shown["child"]["id_number"] == CHILD["id_number"] and shown["village_name"] == "前进村"
    assert shown["history"][0]["action"] == "record.create"


def test_visit_entrust_flag_report_add_with_child_option(cli_store: Path, tmp_path: Path):
    cid = ok_json(run(cli_store, "child", "add", "--json",
                      stdin=json.dumps({**CHILD, "id_number": None, "hukou_registered": False})))["record"]["id"]
    visit = tmp_path / "visit.json"
    visit.write_text(json.dumps({"visit_date": "2026-11-02", "visitor": "王建国",
                                 "living_arrangement": "单独居住", "findings": "孩子独自在家"}))
    out = ok_json(run(cli_store, "visit", "add", str(visit), "--child", cid, "--json"))
    assert out["prompt_report"] is True and "无人监护" in out["raised_flags"]
    report = {"child_id": cid, "situation": "单独居住", "details": "儿童独自居住", "reported_at": "2026-11-02 10:00",
              "police_unit": "大李家派出所"}
    assert run(cli_store, "report", "add", stdin=json.dumps(report)).returncode == 0
    ent = {"guardian_name": "王奶奶", "relation": "祖母", "guardian_birth_date": "1956-01-01",
           "guardian_phone": "13912345678", "start_date": "2026-11-02"}
    assert run(cli_store, "entrust", "add", "--child", cid, stdin=json.dumps(ent)).returncode == 0
    flag = {"reason": "其他", "opened_on": "2026-11-02", "designated_person": "王建国"}
    assert run(cli_store, "flag", "add", "--child", cid, stdin=json.dumps(flag)).returncode == 0
    shown = ok_json(run(cli_store, "child", "show", cid, "--json"))
    assert len(shown["mandatory_report"]) == 1 and len(shown["entrustment"]) == 1
    assert {f["reason"] for f in shown["priority_flag"]} >= {"无人监护", "无户籍", "其他"}


@pytest.mark.parametrize("payload,needle", [
    ("{not json", "不是有效的JSON"),
    ("[1, 2]", "必须是一个JSON对象"),
    (json.dumps({**CHILD, "id_number": "210213201607082246"}), "校验位错误"),
    (json.dumps({**CHILD, "sex": "男"}), "性别"),
])
def test_invalid_input_exits_1_with_one_line_and_writes_nothing(cli_store: Path, payload: str, needle: str):
    before = ok_json(run(cli_store, "audit", "verify", "--json"))["events"]
    proc = run(cli_store, "child", "add", stdin=payload)
    assert proc.returncode == 1 and needle in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1 and "Traceback" not in proc.stderr
    # audit verify itself appends nothing, so the count is unchanged when nothing was written
    assert ok_json(run(cli_store, "audit", "verify", "--json"))["events"] == before


def test_guardian_under_18_is_refused(cli_store: Path):
    cid = ok_json(run(cli_store, "child", "list", "--json"))[0]["id"]
    ent = {"guardian_name": "王哥", "relation": "兄姐", "guardian_birth_date": "2012-01-01",
           "guardian_phone": "13912345678", "start_date": "2026-11-02"}
    proc = run(cli_store, "entrust", "add", "--child", cid, stdin=json.dumps(ent))
    assert proc.returncode == 1 and "年满18周岁" in proc.stderr


def test_english_messages(cli_store: Path):
    proc = run(cli_store, "--lang", "en", "child", "add", stdin=json.dumps({**CHILD, "name": ""}))
    assert proc.returncode == 1 and "Name is required" in proc.stderr


def test_wrong_passphrase_and_missing_store(cli_store: Path, tmp_path: Path):
    proc = run(cli_store, "child", "list", passphrase="wrong passphrase")
    assert proc.returncode == 1 and "密码不正确" in proc.stderr and "Traceback" not in proc.stderr
    proc = run(tmp_path / "none", "child", "list")
    assert proc.returncode == 1 and "找不到数据库" in proc.stderr


def test_passphrase_file_and_no_tty(cli_store: Path, tmp_path: Path):
    pf = tmp_path / "pass.txt"
    pf.write_text(PASS + "\n")
    assert run(cli_store, "--passphrase-file", str(pf), "due", "--json", passphrase=None).returncode == 0
    proc = run(cli_store, "due", passphrase=None)
    assert proc.returncode == 1 and "--passphrase-file" in proc.stderr


def test_due_check_and_audit_verify_json(cli_store: Path):
    due = ok_json(run(cli_store, "due", "--json", "--as-of", "2026-11-28"))
    assert due and set(due[0]) == {"child_id", "name", "unit_code", "status", "due_date", "days_overdue",
                                   "priority", "last_visit"}
    check = run(cli_store, "check", "--json")
    report = ok_json(check)
    assert report["ok"] and report["integrity"] == ["ok"] and report["audit"]["ok"]
    assert report["active_children"] >= 20


def test_passwd_then_recover(tmp_path: Path):
    store = tmp_path / "s"
    out = ok_json(run(store, "init", "--role", "village", "--unit", "210213001003", "--unit-name", "红星村",
                      "--officer", "张桂兰", "--json"))
    newpass = tmp_path / "new.txt"
    newpass.write_text("the second passphrase\n")
    assert run(store, "passwd", "--new-passphrase-file", str(newpass)).returncode == 0
    assert run(store, "due").returncode == 1
    assert run(store, "due", passphrase="the second passphrase").returncode == 0
    key = tmp_path / "key.txt"
    key.write_text(out["recovery_key"])
    third = tmp_path / "third.txt"
    third.write_text("a third passphrase\n")
    proc = run(store, "recover", "--recovery-key-file", str(key), "--new-passphrase-file", str(third),
               passphrase=None)
    assert proc.returncode == 0, proc.stderr
    assert run(store, "due", passphrase="a third passphrase").returncode == 0


def test_audit_verify_exit_3_on_tampering(tmp_path: Path):
    from leftbehind_desktop.store.store import Store

    store = tmp_path / "s"
    ok_json(run(store, "init", "--role", "village", "--unit", "210213001004", "--unit-name", "河口村",
                "--officer", "李明", "--json"))
    assert run(store, "demo", "--children", "3").returncode == 0
    with Store.open(store, passphrase=PASS) as s:
        s.conn.execute("UPDATE audit_event SET action = 'x' WHERE seq = 2")
    proc = run(store, "audit", "verify")
    assert proc.returncode == 3 and "第 2 条" in proc.stdout
    assert run(store, "check").returncode == 3


def test_version_of_both_programs():
    from leftbehind_desktop import __version__

    for module, name in (("leftbehind_desktop.cli", "leftbehind"), ("leftbehind_desktop.ui.app", "leftbehind-desktop")):
        proc = subprocess.run([sys.executable, "-m", module, "--version"], capture_output=True, text=True,
                              timeout=60, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
        assert proc.returncode == 0 and proc.stdout.strip() == f"{name} {__version__}"
