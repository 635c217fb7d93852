"""Contradictions the registry refuses: a second open priority flag with the same reason."""

from __future__ import annotations

import pytest

from leftbehind_desktop.core.messages import ValidationFailed
from leftbehind_desktop.store.registry import Registry


def test_a_second_open_flag_with_the_same_reason_is_refused(registry: Registry,
                                                            child_data: dict[str, object]) -> None:
    child = registry.add("child", child_data).record["id"]
    flag = {"reason": "失学辍学", "source": "人工", "opened_on": "2026-11-02",
            "designated_person": "刘淑华", "status": "开放"}
    first = registry.add("priority_flag", flag, child_id=child).record
    with pytest.raises(ValidationFailed) as err:
        registry.add("priority_flag", flag, child_id=child)
    assert err.value.errors[0].field == "reason"
    assert "已有一条未解除的“失学辍学”" in err.value.errors[0].text("zh")
    assert "already has an open priority flag" in err.value.errors[0].text("en")
    assert len(registry.children_records("priority_flag", child)) == 1  # nothing changed
    # another reason is fine; editing the open flag itself is fine
    registry.add("priority_flag", {**flag, "reason": "其他", "detail": "父亲酗酒"}, child_id=child)
    registry.update("priority_flag", first["id"], {"detail": "已联系学校"})
    # once closed, the same reason may be raised again; re-opening the old one is refused
    closed = registry.update("priority_flag", first["id"], {
        "status": "已关闭", "closed_on": "2026-11-20", "close_reason": "已返校"}).record
    registry.add("priority_flag", flag, child_id=child)
    with pytest.raises(ValidationFailed):
        registry.update("priority_flag", closed["id"], {"status": "开放", "closed_on": None,
                                                        "close_reason": None})
