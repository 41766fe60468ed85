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


def test_an_item_over_1_mb_is_never_sent_and_the_queue_goes_on(ctx: DeskContext, sim: Sim) -> None:
    """The desk checks each item before any batch is written: one over the province's 1 MB
    goes to the needs-attention list with its size, the others go in the same run."""
    codes = receive_open(ctx, 5)
    _swell(ctx, codes[2], 1_200_000)  # under the 10 MB body, over the 1 MB item
    report = run_sync(ctx, settings=settings_for(ctx, sim), retry=FAST)
    assert report.items_sent == 4, report.lines()
    assert report.counts.get(SyncResult.ACCEPTED) == 4
    assert report.counts.get(SyncResult.REJECTED) == 1
    assert set(sim.latest()) == set(codes) - {codes[2]}
    assert "POST /hoso/dongbo 413" not in sim.stats()  # never offered to the province
    [item] = [a for a in report.attention if a.code == codes[2]]
    assert "quá lớn" in item.reason and "1.2" in item.reason  # its size, 1.2xx.xxx byte
    assert report.exit_code == 3
    again = run_sync(ctx, settings=settings_for(ctx, sim), retry=FAST)
    assert again.items_sent == 0 and again.exit_code != 1, again.lines()


def test_the_simulator_refuses_an_item_over_1_mb_as_the_contract_says(
    ctx: DeskContext, sim: Sim
) -> None:
    """A batch of one such item: 413 (it can never go as it is); among others: rejected."""
    import json

    import pytest

    from desk.services import dossiers
    from desk.sync.connector import ProvinceConnector
    from desk.sync.errors import BatchTooLarge
    from desk.sync.items import dossier_item

    codes = receive_open(ctx, 2)
    small, big = (dossier_item(dossiers.get_dossier(ctx, code)) for code in codes)
    big["GhiChu"] = "x" * 1_100_000

    def body(batch_id: str, items: list[dict]) -> bytes:
        data = {"madonvi": ctx.office.agency_id, "service": "DongBoHoSoMC", "batch_id": batch_id}
        return json.dumps({**data, "data": items}, ensure_ascii=False).encode("utf-8")

    with ProvinceConnector(settings_for(ctx, sim), retry=FAST) as connector:
        connector.authenticate()
        with pytest.raises(BatchTooLarge):
            connector.push("lo-mot", body("lo-mot", [big]))
        results = connector.push("lo-hai", body("lo-hai", [small, big]))
    assert [r.result for r in results] == [SyncResult.ACCEPTED, SyncResult.REJECTED]
    assert "quá lớn" in results[1].message
