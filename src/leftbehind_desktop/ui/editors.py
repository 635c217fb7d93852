"""One editor per form field type; each gives back plain Python values (ISO date strings,
codebook terms, bools, ints, lists), the same values the store and validation use."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QDate, QDateTime, QObject, QTime, Signal
from PySide6.QtGui import QIntValidator, QShowEvent
from PySide6.QtWidgets import (
    QCalendarWidget,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QGridLayout,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from ..core.dates import parse_date, parse_datetime
from ..core.forms import FieldDef

EMPTY_DATE = QDate(1900, 1, 1)  # shown as "未填写": QDateEdit has no empty state of its own


class _Calendar(QCalendarWidget):
    def showEvent(self, event: QShowEvent) -> None:
        if self.selectedDate() <= EMPTY_DATE:
            self.setCurrentPage(QDate.currentDate().year(), QDate.currentDate().month())
        super().showEvent(event)


class OptionalDateEdit(QDateTimeEdit):
    """A date (or date-time) edit with an empty state: the minimum date shows as blank text;
    the first step or calendar pick starts from today."""

    def __init__(self, with_time: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.with_time = with_time
        self.setCalendarPopup(True)
        self.setCalendarWidget(_Calendar(self))
        self.setDisplayFormat("yyyy年MM月dd日 HH:mm" if with_time else "yyyy年MM月dd日")
        self.setMinimumDateTime(QDateTime(EMPTY_DATE, QTime(0, 0)))
        self.setMaximumDate(QDate(2100, 12, 31))
        self.setSpecialValueText(self.tr("（未填写）"))
        self.clear_value()

    def clear_value(self) -> None:
        self.setDateTime(self.minimumDateTime())

    def is_empty(self) -> bool:
        return self.date() <= EMPTY_DATE

    def stepBy(self, steps: int) -> None:
        if self.is_empty():
            self.setDateTime(QDateTime(QDate.currentDate(), QTime.currentTime()
                                       if self.with_time else QTime(0, 0)))
            return
        super().stepBy(steps)


class Editor(QObject):
    changed = Signal()

    def __init__(self, fd: FieldDef, lang: str) -> None:
        super().__init__()
        self.fd = fd
        self.lang = lang
        self.widget: QWidget = QWidget()

    def value(self) -> Any:
        raise NotImplementedError

    def set_value(self, value: Any) -> None:
        raise NotImplementedError

    def focus_widgets(self) -> list[QWidget]:
        return [self.widget]


class LineEditor(Editor):
    def __init__(self, fd: FieldDef, lang: str) -> None:
        super().__init__(fd, lang)
        self.edit = QLineEdit()
        if fd.max_length:
            self.edit.setMaxLength(fd.max_length)
        if fd.type == "id_number":
            self.edit.setMaxLength(18)
            self.edit.setPlaceholderText(self.tr("18位，末位可为X"))
        elif fd.type == "phone":
            self.edit.setPlaceholderText(self.tr("手机号或区号-电话"))
        self.edit.textChanged.connect(self.changed)
        self.widget = self.edit

    def value(self) -> Any:
        text = self.edit.text().strip()
        if self.fd.type == "id_number":
            text = text.upper()
        return text or None

    def set_value(self, value: Any) -> None:
        self.edit.setText("" if value is None else str(value))


class IntEditor(LineEditor):
    def __init__(self, fd: FieldDef, lang: str) -> None:
        super().__init__(fd, lang)
        self.edit.setValidator(QIntValidator(fd.min if fd.min is not None else -10**9,
                                             fd.max if fd.max is not None else 10**9))

    def value(self) -> Any:
        text = self.edit.text().strip()
        try:
            return int(text) if text else None
        except ValueError:
            return text


class TextAreaEditor(Editor):
    def __init__(self, fd: FieldDef, lang: str) -> None:
        super().__init__(fd, lang)
        self.edit = QPlainTextEdit()
        self.edit.setTabChangesFocus(True)
        self.edit.setFixedHeight(64)
        self.edit.textChanged.connect(self.changed)
        self.widget = self.edit

    def value(self) -> Any:
        return self.edit.toPlainText().strip() or None

    def set_value(self, value: Any) -> None:
        self.edit.setPlainText("" if value is None else str(value))


class DateEditor(Editor):
    def __init__(self, fd: FieldDef, lang: str) -> None:
        super().__init__(fd, lang)
        self.edit = OptionalDateEdit(fd.type == "datetime")
        self.edit.dateTimeChanged.connect(self.changed)
        self.widget = self.edit

    def value(self) -> Any:
        if self.edit.is_empty():
            return None
        if self.fd.type == "datetime":
            return str(self.edit.dateTime().toString("yyyy-MM-dd HH:mm"))
        return str(self.edit.date().toString("yyyy-MM-dd"))

    def set_value(self, value: Any) -> None:
        if self.fd.type == "datetime":
            dt = parse_datetime(value)
            if dt is None:
                self.edit.clear_value()
            else:
                self.edit.setDateTime(QDateTime(QDate(dt.year, dt.month, dt.day),
                                                QTime(dt.hour, dt.minute)))
            return
        d = parse_date(value)
        if d is None:
            self.edit.clear_value()
        else:
            self.edit.setDate(QDate(d.year, d.month, d.day))

    def set_date(self, d: date) -> None:
        self.edit.setDate(QDate(d.year, d.month, d.day))


class ChoiceEditor(Editor):
    def __init__(self, fd: FieldDef, lang: str) -> None:
        super().__init__(fd, lang)
        self.combo = QComboBox()
        self.combo.addItem(self.tr("（请选择）"), None)
        book = fd.book()
        for v in book.values if book else ():
            self.combo.addItem(book.label(v, lang) if book else v, v)
        self.combo.setMaxVisibleItems(20)
        self.combo.currentIndexChanged.connect(self.changed)
        self.widget = self.combo

    def value(self) -> Any:
        return self.combo.currentData()

    def set_value(self, value: Any) -> None:
        i = self.combo.findData(value)
        self.combo.setCurrentIndex(i if i >= 0 else 0)


class MultiChoiceEditor(Editor):
    COLUMNS = 4

    def __init__(self, fd: FieldDef, lang: str) -> None:
        super().__init__(fd, lang)
        self.widget = QWidget()
        grid = QGridLayout(self.widget)
        grid.setContentsMargins(0, 0, 0, 0)
        self.boxes: list[tuple[str, QCheckBox]] = []
        book = fd.book()
        for i, v in enumerate(book.values if book else ()):
            box = QCheckBox(book.label(v, lang) if book else v)
            box.toggled.connect(self.changed)
            grid.addWidget(box, i // self.COLUMNS, i % self.COLUMNS)
            self.boxes.append((v, box))

    def value(self) -> Any:
        chosen = [v for v, b in self.boxes if b.isChecked()]
        return chosen or None

    def set_value(self, value: Any) -> None:
        chosen = set(value or ())
        for v, b in self.boxes:
            b.setChecked(v in chosen)

    def focus_widgets(self) -> list[QWidget]:
        return [b for _, b in self.boxes]


class BoolEditor(Editor):
    def __init__(self, fd: FieldDef, lang: str) -> None:
        super().__init__(fd, lang)
        self.box = QCheckBox(self.tr("是"))
        self.box.toggled.connect(self.changed)
        self.widget = self.box

    def value(self) -> Any:
        return self.box.isChecked()

    def set_value(self, value: Any) -> None:
        self.box.setChecked(bool(value))


def make_editor(fd: FieldDef, lang: str) -> Editor:
    if fd.type in ("date", "datetime"):
        return DateEditor(fd, lang)
    if fd.type == "choice":
        return ChoiceEditor(fd, lang)
    if fd.type == "multichoice":
        return MultiChoiceEditor(fd, lang)
    if fd.type == "bool":
        return BoolEditor(fd, lang)
    if fd.type == "textarea":
        return TextAreaEditor(fd, lang)
    if fd.type == "int":
        return IntEditor(fd, lang)
    return LineEditor(fd, lang)


__all__ = ["EMPTY_DATE", "Editor", "OptionalDateEdit", "QDateEdit", "make_editor"]
