"""The supervisor's screen «Số liệu của tháng» on an office database, offscreen.

``python -m bench --only supervisor`` (the office in DESK_DATA_DIR, else the bench's own
``bench-data/office-1000000``), or alone: ``python -m bench.supervisor DATA_DIR``.

Each run is a fresh process: the main window signed in as the demo supervisor (``lanhdao``,
``lanhdao-demo``), left until its own start-up work is done, then «Số liệu của tháng»
clicked. Figures (medians over the runs, and every run):

- ``open_ms``: from the click until the screen's first paint: the first opening of the
  process, which loads the screen's code and Qt Charts. Target ≤ 300 ms.
- ``filled_ms``: from the click until every figure of this month is on the screen (the
  month's figures by clerk, the 12-month trend, the dossiers to watch); also
  ``month_shown_ms`` (the rates, the clerks and the indicators in) and ``watch_shown_ms``
  (the dossiers to watch in).
- ``reopen_ms``: back to «Hôm nay» and again to the screen (it is kept).
- ``previous_month_filled_ms``: «‹ Tháng trước» until that month is all in.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

RUNS = 5
USER, PASSWORD = "lanhdao", "lanhdao-demo"
TIMEOUT_S = 120.0


def child(database_dir: str) -> None:
    """One run, in a fresh process: prints its figures as JSON."""
    os.environ["DESK_DATA_DIR"] = database_dir
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEvent, QObject

    from desk.app import prepare_application
    from desk.services import auth
    from desk.services.context import DeskContext
    from desk.ui.main_window import MainWindow
    from desk.ui.ops import Operation

    app = prepare_application()
    ctx = DeskContext.open()
    window = MainWindow(ctx, auth.authenticate(ctx, USER, PASSWORD), idle_ms=0)
    window.resize(1366, 768)
    window.show()

    def until(done: Any, what: str) -> None:
        end = time.perf_counter() + TIMEOUT_S
        while not done():
            if time.perf_counter() > end:
                raise TimeoutError(what)
            app.processEvents()
            time.sleep(0.0005)

    until(lambda: not Operation.running(), "the window's start-up work")
    settle = time.perf_counter() + 0.5
    until(lambda: time.perf_counter() > settle, "a moment")

    class Painted(QObject):
        at: float | None = None

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and self.at is None:
                self.at = time.perf_counter()
            return False

    filled: list[float] = []
    parts: dict[str, float] = {}
    started = time.perf_counter()
    screen = window.open_supervisor()
    assert screen is not None
    painted = Painted()
    screen.installEventFilter(painted)
    screen.all_shown.connect(lambda _period: filled.append(time.perf_counter()))
    screen.figures_shown.connect(lambda _f: parts.setdefault("month", time.perf_counter()))
    screen.watch_shown.connect(lambda _w: parts.setdefault("watch", time.perf_counter()))
    until(lambda: painted.at is not None, "the screen's first paint")
    open_ms = (painted.at or 0) - started
    until(lambda: bool(filled), "the month's figures")
    filled_ms = filled[0] - started
    first_click = started
    figures = {
        "on_time": screen.on_time_card.value.text(),
        "satisfaction": screen.satisfaction_card.value.text(),
        "overdue_rows": screen.overdue_model.rowCount(),
        "due_soon_rows": screen.due_soon_model.rowCount(),
        "clerks": screen.clerk_model.rowCount(),
        "trend_months": len(screen.trend.months()),
    }

    window.show_today()
    until(lambda: not Operation.running(), "today's figures")
    painted.at = None
    started = time.perf_counter()
    window.open_supervisor()
    until(lambda: painted.at is not None, "the screen's paint")
    reopen_ms = (painted.at or 0) - started
    until(lambda: not screen.loading, "the screen's figures")

    filled.clear()
    started = time.perf_counter()
    screen.previous_button.click()
    until(lambda: bool(filled), "the previous month's figures")
    previous_ms = filled[0] - started

    print(
        json.dumps(
            {
                "open_ms": round(open_ms * 1000, 1),
                "filled_ms": round(filled_ms * 1000, 1),
                "month_shown_ms": round((parts["month"] - first_click) * 1000, 1),
                "watch_shown_ms": round((parts["watch"] - first_click) * 1000, 1),
                "reopen_ms": round(reopen_ms * 1000, 1),
                "previous_month_filled_ms": round(previous_ms * 1000, 1),
                "shown": figures,
            },
            ensure_ascii=False,
        )
    )
    window.close()
    ctx.close()


def run(database_dir: str | Path, runs: int = RUNS) -> dict[str, Any]:
    samples = []
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-m", "bench.supervisor", "--child", str(database_dir)],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        ).stdout
        samples.append(json.loads(out.strip().splitlines()[-1]))
    results: dict[str, Any] = {"database_dir": str(database_dir), "runs": runs}
    keys = ("open_ms", "month_shown_ms", "watch_shown_ms", "filled_ms", "reopen_ms")
    for key in (*keys, "previous_month_filled_ms"):
        values = [sample[key] for sample in samples]
        results[key] = round(statistics.median(values), 1)
        results[f"{key}_runs"] = values
    results["open_target_ms"] = 300
    results["shown"] = samples[-1]["shown"]
    return results


def summary(results: dict[str, Any]) -> str:
    return (
        f"«Số liệu của tháng» on {results['database_dir']} (median of {results['runs']} "
        f"fresh processes): shown {results['open_ms']} ms (target ≤ 300), the dossiers to "
        f"watch in {results['watch_shown_ms']} ms, the month's rates and clerks in "
        f"{results['month_shown_ms']} ms, all figures (the trend last) in "
        f"{results['filled_ms']} ms; opened again {results['reopen_ms']} ms; the previous "
        f"month {results['previous_month_filled_ms']} ms; on screen {results['shown']}"
    )


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--child":
        child(sys.argv[2])
    else:
        found = run(sys.argv[1] if len(sys.argv) > 1 else os.environ["DESK_DATA_DIR"])
        print(json.dumps(found, ensure_ascii=False, indent=2))
        print(summary(found))
