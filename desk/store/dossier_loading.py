"""Dossiers: loading whole dossiers — one by code (locked for a change, or to read), a
batch by id in a few flat statements (sync, export, figures), or all of them in id order.

The writing side (intake, changes, the sync queue) is ``desk.store.dossiers``, which
gives these functions under its own name too. The rows come from ``desk.store.rows``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Select, Table, bindparam, func, select

from desk.domain.dossier import Dossier
from desk.errors import NotFound
from desk.store import driver, rows
from desk.store.dossier_assembly import assembled
from desk.store.raw_reads import BatchRead, Kind
from desk.store.tables import DOCUMENTS as _DOCUMENTS
from desk.store.tables import DOSSIERS as _DOSSIERS
from desk.store.tables import EVENTS as _EVENTS
from desk.store.tables import FEES as _FEES
from desk.store.tables import PARTIES as _PARTIES
from desk.store.tables import PEOPLE as _PEOPLE

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


def lock_dossier(session: Session | Connection, code: str) -> Dossier:
    """Load a dossier for a change; on PostgreSQL its row stays locked until commit."""
    stmt = select(_DOSSIERS.c.id).where(_DOSSIERS.c.code == code)
    if driver.connection_of(session).dialect.name != "sqlite":
        stmt = stmt.with_for_update()
    return _one(session, session.execute(stmt).scalar(), code)


# Also run on sqlite3 alone by the print path (``desk.store.plain``).
DOSSIER_ID_BY_CODE = select(_DOSSIERS.c.id).where(_DOSSIERS.c.code == bindparam("code"))


def get_dossier(session: Session | Connection, code: str) -> Dossier:
    dossier_id = session.execute(DOSSIER_ID_BY_CODE, {"code": code}).scalar()
    return _one(session, dossier_id, code)


def _one(session: Session | Connection, dossier_id: int | None, code: str) -> Dossier:
    if dossier_id is None:
        raise NotFound(f"Không tìm thấy hồ sơ mã «{code}».", code="dossier.not_found")
    return load_dossiers(session, [dossier_id])[0]


def _children(table: Table, columns: Sequence[str], *order: str) -> Select[Any]:
    """``columns`` (``dossier_id`` first) of one child table's rows for the dossiers
    ``:ids``, grouped by dossier, in order."""
    return (
        select(*(table.c[name] for name in columns))
        .where(table.c.dossier_id.in_(bindparam("ids", expanding=True)))
        .order_by(table.c.dossier_id, *(table.c[name] for name in order))
    )


_PERSON_KINDS: dict[str, Kind] = {"birth_date": "day", "id_issue_date": "day"}

# The loader's statements, built once (``raw_reads``: run on the driver's cursor with a
# batch's ids). Each selects the columns its reader in ``desk.store.rows`` takes, in that
# reader's order: no conversion is spent on a column nobody reads, and a row is unpacked,
# not read by name.
_LOAD_DOSSIERS = BatchRead(
    select(*(_DOSSIERS.c[name] for name in rows.DOSSIER_READ_COLUMNS))
    .where(_DOSSIERS.c.id.in_(bindparam("ids", expanding=True)))
    .order_by(_DOSSIERS.c.code),
    {
        "received_day": "day",
        "received_at": "instant",
        "due_at": "instant",
        "rescheduled_due_at": "instant",
        "paused_at": "instant",
        "finished_at": "instant",
        "returned_at": "instant",
        "needs_checks": "boolean",
        "form_data": "json",
    },
)
# Applicants by person id: what intake did not copy into the dossier row.
_LOAD_APPLICANTS = BatchRead(
    select(_PEOPLE.c.id, *(_PEOPLE.c[name] for name in rows.APPLICANT_READ_COLUMNS)).where(
        _PEOPLE.c.id.in_(bindparam("ids", expanding=True))
    ),
    _PERSON_KINDS,
)
_LOAD_DOCUMENTS = BatchRead(_children(_DOCUMENTS, rows.DOCUMENT_COLUMNS, "position"))
_LOAD_FEES = BatchRead(_children(_FEES, rows.FEE_COLUMNS, "id"))
_LOAD_EVENTS = BatchRead(
    _children(_EVENTS, rows.EVENT_COLUMNS, "id"), {"at": "instant", "detail": "json"}
)
_LOAD_PARTIES = BatchRead(
    select(
        _PARTIES.c.dossier_id,
        _PARTIES.c.role,
        *(_PEOPLE.c[name] for name in rows.PERSON_READ_COLUMNS),
    )
    .join(_PEOPLE, _PEOPLE.c.id == _PARTIES.c.person_id)
    .where(
        _PARTIES.c.dossier_id.in_(bindparam("ids", expanding=True)),
        _PARTIES.c.role != rows.APPLICANT_ROLE,
    )
    .order_by(_PARTIES.c.dossier_id, _PARTIES.c.position),
    _PERSON_KINDS,
)


# The loader's statements by what they read (``desk.store.dossier_assembly`` names them).
BATCH_READS: dict[str, BatchRead] = {
    "dossiers": _LOAD_DOSSIERS,
    "applicants": _LOAD_APPLICANTS,
    "documents": _LOAD_DOCUMENTS,
    "fees": _LOAD_FEES,
    "events": _LOAD_EVENTS,
    "parties": _LOAD_PARTIES,
}


def load_dossiers(session: Session | Connection, ids: Sequence[int]) -> list[Dossier]:
    """Full dossiers (documents, fees, people, history) in code order.

    Six flat statements for any number of dossiers (the dossiers, their applicants, and
    one per child table), read whole on the driver's cursor, grouped by dossier and
    mapped by ``desk.store.dossier_assembly``; no ORM identity map: the exports and the
    figures build hundreds of them at a time."""
    if not ids:
        return []
    connection = driver.connection_of(session)
    return assembled(lambda which, ids: BATCH_READS[which].rows(connection, ids), ids)


def _load_in_order(session: Session | Connection, ids: Sequence[int]) -> list[Dossier]:
    """``load_dossiers`` in the order of ``ids``."""
    by_id = {d.id: d for d in load_dossiers(session, ids)}
    return [by_id[i] for i in ids]


def iter_dossiers(
    session: Session | Connection, *, since: date | None = None, batch_size: int = 500
) -> Iterator[Dossier]:
    """Every dossier in code order, with everything it carries, ``batch_size`` at a time.

    The ids come from one query read as it goes (a server-side cursor on PostgreSQL, so
    neither the desk nor the server holds the whole office); each batch's dossiers and
    their children are loaded together (``load_dossiers``: six statements a batch)."""
    stmt = select(_DOSSIERS.c.id).order_by(_DOSSIERS.c.code)
    if since is not None:
        stmt = stmt.where(_DOSSIERS.c.received_day >= since)
    ids = driver.connection_of(session).execute(stmt.execution_options(yield_per=batch_size))
    for batch in ids.partitions():
        yield from _load_in_order(session, [row.id for row in batch])


def dossiers_received_between(
    session: Session | Connection, first_day: date, last_day: date
) -> list[Dossier]:
    """Every dossier received on those days, in the order received (the tracking book)."""
    ids = list(
        session.scalars(
            select(_DOSSIERS.c.id)
            .where(_DOSSIERS.c.received_day >= first_day, _DOSSIERS.c.received_day <= last_day)
            .order_by(_DOSSIERS.c.received_at, _DOSSIERS.c.id)
        )
    )
    result: list[Dossier] = []
    for start in range(0, len(ids), 500):
        result.extend(_load_in_order(session, ids[start : start + 500]))
    return result


def day_sequences(session: Session | Connection, agency_id: str, day: date) -> list[int]:
    return list(
        session.scalars(
            select(_DOSSIERS.c.sequence)
            .where(_DOSSIERS.c.agency_id == agency_id, _DOSSIERS.c.received_day == day)
            .order_by(_DOSSIERS.c.sequence)
        )
    )


def latest_received_by_day(session: Session | Connection, agency_id: str) -> dict[date, datetime]:
    """The last moment a dossier was received, for each day that has dossiers."""
    rows = session.execute(
        select(_DOSSIERS.c.received_day, func.max(_DOSSIERS.c.received_at))
        .where(_DOSSIERS.c.agency_id == agency_id)
        .group_by(_DOSSIERS.c.received_day)
    )
    return {day: latest for day, latest in rows}


def all_codes(session: Session | Connection) -> Iterable[str]:
    return session.scalars(select(_DOSSIERS.c.code).order_by(_DOSSIERS.c.code))
