"""The office's encrypted backups and their restore (issue 12, "Never lose the office").

The public names of this package are the backup API the window, ``desk check`` and the
command line use; the work is done in its modules.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import secrets
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Protocol

from desk.config import DeskConfig
from desk.domain import backup as rules
from desk.domain.access import Permission
from desk.domain.audit import AuditAction
from desk.domain.calendar import now_in_office, to_office_time
from desk.domain.office import User
from desk.domain.text import terminal_safe
from desk.errors import DeskError, DiskFull, EnvironmentFault, InvalidInput
from desk.services.context import DeskContext
from desk.store import audit as store_audit
from desk.store import backup as store_backup
from desk.store import backup_archive as archive
from desk.store import backup_crypto as crypto
from desk.store import migrate
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
_HEX = frozenset("0123456789abcdef")


def _no_key() -> NoBackupKey:
    return NoBackupKey(
        "Văn phòng chưa có cụm mật khẩu sao lưu, nên chưa sao lưu được. Quản trị viên hãy "
        "đặt cụm mật khẩu: desk backup passphrase (hoặc trong cửa sổ, mục Sao lưu).",
    )


def _damaged(path: Path, why: str = "") -> DamagedBackup:
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


def _wrong_passphrase() -> WrongBackupPassphrase:
    return WrongBackupPassphrase(
        "Cụm mật khẩu sao lưu không đúng: không mở được bản sao lưu. Phần mềm không thay đổi "
        "gì. Hãy nhập lại cụm mật khẩu quản trị viên đã đặt khi bản sao lưu này được tạo."
    )


def _disk_fault(error: OSError, what: str) -> EnvironmentFault:
    if error.errno in DiskFull.ERRNOS:
        return DiskFull.explain(what)
    return EnvironmentFault(
        f"Không ghi được {what}: {error.strerror or error}.", code="backup.write_failed"
    )


def _progress(progress: BackupProgress | None) -> ProgressCallable:
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


def _info(path: Path, header: rules.BackupHeader, verified: bool) -> BackupInfo:
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


def _header(path: Path) -> rules.BackupHeader:
    try:
        return archive.read_header(path)
    except archive.NotABackup:
        raise _not_a_backup(path) from None
    except archive.DamagedBackup as exc:
        raise _damaged(path, str(exc)) from None
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
    return _info(path, _header(path), verified=False)


def _backup_files(folder: Path) -> list[Path]:
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
    for path in _backup_files(backup_dir):
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
        for path in _backup_files(folder):
            try:
                header = archive.read_header(path)
            except (archive.NotABackup, archive.DamagedBackup, OSError):
                continue
            found.append(_info(path, header, (str(folder), path.name) in verified))
    found.sort(key=lambda info: info.taken_at, reverse=True)
    return found


# --- taking a backup --------------------------------------------------------------------


def _scanned_files(files_dir: Path) -> list[tuple[str, Path]]:
    """The scanned files (``<aa>/<sha256>``) as archive members."""
    found: list[tuple[str, Path]] = []
    if not files_dir.is_dir():
        return found
    for folder in sorted(files_dir.iterdir()):
        if len(folder.name) != 2 or not folder.is_dir():
            continue
        for path in sorted(folder.iterdir()):
            name = path.name
            if len(name) == 64 and set(name) <= _HEX and path.is_file():
                found.append((f"files/{folder.name}/{name}", path))
    return found


@contextlib.contextmanager
def _work_folder(parent: Path, prefix: str) -> Iterator[Path]:
    parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    folder = parent / f".{prefix}-{secrets.token_hex(6)}"
    folder.mkdir(mode=0o700)
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _take(
    ctx: DeskContext,
    *,
    reason: str,
    to: Path | None,
    actor: User | None,
    progress: BackupProgress | None,
) -> list[BackupInfo]:
    report = _progress(progress)
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
        raise _no_key()
    config = ctx.config
    primary = config.backup_dir
    taken_at = now_in_office()
    try:
        with _work_folder(primary, "work") as work:
            report("Chụp cơ sở dữ liệu", 0, 1)
            snapshot = store_backup.take_snapshot(
                ctx.db, work, passfile=config.database_passfile, password=_db_password()
            )
            files = _scanned_files(config.files_dir)
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
        raise _disk_fault(exc, "bản sao lưu") from None
    written = [sealed.written]
    copies = [p for p in (config.second_backup_dir, to) if p is not None]
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
                    raise _disk_fault(exc, f"bản sao lưu vào {place}") from None
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
    for place in [primary, *(p for p in copies if p != to)]:
        rotate(place, header.agency_id, now=taken_at)
    report("Đã sao lưu xong", 1, 1)
    return [_info(item.path, header, True) for item in written]


def _db_password() -> str | None:
    from desk.database_password import database_password

    return database_password()


def rotate(place: Path, agency_id: str, *, now: datetime) -> list[Path]:
    """Remove this office's backups in ``place`` that rotation no longer keeps
    (``desk.domain.backup.to_keep``). Every file under a backup's name was read back and
    checked before it got that name, so each counts as verified."""
    kept: list[rules.Kept] = []
    paths: dict[str, Path] = {}
    for path in _backup_files(place):
        parsed = rules.parse_file_name(path.name)
        assert parsed is not None
        agency, moment, reason = parsed
        if agency != agency_id:
            continue
        kept.append(rules.Kept(path.name, moment, reason))
        paths[path.name] = path
    removed = []
    for name in rules.to_remove(kept, to_office_time(now)):
        with contextlib.suppress(OSError):
            paths[name].unlink()
            removed.append(paths[name])
    if removed:
        log.info("rotation removed %d backups in %s", len(removed), place)
    return removed


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
    return _take(ctx, reason=reason, to=to, actor=actor, progress=progress)


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
    return _take(ctx, reason=reason, to=None, actor=None, progress=progress)


# --- restoring --------------------------------------------------------------------------


def _open_current(config: DeskConfig) -> DeskContext | None:
    """The current office, when its database opens and holds an office; None when it is
    missing, corrupt or empty (the restore is what repairs it)."""
    try:
        ctx = DeskContext.open(config, create=False)
    except EnvironmentFault as exc:
        log.warning("restore: the current database does not open: %s", exc.code)
        return None
    if not ctx.has_office:
        ctx.close()
        return None
    return ctx


def _sign_in_admin(ctx: DeskContext, username: str, password: str) -> User:
    from desk.services import auth

    auth.authenticate(ctx, username, password)
    return ctx.require(Permission.RESTORE)


def _other_office(header: rules.BackupHeader, current: str) -> OtherOfficeBackup:
    return OtherOfficeBackup(
        f"Bản sao lưu này của cơ quan khác (mã {header.agency_id}), không phải của văn phòng "
        f"này (mã {current}). Phần mềm không thay đổi gì. Nếu thật sự muốn thay dữ liệu văn "
        "phòng này bằng bản đó, chạy lại với --other-office.",
    )


def restore_backup(
    config: DeskConfig,
    path: Path,
    passphrase: str,
    *,
    username: str,
    password: str,
    other_office: bool = False,
    progress: BackupProgress | None = None,
) -> RestoreResult:
    """Put the office back as ``path`` holds it (admin). See the module's documentation
    and docs/backup.md: everything is checked on a private copy before the current
    database is touched, and the current database is set aside, never deleted."""
    report = _progress(progress)
    header = _header(path)
    current = _open_current(config)
    admin: User | None = None
    try:
        if current is not None:
            admin = _sign_in_admin(current, username, password)
            if current.office.agency_id != header.agency_id and not other_office:
                raise _other_office(header, current.office.agency_id)
    finally:
        if current is not None and header.backend == "sqlite":
            current.close()
    report("Mở khóa bản sao lưu", 0, 1)
    try:
        private = crypto.unwrap(header.wrapped_key, passphrase)
    except crypto.WrongPassphrase:
        if current is not None:
            current.close()
        raise _wrong_passphrase() from None
    except (KeyError, ValueError, TypeError):
        if current is not None:
            current.close()
        raise _damaged(path, "wrapped key") from None
    content_key = crypto.receiver_key(private, header.ephemeral_public)
    if header.backend == "postgresql":
        return _restore_postgresql(
            config, current, path, header, content_key, admin, username, password, report
        )
    return _restore_sqlite(config, path, header, content_key, admin, username, password, report)


def _extract(
    path: Path, content_key: bytes, work: Path, report: ProgressCallable
) -> dict[str, object]:
    total = max(1, path.stat().st_size)
    done = 0

    def step(count: int) -> None:
        nonlocal done
        done += count
        report("Giải mã và kiểm tra bản sao lưu", min(done, total), total)

    try:
        return archive.extract(path, content_key, work, progress=step)
    except archive.DamagedBackup as exc:
        raise _damaged(path, str(exc)) from None
    except OSError as exc:
        raise _disk_fault(exc, "bản giải mã tạm") from None


def _check_copy(
    config: DeskConfig, copy: Path, path: Path, username: str, password: str, admin: User | None
) -> tuple[DeskContext, User]:
    """Open the restored copy (migrated if older) and check its log; the admin is
    signed in on the copy when the current office could not check the credentials."""
    verdict = store_backup.sqlite_integrity(copy)
    if verdict != "ok":
        raise _damaged(path, f"integrity: {verdict}")
    copy_config = replace(config, data_dir=copy.parent / "data", database_url=f"sqlite:///{copy}")
    ctx = DeskContext.open(copy_config, create=False)
    try:
        if admin is None:
            admin = _sign_in_admin(ctx, username, password)
        else:
            ctx.act_as(admin)
        from desk.services import audit

        report = audit.verify(ctx)
        if report.chain_break is not None or report.problem_count:
            raise DamagedBackup(
                "Nhật ký trong bản sao lưu không toàn vẹn: "
                + "; ".join(report.problems[:3])
                + ". Phần mềm không khôi phục từ bản này; hãy chọn bản sao lưu khác.",
            )
    except BaseException:
        ctx.close()
        raise
    return ctx, admin


def _sqlite_target(config: DeskConfig) -> Path:
    from desk.store.db import normalise_url

    url = normalise_url(config.effective_database_url)
    assert url.database
    return Path(url.database)


def _add_files(work: Path, files_dir: Path) -> int:
    """Move the backup's scanned files that the data folder lacks into it."""
    added = 0
    for name, source in _scanned_files(work / "files"):
        target = files_dir / name.removeprefix("files/")
        if target.exists():
            continue
        target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        shutil.move(str(source), target)
        added += 1
    return added


def _log_restore(config: DeskConfig, username: str, detail: dict[str, object]) -> None:
    ctx = DeskContext.open(config, create=False)
    try:
        with ctx.db.write() as session:
            actor = store_office.get_user(session, username.strip().lower())
            store_audit.append(
                session,
                [
                    store_audit.entry(
                        AuditAction.BACKUP_RESTORED,
                        "backup",
                        at=now_in_office(),
                        actor=actor,
                        actor_name="" if actor else username,
                        detail=detail,
                    )
                ],
            )
    finally:
        ctx.close()


def _restore_sqlite(
    config: DeskConfig,
    path: Path,
    header: rules.BackupHeader,
    content_key: bytes,
    admin: User | None,
    username: str,
    password: str,
    report: ProgressCallable,
) -> RestoreResult:
    target = _sqlite_target(config)
    data_dir = config.data_dir
    with _work_folder(data_dir, "restore") as work:
        manifest = _extract(path, content_key, work, report)
        copy = work / "database.sqlite"
        if not copy.exists():
            raise _damaged(path, "no SQLite database in it")
        report("Kiểm tra dữ liệu và nhật ký của bản sao lưu", 0, 1)
        copy_ctx, admin = _check_copy(config, copy, path, username, password, admin)
        with copy_ctx.db.read() as session:
            dossier_count = store_backup.count_dossiers(session)
        copy_ctx.close()
        for suffix in store_backup.SQLITE_COMPANIONS:
            Path(f"{copy}{suffix}").unlink(missing_ok=True)
        if store_backup.sqlite_in_use(target):
            raise DatabaseInUse(
                "Một quầy khác đang dùng cơ sở dữ liệu này. Hãy đóng phần mềm trên mọi máy "
                "rồi khôi phục lại. Chưa có gì bị thay đổi.",
            )
        report("Thay cơ sở dữ liệu", 0, 1)
        stamp = now_in_office().strftime("%Y%m%d-%H%M%S")
        set_aside = data_dir / SET_ASIDE_FOLDER / f"{stamp}-{secrets.token_hex(2)}"
        (data_dir / SET_ASIDE_FOLDER).mkdir(mode=0o700, exist_ok=True)
        try:
            store_backup.set_aside_sqlite(target, set_aside)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(str(copy), target)
            os.chmod(target, 0o600)
            file_count = int(manifest.get("file_count", 0) or 0)  # type: ignore[call-overload]
            added = _add_files(work, config.files_dir)
        except OSError as exc:
            raise _disk_fault(exc, "cơ sở dữ liệu khôi phục") from None
    _log_restore(
        config,
        admin.username,
        {
            "file": path.name,
            "taken_at": header.taken_at,
            "agency_id": header.agency_id,
            "set_aside": str(set_aside),
            "files_added": added,
        },
    )
    report("Đã khôi phục xong", 1, 1)
    info = _info(path, header, True)
    return RestoreResult(info, set_aside, dossier_count, file_count)


def _restore_postgresql(
    config: DeskConfig,
    current: DeskContext | None,
    path: Path,
    header: rules.BackupHeader,
    content_key: bytes,
    admin: User | None,
    username: str,
    password: str,
    report: ProgressCallable,
) -> RestoreResult:
    if not config.database_owner_url:
        if current is not None:
            current.close()
        raise DeskError(
            "Khôi phục trên PostgreSQL cần tài khoản chủ sở hữu các bảng: đặt "
            "DESK_DATABASE_OWNER_URL (hoặc database_owner_url trong desk.toml).",
            code="backup.owner_url",
        )
    try:
        with _work_folder(config.data_dir, "restore") as work:
            manifest = _extract(path, content_key, work, report)
            dump = work / "database.pgdump"
            if not dump.exists() or store_backup.check_database_copy(dump) != "ok":
                raise _damaged(path, "no readable dump")
            set_aside = path
            if current is not None:
                report("Sao lưu dữ liệu hiện tại trước khi khôi phục", 0, 1)
                before = (
                    _take(current, reason="before-restore", to=None, actor=admin, progress=None)
                    if has_backup_key(current)
                    else []
                )
                set_aside = before[0].path if before else path
                current.close()
                current = None
            report("Nạp lại cơ sở dữ liệu", 0, 1)
            owner = store_backup.Database(
                config.database_owner_url, passfile=config.database_passfile
            )
            try:
                store_backup.pg_restore(
                    config.database_owner_url,
                    dump,
                    passfile=config.database_passfile,
                    password=None,
                )
                desk_db = store_backup.Database(
                    config.effective_database_url,
                    passfile=config.database_passfile,
                    password=_db_password(),
                )
                try:
                    migrate.upgrade(owner, app_role=migrate.connected_role(desk_db))
                finally:
                    desk_db.dispose()
            finally:
                owner.dispose()
            added = _add_files(work, config.files_dir)
    finally:
        if current is not None:
            current.close()
    ctx = DeskContext.open(config, create=False)
    try:
        user = _sign_in_admin(ctx, username, password) if admin is None else admin
        with ctx.db.read() as session:
            dossier_count = store_backup.count_dossiers(session)
    finally:
        ctx.close()
    _log_restore(
        config,
        user.username,
        {
            "file": path.name,
            "taken_at": header.taken_at,
            "agency_id": header.agency_id,
            "set_aside": str(set_aside),
            "files_added": added,
        },
    )
    report("Đã khôi phục xong", 1, 1)
    file_count = int(manifest.get("file_count", 0) or 0)  # type: ignore[call-overload]
    return RestoreResult(_info(path, header, True), set_aside, dossier_count, file_count)
