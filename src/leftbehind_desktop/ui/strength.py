"""Passphrase strength meter (first-run wizard, reset with the recovery key)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QProgressBar, QWidget

from ..core.passphrase import passphrase_problem
from .widgets import ERROR, OK

MIN_PASSPHRASE = 8  # = store.store.MIN_PASSPHRASE (not imported: the unlock dialog starts light)


def strength(passphrase: str, avoid: Sequence[str] = ()) -> int:
    """0–4: too short, weak, fair, good, strong (length and character variety)."""
    if passphrase_problem(passphrase, avoid) is not None:
        return 0
    classes = sum((any(c.islower() for c in passphrase), any(c.isupper() for c in passphrase),
                   any(c.isdigit() for c in passphrase),
                   any(not c.isalnum() or ord(c) > 127 for c in passphrase)))
    score = 1 + (len(passphrase) >= 12) + (len(passphrase) >= 16) + (classes >= 3)
    return min(4, score)


class StrengthMeter(QWidget):
    def __init__(self, edit: QLineEdit, parent: QWidget | None = None,
                 avoid: Callable[[], Sequence[str]] | None = None) -> None:
        super().__init__(parent)
        self.avoid = avoid  # words everyone knows (the unit's name…): such a passphrase is 0
        self.bar = QProgressBar()
        self.bar.setRange(0, 4)
        self.bar.setTextVisible(False)
        self.bar.setFixedHeight(8)
        self.label = QLabel()
        self.label.setObjectName("strengthLabel")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.bar, 1)
        layout.addWidget(self.label)
        edit.textChanged.connect(self.update_for)
        self.update_for("")

    def update_for(self, text: str) -> None:
        score = strength(text, self.avoid() if self.avoid is not None else ())
        too_weak = (self.tr("太短（至少%1个字符）").replace("%1", str(MIN_PASSPHRASE))
                    if len(text.strip()) < MIN_PASSPHRASE else self.tr("太弱，不能使用"))
        names = [too_weak, self.tr("弱"),
                 self.tr("一般"), self.tr("较强"), self.tr("强")]
        colours = [ERROR, "#ef6c00", "#f9a825", "#7cb342", OK]
        self.bar.setValue(score)
        self.bar.setStyleSheet(f"QProgressBar::chunk {{ background: {colours[score]}; }}")
        self.label.setText(self.tr("密码强度：") + names[score])
