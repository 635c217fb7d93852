"""The package API in one place, for the CLI, the GUI and tools: export
(:mod:`.export`), check and import (:mod:`.incoming`) of ``.lbpkg`` packages — the format
is specified in ``sync/SPEC.md``; the container in :mod:`.container`, the manifest in
:mod:`.manifest`, the streamed payload in :mod:`.stream`, the merge in :mod:`.merge`."""

from __future__ import annotations

from .export import ExportResult, check_period, export_package
from .incoming import (
    Checked,
    ImportReport,
    InvalidRecords,
    check_package,
    import_package,
    verify_audit,
    verify_package,
)

__all__ = ["Checked", "ExportResult", "ImportReport", "InvalidRecords", "check_package",
           "check_period", "export_package", "import_package", "verify_audit",
           "verify_package"]
