"""The figures of the day: dossiers received, returned, overdue, due soon, waiting to sync.
Core statements, read on an ORM session or on a plain connection (the window's first
figures, before the ORM is loaded)."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select

from desk.domain.status import RUNNING_STATUSES
from desk.store.tables import DOSSIERS, OUTBOX

if TYPE_CHECKING:
    from desk.store.office import Transaction

# The deadline clock ticks for these (a supplement request pauses it); sorted, so the
# statement is the same every time.
_RUNNING = sorted(int(s) for s in RUNNING_STATUSES)


def _count(session: Transaction, model: Any, *conditions: Any) -> int:
    return int(session.scalar(select(func.count()).select_from(model).where(*conditions)) or 0)


def count_received_between(session: Transaction, start: datetime, end: datetime) -> int:
    return _count(session, DOSSIERS, DOSSIERS.c.received_at >= start, DOSSIERS.c.received_at < end)


def count_returned_between(session: Transaction, start: datetime, end: datetime) -> int:
    return _count(session, DOSSIERS, DOSSIERS.c.returned_at >= start, DOSSIERS.c.returned_at < end)


def count_overdue(session: Transaction, now: datetime) -> int:
    """Running dossiers past their legal due time (a supplement pause stops the clock)."""
    return _count(session, DOSSIERS, DOSSIERS.c.status.in_(_RUNNING), DOSSIERS.c.due_at < now)


def count_running_due_between(session: Transaction, start: datetime, end: datetime) -> int:
    """Running dossiers whose due time falls in [start, end): the "due soon" figure."""
    return _count(
        session,
        DOSSIERS,
        DOSSIERS.c.status.in_(_RUNNING),
        DOSSIERS.c.due_at >= start,
        DOSSIERS.c.due_at < end,
    )


def count_dossiers(session: Transaction) -> int:
    return _count(session, DOSSIERS)


def count_outbox(session: Transaction) -> int:
    return _count(session, OUTBOX)
