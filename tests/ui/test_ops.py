"""The one background-operation wrapper: its owner is off while it runs and on again after
success or failure, a second operation of a busy owner is refused, handlers run on the GUI
thread, and a screen closed meanwhile is not called back."""

from __future__ import annotations

import functools
import gc
import threading
import weakref

import pytest
from PySide6.QtWidgets import QPushButton

from desk.errors import InvalidInput
from desk.ui.ops import Operation


@pytest.fixture
def button(qtbot):
    widget = QPushButton("Ghi")
    qtbot.addWidget(widget)
    return widget


def held_work(gate: threading.Event, result: object = "xong"):
    def work() -> object:
        assert gate.wait(5), "the test never opened the gate"
        if isinstance(result, Exception):
            raise result
        return result

    return work


def test_the_owner_is_disabled_while_running_and_enabled_after_success(qtbot, button) -> None:
    gate = threading.Event()
    results: list[object] = []
    seen_enabled: list[bool] = []

    def on_success(value: object) -> None:
        results.append(value)
        seen_enabled.append(button.isEnabled())
        results.append(threading.current_thread() is threading.main_thread())

    operation = Operation(held_work(gate), owner=button).on_success(on_success)
    assert operation.start()
    assert not button.isEnabled()
    assert Operation.busy(button)
    gate.set()
    qtbot.waitUntil(lambda: bool(results), timeout=5000)
    assert results == ["xong", True]  # on the GUI thread
    assert seen_enabled == [True]  # enabled again before the handler runs
    assert not Operation.busy(button)
    qtbot.waitUntil(lambda: not Operation.running(), timeout=5000)


def test_the_owner_is_enabled_again_after_a_failure(qtbot, button) -> None:
    gate = threading.Event()
    errors: list[object] = []
    successes: list[object] = []
    error = InvalidInput("Không ghi được.")
    operation = Operation(held_work(gate, error), owner=button)
    operation.on_success(successes.append).on_failure(errors.append).start()
    assert not button.isEnabled()
    gate.set()
    qtbot.waitUntil(lambda: bool(errors), timeout=5000)
    assert errors == [error]
    assert successes == []
    assert button.isEnabled()
    assert not Operation.busy(button)


def test_a_second_start_while_busy_is_refused(qtbot, button) -> None:
    gate = threading.Event()
    second_ran = threading.Event()
    done: list[object] = []
    first = Operation(held_work(gate), owner=button).on_success(done.append)
    second = Operation(second_ran.set, owner=button).on_success(done.append)
    assert first.start()
    assert not second.start()
    gate.set()
    qtbot.waitUntil(lambda: done == ["xong"], timeout=5000)
    assert not second_ran.is_set()
    # Free again: the next one runs.
    again = Operation(lambda: "lần nữa", owner=button).on_success(done.append)
    assert again.start()
    qtbot.waitUntil(lambda: done == ["xong", "lần nữa"], timeout=5000)


def test_progress_is_reported_on_the_gui_thread_and_cancel_is_asked(qtbot) -> None:
    reported: list[tuple[object, bool]] = []
    finished: list[object] = []
    step = threading.Event()

    def work(progress) -> str:
        progress.report(1)
        assert step.wait(5)
        return "dừng" if progress.cancelled else "hết"

    operation = Operation.with_progress(work)
    operation.on_progress(
        lambda value: reported.append(
            (value, threading.current_thread() is threading.main_thread())
        )
    ).on_success(finished.append)
    operation.start()
    qtbot.waitUntil(lambda: reported == [(1, True)], timeout=5000)
    operation.cancel()
    step.set()
    qtbot.waitUntil(lambda: finished == ["dừng"], timeout=5000)


def test_a_closed_screen_is_not_called_back(qtbot) -> None:
    class Screen(QPushButton):
        def on_done(self, value: object) -> None:
            self.setText(str(value))  # RuntimeError on a deleted widget

    gate = threading.Event()
    screen = Screen()
    Operation(held_work(gate)).on_success(screen.on_done).start()
    screen.deleteLater()
    qtbot.waitUntil(lambda: not _alive(screen), timeout=5000)
    gate.set()
    qtbot.waitUntil(lambda: not Operation.running(), timeout=5000)  # reported, nobody called


def _alive(widget: QPushButton) -> bool:
    import shiboken6

    return shiboken6.isValid(widget)


class _HeldAfterReport(Operation):
    """An operation the pool thread still holds after its report ran on the GUI thread
    (the pool drops its last reference to an operation once ``run`` returns there)."""

    reported = threading.Event()

    def run(self) -> None:
        super().run()
        assert self.reported.wait(5), "the report never ran"


def _start_holding(screen: object) -> None:
    """An operation whose work and handler hold ``screen``, and nothing else does."""

    def reported(_value: object, screen: object = screen) -> None:
        _HeldAfterReport.reported.set()

    def work(screen: object = screen) -> None:
        return None

    _HeldAfterReport(work).on_success(reported).start()


def test_what_an_operation_holds_is_let_go_on_the_gui_thread(qtbot) -> None:
    from PySide6.QtCore import QObject, QThreadPool

    freed: list[str] = []
    screen = QObject()  # held only by the operation: a screen closed meanwhile
    weakref.finalize(screen, lambda: freed.append(threading.current_thread().name))
    _HeldAfterReport.reported.clear()
    _start_holding(screen)
    del screen
    qtbot.waitUntil(_HeldAfterReport.reported.is_set, timeout=5000)
    assert QThreadPool.globalInstance().waitForDone(5000)
    qtbot.waitUntil(lambda: bool(freed), timeout=5000)
    assert freed == [threading.current_thread().name]  # a widget deleted off it crashes Qt


def test_an_operation_that_reported_keeps_nothing_of_its_work(qtbot) -> None:
    from PySide6.QtCore import QObject

    class Screen(QObject):
        def shown(self, _value: object) -> None:
            pass

    gone: list[weakref.ref[QObject]] = []
    for _ in range(20):  # every search, page and count of a session is one
        screen = Screen()  # a dialog's, closed before its operation reported
        gone.append(weakref.ref(screen))
        Operation(functools.partial(str, screen)).on_success(screen.shown).start()
    del screen
    qtbot.waitUntil(lambda: not Operation.running(), timeout=5000)
    qtbot.waitUntil(lambda: gc.collect() >= 0 and all(ref() is None for ref in gone), timeout=5000)
