"""The office's encrypted backups and their restore (issue 12, "Never lose the office").

The public names of this package are the backup API the window, ``desk check`` and the
command line use; the work is done in its modules.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from desk.config import DeskConfig
    from desk.services.context import DeskContext


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


def has_backup_key(ctx: DeskContext) -> bool:
    raise NotImplementedError


def set_passphrase(ctx: DeskContext, passphrase: str) -> None:
    raise NotImplementedError


def take_backup(
    ctx: DeskContext,
    *,
    reason: str = "manual",
    to: Path | None = None,
    progress: BackupProgress | None = None,
) -> list[BackupInfo]:
    raise NotImplementedError


def backup_if_due(
    ctx: DeskContext, *, reason: str, progress: BackupProgress | None = None
) -> list[BackupInfo]:
    raise NotImplementedError


def list_backups(ctx: DeskContext) -> list[BackupInfo]:
    raise NotImplementedError


def backup_info(path: Path) -> BackupInfo:
    raise NotImplementedError


def latest_backup_path(backup_dir: Path) -> Path | None:
    raise NotImplementedError


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
    raise NotImplementedError
