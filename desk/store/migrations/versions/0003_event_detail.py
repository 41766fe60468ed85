"""Status events carry a structured detail (JSON) next to their note: what a form prints
later (a reschedule's reason and new due time) is read from data, not parsed from words.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-30 15:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A plain ADD COLUMN on both engines: SQLite's batch mode would copy the table and
    # drop its append-only triggers.
    op.add_column("status_events", sa.Column("detail", sa.JSON(), nullable=True))


def downgrade() -> None:
    # Plain DROP COLUMN (SQLite 3.35+) for the same reason: keep the triggers.
    op.execute("ALTER TABLE status_events DROP COLUMN detail")
