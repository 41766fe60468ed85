"""What ``desk check`` and the quick check at every start read, in SQL.

Each function reads through one connection (a read snapshot, ``desk.store.audit.snapshot``)
and returns plain values: counts, dossier codes, the database's own words. The service
(``desk.services.check``) turns them into what a supervisor reads.

The quick start check (``quick_start_check``) is the one piece that runs on its own
``sqlite3`` connection, before the desk opens the file with SQLAlchemy or migrates it:
a damaged file is refused before anything is written to it.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, cast
from urllib.parse import quote

from sqlalchemy import Connection, Date, Table, bindparam, text

from desk.domain.audit import first_break
from desk.errors import CorruptDatabase, DeskError
from desk.store import faults
from desk.store.tables import METADATA, SEARCH_TABLES

# --- integrity of the file (SQLite) or of every row (PostgreSQL) -------------------------


def integrity_problems(connection: Connection, limit: int) -> list[str]:
    """The database's own words for what is damaged, at most ``limit`` lines; [] if none.

    SQLite: ``PRAGMA integrity_check`` (every page, every index against its table, every
    constraint). PostgreSQL: every row of every table of the desk read through, each value
    turned to text (``t::text``), which detoasts it; see ``postgres_read_all``."""
    if connection.dialect.name == "sqlite":
        rows = connection.exec_driver_sql(f"PRAGMA integrity_check({int(limit)})").fetchall()
        return _lines(rows)
    return postgres_read_all(connection)


def postgres_read_all(connection: Connection) -> list[str]:
    """Read every row of every table of the desk, every value as text.

    That proves each heap page and each TOASTed value can be read back (with data
    checksums on, each page's checksum is verified as it is read). It does not prove the
    indexes agree with their tables (that needs the ``amcheck`` extension, a server
    administrator's job) nor that the server's WAL archive is whole."""
    problems: list[str] = []
    for table in METADATA.sorted_tables:
        try:
            with connection.begin_nested():
                connection.execute(
                    text(f'SELECT count(*), sum(length(t::text)) FROM "{table.name}" AS t')
                ).one()
        except Exception as error:  # the server's own words name the damage
            original = getattr(error, "orig", None) or error
            problems.append(f"{table.name}: {' '.join(str(original).split())[:300]}")
    return problems


def _lines(rows: Sequence[Any]) -> list[str]:
    """SQLite's report as single lines, without its "*** in database main ***" heading;
    [] for "ok"."""
    lines = [
        line.strip()
        for row in rows
        for line in str(row[0]).splitlines()
        if line.strip() and not line.startswith("*** in database")
    ]
    return [] if lines == ["ok"] else lines


# --- the search index --------------------------------------------------------------------


def search_index_problems(connection: Connection) -> list[str]:
    """FTS5's own ``integrity-check`` of each search table: the index is whole and agrees
    with the dossiers it indexes. It is an INSERT in form, so run it in a write
    transaction. [] on PostgreSQL (no FTS table: a plain index on the folded names)."""
    if connection.dialect.name != "sqlite":
        return []
    problems = []
    for table in SEARCH_TABLES:
        try:
            with connection.begin_nested():
                # rank 1: also compare the index with the dossiers it indexes (an
                # external-content table's index can drift from its rows).
                connection.exec_driver_sql(
                    f"INSERT INTO {table}({table}, rank) VALUES ('integrity-check', 1)"
                )
        except Exception as error:
            original = getattr(error, "orig", None) or error
            if faults.sqlite_fault(original, path=None, backup_dir=None) is not None and (
                "malformed" not in str(original)
            ):
                raise
            problems.append(f"{table}: {original}")
    return problems


@dataclass(frozen=True, slots=True)
class FoldedName:
    where: str  # "dossier", "person", "known_person", "procedure"
    key: str  # the dossier's code, the person's id, the ID number, the procedure's code
    name: str
    folded: str


_FOLDED_SOURCES: tuple[tuple[str, str, str, str, str], ...] = (
    # (kind, table, key column, name column, folded column)
    ("dossier", "dossiers", "code", "applicant_name", "applicant_name_folded"),
    ("person", "people", "id", "full_name", "name_folded"),
    ("known_person", "known_people", "id_number", "full_name", "name_folded"),
    ("procedure", "procedures", "code", "name", "name_folded"),
)


def iter_folded_names(connection: Connection, *, batch_size: int = 5000) -> Iterator[FoldedName]:
    """Every stored name next to its stored fold (keyset pages, so memory stays flat)."""
    for kind, table, key, name, folded in _FOLDED_SOURCES:
        after: Any = None
        while True:
            where = "" if after is None else f"WHERE {key} > :after "
            page = connection.execute(
                text(
                    f"SELECT {key}, {name}, {folded} FROM {table} {where}"
                    f"ORDER BY {key} LIMIT {int(batch_size)}"
                ),
                {"after": after},
            ).fetchall()
            if not page:
                break
            for row in page:
                yield FoldedName(kind, str(row[0]), str(row[1] or ""), str(row[2] or ""))
            after = page[-1][0]


# --- each day's dossier codes ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CodeBlock:
    """One counter (agency, day, block of the sequence) and the dossiers numbered in it."""

    agency_id: str
    day: date
    block_first: int
    last_value: int
    count: int

    @property
    def expected(self) -> int:
        return max(0, self.last_value - self.block_first + 1)


def code_blocks(connection: Connection) -> list[CodeBlock]:
    """Every counter with the number of dossiers whose sequence lies in its block up to the
    last number it handed out. The blocks of one day are told apart by their first number:
    a block ends where the day's next block starts."""
    rows = connection.execute(
        text(
            "SELECT c.agency_id, c.day, c.block_first, c.last_value, "
            "(SELECT count(*) FROM dossiers d WHERE d.agency_id = c.agency_id "
            " AND d.received_day = c.day AND d.sequence BETWEEN c.block_first AND c.last_value)"
            " FROM daily_counters c ORDER BY c.day, c.agency_id, c.block_first"
        )
    ).fetchall()
    return [
        CodeBlock(str(a), _day(d), int(first), int(last), int(n)) for a, d, first, last, n in rows
    ]


def _day(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def sequences_in(
    connection: Connection, agency_id: str, day: date, first: int, last: int
) -> list[int]:
    """The sequences used in one block of one day, in order (only for a block that is off)."""
    return [
        int(n)
        for (n,) in connection.execute(
            text(
                "SELECT sequence FROM dossiers WHERE agency_id = :a AND received_day = :d "
                "AND sequence BETWEEN :f AND :l ORDER BY sequence"
            ).bindparams(bindparam("d", type_=Date)),  # not sqlite3's date adapter (3.12)
            {"a": agency_id, "d": day, "f": first, "l": last},
        )
    ]


def dossiers_outside_counters(connection: Connection, limit: int) -> tuple[int, list[str]]:
    """Dossiers whose number no counter handed out (beyond its day's last number, or a day
    with no counter), and the first codes of them."""
    where = (
        "FROM dossiers d WHERE NOT EXISTS (SELECT 1 FROM daily_counters c "
        "WHERE c.agency_id = d.agency_id AND c.day = d.received_day "
        "AND d.sequence BETWEEN c.block_first AND c.last_value)"
    )
    return _count_and_codes(connection, where, limit)


def iter_code_parts(
    connection: Connection, *, batch_size: int = 10000
) -> Iterator[tuple[str, str, date, int]]:
    """(code, agency, day, sequence) of every dossier, by id."""
    after = 0
    while True:
        page = connection.execute(
            text(
                "SELECT id, code, agency_id, received_day, sequence FROM dossiers "
                f"WHERE id > :after ORDER BY id LIMIT {int(batch_size)}"
            ),
            {"after": after},
        ).fetchall()
        if not page:
            return
        for _id, code, agency, day, sequence in page:
            yield str(code), str(agency), _day(day), int(sequence)
        after = int(page[-1][0])


# --- each dossier's history and its place in the sync -------------------------------------


def dossiers_without_first_event(connection: Connection, limit: int) -> tuple[int, list[str]]:
    """Dossiers with no first event (the intake's, with no status before it)."""
    where = (
        "FROM dossiers d WHERE NOT EXISTS (SELECT 1 FROM status_events e "
        "WHERE e.dossier_id = d.id AND e.from_status IS NULL)"
    )
    return _count_and_codes(connection, where, limit)


def dossiers_lost_to_sync(connection: Connection, limit: int) -> tuple[int, list[str]]:
    """Dossiers whose current revision is nowhere in the sync: not answered by the
    province (``sync_results``), not queued (``outbox``), not in a batch written and not
    yet answered (``sync_batch_items``), not on the needs-attention list. Such a revision
    would never reach the province."""
    where = (
        "FROM dossiers d WHERE NOT EXISTS (SELECT 1 FROM outbox o "
        "WHERE o.dossier_id = d.id AND o.revision = d.revision) "
        "AND NOT EXISTS (SELECT 1 FROM sync_results r "
        "WHERE r.dossier_id = d.id AND r.revision = d.revision) "
        "AND NOT EXISTS (SELECT 1 FROM sync_batch_items b "
        "WHERE b.dossier_id = d.id AND b.revision = d.revision) "
        "AND NOT EXISTS (SELECT 1 FROM sync_attention a "
        "WHERE a.dossier_id = d.id AND a.revision = d.revision)"
    )
    return _count_and_codes(connection, where, limit)


def outbox_ahead_of_dossier(connection: Connection, limit: int) -> tuple[int, list[str]]:
    """Outbox entries holding a revision the dossier does not have (the outbox always
    holds the newest revision: one beyond it was never written)."""
    where = "FROM dossiers d JOIN outbox o ON o.dossier_id = d.id WHERE o.revision > d.revision"
    return _count_and_codes(connection, where, limit)


def _count_and_codes(connection: Connection, where: str, limit: int) -> tuple[int, list[str]]:
    count = int(connection.execute(text(f"SELECT count(*) {where}")).scalar_one())
    if not count:
        return 0, []
    codes = [
        str(code)
        for (code,) in connection.execute(
            text(f"SELECT d.code {where} ORDER BY d.code LIMIT {int(limit)}")
        )
    ]
    return count, codes


def table(name: str) -> Table:
    return cast(Table, METADATA.tables[name])


# --- the quick check at every start (SQLite) ------------------------------------------------

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
            raise DeskError(
                "Cơ sở dữ liệu đang bận (một máy khác đang ghi). Vui lòng thử lại.",
                code="db.busy",
            ) from None
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
        lines = _lines(connection.execute("PRAGMA quick_check(20)").fetchall())
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
        lines = _lines(connection.execute(f'PRAGMA quick_check("{name}")').fetchall())
        problems.extend(f"{name}: {line}" for line in lines[:5])
    for name in BIG_TABLES:
        if name in tables:
            # Every column read: a damaged page of the newest rows (or of what they
            # overflow to) raises "malformed" here.
            connection.execute(
                f'SELECT * FROM "{name}" ORDER BY rowid DESC LIMIT {TAIL_ROWS}'
            ).fetchall()


def audit_tail_break(connection: Connection, count: int) -> str | None:
    """The first break among the log's last ``count`` entries (re-hashed, linked), or None."""
    from desk.store import audit as store_audit

    last_seq, _ = store_audit.head(connection)
    entries = list(store_audit.iter_entries(connection, after=max(0, last_seq - count)))
    if not entries:
        return None
    broken = first_break(entries, entries[0].prev_hash, entries[0].seq)
    return None if broken is None else broken.reason
