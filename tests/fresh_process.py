"""A script run by a fresh Python on this tree: what it imports is its own, not what this
test process (or any test before it in the same worker) has long imported."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def run_script(script: str, *args: str, data: Path) -> dict[str, Any]:
    """``script`` run with ``args`` on the office in ``data`` (Qt offscreen): the JSON of
    its last line of output; its standard error if it fails."""
    env = {
        **{k: v for k, v in os.environ.items() if k != "DESK_DATABASE_URL"},
        "DESK_DATA_DIR": str(data),
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHONPATH": str(ROOT),
    }
    done = subprocess.run(
        [sys.executable, "-c", script, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


# The end of a script that runs the desk as ``desk`` runs, watched. The script defines
# ``seen`` (a dict), ``shown(dialog)`` (the sign-in dialog on screen; ``sign_in(dialog)``
# signs in through it) and ``window_opened(desk, window)``; ``started`` holds the
# ``DeskStart``. The script prints ``seen`` after it, with ``seen["code"]`` the exit code.
RUN_WATCHED_DESK = """
from desk import app as _app

_begin = _app.DeskStart.begin
started = []


def sign_in(dialog, password="canbo1-demo"):
    dialog.username.setText("canbo1")
    dialog.password.setText(password)
    dialog.sign_in_button.click()


def _opened(desk):
    desk.session.window_opened.connect(lambda window: window_opened(desk, window))


def _begin_watched(self):
    started.append(self)
    self.sign_in_shown.connect(shown)
    self.opened.connect(_opened)
    _begin(self)


_app.DeskStart.begin = _begin_watched
seen["code"] = _app.run_desk()
"""
