"""The tracking book (form 07): one volume per year, each dossier its own entry number,
drawn when it is recorded and kept; old databases get theirs when they are upgraded."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import text

from desk.config import DeskConfig
from desk.domain.calendar import OFFICE_TZ
from desk.domain.dossier import IntakeRequest, Person, ReceivedDocument
from desk.services import demo, dossiers, intake
from desk.services.context import DeskContext
from desk.store import migrate
from tests.conftest import DEMO_NOW
from tests.store.conftest import open_office


@pytest.fixture
def office(any_db_url: str, tmp_path: Path) -> Iterator[DeskContext]:
    ctx = open_office(any_db_url, tmp_path / "office")
    yield ctx
    ctx.close()


def _request(name: str) -> IntakeRequest:
    return IntakeRequest(
        procedure_code="1.004873",
        applicant=Person(name, phone="0912345678", address="Thôn Đông, xã Yên Lạc"),
        documents=[ReceivedDocument("Tờ khai", code="TK", originals=1)],
    )


def test_entries_are_numbered_per_year_and_kept(office: DeskContext) -> None:
    clerk = demo.demo_clerks(office)[0]
    at = [
        datetime(2026, 12, 30, 9, 0, tzinfo=OFFICE_TZ),
        datetime(2026, 12, 31, 9, 0, tzinfo=OFFICE_TZ),
        datetime(2027, 1, 4, 9, 0, tzinfo=OFFICE_TZ),  # a new year, a new volume
        datetime(2027, 1, 4, 9, 5, tzinfo=OFFICE_TZ),
    ]
    codes = [
        str(intake.receive_dossier(office, _request(f"Người {'ABCD'[i]}"), clerk, at=moment).code)
        for i, moment in enumerate(at)
    ]
    entries = [
        (d.book_year, d.book_number) for d in (dossiers.get_dossier(office, c) for c in codes)
    ]
    assert entries == [(2026, 1), (2026, 2), (2027, 1), (2027, 2)]


def test_an_upgraded_database_numbers_its_dossiers_in_the_order_received(
    any_db_url: str, tmp_path: Path
) -> None:
    config_of_desk = DeskConfig(data_dir=tmp_path, database_url=any_db_url)
    ctx = open_office(any_db_url, tmp_path)
    try:
        demo.add_demo_dossiers(ctx, 30, seed=5, now=DEMO_NOW)
        config = migrate.alembic_config()
        with ctx.db.engine.begin() as connection:
            # The database as a desk before the book entries left it.
            config.attributes["connection"] = connection
            command.downgrade(config, "0003")
    finally:
        ctx.close()
    ctx = DeskContext.open(config_of_desk)  # upgrades at start-up
    ctx.act_as(demo.demo_account(ctx, "quantri"))
    try:
        with ctx.db.read() as session:
            rows = session.execute(
                text(
                    "SELECT book_year, book_number, received_day FROM dossiers "
                    "ORDER BY received_at, id"
                )
            ).all()
            counters: dict[int, int] = {
                int(year): int(last)
                for year, last in session.execute(
                    text("SELECT year, last_value FROM yearly_counters WHERE kind = 'book'")
                ).all()
            }
        years = sorted({row.book_year for row in rows})
        for year in years:
            numbers = [row.book_number for row in rows if row.book_year == year]
            assert numbers == list(range(1, len(numbers) + 1))
            assert counters[year] == len(numbers)
        assert all(str(row.book_year) == str(row.received_day)[:4] for row in rows)
        # The next dossier continues the year's volume.
        clerk = demo.demo_clerks(ctx)[0]
        last_year = years[-1]
        moment = datetime(last_year, 12, 28, 9, 0, tzinfo=OFFICE_TZ)
        fresh = intake.receive_dossier(ctx, _request("Người mới"), clerk, at=moment)
        assert dossiers.get_dossier(ctx, str(fresh.code)).book_number == counters[last_year] + 1
    finally:
        ctx.close()


def test_the_bulk_demo_numbers_every_dossier(office: DeskContext) -> None:
    demo.add_demo_dossiers(office, 60, seed=3, now=DEMO_NOW, bulk=True)
    demo.add_demo_dossiers(office, 40, seed=4, now=DEMO_NOW, bulk=True)
    with office.db.read() as session:
        rows = session.execute(
            text("SELECT book_year, book_number FROM dossiers ORDER BY book_year, book_number")
        ).all()
    assert len(rows) == 100 and all(row.book_number is not None for row in rows)
    for year in {row.book_year for row in rows}:
        numbers = [row.book_number for row in rows if row.book_year == year]
        assert numbers == list(range(1, len(numbers) + 1))
