"""Chinese output to a redirected stdout/stderr on a code page that has no Chinese.

English Windows writes a redirected stream (``leftbehind … > log.txt``, a pipe, CI) in cp1252;
before ``core/console.py`` every Chinese message ended in ``UnicodeEncodeError``. Here the
same situation on Linux: the real CLI with its output redirected to real files, in an
encoding that cannot write Chinese. The same under Wine on cp1252/cp936 is in
tests/packaging/test_windows_installer.py.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from leftbehind_desktop.core.console import make_stream_safe

PASS = "passphrase for console 测试"


def cli(tmp_path: Path, env: dict[str, str], *args: str) -> tuple[int, bytes, bytes]:
    """Run the CLI with stdout and stderr redirected to files (not pipes, not a tty)."""
    e = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHONIOENCODING", "PYTHONUTF8", "LC_", "LANG"))}
    e.update({"LEFTBEHIND_PASSPHRASE": PASS, **env})
    out_path, err_path = tmp_path / "out.txt", tmp_path / "err.txt"
    with out_path.open("wb") as out, err_path.open("wb") as err:
        code = subprocess.run([sys.executable, "-m", "leftbehind_desktop.cli", "--store", str(tmp_path / "store"),
                               *args], stdout=out, stderr=err, env=e, timeout=120).returncode
    return code, out_path.read_bytes(), err_path.read_bytes()


def test_user_chosen_cp1252_escapes_instead_of_failing(tmp_path: Path):
    env = {"PYTHONIOENCODING": "cp1252"}
    code, out, err = cli(tmp_path, env, "init", "--role", "village", "--unit", "210213001002",
                         "--unit-name", "前进村", "--officer", "王建国")
    assert code == 0, err
    assert b"UnicodeEncodeError" not in err and b"Traceback" not in err
    text = out.decode("cp1252")
    assert "\\u" in text  # Chinese escaped, readable ASCII around it
    # a Chinese error message on stderr: the wrong passphrase
    code, out, err = cli(tmp_path, {**env, "LEFTBEHIND_PASSPHRASE": "wrong passphrase 错误"}, "child", "list")
    assert code == 1
    assert b"Traceback" not in err and err.strip() and b"\\u" in err
    assert err.count(b"\n") == 1  # one line, as every CLI error


def test_ascii_locale_switches_redirected_output_to_utf8(tmp_path: Path):
    # the C locale without Python's UTF-8 mode and locale coercion: stdout is ASCII, like a
    # code page without Chinese; nothing was chosen by the user, so the streams become UTF-8
    # (ASCII arguments and passphrase: the C locale cannot decode Chinese ones, which Windows always can)
    env = {"LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0",
           "LEFTBEHIND_PASSPHRASE": "ascii passphrase 2026"}
    code, out, err = cli(tmp_path, env, "init", "--role", "village", "--unit", "210213001002",
                         "--unit-name", "Qianjin", "--officer", "Wang")
    assert code == 0, err
    assert out.decode("utf-8").startswith("已创建数据库：")
    code, _, err = cli(tmp_path, {**env, "LEFTBEHIND_PASSPHRASE": "wrong passphrase"}, "child", "list")
    assert code == 1 and b"Traceback" not in err
    message = err.decode("utf-8")
    assert any("\u4e00" <= ch <= "\u9fff" for ch in message), message  # Chinese, readable


def test_logging_to_an_ascii_stream_after_make_streams_safe():
    # (the script is ASCII: the C locale cannot decode a Chinese command line)
    def ascii_literal(text: str) -> str:
        return "'" + text.encode("unicode_escape").decode("ascii") + "'"

    script = ("import logging, sys\n"
              "from leftbehind_desktop.core.console import make_streams_safe\n"
              "make_streams_safe()\n"
              "logging.basicConfig(format='%(message)s')\n"
              "logging.getLogger('leftbehind_desktop').warning(" + ascii_literal("备份失败：磁盘已满") + ")\n"
              "print(" + ascii_literal("留守儿童") + ")\n")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONIOENCODING", "PYTHONUTF8")}
    env.update({"LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"})
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, env=env, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.decode("utf-8").strip() == "备份失败：磁盘已满"
    assert proc.stdout.decode("utf-8").strip() == "留守儿童"


@pytest.mark.parametrize(("encoding", "chosen", "expect"), [
    ("cp1252", False, "utf-8"),        # English Windows, redirected: UTF-8
    ("cp1252", True, "cp1252"),        # PYTHONIOENCODING=cp1252: kept, Chinese escaped
    ("cp936", False, "gb18030"),       # Chinese Windows: GBK widened to GB18030
    ("utf-8", False, "utf-8"),
])
def test_stream_reconfiguration(encoding: str, chosen: bool, expect: str):
    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding=encoding)
    make_stream_safe(stream, user_chose=chosen)
    text = "王𠮷 留守儿童 ok"  # 𠮷 (U+20BB7) is a name character GBK cannot write
    stream.write(text)
    stream.flush()
    data = raw.getvalue()
    if expect == "cp1252":
        assert data.decode("cp1252") == "\\u738b\\U00020bb7 \\u7559\\u5b88\\u513f\\u7ae5 ok"
    else:
        assert data.decode(expect) == text
    if expect == "gb18030":  # what GBK has is written byte for byte as before
        assert data.startswith("王".encode("gbk")) and data.endswith(" 留守儿童 ok".encode("gbk"))


def test_missing_streams_are_skipped():
    assert make_stream_safe(None) is None
