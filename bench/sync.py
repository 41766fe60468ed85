"""Provincial sync benchmarks. ``run()`` returns the figures.

- ``from_scratch``: 10,000 dossiers (demo histories, 2–5 revisions each) synced to the
  simulator running in its own process on loopback, end to end: ping, auth, the feed,
  every batch written, sent, answered and recorded (target ≥ 1,000 dossiers/s).
  ``desk_share`` is the part of the run the desk's own thread was not waiting on an HTTP
  reply (building the next batch overlaps the wait in a helper thread, so it is not
  counted twice); ``server_s`` is the time inside HTTP calls (the simulator and the wire).
- ``up_to_date``: a run with nothing to send (ping, auth, two feed reads), median of 5.
- ``stages``: where a dossier's time goes on the desk, measured in the same run on the
  same office, each stage alone on one thread (median of 3): ``load_us`` reading what
  the items are made of a batch of 100 at a time (``load_province_records``: five narrow
  statements a batch on the driver's cursor, no domain objects), ``build_us`` turning
  each into its province item, ``encode_us`` the item's JSON. The
  push overlaps loading, building and encoding the next batch with the wait for the
  current one; writing the batch and recording the answers are part of ``desk_s``.

``desk_cpu_s`` and ``simulator_cpu_s`` are the CPU time each process spent in the run (the
desk's every thread; the simulator's read from /proc): with loading overlapping the wait,
the wall-clock split above counts the overlap once, CPU shows each side's cost.
``rss_before_mb`` and ``peak_rss_mb``: the desk process's resident memory before the run
and its peak during it (flat: the same growth at 10,000 and 100,000 dossiers).

``--office DIR``: sync from scratch a copy of an office built by ``desk demo`` (every
dossier queued, e.g. bench-data/office-100000) instead of 10,000 new demo dossiers; the
copy is made in the temporary directory, the office given is never written.

``--https``: the simulator over HTTPS with a throw-away certificate the run trusts through
its ``ca_bundle``, as a province is reached in the field (the TLS handshake, the
certificate's check and the encryption of every call counted).

Run alone with ``python -m bench.sync [--dossiers N | --office DIR] [--https]``.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def _start_simulator(
    directory: Path, tls: tuple[Path, Path] | None = None
) -> tuple[subprocess.Popen[str], str]:
    simulator = ["province-sim", "--port", "0", "--data", str(directory)]
    if tls is not None:
        simulator += ["--tls-cert", str(tls[0]), "--tls-key", str(tls[1])]
    process = subprocess.Popen(
        [sys.executable, "-m", "desk", *simulator],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert process.stdout is not None
    match = re.search(r"(https?://127\.0\.0\.1:\d+)", process.stdout.readline())
    if match is None:
        process.kill()
        raise RuntimeError("the province simulator did not start")
    return process, match.group(1)


def _cpu_s(pid: int) -> float:
    """CPU time (user + system) of a running process, from /proc (Linux)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _rss_mb(field: str) -> int:
    """VmRSS (now) or VmHWM (the peak since the last ``_reset_peak``) of this process."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return round(int(line.split()[1]) / 1024)
    return 0


def _reset_peak() -> None:
    """The peak resident memory counted from now (Linux 4.0+: clear_refs 5)."""
    Path("/proc/self/clear_refs").write_text("5")


def _copy_office(source: Path, target: Path) -> None:
    target.mkdir(parents=True)
    for name in ("office.sqlite", "office.sqlite-wal"):
        if (source / name).exists():
            subprocess.run(
                ["cp", "--reflink=auto", str(source / name), str(target / name)], check=True
            )


def run(
    dossiers: int = 10_000, office: Path | None = None, *, stages: bool = True, https: bool = False
) -> dict[str, Any]:
    from desk.config import DeskConfig
    from desk.domain.outbox import RunOutcome, SyncResult
    from desk.services import demo
    from desk.services.context import DeskContext
    from desk.services.sync import run_sync
    from desk.store import counts as store_counts
    from desk.sync.connection import ConnectionSettings
    from desk.sync.secrets import Secret

    results: dict[str, Any] = {"dossiers": dossiers, "https": https}
    with tempfile.TemporaryDirectory(prefix="desk-sync-bench-") as temporary:
        base = Path(temporary)
        os.environ.setdefault("DESK_DATA_DIR", str(base / "data"))
        if office is not None:
            _copy_office(office, base / "office")
        ctx = DeskContext.open(DeskConfig(data_dir=base / "office"))
        ca_bundle, tls = "", None
        if https:
            from desk.sync.simulator.certificates import certificates

            (base / "tls").mkdir()
            ca, cert, key = certificates(base / "tls")
            ca_bundle, tls = str(ca), (cert, key)
        process, url = _start_simulator(base / "province", tls)
        try:
            demo.ensure_demo_office(ctx)
            ctx.act_as(demo.demo_account(ctx, "quantri"))  # a supervisor's run (Permission.SYNC)
            if office is None:
                started = time.perf_counter()
                demo.add_demo_dossiers(ctx, dossiers, seed=7, bulk=True, workers=0)
                results["demo_generation_s"] = round(time.perf_counter() - started, 1)
            with ctx.db.read() as session:
                results["queued"] = dossiers = store_counts.count_outbox(session)
            results["dossiers"] = dossiers
            settings = ConnectionSettings(
                base_url=url,
                agency_id=ctx.office.agency_id,
                username="motcua",
                password=Secret("motcua-demo"),
                ca_bundle=ca_bundle,
            )
            rss_before = _rss_mb("VmRSS")
            _reset_peak()
            cpu, simulator_cpu = time.process_time(), _cpu_s(process.pid)
            report = run_sync(ctx, settings=settings)
            cpu, simulator_cpu = time.process_time() - cpu, _cpu_s(process.pid) - simulator_cpu
            if (
                report.outcome is not RunOutcome.OK
                or report.counts[SyncResult.ACCEPTED] != dossiers
            ):
                raise RuntimeError(f"bench sync did not complete: {report.lines()}")
            results["from_scratch"] = {
                "duration_s": round(report.duration_s, 2),
                "dossiers_per_s": round(dossiers / report.duration_s),
                "batches": report.batches_sent,
                "server_s": round(report.network_s, 2),
                "desk_s": round(report.desk_s, 2),
                "desk_share": round(report.desk_s / report.duration_s, 2),
                "desk_cpu_s": round(cpu, 2),
                "simulator_cpu_s": round(simulator_cpu, 2),
                "rss_before_mb": rss_before,
                "peak_rss_mb": _rss_mb("VmHWM"),  # during the run
            }
            if stages:
                results["stages"] = _stages(ctx)
            samples = []
            for _ in range(5):
                again = run_sync(ctx, settings=settings)
                assert again.items_sent == 0 and again.outcome is RunOutcome.OK
                samples.append(again.duration_s * 1000)
            results["up_to_date"] = {
                "median_ms": round(statistics.median(samples), 1),
                "max_ms": round(max(samples), 1),
            }
        finally:
            process.terminate()
            process.wait(timeout=10)
            if process.stdout is not None:
                process.stdout.close()
            ctx.close()
    return results


def _stages(ctx: Any, batch: int = 100, runs: int = 3) -> dict[str, float]:
    """Microseconds a dossier for each stage of preparing a batch, on their own."""
    from desk.services.sync.push import encode
    from desk.store import dossiers as store_dossiers
    from desk.store import sync_repository as sync_repo
    from desk.sync.items import province_item

    with ctx.db.read() as session:
        codes = list(store_dossiers.all_codes(session))
        by_code = sync_repo.dossier_ids_by_code(session, codes)
    ids = [by_code[code] for code in codes]  # the push's order
    loads, builds, encodes = [], [], []
    for _ in range(runs):
        started = time.perf_counter()
        records = []
        with ctx.db.read() as session:
            for start in range(0, len(ids), batch):
                records.extend(sync_repo.load_province_records(session, ids[start : start + batch]))
        loads.append(time.perf_counter() - started)
        started = time.perf_counter()
        items = [province_item(r) for r in records]
        builds.append(time.perf_counter() - started)
        started = time.perf_counter()
        for item in items:
            encode(item)
        encodes.append(time.perf_counter() - started)
    per = 1e6 / len(ids)
    return {
        "load_us": round(statistics.median(loads) * per, 1),
        "build_us": round(statistics.median(builds) * per, 1),
        "encode_us": round(statistics.median(encodes) * per, 1),
    }


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.sync")
    parser.add_argument("--dossiers", type=int, default=10_000)
    parser.add_argument("--office", type=Path, help="sync a copy of this office instead")
    parser.add_argument("--no-stages", action="store_true", help="only the runs")
    parser.add_argument("--https", action="store_true", help="the simulator over HTTPS")
    args = parser.parse_args()
    figures = run(args.dossiers, args.office, stages=not args.no_stages, https=args.https)
    print(json.dumps(figures, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
