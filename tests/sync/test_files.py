"""Scanned files go before the dossiers that name them: HEAD first, PUT when missing."""

from __future__ import annotations

import hashlib
from pathlib import Path

from desk.domain.calendar import now_in_office
from desk.domain.dossier import ReceivedDocument
from desk.domain.outbox import SyncResult
from desk.services import demo, intake
from desk.services.context import DeskContext
from desk.services.sync import run_sync
from desk.store import dossiers as store_dossiers
from tests.sync.conftest import FAST, Sim, assert_province_holds_the_desk, settings_for


def store_scan(ctx: DeskContext, content: bytes) -> str:
    sha = hashlib.sha256(content).hexdigest()
    path = ctx.config.files_dir / sha[:2] / sha
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    with ctx.db.write() as session:
        store_dossiers.record_attachment(
            session,
            sha256=sha,
            size=len(content),
            media_type="application/pdf",
            original_name="scan.pdf",
            now=now_in_office(),
        )
    return sha


def receive_with_scans(ctx: DeskContext, shas: list[str], *, seed: int) -> str:
    clerk = demo.demo_clerks(ctx)[0]
    request = next(iter(demo.generate(ctx, 1, seed=seed))).request
    request.documents = [
        *request.documents,
        *(
            ReceivedDocument(f"Bản quét {n}", photocopies=1, attachment_sha256=sha)
            for n, sha in enumerate(shas, start=1)
        ),
    ]
    return str(intake.receive_dossier(ctx, request, clerk, at=now_in_office()).code)


def test_files_are_uploaded_once_before_the_dossiers(ctx: DeskContext, sim: Sim) -> None:
    shared = store_scan(ctx, b"%PDF-1.4 giay khai sinh")
    own = store_scan(ctx, b"%PDF-1.4 can cuoc")
    first = receive_with_scans(ctx, [shared, own], seed=1)
    second = receive_with_scans(ctx, [shared], seed=2)
    report = run_sync(ctx, settings=settings_for(ctx, sim), retry=FAST)
    assert report.outcome == "ok", report.lines()
    assert report.files_uploaded == 2 and report.counts[SyncResult.ACCEPTED] == 2
    stats = sim.stats()
    assert stats["HEAD /tep 404"] == 2 and stats["PUT /tep 201"] == 2
    assert (sim.data / "files" / shared).read_bytes() == b"%PDF-1.4 giay khai sinh"
    documents = sim.latest()[first]["item"]["TaiLieuNop"]
    assert {d["TepDinhKemId"] for d in documents} >= {shared, own}
    assert any(d["DuocSoHoa"] == "1" for d in documents)
    assert second in sim.latest()
    # A later dossier naming a file the province already has: nothing is uploaded.
    receive_with_scans(ctx, [own], seed=3)
    again = run_sync(ctx, settings=settings_for(ctx, sim), retry=FAST)
    assert again.files_uploaded == 0 and again.counts[SyncResult.ACCEPTED] == 1
    assert sim.stats()["PUT /tep 201"] == 2
    assert_province_holds_the_desk(ctx, sim)


def test_a_file_the_province_already_has_is_only_asked_about(
    ctx: DeskContext, sim: Sim, tmp_path: Path
) -> None:
    content = b"%PDF-1.4 da co o tinh"
    sha = store_scan(ctx, content)
    (sim.data / "files" / sha).write_bytes(content)
    receive_with_scans(ctx, [sha], seed=4)
    report = run_sync(ctx, settings=settings_for(ctx, sim), retry=FAST)
    assert report.files_present == 1 and report.files_uploaded == 0
    assert "PUT /tep 201" not in sim.stats()


def test_a_missing_file_holds_back_only_its_dossier(ctx: DeskContext, sim: Sim) -> None:
    sha = store_scan(ctx, b"%PDF-1.4 se bi xoa")
    held = receive_with_scans(ctx, [sha], seed=5)
    other = receive_with_scans(ctx, [], seed=6)
    (ctx.config.files_dir / sha[:2] / sha).unlink()  # lost from the data folder
    report = run_sync(ctx, settings=settings_for(ctx, sim), retry=FAST)
    assert report.outcome == "attention" and report.counts[SyncResult.ACCEPTED] == 1
    assert other in sim.latest() and held not in sim.latest()
    assert [(a.kind, a.code) for a in report.attention] == [("file_missing", held)]
    assert report.pending == 1  # still queued: sent once the file is back
    store_scan(ctx, b"%PDF-1.4 se bi xoa")
    later = run_sync(ctx, settings=settings_for(ctx, sim), retry=FAST)
    assert later.files_uploaded == 1 and later.counts[SyncResult.ACCEPTED] == 1
    assert held in sim.latest()


def test_a_scan_over_20_mb_is_not_uploaded_and_the_others_go(ctx: DeskContext, sim: Sim) -> None:
    """A scan taken before intake refused them: the province's proxy would cut the
    connection (the simulator does, with close_oversized); the desk does not send it, holds
    its dossier back with the reason, and the rest of the run goes on."""
    import requests

    from desk.domain.outbox import AttentionKind

    sim.faults(close_oversized=True)
    big = b"%PDF-1.4 " + b"\0" * (21 * 1024 * 1024)
    # The simulator itself: an upload over 20 MB gets no answer, the connection is cut.
    sha = hashlib.sha256(big).hexdigest()
    try:
        requests.put(f"{sim.url}/tep/{sha}", data=big, timeout=10)
        raise AssertionError("the simulator answered an upload over 20 MB")
    except requests.ConnectionError:
        pass
    assert sim.stats()["PUT /tep dropped"] == 1
    store_scan(ctx, big)
    held = receive_with_scans(ctx, [sha], seed=3)
    other = receive_with_scans(ctx, [], seed=4)
    report = run_sync(ctx, settings=settings_for(ctx, sim), retry=FAST)
    assert report.exit_code == 3, report.lines()
    assert set(sim.latest()) == {other}
    [item] = [a for a in report.attention if a.code == held]
    assert item.kind is AttentionKind.FILE_REFUSED and "quá 20 MB" in item.reason
    assert sim.stats()["PUT /tep dropped"] == 1  # only the test's own: the desk sent none
    assert not any(key.startswith("PUT /tep 2") for key in sim.stats())
