"""Export commands: ``leftbehind pdf`` (child files, 一人一档) and ``leftbehind ledger``
(quarterly Excel ledger, 信息台账)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..core.messages import UserError
from ..exports.fonts import FontNotFound
from ..store.search import ChildFilter
from .common import EXIT_USAGE, CliError, open_registry


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("pdf", help="print child files (一人一档) to PDF")
    who = p.add_mutually_exclusive_group(required=True)
    who.add_argument("child_id", nargs="?", help="one child's id")
    who.add_argument("--village", metavar="CODE", help="every registered child of a village")
    who.add_argument("--all", action="store_true", help="every registered child")
    p.add_argument("--out", required=True, metavar="PATH",
                   help="PDF file (one child or --combined) or folder (one PDF per child)")
    p.add_argument("--combined", action="store_true",
                   help="one PDF with a table of contents instead of one file per child")
    p.set_defaults(func=cmd_pdf)

    p = sub.add_parser("ledger", help="write the quarterly ledger (信息台账) as .xlsx")
    p.add_argument("--period", required=True, help="quarter, e.g. 2026Q4")
    p.add_argument("--profile", choices=("full", "education", "police"), default="full",
                   help="full, or the copy for the education bureau / the police")
    p.add_argument("--out", required=True, metavar="FILE.xlsx")
    p.set_defaults(func=cmd_ledger)


def _progress(done: int, total: int) -> None:
    if sys.stderr.isatty():
        print(f"\r{done}/{total}", end="" if done < total else "\n", file=sys.stderr)


def cmd_pdf(args: argparse.Namespace) -> int:
    from ..exports.child_pdf import render_child_files

    with open_registry(args) as reg:
        if args.child_id:
            reg.get("child", args.child_id)  # not found → exit 1 with a clear message
            ids = [args.child_id]
        else:
            ids = reg.child_ids(ChildFilter(unit_code=args.village) if args.village
                                else ChildFilter())
        if not ids:
            raise CliError("没有符合条件的儿童", "No child matches")
        out = Path(args.out)
        if len(ids) > 1 and not args.combined and out.suffix.lower() == ".pdf":
            raise CliError("多名儿童请指定文件夹，或加 --combined 合订为一个PDF",
                           "Several children: give a folder, or --combined for one PDF",
                           EXIT_USAGE)
        try:
            paths = render_child_files(reg, ids, out, combined=args.combined,
                                       progress=_progress)
        except FontNotFound:
            raise CliError(FontNotFound.zh, FontNotFound.en) from None
        except OSError as exc:
            raise CliError(f"无法写入：{exc.strerror or exc.__class__.__name__}",
                           f"Cannot write: {exc.strerror or exc.__class__.__name__}") from None
    for path in paths:
        print(path)
    return 0


def cmd_ledger(args: argparse.Namespace) -> int:
    from ..exports.ledger import write_ledger

    with open_registry(args) as reg:
        try:
            path = write_ledger(reg, args.period, Path(args.out), profile=args.profile,
                                progress=_progress)
        except UserError:
            raise
        except OSError as exc:
            raise CliError(f"无法写入：{exc.strerror or exc.__class__.__name__}",
                           f"Cannot write: {exc.strerror or exc.__class__.__name__}") from None
    print(path)
    return 0
