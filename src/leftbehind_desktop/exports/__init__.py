"""Qt-free exports: child file PDFs (一人一档, :mod:`.child_pdf`), quarterly Excel ledgers,
rosters and the summary (:mod:`.ledger`), and the CJK font handling they need
(:mod:`.fonts`). See docs/EXPORTS.md."""
