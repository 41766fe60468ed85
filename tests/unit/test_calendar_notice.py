"""Holidays of a year whose official notice is not entered are the library's estimate, and
the calendar says so where it lists them (DOMAIN §6).

A year's notice counts as entered when the supervisor entered a correction for that year,
or when the installed holidays library carries the notices through that year.
"""

from __future__ import annotations

from datetime import date

import pytest

from desk.cli import main
from desk.domain.calendar import DayKind, NoticeStatus, WorkingCalendar
from desk.services import calendar
from desk.services.context import DeskContext

ESTIMATE = "(ước tính theo thư viện holidays, chờ thông báo của Thủ tướng)"


def test_the_library_carries_the_notices_through_2026_not_2027() -> None:
    cal = WorkingCalendar()
    assert cal.notice_through is not None and cal.notice_through >= 2026
    assert cal.notice_status(2026) is NoticeStatus.LIBRARY
    if cal.notice_through == 2026:
        assert cal.notice_status(2027) is NoticeStatus.NONE


def test_without_a_notice_tet_gio_to_and_the_bridges_are_estimates_fixed_dates_are_not() -> None:
    cal = WorkingCalendar(notice_through=2026)
    assert cal.is_estimated(date(2027, 2, 6))  # Tết Nguyên Đán 2027
    assert cal.is_estimated(date(2027, 4, 16))  # Giỗ Tổ Hùng Vương (10/3 lunar)
    assert cal.is_estimated(date(2027, 9, 3))  # the day next to National Day
    assert not cal.is_estimated(date(2027, 1, 1))
    assert not cal.is_estimated(date(2027, 4, 30))
    assert not cal.is_estimated(date(2027, 9, 2))
    assert not cal.is_estimated(date(2027, 3, 10))  # an ordinary working day
    assert not cal.is_estimated(date(2026, 2, 17))  # Tết 2026: the notice is known


def test_a_correction_for_the_year_counts_as_its_notice_entered(ctx: DeskContext) -> None:
    ctx.calendar.notice_through = 2026  # whatever library is installed, 2027 has no notice
    before = calendar.year_calendar(ctx, 2027)
    assert before.notice is NoticeStatus.NONE
    assert before.is_estimated(date(2027, 2, 6))
    calendar.put_override(ctx, date(2027, 2, 3), DayKind.OFF, "Nghỉ Tết")
    ctx.calendar.notice_through = 2026
    after = calendar.year_calendar(ctx, 2027)
    assert after.notice is NoticeStatus.OVERRIDES
    assert not after.estimated


def cli_year(ctx: DeskContext, capsys: pytest.CaptureFixture[str], year: str) -> str:
    assert main(["--db", str(ctx.db.url), "calendar", year]) == 0
    return capsys.readouterr().out


def test_the_listing_marks_the_estimates_and_its_header_says_why(
    ctx: DeskContext, capsys: pytest.CaptureFixture[str]
) -> None:
    if WorkingCalendar().notice_through != 2026:
        pytest.skip("the installed holidays library carries notices beyond 2026")
    later = cli_year(ctx, capsys, "2027").splitlines()
    assert "chưa nhập thông báo nghỉ lễ, Tết của Thủ tướng cho năm này" in later[0]
    assert "thư viện holidays có thông báo chính thức đến năm 2026" in later[0]
    tet = next(line for line in later if "2027-02-06" in line)
    assert tet.endswith(f"Tết Nguyên Đán {ESTIMATE}")
    new_year = next(line for line in later if "2027-01-01" in line)
    assert ESTIMATE not in new_year
    known = cli_year(ctx, capsys, "2026")
    assert ESTIMATE not in known
    assert "theo thông báo nghỉ lễ, Tết của năm" in known.splitlines()[0]
