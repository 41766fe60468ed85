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
