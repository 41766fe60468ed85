"""The figures of the day: dossiers received, returned, overdue, due soon, waiting to sync."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desk.domain.status import RUNNING_STATUSES
from desk.store.models import DossierRow, OutboxRow

# The deadline clock ticks for these (a supplement request pauses it); sorted, so the
# statement is the same every time.
_RUNNING = sorted(int(s) for s in RUNNING_STATUSES)


def _count(session: Session, model: Any, *conditions: Any) -> int:
    return int(session.scalar(select(func.count()).select_from(model).where(*conditions)) or 0)


def count_received_between(session: Session, start: datetime, end: datetime) -> int:
    return _count(
        session, DossierRow, DossierRow.received_at >= start, DossierRow.received_at < end
    )


def count_returned_between(session: Session, start: datetime, end: datetime) -> int:
    return _count(
        session, DossierRow, DossierRow.returned_at >= start, DossierRow.returned_at < end
    )


def count_overdue(session: Session, now: datetime) -> int:
    """Running dossiers past their legal due time (a supplement pause stops the clock)."""
    return _count(session, DossierRow, DossierRow.status.in_(_RUNNING), DossierRow.due_at < now)


def count_running_due_between(session: Session, start: datetime, end: datetime) -> int:
    """Running dossiers whose due time falls in [start, end): the "due soon" figure."""
    return _count(
        session,
        DossierRow,
        DossierRow.status.in_(_RUNNING),
        DossierRow.due_at >= start,
        DossierRow.due_at < end,
    )


def count_dossiers(session: Session) -> int:
    return _count(session, DossierRow)


def count_outbox(session: Session) -> int:
    return _count(session, OutboxRow)
