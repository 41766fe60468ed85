"""Intake's statements on the driver's cursor (``store.driver.Statements``): what they
store, the errors they raise and what a failed receive leaves, on both engines."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError, IntegrityError, NoResultFound

from desk.domain.calendar import now_in_office
from desk.errors import DeskError
from desk.services import demo, intake
from desk.services.context import DeskContext
from desk.store import dossiers as store_dossiers
from desk.store import sqlite_setup
from desk.store.driver import Statements
from tests.conftest import DEMO_NOW
from tests.store.conftest import open_office

ID_NUMBER = "001099012345"


@pytest.fixture
def ctx(any_db_url: str, tmp_path: Path) -> Iterator[DeskContext]:
    office = open_office(any_db_url, tmp_path / "office")
    yield office
    office.close()


def _counters(ctx: DeskContext) -> tuple[int, int]:
    with ctx.db.read() as session:
        daily = session.execute(text("SELECT sum(last_value) FROM daily_counters")).scalar()
        yearly = session.execute(
            text("SELECT sum(last_value) FROM yearly_counters WHERE kind = 'book'")
        ).scalar()
    return int(daily or 0), int(yearly or 0)


def test_a_refused_statement_raises_what_sqlalchemy_raises(ctx: DeskContext) -> None:
    """What the driver refuses is SQLAlchemy's own error, word for word (the busy and fault
    translations and the crash log expect it), with the driver's error inside and the
    values hidden: a citizen's ID number must never reach a crash log."""
    errors: list[DBAPIError] = []
    for send in ("driver", "sqlalchemy"):
        with pytest.raises(IntegrityError) as raised, ctx.db.write() as session:
            mark = Statements(session).marker
            sql = (
                "INSERT INTO yearly_counters (kind, year, last_value) "
                f"VALUES ({mark}, {mark}, {mark})"
            )
            values = (ID_NUMBER, 1999, 1)
            Statements(session).run(sql, values)
            if send == "driver":  # the same row again
                Statements(session).run(sql, values)
            else:
                session.connection().exec_driver_sql(sql, values)
        errors.append(raised.value)
    ours, theirs = errors
    assert type(ours) is type(theirs) and type(ours.orig) is type(theirs.orig)
    assert str(ours) == str(theirs)
    assert "parameters hidden" in str(ours)
    if ctx.db.is_sqlite:  # PostgreSQL's own message quotes the key, whoever sends it
        assert ID_NUMBER not in str(ours)


def test_many_rows_and_one_value(ctx: DeskContext) -> None:
    with ctx.db.write() as session:
        statements = Statements(session)
        mark = statements.marker
        insert = (
            f"INSERT INTO yearly_counters (kind, year, last_value) VALUES ({mark}, {mark}, {mark})"
        )
        statements.many(insert, [("test", 2001, 4), ("test", 2002, 5)])
        statements.many(insert, [("test", 2003, 6)])
        query = f"SELECT sum(last_value) FROM yearly_counters WHERE kind = {mark}"
        assert statements.value(query, ("test",)) == 15
        with pytest.raises(NoResultFound):
            statements.value(f"SELECT year FROM yearly_counters WHERE kind = {mark}", ("none",))
        session.rollback()


def test_a_receive_that_fails_midway_gives_its_numbers_back(
    ctx: DeskContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The day's number and the book's are drawn on the driver's cursor, in the session's
    transaction: a receive that fails after drawing them leaves neither drawn, and the
    next one takes the same numbers (no gap)."""
    clerk = demo.demo_clerks(ctx)[0]
    first, second = [d.request for d in demo.generate(ctx, 2, seed=3, now=DEMO_NOW)]
    at = now_in_office()
    before = _counters(ctx)

    def fail_after_the_counters(*args: object) -> int:
        raise RuntimeError("the disk went away")

    monkeypatch.setattr(store_dossiers, "save_person", fail_after_the_counters)
    with pytest.raises(RuntimeError):
        intake.receive_dossier(ctx, first, clerk, at=at)
    monkeypatch.undo()
    assert _counters(ctx) == before

    received = intake.receive_dossier(ctx, second, clerk, at=at)
    with ctx.db.read() as session:
        book_number = session.execute(
            text("SELECT book_number FROM dossiers WHERE id = :id"), {"id": received.id}
        ).scalar_one()
    assert received.code.sequence == before[0] + 1
    assert book_number == before[1] + 1
    assert _counters(ctx) == (before[0] + 1, before[1] + 1)


def test_a_busy_sqlite_file_is_said_and_the_receive_takes_no_number(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Intake's unit of work (``Database.write_statements``) keeps ``Database.write``'s rules:
    the write lock from BEGIN on, and a file another desk holds too long is "busy" (said
    to the clerk), not a crash; nothing is drawn, and the next receive takes number 1."""
    monkeypatch.setattr(sqlite_setup, "SQLITE_BUSY_TIMEOUT_S", 1)
    path = tmp_path / "office.sqlite"
    ctx = open_office(f"sqlite:///{path}", tmp_path / "office")
    clerk = demo.demo_clerks(ctx)[0]
    request = next(demo.generate(ctx, 1, seed=7, now=DEMO_NOW)).request
    other_desk = sqlite3.connect(path, isolation_level=None)
    try:
        other_desk.execute("BEGIN IMMEDIATE")
        with pytest.raises(DeskError) as raised:
            intake.receive_dossier(ctx, request, clerk, at=DEMO_NOW)
        assert raised.value.code == "db.busy"
        other_desk.execute("ROLLBACK")
        assert intake.receive_dossier(ctx, request, clerk, at=DEMO_NOW).code.sequence == 1
    finally:
        other_desk.close()
        ctx.close()


@contextmanager
def _unit_of_work(ctx: DeskContext, unit: str) -> Iterator[Statements]:
    """Statements in an ORM session's transaction, or in ``write_statements`` (intake's)."""
    if unit == "driver":
        with ctx.db.write_statements() as statements:
            yield statements
    else:
        with ctx.db.write() as session:
            yield Statements(session)


@pytest.mark.parametrize("unit", ["session", "driver"])
def test_a_lost_postgresql_connection_is_invalidated(
    unit: str, postgres_url: str, tmp_path: Path
) -> None:
    """A server that ends the desk's session mid-receive: the error says the connection
    was lost, the pool lets it go (no rollback tried on it), and the next receive works
    on a new one."""
    ctx = open_office(postgres_url, tmp_path / "office")
    clerk = demo.demo_clerks(ctx)[0]
    requests = [d.request for d in demo.generate(ctx, 2, seed=5, now=DEMO_NOW)]
    try:
        with pytest.raises(DBAPIError) as raised, _unit_of_work(ctx, unit) as statements:
            pid = statements.value("SELECT pg_backend_pid()")
            with ctx.db.engine.connect() as other:
                other.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
                other.commit()
            statements.run("SELECT 1")
        assert raised.value.connection_invalidated
        received = intake.receive_dossier(ctx, requests[0], clerk)
        assert received.code.sequence >= 1
    finally:
        ctx.close()


def _book_numbers(ctx: DeskContext, kind: str) -> list[int]:
    with ctx.db.read() as session:
        found = session.execute(
            text("SELECT year FROM yearly_counters WHERE kind = :kind ORDER BY year"),
            {"kind": kind},
        )
        return [int(year) for year in found.scalars()]


def test_a_driver_unit_of_work_commits_or_rolls_back_what_ran_in_it(ctx: DeskContext) -> None:
    """``Database.write_statements`` (intake's): its statements commit together or not at
    all, and a SQLAlchemy statement run inside is part of the same transaction."""
    insert = "INSERT INTO yearly_counters (kind, year, last_value) VALUES ('unit', :year, 1)"
    with ctx.db.write_statements() as statements:
        mark = statements.marker
        sql = f"INSERT INTO yearly_counters (kind, year, last_value) VALUES ('unit', {mark}, 1)"
        statements.run(sql, (2001,))
        statements.connection.execute(text(insert), {"year": 2002})
        statements.run(sql, (2003,))
    assert _book_numbers(ctx, "unit") == [2001, 2002, 2003]
    for joined in (False, True):
        with pytest.raises(RuntimeError), ctx.db.write_statements() as statements:
            statements.run(sql, (2004,))
            if joined:
                statements.connection.execute(text(insert), {"year": 2005})
            raise RuntimeError("the clerk's PC went off")
        assert _book_numbers(ctx, "unit") == [2001, 2002, 2003]


def test_a_refused_commit_raises_what_sqlalchemy_raises(tmp_path: Path) -> None:
    """A commit the driver refuses (a foreign key checked at the commit) is SQLAlchemy's
    own error, as ``connect_write`` raises it, and nothing is kept."""
    ctx = open_office(f"sqlite:///{tmp_path / 'office.sqlite'}", tmp_path / "office")
    orphan = "INSERT INTO outbox (dossier_id, revision, queued_at) VALUES (999999, 1, '2026')"
    errors: list[DBAPIError] = []
    try:
        with pytest.raises(IntegrityError) as raised, ctx.db.write_statements() as statements:
            statements.run("PRAGMA defer_foreign_keys = ON")
            statements.run(orphan)
        errors.append(raised.value)
        with pytest.raises(IntegrityError) as raised, ctx.db.connect_write() as connection:
            connection.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
            connection.exec_driver_sql(orphan)
        errors.append(raised.value)
        with ctx.db.read() as session:
            assert session.execute(text("SELECT count(*) FROM outbox")).scalar_one() == 0
    finally:
        ctx.close()
    ours, theirs = errors
    assert type(ours.orig) is type(theirs.orig) and str(ours.orig) == str(theirs.orig)
    assert "FOREIGN KEY" in str(ours)
