"""The holidays library's Vietnam loaded alone (``desk.domain.holiday_library``): the
calendar's answers are the same as with the library's own import of all its countries."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

ANSWERS = """
import json, sys
if sys.argv[1] == "library":
    import holidays.countries  # the library's own way: every country
from datetime import date, timedelta
from desk.domain import calendar

working = calendar.WorkingCalendar()
out = {
    "working": [
        d.isoformat()
        for d in (date(2025, 1, 1) + timedelta(days=n) for n in range(1100))
        if working.is_working_day(d)
    ],
    "notice_through": calendar.library_notice_year(),
    "all_countries": "holidays.countries" in sys.modules,
}
for year in range(1995, 2061):
    out[str(year)] = [
        sorted((d.isoformat(), name) for d, name in calendar.vietnam_holidays(year).items()),
        sorted(d.isoformat() for d in calendar.vietnam_swapped_workdays(year)),
    ]
print(json.dumps(out, ensure_ascii=False, sort_keys=True))
"""


def _answers(way: str) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", ANSWERS, way],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    answers: dict[str, object] = json.loads(done.stdout)
    return answers


def test_vietnam_alone_gives_the_same_days_as_the_whole_library() -> None:
    alone, library = _answers("alone"), _answers("library")
    assert alone.pop("all_countries") is False  # the other countries were not imported
    assert library.pop("all_countries") is True
    assert alone["notice_through"] is not None
    assert alone == library
