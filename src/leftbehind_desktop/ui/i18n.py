"""Languages: the UI's source strings are Simplified Chinese; English comes from
``resources/translations/leftbehind_en.qm``. Qt's own dialogs use ``qtbase_zh_CN.qm``.

Language and font size live in QSettings so they apply before the store is unlocked.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

TRANSLATIONS = Path(__file__).resolve().parent.parent / "resources" / "translations"
LANGS = ("zh", "en")
FONT_SIZES = {"normal": 10, "large": 12, "xlarge": 14}

_installed: list[QTranslator] = []


def qsettings() -> QSettings:
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                     "leftbehind-desktop", "leftbehind-desktop")


def saved_lang() -> str:
    value = str(qsettings().value("language", "zh"))
    return value if value in LANGS else "zh"


def save_lang(lang: str) -> None:
    qsettings().setValue("language", lang)


def saved_font_size() -> str:
    value = str(qsettings().value("font_size", "normal"))
    return value if value in FONT_SIZES else "normal"


def save_font_size(size: str) -> None:
    qsettings().setValue("font_size", size)


def apply_font_size(app: QApplication, size: str) -> None:
    font = QFont(app.font())
    font.setPointSize(FONT_SIZES.get(size, 10))
    app.setFont(font)


def install_translators(app: QCoreApplication, lang: str) -> list[QTranslator]:
    """Load Qt's own catalog and the app's catalog for ``lang``; returns what was loaded."""
    for t in _installed:
        app.removeTranslator(t)
    _installed.clear()
    # calendars, number and date formats of Qt's own widgets follow the UI language
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China) if lang == "zh"
                       else QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if lang == "zh":
        qt = QTranslator(app)
        if qt.load(QLocale(QLocale.Language.Chinese, QLocale.Country.China), "qtbase", "_",
                   qt_dir) or qt.load("qtbase_zh_CN", qt_dir):
            app.installTranslator(qt)
            _installed.append(qt)
        extra = QTranslator(app)  # what qtbase_zh_CN leaves in English (file dialog labels)
        if extra.load("qt_extra_zh_CN", str(TRANSLATIONS)):
            app.installTranslator(extra)
            _installed.append(extra)
    else:
        own = QTranslator(app)
        if own.load("leftbehind_en", str(TRANSLATIONS)):
            app.installTranslator(own)
            _installed.append(own)
    return list(_installed)


_lang = "zh"


def set_current(lang: str) -> None:
    global _lang
    _lang = lang if lang in LANGS else "zh"


def current() -> str:
    """The language core messages are shown in (``UserError.text(lang)``)."""
    return _lang
