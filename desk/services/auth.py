"""Staff accounts: signing in (argon2 hashes, argon2-cffi, the OWASP-recommended KDF;
failed attempts throttled in the database) and the admin's work on accounts.

Every change to an account, every sign-in and every failed one goes into the office's
log in the transaction that makes it; an account's entry carries the digest of the
account's row as the change left it (``audit_records.account_state_digest``), so the log's
check finds a row edited behind the desk's back. Passwords and their hashes never enter
the log.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from desk.domain import limits
from desk.domain.access import NotSignedIn, Permission
from desk.domain.audit import AuditAction
from desk.domain.calendar import now_in_office
from desk.domain.office import Role, User
from desk.domain.text import clean
from desk.errors import DeskError, InvalidInput, NotFound
from desk.services.auth_check import check as _check
from desk.services.auth_check import encodable as _encodable
from desk.services.auth_check import hasher as _hasher
from desk.services.auth_check import verify as _verify
from desk.services.context import DeskContext
from desk.store import audit as store_audit
from desk.store import office as store_office

MIN_PASSWORD_LENGTH = 6

# Throttling: the first failures are free (typing mistakes); from the fifth in a row on,
# each failure makes the name wait, twice as long as the one before, up to a ceiling.
FREE_FAILURES = 4
FIRST_WAIT = timedelta(seconds=30)
LONGEST_WAIT = timedelta(minutes=15)

# The actor written for what the desk does with no account (the demo office, set-up).
DEMO_ACTOR = "desk demo"

_wrong = "Sai tên đăng nhập hoặc mật khẩu."


def hash_password(password: str) -> str:
    if len(password) > limits.PASSWORD_MAX_LENGTH:
        raise InvalidInput(
            f"Mật khẩu dài quá {limits.PASSWORD_MAX_LENGTH} ký tự.",
            code="user.password_long",
            field="password",
        )
    if not _encodable(password):
        raise InvalidInput(
            "Mật khẩu có ký tự không hợp lệ (không phải chữ Unicode đúng chuẩn).",
            code="user.password_characters",
            field="password",
        )
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InvalidInput(
            f"Mật khẩu phải có ít nhất {MIN_PASSWORD_LENGTH} ký tự.",
            code="user.password_short",
            field="password",
        )
    return _hasher.hash(password)


def check_username(username: str) -> str:
    """The user name as stored (lower case), or InvalidInput (``limits.USERNAME``)."""
    return limits.USERNAME.check(clean(username).lower(), required=True)


def check_full_name(full_name: str) -> str:
    return limits.USER_FULL_NAME.check(full_name, required=True)


def wait_after(failures: int) -> timedelta | None:
    """How long a name must wait after ``failures`` failed sign-ins in a row (None: no wait)."""
    if failures <= FREE_FAILURES:
        return None
    doublings = failures - FREE_FAILURES - 1
    if doublings >= 10:  # 30 s · 2¹⁰ is well past the ceiling
        return LONGEST_WAIT
    return min(FIRST_WAIT * 2**doublings, LONGEST_WAIT)


def _throttled(blocked_until: datetime, now: datetime) -> DeskError:
    seconds = max(1, math.ceil((blocked_until - now).total_seconds()))
    return DeskError(
        f"Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau {seconds} giây.",
        code="auth.throttled",
    )


@dataclass(frozen=True, slots=True)
class _TypedName:
    """A name typed to sign in, as the desk keeps it. An account's name is kept as it is;
    a name no account has (a typo, a guess, a password typed in the wrong box) only as a
    digest, so neither the log nor the throttle's table ever holds it in clear text."""

    key: str  # its row of sign_in_failures
    subject: str  # the subject of its log entries
    detail: dict[str, Any]

    @classmethod
    def of(cls, name: str, *, known: bool) -> _TypedName:
        if known:
            return cls(name, store_audit.account_subject(name), {})
        hashed = hashlib.sha256(name.encode("utf-8")).hexdigest()
        # "#" is in no user name: the key cannot be an account's.
        return cls(f"#{hashed[:40]}", store_audit.account_subject("?"), {"name": hashed[:16]})


def add_account(
    session: store_office.Transaction,
    *,
    username: str,
    full_name: str,
    role: Role,
    password_hash: str,
    title: str,
    now: datetime,
    actor: User | None,
    actor_name: str = "",
) -> User:
    """Insert an account and log it (inside the caller's write transaction)."""
    user = store_office.add_user(
        session,
        username=username,
        full_name=full_name,
        role=role,
        password_hash=password_hash,
        now=now,
        title=title,
    )
    store_office.log_account(
        session,
        AuditAction.ACCOUNT_CREATED,
        user.id,
        username,
        at=now,
        # The first admin of a new office creates itself.
        actor=actor or (user if not actor_name else None),
        actor_name=actor_name,
        detail={"full_name": full_name, "role": role.value, "title": title},
    )
    return user


def create_user(
    ctx: DeskContext,
    username: str,
    full_name: str,
    role: Role,
    password: str,
    title: str = "",
) -> User:
    admin = ctx.require(Permission.ACCOUNTS)
    username = check_username(username)
    full_name = check_full_name(full_name)
    password_hash = hash_password(password)
    now = now_in_office()
    with ctx.db.connect_write() as session:
        # A name already taken: AlreadyExists (an InvalidInput) from the store.
        return add_account(
            session,
            username=username,
            full_name=full_name,
            role=role,
            password_hash=password_hash,
            title=limits.USER_TITLE.check(title),
            now=now,
            actor=admin,
        )


def list_users(ctx: DeskContext) -> list[User]:
    ctx.require(Permission.ACCOUNTS)
    with ctx.db.connect_read() as session:
        return store_office.list_users(session)


def _note_failure(
    ctx: DeskContext, typed: _TypedName, now: datetime, detail: dict[str, Any]
) -> int:
    """Count one more failure in a row for the name and log it; the failures so far."""
    key = typed.key
    with ctx.db.connect_write() as session:
        failures = store_office.count_sign_in_failure(session, key, now)
        wait = wait_after(failures)
        if wait is not None:
            store_office.block_sign_in(session, key, now + wait)
        entry = store_audit.entry(
            AuditAction.SIGN_IN_FAILED,
            typed.subject,
            at=now,
            detail={"failures": failures, **typed.detail, **detail},
        )
        store_audit.append(session, [entry])
    return failures


def _refuse_if_throttled(ctx: DeskContext, typed: _TypedName, now: datetime) -> None:
    with ctx.db.connect_read() as session:
        failures = store_office.sign_in_failures(session, typed.key)
    if failures and failures.blocked_until is not None and now < failures.blocked_until:
        raise _throttled(failures.blocked_until, now)


def _wrong_password(failures: int) -> DeskError:
    wait = wait_after(failures)
    if wait is None:
        return DeskError(_wrong, code="auth.failed")
    return DeskError(
        f"{_wrong} Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau "
        f"{int(wait.total_seconds())} giây.",
        code="auth.failed",
    )


def authenticate(
    ctx: DeskContext, username: str, password: str, *, now: datetime | None = None
) -> User:
    """Sign in: the user (the context acts for it from now on), or a DeskError that does
    not tell which of the two was wrong. A name with 5 failures in a row waits before it
    may try again ("auth.throttled"); the password is not even checked meanwhile."""
    now = now or now_in_office()
    name = clean(username).lower()
    with ctx.db.connect_read() as session:
        found = store_office.user_with_hash(session, name)
    typed = _TypedName.of(name, known=found is not None)
    _refuse_if_throttled(ctx, typed, now)
    if not _verify(found[1] if found else None, password):
        raise _wrong_password(_note_failure(ctx, typed, now, {}))
    assert found is not None
    user, stored_hash = found
    if not user.active:
        # The right password of a disabled account: logged, not counted as a guess.
        with ctx.db.connect_write() as session:
            refused = store_audit.entry(
                AuditAction.SIGN_IN_FAILED, typed.subject, at=now, detail={"reason": "inactive"}
            )
            store_audit.append(session, [refused])
        raise DeskError("Tài khoản đã bị khóa.", code="auth.inactive")
    # A hash made with weaker parameters than today's is replaced; the account's row
    # changes, so the log says so (with the new state's digest) like any password change.
    new_hash = _hasher.hash(password) if _hasher.check_needs_rehash(stored_hash) else None
    with ctx.db.connect_write() as session:
        store_office.clear_sign_in_failures(session, typed.key)
        if new_hash is not None:
            _store_password(session, user, new_hash, actor=user, reason="rehash", now=now)
        signed_in = store_audit.entry(AuditAction.SIGNED_IN, typed.subject, at=now, actor=user)
        store_audit.append(session, [signed_in])
    ctx.act_as(user)
    return user


def _account(session: store_office.Transaction, username: str) -> User:
    user = store_office.get_user(session, clean(username).lower())
    if user is None:
        raise NotFound(
            f"Không có tài khoản «{clean(username)}».", code="user.unknown", field="username"
        )
    return user


def reset_password(ctx: DeskContext, username: str, password: str) -> User:
    """An admin sets a new password for an account (and lifts any wait on its name)."""
    admin = ctx.require(Permission.ACCOUNTS)
    password_hash = hash_password(password)
    now = now_in_office()
    with ctx.db.connect_write() as session:
        user = _account(session, username)
        store_office.clear_sign_in_failures(session, user.username)
        _store_password(session, user, password_hash, actor=admin, reason="reset", now=now)
    return user


def change_own_password(
    ctx: DeskContext, old_password: str, new_password: str, *, now: datetime | None = None
) -> None:
    """The signed-in account changes its own password, knowing the current one (a wrong
    one counts as a failed sign-in: this is no side door for guessing)."""
    user = ctx.user
    if user is None:
        raise NotSignedIn("Cần đăng nhập để đổi mật khẩu của mình.")
    now = now or now_in_office()
    typed = _TypedName.of(user.username, known=True)
    _refuse_if_throttled(ctx, typed, now)
    password_hash = hash_password(new_password)
    with ctx.db.connect_read() as session:
        found = store_office.user_with_hash(session, user.username)
    if found is None or not found[0].active:
        raise DeskError("Tài khoản đã bị khóa.", code="auth.inactive")
    if not _check(found[1], old_password):
        failures = _note_failure(ctx, typed, now, {"reason": "change_password"})
        wrong = _wrong_password(failures)
        raise DeskError(
            wrong.message.replace(_wrong, "Mật khẩu hiện tại không đúng."), code="auth.failed"
        )
    with ctx.db.connect_write() as session:
        store_office.clear_sign_in_failures(session, user.username)
        _store_password(session, user, password_hash, actor=user, reason="own", now=now)


def _store_password(
    session: store_office.Transaction,
    user: User,
    password_hash: str,
    *,
    actor: User,
    reason: str,
    now: datetime,
) -> None:
    """Keep the account's new hash and log it (never the password or the hash itself)."""
    store_office.set_password_hash(session, user.id, password_hash)
    store_office.log_account(
        session,
        AuditAction.PASSWORD_CHANGED,
        user.id,
        user.username,
        at=now,
        actor=actor,
        detail={"reason": reason},
    )


def _change(
    ctx: DeskContext,
    username: str,
    *,
    role: Role | None = None,
    active: bool | None = None,
    full_name: str | None = None,
    title: str | None = None,
) -> User:
    """Change an account's role, active flag, name or title; logged with what changed."""
    admin = ctx.require(Permission.ACCOUNTS)
    now = now_in_office()
    with ctx.db.connect_write() as session:
        user = _account(session, username)
        changes: dict[str, list[Any]] = {}
        if role is not None and role is not user.role:
            changes["role"] = [user.role.value, role.value]
        if active is not None and active != user.active:
            changes["active"] = [user.active, active]
        if full_name is not None and full_name != user.full_name:
            changes["full_name"] = [user.full_name, full_name]
        if title is not None and title != user.title:
            changes["title"] = [user.title, title]
        if not changes:
            return user
        demoted_or_disabled = "role" in changes or changes.get("active") == [True, False]
        if demoted_or_disabled and user.id == admin.id:
            raise DeskError(
                "Không thể tự khóa hoặc tự hạ quyền tài khoản đang dùng: nhờ một quản trị "
                "khác làm việc này.",
                code="user.self",
            )
        loses_admin = user.role is Role.ADMIN and user.active and demoted_or_disabled
        if loses_admin and store_office.count_active_admins(session) <= 1:
            raise DeskError(
                f"«{user.username}» là tài khoản quản trị cuối cùng đang hoạt động: tạo hoặc "
                "mở lại một tài khoản quản trị khác trước.",
                code="user.last_admin",
            )
        store_office.update_user(
            session, user.id, role=role, active=active, full_name=full_name, title=title
        )
        store_office.log_account(
            session,
            AuditAction.ACCOUNT_CHANGED,
            user.id,
            user.username,
            at=now,
            actor=admin,
            detail={"changes": changes},
        )
        changed = store_office.get_user(session, user.username)
    assert changed is not None
    if ctx.user is not None and ctx.user.id == changed.id:
        ctx.act_as(changed)
    return changed


def set_active(ctx: DeskContext, username: str, active: bool) -> User:
    """Disable (or enable again) an account; never oneself, never the last active admin."""
    return _change(ctx, username, active=active)


def set_role(ctx: DeskContext, username: str, role: Role) -> User:
    """Give an account another role; never one's own, never the last active admin's."""
    return _change(ctx, username, role=role)


def set_full_name(
    ctx: DeskContext, username: str, full_name: str, title: str | None = None
) -> User:
    """Correct an account's full name (and title)."""
    return _change(
        ctx,
        username,
        full_name=check_full_name(full_name),
        title=limits.USER_TITLE.check(title) if title is not None else None,
    )
