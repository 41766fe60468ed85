"""The office's tamper-evident log: every kind of tampering is named by ``verify``.

Tampering is done as an intruder would, behind the desk's back: on SQLite with the
append-only triggers dropped, on PostgreSQL as the tables' owner with the triggers
disabled. A clean office (dossiers received and changed through the services, an older
database migrated) verifies as whole.
"""

from __future__ import annotations

import shutil
import threading
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Connection, Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from desk.config import DeskConfig
from desk.domain.audit import GENESIS, AuditAction, first_break
from desk.errors import DeskError
from desk.services import audit, demo, intake
from desk.services.context import DeskContext
from desk.store import audit as store_audit
from desk.store import audit_records, migrate
from desk.store.db import Database
from desk.store.office_rows import LOG_COLUMNS
from tests.conftest import DEMO_NOW
from tests.store.conftest import open_office, postgres_admin_url

DOSSIERS = 8
GUARDED = ("audit_log", "people", "status_events")  # tables the desk only appends to


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def template(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """A demo office with dossiers received and changed through the services, made once
    per engine (its accounts' password hashes are slow on purpose) and copied per test."""
    directory = tmp_path_factory.mktemp("template")
    if request.param == "sqlite":
        url = f"sqlite:///{directory / 'office.sqlite'}"
    else:
        url = _create_database(f"desk_audit_{uuid.uuid4().hex[:10]}")
    ctx = open_office(url, directory / "office")
    ctx.act_as(demo.demo_account(ctx, "quantri"))
    demo.add_demo_dossiers(ctx, DOSSIERS, seed=3, now=DEMO_NOW, bulk=False)
    ctx.close()
    yield url
    if request.param == "postgres":
        _drop_database(make_url(url).database or "")


def _admin() -> Engine:
    url = make_url(postgres_admin_url()).set(drivername="postgresql+psycopg")
    return create_engine(url, isolation_level="AUTOCOMMIT")


def _create_database(name: str, template: str = "") -> str:
    admin = _admin()
    copy_of = f' TEMPLATE "{template}"' if template else ""
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"{copy_of}'))
    url = admin.url.set(database=name).render_as_string(hide_password=False)
    admin.dispose()
    return url


def _drop_database(name: str) -> None:
    admin = _admin()
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture
def office(template: str, tmp_path: Path) -> Iterator[tuple[DeskContext, str]]:
    """A copy of the template office, acting as its admin."""
    if template.startswith("sqlite"):
        shutil.copy(make_url(template).database or "", tmp_path / "office.sqlite")
        url = f"sqlite:///{tmp_path / 'office.sqlite'}"
    else:
        url = _create_database(
            f"desk_audit_{uuid.uuid4().hex[:10]}", make_url(template).database or ""
        )
    ctx = DeskContext.open(DeskConfig(data_dir=tmp_path / "office", database_url=url))
    ctx.act_as(demo.demo_account(ctx, "quantri"))
    yield ctx, url
    ctx.close()
    if not url.startswith("sqlite"):
        _drop_database(make_url(url).database or "")


def behind_the_desks_back(url: str, *statements: str, **params: object) -> None:
    """Run SQL on the database directly, with the log's guards out of the way."""
    engine = create_engine(url)
    try:
        with engine.begin() as connection:
            _drop_guards(connection)
            for statement in statements:
                connection.execute(text(statement), params)
    finally:
        engine.dispose()


def _drop_guards(connection: Connection) -> None:
    if connection.dialect.name == "sqlite":
        for table in GUARDED:
            for action in ("update", "delete"):
                connection.execute(text(f"DROP TRIGGER IF EXISTS {table}_no_{action}"))
    else:  # the owner may switch its own tables' triggers off
        for table in GUARDED:
            connection.execute(text(f"ALTER TABLE {table} DISABLE TRIGGER USER"))


def _one(url: str, query: str, **params: object) -> Any:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return connection.execute(text(query), params).scalar_one()
    finally:
        engine.dispose()


def changed_dossier(url: str) -> str:
    """The code of a dossier with more than one event (it was received, then changed)."""
    return str(
        _one(
            url,
            "SELECT d.code FROM dossiers d WHERE "
            "(SELECT count(*) FROM status_events e WHERE e.dossier_id = d.id) > 1 "
            "ORDER BY d.id LIMIT 1",
        )
    )


def middle_entry(ctx: DeskContext) -> int:
    seq, _ = audit.chain_head(ctx)
    assert seq > 10
    return seq // 2


def test_a_clean_office_verifies_whole(office: tuple[DeskContext, str]) -> None:
    ctx, _ = office
    report = audit.verify(ctx)
    assert report.problems == []
    assert report.ok
    assert report.dossiers == DOSSIERS
    assert report.accounts == 4
    assert (report.head_seq, report.head_hash) == audit.chain_head(ctx)
    assert report.summary().startswith(
        f"Nhật ký nguyên vẹn: {report.entries} mục, {DOSSIERS} hồ sơ"
    )


def test_every_dossier_change_is_an_entry_with_its_statuses(
    office: tuple[DeskContext, str],
) -> None:
    ctx, url = office
    code = changed_dossier(url)
    entries = list(reversed(audit.recent_entries(ctx, code)))
    recorded = (AuditAction.DOSSIER_RECEIVED.value, AuditAction.DOSSIER_CHANGED.value)
    received, *changes = [e for e in entries if e.action in recorded]
    assert received.action == AuditAction.DOSSIER_RECEIVED.value
    assert received.detail["revision"] == 1
    assert changes and all(e.action == AuditAction.DOSSIER_CHANGED.value for e in changes)
    assert [e.detail["revision"] for e in changes] == sorted(e.detail["revision"] for e in changes)
    events = int(
        _one(
            url,
            "SELECT count(*) FROM status_events e JOIN dossiers d "
            "ON d.id = e.dossier_id WHERE d.code = :code",
            code=code,
        )
    )
    assert sum(e.detail["events"] for e in [received, *changes]) == events
    assert received.actor_name  # the clerk who received it


Tamper = Callable[[DeskContext, str], tuple[list[str], str]]


def _delete_entry(ctx: DeskContext, url: str) -> tuple[list[str], str]:
    seq = middle_entry(ctx)
    return [f"DELETE FROM audit_log WHERE seq = {seq}"], f"mục số {seq} bị thiếu"


def _edit_entry(ctx: DeskContext, url: str) -> tuple[list[str], str]:
    seq = middle_entry(ctx)
    detail = "'{\"revision\": 1}'"
    return [f"UPDATE audit_log SET detail = {detail} WHERE seq = {seq}"], (
        f"nội dung mục số {seq} đã bị sửa"
    )


def _swap_entries(ctx: DeskContext, url: str) -> tuple[list[str], str]:
    seq = middle_entry(ctx)
    columns = LOG_COLUMNS[1:]  # all but the number
    moved = ", ".join(
        f"{c} = (SELECT {c} FROM audit_log_copy WHERE seq = {{other}})" for c in columns
    )
    return [
        "CREATE TABLE audit_log_copy AS SELECT * FROM audit_log",
        f"UPDATE audit_log SET {moved.format(other=seq + 1)} WHERE seq = {seq}",
        f"UPDATE audit_log SET {moved.format(other=seq)} WHERE seq = {seq + 1}",
        "DROP TABLE audit_log_copy",
    ], f"mục số {seq} không nối với mục trước nó"


def _edit_dossier_row(ctx: DeskContext, url: str) -> tuple[list[str], str]:
    code = changed_dossier(url)
    return [f"UPDATE dossiers SET applicant_name = 'Lê Văn Khác' WHERE code = '{code}'"], (
        f"Hồ sơ {code}: thông tin hồ sơ khác với mục số"
    )


def _edit_person(ctx: DeskContext, url: str) -> tuple[list[str], str]:
    code = changed_dossier(url)
    return [
        "UPDATE people SET full_name = 'Lê Văn Khác' WHERE id = "
        f"(SELECT applicant_person_id FROM dossiers WHERE code = '{code}')"
    ], f"Hồ sơ {code}: người, giấy tờ, lệ phí ghi trên hồ sơ khác với mục số"


def _delete_event(ctx: DeskContext, url: str) -> tuple[list[str], str]:
    code = changed_dossier(url)
    return [
        "DELETE FROM status_events WHERE id = (SELECT max(e.id) FROM status_events e "
        f"JOIN dossiers d ON d.id = e.dossier_id WHERE d.code = '{code}')"
    ], f"Hồ sơ {code}: lịch sử trạng thái khác với mục số"


def _change_role(ctx: DeskContext, url: str) -> tuple[list[str], str]:
    return ["UPDATE users SET role = 'admin' WHERE username = 'canbo1'"], (
        "Tài khoản canbo1: tên, vai trò, mật khẩu hoặc trạng thái khác với mục số"
    )


def _rename_dossier(ctx: DeskContext, url: str) -> tuple[list[str], str]:
    code = changed_dossier(url)
    return [f"UPDATE dossiers SET code = '{code}X' WHERE code = '{code}'"], (
        f"ghi hồ sơ {code}, nhưng hồ sơ này không còn trong dữ liệu"
    )


TAMPERING: dict[str, Tamper] = {
    "delete an entry": _delete_entry,
    "edit an entry's detail": _edit_entry,
    "swap two entries": _swap_entries,
    "edit a dossier row": _edit_dossier_row,
    "edit a person recorded on a dossier": _edit_person,
    "delete a status event": _delete_event,
    "change an account's role": _change_role,
    "rename a dossier away from its entries": _rename_dossier,
}


@pytest.mark.parametrize("kind", list(TAMPERING))
def test_tampering_is_named(office: tuple[DeskContext, str], kind: str) -> None:
    ctx, url = office
    assert audit.verify(ctx).ok
    statements, named = TAMPERING[kind](ctx, url)
    behind_the_desks_back(url, *statements)
    report = audit.verify(ctx)
    assert not report.ok
    assert any(named in line for line in report.problems), report.problems
    if kind in ("delete an entry", "edit an entry's detail", "swap two entries"):
        assert report.chain_break is not None
        assert report.problems[0].startswith("Chuỗi nhật ký bị đứt")


def test_a_dossier_without_any_entry_is_named(office: tuple[DeskContext, str]) -> None:
    ctx, url = office
    code = changed_dossier(url)
    behind_the_desks_back(url, f"UPDATE dossiers SET code = '{code}X' WHERE code = '{code}'")
    problems = audit.verify(ctx).problems
    assert f"Hồ sơ {code}X: không có mục nào về hồ sơ này trong nhật ký." in problems


@pytest.mark.parametrize(
    "statement",
    ["UPDATE audit_log SET actor_name = 'ai đó'", "DELETE FROM audit_log"],
)
def test_the_log_refuses_updates_and_deletes(
    office: tuple[DeskContext, str], statement: str
) -> None:
    ctx, url = office
    engine = create_engine(url)
    try:
        with pytest.raises(DBAPIError, match="append-only"), engine.begin() as connection:
            connection.execute(text(statement))
    finally:
        engine.dispose()
    assert audit.verify(ctx).ok


def test_postgres_refuses_truncating_the_log(postgres_url: str, tmp_path: Path) -> None:
    ctx = open_office(postgres_url, tmp_path / "office")
    ctx.close()
    engine = create_engine(postgres_url)
    try:
        with pytest.raises(DBAPIError, match="append-only"), engine.begin() as connection:
            connection.execute(text("TRUNCATE audit_log"))
    finally:
        engine.dispose()


def test_verify_needs_the_audit_permission(office: tuple[DeskContext, str]) -> None:
    ctx, _ = office
    ctx.act_as(demo.demo_account(ctx, "canbo1"))
    with pytest.raises(DeskError) as refused:
        audit.verify(ctx)
    assert refused.value.code == "access.denied"


def test_a_migrated_older_database_verifies_whole(any_db_url: str, tmp_path: Path) -> None:
    """An office from before the log: migration 0005 adopts its accounts and dossiers."""
    from alembic import command

    ctx = open_office(any_db_url, tmp_path / "office")
    ctx.act_as(demo.demo_account(ctx, "quantri"))
    demo.add_demo_dossiers(ctx, 6, seed=5, now=DEMO_NOW, bulk=False)
    ctx.close()
    db = Database(any_db_url)
    config = migrate.alembic_config()
    with db.engine.begin() as connection:  # back to the schema before the log
        config.attributes["connection"] = connection
        command.downgrade(config, "0004")
    assert migrate.upgrade(db) is True
    with db.read() as session:
        adopted = list(store_audit.iter_entries(session))
    db.dispose()
    assert {e.action for e in adopted} == {AuditAction.RECORDS_ADOPTED.value}
    assert {e.subject for e in adopted} >= {"user:quantri", "user:canbo1"}
    assert len(adopted) == 4 + 6
    ctx = DeskContext.open(DeskConfig(data_dir=tmp_path / "office", database_url=any_db_url))
    ctx.act_as(demo.demo_account(ctx, "quantri"))
    report = audit.verify(ctx)
    ctx.close()
    assert report.problems == []
    assert report.dossiers == 6


def test_two_desks_appending_at_once_keep_one_chain(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'office.sqlite'}"
    first = Database(url)
    migrate.upgrade(first)
    desks = [first, Database(url)]
    errors: list[BaseException] = []

    def append_many(db: Database, name: str) -> None:
        try:
            for number in range(40):
                with db.write() as session:
                    store_audit.append(
                        session,
                        [
                            store_audit.entry(
                                AuditAction.CALENDAR_CHANGED,
                                f"{name}-{number}",
                                at=datetime.now(UTC),
                                actor_name=name,
                            )
                        ],
                    )
        except BaseException as exc:  # reported by the test, not lost in the thread
            errors.append(exc)

    threads = [
        threading.Thread(target=append_many, args=(db, f"bàn {i}")) for i, db in enumerate(desks)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with first.read() as session:
        entries = list(store_audit.iter_entries(session))
    for db in desks:
        db.dispose()
    assert len(entries) == 80
    assert first_break(entries, GENESIS, 1) is None


def test_a_received_dossier_is_logged_with_the_digests_its_rows_read_back_give(
    office: tuple[DeskContext, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Intake digests the rows it has just written instead of reading them back: the
    entry must carry what ``desk audit verify`` reads from the database, byte for byte,
    for dossiers with and without parties, papers (scanned or not), fees and form data,
    and one refused at the desk."""
    ctx, _ = office
    clerk = demo.demo_clerks(ctx)[0]
    requests = [d.request for d in demo.generate(ctx, 40, seed=11, scans=True)]

    def no_reading_back(*args: object) -> None:
        raise AssertionError("intake read its rows back to digest them")

    monkeypatch.setattr(audit_records, "dossier_digests", no_reading_back)
    received = [intake.receive_dossier(ctx, r, clerk) for r in requests[:-1]]
    received.append(
        intake.receive_dossier(ctx, requests[-1], clerk, refusal_reason="Hồ sơ không hợp lệ.")
    )
    monkeypatch.undo()
    assert any(d.parties for d in received) and any(d.fees for d in received)
    assert any(d.form_data for d in received) and received[-1].finished_at is not None
    assert any(doc.attachment_sha256 for d in received for doc in d.documents)
    with ctx.db.read() as session:
        connection = session.connection()
        read_back = {
            d.code: d.digests()
            for d in audit_records.dossier_digests(connection, [d.id for d in received])
        }
        logged = store_audit.newest_entries_about(
            connection, list(read_back), [AuditAction.DOSSIER_RECEIVED.value]
        )
    assert len(read_back) == len(received)
    assert {
        code: {name: detail[name] for name in ("state", "content", "history")}
        for code, (_, detail) in logged.items()
    } == read_back
    assert audit.verify(ctx).ok
