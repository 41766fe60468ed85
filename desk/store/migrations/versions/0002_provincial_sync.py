"""Provincial sync: pending batches, answers per revision, the needs-attention list, the
feed cursor, files the province holds, and the runs with their reports.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 15:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

DOSSIER_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "sync_batches",
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("batch_id", sa.String(length=36), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("item_count", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_sync_batches")),
        sa.UniqueConstraint("batch_id", name=op.f("uq_sync_batches_batch_id")),
    )
    op.create_table(
        "sync_batch_items",
        sa.Column("batch_seq", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("dossier_id", DOSSIER_ID, nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["batch_seq"],
            ["sync_batches.seq"],
            name=op.f("fk_sync_batch_items_batch_seq_sync_batches"),
        ),
        sa.ForeignKeyConstraint(
            ["dossier_id"], ["dossiers.id"], name=op.f("fk_sync_batch_items_dossier_id_dossiers")
        ),
        sa.PrimaryKeyConstraint("batch_seq", "position", name=op.f("pk_sync_batch_items")),
    )
    with op.batch_alter_table("sync_batch_items", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_sync_batch_items_dossier_id"), ["dossier_id"], unique=False
        )

    op.create_table(
        "sync_results",
        sa.Column("dossier_id", DOSSIER_ID, nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("result", sa.String(length=20), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("batch_id", sa.String(length=36), nullable=False),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["dossier_id"], ["dossiers.id"], name=op.f("fk_sync_results_dossier_id_dossiers")
        ),
        sa.PrimaryKeyConstraint("dossier_id", "revision", name=op.f("pk_sync_results")),
    )
    op.create_table(
        "sync_attention",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("dossier_id", DOSSIER_ID, nullable=True),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("detail", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("resolved_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("resolved_by", sa.String(length=200), nullable=False),
        sa.Column("resolution", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["dossier_id"], ["dossiers.id"], name=op.f("fk_sync_attention_dossier_id_dossiers")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_attention")),
    )
    with op.batch_alter_table("sync_attention", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sync_attention_kind"), ["kind"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_sync_attention_dossier_id"), ["dossier_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_sync_attention_resolved_at"), ["resolved_at"], unique=False
        )

    op.create_table(
        "sync_state",
        sa.Column("key", sa.String(length=40), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_sync_state")),
    )
    op.create_table(
        "sync_files",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("confirmed_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("sha256", name=op.f("pk_sync_files")),
    )
    op.create_table(
        "sync_runs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("outcome", sa.String(length=20), nullable=False),
        sa.Column("report", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_runs")),
    )
    with op.batch_alter_table("sync_runs", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sync_runs_started_at"), ["started_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("sync_runs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sync_runs_started_at"))
    op.drop_table("sync_runs")
    op.drop_table("sync_files")
    op.drop_table("sync_state")
    with op.batch_alter_table("sync_attention", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sync_attention_resolved_at"))
        batch_op.drop_index(batch_op.f("ix_sync_attention_dossier_id"))
        batch_op.drop_index(batch_op.f("ix_sync_attention_kind"))
    op.drop_table("sync_attention")
    op.drop_table("sync_results")
    with op.batch_alter_table("sync_batch_items", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sync_batch_items_dossier_id"))
    op.drop_table("sync_batch_items")
    op.drop_table("sync_batches")
