"""The dossier list's table model: paged from the database as the clerk scrolls
(a dossier's documents and timeline are in ``desk.ui.dossier_tables``)."""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont

from desk.domain.calendar import now_in_office
from desk.domain.dossier import DossierSummary
from desk.domain.formats import moment_text
from desk.services.context import DeskContext
from desk.services.dossier_list import PAGE_SIZE, ListFilter, ListPage, list_page
from desk.ui.labels import catalogue_text, shown_label
from desk.ui.list_delegate import CellLook
from desk.ui.ops import Operation, error_message
from desk.ui.style import DANGER, DANGER_BG, status_colour

Index = QModelIndex | QPersistentModelIndex
PageLoader = Callable[[ListFilter, int | None], ListPage]

# Columns of the dossier list.
COL_CODE = 0
COL_APPLICANT = 1
COL_PROCEDURE = 2
COL_STATUS = 3
COL_RECEIVED = 4
COL_DUE = 5
COL_CLERK = 6
DOSSIER_COLUMNS = 7

_READ_AHEAD = QEvent.Type(QEvent.registerEventType())
_LOW_PRIORITY = Qt.EventPriority.LowEventPriority.value  # the priority of a repaint request

CODE_ROLE = Qt.ItemDataRole.UserRole + 1  # the dossier code of a row
OVERDUE_ROLE = Qt.ItemDataRole.UserRole + 2  # True for a row shown as overdue

_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_BACKGROUND = int(Qt.ItemDataRole.BackgroundRole)
_FONT = int(Qt.ItemDataRole.FontRole)
# Asked for each painted cell: combined once (an enum "|" is a Python call).
_ROW_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_ANSWERED_ROLES = frozenset(
    (_DISPLAY, _TOOLTIP, _FOREGROUND, _BACKGROUND, _FONT, int(CODE_ROLE), int(OVERDUE_ROLE))
)


def _headers() -> tuple[str, ...]:
    return (
        QCoreApplication.translate("DossierTableModel", "Mã hồ sơ"),
        QCoreApplication.translate("DossierTableModel", "Người nộp"),
        QCoreApplication.translate("DossierTableModel", "Thủ tục"),
        QCoreApplication.translate("DossierTableModel", "Trạng thái"),
        QCoreApplication.translate("DossierTableModel", "Tiếp nhận"),
        QCoreApplication.translate("DossierTableModel", "Hẹn trả"),
        QCoreApplication.translate("DossierTableModel", "Cán bộ tiếp nhận"),
    )


@dataclass(frozen=True, slots=True)
class ListRow:
    """A dossier of the list with its cells already formatted (in the worker thread)."""

    summary: DossierSummary
    cells: tuple[str, ...]
    overdue: bool


def make_rows(summaries: Sequence[DossierSummary], now: datetime) -> list[ListRow]:
    # A page has a few procedures and statuses: each translated once (a translation is a
    # call into Qt; the pool's Python holds the GIL the window's painting waits for).
    procedures: dict[str, str] = {}
    statuses: dict[object, str] = {}
    rows = []
    for s in summaries:
        overdue = s.is_overdue(now)
        due_text = moment_text(s.promised_due_at)
        if overdue:
            due_text += " ⚠"
        procedure = procedures.get(s.procedure_name)
        if procedure is None:
            procedure = procedures[s.procedure_name] = catalogue_text(s.procedure_name)
        status = statuses.get(s.status)
        if status is None:
            status = statuses[s.status] = shown_label(s.status)
        cells = (
            s.code,
            s.applicant_name,
            procedure,
            status,
            moment_text(s.received_at),
            due_text,
            s.clerk_name,
        )
        rows.append(ListRow(s, cells, overdue))
    return rows


def _is_bold(row: ListRow, column: int) -> bool:
    return column == COL_CODE or (row.overdue and column == COL_DUE)


class DossierTableModel(QAbstractTableModel):
    """The dossier list, newest first, over the whole office database.

    Only what was scrolled into view is loaded: ``canFetchMore``/``fetchMore`` read the
    next keyset page (100 dossiers before the last id shown) in the thread pool, so
    neither a million rows nor a slow search stalls the window. Once a page is in, the
    next one is read ahead and kept aside (a search's only after the clerk scrolled past
    its first page): when the view reaches the end it is inserted at once, and the pool's
    reading never runs while the view repaints a screen of new rows (issue 16). A page
    that arrives for a filter the clerk has since changed is dropped.
    """

    page_loaded = Signal(int)  # rows added
    loading_changed = Signal(bool)  # True while the clerk waits for rows
    load_failed = Signal(str)  # Vietnamese message

    def __init__(
        self,
        ctx: DeskContext | None = None,
        parent: Any = None,
        *,
        loader: PageLoader | None = None,
        clock: Callable[[], datetime] = now_in_office,
    ):
        super().__init__(parent)
        if loader is None:
            if ctx is None:
                raise ValueError("DossierTableModel needs a context or a loader")
            context = ctx
            loader = lambda chosen, before: list_page(context, chosen, before_id=before)  # noqa: E731
        self._loader = loader
        self._clock = clock
        self._rows: list[ListRow] = []
        self._filter = ListFilter()
        self._next_before: int | None = None
        self._read_all = True  # no page left to read after those read
        self._reading = False  # a page is being read in the pool
        self._ahead: list[ListRow] | None = None  # read, not shown yet
        self._ahead_failed: str | None = None  # reading ahead failed: said when asked
        self._loading = False  # the clerk waits for rows: they go in as they arrive
        self._ahead_for = -1  # the generation a read-ahead was asked for
        self._generation = 0
        self._headers = _headers()
        self._bold = QFont()
        self._bold.setBold(True)
        self._brushes: dict[str, QBrush] = {}

    # --- what the list shows ----------------------------------------------------------

    @property
    def filter(self) -> ListFilter:
        return self._filter

    @property
    def loading(self) -> bool:
        return self._loading

    @property
    def exhausted(self) -> bool:
        return self._read_all and self._ahead is None and self._ahead_failed is None

    def set_filter(self, chosen: ListFilter) -> None:
        """Show another selection: the old rows go at once, the first page follows."""
        self.beginResetModel()
        self._forget_pages()
        self._filter = chosen
        self._rows = []
        self._next_before = None
        self._read_all = False
        self._set_loading(False)
        self.endResetModel()
        self.fetchMore(QModelIndex())

    def reload(self) -> None:
        self.set_filter(self._filter)

    def refresh(self) -> None:
        """Read as many rows as are loaded again, in the pool (a dossier changed): one reset
        when they arrive, then the list puts the clerk's selection and scroll back."""
        self._forget_pages()
        generation, wanted = self._generation, len(self._rows)
        chosen, loader, clock = self._filter, self._loader, self._clock
        self._reading = True
        self._set_loading(True)

        def work() -> tuple[int, ListPage, list[ListRow]]:
            rows: list[DossierSummary] = []
            before: int | None = None
            while True:
                page = loader(chosen, before)
                rows.extend(page.rows)
                before = page.next_before_id
                if before is None or len(rows) >= wanted:
                    return generation, ListPage(rows, before), make_rows(rows, clock())

        failed = functools.partial(self._on_failed, generation)
        Operation(work).on_success(self._on_refreshed).on_failure(failed).start()

    def summary_at(self, row: int) -> DossierSummary:
        return self._rows[row].summary

    def code_at(self, row: int) -> str:
        return self._rows[row].summary.code

    def row_of(self, code: str) -> int:
        for number, row in enumerate(self._rows):
            if row.summary.code == code:
                return number
        return -1

    # --- Qt's model interface ---------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else DOSSIER_COLUMNS

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Asked for every visible cell and role at each repaint: the roles the list never
        # answers go first, and brushes are made once (a full repaint is ~800 calls).
        if role not in _ANSWERED_ROLES:
            return None
        number = index.row()
        if not 0 <= number < len(self._rows):
            return None
        row = self._rows[number]
        column = index.column()
        if role == _DISPLAY:
            return row.cells[column]
        if role == _FOREGROUND:
            return self._foreground(row, column)
        if role == _BACKGROUND:
            return self._brush(DANGER_BG) if row.overdue else None
        if role == _FONT:
            return self._bold if _is_bold(row, column) else None
        if role == _TOOLTIP:
            if row.overdue:
                return QCoreApplication.translate("DossierTableModel", "Hồ sơ quá hạn")
            return row.cells[column]
        if role == CODE_ROLE:
            return row.summary.code
        return row.overdue  # OVERDUE_ROLE

    def cell_look(self, number: int, column: int) -> CellLook:
        """What the list's delegate paints in a cell: the same text, brushes and weight
        ``data()`` gives Qt's own painting."""
        row = self._rows[number]
        return (
            row.cells[column],
            self._foreground(row, column),
            self._brush(DANGER_BG) if row.overdue else None,
            _is_bold(row, column),
        )

    def _foreground(self, row: ListRow, column: int) -> QBrush | None:
        if row.overdue and column in (COL_CODE, COL_DUE):
            return self._brush(DANGER)
        if column == COL_STATUS:
            return self._brush(status_colour(int(row.summary.status)))
        return None

    def _brush(self, colour: str) -> QBrush:
        brush = self._brushes.get(colour)
        if brush is None:
            brush = self._brushes[colour] = QBrush(QColor(colour))
        return brush

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < DOSSIER_COLUMNS:
            return self._headers[section]
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self._rows):
            return str(section + 1)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        return _ROW_FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._loading and not self.exhausted

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent):
            return
        if self._ahead is not None:  # read ahead: in at once
            rows, self._ahead = self._ahead, None
            self._insert(rows)
            self.page_loaded.emit(len(rows))
            self._read_ahead_soon()
        elif self._ahead_failed is not None:
            message, self._ahead_failed = self._ahead_failed, None
            self.load_failed.emit(message)
        else:
            self._set_loading(True)
            if not self._reading:
                self._read()

    def _read(self) -> None:
        self._reading = True
        generation = self._generation
        chosen, before = self._filter, self._next_before
        loader, clock = self._loader, self._clock

        def work() -> tuple[int, ListPage, list[ListRow]]:
            page = loader(chosen, before)
            return generation, page, make_rows(page.rows, clock())

        failed = functools.partial(self._on_failed, generation)
        Operation(work).on_success(self._on_page).on_failure(failed).start()

    def _read_ahead_soon(self) -> None:
        """Read the next page once what is waiting to be painted is painted: the request
        queues behind the window's repaint (both low priority), so the pool's Python does
        not take turns with it at the GIL."""
        if self._read_all or self._reading or self._ahead is not None:
            return
        if len(self._rows) > PAGE_SIZE or not self._filter.is_search:
            self._ahead_for = self._generation
            QCoreApplication.postEvent(self, QEvent(_READ_AHEAD), _LOW_PRIORITY)

    def customEvent(self, event: QEvent) -> None:
        wanted = event.type() == _READ_AHEAD and self._ahead_for == self._generation
        if wanted and not (self._read_all or self._reading or self._loading or self._ahead):
            self._read()

    def _forget_pages(self) -> None:
        """Pages read or being read are for what was shown: dropped (and their failures)."""
        self._generation += 1
        self._reading = False
        self._ahead = None
        self._ahead_failed = None

    # --- pages arriving on the GUI thread ---------------------------------------------

    def _on_page(self, result: tuple[int, ListPage, list[ListRow]]) -> None:
        generation, page, rows = result
        if generation != self._generation:
            return  # the clerk changed the filter meanwhile
        self._reading = False
        self._next_before = page.next_before_id
        self._read_all = page.next_before_id is None
        if not self._loading:  # read ahead: kept until the view reaches the end
            self._ahead = rows or None
            self._read_ahead_soon()  # nothing to keep: the page after it
            return
        self._insert(rows)
        self._set_loading(False)
        self.page_loaded.emit(len(rows))
        self._read_ahead_soon()

    def _insert(self, rows: list[ListRow]) -> None:
        if rows:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
            self._rows.extend(rows)
            self.endInsertRows()

    def _on_refreshed(self, result: tuple[int, ListPage, list[ListRow]]) -> None:
        generation, page, rows = result
        if generation != self._generation:
            return
        self.beginResetModel()
        self._rows = rows
        self._reading = False
        self._next_before = page.next_before_id
        self._read_all = page.next_before_id is None
        self.endResetModel()
        self._set_loading(False)
        self.page_loaded.emit(len(rows))
        self._read_ahead_soon()

    def _on_failed(self, generation: int, error: object) -> None:
        if generation != self._generation:
            return
        self._reading = False
        self._read_all = True
        fallback = QCoreApplication.translate(
            "DossierTableModel", "Không đọc được danh sách hồ sơ."
        )
        message = error_message(error, fallback)
        if not self._loading:
            self._ahead_failed = message  # said if the clerk scrolls to the end
            return
        self._set_loading(False)
        self.load_failed.emit(message)

    def _set_loading(self, loading: bool) -> None:
        if loading != self._loading:
            self._loading = loading
            self.loading_changed.emit(loading)
