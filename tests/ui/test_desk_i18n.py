"""Vietnamese by default; English through the compiled Qt Linguist file."""

from __future__ import annotations

import pytest

from desk.ui.i18n import I18N_DIR, install_translator
from desk.ui.sign_in import SignInDialog
from desk.ui.today import tile_captions


@pytest.fixture
def english():
    assert install_translator("en")
    yield
    install_translator("vi")


def test_vietnamese_is_the_default(qtbot, ctx) -> None:
    install_translator("vi")
    dialog = SignInDialog(ctx)
    qtbot.addWidget(dialog)
    assert dialog.sign_in_button.text() == "Đăng nhập"


def test_english_comes_from_the_linguist_file(qtbot, ctx, english) -> None:
    assert (I18N_DIR / "desk_en.ts").exists() and (I18N_DIR / "desk_en.qm").exists()
    dialog = SignInDialog(ctx)
    qtbot.addWidget(dialog)
    assert dialog.sign_in_button.text() == "Sign in"
    assert dialog.windowTitle() == "Sign in — Commune Desk"
    assert tile_captions()[0][1] == "Received today"


def test_an_unknown_language_keeps_vietnamese(qtbot, ctx) -> None:
    assert not install_translator("fr")
    dialog = SignInDialog(ctx)
    qtbot.addWidget(dialog)
    assert dialog.sign_in_button.text() == "Đăng nhập"


def test_the_account_tools_are_translated(qtbot, ctx, clerk, english) -> None:
    from desk.ui.main_window import MainWindow

    window = MainWindow(ctx, clerk, idle_ms=0)
    qtbot.addWidget(window)
    captions = {key: window.nav_buttons[key].text() for key in ("password", "switch", "sign_out")}
    assert captions == {
        "password": "Change password",
        "switch": "Switch user",
        "sign_out": "Sign out",
    }
    assert window.lock_screen.switch_button.text() == "Switch user"


# --- Qt's own dialogs and the language box ----------------------------------------------


@pytest.fixture
def vietnamese():
    assert install_translator("vi")
    yield
    install_translator("vi")


def test_qt_message_box_buttons_are_vietnamese(qtbot, vietnamese) -> None:
    from PySide6.QtWidgets import QMessageBox

    buttons = QMessageBox.StandardButton
    box = QMessageBox(QMessageBox.Icon.Question, "Hỏi", "Tiếp tục?", buttons.Yes | buttons.No)
    qtbot.addWidget(box)
    assert box.button(buttons.Yes).text().replace("&", "") == "Có"
    assert box.button(buttons.No).text().replace("&", "") == "Không"


def test_qt_file_dialog_is_vietnamese(qtbot, vietnamese, tmp_path) -> None:
    from PySide6.QtWidgets import QFileDialog, QLabel, QPushButton

    dialog = QFileDialog(None, "Lưu PDF", str(tmp_path))
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    qtbot.addWidget(dialog)
    labels = {label.text().replace("&", "") for label in dialog.findChildren(QLabel)}
    buttons = {button.text().replace("&", "") for button in dialog.findChildren(QPushButton)}
    assert {"Tìm trong:", "Tên tệp:", "Loại tệp:"} <= labels
    assert {"Lưu", "Hủy"} <= buttons


def test_qt_print_dialog_is_vietnamese(qtbot, vietnamese) -> None:
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter
    from PySide6.QtWidgets import QPushButton

    printer = QPrinter()
    dialog = QPrintDialog(printer)
    qtbot.addWidget(dialog)
    buttons = {button.text().replace("&", "") for button in dialog.findChildren(QPushButton)}
    assert "In" in buttons and "Hủy" in buttons


def test_english_desk_keeps_qt_dialogs_english(qtbot, english) -> None:
    from PySide6.QtWidgets import QMessageBox

    buttons = QMessageBox.StandardButton
    box = QMessageBox(QMessageBox.Icon.Question, "Ask", "Go on?", buttons.Yes | buttons.No)
    qtbot.addWidget(box)
    assert box.button(buttons.Yes).text().replace("&", "") == "Yes"


@pytest.mark.qt_log_ignore(
    r"This plugin does not support (raise\(\)|grabbing the keyboard|propagateSizeHints)"
)
def test_the_language_box_shows_its_current_item_in_its_list(qtbot, ctx) -> None:
    """The desk's style sheet once painted the list's current item white on white."""
    from PySide6.QtGui import QColor
    from PySide6.QtWidgets import QComboBox

    from desk.ui.settings import SettingsDialog
    from desk.ui.style import APP_STYLE

    dialog = SettingsDialog(ctx.config, persist=False)
    dialog.setStyleSheet(APP_STYLE)
    qtbot.addWidget(dialog)
    dialog.show()
    combo = dialog.editors["language"]
    assert isinstance(combo, QComboBox)
    assert combo.currentText() == "Tiếng Việt"
    combo.showPopup()
    view = combo.view()
    qtbot.waitUntil(view.isVisible)
    rect = view.visualRect(view.currentIndex())
    image = view.viewport().grab(rect).toImage()
    dark = sum(
        1
        for x in range(image.width())
        for y in range(image.height())
        if QColor(image.pixel(x, y)).lightness() < 120
    )
    combo.hidePopup()
    assert dark > 20, "the current language is not readable in the list"
