"""PROVINCE_API.md "What the desk guarantees", each one, against the simulator process."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from desk.domain.office import User
from desk.domain.outbox import SyncResult
from desk.domain.status import Status, allowed_next
from desk.services import dossiers
from desk.services.context import DeskContext
from desk.services.sync import run_sync
from desk.store import dossiers as store_dossiers
from desk.store import sync_repository as sync_repo
from desk.sync.connection import RetryPolicy
from desk.sync.connector import ProvinceConnector
from desk.sync.items import dossier_item
from desk.sync.report import SyncProgress
from tests.sync.conftest import (
    FAST,
    Sim,
    add_dossiers,
    assert_province_holds_the_desk,
    outbox_size,
    receive_open,
    settings_for,
)


def sync(ctx: DeskContext, sim: Sim, *, retry: RetryPolicy = FAST, **kwargs: Any):
    return run_sync(ctx, settings=settings_for(ctx, sim), retry=retry, **kwargs)


def codes(ctx: DeskContext) -> list[str]:
    with ctx.db.read() as session:
        return list(store_dossiers.all_codes(session))


def advance_one(ctx: DeskContext, code: str, clerk: Any) -> Status | None:
    dossier = dossiers.get_dossier(ctx, code)
    targets = sorted(allowed_next(dossier.status))
    if not targets:
        return None
    target = targets[0]
    dossiers.change_status(ctx, code, target, clerk, note="Ghi chú kiểm thử")
    return target


def test_first_sync_sends_every_dossier_once_in_code_order(ctx: DeskContext, sim: Sim) -> None:
    add_dossiers(ctx, 25)
    report = sync(ctx, sim)
    assert report.outcome == "ok", report.lines()
    assert report.counts[SyncResult.ACCEPTED] == 25 and report.items_sent == 25
    assert report.exit_code == 0
    assert outbox_size(ctx) == 0
    assert_province_holds_the_desk(ctx, sim)
    assert [c for c, _, _ in sim.log()] == sorted(codes(ctx))  # code order
    again = sync(ctx, sim)  # up to date: nothing to send
    assert again.outcome == "ok" and again.items_sent == 0
    assert len(sim.log()) == 25


def test_every_change_queues_its_new_revision_in_the_same_transaction(
    ctx: DeskContext, clerk: User, sim: Sim
) -> None:
    add_dossiers(ctx, 4)
    code = receive_open(ctx, 1)[0]
    sync(ctx, sim)
    before = dossiers.get_dossier(ctx, code).revision
    assert advance_one(ctx, code, clerk) is not None
    with ctx.db.read() as session:
        entries = sync_repo.next_outbox_entries(session, after_code="", limit=10)
    assert [(e.code, e.revision) for e in entries] == [(code, before + 1)]
    report = sync(ctx, sim)
    assert report.counts[SyncResult.ACCEPTED] == 1
    assert sim.latest()[code]["PhienBan"] == before + 1
    with ctx.db.read() as session:
        dossier_id = sync_repo.dossier_ids_by_code(session, [code])[code]
        answers = sync_repo.results_for(session, dossier_id)
    assert answers == [(before, "accepted", ""), (before + 1, "accepted", "")]
    assert_province_holds_the_desk(ctx, sim)


def test_a_lost_reply_is_resent_with_the_same_key_and_stored_once(
    ctx: DeskContext, sim: Sim
) -> None:
    add_dossiers(ctx, 12)
    # The first push is refused as too large (413), then each fault hits one push.
    sim.faults(max_batch=5, schedule=["ok", "drop", "ok", "drop", "500", "drop_before"])
    report = sync(ctx, sim)
    assert report.outcome == "ok", report.lines()
    assert report.counts[SyncResult.ACCEPTED] == 12 and report.retries >= 4
    assert sim.stats()["batch replayed"] == 2  # the stored-but-unanswered batches
    assert_province_holds_the_desk(ctx, sim)


def test_an_interrupted_run_resumes_with_the_same_batch(ctx: DeskContext, sim: Sim) -> None:
    add_dossiers(ctx, 6)
    sim.faults(schedule=["drop"] * 3)
    first = sync(ctx, sim, retry=RetryPolicy(attempts=3, base_delay_s=0.01, max_delay_s=0.02))
    assert first.outcome == "offline" and first.exit_code == 4
    assert "không mất" in first.message
    with ctx.db.read() as session:
        left = sync_repo.pending_batches(session)
    assert len(left) == 1 and len(left[0].items) == 6  # written, stored by the province
    assert len(sim.log()) == 6
    second = sync(ctx, sim)
    assert second.outcome == "ok" and second.batches_resumed == 1
    assert second.counts[SyncResult.ACCEPTED] == 6  # the first reply, replayed
    assert sim.stats()["batch replayed"] == 3  # two lost replies in run 1, one in run 2
    with ctx.db.read() as session:
        assert sync_repo.pending_batches(session) == []
    assert_province_holds_the_desk(ctx, sim)


def test_a_crash_after_writing_the_batch_loses_and_doubles_nothing(
    ctx: DeskContext, clerk: User, sim: Sim
) -> None:
    add_dossiers(ctx, 7)
    code = receive_open(ctx, 1)[0]

    class Crash(Exception):
        pass

    def crash_before_sending(progress: SyncProgress) -> None:
        if progress.phase == "push" and progress.message.startswith("Gửi lô"):
            raise Crash

    with pytest.raises(Crash):
        sync(ctx, sim, progress=crash_before_sending)
    assert sim.log() == []  # nothing reached the province
    advance_one(ctx, code, clerk)  # edited after the batch was written
    report = sync(ctx, sim)
    assert report.outcome == "ok" and report.batches_resumed == 1
    assert code in report.edited_in_flight  # the old revision went first, then the new
    assert_province_holds_the_desk(ctx, sim)
    revisions = [r for c, r, _ in sim.log() if c == code]
    assert revisions == sorted(revisions) and len(revisions) == 2


def test_a_dossier_edited_while_its_batch_is_in_flight_is_sent_again(
    ctx: DeskContext, clerk: User, sim: Sim
) -> None:
    first_code = receive_open(ctx, 10)[0]
    edited: list[int] = []

    def edit_in_flight(progress: SyncProgress) -> None:
        if progress.message.startswith("Gửi lô") and not edited:
            edited.append(1)
            advance_one(ctx, first_code, clerk)

    report = sync(ctx, sim, progress=edit_in_flight)
    assert report.outcome == "ok"
    assert report.edited_in_flight == [first_code]
    assert report.counts[SyncResult.ACCEPTED] == 11  # the old revision, then the new one
    assert outbox_size(ctx) == 0
    assert_province_holds_the_desk(ctx, sim)


def test_rejected_and_conflicting_dossiers_never_block_the_others(
    ctx: DeskContext, clerk: User, sim_factory: Callable[..., Sim]
) -> None:
    add_dossiers(ctx, 16)
    open_code = receive_open(ctx, 4)[0]  # open: it can still change
    with ctx.db.read() as session:
        all_dossiers = list(store_dossiers.iter_dossiers(session))
        rejected_procedure = store_dossiers.get_dossier(session, open_code).procedure_code
    sim = sim_factory("--reject-procedure", rejected_procedure)
    victim = next(d for d in all_dossiers if d.procedure_code != rejected_procedure)
    foreign = dossier_item(victim)
    foreign["GhiChu"] = "Bản do tỉnh tự nhập"  # same revision, different content
    sim.put_dossiers(foreign)

    report = sync(ctx, sim)
    expected_rejected = sum(1 for d in all_dossiers if d.procedure_code == rejected_procedure)
    assert report.outcome == "attention" and report.exit_code == 3
    assert report.counts[SyncResult.REJECTED] == expected_rejected >= 1
    assert report.counts[SyncResult.CONFLICT] == 1
    assert report.counts[SyncResult.ACCEPTED] == 20 - expected_rejected - 1
    kinds = {(a.kind, a.code) for a in report.attention}
    assert ("conflict", str(victim.code)) in kinds
    rejected = [a for a in report.attention if a.kind == "rejected"]
    assert len(rejected) == expected_rejected
    assert all("không có trong danh mục" in a.reason for a in rejected)
    assert sim.latest()[str(victim.code)]["item"]["GhiChu"] == "Bản do tỉnh tự nhập"
    assert outbox_size(ctx) == 0  # answered: not resent until the dossier changes

    again = sync(ctx, sim)
    assert again.items_sent == 0 and again.outcome == "attention"
    assert again.attention == []  # nothing new; the list still holds the old items

    assert advance_one(ctx, open_code, clerk) is not None  # a change: sent again
    third = sync(ctx, sim)
    assert third.items_sent == 1 and third.counts[SyncResult.REJECTED] == 1


def test_a_stale_revision_is_done_without_attention(ctx: DeskContext, sim: Sim) -> None:
    add_dossiers(ctx, 3)
    with ctx.db.read() as session:
        first = next(iter(store_dossiers.iter_dossiers(session)))
    newer = dossier_item(first)
    newer["PhienBan"] = first.revision + 5
    sim.put_dossiers(newer)
    report = sync(ctx, sim)
    assert report.counts == {
        "accepted": 2,
        "duplicate": 0,
        "stale": 1,
        "conflict": 0,
        "rejected": 0,
    }
    assert report.outcome == "ok" and outbox_size(ctx) == 0


def test_413_splits_by_x_max_batch_and_429_waits_retry_after(
    ctx: DeskContext, sim_factory: Callable[..., Sim]
) -> None:
    add_dossiers(ctx, 23)
    sim = sim_factory(
        "--max-batch",
        "4",
        "--throttle-every",
        "3",
        "--throttle-burst",
        "1",
        "--retry-after",
        "0.05",
    )
    waits: list[tuple[str, float]] = []
    connector = ProvinceConnector(
        settings_for(ctx, sim), retry=FAST, on_wait=lambda *w: waits.append(w)
    )
    report = run_sync(ctx, connector=connector)
    assert report.outcome == "ok", report.lines()
    assert report.counts[SyncResult.ACCEPTED] == 23
    stats = sim.stats()
    assert stats["POST /hoso/dongbo 413"] == 1  # once; later batches are made small
    assert stats["batch stored"] == 6  # ceil(23 / 4)
    assert ("429", 0.05) in waits
    assert_province_holds_the_desk(ctx, sim)
