"""The supervisor's trend: the on-time and satisfaction rates of the last 12 months, each
with its target as a dashed line of the same colour (Qt Charts, PySide6-Addons: chosen for
importing and drawing in about a tenth of a second, docs/performance.md "Charts").

A month with nothing to count (no dossier finished, no rating) leaves a gap in its line
rather than a zero: the line is drawn in pieces."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from PySide6.QtCharts import QBarCategoryAxis, QChart, QChartView, QLineSeries, QValueAxis
from PySide6.QtCore import QCoreApplication, QMargins, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QWidget

from desk.domain.figures import FigureLine, Period
from desk.domain.formats import decimal_text
from desk.domain.service_index import ServiceIndex

ON_TIME_COLOUR = "#1565c0"
SATISFACTION_COLOUR = "#2e7d32"


def month_caption(period: Period) -> str:
    """«11/26»: what ``months()`` tells; the axis shows the month's number only, with
    the months' span as its title (twelve «11/26» do not fit under a narrow chart)."""
    return f"{period.first_day.month:02d}/{period.first_day.year % 100:02d}"


def _pieces(values: Sequence[Decimal | None]) -> list[list[tuple[int, float]]]:
    """Runs of months that have a value: one line each."""
    pieces: list[list[tuple[int, float]]] = []
    current: list[tuple[int, float]] = []
    for index, value in enumerate(values):
        if value is None:
            if current:
                pieces.append(current)
            current = []
        else:
            current.append((index, float(value)))
    if current:
        pieces.append(current)
    return pieces


class TrendChart(QChartView):
    """``set_trend`` draws the months given (oldest first); ``points(rate)`` tells how many
    months have a point on that rate's line."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumSize(420, 220)
        chart = QChart()
        chart.setMargins(QMargins(4, 4, 4, 4))
        chart.setBackgroundRoundness(0)
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        chart.legend().setFont(QFont(self.font().family(), 9))
        self.setChart(chart)
        self._points: dict[str, int] = {}
        self._months: list[str] = []

    def sizeHint(self) -> QSize:  # Qt Charts asks for 480 high: the tables below need it
        return QSize(480, 260)

    def points(self, rate: str) -> int:
        return self._points.get(rate, 0)

    def months(self) -> list[str]:
        """The months along the bottom axis, oldest first («12/25» …)."""
        return list(self._months)

    def set_trend(self, months: Sequence[tuple[Period, FigureLine]], index: ServiceIndex) -> None:
        chart = self.chart()
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        x_axis = QBarCategoryAxis()
        self._months = [month_caption(period) for period, _line in months]
        x_axis.append([str(period.first_day.month) for period, _line in months])
        if months:
            first, last = months[0][0].first_day, months[-1][0].first_day
            x_axis.setTitleText(
                QCoreApplication.translate("TrendChart", "Tháng {first} – {last}").format(
                    first=f"{first.month:02d}/{first.year}", last=f"{last.month:02d}/{last.year}"
                )
            )
            x_axis.setTitleFont(QFont(self.font().family(), 8))
        x_axis.setLabelsFont(QFont(self.font().family(), 8))
        y_axis = QValueAxis()
        y_axis.setLabelFormat("%.0f%%")
        y_axis.setLabelsFont(QFont(self.font().family(), 8))
        chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
        lowest = 100.0
        self._points = {}
        for rate, caption, colour in (
            ("on_time_rate", QCoreApplication.translate("TrendChart", "Đúng hạn"), ON_TIME_COLOUR),
            (
                "satisfaction_rate",
                QCoreApplication.translate("TrendChart", "Hài lòng"),
                SATISFACTION_COLOUR,
            ),
        ):
            values = [getattr(line, rate) for _period, line in months]
            self._points[rate] = sum(value is not None for value in values)
            for number, piece in enumerate(_pieces(values)):
                series = QLineSeries()
                series.setName(caption)
                series.setPen(QPen(QColor(colour), 2.5))
                series.setPointsVisible(True)
                for x, y in piece:
                    series.append(x, y)
                    lowest = min(lowest, y)
                self._add(series, x_axis, y_axis, in_legend=number == 0)
            target = index.target(rate)
            if target is not None and months:
                line = QLineSeries()
                line.setName(
                    QCoreApplication.translate("TrendChart", "Mục tiêu {value}%").format(
                        value=_number(target.at_least)
                    )
                )
                pen = QPen(QColor(colour), 1.5, Qt.PenStyle.DashLine)
                line.setPen(pen)
                line.append(0, float(target.at_least))
                line.append(len(months) - 1, float(target.at_least))
                lowest = min(lowest, float(target.at_least))
                self._add(line, x_axis, y_axis, in_legend=True)
        floor = max(0.0, (int(lowest) // 10) * 10 - (10 if lowest % 10 < 2 else 0))
        y_axis.setRange(floor, 100.0)
        span = 100.0 - floor
        step = 2 if span <= 10 else 5 if span <= 30 else 10
        y_axis.setTickCount(int(span // step) + 1)

    def _add(self, series: QLineSeries, x_axis, y_axis, *, in_legend: bool) -> None:
        chart = self.chart()
        chart.addSeries(series)
        series.attachAxis(x_axis)
        series.attachAxis(y_axis)
        if not in_legend:
            for marker in chart.legend().markers(series):
                marker.setVisible(False)


def _number(value: Decimal) -> str:
    return decimal_text(value)
