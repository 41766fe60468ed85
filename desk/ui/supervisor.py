"""«Số liệu của tháng», the supervisor's screen (supervisors and admins: Permission.REPORTS):
for a chosen month, the on-time and satisfaction rates against their targets with the
counts behind them, the trend of the last 12 months, the dossiers overdue and due within
two working days (a row opens the dossier), the per-clerk table and the indicators of
Decision 766 (computed by the desk, to be checked against the province's).

The screen is built empty and shown at once; the figures are counted in the thread pool
(``desk.ui.ops``), three pieces with a progress bar, and fill in as they arrive. A month
changed, or a dossier changed (``desk_signals().dossier_changed``), counts again, and so
do five minutes gone by (due times pass); what happens while the screen is hidden is
counted when it is shown again. What arrives for a month no longer asked for is dropped."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QDate, QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desk.domain.calendar import now_in_office, to_office_time
from desk.domain.figures import FigureLine, Grouping, Period, PeriodFigures
from desk.domain.formats import moment_text
from desk.services import figures as figures_service
from desk.services.context import DeskContext
from desk.services.figures import WatchList
from desk.ui.ops import Operation, desk_signals, error_message
from desk.ui.supervisor_charts import TrendChart
from desk.ui.supervisor_parts import (
    IndicatorsBox,
    RateCard,
    RowsModel,
    clerk_headers,
    clerk_rows,
    count_text,
    on_time_details,
    satisfaction_details,
    watch_headers,
    watch_rows,
)

PIECES = ("watch", "figures", "trend")  # the quickest first: two run at a time
RECOUNT_MS = 5 * 60_000  # counted again while shown; when shown again after, at once
TREND_MONTHS = 12
WATCH_PROCEDURE = 4  # the watch tables' last column, the procedure's name


def _listed(count: int) -> str:
    """How many a watch list shows: «200+» when the list was cut at its limit."""
    return count_text(count) + ("+" if count >= figures_service.WATCH_LIMIT else "")


def _office_now() -> datetime:
    return now_in_office()  # looked up when called: tests set the office's clock


def _table(model: RowsModel, stretch: int) -> QTableView:
    table = QTableView()
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.verticalHeader().hide()
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)  # the rest, elided
    return table


class SupervisorScreen(QWidget):
    dossier_opened = Signal(str)  # the code of a dossier to open
    month_changed = Signal(object)  # Period
    figures_shown = Signal(object)  # PeriodFigures
    trend_shown = Signal(object)  # list[(Period, FigureLine)]
    watch_shown = Signal(object)  # WatchList
    all_shown = Signal(object)  # Period: every piece of that month is on screen
    failed = Signal(str)

    def __init__(
        self,
        ctx: DeskContext,
        parent: QWidget | None = None,
        *,
        clock: Callable[[], datetime] | None = None,
    ):
        super().__init__(parent)
        self.ctx = ctx
        self._clock = clock or _office_now
        self.index = figures_service.service_index(ctx)
        self.period = self._month_of(to_office_time(self._clock()).date())
        self._generation = 0
        self._waiting: set[str] = set(PIECES)  # nothing on screen yet
        self._stale = True  # counted when first shown
        self._watch_tab_chosen = False
        self._pieces: tuple[str, ...] = PIECES  # those the last request counts
        self.trend_lines: list[tuple[Period, FigureLine]] = []  # what the chart shows
        self._trend_for: Period | None = None  # the month whose 12 months the chart shows
        self._recount = QTimer(self)  # the current month moves on: due times pass, …
        self._recount.setInterval(RECOUNT_MS)
        self._recount.timeout.connect(self._on_recount)
        self._recount.start()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 10, 16, 10)
        layout.setSpacing(8)
        layout.addLayout(self._header())
        self.error = QLabel("")
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        self.error.hide()
        layout.addWidget(self.error)

        top = QHBoxLayout()
        cards = QVBoxLayout()
        self.on_time_card = RateCard(self.tr("Tỷ lệ giải quyết đúng hạn"))
        self.satisfaction_card = RateCard(self.tr("Tỷ lệ hài lòng"))
        for card in (self.on_time_card, self.satisfaction_card):
            card.setFixedWidth(280)
            cards.addWidget(card)
        top.addLayout(cards)
        trend_box = QGroupBox(self.tr("Xu hướng 12 tháng"))
        trend_layout = QVBoxLayout(trend_box)
        trend_layout.setContentsMargins(4, 4, 4, 4)
        self.trend = TrendChart()
        trend_layout.addWidget(self.trend)
        top.addWidget(trend_box, 1)
        self.indicators = IndicatorsBox()
        self.indicators.setFixedWidth(320)
        top.addWidget(self.indicators)
        layout.addLayout(top, 3)

        # The dossiers to watch and the clerks: one row of tabs the screen's whole width,
        # so that the dossier's code, due time, applicant and clerk are read unscrolled.
        self.watch_tabs = QTabWidget()
        self.overdue_model = RowsModel(watch_headers(), self)
        self.due_soon_model = RowsModel(watch_headers(), self)
        self.overdue_table = _table(self.overdue_model, WATCH_PROCEDURE)
        self.due_soon_table = _table(self.due_soon_model, WATCH_PROCEDURE)
        for table in (self.overdue_table, self.due_soon_table):
            table.setCursor(Qt.CursorShape.PointingHandCursor)
            table.setToolTip(self.tr("Bấm vào một dòng để mở hồ sơ"))
            table.clicked.connect(self._open_row)
            table.activated.connect(self._open_row)
            self.watch_tabs.addTab(table, "")
        self.clerk_model = RowsModel(clerk_headers(), self)
        self.clerk_table = _table(self.clerk_model, 0)
        self.watch_tabs.addTab(self.clerk_table, "")
        self._name_watch_tabs(None)
        self._name_clerk_tab(None)
        layout.addWidget(self.watch_tabs, 2)
        desk_signals().dossier_changed.connect(self._on_dossier_changed)

    def _header(self) -> QHBoxLayout:
        header = QHBoxLayout()
        title = QLabel(self.tr("Số liệu của tháng"))
        title.setObjectName("pageTitle")
        header.addWidget(title)
        header.addSpacing(16)
        self.previous_button = QPushButton(self.tr("‹ Tháng trước"))
        self.previous_button.clicked.connect(lambda: self.step_month(-1))
        self.month_edit = QDateEdit()
        self.month_edit.setDisplayFormat("MM/yyyy")
        self.month_edit.setToolTip(self.tr("Tháng xem số liệu"))
        self.month_edit.setMaximumDate(self._qdate(self.period.first_day))
        self.month_edit.setDate(self._qdate(self.period.first_day))
        self.month_edit.dateChanged.connect(self._on_month_edited)
        self.next_button = QPushButton(self.tr("Tháng sau ›"))
        self.next_button.clicked.connect(lambda: self.step_month(1))
        self.next_button.setEnabled(False)
        for widget in (self.previous_button, self.month_edit, self.next_button):
            header.addWidget(widget)
        header.addSpacing(16)
        self.progress = QProgressBar()
        self.progress.setRange(0, len(PIECES))
        self.progress.setFormat(self.tr("Đang tính số liệu… %v/%m"))
        self.progress.setFixedWidth(220)  # shown until the first figures are all in
        header.addWidget(self.progress)
        self.as_of = QLabel("")
        self.as_of.setStyleSheet("color: #555;")
        header.addWidget(self.as_of)
        header.addStretch(1)
        return header

    # --- the month ------------------------------------------------------------------------

    @staticmethod
    def _month_of(day: date) -> Period:
        return Period.month(day.year, day.month)

    @staticmethod
    def _qdate(day: date) -> QDate:
        return QDate(day.year, day.month, 1)

    def this_month(self) -> Period:
        return self._month_of(to_office_time(self._clock()).date())

    def step_month(self, step: int) -> None:
        year, month = self.period.first_day.year, self.period.first_day.month + step
        year, month = (
            (year - 1, 12) if month < 1 else (year + 1, 1) if month > 12 else (year, month)
        )
        self.show_month(Period.month(year, month))

    def show_month(self, period: Period) -> None:
        """Show ``period``'s month (a later month than this one is refused: nothing yet)."""
        if period.first_day > self.this_month().first_day:
            return
        self.month_edit.setMaximumDate(self._qdate(self.this_month().first_day))
        self.month_edit.blockSignals(True)
        self.month_edit.setDate(self._qdate(period.first_day))
        self.month_edit.blockSignals(False)
        self._set_period(period)

    def _on_month_edited(self, chosen: QDate) -> None:
        self._set_period(Period.month(chosen.year(), chosen.month()))

    def _set_period(self, period: Period) -> None:
        if period == self.period and not self._stale:
            return
        self.period = period
        self.next_button.setEnabled(period.first_day < self.this_month().first_day)
        self.month_changed.emit(period)
        for card in (self.on_time_card, self.satisfaction_card):
            card.value.setText("…")  # not the last month's figures under this month's name
        self.refresh()

    # --- counting -------------------------------------------------------------------------

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if self._stale:
            # After the screen is painted: the counting threads would slow its first paint.
            QTimer.singleShot(0, self._refresh_if_stale)

    def _refresh_if_stale(self) -> None:
        if self._stale:
            self.refresh()

    def _on_dossier_changed(self, _dossier: object) -> None:
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def _on_recount(self) -> None:
        self._on_dossier_changed(None)

    @property
    def loading(self) -> bool:
        return bool(self._waiting)

    def refresh(self) -> None:
        """Count the month's pieces in the thread pool; what an earlier request brings
        back afterwards is dropped. The 12 months are counted for a new month only: after
        a change, the month's own figures give the trend's last point (the months before
        it have ended)."""
        self._stale = False
        self._generation += 1
        generation = self._generation
        ctx, period, now = self.ctx, self.period, self._clock()
        self._pieces = PIECES if self._trend_for != period else ("watch", "figures")
        self._waiting = set(self._pieces)
        self.progress.setRange(0, len(self._pieces))
        self.progress.setValue(0)
        self.progress.show()
        self.error.hide()
        work: dict[str, Callable[[], Any]] = {
            "figures": lambda: figures_service.period_figures(ctx, period, Grouping.CLERK, now=now),
            "trend": lambda: figures_service.monthly_trend(ctx, period, TREND_MONTHS, now=now),
            "watch": lambda: figures_service.watch_list(ctx, now=now),
        }
        shows: dict[str, Callable[[Any], None]] = {
            "figures": self._show_figures,
            "trend": self._show_trend,
            "watch": self._show_watch,
        }
        for piece in self._pieces:
            Operation(work[piece]).on_success(
                lambda result, p=piece: self._arrived(generation, p, result, shows[p])
            ).on_failure(lambda error, p=piece: self._failed(generation, p, error)).start()

    def _arrived(
        self, generation: int, piece: str, result: Any, show: Callable[[Any], None]
    ) -> None:
        if generation != self._generation:
            return
        show(result)
        self._done(piece)

    def _failed(self, generation: int, piece: str, error: object) -> None:
        if generation != self._generation:
            return
        message = error_message(error, self.tr("Không tính được số liệu của tháng."))
        self.error.setText(message)
        self.error.show()
        self.failed.emit(message)
        self._done(piece)

    def _done(self, piece: str) -> None:
        self._waiting.discard(piece)
        self.progress.setValue(len(self._pieces) - len(self._waiting))
        if not self._waiting:
            self.progress.hide()
            if self.error.isHidden():
                self.all_shown.emit(self.period)

    # --- showing --------------------------------------------------------------------------

    def _show_figures(self, figures: PeriodFigures) -> None:
        office = figures.office
        self.on_time_card.show_rate(
            office, self.index.target("on_time_rate"), on_time_details(office)
        )
        self.satisfaction_card.show_rate(
            office, self.index.target("satisfaction_rate"), satisfaction_details(office)
        )
        self.indicators.show_scores(office, self.index)
        self.clerk_model.set_rows(clerk_rows(figures.lines, self.index))
        if self._trend_for == figures.period and self.trend_lines:
            self.trend_lines[-1] = (figures.period, office)  # the same line, counted anew
            self.trend.set_trend(self.trend_lines, self.index)
        self._name_clerk_tab(figures)
        if figures.ended:
            self.as_of.setText(self.tr("{period} · đã hết tháng").format(period=self._label()))
        else:
            self.as_of.setText(
                self.tr("{period} · tính đến {moment}").format(
                    period=self._label(), moment=moment_text(figures.as_of)
                )
            )
        self.figures_shown.emit(figures)

    def _label(self) -> str:
        first = self.period.first_day
        return self.tr("Tháng {month}/{year}").format(month=f"{first.month:02d}", year=first.year)

    def _show_trend(self, months: list[tuple[Period, FigureLine]]) -> None:
        self.trend_lines = list(months)
        self._trend_for = self.period
        self.trend.set_trend(months, self.index)
        self.trend_shown.emit(months)

    def _show_watch(self, watch: WatchList) -> None:
        now = self._clock()
        self.overdue_model.set_rows(watch_rows(watch.overdue, now))
        self.due_soon_model.set_rows(watch_rows(watch.due_soon, now))
        self._name_watch_tabs(watch)
        if not self._watch_tab_chosen:  # the first time: the overdue, those due, the clerks
            self._watch_tab_chosen = True
            self.watch_tabs.setCurrentIndex(0 if watch.overdue else 1 if watch.due_soon else 2)
        self.watch_shown.emit(watch)

    def _name_watch_tabs(self, watch: WatchList | None) -> None:
        overdue = "…" if watch is None else _listed(len(watch.overdue))
        soon = "…" if watch is None else _listed(len(watch.due_soon))
        self.watch_tabs.setTabText(0, self.tr("Hồ sơ quá hạn ({count})").format(count=overdue))
        self.watch_tabs.setTabText(
            1, self.tr("Đến hạn trong 2 ngày làm việc tới ({count})").format(count=soon)
        )

    def _name_clerk_tab(self, figures: PeriodFigures | None) -> None:
        count = "…" if figures is None else count_text(len(figures.lines))
        self.watch_tabs.setTabText(
            2, self.tr("Theo cán bộ tiếp nhận ({count})").format(count=count)
        )

    def _open_row(self, index: QModelIndex) -> None:
        model = index.model()
        if isinstance(model, RowsModel) and index.isValid():
            self.dossier_opened.emit(model.key_at(index.row()))
