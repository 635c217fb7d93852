"""Form-version upgrades of stored and received records (Qt-free, pure).

Child form version 2 (民发〔2016〕42号 附件1): 家庭经济来源 became multiple choice with the
national values. A version-1 record holds one text value; it becomes a list with the value
mapped to the national term. Used by store migration 7 (records already stored) and by
package import (records from a peer still on version 1). Idempotent: a list stays as is.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

# version-1 value → version-2 value
INCOME_V1_TO_V2: Mapping[str, str] = {
    "务工收入": "打工收入",
    "务农收入": "种养殖业",
    "经营收入": "其他",
    "政府补助": "政府救助",
    "其他": "其他",
}


def income_source_v2(value: Any) -> Any:
    """A version-1 单选 value as a version-2 list (unknown text is kept, so validation
    reports it instead of losing it); None, lists and anything else pass unchanged."""
    if isinstance(value, str):
        text = value.strip()
        return [INCOME_V1_TO_V2.get(text, text)] if text else None
    return value


def child_record(record: dict[str, Any]) -> dict[str, Any]:
    """The record in the current child form version (a new dict only when something changed)."""
    old = record.get("income_source")
    new = income_source_v2(old)
    if new is old:
        return record
    return {**record, "income_source": new}
