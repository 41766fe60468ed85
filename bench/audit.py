"""What the office's tamper-evident log costs: receiving one dossier with its log entry
(against the same intake with the entry left out, alternately, on the same office), and
``desk audit verify`` over the whole office.

    python -m bench.audit [--dossiers 20000]   # on its own, on a smaller office

``make bench`` runs it on the 1,000,000-dossier office after the other figures.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from bench.__main__ import DATA, build_database, percentiles

ROUNDS = 6  # alternating runs with and without the entry
PER_ROUND = 50


@contextmanager
def _without_log_entries() -> Iterator[None]:
    """The store's intake with its log entry left out: only to show what the entry costs."""
    from desk.store import dossiers as store_dossiers

    original = store_dossiers._log
    store_dossiers._log = lambda *args, **kwargs: None
    try:
        yield
    finally:
        store_dossiers._log = original


def receive_with_and_without_entry(ctx: Any) -> dict[str, Any]:
    from desk.services import demo, intake

    clerk = demo.demo_clerks(ctx)[0]
    requests = iter(d.request for d in demo.generate(ctx, 2 * ROUNDS * PER_ROUND, seed=77))
    samples: dict[str, list[float]] = {"with_entry": [], "without_entry": []}
    unlogged: list[int] = []

    def run(kind: str) -> None:
        for _ in range(PER_ROUND):
            request = next(requests)
            started = time.perf_counter()
            dossier = intake.receive_dossier(ctx, request, clerk)
            samples[kind].append((time.perf_counter() - started) * 1000)
            if kind == "without_entry":
                unlogged.append(dossier.id)

    for _ in range(ROUNDS):
        run("with_entry")
        with _without_log_entries():
            run("without_entry")
    _log_afterwards(ctx, unlogged)
    result: dict[str, Any] = {kind: percentiles(values) for kind, values in samples.items()}
    result["entry_cost_median_ms"] = round(
        statistics.median(samples["with_entry"]) - statistics.median(samples["without_entry"]), 3
    )
    return result


def _log_afterwards(ctx: Any, dossier_ids: list[int]) -> None:
    """Give the dossiers received without their entry one now, so the office verifies."""
    from desk.domain.audit import AuditAction
    from desk.domain.calendar import now_in_office
    from desk.store import audit_records

    with ctx.db.write() as session:
        audit_records.log_dossiers(
            session.connection(),
            dossier_ids,
            action=AuditAction.DOSSIER_RECEIVED,
            at=now_in_office(),
            actor_name="bench",
        )


def verify_office(ctx: Any) -> dict[str, Any]:
    from desk.services import audit

    started = time.perf_counter()
    report = audit.verify(ctx)
    seconds = time.perf_counter() - started
    return {
        "verify_s": round(seconds, 1),
        "entries": report.entries,
        "dossiers": report.dossiers,
        "dossiers_per_s": round(report.dossiers / seconds) if seconds else None,
        "ok": report.ok,
        "problems": report.problems[:3],
    }


def run(ctx: Any) -> dict[str, Any]:
    """Both figures on the office ``ctx`` works on, acting as an account that may audit."""
    verified = verify_office(ctx)
    return {"verify": verified, "receive_one_dossier": receive_with_and_without_entry(ctx)}


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.audit")
    parser.add_argument("--dossiers", type=int, default=20_000)
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args()
    directory = DATA / f"office-{args.dossiers}"
    database = directory / "office.sqlite"
    results: dict[str, Any] = {"dossiers": args.dossiers}
    if args.rebuild or not database.exists():
        for leftover in directory.glob("office.sqlite*"):
            leftover.unlink()
        results["demo_generation_s"] = round(build_database(directory, args.dossiers), 1)
    os.environ["DESK_DATA_DIR"] = str(directory)
    from desk.services import demo
    from desk.services.context import DeskContext

    ctx = DeskContext.open()
    ctx.act_as(demo.demo_account(ctx, "quantri"))
    results.update(run(ctx))
    ctx.close()
    out = Path(DATA) / f"audit-{args.dossiers}.json"
    out.write_text(json.dumps(results, ensure_ascii=False, indent=2))
    print(json.dumps(results, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
