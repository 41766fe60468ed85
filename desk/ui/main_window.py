"""The desk's main window. For now: the office and today's figures (the intake, list and
dossier screens come with the reception-desk work)."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLabel,
    QMainWindow,
    QVBoxLayout,
    QWidget,
)

from desk.errors import DeskError
from desk.services.context import DeskContext
from desk.services.today import TodayCounts, today_counts
from desk.ui.workers import Job

REFRESH_MS = 60_000

TILES = (
    ("received", "Tiếp nhận hôm nay"),
    ("returned", "Đã trả kết quả hôm nay"),
    ("overdue", "Hồ sơ quá hạn"),
    ("waiting_for_sync", "Chờ đồng bộ lên tỉnh"),
)


class MainWindow(QMainWindow):
    counts_shown = Signal(object)

    def __init__(self, ctx: DeskContext):
        super().__init__()
        self.ctx = ctx
        office = ctx.office
        self.setWindowTitle(f"Commune Desk — {office.agency_name}")
        self.resize(900, 560)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(32, 24, 32, 24)
        title = QLabel(office.unit_name)
        title.setObjectName("officeTitle")
        title.setStyleSheet("font-size: 20pt; font-weight: bold; color: #8b1a1a;")
        title.setWordWrap(True)
        subtitle = QLabel(
            f"{office.agency_name} · {office.province} · Mã định danh {office.agency_id}"
        )
        subtitle.setStyleSheet("font-size: 12pt; color: #444;")
        layout.addWidget(title)
        layout.addWidget(subtitle)
        layout.addSpacing(24)
        grid = QGridLayout()
        grid.setSpacing(16)
        self.values: dict[str, QLabel] = {}
        for index, (key, caption) in enumerate(TILES):
            tile = QFrame()
            tile.setFrameShape(QFrame.Shape.StyledPanel)
            tile.setStyleSheet(
                "QFrame { background: #fbf7ef; border: 1px solid #d8cbb0; border-radius: 8px; }"
            )
            tile_layout = QVBoxLayout(tile)
            value = QLabel("…")
            value.setAlignment(Qt.AlignmentFlag.AlignCenter)
            value.setStyleSheet("font-size: 30pt; font-weight: bold; border: none;")
            label = QLabel(caption)
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setStyleSheet("font-size: 12pt; border: none;")
            tile_layout.addWidget(value)
            tile_layout.addWidget(label)
            grid.addWidget(tile, index // 2, index % 2)
            self.values[key] = value
        layout.addLayout(grid)
        layout.addStretch()
        self.setCentralWidget(central)
        self.statusBar().showMessage(
            f"Cơ sở dữ liệu: {ctx.db.url.render_as_string(hide_password=True)}"
        )
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.refresh)
        self._timer.start(REFRESH_MS)
        self.refresh()

    def refresh(self) -> None:
        """Count in the thread pool: on a large office the window never waits for it."""
        Job(lambda: today_counts(self.ctx)).start(self._on_counts, self._on_failed)

    def _on_counts(self, counts: TodayCounts) -> None:
        for key, label in self.values.items():
            label.setText(f"{getattr(counts, key):,}".replace(",", "."))
        self.values["overdue"].setStyleSheet(
            "font-size: 30pt; font-weight: bold; border: none; color: %s;"
            % ("#b00020" if counts.overdue else "#1b5e20")
        )
        self.counts_shown.emit(counts)

    def _on_failed(self, error: object) -> None:
        message = error.message if isinstance(error, DeskError) else "Không đọc được số liệu."
        self.statusBar().showMessage(message)
