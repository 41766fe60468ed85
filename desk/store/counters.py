"""Numbers handed out: the day's sequence of dossier codes, and numbers per kind and year
(the tracking book's entries, one volume per year, and the People's Committee's letters,
forms 04 and 05, "Số: 12/…").

Each is one upsert that creates the counter and increments it, returning the new value;
the same SQL works on SQLite (3.35+) and PostgreSQL. The counter row stays locked until
the caller commits (PostgreSQL's row lock; SQLite's write lock, taken by BEGIN IMMEDIATE)
and a rollback gives the number back, so the numbers have neither gaps nor duplicates,
also with several desks. They are sent as the driver's SQL (``store.driver``): every
dossier received draws two, and SQLAlchemy's handling of a statement cost more than the
write.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING

from sqlalchemy import Connection

from desk.domain.codes import SequenceBlock
from desk.errors import SequenceExhausted
from desk.store.driver import Statements, statements_of

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

BOOK = "book"  # the tracking book (Sổ theo dõi hồ sơ, form 07)


@lru_cache(maxsize=8)
def _next_sequence(marker: str) -> str:
    return (
        "INSERT INTO daily_counters (agency_id, day, block_first, last_value) "
        f"VALUES ({marker}, {marker}, {marker}, {marker}) "
        "ON CONFLICT (agency_id, day, block_first) "
        "DO UPDATE SET last_value = daily_counters.last_value + 1 "
        "RETURNING last_value"
    )


def allocate_sequence(
    bind: Session | Connection | Statements, agency_id: str, day: date, block: SequenceBlock
) -> int:
    """The next number of the day's sequence in this desk's block, inside the caller's
    transaction; ``SequenceExhausted`` past the block's end."""
    statements = statements_of(bind)
    values = (agency_id, statements.form.day(day), block.first, block.first)
    value = int(statements.value(_next_sequence(statements.marker), values))
    if value > block.last:
        raise SequenceExhausted(
            f"Đã hết số thứ tự hồ sơ của ngày {day:%d/%m/%Y} trong dãy {block} của máy này. "
            "Liên hệ quản trị để cấp thêm dãy số.",
        )
    return value


@lru_cache(maxsize=8)
def _next(marker: str) -> str:
    return (
        f"INSERT INTO yearly_counters (kind, year, last_value) VALUES ({marker}, {marker}, 1) "
        "ON CONFLICT (kind, year) DO UPDATE SET last_value = yearly_counters.last_value + 1 "
        "RETURNING last_value"
    )


def next_yearly_number(bind: Session | Statements, kind: str, year: int) -> int:
    """The next number of ``kind`` in ``year``, inside the caller's transaction."""
    statements = statements_of(bind)
    return int(statements.value(_next(statements.marker), (kind, year)))
