"""The pieces of the supervisor's screen (``desk.ui.supervisor``): a rate against its target,
the Decision 766 indicators, and the read-only tables (the dossiers to watch, the clerks)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QFrame, QGridLayout, QGroupBox, QLabel, QVBoxLayout, QWidget

from desk.domain.dossier import DossierSummary
from desk.domain.figures import FigureLine
from desk.domain.formats import count_text, decimal_text, percent_text
from desk.domain.handover import Satisfaction
from desk.domain.service_index import ServiceIndex, Target
from desk.ui.dossier_model import (
    COL_APPLICANT,
    COL_CLERK,
    COL_CODE,
    COL_DUE,
    make_rows,
)
from desk.ui.dossier_model import COL_PROCEDURE as COL_PROC
from desk.ui.dossier_tables import ReadOnlyRowsModel
from desk.ui.labels import shown_label
from desk.ui.style import DANGER, MUTED, OK, WARN

CONTEXT = "SupervisorScreen"
Index = QModelIndex | QPersistentModelIndex
NOTHING = "—"  # nothing to count


def _data_text(text: str) -> str:
    """A text of the shipped service index (an indicator's name): translated if the
    translator added it by hand (lupdate cannot see data files)."""
    return QCoreApplication.translate(CONTEXT, text)


def rate_text(rate: Decimal | None) -> str:
    """97,5% ; «—» when there was nothing to count."""
    return percent_text(rate)


def verdict_colour(met: bool | None) -> str:
    return MUTED if met is None else OK if met else DANGER


class RateCard(QFrame):
    """One rate against its target: the value (green when met, red when not, «—» when
    nothing to count), the target, and the counts behind it."""

    def __init__(self, caption: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("card")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(2)
        title = QLabel(caption)
        title.setStyleSheet("font-size: 11pt; font-weight: bold; border: none;")
        self.value = QLabel("…")
        self.target = QLabel("")
        self.details = QLabel("")
        self.details.setWordWrap(True)
        for label in (self.target, self.details):
            label.setStyleSheet(f"color: {MUTED}; border: none;")
        layout.addWidget(title)
        layout.addWidget(self.value)
        layout.addWidget(self.target)
        layout.addWidget(self.details)
        self.met: bool | None = None
        self.set_colour(MUTED)

    def set_colour(self, colour: str) -> None:
        self.value.setStyleSheet(
            f"font-size: 24pt; font-weight: bold; border: none; color: {colour};"
        )

    def show_rate(self, line: FigureLine, target: Target | None, details: str) -> None:
        rate = getattr(line, target.rate) if target is not None else None
        self.met = target.met_by(line) if target is not None else None
        self.value.setText(rate_text(rate))
        self.set_colour(verdict_colour(self.met))
        if target is not None:
            goal = decimal_text(target.at_least)
            state = {
                None: QCoreApplication.translate("SupervisorScreen", "chưa có gì để tính"),
                True: QCoreApplication.translate("SupervisorScreen", "đạt"),
                False: QCoreApplication.translate("SupervisorScreen", "chưa đạt"),
            }[self.met]
            self.target.setText(
                QCoreApplication.translate(
                    "SupervisorScreen", "Mục tiêu ≥ {goal}% · {state}"
                ).format(goal=goal, state=state)
            )
        self.details.setText(details)


def on_time_details(line: FigureLine) -> str:
    text = QCoreApplication.translate(
        "SupervisorScreen",
        "Đã giải quyết {finished}: trước hạn {early}, đúng hạn {on_time}, quá hạn {late}",
    )
    text = text.format(
        finished=count_text(line.finished),
        early=count_text(line.early),
        on_time=count_text(line.on_time),
        late=count_text(line.late),
    )
    if line.on_time_with_fault:
        text += QCoreApplication.translate(
            "SupervisorScreen", "; {count} trong hạn nhưng có lỗi của cơ quan"
        ).format(count=count_text(line.on_time_with_fault))
    return text + "."


def satisfaction_details(line: FigureLine) -> str:
    return QCoreApplication.translate(
        "SupervisorScreen",
        "{rated} lượt đánh giá: {satisfied} {s}, {neutral} {n}, {dissatisfied} {d}.",
    ).format(
        rated=count_text(line.rated),
        satisfied=count_text(line.rated_satisfied),
        s=shown_label(Satisfaction.SATISFIED).lower(),
        neutral=count_text(line.rated_neutral),
        n=shown_label(Satisfaction.NEUTRAL).lower(),
        dissatisfied=count_text(line.rated_dissatisfied),
        d=shown_label(Satisfaction.DISSATISFIED).lower(),
    )


class IndicatorsBox(QGroupBox):
    """The indicators of Decision 766 a desk can know, scored on the month's figures."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(
            QCoreApplication.translate("SupervisorScreen", "Chỉ số phục vụ (Quyết định 766)"),
            parent,
        )
        outer = QVBoxLayout(self)
        outer.setContentsMargins(10, 6, 10, 6)
        self.note = QLabel(
            QCoreApplication.translate(
                "SupervisorScreen", "Số liệu tự tính, cần đối chiếu với số liệu tỉnh công bố."
            )
        )
        self.note.setWordWrap(True)
        self.note.setStyleSheet(f"color: {WARN}; font-weight: bold;")
        outer.addWidget(self.note)
        self.grid = QGridLayout()
        outer.addLayout(self.grid)
        outer.addStretch(1)
        self.grid.setHorizontalSpacing(10)
        self.grid.setVerticalSpacing(2)
        self.rows: dict[str, tuple[QLabel, QLabel]] = {}
        self.total = QLabel("")

    def show_scores(self, line: FigureLine, index: ServiceIndex) -> None:
        if not self.rows:
            self._build(index)
        earned = Decimal(0)
        for score in index.scores(line):
            rate_label, points_label = self.rows[score.indicator.key]
            rate_label.setText(rate_text(score.rate))
            points = NOTHING if score.points is None else _score(score.points)
            points_label.setText(f"{points} / {_points(score.indicator.points)}")
            earned += score.points or 0
        self.total.setText(
            QCoreApplication.translate(
                "SupervisorScreen", "Cộng: {earned} / {known} điểm tính được"
            ).format(earned=_score(earned), known=_points(index.known_points))
        )

    def _build(self, index: ServiceIndex) -> None:
        row = 0
        for indicator in index.indicators:
            name = QLabel(_data_text(indicator.label))
            rate = QLabel("")
            points = QLabel("")
            for label in (rate, points):
                label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.grid.addWidget(name, row, 0)
            self.grid.addWidget(rate, row, 1)
            self.grid.addWidget(points, row, 2)
            self.rows[indicator.key] = (rate, points)
            row += 1
        self.total.setStyleSheet("font-weight: bold;")
        self.grid.addWidget(self.total, row, 0, 1, 3)
        for label, points in index.unknown:
            unknown = QLabel(
                QCoreApplication.translate(
                    "SupervisorScreen",
                    "{label}: {points} điểm, không tính được tại bộ phận một cửa",
                ).format(label=_data_text(label), points=_points(points))
            )
            unknown.setStyleSheet(f"color: {MUTED};")
            unknown.setWordWrap(True)
            row += 1
            self.grid.addWidget(unknown, row, 0, 1, 3)


def _score(value: Decimal) -> str:
    """Points scored, always with their two decimals (6,40 beside 6,51)."""
    return decimal_text(value, 2)


def _points(value: Decimal) -> str:
    return decimal_text(value)


@dataclass(frozen=True, slots=True)
class TableRow:
    cells: tuple[str, ...]
    key: str = ""  # the dossier code a row opens
    alarm: frozenset[int] = frozenset()  # columns shown in red


class RowsModel(ReadOnlyRowsModel):
    """Read-only rows of text; ``key_at(row)`` is what the row opens."""

    _rows: list[TableRow]

    def set_rows(self, rows: Sequence[TableRow]) -> None:
        self._set_rows(rows)

    def key_at(self, row: int) -> str:
        return self._rows[row].key

    def cells_at(self, row: int) -> tuple[str, ...]:
        return self._rows[row].cells

    def cell(self, row: int, item: TableRow, column: int, role: int) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return item.cells[column]
        if role == Qt.ItemDataRole.ForegroundRole and column in item.alarm:
            return QBrush(QColor(DANGER))
        if role == Qt.ItemDataRole.TextAlignmentRole and column > 0 and not item.key:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


def watch_headers() -> tuple[str, ...]:
    return (
        QCoreApplication.translate("SupervisorScreen", "Mã hồ sơ"),
        QCoreApplication.translate("SupervisorScreen", "Hẹn trả"),
        QCoreApplication.translate("SupervisorScreen", "Người nộp"),
        QCoreApplication.translate("SupervisorScreen", "Cán bộ"),
        QCoreApplication.translate("SupervisorScreen", "Thủ tục"),
    )


def watch_rows(summaries: Sequence[DossierSummary], now: datetime) -> list[TableRow]:
    """The dossiers to watch, formatted as the dossier list formats them."""
    rows = []
    for row in make_rows(summaries, now):
        cells = row.cells
        rows.append(
            TableRow(
                tuple(cells[c] for c in (COL_CODE, COL_DUE, COL_APPLICANT, COL_CLERK, COL_PROC)),
                key=row.summary.code,
                alarm=frozenset({1}) if row.overdue else frozenset(),
            )
        )
    return rows


def clerk_headers() -> tuple[str, ...]:
    return (
        QCoreApplication.translate("SupervisorScreen", "Cán bộ tiếp nhận"),
        QCoreApplication.translate("SupervisorScreen", "Tiếp nhận"),
        QCoreApplication.translate("SupervisorScreen", "Giải quyết"),
        QCoreApplication.translate("SupervisorScreen", "Đúng hạn"),
        QCoreApplication.translate("SupervisorScreen", "Quá hạn"),
        QCoreApplication.translate("SupervisorScreen", "Hài lòng"),
    )


def clerk_rows(lines: Sequence[FigureLine], index: ServiceIndex) -> list[TableRow]:
    rows = []
    for line in lines:
        alarm = set()
        for column, rate in ((3, "on_time_rate"), (5, "satisfaction_rate")):
            target = index.target(rate)
            if target is not None and target.met_by(line) is False:
                alarm.add(column)
        if line.running_overdue:
            alarm.add(4)
        rows.append(
            TableRow(
                (
                    line.label,
                    count_text(line.received),
                    count_text(line.finished),
                    rate_text(line.on_time_rate),
                    count_text(line.running_overdue),
                    rate_text(line.satisfaction_rate),
                ),
                alarm=frozenset(alarm),
            )
        )
    return rows
