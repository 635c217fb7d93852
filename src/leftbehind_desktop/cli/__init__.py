"""``leftbehind``: headless commands over the same services as the GUI.

Each ``*_cmds`` module in this package adds its sub-commands through ``register(sub)``.
Exit codes: 0 success; 1 the input, the passphrase or the store is not right (one line on
stderr says why); 2 wrong usage; 3 a check found problems (``audit verify``, ``check``).
"""

from __future__ import annotations

import argparse
import importlib
import logging
import pkgutil
import sys

from .. import __version__
from ..core.console import make_streams_safe

COMMAND_MODULES = sorted(m.name for m in pkgutil.iter_modules(__path__)
                         if m.name.endswith("_cmds"))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="leftbehind", description="农村留守儿童信息台账（命令行）/ left-behind children registry")
    parser.add_argument("--version", action="version", version=f"leftbehind {__version__}")
    parser.add_argument("--store", metavar="DIR",
                        help="store directory (default: the user data dir, or $LEFTBEHIND_STORE)")
    parser.add_argument("--passphrase-file", metavar="FILE",
                        help="read the passphrase from the first line of FILE")
    parser.add_argument("--lang", choices=("zh", "en"), default="zh",
                        help="language of messages (default zh)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in COMMAND_MODULES:
        importlib.import_module(f"{__name__}.{name}").register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    make_streams_safe()  # Chinese messages to a redirected stdout on any code page
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    if list(sys.argv[1:] if argv is None else argv) == ["--version"]:
        print(f"leftbehind {__version__}")  # without importing every command module
        return 0
    from ..core.messages import UserError
    from .common import EXIT_USER, CliError

    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except CliError as exc:
        print(exc.text(args.lang), file=sys.stderr)
        return exc.exit_code
    except UserError as exc:
        print(exc.text(args.lang), file=sys.stderr)
        return EXIT_USER
    except KeyboardInterrupt:
        print("已取消 / cancelled", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
