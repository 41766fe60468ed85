"""The desk's start with the collector paused (``desk.ui.collector``): the window opens
with «…» on its tiles, then shows the numbers a count made by SQL gives, and the desk's
collector (on the GUI thread) runs once they show. Run as ``desk`` runs, in a process of
its own (the collector is the process's)."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

from desk.domain.calendar import OFFICE_TZ, WorkingCalendar
from desk.domain.formats import count_text
from desk.domain.status import RUNNING_STATUSES
from desk.services import demo
from tests.fresh_process import RUN_WATCHED_DESK, run_script

DESK = (
    """
import gc, json, sys
from PySide6.QtCore import QTimer
from desk.domain.calendar import now_in_office

seen = {"windows": []}


def collector():  # Python's own collection, or the desk's on the GUI thread, paused or not
    if gc.isenabled():
        return "python"
    return "paused" if started[0].collector.paused else "gui thread"


def tiles(window):
    return {key: label.text() for key, label in window.today.values.items()}


def shown(dialog):
    seen["collector_at_sign_in"] = collector()
    sign_in(dialog)


def window_opened(_desk, window):
    seen["collector_at_window"] = collector()
    seen["tiles_at_window"] = tiles(window)
    seen["from"] = now_in_office().isoformat()

    def figures(_figures):
        seen["to"] = now_in_office().isoformat()
        seen["tiles"] = tiles(window)
        # The pause ends in a slot after this one: look once the loop turned.
        QTimer.singleShot(0, lambda: (seen.update(collector=collector()), window.close()))

    window.counts_shown.connect(figures)


seen["collector_before"] = gc.isenabled()
"""
    + RUN_WATCHED_DESK
    + """
seen["collector_after"] = gc.isenabled()
print(json.dumps(seen))
"""
)


def _utc(moment: datetime) -> str:
    """An instant as the SQLite office stores it (UTC, naive, microseconds)."""
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def _sql_figures(database: Path, now: datetime) -> dict[str, int]:
    """The today panel's figures counted straight on the file, as a clerk would check."""
    day = now.astimezone(OFFICE_TZ).date()
    start = datetime.combine(day, datetime.min.time(), tzinfo=OFFICE_TZ)
    next_day = WorkingCalendar().next_working_day(day)
    due_until = datetime.combine(next_day + timedelta(days=1), datetime.min.time(), OFFICE_TZ)
    running = ",".join(str(int(s)) for s in RUNNING_STATUSES)
    with sqlite3.connect(database) as db:

        def count(sql: str, *values: str) -> int:
            return int(db.execute(sql, values).fetchone()[0])

        day_from, day_to = _utc(start), _utc(start + timedelta(days=1))
        return {
            "received": count(
                "SELECT count(*) FROM dossiers WHERE received_at >= ? AND received_at < ?",
                day_from,
                day_to,
            ),
            "returned": count(
                "SELECT count(*) FROM dossiers WHERE returned_at >= ? AND returned_at < ?",
                day_from,
                day_to,
            ),
            "overdue": count(
                f"SELECT count(*) FROM dossiers WHERE status IN ({running}) AND due_at < ?",
                _utc(now),
            ),
            "due_soon": count(
                f"SELECT count(*) FROM dossiers WHERE status IN ({running})"
                " AND due_at >= ? AND due_at < ?",
                _utc(now),
                _utc(due_until),
            ),
            "waiting_for_sync": count("SELECT count(*) FROM outbox"),
        }


def test_the_tiles_wait_then_show_the_counts_sql_gives_and_the_collector_is_back(ctx) -> None:
    demo.add_demo_dossiers(ctx, 120, seed=3)
    data = ctx.config.data_dir
    ctx.close()
    seen = run_script(DESK, data=data)
    assert seen["collector_before"] is True
    assert seen["collector_at_sign_in"] == "paused"  # for the start
    assert seen["collector_at_window"] == "paused"
    assert set(seen["tiles_at_window"].values()) == {"…"}
    assert seen["collector"] == "gui thread"  # on again once the figures show
    assert seen["collector_after"] is True  # Python's own once the desk is over
    assert seen["code"] == 0
    # Counted between the window's opening and its figures: a dossier due in that second
    # could move from "due soon" to "overdue"; the demo's due times are on the hour.
    counted = datetime.fromisoformat(seen["from"])
    assert datetime.fromisoformat(seen["to"]) - counted < timedelta(minutes=1)
    expected = _sql_figures(data / "office.sqlite", counted)
    assert seen["tiles"] == {key: count_text(value) for key, value in expected.items()}
    assert any(expected.values())  # the demo gave the tiles something to count
