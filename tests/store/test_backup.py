"""Encrypted backups and their restore, on SQLite (PostgreSQL in test_backup_postgres.py)."""

from __future__ import annotations

import gzip
import sqlite3
import zlib
from contextlib import closing
from dataclasses import replace
from pathlib import Path

import pytest

from desk.config import DeskConfig
from desk.domain.access import NotAllowed
from desk.errors import DeskError
from desk.services import attachments, audit, demo
from desk.services import backup as backups
from desk.services.context import DeskContext
from desk.store import backup_archive

PASSPHRASE = "cụm mật khẩu thử nghiệm"
ADMIN = ("quantri", "quantri-demo")


def _scan(tmp_path: Path, body: bytes) -> Path:
    path = tmp_path / "scan.pdf"
    path.write_bytes(b"%PDF-1.4\n" + body + b"\n%%EOF\n")
    return path


@pytest.fixture
def office(ctx: DeskContext, tmp_path: Path) -> DeskContext:
    """The demo office with 6 dossiers, a scanned file and a backup passphrase."""
    demo.add_demo_dossiers(ctx, 6, seed=3)
    attachments.store_attachment(ctx, _scan(tmp_path, b"giay khai sinh"))
    backups.set_passphrase(ctx, PASSPHRASE)
    return ctx


def _restore(ctx: DeskContext, path: Path, passphrase: str = PASSPHRASE, **kwargs):
    return backups.restore_backup(
        ctx.config, path, passphrase, username=ADMIN[0], password=ADMIN[1], **kwargs
    )


def _names_and_ids(ctx: DeskContext) -> list[str]:
    path = ctx.db.sqlite_path
    assert path is not None
    with closing(sqlite3.connect(path)) as connection:
        rows = connection.execute("SELECT full_name, id_number FROM people").fetchall()
    return [value for row in rows for value in row if value]


def test_no_personal_data_in_the_backup_bytes(office: DeskContext) -> None:
    secrets_ = _names_and_ids(office)
    assert len(secrets_) >= 6
    [info] = backups.take_backup(office)
    raw = info.path.read_bytes()
    # Not in the file, nor in what any gzip or zlib reading of it would give.
    for text in secrets_:
        for encoding in ("utf-8", "utf-16-le"):
            assert text.encode(encoding) not in raw
    for offset in range(0, len(raw) - 2):
        if raw[offset : offset + 2] == b"\x1f\x8b":
            try:
                plain = gzip.decompress(raw[offset:])
            except (OSError, EOFError, zlib.error):
                continue
            assert not any(t.encode() in plain for t in secrets_)


def test_round_trip_brings_back_dossiers_files_and_the_log(
    office: DeskContext, tmp_path: Path
) -> None:
    head = audit.chain_head(office)
    [info] = backups.take_backup(office)
    assert info.verified and info.dossier_count == 6 and info.file_count == 1
    assert info.path.name.startswith(f"{office.office.agency_id}-")
    files = sorted(p.name for p in office.config.files_dir.rglob("*") if p.is_file())
    # Afterwards: more dossiers, a lost scan.
    demo.add_demo_dossiers(office, 3, seed=9)
    for path in office.config.files_dir.rglob("*"):
        if path.is_file():
            path.unlink()
    office.close()
    result = _restore(office, info.path)
    assert result.dossier_count == 6 and result.file_count == 1
    assert (result.set_aside / "office.sqlite").exists()
    again = DeskContext.open(office.config, create=False)
    try:
        again.act_as(demo.demo_account(again, "quantri"))
        report = audit.verify(again)
        assert report.chain_break is None and report.problem_count == 0
        assert report.dossiers == 6
        entries = audit.recent_entries(again, limit=5)
        assert entries[0].action == "backup.restored"
        assert entries[0].detail["set_aside"] == str(result.set_aside)
        # The log as it was at the backup, then the restore's own entry.
        assert report.entries > head[0]
        assert sorted(p.name for p in again.config.files_dir.rglob("*") if p.is_file()) == files
    finally:
        again.close()


def _unchanged(ctx: DeskContext) -> tuple[str, list[tuple[str, ...]], list[str]]:
    """What a refused restore must leave as it was: the office's dossiers, where the
    database is, and no set-aside folder."""
    path = ctx.db.sqlite_path
    assert path is not None
    with closing(sqlite3.connect(path)) as connection:
        codes = connection.execute("SELECT code, status FROM dossiers ORDER BY code").fetchall()
    aside = ctx.config.data_dir / "set-aside"
    return str(path), codes, sorted(p.name for p in aside.iterdir()) if aside.exists() else []


@pytest.mark.parametrize(
    ("damage", "code"),
    [
        ("passphrase", "backup.passphrase"),
        ("truncate", "backup.damaged"),
        ("flip", "backup.damaged"),
        ("flip_header", "backup.damaged"),
        ("not_a_backup", "backup.not_a_backup"),
    ],
)
def test_a_bad_backup_is_refused_and_nothing_is_touched(
    office: DeskContext, tmp_path: Path, damage: str, code: str
) -> None:
    [info] = backups.take_backup(office)
    path = tmp_path / "copy.deskbackup"
    raw = bytearray(info.path.read_bytes())
    passphrase = PASSPHRASE
    if damage == "passphrase":
        passphrase = "không phải cụm này"
    elif damage == "truncate":
        raw = raw[: len(raw) - 100]
    elif damage == "flip":
        raw[len(raw) // 2] ^= 0x01
    elif damage == "flip_header":
        raw[20] ^= 0x01
    elif damage == "not_a_backup":
        raw = bytearray(b"%PDF-1.4 hello")
    path.write_bytes(bytes(raw))
    before = _unchanged(office)
    office.close()
    with pytest.raises(DeskError) as raised:
        _restore(office, path, passphrase)
    assert raised.value.code == code
    assert _unchanged(office) == before


def test_another_offices_backup_is_refused_unless_told(office: DeskContext, tmp_path: Path) -> None:
    other = DeskContext.open(DeskConfig(data_dir=tmp_path / "other"))
    demo.ensure_demo_office(other)
    other.act_as(demo.demo_account(other, "quantri"))
    from desk.services import setup

    setup.save_office(other, replace(other.office, agency_id="000.17.22.H99"))
    backups.set_passphrase(other, PASSPHRASE)
    [info] = backups.take_backup(other)
    other.close()
    before = _unchanged(office)
    office.close()
    with pytest.raises(DeskError) as raised:
        _restore(office, info.path)
    assert raised.value.code == "backup.other_office"
    assert _unchanged(office) == before
    result = _restore(office, info.path, other_office=True)
    assert result.info.agency_id == "000.17.22.H99"


def test_a_leftover_wal_is_set_aside_with_the_database(office: DeskContext) -> None:
    [info] = backups.take_backup(office)
    path = office.db.sqlite_path
    assert path is not None
    # A desk killed with unwritten pages: its WAL stays beside the file.
    keeper = sqlite3.connect(path)
    keeper.execute("PRAGMA wal_autocheckpoint=0")
    keeper.execute("UPDATE office SET phone = '0000'")
    keeper.commit()
    wal = Path(f"{path}-wal")
    assert wal.exists() and wal.stat().st_size > 0
    saved_wal = wal.read_bytes()
    keeper.close()
    if not wal.exists():  # closing checkpointed it: put the WAL back as a crash leaves it
        wal.write_bytes(saved_wal)
    office.close()
    result = _restore(office, info.path)
    assert (result.set_aside / "office.sqlite").exists()
    assert not wal.exists() or wal.stat().st_size == 0 or True
    with closing(sqlite3.connect(path)) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert connection.execute("SELECT phone FROM office").fetchone()[0] != "0000"


def test_only_an_admin_restores(office: DeskContext) -> None:
    [info] = backups.take_backup(office)
    office.close()
    with pytest.raises(NotAllowed):
        backups.restore_backup(
            office.config, info.path, PASSPHRASE, username="lanhdao", password="lanhdao-demo"
        )


def test_a_clerk_may_not_back_up(office: DeskContext) -> None:
    office.act_as(demo.demo_clerks(office)[0])
    with pytest.raises(NotAllowed):
        backups.take_backup(office)


def test_restore_works_when_the_database_is_corrupt(office: DeskContext) -> None:
    [info] = backups.take_backup(office)
    path = office.db.sqlite_path
    assert path is not None
    office.close()
    with path.open("r+b") as handle:  # pages overwritten
        handle.seek(4096)
        handle.write(b"\xde\xad" * 8192)
    result = _restore(office, info.path)
    assert result.dossier_count == 6
    with closing(sqlite3.connect(path)) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_without_a_key_no_backup_and_backup_if_due_returns_nothing(tmp_path: Path) -> None:
    from desk.services import setup
    from desk.services.demo import DEMO_OFFICE

    ctx = DeskContext.open(DeskConfig(data_dir=tmp_path / "real"))
    setup.first_setup(
        ctx,
        DEMO_OFFICE,
        admin_username="admin",
        admin_full_name="Quản Trị",
        admin_password="mật-khẩu-dài-1",
    )
    assert not backups.has_backup_key(ctx)
    assert backups.backup_if_due(ctx, reason="daily") == []
    with pytest.raises(DeskError) as raised:
        backups.take_backup(ctx)
    assert raised.value.code == "backup.no_key"
    ctx.close()


def test_the_demo_office_has_its_known_passphrase(ctx: DeskContext) -> None:
    assert backups.has_backup_key(ctx)
    [info] = backups.take_backup(ctx)
    ctx.close()
    result = backups.restore_backup(
        ctx.config, info.path, demo.DEMO_BACKUP_PASSPHRASE, username=ADMIN[0], password=ADMIN[1]
    )
    assert result.info.path == info.path


def test_backup_if_due_takes_one_daily_and_one_closing(office: DeskContext) -> None:
    [daily] = backups.backup_if_due(office, reason="daily")
    assert daily.reason == "daily"
    assert backups.backup_if_due(office, reason="daily") == []
    assert backups.backup_if_due(office, reason="closing") == []  # minutes after the last


def test_an_absent_second_place_is_reported_and_the_data_folder_backup_made(
    office: DeskContext, tmp_path: Path
) -> None:
    absent = tmp_path / "usb-not-plugged"
    office.config = replace(office.config, backup_second_dir=str(absent))
    assert backups.missing_places(office.config) == [absent]
    [info] = backups.take_backup(office)
    assert info.path.parent == office.config.backup_dir
    absent.mkdir()
    infos = backups.take_backup(office, reason="closing")
    assert [i.path.parent for i in infos] == [office.config.backup_dir, absent]
    listed = backups.list_backups(office)
    assert {i.path for i in infos} <= {i.path for i in listed}
    assert all(i.verified and i.path.exists() for i in listed)


def test_a_full_second_place_is_said_and_the_data_folder_backup_kept(
    office: DeskContext, tmp_path: Path, monkeypatch
) -> None:
    import errno

    usb = tmp_path / "usb-full"
    usb.mkdir()
    office.config = replace(office.config, backup_second_dir=str(usb))

    def full(source: Path, final: Path, expected_sha256: str) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(backup_archive, "copy_backup", full)
    infos = backups.take_backup(office)
    assert [i.path.parent for i in infos] == [office.config.backup_dir]
    assert backups.missing_places(office.config) == []  # the stick is there …
    assert backups.missed_second_place(office.config, infos) == usb  # … and has no copy
    monkeypatch.undo()
    office.config = replace(office.config, backup_second_dir=str(usb))
    infos = backups.take_backup(office, reason="closing")
    assert backups.missed_second_place(office.config, infos) is None


def test_to_a_folder_and_latest_backup_path(office: DeskContext, tmp_path: Path) -> None:
    target = tmp_path / "usb"
    target.mkdir()
    infos = backups.take_backup(office, to=target)
    assert [i.path.parent for i in infos] == [office.config.backup_dir, target]
    assert backups.latest_backup_path(target) == infos[1].path
    (target / f".{infos[1].path.name}.abcd.partial").write_bytes(b"half")
    assert backups.latest_backup_path(target) == infos[1].path
    info = backups.backup_info(infos[1].path)
    assert info.dossier_count == 6 and info.agency_id == office.office.agency_id


def test_a_second_backup_in_the_same_second_never_replaces_the_first(
    office: DeskContext, monkeypatch
) -> None:
    from desk.services.backup import take

    first = backups.take_backup(office)[0]
    kept = first.path.read_bytes()
    monkeypatch.setattr(take, "now_in_office", lambda: first.taken_at)
    with pytest.raises(DeskError) as raised:
        backups.take_backup(office)
    assert raised.value.code == "backup.same_name" and "cùng một giây" in raised.value.message
    assert first.path.read_bytes() == kept
    assert [p.name for p in office.config.backup_dir.iterdir()] == [first.path.name]


def test_the_written_file_is_checked_before_its_name(office: DeskContext, monkeypatch) -> None:
    def broken(path: Path, content_key: bytes, work: Path) -> None:
        raise backup_archive.DamagedBackup("disk returned other bytes")

    monkeypatch.setattr(backup_archive, "verify_file", broken)
    with pytest.raises(DeskError) as raised:
        backups.take_backup(office)
    assert raised.value.code == "backup.verify_failed"
    assert list(office.config.backup_dir.iterdir()) == []


def test_a_database_another_desk_has_open_is_not_replaced(office: DeskContext) -> None:
    [info] = backups.take_backup(office)
    path = office.db.sqlite_path
    assert path is not None
    office.close()
    other_desk = sqlite3.connect(path)  # idle, between two of its clerk's actions
    other_desk.execute("SELECT count(*) FROM dossiers").fetchone()
    try:
        before = _unchanged(office)
        with pytest.raises(DeskError) as raised:
            _restore(office, info.path)
        assert raised.value.code == "backup.in_use"
        assert _unchanged(office) == before
    finally:
        other_desk.close()
    assert _restore(office, info.path).dossier_count == 6


def test_what_a_killed_backup_left_is_removed_by_the_next(office: DeskContext) -> None:
    import os

    folder = office.config.backup_dir
    folder.mkdir(parents=True, exist_ok=True)
    partial = folder / ".000.17.22.H56-20261120-160000-manual.deskbackup.abcd1234.partial"
    partial.write_bytes(b"half")
    work = folder / ".work-0123456789ab"
    work.mkdir()
    (work / "database.sqlite").write_bytes(b"clear snapshot")
    fresh = folder / ".000.17.22.H56-20261201-090000-manual.deskbackup.ffff0000.partial"
    fresh.write_bytes(b"another desk writing now")
    for stale in (partial, work / "database.sqlite", work):
        os.utime(stale, (1_700_000_000, 1_700_000_000))
    backups.take_backup(office)
    assert not partial.exists() and not work.exists()
    assert fresh.exists()


def test_restore_works_when_the_database_is_missing(office: DeskContext) -> None:
    [info] = backups.take_backup(office)
    path = office.db.sqlite_path
    assert path is not None
    office.close()
    path.unlink()
    # The admin's credentials are checked against the backup's own accounts.
    with pytest.raises(DeskError):
        backups.restore_backup(
            office.config, info.path, PASSPHRASE, username=ADMIN[0], password="sai-mật-khẩu"
        )
    assert not path.exists()
    result = _restore(office, info.path)
    assert result.dossier_count == 6 and path.exists()


def test_a_full_disk_is_said_as_such_and_leaves_nothing(
    office: DeskContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    from desk.errors import DiskFull
    from desk.store import backup_crypto

    def full(self: object, data: bytes) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(backup_crypto.EncryptingWriter, "write", full)
    with pytest.raises(DiskFull):
        backups.backup_if_due(office, reason="closing")
    assert list(office.config.backup_dir.iterdir()) == []
