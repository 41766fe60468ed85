"""PostgreSQL's side of the bulk load (``desk.store.bulk.BulkInserter``).

Rows go in with ``COPY … FROM STDIN`` (psycopg 3's ``cursor.copy()``), already in the
driver's form (``SqlValues``: aware UTC instants, dates, ``Json`` wrappers, booleans),
which psycopg's COPY adapts as it adapts a statement's parameters.

A large load by the tables' owner first drops the loaded tables' secondary indexes and
their foreign keys, and makes them again at the end, in the same transaction: one sort
per index and one join per foreign key instead of millions of B-tree inserts and
millions of per-row key checks. Primary keys and unique constraints stay: they are
what the desk relies on while the rows go in (and the foreign keys of other tables lean
on them). A failed load rolls all of it back, the dropped indexes included.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy.engine import Connection

from desk.store import people, rows

# Settings for the load's own transaction (SET LOCAL: they end with it).
# - maintenance_work_mem: each index is built with one in-memory sort instead of
#   sorted runs merged from temporary files;
# - synchronous_commit off: the commit does not wait for its WAL to reach the disk. A
#   crash in that instant loses the whole load (it was never there), never half of it,
#   and never anything else: the database stays consistent, and the load is made again.
SESSION_SETTINGS = (
    ("maintenance_work_mem", "512MB"),
    ("synchronous_commit", "off"),
)
_KNOWN_STAGING = "bulk_known_people"  # the records for the registry, in order


def tune(connection: Connection) -> None:
    for name, value in SESSION_SETTINGS:
        connection.exec_driver_sql("SELECT set_config(%s, %s, true)", (name, value))


def owns(connection: Connection, tables: Sequence[str]) -> bool:
    """Whether this role owns every one of the tables (only the owner may drop and make
    their indexes and constraints, or ANALYZE them)."""
    count = connection.exec_driver_sql(
        "SELECT count(*) FROM pg_class WHERE oid = ANY(%s::regclass[]) "
        "AND pg_has_role(current_user, relowner, 'USAGE')",
        (list(tables),),
    ).scalar()
    return count == len(tables)


def drop_secondary(connection: Connection, tables: Sequence[str]) -> list[str]:
    """Drop the tables' foreign keys and the indexes no constraint stands on; returns the
    statements that make them again (indexes first, then the keys)."""
    indexes = connection.exec_driver_sql(
        "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i "
        "WHERE i.indrelid = ANY(%s::regclass[]) AND NOT EXISTS "
        "(SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid) ORDER BY 1",
        (list(tables),),
    ).all()
    keys = connection.exec_driver_sql(
        "SELECT conrelid::regclass::text, quote_ident(conname), pg_get_constraintdef(oid) "
        "FROM pg_constraint WHERE contype = 'f' AND conrelid = ANY(%s::regclass[]) ORDER BY 1, 2",
        (list(tables),),
    ).all()
    restore = []
    for table, name, definition in keys:
        connection.exec_driver_sql(f"ALTER TABLE {table} DROP CONSTRAINT {name}")
        restore.append(f"ALTER TABLE {table} ADD CONSTRAINT {name} {definition}")
    for name, definition in indexes:
        connection.exec_driver_sql(f"DROP INDEX {name}")
        restore.insert(0, definition)
    return restore


def copy_rows(
    connection: Connection, table: str, columns: Sequence[str], values: Iterable[Sequence[Any]]
) -> None:
    """COPY the rows (in ``columns`` order) into ``table``."""
    raw = connection.connection.driver_connection
    assert raw is not None
    with (
        raw.cursor() as cursor,
        cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy,
    ):
        write = copy.write_row
        for row in values:
            write(row)


def stage_known_people(connection: Connection, known: Sequence[Sequence[Any]]) -> None:
    """Keep records for the registry (``person_row``s with an ID number), in order; the
    registry takes them at the end (``register_staged``)."""
    if not known:
        return
    connection.exec_driver_sql(
        f"CREATE TEMPORARY TABLE IF NOT EXISTS {_KNOWN_STAGING} "
        "(LIKE known_people, position bigint GENERATED ALWAYS AS IDENTITY) ON COMMIT DROP"
    )
    copy_rows(connection, _KNOWN_STAGING, rows.PERSON_COLUMNS, known)


def register_staged(connection: Connection) -> None:
    """Bring the registry up to date with the staged records, as ``people.save_person``
    does one by one: in rounds, the first record of each ID number, then the second …
    (one upsert may not touch a row twice), each round with the registry's own merge."""
    staged = connection.exec_driver_sql(
        f"SELECT to_regclass('pg_temp.{_KNOWN_STAGING}') IS NOT NULL"
    ).scalar()
    if not staged:
        return
    columns = ", ".join(rows.PERSON_COLUMNS)
    connection.exec_driver_sql(
        f"CREATE TEMPORARY TABLE bulk_known_rounds ON COMMIT DROP AS SELECT {columns}, "
        "position, row_number() OVER (PARTITION BY id_number ORDER BY position) AS round "
        f"FROM {_KNOWN_STAGING}"
    )
    last = connection.exec_driver_sql("SELECT max(round) FROM bulk_known_rounds").scalar() or 0
    for round_ in range(1, int(last) + 1):
        connection.exec_driver_sql(
            people.register_statement(
                f"SELECT {columns} FROM bulk_known_rounds WHERE round = {round_} ORDER BY position"
            )
        )
    connection.exec_driver_sql(f"DROP TABLE {_KNOWN_STAGING}, bulk_known_rounds")


def advance_sequences(connection: Connection, tables: Sequence[str]) -> None:
    """Move the tables' id sequences past the ids the load gave itself, so the services'
    next rows take the following numbers: ``setval`` where this role may, otherwise
    (the desk's role may only draw) by drawing numbers up to the loaded maximum."""
    found = connection.exec_driver_sql(
        "SELECT c.relname, pg_get_serial_sequence(quote_ident(c.relname), 'id') "
        "FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'id' "
        "WHERE c.oid = ANY(%s::regclass[])",
        (list(tables),),
    ).all()
    for table, sequence in found:
        if sequence is None:
            continue
        loaded = connection.exec_driver_sql(f"SELECT max(id) FROM {table}").scalar()
        last, called = connection.exec_driver_sql(
            f"SELECT last_value, is_called FROM {sequence}"
        ).one()
        following = last + 1 if called else last  # what nextval would give now
        if loaded is None or loaded < following:
            continue
        if connection.exec_driver_sql(
            "SELECT has_sequence_privilege(%s, 'UPDATE')", (sequence,)
        ).scalar():
            connection.exec_driver_sql("SELECT setval(%s, %s)", (sequence, loaded))
        else:
            connection.exec_driver_sql(
                "SELECT count(nextval(%s)) FROM generate_series(1, %s)",
                (sequence, loaded - following + 1),
            )


def analyze(connection: Connection, tables: Sequence[str]) -> None:
    """Statistics for the planner on what was loaded (the owner's right)."""
    connection.exec_driver_sql(f"ANALYZE {', '.join(tables)}")
