"""A stored value that no longer reads back as what the desk wrote — a garbled cell on a
page whose structure still holds, or one edited by hand — is the corrupt-database fault
naming the latest backup, not a bug; a ValueError of the desk's own making stays a bug."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import datetime

import pytest
from sqlalchemy import bindparam, text

from desk.errors import CorruptDatabase
from desk.services import demo
from desk.services.dossiers import get_dossier
from desk.store.models import Instant
from tests.conftest import DEMO_NOW


@pytest.fixture
def code(ctx) -> str:
    demo.add_demo_dossiers(ctx, 3, seed=2, now=DEMO_NOW, bulk=False)
    with ctx.db.read() as session:
        return str(session.execute(text("SELECT code FROM dossiers ORDER BY id")).scalar())


def garble(ctx, sql: str, code: str) -> None:
    path = ctx.db.sqlite_path
    with closing(sqlite3.connect(path)) as connection, connection:
        connection.execute(sql, [code])


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE dossiers SET form_data = '{\"a\": ' WHERE code = ?",  # no longer JSON
        "UPDATE dossiers SET due_at = '2026-13-45 99:00' WHERE code = ?",  # no longer a time
        "UPDATE dossiers SET note = CAST(x'fffe41' AS TEXT) WHERE code = ?",  # not UTF-8
    ],
    ids=["json", "instant", "utf8"],
)
def test_a_value_that_no_longer_reads_back_is_a_damaged_database(ctx, code: str, sql: str) -> None:
    backups = ctx.config.backup_dir
    backups.mkdir(parents=True, exist_ok=True)
    (backups / "office-20261120-160000-daily.sqlite").write_bytes(b"a copy")
    garble(ctx, sql, code)
    with pytest.raises(CorruptDatabase) as raised:
        get_dossier(ctx, code)
    message = raised.value.message
    assert "bị hỏng" in message
    assert f"Bản sao lưu mới nhất: {backups / 'office-20261120-160000-daily.sqlite'}" in message
    assert "\\xff" not in message and "fffe" not in message  # never the bytes themselves


def test_a_value_the_desk_cannot_write_is_still_a_bug(ctx) -> None:
    # A naive time given to an Instant column: refused with a ValueError while binding.
    update = text("UPDATE dossiers SET updated_at = :at").bindparams(
        bindparam("at", type_=Instant())
    )
    with pytest.raises(Exception) as raised, ctx.db.write() as session:
        session.execute(update, {"at": datetime(2026, 1, 1)})
    assert not isinstance(raised.value, CorruptDatabase)
    assert "naive datetime" in str(raised.value)
