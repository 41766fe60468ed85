"""Issue 13, item 5: a scan that lost letters on the way is refused, never filled in.

A synthetic keyboard-wedge scanner types as a HID scanner does: for a capital or a shifted
symbol it presses Shift as a key of its own (the HID report's modifier bit), then the key,
then releases both, a few milliseconds apart. A letter the computer's keyboard layout does
not have arrives as a key press without text ("Bùi Thị Lan" → "Bi Th Lan"); in its "Alt
mode" it types Alt + numpad digits, which Windows composes into the character (delivered
on its own, key 0) and X11 does not.
"""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from desk.ui.main_window import PAGE_INTAKE, MainWindow
from desk.ui.scanner import ScanListener
from tests.ui.intake_helpers import Clock, focused, key_event, send_text
from tests.ui.one_field import shown_line_edit

# A woman born 1990 (4th digit 1), registered in Hà Nội (001): the "Bùi Thị Lan".
QR = "001190012345|012345678|Bùi Thị Lan|15031990|Nữ|Thôn Đông, Xã Yên Lạc, Tỉnh Phú Thọ|10052022"
CODE = "000.17.22.H56-261120-0007"
TODAY = date(2026, 11, 20)
LOST = "ùị"  # the letters this scanner's keyboard layout cannot type

Press, Release = QEvent.Type.KeyPress, QEvent.Type.KeyRelease
NO_MODS = Qt.KeyboardModifier.NoModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier
ALT_KEYPAD = ALT | Qt.KeyboardModifier.KeypadModifier
SHIFTED = set('~!@#$%^&*()_+{}|:"<>?')


class HidScanner:
    """Sends what the desk sees of a HID scanner, 2 ms between events (event timestamps).

    ``lost`` says how a letter of ``LOST`` arrives: ``"no-text"`` (a key the layout has no
    character for), ``"alt-windows"`` (Alt + numpad digits, then the composed character),
    ``"alt-x11"`` (Alt + numpad digits, nothing composed); None: it arrives whole."""

    def __init__(self, target: QWidget, *, lost: str | None = None, gap_ms: int = 2):
        self.target = target
        self.lost = lost
        self.gap_ms = gap_ms

    def _send(self, kind: QEvent.Type, key: int, text: str = "", mods=NO_MODS) -> None:
        at = Clock.advance(self.gap_ms)
        QApplication.sendEvent(self.target, key_event(kind, key, text, mods, at=at))

    def _tap(self, key: int, text: str = "", mods=NO_MODS) -> None:
        self._send(Press, key, text, mods)
        self._send(Release, key, text, mods)

    def _ascii(self, ch: str) -> None:
        key = ord(ch.upper()) if ch.isalpha() else ord(ch)
        if ch.isupper() or ch in SHIFTED:
            self._send(Press, Qt.Key.Key_Shift)  # Shift alone, no text: the modifier bit
            self._tap(key, ch, SHIFT)
            self._send(Release, Qt.Key.Key_Shift, "", SHIFT)
        else:
            self._tap(key, ch)

    def _alt_code(self, ch: str, *, digit_text: bool) -> None:
        self._send(Press, Qt.Key.Key_Alt)
        for digit in str(ord(ch)):
            self._tap(Qt.Key.Key_0 + int(digit), digit if digit_text else "", ALT_KEYPAD)
        self._send(Release, Qt.Key.Key_Alt, "", ALT)

    def type(self, payload: str, *, enter: bool = True) -> None:
        for ch in payload:
            if ch.isascii():
                self._ascii(ch)
            elif ch not in LOST or self.lost is None:
                self._tap(0, ch)  # a letter the layout has
            elif self.lost == "no-text":
                self._tap(0)  # the key press arrives; its letter does not
            elif self.lost == "alt-windows":
                self._alt_code(ch, digit_text=False)
                self._tap(0, ch)  # Windows composes it and sends it on its own
            else:
                self._alt_code(ch, digit_text=True)  # X11: nothing composed
        if enter:
            self._tap(Qt.Key.Key_Return, "\r")


@pytest.fixture
def listener(qapp):
    scanner = ScanListener(today=lambda: TODAY)
    qapp.installEventFilter(scanner)
    yield scanner
    qapp.removeEventFilter(scanner)


@pytest.fixture
def field(qtbot):
    return shown_line_edit(qtbot)


def test_a_card_with_letters_lost_is_refused_and_types_nothing(qtbot, listener, field) -> None:
    with (
        qtbot.assertNotEmitted(listener.id_card_scanned),
        qtbot.waitSignal(listener.scan_rejected, timeout=2000) as rejected,
    ):
        HidScanner(field, lost="no-text").type(QR)
    assert rejected.args == [listener.dropped_keys_message()]
    assert "thiếu chữ" in rejected.args[0] and "quét lại" in rejected.args[0]
    qtbot.waitUntil(lambda: not listener.holding, timeout=2000)
    assert field.text() == ""


def test_the_same_card_scanned_whole_is_read_shift_keys_and_all(qtbot, listener, field) -> None:
    # Every capital comes with a Shift press of its own (no text): not a letter lost.
    with (
        qtbot.assertNotEmitted(listener.scan_rejected),
        qtbot.waitSignal(listener.id_card_scanned, timeout=2000) as scanned,
    ):
        HidScanner(field).type(QR)
    assert scanned.args[0].full_name == "Bùi Thị Lan"
    assert scanned.args[0].sex.value == "Nữ"
    assert field.text() == ""


def test_windows_alt_codes_compose_the_letter_and_are_read(qtbot, listener, field) -> None:
    with (
        qtbot.assertNotEmitted(listener.scan_rejected),
        qtbot.waitSignal(listener.id_card_scanned, timeout=2000) as scanned,
    ):
        HidScanner(field, lost="alt-windows").type(QR)
    assert scanned.args[0].full_name == "Bùi Thị Lan"


@pytest.mark.parametrize("enter", [True, False])
def test_alt_codes_that_compose_nothing_are_letters_lost(qtbot, listener, field, enter) -> None:
    with (
        qtbot.assertNotEmitted(listener.id_card_scanned),
        qtbot.waitSignal(listener.scan_rejected, timeout=2000) as rejected,
    ):
        HidScanner(field, lost="alt-x11").type(QR, enter=enter)
    assert rejected.args == [listener.dropped_keys_message()]
    assert field.text() == ""


def test_a_dossier_code_with_a_key_lost_does_not_open_a_dossier(qtbot, listener, field) -> None:
    scanner = HidScanner(field)
    with (
        qtbot.assertNotEmitted(listener.code_scanned),
        qtbot.waitSignal(listener.scan_rejected, timeout=2000) as rejected,
    ):
        scanner.type(CODE[:11], enter=False)
        scanner._tap(Qt.Key.Key_unknown)  # the "5": a key the layout maps to nothing
        scanner.type(CODE[12:])
    assert rejected.args == [listener.dropped_keys_message()]


def test_a_key_lost_just_before_the_burst_counts(qtbot, listener, field) -> None:
    scanner = HidScanner(field)
    with (
        qtbot.assertNotEmitted(listener.id_card_scanned),
        qtbot.waitSignal(listener.scan_rejected, timeout=2000) as rejected,
    ):
        scanner._tap(0)  # the payload's first letter, lost
        scanner.type(QR[1:])
    assert rejected.args == [listener.dropped_keys_message()]
    assert field.text() == ""


def test_a_person_pressing_an_arrow_while_typing_fast_is_still_typing(
    qtbot, listener, field
) -> None:
    with qtbot.assertNotEmitted(listener.scan_rejected):
        send_text(field, "ab", gap_ms=20)  # rollover: keys 20 ms apart
        at = Clock.advance(20)
        QApplication.sendEvent(field, key_event(Press, Qt.Key.Key_Left, at=at))
        QApplication.sendEvent(field, key_event(Release, Qt.Key.Key_Left, at=at + 1))
        send_text(field, "c")
        qtbot.waitUntil(lambda: field.text() == "acb", timeout=2000)
        qtbot.waitUntil(lambda: not listener.holding, timeout=2000)


def test_an_alt_code_digit_is_not_an_alt_digit_shortcut(qtbot, listener, field) -> None:
    """Windows' Alt mode types Alt+numpad 1 for "1…": Qt would take it for Alt+1 (the
    intake's first step) when no widget asks for it."""
    fired = []
    shortcut = QShortcut(QKeySequence("Alt+1"), field.window())
    shortcut.activated.connect(lambda: fired.append(True))
    handle = field.window().windowHandle()
    QTest.keyClick(handle, Qt.Key.Key_1, ALT_KEYPAD)
    QTest.keyClick(handle, Qt.Key.Key_1, ALT)  # the clerk's own Alt+1 still works
    assert fired == [True]


# --- in the desk: the intake form ------------------------------------------------------


@pytest.fixture
def desk_window(qtbot, ctx, clerk):
    scanner = ScanListener(today=lambda: TODAY)
    app = QApplication.instance()
    assert app is not None
    app.installEventFilter(scanner)
    window = MainWindow(ctx, clerk, scanner=scanner, idle_ms=0)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.new_intake()
    qtbot.waitUntil(lambda: window.current_page() == PAGE_INTAKE, timeout=10_000)
    yield window
    app.removeEventFilter(scanner)


@pytest.mark.qt_log_ignore(r"This plugin does not support (propagateSizeHints|raise|grabbing)")
def test_the_intake_refuses_the_scan_with_lost_letters_then_reads_it_whole(
    qtbot, desk_window
) -> None:
    intake = desk_window.intake
    intake.applicant.cells["id_number"].focus()
    qtbot.waitUntil(lambda: focused() is intake.applicant.cells["id_number"].editor)
    with (
        qtbot.assertNotEmitted(desk_window.scanner.id_card_scanned),
        qtbot.waitSignal(desk_window.scanner.scan_rejected, timeout=2000),
    ):
        HidScanner(focused(), lost="no-text").type(QR)
    # "Bi Th Lan" filled nothing: the clerk reads why next to the form (and only there).
    assert "thiếu chữ" in intake.banner.label.text()
    assert intake.banner.isVisible()
    assert "thiếu chữ" not in desk_window.banner.text()
    assert intake.applicant.is_empty()
    assert not intake.has_unsaved_input()
    # The scanner set right, the same card is read whole.
    with qtbot.waitSignal(desk_window.scanner.id_card_scanned, timeout=2000):
        HidScanner(focused()).type(QR)
    values = intake.applicant.values()
    assert values["full_name"] == "Bùi Thị Lan"
    assert values["id_number"] == "001190012345"
