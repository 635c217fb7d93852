"""A form in a dialog: save (Ctrl+S) through the registry service, Esc asks before
discarding, drafts autosave into the encrypted store, and the dialog survives a lock
(hidden, values kept, draft saved)."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ..core.codebooks import codebook
from ..core.dates import format_date, parse_date
from ..core.forms import form
from ..core.messages import UserError, ValidationFailed
from ..store.registry import SaveResult
from . import dialogs, i18n
from .formwidget import FormWidget
from .logs import log
from .session import Session
from .widgets import ERROR_STYLE, REQUIRED_MARK, fit_to_screen

AUTOSAVE_MS = 1500


def draft_key(kind: str, record_id: str | None, child_id: str | None) -> str:
    return f"{kind}:{record_id or 'new'}:{child_id or ''}"


PREFERRED_WIDTH = 940
SCROLL_ROOM = 60  # the scroll area's frame, its vertical bar and the dialog's margins


class FormDialog(QDialog):
    saved = Signal(object)  # SaveResult

    def __init__(
        self,
        session: Session,
        kind: str,
        *,
        child_id: str | None = None,
        record: Mapping[str, Any] | None = None,
        initial: Mapping[str, Any] | None = None,
        title: str | None = None,
        choices: Sequence[tuple[str, Mapping[str, Any]]] = (),
        choices_label: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName(f"form_{kind}")
        self.session = session
        self.kind = kind
        self.child_id = child_id
        self.record = dict(record) if record else None
        self.form_def = form(kind)
        self.key = draft_key(kind, self.record["id"] if self.record else None, child_id)
        lang = i18n.current()
        verb = self.tr("修改") if self.record else self.tr("新增")
        self.setWindowTitle(title or f"{verb} · {self.form_def.title(lang)}")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.form = FormWidget(self.form_def, lang, session.today)
        # as wide as the form needs (no horizontal scrolling), within the screen
        fit_to_screen(self, QSize(max(PREFERRED_WIDTH, self.form.minimumSizeHint().width() + SCROLL_ROOM), 680))
        if self.record:
            self.form.set_values({k: v for k, v in self.record.items() if self.form_def.has_field(k)})
        if initial:
            self.form.set_values(initial)
            self.form.dirty = bool(initial)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form)

        # "fill from …": e.g. an entrusted guardian picked from the family members
        self.picker = QComboBox()
        self.picker.setObjectName("fillFrom")
        self.picker.addItem(self.tr("（不使用，手工填写）"), None)
        for text, values in choices:
            self.picker.addItem(text, dict(values))
        self.picker.activated.connect(self._fill_from_choice)
        picker_row = QHBoxLayout()
        picker_label = QLabel(choices_label or self.tr("从已有记录填入："))
        picker_label.setBuddy(self.picker)
        picker_row.addWidget(picker_label)
        picker_row.addWidget(self.picker, 1)
        picker_label.setVisible(bool(choices))
        self.picker.setVisible(bool(choices))

        self.banner = QLabel()
        self.banner.setObjectName("draftBanner")
        self.banner.setStyleSheet("background:#fff8e1; padding:6px; border:1px solid #ffe082;")
        self.banner.setVisible(False)
        self.drop_button = QPushButton(self.tr("放弃草稿"))
        self.drop_button.setVisible(False)
        self.drop_button.clicked.connect(self._drop_restored_draft)
        banner_row = QHBoxLayout()
        banner_row.addWidget(self.banner, 1)
        banner_row.addWidget(self.drop_button)

        self.reason_label = QLabel(self.tr("更正原因") + REQUIRED_MARK)
        self.reason = QLineEdit()
        self.reason.setObjectName("amendmentReason")
        self.reason.setPlaceholderText(self.tr("该季度已上报，修改须说明原因"))
        self.reason_label.setVisible(False)
        self.reason.setVisible(False)
        reason_row = QHBoxLayout()
        reason_row.addWidget(self.reason_label)
        reason_row.addWidget(self.reason, 1)

        self.status = QLabel()
        self.status.setObjectName("formStatus")
        self.status.setStyleSheet(ERROR_STYLE)
        self.status.setWordWrap(True)
        self.status.setMinimumHeight(self.status.fontMetrics().height())  # no jump when it fills
        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton(self.tr("保存 (Ctrl+S)"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setObjectName("saveButton")
        cancel = buttons.addButton(self.tr("取消"), QDialogButtonBox.ButtonRole.RejectRole)
        self.save_button.clicked.connect(self.save)
        cancel.clicked.connect(self.reject)
        # a form has no default button: Enter never saves half a form nor throws it away
        # (Ctrl+S saves, Esc cancels); no focused button takes Enter over either
        for b in (self.save_button, cancel, self.drop_button):
            b.setAutoDefault(False)
            b.setDefault(False)

        layout = QVBoxLayout(self)
        layout.addLayout(banner_row)
        layout.addLayout(picker_row)
        layout.addWidget(scroll, 1)
        layout.addLayout(reason_row)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self, self.save)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(AUTOSAVE_MS)
        self._timer.timeout.connect(self.save_draft)
        self.form.changed.connect(self._timer.start)
        self.form.changed.connect(self._refresh_summary)
        self._summary = ""  # "count": 有n项需要修改; "service": a message from saving
        self._hidden_by_lock = False
        session.closing.connect(self._on_lock)
        session.opened.connect(self._on_unlock)
        self._restore_draft()

    # -- summary and fill-from -------------------------------------------------------------
    def _refresh_summary(self) -> None:
        """The summary under the form follows the fixes: it counts down and then clears."""
        if self._summary == "count":
            n = len(self.form.blocking_errors())
            if n:
                self.status.setText(self.tr("有%n项需要修改，请查看标红的字段。", "", n))
            else:
                self.status.clear()
                self._summary = ""
        elif self._summary == "service":
            self.status.clear()
            self._summary = ""

    def _fill_from_choice(self, index: int) -> None:
        values = self.picker.itemData(index)
        if not isinstance(values, dict):
            return
        for name, value in values.items():
            if self.form_def.has_field(name):
                self.form.set_field(name, value)
                self.form.rows[name].touched = True
        self.form.dirty = True
        self.form.changed.emit()

    # -- drafts ------------------------------------------------------------------------
    def _restore_draft(self) -> None:
        try:
            with self.session.lock:
                text = self.session.registry.load_draft(self.key)
        except UserError:
            return
        if not text:
            return
        try:
            data = json.loads(text)
        except ValueError:
            return
        self.form.set_values(data)
        self.form.dirty = True
        self.banner.setText(self.tr("已恢复上次未保存的内容（草稿）。"))
        self.banner.setVisible(True)
        self.drop_button.setVisible(True)

    def _drop_restored_draft(self) -> None:
        self._drop_draft()
        self.form.set_values(self.form_def.defaults())
        if self.record:
            self.form.set_values({k: v for k, v in self.record.items() if self.form_def.has_field(k)})
        self.form.dirty = False
        self.banner.setVisible(False)
        self.drop_button.setVisible(False)

    def save_draft(self) -> None:
        if not self.form.dirty or not self.session.is_open:
            return
        try:
            with self.session.lock:
                self.session.registry.save_draft(
                    self.key, self.kind, json.dumps(self.form.raw_values(), ensure_ascii=False)
                )
        except UserError as exc:
            log.warning("draft not saved: %s", exc.code)

    def _drop_draft(self) -> None:
        self._timer.stop()
        if not self.session.is_open:
            return
        with self.session.lock:
            self.session.registry.drop_draft(self.key)

    # -- lock ----------------------------------------------------------------------------
    def _on_lock(self) -> None:
        self._timer.stop()
        self.save_draft()
        if self.isVisible():
            self._hidden_by_lock = True
            self.hide()

    def _on_unlock(self) -> None:
        if self._hidden_by_lock:
            self._hidden_by_lock = False
            self.show()

    # -- saving --------------------------------------------------------------------------
    def save(self) -> None:
        errors = [e for e in self.form.validate() if not e.warning]
        if errors:
            self._summary = "count"
            self.status.setText(self.tr("有%n项需要修改，请查看标红的字段。", "", len(errors)))
            w = self.form.first_error_widget()
            if w is not None:
                w.setFocus()
            return
        values = self.form.values()
        try:
            with self.session.lock:
                reg = self.session.registry
                if self.record is None:
                    result = reg.add(self.kind, values, child_id=self.child_id,
                                     reason=self.reason.text() or None)
                else:
                    changes = {f.name: values.get(f.name) for f in self.form_def.fields}
                    result = reg.update(
                        self.kind,
                        self.record["id"],
                        changes,
                        expected_version=self.record["version"],
                        reason=self.reason.text() or None,
                    )
        except ValidationFailed as exc:
            self.form.set_errors(exc.errors)
            self._summary = "service"
            self.status.setText(("; " if i18n.current() == "en" else "；").join(
                e.text(i18n.current()) for e in exc.errors))
            return
        except UserError as exc:
            if exc.code in ("locked_quarter", "locked_quarter_child"):
                self.reason_label.setVisible(True)
                self.reason.setVisible(True)
                self.reason.setFocus()
            self._summary = "service"
            self.status.setText(exc.text(i18n.current()))
            return
        except Exception as exc:
            dialogs.show_error(self, exc)
            return
        self._drop_draft()
        self.form.dirty = False
        child = self.child_id or (self.record or {}).get("child_id") or result.record["id"]
        self.saved.emit(result)
        self.session.changed(str(child))
        self.accept()

    def reject(self) -> None:
        if not self.form.dirty:
            self._drop_draft()
            super().reject()
            return
        dialogs.ask(
            self,
            self.tr("放弃修改"),
            self.tr("填写的内容还没有保存，确定要放弃吗？"),
            self._discard,
            yes=self.tr("放弃"),
            no=self.tr("继续填写"),
        )

    def _discard(self) -> None:
        self._drop_draft()
        self.form.dirty = False
        super().reject()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # QDialogButtonBox makes its first accept button the default when it is shown
        self.save_button.setDefault(False)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.form.dirty:
            event.ignore()
            self.reject()
            return
        super().closeEvent(event)


def report_prefill(
    session: Session, visit: Mapping[str, Any] | None = None, situation: str | None = None
) -> dict[str, Any]:
    """A new mandatory report: now, urgent, living alone (or the ``situation`` the rules found,
    rule 1) — or, started from a visit, what that visit found (its situation, findings and
    next steps, with the visit's date)."""
    from datetime import datetime

    given = situation
    situation = situation or codebook("report_situation").values[0]  # 单独居住
    out: dict[str, Any] = {"situation": situation, "severity": "紧急",
                           "reported_at": datetime.now().strftime("%Y-%m-%d %H:%M")}
    if visit is not None:
        lang = i18n.current()
        if visit.get("living_arrangement") != "单独居住" and not given:
            out.pop("situation")
        day = parse_date(visit.get("visit_date"))
        lines = [QCoreApplication.translate("FormDialog", "（%1走访发现）").replace(
            "%1", format_date(day, lang) if day else "")]
        for key, label in (("findings", QCoreApplication.translate("FormDialog", "走访情况：")),
                           ("next_action", QCoreApplication.translate("FormDialog", "后续措施："))):
            if visit.get(key):
                lines.append(label + str(visit[key]))
        checks = (("guardian_present", QCoreApplication.translate("FormDialog", "监护人不在场")),
                  ("safety_ok", QCoreApplication.translate("FormDialog", "安全有隐患")),
                  ("health_ok", QCoreApplication.translate("FormDialog", "身体欠佳")),
                  ("study_ok", QCoreApplication.translate("FormDialog", "学习异常")))
        found = [text for key, text in checks if visit.get(key) is False]
        if found:
            lines.append((", " if lang == "en" else "、").join(found))
        out["details"] = "\n".join(lines)
    return out


def open_form(
    parent: QWidget | None,
    session: Session,
    kind: str,
    *,
    child_id: str | None = None,
    record: Mapping[str, Any] | None = None,
    initial: Mapping[str, Any] | None = None,
    title: str | None = None,
    on_saved: Callable[[SaveResult], None] | None = None,
    choices: Sequence[tuple[str, Mapping[str, Any]]] = (),
    choices_label: str = "",
) -> FormDialog:
    """Open a form dialog (non-blocking). After a save that reveals a child under 16 living
    alone (R2), offer to record the mandatory report at once."""
    owner = parent.window() if parent is not None else None  # outlives child-file tabs
    dlg = FormDialog(session, kind, child_id=child_id, record=record, initial=initial, title=title,
                     choices=choices, choices_label=choices_label, parent=owner)

    def saved(result: object) -> None:
        assert isinstance(result, SaveResult)
        if on_saved is not None:
            on_saved(result)
        target = child_id or str(result.record.get("child_id") or result.record["id"])
        _after_save(owner, session, result, target)

    dlg.saved.connect(saved)
    dlg.show()
    return dlg


ID_NOTICES = frozenset({"id_legacy_converted", "name_birth_duplicate"})


def _after_save(parent: QWidget | None, session: Session, result: SaveResult, child_id: str) -> None:
    lang = i18n.current()
    book = codebook("flag_reason")
    flags = (", " if lang == "en" else "、").join(book.label(r, lang) for r in result.raised_flags)
    # R8: a 15-digit number converted, or a child with the same name and birth date: said
    # at once so the officer checks against the card / the existing file
    notices = "\n".join(w.text(lang) for w in result.warnings if w.message.code in ID_NOTICES)
    if notices and not result.prompt_report:
        box = dialogs.info(parent, QCoreApplication.translate("FormDialog", "请核对"), notices)
        box.setObjectName("idNotice")
    if result.prompt_assessment:
        _prompt_assessment(parent, session, result, child_id)
    if result.prompt_report:
        if result.report_situation in (None, "单独居住"):
            text = QCoreApplication.translate("FormDialog", "该儿童未满16周岁且单独居住，属于强制报告情形。") + "\n"
        else:
            text = (
                QCoreApplication.translate(
                    "FormDialog",
                    "父母一方外出另一方无监护能力，或父母均无法履行监护：属于重点对象，"
                    "应按“边排查、边发现、边报告”向公安机关报告。",
                )
                + "\n"
            )
        if flags:
            text += QCoreApplication.translate("FormDialog", "已自动标记重点对象：") + flags + "\n"
        if notices:
            text += notices + "\n"
        text += QCoreApplication.translate("FormDialog", "是否立即记录向公安机关的强制报告？")
        box = dialogs.ask(
            parent,
            QCoreApplication.translate("FormDialog", "强制报告"),
            text,
            lambda: open_form(
                parent,
                session,
                "mandatory_report",
                child_id=child_id,
                initial=report_prefill(
                    session, result.record if "visit_date" in result.record else None, result.report_situation
                ),
            ),
            yes=QCoreApplication.translate("FormDialog", "立即记录"),
            no=QCoreApplication.translate("FormDialog", "稍后"),
        )
        box.setObjectName("reportPrompt")
    elif flags:
        dialogs.info(
            parent,
            QCoreApplication.translate("FormDialog", "重点对象"),
            QCoreApplication.translate("FormDialog", "已自动标记重点对象：") + flags,
        )


def _prompt_assessment(parent: QWidget | None, session: Session, result: SaveResult, child_id: str) -> None:
    """Rule 6 (policy 三(三)): after a mandatory report, the assessment (评估帮扶) linked to it."""
    initial = {
        "report_ref": result.record["id"],
        "assessed_on": session.today().isoformat(),
        "assessor": session.store.officer,
    }
    box = dialogs.ask(
        parent,
        QCoreApplication.translate("FormDialog", "评估帮扶"),
        QCoreApplication.translate(
            "FormDialog",
            "强制报告已记录。接到公安机关通报的受理及应急处置情况后，应对儿童的安全处境、"
            "监护情况、身心健康状况进行调查评估，并安排帮扶服务。是否现在记录评估帮扶？",
        ),
        lambda: open_form(parent, session, "assessment", child_id=child_id, initial=initial),
        yes=QCoreApplication.translate("FormDialog", "记录评估"),
        no=QCoreApplication.translate("FormDialog", "稍后（列入工作台）"),
    )
    box.setObjectName("assessmentPrompt")
