"""The backup API's values, errors and look-ups: a backup's header, the office's key,
the list of backups in every place."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Protocol

from desk.config import DeskConfig
from desk.domain import backup as rules
from desk.domain.access import Permission
from desk.domain.audit import AuditAction
from desk.domain.calendar import now_in_office
from desk.domain.office import User
from desk.domain.text import terminal_safe
from desk.errors import DeskError, DiskFull, EnvironmentFault, InvalidInput
from desk.services.context import DeskContext
from desk.store import audit as store_audit
from desk.store import backup as store_backup
from desk.store import backup_archive as archive
from desk.store import backup_crypto as crypto
from desk.store import office as store_office

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class BackupInfo:
    path: Path  # the .deskbackup file
    taken_at: datetime  # office time
    reason: str  # "daily" | "closing" | "manual" | "before-migration" | "before-restore"
    size: int  # bytes of the file
    dossier_count: int
    file_count: int  # scanned files inside
    agency_id: str
    schema_revision: str
    verified: bool  # read back and checked after writing (or by `desk check`)


@dataclass(frozen=True, slots=True)
class RestoreResult:
    info: BackupInfo
    set_aside: Path  # the previous database (SQLite) or its before-restore backup (PostgreSQL)
    dossier_count: int
    file_count: int


class BackupProgress(Protocol):
    def __call__(self, step: str, done: int, total: int) -> None: ...  # step in Vietnamese


ProgressCallable = Callable[[str, int, int], None]


# --- errors -----------------------------------------------------------------------------


class BackupError(DeskError):
    code = "backup.error"


class NoBackupKey(BackupError):
    code = "backup.no_key"


class WrongBackupPassphrase(BackupError):
    code = "backup.passphrase"


class NotADeskBackup(BackupError):
    code = "backup.not_a_backup"


class DamagedBackup(BackupError):
    code = "backup.damaged"


class OtherOfficeBackup(BackupError):
    code = "backup.other_office"


class DatabaseInUse(BackupError):
    code = "backup.in_use"


PASSPHRASE_MIN_LENGTH = 10
# A closing backup this soon after another is not taken again (two windows closing).
CLOSING_GAP = timedelta(minutes=5)
AUTOMATIC_ACTOR = "Sao lưu tự động"
SET_ASIDE_FOLDER = "set-aside"
HEX = frozenset("0123456789abcdef")


def no_key() -> NoBackupKey:
    return NoBackupKey(
        "Văn phòng chưa có cụm mật khẩu sao lưu, nên chưa sao lưu được. Quản trị viên hãy "
        "đặt cụm mật khẩu: desk backup passphrase (hoặc trong cửa sổ, mục Sao lưu).",
    )


def damaged(path: Path, why: str = "") -> DamagedBackup:
    log.warning("backup %s is damaged: %s", path, why)
    return DamagedBackup(
        f"Bản sao lưu {terminal_safe(str(path))} bị hỏng hoặc không đầy đủ (bị cắt ngắn, bị "
        "sửa một phần, hoặc chép chưa xong). Phần mềm không khôi phục từ tệp này và không thay "
        "đổi gì; hãy chọn bản sao lưu khác."
    )


def _not_a_backup(path: Path) -> NotADeskBackup:
    return NotADeskBackup(
        f"Tệp {terminal_safe(str(path))} không phải bản sao lưu của Commune Desk "
        f"(tệp {rules.SUFFIX}). Phần mềm không thay đổi gì."
    )


def wrong_passphrase() -> WrongBackupPassphrase:
    return WrongBackupPassphrase(
        "Cụm mật khẩu sao lưu không đúng: không mở được bản sao lưu. Phần mềm không thay đổi "
        "gì. Hãy nhập lại cụm mật khẩu quản trị viên đã đặt khi bản sao lưu này được tạo."
    )


def disk_fault(error: OSError, what: str) -> EnvironmentFault:
    if error.errno in DiskFull.ERRNOS:
        return DiskFull.explain(what)
    return EnvironmentFault(
        f"Không ghi được {what}: {error.strerror or error}.", code="backup.write_failed"
    )


def progress_of(progress: BackupProgress | None) -> ProgressCallable:
    return progress if progress is not None else (lambda step, done, total: None)


# --- the key ----------------------------------------------------------------------------


def has_backup_key(ctx: DeskContext) -> bool:
    """Whether the office has a backup passphrase set (backups can be taken)."""
    return store_backup.key_of(ctx.db) is not None


def check_passphrase(passphrase: str) -> str:
    if len(passphrase.strip()) < PASSPHRASE_MIN_LENGTH:
        raise InvalidInput(
            f"Cụm mật khẩu sao lưu phải có ít nhất {PASSPHRASE_MIN_LENGTH} ký tự. Hãy chọn một "
            "câu dễ nhớ và ghi lại trên giấy, cất ở nơi an toàn: mất cụm mật khẩu thì không "
            "khôi phục được bản sao lưu.",
            code="backup.passphrase_short",
            field="passphrase",
        )
    return passphrase


def new_backup_key(passphrase: str) -> crypto.NewKey:
    """The office's key pair sealed with ``passphrase`` (Argon2id: a fraction of a
    second): for ``setup.create_office``, which stores it with the office."""
    return crypto.new_key(check_passphrase(passphrase))


def store_new_key(
    session: store_office.Transaction,
    key: crypto.NewKey,
    *,
    now: datetime,
    actor: User | None,
    actor_name: str = "",
) -> int:
    """Add ``key`` as the office's current backup key and log it, in the caller's
    transaction."""
    by = actor.full_name if actor else actor_name
    key_id = store_backup.add_key(
        session, public_key=key.public_key, wrapped_key=json.dumps(key.wrapped), now=now, by=by
    )
    store_audit.append(
        session,
        [
            store_audit.entry(
                AuditAction.BACKUP_KEY_SET,
                "backup",
                at=now,
                actor=actor,
                actor_name=actor_name,
                detail={"key_id": key_id},
            )
        ],
    )
    return key_id


def set_passphrase(ctx: DeskContext, passphrase: str) -> None:
    """A new backup passphrase (admin): a new key pair; later backups are encrypted to it.
    Older backups keep opening with the passphrase they were made with."""
    admin = ctx.require(Permission.RESTORE)
    key = new_backup_key(passphrase)
    with ctx.db.write() as session:
        store_new_key(session, key, now=now_in_office(), actor=admin)


# --- reading a backup's header ----------------------------------------------------------


def info_of(path: Path, header: rules.BackupHeader, verified: bool) -> BackupInfo:
    return BackupInfo(
        path=path,
        taken_at=header.moment,
        reason=header.reason,
        size=path.stat().st_size,
        dossier_count=header.dossier_count,
        file_count=header.file_count,
        agency_id=header.agency_id,
        schema_revision=header.schema_revision,
        verified=verified,
    )


def header_of(path: Path) -> rules.BackupHeader:
    try:
        return archive.read_header(path)
    except archive.NotABackup:
        raise _not_a_backup(path) from None
    except archive.DamagedBackup as exc:
        raise damaged(path, str(exc)) from None
    except IsADirectoryError:
        raise _not_a_backup(path) from None
    except OSError as exc:
        raise DeskError(
            f"Không đọc được tệp {terminal_safe(str(path))}: {exc.strerror or exc}.",
            code="backup.unreadable",
        ) from None


def backup_info(path: Path) -> BackupInfo:
    """What a backup's clear header says (no passphrase needed). ``verified`` is False:
    only the office's record of its backups knows (``list_backups``)."""
    return info_of(path, header_of(path), verified=False)


def backup_files(folder: Path) -> list[Path]:
    try:
        return [
            path
            for path in folder.iterdir()
            if rules.parse_file_name(path.name) is not None and path.is_file()
        ]
    except OSError:
        return []


def latest_backup_path(backup_dir: Path) -> Path | None:
    """The newest complete backup in ``backup_dir`` (by the moment in its name)."""
    best: tuple[datetime, Path] | None = None
    for path in backup_files(backup_dir):
        parsed = rules.parse_file_name(path.name)
        assert parsed is not None
        if best is None or parsed[1] > best[0]:
            best = (parsed[1], path)
    return best[1] if best else None


def _places(ctx: DeskContext) -> list[Path]:
    places = [ctx.config.backup_dir]
    second = ctx.config.second_backup_dir
    if second is not None:
        places.append(second)
    return places


def missing_places(config: DeskConfig) -> list[Path]:
    """The configured second place, when it is not there now (a USB stick unplugged)."""
    second = config.second_backup_dir
    return [second] if second is not None and not second.is_dir() else []


def missed_second_place(config: DeskConfig, infos: Sequence[BackupInfo]) -> Path | None:
    """The configured second place when a backup just written has no copy there: the
    stick unplugged, or present but full or read-only (the copy's error is in the log)."""
    second = config.second_backup_dir
    if second is None or not infos:
        return None
    try:
        target = second.resolve()
        if any(info.path.resolve().is_relative_to(target) for info in infos):
            return None
    except OSError:
        pass
    return second


def list_backups(ctx: DeskContext) -> list[BackupInfo]:
    """Every backup in the data folder, the second place and wherever the office wrote
    one (``--to``), newest first (supervisor)."""
    ctx.require(Permission.BACKUP)
    with ctx.db.read() as session:
        records = store_backup.backup_records(session)
    verified = {(r.place, r.file_name) for r in records if r.verified_at is not None}
    folders = list(dict.fromkeys([*_places(ctx), *(Path(r.place) for r in records)]))
    found: list[BackupInfo] = []
    for folder in folders:
        for path in backup_files(folder):
            try:
                header = archive.read_header(path)
            except (archive.NotABackup, archive.DamagedBackup, OSError):
                continue
            found.append(info_of(path, header, (str(folder), path.name) in verified))
    found.sort(key=lambda info: info.taken_at, reverse=True)
    return found
