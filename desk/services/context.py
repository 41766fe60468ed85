"""The composition every use case needs: settings, database, office, calendar, catalogue."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from desk.config import DeskConfig, load_config
from desk.domain.access import Permission, require
from desk.domain.calendar import WorkingCalendar
from desk.domain.catalogue import Catalogue
from desk.domain.office import Office, User
from desk.errors import DeskError
from desk.store import migrate
from desk.store import office as store_office
from desk.store.db import Database

log = logging.getLogger(__name__)


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
    def open(cls, config: DeskConfig | None = None, *, db_url: str | None = None) -> DeskContext:
        """Open the office database, migrating it first (after a backup of a SQLite file)."""
        config = config or load_config(db_url=db_url)
        db = Database(config.effective_database_url)
        migrate.upgrade(db, backup_dir=config.backup_dir)
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
            with self.db.read() as session:
                self._office = store_office.load_office(session)
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
            with self.db.read() as session:
                overrides = store_office.load_calendar_overrides(session)
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
