"""Declarative forms (``forms/*.toml``): one definition drives validation, widgets, PDF
sections and Excel columns.

A form has sections and fields. A field has a ``type`` (text, textarea, date, datetime,
choice, multichoice, bool, int, phone, id_number), zh/en labels, and optional constraints:
``required``, ``required_if``, ``show_if`` (a hidden field is neither required nor stored),
``codebook``, ``max_length``, ``min``/``max``, ``not_future``, ``not_before`` (another date
field), ``min_age`` (+ ``min_age_at``), ``id_birth``/``id_sex`` (fields an ID number must agree
with), ``default``, ``profiles`` (which recipient copies of the ledger include it);
``warn_future`` (a later date is allowed but warned about); ``system`` (set by the program,
e.g. the report an assessment belongs to: validated and stored, not an editor).

A form may name the ``columns`` its records show in a table (the child file's tabs) and
``[[warnings]]``: contradictions that do not stop a save but are shown at once
(``message`` code, the ``field`` it is shown at, ``when`` = conditions that all hold).
A ``[review]`` table makes its records items of the parent office's record-level review
(逐条审核, ``sync/review.py``): ``fields`` shown side by side, ``new`` = the change type of a
new record (new / flag / report), ``exited_if`` = the condition that makes a change an exit.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import Any

from . import idnumber
from .codebooks import Codebook, codebook, forms_dir
from .dates import age_on, parse_date, parse_datetime
from .messages import Bilingual, FieldError, Message

FIELD_TYPES = frozenset(
    {"text", "textarea", "date", "datetime", "choice", "multichoice", "bool", "int", "phone",
     "id_number"}
)
FORM_IDS = ("child", "family_member", "entrustment", "visit", "priority_flag",
            "mandatory_report", "assessment", "pairing")

MOBILE = re.compile(r"^1[3-9]\d{9}$")
LANDLINE = re.compile(r"^0\d{2,3}-?\d{7,8}(-\d{1,6})?$")


@dataclass(frozen=True)
class Condition:
    field: str
    equals: Any = None
    in_: tuple[Any, ...] | None = None

    def holds(self, record: Mapping[str, Any]) -> bool:
        value = record.get(self.field)
        if self.in_ is not None:
            return value in self.in_
        return bool(value == self.equals)

    @staticmethod
    def parse(raw: Mapping[str, Any] | None) -> Condition | None:
        if raw is None:
            return None
        in_ = raw.get("in")
        return Condition(str(raw["field"]), raw.get("equals"),
                         tuple(in_) if in_ is not None else None)


@dataclass(frozen=True)
class FieldDef:
    name: str
    section: str
    type: str
    zh: str
    en: str
    required: bool = False
    required_if: Condition | None = None
    show_if: Condition | None = None
    codebook: str | None = None
    max_length: int | None = None
    min: int | None = None
    max: int | None = None
    not_future: bool = False
    not_before: str | None = None
    min_age: int | None = None
    min_age_at: str | None = None
    id_birth: str | None = None
    id_sex: str | None = None
    default: Any = None
    profiles: tuple[str, ...] = ()
    warn_future: bool = False
    system: bool = False

    def label(self, lang: str = "zh") -> str:
        return self.en if lang == "en" else self.zh

    def book(self) -> Codebook | None:
        return codebook(self.codebook) if self.codebook else None

    def visible(self, record: Mapping[str, Any]) -> bool:
        return self.show_if is None or self.show_if.holds(record)

    def is_required(self, record: Mapping[str, Any]) -> bool:
        if not self.visible(record):
            return False
        if self.required_if is not None:
            return self.required or self.required_if.holds(record)
        return self.required

    @property
    def sql_type(self) -> str:
        return "INTEGER" if self.type in ("bool", "int") else "TEXT"


@dataclass(frozen=True)
class Section:
    id: str
    zh: str
    en: str

    def label(self, lang: str = "zh") -> str:
        return self.en if lang == "en" else self.zh


@dataclass(frozen=True)
class Warning_:
    """A contradiction worth a warning (shown at ``field``) when every ``when`` holds."""

    field: str
    message: str
    when: tuple[Condition, ...]


@dataclass(frozen=True)
class ReviewSpec:
    """``[review]`` of a form: which of its records the parent office reviews, and how."""

    fields: tuple[str, ...]
    new: str  # the change type of a new record: one of REVIEW_NEW
    exited_if: Condition | None = None


REVIEW_NEW = ("new", "flag", "report", "entrustment")  # the change types of a new record
PENDING_FORMS = ("child", "family_member", "entrustment")  # the forms a table import fills


@dataclass(frozen=True)
class FormDef:
    id: str
    table: str
    version: int
    zh: str
    en: str
    parent: str | None
    sections: tuple[Section, ...]
    fields: tuple[FieldDef, ...]
    _by_name: dict[str, FieldDef] = field(default_factory=dict, compare=False, repr=False)
    columns: tuple[str, ...] = ()
    warning_rules: tuple[Warning_, ...] = ()
    review: ReviewSpec | None = None

    def table_columns(self) -> list[FieldDef]:
        """The fields a table of these records shows (``columns``, else the first six)."""
        if self.columns:
            return [self._by_name[n] for n in self.columns]
        return [f for f in self.fields if f.type != "textarea" and not f.system][:6]

    def warnings(self, record: Mapping[str, Any], today: date | None = None) -> list[FieldError]:
        """Warnings (``FieldError.warning``) for ``record``: it may be saved, but the officer
        should look again."""
        today = today or date.today()
        out: list[FieldError] = []
        for f in self.fields:
            if f.warn_future and f.visible(record):
                d = parse_date(str(record.get(f.name) or "")[:10])
                if d is not None and d > today:
                    out.append(FieldError(f.name, Message("date_in_future_warn", {
                        "label": Bilingual(f.zh, f.en)}), warning=True))
        for w in self.warning_rules:
            if all(c.holds(record) for c in w.when):
                out.append(FieldError(w.field, Message(w.message), warning=True))
        return out

    def title(self, lang: str = "zh") -> str:
        return self.en if lang == "en" else self.zh

    def field(self, name: str) -> FieldDef:
        return self._by_name[name]

    def has_field(self, name: str) -> bool:
        return name in self._by_name

    def fields_in(self, section_id: str) -> list[FieldDef]:
        return [f for f in self.fields if f.section == section_id]

    def defaults(self) -> dict[str, Any]:
        return {f.name: f.default for f in self.fields if f.default is not None}

    def pending_fields(self) -> list[FieldDef]:
        """待补充 candidates: in a form a table import fills (:data:`PENDING_FORMS`), the
        fields required without condition (no ``show_if``, no ``required_if``). Typed input
        cannot leave one empty, but a table import whose file has no such column does; the
        record is kept with the value NULL, listed for the next home visit, and a package
        may carry it so (sync/SPEC.md)."""
        if self.id not in PENDING_FORMS:
            return []
        return [f for f in self.fields
                if f.required and f.show_if is None and f.required_if is None]

    def pending_in(self, record: Mapping[str, Any]) -> list[FieldDef]:
        """The 待补充 fields ``record`` leaves NULL (only NULL: an empty text is an error)."""
        return [f for f in self.pending_fields() if record.get(f.name) is None]

    def validate_pending_ok(self, record: Mapping[str, Any], today: date | None = None,
                            ) -> list[FieldError]:
        """:meth:`validate`, but a 待补充 field left NULL is no error (everything else,
        including the other fields' conditions, is checked as usual)."""
        null = {f.name for f in self.pending_in(record)}
        return [e for e in self.validate(record, today)
                if not (e.field in null and e.message.code == "required")]

    def profile_fields(self, profile: str) -> list[FieldDef]:
        if profile == "full":
            return list(self.fields)
        return [f for f in self.fields if profile in f.profiles]

    # -- validation ------------------------------------------------------------------------
    def validate(
        self,
        record: Mapping[str, Any],
        today: date | None = None,
        allow_unknown: frozenset[str] = frozenset(),
    ) -> list[FieldError]:
        """All field errors of ``record`` (empty list: valid). Does not modify it."""
        today = today or date.today()
        errors: list[FieldError] = []
        for key in record:
            if key not in self._by_name and key not in allow_unknown:
                errors.append(FieldError(key, Message("unknown_field", {"field": key})))
        for f in self.fields:
            errors.extend(_check_field(f, self, record, today))
        return errors

    def clean(self, record: Mapping[str, Any]) -> dict[str, Any]:
        """The stored form of a valid record: hidden fields dropped, values normalised."""
        out: dict[str, Any] = {}
        for f in self.fields:
            value = record.get(f.name)
            if not f.visible(record) or _empty(value):
                out[f.name] = None
                continue
            if f.type == "id_number":
                info = idnumber.parse(str(value))
                out[f.name] = info.number if isinstance(info, idnumber.IdInfo) else value
            elif f.type == "multichoice" and isinstance(value, list | tuple):
                out[f.name] = list(value)
            elif f.type == "bool":
                out[f.name] = bool(value)
            elif f.type in ("text", "textarea", "phone"):
                out[f.name] = str(value).strip()
            else:
                out[f.name] = value
        return out


def _empty(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    return isinstance(value, list | tuple) and not value


_TEXT_TYPES = frozenset({"text", "textarea", "phone", "id_number", "choice", "date", "datetime"})


def _check_field(
    f: FieldDef, form: FormDef, record: Mapping[str, Any], today: date
) -> list[FieldError]:
    """The errors of one field; the hot path of every validation (imports validate
    hundreds of thousands of records), so the common valid cases return early."""
    if f.show_if is not None and not f.show_if.holds(record):
        return []
    value: Any = record.get(f.name)

    def err(code: str, **params: Any) -> list[FieldError]:
        return [FieldError(f.name, Message(code, {"label": Bilingual(f.zh, f.en), **params}))]

    if _empty(value):
        return err("required") if f.is_required(record) else []
    t = f.type
    if t in _TEXT_TYPES and not isinstance(value, str):
        return err("not_a_text")
    if t == "choice":
        if f.codebook is not None and value not in codebook(f.codebook).values:
            return err("not_in_codebook", value=value)
        return []
    if t in ("text", "textarea"):
        if f.max_length is not None and len(value) > f.max_length:
            return err("too_long", max=f.max_length)
        return []
    if t == "bool":
        return [] if isinstance(value, bool) else err("not_a_bool")
    if t == "date":
        d = parse_date(value)
        if d is None or d.year < 1900:
            return err("not_a_date")
        if f.not_future or f.not_before or f.min_age is not None:
            return _check_date(f, form, record, d, today, Bilingual(f.zh, f.en))
        return []
    if t == "phone":
        digits = value.strip().replace(" ", "")
        if not (MOBILE.match(digits) or LANDLINE.match(digits)):
            return err("bad_phone")
        return []
    if t == "multichoice":
        if not isinstance(value, list | tuple):
            return err("not_a_list")
        book = f.book()
        for v in value:
            if book is not None and v not in book:
                return err("not_in_codebook", value=v)
        return []
    if t == "int":
        if isinstance(value, bool) or not isinstance(value, int):
            return err("not_an_integer")
        if (f.min is not None and value < f.min) or (f.max is not None and value > f.max):
            return err("out_of_range", min=f.min, max=f.max)
        return []
    if t == "datetime":
        dt = parse_datetime(value)
        if dt is None or dt.year < 1900:
            return err("not_a_date")
        return _check_date(f, form, record, dt.date(), today, Bilingual(f.zh, f.en))
    if t == "id_number":
        label = Bilingual(f.zh, f.en)
        info = idnumber.parse(value, label, today, f.name)
        if isinstance(info, FieldError):
            return [info]
        birth = parse_date(record.get(f.id_birth)) if f.id_birth else None
        sex = record.get(f.id_sex) if f.id_sex else None
        return idnumber.check_against(info, birth, sex if isinstance(sex, str) else None,
                                      label, f.name)
    return []


def _check_date(
    f: FieldDef, form: FormDef, record: Mapping[str, Any], d: date, today: date, label: Bilingual
) -> list[FieldError]:
    if f.not_future and d > today:
        return [FieldError(f.name, Message("date_in_future", {"label": label}))]
    if f.not_before:
        other = parse_date(record.get(f.not_before))
        if other is not None and d < other:
            return [FieldError(f.name, Message("date_before", {
                "label": label, "other": Bilingual(form.field(f.not_before).zh,
                                                   form.field(f.not_before).en)}))]
    if f.min_age is not None:
        at = parse_date(record.get(f.min_age_at)) if f.min_age_at else None
        age = age_on(d, at or today)
        if age < f.min_age:
            return [FieldError(f.name, Message("guardian_under_18", {"value": age}))]
    return []


def _parse_form(raw: dict[str, Any]) -> FormDef:
    sections = tuple(Section(s["id"], s["zh"], s["en"]) for s in raw.get("sections", []))
    section_ids = {s.id for s in sections}
    fields: list[FieldDef] = []
    for fr in raw["fields"]:
        if fr["type"] not in FIELD_TYPES:
            raise ValueError(f"form {raw['id']}: field {fr['name']}: unknown type {fr['type']}")
        if fr["section"] not in section_ids:
            raise ValueError(f"form {raw['id']}: field {fr['name']}: unknown section")
        if fr.get("codebook"):
            codebook(fr["codebook"])  # fail early on a typo
        fields.append(FieldDef(
            name=fr["name"], section=fr["section"], type=fr["type"], zh=fr["zh"], en=fr["en"],
            required=bool(fr.get("required", False)),
            required_if=Condition.parse(fr.get("required_if")),
            show_if=Condition.parse(fr.get("show_if")),
            codebook=fr.get("codebook"), max_length=fr.get("max_length"),
            min=fr.get("min"), max=fr.get("max"), not_future=bool(fr.get("not_future", False)),
            not_before=fr.get("not_before"), min_age=fr.get("min_age"),
            min_age_at=fr.get("min_age_at"), id_birth=fr.get("id_birth"),
            id_sex=fr.get("id_sex"), default=fr.get("default"),
            profiles=tuple(fr.get("profiles", ())),
            warn_future=bool(fr.get("warn_future", False)),
            system=bool(fr.get("system", False)),
        ))
    names = {f.name for f in fields}
    columns = tuple(raw.get("columns", ()))
    rules = tuple(Warning_(str(w["field"]), str(w["message"]),
                           tuple(c for c in (Condition.parse(x) for x in w["when"]) if c))
                  for w in raw.get("warnings", ()))
    review = None
    if "review" in raw:
        rv = raw["review"]
        review = ReviewSpec(tuple(rv["fields"]), str(rv.get("new", "new")),
                            Condition.parse(rv.get("exited_if")))
        if review.new not in REVIEW_NEW:
            raise ValueError(f"form {raw['id']}: review.new must be one of {REVIEW_NEW}")
    for ref in (*columns, *(w.field for w in rules),
                *(c.field for w in rules for c in w.when),
                *(review.fields if review else ()),
                *((review.exited_if.field,) if review and review.exited_if else ())):
        if ref not in names:
            raise ValueError(f"form {raw['id']}: unknown field {ref} in columns/warnings/review")
    form = FormDef(raw["id"], raw["table"], int(raw["version"]), raw["zh"], raw["en"],
                   raw.get("parent"), sections, tuple(fields), columns=columns,
                   warning_rules=rules, review=review)
    form._by_name.update({f.name: f for f in fields})
    return form


@cache
def forms() -> dict[str, FormDef]:
    """All form definitions, by id."""
    out: dict[str, FormDef] = {}
    for form_id in FORM_IDS:
        text = forms_dir().joinpath(f"{form_id}.toml").read_text("utf-8")
        out[form_id] = _parse_form(tomllib.loads(text))
    return out


def form(form_id: str) -> FormDef:
    return forms()[form_id]
