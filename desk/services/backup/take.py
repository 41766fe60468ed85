"""Taking a backup: a snapshot of the database and the scanned files, encrypted to the
office's key, written, read back and checked, copied to the other places, rotated."""

from __future__ import annotations

import contextlib
import logging
import secrets
import shutil
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from desk.domain import backup as rules
from desk.domain.access import Permission
from desk.domain.audit import AuditAction
from desk.domain.calendar import now_in_office, to_office_time
from desk.domain.office import User
from desk.domain.text import terminal_safe
from desk.errors import EnvironmentFault, InvalidInput
from desk.services.backup.model import (
    AUTOMATIC_ACTOR,
    CLOSING_GAP,
    HEX,
    BackupInfo,
    BackupProgress,
    backup_files,
    disk_fault,
    info_of,
    no_key,
    progress_of,
)
from desk.services.context import DeskContext
from desk.store import audit as store_audit
from desk.store import backup as store_backup
from desk.store import backup_archive as archive

log = logging.getLogger(__name__)

# What a killed backup or restore left (a partial file, a work folder with a clear
# snapshot) is removed by the next backup once nothing has touched it for this long.
LEFTOVER_AGE_S = 3600.0
# --- taking a backup --------------------------------------------------------------------


def scanned_files(files_dir: Path) -> list[tuple[str, Path]]:
    """The scanned files (``<aa>/<sha256>``) as archive members."""
    found: list[tuple[str, Path]] = []
    if not files_dir.is_dir():
        return found
    for folder in sorted(files_dir.iterdir()):
        if len(folder.name) != 2 or not folder.is_dir():
            continue
        for path in sorted(folder.iterdir()):
            name = path.name
            if len(name) == 64 and set(name) <= HEX and path.is_file():
                found.append((f"files/{folder.name}/{name}", path))
    return found


@contextlib.contextmanager
def work_folder(parent: Path, prefix: str) -> Iterator[Path]:
    parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    folder = parent / f".{prefix}-{secrets.token_hex(6)}"
    folder.mkdir(mode=0o700)
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def take(
    ctx: DeskContext,
    *,
    reason: str,
    to: Path | None,
    actor: User | None,
    progress: BackupProgress | None,
) -> list[BackupInfo]:
    report = progress_of(progress)
    if reason not in rules.REASONS:
        raise InvalidInput(f"Lý do sao lưu không hợp lệ: {reason}.", code="backup.reason")
    if to is not None and not to.is_dir():
        raise InvalidInput(
            f"Thư mục {terminal_safe(str(to))} không tồn tại: hãy cắm ổ USB hoặc tạo thư mục "
            "trước.",
            code="backup.to",
        )
    key = store_backup.key_of(ctx.db)
    if key is None:
        raise no_key()
    config = ctx.config
    primary = config.backup_dir
    taken_at = now_in_office()
    for place in (primary, config.data_dir):
        store_backup.remove_leftovers(place, older_than_s=LEFTOVER_AGE_S)
    try:
        with work_folder(primary, "work") as work:
            report("Chụp cơ sở dữ liệu", 0, 1)
            snapshot = store_backup.take_snapshot(
                ctx.db, work, passfile=config.database_passfile, password=db_password()
            )
            files = scanned_files(config.files_dir)
            total = snapshot.path.stat().st_size + sum(p.stat().st_size for _, p in files)
            done = 0

            def step(count: int) -> None:
                nonlocal done
                done += count
                report("Mã hóa và ghi bản sao lưu", done, total)

            sealed = archive.seal_snapshot(
                primary,
                snapshot=snapshot,
                key=key,
                reason=reason,
                taken_at=taken_at,
                files=files,
                work=work,
                progress=step,
            )
    except archive.DamagedBackup as exc:
        raise EnvironmentFault(
            f"Bản sao lưu vừa ghi đọc lại không khớp ({exc}): ổ đĩa có thể bị lỗi. Bản đó đã "
            "được bỏ; hãy kiểm tra ổ đĩa và sao lưu lại.",
            code="backup.verify_failed",
        ) from None
    except OSError as exc:
        raise disk_fault(exc, "bản sao lưu") from None
    written = [sealed.written]
    copies = [
        p
        for p in dict.fromkeys((config.second_backup_dir, to))
        if p is not None and not (p.is_dir() and p.resolve() == primary.resolve())
    ]
    for place in copies:
        if not place.is_dir():
            log.warning("second backup place %s is not there: backup kept in %s", place, primary)
            continue
        report(f"Chép sang {place}", 0, 1)
        try:
            written.append(
                archive.copy_backup(
                    sealed.written.path, place / sealed.written.path.name, sealed.written.sha256
                )
            )
        except (OSError, archive.DamagedBackup) as exc:
            if place == to:
                if isinstance(exc, OSError):
                    raise disk_fault(exc, f"bản sao lưu vào {place}") from None
                raise
            log.warning("could not copy the backup to %s: %s", place, exc)
    header = sealed.header
    verified_at = now_in_office()
    with ctx.db.write() as session:
        for item in written:
            store_backup.record_backup(
                session,
                file_name=item.path.name,
                place=str(item.path.parent),
                reason=reason,
                taken_at=taken_at,
                taken_by=actor.full_name if actor else AUTOMATIC_ACTOR,
                size=item.size,
                dossier_count=header.dossier_count,
                sha256=item.sha256,
                verified_at=verified_at,
            )
        store_audit.append(
            session,
            [
                store_audit.entry(
                    AuditAction.BACKUP_TAKEN,
                    "backup",
                    at=taken_at,
                    actor=actor,
                    actor_name="" if actor else AUTOMATIC_ACTOR,
                    detail={
                        "file": sealed.written.path.name,
                        "reason": reason,
                        "places": [str(item.path.parent) for item in written],
                        "dossiers": header.dossier_count,
                        "files": header.file_count,
                        "sha256": sealed.written.sha256,
                    },
                )
            ],
        )
    remove_clear_copies(primary)
    for place in [primary, *(p for p in copies if p != to)]:
        rotate(place, header.agency_id, now=taken_at, just_written=sealed.written.path.name)
    report("Đã sao lưu xong", 1, 1)
    return [info_of(item.path, header, True) for item in written]


def db_password() -> str | None:
    from desk.database_password import database_password

    return database_password()


def rotate(place: Path, agency_id: str, *, now: datetime, just_written: str = "") -> list[Path]:
    """Remove this office's backups in ``place`` that rotation no longer keeps
    (``desk.domain.backup.to_keep``), never the one ``just_written``. Every file under a
    backup's name was read back and checked before it got that name, so each counts as
    verified."""
    kept: list[rules.Kept] = []
    paths: dict[str, Path] = {}
    for path in backup_files(place):
        parsed = rules.parse_file_name(path.name)
        assert parsed is not None
        agency, moment, reason = parsed
        if agency != agency_id:
            continue
        kept.append(rules.Kept(path.name, moment, reason))
        paths[path.name] = path
    removed = []
    for name in rules.to_remove(kept, to_office_time(now)):
        if name == just_written:
            continue
        with contextlib.suppress(OSError):
            paths[name].unlink()
            removed.append(paths[name])
    if removed:
        log.info("rotation removed %d backups in %s", len(removed), place)
    return removed


def remove_clear_copies(backup_dir: Path) -> None:
    """Remove the clear copies made before a migration when the office had no backup key
    yet (``migrate.backup_before_migration``): once an encrypted backup exists they are
    only personal data in clear."""
    for path in backup_dir.glob("*-before-*.sqlite"):
        with contextlib.suppress(OSError):
            path.unlink()
            log.info("removed the clear pre-migration copy %s", path.name)


def take_backup(
    ctx: DeskContext,
    *,
    reason: str = "manual",
    to: Path | None = None,
    progress: BackupProgress | None = None,
) -> list[BackupInfo]:
    """Back the office up now (supervisor): the data folder, the second place when it is
    there, and ``to``. One BackupInfo per file written; a second place that is absent is
    skipped (``missing_places`` says so)."""
    actor = ctx.require(Permission.BACKUP)
    return take(ctx, reason=reason, to=to, actor=actor, progress=progress)


def backup_if_due(
    ctx: DeskContext, *, reason: str, progress: BackupProgress | None = None
) -> list[BackupInfo]:
    """The desk's own backups, no account needed: "daily" when none was taken this
    working day, "closing" when the desk closes (not twice within a few minutes). [] when
    not due or when no passphrase is set yet. A full disk raises DiskFull."""
    if reason not in ("daily", "closing"):
        raise ValueError(reason)
    if store_backup.key_of(ctx.db) is None:
        return []
    now = now_in_office()
    with ctx.db.read() as session:
        last = store_backup.last_backup_at(session, ("daily", "closing", "manual"))
    if last is not None:
        if reason == "daily" and to_office_time(last).date() == to_office_time(now).date():
            return []
        if reason == "closing" and now - last < CLOSING_GAP:
            return []
    return take(ctx, reason=reason, to=None, actor=None, progress=progress)
