"""The desk's garbage-collector policy (desk.ui.collector): what the start loaded is
frozen once, and only once; the collector still frees what comes after; the full
collections the desk owes wait for the clerk's pause, and so does the search indexes'
merging (``IdleIndexMerge``), which stops once nothing is left."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from desk.ui.collector import IdleCollector, IdleIndexMerge
from desk.ui.ops import Operation
from desk.ui.sign_in import IdleWatcher

ROOT = Path(__file__).resolve().parents[2]


def test_the_start_is_frozen_once_and_later_garbage_is_still_collected() -> None:
    # In a fresh interpreter: freezing is for the whole process, not for a test.
    script = textwrap.dedent(
        """
        import gc, weakref
        from desk.ui import collector

        class Node:
            pass

        loaded_at_start = [Node() for _ in range(1000)]
        collector.settle_after_start()
        frozen = gc.get_freeze_count()
        assert frozen >= 1000, frozen
        assert gc.get_threshold()[2] == 100  # Python's own full collection, 10 times rarer
        import sys
        assert sys.getswitchinterval() == 0.001  # the pool's Python lets the window in sooner

        later = [Node() for _ in range(1000)]
        collector.settle_after_start()  # a second window: nothing more is frozen
        assert gc.get_freeze_count() == frozen, (gc.get_freeze_count(), frozen)

        # The code the window loads after its figures is the start's too: frozen once.
        loaded_after_figures = [Node() for _ in range(1000)]
        collector.settle_later_code()
        assert gc.get_freeze_count() >= frozen + 1000, (gc.get_freeze_count(), frozen)
        frozen = gc.get_freeze_count()
        clerks_work = [Node() for _ in range(1000)]
        collector.settle_later_code()  # a second window's: nothing more is frozen
        collector.settle_after_start()
        assert gc.get_freeze_count() == frozen, (gc.get_freeze_count(), frozen)

        cycle = Node()
        cycle.me = cycle
        gone = weakref.ref(cycle)
        del cycle
        gc.collect()
        assert gone() is None  # garbage made after the start is still freed
        print("ok")
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"


@pytest.fixture(autouse=True)
def python_waits_for_the_desk() -> Iterator[None]:
    """This test process's own full collection would pay the debt the tests set up."""
    before = gc.get_threshold()
    gc.set_threshold(before[0], before[1], 1_000_000)
    yield
    gc.set_threshold(*before)


def _owe_a_full_collection() -> None:
    gc.collect()
    for _ in range(10):  # as many younger collections as Python waits for
        gc.collect(1)
    assert gc.get_count()[2] >= 10


def test_the_full_collection_waits_while_the_clerk_types(qtbot: QtBot) -> None:
    field = QLineEdit()
    qtbot.addWidget(field)
    watcher = IdleWatcher(0)  # the lock off: the pause is still watched
    QApplication.instance().installEventFilter(watcher)  # type: ignore[union-attr]
    try:
        collector = IdleCollector(watcher, idle_s=60, check_ms=10_000)
        _owe_a_full_collection()
        key = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_A, Qt.KeyboardModifier.NoModifier, "a")
        QApplication.sendEvent(field, key)
        assert watcher.idle_for_s() < 1
        assert not collector.collect_if_idle()
        assert gc.get_count()[2] >= 10  # still owed
    finally:
        QApplication.instance().removeEventFilter(watcher)  # type: ignore[union-attr]


def test_the_owed_full_collection_runs_once_the_clerk_pauses(qtbot: QtBot) -> None:
    watcher = IdleWatcher(0)
    collector = IdleCollector(watcher, idle_s=0.05, check_ms=20)
    _owe_a_full_collection()
    qtbot.waitUntil(lambda: collector.collections >= 1, timeout=5_000)
    assert gc.get_count()[2] < 10


def test_nothing_owed_nothing_collected(qtbot: QtBot) -> None:
    watcher = IdleWatcher(0)
    collector = IdleCollector(watcher, idle_s=0, check_ms=10_000)
    gc.collect()
    assert not collector.collect_if_idle()
    assert collector.collections == 0


class _Steps:
    """A merge step that finds work ``work`` times, then nothing."""

    def __init__(self, work: int) -> None:
        self.work = work
        self.calls = 0

    def __call__(self) -> bool:
        self.calls += 1
        return self.calls <= self.work


def test_the_index_merge_waits_while_the_clerk_works(qtbot: QtBot, ctx: Any) -> None:
    watcher = IdleWatcher(0)
    steps = _Steps(3)
    merge = IdleIndexMerge(watcher, ctx, idle_s=60, check_ms=10_000, step=steps)
    watcher.last_activity = time.monotonic()  # the clerk just typed
    assert not merge.merge_if_idle()
    assert steps.calls == 0


def test_the_index_merge_waits_for_the_clerks_work_in_the_pool(qtbot: QtBot, ctx: Any) -> None:
    watcher = IdleWatcher(0)
    steps = _Steps(3)
    merge = IdleIndexMerge(watcher, ctx, idle_s=0, check_ms=10_000, step=steps)
    release = threading.Event()
    Operation(lambda: release.wait(10)).start()  # a search, a receive …
    try:
        assert not merge.merge_if_idle()
    finally:
        release.set()
    qtbot.waitUntil(lambda: not Operation.running(), timeout=5_000)
    assert steps.calls == 0
    assert merge.merge_if_idle()
    qtbot.waitUntil(lambda: merge.settled, timeout=5_000)


def test_the_index_merge_steps_while_idle_and_stops_when_nothing_is_left(
    qtbot: QtBot, ctx: Any
) -> None:
    watcher = IdleWatcher(0)
    steps = _Steps(3)
    merge = IdleIndexMerge(watcher, ctx, idle_s=0.05, check_ms=20, step=steps)
    qtbot.waitUntil(lambda: merge.settled, timeout=5_000)
    assert steps.calls == merge.steps == 4  # three that merged, one that found nothing
    assert not merge.merge_if_idle()  # settled: no step until the clerk works again
    assert steps.calls == 4
    watcher.last_activity = time.monotonic()  # the clerk worked (received, maybe)
    qtbot.waitUntil(lambda: steps.calls == 5, timeout=5_000)  # one look once idle again
    qtbot.waitUntil(lambda: merge.settled, timeout=5_000)


def test_the_index_merge_settles_a_real_office(qtbot: QtBot, ctx: Any) -> None:
    from desk.services import demo, intake, search

    clerk = demo.demo_clerks(ctx)[0]
    for made in demo.generate(ctx, 6, seed=12):  # six b-trees a level: a merge is owed
        intake.receive_dossier(ctx, made.request, clerk)
    found = [d.id for d in search.search(ctx, "nguyen")]
    watcher = IdleWatcher(0)
    merge = IdleIndexMerge(watcher, ctx, idle_s=0, check_ms=20)
    qtbot.waitUntil(lambda: merge.settled, timeout=10_000)
    assert merge.steps >= 2  # the first step merged something
    assert search.merge_search_index(ctx) is False
    assert [d.id for d in search.search(ctx, "nguyen")] == found


def test_a_failed_index_merge_waits_for_the_clerks_next_action(qtbot: QtBot, ctx: Any) -> None:
    calls: list[int] = []

    def busy() -> bool:
        calls.append(1)
        raise OSError("database is locked")

    watcher = IdleWatcher(0)
    merge = IdleIndexMerge(watcher, ctx, idle_s=0, check_ms=10_000, step=busy)
    assert merge.merge_if_idle()
    qtbot.waitUntil(lambda: not Operation.running(), timeout=5_000)
    assert not merge.merge_if_idle()  # not again at once
    watcher.last_activity = time.monotonic()
    assert merge.merge_if_idle()  # after the clerk's next action
    qtbot.waitUntil(lambda: not Operation.running(), timeout=5_000)
    assert len(calls) == 2
