"""``desk audit`` as an inspector runs it: real processes signed in with DESK_USER and
DESK_PASSWORD_FILE, a database edited behind the desk's back, the book's foot."""

from __future__ import annotations

import re
import shutil
import sqlite3
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.e2e.test_cli import desk

DOSSIERS = 12


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("audit") / "data"
    result = desk("demo", "--dossiers", str(DOSSIERS), "--seed", "4", data=data, user=None)
    assert result.returncode == 0, result.stderr
    return data


def a_copy(office: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "data"
    shutil.copytree(office, copy)
    return copy


def a_dossier_code(data: Path) -> str:
    with sqlite3.connect(data / "office.sqlite") as connection:
        return str(
            connection.execute("SELECT code FROM dossiers ORDER BY id LIMIT 1").fetchone()[0]
        )


def test_verify_a_whole_office(office: Path) -> None:
    result = desk("audit", "verify", data=office)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("Nhật ký nguyên vẹn: ")
    assert f" mục, {DOSSIERS} hồ sơ, 4 tài khoản khớp." in result.stdout


def test_head_prints_the_number_and_hash(office: Path) -> None:
    result = desk("audit", "head", data=office)
    assert result.returncode == 0, result.stderr
    assert re.fullmatch(r"\d+ [0-9a-f]{64}\n", result.stdout)


def test_list_the_entries_about_a_dossier(office: Path) -> None:
    code = a_dossier_code(office)
    result = desk("audit", "list", "--code", code, data=office)
    assert result.returncode == 0, result.stderr
    assert "Tiếp nhận hồ sơ" in result.stdout
    assert all(code in line for line in result.stdout.splitlines())


def test_a_clerk_may_not_audit(office: Path) -> None:
    result = desk("audit", "verify", data=office, user="canbo1")
    assert result.returncode == 2
    assert "kiểm tra nhật ký" in result.stderr


def test_no_account_no_audit(office: Path) -> None:
    result = desk("audit", "head", data=office, user=None)
    assert result.returncode == 2
    assert "DESK_USER" in result.stderr


def test_a_dossier_edited_behind_the_desks_back_is_named(office: Path, tmp_path: Path) -> None:
    data = a_copy(office, tmp_path)
    code = a_dossier_code(data)
    with sqlite3.connect(data / "office.sqlite") as connection:
        connection.execute(
            "UPDATE dossiers SET applicant_name = 'Lê Văn Khác' WHERE code = ?", [code]
        )
    result = desk("audit", "verify", data=data)
    assert result.returncode == 3, result.stdout + result.stderr
    assert "Nhật ký KHÔNG nguyên vẹn: 1 vấn đề" in result.stdout
    assert f"Hồ sơ {code}: thông tin hồ sơ khác với mục số" in result.stdout


def test_an_entry_erased_with_its_trigger_dropped_is_named(office: Path, tmp_path: Path) -> None:
    data = a_copy(office, tmp_path)
    with sqlite3.connect(data / "office.sqlite") as connection:
        connection.execute("DROP TRIGGER audit_log_no_delete")
        connection.execute("DELETE FROM audit_log WHERE seq = 7")
    result = desk("audit", "verify", data=data)
    assert result.returncode == 3
    assert "Chuỗi nhật ký bị đứt: mục số 7 bị thiếu" in result.stdout


def test_the_book_prints_the_head_at_its_foot(office: Path, tmp_path: Path) -> None:
    data = a_copy(office, tmp_path)
    out = tmp_path / "book.pdf"
    printed = desk("print", "book", "--date", "2026-01-01", "--out", str(out), data=data)
    assert printed.returncode == 0, printed.stderr
    text = "".join(page.extract_text() for page in PdfReader(out).pages)
    foot = re.search(r"Nhật ký: đến mục số (\d+) — mã kiểm tra ([0-9a-f]{64})", text)
    assert foot is not None, text
    # The head printed is the book's own entry (signing in to print came before it).
    with sqlite3.connect(data / "office.sqlite") as connection:
        action, hash_ = connection.execute(
            "SELECT action, hash FROM audit_log WHERE seq = ?", [int(foot[1])]
        ).fetchone()
    assert (action, hash_) == ("book.printed", foot[2])
    assert desk("audit", "verify", data=data).returncode == 0
