"""The desk's one application event filter (desk.ui.app_filters, issue 16): the scanner,
the idle lock's watcher, the wheel guard and the screen fit still see what they act on
anywhere, in the order Qt would call them; the events none of them acts on (a timer, a
paint, a queued signal) are not handed to them."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from PySide6.QtCore import QEvent, QObject, QPoint, QPointF, Qt, QTimerEvent
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QLineEdit

from desk.ui.app_filters import AppFilters, app_filters
from desk.ui.scanner import ScanListener
from desk.ui.sign_in import IdleWatcher
from tests.ui.intake_helpers import scan, send_text
from tests.ui.one_field import shown_line_edit

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

CODE = "000.17.22.H56-261120-0007"  # a slip's dossier code (tests/ui/test_scanner.py)


class _Recorder(QObject):
    """A filter that notes what it is handed; keeps the types in ``keep``."""

    def __init__(self, kinds: frozenset[QEvent.Type], keep: frozenset[QEvent.Type] = frozenset()):
        super().__init__()
        self.APP_EVENTS = kinds
        self.keep = keep
        self.seen: list[QEvent.Type] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        self.seen.append(event.type())
        return event.type() in self.keep


@pytest.fixture
def hub(qapp) -> Iterator[AppFilters]:
    """A hub of the test's own on the application, so the desk's are not disturbed."""
    own = AppFilters()
    qapp.installEventFilter(own)
    yield own
    qapp.removeEventFilter(own)


@pytest.fixture
def field(qtbot) -> QLineEdit:
    return shown_line_edit(qtbot)


def test_a_filter_gets_only_the_types_it_acts_on(hub, field) -> None:
    keys = _Recorder(frozenset((QEvent.Type.KeyPress,)))
    hub.add(keys)
    other = QObject()
    QApplication.sendEvent(other, QTimerEvent(1))  # a timer: its class is passed unasked
    QApplication.sendEvent(other, QEvent(QEvent.Type.User))  # asked its type: not wanted
    send_text(field, "a")
    assert keys.seen == [QEvent.Type.KeyPress]
    assert field.text() == "a"


def test_the_last_added_goes_first_and_one_that_keeps_an_event_stops_it(hub, field) -> None:
    first = _Recorder(frozenset((QEvent.Type.KeyPress,)))
    keeper = _Recorder(frozenset((QEvent.Type.KeyPress,)), keep=frozenset((QEvent.Type.KeyPress,)))
    hub.add(first)
    hub.add(keeper)
    send_text(field, "a")
    assert keeper.seen == [QEvent.Type.KeyPress]
    assert first.seen == []  # kept from it, as Qt keeps it from the filters after
    assert field.text() == ""  # and from the field
    hub.remove(keeper)
    send_text(field, "b")
    assert first.seen == [QEvent.Type.KeyPress]
    assert field.text() == "b"


def test_a_filter_deleted_with_its_window_leaves(hub, field, qtbot) -> None:
    owner = QObject()
    watcher = IdleWatcher(0, owner)
    hub.add(watcher)
    assert watcher in hub.filters()
    owner.deleteLater()
    qtbot.waitUntil(lambda: not hub.filters(), timeout=2000)
    send_text(field, "x")  # no call into a deleted watcher
    assert field.text() == "x"


def test_a_scan_is_still_caught_anywhere_and_the_idle_watcher_sees_the_clerk(
    qapp, qtbot, field
) -> None:
    """Through the desk's own hub, as the main window installs them: the scanner after the
    idle watcher (so it goes first)."""
    watcher = IdleWatcher(0)
    scanner = ScanListener(today=lambda: date(2026, 11, 20))
    app_filters(qapp).add(watcher)
    app_filters(qapp).add(scanner)
    try:
        watcher.last_activity = 0.0
        send_text(field, "ab")
        qtbot.waitUntil(lambda: field.text() == "ab", timeout=2000)
        assert watcher.last_activity > 0.0  # typing is activity
        with qtbot.waitSignal(scanner.code_scanned, timeout=2000) as scanned:
            scan(field, CODE.lower())
        assert scanned.args == [CODE]
        qtbot.waitUntil(lambda: not scanner.holding, timeout=2000)
        assert field.text() == "ab"  # the burst never reached the field

        watcher.last_activity = 0.0
        centre = QPointF(field.rect().center())
        wheel = QWheelEvent(
            centre,
            field.mapToGlobal(centre),
            QPoint(0, 0),
            QPoint(0, -120),
            Qt.MouseButton.NoButton,
            Qt.KeyboardModifier.NoModifier,
            Qt.ScrollPhase.NoScrollPhase,
            False,
        )
        QApplication.sendEvent(field, wheel)
        assert watcher.last_activity > 0.0  # a wheel step too
    finally:
        app_filters(qapp).remove(scanner, watcher)
    assert scanner not in app_filters(qapp).filters()
