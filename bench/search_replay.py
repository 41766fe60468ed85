"""The search box against its own SQL: each query searched through the desk, and the very
statements it sent replayed straight on the driver's connection, alternately, the same
number of times. The difference is the desk's own Python (building the statement,
turning rows into summaries); the issue 16 target is a common word's p95 within 3× of
the replay."""

from __future__ import annotations

from typing import Any

from sqlalchemy import event

from bench.__main__ import percentiles

QUERIES = {"common one word": ["le", "hoa"], "two words": ["nguyen thi h", "pham minh"]}


def _statements(ctx: Any, query: str) -> list[tuple[str, Any]]:
    from desk.services import search

    sent: list[tuple[str, Any]] = []

    def keep(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        sent.append((statement, parameters))

    engine = ctx.db.engine
    event.listen(engine, "before_cursor_execute", keep)
    try:
        search.search(ctx, query)
    finally:
        event.remove(engine, "before_cursor_execute", keep)
    return sent


def run(ctx: Any, repeat: int = 200) -> dict[str, Any]:
    import time

    from desk.services import search

    results: dict[str, Any] = {}
    for name, queries in QUERIES.items():
        sent = {q: _statements(ctx, q) for q in queries}
        desk_ms: list[float] = []
        replay_ms: list[float] = []
        raw = ctx.db.engine.raw_connection()
        try:
            for number in range(repeat):
                query = queries[number % len(queries)]
                started = time.perf_counter()
                search.search(ctx, query)
                desk_ms.append((time.perf_counter() - started) * 1000)
                started = time.perf_counter()
                cursor = raw.cursor()
                for statement, parameters in sent[query]:
                    cursor.execute(statement, parameters)
                    cursor.fetchall()
                raw.commit()
                replay_ms.append((time.perf_counter() - started) * 1000)
        finally:
            raw.close()
        desk, replay = percentiles(desk_ms), percentiles(replay_ms)
        results[name] = {
            "desk": desk,
            "replay_of_its_sql": replay,
            "p95_ratio": round(desk["p95_ms"] / replay["p95_ms"], 2),
            "statements": {q: len(s) for q, s in sent.items()},
        }
    return results
