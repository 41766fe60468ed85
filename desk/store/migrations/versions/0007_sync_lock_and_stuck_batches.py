"""A sync nothing can jam (issue 12): the one lock that keeps two sync runs of an office
apart, and what a supervisor needs to see a stuck batch.

``sync_lock`` has exactly one row (id 1), written here: taking the lock is an UPDATE of
that row under the database's own write lock (SQLite) or row lock (PostgreSQL ``FOR
UPDATE``), so two desks can never both insert "the" lock. An empty ``token`` means free.
The row says who holds it (account, name), on which machine and process, since when, and
when the holder last said it was alive (``heartbeat_at``).

``sync_batches`` gains the last error a send of the batch met and when it was tried last,
so ``desk sync status`` and the panel can show a batch that keeps failing.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01 02:20:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

INSTANT = sa.DateTime(timezone=True)


def upgrade() -> None:
    lock = op.create_table(
        "sync_lock",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token", sa.String(length=36), nullable=False),
        sa.Column("login", sa.String(length=100), nullable=False),
        sa.Column("full_name", sa.String(length=200), nullable=False),
        sa.Column("host", sa.String(length=200), nullable=False),
        sa.Column("pid", sa.Integer(), nullable=False),
        sa.Column("since", INSTANT, nullable=True),
        sa.Column("heartbeat_at", INSTANT, nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_lock")),
    )
    op.bulk_insert(
        lock,
        [
            {
                "id": 1,
                "token": "",
                "login": "",
                "full_name": "",
                "host": "",
                "pid": 0,
                "since": None,
                "heartbeat_at": None,
            }
        ],
    )
    with op.batch_alter_table("sync_batches", schema=None) as batch_op:
        batch_op.add_column(sa.Column("last_error", sa.Text(), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("last_attempt_at", INSTANT, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("sync_batches", schema=None) as batch_op:
        batch_op.drop_column("last_attempt_at")
        batch_op.drop_column("last_error")
    op.drop_table("sync_lock")
