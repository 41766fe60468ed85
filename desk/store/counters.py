"""Numbers handed out per kind and year: the tracking book's entries (one volume per year)
and the People's Committee's letters (forms 04 and 05, "Số: 12/…")."""

from __future__ import annotations

from functools import lru_cache

from sqlalchemy.orm import Session

from desk.store.driver import Statements

BOOK = "book"  # the tracking book (Sổ theo dõi hồ sơ, form 07)


# The same upsert works on SQLite (3.35+) and PostgreSQL, as the day's sequence does: the
# counter row stays locked until the caller commits and a rollback gives the number back,
# so the numbers have neither gaps nor duplicates, also with several desks. Sent as the
# driver's SQL (``store.driver``): every dossier received draws one.
@lru_cache(maxsize=8)
def _next(marker: str) -> str:
    return (
        f"INSERT INTO yearly_counters (kind, year, last_value) VALUES ({marker}, {marker}, 1) "
        "ON CONFLICT (kind, year) DO UPDATE SET last_value = yearly_counters.last_value + 1 "
        "RETURNING last_value"
    )


def next_yearly_number(bind: Session | Statements, kind: str, year: int) -> int:
    """The next number of ``kind`` in ``year``, inside the caller's transaction."""
    statements = bind if isinstance(bind, Statements) else Statements(bind)
    return int(statements.value(_next(statements.marker), (kind, year)))
