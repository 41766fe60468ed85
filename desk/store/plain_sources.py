"""Where ``desk.store.plain_sql`` comes from: the store's own SQLAlchemy statements that the
print path runs on sqlite3 alone, compiled for SQLite. ``desk print`` opens a SQLite
office without importing SQLAlchemy (its import alone is ~190 ms of the 300 the command
may take, docs/performance.md), so their SQLite text is kept as data; a test checks that
the kept text is still what these statements compile to.

After changing one of these statements (or a table they read), write the data again::

    python -m desk.store.plain_sources
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, cast

from sqlalchemy import JSON, Boolean, Date, text
from sqlalchemy.dialects import sqlite
from sqlalchemy.sql import Executable
from sqlalchemy.sql.compiler import SQLCompiler

from desk.store import audit, dossier_loading, driver, migrate, office
from desk.store.driver_values import Kind
from desk.store.office_rows import LOG_COLUMNS
from desk.store.plain_sql import Statement
from desk.store.raw_reads import Slot
from desk.store.tables import Instant

_DIALECT = sqlite.dialect()


def _kinds(stmt: Any) -> tuple[tuple[int, Kind], ...]:
    """The typed columns a statement selects, as the driver's values are converted."""
    kinds: list[tuple[int, Kind]] = []
    for i, column in enumerate(stmt.selected_columns):
        kind = column.type
        if isinstance(kind, Instant):
            kinds.append((i, "instant"))
        elif isinstance(kind, Boolean):
            kinds.append((i, "boolean"))
        elif isinstance(kind, JSON):
            kinds.append((i, "json"))
        elif isinstance(kind, Date):
            kinds.append((i, "day"))
    return tuple(kinds)


def _compiled(
    stmt: Executable,
    names: Sequence[str],
    kinds: tuple[tuple[int, Kind], ...],
    *,
    one_of_many: bool = False,
) -> Statement:
    """``stmt`` for SQLite with the values of ``names`` given when it runs, in that order
    (``one_of_many``: each an expanding parameter, compiled for one value: the print path
    reads one dossier)."""
    bound = cast(Any, stmt).params(
        **{name: [Slot(n)] if one_of_many else Slot(n) for n, name in enumerate(names)}
    )
    made = cast(
        SQLCompiler,
        bound.compile(dialect=_DIALECT, compile_kwargs={"render_postcompile": True}),
    )
    template = [made.params[name] for name in made.positiontup or ()]
    slots = sorted(
        (value.index, place) for place, value in enumerate(template) if isinstance(value, Slot)
    )
    return Statement(
        str(made),
        tuple(None if isinstance(v, Slot) else v for v in template),
        tuple(place for _, place in slots),
        kinds,
    )


def compiled() -> dict[str, Statement]:
    """Every statement of the print path, by name, as ``plain_sql.STATEMENTS`` keeps it."""
    made = {
        "schema_revision": Statement(migrate.REVISION_QUERY, (), (), ()),
        "office": _compiled(office.OFFICE_ROW, (), _kinds(office.OFFICE_ROW)),
        "account": _compiled(office.USER_BY_NAME, ("username",), _kinds(office.USER_BY_NAME)),
        "sign_in_failures": _compiled(
            office.FAILURES_OF, ("username",), _kinds(office.FAILURES_OF)
        ),
        "procedure": _compiled(
            office.PROCEDURE_BY_CODE, ("code",), _kinds(office.PROCEDURE_BY_CODE)
        ),
        "dossier_id": _compiled(dossier_loading.DOSSIER_ID_BY_CODE, ("code",), ()),
        "log_head": Statement(str(text(audit.HEAD)), (), (), ()),
        "log_after": _compiled(audit.ENTRIES_AFTER, ("after",), _kinds(audit.ENTRIES_AFTER)),
        "log_insert": Statement(
            driver.insert_sql("audit_log", LOG_COLUMNS, "?"),
            (None,) * len(LOG_COLUMNS),
            tuple(range(len(LOG_COLUMNS))),
            (),
        ),
    }
    for which, read in dossier_loading.BATCH_READS.items():
        made[f"load_{which}"] = _compiled(read.stmt, ("ids",), read.kinds, one_of_many=True)
    return made


def source() -> str:
    """The text of ``plain_sql.py``."""
    lines = [
        '"""The SQLite text of the statements the print path runs on sqlite3 alone, written by',
        "``python -m desk.store.plain_sources`` from the store's own statements: do not edit.",
        '"""',
        "",
        "# ruff: noqa: E501 (one statement's text a line, as SQLAlchemy compiles it)",
        "",
        "from __future__ import annotations",
        "",
        "from typing import Any, NamedTuple",
        "",
        "",
        "class Statement(NamedTuple):",
        '    """A statement\'s SQLite text; every value it takes, the ones given when it runs',
        "    left None; where those go (the n-th given value to ``slots[n]``); its typed",
        '    columns (index, kind: ``desk.store.driver_values``)."""',
        "",
        "    sql: str",
        "    template: tuple[Any, ...]",
        "    slots: tuple[int, ...]",
        "    kinds: tuple[tuple[int, str], ...]",
        "",
        "",
        "# The schema these statements are for: an office at another revision is opened the",
        "# usual way (``desk.store.migrate``).",
        f"SCHEMA_HEAD = {migrate.SCHEMA_HEAD!r}",
        "",
        "STATEMENTS: dict[str, Statement] = {",
    ]
    for name, statement in sorted(compiled().items()):
        lines.append(f"    {name!r}: Statement(")
        lines.extend(f"        {field!r}," for field in statement)
        lines.append("    ),")
    lines.append("}")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    target = Path(__file__).with_name("plain_sql.py")
    target.write_text(source(), encoding="utf-8")
    print(f"wrote {target}", file=sys.stderr)
