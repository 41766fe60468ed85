"""The desk's policy for Python's cyclic garbage collector, and for its GIL.

Every collection runs on the GUI thread. Python starts a collection on whichever thread
passes its threshold, and in the desk that is most often a thread of the pool (a sync, a
page of the list read ahead). A cycle of garbage that holds a Qt wrapper (a dialog closed
and dropped whose slots reach back to it) was then freed there: a widget deleted off the
GUI thread, which crashes Qt (a CI worker died so in the sync panel's tests, issue 16).
So Python's automatic collection is off for the desk's life, and ``GuiThreadCollector``
runs the collections Python's thresholds say are due, from a timer of the GUI thread
(every ``YOUNG_CHECK_MS``). The pool's garbage waits that long at most.

It is paused while the desk starts: the start's imports (Qt's, SQLAlchemy's, the models',
the window's) made ~250 collections that found next to nothing (under 200 objects of
garbage), 0.25–0.3 s of CPU with two walks of everything loaded, on the way to the first
usable window. The pause ends with the first window's figures on screen, or
``START_LIMIT_MS`` after that window opened, or when the start ends otherwise (a fault,
the sign-in given up, a restore).

A full collection (the oldest generation) walks every object of the process. Once the
desk has started that is mostly what the start loaded and keeps until the desk closes:
modules, SQLAlchemy's ORM and the models, Qt's wrappers of the window. Walking it stalled
the list's scrolling 100–240 ms (issue 16). Two measures:

- Once the main window is built, and again once the code it loads after its figures is
  in, those objects are moved out of the collector's reach (``gc.freeze``): later
  collections walk only what came after — the list's rows, a dossier's screens. There
  is no ``gc.collect()`` first, because that walk (about 90 ms of CPU) would stall the
  window as it opens; measured on the bench's start, a collection at that moment finds
  nothing. The price: a cycle of garbage that exists at that moment is never freed.
- The full collections that remain (about 50 ms of CPU on a loaded 2-core machine) wait
  for a pause of the clerk's: Python would start one after every ``_PYTHON_FULL_EVERY``
  younger collections, wherever the clerk is; here it runs when that many have passed and
  nobody has typed, clicked or scrolled for ``IDLE_S`` seconds. If the desk is never idle
  that long, the full collection still comes, ``_BACKSTOP`` times less often, so memory
  stays bounded.

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
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer

from desk.ui.ops import Operation

if TYPE_CHECKING:
    from desk.services.context import DeskContext
    from desk.ui.sign_in import IdleWatcher

log = logging.getLogger(__name__)

IDLE_S = 2.0
YOUNG_CHECK_MS = 20
# The window's first figures may never come (their error is shown in the today panel):
# the start's pause ends this long after the window opened, at the latest.
START_LIMIT_MS = 10_000
_CHECK_MS = 1_000
_PYTHON_FULL_EVERY = 10  # Python's own third threshold
_BACKSTOP = 10
GIL_SWITCH_S = 0.001

_frozen: set[str] = set()  # the start's steps already frozen


def _freeze_once(step: str) -> bool:
    if step in _frozen:
        return False
    _frozen.add(step)
    gc.freeze()
    return True


def settle_after_start() -> None:
    """Called once the main window is built; later calls do nothing (a second window, a
    sign-in after a sign-out, a restore, must not freeze what the clerk's work left)."""
    if not _freeze_once("window"):
        return
    sys.setswitchinterval(GIL_SWITCH_S)
    young, middle, _full = gc.get_threshold()
    gc.set_threshold(young, middle, _PYTHON_FULL_EVERY * _BACKSTOP)


def settle_later_code(*_args: object) -> None:
    """Called once the code the first window loads after its figures (the hidden screens',
    the printing's) is in; later calls do nothing. That code is the start's too, and lives
    as long: left to the collector, its ~130,000 objects were walked by a young and then a
    middle collection on the GUI thread, 15–25 ms each, in the clerk's first scroll."""
    _freeze_once("later code")


def govern(window: Any) -> None:
    """The policy for a main window of the desk (``desk.app``; the scroll bench too): the
    start frozen in its two steps, the full collections owed in the clerk's pauses."""
    settle_after_start()  # what the start loaded, out of the collector's full walks
    window.later_code_loaded.connect(settle_later_code)
    IdleCollector(window.idle, window)  # the rest when the clerk pauses (window-owned)


class GuiThreadCollector(QObject):
    """Python's automatic collection off, and the collections its thresholds say are due
    run here, on the GUI thread (see the module). One for the desk's life, paused while
    it starts; ``give_back`` hands collecting back to Python when the desk's Qt life ends.
    A collector already off when it was made (a test's, a command's) is left off."""

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        paused: bool = False,
        check_ms: int = YOUNG_CHECK_MS,
    ) -> None:
        super().__init__(parent)
        self.owned = gc.isenabled()
        gc.disable()
        self.paused = paused
        self.collections = [0, 0, 0]  # how many it ran, by generation
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.collect_due)
        self._timer.start(check_ms)

    def collect_due(self) -> int | None:
        """The oldest generation whose count passed its threshold, collected; None if
        none is due (or paused, or not ours)."""
        if self.paused or not self.owned:
            return None
        counts, thresholds = gc.get_count(), gc.get_threshold()
        for generation in (2, 1, 0):
            if counts[generation] >= thresholds[generation]:
                gc.collect(generation)
                self.collections[generation] += 1
                return generation
        return None

    def resume(self, *_args: object) -> None:
        """The start is over: collections from now on."""
        self.paused = False

    def resume_with_first_figures(self, window: Any) -> None:
        """``window`` opened: the pause ends once its figures show."""
        if not self.paused:
            return  # a later window (a sign-in after a sign-out)
        counts_shown = getattr(window, "counts_shown", None)
        if counts_shown is not None:
            counts_shown.connect(self.resume)
        QTimer.singleShot(START_LIMIT_MS, self, self.resume)

    def give_back(self) -> None:
        """Python's own collection again, on any thread: no Qt is left to protect."""
        self._timer.stop()
        self.paused = False
        if self.owned:
            self.owned = False
            gc.enable()


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
