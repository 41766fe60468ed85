"""The sync tables (migration 0002) and their repository, on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from alembic import command
from sqlalchemy import insert, inspect, text

from desk.domain.calendar import now_in_office
from desk.domain.outbox import AttentionItem, AttentionKind, SyncResult
from desk.domain.status import Status
from desk.services import demo, dossiers
from desk.store import migrate, sync_records, tables
from desk.store import sync_repository as sync_repo
from desk.store.db import Database
from tests.store.conftest import open_office
from tests.sync.conftest import Sim, add_dossiers, receive_open

SYNC_TABLES = {
    "sync_batches",
    "sync_batch_items",
    "sync_results",
    "sync_attention",
    "sync_state",
    "sync_files",
    "sync_runs",
}


def test_migration_0002_goes_up_and_down(any_db_url: str) -> None:
    db = Database(any_db_url)
    try:
        migrate.upgrade(db)
        assert migrate.current_revision(db) == migrate.SCHEMA_HEAD
        assert set(inspect(db.engine).get_table_names()) >= SYNC_TABLES
        config = migrate.alembic_config()
        with db.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.downgrade(config, "0001")
        db.engine.dispose()
        tables = set(inspect(db.engine).get_table_names())
        assert not SYNC_TABLES & tables and "outbox" in tables
        assert migrate.upgrade(db) is True
        assert migrate.current_revision(db) == migrate.SCHEMA_HEAD
    finally:
        db.dispose()


def test_answers_remove_only_the_revision_that_was_sent(any_db_url: str, tmp_path: Path) -> None:
    ctx = open_office(any_db_url, tmp_path)
    try:
        first, second = receive_open(ctx, 2)
        now = now_in_office()
        with ctx.db.write() as session:
            entries = sync_repo.next_outbox_entries(session, after_code="", limit=10)
            seq = sync_repo.save_batch(session, "b-1", "{}", entries, now)
        clerk = demo.demo_clerks(ctx)[0]
        dossiers.change_status(ctx, second, Status.PROCESSING, clerk)  # edited in flight
        with ctx.db.write() as session:
            (batch,) = sync_repo.pending_batches(session)
            assert batch.seq == seq and [i.code for i in batch.items] == [first, second]
            answers = [
                sync_repo.ItemAnswer(i.dossier_id, i.code, i.revision, SyncResult.ACCEPTED, "")
                for i in batch.items
            ]
            applied = sync_repo.apply_answers(session, batch, answers, now)
        assert applied.edited_in_flight == [second]
        with ctx.db.read() as session:
            left = sync_repo.next_outbox_entries(session, after_code="", limit=10)
            assert [(e.code, e.revision) for e in left] == [(second, 2)]
            assert sync_repo.pending_batches(session) == []
            assert sync_repo.count_results(session) == {"accepted": 2}
    finally:
        ctx.close()


def test_the_next_entries_go_in_code_order_after_a_code_without_those_held_back(
    any_db_url: str, tmp_path: Path
) -> None:
    ctx = open_office(any_db_url, tmp_path)
    try:
        codes = sorted(receive_open(ctx, 5))
        with ctx.db.read() as session:
            ids = sync_repo.dossier_ids_by_code(session, codes)
            first = sync_repo.next_outbox_entries(session, after_code="", limit=2)
            rest = sync_repo.next_outbox_entries(
                session, after_code=codes[1], limit=10, exclude_ids=[ids[codes[3]]]
            )
            none = sync_repo.next_outbox_entries(
                session, after_code="", limit=10, exclude_ids=list(ids.values())
            )
        assert first == [sync_repo.OutboxEntry(ids[c], c, 1) for c in codes[:2]]
        assert [e.code for e in rest] == [codes[2], codes[4]]
        assert none == []
    finally:
        ctx.close()


def test_a_batch_is_written_as_sqlalchemy_writes_it(any_db_url: str, tmp_path: Path) -> None:
    """``save_batch`` writes on the driver's cursor: the row (its instant, the defaults
    of the columns not given) and its items are those SQLAlchemy's insert writes."""
    ctx = open_office(any_db_url, tmp_path)
    try:
        receive_open(ctx, 3)
        now = now_in_office()
        batches, items = tables.SYNC_BATCHES, tables.SYNC_BATCH_ITEMS
        with ctx.db.write() as session:
            entries = sync_repo.next_outbox_entries(session, after_code="", limit=10)
            seq = sync_repo.save_batch(session, "driver", "{}", entries, now)
            base = session.execute(
                insert(batches).returning(batches.c.seq),
                {"batch_id": "orm", "body": "{}", "item_count": 3, "created_at": now},
            ).scalar_one()
            session.execute(
                insert(items),
                [{"batch_seq": base, "position": n, **e._asdict()} for n, e in enumerate(entries)],
            )
        assert seq == base - 1
        with ctx.db.read() as session:
            # As stored: the instant's text on SQLite, the database's value on PostgreSQL.
            rows = session.execute(text("SELECT * FROM sync_batches ORDER BY seq")).all()
            item_rows = session.execute(
                text("SELECT * FROM sync_batch_items ORDER BY batch_seq, position")
            ).all()
            pending = sync_repo.pending_batches(session)
        written, expected = (dict(row._mapping) for row in rows)
        assert {**written, "seq": base, "batch_id": "orm"} == expected
        assert written["last_error"] == "" and written["attempts"] == 0
        assert [tuple(r)[1:] for r in item_rows[:3]] == [tuple(r)[1:] for r in item_rows[3:]]
        assert pending[0].items == tuple(
            sync_repo.BatchItemRef(n, *e) for n, e in enumerate(entries)
        )
    finally:
        ctx.close()


def test_attention_items_are_kept_once_and_resolving_keeps_them(
    any_db_url: str, tmp_path: Path
) -> None:
    ctx = open_office(any_db_url, tmp_path)
    try:
        now = now_in_office()
        detail = {"TrangThaiHoSo": "4"}

        def add() -> AttentionItem | None:
            return sync_records.add_attention(
                session,
                kind=AttentionKind.FEED_UNKNOWN,
                dossier_id=None,
                code="000.17.22.H56-260101-9999",
                revision=None,
                reason="Không có",
                detail=detail,
                now=now,
            )

        with ctx.db.write() as session:
            item = add()
            assert item is not None
            assert add() is None  # deduplicated
        with ctx.db.write() as session:
            assert sync_records.resolve_attention(
                session, item.id, by="Lan", resolution="ok", now=now
            )
            assert not sync_records.resolve_attention(
                session, item.id, by="Lan", resolution="", now=now
            )
        with ctx.db.read() as session:
            assert sync_records.count_open_attention(session) == 0
            kept = sync_records.get_attention(session, item.id)
        assert kept is not None and kept.resolved_by == "Lan" and kept.detail == detail
    finally:
        ctx.close()


def test_a_whole_run_on_each_database(
    any_db_url: str, tmp_path: Path, sim_factory: Callable[..., Sim]
) -> None:
    from desk.services.sync import run_sync
    from tests.sync.conftest import FAST, assert_province_holds_the_desk, settings_for

    ctx = open_office(any_db_url, tmp_path / "office")
    sim = sim_factory("--max-batch", "7")
    try:
        add_dossiers(ctx, 15)
        code = receive_open(ctx, 1)[0]
        sim.add_changes({"MaHoSo": code, "TrangThaiHoSo": "4"})
        report = run_sync(ctx, settings=settings_for(ctx, sim), retry=FAST)
        assert report.outcome == "ok", report.lines()
        assert report.changes_applied == 1 and report.counts[SyncResult.ACCEPTED] == 16
        assert_province_holds_the_desk(ctx, sim)
    finally:
        ctx.close()
