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

The search indexes' merging waits for the same pauses (``IdleIndexMerge``): since schema
0011 no receive merges FTS5's b-trees (``desk.store.search_index``).
"""

from __future__ import annotations

import gc
import logging
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer

from desk.ui.ops import Operation

if TYPE_CHECKING:
    from desk.services.context import DeskContext
    from desk.ui.sign_in import IdleWatcher

log = logging.getLogger(__name__)

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


def _merge_step(ctx: DeskContext) -> Callable[[], bool]:
    from desk.services.search import merge_search_index

    return lambda: merge_search_index(ctx)


class IdleIndexMerge(QObject):
    """Merges the search indexes when the clerk pauses: once nobody has typed, clicked
    or scrolled for ``IDLE_S`` seconds and the pool runs nothing else (the clerk's work
    goes first), one bounded step in the pool, then the next while the pause lasts,
    until a step finds nothing to merge. The clerk's next action makes it owe a look
    again (the receives since, this desk's or another's, added to the indexes)."""

    def __init__(
        self,
        watcher: IdleWatcher,
        ctx: DeskContext,
        parent: QObject | None = None,
        *,
        idle_s: float = IDLE_S,
        check_ms: int = _CHECK_MS,
        step: Callable[[], bool] | None = None,
    ) -> None:
        super().__init__(parent)
        self._watcher = watcher
        self._idle_s = idle_s
        self._ctx = ctx
        self._step = step  # the service's, imported at the first step (not with the window)
        self._merging = False  # a step is in the pool
        self._settled_at: float | None = None  # the clerk's last action when nothing was left
        self.steps = 0  # how many steps it ran
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.merge_if_idle)
        self._timer.start(check_ms)

    @property
    def settled(self) -> bool:
        """Nothing left to merge since the clerk's last action."""
        return self._settled_at == self._watcher.last_activity

    def merge_if_idle(self) -> bool:
        """Start a step if one is owed, the clerk has paused and the pool is free;
        whether it started."""
        if self._merging or self.settled or Operation.running():
            return False
        if self._watcher.idle_for_s() < self._idle_s:
            return False
        if self._step is None:  # here on the GUI thread: never two threads importing
            self._step = _merge_step(self._ctx)
        self._merging = True
        Operation(self._step).on_success(self._stepped).on_failure(self._failed).start()
        return True

    def _stepped(self, more: object) -> None:
        self._merging = False
        self.steps += 1
        if not more:
            self._settled_at = self._watcher.last_activity
            return
        # The next step at once if the pause lasts, once this one has left the pool's count.
        QTimer.singleShot(0, self.merge_if_idle)

    def _failed(self, error: object) -> None:
        # Another desk writing (busy), a full disk: tried again after the clerk's next
        # action, not every second; the clerk loses nothing, searches find the same.
        self._merging = False
        self._settled_at = self._watcher.last_activity
        log.info("search index merge step failed: %s", error)
