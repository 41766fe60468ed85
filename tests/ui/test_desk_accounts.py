"""Accounts at the desk: sign-out and switch user keep each clerk's unfinished intake as
hers alone, the password changed in the window, throttled and disabled sign-ins, the
dossier view's openings logged, and what a role may not do."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import Qt

from desk.domain import access
from desk.domain.access import Permission
from desk.domain.audit import AuditAction
from desk.domain.office import Role
from desk.services import audit, auth, demo, intake
from desk.services.drafts import DraftError, DraftStore, drafts_dir, new_draft_id
from desk.ui.main_window import PAGE_DOSSIER, PAGE_INTAKE, PAGE_TODAY, MainWindow
from desk.ui.session import DeskSession
from desk.ui.sign_in import SignInDialog
from tests.ui.dossier_helpers import open_dossier
from tests.ui.intake_helpers import send_text

pytestmark = pytest.mark.qt_log_ignore(
    r"This plugin does not support (propagateSizeHints|raise\(\)|grabbing the keyboard)"
)


@pytest.fixture
def session(qtbot, ctx):
    ctx.act_as(None)  # nobody is signed in when the desk starts
    desk = DeskSession(ctx, make_window=lambda c, user: MainWindow(c, user, idle_ms=0))
    yield desk
    if desk.window is not None and shiboken6.isValid(desk.window):
        desk.window.ending = True
        desk.window.close()
        desk.window.deleteLater()
    if desk.sign_in is not None and shiboken6.isValid(desk.sign_in):
        desk.sign_in.close()
        desk.sign_in.deleteLater()


def sign_in(qtbot, desk: DeskSession, username: str, password: str) -> MainWindow:
    dialog = desk.sign_in
    assert dialog is not None and dialog.isVisible()
    dialog.username.setText(username)
    dialog.password.setText(password)
    with qtbot.waitSignal(desk.window_opened, timeout=10_000) as opened:
        dialog.submit()
    window = opened.args[0]
    assert isinstance(window, MainWindow)
    return window


def type_applicant(window: MainWindow, name: str) -> None:
    """F2, then the applicant's name typed (no pause: no autosave has run yet)."""
    window.new_intake()
    view = window.intake
    assert view is not None and window.current_page() == PAGE_INTAKE
    editor = view.applicant.cells["full_name"].editor  # type: ignore[attr-defined]
    editor.setFocus()
    send_text(editor, name)
    window.scanner.flush()  # type: ignore[union-attr]  # held while it might be a scan
    assert view.applicant.values()["full_name"] == name  # type: ignore[attr-defined]


def gone(window: MainWindow) -> bool:
    return not shiboken6.isValid(window) or not window.isVisible()


def test_a_clerk_s_draft_is_offered_to_her_only(qtbot, ctx, session) -> None:
    session.start()
    first = sign_in(qtbot, session, "canbo1", "canbo1-demo")
    assert ctx.user is not None and ctx.user.username == "canbo1"
    type_applicant(first, "Trần Văn Bình")

    first.nav_buttons["sign_out"].click()
    qtbot.waitUntil(lambda: gone(first))
    assert ctx.user is None
    assert session.sign_in is not None and session.sign_in.isVisible()

    second = sign_in(qtbot, session, "canbo2", "canbo2-demo")
    second.new_intake()
    view = second.intake
    assert view is not None
    assert not view.draft_banner.isVisible()  # type: ignore[attr-defined]
    assert view.drafts.drafts() == []  # type: ignore[attr-defined]
    second.nav_buttons["sign_out"].click()
    qtbot.waitUntil(lambda: gone(second))

    again = sign_in(qtbot, session, "canbo1", "canbo1-demo")
    again.new_intake()
    banner = again.intake.draft_banner  # type: ignore[union-attr]
    assert banner.isVisible()
    assert "Trần Văn Bình" in banner.label.text()
    qtbot.mouseClick(banner.buttons()[0], Qt.MouseButton.LeftButton)
    assert again.intake.applicant.values()["full_name"] == "Trần Văn Bình"  # type: ignore[union-attr]


def test_switch_user_locks_first_and_a_cancel_leaves_it_locked(qtbot, ctx, session) -> None:
    session.start()
    first = sign_in(qtbot, session, "canbo1", "canbo1-demo")
    type_applicant(first, "Lê Thị Mai")

    first.nav_buttons["switch"].click()
    assert first.locked and first.lock_screen.isVisible()  # her screen is out of view
    dialog = session.sign_in
    assert dialog is not None and dialog.isVisible()
    assert dialog.quit_button.text() == "Hủy"
    with qtbot.assertNotEmitted(session.finished):
        dialog.reject()
    assert session.window is first and first.locked

    # Someone else at the desk uses the lock screen's own button.
    first.lock_screen.switch_button.click()
    second = sign_in(qtbot, session, "canbo2", "canbo2-demo")
    assert second is not first and session.window is second
    assert ctx.user is not None and ctx.user.username == "canbo2"
    qtbot.waitUntil(lambda: gone(first))
    assert "Nguyễn Thị Hương" not in second.statusBar().currentMessage()
    kept = DraftStore.for_account(ctx.config, demo.demo_account(ctx, "canbo1")).drafts()
    assert [draft.title for draft in kept] == ["Chưa chọn thủ tục — Lê Thị Mai"]

    # The same account signing in from «Đổi người dùng» just goes on where it was.
    second.switch_user()
    with qtbot.assertNotEmitted(session.window_opened):
        session.sign_in.username.setText("canbo2")
        session.sign_in.password.setText("canbo2-demo")
        session.sign_in.submit()
        qtbot.waitUntil(lambda: not second.locked, timeout=10_000)
    assert session.window is second


def test_closing_the_window_ends_the_desk(qtbot, ctx, session) -> None:
    session.start()
    window = sign_in(qtbot, session, "canbo1", "canbo1-demo")
    with qtbot.waitSignal(session.finished, timeout=5000):
        window.close()
    assert ctx.user is None


def test_giving_up_the_sign_in_ends_the_desk(qtbot, session) -> None:
    session.start()
    with qtbot.waitSignal(session.finished, timeout=5000):
        session.sign_in.quit_button.click()


def test_drafts_belong_to_the_account_that_typed_them(ctx) -> None:
    canbo1, canbo2 = demo.demo_account(ctx, "canbo1"), demo.demo_account(ctx, "canbo2")
    admin = demo.demo_account(ctx, "quantri")
    hers = DraftStore.for_account(ctx.config, canbo1)
    theirs = DraftStore.for_account(ctx.config, canbo2)
    draft_id = new_draft_id()
    hers.save(draft_id, {"applicant": {"full_name": "Trần Văn Bình"}}, title="Khai sinh")
    assert [d.user_id for d in hers.drafts()] == [canbo1.id]
    assert theirs.drafts() == []
    with pytest.raises(DraftError):
        theirs.save(new_draft_id(), {}, user_id=canbo1.id)
    # Copied by hand into another account's folder, it is still not offered there.
    theirs.directory.mkdir(parents=True, exist_ok=True)
    copied = theirs.directory / f"{draft_id}.json"
    copied.write_bytes(hers.path_of(draft_id).read_bytes())
    assert theirs.drafts() == []
    with pytest.raises(DraftError) as refused:
        theirs.load(draft_id)
    assert refused.value.code == "draft.not_yours"
    if os.name == "posix":
        assert stat.S_IMODE(hers.directory.stat().st_mode) == 0o700

    # An older desk's drafts, all in one folder: each goes to the account that typed it;
    # one that names no account goes to an administrator, never to a clerk.
    shared = DraftStore(drafts_dir(ctx.config))
    old_hers, old_nobody = new_draft_id(), new_draft_id()
    shared.save(old_hers, {"v": 1}, title="Cũ của Hương", user_id=canbo1.id)
    shared.save(old_nobody, {"v": 2}, title="Cũ không rõ ai")
    assert [d.id for d in theirs.drafts()] == []
    assert {d.id for d in hers.drafts()} == {draft_id, old_hers}
    assert [d.title for d in DraftStore.for_account(ctx.config, admin).drafts()] == [
        "Cũ không rõ ai"
    ]
    assert not list(Path(drafts_dir(ctx.config)).glob("*.json"))


def test_changing_one_s_own_password(qtbot, ctx, clerk) -> None:
    window = MainWindow(ctx, clerk, idle_ms=0)
    qtbot.addWidget(window)
    window.show()
    window.nav_buttons["password"].click()
    dialog = window.password_dialog
    assert dialog.isVisible()

    dialog.old_password.setText("canbo1-demo")
    dialog.new_password.setText("hoa-sen-2026")
    dialog.repeat_password.setText("hoa-sen-2025")
    dialog.submit()
    assert dialog.error.text() == "Hai lần nhập mật khẩu mới không giống nhau."

    dialog.old_password.setText("khong-phai")
    dialog.repeat_password.setText("hoa-sen-2026")
    dialog.submit()
    qtbot.waitUntil(lambda: dialog.save_button.isEnabled(), timeout=10_000)
    assert dialog.error.text() == "Mật khẩu hiện tại không đúng."
    assert dialog.isVisible()

    dialog.old_password.setText("canbo1-demo")
    with qtbot.waitSignal(dialog.changed, timeout=10_000):
        dialog.submit()
    assert not dialog.isVisible()
    assert window.banner.text() == "Đã đổi mật khẩu."
    assert auth.authenticate(ctx, "canbo1", "hoa-sen-2026").id == clerk.id


def attempt(qtbot, dialog: SignInDialog, username: str, password: str) -> str:
    dialog.username.setText(username)
    dialog.password.setText(password)
    dialog.submit()
    qtbot.waitUntil(
        lambda: dialog.sign_in_button.isEnabled() and dialog.error.text() != "", timeout=10_000
    )
    return dialog.error.text()


def test_the_sign_in_shows_the_wait_after_repeated_failures(qtbot, ctx) -> None:
    dialog = SignInDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    for n in range(4):
        assert attempt(qtbot, dialog, "canbo1", f"sai-{n}") == "Sai tên đăng nhập hoặc mật khẩu."
        dialog.error.setText("")
    fifth = attempt(qtbot, dialog, "canbo1", "sai-4")
    assert fifth.startswith("Sai tên đăng nhập hoặc mật khẩu.") and "thử lại sau" in fifth
    dialog.error.setText("")
    # Even the right password waits: the dialog says so and stays ready, not frozen.
    with qtbot.assertNotEmitted(dialog.signed_in):
        waited = attempt(qtbot, dialog, "canbo1", "canbo1-demo")
    assert waited.startswith("Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau")
    assert dialog.isVisible() and dialog.sign_in_button.isEnabled()


def test_a_disabled_account_is_told_so(qtbot, ctx) -> None:
    auth.set_active(ctx, "canbo2", False)
    dialog = SignInDialog(ctx)
    qtbot.addWidget(dialog)
    assert attempt(qtbot, dialog, "canbo2", "canbo2-demo") == "Tài khoản đã bị khóa."


def test_the_dossier_view_logs_who_opened_a_dossier_once(qtbot, ctx, clerk) -> None:
    generated = next(demo.generate(ctx, 1, seed=5))
    code = str(intake.receive_dossier(ctx, generated.request, clerk).code)
    admin = ctx.user
    ctx.act_as(clerk)
    view = open_dossier(qtbot, ctx, clerk, code)
    with qtbot.waitSignal(view.dossier_shown, timeout=10_000):
        view.refresh()  # read again after a change: not a new opening
    ctx.act_as(admin)
    viewed = [
        entry
        for entry in audit.recent_entries(ctx, code)
        if entry.action == AuditAction.DOSSIER_VIEWED.value
    ]
    assert [(entry.actor_user_id, entry.actor_name) for entry in viewed] == [
        (clerk.id, clerk.full_name)
    ]


def test_what_a_role_may_not_do_is_off_and_a_refusal_is_explained(
    qtbot, ctx, clerk, monkeypatch
) -> None:
    code = str(intake.receive_dossier(ctx, next(demo.generate(ctx, 1, seed=6)).request, clerk).code)
    # An office that keeps intake and reading dossiers from its clerks.
    narrowed = access.ROLE_PERMISSIONS[Role.CLERK] - {Permission.RECEIVE, Permission.SHOW}
    monkeypatch.setitem(access.ROLE_PERMISSIONS, Role.CLERK, frozenset(narrowed))
    window = MainWindow(ctx, clerk, idle_ms=0)
    qtbot.addWidget(window)
    window.show()
    assert ctx.user == clerk  # the window acts for its account

    button = window.nav_buttons[PAGE_INTAKE]
    assert not button.isEnabled()
    assert "không được phép tiếp nhận hồ sơ" in button.toolTip()
    window.shortcut_actions[PAGE_INTAKE].trigger()
    window.new_intake()
    assert window.current_page() == PAGE_TODAY and window.intake is None

    # The service refuses to show a dossier: its own words, not "an unexpected error".
    with qtbot.waitSignal(window.dossier_view.failed, timeout=10_000) as failed:
        window.open_dossier(code)
    assert window.current_page() == PAGE_DOSSIER
    assert "không được phép xem hồ sơ" in failed.args[0]
    assert window.dossier_view.message.text() == failed.args[0]
