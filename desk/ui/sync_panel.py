"""The supervisor's sync panel: online or not, last sync, what waits, "Đồng bộ ngay" with
progress and cancel, the run's report, the needs-attention list, and the province
connection's settings («Cấu hình kết nối…», used at once when saved).

It says what happened (issue 13): the bar counts the dossiers sent out of those waiting,
never 100 % of nothing; a new run clears the last one's failure; a retry is said with its
number and wait; "Chờ gửi" goes down as batches are answered.

Nothing here touches the network or the database on the GUI thread: the ping, the
figures, the run and the resolutions are background operations (``desk.ui.ops``), each
owned by the widget it works for, which stays disabled until it reports.
"""

from __future__ import annotations

import functools
import math
from datetime import datetime
from typing import Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desk.domain.outbox import AttentionItem, RunOutcome
from desk.services import sync as sync_service
from desk.services.context import DeskContext
from desk.sync.connection import CancelToken
from desk.sync.report import SyncPhase, SyncProgress, SyncReport
from desk.ui.labels import shown_label
from desk.ui.ops import Operation, Progress, desk_signals, error_message
from desk.ui.sync_attention import AttentionBox, AttentionTableModel
from desk.ui.sync_batches import StuckBatchesBox

PING_INTERVAL_MS = 30_000

__all__ = ["AttentionTableModel", "SyncPanel"]


class SyncPanel(QWidget):
    """Embedded by the main window for supervisors."""

    online_checked = Signal(bool)
    overview_refreshed = Signal(object)  # SyncOverview
    attention_refreshed = Signal(int)
    sync_started = Signal()
    progress_changed = Signal(object)  # SyncProgress
    sync_finished = Signal(object)  # SyncReport
    sync_failed = Signal(str)
    attention_resolved = Signal(object)  # AttentionItem
    batch_set_aside = Signal(str)  # the batch id
    settings_saved = Signal()

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.operation: Operation | None = None  # the sync run, while it runs
        self._cancel: CancelToken | None = None  # the run's: set by "Hủy"
        self.last_report: SyncReport | None = None
        self.online: bool | None = None
        self.settings_dialog: QWidget | None = None
        self._refresh_asked = 0
        self._refresh_shown = 0
        self._pinged_url = ""  # the address the ping on its way was sent to
        self._check_again = False  # a check asked for while a ping was on its way
        self._retry: SyncProgress | None = None  # the wait being counted down
        self._retry_left = 0
        self._pushed = (0, 0)  # this run's dossiers answered, of those to send

        layout = QVBoxLayout(self)
        header = QHBoxLayout()
        self.online_label = QLabel()
        self.online_label.setObjectName("syncOnline")
        self.settings_button = QPushButton(self.tr("Cấu hình kết nối…"))
        self.settings_button.setToolTip(
            self.tr("Địa chỉ máy chủ tỉnh, tài khoản, mật khẩu và tệp chứng chỉ CA")
        )
        self.settings_button.clicked.connect(self.open_settings)
        self.last_sync_label = QLabel()
        self.pending_label = QLabel()
        header.addWidget(self.online_label)
        header.addWidget(self.settings_button)
        header.addStretch(1)
        header.addWidget(self.pending_label)
        layout.addLayout(header)
        layout.addWidget(self.last_sync_label)

        controls = QHBoxLayout()
        self.sync_button = QPushButton(self.tr("Đồng bộ ngay"))
        self.sync_button.clicked.connect(self.start_sync)
        self.cancel_button = QPushButton(self.tr("Hủy"))
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel_sync)
        self.progress_bar = QProgressBar()
        self.progress_bar.setTextVisible(True)
        self._idle_bar("")
        self.phase_label = QLabel()
        self.phase_label.setWordWrap(True)
        controls.addWidget(self.sync_button)
        controls.addWidget(self.cancel_button)
        controls.addWidget(self.progress_bar, 1)
        layout.addLayout(controls)
        layout.addWidget(self.phase_label)
        self.retry_timer = QTimer(self)  # counts a retry's wait down, once a second
        self.retry_timer.setInterval(1000)
        self.retry_timer.timeout.connect(self._count_down)

        report_box = QGroupBox(self.tr("Kết quả lần đồng bộ"))
        report_layout = QVBoxLayout(report_box)
        self.report_view = QPlainTextEdit()
        self.report_view.setReadOnly(True)
        report_layout.addWidget(self.report_view)
        layout.addWidget(report_box, 1)

        self.attention_box = AttentionBox(ctx)
        self.attention_box.resolved.connect(self._on_resolved)
        self.attention_box.failed.connect(self._show_error)
        layout.addWidget(self.attention_box, 1)
        # The list's parts, by the names the window's tests and callers use.
        self.attention_model = self.attention_box.model
        self.attention_view = self.attention_box.view
        self.acknowledge_button = self.attention_box.acknowledge_button
        self.resend_button = self.attention_box.resend_button
        self.note_edit = self.attention_box.note
        self.note_message = self.attention_box.message

        # Batches that keep failing (issue 12): shown, and set aside by a supervisor.
        self.stuck_box = StuckBatchesBox(ctx)
        self.stuck_box.set_aside.connect(self._on_set_aside)
        self.stuck_box.failed.connect(self._show_error)
        layout.addWidget(self.stuck_box)

        self._show_online(None)
        self.ping_timer = QTimer(self)
        self.ping_timer.setInterval(PING_INTERVAL_MS)
        self.ping_timer.timeout.connect(self.check_online)
        self.ping_timer.start()
        # A dossier received or changed joins the queue: "Chờ gửi" follows.
        desk_signals().dossier_changed.connect(self._on_dossier_changed)
        self.refresh()
        self.check_online()

    # --- the province connection ---------------------------------------------------------

    def open_settings(self) -> None:
        """«Cấu hình kết nối…»: the dialog (window-modal); once saved, the panel pings the
        new address and runs use it, without a restart."""
        from desk.ui.sync_settings import SyncSettingsDialog

        dialog = SyncSettingsDialog(self.ctx, self)
        dialog.saved.connect(self.configuration_changed)
        dialog.finished.connect(self._settings_closed)
        self.settings_dialog = dialog
        dialog.open()

    def _settings_closed(self, _result: int) -> None:
        if self.settings_dialog is not None:
            self.settings_dialog.deleteLater()
            self.settings_dialog = None

    def configuration_changed(self) -> None:
        self.online = None
        self._show_online(None)
        self.check_online()
        self.refresh()
        self.settings_saved.emit()

    # --- figures -----------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the figures off-thread; an answer older than one already shown is dropped
        (pool jobs may finish out of order)."""
        ctx = self.ctx
        self._refresh_asked += 1
        figures = Operation(
            lambda: (
                sync_service.overview(ctx),
                sync_service.attention_items(ctx),
                sync_service.stuck_batches(ctx),
            )
        )
        figures.on_success(functools.partial(self._show_overview, number=self._refresh_asked))
        figures.on_failure(self._show_error).start()

    def _on_dossier_changed(self, _dossier: object) -> None:
        if not self.running:  # during a run its progress counts down
            self.refresh()

    def _show_overview(
        self, result: tuple[Any, list[AttentionItem], list[Any]], number: int
    ) -> None:
        if number < self._refresh_shown:
            return
        self._refresh_shown = number
        view, items, stuck = result
        self.stuck_box.show_batches(stuck)
        self._show_pending(view.pending)
        if view.last_run is None:
            self.last_sync_label.setText(self.tr("Chưa đồng bộ lần nào."))
        else:
            finished: datetime | None = view.last_run.finished_at
            when = f"{finished:%H:%M %d/%m/%Y}" if finished else ""
            self.last_sync_label.setText(
                self.tr("Lần đồng bộ gần nhất: {when} — {outcome}").format(
                    when=when, outcome=shown_label(view.last_run.outcome)
                )
            )
        self.attention_box.show_items(items)
        if not self.ctx.config.province.url:  # now, not when the figures were read
            self._show_online(None)
        self.overview_refreshed.emit(view)
        self.attention_refreshed.emit(len(items))

    def _show_pending(self, pending: int) -> None:
        self.pending_label.setText(self.tr("Chờ gửi: {n} hồ sơ").format(n=pending))

    def check_online(self) -> None:
        """Off the GUI thread: desk.toml read again (a ``desk sync configure`` meanwhile
        is taken), then the province pinged."""
        if Operation.busy(self.online_label):  # a ping is on its way: ask again after it
            self._check_again = True
            return
        self._check_again = False
        ctx = self.ctx
        self._pinged_url = ctx.config.province.url

        def work() -> tuple[bool, bool]:
            reloaded = sync_service.reload_settings(ctx)
            return reloaded, sync_service.check_online(ctx)

        ping = Operation(work, owner=self.online_label)
        ping.on_success(self._on_ping).on_failure(self._on_ping_failed).start()

    def _on_ping(self, result: tuple[bool, bool]) -> None:
        reloaded, online = result
        url = self.ctx.config.province.url
        if (self._pinged_url != url and not reloaded) or self._check_again:
            self.check_online()  # the address changed meanwhile: ask the new one
            return
        if not url:
            self.online = None
            self._show_online(None)
            self.online_checked.emit(False)
            return
        self.online = bool(online)
        self._show_online(self.online)
        self.online_checked.emit(self.online)

    def _on_ping_failed(self, error: object) -> None:
        self._on_ping((False, False))

    def _show_online(self, online: bool | None) -> None:
        if online is None and not self.ctx.config.province.url:
            text, colour = self.tr("● Chưa cấu hình máy chủ tỉnh"), "#777"
        elif online is None:
            text, colour = self.tr("● Đang kiểm tra kết nối…"), "#777"
        elif online:
            text, colour = self.tr("● Trực tuyến"), "#1b7f2a"
        else:
            text, colour = self.tr("● Mất kết nối tới tỉnh"), "#b3261e"
        self.online_label.setText(text)
        self.online_label.setStyleSheet(f"color: {colour}; font-weight: bold;")

    # --- the run -----------------------------------------------------------------------

    @property
    def running(self) -> bool:
        return self.operation is not None

    def start_sync(self) -> None:
        if self.operation is not None:
            return
        ctx = self.ctx
        # The run stops at its next safe point once this is set (waits wake at once).
        cancel = CancelToken()

        def work(progress: Progress) -> SyncReport:
            sync_service.reload_settings(ctx)  # a «desk sync configure» meanwhile
            return sync_service.run_sync(ctx, cancel=cancel, progress=progress.report)

        operation = (
            Operation.with_progress(work, owner=self.sync_button)
            .on_progress(self._on_progress)
            .on_success(self._on_finished)
            .on_failure(self._on_failed)
        )
        if not operation.start():
            return
        self.operation, self._cancel = operation, cancel
        self.cancel_button.setEnabled(True)
        # The last run's report or failure is not this run's (issue 13).
        self.report_view.clear()
        self._stop_retry()
        self._pushed = (0, 0)
        self.progress_bar.setRange(0, 0)  # busy until the push knows its total
        self.phase_label.setText(self.tr("Đang bắt đầu…"))
        self.sync_started.emit()

    def cancel_sync(self) -> None:
        if self.operation is not None and self._cancel is not None:
            self.operation.cancel()
            self._cancel.cancel()
            self.cancel_button.setEnabled(False)
            self._stop_retry()
            self.phase_label.setText(self.tr("Đang hủy… (dừng sau bước đang làm)"))

    def _on_progress(self, progress: SyncProgress) -> None:
        if progress.phase is SyncPhase.PUSH and progress.total:
            self.progress_bar.setRange(0, progress.total)
            self.progress_bar.setValue(min(progress.done, progress.total))
            self.progress_bar.setFormat(self.tr("Đã gửi %v/%m hồ sơ"))
            self._show_pending(max(0, progress.total - progress.done))
            self._pushed = (progress.done, progress.total)
        elif progress.phase is not SyncPhase.DONE and progress.phase is not SyncPhase.PULL_AGAIN:
            self.progress_bar.setRange(0, 0)
        if progress.retry:
            self._retry, self._retry_left = progress, math.ceil(progress.wait_s)
            self.retry_timer.start()
            text = self._retry_text()
        else:
            self._stop_retry()
            text = shown_label(progress.phase) + (
                f": {progress.message}" if progress.message else ""
            )
        if self._cancel is not None and self._cancel.cancelled:
            text = self.tr("Đang hủy… (dừng sau bước đang làm)")
        self.phase_label.setText(text)
        self.progress_changed.emit(progress)

    def _retry_text(self) -> str:
        retry = self._retry
        assert retry is not None
        return self.tr(
            "{phase}: máy chủ tỉnh chưa nhận ({problem}). Đang thử lại lần {n}/{most} "
            "sau {seconds} giây…"
        ).format(
            phase=shown_label(retry.phase),
            problem=retry.problem_label,
            n=retry.retry,
            most=retry.retries,
            seconds=max(0, self._retry_left),
        )

    def _count_down(self) -> None:
        if self._retry is None or self._retry_left <= 0:
            self.retry_timer.stop()
            return
        self._retry_left -= 1
        self.phase_label.setText(self._retry_text())

    def _stop_retry(self) -> None:
        self._retry = None
        self.retry_timer.stop()

    def _idle_bar(self, text: str, *, sent: int = 0, total: int = 0) -> None:
        """The bar at rest: ``sent`` of ``total`` (empty when nothing waited)."""
        self.progress_bar.setRange(0, max(total, 1))
        self.progress_bar.setValue(sent if total else 0)
        self.progress_bar.setFormat(text)

    def _finish(self) -> None:
        self.operation, self._cancel = None, None
        self._stop_retry()
        self.cancel_button.setEnabled(False)
        self.refresh()

    def _on_finished(self, report: SyncReport) -> None:
        self.last_report = report
        total = report.items_sent + report.pending
        if total:
            self._idle_bar(
                self.tr("Đã gửi {sent}/{total} hồ sơ").format(sent=report.items_sent, total=total),
                sent=report.items_sent,
                total=total,
            )
        else:
            self._idle_bar(self.tr("Không có hồ sơ nào chờ gửi"))
        self._show_pending(report.pending)
        self.report_view.setPlainText("\n".join(report.lines()))
        self.phase_label.setText(shown_label(report.outcome))
        if report.outcome is RunOutcome.OFFLINE:
            self.online = False
            self._show_online(False)
        elif report.outcome.reached_province:
            self.online = True
            self._show_online(True)
        self._finish()
        self.sync_finished.emit(report)

    def _on_failed(self, error: object) -> None:
        message = error_message(error)
        sent, total = self._pushed  # what the province answered before the run broke
        if total:
            self._idle_bar(
                self.tr("Đã gửi {sent}/{total} hồ sơ").format(sent=sent, total=total),
                sent=sent,
                total=total,
            )
        else:
            self._idle_bar(self.tr("Chưa gửi hồ sơ nào"))
        self.report_view.setPlainText(message)
        self.phase_label.setText(message)
        self._finish()
        self.sync_failed.emit(message)

    # --- the needs-attention list ------------------------------------------------------

    def selected_item(self) -> AttentionItem | None:
        return self.attention_box.selected_item()

    def resolve_selected(self, *, resend: bool) -> None:
        self.attention_box.resolve_selected(resend=resend)

    def _on_resolved(self, item: AttentionItem) -> None:
        self.attention_resolved.emit(item)
        self.refresh()

    def _on_set_aside(self, batch_id: str) -> None:
        self.phase_label.setText(self.tr("Đã để riêng lô {id}.").format(id=batch_id[:8]))
        self.batch_set_aside.emit(batch_id)
        self.refresh()

    def _show_error(self, error: object) -> None:
        message = error_message(error)
        self.phase_label.setText(message)
        self.sync_failed.emit(message)
