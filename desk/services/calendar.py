"""The office's working calendar: a year's days off, due times, and a supervisor's
per-year corrections (extra days off, swapped working Saturdays)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

from desk.domain import limits
from desk.domain.access import Permission
from desk.domain.audit import AuditAction, AuditEntry
from desk.domain.calendar import (
    CalendarOverride,
    DayKind,
    NonWorkingDay,
    NoticeStatus,
    now_in_office,
)
from desk.domain.intake import IntakeTerms, intake_terms
from desk.domain.office import User
from desk.errors import InvalidInput
from desk.services.context import DeskContext
from desk.store import audit as store_audit
from desk.store import office as store_office

FIRST_YEAR = 1900
LAST_YEAR = 2199

DEFAULT_NAMES = {DayKind.OFF: "Nghỉ theo thông báo", DayKind.WORK: "Làm việc bù"}


@dataclass(frozen=True, slots=True)
class YearCalendar:
    year: int
    days_off: list[NonWorkingDay]  # public holidays and extra days off, weekends aside
    extra_working_days: list[CalendarOverride]  # weekend days worked this year
    notice: NoticeStatus = NoticeStatus.LIBRARY  # is the year's official notice entered?
    notice_through: int | None = None  # the last year the holidays library has notices for
    estimated: frozenset[date] = frozenset()  # days off / worked that are only estimates

    def is_estimated(self, day: date) -> bool:
        return day in self.estimated


def year_calendar(ctx: DeskContext, year: int) -> YearCalendar:
    calendar = ctx.calendar  # says so clearly when the office is not set up yet
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise InvalidInput(
            f"Năm {year} nằm ngoài khoảng {FIRST_YEAR}–{LAST_YEAR}.", code="calendar.year"
        )
    days_off = calendar.non_working_days(year)
    extra = calendar.extra_working_days(year)
    days = [d.day for d in days_off] + [o.day for o in extra]
    return YearCalendar(
        year,
        days_off,
        extra,
        notice=calendar.notice_status(year),
        notice_through=calendar.notice_through,
        estimated=frozenset(day for day in days if calendar.is_estimated(day)),
    )


def due_terms(
    ctx: DeskContext,
    procedure_code: str,
    received: datetime,
    *,
    needs_checks: bool = False,
    pauses: Sequence[tuple[datetime, datetime]] = (),
) -> IntakeTerms:
    """The processing time and due time of a procedure for a dossier received at
    ``received``: the same terms the intake records (the longer time when checks are
    needed and the procedure has one, else the normal time), the due time moved by each
    supplement pause (from, to) as the dossier's own would be.

    A procedure no longer offered at the desk is still found, for dossiers received
    before it was withdrawn.
    """
    calendar = ctx.calendar  # says so clearly when the office is not set up yet
    with ctx.db.read() as session:
        procedure = store_office.get_procedure(session, procedure_code)
    terms = intake_terms(calendar, procedure, received, needs_checks=needs_checks)
    if not pauses:
        return terms
    return replace(terms, due_at=calendar.due_with_pauses(received, terms.processing, pauses))


def _calendar_entry(
    user: User,
    day: date,
    now: datetime,
    change: str,
    override: CalendarOverride,
    previous: CalendarOverride | None,
) -> AuditEntry:
    detail: dict[str, Any] = {
        "change": change,  # "put" or "removed"
        "day": day.isoformat(),
        "kind": override.kind.value,
        "name": override.name,
    }
    if previous is not None and change == "put":
        detail["previous"] = {"kind": previous.kind.value, "name": previous.name}
    return store_audit.entry(
        AuditAction.CALENDAR_CHANGED, str(day), at=now, actor=user, detail=detail
    )


def put_override(ctx: DeskContext, day: date, kind: DayKind, name: str = "") -> CalendarOverride:
    """Make ``day`` a day off or a working day, replacing any earlier correction of it
    (CALENDAR; logged in the acting account's name)."""
    user = ctx.require(Permission.CALENDAR)
    limits.DAY.check(day)
    override = CalendarOverride(day, kind, limits.CALENDAR_NAME.check(name) or DEFAULT_NAMES[kind])
    now = now_in_office()
    with ctx.db.write() as session:
        previous = store_office.get_calendar_override(session, day)
        store_office.put_calendar_override(session, override, by=user.username, now=now)
        store_audit.append(session, [_calendar_entry(user, day, now, "put", override, previous)])
    ctx.forget_cached()
    return override


def remove_override(ctx: DeskContext, day: date) -> None:
    """Drop the correction of ``day``; the day follows the law's calendar again."""
    user = ctx.require(Permission.CALENDAR)
    now = now_in_office()
    with ctx.db.write() as session:
        previous = store_office.get_calendar_override(session, day)
        if previous is None:
            raise InvalidInput(
                f"Ngày {day:%d/%m/%Y} không có điều chỉnh nào.", code="calendar.no_override"
            )
        store_office.remove_calendar_override(session, day)
        store_audit.append(session, [_calendar_entry(user, day, now, "removed", previous, None)])
    ctx.forget_cached()
