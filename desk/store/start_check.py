"""The quick check of a SQLite office file at every start, before it is migrated, backed
up or written to, and the check of the log's newest entries: without SQLAlchemy, so the
print path that opens an office on sqlite3 alone (``desk.store.plain``) checks what every
start checks, the same way."""

from __future__ import annotations

import logging
import sqlite3
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from desk.domain.audit import AuditEntry, first_break
from desk.errors import CorruptDatabase
from desk.store import faults
from desk.store.sqlite_setup import SEARCH_TABLES

log = logging.getLogger(__name__)


def report_lines(rows: Sequence[Any]) -> list[str]:
    """SQLite's report as single lines, without its "*** in database main ***" heading;
    [] for "ok"."""
    lines = [
        line.strip()
        for row in rows
        for line in str(row[0]).splitlines()
        if line.strip() and not line.startswith("*** in database")
    ]
    return [] if lines == ["ok"] else lines


# Below this size the whole file is checked (PRAGMA quick_check) at every start: in a
# fresh process here (bench/check.py), 13 ms for 1.8 MB (300 dossiers) and 20 ms median,
# 32 ms p95 for 6.9 MB (2,000 dossiers). Above it the start checks what it can afford
# (16 ms median on 200,000 dossiers, 657 MB) and leaves the rest to ``desk check`` and
# the check of each backup.
FULL_CHECK_MAX_BYTES = 8 * 1024 * 1024
# Whatever the size, a start never spends more than this on the full check (a slow disk,
# a busy machine): past it the check is cut short and the partial one runs instead.
FULL_CHECK_BUDGET_S = 0.05
# The big tables: checked at a start by their newest rows only.
BIG_TABLES = (
    "dossiers",
    "people",
    "known_people",
    "dossier_people",
    "dossier_documents",
    "dossier_fees",
    "status_events",
    "audit_log",
    "sync_results",
    "sync_runs",
    "letters",
    "sign_in_failures",
    "sync_attention",
    "outbox",
    "sync_batch_items",
    "sync_batches",
    "attachments",
    "sync_files",
)
TAIL_ROWS = 200
# The log's newest entries re-hashed at every start (after the file check, by the caller).
AUDIT_TAIL = 200


@dataclass(frozen=True, slots=True)
class StartCheck:
    """What the quick start check did: ``full`` when the whole file was checked."""

    full: bool
    seconds: float
    problems: tuple[str, ...] = ()


def quick_start_check(path: Path) -> StartCheck:
    """Check a SQLite office file at start, within a few tens of milliseconds whatever its
    size (the caller raises the corrupt-database fault when ``problems``):

    - the header's page count against the file's size (a truncated or padded file);
    - a small file (``FULL_CHECK_MAX_BYTES``): ``PRAGMA quick_check`` of every page,
      cut short at ``FULL_CHECK_BUDGET_S``;
    - a big one: ``PRAGMA quick_check`` of each small table (the office, accounts,
      catalogue, counters, schema revision …) with its indexes; the newest
      ``TAIL_ROWS`` rows of each big table read whole (the pages a day's work touches);

    What a big file's start does not read (old pages in the middle of the big tables and
    their indexes) waits for ``desk check`` and the check of each daily backup."""
    started = time.perf_counter()
    with path.open("rb") as handle:
        header = handle.read(100)
    # A WAL file is read on a read-write connection that only reads, as
    # ``faults.check_sqlite_file`` does: a read-only reader leaves -wal and -shm behind.
    mode = "rw" if len(header) > 18 and header[18] == 2 else "ro"
    connection = sqlite3.connect(
        f"file:{quote(str(path.resolve()))}?mode={mode}", uri=True, timeout=30
    )
    try:
        problems = _header_problems(connection, path)
        if not problems:
            full = path.stat().st_size <= FULL_CHECK_MAX_BYTES and _full_quick_check(
                connection, problems
            )
            if not full and not problems:
                _partial_check(connection, problems)
        else:
            full = False
        return StartCheck(full, time.perf_counter() - started, tuple(problems))
    except sqlite3.DatabaseError as error:
        if "locked" in str(error) or "busy" in str(error):
            raise faults.busy() from None
        fault = faults.sqlite_fault(error, path=path, backup_dir=None)
        if fault is not None and not isinstance(fault, CorruptDatabase):
            raise fault from None  # a full disk, a folder it may not write to: not damage
        return StartCheck(False, time.perf_counter() - started, (str(error),))
    finally:
        connection.close()


def _header_problems(connection: sqlite3.Connection, path: Path) -> list[str]:
    page_size = int(connection.execute("PRAGMA page_size").fetchone()[0])
    pages = int(connection.execute("PRAGMA page_count").fetchone()[0])
    wal = path.with_name(path.name + "-wal")
    size = path.stat().st_size
    # With a WAL, the file may be shorter than the database (pages not checkpointed yet);
    # never longer than a whole page beyond it, and never cut inside a page.
    if size % page_size:
        return [f"kích thước tệp ({size} byte) không phải bội số của trang ({page_size} byte)"]
    if not wal.exists() and size < pages * page_size:
        return [f"tệp bị cắt ngắn: {size // page_size} trang, cần {pages} trang"]
    return []


def _full_quick_check(connection: sqlite3.Connection, problems: list[str]) -> bool:
    """PRAGMA quick_check of the whole file; False when it ran out of time."""
    deadline = time.perf_counter() + FULL_CHECK_BUDGET_S
    connection.set_progress_handler(lambda: int(time.perf_counter() > deadline), 10000)
    try:
        lines = report_lines(connection.execute("PRAGMA quick_check(20)").fetchall())
    except sqlite3.OperationalError as error:
        if "interrupt" in str(error):
            return False
        raise
    finally:
        connection.set_progress_handler(None, 0)
    problems.extend(lines)
    return True


def _partial_check(connection: sqlite3.Connection, problems: list[str]) -> None:
    tables = {
        str(name)
        for (name,) in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "AND sql NOT LIKE 'CREATE VIRTUAL%'"
        )
    }
    shadow = {name for name in tables if name.startswith(tuple(f"{t}_" for t in SEARCH_TABLES))}
    for name in sorted(tables - set(BIG_TABLES) - shadow):
        lines = report_lines(connection.execute(f'PRAGMA quick_check("{name}")').fetchall())
        problems.extend(f"{name}: {line}" for line in lines[:5])
    for name in BIG_TABLES:
        if name in tables:
            # Every column read: a damaged page of the newest rows (or of what they
            # overflow to) raises "malformed" here.
            connection.execute(
                f'SELECT * FROM "{name}" ORDER BY rowid DESC LIMIT {TAIL_ROWS}'
            ).fetchall()


def quick_check_sqlite(path: Path, backup_dir: Path | None) -> StartCheck | None:
    """The quick check at every start (``quick_start_check``): a damaged
    file stops the desk here, before it is migrated, backed up or written to, with the
    corrupt-database message naming the latest backup. Nothing to check in a file that is
    not there yet or holds nothing."""
    if not path.is_file() or path.stat().st_size == 0:
        return None
    result = quick_start_check(path)
    log.debug(
        "start check of %s: %s in %.1f ms",
        path,
        "whole file" if result.full else "partial",
        result.seconds * 1000,
    )
    if result.problems:
        raise faults.corrupt(path, "kiểm tra khi mở: " + "; ".join(result.problems[:3]), backup_dir)
    return result


def tail_break(entries: list[AuditEntry]) -> str | None:
    """The first break among the log's newest entries (re-hashed, linked), or None."""
    if not entries:
        return None
    broken = first_break(entries, entries[0].prev_hash, entries[0].seq)
    return None if broken is None else broken.reason
