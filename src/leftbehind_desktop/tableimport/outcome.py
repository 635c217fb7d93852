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


KEEP_OTHER_ROWS = 2000  # new / unchanged rows kept one by one (the rest are counted)


@dataclass
class ImportReport:
    """Counts for every row; one by one every rejected or updated row (what the officer must
    look at) and the first ``KEEP_OTHER_ROWS`` others — so a 100,000-row file does not hold
    100,000 row reports."""

    file: str
    sheet: str
    dry_run: bool
    layout: Layout
    rows: list[RowReport] = field(default_factory=list)
    rejected_cells: list[tuple[int, list[Any], list[Problem]]] = field(default_factory=list)
    flags_raised: int = 0
    report_prompts: list[tuple[int, str, str]] = field(default_factory=list)  # row, name, situation
    header_merges: list[tuple[tuple[int, int], tuple[int, int]]] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)  # action → rows
    pending_counts: dict[str, int] = field(default_factory=dict)  # 待补充 label → rows
    note_counts: dict[str, int] = field(default_factory=dict)  # implied value → rows
    pending_rows: int = 0
    _others: int = 0

    def add(self, item: RowReport) -> None:
        self.counts[item.action] = self.counts.get(item.action, 0) + 1
        if item.action != "rejected":
            if item.pending:
                self.pending_rows += 1
            for label in item.pending:
                self.pending_counts[label] = self.pending_counts.get(label, 0) + 1
            for note in item.notes:
                self.note_counts[note] = self.note_counts.get(note, 0) + 1
        if item.action in ("rejected", "update"):
            self.rows.append(item)
        elif self._others < KEEP_OTHER_ROWS:
            self._others += 1
            self.rows.append(item)

    def count(self, action: str) -> int:
        return self.counts.get(action, 0)

    def summary(self) -> dict[str, int]:
        return {"rows": sum(self.counts.values()), "new": self.count("new"), "update": self.count("update"),
                "unchanged": self.count("unchanged"), "rejected": self.count("rejected"),
                "pending": self.pending_rows, "flags_raised": self.flags_raised}
