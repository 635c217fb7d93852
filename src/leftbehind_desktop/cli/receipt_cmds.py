"""Receipts (回执): ``leftbehind receipt list|save``, and the receipt written after
``leftbehind import`` (beside the package, or ``--receipt-out FILE``; ``--no-receipt``)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ..core.dates import local_time_text, quarter_label
from ..store.receipts import ReceiptStore
from ..store.store import Store
from ..sync import receipts
from .common import CliError, open_store, print_json


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("receipt", help="receipts (回执) written for imported packages")
    rsub = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    a = rsub.add_parser("list", help="receipts written here (and received, --received)")
    a.add_argument("--period")
    a.add_argument("--received", action="store_true",
                   help="the receipts this office imported from its parent office")
    a.add_argument("--json", action="store_true")
    a.set_defaults(func=cmd_list)
    a = rsub.add_parser("save", help="write the receipt of an imported package to a file")
    a.add_argument("--package", required=True, metavar="ID",
                   help="the id of the package received (or of the receipt)")
    a.add_argument("--out", required=True, metavar="FILE")
    a.set_defaults(func=cmd_save)


def add_import_options(p: argparse.ArgumentParser) -> None:
    grp = p.add_mutually_exclusive_group()
    grp.add_argument("--no-receipt", action="store_true",
                     help="do not write the receipt file (it is still kept here)")
    grp.add_argument("--receipt-out", metavar="FILE",
                     help="write the receipt here (default: beside the package, NAME-回执.lbpkg)")


def _target(args: argparse.Namespace) -> Path | None:
    if getattr(args, "no_receipt", False):
        return None
    if getattr(args, "receipt_out", None):
        return Path(args.receipt_out)
    return receipts.default_path(Path(args.file))


def _say(args: argparse.Namespace, written: receipts.Written | None, refused: bool) -> dict[str, Any]:
    """One line about the receipt (stderr after a refusal, so stdout stays the report)."""
    if written is None:
        return {}
    r = written.receipt
    info = {"receipt_id": r.receipt_id if r else None, "outcome": r.outcome if r else None,
            "path": str(written.path) if written.path else None,
            "error": written.error.text(args.lang) if written.error else None}
    if args.json:
        return info
    out = sys.stderr if refused else sys.stdout
    if written.path is not None:
        print(("Receipt for the sender written to " if args.lang == "en" else "给发送单位的回执已写到 ")
              + str(written.path), file=out)
    elif written.error is not None:
        print(written.error.text(args.lang), file=out)
    elif r is None:
        return info
    elif args.lang == "en":
        print(f"Receipt kept here, not written (--no-receipt): leftbehind receipt save "
              f"--package {r.package_id} --out FILE", file=out)
    else:
        print(f"回执已保存在本机，未写出文件（--no-receipt）：可用 leftbehind receipt save "
              f"--package {r.package_id} --out 文件 另存", file=out)
    return info


def after_import(store: Store, args: argparse.Namespace, report: Any) -> dict[str, Any]:
    """After an import that went through: the receipt made, kept and (by default) written."""
    return _say(args, receipts.answer_import(store, report, _target(args)), False)


def after_refusal(store: Store, args: argparse.Namespace, exc: BaseException) -> dict[str, Any]:
    """After a refused import: its receipt (when the package authenticated), written only."""
    target = _target(args)
    if target is None:
        return {}  # a refusal's receipt is not kept: --no-receipt means none
    return _say(args, receipts.answer_refusal(store, Path(args.file), exc, target), True)


def cmd_list(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        rs = ReceiptStore(store)
        if args.received:
            rows_in = [ri for ri in rs.ins() if args.period in (None, ri.period)]
            if args.json:
                print_json([{**ri.__dict__, "summary": receipts.summary_text(ri.content, "zh")}
                            for ri in rows_in])
                return 0
            for ri in rows_in:
                print(f"{quarter_label(ri.period, args.lang)}  {ri.outcome}  "
                      f"{local_time_text(ri.imported_at, args.lang)}  "
                      f"{receipts.summary_text(ri.content, args.lang)}")
            return 0
        rows = rs.outs(period=args.period)
        if args.json:
            print_json([{**r.__dict__, "state": receipts.out_state(r)} for r in rows])
            return 0
        states = receipts.STATE_EN if args.lang == "en" else receipts.STATE_ZH
        for r in rows:
            state = receipts.out_state(r)
            print(f"{r.unit_code}  {quarter_label(r.period, args.lang)}  {r.outcome}  "
                  f"{states[state]}  package {r.package_id}  receipt {r.receipt_id}"
                  + (f"  → {r.saved_to}" if r.saved_to else ""))
    return 0


def cmd_save(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        receipt = receipts.stored_for(store, args.package)
        if receipt is None:
            raise CliError(f"本机没有数据包 {args.package} 的回执"
                           "（被拒绝的数据包不保存回执：请重新导入该数据包以再次生成）",
                           f"No receipt kept here for package {args.package} (a refused "
                           "package's receipt is not kept: import the package again to make it)")
        path = receipts.save(store, receipt, Path(args.out))
        print(("Receipt written to " if args.lang == "en" else "回执已写到 ") + str(path))
    return 0
