"""A second ``desk demo`` on the same day adds dossiers after those already there: within
a day, a later sequence number is never an earlier time (issue 13, item 14)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from desk.config import DeskConfig
from desk.services import demo
from desk.services.context import DeskContext
from desk.store.models import DossierRow
from tests.conftest import DEMO_NOW


def times_by_day(ctx: DeskContext) -> dict[date, list[tuple[int, datetime]]]:
    with ctx.db.read() as session:
        rows = session.execute(
            select(DossierRow.received_day, DossierRow.sequence, DossierRow.received_at)
        ).all()
    days: dict[date, list[tuple[int, datetime]]] = defaultdict(list)
    for day, sequence, received_at in rows:
        days[day].append((sequence, received_at))
    return {day: sorted(entries) for day, entries in days.items()}


@pytest.mark.parametrize("bulk", [False, True], ids=["services", "bulk"])
def test_a_second_demo_on_the_same_day_comes_later(tmp_path: Path, bulk: bool) -> None:
    ctx = DeskContext.open(DeskConfig(data_dir=tmp_path / "office"))
    try:
        demo.ensure_demo_office(ctx)
        ctx.act_as(demo.demo_account(ctx, "quantri"))
        morning = DEMO_NOW - timedelta(hours=5)  # 11:00
        demo.add_demo_dossiers(ctx, 240, seed=1, now=morning, bulk=bulk, workers=0)
        first = times_by_day(ctx)
        demo.add_demo_dossiers(ctx, 240, seed=2, now=DEMO_NOW, bulk=bulk, workers=0)
        days = times_by_day(ctx)
        assert sum(len(entries) for entries in days.values()) == 480
        for day, entries in days.items():
            times = [received_at for _, received_at in entries]
            assert times == sorted(times), f"{day}: a later number has an earlier time"
        # The second run's dossiers of a day come after the first run's.
        added = 0
        for day, entries in first.items():
            latest = max(received_at for _, received_at in entries)
            later = days[day][len(entries) :]
            assert all(received_at >= latest for _, received_at in later), day
            added += len(later)
        assert added > 0
        assert all(received_at <= DEMO_NOW for e in days.values() for _, received_at in e)
    finally:
        ctx.close()
