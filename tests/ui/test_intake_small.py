"""Small things at the intake screen (issue 13, item 14): the form starts at its top for
the next citizen, nothing of the last one is left on screen, one banner at a time, and a
pick-list shows the value it took."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desk.domain.calendar import now_in_office
from desk.services import demo, intake
from desk.ui.main_window import MainWindow
from desk.ui.scanner import ScanListener
from tests.ui.intake_helpers import focused, press, send_text
from tests.ui.test_intake import (
    MORNING,
    MOTHER_QR,
    cell,
    choose_birth_registration,
    fill,
    make_view,
)

pytestmark = pytest.mark.qt_log_ignore(
    r"This plugin does not support (raise\(\)|raise|grabbing the keyboard|propagateSizeHints)"
)


@pytest.fixture
def listener(qapp):
    scanner = ScanListener(today=lambda: MORNING.date())
    qapp.installEventFilter(scanner)
    yield scanner
    qapp.removeEventFilter(scanner)


def a_birth_registration(ctx, clerk):
    generated = next(
        g for g in demo.generate(ctx, 40, seed=11) if g.request.procedure_code == "1.001193"
    )
    return intake.receive_dossier(ctx, generated.request, clerk, at=now_in_office())


def test_the_form_is_back_at_its_top_after_a_receipt(qtbot, ctx, clerk, listener) -> None:
    view = make_view(qtbot, ctx, clerk)
    view.holder.resize(1360, 560)  # a laptop's screen: the form scrolls even when empty
    choose_birth_registration(qtbot, view, listener)
    view.focus_key("note")  # the last field, at the bottom
    bar = view.entry.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.value() > 0)
    view.flows._on_recorded(a_birth_registration(ctx, clerk))  # what a receipt does
    assert bar.maximum() > 0
    assert bar.value() == 0
    assert focused() is view.picker.search


def test_a_message_and_the_draft_offer_share_one_place(qtbot, ctx, clerk) -> None:
    view = make_view(qtbot, ctx, clerk)
    view.draft_banner.show_message("Có một hồ sơ đang nhập dở.", level="warning")
    assert view.draft_banner.isVisible()
    view.banner.show_message("Chưa chọn thủ tục.", level="error")
    assert view.banner.isVisible() and not view.draft_banner.isVisible()
    view.banner.dismiss()  # the message closed: the offer is back
    assert view.draft_banner.isVisible() and not view.banner.isVisible()
    view.banner.show_message("Chưa chọn thủ tục.", level="error")
    view.draft_banner.show_message("Có hai hồ sơ đang nhập dở.", level="warning")
    assert view.draft_banner.isVisible() and not view.banner.isVisible()


def test_a_receipt_is_told_once_not_in_two_stacked_banners(qtbot, ctx, clerk) -> None:
    window = MainWindow(ctx, clerk, idle_ms=0)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.new_intake()
    screen = window.intake
    told: list[str] = []
    window.banner_shown.connect(told.append)
    with qtbot.waitSignal(window.preview_shown, timeout=20_000) as preview:
        screen.flows._on_recorded(a_birth_registration(ctx, clerk))  # type: ignore[union-attr]
    preview.args[0].close()
    assert "Đã tiếp nhận hồ sơ" in screen.banner.label.text()  # type: ignore[union-attr]
    assert told == []
    assert not window.banner.isVisible()


def test_a_scanned_card_is_told_once_at_intake(qtbot, ctx, clerk) -> None:
    window = MainWindow(ctx, clerk, idle_ms=0)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitActive(window)
    window.new_intake()
    screen = window.intake
    told: list[str] = []
    window.banner_shown.connect(told.append)
    target = QApplication.focusWidget() or window
    send_text(target, MOTHER_QR, gap_ms=3)
    press(target, Qt.Key.Key_Return, "\r", gap_ms=3)
    window.scanner.flush()  # type: ignore[union-attr]
    assert "Nguyễn Thị Hoa" in screen.banner.label.text()  # type: ignore[union-attr]
    assert told == []


def test_nothing_of_the_discarded_intake_stays(qtbot, ctx, clerk, listener) -> None:
    view = make_view(qtbot, ctx, clerk)
    choose_birth_registration(qtbot, view, listener)
    fill(qtbot, listener, view, {"applicant.full_name": "Đỗ Văn Hùng"})
    view.discard()  # «Hủy, nhập hồ sơ khác»: the banner asks first
    assert view.banner.isVisible()
    view.start_new(keep_draft=False)  # … and the clerk starts anew another way (F2)
    assert not view.banner.isVisible()  # the question about the old intake is gone
    assert view.entry.form_group.title() == "3. Tờ khai"
    assert view.entry.form_placeholder.text().startswith("Chọn thủ tục")
    assert view.preview.procedure_label.text() == "Chưa chọn thủ tục"
    # No «Hẹn trả kết quả» heading over a dash: there is nothing to promise.
    assert not view.preview.due_caption.isVisible()
    assert not view.preview.due_label.isVisible()
    assert view.outcome.problems_caption.text() == ""


@pytest.mark.parametrize(("typed", "shown"), [("nu", "Nữ"), ("NAM", "Nam")])
def test_after_tab_the_pick_list_shows_the_value_it_took(
    qtbot, ctx, clerk, listener, typed: str, shown: str
) -> None:
    view = make_view(qtbot, ctx, clerk)
    choose_birth_registration(qtbot, view, listener)
    sex = cell(view, "child.sex").editor
    line = sex.lineEdit()
    line.setFocus()
    send_text(line, typed)
    listener.flush()
    press(line, Qt.Key.Key_Tab, "\t")
    qtbot.waitUntil(lambda: not sex.hasFocus())
    assert sex.currentText() == shown
    assert line.text() == shown
    assert sex.currentIndex() == sex.findText(shown)


def test_an_unknown_value_is_left_as_typed_for_its_message(qtbot, ctx, clerk, listener) -> None:
    view = make_view(qtbot, ctx, clerk)
    choose_birth_registration(qtbot, view, listener)
    sex = cell(view, "child.sex").editor
    line = sex.lineEdit()
    line.setFocus()
    send_text(line, "xyz")
    listener.flush()
    press(line, Qt.Key.Key_Tab, "\t")
    qtbot.waitUntil(lambda: not sex.hasFocus())
    assert line.text() == "xyz"  # not silently replaced: the field says what is wrong


@pytest.mark.parametrize(
    ("copies", "fee"),
    [("2", "Phí cấp bản sao trích lục hộ tịch: 16.000 đồng"), ("", "miễn"), ("0", "miễn")],
)
def test_extract_copies_asked_with_a_birth_registration_are_charged(
    qtbot, ctx, clerk, listener, copies: str, fee: str
) -> None:
    """Registering a birth is free on time; each copy of the extract asked with it costs
    the extract-copy fee (8.000 đ, Thông tư 281/2016/TT-BTC): two copies are not «miễn»."""
    view = make_view(qtbot, ctx, clerk)
    choose_birth_registration(qtbot, view, listener)
    if copies:
        fill(qtbot, listener, view, {"extract_copies": copies})
    view.revalidate()
    assert fee in view.preview.fee_label.text()
    if fee == "miễn":
        assert "đồng" not in view.preview.fee_label.text()


def test_on_the_intake_screen_the_window_speaks_in_the_screens_banner(qtbot, ctx, clerk) -> None:
    """One banner: what the window says while the intake is on screen (the slip printed, a
    print failing) goes into the intake's banner, after what was just recorded."""
    window = MainWindow(ctx, clerk, idle_ms=0)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.new_intake()
    screen = window.intake
    screen.tell_done("Đã tiếp nhận hồ sơ X, hẹn trả 17 giờ 00 phút.")  # type: ignore[union-attr]
    window.show_banner("Đã gửi 1 trang tới máy in A.", ok=True)
    banner = screen.banner  # type: ignore[union-attr]
    assert not window.banner.isVisible()
    assert banner.isVisible()
    assert banner.label.text() == (
        "Đã tiếp nhận hồ sơ X, hẹn trả 17 giờ 00 phút. Đã gửi 1 trang tới máy in A."
    )
    window.show_banner("Không in được: hết giấy.", ok=False)
    assert not window.banner.isVisible()
    assert banner.label.text() == "Không in được: hết giấy." and banner.property("level") == "error"
    window.show_today()  # elsewhere the window's own banner speaks
    window.show_banner("Đã lưu cài đặt.", ok=True)
    assert window.banner.isVisible()
