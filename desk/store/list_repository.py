"""The SQL behind the desk's dossier list and its figures of the day.

Pages are keyset pages, newest first (``id < before_id ORDER BY id DESC LIMIT n``): the
hundredth page costs what the first one does, on SQLite and PostgreSQL alike.

Filters that keep most of the table (a status, a procedure, a clerk) walk the primary key
backwards and test each row: on a million dossiers that finds a page after a few thousand
rows, where SQLite would otherwise pick the column's index and sort hundreds of thousands
of rows to return the newest hundred. Narrow filters (received today, due on a day,
overdue) use their index, and the few rows they match are sorted.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, func, literal_column, select
from sqlalchemy.orm import Session

from desk.domain.dossier import DossierSummary
from desk.domain.status import Status
from desk.store.models import DossierRow, UserRow

# Open and running: the deadline clock ticks (a supplement request pauses it).
RUNNING_STATUSES = (
    Status.SUBMITTED_ONLINE,
    Status.RECEIVED,
    Status.PROCESSING,
    Status.PAYMENT_REQUESTED,
)

LIST_COLUMNS = (
    DossierRow.id,
    DossierRow.code,
    DossierRow.procedure_code,
    DossierRow.procedure_name,
    DossierRow.applicant_name,
    DossierRow.applicant_phone,
    DossierRow.status,
    DossierRow.received_at,
    DossierRow.due_at,
    DossierRow.rescheduled_due_at,
    DossierRow.paused_at,
    DossierRow.clerk_name,
)


@dataclass(frozen=True, slots=True)
class ListQuery:
    """What the list shows; every field left empty means "any"."""

    received_from: datetime | None = None
    received_before: datetime | None = None
    due_from: datetime | None = None  # running dossiers due in [due_from, due_before)
    due_before: datetime | None = None
    overdue_at: datetime | None = None  # running dossiers past their due time at that moment
    statuses: tuple[Status, ...] = ()
    procedure_code: str = ""
    clerk_id: int | None = None


def _unindexed(column: Any) -> ColumnElement[Any]:
    """The column behind a unary plus: SQLite (and PostgreSQL) will not use its index."""
    return literal_column(f"+{DossierRow.__tablename__}.{column.key}")


def _where(stmt: Select[Any], query: ListQuery) -> Select[Any]:
    narrow = (
        query.received_from is not None
        or query.due_from is not None
        or query.overdue_at is not None
    )
    if query.received_from is not None:
        stmt = stmt.where(DossierRow.received_at >= query.received_from)
    if query.received_before is not None:
        stmt = stmt.where(DossierRow.received_at < query.received_before)
    running = [int(s) for s in RUNNING_STATUSES]
    if query.due_from is not None:
        stmt = stmt.where(DossierRow.status.in_(running), DossierRow.due_at >= query.due_from)
    if query.due_before is not None:
        stmt = stmt.where(DossierRow.status.in_(running), DossierRow.due_at < query.due_before)
    if query.overdue_at is not None:
        stmt = stmt.where(DossierRow.status.in_(running), DossierRow.due_at < query.overdue_at)
    if query.statuses:
        values = [int(s) for s in query.statuses]
        status: Any = DossierRow.status if narrow else _unindexed(DossierRow.status)
        stmt = stmt.where(status.in_(values))
    if query.procedure_code:
        procedure: Any = (
            DossierRow.procedure_code if narrow else _unindexed(DossierRow.procedure_code)
        )
        stmt = stmt.where(procedure == query.procedure_code)
    if query.clerk_id is not None:
        stmt = stmt.where(DossierRow.clerk_id == query.clerk_id)
    return stmt


def _summary(row: Any) -> DossierSummary:
    return DossierSummary(
        id=row[0],
        code=row[1],
        procedure_code=row[2],
        procedure_name=row[3],
        applicant_name=row[4],
        applicant_phone=row[5],
        status=Status(row[6]),
        received_at=row[7],
        due_at=row[8],
        rescheduled_due_at=row[9],
        paused_at=row[10],
        clerk_name=row[11],
    )


def list_page(
    session: Session, query: ListQuery, *, limit: int, before_id: int | None = None
) -> list[DossierSummary]:
    """One page of the list, newest first; the next page starts before the last id."""
    stmt = _where(select(*LIST_COLUMNS), query)
    if before_id is not None:
        stmt = stmt.where(DossierRow.id < before_id)
    stmt = stmt.order_by(DossierRow.id.desc()).limit(limit)
    return [_summary(row) for row in session.execute(stmt)]


def count_running_due_between(session: Session, start: datetime, end: datetime) -> int:
    """Running dossiers whose due time falls in [start, end): the "due soon" figure."""
    return int(
        session.scalar(
            select(func.count())
            .select_from(DossierRow)
            .where(
                DossierRow.status.in_([int(s) for s in RUNNING_STATUSES]),
                DossierRow.due_at >= start,
                DossierRow.due_at < end,
            )
        )
        or 0
    )


def staff_names(session: Session) -> list[tuple[int, str]]:
    """(id, full name) of every account, for the list's clerk filter."""
    return [
        (row[0], row[1])
        for row in session.execute(
            select(UserRow.id, UserRow.full_name).order_by(UserRow.full_name)
        )
    ]
