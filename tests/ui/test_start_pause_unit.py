"""The collector's pause for the start (``desk.ui.start_pause``): it ends with the first
window's figures, or at the latest a while after that window opened, once only; a
collector that was already off (a test's, a command's) is left off; a fault at the
opening is said as before and the collector is on again."""

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
from desk.ui import start_pause
from desk.ui.start_pause import StartPause

pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)"
)


class FakeWindow(QObject):
    counts_shown = Signal(object)


@pytest.fixture(autouse=True)
def _collector_back() -> Iterator[None]:
    was = gc.isenabled()
    yield
    if was:
        gc.enable()


def test_the_pause_ends_with_the_first_figures(qtbot: QtBot) -> None:
    gc.enable()
    pause = StartPause()
    assert not gc.isenabled()
    window = FakeWindow()
    pause.end_with_first_figures(window)
    assert not gc.isenabled()  # the window is open, its figures are not
    window.counts_shown.emit(object())
    assert gc.isenabled()
    gc.disable()
    later = FakeWindow()
    pause.end_with_first_figures(later)  # a sign-in after a sign-out: nothing to end
    later.counts_shown.emit(object())
    assert not gc.isenabled()


def test_figures_that_never_come_end_it_all_the_same(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(start_pause, "LIMIT_MS", 50)
    gc.enable()
    pause = StartPause()
    pause.end_with_first_figures(FakeWindow())
    qtbot.waitUntil(gc.isenabled, timeout=5000)
    assert not pause.paused


def test_a_collector_already_off_stays_off(qtbot: QtBot) -> None:
    gc.disable()
    pause = StartPause()
    pause.end()
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
    assert boxes[0][1] is False  # the start was still paused when it failed
    assert gc.isenabled()
