"""Read-only tables of the desk: a dossier's documents and timeline, and the base the
supervisor's lists share (the dossier list, paged, is ``desk.ui.dossier_model``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from desk.domain.dossier import ReceivedDocument
from desk.domain.formats import moment_text
from desk.domain.status import StatusEvent
from desk.ui.dossier_model import Index
from desk.ui.labels import shown_label
from desk.ui.style import status_colour

# --- a dossier's documents ----------------------------------------------------------------

DOC_NUMBER = 0
DOC_NAME = 1
DOC_ORIGINALS = 2
DOC_CERTIFIED = 3
DOC_PHOTOCOPIES = 4
DOC_SCAN = 5


class ReadOnlyRowsModel(QAbstractTableModel):
    """A read-only table of rows (a dossier's documents and events, the supervisor's
    lists): subclasses give the headers and the cells; storage, counts, headers and flags
    are shared."""

    def __init__(self, headers: Sequence[str], parent: Any = None):
        super().__init__(parent)
        self._rows: list[Any] = []
        self._headers = tuple(headers)

    def _set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def cell(self, row: int, item: Any, column: int, role: int) -> Any:
        raise NotImplementedError

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        return self.cell(index.row(), self._rows[index.row()], index.column(), role)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        return self._headers[section] if 0 <= section < len(self._headers) else None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class DocumentTableModel(ReadOnlyRowsModel):
    """The documents received with a dossier (the table of the slip), and their scans."""

    def __init__(self, parent: Any = None):
        super().__init__(
            (
                QCoreApplication.translate("DocumentTableModel", "TT"),
                QCoreApplication.translate("DocumentTableModel", "Giấy tờ"),
                QCoreApplication.translate("DocumentTableModel", "Bản chính"),
                QCoreApplication.translate("DocumentTableModel", "Bản chứng thực"),
                QCoreApplication.translate("DocumentTableModel", "Bản photo"),
                QCoreApplication.translate("DocumentTableModel", "Bản quét"),
            ),
            parent,
        )

    def set_documents(self, documents: Sequence[ReceivedDocument]) -> None:
        self._set_rows(documents)

    def document_at(self, row: int) -> ReceivedDocument:
        return self._rows[row]

    def cell(self, row: int, doc: ReceivedDocument, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if column == DOC_NUMBER:
                return str(row + 1)
            if column == DOC_NAME:
                return doc.name
            if column == DOC_ORIGINALS:
                return str(doc.originals or "")
            if column == DOC_CERTIFIED:
                return str(doc.certified_copies or "")
            if column == DOC_PHOTOCOPIES:
                return str(doc.photocopies or "")
            if column == DOC_SCAN:
                return (
                    QCoreApplication.translate("DocumentTableModel", "Đã số hóa")
                    if doc.digitised
                    else "—"
                )
        if role == Qt.ItemDataRole.TextAlignmentRole and column != DOC_NAME:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None


# --- a dossier's timeline -------------------------------------------------------------------

EVENT_AT = 0
EVENT_STATUS = 1
EVENT_ACTOR = 2
EVENT_NOTE = 3


class EventTableModel(ReadOnlyRowsModel):
    """The dossier's history, oldest first: every transition with who, when and a note."""

    def __init__(self, parent: Any = None):
        super().__init__(
            (
                QCoreApplication.translate("EventTableModel", "Thời điểm"),
                QCoreApplication.translate("EventTableModel", "Trạng thái"),
                QCoreApplication.translate("EventTableModel", "Người thực hiện"),
                QCoreApplication.translate("EventTableModel", "Ghi chú"),
            ),
            parent,
        )

    def set_events(self, events: Sequence[StatusEvent]) -> None:
        self._set_rows(events)

    def cell(self, row: int, event: StatusEvent, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if column == EVENT_AT:
                return moment_text(event.at)
            if column == EVENT_STATUS:
                if event.from_status is None or event.from_status is event.to_status:
                    return shown_label(event.to_status)
                return f"{shown_label(event.from_status)} → {shown_label(event.to_status)}"
            if column == EVENT_ACTOR:
                return event.actor_name + (f" ({event.actor_title})" if event.actor_title else "")
            if column == EVENT_NOTE:
                return event.note
        if role == Qt.ItemDataRole.ForegroundRole and column == EVENT_STATUS:
            return QBrush(QColor(status_colour(int(event.to_status))))
        return None
