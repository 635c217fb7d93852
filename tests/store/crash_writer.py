"""Child process for the crash test: writes until it is killed (SIGKILL)."""

from __future__ import annotations

import sys
from pathlib import Path

from leftbehind_desktop.store.registry import Registry
from leftbehind_desktop.store.store import Store


def main() -> None:
    directory, passphrase, mode = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
    store = Store.open(directory, passphrase=passphrase)
    reg = Registry(store)
    n = 0
    print("ready", flush=True)
    while True:
        n += 1
        if mode == "bulk":
            from leftbehind_desktop.core import demo

            for batch in demo.generate(store.unit_code, 40, seed=n, device_id=store.device_id):
                reg.bulk_insert(batch.records, action="record.demo")
        else:
            day = 1 + n % 28
            result = reg.add("child", {
                "name": f"测试{n}", "sex": "男", "birth_date": f"2015-03-{day:02d}",
                "hukou_registered": False, "residence": "大李家村", "schooling": "小学",
                "living_arrangement": "单独居住" if n % 3 == 0 else "与祖辈同住"})
            cid = result.record["id"]
            reg.add("visit", {"visit_date": "2026-11-01", "visitor": "刘淑华",
                              "living_arrangement": "与祖辈同住"}, child_id=cid)
            reg.update("child", cid, {"notes": f"第{n}次修改"})


if __name__ == "__main__":
    main()
