"""The trust boundary through the GUI's import screen, on real stores: a package that takes
over another village's child, and one with a hostile manifest, are refused with the same
clear message as the CLI; the store is byte-identical and the victim record unchanged."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from leftbehind_desktop.store.sync import SyncStore
from leftbehind_desktop.sync import package
from leftbehind_desktop.sync.errors import SyncError
from leftbehind_desktop.ui.sync.common import last_finished_quarter
from tests.sync.helpers import Office
from tests.sync.test_ownership import rewrite, take_over

from .conftest import VILLAGE_A, VILLAGE_B, screens_for
from .test_sync_gui import files_digest, import_through_gui

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

PERIOD = last_finished_quarter(date.today())


def test_takeover_refused_in_gui_with_the_cli_message(qtbot: QtBot, offices: dict[str, Office],
                                                      tmp_path: Path) -> None:
    a, b, street = offices["a"], offices["b"], offices["street"]
    package.import_package(street.store,
                           package.export_package(a.store, PERIOD, tmp_path / "a.lbpkg").path)
    target = next(iter(SyncStore(street.store).iter_records("child", VILLAGE_A)))
    pb = package.export_package(b.store, PERIOD, tmp_path / "b.lbpkg")
    bad = tmp_path / "takeover.lbpkg"
    bad.write_bytes(rewrite(pb.path.read_bytes(), b, street, take_over(target, VILLAGE_B)))
    with pytest.raises(SyncError) as info:
        package.verify_package(street.store, bad)
    s = screens_for(qtbot, street)
    assert s.importer is not None
    s.show_tab("import")
    before = files_digest(street.dir)
    import_through_gui(s.importer, bad)
    text = s.importer.banner.text()
    assert s.importer.banner.level == "bad"
    assert info.value.text("zh") in text and "Traceback" not in text
    assert target["id"] in text and "大李家村（210213001001）" in text
    assert files_digest(street.dir) == before
    assert SyncStore(street.store).existing("child", [target["id"]])[target["id"]] == target


def test_hostile_manifest_refused_in_gui_and_cli_with_one_message(
        qtbot: QtBot, offices: dict[str, Office], tmp_path: Path) -> None:
    """A validly signed manifest with a 4,000-digit event count: the raw traceback of
    the review is now one clear sentence, the same in the GUI and the CLI."""
    import os
    import subprocess
    import sys

    from leftbehind_desktop.sync.identity import DeviceIdentity
    from tests.conftest import PASSPHRASE
    from tests.sync.helpers import forge

    a, street = offices["a"], offices["street"]
    good = package.export_package(a.store, PERIOD, tmp_path / "a.lbpkg")
    bad = tmp_path / "long-int.lbpkg"
    bad.write_bytes(forge(good.path.read_bytes(), DeviceIdentity.of(a.store).secret,
                          lambda raw: raw.update(audit_events=int("9" * 4000))))
    with pytest.raises(SyncError) as info:
        package.verify_package(street.store, bad)
    message = info.value.text("zh")
    assert "整数过长" in message
    s = screens_for(qtbot, street)
    assert s.importer is not None
    s.show_tab("import")
    before = files_digest(street.dir)
    import_through_gui(s.importer, bad)
    assert message in s.importer.banner.text() and "Traceback" not in s.importer.banner.text()
    assert files_digest(street.dir) == before
    street.close()
    closed = files_digest(street.dir)
    env = {**os.environ, "LEFTBEHIND_PASSPHRASE": PASSPHRASE}
    proc = subprocess.run([sys.executable, "-m", "leftbehind_desktop.cli", "--store",
                           str(street.dir), "import", str(bad)], capture_output=True, text=True,
                          env=env, timeout=120)
    assert proc.returncode == 1 and message in proc.stderr and "Traceback" not in proc.stderr
    assert files_digest(street.dir) == closed
    street.reopen()


def test_history_and_bomb_refusals_in_gui_and_cli(qtbot: QtBot, offices: dict[str, Office],
                                                  tmp_path: Path) -> None:
    """A chain cut short after the first package, a path as package id and a zip bomb:
    each refused through the GUI and the CLI with its own cause, the store unchanged."""
    import os
    import subprocess
    import sys

    from leftbehind_desktop.sync.identity import DeviceIdentity
    from tests.conftest import PASSPHRASE
    from tests.sync.helpers import decrypt_contents, forge, make_payload

    a, street = offices["a"], offices["street"]
    package.import_package(street.store,
                           package.export_package(a.store, PERIOD, tmp_path / "a1.lbpkg").path)
    second = package.export_package(a.store, PERIOD, tmp_path / "a2.lbpkg").path.read_bytes()
    ident = street.store.setting("device_age_identity")
    assert ident
    members = decrypt_contents(second, ident)
    signer = DeviceIdentity.of(a.store).secret
    recipient = DeviceIdentity.of(street.store).age_recipient
    events = members["audit.jsonl"].splitlines(keepends=True)[:2]
    short, short_contents = make_payload({**members, "audit.jsonl": b"".join(events)}, recipient)
    bomb, bomb_contents = make_payload({"records.jsonl": members["records.jsonl"]
                                        + b" " * 5_000_000}, recipient)
    bomb_contents["records.jsonl"]["size"] = len(members["records.jsonl"])
    cases = {
        "audit_truncated": forge(second, signer, lambda r: r.update(audit_events=2), short,
                                 short_contents),
        "bad_manifest": forge(second, signer, lambda r: r.update(package_id="../../etc/passwd")),
        "bomb": forge(second, signer, None, bomb, bomb_contents),
    }
    s = screens_for(qtbot, street)
    assert s.importer is not None
    s.show_tab("import")
    env = {**os.environ, "LEFTBEHIND_PASSPHRASE": PASSPHRASE}
    errors = {}
    for code, data in cases.items():  # through the GUI (its session holds the open store)
        bad = tmp_path / f"{code}.lbpkg"
        bad.write_bytes(data)
        with pytest.raises(SyncError) as info:
            package.verify_package(street.store, bad)
        assert info.value.code == code
        errors[code] = info.value
        before = files_digest(street.dir)
        import_through_gui(s.importer, bad)
        assert info.value.text("zh") in s.importer.banner.text()
        assert files_digest(street.dir) == before
    street.close()
    closed = files_digest(street.dir)
    try:
        for code, err in errors.items():  # through the CLI, on the closed store
            proc = subprocess.run([sys.executable, "-m", "leftbehind_desktop.cli", "--store",
                                   str(street.dir), "--lang", "en", "import",
                                   str(tmp_path / f"{code}.lbpkg")],
                                  capture_output=True, text=True, env=env, timeout=120)
            assert proc.returncode == 1 and "Traceback" not in proc.stderr, proc.stderr
            assert err.text("en") in proc.stderr
            assert files_digest(street.dir) == closed
    finally:
        street.reopen()
