"""``leftbehind import-table``: bring in a ledger kept in Excel/WPS (导入已有台账);
``leftbehind import-template``: the blank template; ``leftbehind import-villages``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..core.messages import UserError
from .common import CliError, open_registry, print_json


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("import-table", help="import a ledger spreadsheet (.xlsx .xls .ods .csv)")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--sheet", metavar="NAME", help="sheet name (default: the first with a header)")
    p.add_argument("--mapping", metavar="FILE",
                   help="JSON: column letter or header → field (e.g. father.name), null = skip")
    p.add_argument("--unit", metavar="VILLAGE",
                   help="village name or code for rows without a village column (street stores)")
    p.add_argument("--dry-run", action="store_true", help="check and report only, write nothing")
    p.add_argument("--rejected", metavar="FILE.xlsx",
                   help="write the rows that cannot be imported, with a 问题 column")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_import_table)

    p = sub.add_parser("import-template", help="write the blank ledger template (.xlsx, drop-down lists)")
    p.add_argument("out", metavar="FILE.xlsx")
    p.add_argument("--with-village", action="store_true", help="add a 村（社区） column (street offices)")
    p.set_defaults(func=cmd_template)

    p = sub.add_parser("import-villages", help="street office: import its villages (names and codes)")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--sheet", metavar="NAME")
    p.add_argument("--dry-run", action="store_true")
    p.set_defaults(func=cmd_villages)


def _progress(done: int, total: int) -> None:
    if sys.stderr.isatty():
        print(f"\r{done}/{total}", end="" if done < total else "\n", file=sys.stderr)


def cmd_import_table(args: argparse.Namespace) -> int:
    from ..store import tableimport as service
    from ..tableimport import report as rep
    from ..tableimport.source import open_source, read_mapping_file

    source = open_source(Path(args.file), args.sheet)
    try:
        with open_registry(args) as reg:
            layout = source.layout
            if args.mapping:
                layout = layout.with_mapping(read_mapping_file(Path(args.mapping)), "file")
            else:
                saved = service.saved_mapping(reg, layout.signature())
                if saved is not None:
                    layout = layout.with_mapping(saved, "saved")
            job = service.TableImport(reg, source.sheet, layout, file_name=source.path.name,
                                      sheet_name=source.sheet_name, unit=args.unit)
            report = job.run(dry_run=args.dry_run, progress=_progress)
            if not args.dry_run:
                service.save_mapping(reg, layout)
        report.header_merges = source.header_merges
        rejected_path = None
        if args.rejected and report.rejected_cells:
            try:
                rejected_path = rep.write_rejected(report, source.header_rows, Path(args.rejected))
            except OSError as exc:
                raise CliError(f"无法写入：{exc.strerror or exc.__class__.__name__}",
                               f"Cannot write: {exc.strerror or exc.__class__.__name__}") from None
    finally:
        source.close()
    if args.json:
        out = rep.report_json(report)
        out["rejected_file"] = str(rejected_path) if rejected_path else None
        print_json(out)
    else:
        print(f"工作表：{report.sheet}（表头第{layout.header_first + 1}–{layout.data_start}行，"
              f"对应关系：{ {'auto': '自动识别', 'saved': '上次保存', 'file': '对应关系文件'}[layout.source] }）")
        for line in rep.row_lines(report):
            print(line)
        print(rep.summary_text(report))
        if rejected_path:
            print(f"未导入的行已写入：{rejected_path}（改正后可再次导入）")
    return 0


def cmd_template(args: argparse.Namespace) -> int:
    from ..tableimport.template import write_template

    try:
        print(write_template(Path(args.out), with_unit=args.with_village))
    except OSError as exc:
        raise CliError(f"无法写入：{exc.strerror or exc.__class__.__name__}",
                       f"Cannot write: {exc.strerror or exc.__class__.__name__}") from None
    return 0


def cmd_villages(args: argparse.Namespace) -> int:
    from ..store.tableimport import import_villages
    from ..tableimport.villages import read_villages

    rows = read_villages(Path(args.file), args.sheet)
    with open_registry(args) as reg:
        if args.dry_run:
            print(f"共{len(rows)}个村（社区），未写入。")
            return 0
        count, problems = import_villages(reg, rows)
    if problems:
        for line in problems:
            print(line, file=sys.stderr)
        raise UserError("villages_rejected", "村（社区）名单有误，未导入任何内容",
                        "The village list has errors; nothing was imported")
    print(f"已导入{count}个村（社区）。")
    return 0
