"""When the slow frozen-bundle test runs.

Tests marked ``bundle`` build the Linux bundle with PyInstaller (minutes on two cores) and run
the frozen executables. They run when

* ``LEFTBEHIND_BUNDLE_TEST=1`` (``=0`` never runs them), or
* the last commit (``git diff HEAD~1 HEAD``) or the uncommitted changes (``git status``)
  touch ``packaging/``, ``pyproject.toml`` or ``dev``, or
* git cannot tell (no git, no previous commit, a shallow clone).

Otherwise they are deselected (not skipped), and the reason is printed.

Tests marked ``windows`` build the Windows installer under Wine (``./dev bundle-windows``,
many minutes) and install and run it there. They have their own switch and inputs: they run
when ``LEFTBEHIND_WINDOWS_TEST=1`` (``=0`` never; ``LEFTBEHIND_BUNDLE_TEST=0`` also turns them
off), or when the last commit or the uncommitted changes touch the Windows packaging inputs
(``packaging/windows/``, the spec, its entry points and helpers, ``core/console.py``), or when
git cannot tell.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ENV = "LEFTBEHIND_BUNDLE_TEST"
WATCHED_DIRS = ("packaging/",)
WATCHED_FILES = ("pyproject.toml", "dev")
WINDOWS_ENV = "LEFTBEHIND_WINDOWS_TEST"
WINDOWS_DIRS = ("packaging/windows/",)
WINDOWS_FILES = ("packaging/leftbehind.spec", "packaging/buildmeta.py", "packaging/entry_cli.py",
                 "packaging/entry_gui.py", "packaging/smoke_render.py",
                 "src/leftbehind_desktop/core/console.py")


def _git(*args: str) -> list[str]:
    out = subprocess.run(["git", "-C", str(ROOT), *args], capture_output=True, text=True,
                         timeout=30, check=True)
    return [line for line in out.stdout.splitlines() if line.strip()]


def watched(path: str) -> bool:
    path = path.strip().strip('"')
    return path in WATCHED_FILES or path.startswith(WATCHED_DIRS)


def windows_watched(path: str) -> bool:
    path = path.strip().strip('"')
    return path in WINDOWS_FILES or path.startswith(WINDOWS_DIRS)


def changed_paths() -> list[str]:
    committed = _git("diff", "--name-only", "HEAD~1", "HEAD")
    # porcelain: 'XY path' or 'XY old -> new'
    pending = [p for line in _git("status", "--porcelain", "--untracked-files=all")
               for p in line[3:].split(" -> ")]
    return committed + pending


def windows_decision() -> tuple[bool, str]:
    """(run?, why) for the Windows installer tests under Wine."""
    flag = os.environ.get(WINDOWS_ENV, "").strip()
    if flag in ("0", "1"):
        return flag == "1", f"{WINDOWS_ENV}={flag}"
    if os.environ.get(ENV, "").strip() == "0":
        return False, f"{ENV}=0"
    try:
        hits = sorted({p for p in changed_paths() if windows_watched(p)})
    except (OSError, subprocess.SubprocessError):
        return True, "git cannot tell what changed (no git, no previous commit or a shallow clone)"
    if hits:
        more = f" (+{len(hits) - 3} more)" if len(hits) > 3 else ""
        return True, "Windows packaging inputs changed: " + ", ".join(hits[:3]) + more
    return False, f"the Windows packaging inputs are unchanged (set {WINDOWS_ENV}=1 to run them anyway)"


def bundle_decision() -> tuple[bool, str]:
    """(run?, why) for the bundle tests."""
    flag = os.environ.get(ENV, "").strip()
    if flag == "1":
        return True, f"{ENV}=1"
    if flag == "0":
        return False, f"{ENV}=0"
    try:
        changed = changed_paths()
    except (OSError, subprocess.SubprocessError):
        return True, "git cannot tell what changed (no git, no previous commit or a shallow clone)"
    hits = sorted({p for p in changed if watched(p)})
    if hits:
        more = f" (+{len(hits) - 3} more)" if len(hits) > 3 else ""
        return True, "packaging inputs changed: " + ", ".join(hits[:3]) + more
    return False, ("packaging/, pyproject.toml and dev are unchanged since the previous commit "
                   f"(set {ENV}=1 to run it anyway)")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    reporter = config.pluginmanager.get_plugin("terminalreporter")
    for marker, label, decide in (("bundle", "frozen-bundle", bundle_decision),
                                  ("windows", "Windows installer (Wine)", windows_decision)):
        marked = [item for item in items if item.get_closest_marker(marker) is not None]
        if not marked:
            continue
        run, why = decide()
        if run:
            if reporter is not None:
                reporter.write_line(f"{label} tests run: {why}")
            continue
        config.hook.pytest_deselected(items=marked)
        items[:] = [item for item in items if item.get_closest_marker(marker) is None]
        if reporter is not None:
            reporter.write_line(f"{label} tests deselected ({len(marked)}): {why}")
