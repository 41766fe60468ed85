"""The province's records read straight from the rows (the sync push, the export) give the
very items of the whole dossiers (``dossier_item``), on SQLite and PostgreSQL, whatever
the order and the size of the batch asked for — the owner named among a dossier's people
included. A stored value the records' reader cannot read back is the corrupt-database
fault naming its column and its dossier; an error of the desk's own stays a bug."""

from __future__ import annotations

import sqlite3
from collections.abc import Generator, Iterator
from contextlib import closing
from pathlib import Path

import pytest
from sqlalchemy import text

from desk.config import DeskConfig
from desk.errors import CorruptDatabase
from desk.services import demo
from desk.services.context import DeskContext
from desk.services.export import export_jsonl
from desk.store import dossiers as store_dossiers
from desk.store import province_records
from desk.store import sync_repository as sync_repo
from desk.sync.items import dossier_item, province_item
from tests.conftest import DEMO_NOW
from tests.store.conftest import mixed_demo_office


@pytest.fixture(params=["sqlite", "postgresql"])
def office(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[DeskContext]:
    with mixed_demo_office(request, tmp_path / "office", 150, 10, seed=21) as ctx:
        yield ctx


def _name_owners(ctx: DeskContext) -> list[int]:
    """Two dossiers get owners among their people (the catalogue names none): one owner,
    and two of them, the first of which the province is given."""
    with ctx.db.write() as session:
        ids = [int(i) for i in session.scalars(text("SELECT id FROM dossiers ORDER BY id"))]
        people = [int(i) for i in session.scalars(text("SELECT id FROM people ORDER BY id"))]
        insert = text(
            "INSERT INTO dossier_people (dossier_id, position, role, person_id) "
            "VALUES (:d, :p, 'owner', :person)"
        )
        session.execute(insert, {"d": ids[3], "p": 20, "person": people[-1]})
        session.execute(insert, {"d": ids[7], "p": 21, "person": people[-2]})
        session.execute(insert, {"d": ids[7], "p": 22, "person": people[-3]})
    return [ids[3], ids[7]]


def test_records_make_the_items_of_the_whole_dossiers(office: DeskContext) -> None:
    owned = _name_owners(office)
    with office.db.snapshot() as session:
        dossiers = [
            store_dossiers.get_dossier(session, code) for code in store_dossiers.all_codes(session)
        ]
        ids = [d.id for d in dossiers]
        # Any order asked, any size (a batch is padded to a power of two): code order back.
        batches = [
            sync_repo.load_province_records(session, ids[::-1]),
            [
                r
                for start in range(0, 160, 3)
                for r in province_records.load_province_records(session, ids[start : start + 3])
            ],
            list(province_records.iter_province_records(session, batch_size=37)),
        ]
    expected = [dossier_item(d) for d in dossiers]
    for records in batches:
        assert [r.dossier_id for r in records] == ids
        assert [province_item(r) for r in records] == expected
    by_id = {d.id: d for d in dossiers}
    assert [by_id[i].owner is not by_id[i].applicant for i in owned] == [True, True]
    items = {r.dossier_id: province_item(r) for r in batches[0]}
    assert [items[i]["ChuHoSo"] for i in owned] == [by_id[i].owner.full_name for i in owned]
    # The office is varied enough for the comparison to mean something.
    assert any(len(d.fees) > 1 for d in dossiers)
    assert any(d.documents and d.documents[0].attachment_sha256 for d in dossiers)
    assert any(len(d.events) > 3 for d in dossiers)
    assert any(d.rescheduled_due_at for d in dossiers) or any(d.returned_at for d in dossiers)


@pytest.fixture
def sqlite_office(tmp_path: Path) -> Iterator[DeskContext]:
    ctx = DeskContext.open(DeskConfig(data_dir=tmp_path / "office"))
    demo.ensure_demo_office(ctx)
    demo.add_demo_dossiers(ctx, 12, seed=23, now=DEMO_NOW, bulk=True, workers=0)
    ctx.act_as(demo.demo_account(ctx, "quantri"))
    yield ctx
    ctx.close()


def _garble(ctx: DeskContext, sql: str) -> str:
    """Run ``sql`` on the sixth dossier (``?``: its id) behind the desk's back; its code."""
    path = ctx.db.sqlite_path
    assert path is not None
    with closing(sqlite3.connect(path)) as connection, connection:
        dossier_id, code = connection.execute(
            "SELECT id, code FROM dossiers ORDER BY code LIMIT 1 OFFSET 5"
        ).fetchone()
        # A page garbled on disk minds no trigger: the history's append-only one is lifted.
        triggers = connection.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger'"
        ).fetchall()
        for name, _ in triggers:
            connection.execute(f"DROP TRIGGER {name}")
        connection.execute(sql, [dossier_id])
        for _, made in triggers:
            connection.execute(made)
    return str(code)


@pytest.mark.parametrize(
    ("sql", "column"),
    [
        ("UPDATE dossiers SET received_at = '2026-13-45 99:00' WHERE id = ?", "received_at"),
        ("UPDATE status_events SET at = 'hôm qua' WHERE dossier_id = ?", "at"),
        # Not in the province's item, read all the same: a damaged office is told.
        ("UPDATE dossiers SET form_data = '{\"hôm qua' WHERE id = ?", "form_data"),
        ("UPDATE status_events SET detail = '[hôm qua' WHERE dossier_id = ?", "detail"),
    ],
    ids=["dossier", "event", "form-data", "event-detail"],
)
def test_a_garbled_value_in_the_records_is_a_damaged_database_naming_where(
    sqlite_office: DeskContext, tmp_path: Path, sql: str, column: str
) -> None:
    code = _garble(sqlite_office, sql)
    out = tmp_path / "export.jsonl"
    with pytest.raises(CorruptDatabase) as raised:
        export_jsonl(sqlite_office, out)
    message = raised.value.message
    assert "bị hỏng" in message
    assert f"«{column}» của hồ sơ {code}" in message
    assert "hôm qua" not in message and "2026-13-45" not in message  # never the value
    assert not out.exists()
    # The whole dossier's loader says the same.
    with pytest.raises(CorruptDatabase) as again, sqlite_office.db.read() as session:
        store_dossiers.get_dossier(session, code)
    assert f"«{column}» của hồ sơ {code}" in again.value.message


def test_a_value_error_of_the_desks_own_making_in_the_records_stays_a_bug(
    sqlite_office: DeskContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(kind: object, value: object) -> object:
        raise ValueError("a bug of the desk's own")

    monkeypatch.setattr(province_records, "member", broken)
    with sqlite_office.db.read() as session:
        ids = list(session.scalars(text("SELECT id FROM dossiers")))
    with (
        pytest.raises(ValueError, match="a bug of the desk's own") as raised,
        sqlite_office.db.read() as session,
    ):
        province_records.load_province_records(session, ids)
    assert not isinstance(raised.value, CorruptDatabase)


@pytest.mark.parametrize(
    "sql",
    [
        # JSON the json module reads and orjson does not: not damage, as the loader says.
        'UPDATE dossiers SET form_data = \'{"so": NaN, "ghi": "\\ud800"}\' WHERE id = ?',
        "UPDATE status_events SET detail = '[Infinity, 1e400]' WHERE dossier_id = ?",
    ],
    ids=["form-data", "event-detail"],
)
def test_json_the_desk_reads_is_not_told_as_damage(
    sqlite_office: DeskContext, tmp_path: Path, sql: str
) -> None:
    code = _garble(sqlite_office, sql)
    with sqlite_office.db.read() as session:
        store_dossiers.get_dossier(session, code)  # the whole dossier's loader reads it
    assert export_jsonl(sqlite_office, tmp_path / "export.jsonl") == 12


def test_a_garbled_value_in_a_later_batch_is_told_and_the_stream_stops(
    sqlite_office: DeskContext,
) -> None:
    # Batches of two: the sixth dossier is in the third batch.
    code = _garble(sqlite_office, "UPDATE dossiers SET due_at = 'mai' WHERE id = ?")
    seen: list[str] = []
    with pytest.raises(CorruptDatabase) as raised, sqlite_office.db.snapshot() as session:
        for record in province_records.iter_province_records(session, batch_size=2):
            seen.append(record.code)
    assert f"«due_at» của hồ sơ {code}" in raised.value.message
    assert len(seen) == 4  # the two batches before it, whole
    # Stopping early leaves nothing behind: the session reads on.
    with sqlite_office.db.snapshot() as session:
        stream = province_records.iter_province_records(session, batch_size=2)
        assert isinstance(stream, Generator)
        assert next(stream).code == seen[0]
        stream.close()
        assert len(sync_repo.load_province_records(session, [1, 2])) == 2
