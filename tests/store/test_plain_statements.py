"""The print path's statements kept as SQLite text (``desk.store.plain_sql``) are what the
store's own statements compile to today, and the values it writes are the ones
SQLAlchemy's SQLite driver writes: the two ways to an office file cannot drift apart."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy.dialects import sqlite

from desk.domain.calendar import OFFICE_TZ
from desk.store import driver, migrate, plain_sources, plain_sql
from desk.store.plain import SqliteValues


def test_the_kept_text_is_what_the_store_s_statements_compile_to() -> None:
    # On a failure: run «python -m desk.store.plain_sources» and look at the difference.
    assert plain_sources.compiled() == plain_sql.STATEMENTS
    assert plain_sql.SCHEMA_HEAD == migrate.SCHEMA_HEAD


def test_the_kept_module_is_the_one_the_generator_writes() -> None:
    written = plain_sources.source()
    kept = plain_sql.__file__
    namespace: dict[str, object] = {}
    exec(compile(written, kept, "exec"), namespace)
    assert namespace["STATEMENTS"] == plain_sql.STATEMENTS
    assert namespace["SCHEMA_HEAD"] == plain_sql.SCHEMA_HEAD


@pytest.mark.parametrize(
    ("kind", "value"),
    [
        ("instant", datetime(2026, 12, 3, 9, 30, 15, 123456, tzinfo=OFFICE_TZ)),
        ("instant", None),
        ("day", date(2026, 2, 28)),
        ("day", None),
        ("json", {"form": "slip", "code": "000.17.22.H56-261203-0001", "copies": 1}),
        ("json", {"lý do": "Thiếu tờ khai", "số": [1, 2.5, None, True]}),
        ("json", {}),
        ("json", None),
        ("boolean", True),
        ("boolean", False),
    ],
)
def test_values_are_written_as_sqlalchemy_s_sqlite_driver_writes_them(
    kind: str, value: object
) -> None:
    usual = driver.form(sqlite.dialect())
    assert getattr(SqliteValues, kind)(value) == getattr(usual, kind)(value)
