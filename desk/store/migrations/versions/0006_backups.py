"""The office's backups (issue 12, "Never lose the office"): the backup key pair and the
record of each backup taken.

``backup_keys`` holds the office's backup key: a public key every desk encrypts its
backups to, so a backup is written without anyone typing the passphrase, and the private
key wrapped with the passphrase the admin set (a memory-hard derivation), needed only to
restore. A new passphrase adds a row; the newest row is the current key. Rows are never
changed: an older backup names the key it was made with, and carries its wrapped key.

``backups`` records each backup this office took: where it went, its size, how many
dossiers it holds and whether it was read back and checked.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01 02:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

INSTANT = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "backup_keys",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", INSTANT, nullable=False),
        sa.Column("created_by", sa.String(length=200), nullable=False),
        sa.Column("public_key", sa.String(length=64), nullable=False),
        sa.Column("wrapped_key", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_backup_keys")),
    )
    op.create_table(
        "backups",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("file_name", sa.String(length=200), nullable=False),
        sa.Column("place", sa.String(length=400), nullable=False),
        sa.Column("reason", sa.String(length=40), nullable=False),
        sa.Column("taken_at", INSTANT, nullable=False),
        sa.Column("taken_by", sa.String(length=200), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("dossier_count", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("verified_at", INSTANT, nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_backups")),
    )
    op.create_index(op.f("ix_backups_taken_at"), "backups", ["taken_at"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_backups_taken_at"), table_name="backups")
    op.drop_table("backups")
    op.drop_table("backup_keys")
