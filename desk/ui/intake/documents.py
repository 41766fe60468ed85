"""The documents checklist: the catalogue's list for the procedure, with how many
originals / certified copies / photocopies were handed in, and the attached scans.

A paper the catalogue marks ``shown`` (the ID card, a certified copy's original) stays on
the list, so the clerk ticks that she saw it ("xuất trình, trả lại"), but it is handed
back: it has no counts, no scan, and is never among the documents received."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QDropEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desk.domain.catalogue import CopyKind, Procedure, RequiredDocument
from desk.domain.dossier import ReceivedDocument
from desk.forms import MissingDocument, default_counts, missing_documents
from desk.ui.labels import catalogue_text, shown_label

Index = QModelIndex | QPersistentModelIndex
NAME, ORIGINALS, CERTIFIED, PHOTOS, SCAN = range(5)
HEADERS = (
    QT_TRANSLATE_NOOP("DocumentsModel", "Giấy tờ"),
    QT_TRANSLATE_NOOP("DocumentsModel", "Bản chính"),
    QT_TRANSLATE_NOOP("DocumentsModel", "Bản chứng thực"),
    QT_TRANSLATE_NOOP("DocumentsModel", "Bản photo"),
    QT_TRANSLATE_NOOP("DocumentsModel", "Bản quét"),
)
COUNT_FIELDS = {ORIGINALS: "originals", CERTIFIED: "certified_copies", PHOTOS: "photocopies"}
MAX_COPIES = 99
SHOWN_SUFFIX = QT_TRANSLATE_NOOP("DocumentsModel", "  (xuất trình, trả lại)")
SEEN = QT_TRANSLATE_NOOP("DocumentsModel", "đã xem")


@dataclass(slots=True)
class DocumentLine:
    code: str
    name: str
    copy_kind: str = CopyKind.ORIGINAL.value
    required: bool = True
    group: str = ""
    note: str = ""
    originals: int = 0
    certified_copies: int = 0
    photocopies: int = 0
    attachment_sha256: str = ""
    attachment_name: str = ""
    extra: bool = False  # added by the clerk, not in the catalogue
    shown: bool = False  # only shown to the clerk and handed back
    seen: bool = False  # a shown paper the clerk saw

    @property
    def received(self) -> bool:
        """Kept by the desk: some copy handed in (a shown paper never is)."""
        return not self.shown and self.originals + self.certified_copies + self.photocopies > 0

    @property
    def ticked(self) -> bool:
        """Checked on the list: received, or for a shown paper, seen."""
        return self.seen if self.shown else self.received

    def tick(self, on: bool) -> None:
        if self.shown:
            self.seen = on
            return
        originals, certified, photos = default_counts(CopyKind(self.copy_kind)) if on else (0, 0, 0)
        self.originals, self.certified_copies, self.photocopies = originals, certified, photos


class DocumentsModel(QAbstractTableModel):
    changed = Signal()

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.procedure: Procedure | None = None
        self.lines: list[DocumentLine] = []

    # -- content --

    def set_procedure(self, procedure: Procedure | None) -> None:
        self.beginResetModel()
        self.procedure = procedure
        self.lines = [
            DocumentLine(
                code=d.code,
                name=d.name,
                copy_kind=d.copy_kind.value,
                required=d.required,
                group=d.group,
                note=d.note,
                shown=d.shown,
            )
            for d in (procedure.documents if procedure else ())
        ]
        self.endResetModel()
        self.changed.emit()

    def add_extra(self, name: str) -> int:
        row = len(self.lines)
        self.beginInsertRows(QModelIndex(), row, row)
        self.lines.append(
            DocumentLine(
                code=f"KHAC{row + 1}", name=name, required=False, extra=True, photocopies=1
            )
        )
        self.endInsertRows()
        self.changed.emit()
        return row

    def set_attachment(self, row: int, sha256: str, name: str) -> None:
        line = self.lines[row]
        if line.shown:
            return  # handed back: the desk keeps no copy of it
        line.attachment_sha256 = sha256
        line.attachment_name = name
        if not line.received:
            line.tick(True)
        self.dataChanged.emit(self.index(row, 0), self.index(row, SCAN))
        self.changed.emit()

    def counts_by_code(self) -> dict[str, int]:
        """Copies per document; a shown paper counts once when seen (it is not missing)."""
        return {
            line.code: int(line.seen)
            if line.shown
            else line.originals + line.certified_copies + line.photocopies
            for line in self.lines
        }

    def documents(self) -> tuple[RequiredDocument, ...]:
        return self.procedure.documents if self.procedure is not None else ()

    def missing(self) -> list[MissingDocument]:
        if self.procedure is None:
            return []
        return missing_documents(self.procedure.documents, self.counts_by_code())

    def received_documents(self) -> list[ReceivedDocument]:
        return [
            ReceivedDocument(
                name=line.name,
                code=line.code,
                originals=line.originals,
                certified_copies=line.certified_copies,
                photocopies=line.photocopies,
                attachment_sha256=line.attachment_sha256,
            )
            for line in self.lines
            if line.received
        ]

    def to_payload(self) -> list[dict[str, Any]]:
        return [asdict(line) for line in self.lines]

    def restore(self, payload: list[Mapping[str, Any]]) -> None:
        """Counts and scans from a draft, matched by document code."""
        by_code = {str(item.get("code")): item for item in payload}
        self.beginResetModel()
        for line in self.lines:
            saved = by_code.pop(line.code, None)
            if saved and line.shown:
                # A draft from before the paper was marked shown has it counted instead.
                counts = sum(int(saved.get(n, 0) or 0) for n in COUNT_FIELDS.values())
                line.seen = bool(saved.get("seen")) or counts > 0
            elif saved:
                for name in ("originals", "certified_copies", "photocopies"):
                    line.__setattr__(name, int(saved.get(name, 0) or 0))
                line.attachment_sha256 = str(saved.get("attachment_sha256", ""))
                line.attachment_name = str(saved.get("attachment_name", ""))
        for saved in by_code.values():
            if saved.get("extra"):
                fields = set(DocumentLine.__dataclass_fields__)
                self.lines.append(DocumentLine(**{k: v for k, v in saved.items() if k in fields}))
        self.endResetModel()
        self.changed.emit()

    # -- Qt model --

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt API)
        return 0 if parent.isValid() else len(self.lines)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt API)
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if orientation == Qt.Orientation.Horizontal and 0 <= section < len(HEADERS):
                return self.tr(HEADERS[section])
            if orientation == Qt.Orientation.Vertical:
                return str(section + 1)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == NAME:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
            if self.lines[index.row()].extra:
                flags |= Qt.ItemFlag.ItemIsEditable
        if index.column() in COUNT_FIELDS and not self.lines[index.row()].shown:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.lines):
            return None
        line = self.lines[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == NAME:
                text = line.name if line.extra else catalogue_text(line.name)
                if line.shown:
                    text += self.tr(SHOWN_SUFFIX)
                elif line.group:
                    text += self.tr("  (hoặc giấy tờ thay thế)")
                elif not line.required:
                    text += self.tr("  (nếu có)")
                return text
            if column in COUNT_FIELDS and line.shown:
                return self.tr(SEEN) if column == ORIGINALS and line.seen else ""
            if column in COUNT_FIELDS:
                value = getattr(line, COUNT_FIELDS[column])
                return str(value) if value else ""
            if column == SCAN:
                return line.attachment_name or ""
        if role == Qt.ItemDataRole.EditRole and column in COUNT_FIELDS and not line.shown:
            return int(getattr(line, COUNT_FIELDS[column]))
        if role == Qt.ItemDataRole.EditRole and column == NAME and line.extra:
            return line.name
        if role == Qt.ItemDataRole.CheckStateRole and column == NAME:
            return Qt.CheckState.Checked if line.ticked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole and column == NAME:
            kind = shown_label(CopyKind(line.copy_kind))
            asked = self.tr("Xuất trình bản chính, không nộp")
            if not line.shown:
                asked = self.tr("Yêu cầu: {0}").format(kind)
            note = catalogue_text(line.note)
            return f"{catalogue_text(line.name)}\n{asked}" + (f"\n{note}" if note else "")
        if role == Qt.ItemDataRole.TextAlignmentRole and column in COUNT_FIELDS:
            return Qt.AlignmentFlag.AlignCenter
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or not 0 <= index.row() < len(self.lines):
            return False
        line = self.lines[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.CheckStateRole and column == NAME:
            state = value.value if hasattr(value, "value") else value
            line.tick(int(state) == Qt.CheckState.Checked.value)
        elif role == Qt.ItemDataRole.EditRole and column == NAME and line.extra:
            name = " ".join(str(value).split())
            if not name:
                return False
            line.name = name
        elif role == Qt.ItemDataRole.EditRole and column in COUNT_FIELDS and not line.shown:
            try:
                number = int(str(value).strip() or 0)
            except ValueError:
                return False
            if not 0 <= number <= MAX_COPIES:
                return False
            setattr(line, COUNT_FIELDS[column], number)
        else:
            return False
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), SCAN))
        self.changed.emit()
        return True


class DocumentsTable(QTableView):
    """Accepts scans dropped on a row."""

    file_dropped = Signal(int, str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAcceptDrops(True)
        self.viewport().setAcceptDrops(True)
        self.setDropIndicatorShown(True)

    def dragEnterEvent(self, event: Any) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()
        else:
            super().dragEnterEvent(event)

    def dragMoveEvent(self, event: Any) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()
        else:
            super().dragMoveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        urls = [u for u in event.mimeData().urls() if u.isLocalFile()]
        if not urls:
            super().dropEvent(event)
            return
        index = self.indexAt(event.position().toPoint())
        row = index.row() if index.isValid() else self.currentIndex().row()
        for url in urls:
            self.file_dropped.emit(row, url.toLocalFile())
        event.acceptProposedAction()


class DocumentsPanel(QWidget):
    attach_requested = Signal(int, str)  # row (-1: the current one), file path

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = DocumentsModel(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        hint = QLabel(
            self.tr(
                "Dấu cách: đánh dấu đã nhận (1 bản theo yêu cầu), hoặc đã xem giấy tờ xuất trình "
                "(trả lại, không nộp); gõ số vào cột để sửa số bản. "
                "Kéo thả tệp quét vào dòng giấy tờ, hoặc Ctrl+O."
            )
        )
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #555; font-size: 9pt;")
        layout.addWidget(hint)
        self.table = DocumentsTable()
        self.table.setObjectName("documentsTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.table.setWordWrap(True)
        self.table.verticalHeader().setVisible(False)
        self.table.setTabKeyNavigation(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        for column in (ORIGINALS, CERTIFIED, PHOTOS):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(SCAN, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(SCAN, 150)
        self.table.file_dropped.connect(self.attach_requested)
        self.model.modelReset.connect(self._fit)
        self.model.rowsInserted.connect(self._fit)
        layout.addWidget(self.table)
        buttons = QHBoxLayout()
        self.attach_button = QPushButton(self.tr("Đính kèm bản quét… (Ctrl+O)"))
        self.attach_button.setObjectName("attachButton")
        self.attach_button.clicked.connect(self.choose_file)
        self.extra_button = QPushButton(self.tr("Thêm giấy tờ khác"))
        self.extra_button.setObjectName("extraDocumentButton")
        self.extra_button.clicked.connect(self._add_extra)
        for button in (self.attach_button, self.extra_button):
            button.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
            buttons.addWidget(button)
        buttons.addStretch()
        self.status = QLabel()
        self.status.setWordWrap(True)
        buttons.addWidget(self.status, 1)
        layout.addLayout(buttons)
        shortcut = QShortcut(QKeySequence("Ctrl+O"), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.choose_file)

    def _fit(self) -> None:
        self.table.resizeRowsToContents()
        rows = self.model.rowCount()
        height = self.table.horizontalHeader().height() + 4
        height += sum(self.table.rowHeight(r) for r in range(rows))
        self.table.setMinimumHeight(min(max(height, 80), 420))
        self.table.setMaximumHeight(max(height, 80))
        if rows and not self.table.currentIndex().isValid():
            self.table.setCurrentIndex(self.model.index(0, NAME))

    def current_row(self) -> int:
        index = self.table.currentIndex()
        return index.row() if index.isValid() else 0

    def choose_file(self) -> None:
        if not self.model.lines:
            return
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Chọn bản quét"),
            str(Path.home()),
            self.tr("Bản quét (*.pdf *.jpg *.jpeg *.png *.tif *.tiff *.bmp *.gif *.webp)"),
        )
        if path:
            self.attach_requested.emit(self.current_row(), path)

    def _add_extra(self) -> None:
        row = self.model.add_extra("Giấy tờ khác")
        index = self.model.index(row, NAME)
        self.table.setCurrentIndex(index)
        self.table.setFocus()
        self.table.edit(index)
