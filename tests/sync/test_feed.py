"""Province-side changes become audited events; a bad one is recorded, never applied."""

from __future__ import annotations

import pytest

from desk.domain.outbox import AttentionKind, SyncResult
from desk.domain.status import ActorKind, Status
from desk.services import dossiers
from desk.services import sync as sync_service
from desk.services.context import DeskContext
from desk.services.sync import feed as sync_feed
from desk.services.sync import run_sync
from desk.store import sync_records
from tests.sync.conftest import (
    FAST,
    Sim,
    assert_province_holds_the_desk,
    receive_open,
    settings_for,
)


def test_province_changes_are_applied_as_audited_province_transitions(
    ctx: DeskContext, sim: Sim
) -> None:
    code = receive_open(ctx, 2)[0]
    assert run_sync(ctx, settings=settings_for(ctx, sim), retry=FAST).outcome == "ok"
    sim.add_changes(
        {
            "MaHoSo": code,
            "TrangThaiHoSo": "4",
            "GhiChu": "Chuyển phòng chuyên môn",
            "NguoiXuLy": "Lê Văn Tỉnh",
            "ThoiDiem": "20261122101500",
        },
        {"MaHoSo": code, "TrangThaiHoSo": "9", "NguoiXuLy": "Lê Văn Tỉnh"},
    )
    report = run_sync(ctx, settings=settings_for(ctx, sim), retry=FAST)
    assert report.outcome == "ok", report.lines()
    assert report.changes_applied == 2 and report.changes_skipped == 0
    dossier = dossiers.get_dossier(ctx, code)
    assert dossier.status is Status.RESULT_READY
    first, second = dossier.events[-2:]
    assert (first.from_status, first.to_status) == (Status.RECEIVED, Status.PROCESSING)
    assert first.actor_kind is ActorKind.PROVINCE and first.actor_name == "Lê Văn Tỉnh"
    assert first.note == "Chuyển phòng chuyên môn"
    assert f"{first.at:%Y%m%d%H%M%S}" == "20261122101500"
    assert second.actor_kind is ActorKind.PROVINCE and dossier.finished_at is not None
    # The desk's new revision went back to the province in the same run.
    assert report.counts[SyncResult.ACCEPTED] == 1
    assert sim.latest()[code]["item"]["TrangThaiHoSo"] == "9"
    assert_province_holds_the_desk(ctx, sim)
    # The cursor is durable: the next run applies nothing twice.
    again = run_sync(ctx, settings=settings_for(ctx, sim), retry=FAST)
    assert again.changes_applied == 0 and again.items_sent == 0
    assert len(dossiers.get_dossier(ctx, code).events) == len(dossier.events)


def test_unknown_and_illegal_changes_are_recorded_for_attention(ctx: DeskContext, sim: Sim) -> None:
    code, other = receive_open(ctx, 2)
    sim.add_changes(
        {"MaHoSo": "000.17.22.H56-260101-9999", "TrangThaiHoSo": "4"},  # not at this desk
        {"MaHoSo": code, "TrangThaiHoSo": "10"},  # received → returned: not a legal move
        {"MaHoSo": other, "TrangThaiHoSo": "mười"},  # not a status
        {"MaHoSo": other, "TrangThaiHoSo": "4"},  # the good one still applies
    )
    report = run_sync(ctx, settings=settings_for(ctx, sim), retry=FAST)
    assert report.outcome == "attention" and report.exit_code == 3
    assert report.changes_applied == 1 and report.changes_skipped == 3
    kinds = {a.kind: a for a in report.attention}
    assert set(kinds) == {"feed_unknown", "feed_illegal", "feed_invalid"}
    assert kinds[AttentionKind.FEED_UNKNOWN].code == "000.17.22.H56-260101-9999"
    assert "Được tiếp nhận" in kinds[AttentionKind.FEED_ILLEGAL].reason
    assert kinds[AttentionKind.FEED_ILLEGAL].dossier_id is not None
    assert dossiers.get_dossier(ctx, code).status is Status.RECEIVED  # not applied
    assert dossiers.get_dossier(ctx, other).status is Status.PROCESSING
    assert len(sync_service.attention_items(ctx)) == 3


def test_the_feed_is_read_page_by_page_while_more_is_true(
    ctx: DeskContext, sim: Sim, monkeypatch: pytest.MonkeyPatch
) -> None:
    codes = receive_open(ctx, 5)
    monkeypatch.setattr(sync_feed, "FEED_PAGE", 2)
    sim.add_changes(*({"MaHoSo": c, "TrangThaiHoSo": "4"} for c in codes))
    report = run_sync(ctx, settings=settings_for(ctx, sim), retry=FAST)
    assert report.changes_applied == 5
    assert sim.stats()["GET /hoso/thaydoi 200"] == 3 + 1  # 2 + 2 + 1, then the second pull
    with ctx.db.read() as session:
        assert sync_records.get_state(session, "feed_cursor") == "5"


def test_a_province_change_with_oversized_or_control_text_is_applied_cleaned_and_cut(
    ctx: DeskContext, sim: Sim
) -> None:
    """The province's records are taken as they come, never refused, but they reach the
    database cleaned and within its columns (PostgreSQL refuses NUL and text too long)."""
    code = receive_open(ctx, 1)[0]
    assert run_sync(ctx, settings=settings_for(ctx, sim), retry=FAST).outcome == "ok"
    sim.add_changes(
        {
            "MaHoSo": code,
            "TrangThaiHoSo": "4",
            "GhiChu": "Chuyển\x00 phòng\x1b[2J chuyên môn " + "x" * 5000,
            "NguoiXuLy": "Lê Văn Tỉnh\u202e" * 1000,
            "ThoiDiem": "20261122101500",
        }
    )
    report = run_sync(ctx, settings=settings_for(ctx, sim), retry=FAST)
    # Applied, and a person is told the text was changed (issue 12).
    assert report.outcome == "attention", report.lines()
    assert report.changes_applied == 1
    [told] = report.attention
    assert told.kind is AttentionKind.FEED_CLEANED and told.code == code
    event = dossiers.get_dossier(ctx, code).events[-1]
    assert event.note.startswith("Chuyển phòng[2J chuyên môn xxx")
    assert len(event.note) == 1000 and event.note.endswith("…")
    assert len(event.actor_name) == 200 and "\u202e" not in event.actor_name
