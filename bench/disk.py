"""The bench's disk and the slow-PC profile.

``commit()`` times the cheapest write the desk makes: one row committed to a WAL
database with ``synchronous=FULL`` (the office database's settings), so that a figure
bound by commits can be read against the disk it ran on. A commune's old PC has a disk
whose fsync costs 1 ms or more; this machine's costs a fraction of that, so on such a PC
every commit-bound figure grows by about (1 ms − the commit measured here) per commit.

``pin_to_one_core()`` is the ``--slow`` profile: the bench and every process it starts
(children inherit the affinity) run on one core, as on an old dual-core PC that is also
running the office's other programs.
"""

from __future__ import annotations

import os
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any


def commit(directory: Path, count: int = 300) -> dict[str, Any]:
    """Median and p95 of one small WAL commit with synchronous=FULL, on ``directory``'s
    disk."""
    directory.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=directory) as scratch:
        connection = sqlite3.connect(Path(scratch) / "commit.sqlite", isolation_level=None)
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("PRAGMA synchronous=FULL")
        connection.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, value TEXT)")
        samples = []
        for number in range(count):
            started = time.perf_counter()
            connection.execute("BEGIN IMMEDIATE")
            connection.execute("INSERT INTO t (value) VALUES (?)", (f"row {number}",))
            connection.execute("COMMIT")
            samples.append((time.perf_counter() - started) * 1000)
        connection.close()
    ordered = sorted(samples)
    median = statistics.median(ordered)
    return {
        "commit_median_ms": round(median, 3),
        "commit_p95_ms": round(ordered[int(len(ordered) * 0.95) - 1], 3),
        "per_commit_on_a_1ms_fsync_disk_add_ms": round(max(0.0, 1.0 - median), 3),
    }


def pin_to_one_core() -> dict[str, Any]:
    """Run this process and its children on one core (Linux); what was chosen."""
    if not hasattr(os, "sched_setaffinity"):
        return {"cores": os.cpu_count(), "pinned": False}
    core = min(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {core})
    return {"cores": 1, "pinned": True, "core": core}
