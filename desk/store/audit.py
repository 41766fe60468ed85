"""The office's log (``audit_log``): appending chained entries, reading them back.

Appends happen inside the caller's write transaction, so an entry commits with the change
it records or not at all. Writers are serialised: on SQLite by the write lock every write
transaction takes first (BEGIN IMMEDIATE), on PostgreSQL by a transaction-scoped
advisory lock, so two desks never chain two entries to the same head.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    Connection,
    bindparam,
    select,
)

from desk.domain.audit import ACCOUNT_SUBJECT_PREFIX as ACCOUNT_SUBJECT_PREFIX
from desk.domain.audit import AuditEntry, chained
from desk.domain.audit import account_subject as account_subject
from desk.domain.audit import entry as entry
from desk.store import driver
from desk.store.driver import Statements, statements_of
from desk.store.driver import connection_of as connection_of
from desk.store.office_rows import LOG_COLUMNS, entry_from_values, entry_values, log_head
from desk.store.tables import LOG as LOG

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

# Any constant: the key of the lock every PostgreSQL writer of the log takes.
_PG_LOG_LOCK = 0x6465736B  # "desk"
# ``append`` runs on every change of a dossier: the head's read and the insert are sent as
# the driver's SQL (``store.driver``), the same text on both engines.
HEAD = "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1"
COLUMNS = ("seq", "at", "actor_user_id", "actor_name", "action", "subject", "detail")


def _lock(statements: Statements) -> None:
    if statements.postgres:
        statements.run(f"SELECT pg_advisory_xact_lock({statements.marker})", (_PG_LOG_LOCK,))


def head(bind: Session | Connection | Statements) -> tuple[int, str]:
    """The newest entry's number and hash: (0, GENESIS) for an empty log."""
    statements = statements_of(bind)
    return log_head(statements.run(HEAD))


def append(
    bind: Session | Connection | Statements, entries: Sequence[AuditEntry]
) -> list[AuditEntry]:
    """Number and chain the entries after the log's head and write them."""
    if not entries:
        return []
    statements = statements_of(bind)
    _lock(statements)
    last_seq, last_hash = head(statements)
    written = chained(list(entries), last_hash, last_seq + 1)
    form = statements.form
    statements.many(
        driver.insert_sql("audit_log", LOG_COLUMNS, statements.marker),
        [entry_values(e, form) for e in written],
    )
    return written


def _from_row(row: Any) -> AuditEntry:
    return entry_from_values(row)


# What an entry is read from, in ``entry_from_values``' order.
_ENTRY_COLUMNS = tuple(LOG.c[name] for name in LOG_COLUMNS)


# Every entry after number ``:after``, in order (a page of it with a limit); the start's
# check of the log's tail runs it on sqlite3 alone too (``desk.store.plain``).
ENTRIES_AFTER = select(*_ENTRY_COLUMNS).where(LOG.c.seq > bindparam("after")).order_by(LOG.c.seq)


def iter_entries(
    bind: Session | Connection, *, after: int = 0, batch_size: int = 5000
) -> Iterator[AuditEntry]:
    """Every entry after number ``after``, in order (keyset pages)."""
    connection = connection_of(bind)
    while True:
        page = list(connection.execute(ENTRIES_AFTER.limit(batch_size), {"after": after}))
        if not page:
            return
        for row in page:
            yield _from_row(row)
        after = int(page[-1].seq)


def entries_about(bind: Session | Connection, subject: str) -> list[AuditEntry]:
    connection = connection_of(bind)
    stmt = select(*_ENTRY_COLUMNS).where(LOG.c.subject == subject).order_by(LOG.c.seq)
    return [_from_row(r) for r in connection.execute(stmt)]


# --- what verification reads ------------------------------------------------------------

# The connection a check reads through (services name it without importing SQLAlchemy).
Snapshot = Connection


def snapshot(session: Session) -> Connection:
    """The session's connection seeing one moment of the database for all its reads: a
    check that reads the log, then the dossiers, must not see a change commit in between
    (SQLite's read transaction is already a snapshot; PostgreSQL needs REPEATABLE READ)."""
    if session.get_bind().dialect.name == "postgresql":
        return session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
    return session.connection()


_NEWEST_ABOUT = select(LOG.c.seq, LOG.c.subject, LOG.c.detail).where(
    LOG.c.subject.in_(bindparam("subjects", expanding=True)),
    LOG.c.action.in_(bindparam("actions", expanding=True)),
)


def newest_entries_about(
    connection: Connection, subjects: Sequence[str], actions: Sequence[str]
) -> dict[str, tuple[int, dict[str, Any]]]:
    """For each subject, the number and detail of its newest entry among ``actions``."""
    newest: dict[str, tuple[int, dict[str, Any]]] = {}
    if not subjects:
        return newest
    params = {"subjects": list(subjects), "actions": list(actions)}
    for row in connection.execute(_NEWEST_ABOUT, params):
        seq = int(row.seq)
        known = newest.get(row.subject)
        if known is None or known[0] < seq:
            newest[row.subject] = (seq, dict(row.detail or {}))
    return newest


def recent_entries(
    bind: Session | Connection, subject: str | None = None, limit: int = 50
) -> list[AuditEntry]:
    """The newest entries (about ``subject`` when given), newest first."""
    stmt = select(*_ENTRY_COLUMNS).order_by(LOG.c.seq.desc()).limit(limit)
    if subject is not None:
        stmt = stmt.where(LOG.c.subject == subject)
    return [_from_row(r) for r in connection_of(bind).execute(stmt)]
