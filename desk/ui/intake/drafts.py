"""The intake screen's drafts: saved while the clerk types, offered back after a restart.

``DraftKeeper`` autosaves the intake on screen. A change starts a short pause
(``AUTOSAVE_MS``); steady typing is saved at least every ``AUTOSAVE_MAX_WAIT_S``. The
snapshot (what the screen holds) is taken on the GUI thread, and written (JSON, fsync,
rename: ``desk.services.drafts``) in the thread pool, one write at a time, the newest
snapshot replacing any that waits. The moments after which the input may be gone for good
write on the spot instead (``flush``): the screen being hidden or closed (the desk may
be quitting) and form 02 handed to the citizen (the screen promises the draft is kept).

Writes may finish out of order (a background write still running while ``flush`` writes
a newer snapshot): every snapshot carries a sequence number and one older than what is on
disk is skipped, so an old snapshot never replaces a newer one; and a removed draft is
never written again, so no late write brings back the draft of a recorded dossier.

``DraftOffer`` is the banner that offers unfinished intakes back.
"""

from __future__ import annotations

import copy
import itertools
import logging
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import shiboken6
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, QTimer, Signal
from PySide6.QtWidgets import QMenu, QWidget

from desk.domain.calendar import to_office_time
from desk.services.drafts import Draft, DraftError, DraftStore, new_draft_id
from desk.ui.ops import Operation, error_message
from desk.ui.widgets.banner import Banner

log = logging.getLogger(__name__)

AUTOSAVE_MS = 600
AUTOSAVE_MAX_WAIT_S = 2.0
SAVE_FAILED = QT_TRANSLATE_NOOP(
    "DraftKeeper", "Không lưu được bản nháp. Dữ liệu đang nhập vẫn còn trên màn hình."
)


@dataclass(frozen=True, slots=True)
class Snapshot:
    """What the screen holds, as typed, and the title the offer shows."""

    payload: dict[str, Any]
    title: str


@dataclass(slots=True)
class _Task:
    draft_id: str
    sequence: int
    snapshot: Snapshot | None = None  # None: remove the draft
    kind: str = "intake"
    created_at: datetime | None = None
    now: datetime | None = None
    written: bool = field(default=False)


class _Ledger:
    """What reached the disk, per draft (thread-safe): the newest snapshot's sequence
    number, and the drafts removed. A removal is final: a draft id is never written again
    once removed (a recorded dossier's draft must not come back)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._written: dict[str, int] = {}
        self._removed: set[str] = set()

    def run(self, task: _Task, write: Callable[[], Any]) -> bool:
        with self._lock:
            if task.draft_id in self._removed:
                return False
            if task.snapshot is not None and task.sequence <= self._written.get(task.draft_id, 0):
                return False  # a newer snapshot is already on disk
            write()
            if task.snapshot is None:
                self._removed.add(task.draft_id)
            else:
                self._written[task.draft_id] = task.sequence
            return True


class DraftKeeper(QObject):
    """Keeps the draft of the intake on screen. ``snapshot`` returns what to keep, or None
    when there is nothing worth keeping (an empty screen)."""

    saved = Signal(str)  # the draft's id, once it is on disk
    failed = Signal(str)  # what the clerk reads

    def __init__(
        self,
        store: DraftStore,
        user_id: int | None,
        user_name: str,
        snapshot: Callable[[], Snapshot | None],
        clock: Callable[[], datetime],
        parent: QObject | None = None,
    ):
        super().__init__(parent)
        self.store = store
        self.user_id = user_id
        self.user_name = user_name
        self._snapshot = snapshot
        self._clock = clock
        self.draft_id = new_draft_id()
        self._created_at: datetime | None = None
        self._dirty_since: float | None = None
        self._sequence = itertools.count(1)
        self._ledger = _Ledger()
        self._waiting: deque[_Task] = deque()
        self._running = False
        self._removing: set[str] = set()  # removals asked for, not yet done
        self._timer = QTimer(self, singleShot=True, interval=AUTOSAVE_MS)
        self._timer.timeout.connect(self.save)

    # -- the draft on screen --

    def changed(self) -> None:
        """Something was typed: save after a pause, or now if typing never pauses."""
        if self._dirty_since is None:
            self._dirty_since = time.monotonic()
        if time.monotonic() - self._dirty_since >= AUTOSAVE_MAX_WAIT_S:
            self.save()
        else:
            self._timer.start()

    def save(self, kind: str = "intake") -> bool:
        """Save in the background. False when there is nothing to keep."""
        task = self._take(kind)
        if task is None:
            return False
        self._queue(task)
        return True

    def flush(self, kind: str = "intake") -> bool:
        """Save now, on this thread: the input may be gone the moment this returns.
        False when there is nothing to keep, the draft was removed already (its dossier is
        recorded), or the disk refused (the clerk is told)."""
        task = self._take(kind)
        if task is None:
            return False
        self._drop_waiting(task.draft_id)
        try:
            self._execute(task)
        except DraftError as error:
            self.failed.emit(error.message)
            return False
        if task.written:
            self.saved.emit(task.draft_id)
        return task.written

    def removal(self) -> Callable[[], None]:
        """The removal of the draft on screen, to run after the dossier is recorded (in the
        same background operation). It is final: no save asked for before or after it
        writes that draft again."""
        self.cancel_pending()
        task = _Task(self.draft_id, next(self._sequence))
        return lambda: self._execute(task)

    def remove(self, draft_id: str | None = None) -> None:
        """Remove a draft (the one on screen by default) in the background."""
        draft_id = draft_id or self.draft_id
        if draft_id == self.draft_id:
            self.cancel_pending()
        self._removing.add(draft_id)
        self._queue(_Task(draft_id, next(self._sequence)))

    def cancel_pending(self) -> None:
        self._timer.stop()
        self._dirty_since = None

    def start_new(self) -> None:
        """A fresh intake gets a fresh draft."""
        self.cancel_pending()
        self.draft_id = new_draft_id()
        self._created_at = None

    def adopt(self, draft: Draft) -> None:
        """Go on with a draft restored from disk, under its own id."""
        self.cancel_pending()
        self.draft_id = draft.id
        self._created_at = draft.created_at

    def others(self) -> list[Draft]:
        """The unfinished intakes on disk other than the one on screen, newest first."""
        hidden = {self.draft_id, *self._removing}
        return [draft for draft in self.store.drafts() if draft.id not in hidden]

    @property
    def busy(self) -> bool:
        return self._running or bool(self._waiting)

    # -- writing --

    def _take(self, kind: str) -> _Task | None:
        self.cancel_pending()
        taken = self._snapshot()
        if taken is None:
            return None
        # A copy of its own: the pool writes it while the clerk goes on typing.
        snapshot = Snapshot(copy.deepcopy(taken.payload), taken.title)
        now = self._clock()
        if self._created_at is None:
            self._created_at = now
        return _Task(
            self.draft_id,
            next(self._sequence),
            snapshot,
            kind=kind,
            created_at=self._created_at,
            now=now,
        )

    def _execute(self, task: _Task) -> None:
        """Runs in the pool (or on the GUI thread for ``flush``): touches no widget."""
        snapshot = task.snapshot

        def write() -> None:
            if snapshot is None:
                self.store.remove(task.draft_id)
                return
            self.store.save(
                task.draft_id,
                snapshot.payload,
                title=snapshot.title,
                user_id=self.user_id,
                user_name=self.user_name,
                kind=task.kind,
                created_at=task.created_at,
                now=task.now,
            )

        task.written = self._ledger.run(task, write)

    def _drop_waiting(self, draft_id: str) -> None:
        """Waiting saves of this draft are older than what comes now."""
        self._waiting = deque(
            t for t in self._waiting if t.draft_id != draft_id or t.snapshot is None
        )

    def _queue(self, task: _Task) -> None:
        self._drop_waiting(task.draft_id)
        self._waiting.append(task)
        self._next()

    def _next(self) -> None:
        if self._running or not self._waiting:
            return
        task = self._waiting.popleft()
        self._running = True
        Operation(lambda: self._execute(task)).on_success(
            lambda _result: self._done(task, None)
        ).on_failure(lambda error: self._done(task, error)).start()

    def _done(self, task: _Task, error: object) -> None:
        if not shiboken6.isValid(self):  # the screen was closed meanwhile
            return
        self._running = False
        if task.snapshot is None:
            self._removing.discard(task.draft_id)
        if error is not None:
            self.failed.emit(error_message(error, self.tr(SAVE_FAILED)))
        elif task.written and task.snapshot is not None:
            self.saved.emit(task.draft_id)
        self._next()


class DraftOffer(QObject):
    """The banner over the intake screen that offers unfinished intakes back."""

    def __init__(
        self,
        keeper: DraftKeeper,
        banner: Banner,
        restore: Callable[[str], None],
        parent: QWidget,
    ):
        super().__init__(parent)
        self.keeper = keeper
        self.banner = banner
        self._restore = restore
        self._parent = parent

    def offer(self) -> None:
        """Offer the unfinished intakes found on disk (not the one on screen)."""
        drafts = self.keeper.others()
        if not drafts:
            self.banner.dismiss()
            return
        newest = drafts[0]
        text = (
            self.tr("Có {0} hồ sơ đang nhập dở trên máy này. Gần nhất: {1}")
            if len(drafts) > 1
            else self.tr("Có một hồ sơ đang nhập dở: {1}")
        ).format(len(drafts), describe(newest)) + self.tr(" Khôi phục?")
        actions: list[tuple[str, Callable[[], None]]] = [
            (self.tr("&Khôi phục"), lambda: self._restore(newest.id))
        ]
        if len(drafts) > 1:
            actions.append((self.tr("Chọn &bản khác…"), lambda: self._choose(drafts)))
        actions.append((self.tr("Bỏ bản nháp này"), lambda: self._confirm_drop(newest)))
        self.banner.show_message(text, level="warning", actions=actions)

    def _choose(self, drafts: list[Draft]) -> None:
        menu = QMenu(self._parent)
        for draft in drafts:
            action = menu.addAction(describe(draft))
            action.triggered.connect(lambda _=False, d=draft.id: self._restore(d))
        menu.popup(self.banner.mapToGlobal(self.banner.rect().bottomLeft()))

    def _confirm_drop(self, draft: Draft) -> None:
        self.banner.show_message(
            self.tr("Xóa hẳn bản nháp «{0}»? Dữ liệu đã nhập trong đó sẽ mất.").format(draft.title),
            level="error",
            actions=[
                (self.tr("&Xóa bản nháp"), lambda: self._drop(draft.id)),
                (self.tr("&Không"), self.offer),
            ],
            closable=False,
        )

    def _drop(self, draft_id: str) -> None:
        self.keeper.remove(draft_id)
        self.offer()


def describe(draft: Draft) -> str:
    saved = to_office_time(draft.saved_at)
    who = f", {draft.user_name}" if draft.user_name else ""
    kind = _tr(" (chờ bổ sung giấy tờ)") if draft.kind == "supplement" else ""
    title = draft.title or _tr("chưa có tên")
    return _tr("{0}{1} — lưu lúc {2}{3}.").format(title, kind, f"{saved:%H:%M %d/%m/%Y}", who)


def _tr(text: str) -> str:
    return QCoreApplication.translate("DraftOffer", text)


# For lupdate: describe()'s words, in the context it translates them in.
_DESCRIBE_WORDS = (
    QT_TRANSLATE_NOOP("DraftOffer", " (chờ bổ sung giấy tờ)"),
    QT_TRANSLATE_NOOP("DraftOffer", "chưa có tên"),
    QT_TRANSLATE_NOOP("DraftOffer", "{0}{1} — lưu lúc {2}{3}."),
)
