"""Due times after supplement pauses, the 15:00 edge and the time added for checks
(DOMAIN §6), worked out by hand.

Default office hours: 07:00–11:30 (270 min) and 13:30–17:00 (210 min) = 480 min a day.
Weekdays used: Mon 9/3/2026 … Fri 13/3/2026 (no holiday), Sat 14/3, Sun 15/3, Mon 16/3;
Thu 22/10/2026 and Fri 23/10/2026; Mon 2/11/2026. Tết 2026: Sat 14/2 – Sun 22/2 off.
"""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal

import pytest

from desk.domain.calendar import (
    OFFICE_TZ,
    CalendarOverride,
    DayKind,
    DueRule,
    ProcessingTime,
    WorkingCalendar,
)
from desk.domain.dossier import Timeliness, judge_timeliness
from desk.errors import InvalidInput

CAL = WorkingCalendar()
SAME_DAY = ProcessingTime(Decimal(0), time(15, 0))
# The certified copy when checks are needed: the same-day rule, then 2 more working days.
SAME_DAY_PLUS_TWO = ProcessingTime(Decimal(0), time(15, 0), added_days=Decimal(2))
# A correction when checks are needed: 3 working days, then 3 more.
THREE_PLUS_THREE = ProcessingTime(Decimal(3), added_days=Decimal(3))
SWAPPED_SATURDAY = WorkingCalendar(overrides=[CalendarOverride(date(2026, 3, 14), DayKind.WORK)])


def at(y: int, mo: int, d: int, h: int = 0, mi: int = 0, s: int = 0) -> datetime:
    return datetime(y, mo, d, h, mi, s, tzinfo=OFFICE_TZ)


def days(n: str) -> ProcessingTime:
    return ProcessingTime(Decimal(n))


def test_the_days_are_what_the_comments_say() -> None:
    assert date(2026, 3, 9).weekday() == 0
    assert date(2026, 3, 14).weekday() == 5
    assert date(2026, 10, 22).weekday() == 3
    assert date(2026, 11, 2).weekday() == 0
    assert date(2026, 2, 13).weekday() == 4


# --- the cut-off itself ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("received", "due"),
    [
        # "After 15:00" is late: 15:00 itself is still that day.
        (at(2026, 3, 9, 15), at(2026, 3, 9, 17)),
        # The slip shows minutes: 15:00 and 40 seconds reads "15 giờ 00 phút", still that day.
        (at(2026, 3, 9, 15, 0, 40), at(2026, 3, 9, 17)),
        (at(2026, 3, 9, 15, 1), at(2026, 3, 10, 17)),
        # Friday 15:00 is Friday; 15:01 is Monday.
        (at(2026, 3, 13, 15), at(2026, 3, 13, 17)),
        (at(2026, 3, 13, 15, 1), at(2026, 3, 16, 17)),
    ],
)
def test_the_cutoff_minute_is_still_that_day(received: datetime, due: datetime) -> None:
    assert CAL.due_at(received, SAME_DAY) == due


# --- time added when checks are needed ----------------------------------------------------


@pytest.mark.parametrize(
    ("received", "processing", "due"),
    [
        # The example: Mon 2/11 15:56 is after the cut-off → Tue 3/11 17:00, then
        # two whole working days → Thu 5/11 17:00 (not Wed 4/11 15:56).
        (at(2026, 11, 2, 15, 56), SAME_DAY_PLUS_TWO, at(2026, 11, 5, 17)),
        # Mon 2/11 15:00 is that day → Mon 17:00, + 2 days → Wed 4/11 17:00.
        (at(2026, 11, 2, 15), SAME_DAY_PLUS_TWO, at(2026, 11, 4, 17)),
        # Fri 13/3 10:00 → Fri 17:00, + 2 days over the weekend → Tue 17/3 17:00.
        (at(2026, 3, 13, 10), SAME_DAY_PLUS_TWO, at(2026, 3, 17, 17)),
        # 3 + 3 = 2880 min from Mon 9/3 09:00: Mon 360, Tue–Fri 4 × 480 = 1920 → 2280, Mon
        # 16/3 480 → 2760, 120 left → Tue 17/3 09:00.
        (at(2026, 3, 9, 9), THREE_PLUS_THREE, at(2026, 3, 17, 9)),
    ],
)
def test_added_days_come_after_the_normal_rule(
    received: datetime, processing: ProcessingTime, due: datetime
) -> None:
    assert CAL.due_at(received, processing) == due


def test_added_days_must_be_whole_or_half_days() -> None:
    with pytest.raises(InvalidInput):
        ProcessingTime(Decimal(0), added_days=Decimal("0.3"))
    with pytest.raises(InvalidInput):
        ProcessingTime(Decimal(0), added_days=Decimal(-1))


# --- a same-day procedure after a pause: the same-day rule from the papers' arrival -------


@pytest.mark.parametrize(
    ("calendar", "received", "pauses", "due"),
    [
        # The demo's marriage: received Thu 22/10 09:00 (due 17:00), paused at 10:00, the
        # papers back Fri 23/10 07:13 → due Fri 17:00, not 17:00 + the 313 minutes waited.
        (
            CAL,
            at(2026, 10, 22, 9),
            [(at(2026, 10, 22, 10), at(2026, 10, 23, 7, 13))],
            at(2026, 10, 23, 17),
        ),
        # Papers back exactly at 15:00 → that day.
        (CAL, at(2026, 3, 9, 8), [(at(2026, 3, 9, 9), at(2026, 3, 10, 15))], at(2026, 3, 10, 17)),
        # Papers back at 15:01 on a Friday → across the weekend, Monday 17:00.
        (
            CAL,
            at(2026, 3, 13, 8),
            [(at(2026, 3, 13, 9), at(2026, 3, 13, 15, 1))],
            at(2026, 3, 16, 17),
        ),
        # Back before opening (06:40) → that day's closing.
        (
            CAL,
            at(2026, 3, 9, 8),
            [(at(2026, 3, 9, 9), at(2026, 3, 10, 6, 40))],
            at(2026, 3, 10, 17),
        ),
        # Back during lunch (12:15) → that day's closing.
        (
            CAL,
            at(2026, 3, 9, 8),
            [(at(2026, 3, 9, 9), at(2026, 3, 10, 12, 15))],
            at(2026, 3, 10, 17),
        ),
        # Back after closing (17:20 Wed) → Thu 17:00.
        (
            CAL,
            at(2026, 3, 9, 8),
            [(at(2026, 3, 9, 9), at(2026, 3, 11, 17, 20))],
            at(2026, 3, 12, 17),
        ),
        # Back on a Saturday → Monday 17:00.
        (CAL, at(2026, 3, 13, 8), [(at(2026, 3, 13, 9), at(2026, 3, 14, 9))], at(2026, 3, 16, 17)),
        # Back during Tết 2026 (Wed 18/2) → the first day after the break, Mon 23/2 17:00.
        (CAL, at(2026, 2, 13, 8), [(at(2026, 2, 13, 10), at(2026, 2, 18, 9))], at(2026, 2, 23, 17)),
        # A swapped working Saturday: back Fri 16:00 (after the cut-off) → Sat 14/3 17:00 …
        (
            SWAPPED_SATURDAY,
            at(2026, 3, 13, 8),
            [(at(2026, 3, 13, 9), at(2026, 3, 13, 16))],
            at(2026, 3, 14, 17),
        ),
        # … and back on that Saturday morning → that Saturday 17:00.
        (
            SWAPPED_SATURDAY,
            at(2026, 3, 13, 8),
            [(at(2026, 3, 13, 9), at(2026, 3, 14, 10))],
            at(2026, 3, 14, 17),
        ),
        # Two pauses: the last arrival decides (Tue 08:00 → Tue 17:00).
        (
            CAL,
            at(2026, 3, 9, 8),
            [(at(2026, 3, 9, 9), at(2026, 3, 9, 10)), (at(2026, 3, 9, 14), at(2026, 3, 10, 8))],
            at(2026, 3, 10, 17),
        ),
    ],
)
def test_a_same_day_procedure_is_due_by_the_same_day_rule_from_the_papers_arrival(
    calendar: WorkingCalendar,
    received: datetime,
    pauses: list[tuple[datetime, datetime]],
    due: datetime,
) -> None:
    assert calendar.due_with_pauses(received, SAME_DAY, pauses) == due


def test_the_demo_marriage_finished_at_11_22_is_on_time() -> None:
    due = CAL.due_with_pauses(
        at(2026, 10, 22, 9), SAME_DAY, [(at(2026, 10, 22, 10), at(2026, 10, 23, 7, 13))]
    )
    assert judge_timeliness(at(2026, 10, 23, 11, 22), due) is Timeliness.ON_TIME


def test_one_pause_says_which_rule_moved_the_due_time() -> None:
    same_day = CAL.due_after_pause(
        at(2026, 3, 9, 17), SAME_DAY, at(2026, 3, 9, 9), at(2026, 3, 10, 8)
    )
    assert (same_day.due_at, same_day.rule) == (at(2026, 3, 10, 17), DueRule.SAME_DAY)
    moved = CAL.due_after_pause(
        at(2026, 3, 12, 9), days("3"), at(2026, 3, 9, 10), at(2026, 3, 10, 10)
    )
    assert (moved.due_at, moved.rule) == (at(2026, 3, 13, 9), DueRule.MOVED)


# --- other procedures: the due time moves by the working time that passed ------------------


@pytest.mark.parametrize(
    ("calendar", "received", "processing", "pauses", "due"),
    [
        # Wed 11/3 09:00 + 3 → Mon 16/3 09:00. Paused Fri 16:00 → Mon 08:00 across the
        # weekend: 60 + 60 = 120 min → Mon 11:00.
        (
            CAL,
            at(2026, 3, 11, 9),
            days("3"),
            [(at(2026, 3, 13, 16), at(2026, 3, 16, 8))],
            at(2026, 3, 16, 11),
        ),
        # Across Tết: Thu 12/2 09:00 + 3 → Thu 360, Fri 480, Mon 23/2 480, 120 left → Tue
        # 24/2 09:00. Paused Fri 13/2 13:30 → Mon 23/2 09:00: 210 + 120 = 330 → Tue 09:00
        # + 150 to 11:30, 180 left → 16:30.
        (
            CAL,
            at(2026, 2, 12, 9),
            days("3"),
            [(at(2026, 2, 13, 13, 30), at(2026, 2, 23, 9))],
            at(2026, 2, 24, 16, 30),
        ),
        # Swapped Saturday 14/3: Fri 13/3 09:00 + 1 → Fri 360, 120 left → Sat 09:00. Paused
        # Fri 10:00 → 16:00: 90 + 150 = 240 → Sat 09:00 + 150 to 11:30, 90 left → 15:00.
        (
            SWAPPED_SATURDAY,
            at(2026, 3, 13, 9),
            days("1"),
            [(at(2026, 3, 13, 10), at(2026, 3, 13, 16))],
            at(2026, 3, 14, 15),
        ),
        # The same without the swap: due Mon 16/3 09:00 + 240 → 15:00.
        (
            CAL,
            at(2026, 3, 13, 9),
            days("1"),
            [(at(2026, 3, 13, 10), at(2026, 3, 13, 16))],
            at(2026, 3, 16, 15),
        ),
        # Same day plus checks moves by working time: due Thu 5/11 17:00, paused Tue 3/11
        # 09:00 → 11:00 (120 min) → Fri 6/11 09:00.
        (
            CAL,
            at(2026, 11, 2, 15, 56),
            SAME_DAY_PLUS_TWO,
            [(at(2026, 11, 3, 9), at(2026, 11, 3, 11))],
            at(2026, 11, 6, 9),
        ),
        # Two pauses add up: Mon 9/3 09:00 + 3 → Thu 12/3 09:00; 10:00 → 11:00 (60) and
        # Tue 13:30 → 15:30 (120) → Thu 12:00 … 09:00 + 150 to 11:30, 30 left → 14:00.
        (
            CAL,
            at(2026, 3, 9, 9),
            days("3"),
            [
                (at(2026, 3, 9, 10), at(2026, 3, 9, 11)),
                (at(2026, 3, 10, 13, 30), at(2026, 3, 10, 15, 30)),
            ],
            at(2026, 3, 12, 14),
        ),
        # A pause given out of order is the same pause.
        (
            CAL,
            at(2026, 3, 9, 9),
            days("3"),
            [
                (at(2026, 3, 10, 13, 30), at(2026, 3, 10, 15, 30)),
                (at(2026, 3, 9, 10), at(2026, 3, 9, 11)),
            ],
            at(2026, 3, 12, 14),
        ),
    ],
)
def test_other_procedures_move_by_the_working_time_waited(
    calendar: WorkingCalendar,
    received: datetime,
    processing: ProcessingTime,
    pauses: list[tuple[datetime, datetime]],
    due: datetime,
) -> None:
    assert calendar.due_with_pauses(received, processing, pauses) == due


def test_no_pause_is_the_due_time_at_intake() -> None:
    assert CAL.due_with_pauses(at(2026, 3, 9, 9), days("3"), []) == at(2026, 3, 12, 9)


# --- pauses that cannot be -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("pauses", "code", "words"),
    [
        ([(at(2026, 3, 9, 12), at(2026, 3, 9, 11))], "pause.order", "phải sau"),
        ([(at(2026, 3, 9, 12), at(2026, 3, 9, 12))], "pause.order", "phải sau"),
        ([(at(2026, 3, 9, 8), at(2026, 3, 9, 11))], "pause.before_received", "trước khi tiếp nhận"),
        (
            [(at(2026, 3, 9, 10), at(2026, 3, 10, 9)), (at(2026, 3, 10, 8), at(2026, 3, 10, 10))],
            "pause.overlap",
            "chồng nhau",
        ),
    ],
)
def test_impossible_pauses_are_refused_in_vietnamese(
    pauses: list[tuple[datetime, datetime]], code: str, words: str
) -> None:
    with pytest.raises(InvalidInput) as caught:
        CAL.due_with_pauses(at(2026, 3, 9, 9), days("3"), pauses)
    assert caught.value.code == code
    assert words in caught.value.message
