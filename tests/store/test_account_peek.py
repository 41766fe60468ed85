"""The stored hash read before the office opens (``desk.store.account_peek``): the same hash
the store gives the sign-in, and nothing beside the file created or changed by reading it."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from desk.config import DeskConfig
from desk.services import demo
from desk.services.context import DeskContext
from desk.store import office as store_office
from desk.store.account_peek import NotRead, password_hash


def _folder_state(folder: Path) -> dict[str, str]:
    return {
        path.name: hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.iterdir())
        if path.is_file()
    }


def test_the_hash_is_the_stores_and_reading_it_touches_nothing() -> None:
    data = Path(os.environ["DESK_DATA_DIR"])
    ctx = DeskContext.open(DeskConfig(data_dir=data))
    demo.ensure_demo_office(ctx)
    with ctx.db.read() as session:
        found = store_office.user_with_hash(session, "canbo1")
    ctx.close()
    assert found is not None
    office_file = ctx.config.default_sqlite_path
    before = _folder_state(office_file.parent)

    assert password_hash(office_file, "canbo1") == found[1]
    assert password_hash(office_file, "nobody") is None
    # No write-ahead log or shared-memory file appears beside the office, nothing changes.
    assert _folder_state(office_file.parent) == before


def test_no_office_no_hash_and_no_file_made(tmp_path: Path) -> None:
    missing = tmp_path / "office.sqlite"
    with pytest.raises(NotRead):
        password_hash(missing, "canbo1")
    assert not missing.exists()
    other = tmp_path / "notes.sqlite"
    other.write_bytes(b"not a database, some other program's file")
    with pytest.raises(NotRead):
        password_hash(other, "canbo1")
    assert sorted(path.name for path in tmp_path.iterdir()) == ["notes.sqlite"]
