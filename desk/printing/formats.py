"""How dates, times and counts are written on the forms.

Day and month numbers follow the rule for administrative documents (Decree 30/2020/NĐ-CP,
Appendix I): a day below 10 and the months 1 and 2 get a leading zero, other months do
not ("ngày 05 tháng 02 năm 2027", "ngày 22 tháng 11 năm 2026", "ngày 09 tháng 3 năm
2026"), so that a "1" cannot later be turned into "11" or "12" by hand. Hours and minutes
always have two digits: "09 giờ 30 phút". Every instant is shown in office time.
"""

from __future__ import annotations

from datetime import date, datetime

from desk.domain.calendar import to_office_time
from desk.printing.layout import keep_together

BLANK = "…" * 12  # a dotted line the citizen or clerk can fill in by hand
SHORT_BLANK = "…" * 2  # room for a number written by hand
# The tracking book (form 07) opens one volume a year; its number is written "01/2026",
# as civil-status books write theirs (verify against the province's practice).
BOOK_VOLUME = "01/{year}"


def day_number(day: date) -> str:
    return f"{day.day:02d}"


def month_number(day: date) -> str:
    return f"{day.month:02d}" if day.month <= 2 else str(day.month)


def format_day(day: date) -> str:
    """The day in words and figures: «ngày 22 tháng 11 năm 2026»."""
    return f"ngày {day_number(day)} tháng {month_number(day)} năm {day.year}"


def format_moment(moment: datetime) -> str:
    """An instant in office time: «09 giờ 30 phút, ngày 22 tháng 11 năm 2026»."""
    local = to_office_time(moment)
    return f"{local:%H} giờ {local:%M} phút, {format_day(local.date())}"


def place_and_date(place: str, day: date) -> str:
    """The dateline under the national motto: "Yên Lạc, ngày 22 tháng 11 năm 2026"."""
    if not place:
        return "N" + format_day(day)[1:]
    return f"{place}, {format_day(day)}"


def short_date(day: date) -> str:
    """Tables with no room for words: "22/11/2026"."""
    return f"{day:%d/%m/%Y}"


def short_moment(moment: datetime) -> str:
    """Tables with no room for words: "09:30 22/11/2026" in office time."""
    local = to_office_time(moment)
    return f"{local:%H:%M} {local:%d/%m/%Y}"


def office_day(moment: datetime) -> date:
    return to_office_time(moment).date()


def book_volume(year: int | None) -> str:
    """The volume of the tracking book a year's entries go to: «01/2026»."""
    return BOOK_VOLUME.format(year=year) if year else SHORT_BLANK


def book_entry(year: int | None, number: int | None) -> str:
    """The slip's line naming the book entry; places left to fill in by hand when the
    dossier has none (it always should)."""
    entry = str(number) if year and number else SHORT_BLANK
    volume = keep_together(f"Quyển số {book_volume(year)}")
    return f"Vào Sổ theo dõi hồ sơ, {volume}, {keep_together(f'Số thứ tự {entry}')}"


def count(value: int) -> str:
    """Counts on forms have two digits: 1 → "01" (number of sets, copies)."""
    return f"{value:02d}"


def or_blank(value: str) -> str:
    return value if value else BLANK
