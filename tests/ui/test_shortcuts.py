"""One meaning per key: F3 is the dossier list everywhere (its search box ready to type),
and the intake's procedure step has its own key, Alt+1, shown in its heading. The suite
fails on Qt warnings, so an "Ambiguous shortcut overload" fails these tests."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QWidget

from desk.ui.main_window import PAGE_INTAKE, PAGE_LIST, MainWindow

pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)"
)


def press(
    qtbot,
    window: QWidget,
    key: Qt.Key,
    modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
) -> None:
    """A key pressed in the active window (goes through Qt's shortcut map)."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    qtbot.keyClick(QApplication.focusWidget() or window, key, modifier)


def type_text(widget: QWidget, text: str) -> None:
    """Typed through the input method, as a Vietnamese keyboard does (a fast burst of key
    presses would be taken for a scanner)."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


@pytest.fixture
def window(qtbot, ctx, clerk):
    main = MainWindow(ctx, clerk, idle_ms=0)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    return main


def test_f3_opens_the_list_with_the_cursor_in_its_search_box(qtbot, window) -> None:
    press(qtbot, window, Qt.Key.Key_F3)
    assert window.current_page() == PAGE_LIST
    search = window.dossier_list.search
    qtbot.waitUntil(search.hasFocus, timeout=5000)

    type_text(search, "Nguyễn")
    window.show_today()
    press(qtbot, window, Qt.Key.Key_F3)
    qtbot.waitUntil(search.hasFocus, timeout=5000)
    # What was searched before is selected: the clerk types over it.
    assert search.selectedText() == "Nguyễn"
    type_text(search, "Lê")
    assert search.text() == "Lê"


def test_f3_inside_intake_opens_the_list_not_the_procedure(qtbot, window) -> None:
    press(qtbot, window, Qt.Key.Key_F2)
    assert window.current_page() == PAGE_INTAKE
    intake = window.intake
    assert intake is not None
    qtbot.waitUntil(intake.picker.search.hasFocus, timeout=5000)

    press(qtbot, window, Qt.Key.Key_F3)  # an ambiguous F3 would do nothing and warn
    assert window.current_page() == PAGE_LIST
    qtbot.waitUntil(window.dossier_list.search.hasFocus, timeout=5000)


def test_alt_1_goes_to_the_procedure_step_and_its_heading_says_so(qtbot, window) -> None:
    press(qtbot, window, Qt.Key.Key_F2)
    intake = window.intake
    assert intake is not None
    headings = [label.text() for label in intake.findChildren(QLabel)]
    assert any(text.startswith("1. Thủ tục") and "Alt+1" in text for text in headings)
    assert not any("F3" in text for text in headings)

    picker_search = intake.picker.search
    other = next(
        edit
        for edit in intake.findChildren(QLineEdit)
        if edit is not picker_search and edit.isVisible() and edit.isEnabled()
    )
    other.setFocus()
    qtbot.waitUntil(other.hasFocus, timeout=5000)

    press(qtbot, window, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(picker_search.hasFocus, timeout=5000)
    assert window.current_page() == PAGE_INTAKE
