"""The search box finds the same dossiers in the same order on SQLite and PostgreSQL.

One office built alike on both engines (the demo with a fixed seed and a fixed "now",
then hand-made names that trip tokenisers: an apostrophe, a hyphen, one-letter words,
a phone with +84, twins received at the same minute, an October dossier recorded after
November's). Every kind of query is read page by page, seven rows a page, each way an
engine can read it: through its index (FTS5; PostgreSQL's GIN word indexes), walking
the received-time index, and as the index's own statistics decide. PostgreSQL runs as
the desk's own role, as an office does.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from functools import partial
from typing import Any

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from desk.config import DeskConfig
from desk.domain.calendar import OFFICE_TZ
from desk.domain.dossier import IntakeRequest, Party, Person, ReceivedDocument
from desk.services import demo, intake, search
from desk.services.context import DeskContext
from desk.store import search as store_search
from desk.store import search_postgres
from tests.conftest import DEMO_NOW
from tests.store.conftest import fresh_postgres_database, postgres_admin_url

DEMO_DOSSIERS = 240
PAGE = 7
NOVEMBER_21 = datetime(2026, 11, 21, 8, 0, tzinfo=OFFICE_TZ)

# (applicant, phone, child or "", minutes after 8:00 on 21 November; negative: October)
TRICKY = (
    ("Nguyễn Thị Thu Hương", "0912345678", "Trần Minh Khôi", 0),
    ("Nguyễn Thị Thu Hương", "0912345679", "Trần Minh Khôi", 0),  # same minute: by id
    ("H'Hen Niê", "0987654321", "Y Bhim Niê", 5),
    ("Nguyễn-Trần Bảo Anh", "+84912000111", "", 10),
    ("Lò Văn A", "0912000222", "Lò Thị Ư", 15),
    ("Đặng Đức Đạt", "0356000333", "Đặng Thị Vũ Tâm", 20),
    ("Vũ Thị Tâm", "0356000444", "", -40 * 24 * 60),  # recorded now, received in October
    ("Thu Hương Nguyễn", "0912345000", "", 25),
)

# Every kind of query the box takes: common words, several words, a rare full name, no
# match, one-letter words, names split by punctuation, a child's name, phone prefixes.
NAME_QUERIES = (
    "nguyen",
    "thi",
    "nguyen thi",
    "nguyen thi thu huong",
    "huong nguyen",
    "xyzq",
    "nguyen xyzq",
    "vu t",
    "lo van a",
    "van a",
    "t v",
    "ng",
    "hen",
    "h'hen nie",
    "nguyen-tran",
    "bao anh",
    "dang duc dat",
    "tran minh khoi",
    "khoi",
    "y bhim",
    "vu tam",
    "84912 anh",
)
PHONE_QUERIES = ("0912", "09", "0356000", "84912", "+84912", "0912345678")

# How the engines read: at 0 every query walks the received-time index, at a billion
# every one goes through the index, at 40 the index's statistics tell common from rare.
MODES = {"walk": 0, "index": 10**9, "decided": 40}


def _request(applicant: str, phone: str, child: str) -> IntakeRequest:
    return IntakeRequest(
        procedure_code="1.004873",
        applicant=Person(applicant, id_number="025190123456", phone=phone),
        parties=[Party("child", Person(child))] if child else [],
        documents=[ReceivedDocument("Tờ khai", code="TK", originals=1)],
    )


def _build(config: DeskConfig) -> DeskContext:
    ctx = DeskContext.open(config)
    demo.ensure_demo_office(ctx)
    assert demo.add_demo_dossiers(ctx, DEMO_DOSSIERS, seed=11, now=DEMO_NOW, bulk=False)
    clerk = demo.demo_clerks(ctx)[0]
    for applicant, phone, child, minutes in TRICKY:
        at = NOVEMBER_21 + timedelta(minutes=minutes)
        intake.receive_dossier(ctx, _request(applicant, phone, child), clerk, at=at)
    ctx.act_as(demo.demo_account(ctx, "quantri"))
    return ctx


@pytest.fixture(scope="module")
def offices(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, DeskContext]]:
    """The same office on SQLite and on PostgreSQL (the desk's role, the owner migrating),
    both analysed, as autovacuum would have done on an office in use."""
    root = tmp_path_factory.mktemp("engines")
    app_url = make_url(postgres_admin_url("DESK_TEST_POSTGRES_APP_URL"))
    with fresh_postgres_database(grant_connect_to=app_url.username) as owner:
        owner_url = owner.render_as_string(hide_password=False)
        desk_url = app_url.set(drivername="postgresql+psycopg", database=owner.database)
        lite = _build(DeskConfig(data_dir=root / "sqlite"))
        pg = _build(
            DeskConfig(
                data_dir=root / "postgres",
                database_url=desk_url.render_as_string(hide_password=False),
                database_owner_url=owner_url,
            )
        )
        engine = create_engine(owner, isolation_level="AUTOCOMMIT")
        with engine.connect() as connection:
            connection.execute(text("ANALYZE dossiers"))
            connection.execute(text("ANALYZE people"))
        engine.dispose()
        with lite.db.write() as session:
            session.execute(text("ANALYZE"))
        try:
            yield {"sqlite": lite, "postgres": pg}
        finally:
            lite.close()
            pg.close()


def _pages(find: Callable[[int | None], list[Any]]) -> list[list[str]]:
    """Every page of a query, seven codes at a time, each page after the last id seen."""
    pages: list[list[str]] = []
    before: int | None = None
    while True:
        found = find(before)
        if found:
            pages.append([str(s.code) for s in found])
        if len(found) < PAGE:
            return pages
        before = found[-1].id
        assert len(pages) < 200, "the pages never end"


def _by_service(ctx: DeskContext, query: str, before: int | None) -> list[Any]:
    return search.search(ctx, query, limit=PAGE, before_id=before)


def _applicant_only(session: Session, query: str, before: int | None) -> list[Any]:
    """As a phone number is searched: the applicant's name and phone, not the parties'."""
    return store_search.search_text(
        session, query.split(), limit=PAGE, before_id=before, parties=False
    )


def _read_all(ctx: DeskContext) -> dict[str, list[list[str]]]:
    read = {q: _pages(partial(_by_service, ctx, q)) for q in NAME_QUERIES + PHONE_QUERIES}
    for query in NAME_QUERIES:
        with ctx.db.read() as session:
            read[f"{query} (applicant only)"] = _pages(partial(_applicant_only, session, query))
    return read


@pytest.fixture(scope="module")
def reference(offices: dict[str, DeskContext]) -> dict[str, list[list[str]]]:
    """What SQLite finds by walking: the word-prefix filters on every row, newest first."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(store_search, "EXACT_MATCHES", 0)
        return _read_all(offices["sqlite"])


def test_the_reference_office_is_not_trivial(reference: dict[str, list[list[str]]]) -> None:
    def count(query: str) -> int:
        return sum(len(page) for page in reference[query])

    assert count("nguyen") > 40 and len(reference["nguyen"]) > 5  # many pages
    assert count("xyzq") == 0
    assert count("nguyen thi thu huong") >= 2
    # A twin received the same minute comes first by its larger id, the October one last.
    assert reference["nguyen thi thu huong"][0][0] > reference["nguyen thi thu huong"][0][1]
    assert count("tran minh khoi") > count("tran minh khoi (applicant only)")
    assert count("h'hen nie") == 1 and count("hen") == 1 and count("lo van a") == 1
    assert count("84912") == count("+84912") == count("84912 anh") == 1  # +84 912…
    assert count("nguyen-tran") >= 1 and count("vu tam") == 2  # the applicant, a child
    assert count("0912") > 3


@pytest.mark.parametrize("engine", ["sqlite", "postgres"])
@pytest.mark.parametrize("mode", list(MODES))
def test_every_query_finds_the_same_pages_on_both_engines(
    offices: dict[str, DeskContext],
    reference: dict[str, list[list[str]]],
    engine: str,
    mode: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(store_search, "EXACT_MATCHES", MODES[mode])
    monkeypatch.setattr(search_postgres, "_cache", {})  # the statistics read afresh
    through_index: list[bool] = []
    indexed = search_postgres.indexed_matches

    def spy(*args: Any, **kwargs: Any) -> Any:
        found = indexed(*args, **kwargs)
        through_index.append(found is not None)
        return found

    monkeypatch.setattr(search_postgres, "indexed_matches", spy)
    read = _read_all(offices[engine])
    for query, pages in reference.items():
        assert read[query] == pages, query
    if engine == "postgres":  # each way was taken where it should be
        assert any(through_index) is (mode != "walk")
        assert all(through_index) is (mode == "index")
