"""The bulk demo path's large-load machinery: worker processes, indexes built at the end,
the rollback journal during the load, and all or nothing."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from desk.config import DeskConfig
from desk.domain.audit import AuditAction
from desk.services import audit, demo
from desk.services.context import DeskContext
from desk.services.demo import bulk as demo_bulk
from tests.conftest import DEMO_NOW

TABLES = (
    "people",
    "known_people",
    "dossiers",
    "dossier_people",
    "dossier_documents",
    "dossier_fees",
    "status_events",
    "outbox",
    "daily_counters",
)
COUNT = 3000


def _open(directory: Path) -> DeskContext:
    ctx = DeskContext.open(DeskConfig(data_dir=directory))
    demo.ensure_demo_office(ctx)
    return ctx


def _tables(ctx: DeskContext) -> dict[str, list[tuple]]:
    with ctx.db.read() as session:
        return {
            name: [tuple(r) for r in session.execute(text(f"SELECT * FROM {name} ORDER BY 1, 2"))]
            for name in TABLES
        }


def _log_size(ctx: DeskContext) -> int:
    """The log's dossier entries."""
    with ctx.db.read() as session:
        return int(
            session.execute(
                text("SELECT count(*) FROM audit_log WHERE action = :action"),
                {"action": AuditAction.DOSSIER_RECEIVED.value},
            ).scalar_one()
        )


def _schema(ctx: DeskContext) -> list[tuple]:
    with ctx.db.read() as session:
        return [
            tuple(r)
            for r in session.execute(text("SELECT type, name, sql FROM sqlite_master ORDER BY 2"))
        ]


def _build(directory: Path, **options) -> tuple[dict[str, list[tuple]], DeskContext]:
    ctx = _open(directory)
    written = demo.add_demo_dossiers(ctx, COUNT, seed=5, now=DEMO_NOW, bulk=True, **options)
    assert written == COUNT
    return _tables(ctx), ctx


def test_workers_and_large_load_write_the_same_rows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plain, ctx = _build(tmp_path / "plain", workers=0)
    schema = _schema(ctx)
    ctx.close()
    parallel, ctx = _build(tmp_path / "parallel", workers=2)
    ctx.close()
    monkeypatch.setattr(demo_bulk, "LARGE_LOAD", 1)
    large, ctx = _build(tmp_path / "large", workers=2)
    try:
        for name in TABLES:
            assert parallel[name] == plain[name], name
            assert large[name] == plain[name], name
        # The large load dropped indexes and the search trigger and built them again.
        assert _schema(ctx) == schema
        with ctx.db.read() as session:
            assert session.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert session.execute(text("PRAGMA integrity_check")).scalar() == "ok"
            assert session.execute(text("PRAGMA foreign_key_check")).all() == []
            folded = session.execute(
                text("SELECT applicant_name_folded FROM dossiers WHERE id = 1234")
            ).scalar()
            matches = session.execute(
                text("SELECT rowid FROM dossier_search WHERE dossier_search MATCH :q"),
                {"q": f'"{folded}"'},
            ).all()
            assert (1234,) in matches
        # The log's entries were written once the indexes were back, and vouch for all.
        ctx.act_as(demo.demo_account(ctx, "quantri"))
        report = audit.verify(ctx)
        assert report.problems == [] and report.dossiers == COUNT
    finally:
        ctx.close()


def test_a_failed_large_load_leaves_the_office_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ctx = _open(tmp_path / "office")
    try:
        demo.add_demo_dossiers(ctx, 200, seed=1, now=DEMO_NOW, bulk=True)
        before, schema = _tables(ctx), _schema(ctx)
        monkeypatch.setattr(demo_bulk, "LARGE_LOAD", 1)
        calls = 0
        real_add = demo_bulk.RowMaker._add

        def failing_add(self: demo_bulk.RowMaker, *args: Any, **kwargs: Any) -> None:
            nonlocal calls
            calls += 1
            if calls == 2500:
                raise RuntimeError("disk full")
            return real_add(self, *args, **kwargs)

        monkeypatch.setattr(demo_bulk.RowMaker, "_add", failing_add)
        with pytest.raises(RuntimeError, match="disk full"):
            demo.add_demo_dossiers(ctx, COUNT, seed=2, now=DEMO_NOW, bulk=True, workers=0)
        assert _tables(ctx) == before
        assert _log_size(ctx) == 200
        assert _schema(ctx) == schema
        with ctx.db.read() as session:
            assert session.execute(text("PRAGMA journal_mode")).scalar() == "wal"
    finally:
        ctx.close()


def test_a_large_load_stays_in_wal_mode_when_another_desk_has_the_file_open(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ctx = _open(tmp_path / "office")
    other = sqlite3.connect(tmp_path / "office" / "office.sqlite")
    try:
        other.execute("SELECT count(*) FROM dossiers").fetchone()  # an idle reader
        monkeypatch.setattr(demo_bulk, "LARGE_LOAD", 1)
        assert demo.add_demo_dossiers(ctx, 300, seed=4, now=DEMO_NOW, bulk=True) == 300
        assert other.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert other.execute("SELECT count(*) FROM dossiers").fetchone()[0] == 300
    finally:
        other.close()
        ctx.close()


def test_demo_id_numbers_stay_unique_past_a_million_people(ctx: DeskContext) -> None:
    """Two citizens never share an ID number, however large the demo (the registry of
    known people would offer one citizen's details for another)."""
    import random as random_module

    from desk.domain.identity import parse_id_number
    from desk.services.demo import DemoGenerator
    from tests.conftest import DEMO_NOW

    generator = DemoGenerator(
        ctx.calendar, {p.code: p for p in ctx.catalogue()}, count=10, seed=1, now=DEMO_NOW
    )
    rand = random_module.Random(0).random
    today = DEMO_NOW.date().toordinal()
    # Person numbers around each million boundary, where six-digit serials used to wrap.
    numbers = [m * 1_000_000 + d for m in range(4) for d in range(-3000, 3000)]
    ids = [generator._adult(rand, today, n).id_number for n in numbers if n >= 0]
    assert len(ids) == len(set(ids))
    for id_number in ids[::997]:
        parse_id_number(id_number)  # a valid province code, century digit and length
