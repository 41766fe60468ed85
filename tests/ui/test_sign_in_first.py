"""The desk shows its sign-in before the ORM and the models are loaded, signs in and shows
the window's first figures on Core connections (the ORM and the models load with the
window's later code, after those figures), and signing in from that first dialog still
opens the window. Run as ``desk`` runs, in a process of its own: this test process (and
any test before it in the same worker) has long imported everything, so nothing here
reads this process's modules."""

from __future__ import annotations

from tests.fresh_process import RUN_WATCHED_DESK, run_script

# run_desk as the command line calls it, with a clerk who types at once: what is loaded
# when the dialog shows, then the window that signing in opens, then the window closed.
DESK = (
    """
import json, sys, threading, traceback

# Who imports the ORM and the models first: the window's later code, nothing before it.
first_import = {}


class Watch:
    def find_spec(self, name, path=None, target=None):
        if name in ("sqlalchemy.orm", "desk.store.models") and name not in first_import:
            stack = traceback.extract_stack()
            first_import[name] = any(f.name == "load" and f.filename.endswith("later_code.py")
                                     for f in stack)
        return None


sys.meta_path.insert(0, Watch())
from desk.ui import later_code

seen = {}
later_loaded = threading.Event()
load_later_code = later_code.load


def load_watched():
    seen["orm_before_later_code"] = "sqlalchemy.orm" in sys.modules
    try:
        load_later_code()
    finally:
        later_loaded.set()


later_code.load = load_watched


def shown(dialog):
    seen["orm"] = "sqlalchemy.orm" in sys.modules
    seen["models"] = "desk.store.models" in sys.modules
    seen["office_shown"] = dialog.unit.text()
    sign_in(dialog, sys.argv[1])  # before the office is open: it waits for it
    # ... and argon2 checks the password meanwhile, against the file's hash.
    seen["checked_ahead"] = "desk.services.auth_check" in sys.modules


def window_opened(desk, window):
    from PySide6.QtCore import QTimer

    seen["office_shown"] = desk.session.sign_in.unit.text() if desk.session.sign_in else ""
    seen["window_user"] = window.user.username
    # The backup code (cryptography) loads after the first figures, not with the window.
    seen["backup_code"] = "desk.services.backup" in sys.modules
    # A SQLite office loads none of SQLAlchemy's PostgreSQL dialects (asyncpg…).
    seen["postgres_dialects"] = "sqlalchemy.dialects.postgresql" in sys.modules
    # Nor the list's search code: it loads after the first figures too.
    seen["search_code"] = "desk.store.search" in sys.modules
    # Closed once the later code has loaded (it starts after the first figures).
    poll = QTimer(window)
    poll.timeout.connect(lambda: later_loaded.is_set() and window.close())
    poll.start(10)
"""
    + RUN_WATCHED_DESK
    + """
seen["first_import_by_later_code"] = first_import
print(json.dumps(seen))
"""
)


def test_the_sign_in_shows_before_the_models_and_signing_in_opens_the_window(ctx) -> None:
    data = ctx.config.data_dir
    unit = ctx.office.unit_name
    ctx.close()
    seen = run_script(DESK, "canbo1-demo", data=data)
    assert seen["orm"] is False and seen["models"] is False
    assert seen["checked_ahead"] is True
    assert seen["window_user"] == "canbo1"
    assert seen["backup_code"] is False
    assert seen["postgres_dialects"] is False
    assert seen["search_code"] is False
    assert seen["office_shown"] == unit  # the office's name came once it was open
    assert seen["code"] == 0  # the window closed: the desk ends as it always did
    # Signing in and the first figures ran without the ORM: it came with the later code.
    assert seen["orm_before_later_code"] is False
    assert seen["first_import_by_later_code"] == {"sqlalchemy.orm": True, "desk.store.models": True}
