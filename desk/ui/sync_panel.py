"""The supervisor's sync panel: online or not, last sync, what waits, "Đồng bộ ngay" with
progress and cancel, the run's report, and the needs-attention list.

Nothing here touches the network or the database on the GUI thread: the ping, the
figures, the run and the resolutions are background operations (``desk.ui.ops``), each
owned by the widget it works for, which stays disabled until it reports.
"""

from __future__ import annotations

import functools
from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desk.domain.outbox import AttentionItem, RunOutcome
from desk.services import sync as sync_service
from desk.services.context import DeskContext
from desk.sync.connection import CancelToken
from desk.sync.report import SyncPhase, SyncProgress, SyncReport
from desk.ui.labels import shown_label
from desk.ui.ops import Operation, Progress, error_message
from desk.ui.sync_batches import StuckBatchesBox

PING_INTERVAL_MS = 30_000

_Index = QModelIndex | QPersistentModelIndex


class AttentionTableModel(QAbstractTableModel):
    """The open needs-attention items, one row each."""

    CODE, REVISION, KIND, REASON, CREATED = range(5)
    HEADERS = ("Mã hồ sơ", "Phiên bản", "Loại", "Lý do", "Thời điểm")

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._items: list[AttentionItem] = []

    def set_items(self, items: list[AttentionItem]) -> None:
        self.beginResetModel()
        self._items = list(items)
        self.endResetModel()

    def item(self, row: int) -> AttentionItem:
        return self._items[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        item = self._items[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.CODE:
                return item.code
            if column == self.REVISION:
                return "" if item.revision is None else str(item.revision)
            if column == self.KIND:
                return item.kind.label
            if column == self.REASON:
                return item.reason
            if column == self.CREATED:
                return f"{item.created_at:%H:%M %d/%m/%Y}"
        if role == Qt.ItemDataRole.ToolTipRole and column == self.REASON:
            return item.reason
        if role == Qt.ItemDataRole.UserRole:
            return item.id
        return None

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self.HEADERS)
        ):
            return self.HEADERS[section]
        return None


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

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.operation: Operation | None = None  # the sync run, while it runs
        self._cancel: CancelToken | None = None  # the run's: set by "Hủy"
        self.last_report: SyncReport | None = None
        self.online: bool | None = None
        self._refresh_asked = 0
        self._refresh_shown = 0

        layout = QVBoxLayout(self)
        header = QHBoxLayout()
        self.online_label = QLabel()
        self.online_label.setObjectName("syncOnline")
        self.last_sync_label = QLabel()
        self.pending_label = QLabel()
        header.addWidget(self.online_label)
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
        self.progress_bar.setRange(0, 1)
        self.progress_bar.setValue(0)
        self.phase_label = QLabel()
        controls.addWidget(self.sync_button)
        controls.addWidget(self.cancel_button)
        controls.addWidget(self.progress_bar, 1)
        layout.addLayout(controls)
        layout.addWidget(self.phase_label)

        report_box = QGroupBox(self.tr("Kết quả lần đồng bộ"))
        report_layout = QVBoxLayout(report_box)
        self.report_view = QPlainTextEdit()
        self.report_view.setReadOnly(True)
        report_layout.addWidget(self.report_view)
        layout.addWidget(report_box, 1)

        attention_box = QGroupBox(self.tr("Cần xem xét"))
        attention_layout = QVBoxLayout(attention_box)
        self.attention_model = AttentionTableModel(self)
        self.attention_view = QTableView()
        self.attention_view.setModel(self.attention_model)
        self.attention_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.attention_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.attention_view.horizontalHeader().setSectionResizeMode(
            AttentionTableModel.REASON, QHeaderView.ResizeMode.Stretch
        )
        self.attention_view.selectionModel().selectionChanged.connect(self._update_buttons)
        attention_layout.addWidget(self.attention_view)
        buttons = QHBoxLayout()
        self.acknowledge_button = QPushButton(self.tr("Đã xem xét"))
        self.acknowledge_button.clicked.connect(lambda: self.resolve_selected(resend=False))
        self.resend_button = QPushButton(self.tr("Gửi lại"))
        self.resend_button.setToolTip(
            self.tr(
                "Hồ sơ bị từ chối: gửi lại nguyên trạng. Hồ sơ xung đột: gửi bản của quầy "
                "với phiên bản mới (ghi vào lịch sử hồ sơ)."
            )
        )
        self.resend_button.clicked.connect(lambda: self.resolve_selected(resend=True))
        buttons.addStretch(1)
        buttons.addWidget(self.acknowledge_button)
        buttons.addWidget(self.resend_button)
        # Owns the resolution being written: no second click until it is recorded.
        self.resolve_buttons = QWidget()
        self.resolve_buttons.setLayout(buttons)
        buttons.setContentsMargins(0, 0, 0, 0)
        attention_layout.addWidget(self.resolve_buttons)
        layout.addWidget(attention_box, 1)

        # Batches that keep failing (issue 12): shown, and set aside by a supervisor.
        self.stuck_box = StuckBatchesBox(ctx)
        self.stuck_box.set_aside.connect(self._on_set_aside)
        self.stuck_box.failed.connect(self._show_error)
        layout.addWidget(self.stuck_box)

        self._show_online(None)
        self._update_buttons()
        self.ping_timer = QTimer(self)
        self.ping_timer.setInterval(PING_INTERVAL_MS)
        self.ping_timer.timeout.connect(self.check_online)
        self.ping_timer.start()
        self.refresh()
        self.check_online()

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

    def _show_overview(
        self, result: tuple[Any, list[AttentionItem], list[Any]], number: int
    ) -> None:
        if number < self._refresh_shown:
            return
        self._refresh_shown = number
        view, items, stuck = result
        self.stuck_box.show_batches(stuck)
        self.pending_label.setText(self.tr("Chờ gửi: {n} hồ sơ").format(n=view.pending))
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
        selected = self.selected_item()
        self.attention_model.set_items(items)
        if selected is not None:  # keep the supervisor's selection across a refresh
            for row, item in enumerate(items):
                if item.id == selected.id:
                    self.attention_view.selectRow(row)
        self._update_buttons()
        if not self.ctx.config.province.url:  # now, not when the figures were read
            self._show_online(None)
        self.overview_refreshed.emit(view)
        self.attention_refreshed.emit(len(items))

    def check_online(self) -> None:
        if Operation.busy(self.online_label):  # a ping is on its way
            return
        if not self.ctx.config.province.url:
            self._show_online(None)
            self.online_checked.emit(False)
            return
        ctx = self.ctx
        ping = Operation(lambda: sync_service.check_online(ctx), owner=self.online_label)
        ping.on_success(self._on_ping).on_failure(self._on_ping_failed).start()

    def _on_ping(self, online: object) -> None:
        self.online = bool(online)
        self._show_online(self.online)
        self.online_checked.emit(self.online)

    def _on_ping_failed(self, error: object) -> None:
        self._on_ping(False)

    def _show_online(self, online: bool | None) -> None:
        if online is None:
            text, colour = self.tr("● Chưa cấu hình máy chủ tỉnh"), "#777"
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
        self.progress_bar.setRange(0, 0)  # busy until the push knows its total
        self.phase_label.setText(self.tr("Đang bắt đầu…"))
        self.sync_started.emit()

    def cancel_sync(self) -> None:
        if self.operation is not None and self._cancel is not None:
            self.operation.cancel()
            self._cancel.cancel()
            self.cancel_button.setEnabled(False)
            self.phase_label.setText(self.tr("Đang hủy… (dừng sau bước đang làm)"))

    def _on_progress(self, progress: SyncProgress) -> None:
        if progress.phase is SyncPhase.PUSH and progress.total:
            self.progress_bar.setRange(0, progress.total)
            self.progress_bar.setValue(min(progress.done, progress.total))
        elif progress.phase is not SyncPhase.DONE:
            self.progress_bar.setRange(0, 0)
        text = shown_label(progress.phase) + (f": {progress.message}" if progress.message else "")
        if self._cancel is not None and self._cancel.cancelled:
            text = self.tr("Đang hủy… (dừng sau bước đang làm)")
        self.phase_label.setText(text)
        self.progress_changed.emit(progress)

    def _finish(self) -> None:
        self.operation, self._cancel = None, None
        self.cancel_button.setEnabled(False)
        self.progress_bar.setRange(0, 1)
        self.refresh()

    def _on_finished(self, report: SyncReport) -> None:
        self.last_report = report
        self.progress_bar.setValue(1)
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
        self.report_view.setPlainText(message)
        self.phase_label.setText(message)
        self._finish()
        self.sync_failed.emit(message)

    # --- the needs-attention list ------------------------------------------------------

    def selected_item(self) -> AttentionItem | None:
        rows = self.attention_view.selectionModel().selectedRows()
        if not rows:
            return None
        return self.attention_model.item(rows[0].row())

    def _update_buttons(self, *_args: object) -> None:
        # Derived from the state every time: a selection that survives a refresh sends
        # no selectionChanged, so nothing may rely on that signal to re-enable them.
        item = self.selected_item()
        self.acknowledge_button.setEnabled(item is not None)
        self.resend_button.setEnabled(item is not None and item.can_resend)

    def resolve_selected(self, *, resend: bool) -> None:
        item = self.selected_item()
        if item is None:
            return
        # Resolved in the name of the account the desk acts for (the service records it).
        ctx = self.ctx
        Operation(
            lambda: sync_service.resolve_attention(ctx, item.id, resend=resend),
            owner=self.resolve_buttons,
        ).on_success(self._on_resolved).on_failure(self._on_resolve_failed).start()

    def _on_resolved(self, item: AttentionItem) -> None:
        self._update_buttons()
        self.attention_resolved.emit(item)
        self.refresh()

    def _on_resolve_failed(self, error: object) -> None:
        self._update_buttons()
        self._show_error(error)

    def _on_set_aside(self, batch_id: str) -> None:
        self.phase_label.setText(self.tr("Đã để riêng lô {id}.").format(id=batch_id[:8]))
        self.batch_set_aside.emit(batch_id)
        self.refresh()

    def _show_error(self, error: object) -> None:
        message = error_message(error)
        self.phase_label.setText(message)
        self.sync_failed.emit(message)
