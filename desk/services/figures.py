"""The supervisor's figures (``desk figures``, ``desk report``, the supervisor's screen):
the store counts the rows (``desk.store.figures``), the domain says how a dossier counts
(``desk.domain.figures``) and scores the period (``desk.domain.service_index``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from desk.domain.access import Permission
from desk.domain.calendar import now_in_office, to_office_time
from desk.domain.dossier import DossierSummary
from desk.domain.figures import FigureLine, Grouping, Period, PeriodFigures
from desk.domain.service_index import ServiceIndex, shipped_service_index
from desk.services.context import DeskContext
from desk.services.dossier_list import start_of_day
from desk.store import figures as store_figures
from desk.store import search as store_search
from desk.store.search import ListQuery

WATCH_LIMIT = 200  # rows of each list on the supervisor's screen
DUE_SOON_WORKING_DAYS = 2


def period_figures(
    ctx: DeskContext,
    period: Period,
    grouping: Grouping = Grouping.OFFICE,
    *,
    now: datetime | None = None,
) -> PeriodFigures:
    """The period's figures for the whole office and, unless ``grouping`` is the office,
    one line per field, procedure or clerk."""
    ctx.require(Permission.REPORTS)
    as_of = min(now or now_in_office(), period.end)
    with ctx.db.read() as session:
        return store_figures.period_figures(session, period, grouping, as_of)


def monthly_trend(
    ctx: DeskContext, last: Period, months: int = 12, *, now: datetime | None = None
) -> list[tuple[Period, FigureLine]]:
    """The office's line for each of the ``months`` months ending with ``last``'s month,
    oldest first (the supervisor's trend)."""
    ctx.require(Permission.REPORTS)
    now = now or now_in_office()
    with ctx.db.read() as session:
        return store_figures.monthly_lines(session, last.months_before(months), now)


@dataclass(frozen=True, slots=True)
class WatchList:
    """What the supervisor must act on now."""

    overdue: list[DossierSummary]
    due_soon: list[DossierSummary]  # running, due before the end of the 2nd working day
    due_soon_until: datetime


def watch_list(ctx: DeskContext, *, now: datetime | None = None) -> WatchList:
    ctx.require(Permission.REPORTS)
    now = now or now_in_office()
    day = to_office_time(now).date()
    for _ in range(DUE_SOON_WORKING_DAYS):
        day = ctx.calendar.next_working_day(day)
    until = start_of_day(day + timedelta(days=1))
    with ctx.db.read() as session:
        overdue = store_search.due_first(session, ListQuery(overdue_at=now), limit=WATCH_LIMIT)
        soon = store_search.due_first(
            session, ListQuery(due_from=now, due_before=until), limit=WATCH_LIMIT
        )
    return WatchList(overdue, soon, until)


def service_index(ctx: DeskContext) -> ServiceIndex:
    """The targets and the indicators of Decision 766 (shipped data, **verify**)."""
    return shipped_service_index()
