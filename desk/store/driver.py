"""Writes sent as the driver's own SQL text, with values in the driver's own form.

Receiving a dossier runs a dozen small statements. Through SQLAlchemy each costs its
statement handling and the typed conversion of its values, several times what the driver
itself spends on it (docs/performance.md, issue 16); here the text is made once per
driver, the values are converted by the columns' own types (``SqlValues``, which the
bulk load uses too), so what is stored is exactly what SQLAlchemy's statements store, and
the statements go to the driver's cursor (``Statements``), whose errors are SQLAlchemy's.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection
from sqlalchemy.engine import Dialect
from sqlalchemy.exc import DBAPIError, MultipleResultsFound, NoResultFound, StatementError

from desk.store.rows import ValueForm
from desk.store.tables import DOSSIERS

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


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
        made = _forms[key] = SqlValues(dialect, memo=False)
    return made


@lru_cache(maxsize=64)
def insert_sql(table: str, columns: Sequence[str], marker: str, returning: str = "") -> str:
    """``INSERT INTO table (columns) VALUES (…)``, with ``RETURNING returning`` if named."""
    sql = (
        f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join([marker] * len(columns))})"
    )
    return f"{sql} RETURNING {returning}" if returning else sql


def connection_of(bind: Session | Connection) -> Connection:
    """The Core connection of an ORM session, or the connection itself: the store's
    statements run on either (the start's on a plain connection, without the ORM)."""
    return bind if isinstance(bind, Connection) else bind.connection()


def statements_of(bind: Session | Connection | Statements) -> Statements:
    """The driver's statements of a session or connection (the caller's, if it gave them)."""
    return bind if isinstance(bind, Statements) else Statements(bind)


class Statements:
    """The driver's cursor in the transaction of a session or connection: a statement
    costs what the driver spends on it, not SQLAlchemy's handling of it (several times
    more, for the small statements of a write).

    A driver's error is raised as SQLAlchemy raises it (``IntegrityError``,
    ``OperationalError`` … with the driver's as its ``orig``), under the engine's
    ``hide_parameters``: the values (names, ID numbers) never reach a message or a crash
    log. A lost connection is invalidated, as SQLAlchemy does."""

    __slots__ = (
        "_cursor",
        "_driver",
        "_error",
        "connection",
        "dialect",
        "form",
        "marker",
        "postgres",
    )

    def __init__(self, bind: Session | Connection):
        connection = connection_of(bind)
        dialect = connection.dialect
        self.connection = connection
        pooled = connection.connection
        self._driver: Any = pooled.dbapi_connection  # checked out: never None here
        self._cursor = pooled.cursor()
        self._error = dialect.loaded_dbapi.Error
        self.dialect = dialect
        self.marker = marker(dialect)
        self.form = form(dialect)
        self.postgres = dialect.name == "postgresql"

    def run(self, sql: str, values: Sequence[Any] | None = None) -> Sequence[Any]:
        """The rows of one statement (none for most writes)."""
        cursor = self._cursor
        try:
            if values is None:  # no values: a "%" in the text is itself (psycopg)
                cursor.execute(sql)
            else:
                cursor.execute(sql, values)
            return cursor.fetchall() if cursor.description else ()
        except self._error as exc:
            raise self._failed(exc, sql, values, many=False) from exc

    def value(self, sql: str, values: Sequence[Any] | None = None) -> Any:
        """The one value of the one row a statement gives (``RETURNING id``, a counter)."""
        rows = self.run(sql, values)
        if len(rows) != 1:
            raise (MultipleResultsFound if rows else NoResultFound)(
                f"{len(rows)} rows where one was required"
            )
        return rows[0][0]

    def many(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        """One statement for each of ``rows`` (one row: sent as a single statement)."""
        if len(rows) == 1:
            self.run(sql, rows[0])
            return
        try:
            self._cursor.executemany(sql, rows)
        except self._error as exc:
            raise self._failed(exc, sql, rows, many=True) from exc

    def commit(self) -> None:
        """The driver's commit, for a transaction that only these statements ran
        (``Database.write_statements``)."""
        try:
            self._driver.commit()
        except self._error as exc:
            raise self._failed(exc, "COMMIT", None, many=False) from exc

    def rollback(self) -> None:
        """The driver's rollback, unless the connection was lost (nothing to undo)."""
        if self.connection.invalidated:
            return
        try:
            self._driver.rollback()
        except self._error as exc:
            raise self._failed(exc, "ROLLBACK", None, many=False) from exc

    def _failed(self, exc: Any, sql: str, values: Any, *, many: bool) -> StatementError:
        connection = self.connection
        lost = self.dialect.is_disconnect(exc, self._driver, None)
        if lost:
            connection.invalidate(exc)
        return DBAPIError.instance(
            sql,
            values,
            exc,
            self._error,
            hide_parameters=connection.engine.hide_parameters,
            connection_invalidated=lost,
            dialect=self.dialect,
            ismulti=many,
        )


_MEMO_LIMIT = 1 << 18  # entries per memo: far more than the distinct values of a load
_RECENT = 16  # values kept without a memo: more than the distinct instants of a dossier


class SqlValues:
    """Column values as the driver receives them (a ``rows.ValueForm``), converted by the
    columns' own types (tables.Instant, Date, JSON, Boolean) and memoised: bulk rows repeat
    the same instants and days many times, and converting an Instant costs microseconds.
    ``instant`` and ``day`` are a memo's own lookup, the cheapest call there is: a bulk
    dossier makes a dozen of them. Without ``memo`` (one dossier at a time) they keep only
    the last few values: a dossier received writes the same instant a dozen times (its
    row, its people, its event, its outbox and log entries)."""

    instant: Callable[[datetime | None], Any]
    day: Callable[[date | None], Any]
    boolean: Callable[[bool], Any]

    def __init__(self, dialect: Dialect, *, memo: bool = True):
        columns = DOSSIERS.c
        instant = _processor(columns.received_at.type, dialect)
        day = _processor(columns.received_day.type, dialect)
        self.instant = _Memo(instant).__getitem__ if memo else lru_cache(_RECENT)(instant)
        self.day = _Memo(day).__getitem__ if memo else lru_cache(_RECENT)(day)
        boolean = _processor(columns.needs_checks.type, dialect)
        self.boolean = {True: boolean(True), False: boolean(False)}.__getitem__
        self._json = _processor(columns.form_data.type, dialect)
        self._empty_json = self._json({})

    def json(self, value: Any, /) -> Any:
        if value is None:
            return None
        # Most dossiers carry no form data: one encoding of {} serves them all.
        return self._empty_json if type(value) is dict and not value else self._json(value)


class _Memo(dict[Any, Any]):
    """Converted values by value (None stays None), converting each value once."""

    def __init__(self, convert: Callable[[Any], Any]):
        super().__init__({None: None})
        self._convert = convert

    def __missing__(self, value: Any) -> Any:
        if len(self) >= _MEMO_LIMIT:
            self.clear()
            self[None] = None
        converted = self[value] = self._convert(value)
        return converted


def _processor(type_: Any, dialect: Dialect) -> Callable[[Any], Any]:
    # The dialect's own implementation: the generic Date, say, has no processor at all and
    # would leave the date to sqlite3's deprecated default adapter.
    processor = type_.dialect_impl(dialect).bind_processor(dialect)
    return processor if processor is not None else _same


def _same(value: Any) -> Any:
    return value
