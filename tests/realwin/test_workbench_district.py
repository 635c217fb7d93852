"""The district's workbench on a district store (``bench/district_data.py``): the installed
program unlocks it, the work lists load in a background job while the window keeps
answering, and every list shows its first rows with the full count the store holds.

3,000 children by default (built once, cached); the 100,000-child check of issue 15 is the
same test with ``LEFTBEHIND_REALWIN_DISTRICT_CHILDREN=100000`` (docs/BENCHMARKS.md)."""

from __future__ import annotations

import os
import time
from datetime import date
from pathlib import Path

from bench import district_data

from leftbehind_desktop.store import worklists
from leftbehind_desktop.store.registry import Registry

from .xsession import Driver, find_in, session

CHILDREN = int(os.environ.get("LEFTBEHIND_REALWIN_DISTRICT_CHILDREN", "3000"))
TABLES = {"dueListTable": "due", "priorityListTable": "priority", "reportListTable": "open_reports",
          "entrustListTable": "needs_entrustment", "exitListTable": "exit_proposals",
          "verifyListTable": "verify_at_home", "dropoutListTable": "out_of_school",
          "assessListTable": "awaiting_assessment", "revokeListTable": "revocation"}


def test_district_workbench_loads_in_the_background(tmp_path: Path) -> None:
    store = district_data.copy_to(district_data.cached(CHILDREN), tmp_path / "store")
    with district_data.open_store(store) as s:  # what the lists must say, from the store
        expected = Registry(s).workbench(date.today(), limit=worklists.SCREEN_ROWS)
    with session(tmp_path, f"workbench-district-{CHILDREN}", 1366, 768, store=store) as app:
        d = Driver(app)
        d.widget("passphrase", "解锁")
        app.active("解锁")
        d.set_text("passphrase", district_data.PASSPHRASE, "解锁", check=False)
        app.key("Return")
        start = time.monotonic()
        app.wait_for("the main window", lambda wins: any(
            w.name == "mainWindow" and w.active for w in wins), 60)
        shown = time.monotonic() - start
        slowest, loaded_at, seen_loading = 0.0, None, False
        while time.monotonic() - start < 120:  # the window answers while the lists load
            asked = time.monotonic()
            wins = app.probe()
            slowest = max(slowest, time.monotonic() - asked)
            summary = find_in(wins, "workbenchSummary")
            if summary is not None and "正在加载" in summary.text:
                seen_loading = True
            if summary is not None and "在册儿童" in summary.text:
                loaded_at = time.monotonic() - start
                break
            time.sleep(0.05)
        assert loaded_at is not None, "the workbench never finished loading"
        print(f"\n{CHILDREN} children: unlock → main window {shown:.2f} s → lists shown "
              f"{loaded_at:.2f} s after the unlock; slowest probe "
              f"answer meanwhile {slowest * 1000:.0f} ms (loading seen: {seen_loading})")
        assert slowest < 2.0, "the window stopped answering while the lists loaded"
        assert (f"在册儿童 {expected.active_children} 名 · 待走访 {expected.total('due')} 名"
                f"（其中逾期 {expected.overdue} 名）") in summary.text
        wins = app.probe()
        for table, name in TABLES.items():
            w = find_in(wins, table)
            assert w is not None, table
            assert w.data["rows"] == min(expected.total(name), worklists.SCREEN_ROWS), table
            assert expected.total(name) > 0, f"{name}: the district data leaves it empty"
        first = find_in(wins, "entrustListTable")
        assert first is not None and first.data["cells"][0][0] == \
            expected.needs_entrustment[0]["name"]
        app.windows_fit()
        app.shot("workbench")
        app.close_window()
        # (quitting writes the exit backup: a copy of the whole store, ~1 GB at 100,000)
        assert app.wait_exit(60 + CHILDREN // 400) == 0, app.stderr()
