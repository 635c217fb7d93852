"""Benchmark: peak memory and time of package imports at the district — the honest street
package (9,000 children, 150,003 rows) and hostile shapes (a 1 GiB file of noise, a 1 GiB
container under an unknown key, a validly signed 1 GiB payload that is not age, zip bombs
that lie about or honestly declare their size, a record line with a huge integer and one
nested 100,000 deep). Issue 12: peak resident memory < 300 MB above the program's
baseline for every input; a hostile input refused within seconds.

    .venv/bin/python -m bench.bench_sync_memory [--children 9000] [--visits 108000]

Each import runs in a fresh child process on a copy of the enrolled district store: the
baseline is its resident set after the store is open and the modules are loaded (peak
reset through ``/proc/self/clear_refs``), the peak its ``VmHWM`` after the import.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from typing import Any

LIMIT_MB = 300


def _status(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])  # kB
    raise RuntimeError(field)


def child(store_dir: str, pkg: str) -> None:
    """Runs in the measured process: open the store, reset the peak, import, report."""
    import gc

    from leftbehind_desktop.core.messages import UserError
    from leftbehind_desktop.store.store import Store
    from leftbehind_desktop.sync import package

    store = Store.open(Path(store_dir), passphrase=PASS)
    gc.collect()
    Path("/proc/self/clear_refs").write_text("5")
    base = _status("VmRSS")
    t = time.perf_counter()
    try:
        report = package.import_package(store, Path(pkg))
        outcome = "imported: " + ", ".join(f"{k} {v}" for k, v in report.counts.items() if v)
    except UserError as exc:
        outcome = f"refused ({exc.code}): {exc.text('en')[:90]}"
    elapsed = time.perf_counter() - t
    peak = _status("VmHWM")
    store.close()
    print(json.dumps({"baseline_mb": base / 1024, "peak_mb": peak / 1024,
                      "above_mb": (peak - base) / 1024, "seconds": elapsed,
                      "outcome": outcome}))


PASS = "bench passphrase"


def _measure(t: Path, name: str, pkg: Path) -> dict[str, Any]:
    work = t / "work"
    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree(t / "district", work)
    proc = subprocess.run([sys.executable, "-m", "bench.bench_sync_memory", "--child",
                           str(work), str(pkg)], capture_output=True, text=True, timeout=3600)
    if proc.returncode != 0:
        raise SystemExit(f"{name}: child failed\n{proc.stderr}")
    result: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    result["name"] = name
    result["size_mb"] = pkg.stat().st_size / 1e6
    ok = "ok" if result["above_mb"] < LIMIT_MB else "OVER"
    print(f"{name:<48} {result['size_mb']:8.1f} MB  {result['seconds']:7.2f} s  "
          f"peak +{result['above_mb']:6.1f} MB ({ok})  {result['outcome']}", flush=True)
    return result


def _signed(good: bytes, signer: Any, payload_path: Path | None, contents: dict[str, Any] | None,
            out: Path, payload_size: int, payload_sha: str, payload_crc: int) -> None:
    """A package re-signed by ``signer`` around a payload on disk (written in chunks)."""
    from leftbehind_desktop.sync import container
    from leftbehind_desktop.sync import manifest as mf

    box = container.open_container(good)
    raw = json.loads(box.manifest)
    raw["payload"]["sha256"], raw["payload"]["size"] = payload_sha, payload_size
    raw["sender"]["key_id"] = signer.public.key_id_text
    if contents is not None:
        raw["contents"] = contents
    manifest = mf.encode(raw)
    sig = signer.sign(manifest, mf.trusted_comment(mf.Manifest(raw))).encode()
    head, tail = container.layout(manifest, sig, payload_size, payload_crc)
    with out.open("wb") as fh:
        fh.write(head)
        if payload_path is not None:
            with payload_path.open("rb") as src:
                shutil.copyfileobj(src, fh, 1 << 20)
        fh.write(tail)


def _file_digest(path: Path) -> tuple[int, str, int]:
    import zlib

    sha, crc, n = hashlib.sha256(), 0, 0
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            sha.update(chunk)
            crc = zlib.crc32(chunk, crc)
            n += len(chunk)
    return n, sha.hexdigest(), crc


def _encrypted_zip(t: Path, members: dict[str, tuple[int, bytes]], recipient: str
                   ) -> tuple[Path, dict[str, Any]]:
    """An age payload of a deflated archive whose members repeat ``block`` ``n`` times
    (written as streams: nothing of the size is held in memory)."""
    import pyrage

    plain = t / "plain.zip"
    contents = {}
    with zipfile.ZipFile(plain, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for name, (n, block) in members.items():
            sha = hashlib.sha256()
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            with zf.open(info, "w", force_zip64=False) as w:
                for _ in range(n):
                    w.write(block)
                    sha.update(block)
            contents[name] = {"size": n * len(block), "sha256": sha.hexdigest()}
    out = t / "payload.age"
    with plain.open("rb") as src, out.open("wb") as dst:
        pyrage.encrypt_io(src, dst, [pyrage.x25519.Recipient.from_str(recipient)])
    plain.unlink()
    return out, contents


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--children", type=int, default=9000)
    ap.add_argument("--visits", type=int, default=108_000)
    ap.add_argument("--hostile-only", action="store_true",
                    help="only the hostile shapes (signed with a small street package)")
    ap.add_argument("--child", nargs=2, metavar=("STORE", "PACKAGE"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        child(*args.child)
        return
    from bench.bench_sync import _records
    from leftbehind_desktop.core import demo
    from leftbehind_desktop.store.keyslots import KdfParams
    from leftbehind_desktop.store.registry import Registry
    from leftbehind_desktop.store.store import Store
    from leftbehind_desktop.store.sync import MergePlan, SyncStore
    from leftbehind_desktop.sync import enroll
    from leftbehind_desktop.sync import package as sync_package
    from leftbehind_desktop.sync.identity import DeviceIdentity
    from leftbehind_desktop.sync.minisign import SecretKey

    street_code, district_code = "210213001000", "210213000000"
    results = []
    with tempfile.TemporaryDirectory(dir=os.environ.get("BENCH_TMP")) as tmp:
        t = Path(tmp)
        if args.hostile_only:
            args.children, args.visits = 50, 600
        records = _records(args.children, args.visits)
        total = sum(len(v) for v in records.values())
        street, _ = Store.init(t / "street", PASS, role="street", unit_code=street_code,
                               unit_name="大魏家街道", officer="基准", kdf=KdfParams.fast())
        district, _ = Store.init(t / "district", PASS, role="district",
                                 unit_code=district_code, unit_name="金普新区民政局",
                                 officer="基准", kdf=KdfParams.fast())
        try:
            req = enroll.read_request(district, enroll.make_request(street))
            resp = enroll.read_response(street, enroll.approve(district, req, req.fingerprint))
            enroll.accept(street, resp, resp.fingerprint)
            Registry(street).add_demo_units(demo.demo_units(street_code, 12))
            with street.transaction() as audit:
                SyncStore(street).apply(MergePlan(inserts=records, events=[
                    ("bench.load", "package", None, None, {"rows": total})]), audit)
            honest = sync_package.export_package(street, "2026Q4", t / "street.lbpkg").path
            signer = DeviceIdentity.of(street).secret
            recipient = DeviceIdentity.of(district).age_recipient
        finally:
            street.close()
            district.close()
        del records
        print(f"honest street package: {total:,} rows, {honest.stat().st_size / 1e6:.1f} MB")
        if not args.hostile_only:
            results.append(_measure(t, f"honest street package ({args.children:,} children)",
                                    honest))
        good = honest.read_bytes()
        gib = 1 << 30

        noise = t / "noise.lbpkg"
        with noise.open("wb") as fh:
            for _ in range(1024):
                fh.write(os.urandom(1 << 20))
        results.append(_measure(t, "1 GiB of noise", noise))

        big = t / "big.payload"
        shutil.move(noise, big)
        size, sha, crc = _file_digest(big)
        stranger = SecretKey.generate()
        _signed(good, stranger, big, None, t / "unknown.lbpkg", size, sha, crc)
        results.append(_measure(t, "1 GiB container, unknown key", t / "unknown.lbpkg"))
        (t / "unknown.lbpkg").unlink()
        declared = {"records.jsonl": {"size": gib, "sha256": "0" * 64}}
        _signed(good, signer, big, declared, t / "signed.lbpkg", size, sha, crc)
        results.append(_measure(t, "1 GiB payload, validly signed, not age", t / "signed.lbpkg"))
        (t / "signed.lbpkg").unlink()
        big.unlink()

        payload, contents = _encrypted_zip(t, {"records.jsonl": (1024, b" " * (1 << 20))},
                                           recipient)
        contents["records.jsonl"]["size"] = 1 << 20  # lies: 1 MiB declared, 1 GiB inside
        _signed(good, signer, payload, contents, t / "bomb1.lbpkg", *_file_digest(payload))
        results.append(_measure(t, "zip bomb: 1 GiB inflated, 1 MiB declared",
                                t / "bomb1.lbpkg"))
        (t / "bomb1.lbpkg").unlink()
        payload.unlink()

        # within the declared-ratio limit (≤ 400 × the payload): blank lines, then nothing
        payload, contents = _encrypted_zip(t, {"records.jsonl": (1024, b"\n" * (1 << 20)),
                                               "ledger.xlsx": (3, os.urandom(1 << 20))},
                                           recipient)
        _signed(good, signer, payload, contents, t / "bomb2.lbpkg", *_file_digest(payload))
        results.append(_measure(t, "zip bomb: 1 GiB of blank lines, declared",
                                t / "bomb2.lbpkg"))
        (t / "bomb2.lbpkg").unlink()
        payload.unlink()

        for name, line in (("record with a 100,000-digit version",
                            b'{"kind":"child","record":{"version":' + b"9" * 100_000 + b"}}\n"),
                           ("record nested 100,000 deep", b"[" * 100_000 + b"\n"),
                           ("1 MiB line of one string", b'"' + b"x" * ((1 << 20) - 8) + b'"\n')):
            payload, contents = _encrypted_zip(t, {"records.jsonl": (1, line)}, recipient)
            out = t / "line.lbpkg"
            _signed(good, signer, payload, contents, out, *_file_digest(payload))
            results.append(_measure(t, name, out))
            out.unlink()
            payload.unlink()
    worst = max(results, key=lambda r: r["above_mb"])
    print(f"worst peak above baseline: {worst['above_mb']:.1f} MB ({worst['name']}); "
          f"limit {LIMIT_MB} MB: {'met' if worst['above_mb'] < LIMIT_MB else 'NOT met'}")
    print(json.dumps(results, ensure_ascii=False))


if __name__ == "__main__":
    main()
