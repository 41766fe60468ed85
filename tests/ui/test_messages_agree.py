"""What the desk says agrees with what just happened (issue 13, item 6): a hand-back that
went through says nothing red, shows who collected; the banner and the side panel count
the same problems; the next citizen does not see the previous one's success; a rejected
scan is told once; a manual lock does not blame idleness."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QObject, Signal

from desk.domain.calendar import now_in_office
from desk.domain.status import Status
from desk.services import demo, dossiers, intake
from desk.services.handover import Satisfaction
from desk.ui.handback import HandBackView
from desk.ui.main_window import PAGE_HANDBACK, PAGE_INTAKE, MainWindow
from desk.ui.scanner import ScanListener
from tests.ui.intake_helpers import focused, send_text
from tests.ui.test_intake import MORNING, choose_birth_registration, fill, make_view, tick

pytestmark = pytest.mark.qt_log_ignore(
    r"This plugin does not support (raise\(\)|raise|grabbing the keyboard|propagateSizeHints)"
)

PROXY_ID = "001090012345"


@pytest.fixture
def listener(qapp):
    scanner = ScanListener(today=lambda: MORNING.date())
    qapp.installEventFilter(scanner)
    yield scanner
    qapp.removeEventFilter(scanner)


@pytest.fixture
def ready(ctx, clerk):
    """Two birth registrations with their results ready to hand back."""
    codes = []
    for generated in demo.generate(ctx, 40, seed=11):
        if generated.request.procedure_code == "1.001193":
            dossier = intake.receive_dossier(ctx, generated.request, clerk)
            code = str(dossier.code)
            dossiers.change_status(ctx, code, Status.PROCESSING, clerk)
            dossiers.change_status(ctx, code, Status.RESULT_READY, clerk)
            codes.append(code)
        if len(codes) == 2:
            return codes
    raise AssertionError("not enough birth registrations in the demo sample")


def hand_back_view(qtbot, ctx, clerk) -> HandBackView:
    view = HandBackView(ctx, clerk)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    return view


def select(qtbot, view: HandBackView, code: str) -> None:
    with qtbot.waitSignal(view.dossier_selected, timeout=10_000):
        view.select_code(code)


def hand_back_to_proxy(qtbot, view: HandBackView) -> None:
    view.proxy_radio.setChecked(True)
    view.proxy_name.setText("Trần Văn Bình")
    view.proxy_id.setText(PROXY_ID)
    view.proxy_relation.setText("con trai")
    view.rating_buttons[Satisfaction.NEUTRAL].click()
    with qtbot.waitSignal(view.returned, timeout=15_000):
        view.confirm_button.click()


# --- hand-back ----------------------------------------------------------------------------


def test_a_hand_back_that_went_through_says_nothing_red(qtbot, ctx, clerk, ready) -> None:
    view = hand_back_view(qtbot, ctx, clerk)
    select(qtbot, view, ready[0])
    hand_back_to_proxy(qtbot, view)
    assert "Đã trả kết quả hồ sơ" in view.message.text()
    assert view.message.objectName() == "bannerInfo"  # green
    assert view.check.text() == ""  # no "Hồ sơ này chưa thể trả kết quả." under it
    assert not view.confirm_button.isEnabled()


def test_after_a_proxy_collected_the_form_shows_the_proxy(qtbot, ctx, clerk, ready) -> None:
    view = hand_back_view(qtbot, ctx, clerk)
    select(qtbot, view, ready[0])
    hand_back_to_proxy(qtbot, view)
    assert view.proxy_radio.isChecked() and not view.applicant_radio.isChecked()
    assert view.proxy_name.text() == "Trần Văn Bình"
    assert view.proxy_id.text() == PROXY_ID
    assert view.proxy_relation.text() == "con trai"
    assert view.rating_buttons[Satisfaction.NEUTRAL].isChecked()
    # The same when the returned dossier is looked up again later.
    select(qtbot, view, ready[0])
    assert view.proxy_radio.isChecked()
    assert view.proxy_name.text() == "Trần Văn Bình"
    assert view.rating_buttons[Satisfaction.NEUTRAL].isChecked()
    # And a dossier collected by its applicant shows the applicant.
    select(qtbot, view, ready[1])
    view.rating_buttons[Satisfaction.SATISFIED].click()
    with qtbot.waitSignal(view.returned, timeout=15_000):
        view.confirm_button.click()
    assert view.applicant_radio.isChecked()
    assert view.proxy_name.text() == ""


def test_f4_after_a_hand_back_starts_with_an_empty_form(qtbot, ctx, clerk, ready) -> None:
    window = MainWindow(ctx, clerk, idle_ms=0)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.open_hand_back()
    view = window.handback
    select(qtbot, view, ready[0])
    view.rating_buttons[Satisfaction.SATISFIED].click()
    with qtbot.waitSignal(view.returned, timeout=15_000):
        view.confirm_button.click()
    window.show_today()  # the next citizen …
    window.open_hand_back()  # … F4
    assert window.current_page() == PAGE_HANDBACK
    assert view.dossier is None
    assert view.code.text() == ""
    assert view.summary["code"].text() == "—"
    assert not view.message.isVisible()
    assert view.check.text() == "Quét hoặc nhập mã hồ sơ." and view.check.styleSheet() == ""


# --- intake -------------------------------------------------------------------------------


def _count(text: str) -> int:
    found = re.search(r"(\d+) mục cần sửa", text)
    assert found, text
    return int(found.group(1))


def test_banner_and_side_panel_count_the_same_problems(qtbot, ctx, clerk, listener) -> None:
    view = make_view(qtbot, ctx, clerk)
    choose_birth_registration(qtbot, view, listener)
    fill(qtbot, listener, view, {"applicant.full_name": "Đỗ Văn Hùng"})
    tick(view, "TK")  # no proof of birth: a paper missing as well as the form's errors
    view.receive()
    banner = _count(view.banner.label.text())
    panel = _count(view.outcome.problems_caption.text())
    red = sum(
        1
        for row in range(view.outcome.problems.count())
        if view.outcome.problems.item(row).text().startswith("✖")
    )
    assert banner == panel == red


def test_the_next_citizen_does_not_see_the_previous_success(qtbot, ctx, clerk, listener) -> None:
    view = make_view(qtbot, ctx, clerk)
    generated = next(
        g for g in demo.generate(ctx, 40, seed=11) if g.request.procedure_code == "1.001193"
    )
    dossier = intake.receive_dossier(ctx, generated.request, clerk, at=now_in_office())
    view.flows._on_recorded(dossier)  # what a receipt leaves on screen
    assert view.banner.isVisible() and str(dossier.code) in view.banner.label.text()
    assert focused() is view.picker.search
    send_text(view.picker.search, "ket hon")  # the next citizen's procedure
    listener.flush()
    assert not view.banner.isVisible()


def test_the_success_goes_when_a_new_intake_starts(qtbot, ctx, clerk) -> None:
    view = make_view(qtbot, ctx, clerk)
    view.banner.show_message("Đã tiếp nhận hồ sơ X.", level="success")
    view.start_new()
    assert not view.banner.isVisible()


def test_an_error_stays_while_the_clerk_types(qtbot, ctx, clerk, listener) -> None:
    view = make_view(qtbot, ctx, clerk)
    choose_birth_registration(qtbot, view, listener)
    view.receive()
    assert view.banner.isVisible()
    fill(qtbot, listener, view, {"applicant.full_name": "Đỗ Văn Hùng"})
    assert view.banner.isVisible()  # an error is not a past success: it stays


# --- the window: scans, lock --------------------------------------------------------------


class StubScanner(QObject):
    code_scanned = Signal(str)
    id_card_scanned = Signal(object)
    scan_rejected = Signal(str)


def test_a_rejected_scan_is_told_once(qtbot, ctx, clerk) -> None:
    stub = StubScanner()
    window = MainWindow(ctx, clerk, idle_ms=0, scanner=stub)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.new_intake()
    assert window.current_page() == PAGE_INTAKE
    shown: list[str] = []
    window.banner_shown.connect(shown.append)
    stub.scan_rejected.emit("Máy quét gửi thiếu ký tự.")
    assert "Máy quét gửi thiếu ký tự." in window.intake.banner.label.text()  # type: ignore[union-attr]
    assert shown == []  # not a second time in the window's banner
    # Elsewhere the window's banner tells it (there is no intake banner to see).
    window.show_today()
    stub.scan_rejected.emit("Máy quét gửi thiếu ký tự.")
    assert len(shown) == 1 and "Máy quét gửi thiếu ký tự." in shown[0]


def test_a_manual_lock_says_who_locked_and_the_idle_lock_says_idle(qtbot, ctx, clerk) -> None:
    window = MainWindow(ctx, clerk, idle_ms=60_000)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.lock()  # «Khóa máy», Ctrl+L
    text = window.lock_screen.explanation.text()
    assert "không sử dụng" not in text.lower()
    assert f"{clerk.full_name} đã khóa máy" in text
    window.unlock()
    window.idle.set_timeout(50)  # then nobody touches the desk
    qtbot.waitUntil(lambda: window.locked, timeout=5000)
    text = window.lock_screen.explanation.text()
    assert "Không sử dụng trong một thời gian" in text
    assert "đã khóa máy" not in text
