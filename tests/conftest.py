"""Shared fixtures: real SQLCipher stores in tmp dirs (a fast Argon2id cost: the same
algorithm and code path, only fewer rounds, so the suite stays quick)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from hypothesis import settings

from leftbehind_desktop.core import demo
from leftbehind_desktop.store.keyslots import KdfParams
from leftbehind_desktop.store.registry import Registry
from leftbehind_desktop.store.store import Store

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# property tests judge results, not speed: a loaded 2-core CI machine must not fail them on
# hypothesis' per-example deadline (200 ms)
settings.register_profile("leftbehind", deadline=None)
settings.load_profile("leftbehind")

PASSPHRASE = "correct horse 马"
VILLAGE = "210213001001"
STREET = "210213001000"
DISTRICT = "210213000000"


def make_store(directory: Path, role: str = "village", unit: str = VILLAGE,
               name: str = "大李家村", officer: str = "刘淑华") -> tuple[Store, str]:
    return Store.init(directory, PASSPHRASE, role=role, unit_code=unit, unit_name=name,
                      officer=officer, kdf=KdfParams.fast())


def fill_demo(reg: Registry, children: int, seed: int = 7, as_of: date | None = None) -> None:
    store = reg.store
    reg.add_demo_units(demo.demo_units(store.unit_code) + demo.street_units(store.unit_code))
    for batch in demo.generate(store.unit_code, children, seed=seed, as_of=as_of,
                               device_id=store.device_id):
        reg.bulk_insert(batch.records, action="record.demo")


@pytest.fixture
def store_dir(tmp_path: Path) -> Path:
    return tmp_path / "store"


@pytest.fixture
def store(store_dir: Path) -> Iterator[Store]:
    s, _ = make_store(store_dir)
    yield s
    s.close()


@pytest.fixture
def registry(store: Store) -> Registry:
    return Registry(store)


@pytest.fixture
def demo_registry(registry: Registry) -> Registry:
    fill_demo(registry, 30)
    return registry


CHILD = {
    "name": "张小明", "sex": "男", "birth_date": "2015-03-04",
    "id_number": "210213201503041254", "residence": "大李家村3组12号", "schooling": "小学",
    "school_name": "大李家小学", "living_arrangement": "与祖辈同住",
}


@pytest.fixture
def child_data() -> dict[str, object]:
    return dict(CHILD)
