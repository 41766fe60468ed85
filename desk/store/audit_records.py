"""The records the office's log vouches for, digested: a dossier as the database holds it
(its row, the people, documents and fees recorded on it, its status history) and an
account's row. The store writes these digests into each entry about a dossier or an
account (``log_dossier_change``, ``log_dossiers``, ``account_state_digest``), the
migration that started the log adopted what was there (``adopt_existing_records``), and
``desk audit verify`` recomputes them with the same statements.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Table, bindparam, exists, func, literal, select, type_coerce
from sqlalchemy.sql.sqltypes import NullType

from desk.domain.audit import AuditAction, AuditEntry, digest
from desk.store.audit import (
    ACCOUNT_SUBJECT_PREFIX,
    LOG,
    account_subject,
    append,
    connection_of,
    entry,
)
from desk.store.driver import Statements
from desk.store.tables import DOCUMENTS as _DOCUMENTS
from desk.store.tables import DOSSIERS as _DOSSIERS
from desk.store.tables import EVENTS as _EVENTS
from desk.store.tables import FEES as _FEES
from desk.store.tables import PARTIES as _PARTIES
from desk.store.tables import PEOPLE as _PEOPLE
from desk.store.tables import USERS as _USERS

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

# A dossier's entry carries three digests of what the database holds right after the
# change: its row (``state``), the people, documents and fees recorded on it (``content``)
# and its whole status history (``history``). ``desk audit verify`` recomputes them with
# the same statements, so an edit made behind the desk's back shows as a mismatch. Rows
# are read with Core on typed columns, so what is hashed is the same typed value (an
# aware instant, a dict, a bool) at write time and at verify time, on both engines.
# Surrogate ids are left out: they say nothing a citizen or an inspector could check.

DIGEST_BATCH = 1000  # dossiers per query when many are digested (verify, bulk loading)
# The actions whose entries carry a dossier's digests (the newest one must match).
DOSSIER_DIGEST_ACTIONS = (
    AuditAction.DOSSIER_RECEIVED.value,
    AuditAction.DOSSIER_CHANGED.value,
    AuditAction.RECORDS_ADOPTED.value,
)
# The actions whose entries carry an account's digest.
ACCOUNT_DIGEST_ACTIONS = (
    AuditAction.ACCOUNT_CREATED.value,
    AuditAction.ACCOUNT_CHANGED.value,
    AuditAction.PASSWORD_CHANGED.value,
    AuditAction.RECORDS_ADOPTED.value,
)
ADOPTING_ACTOR = "Nâng cấp cơ sở dữ liệu"


# Left out of the digests: the rows' own ids and the links between the rows read
# together. ``dossiers.applicant_person_id`` stays in: it says which recorded person the
# desk shows as the applicant.
_SURROGATE = frozenset({"id", "dossier_id", "person_id"})
# … and the columns kept for the supervisor's figures (0009): derived from the history,
# the handover record and the documents the digests cover, and recomputed on every change.
_DERIVED = frozenset(
    {
        "timeliness",
        "office_fault",
        "satisfaction",
        "documents_scanned",
        "result_scanned",
        "fees_cash",
        "fees_transfer",
    }
)


def _digested(table: Table) -> list[Any]:
    """The columns of ``table`` a digest covers: all but the surrogate ids, read as the
    driver returns them (no type conversion): the digest is of what the database stores,
    and skipping the conversions (instants, JSON, dates) halves the cost of a digest."""
    left_out = _SURROGATE | _DERIVED
    return [type_coerce(c, NullType()).label(c.name) for c in table.c if c.name not in left_out]


@dataclass(frozen=True, slots=True)
class _DossierQueries:
    """The five statements that read what a dossier's digests cover. Each selects the
    dossier's id first, then the digested columns in table order."""

    states: Any
    parties: Any
    documents: Any
    fees: Any
    events: Any


def _dossier_queries(matching: Callable[[Any], Any]) -> _DossierQueries:
    return _DossierQueries(
        states=select(_DOSSIERS.c.id, *_digested(_DOSSIERS)).where(matching(_DOSSIERS.c.id)),
        parties=select(_PARTIES.c.dossier_id, *_digested(_PARTIES), *_digested(_PEOPLE))
        .join(_PEOPLE, _PEOPLE.c.id == _PARTIES.c.person_id)
        .where(matching(_PARTIES.c.dossier_id))
        .order_by(_PARTIES.c.dossier_id, _PARTIES.c.position, _PARTIES.c.id),
        documents=select(_DOCUMENTS.c.dossier_id, *_digested(_DOCUMENTS))
        .where(matching(_DOCUMENTS.c.dossier_id))
        .order_by(_DOCUMENTS.c.dossier_id, _DOCUMENTS.c.position, _DOCUMENTS.c.id),
        fees=select(_FEES.c.dossier_id, *_digested(_FEES))
        .where(matching(_FEES.c.dossier_id))
        .order_by(_FEES.c.dossier_id, _FEES.c.id),
        events=select(_EVENTS.c.dossier_id, *_digested(_EVENTS))
        .where(matching(_EVENTS.c.dossier_id))
        .order_by(_EVENTS.c.dossier_id, _EVENTS.c.id),
    )


# The columns each digest covers, by table (a party's row is read joined with its person's).
# Plain texts, not SQLAlchemy's ``quoted_name``: orjson writes a digest only for plain keys.
DIGESTED_COLUMNS = {
    table.name: tuple(str(c.name) for c in _digested(table))
    for table in (_DOSSIERS, _PARTIES, _PEOPLE, _DOCUMENTS, _FEES, _EVENTS)
}

# Built once: many dossiers at a time (verify, bulk loading), and the one just written
# (intake's hot path, where an expanding IN costs a re-render per call).
_MANY = _dossier_queries(lambda column: column.in_(bindparam("ids", expanding=True)))
_ONE = _dossier_queries(lambda column: column == bindparam("ids"))
# Plain texts too (``DIGESTED_COLUMNS``).
_NAMES = {
    id(stmt): tuple(str(c.name) for c in stmt.selected_columns)[1:]
    for queries in (_MANY, _ONE)
    for stmt in (queries.states, queries.parties, queries.documents, queries.fees, queries.events)
}
_USER_STATE = select(*[c for c in _USERS.c if c.name != "id"]).where(
    _USERS.c.id == bindparam("user_id")
)
_ALL_USERS = select(_USERS).order_by(_USERS.c.username)


@dataclass(frozen=True, slots=True)
class DossierDigests:
    """What the database holds about one dossier, digested as its log entries carry it."""

    dossier_id: int
    code: str
    revision: int
    state: str
    content: str
    history: str
    statuses: list[list[int | None]]  # from → to of each event, oldest first

    def digests(self) -> dict[str, str]:
        return {"state": self.state, "content": self.content, "history": self.history}


def _grouped(connection: Connection, stmt: Any, ids: list[int]) -> dict[int, list[dict[str, Any]]]:
    """The rows of ``stmt`` for these dossiers as {column: value}, by dossier id."""
    names = _NAMES[id(stmt)]
    grouped: dict[int, list[dict[str, Any]]] = {i: [] for i in ids}
    params = {"ids": ids[0] if len(ids) == 1 else ids}
    for row in connection.execute(stmt, params).all():
        grouped[row[0]].append(dict(zip(names, row[1:], strict=True)))
    return grouped


def dossier_digests(connection: Connection, dossier_ids: Sequence[int]) -> list[DossierDigests]:
    """The digests of these dossiers as the database holds them now, in the order given
    (ids that name no dossier are left out). Five queries per call: keep calls to at most
    ``DIGEST_BATCH`` ids."""
    ids = list(dossier_ids)
    if not ids:
        return []
    queries = _ONE if len(ids) == 1 else _MANY
    states = _grouped(connection, queries.states, ids)
    parties = _grouped(connection, queries.parties, ids)
    documents = _grouped(connection, queries.documents, ids)
    fees = _grouped(connection, queries.fees, ids)
    events = _grouped(connection, queries.events, ids)
    return [
        digests_of(
            dossier_id,
            states[dossier_id][0],
            parties[dossier_id],
            documents[dossier_id],
            fees[dossier_id],
            events[dossier_id],
        )
        for dossier_id in ids
        if states[dossier_id]
    ]


def digests_of(
    dossier_id: int,
    state: dict[str, Any],
    parties: list[dict[str, Any]],
    documents: list[dict[str, Any]],
    fees: list[dict[str, Any]],
    events: list[dict[str, Any]],
) -> DossierDigests:
    """A dossier's digests from its rows' ``DIGESTED_COLUMNS`` as the database returns them
    (a party's joined with its person's), each table's in the order read above. The bulk
    load gives the rows it has just written, instead of reading a million back."""
    return DossierDigests(
        dossier_id=dossier_id,
        code=state["code"],
        revision=int(state["revision"]),
        state=digest(state),
        content=digest({"parties": parties, "documents": documents, "fees": fees}),
        history=digest(events),
        statuses=[[e["from_status"], e["to_status"]] for e in events],
    )


def dossier_entry(
    digests: DossierDigests,
    action: AuditAction,
    *,
    at: datetime,
    actor_user_id: int | None,
    actor_name: str,
    statuses: list[list[int | None]] | None = None,
) -> AuditEntry:
    """The entry recording a dossier as it now stands; ``statuses`` are the from → to of
    the events this change made (all of its events when not given)."""
    moves = digests.statuses if statuses is None else statuses
    return entry(
        action,
        digests.code,
        at=at,
        actor_user_id=actor_user_id,
        actor_name=actor_name,
        detail={
            "revision": digests.revision,
            "statuses": moves,
            "events": len(moves),
            **digests.digests(),
        },
    )


def log_dossier_change(
    bind: Connection | Statements,
    dossier_id: int,
    action: AuditAction,
    *,
    at: datetime,
    actor_user_id: int | None,
    actor_name: str,
    statuses: list[list[int | None]],
    digests: DossierDigests | None = None,
) -> None:
    """Append the entry of one dossier just written in this transaction (the store's
    ``insert_dossier`` and ``save_change`` call it), with its ``digests`` when the caller
    has them from the rows it wrote, else read back here."""
    if digests is None:
        connection = bind.connection if isinstance(bind, Statements) else bind
        (digests,) = dossier_digests(connection, [dossier_id])
    append(
        bind,
        [
            dossier_entry(
                digests,
                action,
                at=at,
                actor_user_id=actor_user_id,
                actor_name=actor_name,
                statuses=statuses,
            )
        ],
    )


def log_dossiers(
    connection: Connection,
    dossier_ids: Sequence[int],
    *,
    action: AuditAction,
    at: datetime,
    actor_name: str,
) -> int:
    """Append one entry per dossier (bulk loading, adoption): digests computed in batches
    of ``DIGEST_BATCH`` ids, in the caller's transaction. Returns how many were logged."""
    ids = list(dossier_ids)
    logged = 0
    for start in range(0, len(ids), DIGEST_BATCH):
        batch = dossier_digests(connection, ids[start : start + DIGEST_BATCH])
        append(
            connection,
            [
                dossier_entry(d, action, at=at, actor_user_id=None, actor_name=actor_name)
                for d in batch
            ],
        )
        logged += len(batch)
    return logged


def _account_digest(row: Any) -> str:
    return digest({k: v for k, v in row._mapping.items() if k != "id"})


def account_state_digest(bind: Session | Connection, user_id: int) -> str:
    """The digest of an account's row (name, role, password hash, active …) as it is now:
    the ``state`` an account's log entry carries."""
    row = connection_of(bind).execute(_USER_STATE, {"user_id": user_id}).one()
    return _account_digest(row)


def account_digests(bind: Session | Connection) -> list[tuple[str, str]]:
    """(username, state digest) of every account, by username."""
    return [(row.username, _account_digest(row)) for row in connection_of(bind).execute(_ALL_USERS)]


def adopt_existing_records(connection: Connection) -> None:
    """Start the log with what the database already holds (migration 0005): one entry per
    account and per dossier, with the digests ``desk audit verify`` compares."""
    now = datetime.now(UTC)
    accounts = [
        entry(
            AuditAction.RECORDS_ADOPTED,
            account_subject(username),
            at=now,
            actor_name=ADOPTING_ACTOR,
            detail={"state": state},
        )
        for username, state in account_digests(connection)
    ]
    append(connection, accounts)
    for ids in _dossier_id_pages(connection):
        log_dossiers(
            connection, ids, action=AuditAction.RECORDS_ADOPTED, at=now, actor_name=ADOPTING_ACTOR
        )


def _dossier_id_pages(connection: Connection) -> Iterator[list[int]]:
    """Every dossier's id, ``DIGEST_BATCH`` at a time, in id order (keyset pages)."""
    last_id = 0
    while True:
        ids = list(
            connection.execute(
                select(_DOSSIERS.c.id)
                .where(_DOSSIERS.c.id > last_id)
                .order_by(_DOSSIERS.c.id)
                .limit(DIGEST_BATCH)
            ).scalars()
        )
        if not ids:
            return
        yield ids
        last_id = ids[-1]


def iter_dossier_digests(connection: Connection) -> Iterator[list[DossierDigests]]:
    """Every dossier's digests, ``DIGEST_BATCH`` at a time, in id order."""
    for ids in _dossier_id_pages(connection):
        yield dossier_digests(connection, ids)


def dossier_entries_without_dossier(connection: Connection, limit: int) -> list[tuple[int, str]]:
    """(entry number, code) of entries vouching for a dossier the database no longer holds."""
    stmt = (
        select(func.min(LOG.c.seq), LOG.c.subject)
        .where(
            LOG.c.action.in_(DOSSIER_DIGEST_ACTIONS),
            ~LOG.c.subject.startswith(ACCOUNT_SUBJECT_PREFIX, autoescape=True),
            ~exists().where(_DOSSIERS.c.code == LOG.c.subject),
        )
        .group_by(LOG.c.subject)
        .order_by(func.min(LOG.c.seq))
        .limit(limit)
    )
    return [(int(seq), str(subject)) for seq, subject in connection.execute(stmt)]


def account_entries_without_account(connection: Connection, limit: int) -> list[tuple[int, str]]:
    """(entry number, user name) of entries vouching for an account that no longer exists."""
    stmt = (
        select(func.min(LOG.c.seq), LOG.c.subject)
        .where(
            LOG.c.action.in_(ACCOUNT_DIGEST_ACTIONS),
            LOG.c.subject.startswith(ACCOUNT_SUBJECT_PREFIX, autoescape=True),
            ~exists().where(literal(ACCOUNT_SUBJECT_PREFIX) + _USERS.c.username == LOG.c.subject),
        )
        .group_by(LOG.c.subject)
        .order_by(func.min(LOG.c.seq))
        .limit(limit)
    )
    return [
        (int(seq), str(subject)[len(ACCOUNT_SUBJECT_PREFIX) :])
        for seq, subject in connection.execute(stmt)
    ]
