"""Regenerate the test vectors of sync/SPEC.md (sample keys and a sample package).

    .venv/bin/python sync/vectors/make_vectors.py

Writes into this directory:
  sender.pub             minisign public key of the sending village device
  sender.ed25519.hex     its raw Ed25519 secret key (SAMPLE ONLY — never a real key)
  recipient.identity.txt age X25519 identity of the receiving street office (SAMPLE ONLY)
  recipient.txt          its age recipient
  sample.lbpkg           a quarterly package, village 210213001001 → street 210213001000
  expected/manifest.json the manifest inside it
  expected/records.jsonl the records inside its payload (synthetic people only)
  expected/contents.json names and SHA-256 of every payload member
"""

from __future__ import annotations

import io
import json
import sys
import tempfile
import zipfile
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1] / "src"))

from leftbehind_desktop.store.keyslots import KdfParams  # noqa: E402
from leftbehind_desktop.store.registry import Registry  # noqa: E402
from leftbehind_desktop.store.store import Store  # noqa: E402
from leftbehind_desktop.sync import container, enroll, package  # noqa: E402
from leftbehind_desktop.sync.identity import DeviceIdentity  # noqa: E402

CHILDREN = [
    {"name": "张小明", "sex": "男", "birth_date": "2015-03-04",
     "id_number": "210213201503041254", "residence": "大李家村3组12号", "schooling": "小学",
     "school_name": "大李家小学", "living_arrangement": "与祖辈同住"},
    {"name": "王丽", "sex": "女", "birth_date": "2013-07-21", "hukou_registered": False,
     "residence": "大李家村1组3号", "schooling": "初中", "school_name": "大李家中学",
     "living_arrangement": "与母亲同住"},
]


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        t = Path(tmp)
        village, _ = Store.init(t / "v", "sample passphrase", role="village",
                                unit_code="210213001001", unit_name="大李家村", officer="示例信息员",
                                kdf=KdfParams.fast())
        street, _ = Store.init(t / "s", "sample passphrase", role="street",
                               unit_code="210213001000", unit_name="大魏家街道", officer="示例审核员",
                               kdf=KdfParams.fast())
        try:
            req = enroll.read_request(street, enroll.make_request(village))
            resp = enroll.read_response(village, enroll.approve(street, req, req.fingerprint))
            enroll.accept(village, resp, resp.fingerprint)
            reg = Registry(village, today=lambda: date(2026, 12, 1))
            ids = [reg.add("child", c).record["id"] for c in CHILDREN]
            reg.add("visit", {"visit_date": "2026-11-20", "visit_type": "入户走访",
                              "visitor": "示例信息员", "living_arrangement": "与祖辈同住",
                              "guardian_present": True, "safety_ok": True, "health_ok": True,
                              "study_ok": True, "findings": "孩子在家写作业，精神状态良好。"},
                    child_id=ids[0])
            out = package.export_package(village, "2026Q4", HERE / "sample.lbpkg", ledger=False)
            me = DeviceIdentity.of(village)
            them = DeviceIdentity.of(street)
            (HERE / "sender.pub").write_text(me.public.file_text())
            (HERE / "sender.ed25519.hex").write_text(me.secret.raw().hex() + "\n")
            (HERE / "recipient.identity.txt").write_text(str(them.age_identity) + "\n")
            (HERE / "recipient.txt").write_text(them.age_recipient + "\n")
            data = out.path.read_bytes()
            box = container.open_container(data)
            (HERE / "expected").mkdir(exist_ok=True)
            (HERE / "expected" / "manifest.json").write_bytes(box.manifest)
            import pyrage

            plain = pyrage.decrypt(box.payload, [them.age_identity])
            with zipfile.ZipFile(io.BytesIO(plain)) as zf:
                (HERE / "expected" / "records.jsonl").write_bytes(zf.read("records.jsonl"))
                contents = {n: json.loads(box.manifest)["contents"][n] for n in zf.namelist()}
            (HERE / "expected" / "contents.json").write_text(
                json.dumps(contents, indent=2, sort_keys=True) + "\n")
        finally:
            village.close()
            street.close()
    print(f"vectors written to {HERE}")


if __name__ == "__main__":
    main()
