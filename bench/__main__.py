"""Measure the desk on a large office database.

    python -m bench [--dossiers 1000000] [--rebuild]
    python -m bench --only clerk     (time to serve a citizen: no large database needed)
    python -m bench --only supervisor   (the supervisor's screen on DESK_DATA_DIR's office)
    python -m bench.figures             (the month's and year's figures, the report, likewise)
    python -m bench --db postgresql://…  (all of it, then the same office on SQLite and
                                          PostgreSQL side by side: bench/engines.py)
    python -m bench --only engines --db postgresql://…   (only that comparison)
    python -m bench --slow              (the slow-PC profile: everything on one core, and
                                          the disk's commit timed: bench/disk.py)

The database is built once with ``desk demo`` (timed) into bench-data/ and reused by later
runs unless --rebuild. Each figure is printed and written to bench-data/results.json.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import text

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench-data"


def percentiles(samples_ms: list[float]) -> dict[str, float]:
    ordered = sorted(samples_ms)
    return {
        "median_ms": round(statistics.median(ordered), 3),
        "p95_ms": round(ordered[max(0, int(len(ordered) * 0.95) - 1)], 3),
        "max_ms": round(ordered[-1], 3),
        "samples": len(ordered),
    }


def timed(action: Callable[[], Any], repeat: int) -> dict[str, float]:
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        samples.append((time.perf_counter() - started) * 1000)
    return percentiles(samples)


def build_database(directory: Path, dossiers: int) -> float:
    directory.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "desk", "demo", "--dossiers", str(dossiers), "--seed", "1"],
        env={**os.environ, "DESK_DATA_DIR": str(directory)},
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("--dossiers", type=int, default=1_000_000)
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument(
        "--only", choices=["clerk", "supervisor", "engines"], help="only this bench"
    )
    parser.add_argument(
        "--db",
        metavar="URL",
        help="a PostgreSQL database for the side-by-side bench (built there on first use)",
    )
    parser.add_argument(
        "--slow",
        action="store_true",
        help="the slow-PC profile: pinned to one core; results in results-slow.json",
    )
    args = parser.parse_args()
    from bench import disk

    profile = disk.pin_to_one_core() if args.slow else {"cores": len(os.sched_getaffinity(0))}
    print(f"profile: {'slow (one core)' if args.slow else 'normal'}", flush=True)
    if args.only == "engines" and not args.db:
        parser.error("--only engines needs --db postgresql://…")
    if args.only == "engines":
        from bench import engines

        return engines.main(args.db, args.dossiers)
    if args.only == "clerk":
        return clerk_only()
    if args.only == "supervisor":
        return supervisor_only(DATA / f"office-{args.dossiers}")
    directory = DATA / f"office-{args.dossiers}"
    results: dict[str, Any] = {"dossiers": args.dossiers, "profile": profile}
    results["disk"] = disk.commit(DATA)
    print(f"the disk: one WAL commit {results['disk']['commit_median_ms']} ms", flush=True)
    database = directory / "office.sqlite"
    if args.rebuild or not database.exists():
        for leftover in directory.glob("office.sqlite*"):
            leftover.unlink()
        results["demo_generation_s"] = round(build_database(directory, args.dossiers), 1)
        print(f"demo generation: {results['demo_generation_s']} s", flush=True)

    os.environ["DESK_DATA_DIR"] = str(directory)
    from desk.services import demo, dossiers, intake, search
    from desk.services.context import DeskContext
    from desk.store import counts as store_counts

    ctx = DeskContext.open()
    ctx.act_as(demo.demo_account(ctx, "quantri"))  # an account that may do all of it
    results["database_mb"] = round(database.stat().st_size / 2**20, 1)
    with ctx.db.read() as session:
        results["dossiers_in_database"] = store_counts.count_dossiers(session)
        codes = list(session.scalars(text("SELECT code FROM dossiers ORDER BY random() LIMIT 500")))
    rng = random.Random(1)

    clerk = demo.demo_clerks(ctx)[0]
    requests = [d.request for d in demo.generate(ctx, 300, seed=99)]
    pending = iter(requests)
    results["receive_one_dossier"] = timed(
        lambda: intake.receive_dossier(ctx, next(pending), clerk), 300
    )
    results["receive_beyond_the_commit_ms"] = round(
        results["receive_one_dossier"]["median_ms"] - results["disk"]["commit_median_ms"], 3
    )

    results["lookup_by_code"] = timed(lambda: search.search(ctx, rng.choice(codes)), 500)
    results["open_dossier_by_code"] = timed(
        lambda: dossiers.get_dossier(ctx, rng.choice(codes)), 500
    )

    prefixes = [
        "ngu",
        "tran",
        "hoa",
        "le v",
        "nguyen thi h",
        "pham minh",
        "duc",
        "dao",
        "vu t",
        "kim",
    ]
    results["name_search_first_page"] = timed(lambda: search.search(ctx, rng.choice(prefixes)), 300)
    results["phone_search_first_page"] = timed(lambda: search.search(ctx, "0912"), 100)
    from bench import search_replay

    print("the search box against a replay of its own SQL …", flush=True)
    results["search_against_its_sql"] = search_replay.run(ctx)

    from bench import audit

    print("desk audit verify, and receiving with and without the log entry …", flush=True)
    results["audit"] = audit.run(ctx)
    from bench import check

    print("the quick check at every start, and desk check …", flush=True)
    results["check"] = check.run(ctx, directory)
    from bench import figures

    print("the supervisor's figures and the periodic report …", flush=True)
    results["figures"] = figures.run(ctx)
    from bench import backup

    print("backup and restore …", flush=True)
    results["backup"] = backup.run(ctx, directory)
    ctx.close()

    from bench import printing, sync, ui

    print("printing …", flush=True)
    results["printing"] = printing.run()
    from bench import processes

    print("desk print slip as a process …", flush=True)
    results["processes"] = processes.run()
    print("sync (10,000 dossiers to the simulator) …", flush=True)
    results["sync"] = sync.run()
    from bench import export

    print("desk export of 100,000 dossiers …", flush=True)
    results["export"] = export.run(directory)
    print("desk window on this database …", flush=True)
    results["ui"] = ui.run(directory)
    from bench import clerk as scripted_clerk

    print("time to serve a citizen (a scripted clerk, own small office) …", flush=True)
    results["clerk"] = scripted_clerk.run()

    DATA.mkdir(exist_ok=True)
    name = "results-slow.json" if args.slow else "results.json"
    (DATA / name).write_text(json.dumps(results, ensure_ascii=False, indent=2))
    print(json.dumps(results, ensure_ascii=False, indent=2))
    if args.db:
        from bench import engines

        print("the same office on SQLite and PostgreSQL …", flush=True)
        return engines.main(args.db, args.dossiers)
    return 0


def clerk_only() -> int:
    from bench import clerk

    result = clerk.run()
    DATA.mkdir(exist_ok=True)
    (DATA / "clerk.json").write_text(json.dumps(result, ensure_ascii=False, indent=2))
    print(clerk.summary(result))
    return 0


def supervisor_only(default_directory: Path) -> int:
    """The supervisor's screen on the office in DESK_DATA_DIR, else the bench's own."""
    from bench import supervisor

    result = supervisor.run(os.environ.get("DESK_DATA_DIR") or default_directory)
    DATA.mkdir(exist_ok=True)
    (DATA / "supervisor.json").write_text(json.dumps(result, ensure_ascii=False, indent=2))
    print(supervisor.summary(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
