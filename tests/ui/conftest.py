"""GUI test fixtures: offscreen Qt, QSettings in a tmp dir, the Chinese UI."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")




from tests.ui_support import ui_settings, wait_until  # noqa: F401  (shared fixtures)
