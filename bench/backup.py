"""What a backup and a restore of the office cost: time, size, and the compression level.

    python -m bench.backup [--dossiers 20000] [--data DIR] [--no-restore]

``make bench`` runs it on the 1,000,000-dossier office. The restore runs on a copy of the
data folder, so the bench office stays as it is.
"""

from __future__ import annotations

import argparse
import gzip
import json
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.__main__ import DATA, build_database


def _compression(database: Path, sample_mb: int = 64) -> dict[str, Any]:
    """gzip levels 1 and 6 on the first ``sample_mb`` MB of the database file."""
    with database.open("rb") as reader:  # the sample only: a whole office is gigabytes
        data = reader.read(sample_mb << 20)
    figures: dict[str, Any] = {"sample_mb": round(len(data) / 2**20, 1)}
    for level in (1, 6):
        started = time.perf_counter()
        packed = gzip.compress(data, compresslevel=level, mtime=0)
        seconds = time.perf_counter() - started
        figures[f"level_{level}"] = {
            "ratio": round(len(packed) / max(1, len(data)), 3),
            "mb_per_s": round(len(data) / 2**20 / max(seconds, 1e-9), 1),
        }
    return figures


def _peak_memory_mb() -> float:
    """The process's peak resident memory so far (an old PC has 2–4 GB)."""
    import resource
    import sys

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(peak / (2**20 if sys.platform == "darwin" else 2**10), 1)


class _Steps:
    """Seconds spent in each step the progress callback names."""

    def __init__(self) -> None:
        self.started = time.perf_counter()
        self.current: str | None = None
        self.since = self.started
        self.seconds: dict[str, float] = {}

    def __call__(self, step: str, done: int, total: int) -> None:
        if step != self.current:
            self.finish()
            self.current, self.since = step, time.perf_counter()

    def finish(self) -> dict[str, float]:
        if self.current is not None:
            spent = time.perf_counter() - self.since
            self.seconds[self.current] = round(self.seconds.get(self.current, 0) + spent, 2)
            self.current = None
        return self.seconds


def run(ctx: Any, directory: Path, *, restore: bool = True) -> dict[str, Any]:
    """Back the office in ``directory`` up (``ctx`` acts for a supervisor or admin), then
    restore the backup into a copy of the data folder."""
    from desk.services import backup
    from desk.services.demo import DEMO_BACKUP_PASSPHRASE

    if not backup.has_backup_key(ctx):
        backup.set_passphrase(ctx, DEMO_BACKUP_PASSPHRASE)
    database = directory / "office.sqlite"
    result: dict[str, Any] = {"database_mb": round(database.stat().st_size / 2**20, 1)}
    started = time.perf_counter()
    steps = _Steps()
    [info] = backup.take_backup(ctx, progress=steps)
    result["backup_s"] = round(time.perf_counter() - started, 2)
    result["backup_steps_s"] = steps.finish()
    result["backup_mb"] = round(info.size / 2**20, 1)
    result["dossiers"] = info.dossier_count
    result["scanned_files"] = info.file_count
    result["peak_memory_mb_after_backup"] = _peak_memory_mb()
    result["compression"] = _compression(database)
    if restore:
        with tempfile.TemporaryDirectory(dir=DATA) as scratch:
            copy = Path(scratch) / "data"
            shutil.copytree(directory, copy, ignore=shutil.ignore_patterns("backups"))
            from desk.config import DeskConfig

            started = time.perf_counter()
            steps = _Steps()
            restored = backup.restore_backup(
                DeskConfig(data_dir=copy),
                info.path,
                DEMO_BACKUP_PASSPHRASE,
                username="quantri",
                password="quantri-demo",
                progress=steps,
            )
            result["restore_s"] = round(time.perf_counter() - started, 2)
            result["restore_steps_s"] = steps.finish()
            assert restored.dossier_count == info.dossier_count
            result["peak_memory_mb_after_restore"] = _peak_memory_mb()
    info.path.unlink()  # the bench leaves no backup of its own behind
    return result


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.backup")
    parser.add_argument("--dossiers", type=int, default=20_000)
    parser.add_argument("--data", type=Path, help="an office's data folder, used as it is")
    parser.add_argument("--no-restore", action="store_true")
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args()
    directory = args.data or DATA / f"office-{args.dossiers}"
    database = directory / "office.sqlite"
    if args.data is None and (args.rebuild or not database.exists()):
        for leftover in directory.glob("office.sqlite*"):
            leftover.unlink()
        print(f"building a demo office of {args.dossiers} dossiers …", flush=True)
        build_database(directory, args.dossiers)
    import os

    os.environ["DESK_DATA_DIR"] = str(directory)
    from desk.services import demo
    from desk.services.context import DeskContext

    ctx = DeskContext.open(create=False)
    ctx.act_as(demo.demo_account(ctx, "quantri"))
    try:
        results = run(ctx, directory, restore=not args.no_restore)
    finally:
        ctx.close()
    print(json.dumps(results, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
