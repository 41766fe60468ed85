"""Name search on PostgreSQL through an index made for it (issue 15): a name with few
matches is read through the index instead of a walk of every dossier (no match on a
million dossiers: 255 ms before, under a millisecond after).

PostgreSQL only; SQLite has its FTS5 tables (``dossier_search``, ``person_search``).

* ``desk_search_words(name, phone)``: the words of a folded name, split at each space,
  apostrophe and hyphen (``limits.NAME_SEPARATORS``), and the phone without its +, as a
  ``tsvector`` of exact lexemes (``array_to_tsvector``: no parser, no dictionary). A query
  ``'nguyen':* & 'thi':*`` then matches exactly the rows the search's ``LIKE`` filters
  keep (a word starting with each term, or the phone starting with it), so the index
  never misses a row the walk would find.
* GIN expression indexes on it: ``ix_dossiers_search_words`` (applicant name and phone)
  and ``ix_people_search_words`` (every person a dossier names). Expression indexes need
  no grant, no trigger and no new column: ``people`` stays append-only, the desk's role
  keeps its DML grants, the bulk loader's ``COPY`` is unchanged.
* ``desk_search_word_shares()``: the share of rows holding each common word, from the
  statistics ANALYZE keeps for the two indexes. The desk's role may not read an index's
  statistics, so this function runs as the owner (SECURITY DEFINER, fixed search_path)
  and returns only those shares. The search asks it (once every few minutes) to tell a
  common name, walked newest first, from a rare one, read through the index.

Why this and not the others, measured on the 1,000,000-dossier office (2 cores, loaded
machine; docs/performance.md, issue 15): a ``pg_trgm`` GIN index was 2-4× slower than the
word index for every query (a trigram of "ngu" or " th" is in most names) and needs
``CREATE EXTENSION``, which an office's owner role may lack; a word table needs triggers
and grants and doubles the writes of every intake. A GIN index cannot stop early, so a
common word's list is never read through it: the shares decide before any index is read.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-01 11:30:00
"""

from __future__ import annotations

from alembic import op

from desk.domain.limits import NAME_SEPARATORS

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

# A name's words start at each separator a name may have (a space, an apostrophe, a
# hyphen): the others become spaces, then the name is split at the spaces.
_OTHERS = "".join(c for c in NAME_SEPARATORS if c != " ")
_FROM, _TO = _OTHERS.replace("'", "''"), " " * len(_OTHERS)
WORDS_FUNCTION = (
    "CREATE FUNCTION desk_search_words(name text, phone text) RETURNS tsvector "
    "LANGUAGE sql IMMUTABLE PARALLEL SAFE AS "
    "$$ SELECT array_to_tsvector(array_remove(array_append(string_to_array("
    f"translate(name, '{_FROM}', '{_TO}'), ' '), ltrim(phone, '+')), '')) $$"
)
INDEXES = {
    "ix_dossiers_search_words": (
        "dossiers",
        "desk_search_words(applicant_name_folded, applicant_phone)",
    ),
    "ix_people_search_words": ("people", "desk_search_words(name_folded, '')"),
}


def _shares_function(schema: str) -> str:
    names = ", ".join(f"'{name}'" for name in INDEXES)
    return (
        "CREATE FUNCTION desk_search_word_shares() "
        "RETURNS TABLE (index_name text, word text, share real) "
        "LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS "
        "$$ SELECT s.tablename::text, e.word, e.share FROM pg_stats s "
        "CROSS JOIN LATERAL unnest(s.most_common_elems::text::text[], "
        "s.most_common_elem_freqs) AS e(word, share) "
        f"WHERE s.schemaname = '{schema}' AND s.tablename IN ({names}) "
        "AND e.word IS NOT NULL $$"
    )


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        return
    schema = str(bind.exec_driver_sql("SELECT current_schema()").scalar())
    op.execute(WORDS_FUNCTION)
    for name, (table, expression) in INDEXES.items():
        op.execute(f"CREATE INDEX {name} ON {table} USING gin ({expression})")
    op.execute(_shares_function(schema.replace("'", "''")))
    # The shares come from these statistics: an upgraded office has them at once.
    op.execute("ANALYZE dossiers")
    op.execute("ANALYZE people")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        return
    op.execute("DROP FUNCTION IF EXISTS desk_search_word_shares()")
    for name in INDEXES:
        op.execute(f"DROP INDEX IF EXISTS {name}")
    op.execute("DROP FUNCTION IF EXISTS desk_search_words(text, text)")
