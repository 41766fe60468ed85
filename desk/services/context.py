"""The composition every use case needs: settings, database, office, calendar, catalogue."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from desk.atomic import keep_private
from desk.config import CONFIG_FILE_NAME, PRIVATE_FOLDERS, DeskConfig, load_config
from desk.database_password import database_password
from desk.domain.access import Permission, require
from desk.domain.calendar import WorkingCalendar
from desk.domain.catalogue import Catalogue
from desk.domain.office import Office, User
from desk.errors import DeskError
from desk.store import checks, faults, migrate, start_check
from desk.store import office as store_office
from desk.store.db import Database, normalise_url
from desk.store.sqlite_setup import sqlite_files
from desk.store.start_check import quick_check_sqlite

log = logging.getLogger(__name__)

# The folders of the data folder that hold personal data or secrets: 0700, files 0600.
SINGLE_ROLE_WARNING = (
    "the desk connects to PostgreSQL as the owner of the tables (%s): that role can "
    "truncate the log or disable its triggers; give the desk its own role "
    "(database_url) and keep the owner for DESK_DATABASE_OWNER_URL"
)


@dataclass
class DeskContext:
    config: DeskConfig
    db: Database
    # The account this context acts for: set by signing in (the window's sign-in, the
    # command line's DESK_USER), checked by every service through ``require``.
    user: User | None = None
    _office: Office | None = field(default=None, repr=False)
    _calendar: WorkingCalendar | None = field(default=None, repr=False)
    _catalogue: Catalogue | None = field(default=None, repr=False)

    @classmethod
    def open(
        cls, config: DeskConfig | None = None, *, db_url: str | None = None, create: bool = True
    ) -> DeskContext:
        """Open the office database, migrating it first (after a backup of a SQLite file),
        and keep the data folder to this OS user.

        A SQLite file is judged first, by reading only (``desk.store.faults``): one that
        is corrupt, some other software's or a newer desk's is refused untouched, and a
        missing one is created only when ``create`` (``desk setup``, ``desk demo``, the
        window's first run); the command line's other commands pass ``create=False``, so a
        mistyped ``--db`` says so instead of opening a new, empty office.

        On PostgreSQL the desk connects as its own role (``database_url``); migrations run
        as the tables' owner (``database_owner_url``), which then grants the desk's role
        what it needs. Without the owner's URL a schema that is behind stops the desk,
        unless the desk's role owns the tables itself (a one-role set-up: it works, with a
        warning, but that role can erase the log)."""
        config = config or load_config(db_url=db_url)
        url = normalise_url(config.effective_database_url)
        if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
            faults.check_sqlite_file(
                Path(url.database), create=create, backup_dir=config.backup_dir
            )
            quick_check_sqlite(Path(url.database), config.backup_dir)
        db = Database(url, passfile=config.database_passfile, password=database_password())
        db.backup_dir = config.backup_dir
        try:
            with db.faults():
                if db.is_sqlite:
                    migrate.upgrade(db, backup_dir=config.backup_dir)
                    _check_log_tail(db)
                elif config.database_owner_url:
                    _upgrade_as_owner(db, config)
                else:
                    _upgrade_as_desk(db)
            keep_private(
                config.data_dir,
                folders=PRIVATE_FOLDERS,
                files=(*_database_files(db), config.data_dir / CONFIG_FILE_NAME),
            )
        except BaseException:
            db.dispose()
            raise
        return cls(config, db)

    def act_as(self, user: User | None) -> None:
        """Act for ``user`` from now on (an account signed in; None signs out)."""
        self.user = user

    def require(self, permission: Permission) -> User:
        """The acting account, if its role allows ``permission``; else NotSignedIn or
        NotAllowed (``desk.domain.access``)."""
        return require(self.user, permission)

    @property
    def office(self) -> Office:
        if self._office is None:
            with self.db.connect_read() as connection:
                self._office = store_office.load_office(connection)
            if self._office is None:
                raise DeskError(
                    "Cơ sở dữ liệu chưa có thông tin cơ quan. Chạy «desk demo» để tạo văn phòng "
                    "mẫu, hoặc «desk setup» để thiết lập văn phòng thật.",
                    code="office.missing",
                )
        return self._office

    @property
    def has_office(self) -> bool:
        try:
            _ = self.office
        except DeskError:
            return False
        return True

    @property
    def calendar(self) -> WorkingCalendar:
        if self._calendar is None:
            with self.db.connect_read() as connection:
                overrides = store_office.load_calendar_overrides(connection)
            self._calendar = WorkingCalendar(hours=self.office.hours, overrides=overrides)
        return self._calendar

    def catalogue(self) -> Catalogue:
        """The active procedures, read once: intake looks them up on every dossier."""
        if self._catalogue is None:
            with self.db.read() as session:
                self._catalogue = store_office.load_catalogue(session)
        return self._catalogue

    def forget_cached(self) -> None:
        """Drop cached office and calendar after a settings change."""
        self._office = None
        self._calendar = None
        self._catalogue = None

    def close(self) -> None:
        self.db.dispose()


def _check_log_tail(db: Database) -> None:
    """The log's newest entries re-hashed: a break is said (``desk audit verify`` names
    it), not a reason to stop the desk, whose inspectors need it open to look."""
    with db.connect_read() as connection:
        broken = checks.audit_tail_break(connection, start_check.AUDIT_TAIL)
    if broken is not None:
        log.warning(
            "Các mục cuối của nhật ký không khớp (%s): chạy «desk check» hoặc «desk audit "
            "verify» để xem chi tiết.",
            broken,
        )


def _upgrade_as_owner(db: Database, config: DeskConfig) -> None:
    owner = Database(config.database_owner_url, passfile=config.database_passfile, password=None)
    try:
        # The owner's URL is another connection: its faults are told apart on their own.
        with owner.faults():
            owner_role = migrate.connected_role(owner)
            desk_role = migrate.connected_role(db)
            if owner_role == desk_role:
                log.warning(SINGLE_ROLE_WARNING, desk_role)
                migrate.upgrade(owner)
            else:
                migrate.upgrade(owner, app_role=desk_role)
    finally:
        owner.dispose()


def _upgrade_as_desk(db: Database) -> None:
    """PostgreSQL with only the desk's own URL."""
    behind = migrate.checked_revision(db) != migrate.SCHEMA_HEAD
    if not migrate.can_migrate(db):
        if behind:
            raise DeskError(
                "Cơ sở dữ liệu cần nâng cấp lên phiên bản mới, mà vai trò của phần mềm "
                f"({migrate.connected_role(db)}) không được sửa cấu trúc bảng: chạy «desk» "
                "một lần với DESK_DATABASE_OWNER_URL là địa chỉ của vai trò chủ sở hữu bảng "
                "(ví dụ DESK_DATABASE_OWNER_URL=postgresql://chu_so_huu@may/desk desk audit "
                "head), rồi dùng lại như thường.",
                code="db.upgrade_needs_owner",
            )
        return
    log.warning(SINGLE_ROLE_WARNING, migrate.connected_role(db))
    if behind:
        migrate.upgrade(db)


def _database_files(db: Database) -> tuple[Path, ...]:
    """The SQLite file and its companions (WAL, shared memory, rollback journal)."""
    path = db.sqlite_path
    return () if path is None else sqlite_files(path)
