"""The desk shows its sign-in before the ORM and the models are loaded (they load while the
clerk types), and signing in from that first dialog still opens the window. Run as
``desk`` runs, in a process of its own: this test process has long imported everything."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# run_desk as the command line calls it, with a clerk who types at once: what is loaded
# when the dialog shows, then the window that signing in opens, then the window closed.
DESK = """
import json, sys
from desk import app

seen = {}
begin = app.DeskStart.begin


def shown(dialog):
    seen["orm"] = "sqlalchemy.orm" in sys.modules
    seen["models"] = "desk.store.models" in sys.modules
    seen["office_shown"] = dialog.unit.text()
    dialog.username.setText("canbo1")
    dialog.password.setText(sys.argv[1])
    dialog.sign_in_button.click()  # before the office is open: it waits for it
    # ... and argon2 checks the password meanwhile, against the file's hash.
    seen["checked_ahead"] = "desk.services.auth_check" in sys.modules


def opened(desk):
    def window_opened(window):
        seen["office_shown"] = desk.session.sign_in.unit.text() if desk.session.sign_in else ""
        seen["window_user"] = window.user.username
        # The backup code (cryptography) loads after the first figures, not with the window.
        seen["backup_code"] = "desk.services.backup" in sys.modules
        # A SQLite office loads none of SQLAlchemy's PostgreSQL dialects (asyncpg…).
        seen["postgres_dialects"] = "sqlalchemy.dialects.postgresql" in sys.modules
        # Nor the list's search code: it loads after the first figures too.
        seen["search_code"] = "desk.store.search" in sys.modules
        window.close()

    desk.session.window_opened.connect(window_opened)


def begin_watched(self):
    self.sign_in_shown.connect(shown)
    self.opened.connect(opened)
    begin(self)


app.DeskStart.begin = begin_watched
seen["code"] = app.run_desk()
print(json.dumps(seen))
"""


def _desk(data: Path, password: str) -> dict[str, object]:
    env = {
        **{k: v for k, v in os.environ.items() if k != "DESK_DATABASE_URL"},
        "DESK_DATA_DIR": str(data),
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHONPATH": str(ROOT),
    }
    done = subprocess.run(
        [sys.executable, "-c", DESK, password],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_the_sign_in_shows_before_the_models_and_signing_in_opens_the_window(ctx) -> None:
    data = ctx.config.data_dir
    unit = ctx.office.unit_name
    ctx.close()
    seen = _desk(data, "canbo1-demo")
    assert seen["orm"] is False and seen["models"] is False
    assert seen["checked_ahead"] is True
    assert seen["window_user"] == "canbo1"
    assert seen["backup_code"] is False
    assert seen["postgres_dialects"] is False
    assert seen["search_code"] is False
    assert seen["office_shown"] == unit  # the office's name came once it was open
    assert seen["code"] == 0  # the window closed: the desk ends as it always did
