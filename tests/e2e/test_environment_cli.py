"""Faults of the machine around the desk, through the real ``desk`` command: each exits 2
with its own Vietnamese message, never the "bug" message and never a traceback, and the
database it refuses is left as it was."""

from __future__ import annotations

import os
import sqlite3
import subprocess
from pathlib import Path

import pytest

from tests.e2e.test_cli import desk


def demo_office(tmp_path: Path) -> tuple[Path, Path]:
    """(data folder, its SQLite file) of a demo office made by ``desk demo``."""
    data = tmp_path / "data"
    made = desk("demo", data=data, user=None)
    assert made.returncode == 0, made.stderr
    return data, data / "office.sqlite"


def refused(result: subprocess.CompletedProcess[str], *words: str) -> None:
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert "sự cố không mong muốn" not in result.stderr  # not the bug message
    for word in words:
        assert word in result.stderr, result.stderr


def test_a_mistyped_db_path_is_refused_and_creates_nothing(tmp_path: Path) -> None:
    data = tmp_path / "data"
    typo = tmp_path / "offcie" / "office.sqlite"
    out = tmp_path / "handover.jsonl"
    result = desk("export", "--out", str(out), "--db", f"sqlite:///{typo}", data=data)
    refused(result, str(typo), "chạy desk setup")
    assert not typo.parent.exists() and not data.exists() and not out.exists()
    # The default file of an empty data folder too: no office there yet.
    result = desk("search", "nguyen", data=data)
    refused(result, "desk setup")
    assert not data.exists()


def test_a_plain_file_path_opens_the_office(tmp_path: Path) -> None:
    _data, path = demo_office(tmp_path)
    elsewhere = tmp_path / "elsewhere"
    result = desk("calendar", "2026", "--db", str(path), data=elsewhere, user=None)
    assert result.returncode == 0, result.stderr
    assert "Tết Nguyên Đán" in result.stdout


def test_a_foreign_file_is_refused_untouched(tmp_path: Path) -> None:
    foreign = tmp_path / "shop.sqlite"
    connection = sqlite3.connect(foreign)
    connection.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total INTEGER)")
    connection.commit()
    connection.close()
    before = foreign.read_bytes(), foreign.stat().st_mtime_ns
    for command in (("calendar", "2026"), ("demo",)):
        result = desk(*command, "--db", str(foreign), data=tmp_path / "data", user=None)
        refused(result, "không phải cơ sở dữ liệu của Commune Desk")
    assert (foreign.read_bytes(), foreign.stat().st_mtime_ns) == before


def test_a_corrupt_file_is_refused_and_the_latest_backup_named(tmp_path: Path) -> None:
    data, path = demo_office(tmp_path)
    backup = data / "backups" / "office-20261120-080000-before-0005.sqlite"
    backup.parent.mkdir(exist_ok=True)
    backup.write_bytes(path.read_bytes())
    with path.open("r+b") as handle:
        handle.write(os.urandom(4096))  # the header page gone
    before = path.read_bytes()
    result = desk("search", "nguyen", data=data)
    refused(result, "bị hỏng", str(backup))
    assert path.read_bytes() == before
    assert sorted(backup.parent.iterdir()) == [backup]


def test_random_bytes_say_there_is_no_backup_yet(tmp_path: Path) -> None:
    junk = tmp_path / "office.sqlite"
    junk.write_bytes(os.urandom(10_000))
    result = desk("calendar", "2026", "--db", str(junk), data=tmp_path / "data", user=None)
    refused(result, "bị hỏng", "Chưa có bản sao lưu")


def test_a_newer_schema_is_refused_untouched(tmp_path: Path) -> None:
    data, path = demo_office(tmp_path)
    connection = sqlite3.connect(path)
    connection.execute("UPDATE alembic_version SET version_num = '9999'")
    connection.commit()
    connection.close()
    before = path.read_bytes()
    result = desk("search", "nguyen", data=data)
    refused(result, "phiên bản mới hơn của phần mềm", "9999")
    assert path.read_bytes() == before


def test_an_unreachable_postgresql_server(tmp_path: Path) -> None:
    url = "postgresql://desk:desk@127.0.0.1:1/desk"
    result = desk("calendar", "2026", "--db", url, data=tmp_path / "data", user=None)
    refused(result, "Không kết nối được máy chủ cơ sở dữ liệu 127.0.0.1:1")


def test_a_wrong_postgresql_password(tmp_path: Path) -> None:
    from sqlalchemy.engine import make_url

    from tests.store.conftest import postgres_admin_url

    url = make_url(postgres_admin_url()).set(password="sai-mat-khau")
    result = desk(
        "calendar",
        "2026",
        "--db",
        url.render_as_string(hide_password=False),
        data=tmp_path / "data",
        user=None,
    )
    refused(result, "sai mật khẩu", f"«{url.username}»")


@pytest.mark.parametrize("flag", ["--confirm", "--yes"])
def test_setup_on_an_office_with_dossiers_asks_for_confirm(tmp_path: Path, flag: str) -> None:
    data = tmp_path / "data"
    assert desk("demo", "--dossiers", "3", data=data, user=None).returncode == 0
    setup = (
        "setup",
        "--agency-id",
        "000.17.22.H99",
        "--agency-name",
        "UBND XÃ YÊN LẠC",
        "--commune",
        "Xã Yên Lạc",
        "--province",
        "Tỉnh Phú Thọ",
        "--place-name",
        "Yên Lạc",
    )
    unconfirmed = desk(*setup, data=data)
    refused(unconfirmed, "--confirm", "giữ nguyên mã cũ", "000.17.22.H56", "000.17.22.H99")
    confirmed = desk(*setup, flag, data=data)
    assert confirmed.returncode == 0, confirmed.stderr
    assert "000.17.22.H99" in confirmed.stdout
