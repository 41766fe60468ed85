"""A SQLite office opened on sqlite3 alone, without SQLAlchemy, for ``desk print``.

A print from the command line is a process of its own, and SQLAlchemy's import alone is
~190 ms of the 300 it may take (docs/performance.md, issue 16). This reads what a print
reads and writes the log's entries a print writes, nothing else: the store's own
statements, compiled to SQLite's text and kept as data (``desk.store.plain_sql``, from
``desk.store.plain_sources``), values converted and rows turned into the domain's values
by the same functions as the store's (``driver_values``, ``office_rows``,
``dossier_assembly``), and the same checks at opening as every start
(``faults.check_sqlite_file``, ``start_check``).

It only serves an office as the desk leaves it: a schema at another revision, or any
error of the database, is ``Unavailable``, and the caller opens the office the usual way
(``desk.services.context``), which migrates, tells the fault apart or says what is wrong.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import Any

from desk.domain.audit import AuditEntry, chained
from desk.domain.catalogue import Procedure
from desk.domain.dossier import Dossier
from desk.domain.office import Office, User
from desk.store import faults, sqlite_setup
from desk.store.dossier_assembly import assembled
from desk.store.driver_values import converted, steps_for
from desk.store.instants import instant_to_db
from desk.store.office_rows import (
    entry_from_values,
    entry_values,
    log_head,
    office_from_values,
    procedure_from_values,
    user_from_values,
)
from desk.store.plain_sql import SCHEMA_HEAD, STATEMENTS
from desk.store.start_check import AUDIT_TAIL, quick_check_sqlite, tail_break

# How each statement's typed columns are converted (as the store converts them).
_STEPS = {name: steps_for("sqlite", statement.kinds) for name, statement in STATEMENTS.items()}


class Unavailable(Exception):
    """The office cannot be served on sqlite3 alone: open it the usual way."""


class SqliteValues:
    """Typed values as sqlite3 takes them: what the columns' types give SQLAlchemy's
    SQLite driver (a test compares the two)."""

    @staticmethod
    def instant(value: datetime | None, /) -> Any:
        return instant_to_db(value, "sqlite")

    @staticmethod
    def day(value: date | None, /) -> Any:
        return None if value is None else value.isoformat()

    @staticmethod
    def json(value: Any, /) -> Any:
        return None if value is None else json.dumps(value)

    @staticmethod
    def boolean(value: bool, /) -> Any:
        return int(value)


class PlainOffice:
    """One connection to an office file, with the desk's settings (``sqlite_setup``)."""

    def __init__(self, connection: sqlite3.Connection):
        self._connection = connection

    @classmethod
    def open(cls, path: Path, backup_dir: Path | None) -> PlainOffice:
        """The office file at ``path`` checked as every start checks it (a fault of the
        file raises its own ``DeskError``); ``Unavailable`` if it is not at the schema
        these statements are for."""
        faults.check_sqlite_file(path, create=False, backup_dir=backup_dir)
        quick_check_sqlite(path, backup_dir)
        try:
            connection = sqlite3.connect(
                path, timeout=sqlite_setup.SQLITE_BUSY_TIMEOUT_S, isolation_level=None
            )
        except sqlite3.Error as error:
            raise Unavailable(str(error)) from error
        office = cls(connection)
        try:
            sqlite_setup.configure(connection)
            revision = office._rows("schema_revision")
            if not revision or revision[0][0] != SCHEMA_HEAD:
                raise Unavailable(f"schema {revision[0][0] if revision else None}")
        except BaseException:
            office.close()
            raise
        return office

    def close(self) -> None:
        self._connection.close()

    # --- transactions ---------------------------------------------------------------

    @contextmanager
    def reading(self) -> Iterator[None]:
        """One read transaction: every read in it sees one moment of the office."""
        with self._transaction(sqlite_setup.READ_BEGIN):
            yield

    @contextmanager
    def _transaction(self, begin: str) -> Iterator[None]:
        try:
            self._connection.execute(begin)
        except sqlite3.Error as error:
            raise Unavailable(str(error)) from error
        try:
            yield
            self._connection.execute("COMMIT")
        except BaseException as error:
            if self._connection.in_transaction:
                self._connection.execute("ROLLBACK")
            if isinstance(error, sqlite3.Error):
                raise Unavailable(str(error)) from error
            raise

    def _rows(self, name: str, *given: Any) -> list[Any]:
        """The rows of the statement ``name`` with the values ``given``, typed columns
        converted as the store converts them."""
        statement = STATEMENTS[name]
        values = list(statement.template)
        for place, value in zip(statement.slots, given, strict=True):
            values[place] = value
        try:
            fetched = self._connection.execute(statement.sql, values).fetchall()
            steps = _STEPS[name]
            return converted(fetched, steps) if steps else fetched
        except (sqlite3.Error, ValueError) as error:
            # A damaged value among them: the usual way tells which (UnreadableValue).
            raise Unavailable(str(error)) from error

    # --- what a print reads -----------------------------------------------------------

    def office(self) -> Office | None:
        found = self._rows("office")
        return office_from_values(found[0]) if found else None

    def account(self, username: str) -> tuple[User, str] | None:
        """The account named ``username`` (its name as stored) and its password's hash."""
        found = self._rows("account", username)
        return (user_from_values(found[0]), str(found[0][-1])) if found else None

    def has_sign_in_failures(self, username: str) -> bool:
        return bool(self._rows("sign_in_failures", username))

    def log_tail_break(self) -> str | None:
        """``start_check.tail_break`` of the log's newest entries, as every start checks."""
        last_seq, _ = self._head()
        after = max(0, last_seq - AUDIT_TAIL)
        return tail_break([entry_from_values(row) for row in self._rows("log_after", after)])

    def dossier(self, code: str) -> Dossier | None:
        found = self._rows("dossier_id", code)
        if not found:
            return None
        return assembled(self._batch, [found[0][0]])[0]

    def _batch(self, which: str, ids: Sequence[int]) -> list[Any]:
        (one,) = ids  # compiled for one dossier (its applicant: one person)
        return self._rows(f"load_{which}", one)

    def procedure(self, code: str) -> Procedure | None:
        found = self._rows("procedure", code)
        return procedure_from_values(*found[0]) if found else None

    # --- what a print writes -----------------------------------------------------------

    def append_log(self, entries: Sequence[AuditEntry]) -> list[AuditEntry]:
        """Number and chain the entries after the log's head and write them, in one write
        transaction (SQLite's write lock from its BEGIN: no other desk chains between)."""
        with self._transaction(sqlite_setup.WRITE_BEGIN):
            last_seq, last_hash = self._head()
            written = chained(list(entries), last_hash, last_seq + 1)
            form = SqliteValues()
            for entry in written:
                self._rows("log_insert", *entry_values(entry, form))
        return written

    def _head(self) -> tuple[int, str]:
        return log_head(self._rows("log_head"))
