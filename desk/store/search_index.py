"""Merging the SQLite search indexes' b-trees, outside the receives (issue 16).

Each committed receive adds a small b-tree to ``dossier_search`` and to ``person_search``
(FTS5). Since schema 0011 no insert merges them (``automerge=0``); they are merged here,
a bounded step at a time when the desk is idle (``desk.ui.collector.IdleIndexMerge``),
and into one b-tree an index at the end of a bulk load. A step does what FTS5's
automatic merging would have done inside a receive: a level holding ``usermerge`` (4)
b-trees or more is merged, or a merge already begun goes on. Merging changes how the
index is stored, never what a search finds.

PostgreSQL has no FTS5 (its word indexes are GIN, kept by the server): nothing to do.
"""

from __future__ import annotations

from sqlalchemy import Connection

from desk.store.db import Database
from desk.store.models import SEARCH_TABLES

# Index pages a step may write, per index: 15-35 ms a step on the million-dossier bench
# office (a loaded 2-core machine), the write lock held that long.
STEP_PAGES = 50
# Pages per statement when merging everything in one transaction (the bulk load's end).
_ALL_PAGES = 2_000


def _merged(connection: Connection, table: str, pages: int) -> bool:
    """One 'merge' command of up to ``pages`` pages; whether it merged anything. FTS5
    says so through the connection's change count: it grows by 2 or more when the
    command did work, by less when there was nothing to merge (the FTS5 documentation's
    'merge' command)."""
    changes = "SELECT total_changes()"
    before = int(connection.exec_driver_sql(changes).scalar_one())
    connection.exec_driver_sql(f"INSERT INTO {table}({table}, rank) VALUES ('merge', {int(pages)})")
    return int(connection.exec_driver_sql(changes).scalar_one()) - before >= 2


def merge_step(db: Database, pages: int = STEP_PAGES) -> bool:
    """One bounded step of merging on each search index, in one short write
    transaction; whether there may be more to do (False once a step found nothing to
    merge, and always on PostgreSQL)."""
    if not db.is_sqlite:
        return False
    with db.connect_write() as connection:
        worked = [_merged(connection, table, pages) for table in SEARCH_TABLES]
    return any(worked)


def merge_all(connection: Connection) -> None:
    """Merge each search index into one b-tree, in the caller's transaction (a bulk
    load's, so a new office starts with nothing to merge and its searches read one
    b-tree an index): FTS5's 'optimize', in statements of bounded size. The first, with
    a negative count, puts every b-tree on one level; the next go on until the change
    count says nothing was merged. About a second for the 100,000-dossier bench office.
    Nothing on PostgreSQL."""
    if connection.dialect.name != "sqlite":
        return
    for table in SEARCH_TABLES:
        if _merged(connection, table, -_ALL_PAGES):
            while _merged(connection, table, _ALL_PAGES):
                pass
