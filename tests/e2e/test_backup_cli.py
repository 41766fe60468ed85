"""``desk backup`` and ``desk restore`` as real processes, with no terminal."""

from __future__ import annotations

import os
import secrets
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import pytest

from tests.e2e.identity import environment, password_file
from tests.e2e.test_cli import ROOT
from tests.store.conftest import postgres_roles  # noqa: F401 (a fixture)

DEMO_PASSPHRASE = "demo-sao-luu"


def _command(
    args: tuple[str, ...],
    data: Path,
    user: str | None,
    passphrase: str | None,
    extra: dict[str, str] | None,
) -> tuple[list[str], dict[str, str]]:
    env = environment(data.parent / "accounts", user)
    env["DESK_DATA_DIR"] = str(data)
    env.pop("DESK_BACKUP_PASSPHRASE_FILE", None)
    env.pop("DESK_BACKUP_SECOND_DIR", None)
    if passphrase is not None:
        env["DESK_BACKUP_PASSPHRASE_FILE"] = str(
            password_file(data.parent / "accounts", "backup", passphrase)
        )
    env.update(extra or {})
    return [sys.executable, "-m", "desk", *args], env


def run(
    *args: str,
    data: Path,
    user: str | None = "quantri",
    passphrase: str | None = DEMO_PASSPHRASE,
    extra: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    command, env = _command(args, data, user, passphrase, extra)
    return subprocess.run(
        command,
        cwd=ROOT,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=300,
    )


def start(
    *args: str,
    data: Path,
    user: str | None = "quantri",
    passphrase: str | None = DEMO_PASSPHRASE,
    extra: dict[str, str] | None = None,
) -> subprocess.Popen[str]:
    """``desk ARGS`` started, not waited for (a test kills it)."""
    command, env = _command(args, data, user, passphrase, extra)
    return subprocess.Popen(
        command,
        cwd=ROOT,
        env=env,
        stdin=subprocess.DEVNULL,
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


@pytest.fixture
def office(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    result = run("demo", "--dossiers", "8", "--seed", "5", data=data, user=None)
    assert result.returncode == 0, result.stderr
    assert f"Cụm mật khẩu sao lưu (để khôi phục): {DEMO_PASSPHRASE}" in result.stdout
    return data


def _dossiers(data: Path) -> int:
    with closing(sqlite3.connect(data / "office.sqlite")) as connection:
        return int(connection.execute("SELECT count(*) FROM dossiers").fetchone()[0])


def test_backup_list_and_restore(office: Path, tmp_path: Path) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    taken = run("backup", "--to", str(usb), data=office, user="lanhdao")
    assert taken.returncode == 0, taken.stderr
    assert taken.stdout.count("Đã sao lưu: ") == 2 and "8 hồ sơ" in taken.stdout
    listed = run("backup", "list", data=office, user="lanhdao")
    assert listed.returncode == 0, listed.stderr
    lines = listed.stdout.splitlines()
    assert len(lines) == 2 and all("thủ công" in x and "đã kiểm tra" in x for x in lines)
    [backup] = list((office / "backups").glob("*.deskbackup"))
    more = run("demo", "--dossiers", "3", "--seed", "6", data=office, user=None)
    assert more.returncode == 0 and _dossiers(office) == 11
    # No terminal and no --yes: refused, nothing changed.
    refused = run("restore", str(backup), data=office)
    assert refused.returncode == 2 and "--yes" in refused.stderr
    assert _dossiers(office) == 11
    restored = run("restore", str(backup), "--yes", data=office)
    assert restored.returncode == 0, restored.stderr
    assert "Đã khôi phục 8 hồ sơ" in restored.stdout
    assert _dossiers(office) == 8
    assert list((office / "set-aside").iterdir())
    verify = run("audit", "verify", data=office)
    assert verify.returncode == 0, verify.stdout + verify.stderr


def test_refusals_exit_2_with_their_message(office: Path, tmp_path: Path) -> None:
    clerk = run("backup", data=office, user="canbo1")
    assert clerk.returncode == 2 and clerk.stderr.strip()
    taken = run("backup", data=office, user="lanhdao")
    assert taken.returncode == 0, taken.stderr
    [backup] = list((office / "backups").glob("*.deskbackup"))
    wrong = run("restore", str(backup), "--yes", data=office, passphrase="không phải cụm này")
    assert wrong.returncode == 2 and "Cụm mật khẩu sao lưu không đúng" in wrong.stderr
    not_admin = run("restore", str(backup), "--yes", data=office, user="lanhdao")
    assert not_admin.returncode == 2
    junk = tmp_path / "junk.deskbackup"
    junk.write_bytes(b"not a backup at all")
    not_backup = run("restore", str(junk), "--yes", data=office)
    assert not_backup.returncode == 2 and "không phải bản sao lưu" in not_backup.stderr
    cut = tmp_path / "cut.deskbackup"
    cut.write_bytes(backup.read_bytes()[:-500])
    damaged = run("restore", str(cut), "--yes", data=office)
    assert damaged.returncode == 2 and "bị hỏng" in damaged.stderr
    assert _dossiers(office) == 8


def test_restore_when_the_database_is_corrupt(office: Path) -> None:
    taken = run("backup", data=office, user="lanhdao")
    assert taken.returncode == 0, taken.stderr
    [backup] = list((office / "backups").glob("*.deskbackup"))
    with (office / "office.sqlite").open("r+b") as handle:
        handle.seek(8192)
        handle.write(secrets.token_bytes(32768))
    restored = run("restore", str(backup), "--yes", data=office)
    assert restored.returncode == 0, restored.stderr
    assert _dossiers(office) == 8


def test_an_absent_second_place_is_reported(office: Path, tmp_path: Path) -> None:
    absent = tmp_path / "usb-not-plugged"
    taken = run(
        "backup", data=office, user="lanhdao", extra={"DESK_BACKUP_SECOND_DIR": str(absent)}
    )
    assert taken.returncode == 0, taken.stderr
    assert "Chưa chép sang nơi sao lưu thứ hai" in taken.stdout
    assert len(list((office / "backups").glob("*.deskbackup"))) == 1


def test_a_kill_during_backup_leaves_no_file_under_a_final_name(office: Path) -> None:
    # Big enough that the backup is still writing when it is killed.
    folder = office / "files" / "ab"
    folder.mkdir(parents=True, exist_ok=True)
    for _ in range(3):
        (folder / ("ab" + secrets.token_hex(31))).write_bytes(os.urandom(24 << 20))
    backups = office / "backups"
    kills = 0
    for attempt in range(6):
        process = start("backup", data=office, user="lanhdao")
        deadline = time.monotonic() + 60
        partial = False
        while time.monotonic() < deadline and process.poll() is None:
            if backups.is_dir() and any(p.name.endswith(".partial") for p in backups.iterdir()):
                partial = True
                break
            time.sleep(0.005)
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
            kills += partial
        process.communicate()
        finals = [p for p in backups.iterdir() if p.name.endswith(".deskbackup")]
        if process.returncode == -signal.SIGKILL:
            assert finals == [], (attempt, finals)
        else:
            for path in finals:
                path.unlink()  # it finished first: start again
    assert kills >= 1


def test_setup_takes_the_backup_passphrase_from_a_file(tmp_path: Path) -> None:
    data = tmp_path / "data"
    accounts = tmp_path / "accounts"
    admin_password = password_file(accounts, "admin-new", "mật-khẩu-quản-trị-1")
    passphrase = password_file(accounts, "phrase", "cụm mật khẩu của xã")
    setup = run(
        "setup",
        "--agency-id", "000.17.22.H57",
        "--agency-name", "UBND XÃ THỬ",
        "--commune", "Xã Thử",
        "--province", "Tỉnh Phú Thọ",
        "--place-name", "Thử",
        "--admin", "admin",
        "--admin-name", "Quản Trị",
        "--admin-password-file", str(admin_password),
        "--backup-passphrase-file", str(passphrase),
        data=data, user=None, passphrase=None,
    )  # fmt: skip
    assert setup.returncode == 0, setup.stderr
    assert "Đã đặt cụm mật khẩu sao lưu" in setup.stdout
    env = {"DESK_USER": "admin", "DESK_PASSWORD_FILE": str(admin_password)}
    taken = run("backup", data=data, user=None, extra=env)
    assert taken.returncode == 0, taken.stderr
    [backup] = list((data / "backups").glob("000.17.22.H57-*-manual.deskbackup"))
    restored = run(
        "restore", str(backup), "--yes", data=data, user=None, extra=env,
        passphrase="cụm mật khẩu của xã",
    )  # fmt: skip
    assert restored.returncode == 0, restored.stderr


def test_backup_and_restore_on_postgresql(
    postgres_roles: tuple[str, str],  # noqa: F811 (the fixture imported above)
    tmp_path: Path,
) -> None:
    owner_url, desk_url = postgres_roles
    data = tmp_path / "data"
    urls = {"DESK_DATABASE_URL": desk_url, "DESK_DATABASE_OWNER_URL": owner_url}
    made = run("demo", "--dossiers", "4", "--seed", "3", data=data, user=None, extra=urls)
    assert made.returncode == 0, made.stderr
    taken = run("backup", data=data, user="lanhdao", extra=urls)
    assert taken.returncode == 0, taken.stderr
    assert "4 hồ sơ" in taken.stdout
    [backup] = list((data / "backups").glob("*-manual.deskbackup"))
    more = run("demo", "--dossiers", "2", "--seed", "4", data=data, user=None, extra=urls)
    assert more.returncode == 0, more.stderr
    restored = run("restore", str(backup), "--yes", data=data, extra=urls)
    assert restored.returncode == 0, restored.stderr
    assert "Đã khôi phục 4 hồ sơ" in restored.stdout
    assert "before-restore.deskbackup" in restored.stdout
    verify = run("audit", "verify", data=data, extra=urls)
    assert verify.returncode == 0, verify.stdout + verify.stderr
    assert " 4 hồ sơ" in verify.stdout


def test_a_new_passphrase_for_later_backups(office: Path, tmp_path: Path) -> None:
    accounts = tmp_path / "accounts"
    short = password_file(accounts, "short", "ngắn")
    refused = run("backup", "passphrase", "--passphrase-file", str(short), data=office)
    assert refused.returncode == 2 and "ít nhất 10 ký tự" in refused.stderr
    new = password_file(accounts, "new-phrase", "cụm mật khẩu mới của xã")
    supervisor = run(
        "backup", "passphrase", "--passphrase-file", str(new), data=office, user="lanhdao"
    )
    assert supervisor.returncode == 2
    changed = run("backup", "passphrase", "--passphrase-file", str(new), data=office)
    assert changed.returncode == 0, changed.stderr
    taken = run("backup", data=office, user="lanhdao")
    assert taken.returncode == 0, taken.stderr
    [backup] = list((office / "backups").glob("*.deskbackup"))
    old = run("restore", str(backup), "--yes", data=office)  # the demo passphrase
    assert old.returncode == 2 and "Cụm mật khẩu sao lưu không đúng" in old.stderr
    ok = run("restore", str(backup), "--yes", data=office, passphrase="cụm mật khẩu mới của xã")
    assert ok.returncode == 0, ok.stderr
