"""The search indexes merge in the desk's pauses, not inside a receive (issue 16).

SQLite: FTS5 writes each committed transaction's words as a new small b-tree of the
index and, by default, merges b-trees inside later inserts: once every 64 index pages
written, the insert that crosses the mark merges up to 64 pages for each level of the
index. A receive (the applicant's index and the people's) so paid now and then for
other receives' b-trees: 20-25 ms of CPU against ~1.3 for the others on the
100,000-dossier bench office, and 67-135 ms on a freshly built one (docs/performance.md,
fourth round). ``automerge=0`` turns that off; the merging is done by
``desk.store.search_index`` when the desk is idle (``desk.ui.collector.IdleIndexMerge``)
and at the end of a bulk load. FTS5's crisis merge (16 b-trees on one level) still runs
inside an insert, on small b-trees: a desk that is never idle stays bounded.

The setting is kept in each index's own ``_config`` table: nothing else changes, no
index is rebuilt, and search results are the same. PostgreSQL has no FTS5: nothing to do.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-03 08:00:00
"""

from __future__ import annotations

from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

# The FTS5 tables as schema 0010 left them (models.SEARCH_TABLES today).
_TABLES = ("dossier_search", "person_search")
_DEFAULT_AUTOMERGE = 4  # FTS5's own


def _set_automerge(value: int) -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for table in _TABLES:
        op.execute(f"INSERT INTO {table}({table}, rank) VALUES ('automerge', {value})")


def upgrade() -> None:
    _set_automerge(0)


def downgrade() -> None:
    _set_automerge(_DEFAULT_AUTOMERGE)
