"""How the desk opens a SQLite office file, with or without SQLAlchemy (``desk.store.db``'s
engine, and the print path on sqlite3 alone: ``desk.store.plain``): the same settings on
every connection."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path
from typing import Any

SQLITE_BUSY_TIMEOUT_S = 30
# How a write transaction begins: it holds the write lock from its BEGIN, so two desks
# never interleave a read-then-write (the next dossier number, the log's head).
WRITE_BEGIN = "BEGIN IMMEDIATE"
# How a read transaction begins: one snapshot for its reads, no lock.
READ_BEGIN = "BEGIN DEFERRED"
# The FTS5 word indexes of a SQLite office (PostgreSQL's are GIN indexes on the tables).
SEARCH_TABLES = ("dossier_search", "person_search")


def configure(connection: sqlite3.Connection) -> None:
    """The settings of every connection to an office file (its own transactions: the
    caller begins them)."""
    cursor = connection.cursor()
    _switch_to_wal(cursor)
    cursor.execute("PRAGMA foreign_keys=ON")
    # FULL: a commit survives a power cut, which commune offices see often.
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_S * 1000}")
    cursor.close()


def _switch_to_wal(cursor: Any) -> None:
    """WAL mode (a no-op once the file is in it). A file still in rollback mode that
    another desk is writing (a new office it is creating) cannot switch until that write
    ends, and SQLite says "locked" at once there, without its busy wait (waiting could
    deadlock): the switch is tried again, as long as the busy timeout allows."""
    deadline = time.monotonic() + SQLITE_BUSY_TIMEOUT_S
    pause = 0.005
    while True:
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if exc.sqlite_errorcode != sqlite3.SQLITE_BUSY or time.monotonic() > deadline:
                raise
        time.sleep(pause)
        pause = min(pause * 2, 0.1)


def sqlite_files(path: Path) -> tuple[Path, ...]:
    """An office file and its companions (WAL, shared memory, rollback journal)."""
    return tuple(path.with_name(path.name + suffix) for suffix in ("", "-wal", "-shm", "-journal"))
