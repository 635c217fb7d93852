"""汇总分析 on the command line: ``leftbehind stats`` (the figures, ``--json`` or a table) and
``--pdf`` (the quarterly 分析报告; ``leftbehind report`` is the mandatory reports' command)."""

from __future__ import annotations

import argparse
import unicodedata
from datetime import date
from pathlib import Path
from typing import Any

from ..core import stats as defs
from ..core.dates import format_date, local_date_text, quarter_label
from .common import CliError, open_store, print_json


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("stats", help="the figures of a quarter (汇总分析), per unit and in total")
    p.add_argument("--period", required=True, help="quarter, e.g. 2026Q4")
    p.add_argument("--unit", metavar="CODE",
                   help="a unit within this office's area (default: this office)")
    out = p.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help="machine-readable output")
    out.add_argument("--pdf", metavar="FILE.pdf",
                     help="write the quarterly analysis report (分析报告) as PDF instead")
    p.set_defaults(func=cmd_stats)



def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int, right: bool = False) -> str:
    gap = " " * max(0, width - _width(text))
    return gap + text if right else text + gap


def _table(head: list[str], rows: list[list[str]]) -> list[str]:
    widths = [max(_width(r[i]) for r in [head, *rows]) for i in range(len(head))]
    out = []
    for n, row in enumerate([head, *rows]):
        out.append("  ".join(_pad(cell, widths[i], right=i > 0 and n > 0)
                             for i, cell in enumerate(row)).rstrip())
        if n == 0:
            out.append("  ".join("-" * w for w in widths))
    return out


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


def stats_lines(d: dict[str, Any], lang: str = "zh") -> list[str]:
    """The figures as a readable text table (labels, never codes)."""
    en = lang == "en"
    scope = d["scope"]
    cut = format_date(date.fromisoformat(d["cutoff"]), lang)
    lines = [(f"Summary · {scope['unit_name']} ({scope['unit_code']}) · "
              f"{quarter_label(d['period'], lang)} · cut-off {cut}") if en else
             (f"汇总分析 · {scope['unit_name']}（{scope['unit_code']}） · "
              f"{quarter_label(d['period'], lang)} · 统计截止日期 {cut}"), ""]
    sexes = defs.codes("sex")
    bands = defs.codes("age_band")
    head = (["Unit", "Children", *(defs.label("sex", s, lang) for s in sexes),
             *(defs.label("age_band", b, lang) for b in bands), "Visited at home",
             "Open reports", "No valid entrustment"] if en else
            ["单位", "儿童数", *(defs.label("sex", s, lang) for s in sexes),
             *(defs.label("age_band", b, lang) for b in bands), "当月入户走访",
             "未结案强制报告", "缺少有效委托监护"])

    def row(name: str, f: dict[str, Any]) -> list[str]:
        ch, cov = f["children"], f["home_visit_coverage"]
        return [name, str(ch["total"]), *(str(ch["by_sex"].get(s, 0)) for s in sexes),
                *(str(ch["by_age_band"].get(b, 0)) for b in bands),
                f"{cov['visited']}/{cov['active']} {_pct(cov['share'])}",
                str(f["reports"]["open"]), str(f["entrustment_gaps"])]

    rows = [row(u["unit_name"], u) for u in d["units"]]
    rows.append(row("Total" if en else "合计", d["total"]))
    lines += _table(head, rows)
    lines.append("Visited at home: children with a home visit (not a phone call) in the month "
                  "of the cut-off date." if en else
                  "当月入户走访：统计截止日期所在月份有入户走访（电话随访、学校走访不计）的儿童／在册儿童。")
    total = d["total"]
    for dim, figures, title in (
            ("guardianship", total["children"]["by_guardianship"], ("监护类型", "Guardianship")),
            ("priority_reason", total["children"]["by_priority_reason"],
             ("重点对象原因（人数）", "Priority reason (children)")),
            ("report_age", total["reports"]["by_age"],
             ("未结案强制报告（已报告时长）", "Open reports by time open"))):
        lines += ["", title[1 if en else 0] + (":" if en else "：")]
        pairs = [[defs.label(dim, code, lang) if code else ("not filled in" if en else "未填写"),
                  str(n)] for code, n in figures.items()]
        lines += ["  " + line for line in _table(["", ""], pairs)[2:]]
    if d["trend"]:
        lines += ["", "Trend:" if en else "趋势："]
        lines += _table(["Quarter", "Children", "Visited at home", "Open reports"] if en
                        else ["季度", "儿童数", "当月入户走访覆盖率", "未结案强制报告"],
                        [[quarter_label(t["period"], lang), str(t["children_total"]),
                          _pct(t["home_visit_coverage"]), str(t["open_reports"])]
                         for t in d["trend"]])
    if d["packages"]:
        lines += ["", "Quarterly packages:" if en else "季度数据包报送："]
        lines += _table(["Unit", "State", "Received"] if en else ["单位", "状态", "收到时间"],
                        [[p["unit_name"], defs.label("package_state", p["state"], lang),
                          local_date_text(p["received_at"], lang) or "—"] for p in d["packages"]])
    return lines


def cmd_stats(args: argparse.Namespace) -> int:
    from ..store import stats

    defs.cutoff(args.period, date.today())  # a bad period is told before the passphrase
    if args.pdf:
        return _pdf(args)
    with open_store(args) as store:
        result = stats.compute(store, args.period, args.unit).as_dict()
    if args.json:
        print_json(result)
        return 0
    print("\n".join(stats_lines(result, args.lang)))
    return 0


def _pdf(args: argparse.Namespace) -> int:
    from ..exports.fonts import FontNotFound
    from ..exports.report_pdf import render_report

    with open_store(args) as store:
        try:
            path = render_report(store, args.period, args.unit, Path(args.pdf))
        except FontNotFound:
            raise CliError(FontNotFound.zh, FontNotFound.en) from None
    print(path)
    return 0
