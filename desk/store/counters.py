"""Numbers handed out per kind and year: the tracking book's entries (one volume per year)
and the People's Committee's letters (forms 04 and 05, "Số: 12/…")."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session

BOOK = "book"  # the tracking book (Sổ theo dõi hồ sơ, form 07)

# The same upsert works on SQLite (3.35+) and PostgreSQL, as the day's sequence does: the
# counter row stays locked until the caller commits and a rollback gives the number back,
# so the numbers have neither gaps nor duplicates, also with several desks.
_NEXT = text(
    "INSERT INTO yearly_counters (kind, year, last_value) VALUES (:kind, :year, 1) "
    "ON CONFLICT (kind, year) DO UPDATE SET last_value = yearly_counters.last_value + 1 "
    "RETURNING last_value"
)


def next_yearly_number(session: Session, kind: str, year: int) -> int:
    """The next number of ``kind`` in ``year``, inside the caller's transaction."""
    return int(session.connection().execute(_NEXT, {"kind": kind, "year": year}).scalar_one())
