"""The province connection set up in the window (issue 13, item 9): from the sync panel,
with Vietnamese messages for what is wrong, «Thử kết nối» off the GUI thread, and the
panel using the new settings at once (no restart)."""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QThreadPool
from pytestqt.qtbot import QtBot

from desk.config import config_path
from desk.services import demo
from desk.services.context import DeskContext
from desk.ui.sync_panel import SyncPanel
from desk.ui.sync_settings import SyncSettingsDialog
from tests.sync.conftest import PASSWORD, USER, Sim, add_dossiers, start_sim

WAIT = 30_000
pytestmark = pytest.mark.qt_log_ignore(
    r"This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)"
)


@pytest.fixture
def province(tmp_path: Path) -> Iterator[Callable[..., Sim]]:
    started: list[Sim] = []

    def start(*args: str) -> Sim:
        sim = start_sim(tmp_path / f"province-{len(started)}", *args)
        started.append(sim)
        return sim

    yield start
    for sim in started:
        sim.stop()


@pytest.fixture(autouse=True)
def _workers_done() -> Iterator[None]:
    yield
    # Workers still running hold the database: let them finish before it closes.
    assert QThreadPool.globalInstance().waitForDone(WAIT)


def fill(dialog: SyncSettingsDialog, url: str, password: str = PASSWORD, ca: str = "") -> None:
    for field, text in (
        (dialog.url, url),
        (dialog.username, USER),
        (dialog.password, password),
        (dialog.ca_bundle, ca),
    ):
        field.clear()
        field.insert(text)


def test_the_supervisor_sets_up_the_province_in_the_window_and_the_panel_uses_it_at_once(
    qtbot: QtBot, ctx: DeskContext, province: Callable[..., Sim]
) -> None:
    ctx.act_as(demo.demo_account(ctx, "lanhdao"))
    add_dossiers(ctx, 2)
    sim = province()
    panel = SyncPanel(ctx)
    qtbot.addWidget(panel)
    panel.show()
    assert "Chưa cấu hình" in panel.online_label.text()
    qtbot.mouseClick(panel.settings_button, Qt.MouseButton.LeftButton)
    dialog = panel.settings_dialog
    assert isinstance(dialog, SyncSettingsDialog) and dialog.isVisible()
    assert dialog.url.text() == ""
    qtbot.waitUntil(dialog.url.hasFocus, timeout=WAIT)
    fill(dialog, sim.url)
    with qtbot.waitSignal(panel.online_checked, timeout=WAIT) as online:
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert online.args == [True] and "Trực tuyến" in panel.online_label.text()
    assert panel.settings_dialog is None  # closed once saved
    written = config_path().read_text(encoding="utf-8")
    assert tomllib.loads(written)["province"]["url"] == sim.url and PASSWORD not in written
    with qtbot.waitSignal(panel.sync_finished, timeout=WAIT) as finished:
        qtbot.mouseClick(panel.sync_button, Qt.MouseButton.LeftButton)
    assert finished.args[0].outcome == "ok" and finished.args[0].items_sent == 2

    # Opened again: the saved settings, the password kept unless typed.
    panel.open_settings()
    again = panel.settings_dialog
    assert isinstance(again, SyncSettingsDialog)
    assert again.url.text() == sim.url and again.username.text() == USER
    assert again.password.text() == "" and "giữ mật khẩu đã lưu" in again.password.placeholderText()
    with qtbot.waitSignal(again.saved, timeout=WAIT):
        qtbot.mouseClick(again.save_button, Qt.MouseButton.LeftButton)


@pytest.mark.parametrize(
    ("url", "ca", "said", "field"),
    [
        ("ftp://motcua.tinh.gov.vn", "", "không hợp lệ", "url"),
        ("", "", "Chưa nhập địa chỉ máy chủ tỉnh.", "url"),
        ("http://10.1.2.3/api", "", "HTTP không mã hóa", "url"),
        ("https://motcua.tinh.gov.vn", "TEXT", "không phải tệp chứng chỉ PEM", "ca_bundle"),
        ("https://motcua.tinh.gov.vn", "/khong/co.pem", "Không tìm thấy tệp", "ca_bundle"),
    ],
)  # fmt: skip
def test_what_is_wrong_is_said_in_vietnamese_and_nothing_is_saved(
    qtbot: QtBot, ctx: DeskContext, tmp_path: Path, url: str, ca: str, said: str, field: str
) -> None:
    if ca == "TEXT":
        text = tmp_path / "chung-chi.pem"
        text.write_text("Chứng chỉ của tỉnh (bản chụp)\n", encoding="utf-8")
        ca = str(text)
    dialog = SyncSettingsDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    fill(dialog, url, ca=ca)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: said in dialog.message.text(), timeout=WAIT)
    qtbot.waitUntil(getattr(dialog, field).hasFocus, timeout=WAIT)
    assert dialog.isVisible() and not config_path().exists()
    assert ctx.config.province.url == ""


def test_try_connection_runs_off_the_window_and_says_what_it_found(
    qtbot: QtBot, ctx: DeskContext, province: Callable[..., Sim]
) -> None:
    sim = province("--latency-ms", "300")
    dialog = SyncSettingsDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    fill(dialog, sim.url)
    with qtbot.waitSignal(dialog.tried, timeout=WAIT) as tried:
        qtbot.mouseClick(dialog.try_button, Qt.MouseButton.LeftButton)
        # The window keeps working while the province is asked.
        assert not dialog.try_button.isEnabled()
        assert dialog.message.text() == "Đang thử kết nối tới máy chủ tỉnh…"
    assert tried.args[0] is True and dialog.try_button.isEnabled()
    assert dialog.message.text().startswith("Kết nối được: máy chủ tỉnh trả lời")
    fill(dialog, sim.url, password="sai-mat-khau")
    with qtbot.waitSignal(dialog.tried, timeout=WAIT) as refused:
        qtbot.mouseClick(dialog.try_button, Qt.MouseButton.LeftButton)
    assert refused.args[0] is False and "từ chối đăng nhập" in dialog.message.text()
    assert not config_path().exists()  # trying saves nothing


def test_a_clerk_may_not_set_up_the_province(qtbot: QtBot, ctx: DeskContext) -> None:
    ctx.act_as(demo.demo_clerks(ctx)[0])
    dialog = SyncSettingsDialog(ctx)
    qtbot.addWidget(dialog)
    assert "không được phép" in dialog.message.text()
    assert not dialog.save_button.isEnabled() and not dialog.try_button.isEnabled()


def test_settings_saved_by_desk_sync_configure_reach_an_open_panel(
    qtbot: QtBot, ctx: DeskContext, province: Callable[..., Sim], tmp_path: Path
) -> None:
    """«desk sync configure» in a terminal while the window is open: the panel pings the
    new address at its next check and «Đồng bộ ngay» uses it, no restart."""
    from tests.sync.test_cli import desk, password_file

    add_dossiers(ctx, 2)
    sim = province()
    panel = SyncPanel(ctx)
    qtbot.addWidget(panel)
    assert "Chưa cấu hình" in panel.online_label.text()
    configured = desk(
        ctx,
        "sync",
        "configure",
        "--server",
        sim.url,
        "--username",
        USER,
        "--password-file",
        password_file(tmp_path),
    )
    assert configured.returncode == 0, configured.stderr
    assert ctx.config.province.url == ""  # written by another process
    panel.check_online()
    qtbot.waitUntil(lambda: "Trực tuyến" in panel.online_label.text(), timeout=WAIT)
    with qtbot.waitSignal(panel.sync_finished, timeout=WAIT) as finished:
        qtbot.mouseClick(panel.sync_button, Qt.MouseButton.LeftButton)
    assert finished.args[0].outcome == "ok" and finished.args[0].items_sent == 2
