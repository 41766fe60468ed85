"""The main window: today's figures, the keyboard shortcuts, the scanner, the list, the
print preview after a transition, and what supervisors see."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from desk.domain.calendar import now_in_office
from desk.domain.office import Role, User
from desk.domain.status import Status
from desk.services import demo, dossiers, intake
from desk.services.dossier_list import Period
from desk.ui.main_window import (
    PAGE_DOSSIER,
    PAGE_HANDBACK,
    PAGE_INTAKE,
    PAGE_LIST,
    PAGE_SYNC,
    PAGE_TODAY,
    MainWindow,
)
from desk.ui.printouts import StopNoticeDialog

pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)"
)


def scan(window: QWidget, payload: str) -> None:
    """A keyboard-wedge scanner: the payload typed in a fast burst, then Enter."""
    target = QApplication.focusWidget() or window
    for ch in payload:
        QApplication.sendEvent(
            target, QKeyEvent(QEvent.Type.KeyPress, 0, Qt.KeyboardModifier.NoModifier, ch)
        )
    QApplication.sendEvent(
        target, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier)
    )


def press(qtbot, window: QWidget, key: Qt.Key) -> None:
    """A function key pressed in the active window (goes through Qt's shortcut map)."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    qtbot.keyClick(QApplication.focusWidget() or window, key)


@pytest.fixture
def office(ctx, clerk):
    received = [
        intake.receive_dossier(ctx, generated.request, clerk, at=now_in_office())
        for generated in demo.generate(ctx, 4, seed=2)
    ]
    return received


@pytest.fixture
def window(qtbot, ctx, clerk, office):
    main = MainWindow(ctx, clerk, idle_ms=0)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitUntil(lambda: main.today.values["received"].text() == "4", timeout=10_000)
    return main


def test_window_shows_office_and_today_figures(window) -> None:
    assert window.today.values["received"].text() == "4"
    assert window.today.values["returned"].text() == "0"
    assert window.today.values["waiting_for_sync"].text() == "4"
    assert window.today.values["overdue"].text() == "0"
    assert "UBND XÃ YÊN LẠC" in window.windowTitle()
    assert "Nguyễn Thị Hương" in window.statusBar().currentMessage()
    assert window.current_page() == PAGE_TODAY


def test_today_tile_opens_the_filtered_list(qtbot, window) -> None:
    with qtbot.waitSignal(window.dossier_list.model.page_loaded, timeout=10_000):
        window.today.period_requested.emit(Period.RECEIVED_TODAY)
    assert window.current_page() == PAGE_LIST
    assert window.dossier_list.period.currentData() is Period.RECEIVED_TODAY
    assert window.dossier_list.model.rowCount() == 4
    assert window.dossier_list.info.text() == "4 hồ sơ."


def test_function_keys_switch_screens(qtbot, window) -> None:
    press(qtbot, window, Qt.Key.Key_F4)
    assert window.current_page() == PAGE_HANDBACK
    press(qtbot, window, Qt.Key.Key_F3)
    assert window.current_page() == PAGE_LIST
    press(qtbot, window, Qt.Key.Key_F2)
    assert window.current_page() == PAGE_INTAKE
    press(qtbot, window, Qt.Key.Key_F1)
    assert window.current_page() == PAGE_TODAY


def test_scanning_a_slip_opens_the_dossier(qtbot, window, office) -> None:
    code = str(office[1].code)
    with qtbot.waitSignal(window.dossier_view.dossier_shown, timeout=10_000):
        scan(window, code)
    assert window.current_page() == PAGE_DOSSIER
    assert window.dossier_view.code_label.text() == code
    assert window.dossier_view.fact_texts()["Người nộp"] == office[1].applicant.full_name


def test_scanning_on_the_hand_back_screen_selects_the_dossier(
    qtbot, ctx, clerk, window, office
) -> None:
    code = str(office[2].code)
    dossiers.change_status(ctx, code, Status.PROCESSING, clerk)
    dossiers.change_status(ctx, code, Status.RESULT_READY, clerk)
    window.open_hand_back()
    with qtbot.waitSignal(window.handback.dossier_selected, timeout=10_000):
        scan(window, code)
    assert window.current_page() == PAGE_HANDBACK
    assert window.handback.summary["code"].text() == code
    assert window.handback.rating_box.isEnabled()


def test_rejected_scans_are_shown_clearly(qtbot, window) -> None:
    with qtbot.waitSignal(window.banner_shown, timeout=5000) as shown:
        scan(window, "001090012345||Trần Văn Bình|15031990|Nam")
    assert window.banner.isVisible()
    assert shown.args[0].startswith("Không đọc được mã vừa quét:")
    assert window.current_page() == PAGE_TODAY


def test_an_id_card_outside_intake_says_where_to_scan_it(qtbot, window) -> None:
    with qtbot.waitSignal(window.banner_shown, timeout=5000) as shown:
        scan(window, "001090012345||Trần Văn Bình|15031990|Nam|Thôn Đông, Xã Yên Lạc|10052022")
    assert "Trần Văn Bình" in shown.args[0]
    assert "F2" in shown.args[0]


def test_a_transition_prints_its_notice_in_the_preview(qtbot, window, office) -> None:
    code = str(office[0].code)
    with qtbot.waitSignal(window.dossier_view.dossier_shown, timeout=10_000):
        window.open_dossier(code)
    view = window.dossier_view
    view.transition_buttons[Status.STOPPED].click()
    dialog = view.dialog
    dialog.text.setPlainText("Hồ sơ giả mạo giấy tờ")
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: view.findChild(StopNoticeDialog) is not None, timeout=10_000)
    answer = view.findChild(StopNoticeDialog)
    assert answer is not None
    answer.asked_no.click()
    with qtbot.waitSignal(window.preview_shown, timeout=15_000) as shown:
        answer.ok_button.click()
    preview = shown.args[0]
    assert preview.isVisible()
    assert preview.page_count >= 1
    assert "Thông báo dừng giải quyết hồ sơ" in preview.windowTitle()
    # The list shows the change the next time it is opened.
    with qtbot.waitSignal(window.dossier_list.model.page_loaded, timeout=10_000):
        window.show_page(PAGE_LIST)
    row = window.dossier_list.model.row_of(code)
    assert window.dossier_list.model.summary_at(row).status is Status.STOPPED


def test_the_preview_is_hidden_while_locked(qtbot, window, office) -> None:
    preview = window.show_pdf("Thử", _tiny_pdf(window, office), "thu.pdf")
    assert preview.isVisible()
    window.lock()
    assert not preview.isVisible()
    window.unlock()
    assert preview.isVisible()


def _tiny_pdf(window, office) -> bytes:
    from desk.services.printing import render_dossier_form

    return render_dossier_form(window.ctx, "control", str(office[0].code))


class FakeSyncPanel(QLabel):
    def __init__(self, ctx, parent=None):
        super().__init__("Đồng bộ", parent)


def test_supervisors_get_the_sync_panel_and_clerks_do_not(qtbot, ctx, clerk) -> None:
    supervisor = User(99, "lanhdao", "Lê Minh Quân", Role.SUPERVISOR)
    boss = MainWindow(ctx, supervisor, idle_ms=0, sync_panel_factory=FakeSyncPanel)
    qtbot.addWidget(boss)
    assert PAGE_SYNC in boss.nav_buttons
    boss.open_sync()
    assert boss.current_page() == PAGE_SYNC
    desk = MainWindow(ctx, clerk, idle_ms=0, sync_panel_factory=FakeSyncPanel)
    qtbot.addWidget(desk)
    assert PAGE_SYNC not in desk.nav_buttons


def test_the_real_sync_panel_records_the_supervisor_who_resolves(qtbot, ctx) -> None:
    from desk.domain.outbox import AttentionKind
    from desk.store import sync_records
    from desk.ui.sync_panel import SyncPanel

    with ctx.db.write() as session:
        sync_records.add_attention(
            session,
            kind=AttentionKind.FEED_ILLEGAL,
            dossier_id=None,
            code="000.00.00.H00-261120-0001",
            revision=None,
            reason="Tỉnh gửi trạng thái không hợp lệ",
            detail={},
            now=now_in_office(),
        )
    supervisor = demo.demo_account(ctx, "lanhdao")
    boss = MainWindow(ctx, supervisor, idle_ms=0)
    qtbot.addWidget(boss)
    boss.open_sync()
    panel = boss.sync_panel
    assert isinstance(panel, SyncPanel)
    qtbot.waitUntil(lambda: panel.attention_model.rowCount() == 1, timeout=10_000)
    panel.attention_view.selectRow(0)
    qtbot.waitUntil(panel.acknowledge_button.isEnabled, timeout=10_000)
    panel.note_edit.setText("Đã báo tỉnh")  # a resolution needs its note
    with qtbot.waitSignal(panel.attention_resolved, timeout=10_000) as resolved:
        panel.acknowledge_button.click()
    assert resolved.args[0].resolved_by == supervisor.full_name


class StubScanner(QObject):
    code_scanned = Signal(str)
    id_card_scanned = Signal(object)
    scan_rejected = Signal(str)


def test_an_injected_scanner_is_used(qtbot, ctx, clerk, office) -> None:
    stub = StubScanner()
    main = MainWindow(ctx, clerk, idle_ms=0, scanner=stub)
    qtbot.addWidget(main)
    with qtbot.waitSignal(main.dossier_view.dossier_shown, timeout=10_000):
        stub.code_scanned.emit(str(office[3].code))
    assert main.current_page() == PAGE_DOSSIER


def test_the_window_shows_its_figures_before_building_its_hidden_screens(
    qtbot, ctx, clerk, office
) -> None:
    """The list, the dossier and the hand-back screens are not built before the window
    shows: built once the first figures are on screen, or when asked for sooner."""
    from desk.ui.dossier_list import DossierListView
    from desk.ui.dossier_view import DossierView
    from desk.ui.handback import HandBackView

    hidden = (DossierListView, DossierView, HandBackView)
    main = MainWindow(ctx, clerk, idle_ms=0)
    qtbot.addWidget(main)
    assert [main.findChildren(kind) for kind in hidden] == [[], [], []]
    with qtbot.waitSignal(main.counts_shown, timeout=10_000):
        main.show()
    qtbot.waitUntil(lambda: all(len(main.findChildren(kind)) == 1 for kind in hidden))
    assert main.current_page() == PAGE_TODAY  # built behind the figures, not shown


def test_a_screen_asked_for_before_the_figures_is_built_then(qtbot, ctx, clerk, office) -> None:
    main = MainWindow(ctx, clerk, idle_ms=0)
    qtbot.addWidget(main)
    main.show()
    with qtbot.waitSignal(main.dossier_list.model.page_loaded, timeout=10_000):
        main.show_page(PAGE_LIST)
    assert main.current_page() == PAGE_LIST
    assert main.dossier_list.model.rowCount() == 4
