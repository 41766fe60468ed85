"""Looking a dossier up by its code on an office server: one round trip, and still found
when the server has dropped the desk's pooled connections."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from psycopg import pq
from sqlalchemy import create_engine, event, text

from desk.services import demo, intake, search
from desk.services.context import DeskContext
from tests.conftest import DEMO_NOW
from tests.store.conftest import open_office


@pytest.fixture
def office(postgres_url: str, tmp_path: Path) -> Iterator[tuple[DeskContext, list[str]]]:
    ctx = open_office(postgres_url, tmp_path / "office")
    demo.add_demo_dossiers(ctx, 5, seed=3, now=DEMO_NOW, bulk=False)
    with ctx.db.read() as session:
        codes = list(session.scalars(text("SELECT code FROM dossiers ORDER BY code")))
    yield ctx, codes
    ctx.close()


class Trace:
    """libpq's own trace of what the desk sends on every new connection: each request
    that waits for the server's answer ends with a Query (simple protocol) or a Sync
    (extended protocol) message."""

    def __init__(self, ctx: DeskContext, path: Path):
        self.path = path
        self._engine = ctx.db.engine
        self._file = path.open("w")
        self._engine.dispose()  # only new connections are traced
        event.listen(self._engine, "connect", self._on_connect)

    def close(self) -> None:
        event.remove(self._engine, "connect", self._on_connect)
        self._engine.dispose()  # the traced connections end before their file closes
        self._file.close()

    def _on_connect(self, dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.pgconn.trace(self._file.fileno())
        dbapi_connection.pgconn.set_trace_flags(pq.Trace.SUPPRESS_TIMESTAMPS)

    def round_trips(self) -> int:
        self._file.flush()
        sent = [line.split("\t") for line in self.path.read_text().splitlines()]
        return sum(1 for fields in sent if fields[0] == "F" and fields[2] in ("Query", "Sync"))

    def requests(self) -> list[str]:
        """What was sent, one message a line."""
        self._file.flush()
        return [
            " ".join(line.split("\t")[2:])
            for line in self.path.read_text().splitlines()
            if line.startswith("F\t")
        ]


def test_a_lookup_by_code_is_one_round_trip(
    office: tuple[DeskContext, list[str]], tmp_path: Path
) -> None:
    ctx, codes = office
    with closing(Trace(ctx, tmp_path / "libpq.trace")) as trace:
        _look_up_traced(ctx, codes, trace)


def _look_up_traced(ctx: DeskContext, codes: list[str], trace: Trace) -> None:
    # A new connection; psycopg prepares a statement on its fifth use (one round trip
    # more, once), after which each lookup is only bound and executed.
    for code in codes + codes[:1]:
        search.search(ctx, code)
    before, sent_before = trace.round_trips(), len(trace.requests())
    for code in codes * 2:
        found = search.search(ctx, code)
        assert [str(s.code) for s in found] == [code]
    assert trace.round_trips() - before == 2 * len(codes)
    assert not any("BEGIN" in r or "COMMIT" in r for r in trace.requests()[sent_before:])


def test_receiving_then_looking_up_leaves_no_transaction_open(
    office: tuple[DeskContext, list[str]],
) -> None:
    """The autocommit connection goes back to the pool as it came: the next write on it
    is a transaction again (a failed one leaves nothing behind)."""
    ctx, codes = office
    for _ in range(3):
        assert search.search(ctx, codes[0])
        with pytest.raises(RuntimeError), ctx.db.write() as session:
            session.execute(text("UPDATE dossiers SET note = 'x' WHERE code = :c"), {"c": codes[0]})
            raise RuntimeError("the clerk's change fails half-way")
        with ctx.db.read() as session:
            note = session.execute(
                text("SELECT note FROM dossiers WHERE code = :c"), {"c": codes[0]}
            ).scalar_one()
        assert note != "x"


def _end_the_desks_connections(postgres_url: str) -> int:
    """What a server restart does to the desk's pooled connections (each one ended
    before this returns)."""
    admin = create_engine(postgres_url.replace("postgresql://", "postgresql+psycopg://"))
    with admin.begin() as connection:
        ended = connection.execute(
            text(
                "SELECT count(pg_terminate_backend(pid, 10000)) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
        ).scalar_one()
    admin.dispose()
    return int(ended)


def test_receiving_and_lookups_survive_the_server_ending_the_desks_connections(
    office: tuple[DeskContext, list[str]], postgres_url: str
) -> None:
    """A connection the server has closed is never handed out (no ping on every
    checkout: the desk looks whether the server said something on it)."""
    ctx, codes = office
    clerk = demo.demo_clerks(ctx)[0]
    requests = [d.request for d in demo.generate(ctx, 2, seed=8, now=DEMO_NOW)]
    assert search.search(ctx, codes[0])
    assert _end_the_desks_connections(postgres_url) >= 1
    received = intake.receive_dossier(ctx, requests[0], clerk, at=DEMO_NOW)
    assert _end_the_desks_connections(postgres_url) >= 1
    assert [str(s.code) for s in search.search(ctx, str(received.code))] == [str(received.code)]
    assert _end_the_desks_connections(postgres_url) >= 1
    with ctx.db.read() as session:
        assert session.execute(text("SELECT count(*) FROM dossiers")).scalar_one() == 6
