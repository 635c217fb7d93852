"""Registry commands: init, demo, child/visit/entrust/flag/report/… add, list, show, due,
passwd, recover, check, audit verify."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from typing import Any

from ..core import demo
from ..core.messages import ValidationFailed
from ..store import audit_pages
from ..store.integrity import integrity_report
from ..store.registry import Registry, SaveResult
from ..store.store import Store, reset_passphrase
from .common import (
    EXIT_CHECK_FAILED,
    CliError,
    open_registry,
    open_store,
    print_json,
    read_json_input,
    read_passphrase,
    store_dir,
)

# sub-command → (record kind, needs a child)
ADD_COMMANDS = {"child": "child", "family": "family_member", "visit": "visit",
                "entrust": "entrustment", "flag": "priority_flag", "report": "mandatory_report",
                "assess": "assessment", "pair": "pairing"}


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("init", help="create a new encrypted store; prints the recovery key")
    p.add_argument("--role", required=True, choices=("village", "street", "district"))
    p.add_argument("--unit", required=True, help="12-digit division code")
    p.add_argument("--unit-name", required=True)
    p.add_argument("--officer", required=True)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_init)

    p = sub.add_parser("demo", help="fill the store with realistic synthetic data")
    p.add_argument("--children", type=int, required=True)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--villages", type=int, default=0, help="villages (street/district stores)")
    p.set_defaults(func=cmd_demo)

    for name, kind in ADD_COMMANDS.items():
        grp = sub.add_parser(name, help=f"{kind} records")
        gsub = grp.add_subparsers(dest="action", required=True, metavar="ACTION")
        a = gsub.add_parser("add", help=f"add a {kind} from one JSON object (FILE or stdin)")
        a.add_argument("file", nargs="?", default="-")
        if kind != "child":
            a.add_argument("--child", required=False,
                           help="child id (or give child_id in the JSON)")
        else:
            a.add_argument("--unit", help="village code (street stores)")
        a.add_argument("--reason", help="amendment reason (a record dated in a reported quarter)")
        a.add_argument("--json", action="store_true")
        a.set_defaults(func=cmd_add, kind=kind)
        u = gsub.add_parser("update", help=f"change fields of a {kind} (JSON object)")
        u.add_argument("id")
        u.add_argument("file", nargs="?", default="-")
        u.add_argument("--reason", help="amendment reason (records of a reported quarter)")
        u.add_argument("--json", action="store_true")
        u.set_defaults(func=cmd_update, kind=kind)
        if name == "child":
            ls = gsub.add_parser("list", help="list or search children")
            ls.add_argument("--search", default="")
            ls.add_argument("--village")
            ls.add_argument("--all", action="store_true", help="include exited children")
            ls.add_argument("--flag", help="only children with an open flag of this reason (* any)")
            ls.add_argument("--limit", type=int, default=200)
            ls.add_argument("--json", action="store_true")
            ls.set_defaults(func=cmd_child_list)
            sh = gsub.add_parser("show", help="the whole child file")
            sh.add_argument("id")
            sh.add_argument("--json", action="store_true")
            sh.set_defaults(func=cmd_child_show)

    p = sub.add_parser("due", help="visits due and overdue (R1)")
    p.add_argument("--as-of", type=date.fromisoformat)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_due)

    p = sub.add_parser("work", help="the work lists of the workbench (rules R1–R10)")
    p.add_argument("--as-of", type=date.fromisoformat)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_work)

    p = sub.add_parser("rules", help="automatic priority flags under the current rules")
    rsub = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    r = rsub.add_parser("apply", help="raise the flags current rules call for (older stores)")
    r.add_argument("--json", action="store_true")
    r.set_defaults(func=cmd_rules_apply)

    p = sub.add_parser("passwd", help="change the passphrase (re-wraps the data key)")
    p.add_argument("--new-passphrase-file", help="read the new passphrase from FILE")
    p.set_defaults(func=cmd_passwd)

    p = sub.add_parser("recover", help="forgot the passphrase: recovery key → new passphrase")
    p.add_argument("--recovery-key-file", help="read the recovery key from FILE")
    p.add_argument("--new-passphrase-file", help="read the new passphrase from FILE")
    p.set_defaults(func=cmd_recover)

    p = sub.add_parser("check", help="integrity, audit chain and rule report")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("audit", help="audit chain")
    asub = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    v = asub.add_parser("verify", help="recompute the hash chain; report the first broken link")
    v.add_argument("--json", action="store_true")
    v.set_defaults(func=cmd_audit_verify)


def _new_secret(args: argparse.Namespace, file_arg: str | None) -> str:
    if file_arg:
        try:
            return open(file_arg, encoding="utf-8").read().splitlines()[0]
        except (OSError, IndexError):
            raise CliError("无法读取新密码文件", "Cannot read the new passphrase file") from None
    return read_passphrase(args, "新密码 / new passphrase: ", confirm=True)


def cmd_init(args: argparse.Namespace) -> int:
    passphrase = read_passphrase(args, "设置密码 / choose a passphrase: ", confirm=True)
    store, recovery = Store.init(store_dir(args), passphrase, role=args.role,
                                 unit_code=args.unit, unit_name=args.unit_name,
                                 officer=args.officer)
    with store:
        if args.json:
            print_json({"store": str(store.dir), "recovery_key": recovery,
                        "unit_code": store.unit_code, "role": store.role})
        else:
            print(f"已创建数据库：{store.dir}")
            print("恢复密钥（只显示这一次，请打印或抄写后妥善保管）/ recovery key (shown once):")
            print(f"    {recovery}")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    if args.children < 0:
        raise CliError("儿童人数不能为负数", "--children cannot be negative")
    with open_registry(args) as reg:
        store = reg.store
        reg.add_demo_units(demo.demo_units(store.unit_code, args.villages)
                           + demo.street_units(store.unit_code))
        total = 0
        for batch in demo.generate(store.unit_code, args.children, seed=args.seed,
                                   device_id=store.device_id, villages=args.villages):
            total += reg.bulk_insert(batch.records, action="record.demo")
        print(f"已生成演示数据：{args.children} 名儿童，共 {total} 条记录 / "
              f"demo data: {args.children} children, {total} records")
    return 0


def _result_json(result: SaveResult, lang: str) -> dict[str, Any]:
    return {"record": result.record, "changed": result.changed,
            "raised_flags": result.raised_flags, "prompt_report": result.prompt_report,
            "report_situation": result.report_situation,
            "prompt_assessment": result.prompt_assessment,
            "warnings": [{"field": w.field, "message": w.text(lang)} for w in result.warnings]}


def _print_result(args: argparse.Namespace, result: SaveResult, verb: str) -> None:
    if args.json:
        print_json(_result_json(result, args.lang))
        return
    print(f"{verb}：{result.record['id']}")
    for w in result.warnings:
        print(f"注意 / note: {w.text(args.lang)}", file=sys.stderr)
    for reason in result.raised_flags:
        print(f"已自动标记重点对象 / flagged: {reason}", file=sys.stderr)
    if result.prompt_report:
        print(f"请立即向公安机关强制报告（{result.report_situation}）/ "
              "make a mandatory report to the police now", file=sys.stderr)
    if result.prompt_assessment:
        print("请随后记录评估帮扶（assess add，report_ref 填本报告编号）/ "
              "record the assessment next (assess add with report_ref)", file=sys.stderr)


def _raise_validation(exc: ValidationFailed, lang: str) -> None:
    lines = [f"{e.field}: {e.text(lang)}" for e in exc.errors]
    raise CliError("数据有误，未保存：" + "；".join(lines),
                   "Invalid data, nothing saved: " + "; ".join(lines)) from None


def cmd_add(args: argparse.Namespace) -> int:
    data = read_json_input(args.file)
    with open_registry(args) as reg:
        child_id = getattr(args, "child", None) or data.pop("child_id", None)
        unit = getattr(args, "unit", None) or data.pop("unit_code", None)
        try:
            result = reg.add(args.kind, data, child_id=child_id, unit_code=unit,
                             reason=args.reason)
        except ValidationFailed as exc:
            _raise_validation(exc, args.lang)
            return 1
        _print_result(args, result, "已保存 / saved")
    return 0


def cmd_update(args: argparse.Namespace) -> int:
    changes = read_json_input(args.file)
    with open_registry(args) as reg:
        try:
            result = reg.update(args.kind, args.id, changes, reason=args.reason)
        except ValidationFailed as exc:
            _raise_validation(exc, args.lang)
            return 1
        _print_result(args, result, "已更新 / updated" if result.changed else "无变化 / unchanged")
    return 0


def cmd_child_list(args: argparse.Namespace) -> int:
    with open_registry(args) as reg:
        rows = reg.search(args.search, limit=args.limit, unit_code=args.village,
                          status=None if args.all else "在册", flag_reason=args.flag)
    if args.json:
        print_json(rows)
        return 0
    for r in rows:
        print(f"{r['id']}  {r['name']}\t{r['sex']}\t{r['birth_date']}\t{r['id_number'] or '—'}"
              f"\t{r['unit_name']}\t{r['flags'] or ''}")
    print(f"共 {len(rows)} 人 / {len(rows)} children", file=sys.stderr)
    return 0


def cmd_child_show(args: argparse.Namespace) -> int:
    with open_registry(args) as reg:
        file = reg.child_file(args.id)
        with reg.store.transaction() as audit:
            audit.append("child.view", "child", args.id, args.id, {"via": "cli"})
    if args.json:
        print_json(file)
        return 0
    c = file["child"]
    print(f"{c['name']}  {c['sex']}  {c['birth_date']}  {c['id_number'] or '—'}  "
          f"{file['village_name']}")
    for kind in ("family_member", "entrustment", "visit", "priority_flag", "mandatory_report",
                 "assessment", "pairing"):
        print(f"  {kind}: {len(file[kind])}")
    return 0


def cmd_due(args: argparse.Namespace) -> int:
    with open_registry(args) as reg:
        items = reg.due_list(args.as_of)
    if args.json:
        print_json([{"child_id": i.child_id, "name": i.name, "unit_code": i.unit_code,
                     "status": i.status, "due_date": i.due_date.isoformat(),
                     "days_overdue": i.days_overdue, "priority": i.priority,
                     "last_visit": i.last_visit} for i in items])
        return 0
    for i in items:
        mark = "逾期" if i.status == "overdue" else "待访"
        print(f"{mark}\t{i.due_date}\t{i.name}\t{'重点' if i.priority else ''}\t{i.child_id}")
    print(f"共 {len(items)} 人 / {len(items)} children", file=sys.stderr)
    return 0


WORK_LISTS = ("priority", "open_reports", "needs_entrustment", "exit_proposals",
              "verify_at_home", "out_of_school", "awaiting_assessment", "revocation")
WORK_TITLES = {"priority": "重点对象", "open_reports": "未结案的强制报告",
               "needs_entrustment": "缺少有效委托监护", "exit_proposals": "建议退出登记",
               "verify_at_home": "待入户核实（电话/学校了解到居住情况变化）",
               "out_of_school": "失学辍学·劝返复学跟进",
               "awaiting_assessment": "强制报告后待评估帮扶",
               "revocation": "考虑申请撤销监护人资格（法发〔2014〕24号）"}


def cmd_work(args: argparse.Namespace) -> int:
    with open_registry(args) as reg:
        wb = reg.workbench(args.as_of)
    if args.json:
        print_json({"as_of": wb.as_of.isoformat(), "active_children": wb.active_children,
                    "due": len(wb.due), "overdue": sum(d.status == "overdue" for d in wb.due),
                    **{name: getattr(wb, name) for name in WORK_LISTS}})
        return 0
    print(f"截至 {wb.as_of}：在册 {wb.active_children} 人，待走访 {len(wb.due)} 人")
    for name in WORK_LISTS:
        items = getattr(wb, name)
        print(f"{WORK_TITLES[name]}（{len(items)}）")
        for it in items:
            extra = "  ".join(str(v) for k, v in it.items()
                              if k not in ("child_id", "name", "unit_code", "id", "report_id",
                                           "flag_id") and v is not None)
            print(f"    {it['name']}  {extra}  {it['child_id']}")
    return 0


def cmd_rules_apply(args: argparse.Namespace) -> int:
    with open_registry(args) as reg:
        raised = reg.apply_rules()
    if args.json:
        print_json([{"child_id": c, "reason": r} for c, r in raised])
    else:
        for c, r in raised:
            print(f"{c}\t{r}")
        print(f"已补充标记 {len(raised)} 条重点对象 / {len(raised)} flags raised", file=sys.stderr)
    return 0


def cmd_passwd(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        store.change_passphrase(_new_secret(args, args.new_passphrase_file))
    print("密码已更改 / passphrase changed")
    return 0


def cmd_recover(args: argparse.Namespace) -> int:
    if args.recovery_key_file:
        try:
            key = open(args.recovery_key_file, encoding="utf-8").read().strip()
        except OSError:
            raise CliError("无法读取恢复密钥文件", "Cannot read the recovery key file") from None
    else:
        if not sys.stdin.isatty():
            raise CliError("请使用 --recovery-key-file", "Use --recovery-key-file")
        key = input("恢复密钥 / recovery key: ")
    new = _new_secret(args, args.new_passphrase_file)
    reset_passphrase(store_dir(args), key, new).close()
    print("已设置新密码 / new passphrase set")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    with open_registry(args) as reg:
        report = integrity_report(reg)
    if args.json:
        print_json(report)
    else:
        for line in report["lines"]:
            print(line)
    return 0 if report["ok"] else EXIT_CHECK_FAILED


def cmd_audit_verify(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        result = audit_pages.verify(store)
    if args.json:
        print_json({"ok": result.ok, "events": result.events, "broken_at": result.broken_at,
                    "reason": result.reason})
    elif result.ok:
        print(f"审计链完整：{result.events} 条记录 / audit chain intact: {result.events} events")
    else:
        print(f"审计链在第 {result.broken_at} 条处断裂（{result.reason}）/ "
              f"audit chain broken at event {result.broken_at} ({result.reason})")
    return 0 if result.ok else EXIT_CHECK_FAILED


__all__ = ["Registry", "register"]
