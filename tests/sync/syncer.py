"""A desk process for the sync kill tests: one sync run that stops at a chosen point.

    python -m tests.sync.syncer DATA_DIR SIM_URL --batch N --pause POINT --at K --marker FILE

POINT ``answered``: the province's answers to the K-th batch sent are in memory, not yet
written. POINT ``writing``: inside the transaction that writes the K-th batch's answers
with the next batch, every row written, before COMMIT. There the process writes MARKER
(the batch id concerned) and sleeps: the test kills it.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from sqlalchemy.orm import Session

from desk.config import DeskConfig
from desk.services import demo
from desk.services.context import DeskContext
from desk.services.sync.lock import SyncLock
from desk.services.sync.push import BatchPush, HeldAnswers
from desk.services.sync.run import SyncRun
from desk.store import sync_repository as sync_repo
from desk.sync.connection import ConnectionSettings, RetryPolicy
from desk.sync.connector import ProvinceConnector
from desk.sync.secrets import Secret


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("url")
    parser.add_argument("--batch", type=int, required=True)
    parser.add_argument("--pause", choices=("answered", "writing"), required=True)
    parser.add_argument("--at", type=int, required=True)
    parser.add_argument("--marker", type=Path, required=True)
    args = parser.parse_args()
    ctx = DeskContext.open(DeskConfig(data_dir=args.data_dir), create=False)
    ctx.act_as(demo.demo_account(ctx, "quantri"))

    def hang(batch_id: str) -> None:
        args.marker.write_text(batch_id)
        time.sleep(600)

    answered: list[str] = []
    if args.pause == "answered":
        land = BatchPush._land

        def land_then_hang(push: BatchPush, batch: sync_repo.PendingBatch) -> HeldAnswers | None:
            held = land(push, batch)
            if held is not None:
                answered.append(held.batch.batch_id)
                if len(answered) == args.at:
                    hang(held.batch.batch_id)
            return held

        BatchPush._land = land_then_hang  # type: ignore[method-assign,assignment]
    else:
        apply_answers = sync_repo.apply_answers
        save_batch = sync_repo.save_batch

        def apply_and_note(
            session: Session,
            batch: sync_repo.PendingBatch,
            answers: Sequence[sync_repo.ItemAnswer],
            now: datetime,
        ) -> sync_repo.AppliedAnswers:
            answered.append(batch.batch_id)
            return apply_answers(session, batch, answers, now)

        def save_then_hang(
            session: Session,
            batch_id: str,
            body: str,
            items: Sequence[sync_repo.OutboxEntry],
            now: datetime,
        ) -> int:
            seq = save_batch(session, batch_id, body, items, now)
            if len(answered) == args.at:
                hang(answered[-1])
            return seq

        sync_repo.apply_answers = apply_and_note
        sync_repo.save_batch = save_then_hang
    settings = ConnectionSettings(
        base_url=args.url,
        agency_id=ctx.office.agency_id,
        username="motcua",
        password=Secret("motcua-demo"),
    )
    retry = RetryPolicy(attempts=2, base_delay_s=0.01, max_delay_s=0.02)
    with ProvinceConnector(settings, retry=retry) as connector, SyncLock(ctx):
        SyncRun(ctx, connector, max_batch=args.batch).run()
    ctx.close()


if __name__ == "__main__":
    main()
