"""Finding dossiers: the list's pages, the search box, lookup by code. All of them return
the one summary projection (``SUMMARY_COLUMNS`` → ``DossierSummary``).

Pages are keyset pages, newest first (``id < before_id ORDER BY id DESC LIMIT n``): the
hundredth page costs what the first one does, on SQLite and PostgreSQL alike.

Filters that keep most of the table (a status, a procedure, a clerk) walk the primary key
backwards and test each row: on a million dossiers that finds a page after a few thousand
rows, where SQLite would otherwise pick the column's index and sort hundreds of thousands
of rows to return the newest hundred. Narrow filters (received today, due on a day,
overdue) use their index, and the few rows they match are sorted.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, bindparam, literal_column, select, text
from sqlalchemy.orm import Session

from desk.domain.dossier import DossierSummary
from desk.domain.status import RUNNING_STATUSES, Status
from desk.domain.text import fold
from desk.store.models import DossierRow

# --- the summary projection -----------------------------------------------------------

SUMMARY_COLUMNS = (
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


def summary_from_row(row: Sequence[Any]) -> DossierSummary:
    """A summary from a row selected as ``SUMMARY_COLUMNS``."""
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


def _summaries(found: Iterable[Sequence[Any]]) -> list[DossierSummary]:
    return [summary_from_row(row) for row in found]


def _page(stmt: Select[Any], limit: int, before_id: int | None) -> Select[Any]:
    if before_id is not None:
        stmt = stmt.where(DossierRow.id < before_id)
    return stmt.order_by(DossierRow.id.desc()).limit(limit)


# The deadline clock ticks for these (sorted: the same SQL every time).
_RUNNING = sorted(int(s) for s in RUNNING_STATUSES)


# --- the list -------------------------------------------------------------------------


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
    if query.due_from is not None:
        stmt = stmt.where(DossierRow.status.in_(_RUNNING), DossierRow.due_at >= query.due_from)
    if query.due_before is not None:
        stmt = stmt.where(DossierRow.status.in_(_RUNNING), DossierRow.due_at < query.due_before)
    if query.overdue_at is not None:
        stmt = stmt.where(DossierRow.status.in_(_RUNNING), DossierRow.due_at < query.overdue_at)
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


def list_page(
    session: Session, query: ListQuery, *, limit: int, before_id: int | None = None
) -> list[DossierSummary]:
    """One page of the list, newest first; the next page starts before the last id."""
    stmt = _page(_where(select(*SUMMARY_COLUMNS), query), limit, before_id)
    return _summaries(session.execute(stmt))


def latest(session: Session, *, limit: int, before_id: int | None) -> list[DossierSummary]:
    return _summaries(session.execute(_page(select(*SUMMARY_COLUMNS), limit, before_id)))


# --- lookups --------------------------------------------------------------------------

_BY_CODE = select(*SUMMARY_COLUMNS).where(DossierRow.code == bindparam("code"))


def find_by_code(session: Session, code: str) -> list[DossierSummary]:
    """The scan-a-slip path: one prebuilt statement on the connection, no ORM layer."""
    return _summaries(session.connection().execute(_BY_CODE, {"code": code}))


def find_by_column(
    session: Session, column: Any, value: str, *, limit: int, before_id: int | None
) -> list[DossierSummary]:
    stmt = _page(select(*SUMMARY_COLUMNS).where(column == value), limit, before_id)
    return _summaries(session.execute(stmt))


def find_by_id_number(
    session: Session, id_number: str, *, limit: int, before_id: int | None
) -> list[DossierSummary]:
    return find_by_column(
        session, DossierRow.applicant_id_number, id_number, limit=limit, before_id=before_id
    )


# --- the search box -------------------------------------------------------------------

_FTS_TOKEN = re.compile(r"[0-9a-z]+")


def search_text(
    session: Session, terms: Sequence[str], *, limit: int, before_id: int | None
) -> list[DossierSummary]:
    """Dossiers whose folded applicant name or phone has words starting with every term.

    Newest first: dossier ids grow with time, and FTS5 walks its rowids backwards without
    sorting, so a common prefix costs no more than a rare one.
    """
    folded = [t for term in terms for t in _FTS_TOKEN.findall(fold(term))]
    if not folded:
        return []
    if session.get_bind().dialect.name == "sqlite":
        return _search_sqlite(session, folded, limit=limit, before_id=before_id)
    # PostgreSQL: word-prefix match on the folded name (or a phone prefix), newest first.
    stmt = select(*SUMMARY_COLUMNS)
    for token in folded:
        pattern = token.replace("%", "").replace("_", "")
        stmt = stmt.where(
            (DossierRow.applicant_name_folded.like(f"{pattern}%"))
            | (DossierRow.applicant_name_folded.like(f"% {pattern}%"))
            | (DossierRow.applicant_phone.like(f"{pattern}%"))
        )
    return _summaries(session.execute(_page(stmt, limit, before_id)))


def _search_sqlite(
    session: Session, folded: list[str], *, limit: int, before_id: int | None
) -> list[DossierSummary]:
    # One-letter words ("vu t") go to FTS5 only when nothing longer is typed: there is no
    # one-letter prefix index, and "t*" would merge the lists of every word in t.
    # Otherwise they filter the few candidates the longer words give, newest first.
    long_words = [t for t in folded if len(t) > 1] or folded
    letters = [t for t in folded if len(t) == 1 and long_words is not folded]
    match = " ".join(f'"{t}"*' for t in long_words)
    params: dict[str, Any] = {"match": match, "limit": limit}
    if letters:
        ids_stmt = (
            "SELECT s.rowid FROM dossier_search AS s JOIN dossiers AS d ON d.id = s.rowid "
            "WHERE dossier_search MATCH :match"
        )
        for index, letter in enumerate(letters):
            ids_stmt += f" AND (' ' || d.applicant_name_folded) LIKE :letter{index}"
            params[f"letter{index}"] = f"% {letter}%"
        rowid = "s.rowid"
    else:
        ids_stmt = "SELECT rowid FROM dossier_search WHERE dossier_search MATCH :match"
        rowid = "rowid"
    if before_id is not None:
        ids_stmt += f" AND {rowid} < :before"
        params["before"] = before_id
    ids_stmt += f" ORDER BY {rowid} DESC LIMIT :limit"
    ids = [r[0] for r in session.execute(text(ids_stmt), params)]
    if not ids:
        return []
    found = _summaries(session.execute(select(*SUMMARY_COLUMNS).where(DossierRow.id.in_(ids))))
    return sorted(found, key=lambda s: s.id, reverse=True)
