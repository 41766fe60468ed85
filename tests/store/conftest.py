"""Database fixtures: SQLite files, and PostgreSQL when DESK_TEST_POSTGRES_URL is set.

In CI (CI=true) a missing PostgreSQL is a failure, never a skip: .ci/run starts one, with
two roles: DESK_TEST_POSTGRES_URL owns the test databases, DESK_TEST_POSTGRES_APP_URL is
the desk's own role (not the owner), as an office runs it.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL, make_url

from desk.config import DeskConfig
from desk.services import demo
from desk.services.context import DeskContext


def postgres_admin_url(variable: str = "DESK_TEST_POSTGRES_URL") -> str:
    url = os.environ.get(variable, "")
    if not url:
        if os.environ.get("CI"):
            pytest.fail(f"{variable} is not set in CI: .ci/run must start PostgreSQL")
        pytest.skip(f"PostgreSQL not available (set {variable} to run)")
    return url


@contextmanager
def fresh_postgres_database(grant_connect_to: str | None = None) -> Iterator[URL]:
    """A brand-new database on the test server, owned by the test server's role (and
    open to ``grant_connect_to``), dropped afterwards; yields the owner's URL."""
    admin_url = make_url(postgres_admin_url()).set(drivername="postgresql+psycopg")
    name = f"desk_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
        if grant_connect_to:
            connection.execute(text(f'GRANT CONNECT ON DATABASE "{name}" TO {grant_connect_to}'))
    try:
        yield admin_url.set(database=name)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A brand-new database on the test server, dropped afterwards."""
    with fresh_postgres_database() as url:
        yield url.render_as_string(hide_password=False)


@pytest.fixture
def postgres_roles() -> Iterator[tuple[str, str]]:
    """(owner URL, desk role URL) of one brand-new database: the owner creates and
    migrates the tables, the desk's role (DESK_TEST_POSTGRES_APP_URL) may only connect."""
    app_url = make_url(postgres_admin_url("DESK_TEST_POSTGRES_APP_URL"))
    with fresh_postgres_database(grant_connect_to=app_url.username) as owner_url:
        yield (
            owner_url.render_as_string(hide_password=False),
            app_url.set(
                drivername="postgresql+psycopg", database=owner_url.database
            ).render_as_string(hide_password=False),
        )


def open_office(url: str, directory: Path) -> DeskContext:
    """The demo office on ``url``, acting for its admin (as the ``ctx`` fixture does)."""
    ctx = DeskContext.open(DeskConfig(data_dir=directory, database_url=url))
    demo.ensure_demo_office(ctx)
    ctx.act_as(demo.demo_account(ctx, "quantri"))
    return ctx


@contextmanager
def mixed_demo_office(
    request: pytest.FixtureRequest, directory: Path, bulk: int, one_by_one: int, seed: int
) -> Iterator[DeskContext]:
    """The demo office on SQLite or PostgreSQL (``request.param``, a fixture's param) with
    ``bulk`` dossiers loaded as the demo loads them (scans included, seed ``seed``) and
    ``one_by_one`` received one at a time (seed ``seed + 1``), at the tests' fixed now."""
    from tests.conftest import DEMO_NOW

    config = DeskConfig(data_dir=directory)
    if request.param == "postgresql":
        url = str(request.getfixturevalue("postgres_url"))
        config = DeskConfig(data_dir=directory, database_url=url)
    ctx = DeskContext.open(config)
    try:
        demo.ensure_demo_office(ctx)
        demo.add_demo_dossiers(ctx, bulk, seed=seed, now=DEMO_NOW, bulk=True, workers=0, scans=True)
        demo.add_demo_dossiers(ctx, one_by_one, seed=seed + 1, now=DEMO_NOW, bulk=False)
        yield ctx
    finally:
        ctx.close()


@pytest.fixture(params=["sqlite", "postgres"])
def any_db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'office.sqlite'}"
    return str(request.getfixturevalue("postgres_url"))
