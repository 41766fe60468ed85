"""Restoring a backup: every check on a private copy before the current database is
touched; the current database (with its WAL/SHM/journal) set aside, never deleted."""

from __future__ import annotations

import logging
import os
import secrets
import shutil
from dataclasses import replace
from pathlib import Path

from desk.config import DeskConfig
from desk.domain import backup as rules
from desk.domain.access import Permission
from desk.domain.audit import AuditAction
from desk.domain.calendar import now_in_office
from desk.domain.office import User
from desk.errors import DeskError, EnvironmentFault
from desk.services.backup.model import (
    SET_ASIDE_FOLDER,
    BackupProgress,
    DamagedBackup,
    DatabaseInUse,
    OtherOfficeBackup,
    ProgressCallable,
    RestoreResult,
    damaged,
    disk_fault,
    has_backup_key,
    header_of,
    info_of,
    progress_of,
    wrong_passphrase,
)
from desk.services.backup.take import db_password, scanned_files, take, work_folder
from desk.services.context import DeskContext
from desk.store import audit as store_audit
from desk.store import backup as store_backup
from desk.store import backup_archive as archive
from desk.store import backup_crypto as crypto
from desk.store import migrate
from desk.store import office as store_office

log = logging.getLogger(__name__)
# --- restoring --------------------------------------------------------------------------


def _open_current(config: DeskConfig) -> DeskContext | None:
    """The current office, when its database opens and holds an office; None when it is
    missing, corrupt or empty (the restore is what repairs it)."""
    try:
        ctx = DeskContext.open(config, create=False)
    except EnvironmentFault as exc:
        log.info("restore: the current database does not open: %s", exc.code)
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
    report = progress_of(progress)
    header = header_of(path)
    current = _open_current(config)
    admin: User | None = None
    try:
        if current is not None:
            admin = _sign_in_admin(current, username, password)
            if current.office.agency_id != header.agency_id and not other_office:
                raise _other_office(header, current.office.agency_id)
    except BaseException:
        if current is not None:
            current.close()
        raise
    if current is not None and header.backend == "sqlite":
        current.close()  # the file is replaced: this process keeps no connection to it
        current = None
    report("Mở khóa bản sao lưu", 0, 1)
    try:
        private = crypto.unwrap(header.wrapped_key, passphrase)
    except crypto.WrongPassphrase:
        if current is not None:
            current.close()
        raise wrong_passphrase() from None
    except (KeyError, ValueError, TypeError):
        if current is not None:
            current.close()
        raise damaged(path, "wrapped key") from None
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
        raise damaged(path, str(exc)) from None
    except OSError as exc:
        raise disk_fault(exc, "bản giải mã tạm") from None


def _check_copy(
    config: DeskConfig, copy: Path, path: Path, username: str, password: str, admin: User | None
) -> tuple[DeskContext, User]:
    """Open the restored copy (migrated if older) and check its log; the admin is
    signed in on the copy when the current office could not check the credentials."""
    verdict = store_backup.sqlite_integrity(copy)
    if verdict != "ok":
        raise damaged(path, f"integrity: {verdict}")
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
    for name, source in scanned_files(work / "files"):
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
    with work_folder(data_dir, "restore") as work:
        manifest = _extract(path, content_key, work, report)
        copy = work / "database.sqlite"
        if not copy.exists():
            raise damaged(path, "no SQLite database in it")
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
            raise disk_fault(exc, "cơ sở dữ liệu khôi phục") from None
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
    info = info_of(path, header, True)
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
        with work_folder(config.data_dir, "restore") as work:
            manifest = _extract(path, content_key, work, report)
            dump = work / "database.pgdump"
            if not dump.exists() or store_backup.check_database_copy(dump) != "ok":
                raise damaged(path, "no readable dump")
            set_aside = path
            if current is not None:
                report("Sao lưu dữ liệu hiện tại trước khi khôi phục", 0, 1)
                before = (
                    take(current, reason="before-restore", to=None, actor=admin, progress=None)
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
                    password=db_password(),
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
    return RestoreResult(info_of(path, header, True), set_aside, dossier_count, file_count)
