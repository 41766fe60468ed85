"""The supervisor's month (issue 14): what a dossier's row keeps so a period's figures are
counted in SQL, and the indexes those counts walk.

``dossiers`` gains ``timeliness`` (early / on time / late, once finished), ``office_fault``,
``satisfaction`` (the rating at hand-back), ``documents_scanned`` and ``result_scanned``:
derived from the dossier by ``desk.domain.figures.figure_facts`` and written on every change;
filled here for the dossiers already recorded. ``ix_dossiers_finished_at`` finds the
dossiers finished in a period; ``ix_status_events_path`` (partial: supplement requests and
changes that keep the status) the steps of a path recorded in it.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01 07:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

COLUMNS = ("timeliness", "office_fault", "satisfaction", "documents_scanned", "result_scanned")
PATH_EVENTS = "to_status = 5 OR from_status = to_status"


def upgrade() -> None:
    # Plain ADD COLUMN on both engines (constant defaults): a batch copy of ``dossiers``
    # would drop the table the search index and every foreign key point at.
    op.add_column("dossiers", sa.Column("timeliness", sa.String(length=8), nullable=True))
    for name in ("office_fault", "documents_scanned", "result_scanned"):
        op.add_column(
            "dossiers", sa.Column(name, sa.Boolean(), nullable=False, server_default=sa.false())
        )
    op.add_column("dossiers", sa.Column("satisfaction", sa.String(length=12), nullable=True))
    op.create_index("ix_dossiers_finished_at", "dossiers", ["finished_at"])
    op.create_index(
        "ix_status_events_path",
        "status_events",
        ["at"],
        sqlite_where=sa.text(PATH_EVENTS),
        postgresql_where=sa.text(PATH_EVENTS),
    )
    from desk.store.figures import refresh_figure_columns

    refresh_figure_columns(op.get_bind())


def downgrade() -> None:
    op.drop_index("ix_status_events_path", table_name="status_events")
    op.drop_index("ix_dossiers_finished_at", table_name="dossiers")
    for column in COLUMNS:
        op.drop_column("dossiers", column)  # DROP COLUMN (SQLite 3.35+): no table copy
