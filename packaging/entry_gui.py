"""Frozen entry point of ``leftbehind-desktop`` (the GUI); = ``leftbehind_desktop.ui.app:main``.

Adds ``--version`` / ``-V`` in front of the app's own argument parser, so that IT staff and
the packaging smoke test can ask an installed build which version and build it is. A
windowed Windows executable has no stdout: there the text is shown in a message box.
"""

from __future__ import annotations

import importlib
import sys


def version_text() -> str:
    from leftbehind_desktop import __version__

    text = f"leftbehind-desktop {__version__}"
    try:
        info = importlib.import_module("leftbehind_desktop._build_info")
    except ImportError:
        return text + " (开发版本 / development build)"
    commit = getattr(info, "COMMIT", "")
    return text + f" (构建 / built {getattr(info, 'BUILD_DATE', '?')}" + (f", {commit})" if commit else ")")


def main() -> int:
    if any(a in ("--version", "-V") for a in sys.argv[1:]):
        text = version_text()
        if sys.stdout is not None:
            from leftbehind_desktop.core.console import make_streams_safe

            make_streams_safe()
            print(text, flush=True)
        else:  # pragma: no cover - windowed Windows build
            from PySide6.QtWidgets import QApplication, QMessageBox

            app = QApplication(sys.argv[:1])
            QMessageBox.information(None, "leftbehind-desktop", text)
            del app
        return 0
    from leftbehind_desktop.ui.app import main as app_main

    return app_main()


if __name__ == "__main__":
    sys.exit(main())
