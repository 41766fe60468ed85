"""Staff accounts: a taken user name is the store's own error (a DeskError), never the
database driver's; signing in is throttled in the database; an admin creates, resets,
disables and changes accounts, never leaving the office without an active admin; every
change, sign-in and failed sign-in is in the log, never a password."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from sqlalchemy import text

from desk.domain.access import NotAllowed, NotSignedIn
from desk.domain.audit import AuditAction, AuditEntry
from desk.domain.calendar import OFFICE_TZ
from desk.domain.office import Role
from desk.errors import AlreadyExists, DeskError, InvalidInput
from desk.services import audit, auth, demo
from desk.services.context import DeskContext
from desk.store import audit as store_audit
from desk.store import office as store_office
from tests.store.conftest import open_office

NOW = datetime(2026, 11, 30, 9, 0, tzinfo=OFFICE_TZ)


def entries_about(ctx: DeskContext, username: str) -> list[AuditEntry]:
    with ctx.db.read() as session:
        return store_audit.entries_about(session, f"user:{username}")


def actions_about(ctx: DeskContext, username: str) -> list[str]:
    return [e.action for e in entries_about(ctx, username)]


def verified(ctx: DeskContext) -> list[str]:
    admin = ctx.user
    ctx.act_as(demo.demo_account(ctx, "quantri"))
    try:
        return audit.verify(ctx).problems
    finally:
        ctx.act_as(admin)


def test_a_taken_user_name_is_refused_in_vietnamese(any_db_url: str, tmp_path: Path) -> None:
    ctx = open_office(any_db_url, tmp_path / "office")
    try:
        auth.create_user(ctx, "canbo9", "Vũ Thị Hà", Role.CLERK, "mat-khau-9")
        with pytest.raises(AlreadyExists, match="«canbo9» đã có") as refused:
            auth.create_user(ctx, "CanBo9", "Vũ Văn Hà", Role.CLERK, "mat-khau-9")
        assert isinstance(refused.value, InvalidInput)  # the CLI's "Lỗi: …", exit code 2
        assert refused.value.code == "user.exists"
        # The refused transaction was rolled back; the office goes on.
        assert auth.authenticate(ctx, "canbo9", "mat-khau-9").full_name == "Vũ Thị Hà"
        assert verified(ctx) == []
    finally:
        ctx.close()


def test_creating_an_account_is_logged_with_its_state_and_never_its_password(
    ctx: DeskContext,
) -> None:
    auth.create_user(ctx, "canbo9", "Vũ Thị Hà", Role.CLERK, "mat-khau-9", "Công chức")
    (created,) = entries_about(ctx, "canbo9")
    assert created.action == AuditAction.ACCOUNT_CREATED.value
    assert ctx.user is not None and created.actor_user_id == ctx.user.id
    assert created.detail["role"] == "clerk"
    assert created.detail["full_name"] == "Vũ Thị Hà"
    text = str(created.detail)
    assert "mat-khau-9" not in text and "argon2" not in text
    assert verified(ctx) == []


@pytest.mark.parametrize(
    ("username", "full_name", "code"),
    [
        ("", "Vũ Thị Hà", "user.username"),
        ("vu thi ha", "Vũ Thị Hà", "user.username"),
        ("vũ", "Vũ Thị Hà", "user.username"),
        ("a" * 65, "Vũ Thị Hà", "user.username"),
        ("canbo9", "   ", "user.full_name"),
    ],
)
def test_bad_user_names_and_blank_full_names_are_refused(
    ctx: DeskContext, username: str, full_name: str, code: str
) -> None:
    with pytest.raises(InvalidInput) as refused:
        auth.create_user(ctx, username, full_name, Role.CLERK, "mat-khau-9")
    assert refused.value.code.startswith(code)


def test_sign_in_and_failed_sign_in_are_logged(ctx: DeskContext) -> None:
    fresh = DeskContext(ctx.config, ctx.db)
    user = auth.authenticate(fresh, "CanBo1", "canbo1-demo", now=NOW)
    assert fresh.user == user and user.username == "canbo1"
    with pytest.raises(DeskError) as wrong:
        auth.authenticate(fresh, "canbo1", "sai-mat-khau", now=NOW)
    assert wrong.value.code == "auth.failed"
    assert fresh.user == user  # a failed attempt does not sign anyone out
    assert actions_about(ctx, "canbo1")[-2:] == [
        AuditAction.SIGNED_IN.value,
        AuditAction.SIGN_IN_FAILED.value,
    ]
    failed = entries_about(ctx, "canbo1")[-1]
    assert "sai-mat-khau" not in str(failed.detail)


def test_five_failures_make_the_name_wait_doubling_up_to_fifteen_minutes(
    office: DeskContext,
) -> None:
    ctx = office
    for attempt in range(4):
        with pytest.raises(DeskError) as wrong:
            auth.authenticate(ctx, "canbo1", "sai", now=NOW + timedelta(seconds=attempt))
        assert wrong.value.code == "auth.failed"
    fifth = NOW + timedelta(seconds=10)
    with pytest.raises(DeskError, match="30 giây"):
        auth.authenticate(ctx, "canbo1", "sai", now=fifth)
    # Blocked: even the right password is refused, without being checked.
    with pytest.raises(DeskError, match="thử lại sau 20 giây") as throttled:
        auth.authenticate(ctx, "canbo1", "canbo1-demo", now=fifth + timedelta(seconds=10))
    assert throttled.value.code == "auth.throttled"
    assert "Đăng nhập sai quá nhiều lần" in throttled.value.message
    # After the wait, a sixth failure doubles it.
    sixth = fifth + timedelta(seconds=31)
    with pytest.raises(DeskError, match="60 giây"):
        auth.authenticate(ctx, "canbo1", "sai", now=sixth)
    with pytest.raises(DeskError, match="60 giây"):
        auth.authenticate(ctx, "canbo1", "canbo1-demo", now=sixth)
    # A success after the wait clears the count: the next mistake is free again.
    later = sixth + timedelta(seconds=61)
    assert auth.authenticate(ctx, "canbo1", "canbo1-demo", now=later).username == "canbo1"
    with pytest.raises(DeskError) as wrong:
        auth.authenticate(ctx, "canbo1", "sai", now=later)
    assert wrong.value.code == "auth.failed"
    assert auth.authenticate(ctx, "canbo1", "canbo1-demo", now=later).username == "canbo1"


def test_the_wait_never_exceeds_fifteen_minutes() -> None:
    assert auth.wait_after(4) is None
    assert auth.wait_after(5) == timedelta(seconds=30)
    assert auth.wait_after(6) == timedelta(seconds=60)
    assert auth.wait_after(9) == timedelta(seconds=480)
    assert auth.wait_after(10) == timedelta(minutes=15)
    assert auth.wait_after(1000) == timedelta(minutes=15)


def test_unknown_names_are_throttled_the_same_way(ctx: DeskContext) -> None:
    """The answers for an unknown name are those for a known one: they tell nothing."""
    for attempt in range(5):
        with pytest.raises(DeskError) as wrong:
            auth.authenticate(ctx, "khongco", "sai", now=NOW + timedelta(seconds=attempt))
        assert wrong.value.code == "auth.failed"
    with pytest.raises(DeskError) as throttled:
        auth.authenticate(ctx, "khongco", "sai", now=NOW + timedelta(seconds=6))
    assert throttled.value.code == "auth.throttled"
    # Another name is not held up by it.
    assert auth.authenticate(ctx, "canbo2", "canbo2-demo", now=NOW).username == "canbo2"


def test_a_name_no_account_has_is_never_kept_in_clear_text(ctx: DeskContext) -> None:
    """A password typed in the name box must not stay in the append-only log."""
    with pytest.raises(DeskError):
        auth.authenticate(ctx, "MatKhauBiMat-123", "sai", now=NOW)
    (failed,) = entries_about(ctx, "?")
    assert failed.action == AuditAction.SIGN_IN_FAILED.value
    with ctx.db.read() as session:
        everything = str([(e.subject, e.detail) for e in store_audit.iter_entries(session)])
        keys = session.execute(text("SELECT username FROM sign_in_failures")).scalars().all()
    assert "matkhaubimat" not in everything.lower()
    assert not any("matkhaubimat" in key for key in keys)


def test_an_admin_resets_a_password_and_lifts_the_wait(ctx: DeskContext) -> None:
    for attempt in range(5):
        with pytest.raises(DeskError):
            auth.authenticate(ctx, "canbo1", "sai", now=NOW + timedelta(seconds=attempt))
    admin = ctx.user
    auth.reset_password(ctx, "canbo1", "mat-khau-moi")
    assert actions_about(ctx, "canbo1")[-1] == AuditAction.PASSWORD_CHANGED.value
    assert entries_about(ctx, "canbo1")[-1].detail["reason"] == "reset"
    assert "mat-khau-moi" not in str(entries_about(ctx, "canbo1")[-1].detail)
    other = DeskContext(ctx.config, ctx.db)
    assert auth.authenticate(other, "canbo1", "mat-khau-moi", now=NOW).username == "canbo1"
    with pytest.raises(DeskError):
        auth.authenticate(other, "canbo1", "canbo1-demo", now=NOW)
    ctx.act_as(admin)
    assert verified(ctx) == []


def test_a_clerk_changes_her_own_password_knowing_the_old_one(ctx: DeskContext) -> None:
    ctx.act_as(demo.demo_account(ctx, "canbo1"))
    with pytest.raises(DeskError, match="Mật khẩu hiện tại không đúng"):
        auth.change_own_password(ctx, "sai-mat-khau", "mat-khau-moi", now=NOW)
    auth.change_own_password(ctx, "canbo1-demo", "mat-khau-moi", now=NOW)
    assert entries_about(ctx, "canbo1")[-1].detail["reason"] == "own"
    assert auth.authenticate(ctx, "canbo1", "mat-khau-moi", now=NOW).username == "canbo1"
    ctx.act_as(None)
    with pytest.raises(NotSignedIn):
        auth.change_own_password(ctx, "mat-khau-moi", "mat-khau-khac")
    assert verified(ctx) == []


def test_a_disabled_account_cannot_sign_in_and_can_be_enabled_again(ctx: DeskContext) -> None:
    disabled = auth.set_active(ctx, "canbo2", False)
    assert not disabled.active
    change = entries_about(ctx, "canbo2")[-1]
    assert change.action == AuditAction.ACCOUNT_CHANGED.value
    assert change.detail["changes"] == {"active": [True, False]}
    with pytest.raises(DeskError) as refused:
        auth.authenticate(DeskContext(ctx.config, ctx.db), "canbo2", "canbo2-demo", now=NOW)
    assert refused.value.code == "auth.inactive"
    assert auth.set_active(ctx, "canbo2", True).active
    assert auth.authenticate(DeskContext(ctx.config, ctx.db), "canbo2", "canbo2-demo").active
    assert verified(ctx) == []


@pytest.fixture
def office(any_db_url: str, tmp_path: Path) -> Iterator[DeskContext]:
    ctx = open_office(any_db_url, tmp_path / "office")
    yield ctx
    ctx.close()


def test_the_last_active_admin_and_oneself_are_never_disabled_or_demoted(
    office: DeskContext,
) -> None:
    ctx = office
    with pytest.raises(DeskError) as itself:
        auth.set_active(ctx, "quantri", False)
    assert itself.value.code == "user.self"
    with pytest.raises(DeskError) as demoted:
        auth.set_role(ctx, "quantri", Role.CLERK)
    assert demoted.value.code == "user.self"
    # A second admin may be demoted while the first remains …
    auth.create_user(ctx, "quantri2", "Trần Quản Trị", Role.ADMIN, "mat-khau-2")
    auth.set_role(ctx, "quantri2", Role.SUPERVISOR)
    assert actions_about(ctx, "quantri2")[-1] == AuditAction.ACCOUNT_CHANGED.value
    # … and the last one cannot be removed, even by an admin whose window was opened
    # before that admin's own account was disabled.
    auth.set_role(ctx, "quantri2", Role.ADMIN)
    stale = demo.demo_account(ctx, "quantri")
    ctx.act_as(demo.demo_account(ctx, "quantri2"))
    auth.set_active(ctx, "quantri", False)  # two admins: allowed
    ctx.act_as(demo.demo_account(ctx, "quantri"))
    with pytest.raises(NotAllowed, match="đã bị khóa"):
        auth.set_active(ctx, "quantri2", False)
    ctx.act_as(stale)
    with pytest.raises(DeskError) as last:
        auth.set_active(ctx, "quantri2", False)
    assert last.value.code == "user.last_admin"
    ctx.act_as(demo.demo_account(ctx, "quantri2"))
    admins = [u for u in auth.list_users(ctx) if u.role is Role.ADMIN and u.active]
    assert [u.username for u in admins] == ["quantri2"]


def test_full_name_changes_are_logged_and_a_blank_one_refused(ctx: DeskContext) -> None:
    auth.set_full_name(ctx, "canbo1", "Nguyễn Thị Lan Anh")
    assert entries_about(ctx, "canbo1")[-1].detail["changes"]["full_name"][1] == (
        "Nguyễn Thị Lan Anh"
    )
    with pytest.raises(InvalidInput):
        auth.set_full_name(ctx, "canbo1", " ")
    assert verified(ctx) == []


def test_only_an_admin_manages_accounts(ctx: DeskContext) -> None:
    ctx.act_as(demo.demo_account(ctx, "lanhdao"))
    with pytest.raises(NotAllowed):
        auth.create_user(ctx, "evil", "Kẻ Gian", Role.ADMIN, "mat-khau-9")
    with pytest.raises(NotAllowed):
        auth.reset_password(ctx, "quantri", "mat-khau-9")
    ctx.act_as(None)
    with pytest.raises(NotSignedIn):
        auth.set_role(ctx, "canbo1", Role.ADMIN)
    assert actions_about(ctx, "evil") == []


def test_a_weak_hash_is_replaced_at_sign_in_and_the_log_still_vouches_for_the_account(
    ctx: DeskContext,
) -> None:
    # An account as an older desk left it: a hash with weaker parameters, logged.
    weak = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1).hash("canbo1-demo")
    clerk = demo.demo_account(ctx, "canbo1")
    with ctx.db.write() as session:
        store_office.set_password_hash(session, clerk.id, weak)
        store_office.log_account(
            session, AuditAction.PASSWORD_CHANGED, clerk.id, "canbo1", at=NOW, actor=None
        )
    auth.authenticate(DeskContext(ctx.config, ctx.db), "canbo1", "canbo1-demo", now=NOW)
    rehashed, signed_in = entries_about(ctx, "canbo1")[-2:]
    assert rehashed.action == AuditAction.PASSWORD_CHANGED.value
    assert rehashed.detail["reason"] == "rehash"
    assert signed_in.action == AuditAction.SIGNED_IN.value
    with ctx.db.read() as session:
        found = store_office.user_with_hash(session, "canbo1")
    assert found is not None and found[1] != weak
    assert verified(ctx) == []
