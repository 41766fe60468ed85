"""Backups in the window: the list, «Sao lưu ngay», the restore dialog, the desk's own daily
and closing backups, what each role sees, the second place in the settings, and a start
on a damaged database that offers the restore."""

from __future__ import annotations

import gc
import re
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QMessageBox

from desk.domain.calendar import now_in_office
from desk.errors import NotFound
from desk.services import backup, demo, dossiers, intake
from desk.services.backup import take as backup_take
from desk.services.context import DeskContext
from desk.ui.backup import ClosingBackupDialog
from desk.ui.backup_dialog import BackupDialog
from desk.ui.main_window import MainWindow
from desk.ui.restore import RestoreDialog
from desk.ui.settings import FolderEdit, SettingsDialog
from tests.ui.intake_helpers import send_text

PASSPHRASE = "demo-sao-luu"

pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)"
)


def receive(ctx: DeskContext, clerk, count: int, seed: int) -> list[str]:
    return [
        str(intake.receive_dossier(ctx, generated.request, clerk, at=now_in_office()).code)
        for generated in demo.generate(ctx, count, seed=seed)
    ]


def exists(ctx: DeskContext, code: str) -> bool:
    if ctx.user is None:
        ctx.act_as(demo.demo_account(ctx, "quantri"))
    try:
        dossiers.get_dossier(ctx, code)
    except NotFound:
        return False
    return True


def database_files(ctx: DeskContext) -> list[str]:
    """The data folder's files, but the WAL and shared memory a closed connection removes."""
    return sorted(
        path.name
        for path in ctx.config.data_dir.iterdir()
        if not path.name.endswith(("-wal", "-shm"))
    )


@pytest.fixture
def office(ctx, clerk):
    if not backup.has_backup_key(ctx):
        backup.set_passphrase(ctx, PASSPHRASE)
    return receive(ctx, clerk, 3, seed=5)


@pytest.fixture
def admin(ctx):
    return demo.demo_account(ctx, "quantri")


def notice_text(window: MainWindow) -> str:
    """The backup notice in the window's status bar."""
    return window.backup_notice.text() if window.backup_notice is not None else ""


def make_window(
    qtbot, ctx, user, *, automatic_backups: bool = False, idle_ms: int = 0
) -> MainWindow:
    window = MainWindow(ctx, user, idle_ms=idle_ms)
    qtbot.addWidget(window)
    window.show()
    if automatic_backups:
        window.start_automatic_backups()
        # They start once the window's later code has loaded after its first figures.
        qtbot.waitUntil(lambda: window.backups is not None, timeout=30_000)
    return window


def listed(qtbot, dialog: BackupDialog, rows: int) -> None:
    qtbot.waitUntil(
        lambda: dialog.table.rowCount() == rows and dialog.table.isEnabled(), timeout=20_000
    )


# --- the list and «Sao lưu ngay» -------------------------------------------------------


def test_the_list_shows_each_backup_with_its_figures(qtbot, ctx, office, admin) -> None:
    backup.take_backup(ctx, reason="manual")
    window = make_window(qtbot, ctx, admin)
    dialog = window.open_backups()
    assert dialog is not None
    listed(qtbot, dialog, 1)
    items = [dialog.table.item(0, column) for column in range(dialog.table.columnCount())]
    cells = [item.text() if item is not None else "" for item in items]
    assert cells[1] == "Sao lưu ngay"
    assert cells[3] == "3"  # the three dossiers received
    assert cells[5] == "Có"  # read back after writing
    assert cells[6] == str(ctx.config.backup_dir)
    assert re.fullmatch(r"\d+(,\d)? (B|KB|MB)", cells[2])


def test_backup_now_makes_one_without_freezing_the_window(qtbot, ctx, office, admin) -> None:
    window = make_window(qtbot, ctx, admin)
    dialog = window.open_backups()
    assert dialog is not None
    listed(qtbot, dialog, 0)
    assert dialog.notice.text() == "Chưa có bản sao lưu nào."
    with qtbot.waitSignal(dialog.backup_taken, timeout=60_000) as taken:
        qtbot.mouseClick(dialog.backup_button, Qt.MouseButton.LeftButton)
        assert not dialog.backup_button.isEnabled()  # one at a time, the window still runs
    infos = taken.args[0]
    assert infos and infos[0].path.exists() and infos[0].dossier_count == 3
    assert dialog.notice.text().startswith("Đã sao lưu 3 hồ sơ")
    listed(qtbot, dialog, 1)
    assert dialog.backup_button.isEnabled()


# --- the restore ----------------------------------------------------------------------


def fill_restore(qtbot, dialog: RestoreDialog, passphrase: str, password: str) -> None:
    send_text(dialog.passphrase, passphrase)
    send_text(dialog.password, password)
    # The window's scanner listener hands typed keys on once it knows they are not a scan.
    qtbot.waitUntil(
        lambda: (dialog.passphrase.text(), dialog.password.text()) == (passphrase, password),
        timeout=5000,
    )
    dialog.understood.setChecked(True)


def restore_dialog(qtbot, window: MainWindow) -> RestoreDialog:
    dialog = window.open_backups()
    assert dialog is not None
    listed(qtbot, dialog, 1)
    restore = dialog.open_restore()
    # The backup chosen in the list, and what it holds, before anything is typed.
    qtbot.waitUntil(lambda: restore.info is not None, timeout=10_000)
    return restore


def test_a_restore_brings_back_the_office_as_it_was_backed_up(
    qtbot, ctx, office, admin, clerk
) -> None:
    (taken,) = backup.take_backup(ctx, reason="manual")
    later = receive(ctx, clerk, 1, seed=9)[0]  # received after the backup
    window = make_window(qtbot, ctx, admin)
    dialog = restore_dialog(qtbot, window)
    assert dialog.chosen_path() == taken.path
    assert "3 hồ sơ" in dialog.info_label.text()
    assert "cất" in dialog.warning.text() and str(ctx.config.data_dir) in dialog.warning.text()
    assert dialog.username.text() == "quantri" and dialog.username.isReadOnly()
    assert not dialog.restore_button.isEnabled()  # not before «Tôi hiểu…» is ticked
    fill_restore(qtbot, dialog, PASSPHRASE, "quantri-demo")
    assert dialog.restore_button.isEnabled()
    with qtbot.waitSignal(window.restored, timeout=60_000) as restored:
        qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    result, message = restored.args
    assert result is not None and result.dossier_count == 3
    assert message.startswith("Đã khôi phục bản sao lưu") and "đăng nhập lại" in message
    assert result.set_aside.exists()

    # The desk reopens on the restored database: the dossiers of the backup are there, the
    # one received after it is not.
    reopened = DeskContext.open(ctx.config, create=False)
    try:
        assert all(exists(reopened, code) for code in office)
        assert not exists(reopened, later)
    finally:
        reopened.close()


def test_after_a_restore_the_desk_reopens_and_asks_who_signs_in(qtbot, ctx, office, clerk) -> None:
    from desk.app import DeskRun

    backup.take_backup(ctx, reason="manual")
    later = receive(ctx, clerk, 1, seed=9)[0]
    quits: list[bool] = []
    run = DeskRun(ctx, lambda: quits.append(True))
    run.start()
    sign_in = run.session.sign_in
    send_text(sign_in.username, "quantri")
    send_text(sign_in.password, "quantri-demo")
    with qtbot.waitSignal(run.session.window_opened, timeout=10_000) as opened:
        sign_in.submit()
    window = opened.args[0]
    dialog = restore_dialog(qtbot, window)
    fill_restore(qtbot, dialog, PASSPHRASE, "quantri-demo")
    with qtbot.waitSignal(run.reopened, timeout=60_000) as reopened:
        qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    session = reopened.args[0]
    try:
        # A new context on the restored database, the sign-in asked again, the result said.
        assert run.ctx is not ctx and session.window is None
        assert session.sign_in is not None and session.sign_in.isVisible()
        assert run.notice.text().startswith("Đã khôi phục bản sao lưu")
        assert not window.isVisible()
        assert all(exists(run.ctx, code) for code in office)
        assert not exists(run.ctx, later)
        assert not quits  # the desk stays open
    finally:
        run.notice.close()
        session.sign_in.hide()
        run.ctx.close()


def test_a_wrong_passphrase_is_said_in_the_dialog_and_touches_nothing(
    qtbot, ctx, office, admin, clerk
) -> None:
    backup.take_backup(ctx, reason="manual")
    later = receive(ctx, clerk, 1, seed=9)[0]
    files_before = database_files(ctx)
    window = make_window(qtbot, ctx, admin, idle_ms=600_000)
    dialog = restore_dialog(qtbot, window)
    fill_restore(qtbot, dialog, "khong-phai-mat-khau", "quantri-demo")
    with qtbot.assertNotEmitted(window.restored), qtbot.waitSignal(dialog.failed, timeout=60_000):
        qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert dialog.error.text() and "mật khẩu" in dialog.error.text().lower()
    assert dialog.isVisible() and dialog.restore_result is None
    assert database_files(ctx) == files_before  # nothing set aside, nothing replaced
    assert exists(ctx, later)  # the window goes on with the data it had
    assert window.idle.active and not window.locked  # it goes on, and locks when idle


def test_another_offices_backup_is_said_before_anything_is_typed(qtbot, ctx, office) -> None:
    (taken,) = backup.take_backup(ctx, reason="manual")
    dialog = RestoreDialog(ctx.config, path=taken.path, agency_id="000.00.00.X99")
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.info_shown, timeout=10_000):
        dialog.show()
    assert "cơ quan khác" in dialog.info_label.text()
    assert "000.00.00.X99" in dialog.info_label.text()
    assert dialog.other_office.isVisible() and not dialog.other_office.isChecked()


def test_a_file_that_is_not_a_backup_is_said_and_cannot_be_restored(qtbot, ctx, tmp_path) -> None:
    stray = tmp_path / "hoa-don.deskbackup"
    stray.write_bytes(b"%PDF-1.4 not a backup")
    dialog = RestoreDialog(ctx.config, path=stray)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.failed, timeout=10_000) as failed:
        dialog.show()
    assert "không phải bản sao lưu" in failed.args[0] and failed.args[0] == dialog.error.text()
    dialog.understood.setChecked(True)
    assert not dialog.restore_button.isEnabled()


# --- roles ----------------------------------------------------------------------------


def test_a_clerk_sees_no_backups_a_supervisor_no_restore(qtbot, ctx, office, clerk) -> None:
    clerk_window = make_window(qtbot, ctx, clerk)
    assert "backup" not in clerk_window.nav_buttons
    supervisor = demo.demo_account(ctx, "lanhdao")
    window = make_window(qtbot, ctx, supervisor)
    assert window.nav_buttons["backup"].isEnabled()
    dialog = window.open_backups()
    assert dialog is not None
    assert dialog.restore_button is None and dialog.passphrase_button is None
    listed(qtbot, dialog, 0)


def test_the_service_refuses_a_clerk_who_reaches_the_dialog(qtbot, ctx, office, clerk) -> None:
    ctx.act_as(clerk)
    dialog = BackupDialog(ctx, clerk.role)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.failed, timeout=10_000) as failed:
        pass
    assert "không được phép" in failed.args[0]


# --- the desk's own backups -----------------------------------------------------------


def test_the_daily_backup_is_taken_at_sign_in_and_the_closing_one_at_close(
    qtbot, ctx, office, admin, monkeypatch
) -> None:
    # The service skips a closing backup a few minutes after another one: here the desk
    # closes long after the daily backup.
    monkeypatch.setattr(backup_take, "CLOSING_GAP", timedelta(0))
    window = make_window(qtbot, ctx, admin, automatic_backups=True)
    assert window.backups is not None
    qtbot.waitUntil(lambda: not window.backups.running, timeout=60_000)
    reasons = [info.reason for info in backup.list_backups(ctx)]
    assert "daily" in reasons
    assert notice_text(window).startswith("Đã sao lưu")

    window.close()  # the desk closes: the window stays until the closing backup is done
    assert window.isVisible()
    closing = window.findChild(ClosingBackupDialog)
    assert closing is not None and closing.label.text() == "Đang sao lưu dữ liệu…"
    closing.reject()  # Esc does not lose it
    assert closing.isVisible() or window.isVisible()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=60_000)
    assert "closing" in [info.reason for info in backup.list_backups(ctx)]


def test_a_desk_closed_before_its_backups_started_still_takes_the_closing_one(
    qtbot, ctx, office, admin, monkeypatch
) -> None:
    # The backups start once the window's later code has loaded after its first figures;
    # a desk closed sooner takes its closing backup all the same.
    monkeypatch.setattr(backup_take, "CLOSING_GAP", timedelta(0))
    window = MainWindow(ctx, admin, idle_ms=0)
    qtbot.addWidget(window)
    window.show()
    window.start_automatic_backups()
    assert window.backups is None
    window.close()
    assert window.backups is not None
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=60_000)
    assert "closing" in [info.reason for info in backup.list_backups(ctx)]


def test_no_backup_key_is_a_notice_for_a_supervisor_not_a_clerk(
    qtbot, ctx, clerk, monkeypatch
) -> None:
    monkeypatch.setattr(backup, "backup_if_due", lambda ctx, *, reason, progress=None: [])
    monkeypatch.setattr(backup, "has_backup_key", lambda ctx: False)
    supervisor = make_window(qtbot, ctx, demo.demo_account(ctx, "lanhdao"), automatic_backups=True)
    qtbot.waitUntil(lambda: notice_text(supervisor) != "", timeout=10_000)
    assert notice_text(supervisor).startswith("Chưa đặt mật khẩu sao lưu")
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox)]

    clerk_window = make_window(qtbot, ctx, clerk, automatic_backups=True)
    assert clerk_window.backups is not None
    qtbot.waitUntil(lambda: not clerk_window.backups.running, timeout=10_000)
    assert notice_text(clerk_window) == ""


def test_an_unplugged_second_place_is_a_quiet_notice(qtbot, ctx, office, admin, tmp_path) -> None:
    ctx.config.backup_second_dir = str(tmp_path / "usb-rut-ra")  # not there
    window = make_window(qtbot, ctx, admin, automatic_backups=True)
    assert window.backups is not None
    qtbot.waitUntil(lambda: not window.backups.running, timeout=60_000)
    assert "nơi thứ hai" in notice_text(window)
    assert [info.reason for info in backup.list_backups(ctx)] == ["daily"]


def test_the_second_place_is_picked_in_the_settings(qtbot, ctx, tmp_path, monkeypatch) -> None:
    usb = tmp_path / "USB"
    usb.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *args, **kwargs: str(usb))
    dialog = SettingsDialog(ctx.config, persist=False)
    qtbot.addWidget(dialog)
    editor = dialog.editors["backup_second_dir"]
    assert isinstance(editor, FolderEdit)
    qtbot.mouseClick(editor.pick_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(dialog.saved, timeout=5000) as saved:
        dialog.save()
    assert saved.args[0].second_backup_dir == usb


# --- a start on a damaged database -----------------------------------------------------


def test_a_damaged_database_at_start_offers_the_latest_backup(qtbot, tmp_path, monkeypatch) -> None:
    from desk.app import open_office
    from desk.config import DeskConfig

    config = DeskConfig(data_dir=tmp_path / "damaged")
    ctx = DeskContext.open(config)
    demo.ensure_demo_office(ctx)
    ctx.act_as(demo.demo_account(ctx, "quantri"))
    if not backup.has_backup_key(ctx):
        backup.set_passphrase(ctx, PASSPHRASE)
    codes = receive(ctx, demo.demo_clerks(ctx)[0], 2, seed=3)
    (taken,) = backup.take_backup(ctx, reason="manual")
    ctx.close()
    del ctx
    gc.collect()  # no connection of the set-up left open on the file about to be damaged
    database = config.default_sqlite_path
    with database.open("r+b") as handle:  # garbled pages, the header kept
        handle.seek(4096)
        handle.write(b"\xa5" * 4096 * 8)

    # The message box and the dialog are modal (their own event loop): the admin's clicks
    # and typing are played in place of those loops.
    seen: dict[str, object] = {}

    def fault_box(box: QMessageBox) -> int:
        seen["fault"] = box.text()
        captions = [button.text() for button in box.buttons()]
        assert "Khôi phục từ bản sao lưu…" in captions and "Đóng" in captions
        restore = next(b for b in box.buttons() if b.text() == "Khôi phục từ bản sao lưu…")
        restore.click()
        return 0

    def restore_dialog(dialog: RestoreDialog) -> int:
        dialog.show()
        seen["path"] = dialog.chosen_path()
        assert not dialog.username.isReadOnly()  # nobody could sign in: typed here
        qtbot.waitUntil(lambda: dialog.info is not None, timeout=10_000)
        send_text(dialog.username, "quantri")
        fill_restore(qtbot, dialog, PASSPHRASE, "quantri-demo")
        qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not dialog.running, timeout=60_000)
        dialog.hide()
        accepted = dialog.restore_result is not None
        return int((QDialog.DialogCode.Accepted if accepted else QDialog.DialogCode.Rejected).value)

    monkeypatch.setattr(QMessageBox, "exec", fault_box)
    monkeypatch.setattr(RestoreDialog, "exec", restore_dialog)
    monkeypatch.setattr(
        QMessageBox, "information", lambda _parent, _title, text: seen.setdefault("done", text)
    )
    reopened = open_office(config)
    assert reopened is not None
    try:
        assert "Bản sao lưu mới nhất" in str(seen["fault"])
        assert seen["path"] == taken.path  # the latest backup, chosen for the admin
        assert str(seen["done"]).startswith("Đã khôi phục")
        assert all(exists(reopened, code) for code in codes)
    finally:
        reopened.close()
