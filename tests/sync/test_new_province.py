"""A province store the desk has not met (issue 12, PROVINCE_API §2 v1.1, guarantee 6):
pointed at a new system, or at a province that restored a backup, the desk tells the
supervisor and offers every dossier's current revision again; nothing is lost."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from desk.domain.outbox import AttentionKind, SyncResult
from desk.services import sync as sync_service
from desk.services.context import DeskContext
from desk.services.sync import run_sync
from desk.store import audit as store_audit
from tests.sync.conftest import (
    FAST,
    Sim,
    add_dossiers,
    assert_province_holds_the_desk,
    outbox_size,
    settings_for,
    start_sim,
)


def _province_notices(ctx: DeskContext) -> list[str]:
    return [
        a.reason
        for a in sync_service.attention_items(ctx)
        if a.kind is AttentionKind.PROVINCE_CHANGED
    ]


def _audited(ctx: DeskContext, action: str) -> list[dict]:
    with ctx.db.read() as session:
        return [e.detail for e in store_audit.iter_entries(session) if e.action == action]


def test_a_second_empty_province_receives_every_dossier(
    ctx: DeskContext, sim_factory: Callable[..., Sim]
) -> None:
    first = sim_factory(name="first")
    add_dossiers(ctx, 12)
    report = run_sync(ctx, settings=settings_for(ctx, first), retry=FAST)
    assert report.outcome == "ok" and report.items_sent == 12, report.lines()
    assert report.new_province == ""  # the first store a desk meets is simply adopted
    assert outbox_size(ctx) == 0

    second = sim_factory(name="second")
    report = run_sync(ctx, settings=settings_for(ctx, second), retry=FAST)
    assert report.items_sent == 12, report.lines()
    assert report.counts[SyncResult.ACCEPTED] == 12
    assert second.url.rstrip("/") in report.new_province
    assert any("Hệ thống tỉnh mới" in line for line in report.lines())
    assert report.exit_code == 3  # the supervisor is told: an item needs attention
    assert_province_holds_the_desk(ctx, second)
    [notice] = _province_notices(ctx)
    assert "12 hồ sơ" in notice
    [logged] = _audited(ctx, "sync.province_changed")
    assert logged["requeued"] == 12

    status = sync_service.known_store(ctx)
    assert status is not None and status.base_url == second.url.rstrip("/").lower()
    assert status.server_id == second.admin("GET", "/ping")["server_id"]

    # Nothing more to send, and the same store is not "new" a second time.
    again = run_sync(ctx, settings=settings_for(ctx, second), retry=FAST)
    assert again.items_sent == 0 and again.new_province == "", again.lines()


def test_a_province_restored_from_backup_gets_everything_again(
    ctx: DeskContext, sim_factory: Callable[..., Sim]
) -> None:
    sim = sim_factory(name="province")
    add_dossiers(ctx, 10)
    assert run_sync(ctx, settings=settings_for(ctx, sim), retry=FAST).items_sent == 10
    held = sorted(sim.latest())

    # The province restores a backup taken before the last four dossiers arrived: same
    # directory, same address, a new server_id.
    sim.stop()
    lost = held[-4:]
    with sqlite3.connect(sim.data / "province.sqlite") as db:
        marks = ",".join("?" * len(lost))
        db.execute(f"DELETE FROM dossiers WHERE ma_ho_so IN ({marks})", lost)
        db.execute(f"DELETE FROM revisions WHERE ma_ho_so IN ({marks})", lost)
    port = sim.url.rsplit(":", 1)[1]
    restored = start_sim(sim.data, "--port", port)
    try:
        assert restored.url == sim.url
        before = restored.admin("GET", "/ping")["server_id"]
        after = restored.admin("POST", "/_admin/server-id", {})["server_id"]
        assert before != after
        report = run_sync(ctx, settings=settings_for(ctx, restored), retry=FAST)
        assert report.items_sent == 10, report.lines()
        assert report.counts[SyncResult.ACCEPTED] == 4
        assert report.counts[SyncResult.DUPLICATE] == 6
        assert "mã kho" in report.new_province and after in report.new_province
        assert_province_holds_the_desk(ctx, restored)
        assert outbox_size(ctx) == 0
    finally:
        restored.stop()


def test_a_server_without_server_id_is_known_by_its_address(
    ctx: DeskContext, sim_factory: Callable[..., Sim]
) -> None:
    sim = sim_factory(name="old")
    sim.faults(send_server_id=False)
    add_dossiers(ctx, 3)
    assert run_sync(ctx, settings=settings_for(ctx, sim), retry=FAST).items_sent == 3
    again = run_sync(ctx, settings=settings_for(ctx, sim), retry=FAST)
    assert again.items_sent == 0 and again.new_province == ""
