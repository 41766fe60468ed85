"""PostgreSQL: the desk runs as its own role, which may add to the log but never erase it.

Migrations run as the tables' owner (DESK_DATABASE_OWNER_URL); the desk's role
(database_url) can neither truncate, alter, disable a trigger of nor drop anything, and
the desk's everyday work (intake, status changes, sync) still goes through as that role.
Skipped only where no PostgreSQL runs; in CI (.ci/run) these always run.
"""

from __future__ import annotations

import logging
import os
import stat
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ProgrammingError

from desk.config import DeskConfig, load_config, save_config
from desk.domain.status import allowed_next
from desk.errors import DeskError
from desk.services import demo, dossiers
from desk.services.context import DeskContext
from desk.services.sync import run_sync
from desk.store.models import AuditEntryRow, StatusEventRow
from tests.store.conftest import (  # noqa: F401  (fixtures)
    fresh_postgres_database,
    postgres_admin_url,
    postgres_roles,
    postgres_url,
)
from tests.sync.conftest import (  # noqa: F401  (fixtures)
    FAST,
    Sim,
    outbox_size,
    receive_open,
    settings_for,
    sim,
    sim_factory,
)

INSUFFICIENT_PRIVILEGE = "42501"

# What someone at the desk's PC, holding the desk's own database password, might try.
ERASING_STATEMENTS = (
    "TRUNCATE status_events",
    "TRUNCATE audit_log",
    "TRUNCATE people",
    "DELETE FROM audit_log",
    "DELETE FROM status_events",
    "UPDATE audit_log SET actor_name = 'ai đó'",
    "UPDATE status_events SET note = 'sửa lại'",
    "UPDATE people SET full_name = 'Người khác'",
    "ALTER TABLE audit_log DISABLE TRIGGER ALL",
    "ALTER TABLE status_events DISABLE TRIGGER ALL",
    "DROP TABLE audit_log",
    "DROP TABLE status_events CASCADE",
    "UPDATE alembic_version SET version_num = '0001'",
)


def open_as_desk(owner_url: str, app_url: str, directory: Path) -> DeskContext:
    """The demo office opened as an office runs it: migrated by the owner, worked by the
    desk's role, acting for the demo admin."""
    config = DeskConfig(data_dir=directory, database_url=app_url, database_owner_url=owner_url)
    ctx = DeskContext.open(config)
    demo.ensure_demo_office(ctx)
    ctx.act_as(demo.demo_account(ctx, "quantri"))
    return ctx


@pytest.fixture
def desk_ctx(postgres_roles: tuple[str, str], tmp_path: Path) -> Iterator[DeskContext]:  # noqa: F811
    owner_url, app_url = postgres_roles
    ctx = open_as_desk(owner_url, app_url, tmp_path / "office")
    yield ctx
    ctx.close()


@pytest.fixture(scope="module")
def office_with_records(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DeskContext]:
    """One office for the refusals (each leaves it as it was), with dossiers received."""
    app_url = make_url(postgres_admin_url("DESK_TEST_POSTGRES_APP_URL"))
    with fresh_postgres_database(grant_connect_to=app_url.username) as owner_url:
        ctx = open_as_desk(
            owner_url.render_as_string(hide_password=False),
            app_url.set(
                drivername="postgresql+psycopg", database=owner_url.database
            ).render_as_string(hide_password=False),
            tmp_path_factory.mktemp("office"),
        )
        try:
            receive_open(ctx, 2)
            yield ctx
        finally:
            ctx.close()


def log_counts(ctx: DeskContext) -> tuple[int, int]:
    with ctx.db.read() as session:
        return (
            session.scalar(select(func.count()).select_from(AuditEntryRow)) or 0,
            session.scalar(select(func.count()).select_from(StatusEventRow)) or 0,
        )


def test_the_desk_connects_as_its_own_role_not_the_owner(
    desk_ctx: DeskContext,
    postgres_roles: tuple[str, str],  # noqa: F811
) -> None:
    with desk_ctx.db.engine.connect() as connection:
        role = connection.execute(text("SELECT current_user")).scalar()
        owner = connection.execute(
            text("SELECT tableowner FROM pg_tables WHERE tablename = 'audit_log'")
        ).scalar()
    assert role == make_url(postgres_roles[1]).username
    assert owner == make_url(postgres_roles[0]).username != role


@pytest.mark.parametrize("statement", ERASING_STATEMENTS)
def test_the_desks_role_can_neither_erase_nor_alter_the_records(
    office_with_records: DeskContext, statement: str
) -> None:
    ctx = office_with_records
    before = log_counts(ctx)
    assert before[0] > 0 and before[1] >= 2
    with pytest.raises(ProgrammingError) as refused, ctx.db.engine.begin() as connection:
        connection.execute(text(statement))
    assert getattr(refused.value.orig, "sqlstate", None) == INSUFFICIENT_PRIVILEGE
    assert log_counts(ctx) == before


def test_intake_status_changes_and_sync_work_as_the_desks_role(
    desk_ctx: DeskContext,
    sim: Sim,  # noqa: F811
) -> None:
    codes = receive_open(desk_ctx, 3)
    clerk = demo.demo_clerks(desk_ctx)[0]
    dossier = dossiers.get_dossier(desk_ctx, codes[0])
    target = sorted(allowed_next(dossier.status))[0]
    changed = dossiers.change_status(desk_ctx, codes[0], target, clerk, note="Kiểm thử vai trò")
    assert changed.status is target and changed.revision == dossier.revision + 1

    report = run_sync(desk_ctx, settings=settings_for(desk_ctx, sim), retry=FAST)

    assert report.outcome == "ok", report.lines()
    assert report.items_sent == 3
    assert outbox_size(desk_ctx) == 0
    assert set(sim.latest()) == set(codes)


def test_a_schema_behind_with_only_the_desks_role_stops_with_a_clear_message(
    postgres_roles: tuple[str, str],  # noqa: F811
    tmp_path: Path,
) -> None:
    _owner_url, app_url = postgres_roles
    with pytest.raises(DeskError) as stopped:
        DeskContext.open(DeskConfig(data_dir=tmp_path, database_url=app_url))
    assert stopped.value.code == "db.upgrade_needs_owner"
    assert "cần nâng cấp" in stopped.value.message
    assert "DESK_DATABASE_OWNER_URL" in stopped.value.message


def test_once_migrated_the_desk_opens_with_its_own_url_alone(
    postgres_roles: tuple[str, str],  # noqa: F811
    tmp_path: Path,
) -> None:
    owner_url, app_url = postgres_roles
    open_as_desk(owner_url, app_url, tmp_path).close()
    ctx = DeskContext.open(DeskConfig(data_dir=tmp_path, database_url=app_url))
    try:
        assert ctx.office.agency_id  # reads as the desk's role, no owner needed
    finally:
        ctx.close()


def test_a_table_added_by_a_later_migration_is_granted_to_the_desk(
    postgres_roles: tuple[str, str],  # noqa: F811
    tmp_path: Path,
) -> None:
    owner_url, app_url = postgres_roles
    open_as_desk(owner_url, app_url, tmp_path).close()
    # What a later migration would do, as the owner.
    owner = create_engine(make_url(owner_url))
    with owner.begin() as connection:
        connection.execute(text("CREATE TABLE later_things (id serial PRIMARY KEY, note text)"))
    owner.dispose()
    desk = create_engine(make_url(app_url))
    try:
        with desk.begin() as connection:  # new tables start readable and insertable
            connection.execute(text("INSERT INTO later_things (note) VALUES ('một')"))
        with pytest.raises(ProgrammingError), desk.begin() as connection:
            connection.execute(text("UPDATE later_things SET note = 'hai'"))

        config = DeskConfig(data_dir=tmp_path, database_url=app_url, database_owner_url=owner_url)
        DeskContext.open(config).close()

        with desk.begin() as connection:  # a working table now
            connection.execute(text("UPDATE later_things SET note = 'hai'"))
            connection.execute(text("DELETE FROM later_things"))
    finally:
        desk.dispose()


def test_one_role_for_everything_works_with_a_warning(
    postgres_url: str,  # noqa: F811
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level(logging.WARNING, logger="desk.services.context"):
        ctx = DeskContext.open(DeskConfig(data_dir=tmp_path, database_url=postgres_url))
    try:
        demo.ensure_demo_office(ctx)
        assert ctx.office.agency_id
    finally:
        ctx.close()
    assert any("owner of the tables" in record.getMessage() for record in caplog.records)


def test_the_database_password_is_kept_out_of_desk_toml_and_the_desk_connects(
    postgres_roles: tuple[str, str],  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    owner_url, app_url = postgres_roles
    data = tmp_path / "data"
    monkeypatch.setenv("DESK_DATA_DIR", str(data))
    monkeypatch.delenv("DESK_DATABASE_URL", raising=False)
    monkeypatch.delenv("DESK_DATABASE_OWNER_URL", raising=False)
    monkeypatch.delenv("DESK_DATABASE_PASSWORD_FILE", raising=False)
    open_as_desk(owner_url, app_url, data).close()
    password = make_url(app_url).password
    assert password

    config = load_config()
    config.database_url = app_url
    path = save_config(config)

    saved = tomllib.loads(path.read_text(encoding="utf-8"))["database_url"]
    assert make_url(saved).password is None
    assert make_url(saved).username == make_url(app_url).username
    passfile = data / "secrets" / "pgpass"
    assert stat.S_IMODE(passfile.stat().st_mode) == 0o600
    assert stat.S_IMODE(passfile.parent.stat().st_mode) == 0o700
    ctx = DeskContext.open(load_config())
    try:
        assert make_url(ctx.config.database_url).password is None
        assert ctx.office.agency_id  # connected with the password from the passfile
    finally:
        ctx.close()


def test_a_password_written_into_desk_toml_by_hand_is_moved_out_of_it(
    postgres_roles: tuple[str, str],  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    owner_url, app_url = postgres_roles
    data = tmp_path / "data"
    monkeypatch.setenv("DESK_DATA_DIR", str(data))
    monkeypatch.delenv("DESK_DATABASE_URL", raising=False)
    open_as_desk(owner_url, app_url, data).close()
    path = data / "desk.toml"
    data.mkdir(exist_ok=True)
    path.write_text(f'database_url = "{app_url}"\ndesk_name = "Quầy 2"\n', encoding="utf-8")

    ctx = DeskContext.open(load_config())
    try:
        assert ctx.office.agency_id
    finally:
        ctx.close()
    kept = tomllib.loads(path.read_text(encoding="utf-8"))
    assert make_url(kept["database_url"]).password is None
    assert kept["desk_name"] == "Quầy 2"


def test_the_desks_password_may_come_from_a_password_file(
    postgres_roles: tuple[str, str],  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    owner_url, app_url = postgres_roles
    open_as_desk(owner_url, app_url, tmp_path / "first").close()
    secret = tmp_path / "db-password"
    secret.write_text(f"{make_url(app_url).password}\n", encoding="utf-8")
    os.chmod(secret, 0o600)
    monkeypatch.setenv("DESK_DATABASE_PASSWORD_FILE", str(secret))
    without = make_url(app_url)._replace(password=None).render_as_string(hide_password=False)
    ctx = DeskContext.open(DeskConfig(data_dir=tmp_path / "second", database_url=without))
    try:
        assert ctx.office.agency_id
    finally:
        ctx.close()
