"""Two desks, one office, at the same time: two desk processes on one database (PostgreSQL,
and a SQLite file in WAL mode) receive, hand back each other's dossiers and sync to the
province while the other does the same; and a desk window shows, within a second, a
dossier another process has just received.

The desk processes are this module run as a program (``python -m tests.e2e.test_two_desks
desk …``): the services a desk's window calls, the clerk's work on the main thread and
the sync runs in a thread of their own, as the window runs them.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from desk.config import DeskConfig
from desk.domain.access import Permission
from desk.domain.handover import Handover, Satisfaction
from desk.domain.status import Status
from desk.services import demo, dossiers, handover, intake
from desk.services.context import DeskContext
from desk.services.sync.run import run_sync
from desk.sync.connection import ConnectionSettings
from desk.sync.errors import SyncBusy
from desk.sync.secrets import Secret
from tests.conftest import DEMO_NOW
from tests.store.conftest import any_db_url, open_office, postgres_url  # noqa: F401
from tests.sync.conftest import (  # noqa: F401  (the simulator's fixtures)
    FAST,
    PASSWORD,
    USER,
    Sim,
    assert_province_holds_the_desk,
    outbox_size,
    sim,
    sim_factory,
)

ROOT = Path(__file__).resolve().parents[2]
PER_DESK = 12
SEEN_WITHIN_MS = 2000  # the watch polls every 0.5 s; slack for a loaded test machine

pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)"
)


# --- the desk process ---------------------------------------------------------------------


def _open(url: str, folder: Path, username: str) -> DeskContext:
    ctx = DeskContext.open(DeskConfig(data_dir=folder, database_url=url))
    ctx.act_as(demo.demo_account(ctx, username))
    return ctx


def _keep_syncing(ctx: DeskContext, province: str, stop: threading.Event) -> dict[str, int]:
    """Sync runs one after another until ``stop`` and one of them has run to the end (the
    window's sync worker, pressed often): how many ran to the end, found the other desk's
    run going, or failed otherwise."""
    settings = ConnectionSettings(
        base_url=province,
        agency_id=ctx.office.agency_id,
        username=USER,
        password=Secret(PASSWORD),
        connect_timeout_s=2.0,
        read_timeout_s=5.0,
    )
    outcome = {"ran": 0, "busy": 0, "other": 0}
    deadline = time.monotonic() + 240
    while not (stop.is_set() and outcome["ran"]) and time.monotonic() < deadline:
        try:
            report = run_sync(ctx, settings=settings, retry=FAST)
            outcome["ran" if report.exit_code == 0 else "other"] += 1
        except SyncBusy:
            outcome["busy"] += 1
        stop.wait(0.02)
    return outcome


def desk_process(args: argparse.Namespace) -> None:
    """Receive ``count`` dossiers, publish their codes, then hand back the other desk's
    as soon as they are published; sync runs all the while."""
    folder = Path(args.folder)
    clerk_ctx = _open(args.url, folder / "clerk", args.clerk)
    sync_ctx = _open(args.url, folder / "sync", "lanhdao")
    clerk = clerk_ctx.require(Permission.RECEIVE)
    requests = [g.request for g in demo.generate(clerk_ctx, args.count, seed=args.seed)]
    stop = threading.Event()
    syncing: dict[str, int] = {}
    syncer = threading.Thread(
        target=lambda: syncing.update(_keep_syncing(sync_ctx, args.province, stop))
    )
    while time.time() < args.start_at:
        time.sleep(0.001)
    syncer.start()
    mine = [
        str(intake.receive_dossier(clerk_ctx, request, clerk, at=DEMO_NOW).code)
        for request in requests
    ]
    # Published whole or not at all: the other desk polls for the file and reads it at once.
    partial = Path(args.publish).with_suffix(".partial")
    partial.write_text("\n".join(mine), encoding="utf-8")
    partial.replace(args.publish)
    theirs_file = Path(args.theirs)
    deadline = time.monotonic() + 120
    while not theirs_file.exists():
        assert time.monotonic() < deadline, "the other desk never published its codes"
        time.sleep(0.01)
    theirs = theirs_file.read_text(encoding="utf-8").split()
    for code in theirs:
        dossiers.change_status(clerk_ctx, code, Status.PROCESSING, clerk)
        dossiers.change_status(clerk_ctx, code, Status.RESULT_READY, clerk)
        handover.hand_back(clerk_ctx, code, Handover(Satisfaction.SATISFIED), clerk)
    stop.set()
    syncer.join(timeout=120)
    print(json.dumps({"received": mine, "handed_back": theirs, "sync": syncing}))
    clerk_ctx.close()
    sync_ctx.close()


def receive_on_demand(args: argparse.Namespace) -> None:
    """One dossier received for each line read on stdin; its code and the moment its
    transaction committed (epoch seconds) printed on a line."""
    ctx = _open(args.url, Path(args.folder), args.clerk)
    requests = iter([g.request for g in demo.generate(ctx, 50, seed=args.seed)])
    print("ready", flush=True)
    for _line in sys.stdin:
        clerk = ctx.require(Permission.RECEIVE)
        code = str(intake.receive_dossier(ctx, next(requests), clerk).code)
        print(code, f"{time.time():.6f}", flush=True)
    ctx.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=["desk", "receive"])
    parser.add_argument("url")
    parser.add_argument("--folder", required=True)
    parser.add_argument("--clerk", default="canbo1")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--count", type=int, default=PER_DESK)
    parser.add_argument("--province", default="")
    parser.add_argument("--publish", default="")
    parser.add_argument("--theirs", default="")
    parser.add_argument("--start-at", type=float, default=0.0)
    args = parser.parse_args()
    (desk_process if args.mode == "desk" else receive_on_demand)(args)


# --- the tests ----------------------------------------------------------------------------


def _desk(*args: str, cwd: Path, **popen: Any) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.e2e.test_two_desks", *args],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT), "DESK_DATA_DIR": str(cwd / "data")},
        text=True,
        **popen,
    )


def _clerks(ctx: DeskContext) -> list[str]:
    return [clerk.username for clerk in demo.demo_clerks(ctx)][:2]


def test_two_desks_receive_hand_back_and_sync_at_the_same_time(
    any_db_url: str,  # noqa: F811
    tmp_path: Path,
    sim: Sim,  # noqa: F811
) -> None:
    ctx = open_office(any_db_url, tmp_path / "office")
    first, second = _clerks(ctx)
    start_at = f"{time.time() + 2.0:.3f}"
    codes = {name: tmp_path / f"{name}.codes" for name in ("a", "b")}
    desks = [
        _desk(
            "desk",
            any_db_url,
            "--folder",
            str(tmp_path / name),
            "--clerk",
            clerk,
            "--seed",
            str(seed),
            "--province",
            sim.url,
            "--publish",
            str(codes[name]),
            "--theirs",
            str(codes[other]),
            "--start-at",
            start_at,
            cwd=tmp_path,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for name, other, clerk, seed in (("a", "b", first, 21), ("b", "a", second, 22))
    ]
    results = []
    for desk in desks:
        out, err = desk.communicate(timeout=600)
        assert desk.returncode == 0, err
        results.append(json.loads(out.strip().splitlines()[-1]))
    try:
        # Both received: one day's numbers from 1, none shared, none skipped.
        received = results[0]["received"] + results[1]["received"]
        assert len(set(received)) == 2 * PER_DESK
        with ctx.db.read() as session:
            sequences = [
                row[0]
                for row in session.execute(text("SELECT sequence FROM dossiers ORDER BY sequence"))
            ]
        assert sequences == list(range(1, 2 * PER_DESK + 1))
        # Each handed back the other's dossiers, all of them.
        assert results[0]["handed_back"] == results[1]["received"]
        assert results[1]["handed_back"] == results[0]["received"]
        names = {d.username: d.full_name for d in demo.demo_clerks(ctx)}
        for result, by in ((results[0], second), (results[1], first)):
            for code in result["received"]:
                dossier = dossiers.get_dossier(ctx, code)
                assert dossier.status is Status.RETURNED
                assert dossier.events[-1].actor_name == names[by]
        # Both kept syncing while the other wrote; the lock let each run in turn and is
        # free at the end: one more run sends what is left, and the province holds every
        # dossier's latest revision, each revision stored once.
        for result in results:
            assert result["sync"]["ran"] >= 1, result["sync"]
            assert result["sync"]["other"] == 0, result["sync"]
        supervisor = open_office(any_db_url, tmp_path / "supervisor")
        supervisor.act_as(demo.demo_account(supervisor, "lanhdao"))
        try:
            settings = ConnectionSettings(
                base_url=sim.url,
                agency_id=supervisor.office.agency_id,
                username=USER,
                password=Secret(PASSWORD),
            )
            assert run_sync(supervisor, settings=settings, retry=FAST).exit_code == 0
        finally:
            supervisor.close()
        assert outbox_size(ctx) == 0
        assert_province_holds_the_desk(ctx, sim)
    finally:
        ctx.close()


@pytest.fixture
def receiver(any_db_url: str, tmp_path: Path) -> Iterator[subprocess.Popen[str]]:  # noqa: F811
    """Another desk's process, receiving a dossier each time it is told to."""
    # The office and its clerks exist before that desk opens it: it reaches its sign-in
    # without the ORM now, before the test's own opening had made them.
    open_office(any_db_url, tmp_path / "set-up").close()
    process = _desk(
        "receive",
        any_db_url,
        "--folder",
        str(tmp_path / "other-desk"),
        "--clerk",
        "canbo2",
        "--seed",
        "31",
        cwd=tmp_path,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    yield process
    if process.stdin is not None:
        process.stdin.close()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    if process.stdout is not None:
        process.stdout.close()


def test_a_desk_window_shows_a_dossier_another_process_received_within_a_second(
    qtbot,
    any_db_url: str,  # noqa: F811
    tmp_path: Path,
    receiver: subprocess.Popen[str],
) -> None:
    from desk.ui.main_window import PAGE_LIST, MainWindow
    from desk.ui.office_watch import watch_office
    from desk.ui.ops import wait_for_operations

    ctx = open_office(any_db_url, tmp_path / "here")
    assert receiver.stdout is not None and receiver.stdin is not None
    assert receiver.stdout.readline().strip() == "ready"
    window = MainWindow(ctx, demo.demo_clerks(ctx)[0], idle_ms=0)
    qtbot.addWidget(window)
    watch_office(window)
    try:
        window.show()
        model = window.dossier_list.model
        with qtbot.waitSignal(model.page_loaded, timeout=10_000):
            window.show_page(PAGE_LIST)
        latencies = []
        for number in range(1, 4):
            receiver.stdin.write("go\n")
            receiver.stdin.flush()
            qtbot.waitUntil(lambda n=number: model.rowCount() == n, timeout=SEEN_WITHIN_MS)
            seen = time.time()
            code, committed = receiver.stdout.readline().split()
            assert model.code_at(0) == code
            latencies.append(seen - float(committed))
        # What the clerk waits, from the other desk's commit to the row on screen.
        print(f"seen after {[round(s * 1000) for s in latencies]} ms", file=sys.stderr)
        assert statistics.median(latencies) < 1.0
    finally:
        window.close()  # the watch stops, and the screens' reads end, before the office
        wait_for_operations()
        ctx.close()


if __name__ == "__main__":
    main()
