"""The rule that decides when the slow frozen-bundle test runs (tests/packaging/conftest.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from . import conftest as rule


def fake_git(committed: list[str], status: list[str]):  # type: ignore[no-untyped-def]
    def git(*args: str) -> list[str]:
        return committed if args[0] == "diff" else status
    return git


def test_env_flag_wins(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rule, "_git", fake_git(["packaging/leftbehind.spec"], []))
    monkeypatch.setenv(rule.ENV, "0")
    assert rule.bundle_decision()[0] is False
    monkeypatch.setattr(rule, "_git", fake_git([], []))
    monkeypatch.setenv(rule.ENV, "1")
    assert rule.bundle_decision() == (True, f"{rule.ENV}=1")


@pytest.mark.parametrize(("committed", "status", "runs"), [
    (["src/leftbehind_desktop/ui/app.py", "README.md"], [], False),
    (["packaging/linux/build.sh"], [], True),
    (["pyproject.toml"], [], True),
    (["dev"], [], True),
    (["docs/PACKAGING.md", "devtools/x.py"], [], False),  # 'devtools' is not 'dev'
    ([], [" M dev"], True),
    ([], ["?? packaging/new.py"], True),
    ([], ["R  old.txt -> packaging/renamed.txt"], True),
    ([], [" M src/leftbehind_desktop/store/store.py"], False),
])
def test_changed_paths(monkeypatch: pytest.MonkeyPatch, committed: list[str], status: list[str],
                       runs: bool) -> None:
    monkeypatch.delenv(rule.ENV, raising=False)
    monkeypatch.setattr(rule, "_git", fake_git(committed, status))
    run, why = rule.bundle_decision()
    assert run is runs, why


def test_no_git_means_run(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(rule.ENV, raising=False)

    def broken(*args: str) -> list[str]:
        raise subprocess.CalledProcessError(128, ["git", *args])

    monkeypatch.setattr(rule, "_git", broken)
    assert rule.bundle_decision()[0] is True


def test_deselected_not_skipped(tmp_path: Path) -> None:
    """A deselected bundle test is reported as deselected with the reason, not skipped."""
    (tmp_path / "pytest.ini").write_text("[pytest]\nmarkers =\n    bundle: slow\n")
    (tmp_path / "conftest.py").write_text(
        "from tests.packaging.conftest import pytest_collection_modifyitems  # noqa: F401\n")
    (tmp_path / "test_x.py").write_text("import pytest\n\n@pytest.mark.bundle\ndef test_slow():\n    pass\n\n"
                                        "def test_fast():\n    pass\n")
    env = {**os.environ, rule.ENV: "0", "PYTHONPATH": str(rule.ROOT)}
    proc = subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", str(tmp_path)],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert f"frozen-bundle tests deselected (1): {rule.ENV}=0" in proc.stdout, proc.stdout
    assert "1 passed, 1 deselected" in proc.stdout and "skipped" not in proc.stdout, proc.stdout


@pytest.mark.parametrize(("committed", "status", "runs"), [
    (["packaging/windows/leftbehind.iss"], [], True),
    (["packaging/leftbehind.spec"], [], True),
    ([], [" M src/leftbehind_desktop/core/console.py"], True),
    (["packaging/linux/build.sh", "pyproject.toml", "dev"], [], False),  # Linux-only inputs
    (["src/leftbehind_desktop/ui/app.py"], [], False),
])
def test_windows_rule_has_its_own_inputs(monkeypatch: pytest.MonkeyPatch, committed: list[str],
                                         status: list[str], runs: bool) -> None:
    monkeypatch.delenv(rule.ENV, raising=False)
    monkeypatch.delenv(rule.WINDOWS_ENV, raising=False)
    monkeypatch.setattr(rule, "_git", fake_git(committed, status))
    run, why = rule.windows_decision()
    assert run is runs, why


def test_windows_switches(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rule, "_git", fake_git(["packaging/windows/build.sh"], []))
    monkeypatch.setenv(rule.WINDOWS_ENV, "0")
    assert rule.windows_decision()[0] is False
    monkeypatch.delenv(rule.WINDOWS_ENV)
    monkeypatch.setenv(rule.ENV, "0")  # no slow packaging tests at all
    assert rule.windows_decision()[0] is False
    monkeypatch.setattr(rule, "_git", fake_git([], []))
    monkeypatch.setenv(rule.WINDOWS_ENV, "1")
    assert rule.windows_decision() == (True, f"{rule.WINDOWS_ENV}=1")
