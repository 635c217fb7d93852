"""When the slow frozen-bundle test runs.

Tests marked ``bundle`` build the Linux bundle with PyInstaller (minutes on two cores) and run
the frozen executables. They run when

* ``LEFTBEHIND_BUNDLE_TEST=1`` (``=0`` never runs them), or
* the last commit (``git diff HEAD~1 HEAD``) or the uncommitted changes (``git status``)
  touch ``packaging/``, ``pyproject.toml`` or ``dev``, or
* git cannot tell (no git, no previous commit, a shallow clone).

Otherwise they are deselected (not skipped), and the reason is printed.
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


def _git(*args: str) -> list[str]:
    out = subprocess.run(["git", "-C", str(ROOT), *args], capture_output=True, text=True,
                         timeout=30, check=True)
    return [line for line in out.stdout.splitlines() if line.strip()]


def watched(path: str) -> bool:
    path = path.strip().strip('"')
    return path in WATCHED_FILES or path.startswith(WATCHED_DIRS)


def bundle_decision() -> tuple[bool, str]:
    """(run?, why) for the bundle tests."""
    flag = os.environ.get(ENV, "").strip()
    if flag == "1":
        return True, f"{ENV}=1"
    if flag == "0":
        return False, f"{ENV}=0"
    try:
        committed = _git("diff", "--name-only", "HEAD~1", "HEAD")
        # porcelain: 'XY path' or 'XY old -> new'
        pending = [p for line in _git("status", "--porcelain", "--untracked-files=all")
                   for p in line[3:].split(" -> ")]
    except (OSError, subprocess.SubprocessError):
        return True, "git cannot tell what changed (no git, no previous commit or a shallow clone)"
    hits = sorted({p for p in committed + pending if watched(p)})
    if hits:
        more = f" (+{len(hits) - 3} more)" if len(hits) > 3 else ""
        return True, "packaging inputs changed: " + ", ".join(hits[:3]) + more
    return False, ("packaging/, pyproject.toml and dev are unchanged since the previous commit "
                   f"(set {ENV}=1 to run it anyway)")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    bundle_items = [item for item in items if item.get_closest_marker("bundle") is not None]
    if not bundle_items:
        return
    run, why = bundle_decision()
    reporter = config.pluginmanager.get_plugin("terminalreporter")
    if run:
        if reporter is not None:
            reporter.write_line(f"frozen-bundle tests run: {why}")
        return
    config.hook.pytest_deselected(items=bundle_items)
    items[:] = [item for item in items if item.get_closest_marker("bundle") is None]
    if reporter is not None:
        reporter.write_line(f"frozen-bundle tests deselected ({len(bundle_items)}): {why}")
