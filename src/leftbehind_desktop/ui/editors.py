"""One editor per form field type; each gives back plain Python values (ISO date strings,
codebook terms, bools, ints, lists), the same values the store and validation use."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QDate, QEvent, QLocale, QObject, Qt, QTime, Signal
from PySide6.QtGui import QIntValidator, QKeyEvent, QWheelEvent
from PySide6.QtWidgets import (
    QCalendarWidget,
    QCheckBox,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..core.dates import (
    format_date,
    format_datetime,
    parse_date,
    parse_datetime,
    parse_typed_date,
    parse_typed_datetime,
)
from ..core.forms import FieldDef


class CalendarPopup(QFrame):
    """The calendar shown under a date field; in the UI language (QLocale default)."""

    picked = Signal(QDate)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.calendar = QCalendarWidget(self)
        self.calendar.setObjectName("datePopupCalendar")
        self.calendar.setLocale(QLocale())
        self.calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        self.calendar.setGridVisible(True)
        self.calendar.setVerticalHeaderFormat(
            QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)  # no week numbers
        self.calendar.setMaximumDate(QDate(2100, 12, 31))
        self.calendar.setMinimumDate(QDate(1900, 1, 1))
        self.calendar.clicked.connect(self._pick)
        self.calendar.activated.connect(self._pick)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.calendar)

    def _pick(self, d: QDate) -> None:
        self.picked.emit(d)
        self.hide()


class DateField(QWidget):
    """A date (or date-time) typed as text — ``20150316``, ``2015-03-16``, ``2015.3.16``,
    ``2015年3月16日`` — or picked from a calendar (the 日历 button, Alt+↓ or F4).

    Empty means empty (no made-up day); the mouse wheel and clicks never step a year; on
    leaving the field the text is rewritten in the display form (2015年3月16日)."""

    edited = Signal()

    def __init__(self, with_time: bool, lang: str = "zh", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.with_time = with_time
        self.lang = lang
        self.line = QLineEdit(self)
        self.line.setObjectName("dateText")
        self.line.setPlaceholderText(self.tr("（未填写）例：2015-03-16 14:30") if with_time
                                     else self.tr("（未填写）例：20150316"))
        self.line.setClearButtonEnabled(True)
        self.button = QToolButton(self)
        self.button.setObjectName("dateCalendarButton")
        self.button.setText(self.tr("日历"))
        self.button.setToolTip(self.tr("从日历中选择（Alt+↓）"))
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.button.clicked.connect(self.show_calendar)
        self.popup: CalendarPopup | None = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.line, 1)
        layout.addWidget(self.button)
        self.setFocusProxy(self.line)
        self.line.textEdited.connect(self._on_edited)
        self.line.editingFinished.connect(self.normalize)
        self.line.installEventFilter(self)

    # -- value -------------------------------------------------------------------------------
    def parsed(self) -> datetime | None:
        text = self.line.text()
        if self.with_time:
            return parse_typed_datetime(text)
        d = parse_typed_date(text)
        return None if d is None else datetime(d.year, d.month, d.day)

    def is_empty(self) -> bool:
        return not self.line.text().strip()

    def text(self) -> str:
        return self.line.text()

    def clear_value(self) -> None:
        self.set_parsed(None)

    def set_parsed(self, value: datetime | None) -> None:
        if value is None:
            text = ""
        elif self.with_time:
            text = format_datetime(value, self.lang)
        else:
            text = format_date(value.date(), self.lang)
        if text != self.line.text():
            self.line.setText(text)
            self.edited.emit()

    def normalize(self) -> None:
        """Rewrite what was typed in the display form (only when it is a real date)."""
        value = self.parsed()
        if value is not None:
            shown = (format_datetime(value, self.lang) if self.with_time
                     else format_date(value.date(), self.lang))
            if shown != self.line.text():
                self.line.setText(shown)
        self.edited.emit()  # also a half-typed date: now it is shown as an error

    def _on_edited(self, _text: str) -> None:
        # a half-typed date is not an error yet: report only complete (or emptied) values
        if self.is_empty() or self.parsed() is not None:
            self.edited.emit()

    # -- calendar ------------------------------------------------------------------------------
    def show_calendar(self) -> None:
        if self.popup is None:
            self.popup = CalendarPopup(self)
            self.popup.picked.connect(self._picked)
        current = self.parsed()
        cal = self.popup.calendar
        if current is not None:
            cal.setSelectedDate(QDate(current.year, current.month, current.day))
        else:
            today = QDate.currentDate()
            cal.setSelectedDate(today)
        self.popup.adjustSize()
        below = self.mapToGlobal(self.rect().bottomLeft())
        screen = self.screen().availableGeometry() if self.screen() else None
        x, y = below.x(), below.y()
        if screen is not None:
            x = max(screen.left(), min(x, screen.right() - self.popup.width()))
            if y + self.popup.height() > screen.bottom():
                y = self.mapToGlobal(self.rect().topLeft()).y() - self.popup.height()
        self.popup.move(x, y)
        self.popup.show()
        cal.setFocus()

    def _picked(self, d: QDate) -> None:
        old = self.parsed()
        hh, mm = (old.hour, old.minute) if old is not None and self.with_time else (0, 0)
        if self.with_time and old is None:
            now = QTime.currentTime()
            hh, mm = now.hour(), now.minute()
        self.set_parsed(datetime(d.year(), d.month(), d.day(), hh, mm))
        self.line.setFocus()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self.line and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            alt_down = (event.key() == Qt.Key.Key_Down
                        and event.modifiers() & Qt.KeyboardModifier.AltModifier)
            if alt_down or event.key() == Qt.Key.Key_F4:
                self.show_calendar()
                return True
        return super().eventFilter(obj, event)


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
        self.edit = DateField(fd.type == "datetime", lang)
        self.edit.edited.connect(self.changed)
        self.widget = self.edit

    def value(self) -> Any:
        """The ISO value, None when empty, or the text itself when it is not a date (so that
        validation says 日期格式不正确 instead of silently dropping it)."""
        if self.edit.is_empty():
            return None
        parsed = self.edit.parsed()
        if parsed is None:
            return self.edit.text().strip()
        if self.fd.type == "datetime":
            return parsed.strftime("%Y-%m-%d %H:%M")
        return parsed.date().isoformat()

    def set_value(self, value: Any) -> None:
        if self.fd.type == "datetime":
            self.edit.set_parsed(parse_datetime(value))
            return
        d = parse_date(value)
        self.edit.set_parsed(None if d is None else datetime(d.year, d.month, d.day))

    def set_date(self, d: date) -> None:
        self.edit.set_parsed(datetime(d.year, d.month, d.day))

    def focus_widgets(self) -> list[QWidget]:
        return [self.edit.line]


class FormCombo(QComboBox):
    """A combo box that ignores the mouse wheel unless it has the focus: scrolling down a
    form never changes an answer on the way."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def wheelEvent(self, e: QWheelEvent) -> None:
        if self.hasFocus():
            super().wheelEvent(e)
        else:
            e.ignore()


class ChoiceEditor(Editor):
    def __init__(self, fd: FieldDef, lang: str) -> None:
        super().__init__(fd, lang)
        self.combo = FormCombo()
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
    # boxes per row by the longest label (characters), so that a long list such as the
    # emergency measures wraps instead of widening the form past a 1366-pixel screen
    COLUMNS_BY_LENGTH = ((6, 4), (10, 3))
    MIN_COLUMNS = 2

    @classmethod
    def columns_for(cls, labels: list[str]) -> int:
        longest = max((len(t) for t in labels), default=0)
        return next((n for limit, n in cls.COLUMNS_BY_LENGTH if longest <= limit), cls.MIN_COLUMNS)

    def __init__(self, fd: FieldDef, lang: str) -> None:
        super().__init__(fd, lang)
        self.widget = QWidget()
        grid = QGridLayout(self.widget)
        grid.setContentsMargins(0, 0, 0, 0)
        self.boxes: list[tuple[str, QCheckBox]] = []
        book = fd.book()
        values = list(book.values) if book else []
        labels = [book.label(v, lang) if book else v for v in values]
        columns = self.columns_for(labels)
        for i, (v, label) in enumerate(zip(values, labels, strict=True)):
            box = QCheckBox(label)
            box.toggled.connect(self.changed)
            grid.addWidget(box, i // columns, i % columns)
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


__all__ = ["DateField", "Editor", "make_editor"]
