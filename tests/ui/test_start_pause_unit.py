"""The collector's pause for the start (``desk.ui.start_pause``): it ends with the first
window's figures, or at the latest a while after that window opened, once only; a
collector that was already off (a test's, a command's) is left off."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QObject, Signal
from pytestqt.qtbot import QtBot

from desk.ui import start_pause
from desk.ui.start_pause import StartPause


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
