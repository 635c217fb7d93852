"""Child processes of the survival test: each loops over one kind of operation until
SIGKILLed.

The test starts ONE fork server per test (``python survival_worker.py serve``): it imports
the program once, then forks a fresh worker process for every kill, so a kill costs the
operation and the check, not a Python start-up and the imports (about 1.5 s each). The
server is single-threaded and holds no open store, so its forks are clean. Protocol, one line
each on the server's stdin/stdout:

  ["run", MODE, STORE_DIR, ARGS…]  → "ready PID" once the forked worker has opened the store
  ["reap", PID]                    → "reaped SIGNAL" once that worker is gone, with the signal that
                                     ended it (0: it exited by itself)

(JSON arrays: paths may hold spaces.)

Modes:
  write   STORE                 add child + visit + update, forever
  import  STORE PKG…            import the packages in order, then start again
  backup  STORE                 write backups (automatic folder) forever
  passwd  STORE                 change the passphrase back and forth forever

``python survival_worker.py MODE STORE_DIR [ARGS…]`` runs one worker directly (prints
"ready"), as before.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from leftbehind_desktop.core import demo
from leftbehind_desktop.store import backup
from leftbehind_desktop.store.keyslots import KdfParams
from leftbehind_desktop.store.registry import Registry
from leftbehind_desktop.store.store import Store
from leftbehind_desktop.sync import package

PASS_A = "correct horse 马"
PASS_B = "second passphrase 牛"


def open_any(directory: Path) -> tuple[Store, str]:
    for p in (PASS_A, PASS_B):
        try:
            return Store.open(directory, passphrase=p), p
        except Exception:
            continue
    raise SystemExit("cannot open")


def work(mode: str, directory: Path, args: Sequence[str], ready: Callable[[], None]) -> None:
    store, current = open_any(directory)
    ready()
    n = 0
    while True:
        n += 1
        if mode == "write" and n % 4 == 0:
            reg = Registry(store)
            for batch in demo.generate(store.unit_code, 20, seed=n, device_id=store.device_id, batch_size=20):
                reg.bulk_insert(batch.records, action="record.demo")
        elif mode == "write":
            reg = Registry(store)
            cid = reg.add("child", {"name": f"写入{n}", "sex": "女", "birth_date": "2015-06-01",
                                    "hukou_registered": False, "residence": "大李家村", "schooling": "小学",
                                    "living_arrangement": "与祖辈同住"}).record["id"]
            reg.add("visit", {"visit_date": "2026-11-01", "visitor": "刘淑华",
                              "living_arrangement": "单独居住"}, child_id=cid)
            reg.update("child", cid, {"notes": f"第{n}次"})
        elif mode == "import":
            for pkg in args:
                package.import_package(store, Path(pkg))
        elif mode == "backup":
            backup.write_backup(store, directory / "backups", f"crash-{n % 3}")
        elif mode == "passwd":
            current = PASS_B if current == PASS_A else PASS_A
            store.change_passphrase(current, KdfParams.fast())


def fork_worker(mode: str, directory: Path, args: Sequence[str]) -> int:
    """Fork a worker; returns its pid once it has opened the store."""
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:  # the worker: never returns
        try:
            os.close(r)
            devnull = os.open(os.devnull, os.O_RDWR)
            for fd in (0, 1):
                os.dup2(devnull, fd)

            def ready() -> None:
                os.write(w, b"ready\n")
                os.close(w)

            work(mode, directory, args, ready)
        finally:
            os._exit(1)
    os.close(w)
    with os.fdopen(r, "rb") as fh:
        line = fh.readline()
    if line != b"ready\n":  # the worker failed before it was ready
        os.waitpid(pid, 0)
        raise SystemExit(f"worker did not start: {line!r}")
    return pid


def serve() -> None:
    print("serving", flush=True)
    for line in sys.stdin:
        cmd, *rest = json.loads(line)
        if cmd == "run":
            pid = fork_worker(str(rest[0]), Path(rest[1]), [str(a) for a in rest[2:]])
            print(f"ready {pid}", flush=True)
        elif cmd == "reap":
            _, status = os.waitpid(int(rest[0]), 0)
            print(f"reaped {os.WTERMSIG(status) if os.WIFSIGNALED(status) else 0}", flush=True)


def main() -> None:
    if sys.argv[1] == "serve":
        serve()
        return
    mode, directory = sys.argv[1], Path(sys.argv[2])
    work(mode, directory, sys.argv[3:], lambda: print("ready", flush=True))


if __name__ == "__main__":
    main()
