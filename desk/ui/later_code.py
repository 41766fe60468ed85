"""The main window's later code: what its first figures do not wait for (issue 16). It loads
in the pool once they show (``load``: the list, dossier and hand-back screens, the printing
code, the backups'), while the clerk looks at them; the GUI thread, before it imports any
of it itself (a screen or «Sao lưu» asked for in that second), waits for that load
(``wait``): never two threads importing the same modules at once. SQLAlchemy's ORM and
the desk's models load here too, with the list's search code: the start (the office, the
sign-in, the first figures) runs on Core connections without them."""

from __future__ import annotations

import threading

_loading = threading.Lock()


def load() -> None:  # in the pool; each package whole, never a submodule being run
    with _loading:
        import desk.printing
        import desk.services.printing
        import desk.ui.backup_dialog  # the backup service and cryptography with it
        import desk.ui.dossier_list  # the hidden screens: built once this is done
        import desk.ui.dossier_view
        import desk.ui.handback  # noqa: F401


def wait() -> None:
    """On the GUI thread: returns once no load is under way."""
    with _loading:
        pass
