"""The import vocabulary (``forms/tableimport.toml``) joined with the forms: which header
means which field of which person's record, and which typed value means which codebook value."""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from ..core.codebooks import forms_dir
from ..core.forms import FieldDef, FormDef, form

UNIT_FIELD = "_unit"  # pseudo-field of the child role: the village (name or code)
_STRIP = re.compile(r"[\s*＊:：()（）\[\]【】<>《》\"'“”‘’]+")


def norm_header(text: str) -> str:
    """A header as compared: NFKC, without spaces, line breaks, '*' and brackets."""
    return _STRIP.sub("", unicodedata.normalize("NFKC", text)).lower()


@dataclass(frozen=True)
class Role:
    id: str
    zh: str
    form: FormDef
    fixed: dict[str, Any]
    groups: tuple[str, ...]
    name_field: str
    headers: dict[str, str] = field(default_factory=dict)  # normalised header → field name

    def field_label(self, name: str) -> str:
        if name == UNIT_FIELD:
            return "村（社区）"
        return self.form.field(name).zh

    def fields(self) -> list[FieldDef]:
        """The fields a column can fill (the fixed ones come from the role)."""
        return [f for f in self.form.fields if f.name not in self.fixed]


@dataclass(frozen=True)
class Vocabulary:
    roles: dict[str, Role]
    ignore: frozenset[str]
    value_synonyms: dict[str, dict[str, str]]  # codebook → typed (normalised) → value
    prefix_books: frozenset[str]
    implied: dict[str, dict[str, tuple[str, Any]]] = field(default_factory=dict)  # form → field → (from, value)
    _groups: dict[str, str] = field(default_factory=dict, compare=False, repr=False)

    def group_role(self, text: str) -> str | None:
        return self.group_index.get(norm_header(text))

    @property
    def group_index(self) -> dict[str, str]:
        """normalised group header → role (the first role naming it)."""
        index = self._groups
        if not index:
            for role in self.roles.values():
                for g in role.groups:
                    index.setdefault(norm_header(g), role.id)
        return index

    def target_label(self, target: str) -> str:
        role_id, name = target.split(".", 1)
        role = self.roles[role_id]
        label = role.field_label(name)
        return label if role_id == "child" else f"{role.zh}{label}"

    def targets(self) -> list[str]:
        """Every ``role.field`` a column can be mapped to, in form order."""
        out: list[str] = []
        for role in self.roles.values():
            out.extend(f"{role.id}.{f.name}" for f in role.fields())
            if role.id == "child":
                out.append(f"child.{UNIT_FIELD}")
        return out


@cache
def vocabulary() -> Vocabulary:
    raw = tomllib.loads(forms_dir().joinpath("tableimport.toml").read_text("utf-8"))
    roles: dict[str, Role] = {}
    for role_id, body in raw["roles"].items():
        f = form(body["form"])
        headers: dict[str, str] = {}
        for fd in f.fields:  # the form's own labels first …
            headers.setdefault(norm_header(fd.zh), fd.name)
        for name, variants in raw["fields"].get(f.id, {}).items():  # … then the variants
            if name != UNIT_FIELD and not f.has_field(name):
                raise ValueError(f"tableimport.toml: {f.id} has no field {name}")
            for v in variants:
                headers[norm_header(v)] = name
        fixed = dict(body.get("fixed", {}))
        for name in fixed:
            headers = {k: v for k, v in headers.items() if v != name}
        if role_id != "child":
            headers = {k: v for k, v in headers.items() if v != UNIT_FIELD}
        roles[role_id] = Role(role_id, body["zh"], f, fixed, tuple(body["groups"]),
                              body["name_field"], headers)
    values = raw.get("values", {})
    synonyms = {book: {unicodedata.normalize("NFKC", k).strip(): v for k, v in table.items()}
                for book, table in values.items() if isinstance(table, dict)}
    implied = {form_id: {name: (str(rule["from"]), rule["value"]) for name, rule in table.items()}
               for form_id, table in raw.get("implied", {}).items()}
    return Vocabulary(roles, frozenset(norm_header(i) for i in raw.get("ignore", [])), synonyms,
                      frozenset(values.get("prefix", [])), implied)
