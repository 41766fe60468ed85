"""``desk check`` and garbled pages, as a supervisor meets them: real processes on a demo
office. A whole office passes (exit 0); a record edited behind the desk's back fails the
check it belongs to (exit 3); a file with pages overwritten by random bytes (a dying disk,
a power cut mid-write) stops ``desk check``, ``desk show`` and ``desk export`` alike with
the corrupt-database message naming the latest backup (exit 2), never a traceback or the
bug message, and the damaged file is left exactly as it was."""

from __future__ import annotations

import hashlib
import random
import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from tests.e2e.test_cli import desk

DOSSIERS = 30
PAGE = 4096
BUG_WORDS = ("Traceback", "sự cố không mong muốn", "lỗi của phần mềm")


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("check") / "data"
    result = desk("demo", "--dossiers", str(DOSSIERS), "--seed", "5", data=data, user=None)
    assert result.returncode == 0, result.stderr
    return data


def a_copy(office: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "data"
    shutil.copytree(office, copy)
    return copy


def a_backup(data: Path) -> Path:
    """A copy of the whole office kept in its backups folder (what a backup leaves)."""
    backups = data / "backups"
    backups.mkdir(exist_ok=True)
    copy = backups / "office-20261120-160000-before-0099.sqlite"
    shutil.copyfile(data / "office.sqlite", copy)
    return copy


def overwrite_pages(database: Path, *, seed: int, pages: int = 4) -> None:
    """Random bytes over ``pages`` pages in the middle of the file, no desk open."""
    count = database.stat().st_size // PAGE
    start = count // 2 - pages // 2
    noise = random.Random(seed)
    with database.open("r+b") as handle:
        for page in range(start, start + pages):
            handle.seek(page * PAGE)
            handle.write(noise.randbytes(PAGE))


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def first_code(data: Path) -> str:
    with closing(sqlite3.connect(data / "office.sqlite")) as connection, connection:
        return str(connection.execute("SELECT code FROM dossiers ORDER BY id").fetchone()[0])


def test_a_whole_office_passes(office: Path) -> None:
    result = desk("check", data=office)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 7
    assert all(line.startswith("[ĐẠT]") for line in lines[:6])
    assert "Nhật ký nguyên vẹn" in lines[5]
    assert lines[6].startswith("Cơ sở dữ liệu nguyên vẹn và nhất quán")


def test_a_problem_exits_3_naming_the_dossier(office: Path, tmp_path: Path) -> None:
    data = a_copy(office, tmp_path)
    code = first_code(data)
    with closing(sqlite3.connect(data / "office.sqlite")) as connection, connection:
        connection.execute("DELETE FROM outbox WHERE dossier_id = 1")
    result = desk("check", data=data)
    assert result.returncode == 3, result.stdout + result.stderr
    assert "[LỖI] Trạng thái đồng bộ của từng hồ sơ: 1 vấn đề" in result.stdout
    assert f"Hồ sơ {code}: phiên bản hiện tại" in result.stdout
    assert "desk restore TỆP" in result.stdout.splitlines()[-1]  # no backup yet
    backup = a_backup(data)
    result = desk("check", data=data)
    assert result.returncode == 3
    assert f"bản sao lưu mới nhất ({backup})" in result.stdout.splitlines()[-1]


def test_a_clerk_may_not_check(office: Path) -> None:
    result = desk("check", data=office, user="canbo1")
    assert result.returncode == 2
    assert "kiểm tra nhật ký" in result.stderr


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_garbled_pages_stop_every_command_with_the_backup_named(
    office: Path, tmp_path: Path, seed: int
) -> None:
    data = a_copy(office, tmp_path)
    code = first_code(data)
    backup = a_backup(data)
    database = data / "office.sqlite"
    overwrite_pages(database, seed=seed)
    damaged = digest(database)
    for args in (
        ("check",),
        ("show", code),
        ("export", "--out", str(tmp_path / "out.jsonl")),
        ("search", "nguyen"),
    ):
        result = desk(*args, data=data)
        assert result.returncode == 2, (args, result.stdout, result.stderr)
        assert f"Tệp cơ sở dữ liệu {database} bị hỏng" in result.stderr, args
        assert f"Bản sao lưu mới nhất: {backup}" in result.stderr, args
        assert not any(words in result.stderr for words in BUG_WORDS), result.stderr
        assert result.stdout == "", args
    # Nothing was migrated, backed up or written: the damaged file is as it was found.
    assert digest(database) == damaged
    assert sorted(p.name for p in (data / "backups").iterdir()) == [backup.name]
    assert not (tmp_path / "out.jsonl").exists()


def test_garbled_pages_without_a_backup_say_there_is_none(office: Path, tmp_path: Path) -> None:
    data = a_copy(office, tmp_path)
    shutil.rmtree(data / "backups", ignore_errors=True)
    code = first_code(data)  # read before the damage: the pages hit may hold it
    overwrite_pages(data / "office.sqlite", seed=4)
    result = desk("show", code, data=data)
    assert result.returncode == 2
    assert "Chưa có bản sao lưu" in result.stderr
    assert not any(words in result.stderr for words in BUG_WORDS)


def garble_cell(database: Path, marker: bytes, replacement: bytes) -> None:
    """Overwrite bytes inside one stored value (the page's structure still holds, so only
    reading that row can notice), as a bad sector inside a row would."""
    content = bytearray(database.read_bytes())
    at = content.find(marker)
    assert at > 0, marker
    content[at + 2 : at + 2 + len(replacement)] = replacement
    database.write_bytes(bytes(content))


@pytest.mark.parametrize(
    ("marker", "replacement"),
    [
        # Bytes that are not UTF-8 inside a dossier's form data (pysqlite cannot decode it).
        (b'{"relation_to_subject"', b"\xff\xfe\xfd"),
        # Valid UTF-8 that is no longer JSON (a control character inside a string).
        (b'{"relation_to_subject"', b"\x01\x02\x03"),
    ],
    ids=["not-utf8", "not-json"],
)
def test_a_garbled_value_is_a_damaged_file_not_a_bug(
    office: Path, tmp_path: Path, marker: bytes, replacement: bytes
) -> None:
    data = a_copy(office, tmp_path)
    backup = a_backup(data)
    database = data / "office.sqlite"
    garble_cell(database, marker, replacement)
    for args in (("export", "--out", str(tmp_path / "out.jsonl")), ("check",)):
        result = desk(*args, data=data)
        assert not any(words in result.stderr for words in BUG_WORDS), result.stderr
        if args[0] == "check" and result.returncode == 3:
            # The page still reads as text: the log's digest of the dossier catches it.
            assert "khác với mục số" in result.stdout
            continue
        assert result.returncode == 2, (args, result.stdout, result.stderr)
        assert f"Tệp cơ sở dữ liệu {database} bị hỏng" in result.stderr
        assert f"Bản sao lưu mới nhất: {backup}" in result.stderr
