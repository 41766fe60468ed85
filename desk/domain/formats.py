"""How the desk writes days, moments and processing times for people to read: one
formatter for the screen, the command line and the paper.

The printed forms add their own rules for dates in words (Decree 30/2020, in
``desk.printing.formats``); everything else shown to a clerk or a citizen comes from here.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from desk.domain.calendar import ProcessingTime, to_office_time

WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")


def weekday_name(day: date) -> str:
    return WEEKDAYS[day.weekday()]


def moment_text(moment: datetime | None) -> str:
    """A moment in a list or a message: "09:30 22/11/2026" (empty for none), office time."""
    if moment is None:
        return ""
    local = to_office_time(moment)
    # Not strftime: it imports ``time`` on every call, through any import hook (PySide
    # has one), and the list formats a hundred of these a page.
    return f"{local.hour:02d}:{local.minute:02d} {local.day:02d}/{local.month:02d}/{local.year:04d}"


def moment_with_weekday(moment: datetime) -> str:
    """A due time as the clerk tells the citizen: "09 giờ 30 phút, Thứ Hai 23/11/2026"."""
    local = to_office_time(moment)
    return f"{local:%H} giờ {local:%M} phút, {weekday_name(local.date())} {local:%d/%m/%Y}"


def day_with_weekday(day: date) -> str:
    """A day in a short label: "Thứ Hai 23/11"."""
    return f"{weekday_name(day)} {day:%d/%m}"


def iso_minute(moment: datetime) -> str:
    """The command line's moment: "2026-11-23 09:30" in office time."""
    return f"{to_office_time(moment):%Y-%m-%d %H:%M}"


def count_text(value: int) -> str:
    """1.955: Vietnamese write thousands with a dot."""
    return f"{value:,}".replace(",", ".")


def decimal_text(value: Decimal, places: int | None = None) -> str:
    """12,5 (a decimal comma); with ``places``, always that many (6,40 beside 6,51)."""
    text = f"{value:.{places}f}" if places is not None else f"{value.normalize():f}"
    return text.replace(".", ",")


def percent_text(rate: Decimal | None, *, sign: bool = True) -> str:
    """97,5% (or 97,5 without the sign, under a «(%)» header); «—» when there was nothing
    to count, which is not 0 %."""
    if rate is None:
        return "—"
    return f"{rate}".replace(".", ",") + ("%" if sign else "")


def days_text(days: Decimal) -> str:
    """Working days as Vietnamese write them: 3, 1,5 (a decimal comma), never "3.0"."""
    value = Decimal(str(days))
    text = str(int(value)) if value == value.to_integral() else str(value.normalize())
    return text.replace(".", ",")


def processing_label(processing: ProcessingTime) -> str:
    """What the slip prints and the screen previews: "3 ngày làm việc", "1,5 ngày làm việc",
    the same-day rule with its cut-off, or either with the days added for checks ("Trong
    ngày và thêm 2 ngày làm việc để xác minh")."""
    if processing.added_days:
        normal = "Trong ngày" if processing.is_same_day else _days_label(processing.days)
        return f"{normal} và thêm {_days_label(processing.added_days)} để xác minh"
    if processing.is_same_day:
        if processing.cutoff:
            return f"Trong ngày (nhận sau {processing.cutoff:%H} giờ trả ngày làm việc tiếp theo)"
        return "Trong ngày"
    return _days_label(processing.days)


def _days_label(days: Decimal) -> str:
    return f"{days_text(days)} ngày làm việc"
