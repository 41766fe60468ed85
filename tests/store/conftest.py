"""Database fixtures: SQLite files, and PostgreSQL when DESK_TEST_POSTGRES_URL is set.

In CI (CI=true) a missing PostgreSQL is a failure, never a skip: .ci/run starts one.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from desk.config import DeskConfig
from desk.services import demo
from desk.services.context import DeskContext


def postgres_admin_url() -> str:
    url = os.environ.get("DESK_TEST_POSTGRES_URL", "")
    if not url:
        if os.environ.get("CI"):
            pytest.fail("DESK_TEST_POSTGRES_URL is not set in CI: .ci/run must start PostgreSQL")
        pytest.skip("PostgreSQL not available (set DESK_TEST_POSTGRES_URL to run)")
    return url


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A brand-new database on the test server, dropped afterwards."""
    admin_url = make_url(postgres_admin_url()).set(drivername="postgresql+psycopg")
    name = f"desk_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield admin_url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def open_office(url: str, directory: Path) -> DeskContext:
    ctx = DeskContext.open(DeskConfig(data_dir=directory, database_url=url))
    demo.ensure_demo_office(ctx)
    return ctx


@pytest.fixture(params=["sqlite", "postgres"])
def any_db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'office.sqlite'}"
    return str(request.getfixturevalue("postgres_url"))
