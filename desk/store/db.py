"""Engine and sessions: one place that knows SQLite from PostgreSQL."""

from __future__ import annotations

import functools
import logging
import select as io_select
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy import create_engine, event
from sqlalchemy.engine import URL, Connection, Engine, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, DisconnectionError, OperationalError

from desk.errors import ConfigurationError
from desk.store import faults, sqlite_setup
from desk.store.driver import Statements

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker

log = logging.getLogger(__name__)

# A pooled PostgreSQL connection idle longer than this is pinged before it is handed out;
# one used more recently is pinged only if the server has said something on it since (it
# closes a connection with a message when it stops or ends the session).
PING_AFTER_IDLE_S = 30.0

T = TypeVar("T")
# Database._binds: the engine of each kind of transaction.
_WRITER, _READER, _SINGLE, _SNAPSHOT = range(4)


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def normalise_url(url: str) -> URL:
    """Accept ``postgresql://`` and mean psycopg 3, the driver the desk ships; a plain file
    path (``./office.sqlite``, ``C:\\desk\\office.sqlite``) means that SQLite file."""
    if "://" not in url and url.strip():
        url = sqlite_url(Path(url).expanduser())
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise ConfigurationError(
            f"Địa chỉ cơ sở dữ liệu «{url}» không hợp lệ "
            "(ví dụ sqlite:///duong/dan/desk.sqlite hoặc postgresql://user:mk@may/desk).",
            code="db.url",
        ) from None
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    if parsed.get_backend_name() not in ("sqlite", "postgresql"):
        raise ConfigurationError(
            f"Chỉ hỗ trợ SQLite và PostgreSQL, không hỗ trợ «{parsed.get_backend_name()}».",
            code="db.backend",
        )
    return parsed


class Database:
    """The office database: an engine, and units of work on it.

    ``write()`` opens a transaction that holds the write lock from its first statement on
    SQLite (``BEGIN IMMEDIATE``), so two desks never interleave a read-then-write such as
    drawing the next dossier number. ``read()`` is a plain deferred transaction;
    ``snapshot()`` one whose statements all see the same moment (a long export);
    ``read_one()`` a read of a single statement, one round trip to a PostgreSQL server.

    Those four hand out ORM sessions, made the first time one is asked for: SQLAlchemy's
    ORM is imported then, not with the engine. ``connect_read()`` and ``connect_write()``
    are the same transactions as ``read()`` and ``write()`` on a plain Core connection:
    the start (the office's opening, the sign-in, the day's figures) runs on those, and
    the ORM loads while the clerk looks at the window.
    """

    def __init__(
        self,
        url: str | URL,
        *,
        echo: bool = False,
        passfile: Path | None = None,
        password: str | None = None,
    ):
        """``passfile`` (a libpq password file) and ``password`` supply a PostgreSQL
        password kept out of the URL (desk.toml holds the URL without it)."""
        self.url = normalise_url(str(url)) if isinstance(url, str) else url
        self.is_sqlite = self.url.get_backend_name() == "sqlite"
        # Where a corrupt SQLite file's message looks for the latest backup (set by
        # DeskContext.open from the data folder).
        self.backup_dir: Path | None = None
        # Never SQL parameters in an error message or a log: they carry citizens' names,
        # ID numbers and password hashes, and errors end up in crash logs.
        kwargs: dict[str, Any] = {"echo": echo, "hide_parameters": True}
        if self.is_sqlite:
            kwargs["connect_args"] = {"timeout": sqlite_setup.SQLITE_BUSY_TIMEOUT_S}
            database = self.url.database or ""
            if database and database != ":memory:":
                try:
                    Path(database).parent.mkdir(parents=True, exist_ok=True)
                except OSError as exc:
                    raise faults.cannot_create(Path(database).parent, exc) from exc
        else:
            connect_args: dict[str, Any] = {"connect_timeout": 10}
            if password and self.url.password is None:
                connect_args["password"] = password
            if passfile is not None and passfile.exists():
                connect_args["passfile"] = str(passfile)
            kwargs["connect_args"] = connect_args
        self.engine: Engine = create_engine(self.url, **kwargs)
        if self.is_sqlite:
            _configure_sqlite(self.engine)
            single = snapshot = self.engine.execution_options(sqlite_begin=sqlite_setup.READ_BEGIN)
        else:
            _check_idle_connections(self.engine)
            # One statement is its own consistent snapshot: no BEGIN and COMMIT around it.
            single = self.engine.execution_options(isolation_level="AUTOCOMMIT")
            snapshot = self.engine.execution_options(
                isolation_level="REPEATABLE READ", postgresql_readonly=True
            )
        self._reader_engine = self.engine.execution_options(sqlite_begin=sqlite_setup.READ_BEGIN)
        self._binds = (self.engine, self._reader_engine, single, snapshot)
        self._makers: tuple[sessionmaker[Session], ...] = ()

    @functools.cached_property
    def sqlite_path(self) -> Path | None:
        # Made once: every transaction's ``faults()`` names it.
        if not self.is_sqlite or not self.url.database or self.url.database == ":memory:":
            return None
        return Path(self.url.database)

    def _sessions(self, which: int) -> sessionmaker[Session]:
        """The session maker of ``self._binds[which]``, the ORM imported at the first."""
        if not self._makers:
            from sqlalchemy.orm import sessionmaker

            self._makers = tuple(sessionmaker(b, expire_on_commit=False) for b in self._binds)
        return self._makers[which]

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A unit of work that commits on success and rolls back on any error."""
        with self.faults(), self._sessions(_WRITER).begin() as session:
            yield session

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self.faults(), self._sessions(_READER).begin() as session:
            yield session

    @contextmanager
    def connect_write(self) -> Iterator[Connection]:
        """``write()`` on a plain Core connection (no ORM): the same BEGIN (IMMEDIATE on
        SQLite, by the engine's begin event), the same faults translated, commit on
        success and rollback on any error, without the ORM session's bookkeeping (about
        half the desk's cost of a one-statement write)."""
        with self.faults(), self.engine.begin() as connection:
            yield connection

    @contextmanager
    def write_statements(self) -> Iterator[Statements]:
        """``connect_write()`` for a unit of work of the driver's statements alone
        (intake's): the same BEGIN IMMEDIATE, faults, commit on success and rollback on any
        error, without SQLAlchemy's transaction object around them, which cost about as
        much as four of the statements (issue 16). A SQLAlchemy statement run inside joins
        the transaction open on the driver, and SQLAlchemy then ends it."""
        with self.faults(), self.engine.connect() as connection:
            statements = Statements(connection)
            try:
                if self.is_sqlite:  # psycopg begins at the first statement
                    statements.run(sqlite_setup.WRITE_BEGIN)
                yield statements
                if connection.in_transaction():
                    connection.commit()
                else:
                    statements.commit()
            except BaseException:
                if connection.in_transaction():
                    connection.rollback()
                else:
                    statements.rollback()
                raise

    @contextmanager
    def connect_read(self) -> Iterator[Connection]:
        """``read()`` on a plain Core connection (no ORM)."""
        with self.faults(), self._reader_engine.begin() as connection:
            yield connection

    @contextmanager
    def snapshot(self) -> Iterator[Session]:
        """A read whose statements all see the office as it was at the first one (on
        PostgreSQL a read-only REPEATABLE READ transaction; a SQLite read transaction
        already is one): an export that reads in batches never mixes two moments."""
        with self.faults(), self._sessions(_SNAPSHOT).begin() as session:
            yield session

    def read_one(self, query: Callable[[Session], T]) -> T:
        """``query``'s result, for a query of a single statement: on PostgreSQL sent on
        its own (autocommit) so it costs one round trip, not BEGIN, the statement and
        COMMIT; asked again once on a new connection if the pooled one turns out to be
        dead (a server restarted since). ``query`` must not write, nor read twice: two
        statements here would see two different moments."""
        with self.faults():
            for attempt in (1, 2):
                try:
                    with self._sessions(_SINGLE).begin() as session:
                        return query(session)
                except DBAPIError as exc:
                    if attempt == 2 or not exc.connection_invalidated:
                        raise
        raise AssertionError("unreachable")  # pragma: no cover

    @contextmanager
    def faults(self) -> Iterator[None]:
        """Errors of the block told apart: a busy database, and the faults of the machine
        around the desk (``desk.store.faults``); anything else goes on as it is."""
        with (
            faults.translated(
                is_sqlite=self.is_sqlite,
                sqlite_path=self.sqlite_path,
                backup_dir=self.backup_dir,
                host=self.url.host,
                port=self.url.port,
                user=self.url.username,
                database=self.url.database,
            ),
            _translate_busy(),
        ):
            yield

    def dispose(self) -> None:
        self.engine.dispose()


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy's "begin" event issue BEGIN itself (pysqlite's own is deferred).
        dbapi_connection.isolation_level = None
        sqlite_setup.configure(dbapi_connection)

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        if connection.connection.dbapi_connection.in_transaction:
            return  # begun by ``Database.write_statements``: this statement joins it
        begin = connection.get_execution_options().get("sqlite_begin", sqlite_setup.WRITE_BEGIN)
        # On the driver's cursor (its errors still SQLAlchemy's): ``exec_driver_sql`` cost
        # more than the BEGIN itself, on every transaction (a receive's is one of ~20).
        Statements(connection).run(begin)


def _check_idle_connections(engine: Engine) -> None:
    """Hand out a pooled PostgreSQL connection without a round trip when it was used a
    moment ago and the server has sent nothing on it since; ping it otherwise, and replace
    it if the ping fails (SQLAlchemy's ``pool_pre_ping`` pings on every checkout: one more
    round trip for each lookup)."""

    @event.listens_for(engine, "checkin")
    def _on_checkin(dbapi_connection: Any, record: Any) -> None:
        if dbapi_connection is not None:
            record.info["idle_since"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _on_checkout(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        idle_since = record.info.pop("idle_since", None)
        if idle_since is None:  # just connected
            return
        if time.monotonic() - idle_since < PING_AFTER_IDLE_S and not _has_input(dbapi_connection):
            return
        try:
            engine.dialect.do_ping(dbapi_connection)
        except Exception as exc:
            raise DisconnectionError(str(exc)) from exc


def _has_input(dbapi_connection: Any) -> bool:
    """The server sent something on an idle connection (a termination notice, an end of
    file), or the connection is closed: worth a ping before using it."""
    if dbapi_connection.closed:
        return True
    try:
        readable, _, _ = io_select.select([dbapi_connection.fileno()], [], [], 0)
    except (OSError, ValueError):
        return True
    return bool(readable)


@contextmanager
def _translate_busy() -> Iterator[None]:
    try:
        yield
    except OperationalError as exc:
        text = str(exc.orig) if exc.orig is not None else str(exc)
        if "locked" in text or "busy" in text:
            raise faults.busy() from exc
        raise
