"""What a backup is called, what its clear header says, and which backups a place keeps.

Plain data and pure functions: the services write and read the files, the store takes the
snapshots. The header is readable without the passphrase (so ``desk backup list`` and the
corrupt-database message can name a backup) and holds no personal data: only the office's
agency id, counts, the moment and the keys.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

MAGIC = b"DESKBAK1"
FORMAT_VERSION = 1
SUFFIX = ".deskbackup"

REASONS = ("daily", "closing", "manual", "before-migration", "before-restore")
# Copies taken before a migration or a restore are not part of the daily rhythm: each is
# kept this long, then removed by rotation like any other.
SPECIAL_REASONS = ("before-migration", "before-restore")
SPECIAL_KEEP_DAYS = 90
KEEP_DAILY = 7
KEEP_WEEKLY = 4
KEEP_MONTHLY = 12

_NAME = re.compile(
    r"^(?P<agency>[A-Za-z0-9._-]+?)-(?P<stamp>\d{8}-\d{6})-(?P<reason>[a-z-]+)"
    + re.escape(SUFFIX)
    + "$"
)


def backup_file_name(agency_id: str, taken_at: datetime, reason: str) -> str:
    """``<agency_id>-<YYYYmmdd-HHMMSS>-<reason>.deskbackup`` (office time)."""
    safe_agency = re.sub(r"[^A-Za-z0-9._-]", "_", agency_id) or "office"
    return f"{safe_agency}-{taken_at.strftime('%Y%m%d-%H%M%S')}-{reason}{SUFFIX}"


def parse_file_name(name: str) -> tuple[str, datetime, str] | None:
    """(agency id, taken at as a naive office time, reason) of a backup's file name; None
    for any other name (a partial file starts with a dot and never matches)."""
    match = _NAME.match(name)
    if match is None:
        return None
    try:
        moment = datetime.strptime(match["stamp"], "%Y%m%d-%H%M%S")
    except ValueError:
        return None
    return match["agency"], moment, match["reason"]


@dataclass(frozen=True, slots=True)
class BackupHeader:
    """The clear header of a .deskbackup file, authenticated as the body's associated data."""

    agency_id: str
    taken_at: str  # ISO 8601, office time with its offset
    reason: str
    schema_revision: str
    dossier_count: int
    file_count: int
    backend: str  # "sqlite" | "postgresql": what the database member is
    key_id: int  # the office's backup_keys row the backup is encrypted to
    recipient_public: str  # base64 of that key's X25519 public key
    ephemeral_public: str  # base64 of this backup's own X25519 public key
    wrapped_key: dict[str, Any] = field(default_factory=dict)  # the passphrase-sealed key
    chunk_size: int = 1 << 20
    format_version: int = FORMAT_VERSION

    def to_bytes(self) -> bytes:
        return json.dumps(asdict(self), sort_keys=True, separators=(",", ":")).encode("utf-8")

    @classmethod
    def from_bytes(cls, data: bytes) -> BackupHeader:
        """Raises ValueError (or KeyError/TypeError) when it is not a header of this format."""
        raw = json.loads(data.decode("utf-8"))
        if not isinstance(raw, dict):
            raise ValueError("header is not an object")
        names = set(cls.__dataclass_fields__)
        header = cls(**{key: value for key, value in raw.items() if key in names})
        if not isinstance(header.chunk_size, int) or not 0 < header.chunk_size <= 64 << 20:
            raise ValueError("bad chunk size")
        return header

    @property
    def moment(self) -> datetime:
        return datetime.fromisoformat(self.taken_at)


@dataclass(frozen=True, slots=True)
class Kept:
    """A backup as rotation sees it."""

    key: str  # its file name
    taken_at: datetime
    reason: str
    verified: bool = True


def _week(day: date) -> tuple[int, int]:
    iso = day.isocalendar()
    return iso[0], iso[1]


def to_keep(backups: Sequence[Kept], now: datetime) -> set[str]:
    """The backups of one place to keep: the newest of each of the last ``KEEP_DAILY``
    days that have a backup, of the last ``KEEP_WEEKLY`` ISO weeks and of the last
    ``KEEP_MONTHLY`` months; copies taken before a migration or a restore for
    ``SPECIAL_KEEP_DAYS``. Only verified backups count towards a slot (an unverified one is
    kept only while it is the newest of its day, so a failed check is not rotated away
    before someone sees it); the newest verified backup is always kept."""
    regular = sorted(
        (b for b in backups if b.reason not in SPECIAL_REASONS),
        key=lambda b: (b.taken_at, b.key),
        reverse=True,
    )
    keep: set[str] = set()
    for period, count in ((lambda d: d, KEEP_DAILY), (_week, KEEP_WEEKLY), (_month, KEEP_MONTHLY)):
        seen: list[object] = []
        for backup in regular:
            if not backup.verified:
                continue
            slot = period(backup.taken_at.date())
            if slot in seen:
                continue
            if len(seen) >= count:
                break
            seen.append(slot)
            keep.add(backup.key)
    newest_day = {b.taken_at.date() for b in regular[:1]}
    keep.update(b.key for b in regular if not b.verified and b.taken_at.date() in newest_day)
    for backup in backups:
        if backup.reason in SPECIAL_REASONS and now - backup.taken_at <= timedelta(
            days=SPECIAL_KEEP_DAYS
        ):
            keep.add(backup.key)
    verified = [b for b in backups if b.verified]
    if verified:
        keep.add(max(verified, key=lambda b: b.taken_at).key)
    return keep


def _month(day: date) -> tuple[int, int]:
    return day.year, day.month


def to_remove(backups: Iterable[Kept], now: datetime) -> list[str]:
    """The file names rotation removes (see :func:`to_keep`)."""
    listed = list(backups)
    keep = to_keep(listed, now)
    return [b.key for b in listed if b.key not in keep]
