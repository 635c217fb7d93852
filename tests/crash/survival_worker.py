"""Child process of the survival test: loops over one kind of operation until SIGKILLed.

usage: survival_worker.py MODE STORE_DIR [ARGS…]
  write   STORE                 add child + visit + update, forever
  import  STORE PKG…            import the packages in order, then start again
  backup  STORE                 write backups (automatic folder) forever
  passwd  STORE                 change the passphrase back and forth forever
"""

from __future__ import annotations

import sys
from pathlib import Path

from leftbehind_desktop.store import backup
from leftbehind_desktop.store.keyslots import KdfParams
from leftbehind_desktop.store.registry import Registry
from leftbehind_desktop.store.store import Store

PASS_A = "correct horse 马"
PASS_B = "second passphrase 牛"


def open_any(directory: Path) -> tuple[Store, str]:
    for p in (PASS_A, PASS_B):
        try:
            return Store.open(directory, passphrase=p), p
        except Exception:
            continue
    raise SystemExit("cannot open")


def main() -> None:
    mode, directory = sys.argv[1], Path(sys.argv[2])
    store, current = open_any(directory)
    print("ready", flush=True)
    n = 0
    while True:
        n += 1
        if mode == "write" and n % 4 == 0:
            from leftbehind_desktop.core import demo

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
            from leftbehind_desktop.sync import package

            for pkg in sys.argv[3:]:
                package.import_package(store, Path(pkg))
        elif mode == "backup":
            backup.write_backup(store, directory / "backups", f"crash-{n % 3}")
        elif mode == "passwd":
            current = PASS_B if current == PASS_A else PASS_A
            store.change_passphrase(current, KdfParams.fast())


if __name__ == "__main__":
    main()
