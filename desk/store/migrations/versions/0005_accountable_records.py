"""The records issue 10 ("Accountable records") keeps: the office's hash-chained log, the
registry of known people apart from the people recorded on dossiers (which never change
again), failed sign-ins, and whether the office was made by ``desk demo``.

The log starts with one entry per account and per dossier already in the database, so
``desk audit verify`` can compare them from the first day.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30 20:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

SEQ = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
DEMO_AGENCY_ID = "000.17.22.H56"  # the demo office's code (desk.services.demo.data)
# Tables whose rows are written once and never changed or removed by the desk.
APPEND_ONLY = ("audit_log", "people")


def upgrade() -> None:
    op.create_table(
        "audit_log",
        sa.Column("seq", SEQ, autoincrement=False, nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor_user_id", sa.Integer(), nullable=True),
        sa.Column("actor_name", sa.String(length=200), nullable=False),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("subject", sa.String(length=200), nullable=False),
        sa.Column("detail", sa.JSON(), nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_audit_log")),
    )
    op.create_index(op.f("ix_audit_log_subject"), "audit_log", ["subject"], unique=False)
    op.create_table(
        "known_people",
        sa.Column("id_number", sa.String(length=12), nullable=False),
        sa.Column("old_id_number", sa.String(length=12), nullable=False),
        sa.Column("full_name", sa.String(length=200), nullable=False),
        sa.Column("name_folded", sa.String(length=200), nullable=False),
        sa.Column("birth_date", sa.Date(), nullable=True),
        sa.Column("sex", sa.String(length=3), nullable=False),
        sa.Column("address", sa.Text(), nullable=False),
        sa.Column("phone", sa.String(length=20), nullable=False),
        sa.Column("email", sa.String(length=200), nullable=False),
        sa.Column("id_issue_date", sa.Date(), nullable=True),
        sa.Column("id_issuer", sa.String(length=200), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id_number", name=op.f("pk_known_people")),
    )
    op.create_table(
        "sign_in_failures",
        sa.Column("username", sa.String(length=64), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("last_failure_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("blocked_until", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("username", name=op.f("pk_sign_in_failures")),
    )
    op.add_column(
        "office", sa.Column("is_demo", sa.Boolean(), nullable=False, server_default=sa.false())
    )
    # An office made before this revision is the demo one when it carries the demo's code.
    op.execute(
        sa.text("UPDATE office SET is_demo = (agency_id = :demo)").bindparams(demo=DEMO_AGENCY_ID)
    )
    _register_known_people()
    _guard_append_only()
    _adopt_existing_records()


def _register_known_people() -> None:
    """The registry starts from the newest record of each ID number."""
    columns = (
        "id_number, old_id_number, full_name, name_folded, birth_date, sex, address, phone, "
        "email, id_issue_date, id_issuer, updated_at"
    )
    op.execute(
        f"INSERT INTO known_people ({columns}) SELECT {columns} FROM people "
        "WHERE id IN (SELECT MAX(id) FROM people WHERE id_number <> '' GROUP BY id_number)"
    )


def _guard_append_only() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for table in APPEND_ONLY:
            for action in ("UPDATE", "DELETE"):
                op.execute(
                    f"CREATE TRIGGER {table}_no_{action.lower()} BEFORE {action} ON {table} "
                    f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END"
                )
        return
    op.execute(
        "CREATE FUNCTION desk_refuse_record_change() RETURNS trigger LANGUAGE plpgsql AS "
        "$$ BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END $$"
    )
    for table in APPEND_ONLY:
        op.execute(
            f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION desk_refuse_record_change()"
        )
        op.execute(
            f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION desk_refuse_record_change()"
        )


def _adopt_existing_records() -> None:
    # The code that reads the records is the one ``desk audit verify`` compares with, so
    # what is adopted here checks out after the upgrade.
    from desk.store.audit_records import adopt_existing_records

    adopt_existing_records(op.get_bind())


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for table in APPEND_ONLY:
            for action in ("update", "delete"):
                op.execute(f"DROP TRIGGER IF EXISTS {table}_no_{action}")
    else:
        op.execute("DROP FUNCTION IF EXISTS desk_refuse_record_change() CASCADE")
    op.execute("ALTER TABLE office DROP COLUMN is_demo")
    op.drop_table("sign_in_failures")
    op.drop_table("known_people")
    op.drop_index(op.f("ix_audit_log_subject"), table_name="audit_log")
    op.drop_table("audit_log")
