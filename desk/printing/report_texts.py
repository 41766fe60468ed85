"""What the periodic report (form 06a) says around its table, the same in the XLSX and the
PDF: the lines it lists, the period, the signatures, the Decision 766 section."""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal

from desk.domain.figures import FigureLine, Grouping, PeriodFigures, total_of
from desk.domain.formats import percent_text
from desk.domain.office import Office
from desk.domain.service_index import ServiceIndex
from desk.printing.formats import short_date

PREPARER = "NGƯỜI LẬP BIỂU"
PREPARER_NOTE = "(Ký, ghi rõ họ tên)"
HEAD = "THỦ TRƯỞNG CƠ QUAN"
HEAD_NOTE = "(Ký, ghi rõ họ tên, đóng dấu)"
TOTAL_LABEL = "Tổng cộng"
NO_LINES = "(Không có hồ sơ trong kỳ)"
INDEX_TITLE = "CHỈ SỐ PHỤC VỤ NGƯỜI DÂN, DOANH NGHIỆP (QUYẾT ĐỊNH 766/QĐ-TTg)"
INDEX_SHEET = "Chỉ số 766"
INDEX_HEADERS = ("Chỉ số", "Điểm tối đa", "Tỷ lệ (%)", "Điểm")
TO_CHECK = "cần đối chiếu"
NOT_AT_THE_DESK = f"Bộ phận một cửa không tính được — {TO_CHECK}"
NOTHING_TO_COUNT = "không có số liệu trong kỳ"


def report_lines(office: Office, figures: PeriodFigures) -> list[FigureLine]:
    """The table's lines: one per group, or the office's line alone."""
    if figures.grouping is Grouping.OFFICE:
        return [replace(figures.office, label=office.agency_name)]
    return list(figures.lines)


def total_line(lines: list[FigureLine]) -> FigureLine:
    return total_of(lines, label=TOTAL_LABEL)


def period_text(figures: PeriodFigures) -> str:
    period = figures.period
    label = period.label
    if short_date(period.first_day) in label:  # a day, or a range named by its dates
        return f"Kỳ báo cáo: {label}"
    span = f"từ ngày {short_date(period.first_day)} đến ngày {short_date(period.last_day)}"
    return f"Kỳ báo cáo: {label} ({span})"


def grouping_text(figures: PeriodFigures) -> str:
    return f"Số liệu theo: {figures.grouping.label.lower()}"


def rate_text(rate: Decimal | None) -> str:
    """A rate as a Vietnamese reader writes it: «71,4»."""
    return percent_text(rate, sign=False)


@dataclass(frozen=True, slots=True)
class IndexRow:
    label: str
    points: Decimal
    rate: Decimal | None
    scored: Decimal | None
    note: str = ""


def index_rows(index: ServiceIndex, line: FigureLine) -> list[IndexRow]:
    """The Decision 766 indicators the desk scores for the office's line, then those it
    cannot know (no rate, no points)."""
    rows = [
        IndexRow(
            score.indicator.label,
            score.indicator.points,
            score.rate,
            score.points,
            "" if score.rate is not None else NOTHING_TO_COUNT,
        )
        for score in index.scores(line)
    ]
    rows += [
        IndexRow(label, points, None, None, NOT_AT_THE_DESK) for label, points in index.unknown
    ]
    return rows


def target_lines(index: ServiceIndex, line: FigureLine) -> list[str]:
    """«Tỷ lệ giải quyết đúng hạn: 71,4% (mục tiêu từ 98%): chưa đạt»."""
    found = []
    for target in index.targets:
        met = target.met_by(line)
        verdict = "chưa có số liệu" if met is None else ("đạt" if met else "chưa đạt")
        rate = rate_text(getattr(line, target.rate))
        found.append(
            f"{target.label}: {rate}% (mục tiêu từ {rate_text(target.at_least)}%): {verdict}"
        )
    return found
