"""A sign-in typed while the office still opens has its argon2 check started ahead, from the
hash read straight from the SQLite file (``desk.services.auth_check``). Signing in then
takes that answer only for the very hash the office's opening reads and the very password
typed: a password changed meanwhile, another password, or a file that cannot say, and
the password is checked again; and every check of a sign-in (throttle, log) still runs."""

from __future__ import annotations

from pathlib import Path

import pytest

from desk.errors import DeskError
from desk.services import auth, auth_check
from desk.services.context import DeskContext
from desk.store import account_peek


def office_file(ctx: DeskContext) -> Path:
    return ctx.config.default_sqlite_path


@pytest.fixture
def argon2_checks(monkeypatch) -> list[str]:
    """The passwords argon2 was asked to check, in order."""
    checked: list[str] = []
    real = auth_check.check

    def counted(stored_hash: str, password: str) -> bool:
        checked.append(password)
        return real(stored_hash, password)

    monkeypatch.setattr(auth_check, "check", counted)
    monkeypatch.setattr(auth_check, "_ahead", None)
    return checked


def test_the_check_ahead_is_the_sign_in_s_own(ctx, argon2_checks) -> None:
    ahead = auth_check.check_ahead("canbo1-demo")
    ahead.run(office_file(ctx), " CanBo1 ")  # the name as typed
    assert ahead.result is True and argon2_checks == ["canbo1-demo"]

    user = auth.authenticate(ctx, "canbo1", "canbo1-demo")
    assert user.username == "canbo1"
    assert argon2_checks == ["canbo1-demo"]  # not checked a second time
    assert ctx.user == user


def test_a_password_changed_after_the_check_ahead_is_checked_again(ctx, argon2_checks) -> None:
    ahead = auth_check.check_ahead("canbo1-demo")
    ahead.run(office_file(ctx), "canbo1")
    assert ahead.result is True
    auth.reset_password(ctx, "canbo1", "mat-khau-moi")  # the admin, meanwhile

    with pytest.raises(DeskError) as refused:
        auth.authenticate(ctx, "canbo1", "canbo1-demo")
    assert refused.value.code == "auth.failed"
    assert auth.authenticate(ctx, "canbo1", "mat-khau-moi").username == "canbo1"


def test_another_password_or_an_unreadable_file_is_checked_as_always(
    ctx, argon2_checks, tmp_path
) -> None:
    auth_check.check_ahead("sai-mat-khau").run(office_file(ctx), "canbo1")
    assert auth.authenticate(ctx, "canbo1", "canbo1-demo").username == "canbo1"
    assert argon2_checks == ["sai-mat-khau", "canbo1-demo"]

    damaged = tmp_path / "office.sqlite"
    damaged.write_bytes(b"not a database" * 100)
    with pytest.raises(account_peek.NotRead):
        account_peek.password_hash(damaged, "canbo1")
    ahead = auth_check.check_ahead("canbo1-demo")
    ahead.run(damaged, "canbo1")
    assert ahead.result is None and ahead.done.is_set()
    assert auth.authenticate(ctx, "canbo1", "canbo1-demo").username == "canbo1"


def test_a_throttled_name_is_refused_though_its_password_was_right_ahead(
    ctx, argon2_checks
) -> None:
    for _ in range(5):
        with pytest.raises(DeskError):
            auth.authenticate(ctx, "canbo1", "sai")
    ahead = auth_check.check_ahead("canbo1-demo")
    ahead.run(office_file(ctx), "canbo1")
    assert ahead.result is True
    with pytest.raises(DeskError) as refused:
        auth.authenticate(ctx, "canbo1", "canbo1-demo")
    assert refused.value.code == "auth.throttled"


def test_an_unknown_name_ahead_is_still_refused(ctx, argon2_checks) -> None:
    ahead = auth_check.check_ahead("canbo1-demo")
    ahead.run(office_file(ctx), "khong-co")
    assert ahead.result is False and ahead.stored_hash is None
    with pytest.raises(DeskError) as refused:
        auth.authenticate(ctx, "khong-co", "canbo1-demo")
    assert refused.value.code == "auth.failed"
