"""What the office's other desks changed: the office log's head, and the dossiers
recorded after a given entry.

Every write of a dossier appends its entry to ``audit_log`` in the same transaction
(``desk.store.dossiers``), and the log's writers are serialised until they commit (BEGIN
IMMEDIATE on SQLite, a transaction-scoped advisory lock on PostgreSQL, see
``desk.store.audit``). So the entries' numbers come in commit order: once a reader has
seen entry N, no entry below N can still appear. A sequence such as ``status_events.id``
does not have that property on PostgreSQL (a transaction that drew a lower id may commit
later), which is why the watch reads the log and not the events.

Both reads walk the log's primary key from its end: one index probe however large the
office (figures in ``desk.services.office_watch``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import func, select

from desk.domain.audit import AuditAction
from desk.store.tables import DOSSIERS as _DOSSIERS
from desk.store.tables import LOG as _LOG

if TYPE_CHECKING:
    from desk.store.office import Transaction

_DOSSIER_ACTIONS = (AuditAction.DOSSIER_RECEIVED.value, AuditAction.DOSSIER_CHANGED.value)

_HEAD = select(func.coalesce(func.max(_LOG.c.seq), 0))


@dataclass(frozen=True, slots=True)
class DossierChange:
    """A dossier written after the mark: its code and its revision now."""

    code: str
    revision: int


def head(session: Transaction) -> int:
    """The number of the office log's newest entry (0 for an empty log)."""
    return int(session.execute(_HEAD).scalar_one())


def dossiers_changed(
    session: Transaction, after: int, upto: int, *, limit: int
) -> tuple[list[DossierChange], bool]:
    """The dossiers received or changed by the entries ``after`` < seq ≤ ``upto``, oldest
    first, each once, with the revision they have now; and whether there were more than
    ``limit`` such entries (then only the first ``limit`` are read)."""
    stmt = (
        select(_LOG.c.subject, _DOSSIERS.c.revision)
        .join(_DOSSIERS, _DOSSIERS.c.code == _LOG.c.subject)
        .where(_LOG.c.seq > after, _LOG.c.seq <= upto, _LOG.c.action.in_(_DOSSIER_ACTIONS))
        .order_by(_LOG.c.seq)
        .limit(limit + 1)
    )
    rows = session.execute(stmt).all()
    found = {str(code): DossierChange(str(code), int(revision)) for code, revision in rows[:limit]}
    return list(found.values()), len(rows) > limit
