"""Finding dossiers: the list's pages, the search box, lookup by code. All of them return
the one summary projection (``SUMMARY_COLUMNS`` → ``DossierSummary``).

It is one piece on purpose: the list, the lookups and the search box share one
projection, one page order and the prepared statements' shapes, read side by side.

Pages are keyset pages, newest first (``id < before_id ORDER BY id DESC LIMIT n``): the
hundredth page costs what the first one does, on SQLite and PostgreSQL alike.

Filters that keep most of the table (a status, a procedure, a clerk) walk the primary key
backwards and test each row: on a million dossiers that finds a page after a few thousand
rows, where SQLite would otherwise pick the column's index and sort hundreds of thousands
of rows to return the newest hundred. Narrow filters (received today, due on a day,
overdue) use their index, and the few rows they match are sorted.
"""

from __future__ import annotations

import json
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
from desk.store import prepared, search_postgres
from desk.store.models import (
    DossierPartyRow,
    DossierRow,
    Instant,
    PersonRow,
    instant_from_db,
    instant_to_db,
)

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
    """A summary from a row selected as ``SUMMARY_COLUMNS``, typed or as the driver gives
    it (``desk.store.prepared``)."""
    received_at = instant_from_db(row[7])
    due_at = instant_from_db(row[8])
    assert received_at is not None and due_at is not None  # NOT NULL columns
    return DossierSummary(
        id=row[0],
        code=row[1],
        procedure_code=row[2],
        procedure_name=row[3],
        applicant_name=row[4],
        applicant_phone=row[5],
        status=_STATUSES[row[6]],
        received_at=received_at,
        due_at=due_at,
        rescheduled_due_at=instant_from_db(row[9]),
        paused_at=instant_from_db(row[10]),
        clerk_name=row[11],
    )


_STATUSES = {int(status): status for status in Status}


def _summaries(found: Iterable[Sequence[Any]]) -> list[DossierSummary]:
    return [summary_from_row(row) for row in found]


# A page's size and the id it starts below, in prepared statements.
_LIMIT = bindparam("limit", type_=Integer)
_BEFORE_ID = bindparam("before_id", type_=Integer)


def _page(stmt: Select[Any], limit: int | Any, before_id: int | Any | None) -> Select[Any]:
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
    return literal_column(f"+{DossierRow.__table__.name}.{column.key}")


def _where(stmt: Select[Any], query: ListQuery) -> Select[Any]:
    """The query's filters as named values (``_list_values``): the statement depends only
    on which filters are set (``_list_shape``)."""
    narrow = (
        query.received_from is not None
        or query.due_from is not None
        or query.overdue_at is not None
    )
    running = DossierRow.status.in_(_RUNNING)
    if query.received_from is not None:
        stmt = stmt.where(DossierRow.received_at >= bindparam("received_from", type_=Instant()))
    if query.received_before is not None:
        stmt = stmt.where(DossierRow.received_at < bindparam("received_before", type_=Instant()))
    if query.due_from is not None:
        stmt = stmt.where(running, DossierRow.due_at >= bindparam("due_from", type_=Instant()))
    if query.due_before is not None:
        stmt = stmt.where(running, DossierRow.due_at < bindparam("due_before", type_=Instant()))
    if query.overdue_at is not None:
        stmt = stmt.where(running, DossierRow.due_at < bindparam("overdue_at", type_=Instant()))
    if query.statuses:
        status: Any = DossierRow.status if narrow else _unindexed(DossierRow.status)
        chosen = [bindparam(f"status{i}", type_=Integer) for i in range(len(query.statuses))]
        stmt = stmt.where(status.in_(chosen))
    if query.procedure_code:
        procedure: Any = (
            DossierRow.procedure_code if narrow else _unindexed(DossierRow.procedure_code)
        )
        stmt = stmt.where(procedure == bindparam("procedure_code"))
    if query.clerk_id is not None:
        stmt = stmt.where(DossierRow.clerk_id == bindparam("clerk_id", type_=Integer))
    return stmt


_LIST_INSTANTS = ("received_from", "received_before", "due_from", "due_before", "overdue_at")


def _list_shape(query: ListQuery) -> tuple[Any, ...]:
    return (
        *(getattr(query, name) is not None for name in _LIST_INSTANTS),
        len(query.statuses),
        bool(query.procedure_code),
        query.clerk_id is not None,
    )


def _list_values(query: ListQuery, engine: str | None = None) -> dict[str, Any]:
    """The values ``_where`` names; instants in the driver's form for ``engine``."""
    instants = {name: getattr(query, name) for name in _LIST_INSTANTS}
    values: dict[str, Any] = (
        instants
        if engine is None
        else {name: instant_to_db(value, engine) for name, value in instants.items()}
    )
    values.update((f"status{i}", int(s)) for i, s in enumerate(query.statuses))
    values["procedure_code"] = query.procedure_code
    values["clerk_id"] = query.clerk_id
    return values


def list_page(
    session: Session, query: ListQuery, *, limit: int, before_id: int | None = None
) -> list[DossierSummary]:
    """One page of the list, newest first; the next page starts before the last id. A
    prepared statement (``desk.store.prepared``): the list is scrolled a page at a time."""
    paging = before_id is not None

    def build() -> Select[Any]:
        chosen = _where(select(*SUMMARY_COLUMNS), query)
        return _page(chosen, _LIMIT, _BEFORE_ID if paging else None)

    engine = session.get_bind().dialect.name
    values = {**_list_values(query, engine), "limit": limit, "before_id": before_id}
    return _summaries(prepared.rows(session, ("list", _list_shape(query), paging), build, values))


def due_first(session: Session, query: ListQuery, *, limit: int) -> list[DossierSummary]:
    """The first ``limit`` dossiers the query finds, the soonest due first (the
    supervisor's watch list: the most overdue are never the ones cut)."""
    stmt = _where(select(*SUMMARY_COLUMNS), query).order_by(DossierRow.due_at, DossierRow.id)
    return _summaries(session.execute(stmt.limit(limit), _list_values(query)))


def latest(session: Session, *, limit: int, before_id: int | None) -> list[DossierSummary]:
    return list_page(session, ListQuery(), limit=limit, before_id=before_id)


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


# The statements of the search box take each typed word as named values (``_word_values``),
# so that one statement serves every query of the same shape (``desk.store.prepared``).


def _word_values(folded: Sequence[str]) -> dict[str, str]:
    """The LIKE patterns of each word: ``w0_start`` … for ``_word_prefix(…, 0)``. Words are
    letters and digits only: no LIKE wildcard can come through."""
    values = {}
    for i, token in enumerate(folded):
        values[f"w{i}_start"] = f"{token}%"
        values[f"w{i}_plus"] = f"+{token}%"
        for n, separator in enumerate(NAME_SEPARATORS):
            values[f"w{i}_after{n}"] = f"%{separator}{token}%"
    return values


def _word_prefix(column: Any, word: int) -> ColumnElement[bool]:
    """A word of the folded ``column`` starts with typed word number ``word``: at its
    start, or after a space, an apostrophe or a hyphen ("hen" finds "H'Hen Niê", as
    FTS5's words do)."""
    after = (column.like(bindparam(f"w{word}_after{n}")) for n in range(len(NAME_SEPARATORS)))
    return or_(column.like(bindparam(f"w{word}_start")), *after)


def _phone_prefix(word: int) -> ColumnElement[bool]:
    """The phone starts with typed word number ``word``, after its + if it has one."""
    phone = DossierRow.applicant_phone
    return or_(phone.like(bindparam(f"w{word}_start")), phone.like(bindparam(f"w{word}_plus")))


def _newest_first(
    stmt: Select[Any], limit: int | Any, before_id: int | Any | None, *, walk: bool = True
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


def _name_has(column: Any, words: int) -> ColumnElement[bool]:
    return and_(true(), *(_word_prefix(column, word) for word in range(words)))


def _applicant_has(words: int) -> ColumnElement[bool]:
    """Every typed word starts a word of the applicant's folded name or the phone."""
    return and_(
        true(),
        *(
            or_(_word_prefix(DossierRow.applicant_name_folded, word), _phone_prefix(word))
            for word in range(words)
        ),
    )


def _filtered_matches(words: int, parties: bool) -> ColumnElement[bool]:
    """Every word on the row itself: the applicant's folded name (or a phone prefix), or
    with ``parties`` another person the dossier names. For a walk of the dossiers newest
    first; the indexes' matches are checked with the same filters."""
    applicant = _applicant_has(words)
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
            _name_has(PersonRow.name_folded, words),
        )
        .limit(1)
        .scalar_subquery()
    )
    return or_(applicant, party.is_not(None))


def _id_list(name: str) -> Any:
    """Ids given as one JSON array in the value ``name``: SQLite reads it with json_each,
    without a bound parameter per id."""
    return (
        text(f"SELECT value FROM json_each(:{name})")
        .bindparams(bindparam(name))
        .columns(column("value", Integer))
    )


def _fts_candidates(session: Session, folded: list[str], parties: bool) -> tuple[str, str] | None:
    """The ids the FTS5 indexes have for the words, applicants' and other people's, when
    they are few; None when there are too many to read whole (then a walk newest first
    finds a page sooner). Each index is read once: a query of several common words costs
    most in the index."""
    match = _fts_match(folded)
    applicants = _fts_ids(session, "dossier_search", match, EXACT_MATCHES)
    people = _fts_ids(session, "person_search", match, EXACT_MATCHES) if parties else "[]"
    if applicants is None or people is None:
        return None
    return applicants, people


def _indexed_matches(words: int, with_people: bool) -> ColumnElement[bool]:
    """The dossiers among the indexes' candidates (``applicant_ids``, ``people_ids``). What
    FTS5 finds is checked with the walk's own filters (its words end at any punctuation,
    the filters' at a space), so both ways find the same rows."""
    found = and_(DossierRow.id.in_(_id_list("applicant_ids")), _applicant_has(words))
    if not with_people:
        return found
    named = select(PersonRow.id).where(
        PersonRow.id.in_(_id_list("people_ids")), _name_has(PersonRow.name_folded, words)
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

    The walk and SQLite's index path are prepared statements (``desk.store.prepared``):
    the same few shapes serve every query.
    """
    folded = [t for term in terms for t in _FTS_TOKEN.findall(fold(term))]
    if not folded:
        return []
    words, paging = len(folded), before_id is not None
    values: dict[str, Any] = {**_word_values(folded), "limit": limit, "before_id": before_id}
    candidates = None
    if session.get_bind().dialect.name != "sqlite":
        search_postgres.without_parallel_workers(session)
        found = search_postgres.indexed_matches(
            session,
            folded,
            parties,
            applicant=_applicant_has(words),
            person=_name_has(PersonRow.name_folded, words),
            threshold=EXACT_MATCHES,
        )
        if found is not None:
            page = search_postgres.page_of(found, limit, before_id)
            chosen = select(*SUMMARY_COLUMNS).where(DossierRow.id.in_(page))
            stmt = chosen.order_by(DossierRow.received_at.desc(), DossierRow.id.desc())
            return _summaries(session.execute(stmt, values))
    else:
        candidates = _fts_candidates(session, folded, parties)
    if candidates is None:
        walk = ("walk", words, parties, paging)
        return _summaries(
            prepared.rows(
                session,
                walk,
                lambda: _newest_first(
                    select(*SUMMARY_COLUMNS).where(_filtered_matches(words, parties)),
                    _LIMIT,
                    _BEFORE_ID if paging else None,
                ),
                values,
            )
        )
    # The page's ids among the few matches first, then their summaries.
    applicants, people = candidates
    with_people = people != "[]"
    page_ids = prepared.rows(
        session,
        ("page of the indexed", words, with_people, paging),
        lambda: _newest_first(
            select(DossierRow.id).where(_indexed_matches(words, with_people)),
            _LIMIT,
            _BEFORE_ID if paging else None,
            walk=False,
        ),
        {**values, "applicant_ids": applicants, "people_ids": people},
    )
    return _summaries(
        prepared.rows(
            session,
            "summaries of a page",
            lambda: _newest_first(
                select(*SUMMARY_COLUMNS).where(DossierRow.id.in_(_id_list("page_ids"))),
                _LIMIT,
                None,
                walk=False,
            ),
            {"page_ids": json.dumps([row[0] for row in page_ids]), "limit": limit},
        )
    )


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
