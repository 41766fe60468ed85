"""The supervisor's month (issue 14): what a dossier's row keeps so a period's figures are
counted in SQL, and the indexes those counts walk.

``dossiers`` gains ``timeliness`` (early / on time / late, once finished), ``office_fault``,
``satisfaction`` (the rating at hand-back), ``documents_scanned``, ``result_scanned`` and
the fees by how they were paid (``fees_cash``, ``fees_transfer``):
derived from the dossier by ``desk.domain.figures.figure_facts`` and written on every
change; filled here for the dossiers already recorded. Covering indexes by the time
received, finished and returned (with what is counted and grouped by) let a period be
counted without reading a row; ``ix_status_events_path`` (partial: supplement
requests and changes that keep the status) finds the steps of a path.

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

COLUMNS = (
    "timeliness",
    "office_fault",
    "satisfaction",
    "documents_scanned",
    "result_scanned",
    "fees_cash",
    "fees_transfer",
)
PATH_EVENTS = "to_status = 5 OR from_status = to_status"
GROUPS = ("field_code", "procedure_code", "clerk_id")
# Covering indexes: the counts of a period read them, never the rows (a year of a large
# office in seconds, not tens of seconds).
FIGURE_INDEXES = {
    "ix_dossiers_figures_received": (
        "received_at",
        "status",
        "channel",
        "documents_scanned",
        "fees_cash",
        "fees_transfer",
        *GROUPS,
    ),
    "ix_dossiers_figures_finished": (
        "finished_at",
        "status",
        "timeliness",
        "office_fault",
        "received_at",
        "due_at",
        *GROUPS,
    ),
    "ix_dossiers_figures_returned": ("returned_at", "satisfaction", "result_scanned", *GROUPS),
}


def upgrade() -> None:
    # Plain ADD COLUMN on both engines (constant defaults): a batch copy of ``dossiers``
    # would drop the table the search index and every foreign key point at.
    op.add_column("dossiers", sa.Column("timeliness", sa.String(length=8), nullable=True))
    for name in ("office_fault", "documents_scanned", "result_scanned"):
        op.add_column(
            "dossiers", sa.Column(name, sa.Boolean(), nullable=False, server_default=sa.false())
        )
    op.add_column("dossiers", sa.Column("satisfaction", sa.String(length=12), nullable=True))
    for name in ("fees_cash", "fees_transfer"):
        op.add_column(
            "dossiers", sa.Column(name, sa.BigInteger(), nullable=False, server_default="0")
        )
    for name, columns in FIGURE_INDEXES.items():
        op.create_index(name, "dossiers", list(columns))
    op.create_index(
        "ix_status_events_path",
        "status_events",
        ["at"],
        sqlite_where=sa.text(PATH_EVENTS),
        postgresql_where=sa.text(PATH_EVENTS),
    )
    from desk.store.figure_facts import refresh_figure_columns

    refresh_figure_columns(op.get_bind())


def downgrade() -> None:
    op.drop_index("ix_status_events_path", table_name="status_events")
    for name in FIGURE_INDEXES:
        op.drop_index(name, table_name="dossiers")
    for column in COLUMNS:
        op.drop_column("dossiers", column)  # DROP COLUMN (SQLite 3.35+): no table copy
