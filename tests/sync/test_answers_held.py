"""The province's answers to a batch are held in memory and written with the next write
(desk/services/sync/push.py): a desk killed at any point between receiving them and
writing them loses nothing and stores nothing twice. The answered batch is still pending
in the database: the next run sends it again with the same key and body, the province
recognises it (its first reply, replayed) and the desk ends as after an unbroken run."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from desk.domain.outbox import SyncResult
from desk.services.context import DeskContext
from desk.services.sync import run_sync
from desk.store import sync_repository as sync_repo
from tests.sync.conftest import (
    FAST,
    ROOT,
    Sim,
    add_dossiers,
    assert_province_holds_the_desk,
    outbox_size,
    settings_for,
)

DOSSIERS, BATCH = 20, 5  # four batches


def kill_at(ctx: DeskContext, sim: Sim, tmp_path: Path, pause: str, at: int) -> str:
    """A desk process syncing, killed at ``pause`` of the ``at``-th batch; that batch's id."""
    marker = tmp_path / f"paused-{pause}-{at}"
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.sync.syncer",
            str(ctx.config.data_dir),
            sim.url,
            "--batch",
            str(BATCH),
            "--pause",
            pause,
            "--at",
            str(at),
            "--marker",
            str(marker),
        ],
        cwd=ROOT,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 120
        while not marker.exists() or not marker.read_text():
            if process.poll() is not None:
                assert process.stderr is not None
                raise AssertionError(process.stderr.read().decode())
            assert time.monotonic() < deadline, "the desk never reached the point"
            time.sleep(0.02)
        process.send_signal(signal.SIGKILL)
        process.communicate(timeout=30)
        assert process.returncode == -signal.SIGKILL
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
        if process.stderr is not None:
            process.stderr.close()
    return marker.read_text()


def pending(ctx: DeskContext) -> list[sync_repo.PendingBatch]:
    with ctx.db.read() as session:
        return sync_repo.pending_batches(session)


def resume_and_check(ctx: DeskContext, sim: Sim, stored_before: int) -> None:
    report = run_sync(ctx, settings=settings_for(ctx, sim), retry=FAST)
    assert report.outcome == "ok", report.lines()
    assert report.batches_resumed == 1
    # The held batch again (the province's first reply), then those never sent.
    assert report.counts[SyncResult.ACCEPTED] == DOSSIERS - stored_before + BATCH
    assert sim.stats()["batch replayed"] == 1
    assert outbox_size(ctx) == 0 and pending(ctx) == []
    assert_province_holds_the_desk(ctx, sim)  # each revision stored once, in order


@pytest.mark.parametrize("at", [2, DOSSIERS // BATCH])  # one in the middle, the last
def test_killed_with_answers_not_yet_written(
    ctx: DeskContext, sim: Sim, tmp_path: Path, at: int
) -> None:
    add_dossiers(ctx, DOSSIERS)
    batch_id = kill_at(ctx, sim, tmp_path, "answered", at)
    # The province stored the batch and answered; the desk never wrote the answers: the
    # batch is still the one pending, its dossiers still queued.
    assert [b.batch_id for b in pending(ctx)] == [batch_id]
    assert len(sim.log()) == at * BATCH
    assert outbox_size(ctx) == DOSSIERS - (at - 1) * BATCH
    resume_and_check(ctx, sim, at * BATCH)


def test_killed_inside_the_transaction_of_the_answers_and_the_next_batch(
    ctx: DeskContext, sim: Sim, tmp_path: Path
) -> None:
    add_dossiers(ctx, DOSSIERS)
    batch_id = kill_at(ctx, sim, tmp_path, "writing", 2)
    # Neither the second batch's answers nor the third batch were written: one
    # transaction, undone whole.
    assert [b.batch_id for b in pending(ctx)] == [batch_id]
    assert len(sim.log()) == 2 * BATCH
    assert outbox_size(ctx) == DOSSIERS - BATCH
    resume_and_check(ctx, sim, 2 * BATCH)
