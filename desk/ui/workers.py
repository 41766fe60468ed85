"""Run slow work off the GUI thread and report back on it."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, ClassVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(object)


class Job(QRunnable):
    """``Job(fn).start(on_done, on_failed)``: fn runs in the pool; the callbacks run on the
    GUI thread (queued signal delivery to a QObject living there)."""

    # Jobs stay referenced here until they report: their signal object must be destroyed
    # on the GUI thread it lives in, not in the pool thread.
    _running: ClassVar[set[Job]] = set()

    def __init__(self, work: Callable[[], Any]):
        super().__init__()
        self.setAutoDelete(False)
        self.work = work
        self.signals = _Signals()

    def run(self) -> None:
        try:
            try:
                result = self.work()
            except Exception as error:  # reported to the GUI, which decides what to show
                self.signals.failed.emit(error)
            else:
                self.signals.done.emit(result)
        except RuntimeError:  # the application is shutting down: nobody to report to
            log.debug("job finished after its receiver was deleted")

    def start(
        self, on_done: Callable[[Any], None], on_failed: Callable[[Any], None] | None = None
    ) -> None:
        self.signals.done.connect(on_done)
        if on_failed is not None:
            self.signals.failed.connect(on_failed)
        self.signals.done.connect(self._finished)
        self.signals.failed.connect(self._finished)
        Job._running.add(self)
        QThreadPool.globalInstance().start(self)

    def _finished(self, _result: object) -> None:
        Job._running.discard(self)


def error_message(error: object, fallback: str = "") -> str:
    """What the clerk reads about a failed job: a DeskError's own Vietnamese message; for
    anything else (a bug) a plain sentence, the details going to the log."""
    from desk.errors import DeskError

    if isinstance(error, DeskError):
        return error.message
    if isinstance(error, BaseException):
        log.error("job failed", exc_info=(type(error), error, error.__traceback__))
    return fallback or "Có lỗi ngoài dự kiến; chi tiết đã được ghi vào nhật ký của máy."
