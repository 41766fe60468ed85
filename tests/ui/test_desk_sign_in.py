"""Signing in, bad passwords, and the idle lock that keeps what was typed."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from desk.services import demo
from desk.ui.main_window import PAGE_LIST, MainWindow
from desk.ui.sign_in import SignInDialog

# Qt's offscreen platform warns that it cannot pass size hints to a window manager it does
# not have; nothing a user would see.
pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)"
)


def type_text(widget: QWidget, text: str) -> None:
    """One key event per character, carrying its text (qtbot.keyClicks aborts on
    Vietnamese letters outside Latin-1)."""
    for ch in text:
        QApplication.sendEvent(
            widget, QKeyEvent(QEvent.Type.KeyPress, 0, Qt.KeyboardModifier.NoModifier, ch)
        )
        QApplication.sendEvent(
            widget, QKeyEvent(QEvent.Type.KeyRelease, 0, Qt.KeyboardModifier.NoModifier, ch)
        )


def press_enter(widget: QWidget) -> None:
    QApplication.sendEvent(
        widget, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier)
    )


def test_wrong_password_is_refused_and_the_right_one_signs_in(qtbot, ctx) -> None:
    dialog = SignInDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    type_text(dialog.username, "canbo1")
    type_text(dialog.password, "sai-mat-khau")
    with qtbot.assertNotEmitted(dialog.signed_in):
        dialog.submit()
        assert not dialog.sign_in_button.isEnabled()  # one attempt at a time
        # The attempt is over (its answer shown, the button back): nothing else can come.
        qtbot.waitUntil(lambda: dialog.sign_in_button.isEnabled(), timeout=5000)
    assert dialog.error.text() == "Sai tên đăng nhập hoặc mật khẩu."
    assert dialog.isVisible()

    dialog.password.clear()
    type_text(dialog.password, "canbo1-demo")
    with qtbot.waitSignal(dialog.signed_in, timeout=5000) as signed:
        press_enter(dialog.password)
    assert signed.args[0].full_name == "Nguyễn Thị Hương"
    assert not dialog.isVisible()


def test_empty_fields_are_not_sent(qtbot, ctx) -> None:
    dialog = SignInDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.submit()
    assert dialog.error.text() == "Nhập tên đăng nhập và mật khẩu."


def test_unknown_user_gets_the_same_message_as_a_wrong_password(qtbot, ctx) -> None:
    dialog = SignInDialog(ctx)
    qtbot.addWidget(dialog)
    type_text(dialog.username, "khongco")
    type_text(dialog.password, "canbo1-demo")
    dialog.submit()
    qtbot.waitUntil(lambda: dialog.error.text() != "", timeout=5000)
    assert dialog.error.text() == "Sai tên đăng nhập hoặc mật khẩu."


def test_idle_lock_asks_for_the_password_and_keeps_what_was_typed(qtbot, ctx) -> None:
    clerk = demo.demo_clerks(ctx)[0]
    window = MainWindow(ctx, clerk, idle_ms=400)
    qtbot.addWidget(window)
    window.show()
    window.show_page(PAGE_LIST)
    search = window.dossier_list.search
    search.setFocus()
    type_text(search, "Nguyễn Thị Đào")
    window.scanner.flush()  # type: ignore[union-attr]
    assert search.text() == "Nguyễn Thị Đào"

    with qtbot.waitSignal(window.locked_changed, timeout=5000) as locked:
        pass  # the clerk walks away
    assert locked.args == [True]
    assert window.lock_screen.isVisible()
    assert "Nguyễn Thị Hương" in window.lock_screen.explanation.text()
    # Shortcuts do nothing while locked.
    window.shortcut_actions["handback"].trigger()
    assert window.current_page() == PAGE_LIST

    type_text(window.lock_screen.password, "sai-mat-khau")
    window.scanner.flush()  # type: ignore[union-attr]  # held while it might be a scan
    with qtbot.assertNotEmitted(window.locked_changed):
        window.lock_screen.submit()
        qtbot.waitUntil(lambda: window.lock_screen.unlock_button.isEnabled(), timeout=5000)
    assert window.lock_screen.error.text() == "Sai tên đăng nhập hoặc mật khẩu."
    assert window.locked

    window.lock_screen.password.clear()
    type_text(window.lock_screen.password, "canbo1-demo")
    window.scanner.flush()  # type: ignore[union-attr]
    with qtbot.waitSignal(window.locked_changed, timeout=5000) as unlocked:
        window.lock_screen.submit()
    assert unlocked.args == [False]
    assert not window.lock_screen.isVisible()
    assert window.current_page() == PAGE_LIST
    assert search.text() == "Nguyễn Thị Đào"
