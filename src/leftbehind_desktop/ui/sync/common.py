"""Pieces shared by the 数据交换 screens: value formatting, quarters, and running sync work
off the GUI thread with progress and cancel. Generic widgets (file pickers, banner, the
fingerprint view) are in ``ui/widgets.py``."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QWidget,
)

from ...core.dates import quarter_bounds, quarter_label, quarter_of, quarter_to_offer
from ...core.messages import UserError
from .. import dialogs, i18n, jobs
from ..session import Session

PACKAGE_FILTER = "数据包 (*.lbpkg)"
JSON_FILTER = "登记文件 (*.json)"


class Cancelled(UserError):
    def __init__(self) -> None:
        super().__init__("cancelled", "已取消，没有修改任何数据", "Cancelled; nothing was changed")


# == quarters ================================================================================
def last_finished_quarter(today: date) -> str:
    start, _ = quarter_bounds(quarter_of(today))
    return quarter_of(start - timedelta(days=1))


def period_text(period: str) -> str:
    """A quarter as people say it, in the UI language: 2026年第3季度 (never 2026Q3)."""
    return quarter_label(period, i18n.current())


def recent_quarters(today: date, n: int = 8) -> list[str]:
    """The current quarter and the ``n - 1`` before it, newest first."""
    out = [quarter_of(today)]
    d = today
    for _ in range(n - 1):
        start, _ = quarter_bounds(quarter_of(d))
        d = start - timedelta(days=1)
        out.append(quarter_of(d))
    return out


def offered_quarter(session: Session, today: date | None = None) -> str:
    """The quarter an export dialog (数据包, 信息台账) selects first: the last finished one, or
    for a new office whose data all lies in the running quarter, that quarter — the one the
    workbench names as its 首次上报 (``core.dates.quarter_to_offer``)."""
    day = today or session.today()
    with session.lock:
        first = session.registry.first_data_day()
    return quarter_to_offer(day, first)


def fill_quarters(combo: QComboBox, session: Session, today: date | None = None) -> None:
    """The current quarter and the seven before it, in words, the :func:`offered_quarter`
    selected; item data is the period (``2026Q4``)."""
    day = today or session.today()
    combo.clear()
    for q in recent_quarters(day):
        combo.addItem(period_text(q), q)
    combo.setCurrentIndex(max(0, combo.findData(offered_quarter(session, day))))


# == values ==================================================================================
def fmt_value(value: Any) -> str:
    if value is None or value == "" or value == []:
        return QCoreApplication.translate("sync", "（空）")
    if isinstance(value, bool):
        return (QCoreApplication.translate("sync", "是") if value
                else QCoreApplication.translate("sync", "否"))
    if isinstance(value, list):
        return "、".join(str(v) for v in value)
    return str(value)


def unit_label(names: dict[str, str], code: str) -> str:
    name = names.get(code)
    return f"{name}（{code}）" if name else code


def error_message(exc: BaseException) -> str:
    return dialogs.error_text(exc)


# == work off the GUI thread =================================================================
def run_job(parent: QWidget, session: Session, work: Callable[[jobs.Progress], Any],
            on_done: Callable[[Any], None], on_error: Callable[[BaseException], None],
            *, title: str, label: str, cancellable: bool = True) -> jobs.Worker:
    """Run ``work(progress)`` on a worker thread holding the session lock, with a progress
    dialog. 取消 is honoured at the next progress report before the work is complete; the
    sync functions write nothing until their last step (and roll back on an exception), so a
    cancelled job changes nothing."""

    def wrapped(progress: jobs.Progress, cancel: threading.Event) -> Any:
        def report(done: int, total: int) -> None:
            if cancel.is_set() and done < total:
                raise Cancelled()
            progress(done, total)

        return work(report)

    return jobs.start(wrapped, on_done, on_error, lock=session.lock, parent=parent, title=title,
                      label=label, cancellable=cancellable)


def lang() -> str:
    return i18n.current()
