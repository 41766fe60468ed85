"""What ``desk check`` reads, in SQL.

Each function reads through one connection (a read snapshot, ``desk.store.audit.snapshot``)
and returns plain values: counts, dossier codes, the database's own words. The service
(``desk.services.check``) turns them into what a supervisor reads.

The quick check at every start runs on its own ``sqlite3`` connection, before the desk
opens the file with SQLAlchemy or migrates it: ``desk.store.start_check``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any, cast

from sqlalchemy import Connection, Date, Table, bindparam, text

from desk.store import faults
from desk.store.start_check import report_lines, tail_break
from desk.store.tables import METADATA, SEARCH_TABLES

# --- integrity of the file (SQLite) or of every row (PostgreSQL) -------------------------


def integrity_problems(connection: Connection, limit: int) -> list[str]:
    """The database's own words for what is damaged, at most ``limit`` lines; [] if none.

    SQLite: ``PRAGMA integrity_check`` (every page, every index against its table, every
    constraint). PostgreSQL: every row of every table of the desk read through, each value
    turned to text (``t::text``), which detoasts it; see ``postgres_read_all``."""
    if connection.dialect.name == "sqlite":
        rows = connection.exec_driver_sql(f"PRAGMA integrity_check({int(limit)})").fetchall()
        return report_lines(rows)
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


def audit_tail_break(connection: Connection, count: int) -> str | None:
    """The first break among the log's last ``count`` entries (re-hashed, linked), or None."""
    from desk.store import audit as store_audit

    last_seq, _ = store_audit.head(connection)
    return tail_break(list(store_audit.iter_entries(connection, after=max(0, last_seq - count))))
