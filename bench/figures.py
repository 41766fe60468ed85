"""The supervisor's figures and the periodic report on a large office: a month (target
≤ 1 s), a quarter, a year (≤ 5 s), by clerk and by procedure, the 12-month trend, the
watch list, and the report written as XLSX and as PDF.

    python -m bench.figures            # on the office in DESK_DATA_DIR (or the bench's own)

``make bench`` runs it on the 1,000,000-dossier office after the other figures.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.__main__ import DATA, percentiles

REPEAT = 5


def _timed(action: Callable[[], Any], repeat: int = REPEAT) -> dict[str, float]:
    action()  # a first run fills the page cache: the figures are of a desk in use
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        samples.append((time.perf_counter() - started) * 1000)
    return percentiles(samples)


def run(ctx: Any) -> dict[str, Any]:
    from sqlalchemy import func, select

    from desk.domain.calendar import now_in_office, to_office_time
    from desk.domain.figures import Grouping, Period
    from desk.services import figures, report
    from desk.store.models import DossierRow

    with ctx.db.read() as session:
        newest = session.execute(select(func.max(DossierRow.received_at))).scalar_one()
    last = to_office_time(newest).date()
    month = Period.month(last.year, last.month)
    # The newest whole month, so the figures count a full month's dossiers; the quarter it
    # is in; the twelve months up to it.
    months = month.months_before(13)
    previous, year = months[-2], Period(months[0].first_day, months[-2].last_day)
    first_of_quarter = previous.first_day.month - (previous.first_day.month - 1) % 3
    quarter = Period(
        Period.month(previous.first_day.year, first_of_quarter).first_day,
        Period.month(previous.first_day.year, first_of_quarter + 2).last_day,
    )
    now = now_in_office()
    results: dict[str, Any] = {
        "month": previous.label,
        "year": year.label,
        "month_office": _timed(lambda: figures.period_figures(ctx, previous, now=now)),
        "month_by_clerk": _timed(
            lambda: figures.period_figures(ctx, previous, Grouping.CLERK, now=now)
        ),
        "month_by_procedure": _timed(
            lambda: figures.period_figures(ctx, previous, Grouping.PROCEDURE, now=now)
        ),
        "this_month_so_far": _timed(lambda: figures.period_figures(ctx, month, now=now)),
        "quarter_office": _timed(lambda: figures.period_figures(ctx, quarter, now=now)),
        "year_office": _timed(lambda: figures.period_figures(ctx, year, now=now), 3),
        "year_by_procedure": _timed(
            lambda: figures.period_figures(ctx, year, Grouping.PROCEDURE, now=now), 3
        ),
        "trend_12_months": _timed(lambda: figures.monthly_trend(ctx, month, now=now)),
        "watch_list": _timed(lambda: figures.watch_list(ctx, now=now)),
    }
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        results["report_month_xlsx"] = _timed(
            lambda: report.write_report(ctx, previous, Grouping.PROCEDURE, out / "month.xlsx"), 3
        )
        results["report_month_pdf"] = _timed(
            lambda: report.write_report(ctx, previous, Grouping.PROCEDURE, out / "month.pdf"), 3
        )
        results["report_year_xlsx"] = _timed(
            lambda: report.write_report(ctx, year, Grouping.PROCEDURE, out / "year.xlsx"), 1
        )
    office = figures.period_figures(ctx, previous, now=now).office
    results["month_counted"] = {
        "received": office.received,
        "finished": office.finished,
        "running": office.running,
        "on_time_rate": str(office.on_time_rate),
    }
    return results


def main() -> int:
    directory = Path(os.environ.get("DESK_DATA_DIR") or DATA / "office-1000000")
    os.environ["DESK_DATA_DIR"] = str(directory)
    from desk.services import demo
    from desk.services.context import DeskContext

    ctx = DeskContext.open()
    try:
        ctx.act_as(demo.demo_account(ctx, "lanhdao"))  # a supervisor's figures
        results = run(ctx)
    finally:
        ctx.close()
    DATA.mkdir(exist_ok=True)
    (DATA / "figures.json").write_text(json.dumps(results, ensure_ascii=False, indent=2))
    print(json.dumps(results, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
