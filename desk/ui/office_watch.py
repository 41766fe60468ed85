"""The office watch: what the other desks of the office receive and change shows on this
desk's screens within a second, without the clerk pressing «Làm mới».

A thread of its own (not the operations' pool: it runs as long as the window) asks
``desk.services.office_watch.changes_since`` every half second — one index probe; why a
poll and not LISTEN/NOTIFY, and what it costs, is said there. What another desk changed
is announced on the GUI thread through the signal every screen already listens to,
``desk_signals().dossier_changed``, once per poll whatever the number of dossiers, with
an ``OfficeChanges`` (its ``code`` is the dossier when there is only one, so the open
dossier's view reads itself again only when it is the one). The list reads its rows
again keeping the clerk's selection and scroll position (``DossierTableModel.refresh``).

This desk's own changes were announced when they were made: the watch notes the revision
each announcement carried and leaves those out. An own change whose announcement is still
on its way (its operation has committed but its handlers have not run yet) is waited for
while operations are running, up to ``SETTLE_LIMIT_MS``, so a screen never reloads twice
for one change.

A lost database is said once in the window's banner (the environment fault's own
message), retried quietly every ``RETRY_SECONDS``, and said again only after it came back
and was lost again. The thread stops when the window closes (``watch_office``).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from desk.services import office_watch
from desk.services.context import DeskContext
from desk.services.office_watch import POLL_SECONDS, RETRY_SECONDS, OfficeChanges
from desk.ui.ops import Operation, desk_signals, error_message

log = logging.getLogger(__name__)

SETTLE_MS = 50  # while an operation of this desk may still announce the same change
SETTLE_LIMIT_MS = 1000
STOP_WAIT_S = 2.0
OWN_REMEMBERED = 500  # the last changes made here, by code


class OfficeWatch(QObject):
    """Polls in its own thread from ``start()`` to ``stop()``. ``mark`` and ``changes``
    (the services' ``office_mark`` and ``changes_since`` by default) may be injected."""

    changes_seen = Signal(object)  # OfficeChanges of other desks, as announced
    notice = Signal(str, bool)  # for the window's banner: text, ok

    _polled = Signal(object)  # from the thread: OfficeChanges
    _lost = Signal(object)  # from the thread: the error
    _back = Signal()

    def __init__(
        self,
        ctx: DeskContext,
        parent: QObject | None = None,
        *,
        poll_s: float = POLL_SECONDS,
        retry_s: float = RETRY_SECONDS,
        mark: Callable[[], int] | None = None,
        changes: Callable[[int], OfficeChanges] | None = None,
    ):
        super().__init__(parent)
        self._read_mark = mark or (lambda: office_watch.office_mark(ctx))
        self._read_changes = changes or (lambda since: office_watch.changes_since(ctx, since))
        self._poll_s, self._retry_s = poll_s, retry_s
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._own: dict[str, int] = {}
        self._pending: OfficeChanges | None = None
        self._waited_ms = 0
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(SETTLE_MS)
        self._settle.timeout.connect(self._deliver)
        self._polled.connect(self._on_polled)
        self._lost.connect(self._on_lost)
        self._back.connect(self._on_back)
        desk_signals().dossier_changed.connect(self._on_announced)

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> None:
        if self._thread is not None:
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="office-watch", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Stop polling (the window closes); a poll under way is waited for a moment."""
        self._stop.set()
        thread, self._thread = self._thread, None
        if thread is not None:
            thread.join(STOP_WAIT_S)
        self._settle.stop()
        self._pending = None

    # --- in the thread ------------------------------------------------------------------

    def _run(self) -> None:
        mark: int | None = None
        lost = False
        wait = 0.0
        while not self._stop.wait(wait):
            changes: OfficeChanges | None = None
            try:
                if mark is None:
                    mark = self._read_mark()
                else:
                    changes = self._read_changes(mark)
                    mark = changes.mark
            except Exception as error:  # the database went away: said once, tried again
                if not lost:
                    lost = True
                    self._send(self._lost, error)
                wait = self._retry_s
                continue
            if lost:  # said before the news it brings
                lost = False
                self._send(self._back)
            if changes:
                self._send(self._polled, changes)
            wait = self._poll_s

    def _send(self, signal: Any, *args: object) -> None:
        try:
            signal.emit(*args)
        except RuntimeError:  # the window is gone: nobody to tell
            self._stop.set()

    # --- on the GUI thread --------------------------------------------------------------

    def _on_announced(self, changed: object) -> None:
        """A change announced by this desk's screens: remembered, not announced again."""
        if isinstance(changed, OfficeChanges):
            return
        code, revision = getattr(changed, "code", None), getattr(changed, "revision", None)
        if code is None or not isinstance(revision, int):
            return
        self._own.pop(str(code), None)
        self._own[str(code)] = revision
        if len(self._own) > OWN_REMEMBERED:
            self._own.pop(next(iter(self._own)))

    def _on_polled(self, changes: OfficeChanges) -> None:
        news = changes.others(self._own)
        if not news or self._stop.is_set():
            return
        self._pending = news if self._pending is None else self._pending.then(news)
        if not self._settle.isActive():
            self._waited_ms = 0
            self._deliver()

    def _deliver(self) -> None:
        if self._pending is None:
            return
        if Operation.running() and self._waited_ms < SETTLE_LIMIT_MS:
            self._waited_ms += SETTLE_MS
            self._settle.start()
            return
        news, self._pending = self._pending.others(self._own), None
        if news:
            self.changes_seen.emit(news)
            desk_signals().dossier_changed.emit(news)

    def _on_lost(self, error: object) -> None:
        log.warning("office watch: the database cannot be read: %s", error)
        self.notice.emit(
            self.tr(
                "Chưa cập nhật được hồ sơ do các máy khác nhập: {reason} Phần mềm sẽ tự thử lại."
            ).format(reason=error_message(error)),
            False,
        )

    def _on_back(self) -> None:
        self.notice.emit(self.tr("Đã kết nối lại cơ sở dữ liệu."), True)


def watch_office(window: Any) -> OfficeWatch:
    """Start the watch for a main window: its notices go to the window's banner, and it
    stops when the window closes."""
    watch = OfficeWatch(window.ctx, window)
    watch.notice.connect(lambda text, ok: window.show_banner(text, ok=ok))
    window.closed.connect(watch.stop)
    window.office_watch = watch  # a restore stops it while the file is replaced
    watch.start()
    return watch
