"""Instants read back in office time through the fixed +07:00 offset (issue 16): the same
moment, and the same wall time, as the zone's own rules give for every instant an office
can hold."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from desk.domain.calendar import OFFICE_TZ
from desk.store.models import SQLITE_INSTANT_FORMAT, instant_from_db, instant_to_db


def instants() -> list[datetime]:
    start = datetime(1976, 1, 1, tzinfo=UTC)
    # Every 97 hours 13 minutes over 125 years: every month, hour and minute of the day.
    step = timedelta(hours=97, minutes=13, microseconds=7)
    return [start + step * n for n in range(0, 11_300)]


@pytest.mark.parametrize("engine", ["sqlite", "postgresql"])
def test_an_instant_read_back_is_the_same_moment_and_wall_time_as_the_zone_gives(
    engine: str,
) -> None:
    for moment in instants():
        stored = instant_to_db(moment, engine)
        read = instant_from_db(stored)
        expected = moment.astimezone(OFFICE_TZ)
        assert read == expected
        assert read is not None and read.replace(tzinfo=None) == expected.replace(tzinfo=None)
        assert read.utcoffset() == timedelta(hours=7)


def test_sqlite_text_keeps_microseconds_and_a_naive_instant_is_refused() -> None:
    moment = datetime(2026, 12, 2, 3, 4, 5, 678901, tzinfo=OFFICE_TZ)
    stored = instant_to_db(moment, "sqlite")
    assert stored == moment.astimezone(UTC).strftime(SQLITE_INSTANT_FORMAT)
    assert instant_from_db(stored) == moment
    with pytest.raises(ValueError):
        instant_to_db(datetime(2026, 12, 2), "sqlite")


def test_a_text_naming_its_own_offset_reads_as_it_always_did() -> None:
    # Never written by the desk (its text is UTC without an offset); read as before.
    read = instant_from_db("2026-11-22 01:30:00.000000+05:00")
    assert read == datetime(2026, 11, 22, 8, 30, tzinfo=OFFICE_TZ)
    with pytest.raises(ValueError):
        instant_from_db("2026-13-45 99:00")
