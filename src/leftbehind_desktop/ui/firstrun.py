"""首次使用向导: role, unit, officer, passphrase (with a strength meter), recovery key."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtGui import QFont, QTextDocument
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from ..core import units
from ..core.messages import UserError
from ..core.passphrase import passphrase_problem
from ..store.keyslots import KdfParams
from ..store.store import MIN_PASSPHRASE, Store
from . import dialogs, i18n
from .logs import log
from .strength import StrengthMeter
from .widgets import ERROR_STYLE, HINT_STYLE, button_row, default_folder

ROLES = (("village", QT_TRANSLATE_NOOP("RolePage", "村（社区）信息员")),
         ("street", QT_TRANSLATE_NOOP("RolePage", "街道信息员 / 民政助理")),
         ("district", QT_TRANSLATE_NOOP("RolePage", "区民政局")))


class RolePage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("欢迎使用农村留守儿童信息台账"))
        self.setSubTitle(self.tr("第一步：请选择本机的使用单位级别。"))
        self.group = QButtonGroup(self)
        layout = QVBoxLayout(self)
        for i, (key, text) in enumerate(ROLES):
            b = QRadioButton(self.tr(str(text)))
            b.setObjectName(f"role_{key}")
            self.group.addButton(b, i)
            layout.addWidget(b)
            if i == 0:
                b.setChecked(True)
        note = QLabel(self.tr(
            "村（社区）信息员登记儿童、记录走访并每季度上报；街道和区导入、审核并汇总下级上报的数据。"))
        note.setWordWrap(True)
        note.setStyleSheet(HINT_STYLE)
        layout.addSpacing(12)
        layout.addWidget(note)
        layout.addStretch(1)

    def role(self) -> str:
        return ROLES[max(0, self.group.checkedId())][0]


class UnitPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("单位与信息员"))
        self.setSubTitle(self.tr("第二步：填写本单位的12位统计用区划代码、单位名称和信息员姓名。"))
        self.code = QLineEdit()
        self.code.setObjectName("unitCode")
        self.code.setMaxLength(12)
        self.code.setPlaceholderText("210213024200")
        self.name = QLineEdit()
        self.name.setObjectName("unitName")
        self.name.setPlaceholderText(self.tr("例如：大李家村"))
        self.officer = QLineEdit()
        self.officer.setObjectName("officerName")
        self.error = QLabel()
        self.error.setObjectName("unitError")
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(self.tr("区划代码（12位）"), self.code)
        form.addRow(self.tr("单位名称"), self.name)
        form.addRow(self.tr("信息员姓名"), self.officer)
        hint = QLabel(self.tr("示例：区 210213000000，街道 210213024000，村 210213024200（大李家街道大李家村）。"))
        hint.setStyleSheet(HINT_STYLE)
        form.addRow("", hint)
        form.addRow("", self.error)
        self.code.textChanged.connect(lambda _t: self.error.setText(""))

    def validatePage(self) -> bool:
        code = self.code.text().strip()
        wizard = self.wizard()
        role = wizard.role_page.role() if isinstance(wizard, FirstRunWizard) else "village"
        if not units.is_unit_code(code):
            self.error.setText(self.tr("区划代码必须是12位数字"))
            return False
        if not units.is_known(code):
            self.error.setText(self.tr("该代码不是大连金普新区的区、街道或村（社区）统计用区划代码（国家统计局2023年版）"))
            return False
        if units.level_of(code).value != role:
            self.error.setText(self.tr("区划代码的级别与所选单位级别不一致（村级代码后三位不为000，街道级代码后三位为000）"))
            return False
        if not self.name.text().strip() or not self.officer.text().strip():
            self.error.setText(self.tr("请填写单位名称和信息员姓名"))
            return False
        self.error.setText("")
        return True


class PassphrasePage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("设置密码"))
        self.setSubTitle(self.tr("第三步：所有数据都加密保存，打开程序时需要输入这个密码。请设置不容易被猜到的密码。"))
        self.passphrase = QLineEdit()
        self.passphrase.setObjectName("newPassphrase")
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.confirm = QLineEdit()
        self.confirm.setObjectName("confirmPassphrase")
        self.confirm.setEchoMode(QLineEdit.EchoMode.Password)
        self.meter = StrengthMeter(self.passphrase, avoid=self._known_words)
        self.error = QLabel()
        self.error.setObjectName("passError")
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(self.tr("密码"), self.passphrase)
        form.addRow("", self.meter)
        form.addRow(self.tr("再次输入密码"), self.confirm)
        tip = QLabel(self.tr("建议使用一句话或多个词组合，至少%1个字符，可以包含汉字。")
                     .replace("%1", str(MIN_PASSPHRASE)))
        tip.setStyleSheet(HINT_STYLE)
        tip.setWordWrap(True)
        form.addRow("", tip)
        form.addRow("", self.error)
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("创建数据库"))

    def _known_words(self) -> tuple[str, ...]:
        wizard = self.wizard()
        if not isinstance(wizard, FirstRunWizard):
            return ()
        page = wizard.unit_page
        return (page.name.text(), page.officer.text(), page.code.text())

    def validatePage(self) -> bool:
        p = self.passphrase.text()
        problem = passphrase_problem(p, self._known_words())
        if problem is not None:  # refused before the slow key derivation, with the reason
            self.error.setText(problem.text(i18n.current()))
            return False
        if p != self.confirm.text():
            self.error.setText(self.tr("两次输入的密码不一致"))
            return False
        wizard = self.wizard()
        assert isinstance(wizard, FirstRunWizard)
        try:
            wizard.create_store(p)
        except UserError as exc:
            self.error.setText(exc.text(i18n.current()))
            return False
        except Exception as exc:
            dialogs.show_error(self, exc)
            return False
        self.passphrase.clear()
        self.confirm.clear()
        return True


class RecoveryKeyView(QWidget):
    """A recovery key shown once, with 打印…… and 保存到文件…… (first-run wizard; 更换数据密钥)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.recovery_key = ""
        self.unit_name = ""
        self.unit_code = ""
        self.key = QLabel()
        self.key.setObjectName("recoveryKeyLabel")
        font = QFont("monospace")
        font.setStyleHint(QFont.StyleHint.Monospace)
        font.setPointSize(13)
        self.key.setFont(font)
        self.key.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.key.setStyleSheet("background:#f5f5f5; padding:12px; border:1px solid #ccc;")
        self.key.setAlignment(Qt.AlignmentFlag.AlignCenter)
        print_button = QPushButton(self.tr("打印……"))
        print_button.setObjectName("printRecovery")
        print_button.clicked.connect(self.print_key)
        save_button = QPushButton(self.tr("保存到文件……"))
        save_button.setObjectName("saveRecovery")
        save_button.clicked.connect(self.save_key)
        for b in (print_button, save_button):
            b.setAutoDefault(False)  # Enter stays with the dialog's own default button
        self.saved_to = QLabel()
        self.saved_to.setWordWrap(True)
        row = button_row(print_button, save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.key)
        layout.addLayout(row)
        layout.addWidget(self.saved_to)

    def set_key(self, recovery_key: str, unit_name: str, unit_code: str) -> None:
        self.recovery_key, self.unit_name, self.unit_code = recovery_key, unit_name, unit_code
        self.key.setText(recovery_key)
        self.saved_to.setText("")

    def clear_key(self) -> None:
        self.set_key("", "", "")

    def document(self) -> QTextDocument:
        doc = QTextDocument()
        doc.setHtml(
            "<h2>" + self.tr("农村留守儿童信息台账 · 恢复密钥") + "</h2>"
            + "<p>" + self.tr("单位：") + self.unit_name + "（" + self.unit_code + "）</p>"
            + f"<p style='font-size:16pt; font-family:monospace'>{self.recovery_key}</p>"
            + "<p>" + self.tr("请妥善保管，不要与电脑放在一起。忘记密码时用它重设密码。") + "</p>")
        return doc

    def print_key(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter()
        dlg = QPrintDialog(printer, self)
        if dlg.exec() == QPrintDialog.DialogCode.Accepted:
            self.document().print_(printer)
            self.saved_to.setText(self.tr("已发送到打印机。"))

    def save_key(self) -> None:
        start = default_folder() / self.tr("恢复密钥.txt")  # a USB stick or 文档, never here
        path, _ = QFileDialog.getSaveFileName(self, self.tr("保存恢复密钥"), str(start),
                                              self.tr("文本文件 (*.txt)"))
        if path:
            self.save_to(Path(path))

    def save_to(self, path: Path) -> bool:
        text = (self.tr("农村留守儿童信息台账 · 恢复密钥") + "\n" + self.tr("单位：")
                + self.unit_name + "（" + self.unit_code + "）\n\n" + self.recovery_key + "\n")
        try:
            path.write_text(text, encoding="utf-8")
        except OSError as exc:
            dialogs.show_error(self, UserError("save_failed", "无法保存文件：请选择其他位置",
                                               "Cannot save the file; choose another place"))
            log.warning("recovery key not saved: %s", type(exc).__name__)
            return False
        self.saved_to.setText(self.tr("已保存到：") + str(path))
        return True


class RecoveryPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("恢复密钥"))
        self.setSubTitle(self.tr("第四步：忘记密码时，只能用恢复密钥找回数据。请立即打印或保存到U盘，并妥善保管。它只显示这一次。"))
        self.view = RecoveryKeyView()
        self.key = self.view.key
        self.done = QCheckBox(self.tr("我已打印或保存恢复密钥，并会妥善保管"))
        self.done.setObjectName("recoveryDone")
        self.done.toggled.connect(self.completeChanged)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)
        layout.addStretch(1)
        layout.addWidget(self.done)

    def initializePage(self) -> None:
        wizard = self.wizard()
        assert isinstance(wizard, FirstRunWizard)
        self.view.set_key(wizard.recovery_key, wizard.unit_page.name.text(),
                          wizard.unit_page.code.text())

    def isComplete(self) -> bool:
        return self.done.isChecked()

    def save_to(self, path: Path) -> None:
        self.view.save_to(path)


class FirstRunWizard(QWizard):
    created = Signal(object)  # Store

    def __init__(self, store_dir: Path, kdf: KdfParams | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("firstRunWizard")
        self.store_dir = store_dir
        self.kdf = kdf
        self.store: Store | None = None
        self.recovery_key = ""
        self.setWindowTitle(self.tr("首次使用设置 · 农村留守儿童信息台账"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.role_page = RolePage()
        self.unit_page = UnitPage()
        self.pass_page = PassphrasePage()
        self.recovery_page = RecoveryPage()
        for p in (self.role_page, self.unit_page, self.pass_page, self.recovery_page):
            self.addPage(p)
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("下一步"))
        self.setButtonText(QWizard.WizardButton.BackButton, self.tr("上一步"))
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("完成"))
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("取消"))
        self.resize(720, 520)

    def create_store(self, passphrase: str) -> None:
        if self.store is not None:
            return
        self.store, self.recovery_key = Store.init(
            self.store_dir, passphrase, role=self.role_page.role(),
            unit_code=self.unit_page.code.text().strip(),
            unit_name=self.unit_page.name.text().strip(),
            officer=self.unit_page.officer.text().strip(), kdf=self.kdf)
        log.info("store created (role=%s)", self.role_page.role())

    def reject(self) -> None:
        """Esc / 取消 before the store exists quits. Once it exists, the recovery key must not
        vanish unacknowledged: Esc and the window's close do nothing until it is ticked (then
        they finish, as 完成 does)."""
        if self.store is not None:
            if self.recovery_page.done.isChecked():
                self.accept()
            return
        super().reject()

    def accept(self) -> None:
        super().accept()
        if self.store is not None:
            self.recovery_key = ""
            self.recovery_page.view.clear_key()
            self.created.emit(self.store)
