"""A province change with NUL or over-long text (issue 12): on PostgreSQL as on SQLite, the
change is applied with its text cleaned and cut, and an attention item says it was
changed; a code that had to be cleaned names no dossier and is refused as an attention
item. No sync run fails on it (today it crashed every sync on PostgreSQL)."""

from __future__ import annotations

from pathlib import Path

from desk.domain.outbox import AttentionKind, RunOutcome
from desk.domain.status import Status
from desk.services import dossiers
from desk.services import sync as sync_service
from desk.services.sync import run_sync
from tests.store.conftest import open_office
from tests.sync.conftest import FAST, Sim, receive_open, settings_for


def test_nul_and_over_long_text_from_the_feed_on_any_database(
    any_db_url: str, tmp_path: Path, sim: Sim
) -> None:
    ctx = open_office(any_db_url, tmp_path / "office")
    try:
        code = receive_open(ctx, 1)[0]
        assert run_sync(ctx, settings=settings_for(ctx, sim), retry=FAST).outcome == "ok"
        sim.add_changes(
            {
                "MaHoSo": code,
                "TrangThaiHoSo": "4",
                "GhiChu": "Chuyển\x00 phòng" + " chuyên môn" * 1000,
                "NguoiXuLy": "Lê\x00 Văn Tỉnh",
                "ThoiDiem": "20261122101500",
            },
            {"MaHoSo": code + "\x00", "TrangThaiHoSo": "9", "madonvi": ctx.office.agency_id},
            {"MaHoSo": code + "9" * 5000, "TrangThaiHoSo": "9", "madonvi": ctx.office.agency_id},
            {"MaHoSo": code, "TrangThaiHoSo": "4\x00x" * 50, "madonvi": ctx.office.agency_id},
        )
        report = run_sync(ctx, settings=settings_for(ctx, sim), retry=FAST)
        assert report.outcome is RunOutcome.ATTENTION, report.lines()
        assert report.changes_applied == 1 and report.changes_skipped == 3

        dossier = dossiers.get_dossier(ctx, code)
        assert dossier.status is Status.PROCESSING
        event = dossier.events[-1]
        assert "\x00" not in event.note + event.actor_name
        assert event.note.startswith("Chuyển phòng chuyên môn") and len(event.note) <= 1000
        assert event.actor_name == "Lê Văn Tỉnh"

        items = sync_service.attention_items(ctx)
        [cleaned] = [a for a in items if a.kind is AttentionKind.FEED_CLEANED]
        assert cleaned.code == code and "GhiChu" in cleaned.reason
        assert "NguoiXuLy" in cleaned.reason and "làm sạch" in cleaned.reason
        invalid = [a for a in items if a.kind is AttentionKind.FEED_INVALID]
        assert len(invalid) == 3
        assert all("\x00" not in a.reason + a.code and len(a.code) <= 40 for a in invalid)
        # Nothing stays in the way: the next run is clean.
        again = run_sync(ctx, settings=settings_for(ctx, sim), retry=FAST)
        assert again.outcome is not RunOutcome.FAILED, again.lines()
        assert again.changes_applied == 0 and again.changes_skipped == 0
    finally:
        ctx.close()
