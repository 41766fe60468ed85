"""The export's fast path (issue 16): the instants read for the province's records become
the province's text as the zone's rules give it (kept converted, NULL as ""), on SQLite
and PostgreSQL; a record's due time is the one last promised; and the export's lines,
written a run at a time, are every item's line in order, none lost at a run's end."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Column, Integer, MetaData, Table, bindparam, create_engine, select
from sqlalchemy.engine import Engine

from desk.domain.calendar import OFFICE_TZ
from desk.domain.dossier import ApplicantKind, Channel
from desk.domain.outbox import ProvinceRecord
from desk.domain.status import Status
from desk.services import export
from desk.store.models import Instant
from desk.store.raw_reads import BatchRead
from desk.sync.items import item_json, province_item
from tests.store.conftest import fresh_postgres_database

_MOMENTS = Table(
    "moments", MetaData(), Column("id", Integer, primary_key=True), Column("at", Instant)
)
_READ = BatchRead(
    select(_MOMENTS.c.id, _MOMENTS.c.at)
    .where(_MOMENTS.c.id.in_(bindparam("ids", expanding=True)))
    .order_by(_MOMENTS.c.id),
    {"at": "province_time"},
)


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    if request.param == "sqlite":
        made = create_engine(f"sqlite:///{tmp_path / 'moments.sqlite'}")
        yield made
        made.dispose()
        return
    with fresh_postgres_database() as url:
        made = create_engine(url)
        yield made
        made.dispose()


def test_stored_instants_read_as_the_zones_province_text(engine: Engine) -> None:
    # 1940 on: Vietnam's offset was not always +07:00 before 1976. More distinct instants
    # than are kept converted (4,096), each stored twice, and NULLs between them.
    start = datetime(1940, 1, 1, tzinfo=UTC)
    moments: list[datetime | None] = [
        start + timedelta(hours=97, minutes=13, seconds=7, microseconds=11) * n
        for n in range(0, 15_000, 3)
    ]
    moments = [m for moment in moments for m in (moment, None, moment)]
    _MOMENTS.metadata.create_all(engine)
    with engine.begin() as connection:
        connection.execute(
            _MOMENTS.insert(), [{"id": i, "at": m} for i, m in enumerate(moments, 1)]
        )
    expected = [m.astimezone(OFFICE_TZ).strftime("%Y%m%d%H%M%S") if m else "" for m in moments]
    read: list[str] = []
    with engine.connect() as connection:
        ids = list(range(1, len(moments) + 1))
        for _ in range(2):  # the second time from what was kept, where it was
            read = [
                at
                for start in range(0, len(ids), 500)
                for _, at in _READ.rows(connection, ids[start : start + 500])
            ]
            assert read == expected


def _record(n: int, due: str, rescheduled: str = "") -> ProvinceRecord:
    return ProvinceRecord(
        n,
        f"000.00.00.H56-261203-{n:04d}",
        1,
        "1.001",
        "Đăng ký khai sinh",
        "HT",
        "Hộ tịch",
        Channel.IN_PERSON,
        "Trần Văn Đức",
        "001090000001",
        ApplicantKind.CITIZEN,
        "",
        "",
        "",
        "20261203080000",
        due,
        rescheduled,
        Status.RECEIVED,
        "",
        "",
        "",
        "",
        [],
        [],
        [("Nguyễn Thị Ánh", "Công chức", "20261203080000", "", Status.RECEIVED)],
    )


def test_the_due_time_given_is_the_rescheduled_one_when_there_is_one() -> None:
    assert province_item(_record(1, "20261205170000"))["NgayHenTra"] == "20261205170000"
    rescheduled = province_item(_record(1, "20261205170000", "20261210170000"))
    assert rescheduled["NgayHenTra"] == "20261210170000"


class _Handle:
    def __init__(self) -> None:
        self.writes: list[bytes] = []

    def write(self, data: bytes) -> int:
        self.writes.append(data)
        return len(data)


@pytest.mark.parametrize(
    ("dossiers", "limit"), [(0, None), (1, None), (256, None), (600, None), (600, 513)]
)
def test_the_lines_written_in_runs_are_every_items_line_in_order(
    monkeypatch: pytest.MonkeyPatch, dossiers: int, limit: int | None
) -> None:
    records = [_record(n, f"2026121{n % 10}170000") for n in range(dossiers)]

    def stream(session: Any, *, since: Any = None) -> Iterator[ProvinceRecord]:
        yield from records

    monkeypatch.setattr(export.province_records, "iter_province_records", stream)
    handle = _Handle()
    wanted = records[:limit]
    assert export.write_items(None, handle, limit=limit) == len(wanted)  # type: ignore[arg-type]
    assert b"".join(handle.writes) == b"".join(item_json(province_item(r)) + b"\n" for r in wanted)
    assert all(data.count(b"\n") <= 256 for data in handle.writes)
    assert len(handle.writes) <= len(wanted) // 256 + 1
