"""The office's encrypted backups and their restore (issue 12, "Never lose the office").

The public names of this package are the backup API the window, ``desk check`` and the
command line use (see docs/backup.md); the work is done in its modules: ``model`` (the
values, errors, the key and the list of backups), ``take`` and ``restore``.
"""

from __future__ import annotations

from desk.services.backup.model import (
    PASSPHRASE_MIN_LENGTH,
    BackupError,
    BackupInfo,
    BackupProgress,
    DamagedBackup,
    DatabaseInUse,
    NoBackupKey,
    NotADeskBackup,
    OtherOfficeBackup,
    RestoreResult,
    WrongBackupPassphrase,
    backup_info,
    check_passphrase,
    has_backup_key,
    latest_backup_path,
    list_backups,
    missed_second_place,
    missing_places,
    new_backup_key,
    set_passphrase,
    store_new_key,
)
from desk.services.backup.restore import restore_backup
from desk.services.backup.take import backup_if_due, rotate, take_backup

__all__ = [
    "PASSPHRASE_MIN_LENGTH",
    "BackupError",
    "BackupInfo",
    "BackupProgress",
    "DamagedBackup",
    "DatabaseInUse",
    "NoBackupKey",
    "NotADeskBackup",
    "OtherOfficeBackup",
    "RestoreResult",
    "WrongBackupPassphrase",
    "backup_if_due",
    "backup_info",
    "check_passphrase",
    "has_backup_key",
    "latest_backup_path",
    "list_backups",
    "missed_second_place",
    "missing_places",
    "new_backup_key",
    "restore_backup",
    "rotate",
    "set_passphrase",
    "store_new_key",
    "take_backup",
]
