"""Instants as the office database stores them, without SQLAlchemy: ``tables.Instant``
converts with these, and so do the reads on the driver's own cursor (``raw_reads``) and
the print path that opens a SQLite office without SQLAlchemy (``desk.store.plain``)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from desk.domain.calendar import OFFICE_TZ

SQLITE_INSTANT_FORMAT = "%Y-%m-%d %H:%M:%S.%f"

# Instants read back are in office time with its fixed offset: Vietnam has kept UTC+07:00
# without daylight saving since 1975, before any record of an office, and a fixed offset
# converts several times faster than the zone's rules (a page of the list converts
# hundreds). It equals OFFICE_TZ for every instant an office holds.
OFFICE_OFFSET = timezone(OFFICE_TZ.utcoffset(datetime(2000, 1, 1)) or timedelta(hours=7))
_TO_OFFICE = OFFICE_OFFSET.utcoffset(None)
_from_iso = datetime.fromisoformat


def instant_to_db(value: datetime | None, engine: str) -> Any:
    """An instant as the driver of ``engine`` ("sqlite", "postgresql") takes it."""
    if value is None:
        return None
    if value.tzinfo is None:
        raise ValueError("naive datetime given to an Instant column")
    utc = value.astimezone(UTC)
    if engine == "sqlite":
        return utc.strftime(SQLITE_INSTANT_FORMAT)
    return utc


def instant_from_db(value: Any) -> datetime | None:
    """An instant as the driver returns it (UTC text on SQLite, an aware datetime on
    PostgreSQL) in office time."""
    if value is None:
        return None
    if isinstance(value, str):
        # Our own format, always UTC: read as UTC and moved to the fixed office offset in
        # C, about 1.7× faster than shifting by hand (docs/performance.md, issue 16). Text
        # that does not read so (it names an offset of its own) is shifted as it always was.
        try:
            return _from_iso(value + "+00:00").astimezone(OFFICE_OFFSET)
        except ValueError:
            return (_from_iso(value) + _TO_OFFICE).replace(tzinfo=OFFICE_OFFSET)
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(OFFICE_OFFSET)
