"""What an import (or dry run) found, row by row: plain data for the report, the CLI and
the wizard."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .headers import Layout
from .rows import Problem


@dataclass(slots=True)
class RowReport:
    row: int
    action: str  # new | update | unchanged | rejected
    name: str = ""
    changes: dict[str, list[Any]] = field(default_factory=dict)  # "儿童.性别" → [old, new]
    pending: list[str] = field(default_factory=list)  # labels of 待补充 fields
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # values implied by another cell


@dataclass
class ImportReport:
    file: str
    sheet: str
    dry_run: bool
    layout: Layout
    rows: list[RowReport] = field(default_factory=list)
    rejected_cells: list[tuple[int, list[Any], list[Problem]]] = field(default_factory=list)
    flags_raised: int = 0
    report_prompts: list[tuple[int, str, str]] = field(default_factory=list)  # row, name, situation
    header_merges: list[tuple[tuple[int, int], tuple[int, int]]] = field(default_factory=list)

    def count(self, action: str) -> int:
        return sum(1 for r in self.rows if r.action == action)

    @property
    def pending_rows(self) -> int:
        return sum(1 for r in self.rows if r.pending and r.action != "rejected")

    def summary(self) -> dict[str, int]:
        return {"rows": len(self.rows), "new": self.count("new"), "update": self.count("update"),
                "unchanged": self.count("unchanged"), "rejected": self.count("rejected"),
                "pending": self.pending_rows, "flags_raised": self.flags_raised}
