"""Codebooks (allowed values of choice fields), loaded from ``forms/codebooks.toml``."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import cache
from importlib import resources


@dataclass(frozen=True)
class Codebook:
    name: str
    zh: str
    en: str
    values: tuple[str, ...]  # stored values (Chinese terms of the national form)
    english: dict[str, str]
    chinese: dict[str, str] = field(default_factory=dict)  # shown text when not the value

    def label(self, value: str, lang: str = "zh") -> str:
        if lang == "en":
            return self.english.get(value, value)
        return self.chinese.get(value, value)

    def __contains__(self, value: object) -> bool:
        return value in self.values


def forms_dir() -> resources.abc.Traversable:
    return resources.files("leftbehind_desktop").joinpath("forms")


@cache
def codebooks() -> dict[str, Codebook]:
    data = tomllib.loads(forms_dir().joinpath("codebooks.toml").read_text("utf-8"))
    books: dict[str, Codebook] = {}
    for name, body in data.items():
        if not isinstance(body, dict):
            continue
        pairs = [(str(v[0]), str(v[1])) for v in body["values"]]
        shown = {str(v[0]): str(v[2]) for v in body["values"] if len(v) > 2}
        books[name] = Codebook(
            name, body["zh"], body["en"], tuple(p[0] for p in pairs), dict(pairs), shown
        )
    return books


def codebook(name: str) -> Codebook:
    return codebooks()[name]
