"""打印/导出PDF: child files rendered by ``exports.child_pdf`` in a worker thread, with
progress and 取消; the result opens in the system PDF viewer (which prints)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QWidget

from ..core.dates import format_date
from . import dialogs, i18n, jobs
from .session import Session
from .widgets import default_folder


def _open_url(path: Path) -> None:
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def available() -> bool:
    """Kept for callers: the PDF module ships with the program (imported above)."""
    return True


def export_pdf(
    parent: QWidget | None,
    session: Session,
    child_ids: Sequence[str],
    out_path: Path,
    *,
    combined: bool,
    on_done: Callable[[list[Path]], None] | None = None,
    show_dialog: bool = True,
) -> jobs.Worker | None:
    if not child_ids:
        dialogs.info(
            parent,
            QCoreApplication.translate("printing", "打印/导出PDF"),
            QCoreApplication.translate("printing", "请先选择要打印的儿童。"),
        )
        return None
    from ..exports import child_pdf  # on first use: start-up stays light

    module: Any = child_pdf
    ids = list(child_ids)

    def work(progress: jobs.Progress, cancel: threading.Event) -> list[Path]:
        files: list[Path] = module.render_child_files(
            session.registry, ids, out_path, combined=combined, progress=progress, cancel=cancel.is_set
        )
        return files

    def done(result: Any) -> None:
        files = list(result)
        if on_done is not None:
            on_done(files)
        if show_dialog and files:
            target = files[0] if len(files) == 1 else files[0].parent
            box = dialogs.ask(
                parent,
                QCoreApplication.translate("printing", "导出完成"),
                QCoreApplication.translate(
                    "printing", "已导出 %1 个PDF文件：\n%2\n\n是否现在打开（可在阅读器中打印）？"
                )
                .replace("%1", str(len(files)))
                .replace("%2", str(target)),
                lambda: _open_url(target),
                yes=QCoreApplication.translate("printing", "打开"),
                no=QCoreApplication.translate("printing", "关闭"),
            )
            box.setObjectName("pdfDone")

    def failed(exc: BaseException) -> None:
        dialogs.show_error(parent, exc)

    return jobs.start(
        work,
        done,
        failed,
        lock=session.lock,
        parent=parent,
        title=QCoreApplication.translate("printing", "打印/导出PDF"),
        label=QCoreApplication.translate("printing", "正在生成儿童档案PDF……"),
        dialog=show_dialog,
    )


def suggested_path(session: Session, child_ids: Sequence[str], folder: Path | None = None) -> Path:
    """Where the save dialog starts: a USB stick or 文档, and a name that says whose file it
    is (张小明_档案_210213001001-0007.pdf; 儿童档案合订本_12人_2026年12月1日.pdf), never the
    name of a file that is there already (then 张小明_档案_…(2).pdf)."""
    from ..exports.child_pdf import child_file_name, free_path

    folder = folder or default_folder()
    if len(child_ids) == 1:
        with session.lock:
            child = session.registry.get("child", child_ids[0])
            number = session.registry.file_number(child)
        name = child_file_name(str(child.get("name") or ""), number)
    else:
        name = (QCoreApplication.translate("printing", "儿童档案合订本_%1人_%2")
                .replace("%1", str(len(child_ids)))
                .replace("%2", format_date(session.today(), i18n.current())) + ".pdf")
    return free_path(folder / name)


def print_children(parent: QWidget | None, session: Session, child_ids: Sequence[str]) -> None:
    """Ask where to save, then export (one child: a file; several: one combined file)."""
    if not child_ids:
        dialogs.info(
            parent,
            QCoreApplication.translate("printing", "打印/导出PDF"),
            QCoreApplication.translate("printing", "请先选择要打印的儿童。"),
        )
        return
    path, _ = QFileDialog.getSaveFileName(
        parent,
        QCoreApplication.translate("printing", "导出PDF"),
        str(suggested_path(session, child_ids)),
        QCoreApplication.translate("printing", "PDF 文件 (*.pdf)"),
    )
    if not path:
        return
    if not path.lower().endswith(".pdf"):
        path += ".pdf"
    export_pdf(parent, session, child_ids, Path(path), combined=len(child_ids) > 1)
