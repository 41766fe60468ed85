"""Fast loading of many rows at once (the large demo office, benchmarks).

The rows are ``desk.store.rows``' own (the services' path writes the same values), in the
driver's form given by ``SqlValues`` (the columns' own types), and sent with executemany
on SQLite and with COPY on PostgreSQL (``desk.store.bulk_postgres``), all in one
transaction. The caller assigns the ids, so children can point at their parents before
anything is inserted; on PostgreSQL the id sequences are moved past them at the end.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Connection

from desk.domain.audit import AuditAction
from desk.domain.codes import SequenceBlock
from desk.store import audit, audit_records, bulk_postgres, people, search_index
from desk.store.bulk_log import LoadedRows
from desk.store.counters import BOOK
from desk.store.db import Database
from desk.store.models import SEARCH_TABLES, DailyCounterRow, YearlyCounterRow

# The tables a bulk load fills; a large load builds their secondary indexes at the end.
LOADED_TABLES = (
    "people",
    "dossiers",
    "dossier_people",
    "dossier_documents",
    "dossier_fees",
    "status_events",
    "outbox",
)


def _shifted(
    rows: Iterable[Sequence[Any]], columns: Sequence[str], offsets: Mapping[str, int]
) -> list[Sequence[Any]]:
    """The rows with ``offsets`` added to their columns (None stays None)."""
    shifts = [(list(columns).index(c), int(n)) for c, n in offsets.items() if n]
    if not shifts:
        return rows if isinstance(rows, list) else list(rows)
    shifted: list[Sequence[Any]] = []
    for row in rows:
        values = list(row)
        for index, offset in shifts:
            if values[index] is not None:
                values[index] += offset
        shifted.append(tuple(values))
    return shifted


class BulkInserter:
    """``with BulkInserter(db) as bulk: bulk.insert("dossiers", columns, rows)``: all or
    nothing, in one transaction.

    ``large`` (hundreds of thousands of rows) drops the loaded tables' secondary
    indexes first and builds them once at the end, in the same transaction (a failure
    brings them back with everything else): one sort beats a million random B-tree
    inserts. On SQLite the search trigger goes too (one FTS rebuild beats a trigger per
    row); on PostgreSQL the foreign keys too (one join beats a key check per row), and
    only the tables' owner may, so the desk's own role loads with them in place.
    """

    def __init__(self, db: Database, *, large: bool = False):
        self.db = db
        self._large = large
        self._owner = False  # PostgreSQL: whether this role owns the loaded tables
        self._dropped: list[str] = []
        self._connection: Connection | None = None
        self._restore_pragmas: list[str] = []
        self._counters: dict[tuple[str, date, int], int] = {}
        self._book_entries: dict[int, int] = {}
        self._to_log: list[tuple[list[int], AuditAction, datetime, str]] = []
        self._loaded = LoadedRows(postgres=not db.is_sqlite)

    def __enter__(self) -> BulkInserter:
        if self._large:
            # Leaving WAL mode (below) needs the only connection: close our idle ones.
            self.db.engine.dispose()
        self._connection = self.db.engine.connect()
        try:
            if self.db.is_sqlite:
                self._tune_sqlite()
            self._transaction = self._connection.begin()
            if not self.db.is_sqlite:
                bulk_postgres.tune(self._connection)
                self._owner = bulk_postgres.owns(self._connection, LOADED_TABLES)
                self._large = self._large and self._owner
            if self._large:
                self._drop_secondary_indexes()
        except BaseException:
            self._close()
            raise
        return self

    def _tune_sqlite(self) -> None:
        """Settings for this connection during the load, set back before it returns to
        the pool (pragmas that are per connection, outside the transaction):

        - a 256 MB page cache, sorting in memory, and two threads for the index sorts
          (about 15 % faster on two cores);
        - for a large load, a rollback journal instead of the WAL. In WAL mode every page of
          a gigabyte-sized transaction is written twice, to the log and then by the
          checkpoint, with an fsync each time: about 25 s for a million dossiers. With a
          rollback journal only the few pages that existed before are journalled, and a
          failed load still rolls back. Switching needs the file to ourselves; when
          another desk has it open the load simply stays in WAL mode.
        """
        raw = self._raw()
        for pragma, value in (("cache_size", -262_144), ("temp_store", 2), ("threads", 2)):
            previous = raw.execute(f"PRAGMA {pragma}").fetchone()[0]
            raw.execute(f"PRAGMA {pragma}={value}")
            self._restore_pragmas.append(f"PRAGMA {pragma}={previous}")
        if self._large and raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal":
            timeout = raw.execute("PRAGMA busy_timeout").fetchone()[0]
            raw.execute("PRAGMA busy_timeout=0")  # if the file is busy, do not wait for it
            try:
                if raw.execute("PRAGMA journal_mode=DELETE").fetchone()[0] == "delete":
                    self._restore_pragmas.insert(0, "PRAGMA journal_mode=WAL")
            except sqlite3.OperationalError:
                pass  # another connection has the file open: stay in WAL mode
            finally:
                raw.execute(f"PRAGMA busy_timeout={timeout}")

    def _raw(self) -> Any:
        """The sqlite3 connection under SQLAlchemy's, for pragmas outside a transaction."""
        assert self._connection is not None
        raw = self._connection.connection.driver_connection
        assert raw is not None
        return raw

    def max_id(self, table: str) -> int:
        assert self._connection is not None
        return int(self._connection.exec_driver_sql(f"SELECT max(id) FROM {table}").scalar() or 0)

    def stored_sequences(self, agency_id: str, block: SequenceBlock) -> dict[date, int]:
        """The last number handed out per day in this block, as the counter table holds it."""
        assert self._connection is not None
        rows = self._connection.execute(
            select(DailyCounterRow.day, DailyCounterRow.last_value).where(
                DailyCounterRow.agency_id == agency_id,
                DailyCounterRow.block_first == block.first,
            )
        ).all()
        return {day: int(last) for day, last in rows}

    def register_people(self, known: list[Sequence[Any]]) -> None:
        """Bring the registry of known people up to date with these records (in the
        driver's form, with an ID number), in order, as ``people.save_person`` does."""
        assert self._connection is not None
        if self.db.is_sqlite:
            people.register_people(self._connection, known)
        else:  # staged, and registered at the end in a few statements
            bulk_postgres.stage_known_people(self._connection, known)

    def log_dossiers(
        self, dossier_ids: Iterable[int], *, action: AuditAction, at: datetime, actor_name: str
    ) -> None:
        """Log these dossiers, one entry each, as ``audit_records.log_dossiers`` does. Their
        digests come from the rows inserted since the last call (``LoadedRows``); dossiers
        written otherwise are read back before the commit, once the secondary indexes are
        built again (each batch a few index lookups, not a scan of the table)."""
        assert self._connection is not None
        ids = list(dossier_ids)
        digests = self._loaded.digests(ids)
        if digests is None:
            self._to_log.append((ids, action, at, actor_name))
            return
        entries = [
            audit_records.dossier_entry(d, action, at=at, actor_user_id=None, actor_name=actor_name)
            for d in digests
        ]
        audit.append(self._connection, entries)

    def set_sequence(self, agency_id: str, day: date, block: SequenceBlock, last: int) -> None:
        """Record the day's last number; written to the counter table before commit."""
        self._counters[(agency_id, day, block.first)] = last

    def insert(
        self,
        table: str,
        columns: Sequence[str],
        rows: Iterable[Sequence[Any]],
        *,
        offsets: Mapping[str, int] | None = None,
    ) -> None:
        """Insert rows (in the driver's form) given in ``columns`` order. ``offsets`` adds a
        number to a column, e.g. to turn chunk-local person numbers into ids."""
        assert self._connection is not None
        rows = _shifted(rows, columns, offsets or {})
        self._loaded.keep(table, columns, rows)
        if not rows:
            return
        if not self.db.is_sqlite:
            bulk_postgres.copy_rows(self._connection, table, columns, rows)
            return
        markers = ", ".join("?" for _ in columns)
        self._connection.exec_driver_sql(
            f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({markers})", rows
        )

    def stored_book_entries(self) -> dict[int, int]:
        """The last tracking-book entry per year, as the counter table holds it."""
        assert self._connection is not None
        rows = self._connection.execute(
            select(YearlyCounterRow.year, YearlyCounterRow.last_value).where(
                YearlyCounterRow.kind == BOOK
            )
        ).all()
        return {int(year): int(last) for year, last in rows}

    def set_book_entries(self, year: int, last: int) -> None:
        """Record the year's last book entry; written to the counter table before commit."""
        self._book_entries[year] = last

    def _save_counters(self) -> None:
        from sqlalchemy.dialects.postgresql import insert as pg_insert
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        assert self._connection is not None
        row = DailyCounterRow
        make_insert = sqlite_insert if self.db.is_sqlite else pg_insert
        for (agency_id, day, first), last in self._counters.items():
            stmt = make_insert(row).values(
                agency_id=agency_id, day=day, block_first=first, last_value=last
            )
            self._connection.execute(
                stmt.on_conflict_do_update(
                    index_elements=[row.agency_id, row.day, row.block_first],
                    set_={"last_value": last},
                )
            )
        yearly = YearlyCounterRow
        for year, last in self._book_entries.items():
            stmt = make_insert(yearly).values(kind=BOOK, year=year, last_value=last)
            self._connection.execute(
                stmt.on_conflict_do_update(
                    index_elements=[yearly.kind, yearly.year], set_={"last_value": last}
                )
            )

    def _drop_secondary_indexes(self) -> None:
        assert self._connection is not None
        if not self.db.is_sqlite:
            self._dropped = bulk_postgres.drop_secondary(self._connection, LOADED_TABLES)
            return
        placeholders = ", ".join("?" for _ in LOADED_TABLES)
        rows = self._connection.exec_driver_sql(
            "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL AND "
            f"((type = 'index' AND tbl_name IN ({placeholders})) OR "
            "(type = 'trigger' AND name IN ('dossiers_search_insert', 'people_search_insert')))",
            LOADED_TABLES,
        ).all()
        for kind, name, sql in rows:
            self._connection.exec_driver_sql(f'DROP {kind.upper()} "{name}"')
            self._dropped.append(sql)

    def _restore_secondary_indexes(self) -> None:
        assert self._connection is not None
        if not self._dropped:
            return
        if not self.db.is_sqlite:
            for sql in self._dropped:
                self._connection.exec_driver_sql(sql)
            return
        # The search indexes are rebuilt from their tables as a whole.
        for table in SEARCH_TABLES:
            self._connection.exec_driver_sql(f"INSERT INTO {table}({table}) VALUES ('rebuild')")
        for sql in self._dropped:
            self._connection.exec_driver_sql(sql)

    def _finish_postgres(self) -> None:
        """The registry's staged records, the id sequences past the loaded ids, and (for
        the owner) the planner's statistics, which the log's digests below already use."""
        assert self._connection is not None
        bulk_postgres.register_staged(self._connection)
        bulk_postgres.advance_sequences(self._connection, LOADED_TABLES)
        if self._owner:
            bulk_postgres.analyze(self._connection, (*LOADED_TABLES, "known_people"))

    def _close(self) -> None:
        assert self._connection is not None
        try:
            for pragma in self._restore_pragmas:
                # Back to WAL fails only if another desk opened the file meanwhile; its
                # connections ask for WAL again anyway.
                with contextlib.suppress(sqlite3.OperationalError):
                    self._raw().execute(pragma)
        finally:
            self._connection.close()

    def __exit__(self, exc_type: Any, exc: Any, tb: Any) -> None:
        assert self._connection is not None
        try:
            if exc_type is None:
                self._save_counters()
                self._restore_secondary_indexes()
                # A new office starts with nothing left to merge: its receives and the
                # desk's pauses never inherit the load's merging (schema 0011).
                search_index.merge_all(self._connection)
                if not self.db.is_sqlite:
                    self._finish_postgres()
                for dossier_ids, action, at, actor_name in self._to_log:
                    audit_records.log_dossiers(
                        self._connection, dossier_ids, action=action, at=at, actor_name=actor_name
                    )
                self._transaction.commit()
            else:
                self._transaction.rollback()
        finally:
            self._close()
