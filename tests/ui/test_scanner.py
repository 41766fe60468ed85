"""The scanner listener: a burst is a scan, typing passes through untouched."""

from __future__ import annotations

import unicodedata
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from desk.domain.telex import telex_traces
from desk.ui.main_window import PAGE_INTAKE, MainWindow
from desk.ui.scanner import ScanListener, interpret_scan
from tests.ui.intake_helpers import SCANNER_MS, focused, press, scan, send_text
from tests.ui.one_field import shown_line_edit

CODE = "000.17.22.H56-261120-0007"
# A man born 1990 (4th digit 0), registered in Hà Nội (001).
QR = (
    "001090012345|012345678|Trần Văn Bình|15031990|Nam|Thôn Đông, Xã Yên Lạc, Tỉnh Phú Thọ|10052022"
)
TODAY = date(2026, 11, 20)


@pytest.fixture
def listener(qapp):
    scanner = ScanListener(today=lambda: TODAY)
    qapp.installEventFilter(scanner)
    yield scanner
    qapp.removeEventFilter(scanner)


@pytest.fixture
def field(qtbot):
    return shown_line_edit(qtbot, others=1)


def test_typing_passes_through_in_order(qtbot, listener, field) -> None:
    with (
        qtbot.assertNotEmitted(listener.code_scanned),
        qtbot.assertNotEmitted(listener.scan_rejected),
    ):
        send_text(field, "Nguyễn Thị Đào 12")
        qtbot.waitUntil(lambda: field.text() == "Nguyễn Thị Đào 12", timeout=2000)
        press(field, Qt.Key.Key_Return, "\r")
        # Nothing held and no burst pending: nothing can be emitted any more.
        qtbot.waitUntil(lambda: not listener.holding, timeout=2000)
    assert field.text() == "Nguyễn Thị Đào 12"


def test_fast_pair_of_keys_is_still_typing(qtbot, listener, field) -> None:
    send_text(field, "th", gap_ms=20)  # key rollover: two keys 20 ms apart
    send_text(field, "anh")
    qtbot.waitUntil(lambda: field.text() == "thanh", timeout=2000)


def test_backspace_and_arrows_of_a_person_work(qtbot, listener, field) -> None:
    send_text(field, "abc")
    press(field, Qt.Key.Key_Backspace)
    press(field, Qt.Key.Key_Left)
    send_text(field, "x")
    qtbot.waitUntil(lambda: field.text() == "axb", timeout=2000)


def test_burst_of_a_dossier_code_is_a_scan_and_leaves_no_characters(qtbot, listener, field) -> None:
    send_text(field, "ab")
    qtbot.waitUntil(lambda: field.text() == "ab", timeout=2000)
    with qtbot.waitSignal(listener.code_scanned, timeout=2000) as scanned:
        scan(field, CODE.lower())
    assert scanned.args == [CODE]
    qtbot.waitUntil(lambda: not listener.holding, timeout=2000)
    assert field.text() == "ab"


def test_id_card_burst_with_shifted_pipes(qtbot, listener, field) -> None:
    with qtbot.waitSignal(listener.id_card_scanned, timeout=2000) as scanned:
        scan(field, QR)
    card = scanned.args[0]
    assert card.full_name == "Trần Văn Bình"
    assert card.id_number == "001090012345"
    assert card.warnings == ()
    assert field.text() == ""


def test_scanner_without_enter_is_recognised_after_a_pause(qtbot, listener, field) -> None:
    with qtbot.waitSignal(listener.code_scanned, timeout=2000):
        scan(field, CODE, enter=False)
    assert field.text() == ""


def test_long_unknown_burst_is_rejected_not_typed(qtbot, listener, field) -> None:
    with qtbot.waitSignal(listener.scan_rejected, timeout=2000) as rejected:
        scan(field, "8934567890123")  # a product barcode
    assert "không phải mã hồ sơ" in rejected.args[0]
    assert field.text() == ""


def test_input_method_backspaces_inside_a_burst_are_reported(qtbot, listener, field) -> None:
    # Unikey (Telex) turning "aa" into "â": it erases the letter and types the new one.
    head, tail = QR.split("Văn")
    with qtbot.waitSignal(listener.scan_rejected, timeout=2000) as rejected:
        send_text(field, head + "Va", gap_ms=SCANNER_MS)
        press(field, Qt.Key.Key_Backspace, "\b", gap_ms=SCANNER_MS)
        send_text(field, "ăn" + tail, gap_ms=SCANNER_MS)
        press(field, Qt.Key.Key_Return, "\r", gap_ms=SCANNER_MS)
    assert "bộ gõ tiếng Việt" in rejected.args[0]
    assert field.text() == ""


def test_telex_leftovers_in_a_burst_are_reported(qtbot, listener, field) -> None:
    with qtbot.waitSignal(listener.scan_rejected, timeout=2000) as rejected:
        scan(field, QR.replace("Bình", "Bìnhf"))
    assert "Bìnhf" in rejected.args[0]
    assert "tắt bộ gõ" in rejected.args[0]


def test_autorepeat_is_typing(qtbot, listener, field) -> None:
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QKeyEvent

    for _ in range(10):
        event = QKeyEvent(
            QEvent.Type.KeyPress, Qt.Key.Key_A, Qt.KeyboardModifier.NoModifier, "a", True
        )
        QApplication.sendEvent(field, event)
    assert field.text() == "a" * 10


def test_enter_of_a_scan_does_not_trigger_shortcuts(qtbot, listener, field) -> None:
    window = field.window()
    fired = []
    shortcut = QShortcut(QKeySequence(Qt.Key.Key_Return), window)
    shortcut.activated.connect(lambda: fired.append(True))
    handle = window.windowHandle()
    with qtbot.waitSignal(listener.code_scanned, timeout=2000):
        for ch in CODE:
            QTest.keyClick(handle, ch)  # type: ignore[call-overload]  # a char: Qt takes it
        QTest.keyClick(handle, Qt.Key.Key_Return)
    assert field.text() == ""
    assert fired == []


def test_platform_path_typing_reaches_the_field(qtbot, listener, field) -> None:
    handle = field.window().windowHandle()
    for ch in "abc":
        QTest.keyClick(handle, ch, Qt.KeyboardModifier.NoModifier, 60)  # type: ignore[call-overload]
    qtbot.waitUntil(lambda: field.text() == "abc", timeout=2000)


def test_disabled_listener_lets_everything_through(qtbot, listener, field) -> None:
    listener.enabled = False
    scan(field, CODE)
    assert field.text() == CODE


# --- what a payload is ---------------------------------------------------------------


def test_interpret_dossier_code_and_card() -> None:
    assert interpret_scan(" " + CODE + "\r").code == CODE
    verdict = interpret_scan(QR, today=TODAY)
    assert verdict.kind == "id_card" and verdict.card is not None
    assert verdict.card.birth_date == date(1990, 3, 15)


def test_decomposed_accents_are_composed_and_reported() -> None:
    verdict = interpret_scan(unicodedata.normalize("NFD", QR), today=TODAY)
    assert verdict.kind == "id_card" and verdict.card is not None
    assert verdict.card.full_name == "Trần Văn Bình"
    assert [w.code for w in verdict.card.warnings] == ["scan.decomposed"]


@pytest.mark.parametrize(
    ("payload", "expected"),
    [
        (QR.replace("Trần", "Trầàn"), "bộ gõ"),  # two tone marks in one syllable
        (QR.replace("Đông", "Đôngs"), "bộ gõ"),  # tone key left behind
        (QR.replace("Văn", "Vawn"), "«Vawn»"),  # Telex "aw" that nothing composed
        (QR.replace("|Nam|", "|Nâm|"), "giới tính"),  # "aa" → "â" in the sex field
        (QR.replace("Bình", "Bình" + "\u0302\u0301"), "bộ gõ"),  # marks that do not compose
        (QR.encode("utf-8").decode("cp1252", errors="replace"), "bảng mã"),
        (QR.replace("|", "", 1), "7 trường"),
        (QR.replace("001090012345", "00109001234"), "12 chữ số"),
    ],
)
def test_mangled_payloads_are_refused(payload: str, expected: str) -> None:
    verdict = interpret_scan(payload, today=TODAY)
    assert verdict.kind == "rejected"
    assert expected in verdict.message


def test_minority_names_and_places_are_not_flagged() -> None:
    text = "Y Moan Ênuôl, Buôn Ma Thuột, Đắk Lắk, Krông Búk, H'Hen Niê, Kđăm, Rơ Chăm, xoong"
    assert telex_traces(text) == []
    card = interpret_scan(QR.replace("Thôn Đông", text), today=TODAY).card
    assert card is not None and card.address.startswith("Y Moan Ênuôl")


# --- issue 9: what the card may carry, and what it may not ---------------------------------


@pytest.mark.parametrize("enter", [True, False])
def test_a_trailing_bar_is_read_as_the_card(qtbot, listener, field, enter: bool) -> None:
    with qtbot.waitSignal(listener.id_card_scanned, timeout=2000) as scanned:
        scan(field, QR + "|", enter=enter)
    assert scanned.args[0].issue_date == date(2022, 5, 10)
    assert field.text() == ""


def test_a_twelve_digit_old_number_is_read(qtbot, listener, field) -> None:
    with qtbot.waitSignal(listener.id_card_scanned, timeout=2000) as scanned:
        scan(field, QR.replace("|012345678|", "|001090054321|"))
    assert scanned.args[0].old_id_number == "001090054321"


def test_telex_damage_in_the_address_is_refused(qtbot, listener, field) -> None:
    damaged = QR.replace("Thôn Đông", "Thoon DDoong")
    with (
        qtbot.assertNotEmitted(listener.id_card_scanned),
        qtbot.waitSignal(listener.scan_rejected, timeout=2000) as rejected,
    ):
        scan(field, damaged)
    assert "«Thoon»" in rejected.args[0] and "«DDoong»" in rejected.args[0]
    assert "tắt bộ gõ" in rejected.args[0]
    assert field.text() == ""


def test_an_id_number_born_in_the_future_is_refused() -> None:
    payload = "025395012345||Hoàng Thị Đào|02011995|Nữ|Thôn Đông, Xã Yên Lạc|10052022"
    verdict = interpret_scan(payload, today=TODAY)
    assert verdict.kind == "rejected"
    assert "2095" in verdict.message


@pytest.fixture
def desk_window(qtbot, ctx, clerk):
    """The desk's main window with its intake open, the scanner wired as in the app."""
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
@pytest.mark.parametrize(
    ("damage", "reason"),
    [
        (("Thôn Đông", "Thoon DDoong"), "«Thoon», «DDoong»"),
        (("Trần Văn Bình", "Traafn Vawn Bifnh"), "«Traafn», «Vawn», «Bifnh»"),
        (("001090012345", "025395012345"), "năm sinh 2095"),
        (("|012345678|", "|0123456789|"), "9 hoặc 12 chữ số"),
        (("|10052022", "|10052022|x"), "đúng 7 trường"),
    ],
)
def test_a_damaged_card_scanned_into_the_intake_fills_nothing_and_says_why(
    qtbot, desk_window, damage: tuple[str, str], reason: str
) -> None:
    intake = desk_window.intake
    assert intake.applicant.is_empty()
    intake.applicant.cells["id_number"].focus()
    qtbot.waitUntil(lambda: focused() is intake.applicant.cells["id_number"].editor)
    with (
        qtbot.assertNotEmitted(desk_window.scanner.id_card_scanned),
        qtbot.waitSignal(desk_window.scanner.scan_rejected, timeout=2000),
    ):
        scan(focused(), QR.replace(*damage))
    # The clerk reads the reason once, in the intake's own message next to the form.
    assert reason in intake.banner.label.text()
    assert intake.banner.isVisible()
    assert reason not in desk_window.banner.text()
    # Nothing from the card went anywhere: not a field filled, not a key typed.
    assert intake.applicant.is_empty()
    assert not intake.has_unsaved_input()


@pytest.mark.qt_log_ignore(r"This plugin does not support (propagateSizeHints|raise|grabbing)")
def test_a_card_with_a_trailing_bar_fills_the_intake(qtbot, desk_window) -> None:
    intake = desk_window.intake
    intake.applicant.cells["id_number"].focus()
    qtbot.waitUntil(lambda: focused() is intake.applicant.cells["id_number"].editor)
    with qtbot.waitSignal(desk_window.scanner.id_card_scanned, timeout=2000):
        scan(focused(), QR + "|")
    values = intake.applicant.values()
    assert values["full_name"] == "Trần Văn Bình"
    assert values["id_number"] == "001090012345"
    assert values["address"] == "Thôn Đông, Xã Yên Lạc, Tỉnh Phú Thọ"
