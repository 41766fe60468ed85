"""Hot read statements built once per shape and compiled once per engine, then run as
their SQL text with the driver's own rows.

A search or a page of the list is asked of the store many times a minute with different
values in the same shape (three words, the second page …). Built with SQLAlchemy each
time, the statement's construction, its cache key and the typed processing of every row
cost several times the query itself on a million dossiers (docs/performance.md, issue
16). Here the statement is built by its ``build`` function the first time its shape is
asked for, compiled for the engine, and afterwards only the values change. Every value
a prepared statement takes is a named ``bindparam`` given in the driver's own form (text
and numbers); rows come back as the driver gives them (an instant is UTC text on
SQLite): ``desk.store.search.summary_from_row`` reads them.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

from sqlalchemy import ClauseElement
from sqlalchemy.sql.compiler import SQLCompiler

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


@dataclass(frozen=True, slots=True)
class _Compiled:
    sql: str
    defaults: dict[str, Any]  # the values SQLAlchemy put in itself (an OFFSET of 0)
    positions: tuple[str, ...] | None  # the names in order, for a positional driver


_compiled: dict[tuple[str, Hashable], _Compiled] = {}


def rows(
    session: Session,
    shape: Hashable,
    build: Callable[[], ClauseElement],
    values: Mapping[str, Any],
) -> Sequence[Sequence[Any]]:
    """The rows of the statement ``build`` makes for this ``shape`` (the same shape must
    always build the same statement), with these values."""
    connection = session.connection()
    dialect = connection.dialect
    key = (dialect.name, shape)
    compiled = _compiled.get(key)
    if compiled is None:
        made = cast(SQLCompiler, build().compile(dialect=dialect))
        positional = dialect.positional
        compiled = _compiled[key] = _Compiled(
            sql=str(made),
            defaults={k: v for k, v in made.params.items() if v is not None},
            positions=tuple(made.positiontup or ()) if positional else None,
        )
    given = {**compiled.defaults, **values}
    arguments: Any = (
        tuple(given[name] for name in compiled.positions)
        if compiled.positions is not None
        else given
    )
    return connection.exec_driver_sql(compiled.sql, arguments).all()
