"""The search box's few-matches path on PostgreSQL (schema 0010).

A name with few matches is read through the GIN word indexes (``ix_dossiers_search_words``,
``ix_people_search_words``) and sorted by the received time; a common one is left to the
walk of the received-time index newest first (``desk.store.search``), which meets a page
of matches within a few thousand rows.

A GIN index cannot stop early: asking it how many rows hold "nguyen" reads the whole list
(a tenth of a second on a million dossiers), where SQLite's FTS5 stops at its limit. So
the two are told apart before any index is read, by the share of rows holding each word
that ANALYZE keeps for the indexes (``desk_search_word_shares()``, read once every few
minutes) and, for a term of digits, a count through the phone's pattern index that stops
at the limit. Every term is still checked with the same word-prefix filters the walk uses,
so both paths, and SQLite, find the same rows in the same order.
"""

from __future__ import annotations

import bisect
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    and_,
    bindparam,
    cast,
    func,
    literal_column,
    or_,
    select,
    text,
    union,
)
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from desk.store.models import DossierPartyRow, DossierRow, PersonRow

APPLICANT_WORDS = "ix_dossiers_search_words"
PERSON_WORDS = "ix_people_search_words"
# The indexed expressions, as 0010 wrote them: a query must name them the same way.
_APPLICANT_VECTOR: ColumnElement[Any] = literal_column(
    "desk_search_words(dossiers.applicant_name_folded, dossiers.applicant_phone)"
)
_PERSON_VECTOR: ColumnElement[Any] = literal_column("desk_search_words(people.name_folded, '')")

# A word held by more than this share of rows is left out of the index lookup (its list
# costs more to read than the rows the rarer words leave): the filters still check it.
RARE_SHARE = 0.05
# How long the shares are trusted before they are read again.
SHARES_TTL_S = 300.0


@dataclass(frozen=True, slots=True)
class _Shares:
    """What ANALYZE saw: rows per table, and each common word's share of an index's rows
    (sorted by word, so the words starting with a term are one slice)."""

    rows: dict[str, float] = field(default_factory=dict)
    words: dict[str, list[str]] = field(default_factory=dict)
    shares: dict[str, list[float]] = field(default_factory=dict)

    def share(self, index: str, term: str) -> float:
        """The share of rows with a word starting with ``term`` (at most 1)."""
        words = self.words.get(index, [])
        first = bisect.bisect_left(words, term)
        last = bisect.bisect_left(words, term + "\x7f")
        return min(1.0, sum(self.shares.get(index, [])[first:last]))


_cache: dict[str, tuple[float, _Shares]] = {}


def _read_shares(session: Session) -> _Shares:
    bind = session.get_bind()
    key = str(bind.engine.url if isinstance(bind, Connection) else bind.url)
    cached = _cache.get(key)
    if cached is not None and time.monotonic() - cached[0] < SHARES_TTL_S:
        return cached[1]
    found = _Shares()
    rows = session.execute(
        text(
            "SELECT index_name, word, share FROM desk_search_word_shares() "
            "UNION ALL SELECT relname::text, NULL, greatest(reltuples, 0) FROM pg_class "
            "WHERE oid IN (to_regclass('dossiers'), to_regclass('people')) ORDER BY 1, 2"
        )
    )
    for index, word, share in rows:
        if word is None:
            found.rows[index] = float(share)
        else:
            found.words.setdefault(index, []).append(word)
            found.shares.setdefault(index, []).append(float(share))
    _cache[key] = (time.monotonic(), found)
    return found


def without_parallel_workers(session: Session) -> None:
    """For the rest of the transaction: no parallel workers and no JIT compilation. The
    planner's flat guess for a prefix query makes a search look costly enough for both,
    and starting them costs 40 to 100 ms here, for a search that needs a few."""
    session.execute(
        text(
            "SELECT set_config('max_parallel_workers_per_gather', '0', true), "
            "set_config('jit', 'off', true)"
        )
    )


def _phone_count(session: Session, term: str, limit: int) -> int:
    """Phones starting with ``term``, counted through the phone's pattern index up to
    ``limit`` (every phone is its own word: the shares know none of them)."""
    inner: Select[Any] = select(literal_column("1")).where(
        DossierRow.applicant_phone.like(f"{term}%")
    )
    counted = select(func.count()).select_from(inner.limit(limit).subquery())
    return int(session.execute(counted).scalar_one())


def _query(shares: _Shares, index: str, folded: Sequence[str]) -> str:
    """The tsquery of the rarer terms (at least one): ``'thu':* & 'huong':*``."""
    by_share = sorted(folded, key=lambda term: shares.share(index, term))
    chosen = [t for t in by_share if shares.share(index, t) < RARE_SHARE] or by_share[:1]
    return " & ".join(f"'{term}':*" for term in dict.fromkeys(chosen))


def _tsquery(query: str) -> Any:
    """The query as tsquery input, not through a text parser: its terms are the lexemes."""
    # Here, not at the top: a SQLite office never loads SQLAlchemy's PostgreSQL dialects.
    from sqlalchemy.dialects.postgresql import TSQUERY

    return cast(bindparam("words", query, unique=True), TSQUERY)


def _expected(shares: _Shares, index: str, table: str, folded: Sequence[str]) -> float:
    expected = shares.rows.get(table, 0.0)
    for term in folded:
        expected *= shares.share(index, term)
    return expected


def indexed_matches(
    session: Session,
    folded: Sequence[str],
    parties: bool,
    *,
    applicant: ColumnElement[bool],
    person: ColumnElement[bool],
    threshold: int,
) -> Any | None:
    """The matching dossiers' (id, received_at) through the word indexes, or None when
    there are likely ``threshold`` or more (then the walk finds a page sooner).

    ``applicant`` and ``person`` are the walk's own filters for every term, on the
    dossier's applicant and on a person: the index chooses the candidates, they decide."""
    shares = _read_shares(session)
    expected = _expected(shares, APPLICANT_WORDS, "dossiers", folded)
    for term in folded:
        if term[0].isdigit():
            expected += _phone_count(session, term, threshold)
    if expected >= threshold:
        return None
    if parties and _expected(shares, PERSON_WORDS, "people", folded) >= threshold:
        return None
    tsquery = _query(shares, APPLICANT_WORDS, folded)
    applicants = select(DossierRow.id, DossierRow.received_at).where(
        _APPLICANT_VECTOR.op("@@")(_tsquery(tsquery)),
        applicant,
    )
    if not parties:
        return applicants.subquery()
    named = (
        select(DossierPartyRow.dossier_id, DossierRow.received_at)
        .join(PersonRow, PersonRow.id == DossierPartyRow.person_id)
        .join(DossierRow, DossierRow.id == DossierPartyRow.dossier_id)
        .where(
            DossierPartyRow.position > 0,
            _PERSON_VECTOR.op("@@")(_tsquery(_query(shares, PERSON_WORDS, folded))),
            person,
        )
    )
    return union(applicants, named).subquery()


def page_of(found: Any, limit: int, before_id: int | None) -> Select[Any]:
    """The ids of one page of ``found``, newest received first, the id breaking ties; the
    page after ``before_id`` starts below that dossier. A sort of the few rows found:
    the subquery's order cannot be read off an index."""
    page = select(found.c.id)
    if before_id is not None:
        anchor = select(DossierRow.received_at).where(DossierRow.id == before_id).scalar_subquery()
        page = page.where(
            or_(
                found.c.received_at < anchor,
                and_(found.c.received_at == anchor, found.c.id < before_id),
            )
        )
    return page.order_by(found.c.received_at.desc(), found.c.id.desc()).limit(limit)
