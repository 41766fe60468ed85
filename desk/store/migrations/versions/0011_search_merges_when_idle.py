"""The search indexes merge in the desk's pauses, not inside a receive (issue 16).

SQLite: FTS5 writes each committed transaction's words as a new small b-tree of the
index, and by default merges them into larger ones as part of later inserts. A receive
(two index writes: the applicant and each person) could so pay for a merge of other
receives' b-trees: single receives of 60-130 ms on a freshly built office, and most of
the ~1 ms a settled one spent beyond its own rows. ``automerge=0`` turns that off; the
merging is done by ``desk.store.search_index`` when the desk is idle
(``desk.ui.collector.IdleIndexMerge``) and at the end of a bulk load. FTS5's crisis merge
(16 b-trees on one level) still runs inside an insert: a desk never idle stays bounded.

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
