"""The dossiers a period's figures are counted over (``desk.domain.figures``): received
before the period ended, not refused, and not finished before it began. Everything else
cannot change a figure of the period."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from desk.domain.dossier import Dossier
from desk.domain.status import Status
from desk.store.dossiers import load_dossiers
from desk.store.models import DossierRow

BATCH = 500  # dossiers loaded per round of queries (SQLite's bound parameters)


def period_dossier_ids(session: Session, start: datetime, end: datetime) -> list[int]:
    return list(
        session.scalars(
            select(DossierRow.id)
            .where(
                DossierRow.received_at < end,
                DossierRow.status != int(Status.REFUSED),
                or_(DossierRow.finished_at.is_(None), DossierRow.finished_at >= start),
            )
            .order_by(DossierRow.id)
        )
    )


def iter_period_dossiers(session: Session, start: datetime, end: datetime) -> Iterator[Dossier]:
    """The period's dossiers with their history, a batch at a time (the session stays open
    while they are read)."""
    ids = period_dossier_ids(session, start, end)
    for first in range(0, len(ids), BATCH):
        yield from load_dossiers(session, ids[first : first + BATCH])
