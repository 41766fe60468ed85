"""Two sync runs of one office never overlap (issue 12, guarantee 5): from two desks on one
database (SQLite and PostgreSQL), and from two processes. The second says who is syncing,
on which machine, since when; a lock whose holder is gone is taken over, and logged."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import bindparam, text

from desk.config import DeskConfig
from desk.domain.calendar import now_in_office
from desk.services import demo
from desk.services.context import DeskContext
from desk.services.sync import run_sync
from desk.services.sync.lock import STALE_AFTER, SyncLock, current_holder, this_host
from desk.store import audit as store_audit
from desk.store import sync_records
from desk.store.models import Instant
from desk.sync.errors import SyncBusy
from tests.store.conftest import open_office
from tests.sync.conftest import FAST, ROOT, Sim, add_dossiers, settings_for
from tests.sync.test_cli import desk_env


def _two_desks(url: str, tmp_path: Path) -> tuple[DeskContext, DeskContext]:
    """Two desks of one office: two contexts (engines, sessions) on the same database."""
    first = open_office(url, tmp_path / "desk-1")
    second = DeskContext.open(DeskConfig(data_dir=tmp_path / "desk-2", database_url=url))
    second.act_as(demo.demo_account(second, "lanhdao"))
    return first, second


def _taken_over(ctx: DeskContext) -> list[dict]:
    with ctx.db.read() as session:
        return [
            e.detail
            for e in store_audit.iter_entries(session)
            if e.action == "sync.lock_taken_over"
        ]


def test_a_second_desk_does_not_start_while_the_first_syncs(
    any_db_url: str, tmp_path: Path, sim: Sim
) -> None:
    first, second = _two_desks(any_db_url, tmp_path)
    try:
        with SyncLock(first):
            holder = current_holder(second)
            assert holder is not None and holder.host == this_host()
            with pytest.raises(SyncBusy) as busy:
                run_sync(second, settings=settings_for(second, sim), retry=FAST)
            message = busy.value.message
            assert message.startswith("Đang có một lượt đồng bộ do ")
            assert first.user is not None and first.user.full_name in message
            assert f"trên máy {this_host()} từ " in message
            assert "POST /auth/token 200" not in sim.stats()  # it did not even start
        assert current_holder(second) is None  # released
        report = run_sync(second, settings=settings_for(second, sim), retry=FAST)
        assert report.exit_code == 0, report.lines()
        assert current_holder(second) is None
    finally:
        first.close()
        second.close()


def test_two_desks_racing_for_the_lock_one_wins(any_db_url: str, tmp_path: Path) -> None:
    desks = _two_desks(any_db_url, tmp_path)
    start = threading.Barrier(2)
    won: list[SyncLock] = []
    refused: list[str] = []

    def take(ctx: DeskContext) -> None:
        lock = SyncLock(ctx)
        start.wait()
        try:
            lock.acquire()
            won.append(lock)
        except SyncBusy as exc:
            refused.append(exc.message)

    threads = [threading.Thread(target=take, args=(ctx,)) for ctx in desks]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    try:
        assert len(won) == 1 and len(refused) == 1, (won, refused)
    finally:
        for lock in won:
            lock.release()
        for ctx in desks:
            ctx.close()


def test_a_lock_whose_holder_is_gone_is_taken_over_and_logged(
    any_db_url: str, tmp_path: Path, sim: Sim
) -> None:
    first, second = _two_desks(any_db_url, tmp_path)
    try:
        # A desk on another machine lost power mid-run: its heartbeat stopped long ago.
        lock = SyncLock(first)
        lock.acquire()
        lock._stop.set()  # its heartbeat stops, as a dead desk's does
        old = now_in_office() - STALE_AFTER - timedelta(minutes=1)
        with first.db.write() as session:
            session.execute(
                text(
                    "UPDATE sync_lock SET host = 'may-khac', heartbeat_at = :at, since = :at"
                ).bindparams(bindparam("at", type_=Instant())),
                {"at": old},
            )
        report = run_sync(second, settings=settings_for(second, sim), retry=FAST)
        assert report.exit_code == 0, report.lines()
        [logged] = _taken_over(second)
        assert logged["host"] == "may-khac" and "không còn báo hoạt động" in logged["why"]
        assert any("trên máy may-khac" in line and "tiếp quản" in line for line in report.lines())

        # A killed process on this machine: its pid no longer exists.
        dead = subprocess.Popen([sys.executable, "-c", "pass"])
        dead.wait()
        lock = SyncLock(first)
        lock.acquire()
        lock._stop.set()
        with first.db.write() as session:
            session.execute(text("UPDATE sync_lock SET pid = :pid"), {"pid": dead.pid})
        report = run_sync(second, settings=settings_for(second, sim), retry=FAST)
        assert report.exit_code == 0, report.lines()
        assert "không còn chạy" in _taken_over(second)[-1]["why"]
    finally:
        first.close()
        second.close()


def test_two_desk_sync_processes_on_one_database_one_runs(
    any_db_url: str, tmp_path: Path, sim: Sim
) -> None:
    """Two ``desk sync`` processes on one office database (a SQLite file, a PostgreSQL
    database): the second exits 5 naming the first, the first finishes its run."""
    ctx = open_office(any_db_url, tmp_path / "office")
    try:
        add_dossiers(ctx, 3)
    finally:
        ctx.close()
    base = [sys.executable, "-m", "desk", "--db", any_db_url]

    def desk_sync(*args: str) -> subprocess.Popen[str]:
        return subprocess.Popen(
            [*base, "sync", *args],
            cwd=ROOT,
            env=desk_env(),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

    password = tmp_path / "province-password.txt"
    password.write_text("motcua-demo\n", encoding="utf-8")
    configured = desk_sync(
        "configure", "--server", sim.url, "--username", "motcua", "--password-file", str(password)
    )
    assert configured.wait(timeout=120) == 0, configured.communicate()
    configured.communicate()
    sim.faults(schedule=["slow:20"])
    first = desk_sync()
    try:
        deadline = time.monotonic() + 90
        while sim.stats().get("batch stored", 0) < 1:
            assert first.poll() is None and time.monotonic() < deadline
            time.sleep(0.05)
        watcher = DeskContext.open(DeskConfig(data_dir=tmp_path / "watch", database_url=any_db_url))
        try:
            with watcher.db.read() as session:
                holder = sync_records.lock_holder(session)
        finally:
            watcher.close()
        assert holder is not None and holder.pid == first.pid and holder.login == "lanhdao"
        second = desk_sync()
        out, err = second.communicate(timeout=120)
        assert second.returncode == 5, out + err
        # (on PostgreSQL as the tables' owner, a warning about that role comes first)
        assert f"Đang có một lượt đồng bộ do Lê Minh Quân chạy trên máy {this_host()} từ " in err
        out, err = first.communicate(timeout=120)
        assert first.returncode == 0, out + err
        assert "Tỉnh đã nhận: 3" in out
    finally:
        if first.poll() is None:
            first.kill()
            first.communicate()
