"""The working-day calendar: office hours, holidays, overrides, working time (DOMAIN §6)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desk.domain.calendar import (
    OFFICE_TZ,
    CalendarOverride,
    DayKind,
    NonWorkingReason,
    OfficeHours,
    ProcessingTime,
    WorkingCalendar,
    to_office_time,
)
from desk.errors import ConfigurationError, InvalidInput

CAL = WorkingCalendar()


def at(y: int, mo: int, d: int, h: int = 0, mi: int = 0, s: int = 0) -> datetime:
    return datetime(y, mo, d, h, mi, s, tzinfo=OFFICE_TZ)


def days_between(first: date, last: date) -> list[date]:
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


# --- office hours -------------------------------------------------------------------------


def test_default_office_hours() -> None:
    hours = OfficeHours()
    assert hours.opening == time(7, 0)
    assert hours.closing == time(17, 0)
    assert hours.minutes_per_day == 8 * 60
    assert str(hours) == "07:00-11:30,13:30-17:00"


@pytest.mark.parametrize(
    ("text", "minutes", "opening", "closing"),
    [
        ("07:00-11:30,13:30-17:00", 480, time(7), time(17)),
        ("07:30-11:30, 13:00-16:30", 450, time(7, 30), time(16, 30)),
        ("08:00-12:00", 240, time(8), time(12)),
        (" 07:00 - 11:00 , 13:00 - 17:00 ", 480, time(7), time(17)),
    ],
)
def test_office_hours_parse(text: str, minutes: int, opening: time, closing: time) -> None:
    hours = OfficeHours.parse(text)
    assert hours.minutes_per_day == minutes
    assert (hours.opening, hours.closing) == (opening, closing)
    assert OfficeHours.parse(str(hours)) == hours


@pytest.mark.parametrize(
    "text",
    [
        "",
        "7h-11h30",
        "07:00-11:30;13:30-17:00",
        "07:00",
        "11:30-07:00",  # ends before it starts
        "07:00-07:00",  # empty period
        "07:00-12:00,11:00-17:00",  # overlapping
        "13:30-17:00,07:00-11:30",  # out of order
        "25:00-26:00",
    ],
)
def test_bad_office_hours_are_refused(text: str) -> None:
    with pytest.raises(ConfigurationError) as caught:
        OfficeHours.parse(text)
    assert "Giờ làm việc" in caught.value.message


def test_office_hours_need_a_period() -> None:
    with pytest.raises(ConfigurationError, match="ít nhất một ca"):
        OfficeHours(())


# --- processing times ---------------------------------------------------------------------


@pytest.mark.parametrize("days", ["0", "0.5", "1", "1.5", "3", "5", "30"])
def test_processing_time_accepts_whole_and_half_days(days: str) -> None:
    assert ProcessingTime(Decimal(days)).days == Decimal(days)


@pytest.mark.parametrize("days", ["-1", "-0.5", "0.3", "1.25", "2.75"])
def test_processing_time_refuses_negative_and_odd_fractions(days: str) -> None:
    with pytest.raises(InvalidInput, match="không hợp lệ"):
        ProcessingTime(Decimal(days))


def test_same_day() -> None:
    assert ProcessingTime(Decimal(0), time(15)).is_same_day
    assert not ProcessingTime(Decimal("0.5")).is_same_day


# --- which days are worked ----------------------------------------------------------------


def test_an_ordinary_week() -> None:
    # 9–13 March 2026 is an ordinary Monday–Friday; 14–15 is the weekend.
    for day in days_between(date(2026, 3, 9), date(2026, 3, 13)):
        assert CAL.is_working_day(day), day
    assert not CAL.is_working_day(date(2026, 3, 14))
    assert not CAL.is_working_day(date(2026, 3, 15))


def test_tet_2026_civil_servants_break() -> None:
    # Civil servants are off Sat 14/2 – Sun 22/2/2026; Fri 13/2 and Mon 23/2 are worked.
    for day in days_between(date(2026, 2, 14), date(2026, 2, 22)):
        assert not CAL.is_working_day(day), day
    assert CAL.is_working_day(date(2026, 2, 13))
    assert CAL.is_working_day(date(2026, 2, 23))
    assert CAL.next_working_day(date(2026, 2, 13)) == date(2026, 2, 23)


def test_tet_2027() -> None:
    # The library gives Thu 4/2 – Wed 10/2/2027.
    for day in days_between(date(2027, 2, 4), date(2027, 2, 10)):
        assert not CAL.is_working_day(day), day
    assert CAL.is_working_day(date(2027, 2, 3))
    assert CAL.next_working_day(date(2027, 2, 3)) == date(2027, 2, 11)


def test_national_day_2026_with_its_swap() -> None:
    # Mon 31/8 is off in exchange for Sat 22/8, which is worked; Tue 1/9 and Wed 2/9 off.
    assert CAL.is_working_day(date(2026, 8, 22))
    assert not CAL.is_working_day(date(2026, 8, 23))  # the Sunday stays off
    for day in days_between(date(2026, 8, 29), date(2026, 9, 2)):
        assert not CAL.is_working_day(day), day
    assert CAL.next_working_day(date(2026, 8, 28)) == date(2026, 9, 3)
    assert CAL.next_working_day(date(2026, 8, 21)) == date(2026, 8, 22)


def test_reunification_labour_day_and_hung_kings_2026() -> None:
    # Giỗ Tổ falls on Sun 26/4/2026 and is observed Mon 27/4; 30/4 and 1/5 are Thu/Fri.
    assert not CAL.is_working_day(date(2026, 4, 27))
    assert CAL.is_working_day(date(2026, 4, 28))
    assert CAL.is_working_day(date(2026, 4, 29))
    assert not CAL.is_working_day(date(2026, 4, 30))
    assert not CAL.is_working_day(date(2026, 5, 1))
    assert CAL.next_working_day(date(2026, 4, 29)) == date(2026, 5, 4)


def test_vietnamese_culture_day_from_2026() -> None:
    assert not CAL.is_working_day(date(2026, 11, 24))  # a Tuesday
    assert CAL.is_working_day(date(2026, 11, 23))
    assert CAL.is_working_day(date(2026, 11, 25))


def test_new_year() -> None:
    assert not CAL.is_working_day(date(2026, 1, 1))  # Thursday
    assert not CAL.is_working_day(date(2027, 1, 1))  # Friday
    assert CAL.next_working_day(date(2026, 12, 31)) == date(2027, 1, 4)


def test_non_working_days_2026_are_named_in_vietnamese() -> None:
    days = {d.day: d for d in CAL.non_working_days(2026)}
    expected = {
        date(2026, 1, 1): "Tết",
        date(2026, 2, 16): "Tết",
        date(2026, 2, 17): "Tết",
        date(2026, 2, 18): "Tết",
        date(2026, 2, 19): "Tết",
        date(2026, 2, 20): "Tết",
        date(2026, 4, 27): "Giỗ Tổ Hùng Vương",
        date(2026, 4, 30): "Chiến thắng",
        date(2026, 5, 1): "Lao động",
        date(2026, 8, 31): "Ngày nghỉ",
        date(2026, 9, 1): "Quốc khánh",
        date(2026, 9, 2): "Quốc khánh",
        date(2026, 11, 24): "Văn hóa Việt Nam",
    }
    for day, word in expected.items():
        assert day in days, day
        assert word in days[day].name, (day, days[day].name)
        assert days[day].reason is NonWorkingReason.HOLIDAY
    # Without weekends, the list holds public holidays only, and the swapped Saturday is
    # not among them.
    assert date(2026, 8, 22) not in days
    assert date(2026, 3, 14) not in days
    assert all(d.year == 2026 for d in days)


def test_non_working_days_with_weekends() -> None:
    days = {d.day: d for d in CAL.non_working_days(2026, include_weekends=True)}
    assert days[date(2026, 2, 14)].reason is NonWorkingReason.WEEKEND
    assert days[date(2026, 2, 14)].name == "Nghỉ cuối tuần"
    assert days[date(2026, 2, 16)].reason is NonWorkingReason.HOLIDAY
    assert date(2026, 8, 22) not in days  # worked
    assert date(2026, 8, 23) in days
    # Every day of the year is either worked or listed here.
    year = days_between(date(2026, 1, 1), date(2026, 12, 31))
    assert {d for d in year if not CAL.is_working_day(d)} == set(days)


def test_extra_working_days_2026() -> None:
    extra = CAL.extra_working_days(2026)
    assert [e.day for e in extra] == [date(2026, 8, 22)]
    assert extra[0].kind is DayKind.WORK
    assert extra[0].name == "Làm việc bù"


# --- supervisor overrides -----------------------------------------------------------------


def test_override_off_on_an_ordinary_day() -> None:
    cal = WorkingCalendar(
        overrides=[CalendarOverride(date(2026, 3, 10), DayKind.OFF, "Nghỉ bầu cử")]
    )
    assert not cal.is_working_day(date(2026, 3, 10))
    assert cal.next_working_day(date(2026, 3, 9)) == date(2026, 3, 11)
    listed = {d.day: d for d in cal.non_working_days(2026)}
    assert listed[date(2026, 3, 10)].name == "Nghỉ bầu cử"
    assert listed[date(2026, 3, 10)].reason is NonWorkingReason.OVERRIDE


def test_unnamed_override_is_listed_as_a_day_off() -> None:
    cal = WorkingCalendar(overrides=[CalendarOverride(date(2026, 3, 10), DayKind.OFF)])
    listed = {d.day: d for d in cal.non_working_days(2026)}
    assert listed[date(2026, 3, 10)].name == "Nghỉ"


def test_override_work_beats_a_public_holiday() -> None:
    cal = WorkingCalendar(overrides=[CalendarOverride(date(2026, 11, 24), DayKind.WORK)])
    assert cal.is_working_day(date(2026, 11, 24))
    assert date(2026, 11, 24) not in {d.day for d in cal.non_working_days(2026)}


def test_override_off_beats_a_known_swap() -> None:
    cal = WorkingCalendar(overrides=[CalendarOverride(date(2026, 8, 22), DayKind.OFF, "Hủy")])
    assert not cal.is_working_day(date(2026, 8, 22))
    assert cal.extra_working_days(2026) == []


def test_override_work_on_a_saturday() -> None:
    cal = WorkingCalendar(
        overrides=[CalendarOverride(date(2026, 3, 14), DayKind.WORK, "Làm bù Tết")]
    )
    assert cal.is_working_day(date(2026, 3, 14))
    assert cal.next_working_day(date(2026, 3, 13)) == date(2026, 3, 14)
    extra = {e.day: e for e in cal.extra_working_days(2026)}
    assert extra[date(2026, 3, 14)].name == "Làm bù Tết"
    assert date(2026, 8, 22) in extra  # the library's swap is still there


def test_overrides_do_not_leak_between_calendars() -> None:
    WorkingCalendar(overrides=[CalendarOverride(date(2026, 3, 10), DayKind.OFF)])
    assert WorkingCalendar().is_working_day(date(2026, 3, 10))


def test_custom_holiday_source() -> None:
    cal = WorkingCalendar(
        holiday_source=lambda year: {date(year, 3, 10): "Lễ hội làng"},
        swapped_workdays=lambda year: frozenset(),
    )
    assert not cal.is_working_day(date(2026, 3, 10))
    assert cal.is_working_day(date(2026, 2, 17))  # no Tết in this source
    assert not cal.is_working_day(date(2026, 8, 22))  # no swap either
    assert [d.name for d in cal.non_working_days(2026)] == ["Lễ hội làng"]


def test_calendar_without_any_working_day_is_a_configuration_error() -> None:
    def every_day(year: int) -> dict[date, str]:
        return {d: "Nghỉ" for d in days_between(date(year, 1, 1), date(year, 12, 31))}

    cal = WorkingCalendar(holiday_source=every_day, swapped_workdays=lambda year: frozenset())
    with pytest.raises(ConfigurationError):
        cal.next_working_day(date(2026, 1, 1))
    with pytest.raises(ConfigurationError):
        cal.add_working_minutes(at(2026, 3, 9, 9), 60)


# --- working time -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end", "minutes"),
    [
        # Mon 09:00 → Mon 10:00: one hour inside the morning.
        (at(2026, 3, 9, 9), at(2026, 3, 9, 10), 60),
        # Mon 11:00 → Mon 14:00: 30 min before lunch + 30 min after; lunch does not count.
        (at(2026, 3, 9, 11), at(2026, 3, 9, 14), 60),
        # Mon 12:00 → Mon 13:00: all lunch.
        (at(2026, 3, 9, 12), at(2026, 3, 9, 13), 0),
        # Mon 06:00 → Mon 18:00: the whole day, 8 h.
        (at(2026, 3, 9, 6), at(2026, 3, 9, 18), 480),
        # Fri 16:00 → Mon 08:00: 1 h on Friday + 1 h on Monday; the weekend does not count.
        (at(2026, 3, 13, 16), at(2026, 3, 16, 8), 120),
        # Fri 13/2/2026 16:00 → Mon 23/2 07:30: 60 + 30 min; Tết does not count.
        (at(2026, 2, 13, 16), at(2026, 2, 23, 7, 30), 90),
        # Sat → Sun: nothing.
        (at(2026, 3, 14, 9), at(2026, 3, 15, 16), 0),
        # Sat 22/8/2026 is a swapped working day: 09:00 → 10:00 is one hour.
        (at(2026, 8, 22, 9), at(2026, 8, 22, 10), 60),
        # end before start counts as nothing
        (at(2026, 3, 10, 9), at(2026, 3, 9, 9), 0),
    ],
)
def test_working_minutes_between(start: datetime, end: datetime, minutes: int) -> None:
    assert CAL.working_minutes_between(start, end) == minutes


def test_working_minutes_between_accepts_other_time_zones() -> None:
    # 02:00 and 03:00 UTC are 09:00 and 10:00 in Hà Nội.
    start = datetime(2026, 3, 9, 2, tzinfo=UTC)
    end = datetime(2026, 3, 9, 3, tzinfo=UTC)
    assert CAL.working_minutes_between(start, end) == 60
    assert to_office_time(start) == datetime(2026, 3, 9, 9)


def test_working_time_over_years_is_eight_hours_per_working_day() -> None:
    # A supplement may be awaited for a very long time: three years of office time is
    # 480 minutes for every working day, counted day by day.
    first, last = date(2025, 1, 1), date(2027, 12, 31)
    worked = sum(CAL.is_working_day(d) for d in days_between(first, last))
    assert 700 < worked < 800
    minutes = CAL.working_minutes_between(at(2025, 1, 1), at(2027, 12, 31, 23, 59))
    assert minutes == 480 * worked
    assert CAL.add_working_minutes(at(2025, 1, 1), minutes) == at(2027, 12, 31, 17)


@st.composite
def working_instants(draw: st.DrawFn, calendar: WorkingCalendar = CAL) -> datetime:
    """A minute inside office hours on a working day of 2025–2027."""
    day = draw(st.dates(date(2025, 1, 1), date(2027, 12, 31)).filter(calendar.is_working_day))
    start, end = draw(st.sampled_from(calendar.hours.periods))
    span = (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute)
    offset = draw(st.integers(0, span - 1))
    return at(day.year, day.month, day.day, start.hour, start.minute) + timedelta(minutes=offset)


any_instants = st.datetimes(datetime(2025, 1, 1), datetime(2027, 12, 31)).map(
    lambda d: d.replace(second=0, microsecond=0, tzinfo=OFFICE_TZ)
)


@settings(deadline=None)
@given(working_instants(), st.integers(0, 40 * 480))
def test_adding_then_measuring_gives_back_the_minutes(start: datetime, minutes: int) -> None:
    result = CAL.add_working_minutes(start, minutes)
    assert result.tzinfo is not None
    assert result >= start
    assert CAL.working_minutes_between(start, result) == minutes


@settings(deadline=None)
@given(working_instants(), st.integers(1, 40 * 480))
def test_added_time_ends_inside_a_working_period(start: datetime, minutes: int) -> None:
    # The result is never in lunch, at night or on a day off; a period's end counts as in.
    local = to_office_time(CAL.add_working_minutes(start, minutes))
    assert CAL.is_working_day(local.date())
    assert any(begin < local.time() <= end for begin, end in CAL.hours.periods)


@settings(deadline=None)
@given(any_instants, any_instants, any_instants)
def test_working_time_adds_up(a: datetime, b: datetime, c: datetime) -> None:
    a, b, c = sorted((a, b, c))
    ab = CAL.working_minutes_between(a, b)
    bc = CAL.working_minutes_between(b, c)
    assert ab + bc == CAL.working_minutes_between(a, c)
    assert ab <= (b - a).total_seconds() // 60


@settings(deadline=None)
@given(any_instants, st.integers(1, 480))
def test_adding_from_outside_office_hours_starts_at_the_next_opening(
    start: datetime, minutes: int
) -> None:
    # Whatever the start, the working time from start to the result is what was asked.
    result = CAL.add_working_minutes(start, minutes)
    assert CAL.working_minutes_between(start, result) == minutes


def test_adding_zero_minutes() -> None:
    # Inside working time: the same instant. Outside: the next opening.
    assert CAL.add_working_minutes(at(2026, 3, 9, 9, 15), 0) == at(2026, 3, 9, 9, 15)
    assert CAL.add_working_minutes(at(2026, 3, 9, 12), 0) == at(2026, 3, 9, 13, 30)
    assert CAL.add_working_minutes(at(2026, 3, 13, 17), 0) == at(2026, 3, 16, 7)
