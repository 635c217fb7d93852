"""A new passphrase too weak to protect children's data is refused, and the officer is told
why; sentences (Chinese welcome) pass."""

from __future__ import annotations

from pathlib import Path

import pytest

from leftbehind_desktop.core.messages import UserError
from leftbehind_desktop.core.passphrase import passphrase_problem
from leftbehind_desktop.store.keyslots import KdfParams
from leftbehind_desktop.store.store import Store


@pytest.mark.parametrize(("weak", "why"), [
    ("1234567", "至少需要8个字符"),
    ("12345678", "连续"),
    ("87654321", "连续"),
    ("abcdefgh", "连续"),
    ("qwertyui", "连续"),
    ("88888888", "同一个字符"),
    ("ababababab", "同一个字符"),
    ("password", "最常见"),
    ("Pass Word", "最常见"),
    ("woaini1314", "最常见"),
    ("13812345678", "只有数字"),  # a phone number
    ("20150316", "只有数字"),  # a birthday
    ("大李家村2026", "单位名称"),
])
def test_weak_passphrases_are_refused_with_a_reason(weak: str, why: str) -> None:
    problem = passphrase_problem(weak, ("大李家村", "刘淑华", "210213001001"))
    assert problem is not None, weak
    assert why in problem.text("zh")
    assert problem.text("en") and problem.text("en") != problem.text("zh")


@pytest.mark.parametrize("good", ["春天 大李家村 2026", "correct horse 马", "我家门前有棵枣树",
                                  "wrong passphrase", "临时密码 12345"])
def test_sentences_pass(good: str) -> None:
    assert passphrase_problem(good, ("大李家村", "刘淑华")) is None


def test_the_store_refuses_a_weak_passphrase_and_creates_nothing(tmp_path: Path) -> None:
    with pytest.raises(UserError) as err:
        Store.init(tmp_path / "s", "大李家村2026", role="village", unit_code="210213001001",
                   unit_name="大李家村", officer="刘淑华", kdf=KdfParams.fast())
    assert "单位名称" in str(err.value)
    assert not Store.exists(tmp_path / "s")
    with pytest.raises(UserError, match="连续"):
        Store.init(tmp_path / "s", "12345678", role="village", unit_code="210213001001",
                   unit_name="大李家村", officer="刘淑华", kdf=KdfParams.fast())
