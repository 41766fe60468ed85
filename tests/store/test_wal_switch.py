"""A desk opening an office file that another desk is still creating (the file still in
SQLite's rollback mode, the other desk writing it): the switch to WAL waits for the other
desk's write instead of failing. SQLite answers "locked" at once there, without its busy
wait (waiting could deadlock), so the desk's own wait is what this checks."""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

from sqlalchemy import text

from desk.store.db import Database

HELD_S = 0.4  # how long the other desk keeps writing


def test_a_file_another_desk_is_writing_in_rollback_mode_is_opened_once_it_is_done(
    tmp_path: Path,
) -> None:
    path = tmp_path / "office.sqlite"
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    other.execute("CREATE TABLE office (id INTEGER PRIMARY KEY)")
    assert other.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    other.execute("BEGIN IMMEDIATE")
    other.execute("INSERT INTO office VALUES (1)")
    finished = threading.Timer(HELD_S, lambda: other.execute("COMMIT"))
    began = time.monotonic()
    finished.start()
    db = Database(f"sqlite:///{path}")
    try:
        with db.engine.connect() as connection:
            waited = time.monotonic() - began
            assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert connection.execute(text("SELECT id FROM office")).scalar() == 1
    finally:
        finished.join()
        db.dispose()
        other.close()
    assert waited >= HELD_S * 0.9  # it did wait for the other desk, and then opened
