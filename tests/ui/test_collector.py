"""The desk's garbage-collector policy (desk.ui.collector): what the start loaded is
frozen once, and only once; the collector still frees what comes after; the full
collections the desk owes wait for the clerk's pause."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from desk.ui.collector import IdleCollector
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
