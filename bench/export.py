"""``desk export`` rate benchmark on the 1,000,000-dossier office (read only).

The office is opened read only (SQLite ``mode=ro``): the export's own streaming loop
(``desk.services.export.write_items``, the one ``desk export`` runs) writes the first
``--limit`` dossiers (all when 0) to a file under /tmp, in one snapshot, in a child
process of its own so its peak resident memory is the export's alone. The audit entry
``desk export`` adds afterwards is left out: the bench office is never written.

Each figure: dossiers/s (wall and CPU), the time spent loading the dossiers vs building and
writing the lines is not split here (see ``bench.sync`` and the profile in the report),
peak RSS of the process, and the file's size.

Run alone with ``python -m bench.export [--limit N] [--runs R] [DATA_DIR]``.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench-data"


def _child(database: Path, limit: int, out: Path) -> dict[str, Any]:
    from desk.commands.base import collector_paused_while_loading

    # As ``desk export`` runs it: loaded with the collector off, what was loaded frozen
    # out of the collections the loop sets off.
    with collector_paused_while_loading() as loaded:
        from desk.services.export import write_items
        from desk.store.db import Database

        db = Database(f"sqlite:///file:{database}?mode=ro&uri=true")
        loaded()
        started, cpu = time.perf_counter(), time.process_time()
        with open(out, "wb") as handle, db.snapshot() as session:
            count = write_items(session, handle, limit=limit or None)
        wall, cpu = time.perf_counter() - started, time.process_time() - cpu
        db.engine.dispose()
    return {
        "dossiers": count,
        "wall_s": round(wall, 2),
        "cpu_s": round(cpu, 2),
        "per_s": round(count / wall),
        "per_cpu_s": round(count / cpu),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "file_mb": round(out.stat().st_size / 1e6, 1),
    }


def run(data_dir: Path | None = None, *, limit: int = 100_000, runs: int = 3) -> dict[str, Any]:
    """``runs`` exports of the first ``limit`` dossiers, each in a fresh process."""
    directory = data_dir or DATA / "office-1000000"
    database = directory / "office.sqlite"
    samples = []
    with tempfile.TemporaryDirectory(prefix="desk-export-bench-") as temporary:
        for _ in range(runs):
            done = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "bench.export",
                    "--child",
                    "--limit",
                    str(limit),
                    "--out",
                    str(Path(temporary) / "export.jsonl"),
                    str(directory),
                ],
                cwd=ROOT,
                check=True,
                capture_output=True,
                text=True,
            )
            samples.append(json.loads(done.stdout))
    assert database.exists()
    return {
        "limit": limit,
        "runs": samples,
        "median_per_s": round(statistics.median(s["per_s"] for s in samples)),
        "median_per_cpu_s": round(statistics.median(s["per_cpu_s"] for s in samples)),
        "max_peak_rss_mb": max(s["peak_rss_mb"] for s in samples),
    }


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.export")
    parser.add_argument("data_dir", nargs="?", type=Path)
    parser.add_argument("--limit", type=int, default=100_000, help="0: the whole office")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    directory = args.data_dir or Path(os.environ.get("DESK_DATA_DIR") or DATA / "office-1000000")
    if args.child:
        print(json.dumps(_child(directory / "office.sqlite", args.limit, args.out)))
        return 0
    print(json.dumps(run(directory, limit=args.limit, runs=args.runs), indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
