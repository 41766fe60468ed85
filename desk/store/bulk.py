"""Fast loading of many rows at once (the large demo office, benchmarks).

Rows are given as the same value dictionaries the repositories write, converted by each
column's own SQLAlchemy type (Instant, Date, JSON …) and sent with executemany in one
transaction. Ids are assigned here so children can point at their parents before insert.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

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

    def add(self, values: dict[str, Any]) -> None:
        self.rows.append(
            tuple(
                proc(values.get(name)) if proc is not None else values.get(name)
                for name, proc in zip(self.columns, self.processors, strict=True)
            )
        )

    def flush(self) -> None:
        if self.rows:
            self.connection.exec_driver_sql(self.sql, self.rows)  # type: ignore[arg-type]
            self.rows = []


class BulkInserter:
    """``with BulkInserter(db) as bulk: bulk.add("dossiers", {...})`` — all or nothing."""

    def __init__(self, db: Database):
        self.db = db
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
        table = DailyCounterRow.__table__
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

    def __exit__(self, exc_type: Any, exc: Any, tb: Any) -> None:
        assert self._connection is not None
        try:
            if exc_type is None:
                self.flush()
                self._save_counters()
                self._transaction.commit()
            else:
                self._transaction.rollback()
        finally:
            self._connection.close()
