"""Two sync runs of one office never overlap (PROVINCE_API guarantee 5): from two desks on
one database, the window and a scheduled ``desk sync``.

The lock is a row in the office's database (``sync_lock``), so it holds across processes
and machines on SQLite and PostgreSQL alike. It says who holds it (account and name), on
which machine and process, since when, and when the holder last said it was alive: a
thread refreshes ``heartbeat_at`` every ``HEARTBEAT_S`` while the run goes on.

A lock whose holder is gone is taken over, and the take-over is logged in the audit log:
its heartbeat is older than ``STALE_AFTER`` (a desk that lost power or its network), or it
was taken on this machine by a process that no longer exists (a killed ``desk sync``).
Times are the desks' clocks; ``STALE_AFTER`` is long beside ``HEARTBEAT_S`` so a clock a
minute off does not steal a living run's lock.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import uuid
from datetime import timedelta
from types import TracebackType

from desk.domain.audit import AuditAction
from desk.domain.calendar import now_in_office
from desk.domain.formats import moment_text
from desk.errors import DeskError
from desk.services.context import DeskContext
from desk.store import audit as store_audit
from desk.store import sync_records
from desk.store.sync_records import LockHolder
from desk.sync.errors import SyncBusy

log = logging.getLogger(__name__)

HEARTBEAT_S = 20.0
STALE_AFTER = timedelta(minutes=3)


def this_host() -> str:
    return socket.gethostname()[:200] or "?"


def process_alive(pid: int) -> bool:
    """Whether a process with this id runs on this machine (never signals it)."""
    if pid <= 0:
        return False
    if os.name == "nt":  # os.kill would terminate it on Windows: ask the kernel instead
        import ctypes

        kernel = ctypes.windll.kernel32  # type: ignore[attr-defined]
        handle = kernel.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        try:
            code = ctypes.c_ulong()
            ok = kernel.GetExitCodeProcess(handle, ctypes.byref(code))
            return bool(ok) and code.value == 259  # STILL_ACTIVE
        finally:
            kernel.CloseHandle(handle)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another OS user's process: it exists
        return True
    except OSError:
        return False
    return True


def busy_message(holder: LockHolder) -> str:
    name = holder.full_name or holder.login or "?"
    return (
        f"Đang có một lượt đồng bộ do {name} chạy trên máy {holder.host} từ "
        f"{moment_text(holder.since)}. Lượt này không chạy; hãy đợi lượt kia xong."
    )


def gone_because(holder: LockHolder, host: str) -> str:
    """Why the holder is gone ("" when it may still be running)."""
    now = now_in_office()
    beat = holder.heartbeat_at or holder.since
    if beat is None or now - beat > STALE_AFTER:
        return f"không còn báo hoạt động từ {moment_text(beat)}"
    if holder.host == host and not process_alive(holder.pid):
        return f"tiến trình {holder.pid} trên máy này không còn chạy"
    return ""


def current_holder(ctx: DeskContext) -> LockHolder | None:
    """Who runs the office's sync now (None: nobody), for the panel and ``sync status``."""
    with ctx.db.read() as session:
        return sync_records.lock_holder(session)


class SyncLock:
    """``with SyncLock(ctx):`` holds the office's sync lock for the block, or raises
    ``SyncBusy`` naming the run that holds it."""

    def __init__(self, ctx: DeskContext):
        self.ctx = ctx
        self.token = str(uuid.uuid4())
        self.host = this_host()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.taken_over: LockHolder | None = None  # a gone holder's lock, taken over
        self.taken_over_text = ""

    def acquire(self) -> None:
        user = self.ctx.user
        now = now_in_office()
        mine = LockHolder(
            token=self.token,
            login=user.username if user is not None else "",
            full_name=user.full_name if user is not None else "",
            host=self.host,
            pid=os.getpid(),
            since=now,
            heartbeat_at=now,
        )
        with self.ctx.db.write() as session:
            holder = sync_records.lock_holder(session, for_update=True)
            if holder is not None:
                why = gone_because(holder, self.host)
                if not why:
                    raise SyncBusy(
                        busy_message(holder),
                        full_name=holder.full_name,
                        host=holder.host,
                        since=moment_text(holder.since),
                    )
                log.warning("sync lock of %s on %s taken over: %s", holder.login, holder.host, why)
                store_audit.append(
                    session,
                    [
                        store_audit.entry(
                            AuditAction.SYNC_LOCK_TAKEN_OVER,
                            "sync:lock",
                            at=now,
                            actor=user,
                            detail={
                                "holder": holder.login,
                                "name": holder.full_name,
                                "host": holder.host,
                                "pid": holder.pid,
                                "since": holder.since.isoformat() if holder.since else None,
                                "why": why,
                            },
                        )
                    ],
                )
                self.taken_over = holder
                self.taken_over_text = (
                    f"lượt đồng bộ của {holder.full_name or holder.login} trên máy "
                    f"{holder.host} từ {moment_text(holder.since)} đã bị bỏ dở ({why}); "
                    "lượt này tiếp quản"
                )
            sync_records.hold_lock(session, mine)
        self._thread = threading.Thread(target=self._beat, name="sync-lock-heartbeat", daemon=True)
        self._thread.start()

    def _beat(self) -> None:
        while not self._stop.wait(HEARTBEAT_S):
            try:
                with self.ctx.db.write() as session:
                    if not sync_records.beat_lock(session, self.token, now_in_office()):
                        log.error("the sync lock was taken from this run")
                        return
            except DeskError as exc:  # a busy database: try at the next beat
                log.warning("sync lock heartbeat failed: %s", exc.message)
            except Exception:  # never end the run for its heartbeat: log and try again
                log.exception("sync lock heartbeat failed")

    def release(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=HEARTBEAT_S)
        with self.ctx.db.write() as session:
            sync_records.release_lock(session, self.token)

    def __enter__(self) -> SyncLock:
        self.acquire()
        return self

    def __exit__(
        self,
        _type: type[BaseException] | None,
        _value: BaseException | None,
        _tb: TracebackType | None,
    ) -> None:
        self.release()
