"""A form rendered from its definition (``forms/*.toml``): no hand-written field lists.

Sections become group boxes, each field gets the editor of its type, required fields are
marked ``*``, ``show_if`` fields appear and disappear, validation (``FormDef.validate``)
runs as the officer types and shows the Chinese message under the field, and an ID number
fills in the birth date and sex.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel, QSizePolicy, QVBoxLayout, QWidget

from ..core import idnumber
from ..core.forms import FieldDef, FormDef
from ..core.messages import FieldError
from .editors import DateEditor, Editor, make_editor
from .widgets import ERROR, ERROR_STYLE, REQUIRED_MARK, WARN_TEXT_STYLE

INVALID_STYLE = f"background: #fff0f0; border: 1px solid {ERROR};"
WARNING_STYLE = "border: 1px solid #e65100;"


class MessageLine(QLabel):
    """The one line under a field for its message. Its space is kept while it is hidden and
    it never grows, so the form does not jump when a message appears or goes; a message
    too long for the line ends in … and is shown whole as a tooltip."""

    def __init__(self) -> None:
        super().__init__()
        self._full = ""
        self.setFixedHeight(self.fontMetrics().height() + 2)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        policy = self.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.setSizePolicy(policy)

    def setText(self, text: str) -> None:
        self._full = text
        self.setToolTip(text if text else "")
        self._elide()

    def text(self) -> str:
        return self._full

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        width = self.width() if self.width() > 10 else 10**6
        shown = self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight, width)
        super().setText(shown)


class FieldRow:
    def __init__(self, fd: FieldDef, editor: Editor, label: QLabel, error: MessageLine) -> None:
        self.fd = fd
        self.editor = editor
        self.label = label
        self.error = error
        self.touched = False

    def set_visible(self, visible: bool) -> None:
        self.label.setVisible(visible)
        self.editor.widget.setVisible(visible)
        # a shown field keeps the line for its message; a hidden field (show_if) takes none
        policy = self.error.sizePolicy()
        if policy.retainSizeWhenHidden() != visible:
            policy.setRetainSizeWhenHidden(visible)
            self.error.setSizePolicy(policy)
        if not visible:
            self.error.setVisible(False)


class FormWidget(QWidget):
    """Editors for every field of ``form_def``; ``values()`` gives the record dict."""

    changed = Signal()

    def __init__(self, form_def: FormDef, lang: str = "zh",
                 today: Callable[[], date] = date.today, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.form_def = form_def
        self.lang = lang
        self.today = today
        self.rows: dict[str, FieldRow] = {}
        self.groups: dict[str, QGroupBox] = {}
        self.dirty = False
        self._loading = False
        self._show_all_errors = False
        self.errors: list[FieldError] = []
        self.system_values: dict[str, Any] = {}  # fields the program sets (``system = true``)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        focus_chain: list[QWidget] = []
        for section in form_def.sections:
            fields = [fd for fd in form_def.fields_in(section.id) if not fd.system]
            if not fields:
                continue
            box = QGroupBox(section.label(lang))
            grid = QGridLayout(box)
            grid.setHorizontalSpacing(12)
            grid.setVerticalSpacing(2)
            grid.setColumnStretch(1, 1)
            grid.setColumnStretch(3, 1)
            row = col = 0
            left: dict[int, MessageLine] = {}  # rows with a field on the left only (so far)
            for fd in fields:
                wide = fd.type in ("textarea", "multichoice")
                if wide and col:
                    row, col = row + 2, 0
                editor = make_editor(fd, lang)
                label = QLabel(self._label_text(fd, {}))
                label.setBuddy(editor.focus_widgets()[0])
                label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                error = MessageLine()
                error.setObjectName(f"error_{fd.name}")
                error.setStyleSheet(ERROR_STYLE)
                error.setVisible(False)
                if fd.type not in ("textarea", "multichoice", "bool"):
                    # a red frame must not change the field's height either
                    editor.widget.setFixedHeight(editor.widget.sizeHint().height())
                span = 3 if wide else 1
                grid.addWidget(label, row, col, Qt.AlignmentFlag.AlignRight)
                grid.addWidget(editor.widget, row, col + 1, 1, span)
                grid.addWidget(error, row + 1, col + 1, 1, span)
                if not wide:
                    if col == 0:
                        left[row] = error
                    else:
                        left.pop(row, None)
                editor.widget.setObjectName(f"field_{fd.name}")
                self.rows[fd.name] = FieldRow(fd, editor, label, error)
                editor.changed.connect(lambda name=fd.name: self._on_change(name))
                focus_chain.extend(editor.focus_widgets())
                if wide or col:
                    row, col = row + 2, 0
                else:
                    col = 2
            for at, line in left.items():  # alone in its row: its message may use the row
                grid.addWidget(line, at + 1, 1, 1, 3)
            outer.addWidget(box)
            self.groups[section.id] = box
        outer.addStretch(1)
        # one label width for every section, so the editors line up down the whole form
        width = max((r.label.sizeHint().width() for r in self.rows.values()), default=0)
        for r in self.rows.values():
            r.label.setMinimumWidth(width)
        for a, b in itertools.pairwise(focus_chain):
            QWidget.setTabOrder(a, b)
        self.set_values(form_def.defaults())
        self.dirty = False

    # -- values ------------------------------------------------------------------------
    def _label_text(self, fd: FieldDef, record: Mapping[str, Any]) -> str:
        star = " " + REQUIRED_MARK if fd.is_required(record) else ""
        return f"{fd.label(self.lang)}{star}"

    def raw_values(self) -> dict[str, Any]:
        return {**self.system_values, **{name: row.editor.value() for name, row in self.rows.items()}}

    def values(self) -> dict[str, Any]:
        """The record: visible fields with a value (empty and hidden ones left out)."""
        raw = self.raw_values()
        out: dict[str, Any] = {k: v for k, v in self.system_values.items() if v is not None}
        for name, row in self.rows.items():
            value = raw[name]
            if row.fd.visible(raw) and value is not None:
                out[name] = value
        return out

    def set_values(self, record: Mapping[str, Any]) -> None:
        self._loading = True
        for fd in self.form_def.fields:
            if fd.system and fd.name in record:
                self.system_values[fd.name] = record[fd.name]
        try:
            for name, row in self.rows.items():
                if name in record:
                    row.editor.set_value(record[name])
        finally:
            self._loading = False
        self._refresh()

    def field_editor(self, name: str) -> Editor:
        return self.rows[name].editor

    def set_field(self, name: str, value: Any) -> None:
        self.rows[name].editor.set_value(value)

    # -- reacting to input ---------------------------------------------------------------
    def _on_change(self, name: str) -> None:
        if self._loading:
            return
        self.dirty = True
        self.rows[name].touched = True
        if self.rows[name].fd.type == "id_number":
            self._fill_from_id(name)
        self._refresh()
        self.changed.emit()

    def _fill_from_id(self, name: str) -> None:
        fd = self.rows[name].fd
        value = self.rows[name].editor.value()
        if not value:
            return
        info = idnumber.parse(str(value), fd.label("zh"), self.today(), fd.name)
        if not isinstance(info, idnumber.IdInfo):
            return
        if fd.id_birth and fd.id_birth in self.rows:
            target = self.rows[fd.id_birth]
            if isinstance(target.editor, DateEditor):
                target.editor.set_date(info.birth_date)
                target.touched = True
        if fd.id_sex and fd.id_sex in self.rows:
            self.rows[fd.id_sex].editor.set_value(info.sex)
            self.rows[fd.id_sex].touched = True

    def _refresh(self) -> None:
        raw = self.raw_values()
        for row in self.rows.values():
            row.set_visible(row.fd.visible(raw))
            row.label.setText(self._label_text(row.fd, raw))
        for sid, box in self.groups.items():
            box.setVisible(any(r.fd.visible(raw) for r in self.rows.values()
                               if r.fd.section == sid))
        values = self.values()
        self.errors = (self.form_def.validate(values, self.today())
                       + self.form_def.warnings(values, self.today()))
        self._show_errors()

    def _show_errors(self) -> None:
        by_field: dict[str, FieldError] = {}
        for e in sorted(self.errors, key=lambda e: e.warning):  # an error before a warning
            by_field.setdefault(e.field, e)
        for name, row in self.rows.items():
            err = by_field.get(name)
            shown = err is not None and (self._show_all_errors or row.touched) \
                and row.fd.visible(self.raw_values())
            warning = err is not None and err.warning
            # a warning is shown at once (it is about what was just chosen), in orange
            shown = shown or (warning and row.fd.visible(self.raw_values()))
            row.error.setText(err.text(self.lang) if err and shown else "")
            row.error.setStyleSheet(WARN_TEXT_STYLE if warning else ERROR_STYLE)
            row.error.setVisible(bool(shown))
            highlight = bool(shown) and row.fd.type not in ("bool", "multichoice")
            style = (WARNING_STYLE if warning else INVALID_STYLE) if highlight else ""
            row.editor.widget.setStyleSheet(style)

    def validate(self) -> list[FieldError]:
        """Validate everything and show every message (used when saving)."""
        self._show_all_errors = True
        self._refresh()
        return list(self.errors)

    def set_errors(self, errors: list[FieldError]) -> None:
        """Show errors that came back from the service (e.g. domain checks)."""
        self._show_all_errors = True
        known = [e for e in errors if e.field in self.rows]
        self.errors = known + [e for e in self.errors if e.field not in {k.field for k in known}]
        self._show_errors()
        if known:
            self.rows[known[0].field].editor.focus_widgets()[0].setFocus()

    def blocking_errors(self) -> list[FieldError]:
        return [e for e in self.errors if not e.warning]

    def first_error_widget(self) -> QWidget | None:
        for e in self.blocking_errors():
            if e.field in self.rows:
                return self.rows[e.field].editor.focus_widgets()[0]
        return None
