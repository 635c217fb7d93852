"""Shared plumbing of the CLI: the store location, the passphrase, input and output."""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ..core import safejson
from ..core.messages import UserError
from ..store.registry import Registry
from ..store.store import Store, default_store_dir

EXIT_OK = 0
EXIT_USER = 1
EXIT_USAGE = 2
EXIT_CHECK_FAILED = 3
PASSPHRASE_ENV = "LEFTBEHIND_PASSPHRASE"  # for automation only: see docs/CLI.md


class CliError(UserError):
    def __init__(self, zh: str, en: str, exit_code: int = EXIT_USER):
        super().__init__("cli", zh, en)
        self.exit_code = exit_code


def store_dir(args: argparse.Namespace) -> Path:
    return Path(args.store) if args.store else default_store_dir()


def read_passphrase(args: argparse.Namespace, prompt: str = "密码 / passphrase: ",
                    confirm: bool = False) -> str:
    """From --passphrase-file, then $LEFTBEHIND_PASSPHRASE, then an interactive prompt."""
    if args.passphrase_file:
        try:
            text = Path(args.passphrase_file).read_text("utf-8")
        except OSError:
            raise CliError("无法读取密码文件", "Cannot read the passphrase file") from None
        return text.splitlines()[0] if text else ""
    env = os.environ.get(PASSPHRASE_ENV)
    if env:
        return env
    if not sys.stdin.isatty():
        raise CliError("需要密码：请在终端中运行，或使用 --passphrase-file",
                       "A passphrase is needed: run in a terminal or use --passphrase-file")
    first = getpass.getpass(prompt)
    if confirm and getpass.getpass("再次输入 / again: ") != first:
        raise CliError("两次输入的密码不一致", "The two passphrases differ")
    return first


@contextmanager
def open_store(args: argparse.Namespace) -> Iterator[Store]:
    directory = store_dir(args)
    if not Store.exists(directory):
        raise CliError(f"找不到数据库：{directory}（请先运行 leftbehind init）",
                       f"No store at {directory} (run leftbehind init first)")
    store = Store.open(directory, passphrase=read_passphrase(args))
    try:
        yield store
    finally:
        store.close()


@contextmanager
def open_registry(args: argparse.Namespace) -> Iterator[Registry]:
    with open_store(args) as store:
        yield Registry(store)


def read_json_input(path: str | None) -> dict[str, Any]:
    """One JSON object from FILE or standard input ('-' or no FILE)."""
    try:
        if path and path != "-":
            text = Path(path).read_text("utf-8")
        else:
            text = sys.stdin.read()
    except (OSError, UnicodeDecodeError) as exc:
        raise CliError(f"无法读取输入：{exc.__class__.__name__}",
                       f"Cannot read the input: {exc.__class__.__name__}") from None
    try:
        value = json.loads(text, parse_int=safejson.DECODER.parse_int,
                           parse_float=safejson.DECODER.parse_float,
                           parse_constant=safejson.DECODER.parse_constant)
        safejson.check_shape(value, max_depth=8)
    except json.JSONDecodeError as exc:
        raise UserError("bad_json", value=f"第{exc.lineno}行第{exc.colno}列") from None
    except (ValueError, RecursionError) as exc:  # safejson's limits (JsonLimitError)
        raise UserError("bad_json", value=str(exc) if isinstance(
            exc, safejson.JsonLimitError) else "嵌套过深 / nested too deeply") from None
    if not isinstance(value, dict):
        raise UserError("not_an_object")
    return value


def print_json(value: Any) -> None:
    """Stable JSON on stdout: UTF-8, sorted keys, two-space indent."""
    sys.stdout.write(json.dumps(value, ensure_ascii=False, sort_keys=True, indent=2,
                                default=str) + "\n")
