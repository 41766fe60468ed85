"""What checking the office costs: the quick check at every start (in fresh processes, as
a desk starts), against a whole-file ``PRAGMA quick_check``, and ``desk check`` with each
of its checks timed.

    python -m bench.check [--dossiers 20000] [--data DIR] [--no-full]

``make bench`` runs it on the 1,000,000-dossier office after the other figures.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from bench.__main__ import DATA, ROOT, build_database, percentiles

STARTS = 9  # fresh processes per figure

# One desk start in a fresh process, its modules imported: the quick check alone (the
# process's first read of the file, from the OS cache as after any earlier run), then the
# whole open, which runs the check again on a new connection (SQLite's cache is per
# connection): "open - check" is the open without it.
_START = """
import json, sys, time
from pathlib import Path
from desk.services.context import DeskContext
from desk.store import start_check
started = time.perf_counter()
result = start_check.quick_start_check(Path(sys.argv[1]))
check_ms = (time.perf_counter() - started) * 1000
began = time.perf_counter()
ctx = DeskContext.open(create=False)
open_ms = (time.perf_counter() - began) * 1000
from desk.services.context import _check_log_tail
began = time.perf_counter()
_check_log_tail(ctx.db)
tail_ms = (time.perf_counter() - began) * 1000
ctx.close()
print(json.dumps({"check_ms": check_ms, "open_ms": open_ms, "tail_ms": tail_ms,
                  "full": result.full}))
"""


def start_check(directory: Path) -> dict[str, Any]:
    database = directory / "office.sqlite"
    checks_ms: list[float] = []
    opens_ms: list[float] = []
    tails_ms: list[float] = []
    full = False
    for _ in range(STARTS):
        done = subprocess.run(
            [sys.executable, "-c", _START, str(database)],
            cwd=ROOT,
            env={**os.environ, "DESK_DATA_DIR": str(directory)},
            check=True,
            capture_output=True,
            text=True,
        )
        figures = json.loads(done.stdout.strip().splitlines()[-1])
        checks_ms.append(figures["check_ms"])
        opens_ms.append(figures["open_ms"])
        tails_ms.append(figures["tail_ms"])
        full = bool(figures["full"])
    return {
        "database_mb": round(database.stat().st_size / 2**20, 1),
        "whole_file": full,
        "quick_start_check": percentiles(checks_ms),
        # The log's last entries re-hashed (part of the open, after the file check).
        "audit_tail": percentiles(tails_ms),
        "open_with_check_median_ms": round(statistics.median(opens_ms), 1),
    }


def whole_file_quick_check(directory: Path) -> dict[str, Any]:
    """``PRAGMA quick_check`` of the whole file: what a start would cost if it read it all."""
    import sqlite3

    database = directory / "office.sqlite"
    connection = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        started = time.perf_counter()
        connection.execute("PRAGMA quick_check").fetchall()
        seconds = time.perf_counter() - started
    finally:
        connection.close()
    return {
        "quick_check_s": round(seconds, 2),
        "mb_per_s": round(database.stat().st_size / 2**20 / seconds) if seconds else None,
    }


def desk_check(ctx: Any) -> dict[str, Any]:
    from desk.services.check import run_check

    report = run_check(ctx)
    return {
        "total_s": round(report.seconds, 1),
        "ok": report.ok,
        "checks_s": {r.name: round(r.seconds, 2) for r in report.results},
    }


def run(ctx: Any, directory: Path, *, full: bool = True) -> dict[str, Any]:
    """Every figure on the office in ``directory`` (``ctx`` acts for an account that may
    audit); ``full=False`` leaves out ``desk check`` itself (minutes on a big office)."""
    result: dict[str, Any] = {"start": start_check(directory)}
    result["whole_file"] = whole_file_quick_check(directory)
    if full:
        result["desk_check"] = desk_check(ctx)
    return result


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.check")
    parser.add_argument("--dossiers", type=int, default=20_000)
    parser.add_argument("--data", type=Path, help="an office's data folder, used as it is")
    parser.add_argument("--no-full", action="store_true", help="without desk check itself")
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args()
    directory = args.data or DATA / f"office-{args.dossiers}"
    database = directory / "office.sqlite"
    results: dict[str, Any] = {"data": str(directory)}
    if args.data is None and (args.rebuild or not database.exists()):
        for leftover in directory.glob("office.sqlite*"):
            leftover.unlink()
        results["demo_generation_s"] = round(build_database(directory, args.dossiers), 1)
    os.environ["DESK_DATA_DIR"] = str(directory)
    from desk.services import demo
    from desk.services.context import DeskContext

    ctx = DeskContext.open(create=False)
    ctx.act_as(demo.demo_account(ctx, "quantri"))
    try:
        results.update(run(ctx, directory, full=not args.no_full))
    finally:
        ctx.close()
    print(json.dumps(results, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
