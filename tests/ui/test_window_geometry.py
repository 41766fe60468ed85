"""Every window fits the screen it opens on, its action buttons in view, and the big ones
open again at the size (and maximised state) they were closed with.

The offscreen platform's screen is 800×800 (narrower than a 1366×768 laptop, and the
arithmetic is tested with a 1366×768 screen and its task bar); the real screen at
1366×768 is tests/realwindow."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QLabel,
    QPushButton,
    QScrollArea,
    QWidget,
)

from desk.domain.office import Role
from desk.services import demo
from desk.ui import geometry
from desk.ui.geometry import FRAME_ALLOWANCE, fitted_size, install_screen_fit, placed
from desk.ui.main_window import PAGE_DOSSIER, MainWindow

pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)"
)

# A 1366×768 laptop with a 40-pixel task bar at the bottom.
LAPTOP = QRect(0, 0, 1366, 728)


def available() -> QRect:
    screen = QGuiApplication.primaryScreen()
    assert screen is not None
    return screen.availableGeometry()


def assert_on_screen(window: QWidget) -> None:
    assert available().contains(window.frameGeometry()), (
        type(window).__name__,
        window.frameGeometry(),
        available(),
    )


def assert_in_view(button: QWidget) -> None:
    """Shown, not scrolled or cut away, and inside the screen."""
    assert button.isVisible(), button.text() if isinstance(button, QAbstractButton) else button
    assert not button.visibleRegion().isEmpty(), button
    corner = button.mapToGlobal(QPoint(0, 0))
    assert available().contains(QRect(corner, button.size())), button


class FakeSyncPanel(QLabel):
    def __init__(self, ctx, parent=None):
        super().__init__("Đồng bộ", parent)


@pytest.fixture
def screen_fit(qapp):
    fit = install_screen_fit(qapp)
    yield fit
    qapp.removeEventFilter(fit)
    qapp.setProperty("deskScreenFit", None)


@pytest.fixture
def admin(ctx):
    return demo.demo_account(ctx, "quantri")


def open_window(qtbot, ctx, user) -> MainWindow:
    window = MainWindow(ctx, user, idle_ms=0, sync_panel_factory=FakeSyncPanel)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


# --- the arithmetic, on a laptop's screen ----------------------------------------------------


def test_a_window_wanting_more_than_the_laptop_has_is_cut_to_it() -> None:
    size = fitted_size(QSize(1280, 820), LAPTOP)
    assert size == QSize(1280, 728 - FRAME_ALLOWANCE.height())
    corner = placed(size, LAPTOP)
    outer = QRect(corner, size + FRAME_ALLOWANCE)
    assert LAPTOP.contains(outer)
    # The print preview's 820×900: as wide as it wants, as tall as the screen allows.
    assert fitted_size(QSize(820, 900), LAPTOP).height() <= 728 - FRAME_ALLOWANCE.height()
    # A window that fits is left at its size, centred.
    assert fitted_size(QSize(400, 300), LAPTOP) == QSize(400, 300)
    assert LAPTOP.contains(QRect(placed(QSize(400, 300), LAPTOP), QSize(416, 348)))


def test_a_window_near_an_edge_is_moved_inside() -> None:
    size = QSize(600, 500)
    corner = placed(size, LAPTOP, centre=QPoint(1350, 700))
    assert LAPTOP.contains(QRect(corner, size + FRAME_ALLOWANCE))
    second_screen = QRect(1366, 0, 1920, 1040)
    corner = placed(size, second_screen, centre=QPoint(1300, 20))
    assert second_screen.contains(QRect(corner, size + FRAME_ALLOWANCE))


# --- the main window ----------------------------------------------------------------------


def test_the_main_window_fits_and_keeps_the_lock_and_the_status_bar_in_view(
    qtbot, ctx, admin
) -> None:
    window = open_window(qtbot, ctx, admin)
    assert_on_screen(window)
    assert_in_view(window.nav_buttons["lock"])
    assert_in_view(window.nav_buttons["sign_out"])
    assert_in_view(window.statusBar())
    # Every screen of the bar opens inside the window, which stays on the screen.
    for key in ("intake", "list", "handback", "sync", "today"):
        window.nav_buttons[key].click()
        qtbot.waitUntil(lambda k=key: window.current_page() == k, timeout=10_000)
        assert_on_screen(window)
        assert_in_view(window.nav_buttons["lock"])
    window.show_page(PAGE_DOSSIER)
    assert_on_screen(window)


def test_the_lock_screen_covers_the_window_after_a_resize(qtbot, ctx, admin) -> None:
    window = open_window(qtbot, ctx, admin)
    window.showNormal()
    window.lock()
    window.resize(700, 600)
    qtbot.waitUntil(lambda: window.lock_screen.geometry() == window.rect(), timeout=5000)


def test_the_main_window_opens_again_maximised_or_at_its_last_size(qtbot, ctx, admin) -> None:
    first = open_window(qtbot, ctx, admin)
    first.showNormal()
    first.resize(640, 520)
    # The window may not go below its minimum (which the screens' content sets, and a
    # busy machine may still be building): what counts is the size it had when closed.
    qtbot.waitUntil(lambda: not first.isMaximized(), timeout=5000)
    closed_at = first.size()
    first.close()
    second = open_window(qtbot, ctx, admin)
    assert second.size() == closed_at
    assert closed_at.width() < QGuiApplication.primaryScreen().availableGeometry().width()
    assert not second.isMaximized()
    second.showMaximized()
    qtbot.waitUntil(second.isMaximized, timeout=5000)
    second.close()
    third = open_window(qtbot, ctx, admin)
    assert third.isMaximized()
    assert_on_screen(third)


def test_a_size_kept_from_a_larger_screen_is_cut_to_this_one(qtbot, ctx, admin) -> None:
    window = MainWindow(ctx, admin, idle_ms=0)
    qtbot.addWidget(window)
    window.showNormal()
    window.resize(640, 480)
    window.close()
    memory = geometry._memory()
    memory.setValue("main/width", 2560)
    memory.setValue("main/height", 1400)
    memory.sync()
    again = open_window(qtbot, ctx, admin)
    assert_on_screen(again)
    assert again.width() <= available().width() and again.height() <= available().height()


# --- the print preview (slips, letters, the book line) -------------------------------------


@pytest.fixture
def slip(ctx, admin) -> bytes:
    from desk.services import intake
    from desk.services.printing import render_dossier_form

    request = next(iter(demo.generate(ctx, 1, seed=3))).request
    received = intake.receive_dossier(ctx, request, demo.demo_clerks(ctx)[0])
    return render_dossier_form(ctx, "slip", str(received.code))


def preview_of(qtbot, window: MainWindow, pdf: bytes):
    preview = window.show_pdf("Giấy tiếp nhận hồ sơ và hẹn trả kết quả", pdf, "slip.pdf")
    qtbot.waitExposed(preview)
    return preview


def test_the_print_preview_fits_with_print_save_and_close_in_view(qtbot, ctx, admin, slip) -> None:
    window = open_window(qtbot, ctx, admin)
    preview = preview_of(qtbot, window, slip)
    assert_on_screen(preview)
    for button in (preview.print_button, preview.save_button, preview.close_button):
        assert_in_view(button)
    # Closed at a smaller size, the next preview opens at it.
    preview.resize(600, 500)
    qtbot.waitUntil(lambda: preview.size() == QSize(600, 500), timeout=5000)
    preview.close()
    again = preview_of(qtbot, window, slip)
    assert again.size() == QSize(600, 500)
    assert_in_view(again.print_button)


# --- the dialogs ----------------------------------------------------------------------------


def dialogs(ctx, window: MainWindow) -> list[QDialog]:
    from desk.ui.account import ChangePasswordDialog
    from desk.ui.backup import ClosingBackupDialog
    from desk.ui.backup_dialog import BackupDialog, PassphraseDialog
    from desk.ui.dossier_dialogs import ApologyDialog, ReasonDialog
    from desk.ui.printouts import StopNoticeDialog
    from desk.ui.restore import RestoreDialog
    from desk.ui.settings import SettingsDialog
    from desk.ui.sign_in import SignInDialog

    return [
        SettingsDialog(ctx.config, window, persist=False),
        ChangePasswordDialog(ctx, window),
        BackupDialog(ctx, Role.ADMIN, window),
        PassphraseDialog(ctx, window),
        ClosingBackupDialog(window),
        RestoreDialog(ctx.config, window, username="quantri"),
        ReasonDialog("Từ chối", "Lý do", required=True, parent=window),
        ApologyDialog(datetime.now() + timedelta(days=3), window, fault_explanation="Lỗi"),
        StopNoticeDialog("tm", "", window),
        SignInDialog(ctx),
    ]


def test_every_dialog_fits_with_its_buttons_in_view(qtbot, ctx, admin, screen_fit) -> None:
    window = open_window(qtbot, ctx, admin)
    for dialog in dialogs(ctx, window):
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        assert_on_screen(dialog)
        for button in dialog.findChildren(QPushButton):
            if button.isVisibleTo(dialog):
                assert_in_view(button)
        dialog.close()


def test_any_window_larger_than_the_screen_is_cut_to_it_when_shown(qtbot, screen_fit) -> None:
    huge = QDialog()
    qtbot.addWidget(huge)
    huge.resize(available().width() + 600, available().height() + 400)
    huge.move(available().topLeft() + QPoint(300, 200))
    huge.show()
    qtbot.waitExposed(huge)
    assert_on_screen(huge)


def test_the_scroll_area_around_the_window_never_takes_the_focus(qtbot, ctx, admin) -> None:
    """Tab and the scanner's keys go to the screens' own fields, never to the scroll area
    that lets a small screen scroll the window."""
    window = open_window(qtbot, ctx, admin)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    area = window.page_area
    assert isinstance(area, QScrollArea)
    for _ in range(25):
        assert QApplication.focusWidget() is not area
        window.focusNextChild()


def test_on_a_small_screen_the_screens_scroll_and_the_bar_stays(qtbot, ctx, admin) -> None:
    """A window lower than a screen's content (hand back) scrolls that screen; «Khóa máy»
    and «Đăng xuất» stay where the clerk can click them."""
    window = open_window(qtbot, ctx, admin)
    window.showNormal()
    window.resize(1000, 1)  # as low as the bar lets it be
    window.nav_buttons["handback"].click()
    qtbot.waitUntil(lambda: window.current_page() == "handback", timeout=10_000)
    qtbot.waitUntil(window.page_area.verticalScrollBar().isVisible, timeout=5000)
    for tool in ("lock", "sign_out"):
        button = window.nav_buttons[tool]
        corner = button.mapTo(window, QPoint(0, 0))
        assert window.rect().contains(QRect(corner, button.size())), tool


@pytest.fixture
def desk_look(qapp):
    """The desk's own font (bundled Noto Sans) and style sheet, as a clerk sees them:
    pytest-qt's application has neither, and its screens come out shorter."""
    from desk.app import prepare_application
    from desk.ui.wheel_guard import remove_wheel_guard

    name, style, font = qapp.applicationName(), qapp.styleSheet(), qapp.font()
    prepare_application()
    yield
    remove_wheel_guard(qapp)
    qapp.setApplicationName(name)
    qapp.setStyleSheet(style)
    qapp.setFont(font)


@pytest.mark.usefixtures("desk_look")
def test_a_screen_with_wrapped_text_scrolls_only_below_its_minimum_height(
    qtbot, ctx, admin
) -> None:
    """The intake's wrapped hints would like ~780 pixels at full width; it needs far less.
    On a maximised 1366×768 window (about 700 pixels for the screens) no screen, the
    hand-back with its result-scan row included, may make it scroll."""
    window = open_window(qtbot, ctx, admin)
    window.showNormal()
    window.resize(1366, 720)
    window.nav_buttons["intake"].click()
    qtbot.waitUntil(lambda: window.current_page() == "intake", timeout=10_000)
    qtbot.waitUntil(lambda: window.size() == QSize(1366, 720), timeout=5000)
    area = window.page_area
    content = area.widget()
    assert content is not None
    assert content.minimumSizeHint().height() <= area.viewport().height()
    QApplication.sendPostedEvents()  # the layout requests that place the scroll bars
    QApplication.processEvents()
    assert not area.verticalScrollBar().isVisible()
