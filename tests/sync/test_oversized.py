"""One dossier the province can never take does not jam the queue (issue 12): a 413 for a
batch of one goes to the needs-attention list with its reason, the others are sent, and
the next run neither resends it nor fails."""

from __future__ import annotations

from sqlalchemy import text

from desk.domain.outbox import SyncResult
from desk.services.context import DeskContext
from desk.services.sync import run_sync
from tests.sync.conftest import FAST, Sim, receive_open, settings_for


def _swell(ctx: DeskContext, code: str, size: int) -> None:
    """A dossier recorded before intake bounded its texts: an 11 MB note (the finding)."""
    with ctx.db.write() as session:
        session.execute(
            text("UPDATE dossiers SET note = :note WHERE code = :code"),
            {"note": "x" * size, "code": code},
        )


def test_a_dossier_too_large_for_the_province_goes_to_attention_and_the_queue_goes_on(
    ctx: DeskContext, sim: Sim
) -> None:
    codes = receive_open(ctx, 3)
    _swell(ctx, codes[1], 11_000_000)
    report = run_sync(ctx, settings=settings_for(ctx, sim), retry=FAST)
    assert report.exit_code != 1, report.lines()
    assert report.counts.get(SyncResult.ACCEPTED) == 2
    assert report.counts.get(SyncResult.REJECTED) == 1
    assert set(sim.latest()) == {codes[0], codes[2]}
    [item] = [a for a in report.attention if a.code == codes[1]]
    assert "quá lớn" in item.reason
    again = run_sync(ctx, settings=settings_for(ctx, sim), retry=FAST)
    assert again.exit_code != 1 and again.items_sent == 0, again.lines()
