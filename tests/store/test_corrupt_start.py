"""The quick check at every start (``desk.store.start_check.quick_start_check``): what it sees
on a small office (the whole file) and on a big one (simulated by lowering the size for a
whole-file check): the pages of today's work, the small tables, a cut file. A damaged file
stops the desk before anything is migrated or written, naming the latest backup; a break
in the log's last entries is said, and the desk still opens (its inspectors need it)."""

from __future__ import annotations

import hashlib
import logging
import random
import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from desk.config import DeskConfig
from desk.errors import CorruptDatabase
from desk.services import demo
from desk.services.check import run_check
from desk.services.context import DeskContext
from desk.store import start_check
from tests.conftest import DEMO_NOW

PAGE = 4096


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("start") / "data"
    ctx = DeskContext.open(DeskConfig(data_dir=data))
    try:
        demo.ensure_demo_office(ctx)
        demo.add_demo_dossiers(ctx, 30, seed=8, now=DEMO_NOW, bulk=False)
    finally:
        ctx.close()
    return data


@pytest.fixture
def data(template: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "office"
    shutil.copytree(template, copy)
    backups = copy / "backups"
    backups.mkdir(exist_ok=True)
    shutil.copyfile(copy / "office.sqlite", backups / "office-20261120-160000-daily.sqlite")
    return copy


@pytest.fixture
def big(monkeypatch: pytest.MonkeyPatch) -> None:
    """Behave as on a big office: no whole-file check at start, and today's work a small
    part of each big table."""
    monkeypatch.setattr(start_check, "FULL_CHECK_MAX_BYTES", 0)
    monkeypatch.setattr(start_check, "TAIL_ROWS", 3)


def page_of(database: Path, sql: str) -> int:
    with closing(sqlite3.connect(database)) as connection, connection:
        return int(connection.execute(sql).fetchone()[0])


def overwrite(database: Path, page: int, seed: int = 1) -> None:
    """Random bytes over one page (numbered from 1, as SQLite does)."""
    with database.open("r+b") as handle:
        handle.seek((page - 1) * PAGE)
        handle.write(random.Random(seed).randbytes(PAGE))


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def refused(data: Path) -> CorruptDatabase:
    with pytest.raises(CorruptDatabase) as raised:
        DeskContext.open(DeskConfig(data_dir=data), create=False)
    return raised.value


def test_a_whole_small_office_is_checked_whole_and_opens(data: Path) -> None:
    result = start_check.quick_start_check(data / "office.sqlite")
    assert result.full and not result.problems
    DeskContext.open(DeskConfig(data_dir=data), create=False).close()


def test_a_damaged_page_anywhere_in_a_small_office_stops_the_desk_untouched(data: Path) -> None:
    database = data / "office.sqlite"
    # An old page of the history, which no start of a big office would read.
    overwrite(database, page_of(database, "SELECT min(pageno) FROM dbstat WHERE name = 'people'"))
    damaged = digest(database)
    error = refused(data)
    assert f"Tệp cơ sở dữ liệu {database} bị hỏng" in error.message
    assert f"Bản sao lưu mới nhất: {data / 'backups'}" in error.message
    assert digest(database) == damaged
    assert len(list((data / "backups").iterdir())) == 1  # no backup made of the damage


def test_a_big_office_reads_the_pages_of_todays_work(data: Path, big: None) -> None:
    database = data / "office.sqlite"
    newest = page_of(
        database,
        "SELECT pageno FROM dbstat WHERE name = 'dossiers' AND pagetype = 'leaf' "
        "ORDER BY path DESC LIMIT 1",
    )
    overwrite(database, newest)
    result = start_check.quick_start_check(database)
    assert not result.full and result.problems
    assert "bị hỏng" in refused(data).message


def test_a_big_office_checks_its_small_tables_whole(data: Path, big: None) -> None:
    database = data / "office.sqlite"
    overwrite(
        database, page_of(database, "SELECT rootpage FROM sqlite_master WHERE name = 'users'")
    )
    assert "bị hỏng" in refused(data).message


def test_a_big_office_leaves_old_pages_to_desk_check(data: Path, big: None) -> None:
    """What the start of a big office does not read: an old page of a big table. It is
    found when read, by ``desk check`` or the daily backup's check."""
    database = data / "office.sqlite"
    oldest = page_of(
        database,
        "SELECT pageno FROM dbstat WHERE name = 'people' AND pagetype = 'leaf' "
        "ORDER BY path LIMIT 1",
    )
    overwrite(database, oldest)
    result = start_check.quick_start_check(database)
    assert not result.full and not result.problems
    ctx = DeskContext.open(DeskConfig(data_dir=data), create=False)
    try:
        ctx.act_as(demo.demo_account(ctx, "quantri"))
        steps: list[str] = []
        with pytest.raises(CorruptDatabase) as raised:
            run_check(ctx, progress=lambda step, done, total: steps.append(step))
    finally:
        ctx.close()
    assert steps == ["Tính toàn vẹn của tệp dữ liệu"]  # stopped at the first check
    assert f"Bản sao lưu mới nhất: {data / 'backups'}" in raised.value.message


def test_a_cut_file_is_refused(data: Path, big: None) -> None:
    database = data / "office.sqlite"
    size = database.stat().st_size
    with database.open("r+b") as handle:
        handle.truncate(size - 3 * PAGE)
    assert start_check.quick_start_check(database).problems
    assert "bị hỏng" in refused(data).message


def test_a_slow_whole_file_check_is_cut_short(data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(start_check, "FULL_CHECK_BUDGET_S", 0.0)
    result = start_check.quick_start_check(data / "office.sqlite")
    assert not result.full and not result.problems


def test_a_break_in_the_logs_last_entries_is_said_and_the_desk_opens(
    data: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with closing(sqlite3.connect(data / "office.sqlite")) as connection, connection:
        connection.execute("DROP TRIGGER audit_log_no_update")
        connection.execute(
            "UPDATE audit_log SET subject = 'khác' WHERE seq = (SELECT max(seq) - 3 FROM audit_log)"
        )
    with caplog.at_level(logging.WARNING, logger="desk.services.context"):
        DeskContext.open(DeskConfig(data_dir=data), create=False).close()
    assert "Các mục cuối của nhật ký không khớp" in caplog.text
    assert "desk check" in caplog.text
