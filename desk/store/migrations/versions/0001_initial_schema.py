"""Initial schema of the office database.

Tables generated from desk.store.models; the search index and the append-only guard of
the status history are written by hand below, per database.

Revision ID: 0001
Revises:
Create Date: 2026-11-22 14:43:24.134799
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table(
        "attachments",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("media_type", sa.String(length=100), nullable=False),
        sa.Column("original_name", sa.String(length=400), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("sha256", name=op.f("pk_attachments")),
    )
    op.create_table(
        "calendar_overrides",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("created_by", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("day", name=op.f("pk_calendar_overrides")),
    )
    op.create_table(
        "daily_counters",
        sa.Column("agency_id", sa.String(length=32), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("block_first", sa.Integer(), nullable=False),
        sa.Column("last_value", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("agency_id", "day", "block_first", name=op.f("pk_daily_counters")),
    )
    op.create_table(
        "office",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agency_id", sa.String(length=32), nullable=False),
        sa.Column("agency_name", sa.String(length=200), nullable=False),
        sa.Column("unit_name", sa.String(length=200), nullable=False),
        sa.Column("commune", sa.String(length=200), nullable=False),
        sa.Column("province", sa.String(length=200), nullable=False),
        sa.Column("place_name", sa.String(length=200), nullable=False),
        sa.Column("address", sa.String(length=400), nullable=False),
        sa.Column("phone", sa.String(length=40), nullable=False),
        sa.Column("lookup_url", sa.String(length=400), nullable=False),
        sa.Column("office_hours", sa.String(length=100), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_office")),
    )
    op.create_table(
        "people",
        sa.Column("id", sa.Integer(), nullable=False),
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
        sa.PrimaryKeyConstraint("id", name=op.f("pk_people")),
    )
    with op.batch_alter_table("people", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_people_id_number"), ["id_number"], unique=False)

    op.create_table(
        "procedures",
        sa.Column("code", sa.String(length=20), nullable=False),
        sa.Column("name", sa.String(length=400), nullable=False),
        sa.Column("name_folded", sa.String(length=400), nullable=False),
        sa.Column("field_code", sa.String(length=20), nullable=False),
        sa.Column("field_name", sa.String(length=200), nullable=False),
        sa.Column("definition", sa.JSON(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_procedures")),
    )
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(length=64), nullable=False),
        sa.Column("full_name", sa.String(length=200), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("password_hash", sa.String(length=200), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        sa.UniqueConstraint("username", name=op.f("uq_users_username")),
    )
    op.create_table(
        "dossiers",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("agency_id", sa.String(length=32), nullable=False),
        sa.Column("received_day", sa.Date(), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("procedure_code", sa.String(length=20), nullable=False),
        sa.Column("procedure_name", sa.String(length=400), nullable=False),
        sa.Column("field_code", sa.String(length=20), nullable=False),
        sa.Column("field_name", sa.String(length=200), nullable=False),
        sa.Column("lead_unit", sa.String(length=200), nullable=False),
        sa.Column("status", sa.Integer(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("channel", sa.Integer(), nullable=False),
        sa.Column("applicant_kind", sa.Integer(), nullable=False),
        sa.Column("applicant_person_id", sa.Integer(), nullable=True),
        sa.Column("applicant_name", sa.String(length=200), nullable=False),
        sa.Column("applicant_name_folded", sa.String(length=200), nullable=False),
        sa.Column("applicant_id_number", sa.String(length=12), nullable=False),
        sa.Column("applicant_phone", sa.String(length=20), nullable=False),
        sa.Column("applicant_email", sa.String(length=200), nullable=False),
        sa.Column("applicant_address", sa.Text(), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("sets_count", sa.Integer(), nullable=False),
        sa.Column("result_delivery", sa.String(length=10), nullable=False),
        sa.Column("processing_days", sa.String(length=10), nullable=False),
        sa.Column("needs_checks", sa.Boolean(), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("rescheduled_due_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("paused_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("returned_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("clerk_id", sa.Integer(), nullable=True),
        sa.Column("clerk_name", sa.String(length=200), nullable=False),
        sa.Column("form_data", sa.JSON(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["applicant_person_id"],
            ["people.id"],
            name=op.f("fk_dossiers_applicant_person_id_people"),
        ),
        sa.ForeignKeyConstraint(
            ["clerk_id"], ["users.id"], name=op.f("fk_dossiers_clerk_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["procedure_code"],
            ["procedures.code"],
            name=op.f("fk_dossiers_procedure_code_procedures"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dossiers")),
        sa.UniqueConstraint(
            "agency_id", "received_day", "sequence", name="uq_dossiers_day_sequence"
        ),
        sa.UniqueConstraint("code", name=op.f("uq_dossiers_code")),
    )
    with op.batch_alter_table("dossiers", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_dossiers_applicant_id_number"), ["applicant_id_number"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_dossiers_procedure_code"), ["procedure_code"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_dossiers_received_at"), ["received_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_dossiers_returned_at"), ["returned_at"], unique=False)
        batch_op.create_index("ix_dossiers_status_due", ["status", "due_at"], unique=False)

    op.create_table(
        "dossier_documents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "dossier_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=400), nullable=False),
        sa.Column("originals", sa.Integer(), nullable=False),
        sa.Column("certified_copies", sa.Integer(), nullable=False),
        sa.Column("photocopies", sa.Integer(), nullable=False),
        sa.Column("attachment_sha256", sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(
            ["attachment_sha256"],
            ["attachments.sha256"],
            name=op.f("fk_dossier_documents_attachment_sha256_attachments"),
        ),
        sa.ForeignKeyConstraint(
            ["dossier_id"], ["dossiers.id"], name=op.f("fk_dossier_documents_dossier_id_dossiers")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dossier_documents")),
    )
    with op.batch_alter_table("dossier_documents", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_dossier_documents_dossier_id"), ["dossier_id"], unique=False
        )

    op.create_table(
        "dossier_fees",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "dossier_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("name", sa.String(length=400), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("method", sa.String(length=100), nullable=False),
        sa.ForeignKeyConstraint(
            ["dossier_id"], ["dossiers.id"], name=op.f("fk_dossier_fees_dossier_id_dossiers")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dossier_fees")),
    )
    with op.batch_alter_table("dossier_fees", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_dossier_fees_dossier_id"), ["dossier_id"], unique=False
        )

    op.create_table(
        "dossier_people",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "dossier_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=30), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["dossier_id"], ["dossiers.id"], name=op.f("fk_dossier_people_dossier_id_dossiers")
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["people.id"], name=op.f("fk_dossier_people_person_id_people")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dossier_people")),
    )
    with op.batch_alter_table("dossier_people", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_dossier_people_dossier_id"), ["dossier_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_dossier_people_person_id"), ["person_id"], unique=False
        )

    op.create_table(
        "outbox",
        sa.Column(
            "dossier_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("queued_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["dossier_id"], ["dossiers.id"], name=op.f("fk_outbox_dossier_id_dossiers")
        ),
        sa.PrimaryKeyConstraint("dossier_id", name=op.f("pk_outbox")),
    )
    op.create_table(
        "status_events",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column(
            "dossier_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("from_status", sa.Integer(), nullable=True),
        sa.Column("to_status", sa.Integer(), nullable=False),
        sa.Column("actor_kind", sa.Integer(), nullable=False),
        sa.Column("actor_user_id", sa.Integer(), nullable=True),
        sa.Column("actor_name", sa.String(length=200), nullable=False),
        sa.Column("actor_title", sa.String(length=200), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["actor_user_id"], ["users.id"], name=op.f("fk_status_events_actor_user_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["dossier_id"], ["dossiers.id"], name=op.f("fk_status_events_dossier_id_dossiers")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_status_events")),
    )
    with op.batch_alter_table("status_events", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_status_events_dossier_id"), ["dossier_id"], unique=False
        )

    _create_search_index()
    _guard_status_history()


def _create_search_index() -> None:
    if op.get_bind().dialect.name == "sqlite":
        # FTS5 over the folded applicant name and the phone, kept in step by triggers.
        # Folded text is indexed because unicode61 does not fold đ to d.
        op.execute(
            "CREATE VIRTUAL TABLE dossier_search USING fts5("
            "applicant_name_folded, applicant_phone, content='dossiers', content_rowid='id', "
            "tokenize='unicode61', prefix='2 3')"
        )
        op.execute(
            "CREATE TRIGGER dossiers_search_insert AFTER INSERT ON dossiers BEGIN "
            "INSERT INTO dossier_search(rowid, applicant_name_folded, applicant_phone) "
            "VALUES (new.id, new.applicant_name_folded, new.applicant_phone); END"
        )
        op.execute(
            "CREATE TRIGGER dossiers_search_delete AFTER DELETE ON dossiers BEGIN "
            "INSERT INTO dossier_search(dossier_search, rowid, applicant_name_folded, "
            "applicant_phone) VALUES ('delete', old.id, old.applicant_name_folded, "
            "old.applicant_phone); END"
        )
        op.execute(
            "CREATE TRIGGER dossiers_search_update AFTER UPDATE OF applicant_name_folded, "
            "applicant_phone ON dossiers BEGIN "
            "INSERT INTO dossier_search(dossier_search, rowid, applicant_name_folded, "
            "applicant_phone) VALUES ('delete', old.id, old.applicant_name_folded, "
            "old.applicant_phone); "
            "INSERT INTO dossier_search(rowid, applicant_name_folded, applicant_phone) "
            "VALUES (new.id, new.applicant_name_folded, new.applicant_phone); END"
        )
    else:
        op.execute(
            "CREATE INDEX ix_dossiers_name_pattern ON dossiers "
            "(applicant_name_folded text_pattern_ops)"
        )
        op.execute(
            "CREATE INDEX ix_dossiers_phone_pattern ON dossiers (applicant_phone text_pattern_ops)"
        )


def _guard_status_history() -> None:
    """History is never rewritten: the database itself refuses UPDATE and DELETE."""
    if op.get_bind().dialect.name == "sqlite":
        for action in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER status_events_no_{action.lower()} BEFORE {action} "
                "ON status_events BEGIN "
                "SELECT RAISE(ABORT, 'status history is append-only'); END"
            )
    else:
        op.execute(
            "CREATE FUNCTION desk_refuse_history_change() RETURNS trigger LANGUAGE plpgsql AS "
            "$$ BEGIN RAISE EXCEPTION 'status history is append-only'; END $$"
        )
        op.execute(
            "CREATE TRIGGER status_events_append_only BEFORE UPDATE OR DELETE ON status_events "
            "FOR EACH ROW EXECUTE FUNCTION desk_refuse_history_change()"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS dossier_search")
    else:
        op.execute("DROP FUNCTION IF EXISTS desk_refuse_history_change() CASCADE")

    with op.batch_alter_table("status_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_status_events_dossier_id"))

    op.drop_table("status_events")
    op.drop_table("outbox")
    with op.batch_alter_table("dossier_people", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_dossier_people_person_id"))
        batch_op.drop_index(batch_op.f("ix_dossier_people_dossier_id"))

    op.drop_table("dossier_people")
    with op.batch_alter_table("dossier_fees", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_dossier_fees_dossier_id"))

    op.drop_table("dossier_fees")
    with op.batch_alter_table("dossier_documents", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_dossier_documents_dossier_id"))

    op.drop_table("dossier_documents")
    with op.batch_alter_table("dossiers", schema=None) as batch_op:
        batch_op.drop_index("ix_dossiers_status_due")
        batch_op.drop_index(batch_op.f("ix_dossiers_received_at"))
        batch_op.drop_index(batch_op.f("ix_dossiers_procedure_code"))
        batch_op.drop_index(batch_op.f("ix_dossiers_applicant_id_number"))

    op.drop_table("dossiers")
    op.drop_table("users")
    op.drop_table("procedures")
    with op.batch_alter_table("people", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_people_id_number"))

    op.drop_table("people")
    op.drop_table("office")
    op.drop_table("daily_counters")
    op.drop_table("calendar_overrides")
    op.drop_table("attachments")
