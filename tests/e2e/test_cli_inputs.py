"""The command line's own inputs, and the files it writes (issue 11, findings 1, 2, 6).

Each hostile input once ended in the generic "bug" message (exit 1) or was accepted; each
now gets a clear Vietnamese message and exit 2. What the terminal prints of stored text is
escaped. ``--out`` writes only a regular file: never a device, a FIFO, a folder or through
a symlink, and a folder that does not exist is said so; a name without the right extension
is warned about. These run the real ``desk`` command (tests/e2e/test_cli.py's runner)."""

from __future__ import annotations

import json
import os
import socket
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.e2e.identity import environment
from tests.e2e.test_cli import ROOT, desk

BUG_MESSAGE = "sự cố không mong muốn"
THIRTY_NINES = "9" * 30
HOSTILE_NAME = "Nguyễn\x1b[2J\x07 Văn\u202e An"


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("office")
    result = desk("demo", "--dossiers", "3", "--seed", "7", data=data, user=None)
    assert result.returncode == 0, result.stderr
    return data


@pytest.fixture(scope="module")
def code(office: Path) -> str:
    """A dossier of the demo office whose applicant's stored name holds an ANSI escape, a
    BEL and a right-to-left override: written with SQL, as the services now clean names
    (an older desk, or the province, may have stored such a name)."""
    with sqlite3.connect(office / "office.sqlite") as db:
        (found,) = db.execute("SELECT code FROM dossiers ORDER BY code LIMIT 1").fetchone()
        db.execute("UPDATE dossiers SET applicant_name = ? WHERE code = ?", (HOSTILE_NAME, found))
    return str(found)


def refused(result: subprocess.CompletedProcess[str], *fragments: str) -> None:
    """Exit 2, "Lỗi: …" with each fragment, and nothing that looks like a bug."""
    assert result.returncode == 2, (result.returncode, result.stdout, result.stderr)
    assert "Lỗi" in result.stderr
    assert BUG_MESSAGE not in result.stderr
    assert "Traceback" not in result.stderr
    for fragment in fragments:
        assert fragment in result.stderr


# --- numbers and days on the command line -----------------------------------------------

NUMBER_CASES = [
    (("search", "nguyen", "--limit", THIRTY_NINES), "Số dòng tối đa"),
    (("search", "nguyen", "--limit", "0"), "Số dòng tối đa phải từ 1"),
    (("search", "nguyen", "--limit", "١٢"), "chữ số 0–9"),
    (("search", "nguyen", "--limit", "-5"), "Số dòng tối đa phải từ 1"),
    (("sync", "resolve", THIRTY_NINES), "Số thứ tự"),
    (("sync", "resolve", "0"), "Số thứ tự phải từ 1"),
    (("sync", "--dry-run", "--limit", THIRTY_NINES), "Số dòng tối đa"),
    (("sync", "--dry-run", "--json", "--limit", "9" * 19), "Số dòng tối đa"),
    (("audit", "list", "--limit", THIRTY_NINES), "Số dòng tối đa"),
    (("audit", "list", "--limit", "0"), "Số dòng tối đa phải từ 1"),
    (("advance", "X", THIRTY_NINES), "không có trong bảng mã trạng thái"),
    (("advance", "X", "²"), "Trạng thái «²» không có trong bảng mã trạng thái hồ sơ (1–10)"),
    (("calendar", THIRTY_NINES), "Năm"),
    (("calendar", "٢٠٢٦"), "không phải năm"),
    (("calendar", "²"), "không phải năm"),
    (("calendar", "0"), "Năm phải từ 1.900"),
    (
        ("calendar", "due", "--procedure", "1.004873", "--received", "9999-12-31 16:00"),
        "nằm ngoài khoảng",
    ),
    (
        ("calendar", "due", "--procedure", "1.004873", "--received", "0001-01-01 08:00"),
        "nằm ngoài khoảng",
    ),
    (
        (
            "calendar",
            "due",
            "--procedure",
            "1.004873",
            "--received",
            "2026-11-16 09:00",
            "--paused",
            "2026-11-16 10:00",
            "9999-12-31 23:59",
        ),
        "nằm ngoài khoảng",
    ),
    (("calendar", "off", "0001-01-01"), "nằm ngoài khoảng"),
    (("calendar", "off", "2026-02-30"), "không có ngày 30"),
    (("figures", "--from", "0001-01-01", "--to", "9999-12-31"), "nằm ngoài khoảng"),
    (("print", "book", "--date", "9999-12-31", "--out", "book.pdf"), "nằm ngoài khoảng"),
    (("export", "--out", "x.jsonl", "--since", "0001-01-01"), "nằm ngoài khoảng"),
    (("reschedule", "X", "--due", "9999-12-31 16:00", "--reason", "r"), "nằm ngoài khoảng"),
    (("province-sim", "--port", "99999"), "Cổng phải từ 0 đến 65.535"),
    (("province-sim", "--port", "-1"), "Cổng phải từ 0"),
    (("province-sim", "--port", THIRTY_NINES), "Cổng"),
    (("province-sim", "--port", "0", "--fail-rate", "nan"), "--fail-rate"),
    (("province-sim", "--port", "0", "--drop-rate", "2"), "--drop-rate"),
    (("province-sim", "--port", "0", "--latency-ms", "inf"), "--latency-ms"),
    (("province-sim", "--port", "0", "--token-ttl", "1e999"), "--token-ttl"),
    (("province-sim", "--port", "0", "--max-batch", "0"), "Số hồ sơ tối đa một lô"),
    (("province-sim", "--port", "0", "--seed", "9" * 40), "Hạt giống ngẫu nhiên"),
]


@pytest.mark.parametrize(
    ("args", "message"), NUMBER_CASES, ids=[" ".join(args)[:70] for args, _ in NUMBER_CASES]
)
def test_numbers_and_days_out_of_range_exit_2(
    office: Path, tmp_path: Path, args: tuple[str, ...], message: str
) -> None:
    args = tuple(str(tmp_path / a) if a.endswith((".pdf", ".jsonl")) else a for a in args)
    refused(desk(*args, data=office), message)
    assert not list(tmp_path.iterdir())  # nothing was written


def test_the_last_day_of_the_calendar_still_counts(office: Path) -> None:
    result = desk(
        "calendar", "due", "--procedure", "1.004873", "--received", "2199-12-01 09:00",
        data=office, user=None,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("2199-12-")


# --- password files -----------------------------------------------------------------------


def _private(path: Path) -> Path:
    path.chmod(0o600)
    return path


def _binary(tmp_path: Path) -> Path:
    path = tmp_path / "binary.password"
    path.write_bytes(b"\xff\xfe\x00\x81\x9f binary \xc3")
    return _private(path)


def _huge(tmp_path: Path) -> Path:
    path = tmp_path / "huge.password"
    with path.open("wb") as handle:
        handle.truncate(10 * 1024 * 1024)  # 10 MB of NUL bytes, sparse
    return _private(path)


def _folder(tmp_path: Path) -> Path:
    path = tmp_path / "folder.password"
    path.mkdir(mode=0o700)
    return path


def _fifo(tmp_path: Path) -> Path:
    path = tmp_path / "fifo.password"
    os.mkfifo(path, 0o600)
    return path


def _long_line(tmp_path: Path) -> Path:
    path = tmp_path / "long.password"
    path.write_text("x" * 5000 + "\n", encoding="utf-8")
    return _private(path)


PASSWORD_FILES = {
    "binary": (_binary, "không phải tệp văn bản"),
    "10 MB": (_huge, "quá dài"),
    "folder": (_folder, "không phải một tệp thông thường"),
    "fifo": (_fifo, "không phải một tệp thông thường"),
    "long line": (_long_line, "quá dài"),
}


@pytest.mark.parametrize("kind", PASSWORD_FILES)
def test_a_new_password_file_that_is_not_a_line_of_text_exits_2(
    office: Path, tmp_path: Path, kind: str
) -> None:
    make, message = PASSWORD_FILES[kind]
    path = make(tmp_path)
    result = desk(
        "user", "add", "moi01", "--name", "Lê Văn Mới", "--password-file", str(path), data=office
    )
    refused(result, message)
    listed = desk("user", "list", data=office)
    assert "moi01" not in listed.stdout


@pytest.mark.parametrize("kind", PASSWORD_FILES)
def test_a_sign_in_password_file_that_is_not_a_line_of_text_exits_2(
    office: Path, tmp_path: Path, kind: str
) -> None:
    make, message = PASSWORD_FILES[kind]
    env = environment(office.parent / "accounts", None)
    env.update(DESK_DATA_DIR=str(office), DESK_USER="quantri")
    env["DESK_PASSWORD_FILE"] = str(make(tmp_path))
    result = subprocess.run(
        [sys.executable, "-m", "desk", "search", "nguyen"],
        cwd=ROOT,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
    )
    refused(result, message)


def test_the_province_password_file_that_is_binary_exits_2(office: Path, tmp_path: Path) -> None:
    result = desk(
        "sync", "--server", "http://127.0.0.1:9", "--username", "motcua",
        "--password-file", str(_binary(tmp_path)), data=office,
    )  # fmt: skip
    refused(result, "mật khẩu")


# --- the province simulator's environment -------------------------------------------------


def test_the_simulator_on_a_port_in_use_exits_2(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = str(taken.getsockname()[1])
        result = desk("province-sim", "--port", port, "--data", str(tmp_path), data=tmp_path)
    refused(result, f"Cổng {port}", "đang có chương trình khác dùng")


def test_the_simulator_with_a_missing_tls_file_exits_2(tmp_path: Path) -> None:
    result = desk(
        "province-sim", "--port", "0", "--data", str(tmp_path / "sim"),
        "--tls-cert", str(tmp_path / "missing.pem"), "--tls-key", str(tmp_path / "key.pem"),
        data=tmp_path,
    )  # fmt: skip
    refused(result, "chứng chỉ HTTPS", "missing.pem")


def test_the_simulator_with_a_tls_file_that_is_not_pem_exits_2(tmp_path: Path) -> None:
    garbage = tmp_path / "cert.pem"
    garbage.write_bytes(b"\x00not a certificate")
    result = desk(
        "province-sim", "--port", "0", "--data", str(tmp_path / "sim"),
        "--tls-cert", str(garbage), "--tls-key", str(garbage), data=tmp_path,
    )  # fmt: skip
    refused(result, "chứng chỉ HTTPS")


def test_the_simulator_on_an_unknown_host_exits_2(tmp_path: Path) -> None:
    result = desk(
        "province-sim", "--port", "0", "--host", "khong-co-may-nay.invalid",
        "--data", str(tmp_path / "sim"), data=tmp_path,
    )  # fmt: skip
    refused(result, "khong-co-may-nay.invalid")


# --- what the terminal prints ---------------------------------------------------------------


def test_search_prints_a_stored_escape_code_escaped(office: Path, code: str) -> None:
    result = desk("search", code, data=office)
    assert result.returncode == 0, result.stderr
    assert code in result.stdout
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    assert "\u202e" not in result.stdout
    assert "Nguyễn\\x1b[2J\\x07 Văn\\u202e An" in result.stdout


def test_show_prints_json_that_reads_back_the_same_and_holds_no_raw_control(
    office: Path, code: str
) -> None:
    with sqlite3.connect(office / "office.sqlite") as db:
        db.execute(
            "UPDATE dossiers SET procedure_name = ? WHERE code = ?",
            ("Đăng ký\x1b]0;pwned\x07 khai sinh\u202e\x85", code),
        )
    result = desk("show", code, data=office)
    assert result.returncode == 0, result.stderr
    for raw in ("\x1b", "\x07", "\u202e", "\x85"):
        assert raw not in result.stdout
    shown = json.loads(result.stdout)["TenTTHC"]
    assert shown == "Đăng ký\x1b]0;pwned\x07 khai sinh\u202e\x85"  # what is stored, exactly


# --- --out -------------------------------------------------------------------------------


def _symlink(tmp_path: Path, suffix: str) -> Path:
    target = tmp_path / "target.txt"
    target.write_text("không được ghi đè", encoding="utf-8")
    link = tmp_path / f"link{suffix}"
    link.symlink_to(target)
    return link


def _dangling(tmp_path: Path, suffix: str) -> Path:
    link = tmp_path / f"dangling{suffix}"
    link.symlink_to(tmp_path / "elsewhere" / f"x{suffix}")
    return link


def _out_fifo(tmp_path: Path, suffix: str) -> Path:
    path = tmp_path / f"pipe{suffix}"
    os.mkfifo(path)
    return path


def _out_folder(tmp_path: Path, suffix: str) -> Path:
    path = tmp_path / f"folder{suffix}"
    path.mkdir()
    return path


def _missing_folder(tmp_path: Path, suffix: str) -> Path:
    return tmp_path / "khong-co" / f"out{suffix}"


def _under_a_file(tmp_path: Path, suffix: str) -> Path:
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    return tmp_path / "a-file" / f"out{suffix}"


BAD_OUTS = {
    "symlink": (_symlink, "liên kết"),
    "dangling symlink": (_dangling, "liên kết"),
    "fifo": (_out_fifo, "không phải một tệp thông thường"),
    "folder": (_out_folder, "là một thư mục"),
    "missing folder": (_missing_folder, "không tồn tại"),
    "under a file": (_under_a_file, "không phải là thư mục"),
}


def _out_commands(code: str) -> dict[str, tuple[tuple[str, ...], str]]:
    return {
        "print slip": (("print", "slip", code), ".pdf"),
        "print book": (("print", "book", "--date", "2026-11-16"), ".pdf"),
        "export": (("export",), ".jsonl"),
    }


@pytest.mark.parametrize("kind", BAD_OUTS)
@pytest.mark.parametrize("which", ["print slip", "print book", "export"])
def test_out_writes_only_a_regular_file(
    office: Path, code: str, tmp_path: Path, which: str, kind: str
) -> None:
    args, suffix = _out_commands(code)[which]
    make, message = BAD_OUTS[kind]
    out = make(tmp_path, suffix)
    before = sorted(p.name for p in tmp_path.rglob("*"))
    refused(desk(*args, "--out", str(out), data=office), message)
    assert sorted(p.name for p in tmp_path.rglob("*")) == before  # nothing written
    if kind == "symlink":
        assert out.is_symlink()
        assert out.read_text(encoding="utf-8") == "không được ghi đè"


@pytest.mark.parametrize("which", ["export"])  # print refuses it: test_cli_language.py
def test_out_with_another_extension_is_written_with_a_warning(
    office: Path, code: str, tmp_path: Path, which: str
) -> None:
    args, suffix = _out_commands(code)[which]
    out = tmp_path / "s.txt"
    result = desk(*args, "--out", str(out), data=office)
    assert result.returncode == 0, result.stderr
    assert f"Cảnh báo: tệp {out} không có đuôi {suffix}" in result.stderr
    content = out.read_bytes()
    if suffix == ".pdf":
        assert content.startswith(b"%PDF-")
    else:
        assert "MaHoSo" in json.loads(content.splitlines()[0])
    assert [p.name for p in tmp_path.iterdir()] == ["s.txt"]  # no temporary file left


def test_out_replaces_an_existing_regular_file(office: Path, code: str, tmp_path: Path) -> None:
    out = tmp_path / "slip.pdf"
    out.write_bytes(b"old")
    result = desk("print", "slip", code, "--out", str(out), data=office)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert out.read_bytes().startswith(b"%PDF-")
