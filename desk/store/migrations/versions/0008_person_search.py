"""Search by any person a dossier names (issue 13): the clerk who looks a dossier up by the
child's name, not the mother's, finds it.

SQLite: ``person_search``, an FTS5 index over the folded names of ``people``, kept in step
by triggers as ``dossier_search`` is for the applicant. A search joins it to
``dossier_people`` through the person's id, so a common name costs an index walk, not a
scan of every person. PostgreSQL: the same word-prefix match on ``people.name_folded``
that the applicant search uses there, helped by a pattern index.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01 04:20:00
"""

from __future__ import annotations

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        op.execute("CREATE INDEX ix_people_name_pattern ON people (name_folded text_pattern_ops)")
        return
    op.execute(
        "CREATE VIRTUAL TABLE person_search USING fts5("
        "name_folded, content='people', content_rowid='id', "
        "tokenize='unicode61', prefix='2 3')"
    )
    op.execute(
        "CREATE TRIGGER people_search_insert AFTER INSERT ON people BEGIN "
        "INSERT INTO person_search(rowid, name_folded) VALUES (new.id, new.name_folded); END"
    )
    op.execute(
        "CREATE TRIGGER people_search_delete AFTER DELETE ON people BEGIN "
        "INSERT INTO person_search(person_search, rowid, name_folded) "
        "VALUES ('delete', old.id, old.name_folded); END"
    )
    op.execute(
        "CREATE TRIGGER people_search_update AFTER UPDATE OF name_folded ON people BEGIN "
        "INSERT INTO person_search(person_search, rowid, name_folded) "
        "VALUES ('delete', old.id, old.name_folded); "
        "INSERT INTO person_search(rowid, name_folded) VALUES (new.id, new.name_folded); END"
    )
    op.execute("INSERT INTO person_search(person_search) VALUES ('rebuild')")


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        op.execute("DROP INDEX IF EXISTS ix_people_name_pattern")
        return
    for trigger in ("people_search_insert", "people_search_delete", "people_search_update"):
        op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    op.execute("DROP TABLE IF EXISTS person_search")
