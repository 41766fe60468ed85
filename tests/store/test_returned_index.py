"""Schema 0012: the returned time is indexed for the returned dossiers only, so a receive
writes no page of it, and the queries that read it (the day's returned count, the
period's figures) still read that index, on both engines."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event

from desk.domain.figures import Grouping, Period
from desk.services import demo, intake
from desk.services.context import DeskContext
from desk.store import counts, migrate
from desk.store import figures as store_figures
from desk.store.db import Database
from tests.conftest import DEMO_NOW
from tests.store.conftest import mixed_demo_office

FIGURES = "ix_dossiers_figures_returned"


@pytest.fixture(params=["sqlite", "postgresql"])
def office(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[DeskContext]:
    with mixed_demo_office(request, tmp_path / "office", 150, 10, seed=5) as ctx:
        ctx.act_as(demo.demo_account(ctx, "quantri"))
        yield ctx


def _returned_indexes(db: Database) -> dict[str, str]:
    """The dossiers' indexes whose definition names ``returned_at``, by name."""
    if db.is_sqlite:
        sql = "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'dossiers'"
    else:
        sql = "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'dossiers'"
    with db.connect_read() as connection:
        indexes = {str(name): str(text) for name, text in connection.exec_driver_sql(sql)}
    return {name: text for name, text in indexes.items() if "returned_at" in text}


def _downgrade_to(db: Database, revision: str) -> None:
    from alembic import command

    config = migrate.alembic_config()
    with db.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, revision)


def _returned_count(ctx: DeskContext) -> tuple[int, int]:
    """(dossiers returned, by the index's count of a wide period; dossiers in all)."""
    with ctx.db.connect_read() as connection:
        returned = counts.count_returned_between(
            connection, DEMO_NOW - timedelta(days=3650), DEMO_NOW + timedelta(days=3650)
        )
        return returned, counts.count_dossiers(connection)


def test_the_returned_time_is_indexed_for_the_returned_dossiers_only(
    office: DeskContext,
) -> None:
    db = office.db
    after = _returned_indexes(db)
    assert set(after) == {FIGURES}
    assert "returned_at IS NOT NULL" in after[FIGURES]
    returned, total = _returned_count(office)
    assert 0 < returned < total  # the office has both

    _downgrade_to(db, "0011")
    before = _returned_indexes(db)
    assert set(before) == {FIGURES, "ix_dossiers_returned_at"}
    assert "NOT NULL" not in before[FIGURES]
    assert _returned_count(office) == (returned, total)

    assert migrate.upgrade(db) is True
    assert _returned_indexes(db) == after
    assert _returned_count(office) == (returned, total)


def _statements_on_returned_at(db: Database, read: Any) -> list[tuple[str, Any]]:
    """The statements ``read(connection)`` sends that ask for a range of returned times."""
    sent: list[tuple[str, Any]] = []

    def keep(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        if "returned_at >=" in statement:
            sent.append((statement, parameters))

    event.listen(db.engine, "before_cursor_execute", keep)
    try:
        with db.read() as session:
            read(session)
    finally:
        event.remove(db.engine, "before_cursor_execute", keep)
    return sent


def test_the_returned_count_and_figures_read_the_index(office: DeskContext) -> None:
    db = office.db
    month = Period.month(2026, 11)
    sent = _statements_on_returned_at(
        db,
        lambda session: (
            counts.count_returned_between(session, month.start, month.end),
            store_figures.period_figures(session, month, Grouping.FIELD, DEMO_NOW),
        ),
    )
    assert len(sent) == 2
    for statement, parameters in sent:
        with db.connect_read() as connection:
            if db.is_sqlite:
                plan = connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters)
                text = " ".join(str(row[-1]) for row in plan)
                assert f"USING COVERING INDEX {FIGURES}" in text, text
            else:  # a small table: PostgreSQL would read it all, unless told not to
                connection.exec_driver_sql("SET LOCAL enable_seqscan = off")
                plan = connection.exec_driver_sql(f"EXPLAIN {statement}", parameters)
                text = " ".join(str(row[0]) for row in plan)
                assert f"Scan using {FIGURES}" in text or f"Index Scan on {FIGURES}" in text, text


def _index_entries(ctx: DeskContext) -> int:
    with ctx.db.connect_read() as connection:
        rows = connection.exec_driver_sql(
            "SELECT sum(ncell) FROM dbstat WHERE name = ? AND pagetype = 'leaf'", (FIGURES,)
        )
        return int(rows.scalar_one())


def test_a_receive_writes_nothing_in_the_returned_index(ctx: DeskContext) -> None:
    demo.add_demo_dossiers(ctx, 40, seed=8, now=DEMO_NOW, bulk=False)
    returned, total = _returned_count(ctx)
    assert 0 < returned < total
    assert _index_entries(ctx) == returned
    request = next(iter(demo.generate(ctx, 1, seed=9))).request
    intake.receive_dossier(ctx, request, demo.demo_clerks(ctx)[0])
    assert _returned_count(ctx) == (returned, total + 1)
    assert _index_entries(ctx) == returned
