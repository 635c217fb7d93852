"""Schema and migrations. Record tables are generated from ``forms/*.toml``.

``PRAGMA user_version`` records the schema version. Each migration runs in one transaction
with the version bump. A store newer than this program is refused (no silent downgrade).
Fields added to a form later are added as columns on open (``ensure_form_columns``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..core.forms import PENDING_FORMS, FormDef, forms
from ..core.messages import UserError

META_COLUMNS: dict[str, str] = {
    "id": "TEXT PRIMARY KEY",
    "unit_code": "TEXT NOT NULL",
    "created_at": "TEXT NOT NULL",
    "updated_at": "TEXT NOT NULL",
    "updated_by": "TEXT NOT NULL",
    "version": "INTEGER NOT NULL",
    "deleted": "INTEGER NOT NULL DEFAULT 0",
    "amendment_reason": "TEXT",
}
RECORD_KINDS = ("child", "family_member", "entrustment", "visit", "priority_flag",
                "mandatory_report", "assessment", "pairing")


def record_columns(form: FormDef) -> dict[str, str]:
    cols = dict(META_COLUMNS)
    if form.parent == "child":
        cols["child_id"] = "TEXT NOT NULL"
    for f in form.fields:
        cols[f.name] = f.sql_type
    if form.id == "child":
        cols["name_initials"] = "TEXT"
    return cols


def _create_record_table(conn: Any, form: FormDef) -> None:
    cols = ", ".join(f'"{n}" {t}' for n, t in record_columns(form).items())
    conn.execute(f'CREATE TABLE "{form.table}" ({cols})')
    conn.execute(f'CREATE INDEX "{form.table}_unit" ON "{form.table}" (unit_code)')
    if form.parent == "child":
        conn.execute(f'CREATE INDEX "{form.table}_child" ON "{form.table}" (child_id)')


def _migration_1(conn: Any) -> None:
    for form in forms().values():
        _create_record_table(conn, form)
    for statement in _V1_STATEMENTS:
        conn.execute(statement)


_V1_STATEMENTS = (
    "CREATE INDEX child_id_number ON child (id_number)",
    "CREATE INDEX child_initials ON child (name_initials)",
    "CREATE INDEX child_status ON child (status, deleted)",
    # Derived, system-maintained columns for the work lists (not record fields, not synced):
    # the newest visit date and whether a flag or mandatory report is open (R1, R9).
    "ALTER TABLE child ADD COLUMN last_visit TEXT",
    "ALTER TABLE child ADD COLUMN priority INTEGER NOT NULL DEFAULT 0",
    """CREATE INDEX child_due ON child (status, deleted, priority, last_visit, id, unit_code,
        created_at, name)""",
    """CREATE TRIGGER visit_last_ai AFTER INSERT ON visit WHEN new.deleted = 0 BEGIN
        UPDATE child SET last_visit = new.visit_date
        WHERE id = new.child_id AND (last_visit IS NULL OR last_visit < new.visit_date);
    END""",
    """CREATE TRIGGER visit_last_au AFTER UPDATE OF visit_date, deleted ON visit BEGIN
        UPDATE child SET last_visit = (SELECT max(visit_date) FROM visit
            WHERE child_id = new.child_id AND deleted = 0) WHERE id = new.child_id;
    END""",
    *(f"""CREATE TRIGGER {table}_prio_{event} AFTER {verb} ON {table} BEGIN
        UPDATE child SET priority = (
            EXISTS (SELECT 1 FROM priority_flag f WHERE f.child_id = new.child_id
                    AND f.status = '开放' AND f.deleted = 0)
            OR EXISTS (SELECT 1 FROM mandatory_report r WHERE r.child_id = new.child_id
                    AND r.followup_status != '已结案' AND r.deleted = 0))
        WHERE id = new.child_id;
    END""" for table in ("priority_flag", "mandatory_report")
      for event, verb in (("ai", "INSERT"), ("au", "UPDATE"))),
    "CREATE INDEX priority_flag_open ON priority_flag (child_id, status, deleted)",
    "CREATE INDEX mandatory_report_open ON mandatory_report (child_id, followup_status, deleted)",
    "CREATE INDEX visit_child_date ON visit (child_id, visit_date)",
    """CREATE VIRTUAL TABLE child_fts USING fts5(
        name, residence, content='child', content_rowid='rowid', tokenize='trigram')""",
    """CREATE TRIGGER child_fts_ai AFTER INSERT ON child BEGIN
        INSERT INTO child_fts(rowid, name, residence)
        VALUES (new.rowid, new.name, new.residence);
    END""",
    """CREATE TRIGGER child_fts_ad AFTER DELETE ON child BEGIN
        INSERT INTO child_fts(child_fts, rowid, name, residence)
        VALUES ('delete', old.rowid, old.name, old.residence);
    END""",
    """CREATE TRIGGER child_fts_au AFTER UPDATE OF name, residence ON child BEGIN
        INSERT INTO child_fts(child_fts, rowid, name, residence)
        VALUES ('delete', old.rowid, old.name, old.residence);
        INSERT INTO child_fts(rowid, name, residence)
        VALUES (new.rowid, new.name, new.residence);
    END""",
    "CREATE TABLE setting (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    """CREATE TABLE unit (code TEXT PRIMARY KEY, name TEXT NOT NULL, level TEXT NOT NULL,
        parent_code TEXT)""",
    """CREATE TABLE audit_event (
        seq INTEGER PRIMARY KEY, id TEXT NOT NULL, at TEXT NOT NULL,
        device_id TEXT NOT NULL, officer TEXT NOT NULL, action TEXT NOT NULL,
        entity TEXT NOT NULL, record_id TEXT, child_id TEXT, detail TEXT NOT NULL,
        prev_hash TEXT NOT NULL, hash TEXT NOT NULL)""",
    "CREATE INDEX audit_child ON audit_event (child_id)",
    """CREATE TABLE draft (key TEXT PRIMARY KEY, form_id TEXT NOT NULL, data TEXT NOT NULL,
        updated_at TEXT NOT NULL)""",
)


_SYNC_TABLES = (  # sync (数据交换: packages, issue 4)
    """CREATE TABLE trust_key (
        key_id TEXT PRIMARY KEY, unit_code TEXT NOT NULL, unit_name TEXT NOT NULL,
        relation TEXT NOT NULL, device_id TEXT NOT NULL, signing_key TEXT NOT NULL,
        age_recipient TEXT NOT NULL, fingerprint TEXT NOT NULL, status TEXT NOT NULL,
        added_at TEXT NOT NULL, changed_at TEXT NOT NULL, note TEXT)""",
    "CREATE INDEX trust_key_unit ON trust_key (unit_code)",
    """CREATE TABLE trust_serial (issuer_unit TEXT PRIMARY KEY, serial INTEGER NOT NULL)""",
    """CREATE TABLE package_log (
        package_id TEXT PRIMARY KEY, direction TEXT NOT NULL, kind TEXT NOT NULL,
        sender_unit TEXT NOT NULL, sender_key_id TEXT NOT NULL, recipient_unit TEXT NOT NULL,
        period TEXT NOT NULL, sequence INTEGER NOT NULL, manifest_sha256 TEXT NOT NULL,
        manifest TEXT NOT NULL, minisig TEXT NOT NULL, signing_key TEXT NOT NULL,
        created_at TEXT NOT NULL, processed_at TEXT NOT NULL, summary TEXT NOT NULL)""",
    "CREATE INDEX package_log_sender ON package_log (sender_key_id, sequence)",
    "CREATE INDEX package_log_period ON package_log (period, sender_unit)",
    """CREATE TABLE package_snapshot (
        sender_unit TEXT PRIMARY KEY, package_id TEXT NOT NULL, records BLOB NOT NULL)""",
    """CREATE TABLE provenance (
        package_id TEXT NOT NULL, incorporated_id TEXT NOT NULL, sender_unit TEXT NOT NULL,
        manifest TEXT NOT NULL, minisig TEXT NOT NULL, signing_key TEXT NOT NULL,
        PRIMARY KEY (package_id, incorporated_id))""",
    """CREATE TABLE conflict (
        id TEXT PRIMARY KEY, package_id TEXT NOT NULL, kind TEXT NOT NULL,
        record_id TEXT NOT NULL, child_id TEXT, unit_code TEXT NOT NULL, field TEXT NOT NULL,
        local_value TEXT, incoming_value TEXT, base_value TEXT, status TEXT NOT NULL,
        chosen TEXT, resolved_at TEXT, resolved_by TEXT, created_at TEXT NOT NULL)""",
    "CREATE INDEX conflict_status ON conflict (status)",
    """CREATE TABLE duplicate_case (
        id TEXT PRIMARY KEY, package_id TEXT NOT NULL, id_number TEXT NOT NULL,
        record_ids TEXT NOT NULL, unit_codes TEXT NOT NULL, status TEXT NOT NULL,
        kept_id TEXT, resolved_at TEXT, resolved_by TEXT, note TEXT, created_at TEXT NOT NULL)""",
    "CREATE INDEX duplicate_status ON duplicate_case (status)",
    """CREATE TABLE review_mark (
        unit_code TEXT NOT NULL, period TEXT NOT NULL, reviewed_at TEXT NOT NULL,
        officer TEXT NOT NULL, note TEXT, PRIMARY KEY (unit_code, period))""",
    """CREATE TABLE foreign_audit (
        package_id TEXT PRIMARY KEY, sender_unit TEXT NOT NULL, first_seq INTEGER NOT NULL,
        last_seq INTEGER NOT NULL, head_hash TEXT NOT NULL, events BLOB NOT NULL)""",
)


def _migration_2_sync(conn: Any) -> None:
    for statement in _SYNC_TABLES:
        conn.execute(statement)


def _migration_3_listing(conn: Any) -> None:
    # Covering indexes for the registry: the default listing in name order and pinyin-prefix
    # searches (no sort of all children), 1–2 character name searches (scan the index, not
    # the table), and ID-number prefixes; then statistics so the planner picks them.
    conn.execute("CREATE INDEX IF NOT EXISTS child_listing ON child "
                 "(status, deleted, name_initials, id, name)")
    conn.execute("CREATE INDEX IF NOT EXISTS child_idprefix ON child "
                 "(status, deleted, id_number, id)")
    conn.execute("PRAGMA analysis_limit = 1000")
    conn.execute("ANALYZE")


_GRAMS_OF = """SELECT substr({n}, i, 1) FROM gram_pos WHERE i <= length({n})
    UNION SELECT substr({n}, i, 2) FROM gram_pos WHERE i < length({n})"""


def _migration_4_name_grams(conn: Any) -> None:
    # 1–2 character name searches: FTS5 trigram cannot index fewer than 3 characters, and a
    # substring scan of 100,000 names is too slow for search-as-you-type. Every 1- and
    # 2-character piece of a name is indexed, kept by triggers (so every writer, imports
    # included, keeps it right).
    conn.execute("CREATE TABLE IF NOT EXISTS gram_pos (i INTEGER PRIMARY KEY)")
    conn.executemany("INSERT OR IGNORE INTO gram_pos (i) VALUES (?)", [(i,) for i in range(1, 65)])
    conn.execute("CREATE TABLE IF NOT EXISTS name_gram (gram TEXT NOT NULL, child_rowid INTEGER NOT NULL, "
                 "PRIMARY KEY (gram, child_rowid)) WITHOUT ROWID")
    new, old = _GRAMS_OF.format(n="new.name"), _GRAMS_OF.format(n="old.name")
    conn.execute(f"""CREATE TRIGGER IF NOT EXISTS child_gram_ai AFTER INSERT ON child BEGIN
        INSERT OR IGNORE INTO name_gram (gram, child_rowid) SELECT *, new.rowid FROM ({new});
    END""")
    conn.execute(f"""CREATE TRIGGER IF NOT EXISTS child_gram_ad AFTER DELETE ON child BEGIN
        DELETE FROM name_gram WHERE child_rowid = old.rowid AND gram IN ({old});
    END""")
    conn.execute(f"""CREATE TRIGGER IF NOT EXISTS child_gram_au AFTER UPDATE OF name ON child BEGIN
        DELETE FROM name_gram WHERE child_rowid = old.rowid AND gram IN ({old});
        INSERT OR IGNORE INTO name_gram (gram, child_rowid) SELECT *, new.rowid FROM ({new});
    END""")
    conn.execute("INSERT OR IGNORE INTO name_gram (gram, child_rowid) "
                 "SELECT substr(c.name, p.i, 1), c.rowid FROM child c JOIN gram_pos p "
                 "ON p.i <= length(c.name)")
    conn.execute("INSERT OR IGNORE INTO name_gram (gram, child_rowid) "
                 "SELECT substr(c.name, p.i, 2), c.rowid FROM child c JOIN gram_pos p "
                 "ON p.i < length(c.name)")


_HOME = "coalesce(visit_type, '入户走访') = '入户走访'"


def _migration_5_home_visits(conn: Any) -> None:
    # Rule 2 (policy 二(二)2): only a home visit (入户走访) is R1's monthly visit, so the
    # derived child.last_visit counts home visits only; phone and school contacts are still
    # records of their own. Recomputed for existing stores.
    conn.execute("DROP TRIGGER IF EXISTS visit_last_ai")
    conn.execute("DROP TRIGGER IF EXISTS visit_last_au")
    conn.execute(f"""CREATE TRIGGER visit_last_ai AFTER INSERT ON visit
        WHEN new.deleted = 0 AND {_HOME.replace('visit_type', 'new.visit_type')} BEGIN
        UPDATE child SET last_visit = new.visit_date
        WHERE id = new.child_id AND (last_visit IS NULL OR last_visit < new.visit_date);
    END""")
    conn.execute(f"""CREATE TRIGGER visit_last_au AFTER UPDATE OF visit_date, deleted, visit_type
        ON visit BEGIN
        UPDATE child SET last_visit = (SELECT max(visit_date) FROM visit
            WHERE child_id = new.child_id AND deleted = 0 AND {_HOME}) WHERE id = new.child_id;
    END""")
    conn.execute(f"""UPDATE child SET last_visit = (SELECT max(visit_date) FROM visit
        WHERE visit.child_id = child.id AND visit.deleted = 0 AND {_HOME})""")


def _migration_6_package_parts(conn: Any) -> None:
    # Incoming packages' members kept as they came (merge base, audit chain), in parts of
    # about 1 MiB, written while the package streams past: an import's memory is bounded.
    conn.execute("""CREATE TABLE IF NOT EXISTS package_part (
        package_id TEXT NOT NULL, member TEXT NOT NULL, part INTEGER NOT NULL,
        method INTEGER NOT NULL, data BLOB NOT NULL, PRIMARY KEY (package_id, member, part))""")


def _migration_7_child_form_v2(conn: Any) -> None:
    # Child form version 2: 家庭经济来源 is multiple choice with the national values; the
    # single value of version 1 becomes a one-element JSON list (core/upgrade.py).
    import json

    from ..core.upgrade import income_source_v2

    rows = conn.execute("SELECT id, income_source FROM child WHERE income_source IS NOT NULL "
                        "AND substr(income_source, 1, 1) != '['").fetchall()
    conn.executemany("UPDATE child SET income_source = ? WHERE id = ?",
                     [(json.dumps(income_source_v2(v), ensure_ascii=False)
                       if income_source_v2(v) else None, i) for i, v in rows])


def _migration_receipts(conn: Any) -> None:
    # Receipts (回执, sync/SPEC.md §10): what this office wrote to the units whose packages it
    # imported (the signed, encrypted receipt kept to be saved again), and what it imported
    # from its parent office about its own packages. Neither touches a registry record.
    conn.execute("""CREATE TABLE IF NOT EXISTS receipt_out (
        receipt_id TEXT PRIMARY KEY, package_id TEXT NOT NULL, unit_code TEXT NOT NULL,
        period TEXT NOT NULL, outcome TEXT NOT NULL, made_at TEXT NOT NULL,
        summary TEXT NOT NULL, data BLOB NOT NULL, saved_to TEXT, saved_at TEXT,
        acknowledged_at TEXT)""")
    conn.execute("CREATE INDEX IF NOT EXISTS receipt_out_package ON receipt_out (package_id)")
    conn.execute("CREATE INDEX IF NOT EXISTS receipt_out_unit ON receipt_out "
                 "(unit_code, period)")
    conn.execute("""CREATE TABLE IF NOT EXISTS receipt_in (
        receipt_id TEXT PRIMARY KEY, package_id TEXT NOT NULL, sender_unit TEXT NOT NULL,
        period TEXT NOT NULL, outcome TEXT NOT NULL, made_at TEXT NOT NULL,
        imported_at TEXT NOT NULL, content TEXT NOT NULL, manifest TEXT NOT NULL,
        minisig TEXT NOT NULL)""")
    conn.execute("CREATE INDEX IF NOT EXISTS receipt_in_period ON receipt_in (period)")


def _migration_stats_indexes(conn: Any) -> None:
    # 汇总分析 at district scale (issue 15, store/stats.py): the figures read one covering
    # index of the child columns they count by (a scan, and a look-up by id for the flags and
    # the trend) and, for an earlier quarter, the home visits of a child by date (partial: home
    # visits only, rule 2) — never the record tables.
    conn.execute("""CREATE INDEX IF NOT EXISTS child_stats ON child
        (id, unit_code, deleted, status, exit_date, created_at, birth_date, sex,
         guardianship_grade, last_visit)""")
    conn.execute("""CREATE INDEX IF NOT EXISTS visit_home ON visit
        (child_id, visit_date, deleted, visit_type)
        WHERE deleted = 0 AND coalesce(visit_type, '入户走访') = '入户走访'""")
    conn.execute("PRAGMA analysis_limit = 1000")
    conn.execute("ANALYZE child")
    conn.execute("ANALYZE visit")


# The facts about a child the work lists read, kept on the child row by triggers (like
# last_visit/priority): the register's lists then read one compact index of ``child``
# instead of joining 100,000 children to their records (issue 15, store/worklists.py).
# - father/mother: the status of the first live 父亲/母亲 record by rowid ('' when its status
#   is empty; NULL when there is none) — R3, R7, rule 7;
# - entrust_n: live entrustments to a guardian with capacity; entrust_from/entrust_to: for
#   the only one, the days it is in force (from its start or the guardian's 18th birthday,
#   whichever is later, to its end; NULL = no end / not a date) — R3;
# - odd_contact: the newest live phone or school contact that reported a living arrangement
#   other than the recorded one (rule 2; kept also when the record changes);
# - flag_opened: the first opening date of the open flags (the priority list).
_FATHER = ("(SELECT coalesce(status, '') FROM family_member m WHERE m.child_id = {c} "
           "AND m.deleted = 0 AND m.relation = '{r}' ORDER BY m.rowid LIMIT 1)")
_ISO = "CASE WHEN date({x}) = {x} THEN {x} END"
_ENTRUST = "e.child_id = {c} AND e.deleted = 0 AND e.has_capacity"
_CONTACT = ("(SELECT max(visit_date) FROM visit v WHERE v.child_id = {c} AND v.deleted = 0 "
            "AND coalesce(v.visit_type, '入户走访') != '入户走访' "
            "AND coalesce(v.living_arrangement, '') != '' "
            "AND v.living_arrangement IS NOT (SELECT living_arrangement FROM child k "
            "WHERE k.id = {c}))")
_FLAG = ("(SELECT min(opened_on) FROM priority_flag f WHERE f.child_id = {c} "
         "AND f.status = '开放' AND f.deleted = 0)")


def _state_sets(c: str) -> dict[str, str]:
    start = _ISO.format(x="e.start_date")
    adult = f"date({_ISO.format(x='e.guardian_birth_date')}, '+18 years')"
    return {
        "parents": (f"father = {_FATHER.format(c=c, r='父亲')}, "
                    f"mother = {_FATHER.format(c=c, r='母亲')}"),
        "entrust": (f"entrust_n = (SELECT count(*) FROM entrustment e "
                    f"WHERE {_ENTRUST.format(c=c)}), "
                    f"entrust_from = (SELECT max({start}, {adult}) FROM entrustment e "
                    f"WHERE {_ENTRUST.format(c=c)} LIMIT 1), "
                    f"entrust_to = (SELECT {_ISO.format(x='e.end_date')} FROM entrustment e "
                    f"WHERE {_ENTRUST.format(c=c)} LIMIT 1)"),
        "contact": f"odd_contact = {_CONTACT.format(c=c)}",
        "flag": f"flag_opened = {_FLAG.format(c=c)}",
    }


def _migration_worklist_state(conn: Any) -> None:
    for column, sql_type in (("father", "TEXT"), ("mother", "TEXT"),
                             ("entrust_n", "INTEGER NOT NULL DEFAULT 0"),
                             ("entrust_from", "TEXT"), ("entrust_to", "TEXT"),
                             ("odd_contact", "TEXT"), ("flag_opened", "TEXT")):
        if column not in {row[1] for row in conn.execute("PRAGMA table_info(child)")}:
            conn.execute(f"ALTER TABLE child ADD COLUMN {column} {sql_type}")
    conn.execute("""CREATE INDEX IF NOT EXISTS family_parent ON family_member (child_id, relation, status,
        status_since, created_at) WHERE deleted = 0 AND relation IN ('父亲', '母亲')""")
    conn.execute("""CREATE INDEX IF NOT EXISTS visit_contact ON visit (child_id, visit_date, created_at,
        living_arrangement, visit_type)
        WHERE deleted = 0 AND coalesce(visit_type, '入户走访') != '入户走访'""")
    conn.execute("CREATE INDEX IF NOT EXISTS priority_flag_child_open ON priority_flag (child_id, opened_on, "
                 "reason, designated_person) WHERE status = '开放' AND deleted = 0")
    conn.execute("UPDATE child SET " + ", ".join(_state_sets("child.id").values()))
    new, old = _state_sets("new.child_id"), _state_sets("old.child_id")
    # an insert only touches its child when it can change a fact (most visits are home
    # visits: no update of the child row for them)
    inserted = {
        "family_member": ("new.deleted = 0 AND new.relation IN ('父亲', '母亲')",
                          f"UPDATE child SET {new['parents']} WHERE id = new.child_id;"),
        "entrustment": ("new.deleted = 0",
                        f"UPDATE child SET {new['entrust']} WHERE id = new.child_id;"),
        "visit": ("new.deleted = 0 AND coalesce(new.visit_type, '入户走访') != '入户走访' "
                  "AND coalesce(new.living_arrangement, '') != ''",
                  "UPDATE child SET odd_contact = new.visit_date WHERE id = new.child_id "
                  "AND living_arrangement IS NOT new.living_arrangement "
                  "AND (odd_contact IS NULL OR odd_contact < new.visit_date);"),
        "priority_flag": ("new.deleted = 0 AND new.status = '开放'",
                          "UPDATE child SET flag_opened = new.opened_on WHERE id = new.child_id "
                          "AND (flag_opened IS NULL OR flag_opened > new.opened_on);"),
    }
    for table, part, cols in (("family_member", "parents", "relation, status, deleted, child_id"),
                              ("entrustment", "entrust", "start_date, end_date, has_capacity, "
                               "guardian_birth_date, deleted, child_id"),
                              ("visit", "contact", "visit_date, visit_type, living_arrangement, "
                               "deleted, child_id"),
                              ("priority_flag", "flag", "opened_on, status, deleted, child_id")):
        when, body = inserted[table]
        conn.execute(f"CREATE TRIGGER IF NOT EXISTS {table}_state_ai AFTER INSERT ON {table} WHEN {when} "
                     f"BEGIN {body} END")
        conn.execute(f"CREATE TRIGGER IF NOT EXISTS {table}_state_au AFTER UPDATE OF {cols} ON {table} BEGIN "
                     f"UPDATE child SET {new[part]} WHERE id = new.child_id; "
                     f"UPDATE child SET {old[part]} WHERE id = old.child_id "
                     f"AND old.child_id IS NOT new.child_id; END")
        conn.execute(f"CREATE TRIGGER IF NOT EXISTS {table}_state_ad AFTER DELETE ON {table} BEGIN "
                     f"UPDATE child SET {old[part]} WHERE id = old.child_id; END")
    conn.execute("CREATE TRIGGER IF NOT EXISTS child_state_au AFTER UPDATE OF living_arrangement ON child "
                 f"BEGIN UPDATE child SET {_state_sets('new.id')['contact']} "
                 "WHERE id = new.id; END")
    # a child written after its records (an import's order) starts with its facts
    conn.execute("CREATE TRIGGER IF NOT EXISTS child_state_ai AFTER INSERT ON child BEGIN "
                 "UPDATE child SET " + ", ".join(_state_sets("new.id").values())
                 + " WHERE id = new.id; END")
    # one compact index per list: R7 (parents), R3 (entrustment, then parents), rule 7 (parents),
    # the priority list in its order, rule 2's candidates, ages and schooling (R7, rule 3)
    conn.execute("""CREATE INDEX IF NOT EXISTS child_work ON child (status, deleted, father, mother,
        unit_code, name, id)""")
    conn.execute("""CREATE INDEX IF NOT EXISTS child_entrust ON child (status, deleted, entrust_n, entrust_to,
        entrust_from, father, mother, unit_code, name, id)""")
    conn.execute("""CREATE INDEX IF NOT EXISTS child_flagged ON child (status, deleted, flag_opened, name, id,
        unit_code, priority, last_visit, created_at) WHERE flag_opened IS NOT NULL""")
    conn.execute("""CREATE INDEX IF NOT EXISTS child_contact ON child (status, deleted, odd_contact,
        last_visit, living_arrangement, id, name, unit_code) WHERE odd_contact IS NOT NULL""")
    conn.execute("CREATE INDEX IF NOT EXISTS child_birth ON child (status, deleted, birth_date, "
                 "id, name, unit_code)")
    conn.execute("CREATE INDEX IF NOT EXISTS child_school ON child (status, deleted, schooling, "
                 "birth_date, id)")
    # the day the office's data begins (the workbench's package line: min(created_at))
    conn.execute("CREATE INDEX IF NOT EXISTS child_created ON child (created_at)")
    # a child by id without reading its (large) row: the lists' joins from their records
    conn.execute("CREATE INDEX IF NOT EXISTS child_ident ON child (id, status, deleted, "
                 "unit_code, name)")
    conn.execute("CREATE INDEX IF NOT EXISTS family_missing ON family_member (child_id, "
                 "relation, status_since, created_at) WHERE deleted = 0 AND status = '失联'")
    conn.execute("""CREATE INDEX IF NOT EXISTS priority_flag_dropout ON priority_flag (child_id,
        opened_on, id, school_notified_on, written_report_on, returned_on)
        WHERE deleted = 0 AND status = '开放' AND reason = '失学辍学'""")
    conn.execute("CREATE INDEX IF NOT EXISTS assessment_report ON assessment (report_ref, child_id) "
                 "WHERE deleted = 0")
    # the records still 待补充 (the fields as the forms have them now)
    for kind in PENDING_FORMS:
        f = forms()[kind]
        cond = " OR ".join(f'"{fd.name}" IS NULL' for fd in f.pending_fields())
        if cond:
            conn.execute(f'CREATE INDEX IF NOT EXISTS "{f.table}_pending" ON "{f.table}" (deleted) '
                         f"WHERE {cond}")
    conn.execute("ANALYZE")


# Append new migrations at the end; never edit a released one.
def _migration_returned_items(conn: Any) -> None:
    """Items the parent office returned for correction (退回修改, a ``review`` package) and
    this office's answers to them (issue 15)."""
    conn.execute("""CREATE TABLE IF NOT EXISTS returned_item (
        item_id TEXT PRIMARY KEY, package_id TEXT NOT NULL, unit_code TEXT NOT NULL,
        period TEXT NOT NULL, kind TEXT NOT NULL, record_id TEXT NOT NULL, change TEXT,
        record_version INTEGER, comment TEXT NOT NULL, returned_at TEXT NOT NULL,
        officer TEXT NOT NULL, fields TEXT NOT NULL, status TEXT NOT NULL, answer TEXT,
        note TEXT, answered_at TEXT, answered_by TEXT, sent_package_id TEXT,
        received_at TEXT NOT NULL)""")
    conn.execute("CREATE INDEX IF NOT EXISTS returned_item_status ON returned_item (status)")


def _migration_review_items(conn: Any) -> None:
    # 逐条审核 (issue 15): one item per new / changed / exited child, new or changed priority
    # flag or mandatory report that an imported package brought (sync/review.py);
    # review_forward: the review state per village and quarter a street's package carried.
    conn.execute("""CREATE TABLE IF NOT EXISTS review_item (
        id TEXT PRIMARY KEY, package_id TEXT NOT NULL, unit_code TEXT NOT NULL,
        period TEXT NOT NULL, kind TEXT NOT NULL, record_id TEXT NOT NULL, child_id TEXT,
        record_unit TEXT NOT NULL, change TEXT NOT NULL, summary_json TEXT NOT NULL,
        status TEXT NOT NULL, comment TEXT, decided_at TEXT, officer TEXT,
        answered_package_id TEXT, created_at TEXT NOT NULL)""")
    conn.execute("CREATE INDEX IF NOT EXISTS review_item_quarter ON review_item "
                 "(period, unit_code, status)")
    conn.execute("CREATE INDEX IF NOT EXISTS review_item_record ON review_item (record_id)")
    conn.execute("""CREATE TABLE IF NOT EXISTS review_forward (
        sender_unit TEXT NOT NULL, unit_code TEXT NOT NULL, period TEXT NOT NULL,
        package_id TEXT NOT NULL, state TEXT NOT NULL, PRIMARY KEY (unit_code, period))""")


def _migration_review_answers(conn: Any) -> None:
    """The parent office's copy of the answers (answers.jsonl) to items it returned: what
    the unit answered (changed / confirmed), its note, when and who (issue 15)."""
    conn.execute("""CREATE TABLE IF NOT EXISTS review_answer (
        item_id TEXT PRIMARY KEY, package_id TEXT NOT NULL, unit_code TEXT NOT NULL,
        answer TEXT NOT NULL, note TEXT, answered_at TEXT, officer TEXT,
        record_version INTEGER, received_at TEXT NOT NULL)""")



def _migration_stats_flags(conn: Any) -> None:
    # 汇总分析: the priority reasons open on a cut-off date read a small covering index of
    # the live flags, not the flag table (issue 15, store/stats.py).
    conn.execute("""CREATE INDEX IF NOT EXISTS priority_flag_stats ON priority_flag
        (reason, child_id, opened_on, status, closed_on) WHERE deleted = 0""")


_MONTHS_OF = """(SELECT group_concat(m) FROM (SELECT DISTINCT substr(v.visit_date, 1, 7) AS m
    FROM visit v WHERE v.child_id = {child} AND v.deleted = 0
    AND coalesce(v.visit_type, '入户走访') = '入户走访'))"""


def _migration_stats_home_months(conn: Any) -> None:
    # 汇总分析 of an earlier quarter (issue 15, store/stats.py): the months in which a child
    # had a home visit (rule 2), as 'YYYY-MM,…' on the child row, kept by triggers over the
    # visits as last_visit is — so every quarter's coverage is one pass over a covering index
    # (child_trend, which replaces child_stats) instead of one visit look-up per child.
    if "home_months" not in {row[1] for row in conn.execute("PRAGMA table_info(child)")}:
        conn.execute("ALTER TABLE child ADD COLUMN home_months TEXT")
    conn.execute(f"UPDATE child SET home_months = {_MONTHS_OF.format(child='child.id')}")
    month = "substr(new.visit_date, 1, 7)"
    conn.execute("DROP TRIGGER IF EXISTS visit_months_ai")
    conn.execute("DROP TRIGGER IF EXISTS visit_months_au")
    conn.execute(f"""CREATE TRIGGER visit_months_ai AFTER INSERT ON visit
        WHEN new.deleted = 0 AND {_HOME.replace('visit_type', 'new.visit_type')} BEGIN
        UPDATE child SET home_months = CASE WHEN coalesce(home_months, '') = '' THEN {month}
            ELSE home_months || ',' || {month} END
        WHERE id = new.child_id AND instr(coalesce(home_months, ''), {month}) = 0;
    END""")
    conn.execute(f"""CREATE TRIGGER visit_months_au AFTER UPDATE OF visit_date, deleted,
        visit_type, child_id ON visit BEGIN
        UPDATE child SET home_months = {_MONTHS_OF.format(child='child.id')}
        WHERE id IN (new.child_id, old.child_id);
    END""")
    conn.execute("DROP INDEX IF EXISTS child_stats")
    conn.execute("""CREATE INDEX IF NOT EXISTS child_trend ON child
        (id, unit_code, deleted, status, exit_date, created_at, birth_date, sex,
         guardianship_grade, last_visit, home_months)""")
    conn.execute("PRAGMA analysis_limit = 1000")
    conn.execute("ANALYZE child")

MIGRATIONS: list[Callable[[Any], None]] = [_migration_1, _migration_2_sync,
                                            _migration_3_listing, _migration_4_name_grams,
                                            _migration_5_home_visits,
                                            _migration_6_package_parts,
                                            _migration_7_child_form_v2,
                                            _migration_receipts,
                                            _migration_returned_items,
                                            _migration_review_items,
                                            _migration_stats_indexes,
                                            _migration_review_answers,
                                            _migration_stats_flags,
                                            _migration_worklist_state,
                                            _migration_stats_home_months]
SCHEMA_VERSION = len(MIGRATIONS)


def migrate(conn: Any) -> int:
    """Bring the schema to SCHEMA_VERSION; returns the version found before."""
    found = int(conn.execute("PRAGMA user_version").fetchone()[0])
    if found > SCHEMA_VERSION:
        raise UserError("store_too_new", "此数据库由更新版本的软件创建，请升级本软件后再打开",
                        "This store was written by a newer version of the app; upgrade first")
    for version in range(found + 1, SCHEMA_VERSION + 1):
        conn.execute("BEGIN IMMEDIATE")
        try:
            MIGRATIONS[version - 1](conn)
            conn.execute(f"PRAGMA user_version = {version}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    ensure_form_columns(conn)
    return found


def ensure_form_columns(conn: Any) -> None:
    """Add columns for fields that forms gained since the table was created."""
    for form in forms().values():
        have = {row[1] for row in conn.execute(f'PRAGMA table_info("{form.table}")')}
        for name, sql_type in record_columns(form).items():
            if name not in have:
                base = sql_type.replace("PRIMARY KEY", "").replace("NOT NULL", "")
                conn.execute(f'ALTER TABLE "{form.table}" ADD COLUMN "{name}" {base}')
