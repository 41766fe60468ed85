"""Garbage that holds Qt objects is freed on the GUI thread only (``desk.ui.collector``).

A cycle of Python objects that holds a Qt wrapper (a dialog closed and dropped whose
slots reach back to it) is freed by Python's cyclic collector, on whichever thread
happens to pass its threshold. A pool thread syncing or reading ahead passes it most
often; a widget deleted there crashes the desk (a CI worker died so, in the sync panel's
tests). Run as ``desk`` runs, in a process of its own: the collector is the process's."""

from __future__ import annotations

from desk.services import demo
from tests.fresh_process import RUN_WATCHED_DESK, run_script

DESK = (
    """
import json, threading, weakref
from PySide6.QtCore import QObject, QThreadPool, QTimer
from desk.ui.ops import Operation

seen = {}


def shown(dialog):
    sign_in(dialog)


def busy_pool():
    # What a sync or a read-ahead does to the collector: many young containers.
    kept = []
    for number in range(300_000):
        kept.append([number])
        if len(kept) > 1000:
            kept.clear()


def drop_qt_garbage(window):
    holder = QObject()
    holder.me = holder  # a cycle through the wrapper: only the collector frees it
    freed = []
    weakref.finalize(holder, lambda: freed.append(threading.current_thread().name))
    del holder
    Operation(busy_pool).start()
    # The GUI thread makes no garbage of its own meanwhile: whoever collects, the pool
    # thread's allocations are what pass the threshold.
    QThreadPool.globalInstance().waitForDone()

    def look():
        if freed or seen.setdefault("looks", 0) > 100:
            seen["freed_on"] = freed
            seen["gui_thread"] = threading.current_thread().name
            window.close()
            return
        seen["looks"] += 1
        QTimer.singleShot(50, look)

    look()


def window_opened(_desk, window):
    # Once the start is over: what exists when it settles is frozen, never freed.
    window.later_code_loaded.connect(lambda: QTimer.singleShot(0, lambda: drop_qt_garbage(window)))
"""
    + RUN_WATCHED_DESK
    + """
print(json.dumps(seen))
"""
)


def test_qt_garbage_is_freed_on_the_gui_thread_while_the_pool_allocates(ctx) -> None:
    demo.add_demo_dossiers(ctx, 5, seed=3)
    data = ctx.config.data_dir
    ctx.close()
    seen = run_script(DESK, data=data)
    assert seen["code"] == 0
    assert seen["freed_on"] == [seen["gui_thread"]], seen
