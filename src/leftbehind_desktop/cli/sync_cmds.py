"""Sync commands (数据交换): enroll, export, import, verify, trust, conflicts, duplicates,
overview, review, restore-package."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ..core.dates import local_date_text
from ..store.registry import Registry
from ..store.sync import SyncStore
from ..sync import enroll, overview, package, returns, review
from ..sync.errors import SyncError
from ..sync.identity import DeviceIdentity, normalise_fingerprint
from ..sync.package import ImportReport, InvalidRecords
from . import receipt_cmds
from .common import EXIT_CHECK_FAILED, CliError, open_store, print_json


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("enroll", help="enroll this device with the parent office (登记)")
    esub = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    a = esub.add_parser("request", help="write this device's enrollment request")
    a.add_argument("--out", required=True)
    a.set_defaults(func=cmd_enroll_request)
    a = esub.add_parser("approve", help="(parent office) approve a request; write the response")
    a.add_argument("file")
    a.add_argument("--out", required=True)
    a.add_argument("--fingerprint", help="the fingerprint read aloud by the other office")
    a.set_defaults(func=cmd_enroll_approve)
    a = esub.add_parser("accept", help="accept the parent office's enrollment response")
    a.add_argument("file")
    a.add_argument("--fingerprint", help="the parent office's fingerprint as read aloud")
    a.set_defaults(func=cmd_enroll_accept)

    p = sub.add_parser("export", help="export the quarterly package (signed, encrypted)")
    p.add_argument("--period", required=True, help="e.g. 2026Q4")
    p.add_argument("--out", required=True)
    p.add_argument("--no-ledger", action="store_true", help="leave the .xlsx ledger out")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("restore-package",
                       help="(street) package re-provisioning a village laptop with its data")
    p.add_argument("--village", required=True, help="12-digit village code")
    p.add_argument("--period", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_restore_package)

    p = sub.add_parser("import", help="verify and import a package (then write its receipt)")
    p.add_argument("file")
    p.add_argument("--all", action="store_true", help="list every record, not only notable ones")
    p.add_argument("--json", action="store_true")
    receipt_cmds.add_import_options(p)
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("verify", help="check a package without importing it")
    p.add_argument("file")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_verify)

    p = sub.add_parser("trust", help="trusted device keys")
    tsub = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    a = tsub.add_parser("list", help="enrolled devices and their status")
    a.add_argument("--json", action="store_true")
    a.set_defaults(func=cmd_trust_list)
    a = tsub.add_parser("revoke", help="revoke a device key")
    a.add_argument("key_id")
    a.add_argument("--reason", required=True)
    a.set_defaults(func=cmd_trust_revoke)
    a = tsub.add_parser("update", help="write a signed trust-list update (revocations)")
    a.add_argument("--out", required=True)
    a.set_defaults(func=cmd_trust_update)
    a = tsub.add_parser("rotate", help="replace this device's keys; write the rotation file")
    a.add_argument("--out", required=True)
    a.set_defaults(func=cmd_trust_rotate)
    a = tsub.add_parser("import", help="apply a trust-list update or key-rotation file")
    a.add_argument("file")
    a.set_defaults(func=cmd_trust_import)
    a = tsub.add_parser("self", help="this device's key id, fingerprint and minisign public key")
    a.add_argument("--pub-out", help="write the minisign public key file here")
    a.add_argument("--json", action="store_true")
    a.set_defaults(func=cmd_trust_self)

    p = sub.add_parser("conflicts", help="field-level conflicts left by imports")
    csub = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    a = csub.add_parser("list")
    a.add_argument("--json", action="store_true")
    a.set_defaults(func=cmd_conflicts_list)
    a = csub.add_parser("resolve", help="keep this office's value or the incoming one")
    a.add_argument("id")
    a.add_argument("--keep", required=True, choices=("local", "incoming"))
    a.set_defaults(func=cmd_conflicts_resolve)

    p = sub.add_parser("duplicates", help="the same ID number in two records")
    dsub = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    a = dsub.add_parser("list")
    a.add_argument("--json", action="store_true")
    a.set_defaults(func=cmd_duplicates_list)
    a = dsub.add_parser("resolve", help="keep one record (others tombstoned) or keep both")
    a.add_argument("id")
    grp = a.add_mutually_exclusive_group(required=True)
    grp.add_argument("--keep", help="child record id to keep")
    grp.add_argument("--different", action="store_true", help="they are different children")
    a.add_argument("--note", required=True)
    a.set_defaults(func=cmd_duplicates_resolve)

    p = sub.add_parser("overview", help="which units sent their quarterly package (R6)")
    p.add_argument("--period", required=True)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_overview)

    p = sub.add_parser("review", help="record-level review of imported packages (逐条审核)")
    rsub = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    a = rsub.add_parser("list", help="the review items of a quarter and each unit's state")
    a.add_argument("--period", required=True)
    a.add_argument("--unit", help="one unit below this office (12-digit code)")
    a.add_argument("--status", choices=["pending", "passed", "returned", "answered"])
    a.add_argument("--json", action="store_true")
    a.set_defaults(func=cmd_review_list)
    a = rsub.add_parser("pass", help="pass (通过) one item")
    a.add_argument("item", help="item id (or a unique beginning of it)")
    a.add_argument("--comment", default="")
    a.set_defaults(func=cmd_review_decide, decision="pass")
    a = rsub.add_parser("return", help="return (退回) one item for correction; needs --comment")
    a.add_argument("item", help="item id (or a unique beginning of it)")
    a.add_argument("--comment", default="")
    a.set_defaults(func=cmd_review_decide, decision="return")
    a = rsub.add_parser("reopen", help="undo a pass (撤销通过): the item is pending again")
    a.add_argument("item", help="item id (or a unique beginning of it)")
    a.set_defaults(func=cmd_review_reopen)
    a = rsub.add_parser("pass-all", help="pass every item of a unit's quarter still pending")
    a.add_argument("--period", required=True)
    a.add_argument("--unit", required=True)
    a.add_argument("--comment", default="")
    a.set_defaults(func=cmd_review_pass_all)
    a = rsub.add_parser("confirm", help="a package with nothing to review: 无变化，审核通过")
    a.add_argument("--period", required=True)
    a.add_argument("--unit", required=True)
    a.set_defaults(func=cmd_review_confirm)
    a = rsub.add_parser("export-returns",
                        help="write the returned items of a unit's quarter as a signed, "
                             "encrypted review package for that unit (生成退回修改文件)")
    a.add_argument("--period", required=True)
    a.add_argument("--unit", required=True, help="the unit below this office (12-digit code)")
    a.add_argument("--out", required=True)
    a.add_argument("--json", action="store_true")
    a.set_defaults(func=cmd_review_export_returns)


def _write(path: str, data: bytes) -> None:
    try:
        Path(path).write_bytes(data)
    except OSError as exc:
        raise CliError(f"无法写入文件：{path}（{exc.__class__.__name__}）",
                       f"Cannot write {path} ({exc.__class__.__name__})") from None


def _read(path: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise CliError(f"无法读取文件：{path}（{exc.__class__.__name__}）",
                       f"Cannot read {path} ({exc.__class__.__name__})") from None


def _confirm(args: argparse.Namespace, shown: str) -> str:
    if args.fingerprint:
        return str(args.fingerprint)
    if not sys.stdin.isatty():
        raise CliError("请用 --fingerprint 给出对方电话中读出的指纹（非交互模式）",
                       "Give the fingerprint read aloud with --fingerprint (non-interactive)")
    typed = input("请输入对方电话中读出的指纹 / fingerprint read aloud: ")
    return typed if normalise_fingerprint(typed) else shown + "x"


def cmd_enroll_request(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        _write(args.out, enroll.make_request(store))
        me = DeviceIdentity.of(store)
        print(f"登记申请已写入 {args.out}\n本设备指纹（请电话读给上级单位核对）：{me.fingerprint}")
        print(f"Enrollment request written; this device's fingerprint: {me.fingerprint}")
    return 0


def cmd_enroll_approve(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        req = enroll.read_request(store, _read(args.file))
        d = req.device
        print(f"申请单位：{d['unit_name']}（{d['unit_code']}） 信息员：{d.get('officer', '')}")
        print(f"申请设备指纹：{req.fingerprint}")
        confirm = _confirm(args, req.fingerprint)
        response = enroll.approve(store, req, confirm_fingerprint=confirm)
        _write(args.out, response)
        me = DeviceIdentity.of(store)
        print(f"已批准，登记回复已写入 {args.out}。本单位指纹（请读给对方核对）：{me.fingerprint}")
        print(f"Approved; response written to {args.out}. Our fingerprint: {me.fingerprint}")
    return 0


def cmd_enroll_accept(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        resp = enroll.read_response(store, _read(args.file))
        p = resp.parent
        print(f"上级单位：{p['unit_name']}（{p['unit_code']}） 指纹：{resp.fingerprint}")
        confirm = _confirm(args, resp.fingerprint)
        enroll.accept(store, resp, confirm_fingerprint=confirm)
        print(f"登记完成：本设备的数据包将发给{p['unit_name']}。"
              f" / Enrolled with {p['unit_code']}.")
    return 0


def _export_out(result: package.ExportResult, as_json: bool, pending: int = 0) -> None:
    if as_json:
        print_json({**result.__dict__, "path": str(result.path), "pending": pending})
        return
    print(f"已导出{result.period}数据包（第{result.sequence}号）到 {result.path}，"
          f"{result.size:,} 字节，发往 {result.recipient_unit}")
    print("记录数：" + "，".join(f"{k} {v}" for k, v in result.record_counts.items()))
    if result.kind == "quarterly" and result.locked_through:
        print(f"{result.locked_through}及以前的记录已锁定：今后修改需填写更正原因（R10）。")


def cmd_export(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        pending = Registry(store).pending_count()
        if pending and not args.json:  # a notice before the export, not a refusal
            print(f"提示：有 {pending} 条记录的必填项尚待补充（导入台账时表格中没有），照常导出；"
                  "上级导入时计为“待补充”。请在下次走访时补全（工作台“待补充”清单）。", flush=True)
        result = package.export_package(store, args.period, Path(args.out),
                                        ledger=not args.no_ledger)
        _export_out(result, args.json, pending)
    return 0


def cmd_restore_package(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        result = package.export_package(store, args.period, Path(args.out), kind="restore",
                                        recipient_unit=args.village)
        _export_out(result, args.json)
    return 0


def _report_out(report: ImportReport, args: argparse.Namespace, every: bool = False,
                receipt: dict[str, Any] | None = None) -> None:
    if args.json:
        data = report.as_dict()
        if every:
            data["items"] = [i.as_dict() for i in report.items]
        if receipt:
            data["receipt"] = receipt
        print_json(data)
        return
    print(report.headline(args.lang))
    for item in (report.items if every else report.notable()):
        print("  " + item.text(args.lang))


def _rejected(exc: InvalidRecords, args: argparse.Namespace,
              receipt: dict[str, Any] | None = None) -> int:
    if args.json:
        print_json({"rejected": True, "message": exc.text("zh"),
                    "items": [i.as_dict() for i in exc.items],
                    **({"receipt": receipt} if receipt else {})})
    else:
        print(exc.text(args.lang), file=sys.stderr)
        for item in exc.items[:200]:
            print("  " + item.text(args.lang), file=sys.stderr)
    return EXIT_CHECK_FAILED


def cmd_import(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        try:
            report = package.import_package(store, Path(args.file))
        except SyncError as exc:  # the sender still gets a receipt saying why
            receipt = receipt_cmds.after_refusal(store, args, exc)
            if isinstance(exc, InvalidRecords):
                return _rejected(exc, args, receipt)
            raise
        if args.json:
            _report_out(report, args, args.all, receipt_cmds.after_import(store, args, report))
        else:
            _report_out(report, args, every=args.all)
            receipt_cmds.after_import(store, args, report)
    return 0


def cmd_verify(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        try:
            report = package.verify_package(store, Path(args.file))
        except InvalidRecords as exc:
            return _rejected(exc, args)
        if args.json:
            print_json({**report.as_dict(), "ok": True})
        elif report.already_imported or report.message_zh:  # (a receipt, 退回修改 … says itself)
            print(report.headline(args.lang))
        else:
            print(f"数据包有效：来自{report.sender_name}（{report.sender_unit}），{report.period}，"
                  f"第{report.sequence}号，签名、加密与全部记录均通过校验（未导入）。")
            print("记录数：" + "，".join(f"{k} {v}" for k, v in report.counts.items()))
    return 0


def cmd_trust_list(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        keys = SyncStore(store).keys()
        if args.json:
            print_json([k.__dict__ for k in keys])
            return 0
        rel = {"child": "下级", "parent": "上级"}
        st = {"active": "有效", "revoked": "已吊销", "rotated": "已更换"}
        for k in keys:
            print(f"{k.key_id}  {rel.get(k.relation, k.relation)}  {k.unit_code} {k.unit_name}  "
                  f"{st.get(k.status, k.status)}  指纹 {k.fingerprint}")
        if not keys:
            print("尚无登记的设备 / no enrolled devices")
    return 0


def cmd_trust_revoke(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        key = enroll.revoke(store, args.key_id, args.reason)
        print(f"已吊销 {key.unit_name}（{key.unit_code}）的设备密钥 {key.key_id}。"
              "请用 trust update 生成信任列表更新并发给相关单位。")
    return 0


def cmd_trust_update(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        _write(args.out, enroll.trust_update(store))
        print(f"信任列表更新已写入 {args.out} / trust update written")
    return 0


def cmd_trust_rotate(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        _write(args.out, enroll.rotate(store))
        me = DeviceIdentity.of(store)
        print(f"本设备已更换密钥（新指纹 {me.fingerprint}）。请把 {args.out} 交给上级和下级单位导入"
              "（leftbehind trust import）。")
    return 0


def cmd_trust_import(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        changes = enroll.import_trust_document(store, _read(args.file))
        print("已应用信任列表更新：" + ("；".join(changes) if changes else "无变化"))
    return 0


def cmd_trust_self(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        me = DeviceIdentity.of(store)
        if args.pub_out:
            _write(args.pub_out, me.public.file_text().encode())
        info: dict[str, Any] = {"unit_code": me.unit_code, "key_id": me.key_id,
                                "fingerprint": me.fingerprint,
                                "signing_key": me.signing_key, "age_recipient": me.age_recipient}
        if args.json:
            print_json(info)
        else:
            for k, v in info.items():
                print(f"{k}: {v}")
    return 0


def cmd_conflicts_list(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        items = review.open_conflicts(store)
        if args.json:
            print_json(items)
            return 0
        from ..core.forms import form

        for c in items:
            f = form(c["kind"])
            label = f.field(c["field"]).zh if f.has_field(c["field"]) else c["field"]
            print(f"{c['id'][:13]}  {f.title()} {c['record_id'][:8]} [{c['unit_code']}] "
                  f"{label}：本单位“{c['local_value']}” ↔ 报来“{c['incoming_value']}”")
        if not items:
            print("没有待处理的冲突 / no open conflicts")
    return 0


def cmd_conflicts_resolve(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        c = review.resolve_conflict(store, args.id, args.keep)
        print(f"已处理冲突 {c['id'][:13]}：保留{'本单位' if args.keep == 'local' else '报来'}的值"
              "（另一值仍保存在冲突记录中）。")
    return 0


def cmd_duplicates_list(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        items = review.open_duplicates(store)
        if args.json:
            print_json(items)
            return 0
        for d in items:
            print(f"{d['id'][:13]}  身份证号 {d['id_number'][:6]}…{d['id_number'][-4:]}  "
                  f"单位 {'、'.join(d['unit_codes'])}  记录 {'、'.join(r[:8] for r in d['record_ids'])}")
        if not items:
            print("没有待处理的重复登记 / no open duplicate cases")
    return 0


def cmd_duplicates_resolve(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        review.resolve_duplicate(store, args.id, None if args.different else args.keep,
                                 args.note)
        print("已处理重复登记。")
    return 0


def cmd_overview(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        ov = overview.overview(store, args.period)
        if args.json:
            print_json(ov.as_dict())
            return 0
        print(f"{ov.period} 报送情况（截止日期 {ov.deadline.isoformat()}）")
        for r in ov.rows:
            print(f"  {r.unit_code} {r.unit_name}  {r.state}"
                  + (f"  收到 {local_date_text(r.received_at)}" if r.received_at else "")
                  + (f"  冲突 {r.open_conflicts}" if r.open_conflicts else "")
                  + (f"  重复 {r.open_duplicates}" if r.open_duplicates else "")
                  + (f"  回执{r.receipt_text}" if r.receipt else "")
                  + ("" if r.enrolled else "  （未登记设备）"))
    return 0


def _state_line(code: str, name: str, st: dict[str, Any]) -> str:
    done = "已审核" if st["reviewed"] else "未审核"
    return (f"  {code} {name}  {done}  共 {st['total']} 条：待审核 "
            f"{st['pending'] + st['answered']}，已通过 {st['passed']}，已退回 {st['returned']}"
            + ("（无变化，已确认）" if st["confirmed"] else "")
            + ("" if st["received"] else "  （未收到数据包）"))


def cmd_review_list(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        items = review.review_items(store, args.period, args.unit, args.status)
        states = review.quarter_states(store, args.period)
        if args.unit:
            states = {args.unit: review.quarter_review_state(store, args.period, args.unit)}
        names = dict(SyncStore(store).unit_list())
        if args.json:
            print_json({"period": args.period,
                        "units": [{"unit_code": u, "unit_name": names.get(u, u), **st}
                                  for u, st in states.items()],
                        "items": items})
            return 0
        print(f"{args.period} 逐条审核")
        for u, st in states.items():
            print(_state_line(u, names.get(u, u), st))
        for i in items:
            shown = [e for e in i["summary"] if e["before"] != e["after"]]
            change = "；".join(f"{e['label_zh']}：{'' if e['before'] is None else e['before']}"
                              f" → {'' if e['after'] is None else e['after']}" for e in shown)
            print(f"{i['id']}  [{i['unit_code']}] {review.status_text(i['status'])} "
                  f"{review.change_text(i['change'])} {i['child_name'] or ''}  {change}"
                  + (f"  意见：{i['comment']}" if i["comment"] else ""))
        if not items:
            print("没有审核条目 / no review items")
    return 0


def cmd_review_decide(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        item = review.decide(store, args.item, args.decision, args.comment)
        print(f"已{'通过' if args.decision == 'pass' else '退回'}审核条目 {item['id']}。")
    return 0


def cmd_review_reopen(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        item = review.reopen(store, args.item)
        print(f"已撤销审核条目 {item['id']} 的通过，该条目重新待审核。")
    return 0


def cmd_review_pass_all(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        n = review.pass_all(store, args.period, args.unit, args.comment)
        print(f"已通过 {args.unit} 的 {n} 条待审核条目。")
    return 0


def cmd_review_confirm(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        review.confirm_no_changes(store, args.period, args.unit)
        print(f"已确认 {args.unit} 的 {args.period} 数据：{review.NO_CHANGES_NOTE}。")
    return 0


def cmd_review_export_returns(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        result = returns.export_returns(store, args.period, args.unit, Path(args.out))
        items = len(review.review_items(store, args.period, args.unit, status="returned"))
        if args.json:
            print_json({**result.__dict__, "path": str(result.path), "items": items})
            return 0
        print(f"已生成{args.unit}的{args.period}退回修改文件（第{result.sequence}号）：{result.path}，"
              f"退回 {items} 项，{result.size:,} 字节。请交给该单位在“数据交换 → 导入数据包”中导入。")
    return 0
