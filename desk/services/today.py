"""The figures of the day a clerk keeps an eye on (the today panel), and the quick filters
its tiles open in the list. Light on purpose: the window's first figures do not load the
list's and the search's code (``desk.services.dossier_list`` names these too)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import Enum

from desk.domain.calendar import from_office_time, now_in_office, to_office_time
from desk.services.context import DeskContext
from desk.store import counts as store_counts


class Period(Enum):
    """The quick filters above the list."""

    ALL = "all"
    RECEIVED_TODAY = "received_today"
    OVERDUE = "overdue"
    DUE_TODAY = "due_today"
    DUE_NEXT_DAY = "due_next_day"


def start_of_day(day: date) -> datetime:
    return from_office_time(datetime.combine(day, datetime.min.time()))


@dataclass(frozen=True, slots=True)
class TodayCounts:
    received: int
    returned: int
    overdue: int
    waiting_for_sync: int


def today_counts(ctx: DeskContext, now: datetime | None = None) -> TodayCounts:
    now = now or now_in_office()
    start = from_office_time(datetime.combine(to_office_time(now).date(), datetime.min.time()))
    end = start + timedelta(days=1)
    with ctx.db.connect_read() as session:
        return TodayCounts(
            received=store_counts.count_received_between(session, start, end),
            returned=store_counts.count_returned_between(session, start, end),
            overdue=store_counts.count_overdue(session, now),
            waiting_for_sync=store_counts.count_outbox(session),
        )


@dataclass(frozen=True, slots=True)
class DeskFigures:
    """The today panel: the day's counts and the running dossiers due soon."""

    received: int
    returned: int
    overdue: int
    due_soon: int  # due from now to the end of the next working day
    waiting_for_sync: int

    @classmethod
    def from_counts(cls, counts: TodayCounts, due_soon: int) -> DeskFigures:
        return cls(
            received=counts.received,
            returned=counts.returned,
            overdue=counts.overdue,
            due_soon=due_soon,
            waiting_for_sync=counts.waiting_for_sync,
        )


def desk_figures(ctx: DeskContext, now: datetime | None = None) -> DeskFigures:
    now = now or now_in_office()
    counts = today_counts(ctx, now)
    next_day = ctx.calendar.next_working_day(to_office_time(now).date())
    with ctx.db.connect_read() as session:
        due_soon = store_counts.count_running_due_between(
            session, now, start_of_day(next_day + timedelta(days=1))
        )
    return DeskFigures.from_counts(counts, due_soon)
