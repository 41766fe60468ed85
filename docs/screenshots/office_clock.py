"""The clock the screenshot scripts run on: real time, or a time in office hours.

    DESK_SHOTS_AT=2026-12-01T16:20+07:00

moves the desk's clock there (and lets it run on) with time-machine, so the screenshots
show a working day (today's figures, due times, "Nhận lúc") whatever the hour they are
taken at. It moves Python's clock only, so make the demo office under the same clock
(``python docs/screenshots/office_clock.py demo --dossiers 3000`` runs ``desk`` under it).
Needs ``pip install time-machine`` (not a dependency of the desk), like Pillow.
"""

from __future__ import annotations

import os
import sys
from datetime import datetime
from typing import Any

_traveller: Any = None


def start_office_clock() -> datetime | None:
    """Move the clock to DESK_SHOTS_AT, if set; the time it starts from, else None."""
    global _traveller
    at = os.environ.get("DESK_SHOTS_AT", "")
    if not at or _traveller is not None:
        return None
    import time_machine

    start = datetime.fromisoformat(at)
    if start.tzinfo is None:
        raise SystemExit("DESK_SHOTS_AT needs its time zone, e.g. 2026-12-01T09:40+07:00")
    _traveller = time_machine.travel(start, tick=True)
    _traveller.start()
    return start


if __name__ == "__main__":
    start_office_clock()
    from desk.cli import main

    raise SystemExit(main(sys.argv[1:]))
