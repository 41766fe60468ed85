"""The dossier list screen: quick filters, the folded search box, and the paged table. It
reloads when a dossier changed (at once when shown, otherwise when next shown)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desk.domain.status import Status
from desk.services import dossier_list
from desk.services.context import DeskContext
from desk.services.dossier_list import ListFilter, Period
from desk.ui.dossier_model import (
    COL_APPLICANT,
    COL_CLERK,
    COL_CODE,
    COL_DUE,
    COL_PROCEDURE,
    COL_RECEIVED,
    COL_STATUS,
    DossierTableModel,
)
from desk.ui.labels import catalogue_text, shown_label, shown_weekdays
from desk.ui.list_delegate import CachedTextDelegate
from desk.ui.ops import Operation, desk_signals

SEARCH_DELAY_MS = 350
_RELAYOUT_EVENTS = frozenset((QEvent.Type.FontChange, QEvent.Type.StyleChange))


class _ListTable(QTableView):
    """The list's table: a page appended below what is on screen does not repaint it.

    Qt lays the whole view out again when rows are inserted and repaints every visible
    cell (issue 16: a screen's repaint was the scroll's longest stall); rows added under
    the last one shown change only the scroll bar's range. Anything else since the last
    layout (a reset, a font, the model) gets Qt's whole layout."""

    def __init__(self) -> None:
        super().__init__()
        self._only_appended_below = False  # since the last whole layout

    def setModel(self, model) -> None:  # type: ignore[no-untyped-def]
        self._only_appended_below = False
        super().setModel(model)
        model.rowsAboutToBeInserted.connect(self._on_rows_coming)
        for signal in (
            model.modelReset,
            model.layoutChanged,
            model.rowsRemoved,
            model.rowsMoved,
            model.columnsInserted,
            model.columnsRemoved,
        ):
            signal.connect(self._on_other_change)

    def _on_rows_coming(self, parent: QModelIndex, first: int, _last: int) -> None:
        last_shown = self.rowAt(self.viewport().height() - 1)
        if parent.isValid() or first != self.model().rowCount() or not 0 <= last_shown < first:
            self._only_appended_below = False

    def _on_other_change(self, *_args: object) -> None:
        self._only_appended_below = False

    def event(self, event: QEvent) -> bool:
        if event.type() in _RELAYOUT_EVENTS:  # every row may look different
            self._only_appended_below = False
        return super().event(event)

    def doItemsLayout(self) -> None:
        if self._only_appended_below:
            self.updateGeometries()
        else:
            super().doItemsLayout()
            self._only_appended_below = True


class DossierListView(QWidget):
    """Every dossier of the office, newest first, loaded page by page as the clerk scrolls."""

    dossier_opened = Signal(str)  # code

    def __init__(
        self,
        ctx: DeskContext,
        parent: QWidget | None = None,
        *,
        model: DossierTableModel | None = None,
    ):
        super().__init__(parent)
        self.ctx = ctx
        self.model = model or DossierTableModel(ctx, self)
        self._stale = False  # a dossier changed while the list was not shown
        self._place: tuple[str | None, str | None] = (None, None)  # selected, top row
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 12)
        title = QLabel(self.tr("Danh sách hồ sơ"))
        title.setObjectName("pageTitle")
        layout.addWidget(title)

        self.search = QLineEdit()
        self.search.setObjectName("listSearch")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(
            self.tr(
                "Tìm theo mã hồ sơ, số định danh, số điện thoại hoặc họ tên "
                "(gõ không dấu cũng được)"
            )
        )
        layout.addWidget(self.search)

        filters = QHBoxLayout()
        self.period = QComboBox()
        self.period.setObjectName("periodFilter")
        self.period.addItem(self.tr("Tất cả hồ sơ"), Period.ALL)
        self.period.addItem(self.tr("Tiếp nhận hôm nay"), Period.RECEIVED_TODAY)
        self.period.addItem(self.tr("Quá hạn"), Period.OVERDUE)
        self.period.addItem(self.tr("Đến hạn hôm nay"), Period.DUE_TODAY)
        # The next working day's name needs the holiday calendar: worked out in the pool.
        self.period.addItem(self.tr("Đến hạn ngày làm việc kế tiếp"), Period.DUE_NEXT_DAY)
        Operation(lambda: dossier_list.next_day_label(ctx)).on_success(self._on_next_day).start()
        self.status = QComboBox()
        self.status.setObjectName("statusFilter")
        self.status.addItem(self.tr("Mọi trạng thái"), None)
        for status in Status:
            if status is not Status.SUBMITTED_ONLINE:
                self.status.addItem(shown_label(status), status)
        self.procedure = QComboBox()
        self.procedure.setObjectName("procedureFilter")
        self.procedure.addItem(self.tr("Mọi thủ tục"), "")
        Operation(lambda: dossier_list.procedures(ctx)).on_success(self._on_procedures).start()
        self.procedure.setMaximumWidth(320)
        self.clerk = QComboBox()
        self.clerk.setObjectName("clerkFilter")
        self.clerk.addItem(self.tr("Mọi cán bộ"), None)
        Operation(lambda: dossier_list.staff(ctx)).on_success(self._on_staff).start()
        self.refresh_button = QPushButton(self.tr("Làm mới"))
        for widget in (self.period, self.status, self.procedure, self.clerk):
            filters.addWidget(widget)
        filters.addStretch()
        filters.addWidget(self.refresh_button)
        layout.addLayout(filters)

        self.table = _ListTable()
        self.table.setObjectName("dossierTable")
        self.table.setModel(self.model)
        # Plain cells from cached text layouts: a screen of Qt's own cell painting cost more
        # than a frame while the clerk scrolled (issue 16).
        self.table.setItemDelegate(CachedTextDelegate(self.model.cell_look, self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setDefaultSectionSize(28)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        widths = {
            COL_CODE: 215,
            COL_APPLICANT: 175,
            COL_PROCEDURE: 230,
            COL_STATUS: 150,
            COL_RECEIVED: 128,
            COL_DUE: 140,
            COL_CLERK: 150,
        }
        for column, width in widths.items():
            header.resizeSection(column, width)
        header.setStretchLastSection(True)
        layout.addWidget(self.table, 1)

        self.info = QLabel("")
        self.info.setObjectName("listInfo")
        layout.addWidget(self.info)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_filter)
        self.search.textEdited.connect(lambda _text: self._search_timer.start())
        self.search.returnPressed.connect(self._search_now)
        for combo in (self.period, self.status, self.procedure, self.clerk):
            combo.currentIndexChanged.connect(lambda _index: self.apply_filter())
        self.refresh_button.clicked.connect(self.model.reload)
        self.table.activated.connect(self._on_activated)
        self.table.doubleClicked.connect(self._on_activated)
        self.model.page_loaded.connect(lambda _n: self._show_count())
        self.model.loading_changed.connect(lambda _loading: self._show_count())
        self.model.load_failed.connect(self._on_failed)
        self.model.modelReset.connect(self._show_count)
        self.model.modelAboutToBeReset.connect(self._note_place)
        self.model.modelReset.connect(self._restore_place)
        desk_signals().dossier_changed.connect(self._on_dossier_changed)

    # --- filters ----------------------------------------------------------------------

    def current_filter(self) -> ListFilter:
        return ListFilter(
            period=self.period.currentData(),
            status=self.status.currentData(),
            procedure_code=self.procedure.currentData() or "",
            clerk_id=self.clerk.currentData(),
            text=self.search.text(),
        )

    def apply_filter(self) -> None:
        self._search_timer.stop()
        self.info.setObjectName("listInfo")
        self.info.setStyleSheet("")
        chosen = self.current_filter()
        if chosen != self.model.filter or self.model.rowCount() == 0:
            self.model.set_filter(chosen)

    def show_period(self, period: Period) -> None:
        """Open the list on a quick filter (from the today panel)."""
        self.search.clear()
        self.status.setCurrentIndex(0)
        self.period.setCurrentIndex(self.period.findData(period))
        self.apply_filter()

    def ensure_loaded(self) -> None:
        """Before the list is shown: load it the first time, reload it after a change."""
        if self._stale:
            self._stale = False
            self.model.refresh()
        elif self.model.rowCount() == 0 and not self.model.loading:
            self.model.set_filter(self.current_filter())

    def _on_dossier_changed(self, _dossier: object) -> None:
        if self.isVisible():
            self._stale = False
            self.model.refresh()
        else:
            self._stale = True

    def _note_place(self) -> None:
        """Before the rows are read again: the dossier selected, and the one at the top of
        the view unless the view is at the top (there the newest dossiers come into sight)."""
        chosen = self.table.selectionModel().selectedRows()
        top = self.table.rowAt(0) if self.table.verticalScrollBar().value() > 0 else -1
        self._place = (
            self.model.code_at(chosen[0].row()) if chosen else None,
            self.model.code_at(top) if top >= 0 else None,
        )

    def _restore_place(self) -> None:
        (selected, top), self._place = self._place, (None, None)
        if selected is not None and (row := self.model.row_of(selected)) >= 0:
            self.table.selectRow(row)
        if top is not None and (row := self.model.row_of(top)) >= 0:
            self.table.scrollTo(
                self.model.index(row, 0), QAbstractItemView.ScrollHint.PositionAtTop
            )
        elif self.model.rowCount():
            self.table.scrollToTop()

    def _search_now(self) -> None:
        self.apply_filter()
        if self.model.rowCount() == 1:
            self.dossier_opened.emit(self.model.code_at(0))

    def _on_next_day(self, label: str) -> None:
        index = self.period.findData(Period.DUE_NEXT_DAY)
        self.period.setItemText(index, self.tr("Đến hạn {day}").format(day=shown_weekdays(label)))

    def _on_procedures(self, procedures: list[tuple[str, str]]) -> None:
        for code, name in procedures:
            self.procedure.addItem(catalogue_text(name), code)

    def _on_staff(self, staff: list[tuple[int, str]]) -> None:
        for user_id, name in staff:
            self.clerk.addItem(name, user_id)

    # --- rows ---------------------------------------------------------------------------

    def _on_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.dossier_opened.emit(self.model.code_at(index.row()))

    def _show_count(self) -> None:
        rows = self.model.rowCount()
        if self.model.loading:
            text = self.tr("Đang tải…") if rows == 0 else self.tr("{n} hồ sơ, đang tải thêm…")
        elif rows == 0 and self.model.filter.is_search:
            text = self.tr("Không tìm thấy hồ sơ nào khớp «{query}»").format(
                query=self.model.filter.text.strip()
            )
        elif rows == 0:
            text = self.tr("Không có hồ sơ nào phù hợp.")
        elif self.model.exhausted:
            text = self.tr("{n} hồ sơ.")
        else:
            text = self.tr("{n} hồ sơ đầu tiên; cuộn xuống để xem thêm.")
        self.info.setStyleSheet("")
        self.info.setText(text.format(n=f"{rows:,}".replace(",", ".")))

    def _on_failed(self, message: str) -> None:
        self.info.setStyleSheet("color: #b00020; font-weight: bold;")
        self.info.setText(message)

    def focus_search(self) -> None:
        """F3: the cursor in the search box, what was searched before selected, so the
        clerk types over it at once."""
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def select_code(self, code: str) -> bool:
        row = self.model.row_of(code)
        if row < 0:
            return False
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0))
        return True

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Escape and self.search.text():
            self.search.clear()
            self.apply_filter()
            return
        super().keyPressEvent(event)
