"""The figures of the day a clerk keeps an eye on."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from desk.domain.calendar import from_office_time, now_in_office, to_office_time
from desk.services.context import DeskContext
from desk.store import counts as store_counts


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
    with ctx.db.read() as session:
        return TodayCounts(
            received=store_counts.count_received_between(session, start, end),
            returned=store_counts.count_returned_between(session, start, end),
            overdue=store_counts.count_overdue(session, now),
            waiting_for_sync=store_counts.count_outbox(session),
        )
