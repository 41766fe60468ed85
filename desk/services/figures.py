"""A period's figures for the supervisor (``desk figures``): the store finds the dossiers
that can count, the domain counts them (``desk.domain.figures``)."""

from __future__ import annotations

from datetime import date, datetime

from desk.domain.access import Permission
from desk.domain.calendar import now_in_office
from desk.domain.figures import OfficeFigures, Period, office_figures
from desk.services.context import DeskContext
from desk.store import figures as store_figures


def period_figures(
    ctx: DeskContext, first_day: date, last_day: date, *, now: datetime | None = None
) -> OfficeFigures:
    ctx.require(Permission.REPORTS)
    period = Period(first_day, last_day)
    with ctx.db.read() as session:
        found = store_figures.iter_period_dossiers(session, period.start, period.end)
        return office_figures(found, period, now or now_in_office())
