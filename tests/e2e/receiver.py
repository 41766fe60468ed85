"""A desk process for the concurrency and crash tests: receives dossiers in a loop.

    python -m tests.e2e.receiver URL COUNT [--pause-after-insert MARKER]

With --pause-after-insert, the first dossier's transaction stops after every row is
written but before COMMIT, writes MARKER and sleeps: the test kills the process there.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from desk.config import DeskConfig
from desk.domain.calendar import OFFICE_TZ
from desk.services import demo, intake
from desk.services.context import DeskContext
from desk.store import dossiers as store_dossiers


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("count", type=int)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--pause-after-insert")
    parser.add_argument("--start-at", type=float, default=0.0, help="epoch seconds to start at")
    parser.add_argument("--ready", help="file written once ready to receive")
    parser.add_argument("--go", help="file to wait for before receiving")
    args = parser.parse_args()
    ctx = DeskContext.open(DeskConfig(data_dir=Path.cwd() / "receiver-data", database_url=args.url))
    clerk = demo.demo_clerks(ctx)[0]
    from tests.conftest import DEMO_NOW

    requests = [d.request for d in demo.generate(ctx, args.count, seed=args.seed, now=DEMO_NOW)]
    if args.pause_after_insert:
        marker = Path(args.pause_after_insert)
        original = store_dossiers.insert_dossier

        def insert_then_hang(session, new, event):
            dossier_id = original(session, new, event)
            marker.write_text(str(new.code))
            time.sleep(600)
            return dossier_id

        store_dossiers.insert_dossier = insert_then_hang
    if args.ready:
        Path(args.ready).write_text("ready")
    while time.time() < args.start_at or (args.go and not Path(args.go).exists()):
        time.sleep(0.001)
    for request in requests:
        # Every process receives "now" on the same day: one shared daily sequence.
        intake.receive_dossier(ctx, request, clerk, at=DEMO_NOW.astimezone(OFFICE_TZ))
    ctx.close()


if __name__ == "__main__":
    main()
