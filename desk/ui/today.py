"""The today panel: the day's figures, counted in the thread pool, refreshed by a timer and
whenever a dossier changed."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from desk.domain.formats import count_text
from desk.services.context import DeskContext
from desk.services.today import DeskFigures, Period, desk_figures
from desk.ui.ops import Operation, desk_signals, error_message
from desk.ui.style import DANGER, OK, WARN

REFRESH_MS = 60_000


def tile_captions() -> tuple[tuple[str, str, Period | None], ...]:
    """(figure, caption, the list filter the tile opens)."""
    return (
        (
            "received",
            QCoreApplication.translate("TodayPanel", "Tiếp nhận hôm nay"),
            Period.RECEIVED_TODAY,
        ),
        ("returned", QCoreApplication.translate("TodayPanel", "Đã trả kết quả hôm nay"), None),
        ("overdue", QCoreApplication.translate("TodayPanel", "Hồ sơ quá hạn"), Period.OVERDUE),
        (
            "due_soon",
            QCoreApplication.translate("TodayPanel", "Sắp đến hạn (đến hết ngày làm việc kế tiếp)"),
            Period.DUE_TODAY,
        ),
        (
            "waiting_for_sync",
            QCoreApplication.translate("TodayPanel", "Chờ đồng bộ lên tỉnh"),
            None,
        ),
    )


def _number(value: int) -> str:
    return count_text(value)


class Tile(QFrame):
    clicked = Signal()

    def __init__(self, caption: str, clickable: bool, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("card")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 14, 12, 14)
        self.value = QLabel("…")
        self.value.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.set_colour("#222")
        self.caption = QLabel(caption)
        self.caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.caption.setWordWrap(True)
        self.caption.setStyleSheet("font-size: 11pt; border: none; background: transparent;")
        layout.addWidget(self.value)
        layout.addWidget(self.caption)
        if clickable:
            self.setCursor(Qt.CursorShape.PointingHandCursor)
            self.setToolTip(QCoreApplication.translate("TodayPanel", "Bấm để xem danh sách"))
        self._clickable = clickable

    def set_colour(self, colour: str) -> None:
        self.value.setStyleSheet(
            f"font-size: 30pt; font-weight: bold; border: none; background: transparent;"
            f" color: {colour};"
        )

    def mouseReleaseEvent(self, event) -> None:
        if self._clickable and event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit()
        super().mouseReleaseEvent(event)


class TodayPanel(QWidget):
    figures_shown = Signal(object)  # DeskFigures
    period_requested = Signal(object)  # Period: a tile was clicked

    def __init__(
        self,
        ctx: DeskContext,
        parent: QWidget | None = None,
        *,
        count: Callable[[], DeskFigures] | None = None,
        refresh_ms: int = REFRESH_MS,
    ):
        super().__init__(parent)
        self.ctx = ctx
        self._count = count or (lambda: desk_figures(ctx))
        self._counting = False
        self._count_again = False  # a change arrived while counting: count once more
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 20, 28, 20)
        office = ctx.office
        title = QLabel(office.unit_name)
        title.setObjectName("officeTitle")
        title.setStyleSheet("font-size: 18pt; font-weight: bold; color: #8b1a1a;")
        title.setWordWrap(True)
        subtitle = QLabel(
            self.tr("{agency} · {province} · Mã định danh {agency_id}").format(
                agency=office.agency_name, province=office.province, agency_id=office.agency_id
            )
        )
        subtitle.setStyleSheet("font-size: 11pt; color: #444;")
        layout.addWidget(title)
        layout.addWidget(subtitle)
        layout.addSpacing(16)
        grid = QGridLayout()
        grid.setSpacing(14)
        self.tiles: dict[str, Tile] = {}
        self.values: dict[str, QLabel] = {}
        for index, (key, caption, period) in enumerate(tile_captions()):
            tile = Tile(caption, period is not None)
            if period is not None:
                tile.clicked.connect(lambda p=period: self.period_requested.emit(p))
            grid.addWidget(tile, index // 3, index % 3)
            self.tiles[key] = tile
            self.values[key] = tile.value
        layout.addLayout(grid)
        self.hints = QLabel(
            self.tr(
                "F2 tiếp nhận hồ sơ mới · F3 danh sách hồ sơ · F4 trả kết quả · quét mã vạch "
                "giấy hẹn để mở hồ sơ · Ctrl+L khóa máy"
            )
        )
        self.hints.setWordWrap(True)
        self.hints.setStyleSheet("color: #555; font-size: 11pt; margin-top: 18px;")
        layout.addWidget(self.hints)
        self.error = QLabel("")
        self.error.setObjectName("error")
        layout.addWidget(self.error)
        layout.addStretch()
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.refresh)
        if refresh_ms > 0:
            self._timer.start(refresh_ms)
        desk_signals().dossier_changed.connect(self._on_dossier_changed)

    def refresh(self) -> None:
        """Count in the thread pool: on a large office the window never waits for it. Asked
        while a count runs, it counts once more after it (that count may predate a change)."""
        if self._counting:
            self._count_again = True
            return
        self._counting = True
        self._count_again = False
        Operation(self._count).on_success(self._on_figures).on_failure(self._on_failed).start()

    def _on_dossier_changed(self, _dossier: object) -> None:
        self.refresh()

    def _counted(self) -> None:
        self._counting = False
        if self._count_again:
            self.refresh()

    def _on_figures(self, figures: DeskFigures) -> None:
        self._counted()
        self.error.setText("")
        for key, label in self.values.items():
            label.setText(_number(getattr(figures, key)))
        self.tiles["overdue"].set_colour(DANGER if figures.overdue else OK)
        self.tiles["due_soon"].set_colour(WARN if figures.due_soon else OK)
        self.figures_shown.emit(figures)

    def _on_failed(self, error: object) -> None:
        self._counted()
        self.error.setText(error_message(error, self.tr("Không đọc được số liệu.")))
