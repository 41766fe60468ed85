"""The sync panel's needs-attention list: the open items (the whole dossier code, the
reason), and resolving the one chosen with a required note, recorded through the service
in the acting account's name (as ``desk sync resolve`` does). Resolving runs off the GUI
thread (``desk.ui.ops``)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desk.domain import limits
from desk.domain.outbox import AttentionItem
from desk.errors import DeskError
from desk.services import sync as sync_service
from desk.services.context import DeskContext
from desk.ui.labels import shown_label
from desk.ui.ops import Operation, error_message

_Index = QModelIndex | QPersistentModelIndex


class AttentionTableModel(QAbstractTableModel):
    """The open needs-attention items, one row each."""

    CODE, REVISION, KIND, REASON, CREATED = range(5)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._items: list[AttentionItem] = []
        self.headers = (
            self.tr("Mã hồ sơ"),
            self.tr("Phiên bản"),
            self.tr("Loại"),
            self.tr("Lý do"),
            self.tr("Thời điểm"),
        )

    def set_items(self, items: list[AttentionItem]) -> None:
        self.beginResetModel()
        self._items = list(items)
        self.endResetModel()

    def item(self, row: int) -> AttentionItem:
        return self._items[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

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
                return shown_label(item.kind)
            if column == self.REASON:
                return item.reason
            if column == self.CREATED:
                return f"{item.created_at:%H:%M %d/%m/%Y}"
        if role == Qt.ItemDataRole.ToolTipRole and column in (self.REASON, self.CODE):
            return item.reason if column == self.REASON else item.code
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
            and 0 <= section < len(self.headers)
        ):
            return self.headers[section]
        return None


class AttentionBox(QGroupBox):
    """«Cần xem xét»: the list, the note, «Đã xem xét» and «Gửi lại»."""

    resolved = Signal(object)  # the AttentionItem, once recorded
    failed = Signal(object)  # the error

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.setTitle(self.tr("Cần xem xét"))
        self.ctx = ctx
        layout = QVBoxLayout(self)
        self.model = AttentionTableModel(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.view.horizontalHeader()
        # The code, revision, kind and time whole; the reason takes the rest (tooltip).
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(AttentionTableModel.REASON, QHeaderView.ResizeMode.Stretch)
        self.view.selectionModel().selectionChanged.connect(self.update_buttons)
        layout.addWidget(self.view)

        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("Ghi chú xử lý (bắt buộc): đã làm gì, với ai"))
        self.note.textChanged.connect(lambda _text: self.message.clear())
        self.message = QLabel()
        self.message.setObjectName("attentionNoteMessage")
        self.message.setStyleSheet("color: #b3261e;")
        self.message.setWordWrap(True)
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
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.note, 1)
        buttons.addWidget(self.acknowledge_button)
        buttons.addWidget(self.resend_button)
        # Owns the resolution being written: no second click until it is recorded.
        self.controls = QWidget()
        self.controls.setLayout(buttons)
        layout.addWidget(self.controls)
        layout.addWidget(self.message)
        self.update_buttons()

    def show_items(self, items: list[AttentionItem]) -> None:
        selected = self.selected_item()
        self.model.set_items(items)
        if selected is not None:  # keep the supervisor's selection across a refresh
            for row, item in enumerate(items):
                if item.id == selected.id:
                    self.view.selectRow(row)
        self.update_buttons()

    def selected_item(self) -> AttentionItem | None:
        rows = self.view.selectionModel().selectedRows()
        if not rows:
            return None
        return self.model.item(rows[0].row())

    def update_buttons(self, *_args: object) -> None:
        # Derived from the state every time: a selection that survives a refresh sends
        # no selectionChanged, so nothing may rely on that signal to re-enable them.
        item = self.selected_item()
        self.acknowledge_button.setEnabled(item is not None)
        self.resend_button.setEnabled(item is not None and item.can_resend)

    def resolve_selected(self, *, resend: bool) -> None:
        item = self.selected_item()
        if item is None:
            return
        try:  # said at once; the service checks the same limit again
            note = limits.NOTE.check(self.note.text(), required=True, what="xử lý")
        except DeskError as exc:
            self.message.setText(self._note_refusal(exc))
            self.note.setFocus()
            return
        self.message.clear()
        # Resolved in the name of the account the desk acts for (the service records it).
        ctx = self.ctx
        Operation(
            lambda: sync_service.resolve_attention(ctx, item.id, resend=resend, note=note),
            owner=self.controls,
        ).on_success(self._on_resolved).on_failure(self._on_failed).start()

    def _note_refusal(self, error: DeskError) -> str:
        if error.code.endswith(".required"):
            return self.tr("Chưa nhập ghi chú xử lý.")
        return error.message

    def _on_resolved(self, item: AttentionItem) -> None:
        self.note.clear()
        self.update_buttons()
        self.resolved.emit(item)

    def _on_failed(self, error: object) -> None:
        self.update_buttons()
        self.message.setText(error_message(error))
        self.failed.emit(error)
