"""The Windows build's pin list (packaging/windows/requirements-windows.txt) stays in step
with pyproject.toml: every runtime dependency is pinned exactly once, inside its range."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parents[2]
PINS = ROOT / "packaging" / "windows" / "requirements-windows.txt"


def key(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pins() -> dict[str, str]:
    found: dict[str, str] = {}
    for line in PINS.read_text("utf-8").splitlines():
        line = line.split("#")[0].strip()
        if not line:
            continue
        name, sep, version = line.partition("==")
        assert sep and re.fullmatch(r"[0-9][0-9A-Za-z.]*", version), f"not an exact pin: {line}"
        assert key(name) not in found, f"pinned twice: {name}"
        found[key(name)] = version
    return found


def test_every_runtime_dependency_is_pinned_inside_its_range() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    pinned = pins()
    for spec in project["dependencies"]:
        req = Requirement(spec)
        assert key(req.name) in pinned, f"{req.name} is not pinned for Windows"
        assert req.specifier.contains(pinned[key(req.name)], prereleases=True), (
            f"{req.name}=={pinned[key(req.name)]} is outside pyproject's {req.specifier}")
    # the freezer is pinned too, inside the dev extra's range
    dev = {key(Requirement(s).name): Requirement(s) for s in project["optional-dependencies"]["dev"]}
    assert dev["pyinstaller"].specifier.contains(pinned["pyinstaller"])


def test_the_build_script_pins_python_and_inno_setup() -> None:
    script = (ROOT / "packaging" / "windows" / "build.sh").read_text("utf-8")
    assert re.search(r"^PYEMBED_VERSION=3\.11\.\d+\b", script, re.M)
    assert re.search(r"^INNO_VERSION=6\.4\.1\b", script, re.M)


# The one deliberate difference (requirements-windows.txt says why): numpy 2's Windows wheels
# need ucrtbase's crealf, which Wine 8 lacks, so the installer could not be tested.
WINDOWS_OWN_VERSION = {"numpy": "1.26.4"}


def test_the_installed_runtime_tree_is_pinned_at_the_same_versions() -> None:
    """What the Linux build bundles (the installed dependency tree) is what Windows gets."""
    import sys

    sys.path.insert(0, str(ROOT / "packaging"))
    try:
        import buildmeta
    finally:
        sys.path.remove(str(ROOT / "packaging"))
    pinned = pins()
    for dist in buildmeta.runtime_distributions():
        name = key(dist.metadata["Name"])
        if name in WINDOWS_OWN_VERSION:
            assert pinned.get(name) == WINDOWS_OWN_VERSION[name], (name, pinned.get(name))
        elif name != "leftbehind-desktop":
            assert pinned.get(name) == dist.version, (name, dist.version, pinned.get(name))
