"""Personal data kept close: the data folder is the desk's OS user's alone, crash logs hold
no SQL parameters and never overwrite each other, the database password stays out of
desk.toml, the pre-migration backup is whole or absent."""

from __future__ import annotations

import os
import re
import sqlite3
import stat
import sys
import tomllib
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from desk import cli, crash
from desk.config import DeskConfig, load_config, save_config
from desk.services.context import DeskContext
from desk.store import dossiers as store_dossiers
from desk.store import migrate
from desk.store.db import Database

posix_only = pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
CRASH_NAME = re.compile(r"crash-\d{8}-\d{6}-\d+-[0-9a-f]{8}\.log")


@pytest.fixture(autouse=True)
def _usual_umask() -> Iterator[None]:
    """Start from the usual 022 (files 0644), and give the test process its umask back:
    ``desk.cli.main`` sets the desk's own."""
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def modes_under(directory: Path) -> dict[str, int]:
    found = {".": mode(directory)}
    for root, dirs, files in os.walk(directory):
        for name in dirs + files:
            path = Path(root, name)
            found[str(path.relative_to(directory))] = mode(path)
    return found


def assert_private(directory: Path) -> None:
    modes = modes_under(directory)
    opened = {
        name: oct(value)
        for name, value in modes.items()
        if value & 0o077  # anything for the group or others
    }
    assert not opened, opened


# --- crash logs --------------------------------------------------------------------------


def crash_during_intake(
    monkeypatch: pytest.MonkeyPatch, how: str
) -> tuple[list[tuple[str, str]], int]:
    """Run ``desk demo --dossiers 1`` with recording the applicant failing mid-intake;
    returns (the citizens' (name, ID number) it was given, the exit code)."""
    seen: list[tuple[str, str]] = []
    original = store_dossiers.save_person

    def failing_save_person(session: Any, person: Any, at: Any) -> int:
        seen.append((person.full_name, person.id_number))
        if how == "real insert":
            # A real INSERT that the database refuses (NOT NULL), with the citizen's data,
            # on the dossier's own driver statements (what intake gives save_person).
            mark = session.marker
            session.run(
                f"INSERT INTO people (full_name, id_number) VALUES ({mark}, {mark})",
                (person.full_name, person.id_number),
            )
        else:
            # An error that carries the row itself, as a driver or another engine may.
            raise IntegrityError(
                "INSERT INTO people (full_name, id_number) VALUES (?, ?)",
                {"full_name": person.full_name, "id_number": person.id_number},
                sqlite3.IntegrityError("UNIQUE constraint failed: people.id_number"),
            )
        return original(session, person, at)

    monkeypatch.setattr(store_dossiers, "save_person", failing_save_person)
    code = cli.main(["demo", "--dossiers", "1"])
    return seen, code


@pytest.mark.parametrize("how", ["real insert", "error carrying the row"])
def test_a_crash_mid_intake_logs_no_name_and_no_id_number(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], how: str
) -> None:
    seen, code = crash_during_intake(monkeypatch, how)

    assert code == 1 and seen
    logs = list((Path(os.environ["DESK_DATA_DIR"]) / "logs").glob("crash-*.log"))
    assert len(logs) == 1 and CRASH_NAME.fullmatch(logs[0].name)
    assert str(logs[0]) in capsys.readouterr().err
    content = logs[0].read_text(encoding="utf-8")
    assert "IntegrityError" in content and "save_person" in content  # still useful
    for name, id_number in seen:
        assert name not in content
        assert id_number not in content
    if os.name == "posix":
        assert mode(logs[0]) == 0o600 and mode(logs[0].parent) == 0o700


def test_two_crashes_in_the_same_second_are_two_logs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    class SameSecond(datetime):
        @classmethod
        def now(cls, tz: Any = None) -> SameSecond:
            return cls(2026, 11, 30, 21, 0, 0)

    monkeypatch.setattr(crash, "datetime", SameSecond)
    paths = []
    for message in ("lần một", "lần hai"):
        try:
            raise RuntimeError(message)
        except RuntimeError:
            paths.append(crash.write_crash_log(directory=tmp_path / "logs"))

    assert paths[0] != paths[1]
    assert [p.name[:22] for p in paths] == ["crash-20261130-210000-"] * 2
    assert "lần một" in paths[0].read_text(encoding="utf-8")
    assert "lần hai" in paths[1].read_text(encoding="utf-8")


def test_an_uncaught_error_in_the_window_leaves_a_crash_log(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored afterwards
    crash.install_excepthook()
    try:
        raise ValueError("lỗi trong một nút bấm")
    except ValueError as error:
        sys.excepthook(type(error), error, error.__traceback__)

    logs = list((Path(os.environ["DESK_DATA_DIR"]) / "logs").glob("crash-*.log"))
    assert len(logs) == 1
    assert "lỗi trong một nút bấm" in logs[0].read_text(encoding="utf-8")
    assert str(logs[0]) in capsys.readouterr().err


def test_the_engine_hides_sql_parameters_in_its_errors(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'office.sqlite'}")
    migrate.upgrade(db)
    with pytest.raises(IntegrityError) as refused, db.write() as session:
        session.execute(
            text("INSERT INTO people (full_name, id_number) VALUES (:name, :id)"),
            {"name": "Trần Thị Bí Mật", "id": "079123456789"},
        )
    db.dispose()
    assert "Trần Thị Bí Mật" not in str(refused.value)
    assert "079123456789" not in str(refused.value)


# --- folder and file modes -----------------------------------------------------------------


@posix_only
def test_desk_demo_leaves_a_private_data_folder(tmp_path: Path) -> None:
    assert cli.main(["demo", "--dossiers", "2"]) == 0
    data = Path(os.environ["DESK_DATA_DIR"])
    assert (data / "office.sqlite").exists()
    assert_private(data)


@posix_only
def test_opening_an_old_open_office_closes_it(tmp_path: Path) -> None:
    data = tmp_path / "office"
    DeskContext.open(DeskConfig(data_dir=data)).close()
    # What an office made before this version looks like: 0755 folders, 0644 files.
    for folder in ("backups", "logs", "drafts", "files/ab", "secrets"):
        (data / folder).mkdir(parents=True, exist_ok=True)
    for name in ("backups/office-old.sqlite", "logs/crash-old.log", "drafts/canbo1.json"):
        (data / name).write_text("dữ liệu công dân", encoding="utf-8")
    (data / "files/ab/abcdef").write_bytes(b"scan")
    (data / "secrets/pgpass").write_text("*:*:*:desk:mk\n", encoding="utf-8")
    (data / "desk.toml").write_text('desk_name = "Quầy 1"\n', encoding="utf-8")
    for root, _dirs, files in os.walk(data):
        os.chmod(root, 0o755)
        for name in files:
            os.chmod(Path(root, name), 0o644)
    with sqlite3.connect(data / "office.sqlite") as connection:  # leaves -wal / -shm about
        connection.execute("PRAGMA journal_mode=WAL")
    assert mode(data) == 0o755

    DeskContext.open(DeskConfig(data_dir=data)).close()

    assert_private(data)
    assert mode(data / "files/ab") == 0o700
    assert mode(data / "backups/office-old.sqlite") == 0o600


@posix_only
def test_the_pre_migration_backup_is_private_and_whole(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'office.sqlite'}")
    migrate.upgrade(db)
    backup = migrate.backup_sqlite(db, tmp_path / "backups", "before-test")
    db.dispose()

    assert backup is not None and mode(backup) == 0o600 and mode(backup.parent) == 0o700
    assert [p.name for p in backup.parent.iterdir()] == [backup.name]  # no partial left
    with sqlite3.connect(backup) as connection:
        version = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    assert version == (migrate.SCHEMA_HEAD,)


def test_a_backup_that_fails_midway_leaves_no_file_that_looks_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = Database(f"sqlite:///{tmp_path / 'office.sqlite'}")
    migrate.upgrade(db)
    db.dispose()
    real_connect = sqlite3.connect

    class FailingSource:
        def __init__(self, path: Any) -> None:
            self._connection = real_connect(path)

        def backup(self, target: Any) -> None:
            target.execute("CREATE TABLE half (x)")  # something written, then the disk fills
            target.commit()
            raise sqlite3.OperationalError("database or disk is full")

        def close(self) -> None:
            self._connection.close()

    opened: list[Any] = []

    def connect(path: Any, *args: Any, **kwargs: Any) -> Any:
        opened.append(path)
        return FailingSource(path) if len(opened) == 1 else real_connect(path)

    monkeypatch.setattr(migrate.sqlite3, "connect", connect)
    with pytest.raises(sqlite3.OperationalError):
        migrate.backup_sqlite(db, tmp_path / "backups", "before-test")
    monkeypatch.undo()

    assert list((tmp_path / "backups").iterdir()) == []


# --- the database password ------------------------------------------------------------------


def test_a_saved_postgresql_password_goes_to_a_private_passfile(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("DESK_DATABASE_OWNER_URL", raising=False)
    config = load_config()
    config.database_url = "postgresql://desk_app:Rat-Bi-Mat:9@db.xa.local:5433/office"
    config.database_owner_url = "postgresql://desk_owner:Chu%40So%3AHuu@db.xa.local/office"
    path = save_config(config)

    written = path.read_text(encoding="utf-8")
    assert "Rat-Bi-Mat" not in written and "Chu" not in written
    saved = tomllib.loads(written)
    assert saved["database_url"] == "postgresql://desk_app@db.xa.local:5433/office"
    assert saved["database_owner_url"] == "postgresql://desk_owner@db.xa.local/office"
    passfile = config.database_passfile
    lines = passfile.read_text(encoding="utf-8").splitlines()
    assert lines == [
        "db.xa.local:5433:office:desk_app:Rat-Bi-Mat\\:9",
        "db.xa.local:*:office:desk_owner:Chu@So\\:Huu",
    ]
    if os.name == "posix":
        assert mode(passfile) == 0o600 and mode(passfile.parent) == 0o700

    # A new password for the same role replaces the old line.
    config.database_url = "postgresql://desk_app:Moi@db.xa.local:5433/office"
    save_config(config)
    lines = passfile.read_text(encoding="utf-8").splitlines()
    assert "db.xa.local:5433:office:desk_app:Moi" in lines
    assert not any("Rat-Bi-Mat" in line for line in lines)
    assert load_config().database_url == "postgresql://desk_app@db.xa.local:5433/office"


def test_a_sqlite_url_is_saved_as_it_is(tmp_path: Path) -> None:
    config = load_config()
    config.database_url = f"sqlite:///{tmp_path / 'office.sqlite'}"
    path = save_config(config)
    assert tomllib.loads(path.read_text(encoding="utf-8"))["database_url"] == config.database_url
    assert not config.database_passfile.exists()
