"""The sync panel's stuck batches (issue 12): each batch that keeps failing, with its
failed sends, age and last error, and "Để riêng lô đã chọn" with a required reason. Hidden
while no batch is stuck. Setting aside runs off the GUI thread (``desk.ui.ops``)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desk.services import sync as sync_service
from desk.services.context import DeskContext
from desk.ui.ops import Operation


class StuckBatchesBox(QGroupBox):
    set_aside = Signal(str)  # the batch id, once recorded
    failed = Signal(object)  # the error

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.setTitle(self.tr("Lô bị kẹt"))
        self.ctx = ctx
        layout = QVBoxLayout(self)
        self.batch_list = QListWidget()
        self.batch_list.itemSelectionChanged.connect(self._update)
        layout.addWidget(self.batch_list)
        controls = QHBoxLayout()
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("Lý do để riêng lô (bắt buộc)"))
        self.reason.textChanged.connect(self._update)
        self.button = QPushButton(self.tr("Để riêng lô đã chọn"))
        self.button.setToolTip(
            self.tr(
                "Các hồ sơ của lô vào danh sách cần xem xét với lý do này; hàng đợi đi tiếp. "
                "Gửi lại từng hồ sơ bằng «Gửi lại»."
            )
        )
        self.button.clicked.connect(self.set_aside_selected)
        controls.addWidget(self.reason, 1)
        controls.addWidget(self.button)
        # Owns the set-aside being written: no second click until it is recorded.
        self.controls = QWidget()
        self.controls.setLayout(controls)
        controls.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.controls)
        self.setVisible(False)
        self._update()

    def show_batches(self, stuck: list[sync_service.PendingBatchView]) -> None:
        selected = self.selected_batch()
        self.batch_list.clear()
        for batch in stuck:
            entry = QListWidgetItem(batch.line)
            entry.setData(Qt.ItemDataRole.UserRole, batch.batch_id)
            entry.setToolTip(batch.line)
            self.batch_list.addItem(entry)
            if batch.batch_id == selected:
                entry.setSelected(True)
        self.setVisible(bool(stuck))
        self._update()

    def selected_batch(self) -> str | None:
        chosen = self.batch_list.selectedItems()
        return str(chosen[0].data(Qt.ItemDataRole.UserRole)) if chosen else None

    def _update(self, *_args: object) -> None:
        self.button.setEnabled(
            self.selected_batch() is not None and bool(self.reason.text().strip())
        )

    def set_aside_selected(self) -> None:
        batch_id = self.selected_batch()
        reason = self.reason.text()
        if batch_id is None or not reason.strip():
            return
        ctx = self.ctx
        Operation(
            lambda: sync_service.set_aside_batch(ctx, batch_id, reason=reason),
            owner=self.controls,
        ).on_success(lambda _added: self._done(batch_id)).on_failure(self._failed).start()

    def _done(self, batch_id: str) -> None:
        self.reason.clear()
        self._update()
        self.set_aside.emit(batch_id)

    def _failed(self, error: object) -> None:
        self._update()
        self.failed.emit(error)
