"""Batch reads on the driver's own cursor, for the paths that read a million dossiers (the
sync push, the export, the loader of whole dossiers).

Through SQLAlchemy, a row's result handling and its columns' type processing cost several
times the driver's own fetch (docs/performance.md, issue 16). A ``BatchRead`` is a
statement built once with SQLAlchemy that selects the rows of the dossiers ``:ids``
(an expanding parameter), the dossier's id first. It is compiled once per engine and per
size (a batch is padded to a power of two with its last id, so a few shapes serve every
batch), run on the session's own DBAPI connection (the same transaction, so the same
snapshot), and its rows come back as the driver gives them.

The typed columns are converted here, from each engine's driver form, by the same
functions as the columns' types (``tables.instant_from_db``). A stored value that no
longer converts (a garbled or hand-edited cell) is an ``UnreadableValue`` naming its
column and its dossier's code (``desk.store.faults`` makes it the corrupt-database
fault); an error of any other kind is not caught here and stays what it is.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Connection, Select, select
from sqlalchemy.engine import Dialect
from sqlalchemy.sql.compiler import SQLCompiler

from desk.store.driver import Statements
from desk.store.driver_values import Kind, Step, converted, first_unreadable, steps_for
from desk.store.faults import UnreadableValue
from desk.store.tables import DOSSIERS as _DOSSIERS

# Batches of up to 512 ids are padded to a power of two (ten shapes at most); a larger one
# is read as it is, compiled for it alone.
_MOST_PADDED = 512


class Slot:
    """Stands for the n-th value given (an id of a batch) while a statement is compiled:
    where it lands in the compiled parameters is where that value goes."""

    def __init__(self, index: int):
        self.index = index


@dataclass(frozen=True, slots=True)
class _Compiled:
    sql: str
    names: tuple[str, ...] | None  # None: a positional driver
    template: tuple[Any, ...]  # every parameter's value, the ids' places empty
    slots: tuple[int, ...]  # where the n-th id goes in ``template``

    def arguments(self, ids: Sequence[int]) -> Any:
        values = list(self.template)
        for place, dossier_id in zip(self.slots, ids, strict=True):
            values[place] = dossier_id
        return tuple(values) if self.names is None else dict(zip(self.names, values, strict=True))


class BatchRead:
    """One statement over the dossiers ``:ids`` (the dossier's id its first column), with
    the kinds of its typed columns."""

    def __init__(self, stmt: Select[Any], kinds: Mapping[str, Kind] | None = None):
        self.stmt = stmt
        self.columns = tuple(str(column.name) for column in stmt.selected_columns)
        kinds = kinds or {}
        unknown = set(kinds) - set(self.columns)
        if unknown:
            raise ValueError(f"not selected: {sorted(unknown)}")
        self.kinds = tuple((i, kinds[name]) for i, name in enumerate(self.columns) if name in kinds)
        self._compiled: dict[tuple[str, int], _Compiled] = {}
        self._steps: dict[str, list[Step]] = {}  # by engine

    def rows(self, connection: Connection, ids: Sequence[int]) -> list[Any]:
        """The rows for ``ids`` (not empty), typed columns converted: tuples when nothing
        needs converting, lists otherwise."""
        dialect = connection.dialect
        size = 1 << (len(ids) - 1).bit_length()
        if size > _MOST_PADDED:  # not padded past the batches the desk reads (SQLite's limit)
            size = len(ids)
        compiled = self._compiled.get((dialect.name, size)) or self._compile(dialect, size)
        padded = [*ids, *([ids[-1]] * (size - len(ids)))]
        # The driver's cursor as intake's writes use it: the same errors as SQLAlchemy's
        # (parameters hidden), and a lost PostgreSQL connection invalidated.
        fetched = list(Statements(connection).run(compiled.sql, compiled.arguments(padded)))
        steps = self._steps.get(dialect.name)
        if steps is None:
            steps = self._steps[dialect.name] = steps_for(dialect.name, self.kinds)
        if not steps:
            return fetched
        try:
            return converted(fetched, steps)
        except ValueError:
            unreadable = first_unreadable(fetched, steps)
            if unreadable is None:
                raise
            row, i = unreadable
            raise UnreadableValue(self.columns[i], _code_of(connection, row[0])) from None

    def _compile(self, dialect: Dialect, size: int) -> _Compiled:
        made = cast(
            SQLCompiler,
            self.stmt.params(ids=[Slot(n) for n in range(size)]).compile(
                dialect=dialect, compile_kwargs={"render_postcompile": True}
            ),
        )
        params = made.params
        names = tuple(made.positiontup or ()) if dialect.positional else tuple(params)
        template = [params[name] for name in names]
        slots = sorted(
            (value.index, place) for place, value in enumerate(template) if isinstance(value, Slot)
        )
        compiled = _Compiled(
            sql=str(made),
            names=None if dialect.positional else names,
            template=tuple(None if isinstance(v, Slot) else v for v in template),
            slots=tuple(place for _, place in slots),
        )
        if size <= _MOST_PADDED:
            self._compiled[(dialect.name, size)] = compiled
        return compiled


def _code_of(connection: Connection, dossier_id: int) -> str:
    code = connection.execute(select(_DOSSIERS.c.code).where(_DOSSIERS.c.id == dossier_id)).scalar()
    return str(code) if code is not None else f"#{dossier_id}"
