"""Size and start-up time of the frozen Linux bundle (docs/benchmarks/packaging.md).

    .venv/bin/python packaging/bench_bundle.py [--runs 10]

Needs a built bundle (``./dev bundle``). Measures:

* size of ``dist/leftbehind-desktop`` unpacked, of the ``.tar.gz`` and the ``.deb``;
* ``leftbehind --version``: wall time of a fresh process (hyperfine when installed);
* GUI start → first window shown (offscreen): launch ``leftbehind-desktop`` with
  ``LEFTBEHIND_STARTUP_PROBE=1`` on an existing store; the app prints the wall-clock time at
  which the unlock dialog is up (``unlock-shown <epoch>``); start → that moment is measured;
* the same for the source checkout (``python -m leftbehind_desktop.ui.app``) for comparison.

"Cold" = a new process each run. The page cache is dropped before each run when that is
permitted (root, /proc/sys/vm/drop_caches writable), and the report says whether it was.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DIST = ROOT / "dist"
BUNDLE = DIST / "leftbehind-desktop"
PASS = "bench bundle 2026 口令"


def mb(n: int) -> float:
    return round(n / 1_000_000, 1)


def tree_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def drop_caches() -> bool:
    try:
        subprocess.run(["sync"], check=True)
        Path("/proc/sys/vm/drop_caches").write_text("3\n")
        return True
    except OSError:
        return False


def env(home: Path) -> dict[str, str]:
    return {"PATH": "/usr/bin:/bin", "HOME": str(home), "LANG": "C.UTF-8",
            "XDG_DATA_HOME": str(home / "data"), "XDG_CONFIG_HOME": str(home / "config"),
            "XDG_RUNTIME_DIR": str(home / "rt"), "QT_QPA_PLATFORM": "offscreen",
            "LEFTBEHIND_PASSPHRASE": PASS}


def time_version(runs: int, cold: bool, e: dict[str, str]) -> list[float]:
    out = []
    for _ in range(runs):
        if cold:
            drop_caches()
        t0 = time.perf_counter()
        subprocess.run([str(BUNDLE / "leftbehind"), "--version"], env=e, check=True,
                       capture_output=True)
        out.append(time.perf_counter() - t0)
    return out


def time_gui(cmd: list[str], runs: int, cold: bool, e: dict[str, str]) -> list[float]:
    out = []
    for _ in range(runs):
        if cold:
            drop_caches()
        t0 = time.time()
        proc = subprocess.run(cmd, env={**e, "LEFTBEHIND_STARTUP_PROBE": "1"}, capture_output=True,
                              text=True, timeout=120)
        line = next((ln for ln in proc.stdout.splitlines() if ln.startswith("unlock-shown ")), None)
        if line is None:
            raise SystemExit(f"no unlock-shown line: rc={proc.returncode} {proc.stderr[-2000:]}")
        out.append(float(line.split()[1]) - t0)
    return out


def summary(values: list[float]) -> dict[str, float]:
    return {"median_s": round(statistics.median(values), 3), "min_s": round(min(values), 3),
            "max_s": round(max(values), 3), "runs": len(values)}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=10)
    args = ap.parse_args()
    if not (BUNDLE / "leftbehind").exists():
        raise SystemExit("build the bundle first: ./dev bundle")
    tgz = sorted(DIST.glob("leftbehind-desktop-*-linux-*.tar.gz"))
    deb = sorted(DIST.glob("leftbehind-desktop_*.deb"))
    report: dict[str, object] = {
        "unpacked_mb": mb(tree_size(BUNDLE)),
        "internal_files": sum(1 for p in (BUNDLE / "_internal").rglob("*") if p.is_file()),
        "tar_gz_mb": mb(tgz[-1].stat().st_size) if tgz else None,
        "deb_mb": mb(deb[-1].stat().st_size) if deb else None,
        "cache_drop_permitted": drop_caches(),
        "cpus": os.cpu_count(),
    }
    home = Path(tempfile.mkdtemp(prefix="lb-bench-"))
    try:
        (home / "rt").mkdir(mode=0o700)
        e = env(home)
        store = home / "store"
        subprocess.run([str(BUNDLE / "leftbehind"), "--store", str(store), "init", "--role", "village",
                        "--unit", "210213001001", "--unit-name", "大李家村", "--officer", "刘淑华"],
                       env=e, check=True, capture_output=True)
        cold = bool(report["cache_drop_permitted"])
        report["cli_version_cold"] = summary(time_version(args.runs, cold, e))
        report["cli_version_warm"] = summary(time_version(args.runs, False, e))
        frozen_gui = [str(BUNDLE / "leftbehind-desktop"), "--store", str(store)]
        source_gui = [str(ROOT / ".venv" / "bin" / "python"), "-m", "leftbehind_desktop.ui.app",
                      "--store", str(store)]
        report["gui_first_window_cold"] = summary(time_gui(frozen_gui, args.runs, cold, e))
        report["gui_first_window_warm"] = summary(time_gui(frozen_gui, args.runs, False, e))
        report["source_gui_first_window_warm"] = summary(
            time_gui(source_gui, args.runs, False, {**e, "PATH": os.environ.get("PATH", "")}))
    finally:
        shutil.rmtree(home, ignore_errors=True)
    json.dump(report, sys.stdout, indent=2)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
