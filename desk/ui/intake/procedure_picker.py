"""Choosing the procedure: search as you type, accents optional, or by its code."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QListView, QVBoxLayout, QWidget

from desk.domain.catalogue import Procedure
from desk.domain.text import fold
from desk.ui.labels import catalogue_text, shown_processing

ProcedureRole = Qt.ItemDataRole.UserRole + 1
RECENT = 5  # procedures chosen lately, first in the list a new intake opens with
Index = QModelIndex | QPersistentModelIndex


def procedure_matches(procedures: list[Procedure], query: str) -> list[Procedure]:
    """Procedures whose code starts with the query or whose folded name has every word of
    it; code matches first, then names that start with the query."""
    text = fold(query).strip()
    if not text:
        return list(procedures)
    words = text.split()
    by_code = [p for p in procedures if p.code.startswith(text.replace(" ", ""))]
    names = {p.code: _searched_name(p) for p in procedures}
    by_name = [p for p in procedures if p not in by_code and all(w in names[p.code] for w in words)]
    by_name.sort(key=lambda p: (not names[p.code].startswith(text), names[p.code]))
    return by_code + by_name


def _searched_name(procedure: Procedure) -> str:
    """The folded name, and the name in the window's language when it is another."""
    shown = catalogue_text(procedure.name)
    return (
        procedure.name_folded
        if shown == procedure.name
        else f"{procedure.name_folded} {fold(shown)}"
    )


class ProcedureModel(QAbstractListModel):
    def __init__(self, procedures: list[Procedure], parent: QObject | None = None):
        super().__init__(parent)
        self._catalogue = [p for p in procedures if p.active]
        self._all = list(self._catalogue)
        self._shown = list(self._all)
        self.query = ""
        self.recent: list[str] = []  # codes chosen at this desk, the latest first

    def remember(self, code: str) -> None:
        """A procedure just chosen comes first in the list the next intake opens with."""
        self.recent = [code, *(c for c in self.recent if c != code)][:RECENT]
        rank = {c: i for i, c in enumerate(self.recent)}
        self._all = sorted(self._catalogue, key=lambda p: rank.get(p.code, RECENT))

    def set_query(self, query: str) -> None:
        self.beginResetModel()
        self.query = query
        self._shown = procedure_matches(self._all, query)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt API)
        return 0 if parent.isValid() else len(self._shown)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._shown):
            return None
        procedure = self._shown[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            name, processing = (
                catalogue_text(procedure.name),
                shown_processing(procedure.processing),
            )
            return f"{name}   ·   {procedure.code}   ·   {processing}"
        if role == Qt.ItemDataRole.ToolTipRole:
            field = catalogue_text(procedure.field_name)
            return f"{procedure.code} — {catalogue_text(procedure.name)}\n{field}"
        if role == ProcedureRole:
            return procedure
        return None

    def procedure_at(self, row: int) -> Procedure | None:
        return self._shown[row] if 0 <= row < len(self._shown) else None


class ProcedurePicker(QWidget):
    procedure_chosen = Signal(object)

    def __init__(self, procedures: list[Procedure], parent: QWidget | None = None):
        super().__init__(parent)
        self.chosen: Procedure | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.search = QLineEdit()
        self.search.setObjectName("procedureSearch")
        self.search.setPlaceholderText(
            self.tr("Tìm thủ tục: gõ tên (không cần dấu, ví dụ «khai sinh») hoặc mã (1.001193)…")
        )
        self.search.setClearButtonEnabled(True)
        self.model = ProcedureModel(procedures, self)
        self.list = QListView()
        self.list.setObjectName("procedureList")
        self.list.setModel(self.model)
        self.list.setMaximumHeight(150)
        self.list.setUniformItemSizes(True)
        self.list.hide()
        layout.addWidget(self.search)
        layout.addWidget(self.list)
        self.search.textEdited.connect(self._on_search)
        self.search.installEventFilter(self)
        self.list.installEventFilter(self)
        self.list.activated.connect(self._on_activated)
        self.list.clicked.connect(self._on_activated)

    def _on_search(self, text: str) -> None:
        self.chosen = None
        self.model.set_query(text)
        self.list.setVisible(self.model.rowCount() > 0)
        if self.model.rowCount():
            self.list.setCurrentIndex(self.model.index(0, 0))

    def open_list(self) -> None:
        self._on_search(self.search.text() if self.chosen is None else "")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress:
            return False
        key_event: QKeyEvent = event  # type: ignore[assignment]
        key = key_event.key()
        if watched is self.search:
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
                if not self.list.isVisible():
                    self.open_list()
                self.list.setFocus()
                row = self.list.currentIndex().row()
                step = 1 if key == Qt.Key.Key_Down else -1
                row = max(0, min(self.model.rowCount() - 1, row + (step if row >= 0 else 1)))
                self.list.setCurrentIndex(self.model.index(row, 0))
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if self.list.isVisible() and self.model.rowCount():
                    current = self.list.currentIndex()
                    self._on_activated(current if current.isValid() else self.model.index(0, 0))
                    return True
                if self.chosen is not None:
                    self.procedure_chosen.emit(self.chosen)  # Enter again: go on to the form
                    return True
            if key == Qt.Key.Key_Escape and self.list.isVisible():
                self.list.hide()
                return True
        elif watched is self.list:
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._on_activated(self.list.currentIndex())
                return True
            if key == Qt.Key.Key_Escape:
                self.search.setFocus()
                self.list.hide()
                return True
        return False

    def _on_activated(self, index: QModelIndex) -> None:
        procedure = self.model.procedure_at(index.row()) if index.isValid() else None
        if procedure is not None:
            self.choose(procedure)

    def choose(self, procedure: Procedure) -> None:
        self.chosen = procedure
        self.search.setText(f"{catalogue_text(procedure.name)}  ({procedure.code})")
        self.list.hide()
        self.model.remember(procedure.code)
        self.procedure_chosen.emit(procedure)

    def choose_code(self, code: str) -> bool:
        for procedure in self.model._all:
            if procedure.code == code:
                self.choose(procedure)
                return True
        return False

    def reset(self) -> None:
        """A new intake: the list open, the procedures chosen lately first, the first one
        highlighted, so that Enter takes the usual procedure and typing narrows it."""
        self.chosen = None
        self.search.clear()
        self.open_list()
