"""The same office on SQLite and on PostgreSQL, side by side.

    python -m bench --only engines --db postgresql://desk_test:…@localhost/desk_bench_1m
    make bench DB=postgresql://…      (every bench on SQLite, then this comparison)

Both offices are ``desk demo --dossiers N --seed 1`` built on the same day, so they hold the
same dossiers; each is built on first use (the PostgreSQL database must exist and be empty,
or hold the demo office already). Every figure that depends on the database engine is
timed on both, with the same inputs in the same order, and printed as one table:
SQLite | PostgreSQL | ratio. The results go to bench-data/engines.json.

Search is timed per kind of query, because the kinds take different paths through the
indexes: a common word is found by walking the newest dossiers, a rare name or one that
matches nothing through the name index itself.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

from bench.__main__ import DATA, timed

# Each kind of name search, with the words a clerk would type for it.
SEARCH_KINDS: dict[str, list[str]] = {
    "common one word": ["nguyen", "le", "hoa", "tran", "duc"],
    "common two words": ["nguyen thi", "le v", "pham minh", "tran van"],
    "one-letter word": ["vu t", "dao h", "ngo m"],
    "rare full name": ["nguyen thi thu huong", "tran quoc bao anh", "le thi kim ngan"],
    "no match": ["xyzq", "qqwv", "nguyen zzz"],
    "phone prefix": ["0912", "0987", "03"],
}


def _open(url: str, data_dir: Path) -> Any:
    os.environ["DESK_DATA_DIR"] = str(data_dir)
    from desk.services import demo
    from desk.services.context import DeskContext

    ctx = DeskContext.open(db_url=url)
    ctx.act_as(demo.demo_account(ctx, "quantri"))
    return ctx


def _dossier_count(url: str, data_dir: Path) -> int:
    """How many dossiers the office at ``url`` holds (0: none, or no office yet)."""
    from desk.services.context import DeskContext
    from desk.store import counts

    os.environ["DESK_DATA_DIR"] = str(data_dir)
    ctx = DeskContext.open(db_url=url)  # a new database gets its tables, and no office
    try:
        if not ctx.has_office:
            return 0
        with ctx.db.read() as session:
            return counts.count_dossiers(session)
    finally:
        ctx.close()


def ensure_office(url: str, data_dir: Path, dossiers: int) -> float | None:
    """Build the demo office at ``url`` unless it is there; the seconds it took, or None."""
    data_dir.mkdir(parents=True, exist_ok=True)
    if _dossier_count(url, data_dir) >= dossiers:
        return None
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "desk", "--db", url, "demo", "--dossiers", str(dossiers)],
        env={**os.environ, "DESK_DATA_DIR": str(data_dir)},
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return round(time.perf_counter() - started, 1)


def measure(ctx: Any, *, receive: int = 300) -> dict[str, Any]:
    """Every engine-dependent figure on the office ``ctx`` opened (an admin acting)."""
    from sqlalchemy import text

    from desk.domain.calendar import now_in_office
    from desk.domain.figures import Period
    from desk.services import (
        demo,
        dossier_list,
        dossiers,
        export,
        figures,
        intake,
        office_watch,
        search,
    )
    from desk.store import counts

    results: dict[str, Any] = {}
    with ctx.db.read() as session:
        results["dossiers"] = counts.count_dossiers(session)
        codes = list(session.scalars(text("SELECT code FROM dossiers ORDER BY code")))
    rng = random.Random(1)
    picked = [codes[rng.randrange(len(codes))] for _ in range(500)]

    lookups = iter(picked)
    results["lookup by code"] = timed(lambda: search.search(ctx, next(lookups)), 500)
    opened = iter(picked)
    results["open a dossier by code"] = timed(lambda: dossiers.get_dossier(ctx, next(opened)), 500)
    for kind, words in SEARCH_KINDS.items():
        for word in words:  # warm each query's plan and pages once
            search.search(ctx, word)
        results[f"search: {kind}"] = _timed_each(ctx, words, 60)
    second = {w: search.search(ctx, w)[-1].id for w in ("nguyen", "le v")}
    pages = iter(list(second.items()) * 100)

    def next_page() -> None:
        word, before = next(pages)
        search.search(ctx, word, before_id=before)

    results["search: second page"] = timed(next_page, 200)

    chosen = dossier_list.ListFilter()
    results["list: first page"] = timed(lambda: dossier_list.list_page(ctx, chosen), 200)
    page = dossier_list.list_page(ctx, chosen)
    deep = page.next_before_id - 20_000 if page.next_before_id else None
    results["list: a page 20,000 dossiers down"] = timed(
        lambda: dossier_list.list_page(ctx, chosen, before_id=deep), 200
    )

    # What each desk pays twice a second to see the other desks' changes (nothing new).
    mark = office_watch.office_mark(ctx)
    results["office watch: a quiet poll"] = timed(
        lambda: office_watch.changes_since(ctx, mark), 500
    )

    clerk = demo.demo_clerks(ctx)[0]
    requests = [d.request for d in demo.generate(ctx, receive, seed=99)]
    pending = iter(requests)
    results["receive one dossier"] = timed(
        lambda: intake.receive_dossier(ctx, next(pending), clerk), receive
    )

    now = now_in_office()
    today = now.date()
    month = Period.month(today.year, today.month).months_before(2)[0]
    results["figures: a month, the office"] = timed(
        lambda: figures.period_figures(ctx, month, now=now), 5
    )
    results["figures: the watch list"] = timed(lambda: figures.watch_list(ctx, now=now), 20)

    since = today - timedelta(days=14)
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "export.jsonl"
        started = time.perf_counter()
        exported = export.export_jsonl(ctx, out, since=since)
        seconds = time.perf_counter() - started
    results["export: dossiers a second"] = {
        "dossiers": exported,
        "seconds": round(seconds, 2),
        "per_second": round(exported / seconds) if seconds else None,
    }
    return results


def _timed_each(ctx: Any, words: list[str], rounds: int) -> dict[str, float]:
    from desk.services import search

    queries = iter(words * rounds)
    return timed(lambda: search.search(ctx, next(queries)), rounds * len(words))


def _figure(value: Any) -> tuple[str, float | None]:
    """What the table shows for one result, and the number to compare."""
    if isinstance(value, dict) and "median_ms" in value:
        return f"{value['median_ms']:.2f} / {value['p95_ms']:.2f} ms", value["p95_ms"]
    if isinstance(value, dict) and "per_second" in value:
        return f"{value['per_second']:,}/s", value["per_second"]
    return str(value), None


def table(sqlite: dict[str, Any], postgresql: dict[str, Any]) -> str:
    """Markdown: each figure (median / p95) on both engines and PostgreSQL ÷ SQLite (of the
    p95; of the rate for a rate)."""
    lines = [
        "| figure (median / p95) | SQLite | PostgreSQL | ratio |",
        "|---|---|---|---|",
    ]
    for name, value in sqlite.items():
        if name not in postgresql:
            continue
        left, a = _figure(value)
        right, b = _figure(postgresql[name])
        ratio = f"{b / a:.2f}×" if a and b else ""
        lines.append(f"| {name} | {left} | {right} | {ratio} |")
    return "\n".join(lines)


def run(pg_url: str, dossiers: int, *, sqlite_dir: Path | None = None) -> dict[str, Any]:
    """Build (if needed) and measure both offices; the results and the table."""
    sqlite_dir = sqlite_dir or DATA / f"office-{dossiers}"
    pg_dir = DATA / f"office-pg-{dossiers}"
    sqlite_url = f"sqlite:///{sqlite_dir / 'office.sqlite'}"
    built = {
        "sqlite": ensure_office(sqlite_url, sqlite_dir, dossiers),
        "postgresql": ensure_office(pg_url, pg_dir, dossiers),
    }
    results: dict[str, Any] = {"demo_generation_s": built}
    for engine, url, folder in (
        ("sqlite", sqlite_url, sqlite_dir),
        ("postgresql", pg_url, pg_dir),
    ):
        print(f"{engine}: measuring …", flush=True)
        ctx = _open(url, folder)
        try:
            results[engine] = measure(ctx)
        finally:
            ctx.close()
    results["table"] = table(results["sqlite"], results["postgresql"])
    return results


def main(pg_url: str, dossiers: int, sqlite_dir: Path | None = None) -> int:
    results = run(pg_url, dossiers, sqlite_dir=sqlite_dir)
    DATA.mkdir(exist_ok=True)
    (DATA / "engines.json").write_text(json.dumps(results, ensure_ascii=False, indent=2))
    print(results["table"])
    return 0
