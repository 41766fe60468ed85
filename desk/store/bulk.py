"""Fast loading of many rows at once (the large demo office, benchmarks).

Rows are given as the same value dictionaries the repositories write, converted by each
column's own SQLAlchemy type (Instant, Date, JSON …) and sent with executemany in one
transaction. Ids are assigned here so children can point at their parents before insert.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, cast

from sqlalchemy import Table, func, select
from sqlalchemy.engine import Connection

from desk.domain.codes import SequenceBlock
from desk.errors import SequenceExhausted
from desk.store.db import Database
from desk.store.models import Base, DailyCounterRow, DossierRow, PersonRow

FLUSH_ROWS = 20_000


class _TableBuffer:
    def __init__(self, table: Table, connection: Connection):
        dialect = connection.dialect
        self.columns = [c.name for c in table.columns]
        self.processors: list[Callable[[Any], Any] | None] = [
            c.type.bind_processor(dialect) for c in table.columns
        ]
        placeholders = ", ".join(
            "?" if dialect.paramstyle == "qmark" else "%s" for _ in self.columns
        )
        self.sql = f"INSERT INTO {table.name} ({', '.join(self.columns)}) VALUES ({placeholders})"
        self.rows: list[tuple[Any, ...]] = []
        self.connection = connection

        # Only dates, instants, JSON and booleans need converting; the rest goes as is.
        self.converted = [(i, p) for i, p in enumerate(self.processors) if p is not None]

    def add(self, values: dict[str, Any]) -> None:
        get = values.get
        row = [get(name) for name in self.columns]
        for i, convert in self.converted:
            if row[i] is not None:
                row[i] = convert(row[i])
        self.rows.append(tuple(row))

    def flush(self) -> None:
        if self.rows:
            self.connection.exec_driver_sql(self.sql, self.rows)
            self.rows = []


class BulkInserter:
    """``with BulkInserter(db) as bulk: bulk.add("dossiers", {...})`` — all or nothing."""

    def __init__(self, db: Database, *, expected_rows: int = 0):
        self.db = db
        # Past this size, rebuilding indexes once beats updating them row by row.
        self._rebuild_indexes = db.is_sqlite and expected_rows >= 200_000
        self._dropped: list[str] = []
        self._connection: Connection | None = None
        self._buffers: dict[str, _TableBuffer] = {}
        self._pending = 0
        self._counters: dict[tuple[str, date, int], int] = {}

    def __enter__(self) -> BulkInserter:
        self._connection = self.db.engine.connect()
        self._transaction = self._connection.begin()
        if self.db.is_sqlite:
            # A bigger page cache keeps the random-key indexes (ID numbers) in memory.
            self._connection.exec_driver_sql("PRAGMA cache_size=-400000")
            if self._rebuild_indexes:
                self._drop_secondary_indexes()
        self._next_ids = {
            "dossiers": self._max_id(DossierRow.id) + 1,
            "people": self._max_id(PersonRow.id) + 1,
        }
        return self

    def _max_id(self, column: Any) -> int:
        assert self._connection is not None
        return int(self._connection.execute(select(func.max(column))).scalar() or 0)

    def next_id(self, table: str) -> int:
        value = self._next_ids[table]
        self._next_ids[table] = value + 1
        return value

    def next_sequence(self, agency_id: str, day: date, block: SequenceBlock) -> int:
        """The day's next number, continuing from what the counter table already holds."""
        key = (agency_id, day, block.first)
        last = self._counters.get(key)
        if last is None:
            assert self._connection is not None
            stored = self._connection.execute(
                select(DailyCounterRow.last_value).where(
                    DailyCounterRow.agency_id == agency_id,
                    DailyCounterRow.day == day,
                    DailyCounterRow.block_first == block.first,
                )
            ).scalar()
            last = int(stored) if stored is not None else block.first - 1
        value = last + 1
        if value > block.last:
            raise SequenceExhausted(
                f"Đã hết số thứ tự hồ sơ của ngày {day:%d/%m/%Y} trong dãy {block}."
            )
        self._counters[key] = value
        return value

    def add(self, table_name: str, values: dict[str, Any]) -> None:
        buffer = self._buffers.get(table_name)
        if buffer is None:
            assert self._connection is not None
            buffer = self._buffers[table_name] = _TableBuffer(
                Base.metadata.tables[table_name], self._connection
            )
        buffer.add(values)
        self._pending += 1
        if self._pending >= FLUSH_ROWS:
            self.flush()

    def flush(self) -> None:
        # Parents first, so foreign keys always find their row.
        order = ["people", "dossiers"]
        for name in order + [n for n in self._buffers if n not in order]:
            if name in self._buffers:
                self._buffers[name].flush()
        self._pending = 0

    def _save_counters(self) -> None:
        from sqlalchemy.dialects.postgresql import insert as pg_insert
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        assert self._connection is not None
        table = cast(Table, DailyCounterRow.__table__)
        make_insert = sqlite_insert if self.db.is_sqlite else pg_insert
        for (agency_id, day, first), last in self._counters.items():
            stmt = make_insert(table).values(
                agency_id=agency_id, day=day, block_first=first, last_value=last
            )
            self._connection.execute(
                stmt.on_conflict_do_update(
                    index_elements=[table.c.agency_id, table.c.day, table.c.block_first],
                    set_={"last_value": last},
                )
            )

    def _drop_secondary_indexes(self) -> None:
        """Drop the indexes and the search trigger of the loaded tables (same transaction:
        a failed load rolls back to the indexes as they were)."""
        assert self._connection is not None
        tables = (
            "dossiers",
            "people",
            "dossier_people",
            "dossier_documents",
            "dossier_fees",
            "status_events",
            "outbox",
        )
        placeholders = ", ".join("?" for _ in tables)
        rows = self._connection.exec_driver_sql(
            "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL AND "
            f"((type = 'index' AND tbl_name IN ({placeholders})) OR "
            "(type = 'trigger' AND name = 'dossiers_search_insert'))",
            tables,
        ).all()
        for kind, name, sql in rows:
            self._connection.exec_driver_sql(f'DROP {kind.upper()} "{name}"')
            self._dropped.append(sql)

    def _restore_secondary_indexes(self) -> None:
        assert self._connection is not None
        if not self._dropped:
            return
        # The search index is rebuilt from the dossiers table as a whole.
        self._connection.exec_driver_sql(
            "INSERT INTO dossier_search(dossier_search) VALUES ('rebuild')"
        )
        for sql in self._dropped:
            self._connection.exec_driver_sql(sql)

    def __exit__(self, exc_type: Any, exc: Any, tb: Any) -> None:
        assert self._connection is not None
        try:
            if exc_type is None:
                self.flush()
                self._save_counters()
                self._restore_secondary_indexes()
                self._transaction.commit()
            else:
                self._transaction.rollback()
        finally:
            self._connection.close()
