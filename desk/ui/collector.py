"""The desk's policy for Python's cyclic garbage collector, and for its GIL.

A full collection (the oldest generation) walks every object of the process. Once the
desk has started that is mostly what the start loaded and keeps until the desk closes:
modules, SQLAlchemy's ORM and the models, Qt's wrappers of the window. Walking it stalled
the list's scrolling 100–240 ms (issue 16). Two measures:

- Once the main window is built, those objects are moved out of the collector's reach
  (``gc.freeze``): later collections walk only what came after — the list's rows, a
  dossier's screens. There is no ``gc.collect()`` first, because that walk (about 90 ms
  of CPU) would stall the window as it opens; measured on the bench's start, a
  collection at that moment finds nothing. The price: a cycle of garbage that exists at
  that moment is never freed.
- The full collections that remain (about 50 ms of CPU on a loaded 2-core machine) wait
  for a pause of the clerk's: Python would start one after every ``_PYTHON_FULL_EVERY``
  younger collections, wherever the clerk is; here it runs when that many have passed and
  nobody has typed, clicked or scrolled for ``IDLE_S`` seconds. If the desk is never idle
  that long, Python's own collection still runs, ``_BACKSTOP`` times less often, so
  memory stays bounded.

And one for the GIL: once the window is built, a thread of the pool running Python (a
page of the list read ahead, a search, sync) lets the GUI thread in after
``GIL_SWITCH_S`` (1 ms) instead of Python's 5 ms. The window's painting calls into
Python for each cell of the list, and every such call waited up to the whole interval
while the pool's Python ran: the 3–6 ms a read-ahead added to a repaint while the clerk
scrolled (issue 16). The pool's work pays a few more switches.
"""

from __future__ import annotations

import gc
import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer

if TYPE_CHECKING:
    from desk.ui.sign_in import IdleWatcher

IDLE_S = 2.0
_CHECK_MS = 1_000
_PYTHON_FULL_EVERY = 10  # Python's own third threshold
_BACKSTOP = 10
GIL_SWITCH_S = 0.001

_settled = False


def settle_after_start() -> None:
    """Called once the main window is built; later calls do nothing (a second window, a
    sign-in after a sign-out, a restore, must not freeze what the clerk's work left)."""
    global _settled
    if _settled:
        return
    _settled = True
    sys.setswitchinterval(GIL_SWITCH_S)
    gc.freeze()
    young, middle, _full = gc.get_threshold()
    gc.set_threshold(young, middle, _PYTHON_FULL_EVERY * _BACKSTOP)


class IdleCollector(QObject):
    """Runs the full collection the desk owes when the clerk pauses (see the module)."""

    def __init__(
        self,
        watcher: IdleWatcher,
        parent: QObject | None = None,
        *,
        idle_s: float = IDLE_S,
        check_ms: int = _CHECK_MS,
    ) -> None:
        super().__init__(parent)
        self._watcher = watcher
        self._idle_s = idle_s
        self.collections = 0  # how many it ran
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.collect_if_idle)
        self._timer.start(check_ms)

    def collect_if_idle(self) -> bool:
        """A full collection if one is owed and the clerk has paused; whether it ran."""
        owed = gc.get_count()[2] >= _PYTHON_FULL_EVERY
        if not owed or self._watcher.idle_for_s() < self._idle_s:
            return False
        gc.collect()
        self.collections += 1
        return True
