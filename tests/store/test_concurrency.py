"""Several desks receiving at the same moment, and a desk killed mid-receive."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import text

from desk.services import demo, intake
from desk.services.context import DeskContext
from tests.conftest import DEMO_NOW
from tests.store.conftest import open_office

ROOT = Path(__file__).resolve().parents[2]
PROCESSES = 4
PER_PROCESS = 25


def _start_receiver(
    url: str, count: int, seed: int, cwd: Path, *extra: str
) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.e2e.receiver", url, str(count), "--seed", str(seed), *extra],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT), "DESK_DATA_DIR": str(cwd)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def _day_sequences(ctx: DeskContext) -> list[int]:
    with ctx.db.read() as session:
        return [
            row[0]
            for row in session.execute(
                text("SELECT sequence FROM dossiers WHERE received_day = :d ORDER BY sequence"),
                {"d": DEMO_NOW.date().isoformat() if ctx.db.is_sqlite else DEMO_NOW.date()},
            )
        ]


def _receive_concurrently(url: str, tmp_path: Path) -> DeskContext:
    """Four desk processes receive at once: each says when it is ready (started, office
    open, requests made), and all start receiving when the last one is."""
    ctx = open_office(url, tmp_path / "office")
    go = tmp_path / "go"
    ready = [tmp_path / f"ready-{seed}" for seed in range(PROCESSES)]
    workers = [
        _start_receiver(
            url, PER_PROCESS, seed, tmp_path, "--ready", str(ready[seed]), "--go", str(go)
        )
        for seed in range(PROCESSES)
    ]
    deadline = time.time() + 240
    while not all(r.exists() for r in ready):
        for worker in workers:
            assert worker.poll() is None, worker.stderr.read().decode() if worker.stderr else ""
        assert time.time() < deadline, "the desks never got ready"
        time.sleep(0.02)
    go.write_text("go")
    for worker in workers:
        _out, err = worker.communicate(timeout=240)
        assert worker.returncode == 0, err.decode()
    return ctx


def _assert_codes_unique_and_contiguous(ctx: DeskContext, expected: int) -> None:
    sequences = _day_sequences(ctx)
    assert sequences == list(range(1, expected + 1))
    with ctx.db.read() as session:
        codes = [r[0] for r in session.execute(text("SELECT code FROM dossiers"))]
        counter = session.execute(text("SELECT last_value FROM daily_counters")).scalar_one()
    assert len(codes) == len(set(codes)) == expected
    assert counter == expected


def _assert_desks_took_turns(ctx: DeskContext) -> None:
    """The four desks really received at the same time: each one's numbers are spread
    among the others', not one block after another (told apart by their applicants).
    PostgreSQL queues the desks waiting for the day's counter row, so they take turns."""
    desk_of: dict[str, set[int]] = {}
    for seed in range(PROCESSES):
        for made in demo.generate(ctx, PER_PROCESS, seed=seed, now=DEMO_NOW):
            desk_of.setdefault(made.request.applicant.id_number, set()).add(seed)
    numbers: dict[int, list[int]] = {seed: [] for seed in range(PROCESSES)}
    with ctx.db.read() as session:
        for sequence, id_number in session.execute(
            text("SELECT sequence, applicant_id_number FROM dossiers")
        ):
            desks = desk_of.get(id_number, set())
            if len(desks) == 1:
                numbers[desks.pop()].append(sequence)
    assert all(len(taken) >= PER_PROCESS // 2 for taken in numbers.values()), numbers
    for one in range(PROCESSES):
        for other in range(PROCESSES):
            if one != other:
                assert min(numbers[one]) < max(numbers[other]), numbers


def test_desks_on_one_sqlite_file_never_share_or_skip_a_number(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'office.sqlite'}"
    ctx = _receive_concurrently(url, tmp_path)
    _assert_codes_unique_and_contiguous(ctx, PROCESSES * PER_PROCESS)
    # No turns here: SQLite's busy handler lets the desk holding the file take it again
    # while the others sleep, so one desk's numbers may well come in one block.
    ctx.close()


def test_desks_on_postgresql_never_share_or_skip_a_number(
    postgres_url: str, tmp_path: Path
) -> None:
    ctx = _receive_concurrently(postgres_url, tmp_path)
    _assert_codes_unique_and_contiguous(ctx, PROCESSES * PER_PROCESS)
    _assert_desks_took_turns(ctx)
    ctx.close()


def _kill_mid_receive(url: str, tmp_path: Path) -> None:
    ctx = open_office(url, tmp_path / "office")
    clerk = demo.demo_clerks(ctx)[0]
    requests = [d.request for d in demo.generate(ctx, 3, seed=11, now=DEMO_NOW)]
    intake.receive_dossier(ctx, requests[0], clerk, at=DEMO_NOW)
    marker = tmp_path / "inside-transaction"
    victim = _start_receiver(url, 1, 5, tmp_path, "--pause-after-insert", str(marker))
    deadline = time.time() + 120
    while not marker.exists():
        assert victim.poll() is None, victim.stderr.read().decode() if victim.stderr else ""
        assert time.time() < deadline, "the receiver never reached its transaction"
        time.sleep(0.02)
    # Every row of the dossier is written, COMMIT has not happened: pull the plug.
    assert marker.read_text().endswith("-0002")
    victim.send_signal(signal.SIGKILL)
    victim.communicate(timeout=30)
    assert victim.returncode == -signal.SIGKILL

    with ctx.db.read() as session:
        counts = {
            table: session.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()
            for table in ("dossiers", "status_events", "outbox", "dossier_documents")
        }
        counter = session.execute(text("SELECT last_value FROM daily_counters")).scalar_one()
    assert counts["dossiers"] == counts["outbox"] == counts["status_events"] == 1
    assert counter == 1
    # The next dossier takes the number the dead process had drawn: no gap.
    after = intake.receive_dossier(ctx, requests[2], clerk, at=DEMO_NOW)
    assert after.code.sequence == 2
    assert _day_sequences(ctx) == [1, 2]
    if ctx.db.is_sqlite:
        with ctx.db.read() as session:
            assert session.execute(text("PRAGMA integrity_check")).scalar_one() == "ok"
            assert session.execute(text("PRAGMA foreign_key_check")).all() == []
    ctx.close()


def test_a_desk_killed_mid_receive_leaves_sqlite_consistent(tmp_path: Path) -> None:
    _kill_mid_receive(f"sqlite:///{tmp_path / 'office.sqlite'}", tmp_path)


def test_a_desk_killed_mid_receive_leaves_postgresql_consistent(
    postgres_url: str, tmp_path: Path
) -> None:
    _kill_mid_receive(postgres_url, tmp_path)
