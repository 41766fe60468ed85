"""The desk's collector (``desk.ui.collector.GuiThreadCollector``): paused while the
desk starts, until the first window's figures show or at the latest a while after that
window opened, once only; then the collections Python's thresholds say are due, on the
GUI thread, with Python's own automatic collection off; a collector that was already off
(a command's) is left off; a fault at the opening is said as before, and Python collects
on its own again once the desk is over."""

from __future__ import annotations

import gc
import sqlite3
import sys
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from desk import app
from desk.ui import collector as collector_module
from desk.ui.collector import GuiThreadCollector

pytestmark = [
    pytest.mark.qt_log_ignore(
        "This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)"
    ),
    pytest.mark.own_collector,
]


class FakeWindow(QObject):
    counts_shown = Signal(object)


@pytest.fixture(autouse=True)
def _collector_back() -> Iterator[None]:
    was = gc.isenabled()
    yield
    if was:
        gc.enable()
    else:
        gc.disable()


def _young_garbage_due() -> None:
    gc.collect()
    young = gc.get_threshold()[0]
    for _ in range(young + 100):  # cycles: only a collection takes them off the count
        cycle: list[object] = []
        cycle.append(cycle)
    assert gc.get_count()[0] >= young, (gc.get_count(), young)


def test_the_pause_ends_with_the_first_figures(qtbot: QtBot) -> None:
    gc.enable()
    collector = GuiThreadCollector(paused=True, check_ms=60_000)
    assert not gc.isenabled()  # Python's own collection is off from the start on
    _young_garbage_due()
    assert collector.collect_due() is None  # paused: the start's imports go uncollected
    window = FakeWindow()
    collector.resume_with_first_figures(window)
    assert collector.paused  # the window is open, its figures are not
    window.counts_shown.emit(object())
    assert not collector.paused
    assert not gc.isenabled()  # still not Python's: the collections are the GUI thread's
    assert collector.collect_due() == 0
    assert collector.collections == [1, 0, 0]
    later = FakeWindow()
    collector.resume_with_first_figures(later)  # a sign-in after a sign-out: nothing paused
    assert not collector.paused


def test_figures_that_never_come_end_it_all_the_same(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(collector_module, "START_LIMIT_MS", 50)
    gc.enable()
    collector = GuiThreadCollector(paused=True)
    collector.resume_with_first_figures(FakeWindow())
    qtbot.waitUntil(lambda: not collector.paused, timeout=5000)


def test_the_due_generation_runs_from_the_gui_threads_timer(qtbot: QtBot) -> None:
    gc.enable()
    collector = GuiThreadCollector(check_ms=10)
    _young_garbage_due()
    qtbot.waitUntil(lambda: collector.collections[0] >= 1, timeout=5000)
    assert gc.get_count()[0] < gc.get_threshold()[0]
    for _ in range(gc.get_threshold()[1]):  # as many young collections as a middle waits for
        gc.collect(0)
    qtbot.waitUntil(lambda: collector.collections[1] >= 1, timeout=5000)
    collector.give_back()
    assert gc.isenabled()  # Python's own again once the desk is over


def test_a_collector_already_off_stays_off(qtbot: QtBot) -> None:
    gc.disable()
    collector = GuiThreadCollector()
    _young_garbage_due()
    assert collector.collect_due() is None  # not the desk's to collect
    collector.give_back()
    assert not gc.isenabled()


def test_a_fault_at_the_opening_is_still_said_and_the_collector_is_back(
    qapp, ctx, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # run_desk installs its own
    boxes: list[tuple[str, bool]] = []
    monkeypatch.setattr(
        QMessageBox, "critical", lambda _parent, _title, text: boxes.append((text, gc.isenabled()))
    )
    path = ctx.config.default_sqlite_path
    ctx.close()
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999'")
    gc.enable()
    assert app.run_desk(db_url=str(path)) == 2
    assert len(boxes) == 1 and "phiên bản mới hơn" in boxes[0][0], boxes
    assert boxes[0][1] is False  # the desk's collector, not Python's, while it ran
    assert gc.isenabled()
