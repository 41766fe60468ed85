"""The restore drill, as an office would rehearse it, with real processes: a demo office
with a scanned file → ``desk backup`` → more dossiers → the database's pages overwritten
(a dying disk) → ``desk check`` fails and names the backup → ``desk restore FILE --yes``
(an admin, the passphrase from DESK_BACKUP_PASSPHRASE_FILE, no terminal) → ``desk check``
passes, and the backed-up dossiers, the scanned file and the log are all there."""

from __future__ import annotations

import hashlib
import random
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

from desk.config import DeskConfig
from desk.services import attachments, demo
from desk.services.context import DeskContext
from desk.services.demo.data import DEMO_BACKUP_PASSPHRASE
from tests.e2e.identity import environment
from tests.e2e.test_cli import ROOT

PAGE = 4096
BUG_WORDS = ("Traceback", "sự cố không mong muốn", "lỗi của phần mềm")


def desk(
    *args: str, data: Path, user: str | None = "quantri", **extra: str
) -> subprocess.CompletedProcess[str]:
    env = environment(data.parent / "accounts", user)
    return subprocess.run(
        [sys.executable, "-m", "desk", *args],
        cwd=ROOT,
        env={**env, "DESK_DATA_DIR": str(data), **extra},
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=300,
    )


def passphrase_file(directory: Path) -> Path:
    path = directory / "passphrase"
    path.write_text(DEMO_BACKUP_PASSPHRASE + "\n", encoding="utf-8")
    path.chmod(0o600)
    return path


def a_scan(data: Path, directory: Path) -> tuple[str, bytes]:
    """A scanned file kept by the office (as intake keeps one): its SHA-256 and bytes."""
    source = directory / "Giấy khai sinh.pdf"
    content = b"%PDF-1.4 scan " + random.Random(12).randbytes(3000)
    source.write_bytes(content)
    ctx = DeskContext.open(DeskConfig(data_dir=data), create=False)
    try:
        ctx.act_as(demo.demo_account(ctx, "canbo1"))
        stored = attachments.store_attachment(ctx, source)
    finally:
        ctx.close()
    return stored.sha256, content


def rows(database: Path, sql: str) -> list[tuple[object, ...]]:
    with closing(sqlite3.connect(database)) as connection, connection:
        return list(connection.execute(sql))


HEADER = 100  # SQLite's file header: its journal-mode and change-counter bytes


def overwrite_pages(database: Path) -> None:
    """Random bytes over the first pages of the dossiers and of the log: pages every start
    reads (pages picked by their place in the file may be an index's that nothing reads
    before ``integrity_check``)."""
    with closing(sqlite3.connect(database)) as connection:
        roots = [
            root
            for (root,) in connection.execute(
                "SELECT rootpage FROM sqlite_master WHERE name IN ('dossiers', 'audit_log')"
            )
        ]
    noise = random.Random(7)
    with database.open("r+b") as handle:
        for root in roots:
            handle.seek((root - 1) * PAGE)  # SQLite numbers pages from 1
            handle.write(noise.randbytes(PAGE))


def test_the_restore_drill(tmp_path: Path) -> None:
    data = tmp_path / "data"
    made = desk("demo", "--dossiers", "25", "--seed", "6", data=data, user=None)
    assert made.returncode == 0, made.stderr
    sha256, scan = a_scan(data, tmp_path)
    database = data / "office.sqlite"

    # The log before the backup (the backup's own entry goes in after its snapshot).
    chain = rows(database, "SELECT seq, hash FROM audit_log ORDER BY seq")
    backed_up = desk("backup", data=data)
    assert backed_up.returncode == 0, backed_up.stdout + backed_up.stderr
    (backup,) = sorted((data / "backups").glob("*.deskbackup"))
    codes = rows(database, "SELECT code FROM dossiers ORDER BY code")
    assert len(codes) == 25

    more = desk("demo", "--dossiers", "15", "--seed", "9", data=data, user=None)
    assert more.returncode == 0, more.stderr
    assert len(rows(database, "SELECT code FROM dossiers")) == 40

    overwrite_pages(database)
    # Past the file header (where opening may set the journal mode): what support gets.
    damaged = hashlib.sha256(database.read_bytes()[HEADER:]).hexdigest()
    checked = desk("check", data=data)
    assert checked.returncode == 2, checked.stdout + checked.stderr
    assert f"Tệp cơ sở dữ liệu {database} bị hỏng" in checked.stderr
    assert f"Bản sao lưu mới nhất: {backup}" in checked.stderr
    assert f"desk restore {backup}" in checked.stderr
    assert not any(words in checked.stderr for words in BUG_WORDS)

    restored = desk(
        "restore",
        str(backup),
        "--yes",
        data=data,
        DESK_BACKUP_PASSPHRASE_FILE=str(passphrase_file(tmp_path)),
    )
    assert restored.returncode == 0, restored.stdout + restored.stderr
    # The damaged database was set aside, not deleted: support may still want it.
    kept = [
        hashlib.sha256(path.read_bytes()[HEADER:]).hexdigest()
        for path in (data / "set-aside").rglob("office.sqlite")
    ]
    assert kept == [damaged]

    checked = desk("check", data=data)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert checked.stdout.splitlines()[-1].startswith("Cơ sở dữ liệu nguyên vẹn và nhất quán")
    # The dossiers as they were backed up (the 15 added after the backup are not).
    assert rows(database, "SELECT code FROM dossiers ORDER BY code") == codes
    # The scanned file, byte for byte, and its record.
    assert (data / "files" / sha256[:2] / sha256).read_bytes() == scan
    assert hashlib.sha256(scan).hexdigest() == sha256
    assert rows(database, f"SELECT count(*) FROM attachments WHERE sha256 = '{sha256}'") == [(1,)]
    # The log as it was, entry for entry (the restore may add its own entry after it).
    assert (
        rows(database, f"SELECT seq, hash FROM audit_log WHERE seq <= {len(chain)} ORDER BY seq")
        == chain
    )
    verified = desk("audit", "verify", data=data)
    assert verified.returncode == 0, verified.stdout + verified.stderr
