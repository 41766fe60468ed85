"""`desk export` on an office server: streamed from a server-side cursor (memory flat
whatever the office's size), and the very file the same office gives on SQLite."""

from __future__ import annotations

import gc
import json
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from desk.config import DeskConfig
from desk.services import demo
from desk.services.context import DeskContext
from desk.services.export import export_jsonl
from desk.store import dossiers as store_dossiers
from tests.conftest import DEMO_NOW

SMALL, LARGE = 1_000, 4_000


def _office(url: str, directory: Path, count: int) -> DeskContext:
    directory.mkdir(parents=True, exist_ok=True)
    ctx = DeskContext.open(DeskConfig(data_dir=directory, database_url=url))
    demo.ensure_demo_office(ctx)
    demo.add_demo_dossiers(ctx, count, seed=5, now=DEMO_NOW, bulk=True, workers=0)
    ctx.act_as(demo.demo_account(ctx, "quantri"))
    return ctx


@pytest.fixture
def pg_office(postgres_url: str, tmp_path: Path) -> Iterator[DeskContext]:
    ctx = _office(postgres_url, tmp_path / "pg", LARGE)
    yield ctx
    ctx.close()


def _peak_export_bytes(ctx: DeskContext, out: Path, *, since: object = None) -> tuple[int, int]:
    """(dossiers exported, the most memory Python held at once while exporting)."""
    gc.collect()
    tracemalloc.start()
    try:
        count = export_jsonl(ctx, out, since=since)  # type: ignore[arg-type]
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return count, peak


def test_export_streams_from_a_server_side_cursor_in_flat_memory(
    pg_office: DeskContext, tmp_path: Path
) -> None:
    ctx = pg_office
    with ctx.db.snapshot() as session:
        dossiers = store_dossiers.iter_dossiers(session, batch_size=100)
        first = next(dossiers)
        declared = session.execute(
            text("SELECT count(*) FROM pg_cursors WHERE name <> ''")
        ).scalar_one()
        rest = list(dossiers)
    assert declared == 1  # the ids' cursor, read a batch at a time (no other statement's)
    codes = [str(first.code)] + [str(d.code) for d in rest]
    assert len(codes) == LARGE and codes == sorted(codes)
    assert all(d.documents and d.events for d in rest)

    with ctx.db.read() as session:
        days = list(
            session.scalars(text("SELECT DISTINCT received_day FROM dossiers ORDER BY 1 DESC"))
        )
        # The newest days holding about a quarter of the office: "--since" that day.
        since = next(
            day
            for day in days
            if session.execute(
                text("SELECT count(*) FROM dossiers WHERE received_day >= :d"), {"d": day}
            ).scalar_one()
            >= SMALL
        )
    small, small_peak = _peak_export_bytes(ctx, tmp_path / "recent.jsonl", since=since)
    large, large_peak = _peak_export_bytes(ctx, tmp_path / "all.jsonl")
    assert SMALL <= small < LARGE // 2 and large == LARGE
    # Loading the whole office at once would need about large / small times as much.
    assert large_peak < small_peak * 1.5, (small, small_peak, large, large_peak)


def test_both_engines_export_the_same_office_alike(postgres_url: str, tmp_path: Path) -> None:
    files = {}
    for engine, url in (("sqlite", ""), ("postgresql", postgres_url)):
        ctx = _office(url, tmp_path / engine, 300)
        files[engine] = tmp_path / f"{engine}.jsonl"
        assert export_jsonl(ctx, files[engine]) == 300
        ctx.close()
    sqlite_lines = files["sqlite"].read_text(encoding="utf-8").splitlines()
    assert files["postgresql"].read_text(encoding="utf-8").splitlines() == sqlite_lines
    # Each dossier's children came along: papers, fees and its history.
    items = [json.loads(line) for line in sqlite_lines]
    assert all(item["TaiLieuNop"] and item["TienDo"] for item in items)
    assert any(item["DanhSachLePhi"] for item in items)
