"""Slow work off the GUI thread, reported back on it; and the one signal every screen
listens to when a dossier changed.

    Operation(lambda: dossiers.get_dossier(ctx, code), owner=self)
        .on_success(self.show_dossier)
        .on_failure(self._on_failed)
        .start()

``owner`` (a widget) is disabled while the operation runs and may not start a second one
meanwhile (``Operation.busy(owner)``), so views need no ``_busy`` flag of their own. Work
that reports progress or can be cancelled takes a ``Progress`` argument:

    Operation.with_progress(lambda progress: run(..., progress.report, progress.cancelled))

After a change of a dossier, a view calls ``desk_signals().dossier_changed.emit(dossier)``
and every screen that shows dossiers refreshes itself from that one signal (Anki's
``operation_did_execute`` hook, in Qt's terms).
"""

from __future__ import annotations

import contextlib
import functools
import logging
import threading
from collections.abc import Callable
from typing import Any, ClassVar

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, Signal
from PySide6.QtWidgets import QWidget

log = logging.getLogger(__name__)


class DeskSignals(QObject):
    """What happened in the desk, for every screen to hear."""

    dossier_changed = Signal(object)  # the Dossier after the change (received, moved, …)


_signals: DeskSignals | None = None


def desk_signals() -> DeskSignals:
    """The desk's signal hub, created on first use (on the GUI thread)."""
    global _signals
    if _signals is None:
        _signals = DeskSignals()
    return _signals


class Progress:
    """Handed to work that reports progress; ``cancel()`` is asked from the GUI thread."""

    def __init__(self, emit: Callable[[object], None]):
        self._emit = emit
        self._cancelled = threading.Event()

    def report(self, value: object) -> None:
        self._emit(value)

    def cancel(self) -> None:
        self._cancelled.set()

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(object)
    progress = Signal(object)


Handler = Callable[[Any], None]


class Operation(QRunnable):
    """Work for the thread pool, reported back on the GUI thread.

    The outcome arrives as one queued call that first frees the owner, then runs the
    handlers in the order they were given; the operation counts as running
    (``Operation.running()``) until its handlers have run. Then it lets go, on the GUI
    thread, of what it held: the work, the handlers, the owner, the progress.

    PySide keeps a ``QRunnable`` the pool does not delete alive for the rest of the
    process, so every operation of a session was kept with all it held (~2.9 KB each,
    besides the screens its handlers reached); what stays now is the bare operation
    (~0.9 KB).
    It stays on purpose: given to the pool as its bound ``run`` instead, an operation
    was freed on the pool's thread once ``run`` returned there, Qt's wrappers with it,
    which crashed the process in one run of eight (a bus error, a bad ``free``).
    """

    # Operations stay referenced here until they report.
    _running: ClassVar[set[Operation]] = set()
    _owners: ClassVar[set[int]] = set()

    def __init__(self, work: Callable[[], Any], *, owner: QWidget | None = None):
        super().__init__()
        self.setAutoDelete(False)  # Python's, not the pool's: see the class
        self._work: Callable[[Progress], Any] = lambda _progress: work()
        self.owner = owner
        # The last Python reference to an operation may go in the pool thread (PySide holds
        # the operation while ``run`` returns there). The signal object lives on the GUI
        # thread and must be destroyed there: the application owns it, and it is deleted
        # with deleteLater once the outcome was reported — never by Python's reference
        # count, in whichever thread that reaches zero.
        self.signals = _Signals(QCoreApplication.instance())
        self.progress = Progress(self.signals.progress.emit)
        self._owns = False
        self._success: list[Handler] = []
        self._failure: list[Handler] = []
        self._progress: list[Handler] = []
        # The signal object lives on the GUI thread: these calls are queued there.
        self.signals.done.connect(self._report_done)
        self.signals.failed.connect(self._report_failed)
        self.signals.progress.connect(self._report_progress)

    @classmethod
    def with_progress(
        cls, work: Callable[[Progress], Any], *, owner: QWidget | None = None
    ) -> Operation:
        operation = cls(lambda: None, owner=owner)
        operation._work = work
        return operation

    @classmethod
    def busy(cls, owner: QWidget) -> bool:
        """An operation of this owner is running."""
        return id(owner) in cls._owners

    @classmethod
    def running(cls) -> bool:
        """Some operation has not reported yet (its handlers have not all run)."""
        return bool(cls._running)

    def on_success(self, handler: Handler) -> Operation:
        self._success.append(handler)
        return self

    def on_failure(self, handler: Handler) -> Operation:
        self._failure.append(handler)
        return self

    def on_progress(self, handler: Handler) -> Operation:
        self._progress.append(handler)
        return self

    def cancel(self) -> None:
        self.progress.cancel()

    def start(self) -> bool:
        """Start in the thread pool; False (and nothing runs) when the owner is busy."""
        if self.owner is not None:
            if Operation.busy(self.owner):
                return False
            Operation._owners.add(id(self.owner))
            self._owns = True
            self.owner.setEnabled(False)
        Operation._running.add(self)
        QThreadPool.globalInstance().start(self)
        return True

    def run(self) -> None:
        try:
            try:
                result = self._work(self.progress)
            except Exception as error:  # reported to the GUI, which decides what to show
                self.signals.failed.emit(error)
            else:
                self.signals.done.emit(result)
        except RuntimeError:  # the application is shutting down: nobody to report to
            log.debug("operation finished after its receiver was deleted")

    # --- on the GUI thread ------------------------------------------------------------

    def _report_done(self, result: object) -> None:
        self._report(self._success, result)

    def _report_failed(self, error: object) -> None:
        if not self._failure:
            log.warning("operation failed: %s", error_message(error))
        self._report(self._failure, error)

    def _report_progress(self, value: object) -> None:
        for handler in self._progress:
            if self._reachable(handler):
                handler(value)

    def _report(self, handlers: list[Handler], value: object) -> None:
        # The owner is enabled again before the handlers run, so a handler may start the
        # owner's next operation.
        self._release_owner()
        try:
            for handler in handlers:
                if self._reachable(handler):
                    handler(value)
        finally:
            Operation._running.discard(self)
            self.signals.deleteLater()  # done or failed was its last signal
            self._let_go()

    def _let_go(self) -> None:
        """What the operation held, dropped here on the GUI thread (see the class)."""
        self._work = _nothing
        self._success = []
        self._failure = []
        self._progress = []
        self.owner = None
        self.progress = _REPORTED  # its own event and signal: 1.3 KB an operation

    def _reachable(self, handler: Handler) -> bool:
        """False when the handler's screen was deleted meanwhile (a window closed while
        its operation ran): a method (or partial) of a deleted QObject, or any handler of
        an operation whose owner was deleted."""
        if self.owner is not None and not shiboken6.isValid(self.owner):
            return False
        function = handler.func if isinstance(handler, functools.partial) else handler
        target = getattr(function, "__self__", None)
        return not isinstance(target, QObject) or shiboken6.isValid(target)

    def _release_owner(self) -> None:
        if self.owner is not None and self._owns:
            self._owns = False
            Operation._owners.discard(id(self.owner))
            with contextlib.suppress(RuntimeError):  # the owner was closed meanwhile
                self.owner.setEnabled(True)


def _nothing(_progress: Progress) -> None:
    return None


# The progress of every operation that reported: its work is over, nothing listens.
_REPORTED = Progress(lambda _value: None)


def wait_for_operations(timeout_ms: int = 5000) -> bool:
    """Let running operations finish (closing the window, tests)."""
    return QThreadPool.globalInstance().waitForDone(timeout_ms)


def error_message(error: object, fallback: str = "") -> str:
    """What the clerk reads about a failed operation: a DeskError's own Vietnamese
    message; for anything else (a bug) a plain sentence, the details going to the log."""
    from desk.errors import DeskError, DiskFull

    if isinstance(error, BaseException) and (disk_full := DiskFull.from_error(error)):
        return disk_full.message  # the machine's fault, not a bug
    if isinstance(error, DeskError):
        return error.message
    if isinstance(error, BaseException):
        log.error("operation failed", exc_info=(type(error), error, error.__traceback__))
    return fallback or QCoreApplication.translate(
        "Operation", "Có lỗi ngoài dự kiến; chi tiết đã được ghi vào nhật ký của máy."
    )
