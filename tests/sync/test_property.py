"""Random fault schedules and random edits between runs: afterwards the province holds
exactly the latest revision of every dossier, each revision stored once, never a lower
after a higher (PROVINCE_API guarantees 1, 2 and 4)."""

from __future__ import annotations

import contextlib
from datetime import timedelta
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desk.domain.status import allowed_next
from desk.services import demo, dossiers
from desk.services.context import DeskContext
from desk.services.sync import run_sync
from desk.store import sync_repository as sync_repo
from desk.sync.connection import RetryPolicy
from desk.sync.report import SyncProgress
from tests.sync.conftest import (
    Sim,
    assert_province_holds_the_desk,
    outbox_size,
    receive_open,
    settings_for,
)

FAULTS = ("ok", "500", "503", "drop", "drop_before", "429", "401", "slow:0.5")
# Few tries, tiny waits: a schedule may well exhaust them, and the next run must resume.
RETRY = RetryPolicy(attempts=3, base_delay_s=0.001, max_delay_s=0.005, max_retry_after_s=0.01)

edits = st.lists(
    st.tuples(st.sampled_from(("advance", "advance", "advance", "new")), st.integers(0, 50)),
    max_size=6,
)
plans = st.fixed_dictionaries(
    {
        "edits": edits,
        "schedule": st.lists(st.sampled_from(FAULTS), max_size=6),
        "max_batch": st.integers(1, 4),
        "crash_at": st.none() | st.integers(1, 3),
        "edit_in_flight": st.booleans(),
    }
)


class Crash(Exception):
    """The desk process dies (after a batch was written, before it was sent)."""


def test_random_faults_and_edits_converge_to_the_latest_revisions(
    ctx: DeskContext, sim: Sim
) -> None:
    clerk = demo.demo_clerks(ctx)[0]
    codes = receive_open(ctx, 6)
    sim.faults(retry_after=0.01)
    connection = settings_for(ctx, sim, read_timeout_s=0.3)
    seeds = iter(range(100, 10_000))

    def edit(kind: str, pick: int) -> None:
        if kind == "new":
            codes.extend(receive_open(ctx, 1, seed=next(seeds)))
            return
        code = codes[pick % len(codes)]
        targets = sorted(allowed_next(dossiers.get_dossier(ctx, code).status))
        if targets:
            # A second supplement request is the office's fault and needs its reason
            # (desk/domain/path_limits.py); every edit here gives one, so no path is refused.
            dossiers.change_status(
                ctx,
                code,
                targets[pick % len(targets)],
                clerk,
                note=f"Sửa lần {pick}",
                fault_reason=f"Thiếu sót khi thẩm định, lần {pick}",
            )

    @settings(
        max_examples=25,
        deadline=timedelta(seconds=30),
        database=None,
        suppress_health_check=[HealthCheck.too_slow],
    )
    @given(plan=plans)
    def check(plan: dict[str, Any]) -> None:
        for kind, pick in plan["edits"]:
            edit(kind, pick)
        sim.faults(max_batch=plan["max_batch"], schedule=list(plan["schedule"]))
        sends = 0

        def hooks(progress: SyncProgress) -> None:
            nonlocal sends
            if not progress.message.startswith("Gửi lô"):
                return
            sends += 1
            if plan["edit_in_flight"] and sends == 1:
                edit("advance", sends + len(plan["edits"]))
            if plan["crash_at"] == sends:
                raise Crash

        with contextlib.suppress(Crash):
            run_sync(ctx, settings=connection, retry=RETRY, progress=hooks)
        for _ in range(12):  # later runs resume; the schedule runs out
            report = run_sync(ctx, settings=connection, retry=RETRY)
            if report.outcome in ("ok", "attention"):
                break
        assert report.outcome == "ok", report.lines()
        assert outbox_size(ctx) == 0
        with ctx.db.read() as session:
            assert sync_repo.pending_batches(session) == []
        assert_province_holds_the_desk(ctx, sim)

    check()
