"""Due times (DOMAIN §6), worked out by hand.

Default office hours: 07:00–11:30 (270 min) and 13:30–17:00 (210 min) = 480 min a day.
One working day = 480 working minutes; half a day = 240.
The week of Mon 9/3/2026 – Fri 13/3/2026 has no holiday and is used for the plain rules.
"""

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
    OfficeHours,
    ProcessingTime,
    WorkingCalendar,
    to_office_time,
)
from desk.domain.dossier import Timeliness, judge_timeliness

CAL = WorkingCalendar()
SAME_DAY = ProcessingTime(Decimal(0), time(15, 0))


def at(y: int, mo: int, d: int, h: int = 0, mi: int = 0, s: int = 0) -> datetime:
    return datetime(y, mo, d, h, mi, s, tzinfo=OFFICE_TZ)


def days(n: str) -> ProcessingTime:
    return ProcessingTime(Decimal(n))


def test_the_sample_week_is_what_the_comments_say() -> None:
    assert date(2026, 3, 9).weekday() == 0  # Monday
    assert date(2026, 2, 13).weekday() == 4  # Friday before Tết 2026
    assert date(2027, 2, 3).weekday() == 2  # Wednesday before Tết 2027
    assert date(2026, 4, 24).weekday() == 4
    assert date(2026, 8, 22).weekday() == 5  # the swapped Saturday
    assert date(2026, 11, 24).weekday() == 1


# --- the examples of DOMAIN §6 ------------------------------------------------------------


@pytest.mark.parametrize(
    ("received", "n", "due"),
    [
        # Mon 09:00 + 3 days → Thu 09:00.
        (at(2026, 3, 9, 9), "3", at(2026, 3, 12, 9)),
        # Mon 07:00 + 3 days: Mon, Tue, Wed are used up exactly at Wed 17:00 — the end
        # of a period, not Thu 07:00.
        (at(2026, 3, 9, 7), "3", at(2026, 3, 11, 17)),
        # Tue 13:30 + 3: Tue 210 + Wed 480 + Thu 480 = 1170; 270 left = Fri morning → 11:30.
        (at(2026, 3, 10, 13, 30), "3", at(2026, 3, 13, 11, 30)),
        # Before opening (06:15) counts from 07:00 → as the Mon 07:00 example.
        (at(2026, 3, 9, 6, 15), "3", at(2026, 3, 11, 17)),
        # During lunch (12:10) counts from 13:30: Mon 210 + Tue + Wed = 1170, 270 left →
        # Thu 11:30.
        (at(2026, 3, 9, 12, 10), "3", at(2026, 3, 12, 11, 30)),
        # At 11:30 sharp the morning is over: also from 13:30.
        (at(2026, 3, 9, 11, 30), "3", at(2026, 3, 12, 11, 30)),
        # After closing (17:45) counts from Tue 07:00: Tue, Wed, Thu → Thu 17:00.
        (at(2026, 3, 9, 17, 45), "3", at(2026, 3, 12, 17)),
        # At 17:00 sharp, the same.
        (at(2026, 3, 9, 17), "3", at(2026, 3, 12, 17)),
        # On a weekend (Sat 14/3 10:00) counts from Mon 16/3 07:00 → Wed 18/3 17:00.
        (at(2026, 3, 14, 10), "3", at(2026, 3, 18, 17)),
        (at(2026, 3, 15, 23, 59), "3", at(2026, 3, 18, 17)),
    ],
)
def test_domain_examples(received: datetime, n: str, due: datetime) -> None:
    assert CAL.due_at(received, days(n)) == due


@pytest.mark.parametrize(
    ("received", "due"),
    [
        # Before the 15:00 cut-off → closing time the same day.
        (at(2026, 3, 9, 9), at(2026, 3, 9, 17)),
        (at(2026, 3, 9, 14, 59), at(2026, 3, 9, 17)),
        (at(2026, 3, 9, 6, 30), at(2026, 3, 9, 17)),  # before opening
        (at(2026, 3, 9, 12), at(2026, 3, 9, 17)),  # at lunch
        # After the cut-off → closing time the next working day.
        (at(2026, 3, 9, 15, 1), at(2026, 3, 10, 17)),
        (at(2026, 3, 9, 16, 59), at(2026, 3, 10, 17)),
        (at(2026, 3, 9, 17, 30), at(2026, 3, 10, 17)),  # after closing
        # Friday after the cut-off → Monday.
        (at(2026, 3, 13, 15, 30), at(2026, 3, 16, 17)),
        # On a non-working day → closing time the next working day.
        (at(2026, 3, 14, 9), at(2026, 3, 16, 17)),
        (at(2026, 3, 15, 14), at(2026, 3, 16, 17)),
    ],
)
def test_same_day_cutoff(received: datetime, due: datetime) -> None:
    assert CAL.due_at(received, SAME_DAY) == due


def test_same_day_without_a_cutoff_runs_to_closing() -> None:
    # No cut-off: anything received while the office is open is due at 17:00 that day.
    plain = ProcessingTime(Decimal(0))
    assert CAL.due_at(at(2026, 3, 9, 16, 30), plain) == at(2026, 3, 9, 17)
    assert CAL.due_at(at(2026, 3, 9, 17, 10), plain) == at(2026, 3, 10, 17)


# --- holidays ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("received", "processing", "due"),
    [
        # Tết 2026 (off Sat 14/2 – Sun 22/2). Fri 13/2 09:00 + 3: Fri gives 150 + 210 = 360,
        # 1080 left; Mon 23/2 480 → 600; Tue 24/2 480 → 120; Wed 25/2 07:00 + 120 → 09:00.
        (at(2026, 2, 13, 9), days("3"), at(2026, 2, 25, 9)),
        # Fri 13/2 15:30, same day, after the cut-off → next working day Mon 23/2 17:00.
        (at(2026, 2, 13, 15, 30), SAME_DAY, at(2026, 2, 23, 17)),
        # Received during the break (Wed 18/2) with 3 days → counts from Mon 23/2 07:00 →
        # exactly three whole days → Wed 25/2 17:00.
        (at(2026, 2, 18, 10), days("3"), at(2026, 2, 25, 17)),
        # Sat 14/2 (first day of the civil servants' break), same day → Mon 23/2 17:00.
        (at(2026, 2, 14, 9), SAME_DAY, at(2026, 2, 23, 17)),
        # Tết 2027 (library: Thu 4/2 – Wed 10/2/2027). Wed 3/2 14:00 + 1 day: 180 that
        # afternoon, 300 left; Thu 11/2 morning 270 → 30 left; 13:30 + 30 → 14:00.
        (at(2027, 2, 3, 14), days("1"), at(2027, 2, 11, 14)),
        # Wed 3/2/2027 16:00, same day, after the cut-off → Thu 11/2/2027 17:00.
        (at(2027, 2, 3, 16), SAME_DAY, at(2027, 2, 11, 17)),
        # Giỗ Tổ (observed Mon 27/4/2026) then 30/4–1/5 (Thu/Fri). Fri 24/4 09:00 + 3:
        # Fri 360 → 1080 left; Tue 28/4 → 600; Wed 29/4 → 120; Thu 30/4 to Sun 3/5 off;
        # Mon 4/5 07:00 + 120 → 09:00.
        (at(2026, 4, 24, 9), days("3"), at(2026, 5, 4, 9)),
        # Fri 24/4 15:30, same day → Mon 27/4 is Giỗ Tổ (observed) → Tue 28/4 17:00.
        (at(2026, 4, 24, 15, 30), SAME_DAY, at(2026, 4, 28, 17)),
        # Wed 29/4 10:00 + 1: 90 + 210 = 300, 180 left; next working day Mon 4/5 → 10:00.
        (at(2026, 4, 29, 10), days("1"), at(2026, 5, 4, 10)),
        # Wed 29/4 15:05, same day → Mon 4/5 17:00.
        (at(2026, 4, 29, 15, 5), SAME_DAY, at(2026, 5, 4, 17)),
        # National Day 2026: Mon 31/8 (swapped), Tue 1/9, Wed 2/9 off. Fri 28/8 09:00 + 1:
        # 360 on Friday, 120 left → Thu 3/9 09:00.
        (at(2026, 8, 28, 9), days("1"), at(2026, 9, 3, 9)),
        # Sat 22/8/2026 is the swapped working Saturday: 09:00 + 1 → 360 on Saturday,
        # 120 left, Sunday off → Mon 24/8 09:00.
        (at(2026, 8, 22, 9), days("1"), at(2026, 8, 24, 9)),
        # Same day on that Saturday, before the cut-off → that Saturday 17:00.
        (at(2026, 8, 22, 10), SAME_DAY, at(2026, 8, 22, 17)),
        # Fri 21/8 after the cut-off → the next working day is Saturday 22/8.
        (at(2026, 8, 21, 15, 30), SAME_DAY, at(2026, 8, 22, 17)),
        # Ngày Văn hóa Việt Nam, Tue 24/11/2026. Mon 23/11 09:00 + 1: 360 on Monday,
        # 120 left → Wed 25/11 09:00.
        (at(2026, 11, 23, 9), days("1"), at(2026, 11, 25, 9)),
        # Mon 23/11 16:00, same day → Wed 25/11 17:00.
        (at(2026, 11, 23, 16), SAME_DAY, at(2026, 11, 25, 17)),
        # New Year 2027 is a Friday: Thu 31/12/2026 09:00 + 1 → 360, 120 left → Mon 4/1/2027
        # 09:00 (across the year boundary).
        (at(2026, 12, 31, 9), days("1"), at(2027, 1, 4, 9)),
    ],
)
def test_due_times_across_holidays(
    received: datetime, processing: ProcessingTime, due: datetime
) -> None:
    assert CAL.due_at(received, processing) == due


# --- half days -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("received", "n", "due"),
    [
        # 0.5 day = 240 min. Mon 09:00: 150 in the morning, 90 left → 13:30 + 90 = 15:00.
        (at(2026, 3, 9, 9), "0.5", at(2026, 3, 9, 15)),
        # Mon 07:00 + 240 → 11:00, still in the morning.
        (at(2026, 3, 9, 7), "0.5", at(2026, 3, 9, 11)),
        # Mon 13:30: 210 that afternoon, 30 left → Tue 07:30.
        (at(2026, 3, 9, 13, 30), "0.5", at(2026, 3, 10, 7, 30)),
        # Mon 07:30: 240 → 11:30 exactly, the end of the morning, not 13:30.
        (at(2026, 3, 9, 7, 30), "0.5", at(2026, 3, 9, 11, 30)),
        # 1.5 days = 720. Mon 07:00: Monday 480, 240 left → Tue 11:00.
        (at(2026, 3, 9, 7), "1.5", at(2026, 3, 10, 11)),
        # 2.5 days = 1200 from Fri 13/2/2026 13:30: 210, then Tết; Mon 23/2 480 (510 left),
        # Tue 24/2 480 (30 left) → Wed 25/2 07:30.
        (at(2026, 2, 13, 13, 30), "2.5", at(2026, 2, 25, 7, 30)),
    ],
)
def test_half_days(received: datetime, n: str, due: datetime) -> None:
    assert CAL.due_at(received, days(n)) == due


# --- supervisor overrides ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("override", "received", "processing", "due"),
    [
        # Extra day off Tue 10/3/2026. Mon 09:00 + 3: Mon 360 (1080 left), Tue off, Wed 480
        # (600), Thu 480 (120) → Fri 13/3 09:00 instead of Thu.
        (
            CalendarOverride(date(2026, 3, 10), DayKind.OFF, "Nghỉ"),
            at(2026, 3, 9, 9),
            days("3"),
            at(2026, 3, 13, 9),
        ),
        # A worked Saturday 14/3/2026. Fri 09:00 + 1: Fri 360, 120 left → Sat 09:00.
        (
            CalendarOverride(date(2026, 3, 14), DayKind.WORK, "Làm bù"),
            at(2026, 3, 13, 9),
            days("1"),
            at(2026, 3, 14, 9),
        ),
        # Work on the library's holiday 24/11/2026: Mon 09:00 + 1 → Tue 24/11 09:00.
        (
            CalendarOverride(date(2026, 11, 24), DayKind.WORK),
            at(2026, 11, 23, 9),
            days("1"),
            at(2026, 11, 24, 9),
        ),
        # Cancel the library's swapped Saturday 22/8/2026: Fri 21/8 09:00 + 1 → Fri 360,
        # Sat and Sun off → Mon 24/8 09:00 (not Sat 09:00).
        (
            CalendarOverride(date(2026, 8, 22), DayKind.OFF),
            at(2026, 8, 21, 9),
            days("1"),
            at(2026, 8, 24, 9),
        ),
        # A longer Tết: Mon 23/2/2026 off too. Fri 13/2 15:30 same day → Tue 24/2 17:00.
        (
            CalendarOverride(date(2026, 2, 23), DayKind.OFF, "Nghỉ Tết thêm"),
            at(2026, 2, 13, 15, 30),
            SAME_DAY,
            at(2026, 2, 24, 17),
        ),
        # Received on a day the supervisor closed (Tue 10/3) before the cut-off → still the
        # next working day, Wed 11/3 17:00.
        (
            CalendarOverride(date(2026, 3, 10), DayKind.OFF),
            at(2026, 3, 10, 9),
            SAME_DAY,
            at(2026, 3, 11, 17),
        ),
        # Received on a worked Saturday (14/3) before the cut-off → due that Saturday 17:00.
        (
            CalendarOverride(date(2026, 3, 14), DayKind.WORK),
            at(2026, 3, 14, 9),
            SAME_DAY,
            at(2026, 3, 14, 17),
        ),
    ],
)
def test_overrides_take_precedence(
    override: CalendarOverride, received: datetime, processing: ProcessingTime, due: datetime
) -> None:
    cal = WorkingCalendar(overrides=[override])
    assert cal.due_at(received, processing) == due
    # Without the override, the answer is different: the override is what moved it.
    assert CAL.due_at(received, processing) != due


# --- supplement pause ----------------------------------------------------------------------


def test_pause_moves_the_due_time_by_the_working_time_waited() -> None:
    # Received Mon 9/3 09:00 with 3 days → due Thu 12/3 09:00.
    due = CAL.due_at(at(2026, 3, 9, 9), days("3"))
    assert due == at(2026, 3, 12, 9)
    # Paused Mon 10:00, resumed Tue 10:00: 90 + 210 + 180 = 480 min = one working day.
    resumed = CAL.resume_due_at(due, at(2026, 3, 9, 10), at(2026, 3, 10, 10))
    assert resumed == at(2026, 3, 13, 9)


@pytest.mark.parametrize(
    ("due", "paused", "resumed", "new_due"),
    [
        # Over a weekend: Fri 16:00 → Mon 08:00 is 60 + 60 = 120 min. Due Mon 16/3 09:00
        # + 120 → 11:00.
        (at(2026, 3, 16, 9), at(2026, 3, 13, 16), at(2026, 3, 16, 8), at(2026, 3, 16, 11)),
        # Over lunch: 11:00 → 14:00 is 30 + 30 = 60 min. Due Thu 12/3 17:00 (end of day)
        # + 60 → Fri 13/3 08:00.
        (at(2026, 3, 12, 17), at(2026, 3, 9, 11), at(2026, 3, 9, 14), at(2026, 3, 13, 8)),
        # Due at 11:30 + 30 waited → lunch is skipped → 14:00.
        (at(2026, 3, 12, 11, 30), at(2026, 3, 9, 9), at(2026, 3, 9, 9, 30), at(2026, 3, 12, 14)),
        # Over Tết 2026: Fri 13/2 16:00 → Mon 23/2 07:30 is 60 + 30 = 90 min. Due Tue 24/2
        # 09:00 + 90 → 10:30.
        (at(2026, 2, 24, 9), at(2026, 2, 13, 16), at(2026, 2, 23, 7, 30), at(2026, 2, 24, 10, 30)),
        # Paused Saturday, resumed Sunday: no working time passed, the due time stays.
        (at(2026, 3, 18, 9), at(2026, 3, 14, 9), at(2026, 3, 15, 16), at(2026, 3, 18, 9)),
        # Paused at 17:10, resumed next morning at 06:50: nothing worked in between.
        (at(2026, 3, 18, 9), at(2026, 3, 9, 17, 10), at(2026, 3, 10, 6, 50), at(2026, 3, 18, 9)),
        # The move itself skips holidays: due Fri 28/8/2026 17:00, 8 h waited → the next
        # working day after Fri is Thu 3/9 (31/8–2/9 off) → Thu 3/9 17:00.
        (at(2026, 8, 28, 17), at(2026, 8, 24, 7), at(2026, 8, 24, 17), at(2026, 9, 3, 17)),
    ],
)
def test_pause_examples(
    due: datetime, paused: datetime, resumed: datetime, new_due: datetime
) -> None:
    assert CAL.resume_due_at(due, paused, resumed) == new_due


def test_pause_of_no_time_changes_nothing() -> None:
    due = at(2026, 3, 12, 9)
    assert CAL.resume_due_at(due, at(2026, 3, 10, 10), at(2026, 3, 10, 10)) == due


# --- custom office hours -------------------------------------------------------------------

SHORT = WorkingCalendar(hours=OfficeHours.parse("07:30-11:30,13:00-16:30"))  # 240 + 210 = 450


@pytest.mark.parametrize(
    ("received", "processing", "due"),
    [
        # Mon 10:00 + 2 days = 900 min: Mon 90 + 210 = 300 (600 left), Tue 450 (150 left),
        # Wed 07:30 + 150 → 10:00.
        (at(2026, 3, 9, 10), days("2"), at(2026, 3, 11, 10)),
        # Mon 07:30 + 1 day = 450 → exactly Mon 16:30, this office's closing.
        (at(2026, 3, 9, 7, 30), days("1"), at(2026, 3, 9, 16, 30)),
        # 07:10 is before this office opens → as 07:30.
        (at(2026, 3, 9, 7, 10), days("1"), at(2026, 3, 9, 16, 30)),
        # 12:30 is lunch here (11:30–13:00) → counts from 13:00: 210, then Tue 07:30 + 240
        # → 11:30.
        (at(2026, 3, 9, 12, 30), days("1"), at(2026, 3, 10, 11, 30)),
        # 0.5 day is 225 min here: Mon 07:30 + 225 → 11:15.
        (at(2026, 3, 9, 7, 30), days("0.5"), at(2026, 3, 9, 11, 15)),
        # Same day with the 15:00 cut-off → this office's closing time, 16:30.
        (at(2026, 3, 9, 14), SAME_DAY, at(2026, 3, 9, 16, 30)),
        (at(2026, 3, 9, 15, 30), SAME_DAY, at(2026, 3, 10, 16, 30)),
        # Same day without a cut-off: 16:45 is after closing → next day 16:30.
        (at(2026, 3, 9, 16, 45), ProcessingTime(Decimal(0)), at(2026, 3, 10, 16, 30)),
    ],
)
def test_custom_office_hours(received: datetime, processing: ProcessingTime, due: datetime) -> None:
    assert SHORT.due_at(received, processing) == due


def test_single_period_office() -> None:
    # Mornings only, 08:00–12:00 = 240 min a day. Mon 10:00 + 1 → Mon 120, Tue 08:00 + 120.
    cal = WorkingCalendar(hours=OfficeHours.parse("08:00-12:00"))
    assert cal.due_at(at(2026, 3, 9, 10), days("1")) == at(2026, 3, 10, 10)
    assert cal.due_at(at(2026, 3, 9, 11), SAME_DAY) == at(2026, 3, 9, 12)


# --- time zones, seconds -------------------------------------------------------------------


def test_received_in_another_time_zone() -> None:
    # 02:00 UTC is 09:00 in Hà Nội; the answer is the same instant as the local example.
    received = datetime(2026, 3, 9, 2, 0, tzinfo=UTC)
    due = CAL.due_at(received, days("3"))
    assert due == at(2026, 3, 12, 9)
    assert to_office_time(due) == datetime(2026, 3, 12, 9)
    # 08:30 UTC on Monday is 15:30 local: after the cut-off.
    assert CAL.due_at(datetime(2026, 3, 9, 8, 30, tzinfo=UTC), SAME_DAY) == at(2026, 3, 10, 17)


def test_results_are_timezone_aware() -> None:
    due = CAL.due_at(at(2026, 3, 9, 9), days("3"))
    assert due.utcoffset() == timedelta(hours=7)
    assert CAL.due_at(at(2026, 3, 9, 9), SAME_DAY).utcoffset() == timedelta(hours=7)


def test_seconds_are_carried_not_rounded_up() -> None:
    # Received Mon 09:00:30 with 3 days: three whole working days later is Thu 09:00:30.
    # The slip prints "09 giờ 00 phút" for both; rounding up to 09:01 would be a minute
    # the law does not give.
    assert CAL.due_at(at(2026, 3, 9, 9, 0, 30), days("3")) == at(2026, 3, 12, 9, 0, 30)
    # Half a minute before lunch, 1 day: 30 s in the morning, then Mon afternoon 210,
    # Tue morning 270 → ends 30 s before Tue 11:30 would, i.e. Tue 11:29:30.
    assert CAL.due_at(at(2026, 3, 9, 11, 29, 30), days("1")) == at(2026, 3, 10, 11, 29, 30)


# --- properties ----------------------------------------------------------------------------

instants = st.datetimes(datetime(2025, 12, 1), datetime(2027, 3, 31)).map(
    lambda d: d.replace(tzinfo=OFFICE_TZ)
)
processing_times = st.sampled_from(["0", "0.5", "1", "1.5", "2", "3", "5"]).map(
    lambda n: ProcessingTime(Decimal(n), time(15) if n == "0" else None)
)


@settings(deadline=None)
@given(instants, instants, processing_times)
def test_later_receipt_is_never_due_earlier(
    a: datetime, b: datetime, processing: ProcessingTime
) -> None:
    first, second = sorted((a, b))
    assert CAL.due_at(first, processing) <= CAL.due_at(second, processing)


@settings(deadline=None)
@given(instants, processing_times)
def test_due_time_is_working_time_and_gives_the_full_allowance(
    received: datetime, processing: ProcessingTime
) -> None:
    due = CAL.due_at(received, processing)
    local = to_office_time(due)
    assert due > received
    assert CAL.is_working_day(local.date())
    assert any(start < local.time() <= end for start, end in CAL.hours.periods)
    if not processing.is_same_day:
        allowance = int(processing.days * 480)
        assert CAL.working_minutes_between(received, due) == allowance
    else:
        assert local.time() == time(17)


# --- on-time verdict -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("finished", "verdict"),
    [
        (at(2026, 3, 11, 16), Timeliness.EARLY),  # the day before the due day
        (at(2026, 3, 12, 8), Timeliness.ON_TIME),  # on the due day, before the due time
        (at(2026, 3, 12, 9), Timeliness.ON_TIME),  # at the due time itself
        (at(2026, 3, 12, 9, 1), Timeliness.LATE),
        (at(2026, 3, 13, 8), Timeliness.LATE),
    ],
)
def test_timeliness_is_judged_against_the_due_time(finished: datetime, verdict: Timeliness) -> None:
    assert judge_timeliness(finished, at(2026, 3, 12, 9)) is verdict


def test_timeliness_labels() -> None:
    assert [t.label for t in Timeliness] == ["Trước hạn", "Đúng hạn", "Quá hạn"]
