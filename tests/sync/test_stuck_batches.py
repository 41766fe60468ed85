"""A batch that keeps failing (issue 12): its failed sends are counted across runs, a stuck
batch is shown with its id, items, attempts, last error and age, and a supervisor sets it
aside with a reason: its dossiers go to the needs-attention list, the queue goes on, the
set-aside is in the audit log, and resolving an item with --resend queues it again."""

from __future__ import annotations

from desk.domain.outbox import AttentionKind, RunOutcome
from desk.services import sync as sync_service
from desk.services.context import DeskContext
from desk.services.sync import run_sync
from desk.services.sync.batches import STUCK_ATTEMPTS
from desk.store import audit as store_audit
from tests.sync.conftest import FAST, Sim, add_dossiers, outbox_size, settings_for
from tests.sync.test_cli import desk, desk_args, desk_env


def _audited(ctx: DeskContext, action: str) -> list[dict]:
    with ctx.db.read() as session:
        return [e.detail for e in store_audit.iter_entries(session) if e.action == action]


def test_a_stuck_batch_is_shown_and_set_aside_and_the_queue_goes_on(
    ctx: DeskContext, sim: Sim
) -> None:
    add_dossiers(ctx, 4)
    sim.faults(schedule=["503"] * 1000)  # every push of the batch fails, run after run
    for attempt in range(1, STUCK_ATTEMPTS + 1):
        report = run_sync(ctx, settings=settings_for(ctx, sim), retry=FAST)
        assert report.outcome is RunOutcome.OFFLINE, report.lines()
        [batch] = sync_service.pending_batches(ctx)
        assert batch.attempts == attempt  # counted across runs
    assert batch.stuck and batch.items == 4 and "503" in batch.last_error

    status = desk(ctx, "sync", "status")
    assert status.returncode == 3, status.stdout + status.stderr
    assert "Lô bị kẹt: 1" in status.stdout
    assert f"Lô {batch.batch_id}: 4 hồ sơ" in status.stdout
    assert f"gửi hỏng {STUCK_ATTEMPTS} lần" in status.stdout

    clerk = desk(ctx, "sync", "set-aside", batch.batch_id[:8], "--reason", "Tỉnh báo lỗi")
    # the demo supervisor may; a clerk may not (checked below with the clerk's identity)
    assert clerk.returncode == 0, clerk.stdout + clerk.stderr
    assert "Đã để riêng lô" in clerk.stdout and "4 hồ sơ" in clerk.stdout
    assert sync_service.pending_batches(ctx) == []
    assert outbox_size(ctx) == 0
    aside = [a for a in sync_service.attention_items(ctx) if a.kind is AttentionKind.SET_ASIDE]
    assert len(aside) == 4 and all("Tỉnh báo lỗi" in a.reason for a in aside)
    [logged] = _audited(ctx, "sync.batch_set_aside")
    assert logged["batch_id"] == batch.batch_id and logged["attempts"] == STUCK_ATTEMPTS

    # The queue goes on: a new dossier is sent, the set-aside ones are not.
    sim.faults(schedule=[])
    add_dossiers(ctx, 1, seed=99)
    report = run_sync(ctx, settings=settings_for(ctx, sim), retry=FAST)
    assert report.items_sent == 1 and report.exit_code == 3, report.lines()

    # A supervisor queues one of them again.
    sync_service.resolve_attention(ctx, aside[0].id, resend=True, note="Tỉnh đã sửa")
    report = run_sync(ctx, settings=settings_for(ctx, sim), retry=FAST)
    assert report.items_sent == 1, report.lines()
    assert aside[0].code in sim.latest()


def test_setting_aside_needs_a_supervisor_a_reason_and_a_real_batch(
    ctx: DeskContext, sim: Sim
) -> None:
    import subprocess

    from tests.sync.conftest import ROOT

    add_dossiers(ctx, 2)
    sim.faults(schedule=["503"] * 100)
    run_sync(ctx, settings=settings_for(ctx, sim), retry=FAST)
    [batch] = sync_service.pending_batches(ctx)
    as_clerk = subprocess.run(
        desk_args(ctx, "sync", "set-aside", batch.batch_id, "--reason", "thử"),
        cwd=ROOT,
        env=desk_env("canbo1"),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert as_clerk.returncode == 2 and "không được phép" in as_clerk.stderr, as_clerk.stderr
    short = desk(ctx, "sync", "set-aside", "abc", "--reason", "thử")
    assert short.returncode == 2 and "ít nhất 8 ký tự" in short.stderr
    unknown = desk(ctx, "sync", "set-aside", "00000000", "--reason", "thử")
    assert unknown.returncode == 2 and "Không có lô" in unknown.stderr
    blank = desk(ctx, "sync", "set-aside", batch.batch_id, "--reason", "  ")
    assert blank.returncode == 2 and "lý do" in blank.stderr
    assert len(sync_service.pending_batches(ctx)) == 1
    assert "Traceback" not in as_clerk.stderr + short.stderr + unknown.stderr + blank.stderr
