"""The search indexes merge outside the receives (schema 0011, desk.store.search_index):
a receive no longer merges FTS5's b-trees, a bounded step does when asked and says when
nothing is left, a bulk load ends with nothing to merge, and none of it changes what a
search finds."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import text

from desk.services import demo, intake, search
from desk.services.context import DeskContext
from desk.store import migrate, search_index
from desk.store.models import SEARCH_TABLES

QUERIES = ("nguyen", "tran thi", "van", "le", "pham", "09", "hoang minh")


def _segments(ctx: DeskContext, table: str) -> int:
    """How many b-trees make up an FTS5 index."""
    with ctx.db.read() as session:
        query = f"SELECT count(DISTINCT segid) FROM {table}_idx"
        return int(session.execute(text(query)).scalar_one())


def _automerge(ctx: DeskContext, table: str) -> int | None:
    with ctx.db.read() as session:
        query = f"SELECT v FROM {table}_config WHERE k = 'automerge'"
        value = session.execute(text(query)).scalar()
    return None if value is None else int(value)


def _found(ctx: DeskContext) -> dict[str, list[int]]:
    """Each query's whole answer, page after page."""
    found: dict[str, list[int]] = {}
    for query in QUERIES:
        ids: list[int] = []
        before: int | None = None
        while page := search.search(ctx, query, limit=50, before_id=before):
            ids += [d.id for d in page]
            before = page[-1].id
        found[query] = ids
    return found


def _receive(ctx: DeskContext, count: int, seed: int) -> None:
    clerk = demo.demo_clerks(ctx)[0]
    for made in demo.generate(ctx, count, seed=seed):
        intake.receive_dossier(ctx, made.request, clerk)


def _alembic(ctx: DeskContext, action: str, revision: str) -> None:
    from alembic import command

    config = migrate.alembic_config()
    with ctx.db.engine.begin() as connection:
        config.attributes["connection"] = connection
        getattr(command, action)(config, revision)


def _set_option(ctx: DeskContext, option: str, value: int) -> None:
    with ctx.db.write() as session:
        for table in SEARCH_TABLES:
            session.execute(
                text(f"INSERT INTO {table}({table}, rank) VALUES ('{option}', {value})")
            )


def _receives_add_a_btree_each(ctx: DeskContext, count: int, seed: int) -> bool:
    """Whether ``count`` receives left one b-tree each in the applicants' index, none
    merged. Enough receives for FTS5's automatic merging to have its turn (it works once
    64 pages were written); its crisis merge (16 b-trees on a level) put off meanwhile."""
    _set_option(ctx, "crisismerge", 1000)
    before = _segments(ctx, "dossier_search")
    _receive(ctx, count, seed=seed)
    return _segments(ctx, "dossier_search") == before + count


def test_the_migration_stops_the_inserts_merging_and_changes_no_search(ctx: Any) -> None:
    demo.add_demo_dossiers(ctx, 60, seed=3)
    _alembic(ctx, "downgrade", "0010")  # an office as the desk before 0011 left it
    assert [_automerge(ctx, t) for t in SEARCH_TABLES] == [4, 4]
    assert not _receives_add_a_btree_each(ctx, 70, seed=4)  # before: the inserts merged
    found = _found(ctx)
    assert found["nguyen"] and found["09"]  # the queries find something to compare

    assert migrate.upgrade(ctx.db) is True
    assert migrate.current_revision(ctx.db) == migrate.SCHEMA_HEAD
    assert [_automerge(ctx, t) for t in SEARCH_TABLES] == [0, 0]
    assert _found(ctx) == found
    assert _receives_add_a_btree_each(ctx, 70, seed=5)  # now: nothing merged in an insert


def test_a_merge_step_makes_progress_and_says_when_nothing_is_left(
    ctx: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Two loads' b-trees left for the steps (not merged at each load's end), then
    # merged as soon as two are on one level: merges of many pages. (Not three: the
    # third load's own inserts find 16 person b-trees on one level and FTS5 merges them
    # there, the "crisis merge" automerge=0 keeps.)
    monkeypatch.setattr(search_index, "merge_all", lambda connection: None)
    for seed in (6, 7):
        demo.add_demo_dossiers(ctx, 300, seed=seed, bulk=True, workers=0)
    _set_option(ctx, "usermerge", 2)
    before = {t: _segments(ctx, t) for t in SEARCH_TABLES}
    found = _found(ctx)

    steps = 0
    while search_index.merge_step(ctx.db, pages=1):
        steps += 1
        assert steps < 200, "the merging never ends"
    after = {t: _segments(ctx, t) for t in SEARCH_TABLES}
    assert steps >= 2  # one page a step: the merging took several steps
    assert all(after[t] < before[t] for t in SEARCH_TABLES), (before, after)
    assert search_index.merge_step(ctx.db) is False  # and stays done
    assert _found(ctx) == found
    with ctx.db.write() as session:  # the indexes still agree with their tables
        for table in SEARCH_TABLES:
            session.execute(
                text(f"INSERT INTO {table}({table}, rank) VALUES ('integrity-check', 1)")
            )


def test_the_service_merges_a_step(ctx: Any) -> None:
    _receive(ctx, 6, seed=8)
    assert search.merge_search_index(ctx) is True
    while search.merge_search_index(ctx):
        pass
    assert search.merge_search_index(ctx) is False


def test_a_bulk_load_leaves_nothing_to_merge(ctx: Any) -> None:
    _receive(ctx, 6, seed=9)  # b-trees the receives left unmerged
    demo.add_demo_dossiers(ctx, 50, seed=10, bulk=True, workers=0)
    assert [_segments(ctx, t) for t in SEARCH_TABLES] == [1, 1]  # one b-tree an index
    assert search_index.merge_step(ctx.db) is False


@pytest.mark.usefixtures("ctx")
def test_postgresql_has_nothing_to_merge(tmp_path: Any) -> None:
    from tests.store.conftest import open_office, postgres_admin_url

    postgres_admin_url()  # skipped without a server (a failure in CI)
    from tests.store.conftest import fresh_postgres_database

    with fresh_postgres_database() as url:
        office = open_office(url.render_as_string(hide_password=False), tmp_path)
        try:
            _receive(office, 3, seed=11)
            assert search.merge_search_index(office) is False
        finally:
            office.close()
