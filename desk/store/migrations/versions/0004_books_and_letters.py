"""The records issue 9 ("Right by law") keeps: the tracking book's volume and entry number
of each dossier (one volume per year), the numbered letters of the People's Committee
(forms 04 and 05, numbered per year and kind), the per-year counters both draw from, and a
fee line's exemption.

Existing dossiers get their book entry here, numbered per year in the order they were
received, so the slips reprinted after the upgrade show the same number every time.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-30 17:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

DOSSIER_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
BOOK = "book"


def upgrade() -> None:
    op.create_table(
        "yearly_counters",
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("last_value", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("kind", "year", name=op.f("pk_yearly_counters")),
    )
    op.create_table(
        "letters",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("dossier_id", DOSSIER_ID, nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("issued_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("issued_by_user_id", sa.Integer(), nullable=True),
        sa.Column("issued_by_name", sa.String(length=200), nullable=False),
        sa.Column("detail", sa.JSON(), nullable=True),
        sa.ForeignKeyConstraint(
            ["dossier_id"], ["dossiers.id"], name=op.f("fk_letters_dossier_id_dossiers")
        ),
        sa.ForeignKeyConstraint(
            ["issued_by_user_id"], ["users.id"], name=op.f("fk_letters_issued_by_user_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_letters")),
        sa.UniqueConstraint("kind", "year", "number", name="uq_letters_kind_year_number"),
    )
    op.create_index(op.f("ix_letters_dossier_id"), "letters", ["dossier_id"], unique=False)

    # Plain ADD COLUMN and CREATE INDEX on both engines: SQLite's batch mode would copy the
    # dossiers table and drop its search triggers.
    op.add_column("dossiers", sa.Column("book_year", sa.Integer(), nullable=True))
    op.add_column("dossiers", sa.Column("book_number", sa.Integer(), nullable=True))
    op.add_column("dossier_fees", sa.Column("exemption", sa.String(length=200), nullable=True))
    _number_existing_dossiers()
    op.create_index("uq_dossiers_book_entry", "dossiers", ["book_year", "book_number"], unique=True)


def _number_existing_dossiers() -> None:
    """Each year's dossiers in the order they were received (then by id), from 1."""
    bind = op.get_bind()
    year = (
        "CAST(strftime('%Y', received_day) AS INTEGER)"
        if bind.dialect.name == "sqlite"
        else "CAST(EXTRACT(YEAR FROM received_day) AS INTEGER)"
    )
    op.execute(
        "CREATE TEMPORARY TABLE book_entries AS "
        f"SELECT id, {year} AS book_year, "
        f"ROW_NUMBER() OVER (PARTITION BY {year} ORDER BY received_at, id) AS book_number "
        "FROM dossiers"
    )
    op.execute(
        "UPDATE dossiers SET book_year = book_entries.book_year, "
        "book_number = book_entries.book_number "
        "FROM book_entries WHERE book_entries.id = dossiers.id"
    )
    op.execute(
        "INSERT INTO yearly_counters (kind, year, last_value) "
        f"SELECT '{BOOK}', book_year, MAX(book_number) FROM book_entries GROUP BY book_year"
    )
    op.execute("DROP TABLE book_entries")


def downgrade() -> None:
    op.drop_index("uq_dossiers_book_entry", table_name="dossiers")
    # Plain DROP COLUMN (SQLite 3.35+): keep the dossiers' triggers.
    op.execute("ALTER TABLE dossier_fees DROP COLUMN exemption")
    op.execute("ALTER TABLE dossiers DROP COLUMN book_number")
    op.execute("ALTER TABLE dossiers DROP COLUMN book_year")
    op.drop_index(op.f("ix_letters_dossier_id"), table_name="letters")
    op.drop_table("letters")
    op.drop_table("yearly_counters")
