"""The registry service: validated, audited writes and the reads the app and CLI need.

Every write runs in one transaction together with its audit events and the automatic
priority flags it causes. Callers get plain dicts back, never cursors.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..core import idnumber, rules, units
from ..core.dates import age_on, local_time, parse_date, quarter_label
from ..core.forms import FORM_IDS, FormDef, form
from ..core.ids import utc_now, uuid7
from ..core.messages import Bilingual, FieldError, Message, UserError, ValidationFailed
from . import pending, search, worklists
from .audit import AuditLog
from .records import columns, form_values, from_row, row_values, to_row
from .schema import record_columns
from .store import Store

KINDS = FORM_IDS
DATE_FIELD = {"visit": "visit_date", "entrustment": "start_date", "priority_flag": "opened_on",
              "mandatory_report": "reported_at", "assessment": "assessed_on",
              "pairing": "start_date", "family_member": "relation"}


@dataclass
class SaveResult:
    record: dict[str, Any]
    warnings: list[FieldError] = field(default_factory=list)
    raised_flags: list[str] = field(default_factory=list)  # automatic reasons newly opened
    prompt_report: bool = False  # R2, rule 1: offer to record a mandatory report now
    report_situation: str | None = None  # … and the situation to report (三(一)1-2)
    prompt_assessment: bool = False  # rule 6: a report was recorded; the assessment follows
    changed: bool = True


def _form(kind: str) -> FormDef:
    if kind not in KINDS:
        raise UserError("unknown_kind", f"未知的记录类型：{kind}", f"Unknown record type: {kind}")
    return form(kind)


class Registry:
    def __init__(self, store: Store, today: Callable[[], date] = date.today):
        self.store = store
        self.conn = store.conn
        self.today = today

    # == reads ==============================================================================
    def _select(self, kind: str, where: str, params: Iterable[Any]) -> list[dict[str, Any]]:
        f = _form(kind)
        cols = ", ".join(f'"{c}"' for c in record_columns(f))
        cur = self.conn.execute(f'SELECT {cols} FROM "{f.table}" WHERE {where}', tuple(params))
        names = [d[0] for d in cur.description]
        return [from_row(f, dict(zip(names, row, strict=True))) for row in cur]

    def get(self, kind: str, record_id: str, include_deleted: bool = False) -> dict[str, Any]:
        rows = self._select(kind, "id = ?", (record_id,))
        if not rows or (rows[0]["deleted"] and not include_deleted):
            raise UserError("not_found")
        return rows[0]

    def children_records(self, kind: str, child_id: str) -> list[dict[str, Any]]:
        rows = self._select(kind, "child_id = ? AND deleted = 0", (child_id,))
        key = DATE_FIELD.get(kind, "created_at")
        rows.sort(key=lambda r: (str(r.get(key) or ""), r["created_at"]), reverse=True)
        return rows

    def child_file(self, child_id: str) -> dict[str, Any]:
        """Everything about one child (一人一档), each section newest first."""
        child = self.get("child", child_id)
        out: dict[str, Any] = {"child": child}
        for kind in KINDS[1:]:
            out[kind] = self.children_records(kind, child_id)
        out["history"] = self.history(child_id)
        out["village_name"] = self.unit_name(child["unit_code"])
        return out

    def first_data_day(self) -> date:
        """The (Beijing) day this office's data begins: the store's creation or its oldest
        child record, whichever is earlier (demo and imported data reach back)."""
        row = self.conn.execute("SELECT min(created_at) FROM child").fetchone()
        stamps = [s for s in (row[0] if row else None, self.store.setting("created_at")) if s]
        days = [d.date() for d in map(local_time, stamps) if d is not None]
        return min(days) if days else self.today()

    def file_numbers(self, unit_code: str) -> dict[str, str]:
        """档案编号 of every child of a village: its unit code and the child's place in the
        order of registration (``210213001001-0007``). Removed children keep their numbers,
        so a number is never reused."""
        rows = self.conn.execute(
            "SELECT id FROM child WHERE unit_code = ? ORDER BY created_at, id", (unit_code,))
        return {str(cid): f"{unit_code}-{n:04d}" for n, (cid,) in enumerate(rows, start=1)}

    def file_number(self, child: Mapping[str, Any]) -> str:
        return self.file_numbers(str(child["unit_code"])).get(str(child["id"]),
                                                               str(child["unit_code"]))

    def history(self, child_id: str) -> list[dict[str, Any]]:
        cur = self.conn.execute(
            "SELECT seq, at, officer, action, entity, record_id, detail FROM audit_event "
            "WHERE child_id = ? ORDER BY seq DESC", (child_id,))
        names = [d[0] for d in cur.description]
        return [dict(zip(names, row, strict=True)) for row in cur]

    def unit_name(self, code: str) -> str:
        row = self.conn.execute("SELECT name FROM unit WHERE code = ?", (code,)).fetchone()
        return str(row[0]) if row else code

    def list_units(self) -> list[units.Unit]:
        return [units.Unit(c, n) for c, n in
                self.conn.execute("SELECT code, name FROM unit ORDER BY code")]

    def add_unit(self, code: str, name: str) -> None:
        """Register a unit (a village of this street, a street of this district)."""
        if not units.is_unit_code(code) or not units.contains(self.store.unit_code, code):
            raise UserError("unit_outside", "该单位不属于本单位管辖范围",
                            "That unit is not within this office's area")
        if not units.is_known(code):
            raise UserError("unknown_unit_code",
                            f"区划代码{code}不是大连金普新区的街道或村（社区）代码（国家统计局2023年版）",
                            f"{code} is not a street or village code of 大连金普新区 (NBS 2023)")
        with self.store.transaction() as audit:
            self.conn.execute(
                "INSERT OR REPLACE INTO unit (code, name, level, parent_code) VALUES (?,?,?,?)",
                (code, name, units.level_of(code).value, units.parent_of(code)))
            audit.append("unit.set", "unit", code, None, {"name": name})

    # == validation =========================================================================
    def _validate(self, kind: str, values: Mapping[str, Any],
                  child: Mapping[str, Any] | None, creating: bool,
                  record_id: str | None = None) -> list[FieldError]:
        f = _form(kind)
        today = self.today()
        errors = f.validate(values, today)
        if kind == "priority_flag" and child is not None and values.get("status") == "开放":
            # one open flag per reason: a second would be counted twice and chased twice
            reason = values.get("reason")
            row = self.conn.execute(
                "SELECT 1 FROM priority_flag WHERE child_id = ? AND reason = ? AND status = '开放'"
                " AND deleted = 0 AND id != ? LIMIT 1",
                (child["id"], reason, record_id or "")).fetchone()
            if row is not None and isinstance(reason, str):
                label = form("priority_flag").field("reason").book()
                errors.append(FieldError("reason", Message("duplicate_open_flag", {
                    "value": Bilingual(reason, label.label(reason, "en") if label else reason)})))
        if kind == "child" and creating and values.get("status", "在册") == "在册":
            birth = parse_date(values.get("birth_date"))
            if birth is not None and age_on(birth, today) >= rules.CHILD_AGE_LIMIT:
                errors.append(FieldError("birth_date", Message("child_too_old")))
        if kind == "assessment" and child is not None and values.get("report_ref"):
            row = self.conn.execute(
                "SELECT 1 FROM mandatory_report WHERE id = ? AND child_id = ? AND deleted = 0",
                (str(values["report_ref"]), child["id"])).fetchone()
            if row is None:
                errors.append(FieldError("report_ref", Message("report_ref_unknown")))
        if child is not None:
            birth = parse_date(child.get("birth_date"))
            for fd in f.fields:
                if fd.type not in ("date", "datetime") or fd.name == "guardian_birth_date":
                    continue
                d = parse_date(str(values.get(fd.name) or "")[:10])
                if birth and d and d < birth and kind != "family_member":
                    errors.append(FieldError(fd.name, Message("visit_before_birth")))
        return errors

    def _identity_checks(self, f: FormDef, values: Mapping[str, Any],
                         current: Mapping[str, Any] | None) -> list[FieldError]:
        """R8: a 15-digit number converted is said (a warning); a child's ID number already
        registered for another child in this store is refused, naming that child; the same
        name and birth date as another child warns. Returns the warnings."""
        notices: list[FieldError] = []
        for fd in f.fields:
            raw = values.get(fd.name)
            if fd.type != "id_number" or not raw or not fd.visible(values):
                continue
            info = idnumber.parse(str(raw))
            if isinstance(info, idnumber.IdInfo) and info.converted_from_legacy:
                notices.append(FieldError(fd.name, Message(
                    "id_legacy_converted", {"label": Bilingual(fd.zh, fd.en), "value": info.number}),
                    warning=True))
        if f.id != "child":
            return notices
        own = current["id"] if current else ""
        number = f.clean(values).get("id_number")
        if number and (current is None or number != current.get("id_number")):
            # (an unchanged number is not re-checked: a street may hold the same child from
            # two villages as a suspected duplicate until it is resolved)
            row = self.conn.execute(
                "SELECT name, unit_code, birth_date FROM child WHERE id_number = ? AND deleted = 0"
                " AND id != ? LIMIT 1", (number, own)).fetchone()
            if row is not None:
                raise ValidationFailed([FieldError("id_number", Message("id_duplicate", {
                    "label": Bilingual(f.field("id_number").zh, f.field("id_number").en), "value": number,
                    "name": row[0], "village": self.unit_name(str(row[1])), "birth": row[2]}))])
        name = str(values.get("name") or "").strip()
        birth = values.get("birth_date")
        if name and birth and (current is None or name != current.get("name")
                               or str(birth) != str(current.get("birth_date"))):
            row = self.conn.execute(
                "SELECT name, unit_code FROM child WHERE name = ? AND birth_date = ? AND deleted = 0"
                " AND id != ? LIMIT 1", (name, str(birth), own)).fetchone()
            if row is not None:
                notices.append(FieldError("name", Message("name_birth_duplicate", {
                    "name": row[0], "village": self.unit_name(str(row[1]))}), warning=True))
        return notices

    def _check_unit(self, unit_code: str) -> None:
        if not units.is_unit_code(unit_code) or not units.contains(self.store.unit_code,
                                                                   unit_code):
            raise UserError("unit_outside", "该单位不属于本单位管辖范围",
                            "That unit is not within this office's area")
        if units.level_of(unit_code) is not units.Level.VILLAGE:
            raise UserError("unit_not_village", "儿童只能登记在村（社区）一级",
                            "Children are registered at village (community) level")
        if not units.is_known(unit_code):
            raise UserError("unknown_unit_code",
                            f"区划代码{unit_code}不是大连金普新区的村（社区）代码（国家统计局2023年版）",
                            f"{unit_code} is not a village code of 大连金普新区 (NBS 2023)")

    # == writes =============================================================================
    def add(self, kind: str, data: Mapping[str, Any], *, child_id: str | None = None,
            unit_code: str | None = None, reason: str | None = None) -> SaveResult:
        """Validate and store a new record (with its audit event and automatic flags).

        R10: a record dated in a reported (locked) quarter — by its own dates, not the day it
        is typed — needs ``reason``; so does a side effect on a locked child (a visit that
        changes the living arrangement)."""
        f = _form(kind)
        values = {**f.defaults(), **data}
        child: dict[str, Any] | None = None
        if f.parent == "child":
            if not child_id:
                raise UserError("missing_child", "缺少儿童编号（child_id）", "child_id is missing")
            child = self.get("child", child_id)
            unit = child["unit_code"]
        else:
            unit = unit_code or self.store.unit_code
            self._check_unit(unit)
        errors = self._validate(kind, values, child, creating=True)
        if errors:
            raise ValidationFailed(errors)
        notices = self._identity_checks(f, values, None)
        now = utc_now()
        record: dict[str, Any] = {
            "id": uuid7(), "unit_code": unit, "created_at": now, "updated_at": now,
            "updated_by": self.store.device_id, "version": 1, "deleted": False,
            "amendment_reason": None, **f.clean(values)}
        if child_id:
            record["child_id"] = child_id
        record["amendment_reason"] = self._amendment_reason(kind, [record], reason)
        with self.store.transaction() as audit:
            self._insert(f, record)
            target_child = child_id or record["id"]
            detail: dict[str, Any] = {"fields": sorted(k for k, v in f.clean(values).items()
                                                       if v is not None)}
            if record["amendment_reason"]:
                detail["reason"] = record["amendment_reason"]
            audit.append("record.create", kind, record["id"], target_child, detail)
            result = SaveResult(record, warnings=notices)
            self._after_write(kind, record, target_child, audit, result, reason)
        if kind == "mandatory_report":
            result.prompt_assessment = True
        return result

    def update(self, kind: str, record_id: str, changes: Mapping[str, Any], *,
               expected_version: int | None = None, reason: str | None = None) -> SaveResult:
        f = _form(kind)
        current = self.get(kind, record_id)
        if expected_version is not None and current["version"] != expected_version:
            raise UserError("stale_version")
        for key in changes:
            if not f.has_field(key):
                raise ValidationFailed([FieldError(key, Message("unknown_field",
                                                                {"field": key}))])
        values = {**form_values(f, current), **changes}
        child = self.get("child", current["child_id"]) if f.parent == "child" else None
        errors = self._validate(kind, values, child, creating=False, record_id=record_id)
        if errors:
            raise ValidationFailed(errors)
        notices = self._identity_checks(f, values, current)
        clean = f.clean(values)
        diff = {k: [current.get(k), v] for k, v in clean.items() if current.get(k) != v}
        if not diff:
            return SaveResult(current, changed=False)
        record = {**current, **clean}
        reason = self._amendment_reason(kind, [current, record], reason)
        record = {**current, **clean, "updated_at": utc_now(),
                  "updated_by": self.store.device_id, "version": current["version"] + 1,
                  "amendment_reason": reason}
        with self.store.transaction() as audit:
            self._update_row(f, record)
            child_id = current.get("child_id") or record_id
            detail: dict[str, Any] = {"changes": diff, "version": record["version"]}
            if reason:
                detail["reason"] = reason
            audit.append("record.amend" if reason else "record.update", kind, record_id,
                         child_id, detail)
            result = SaveResult(record, warnings=notices)
            self._after_write(kind, record, child_id, audit, result, reason)
        return result

    def delete(self, kind: str, record_id: str, reason: str) -> None:
        """Tombstone a record (never a hard delete of reported data)."""
        f = _form(kind)
        current = self.get(kind, record_id)
        if not reason.strip():
            raise UserError("reason_required", "删除记录需要填写原因", "Deleting needs a reason")
        reason = self._amendment_reason(kind, [current], reason) or reason
        record = {**current, "deleted": True, "updated_at": utc_now(),
                  "updated_by": self.store.device_id, "version": current["version"] + 1,
                  "amendment_reason": reason}
        with self.store.transaction() as audit:
            self._update_row(f, record)
            audit.append("record.delete", kind, record_id, current.get("child_id") or record_id,
                         {"reason": reason, "version": record["version"]})

    def _amendment_reason(self, kind: str, versions: Sequence[Mapping[str, Any]],
                          reason: str | None, code: str = "locked_quarter") -> str | None:
        """R10: a write that touches a reported (locked) quarter — by the record's own dates
        (:func:`rules.locked_quarter`) before or after the change — needs a reason."""
        quarter = rules.locked_quarter(kind, versions, self.store.setting("locked_through"))
        if quarter is not None:
            if not reason or not reason.strip():
                raise UserError(code, value=Bilingual(quarter_label(quarter, "zh"),
                                                      quarter_label(quarter, "en")))
            return reason.strip()
        return None

    def _insert(self, f: FormDef, record: Mapping[str, Any]) -> None:
        row = to_row(f, record)
        cols = ", ".join(f'"{c}"' for c in row)
        marks = ", ".join("?" for _ in row)
        self.conn.execute(f'INSERT INTO "{f.table}" ({cols}) VALUES ({marks})',
                          tuple(row.values()))

    def _update_row(self, f: FormDef, record: Mapping[str, Any]) -> None:
        row = to_row(f, record)
        row.pop("id")
        sets = ", ".join(f'"{c}" = ?' for c in row)
        self.conn.execute(f'UPDATE "{f.table}" SET {sets} WHERE id = ?',
                          (*row.values(), record["id"]))

    # -- side effects of a write (inside its transaction) ---------------------------------
    def _after_write(self, kind: str, record: dict[str, Any], child_id: str,
                     audit: AuditLog, result: SaveResult, reason: str | None = None) -> None:
        if kind in ("priority_flag", "mandatory_report", "assessment", "pairing"):
            return
        child = self.get("child", child_id)
        if child["status"] != "在册":
            return
        today = self.today()
        if kind == "visit" and not record.get("deleted"):
            child = self._visit_side_effect(record, child, audit, result, reason)
        family = self.children_records("family_member", child_id)
        if rules.lives_alone(child, today):
            result.warnings.append(FieldError("living_arrangement", Message("lives_alone"),
                                              warning=True))
        situation = rules.report_prompt(child, family,
                                        self.children_records("mandatory_report", child_id),
                                        today)
        if situation is not None:
            result.prompt_report = True
            result.report_situation = situation
            if situation != rules.SITUATION_ALONE:
                result.warnings.append(FieldError("status", Message("parents_unable_report"),
                                                  warning=True))
        wanted = rules.auto_flag_causes(child, family, today)
        open_reasons = {f["reason"] for f in self.children_records("priority_flag", child_id)
                        if f["status"] == "开放"}
        flag_form = form("priority_flag")
        for flag_reason, cause in wanted.items():
            if flag_reason in open_reasons:
                continue
            now = utc_now()
            flag = {"id": uuid7(), "unit_code": child["unit_code"], "created_at": now,
                    "updated_at": now, "updated_by": self.store.device_id, "version": 1,
                    "deleted": False, "amendment_reason": None, "child_id": child_id,
                    **flag_form.clean({"reason": flag_reason, "source": "自动",
                                       "detail": cause, "opened_on": today.isoformat(),
                                       "designated_person": self.store.officer,
                                       "status": "开放"})}
            self._insert(flag_form, flag)
            audit.append("record.create", "priority_flag", flag["id"], child_id,
                         {"fields": ["reason"], "auto": flag_reason})
            result.raised_flags.append(flag_reason)

    def apply_rules(self, as_of: date | None = None) -> list[tuple[str, str]]:
        """Raise the automatic priority flags the current rules call for but no write has
        raised yet (a store written under older rules: rule 1's parent situations, rule 3's
        ages), for every registered child, in one transaction with an audit event per flag;
        then record ``rules_version``. Returns (child id, reason) of each flag raised."""
        today = as_of or self.today()
        cols = ("id", "unit_code", "birth_date", "living_arrangement", "guardianship_grade",
                "schooling", "hukou_registered", "status")
        children = [dict(zip(cols, row, strict=True)) for row in self.conn.execute(
            f"SELECT {', '.join(cols)} FROM child WHERE status = '在册' AND deleted = 0")]
        family: dict[str, list[dict[str, Any]]] = {}
        for cid, relation, status, since in self.conn.execute(
                "SELECT child_id, relation, status, status_since FROM family_member "
                "WHERE deleted = 0 AND relation IN ('父亲', '母亲')"):
            family.setdefault(cid, []).append({"relation": relation, "status": status,
                                               "status_since": since})
        open_flags: dict[str, set[str]] = {}
        for cid, reason in self.conn.execute(
                "SELECT child_id, reason FROM priority_flag WHERE deleted = 0 AND status = '开放'"):
            open_flags.setdefault(cid, set()).add(reason)
        raised: list[tuple[str, str]] = []
        flag_form = form("priority_flag")
        with self.store.transaction() as audit:
            for child in children:
                child["hukou_registered"] = bool(child["hukou_registered"])
                have = open_flags.get(child["id"], set())
                for reason, cause in rules.auto_flag_causes(
                        child, family.get(child["id"], []), today).items():
                    if reason in have:
                        continue
                    now = utc_now()
                    flag = {"id": uuid7(), "unit_code": child["unit_code"], "created_at": now,
                            "updated_at": now, "updated_by": self.store.device_id,
                            "version": 1, "deleted": False, "amendment_reason": None,
                            "child_id": child["id"],
                            **flag_form.clean({"reason": reason, "source": "自动",
                                               "detail": cause, "opened_on": today.isoformat(),
                                               "designated_person": self.store.officer,
                                               "status": "开放"})}
                    self._insert(flag_form, flag)
                    audit.append("record.create", "priority_flag", flag["id"], child["id"],
                                 {"fields": ["reason"], "auto": reason,
                                  "rules_version": rules.RULES_VERSION})
                    raised.append((child["id"], reason))
            self.store.set_setting("rules_version", str(rules.RULES_VERSION), audit)
        return raised

    def rules_outdated(self) -> bool:
        """True when this store's flags were raised under older rules (see apply_rules)."""
        return self.store.setting("rules_version") != str(rules.RULES_VERSION)

    def _visit_side_effect(self, record: dict[str, Any], child: dict[str, Any],
                           audit: AuditLog, result: SaveResult, reason: str | None
                           ) -> dict[str, Any]:
        """Rule 2: the newest home visit tells how the child lives now; a phone or school
        contact changes it only to 单独居住 (never away from it) and otherwise asks for a
        home visit to verify. R10: changing a locked child needs the write's reason."""
        child_id = child["id"]
        found = record.get("living_arrangement")
        if not rules.applies_living_arrangement(record, child["living_arrangement"]):
            if found and found != child["living_arrangement"] \
                    and not rules.counts_as_home_visit(record):
                result.warnings.append(FieldError("living_arrangement",
                                                  Message("verify_at_home"), warning=True))
            return child
        if record["visit_date"] < self._latest_visit_date(child_id, exclude=record["id"]):
            return child  # an older visit typed late: the newer home visit stands
        amend = self._amendment_reason("child", [child], reason, "locked_quarter_child")
        updated = {**child, "living_arrangement": found, "updated_at": utc_now(),
                   "version": child["version"] + 1, "updated_by": self.store.device_id,
                   "amendment_reason": amend or child.get("amendment_reason")}
        self._update_row(form("child"), updated)
        detail: dict[str, Any] = {"changes": {"living_arrangement": [child["living_arrangement"],
                                                                     found]},
                                  "version": updated["version"], "cause": "visit"}
        if amend:
            detail["reason"] = amend
        audit.append("record.amend" if amend else "record.update", "child", child_id,
                     child_id, detail)
        return updated

    def _latest_visit_date(self, child_id: str, exclude: str) -> str:
        """The newest home visit's date (rule 2: only home visits set the arrangement)."""
        row = self.conn.execute(
            "SELECT max(visit_date) FROM visit WHERE child_id = ? AND deleted = 0 AND id != ? "
            "AND coalesce(visit_type, '入户走访') = '入户走访'",
            (child_id, exclude)).fetchone()
        return str(row[0] or "")

    # == drafts (autosaved form input, inside the encrypted store) ========================
    def save_draft(self, key: str, form_id: str, data: str) -> None:
        with self.store.transaction():
            self.conn.execute(
                "INSERT OR REPLACE INTO draft (key, form_id, data, updated_at) VALUES (?,?,?,?)",
                (key, form_id, data, utc_now()))

    def load_draft(self, key: str) -> str | None:
        row = self.conn.execute("SELECT data FROM draft WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def drop_draft(self, key: str) -> None:
        with self.store.transaction():
            self.conn.execute("DELETE FROM draft WHERE key = ?", (key,))

    def drafts(self) -> list[tuple[str, str, str]]:
        return [(str(k), str(f), str(u)) for k, f, u in self.conn.execute(
            "SELECT key, form_id, updated_at FROM draft ORDER BY updated_at DESC")]

    @contextmanager
    def reading(self) -> Iterator[Registry]:
        """This registry's reads on a separate read-only connection (see ``Store.reader``),
        for a worker thread that must not hold the app's connection for seconds."""
        with self.store.reader() as conn:
            other = Registry(self.store, self.today)
            other.conn = conn
            yield other

    # == search and work lists ==============================================================
    def count_children(self, flt: search.ChildFilter | None = None) -> int:
        return search.count_children(self.conn, flt or search.ChildFilter())

    def child_ids(self, flt: search.ChildFilter | None = None, order_by: str = "name",
                  descending: bool = False, limit: int | None = None) -> list[str]:
        return search.child_ids(self.conn, flt or search.ChildFilter(), order_by, descending,
                                limit)

    def child_rows(self, ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        return search.child_rows(self.conn, ids)

    def children_by_unit(self) -> dict[str, int]:
        """Registered children per village (unit code), for choosing a village to print."""
        return search.children_by_unit(self.conn)

    def search(self, query: str, limit: int = 50, **filters: Any) -> list[dict[str, Any]]:
        """Children matching ``query`` (and filters), as display rows, in name order."""
        ids = self.child_ids(search.ChildFilter(query=query, **filters), limit=limit)
        rows = self.child_rows(ids)
        return [rows[i] for i in ids if i in rows]

    def due_list(self, as_of: date | None = None, limit: int | None = None,
                 offset: int = 0) -> list[worklists.DueItem]:
        return worklists.due_list(self.conn, as_of or self.today(),
                                  self.store.int_setting("priority_interval_days", 14),
                                  limit, offset)

    def due_counts(self, as_of: date | None = None) -> dict[str, int]:
        return worklists.due_counts(self.conn, as_of or self.today(),
                                    self.store.int_setting("priority_interval_days", 14))

    def workbench(self, as_of: date | None = None, limit: int | None = None
                  ) -> worklists.Workbench:
        """Every work list (each its first ``limit`` rows when given; totals in full)."""
        return worklists.workbench(self.conn, as_of or self.today(),
                                   self.store.int_setting("priority_interval_days", 14), limit)

    def pending_count(self) -> int:
        """Live records still 待补充 (a field required without condition left empty)."""
        return pending.pending_count(self.conn)

    # == bulk (demo data, imports) ==========================================================
    def bulk_insert(self, records: Mapping[str, Sequence[Mapping[str, Any]]],
                    action: str = "record.create", validate: bool = True,
                    audit: AuditLog | None = None) -> int:
        """Insert complete records (with meta columns) of several kinds.

        Every record is validated against its form first; nothing is written unless all
        pass. One audit event per record, in the same transaction. Inside an open
        transaction pass its ``audit``; otherwise one is opened here.
        """
        today = self.today()
        if validate:
            for kind, rows in records.items():
                f = _form(kind)
                allow = frozenset(record_columns(f))
                for rec in rows:
                    errors = f.validate(rec, today, allow_unknown=allow)
                    if errors:
                        raise ValidationFailed(errors)
        if audit is None:
            with self.store.transaction() as a:
                return self.bulk_insert(records, action, validate=False, audit=a)
        count = 0
        events: list[tuple[str, str, str | None, str | None, dict[str, Any]]] = []
        for kind, rows in records.items():
            if not rows:
                continue
            f = _form(kind)
            cols = columns(f)
            sql = (f'INSERT INTO "{f.table}" ({", ".join(chr(34) + c + chr(34) for c in cols)}) '
                   f'VALUES ({", ".join("?" for _ in cols)})')
            self.conn.executemany(sql, [row_values(f, r) for r in rows])
            for r in rows:
                events.append((action, kind, r["id"], r.get("child_id") or r["id"],
                               {"version": r.get("version", 1)}))
            count += len(rows)
        audit.append_many(events)
        return count

    def add_demo_units(self, unit_list: Sequence[units.Unit]) -> None:
        with self.store.transaction() as audit:
            for u in unit_list:
                self.conn.execute(
                    "INSERT OR IGNORE INTO unit (code, name, level, parent_code) VALUES (?,?,?,?)",
                    (u.code, u.name, u.level.value, u.parent))
            audit.append("unit.set", "unit", None, None, {"count": len(unit_list)})

    def count_children_for(self, query: str, **filters: Any) -> int:
        """How many children match ``query`` (the registry's count line)."""
        return self.count_children(search.ChildFilter(query=query, **filters))
