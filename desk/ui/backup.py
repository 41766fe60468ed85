"""Backups in the window: the desk's own daily and closing backups, and what the backup
screens share (labels, sizes, the second place, progress). The «Sao lưu» dialog is in
``desk.ui.backup_dialog``, the restore in ``desk.ui.restore``.

Everything that reads or writes a backup runs in the pool (``desk.ui.ops.Operation``):
a backup of a large office takes minutes and the clerk's window never freezes for it.
The services check the roles (``Permission.BACKUP``, ``Permission.RESTORE``); the window
only hides what the account's role cannot do. The passphrase and the passwords typed here
go to the service and nowhere else: never into a log, a message or a setting.
"""

from __future__ import annotations

import functools
import logging
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desk.config import DeskConfig
from desk.domain.access import Permission, allows
from desk.domain.office import Role
from desk.services import backup as backup_service
from desk.services.backup import BackupInfo, missed_second_place
from desk.services.context import DeskContext
from desk.ui.ops import Operation, Progress, error_message
from desk.ui.style import MUTED

log = logging.getLogger(__name__)

BACKUP_SUFFIX = ".deskbackup"
# How often the window asks whether today's backup is still due: a desk left open past
# midnight takes the next working day's backup without being restarted.
DAILY_CHECK_MS = 60 * 60_000

REASON_LABELS = {
    "daily": QT_TRANSLATE_NOOP("BackupDialog", "Hằng ngày"),
    "closing": QT_TRANSLATE_NOOP("BackupDialog", "Khi đóng chương trình"),
    "manual": QT_TRANSLATE_NOOP("BackupDialog", "Sao lưu ngay"),
    "before-migration": QT_TRANSLATE_NOOP("BackupDialog", "Trước khi nâng cấp"),
    "before-restore": QT_TRANSLATE_NOOP("BackupDialog", "Trước khi khôi phục"),
}


def reason_label(reason: str) -> str:
    label = REASON_LABELS.get(reason)
    return QCoreApplication.translate("BackupDialog", label) if label else reason


def size_text(size: int) -> str:
    """Bytes as a person reads them, with the Vietnamese decimal comma."""
    value = float(size)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            text = f"{value:.0f}" if unit == "B" else f"{value:.1f}"
            return f"{text.replace('.', ',')} {unit}"
        value /= 1024
    return f"{size} B"  # pragma: no cover - the loop always returns


def when_text(moment: datetime) -> str:
    return f"{moment:%H:%M %d/%m/%Y}"


def second_place(config: DeskConfig) -> Path | None:
    """The configured second place (a USB stick, a network folder), if any."""
    return config.second_backup_dir


def latest_backup(config: DeskConfig) -> Path | None:
    """The newest complete backup of the data folder, else of the second place: the one a
    restore offers first."""
    for folder in (config.backup_dir, config.second_backup_dir):
        if folder is not None and folder.is_dir():
            found = backup_service.latest_backup_path(folder)
            if found is not None:
                return found
    return None


# At most this often a backup's or a restore's progress crosses to the window (a new step
# always does): the service reports every chunk, thousands for a large office, each one a
# signal and a repaint. Fewer calls into Qt matter more than usual here: PySide6 6.12.0 as
# installed loses a reference to None or True on each Qt call returning them (measured:
# 1,000 setText calls, refcount(None) - 1,000), and a flood ends in "none_dealloc".
PROGRESS_EVERY_S = 0.5


def progress_sink(progress: Progress) -> Callable[[str, int, int], None]:
    last: dict[str, Any] = {"step": None, "at": 0.0}

    def report(step: str, done: int, total: int) -> None:
        now = time.monotonic()
        finished = bool(total) and done >= total
        if step == last["step"] and not finished and now - last["at"] < PROGRESS_EVERY_S:
            return
        last["step"], last["at"] = step, now
        progress.report((step, done, total))

    return report


def show_progress(bar: QProgressBar, label: QLabel, value: object) -> None:
    step, done, total = value  # type: ignore[misc]
    if total and total > 0:
        bar.setRange(0, int(total))
        bar.setValue(min(int(done), int(total)))
    else:
        bar.setRange(0, 0)  # busy: the step does not know its size
    label.setText(str(step))


def hidden_progress_bar() -> QProgressBar:
    """A progress bar seen only while a backup or a restore runs; its room kept, so
    nothing jumps when it shows."""
    bar = QProgressBar()
    bar.setRange(0, 1)
    bar.setValue(0)
    policy = bar.sizePolicy()
    policy.setRetainSizeWhenHidden(True)
    bar.setSizePolicy(policy)
    bar.hide()
    return bar


def secret_edit(name: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setObjectName(name)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit


# --- the desk's own backups -------------------------------------------------------------


class AutomaticBackups(QObject):
    """The daily backup (at sign-in, then checked every hour) and the closing one.

    No role is needed: it is the desk's duty (``backup_if_due``). A missing backup key is
    told to a supervisor or an admin (``notice``), never to a clerk in a dialog; a second
    place that is not there is a quiet notice; the backup itself carries on without it."""

    notice = Signal(str, bool)  # text, ok (green) — for the window's status bar
    finished = Signal(str, object)  # reason, list[BackupInfo]
    failed = Signal(str, str)  # reason, message

    def __init__(self, ctx: DeskContext, role: Role, parent: QObject | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.role = role
        self.operation: Operation | None = None
        self.closing_state = "none"  # "none" | "running" | "done"
        self._closing_dialog: ClosingBackupDialog | None = None
        self._after_closing: Callable[[], None] | None = None
        self._closing_waits = False  # the closing backup waits for a daily one to end
        self._window: QWidget | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(DAILY_CHECK_MS)
        self.timer.timeout.connect(lambda: self.run("daily"))

    def start(self) -> None:
        self.run("daily")
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    @property
    def running(self) -> bool:
        return self.operation is not None

    def run(
        self, reason: str, on_progress: Callable[[object], None] | None = None
    ) -> Operation | None:
        """Start ``backup_if_due`` for ``reason``; None when one is running already."""
        if self.operation is not None:
            return None
        ctx = self.ctx

        def work(progress: Progress) -> tuple[list[BackupInfo], bool]:
            infos = backup_service.backup_if_due(
                ctx, reason=reason, progress=progress_sink(progress)
            )
            return infos, bool(infos) or backup_service.has_backup_key(ctx)

        operation = Operation.with_progress(work)
        if on_progress is not None:
            operation.on_progress(on_progress)
        # Methods, not lambdas: a report arriving after this object was deleted (the
        # window ended meanwhile) is dropped by Operation, never run on a dead object.
        operation.on_success(functools.partial(self._done, reason))
        operation.on_failure(functools.partial(self._failed, reason))
        self.operation = operation
        operation.start()
        return operation

    def _done(self, reason: str, result: tuple[list[BackupInfo], bool]) -> None:
        self.operation = None
        infos, has_key = result
        if not has_key:
            log.warning("no backup key: the office's backups are not taken")
            if allows(self.role, Permission.BACKUP):
                self.notice.emit(
                    self.tr(
                        "Chưa đặt mật khẩu sao lưu: dữ liệu chưa được sao lưu. Quản trị "
                        "viên đặt mật khẩu trong «Sao lưu»."
                    ),
                    False,
                )
        elif infos:
            missed = missed_second_place(self.ctx.config, infos)
            if missed is not None:
                self.notice.emit(
                    self.tr(
                        "Đã sao lưu vào máy; chưa chép được sang nơi thứ hai ({place}) — "
                        "cắm lại USB hoặc kiểm tra thư mục mạng."
                    ).format(place=missed),
                    False,
                )
            else:
                self.notice.emit(
                    self.tr("Đã sao lưu lúc {when}.").format(when=when_text(infos[0].taken_at)),
                    True,
                )
        self.finished.emit(reason, infos)
        self._next_closing()

    def _failed(self, reason: str, error: object) -> None:
        self.operation = None
        message = error_message(error)
        self.notice.emit(self.tr("Không sao lưu được: {e}").format(e=message), False)
        self.failed.emit(reason, message)
        self._next_closing()

    # --- the closing backup -----------------------------------------------------------

    def guard_closing(self, window: QWidget) -> None:
        """The closing backup before ``window`` closes: its close events pass through
        here first (``eventFilter``)."""
        self._window = window
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        window = self._window
        if (
            window is not None
            and watched is window
            and event.type() == QEvent.Type.Close
            and not getattr(window, "ending", False)  # a sign-out or a switch: no backup
            and self.wants_closing_backup()
        ):
            # The desk closes: the closing backup first, behind a dialog; the window closes
            # when it is done (or its failure has been read).
            event.ignore()
            self.take_closing_backup(window, then=window.close)
            return True
        return super().eventFilter(watched, event)

    def wants_closing_backup(self) -> bool:
        """The window may not close yet: the closing backup is still to be taken (or is
        being taken)."""
        return self.closing_state != "done"

    def take_closing_backup(self, parent: QWidget, then: Callable[[], None]) -> None:
        """Take the closing backup behind a dialog that cannot be dismissed, then ``then``
        (the window closes) — after a failure, once the message has been read."""
        if self.closing_state != "none":
            return
        self.closing_state = "running"
        self.stop()
        self._after_closing = then
        dialog = ClosingBackupDialog(parent)
        dialog.dismissed.connect(self._closing_finished)
        self._closing_dialog = dialog
        dialog.open()
        if self.operation is not None:
            self._closing_waits = True  # a daily backup first; the closing one after it
        else:
            self._start_closing()

    def _next_closing(self) -> None:
        if self._closing_waits:
            self._closing_waits = False
            self._start_closing()

    def _start_closing(self) -> None:
        dialog = self._closing_dialog
        assert dialog is not None
        operation = self.run("closing", on_progress=dialog.show_progress)
        assert operation is not None
        operation.on_success(dialog.succeeded)
        operation.on_failure(dialog.failed_with)

    def _closing_finished(self) -> None:
        self.closing_state = "done"
        then, self._after_closing = self._after_closing, None
        if self._closing_dialog is not None:
            self._closing_dialog.deleteLater()
            self._closing_dialog = None
        if then is not None:
            then()


class ClosingBackupDialog(QDialog):
    """«Đang sao lưu dữ liệu…» while the desk closes. It cannot be closed before the backup
    is done (Esc and the title bar's button are ignored); a failure stays on screen with
    «Đóng», then the desk closes."""

    dismissed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Sao lưu trước khi đóng"))
        self.setWindowFlag(Qt.WindowType.WindowCloseButtonHint, False)
        self.setMinimumWidth(420)
        self.done_ok: bool | None = None
        layout = QVBoxLayout(self)
        self.label = QLabel(self.tr("Đang sao lưu dữ liệu…"))
        self.label.setWordWrap(True)
        layout.addWidget(self.label)
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)
        layout.addWidget(self.bar)
        self.step = QLabel("")
        self.step.setStyleSheet(f"color: {MUTED};")
        layout.addWidget(self.step)
        self.close_button = QPushButton(self.tr("Đóng"))
        self.close_button.hide()
        self.close_button.clicked.connect(self._dismiss)
        row = QHBoxLayout()
        row.addStretch()
        row.addWidget(self.close_button)
        layout.addLayout(row)

    def show_progress(self, value: object) -> None:
        show_progress(self.bar, self.step, value)

    def succeeded(self, _result: object = None) -> None:
        self.done_ok = True
        self._dismiss()

    def failed_with(self, error: object) -> None:
        self.failed(error_message(error))

    def failed(self, message: str) -> None:
        self.done_ok = False
        self.bar.setRange(0, 1)
        self.bar.setValue(0)
        self.label.setObjectName("error")
        self.label.setText(
            self.tr("Không sao lưu được khi đóng: {e}\nChương trình sẽ đóng.").format(e=message)
        )
        self.label.style().unpolish(self.label)
        self.label.style().polish(self.label)
        self.step.setText("")
        self.close_button.show()
        self.close_button.setFocus()

    def _dismiss(self) -> None:
        self.hide()
        self.dismissed.emit()

    def reject(self) -> None:  # Esc: only once the failure has been shown
        if self.done_ok is False:
            self._dismiss()

    def closeEvent(self, event: Any) -> None:
        if self.done_ok is None:
            event.ignore()
            return
        super().closeEvent(event)
