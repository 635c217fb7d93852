"""Finding the header of a sheet (title rows above it, one to three header rows, merged
group cells) and which column holds which field."""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from ..core.messages import UserError
from .config import UNIT_FIELD, Vocabulary, norm_header, vocabulary
from .reader import Cell, Merge
from .values import text_of

MAX_TITLE_ROWS = 15
MAX_DEPTH = 3


def column_letter(index: int) -> str:
    out = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        out = chr(65 + rem) + out
    return out


def column_index(letter: str) -> int | None:
    letter = letter.strip().upper()
    if not letter.isalpha() or not letter.isascii() or len(letter) > 3:
        return None
    n = 0
    for ch in letter:
        n = n * 26 + ord(ch) - 64
    return n - 1


@dataclass
class Column:
    index: int
    path: tuple[str, ...]  # header texts, top to bottom
    target: str | None  # "role.field", None: not imported
    auto: str | None = None  # what was found by itself (shown next to a correction)

    @property
    def letter(self) -> str:
        return column_letter(self.index)

    @property
    def header(self) -> str:
        return " / ".join(self.path)


@dataclass
class Layout:
    header_first: int  # 0-based row of the first header row
    header_rows: int
    columns: list[Column] = field(default_factory=list)
    source: str = "auto"  # auto | saved | file

    @property
    def data_start(self) -> int:
        return self.header_first + self.header_rows

    def signature(self) -> str:
        """Identifies a file "of the same shape": its header texts, column by column."""
        shape = [[norm_header(p) for p in c.path] for c in self.columns]
        return hashlib.sha256(json.dumps(shape, ensure_ascii=False).encode()).hexdigest()[:24]

    def mapping(self) -> dict[str, str | None]:
        return {c.letter: c.target for c in self.columns}

    def with_mapping(self, mapping: Mapping[str, str | None], source: str) -> Layout:
        """The same layout with targets taken from ``mapping`` (column letter or header text
        → target or None); columns not named keep theirs."""
        vocab = vocabulary()
        known = set(vocab.targets())
        by_header = {norm_header(c.header): c.letter for c in self.columns}
        by_header.update({norm_header(c.path[-1]): c.letter for c in self.columns if c.path})
        wanted: dict[str, str | None] = {}
        for key, target in mapping.items():
            letter = key.upper() if column_index(key) is not None else by_header.get(norm_header(key))
            if letter is None:
                raise UserError("mapping_column", f"对应关系中的列“{key}”在表格中找不到",
                                f"Column \u201c{key}\u201d of the mapping is not in the sheet")
            if target is not None and target not in known:
                raise UserError("mapping_target", f"对应关系中的“{target}”不是可导入的字段",
                                f"\u201c{target}\u201d in the mapping is not a field that can be imported")
            wanted[letter] = target
        cols = [replace(c, target=wanted.get(c.letter, c.target), auto=c.auto) for c in self.columns]
        return replace(self, columns=cols, source=source)

    def duplicate_targets(self) -> list[str]:
        seen: dict[str, int] = {}
        for c in self.columns:
            if c.target:
                seen[c.target] = seen.get(c.target, 0) + 1
        return [t for t, n in seen.items() if n > 1]


_PARENS = re.compile(r"[（(][^）)]*[）)]")


def map_path(path: Sequence[str], vocab: Vocabulary) -> str | None:
    """The target of a column headed ``path`` (top to bottom), or None; a header with an
    explanation in brackets (出生日期（年月日）) is tried without it too."""
    target = _map_path(path, vocab)
    if target is None and path and _PARENS.search(path[-1]):
        bare = _PARENS.sub("", unicodedata.normalize("NFKC", path[-1]))
        if bare.strip():
            target = _map_path((*path[:-1], bare), vocab)
    return target


def _map_path(path: Sequence[str], vocab: Vocabulary) -> str | None:
    if not path:
        return None
    last = norm_header(path[-1])
    if not last or last in vocab.ignore:
        return None
    roles = vocab.roles
    for upper in reversed(path[:-1]):
        role_id = vocab.group_role(upper)
        if role_id is not None:
            role = roles[role_id]
            name = role.headers.get(last) or _strip_group(last, role_id, vocab)
            if name is None and vocab.group_role(path[-1]) == role_id:
                name = role.name_field
            return f"{role_id}.{name}" if name else None
    child = roles["child"]
    if last in child.headers:
        return f"child.{child.headers[last]}"
    lone = vocab.group_role(path[-1])
    if lone is not None:
        return f"{lone}.{roles[lone].name_field}"
    for role_id in roles:
        name = _strip_group(last, role_id, vocab)
        if name is not None:
            return f"{role_id}.{name}"
    # a header only one person's form has (与儿童关系: the guardian's)
    owners = [r for r in roles.values() if r.id != "child" and last in r.headers]
    if len(owners) == 1:
        return f"{owners[0].id}.{owners[0].headers[last]}"
    return None


def _sorted_groups(vocab: Vocabulary, role_id: str) -> list[str]:
    return sorted((g for g, r in vocab.group_index.items() if r == role_id), key=len, reverse=True)


def _strip_group(header: str, role_id: str, vocab: Vocabulary) -> str | None:
    role = vocab.roles[role_id]
    for g in _sorted_groups(vocab, role_id):
        if header.startswith(g) and len(header) > len(g):
            rest = header[len(g):].lstrip("的")
            if rest in role.headers:
                return role.headers[rest]
    return None


def _filled(rows: list[list[Cell]], first: int, depth: int, merges: Sequence[Merge]
            ) -> list[tuple[str, ...]]:
    width = max((len(rows[r]) for r in range(first, first + depth)), default=0)
    grid = [[text_of(rows[r][c]) if c < len(rows[r]) else "" for c in range(width)]
            for r in range(first, first + depth)]
    if merges:
        for (r0, c0), (r1, c1) in merges:
            if r0 < first or r0 >= first + depth:
                continue
            value = grid[r0 - first][c0] if c0 < width else ""
            for r in range(r0, min(r1, first + depth - 1) + 1):
                for c in range(c0, min(c1, width - 1) + 1):
                    if r == r0:
                        grid[r - first][c] = value
    else:  # CSV: a group header stands over the empty cells to its right
        for r in range(depth - 1):
            carry = ""
            for c in range(width):
                if grid[r][c]:
                    carry = grid[r][c]
                elif carry and any(grid[k][c] for k in range(r + 1, depth)):
                    grid[r][c] = carry
                else:
                    carry = ""
    paths: list[tuple[str, ...]] = []
    for c in range(width):
        path: list[str] = []
        for r in range(depth):
            t = grid[r][c]
            if t and (not path or path[-1] != t):
                path.append(t)
        paths.append(tuple(path))
    return paths


def detect(rows: list[list[Cell]], merges: Sequence[Merge] = ()) -> Layout:
    """The header rows and column targets of a sheet from its first rows."""
    vocab = vocabulary()
    best: tuple[int, int, int] | None = None  # (score, -depth, -first)
    best_layout: Layout | None = None
    for first in range(min(MAX_TITLE_ROWS, len(rows))):
        if not any(text_of(c) for c in rows[first]):
            continue
        for depth in range(1, MAX_DEPTH + 1):
            if first + depth > len(rows):
                break
            if depth > 1 and len({t for c in rows[first] if (t := text_of(c))}) < 2:
                continue  # a title line above the header is not part of it
            paths = _filled(rows, first, depth, merges)
            targets = [map_path(p, vocab) for p in paths]
            distinct = {t for t in targets if t}
            # most fields found; then the earliest data start (never a data row taken as
            # header); then the deepest header (its group rows belong to it)
            score = (len(distinct), -(first + depth), depth)
            if best is None or score > best:
                best = score
                cols = [Column(i, p, t, t) for i, (p, t) in enumerate(zip(paths, targets, strict=True))]
                seen: set[str] = set()
                for c in cols:  # the same target twice: keep the first, the officer decides
                    if c.target in seen:
                        c.target = None
                    elif c.target:
                        seen.add(c.target)
                best_layout = Layout(first, depth, cols)
    if best is None or best_layout is None or best[0] < 2 or not any(
            c.target in ("child.name", "child.id_number") for c in best_layout.columns):
        raise UserError("table_no_header", "没有找到表头：表格前15行中没有“姓名”“身份证号”等列标题",
                        "No header found: the first 15 rows have no column titles such as 姓名 or 身份证号")
    return best_layout


def describe(layout: Layout) -> list[dict[str, Any]]:
    """The mapping as the report and the wizard show it."""
    vocab = vocabulary()
    out = []
    for c in layout.columns:
        if not c.path and not c.target:
            continue
        out.append({"column": c.letter, "header": c.header, "target": c.target,
                    "label": vocab.target_label(c.target) if c.target else "（不导入）"})
    return out


__all__ = ["UNIT_FIELD", "Column", "Layout", "column_index", "column_letter", "describe", "detect",
           "map_path"]
