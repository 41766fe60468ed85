"""The dossier list of the desk window: filters, pages, search, and the day's figures.

Plain Python: the Qt table model calls ``list_page`` from a worker thread, one page at a
time, and never needs to know whether the rows came from a filter or from a search.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from desk.domain.access import Permission
from desk.domain.calendar import now_in_office, to_office_time
from desk.domain.dossier import DossierSummary
from desk.domain.formats import day_with_weekday
from desk.domain.status import RUNNING_STATUSES, Status
from desk.domain.text import clean
from desk.services.context import DeskContext
from desk.services.search import search
from desk.services.today import DeskFigures as DeskFigures  # the today panel's, named here
from desk.services.today import Period as Period  # too (its first figures do not load
from desk.services.today import desk_figures as desk_figures  # the list's code)
from desk.services.today import start_of_day as start_of_day
from desk.store import office as store_office
from desk.store import search as store_search
from desk.store.search import ListQuery

PAGE_SIZE = 100
# A search page is filtered after the fact; a few search pages are read to fill a list
# page before giving the rest to the next scroll.
SEARCH_PAGES_PER_FETCH = 5


@dataclass(frozen=True, slots=True)
class ListFilter:
    """What the clerk chose above the list."""

    period: Period = Period.ALL
    status: Status | None = None
    procedure_code: str = ""
    clerk_id: int | None = None
    text: str = ""  # the search box: code, ID number, phone or (folded) name

    @property
    def is_search(self) -> bool:
        return bool(clean(self.text))


def next_day_label(ctx: DeskContext, now: datetime | None = None) -> str:
    """ "Due on the next working day" as the clerk reads it: "Thứ Hai 23/11"."""
    day = ctx.calendar.next_working_day(to_office_time(now or now_in_office()).date())
    return day_with_weekday(day)


def to_query(ctx: DeskContext, chosen: ListFilter, now: datetime) -> ListQuery:
    today = to_office_time(now).date()
    query = ListQuery(
        statuses=(chosen.status,) if chosen.status is not None else (),
        procedure_code=chosen.procedure_code,
        clerk_id=chosen.clerk_id,
    )
    if chosen.period is Period.RECEIVED_TODAY:
        return replace(
            query,
            received_from=start_of_day(today),
            received_before=start_of_day(today + timedelta(days=1)),
        )
    if chosen.period is Period.OVERDUE:
        return replace(query, overdue_at=now)
    if chosen.period in (Period.DUE_TODAY, Period.DUE_NEXT_DAY):
        day = today
        if chosen.period is Period.DUE_NEXT_DAY:
            day = ctx.calendar.next_working_day(today)
        return replace(
            query, due_from=start_of_day(day), due_before=start_of_day(day + timedelta(days=1))
        )
    return query


def matches(summary: DossierSummary, query: ListQuery, clerk_name: str = "") -> bool:
    """The same filter as the SQL, for search results filtered after the search."""
    running = summary.status in RUNNING_STATUSES
    checks = (
        query.received_from is None or summary.received_at >= query.received_from,
        query.received_before is None or summary.received_at < query.received_before,
        query.due_from is None or (running and summary.due_at >= query.due_from),
        query.due_before is None or (running and summary.due_at < query.due_before),
        query.overdue_at is None or (running and summary.due_at < query.overdue_at),
        not query.statuses or summary.status in query.statuses,
        not query.procedure_code or summary.procedure_code == query.procedure_code,
        query.clerk_id is None or summary.clerk_name == clerk_name,
    )
    return all(checks)


@dataclass(frozen=True, slots=True)
class ListPage:
    rows: list[DossierSummary]
    next_before_id: int | None  # None: the list has no more rows


def list_page(
    ctx: DeskContext,
    chosen: ListFilter,
    *,
    before_id: int | None = None,
    limit: int = PAGE_SIZE,
    now: datetime | None = None,
) -> ListPage:
    """One page of the list. Raises InvalidInput for a search too short to run."""
    ctx.require(Permission.SEARCH)
    now = now or now_in_office()
    query = to_query(ctx, chosen, now)
    if not chosen.is_search:
        with ctx.db.read() as session:
            rows = store_search.list_page(session, query, limit=limit, before_id=before_id)
        return ListPage(rows, rows[-1].id if len(rows) == limit else None)
    clerk_name = ""
    if chosen.clerk_id is not None:
        clerk_name = dict(staff(ctx)).get(chosen.clerk_id, "")
    found: list[DossierSummary] = []
    cursor = before_id
    for _ in range(SEARCH_PAGES_PER_FETCH):
        batch = search(ctx, chosen.text, limit=limit, before_id=cursor)
        found.extend(s for s in batch if matches(s, query, clerk_name))
        if len(batch) < limit:
            return ListPage(found, None)
        cursor = batch[-1].id
        if len(found) >= limit // 2:
            break
    return ListPage(found, cursor)


def staff(ctx: DeskContext) -> list[tuple[int, str]]:
    with ctx.db.read() as session:
        return store_office.staff_names(session)


def procedures(ctx: DeskContext) -> list[tuple[str, str]]:
    return [(p.code, p.name) for p in ctx.catalogue()]
