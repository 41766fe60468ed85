"""Writes sent as the driver's own SQL text, with values in the driver's own form.

Receiving a dossier runs a dozen small statements. Through SQLAlchemy each costs its
statement handling and the typed conversion of its values, several times what the driver
itself spends on it (docs/performance.md, issue 16); here the text is made once per
driver and the values are converted by the columns' own types (``store.bulk.SqlValues``),
so what is stored is exactly what SQLAlchemy's statements store.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from sqlalchemy.engine import Dialect

from desk.store.rows import ValueForm

_forms: dict[tuple[str, str], ValueForm] = {}


def marker(dialect: Dialect) -> str:
    """The driver's positional marker (sqlite3 ``?``, psycopg ``%s``)."""
    return "?" if dialect.paramstyle == "qmark" else "%s"


def form(dialect: Dialect) -> ValueForm:
    """Typed values (instants, days, JSON, booleans) as this dialect's driver takes them,
    made once per driver."""
    key = (dialect.name, dialect.driver)
    made = _forms.get(key)
    if made is None:
        from desk.store.bulk import SqlValues  # bulk imports the modules that import this

        made = _forms[key] = SqlValues(dialect, memo=False)
    return made


@lru_cache(maxsize=64)
def insert_sql(table: str, columns: Sequence[str], marker: str, returning: bool = False) -> str:
    """``INSERT INTO table (columns) VALUES (…)``, with ``RETURNING id`` if asked."""
    sql = (
        f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join([marker] * len(columns))})"
    )
    return f"{sql} RETURNING id" if returning else sql
