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
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Integer,
    Select,
    and_,
    bindparam,
    column,
    literal_column,
    or_,
    select,
    text,
    true,
)
from sqlalchemy.orm import Session

from desk.domain.dossier import DossierSummary
from desk.domain.limits import NAME_SEPARATORS
from desk.domain.status import RUNNING_STATUSES, Status
from desk.domain.text import fold
from desk.store import search_postgres
from desk.store.models import DossierPartyRow, DossierRow, PersonRow

# The FTS5 tables of a SQLite office: applicants (rowid = dossier id) and every person
# a dossier names (rowid = person id). PostgreSQL has word indexes instead (0010,
# desk.store.search_postgres).
SEARCH_TABLES = ("dossier_search", "person_search")

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


def due_first(session: Session, query: ListQuery, *, limit: int) -> list[DossierSummary]:
    """The first ``limit`` dossiers the query finds, the soonest due first (the
    supervisor's watch list: the most overdue are never the ones cut)."""
    stmt = _where(select(*SUMMARY_COLUMNS), query).order_by(DossierRow.due_at, DossierRow.id)
    return _summaries(session.execute(stmt.limit(limit)))


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
    """Newest received first, sorted (a person's dossiers are few: no index walk on SQLite;
    PostgreSQL's planner weighs the two itself and has no unary plus for an instant)."""
    chosen = select(*SUMMARY_COLUMNS).where(column == value)
    walk = session.get_bind().dialect.name != "sqlite"
    return _summaries(session.execute(_newest_first(chosen, limit, before_id, walk=walk)))


def find_by_id_number(
    session: Session, id_number: str, *, limit: int, before_id: int | None
) -> list[DossierSummary]:
    return find_by_column(
        session, DossierRow.applicant_id_number, id_number, limit=limit, before_id=before_id
    )


# --- the search box -------------------------------------------------------------------

_FTS_TOKEN = re.compile(r"[0-9a-z]+")


def _word_prefix(column: Any, token: str) -> ColumnElement[bool]:
    """A word of the folded ``column`` starts with ``token``: at its start, or after a space,
    an apostrophe or a hyphen ("hen" finds "H'Hen Niê", as FTS5's words do). Letters and
    digits only: no LIKE wildcard can come through."""
    after = (column.like(f"%{separator}{token}%") for separator in NAME_SEPARATORS)
    return or_(column.like(f"{token}%"), *after)


def _phone_prefix(token: str) -> ColumnElement[bool]:
    """The phone starts with ``token``, after its + if it has one."""
    phone = DossierRow.applicant_phone
    return or_(phone.like(f"{token}%"), phone.like(f"+{token}%"))


def _newest_first(
    stmt: Select[Any], limit: int, before_id: int | None, *, walk: bool = True
) -> Select[Any]:
    """Received time descending, id as the tie-breaker; the page after ``before_id`` starts
    below that dossier in this order (the caller keeps passing ids, as for the list).

    ``walk``: read the received-time index newest first, filtering as it goes; otherwise
    (a few candidates already chosen by id) sort them instead of walking the index."""
    received: Any = DossierRow.received_at if walk else _unindexed(DossierRow.received_at)
    if before_id is not None:
        anchor = select(DossierRow.received_at).where(DossierRow.id == before_id).scalar_subquery()
        stmt = stmt.where(
            or_(received < anchor, and_(received == anchor, DossierRow.id < before_id))
        )
    return stmt.order_by(received.desc(), DossierRow.id.desc()).limit(limit)


# Below this many index entries a name search reads every match and sorts them by the
# received time; at or above it the name is common, and walking the dossiers newest
# first with the name as a filter meets a page of matches within a few thousand rows.
EXACT_MATCHES = 5000


def _fts_match(folded: list[str]) -> str:
    """The FTS5 query for the longer words; the filters check every word afterwards.

    One-letter words ("vu t") go to FTS5 only when nothing longer is typed: there is no
    one-letter prefix index, and "t*" would merge the lists of every word in t."""
    long_words = [t for t in folded if len(t) > 1] or folded
    return " ".join(f'"{t}"*' for t in long_words)


def _fts_ids(session: Session, table: str, match: str, count: int) -> str | None:
    """The rowids the index has for ``match`` as a JSON array, or None when there are
    ``count`` or more (reading stops there). The ids stay in SQLite's own JSON text: a
    common name's thousands of ids never become Python rows."""
    stmt = text(
        f"SELECT count(*), json_group_array(rowid) FROM (SELECT rowid FROM {table} "
        f"WHERE {table} MATCH :match LIMIT :count)"
    )
    found, ids = session.execute(stmt, {"match": match, "count": count}).one()
    return None if found >= count else str(ids)


def _name_has(column: Any, folded: list[str]) -> ColumnElement[bool]:
    return and_(true(), *(_word_prefix(column, token) for token in folded))


def _applicant_has(folded: list[str]) -> ColumnElement[bool]:
    """Every word starts a word of the applicant's folded name or the phone."""
    return and_(
        true(),
        *(
            or_(
                _word_prefix(DossierRow.applicant_name_folded, token),
                _phone_prefix(token),
            )
            for token in folded
        ),
    )


def _filtered_matches(folded: list[str], parties: bool) -> ColumnElement[bool]:
    """Every word on the row itself: the applicant's folded name (or a phone prefix), or
    with ``parties`` another person the dossier names. For a walk of the dossiers newest
    first; the indexes' matches are checked with the same filters."""
    applicant = _applicant_has(folded)
    if not parties:
        return applicant
    # A scalar subquery, not EXISTS: PostgreSQL would hash an EXISTS over every person
    # named (a second and a half) where the walk asks it of a few thousand dossiers.
    party = (
        select(DossierPartyRow.id)
        .join(PersonRow, PersonRow.id == DossierPartyRow.person_id)
        .where(
            DossierPartyRow.dossier_id == DossierRow.id,
            DossierPartyRow.position > 0,
            _name_has(PersonRow.name_folded, folded),
        )
        .limit(1)
        .scalar_subquery()
    )
    return or_(applicant, party.is_not(None))


def _id_list(ids: str) -> Any:
    """Ids given as one JSON array: SQLite reads it with json_each, without a bound
    parameter per id."""
    return (
        text("SELECT value FROM json_each(:ids)")
        .bindparams(bindparam("ids", ids, unique=True))
        .columns(column("value", Integer))
    )


def _indexed_matches(
    session: Session, folded: list[str], parties: bool
) -> ColumnElement[bool] | None:
    """The matching dossiers through the FTS5 indexes when they are few; None when
    there are too many to read whole (then a walk newest first finds a page sooner). Each
    index is read once: a query of several common words costs most in the index. What
    FTS5 finds is checked with the walk's own filters (its words end at any punctuation,
    the filters' at a space), so both ways find the same rows."""
    match = _fts_match(folded)
    applicants = _fts_ids(session, "dossier_search", match, EXACT_MATCHES)
    people = _fts_ids(session, "person_search", match, EXACT_MATCHES) if parties else "[]"
    if applicants is None or people is None:
        return None
    found = and_(DossierRow.id.in_(_id_list(applicants)), _applicant_has(folded))
    if people == "[]":
        return found
    named = select(PersonRow.id).where(
        PersonRow.id.in_(_id_list(people)), _name_has(PersonRow.name_folded, folded)
    )
    parties_named = select(DossierPartyRow.dossier_id).where(
        DossierPartyRow.position > 0, DossierPartyRow.person_id.in_(named)
    )
    return or_(found, DossierRow.id.in_(parties_named))


def search_text(
    session: Session,
    terms: Sequence[str],
    *,
    limit: int,
    before_id: int | None,
    parties: bool = False,
) -> list[DossierSummary]:
    """Dossiers whose folded applicant name or phone has words starting with every term
    (and, with ``parties``, those where another person named on the dossier has them).

    Newest received first, the id breaking ties: the clerk looks for the citizen in
    front of them, whose dossier is almost always the latest. Ids do not follow the
    received time (a demo or an import records older dossiers after newer ones), so the
    order is the received time itself. A name with few matches is read whole through an
    index (FTS5 on SQLite, GIN word indexes on PostgreSQL) and sorted; a common one walks
    the received-time index newest first and stops at the page's end.
    """
    folded = [t for term in terms for t in _FTS_TOKEN.findall(fold(term))]
    if not folded:
        return []
    if session.get_bind().dialect.name != "sqlite":
        search_postgres.without_parallel_workers(session)
        found = search_postgres.indexed_matches(
            session,
            folded,
            parties,
            applicant=_applicant_has(folded),
            person=_name_has(PersonRow.name_folded, folded),
            threshold=EXACT_MATCHES,
        )
        if found is not None:
            page = search_postgres.page_of(found, limit, before_id)
            chosen = select(*SUMMARY_COLUMNS).where(DossierRow.id.in_(page))
            stmt = chosen.order_by(DossierRow.received_at.desc(), DossierRow.id.desc())
            return _summaries(session.execute(stmt))
        indexed = None
    else:
        indexed = _indexed_matches(session, folded, parties)
    if indexed is None:
        walk = select(*SUMMARY_COLUMNS).where(_filtered_matches(folded, parties))
        stmt = _newest_first(walk, limit, before_id)
    else:
        # The page's ids among the few matches first, then their summaries.
        page = _newest_first(select(DossierRow.id).where(indexed), limit, before_id, walk=False)
        chosen = select(*SUMMARY_COLUMNS).where(DossierRow.id.in_(list(session.scalars(page))))
        stmt = _newest_first(chosen, limit, None, walk=False)
    return _summaries(session.execute(stmt))


def find_by_day_sequence(
    session: Session, day: date, sequence: int, received_from: datetime, received_before: datetime
) -> list[DossierSummary]:
    """The dossiers of that day's sequence number (a code typed without its agency part),
    looked up through the received-time index around that day."""
    stmt = _newest_first(
        select(*SUMMARY_COLUMNS).where(
            DossierRow.received_at >= received_from,
            DossierRow.received_at < received_before,
            DossierRow.received_day == day,
            DossierRow.sequence == sequence,
        ),
        limit=10,
        before_id=None,
    )
    return _summaries(session.execute(stmt))
