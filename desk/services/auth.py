"""Staff accounts: argon2 password hashes (argon2-cffi, the OWASP-recommended KDF)."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from desk.domain.calendar import now_in_office
from desk.domain.office import Role, User
from desk.domain.text import clean
from desk.errors import DeskError, InvalidInput
from desk.store import office as store_office
from desk.store.db import Database

_hasher = PasswordHasher()
MIN_PASSWORD_LENGTH = 6


def hash_password(password: str) -> str:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InvalidInput(
            f"Mật khẩu phải có ít nhất {MIN_PASSWORD_LENGTH} ký tự.", code="user.password_short"
        )
    return _hasher.hash(password)


def create_user(
    db: Database, username: str, full_name: str, role: Role, password: str, title: str = ""
) -> User:
    username = clean(username).lower()
    if not username or " " in username:
        raise InvalidInput("Tên đăng nhập không được trống hoặc có dấu cách.", code="user.username")
    password_hash = hash_password(password)
    with db.write() as session:
        # A name already taken: AlreadyExists (an InvalidInput) from the store.
        return store_office.add_user(
            session,
            username=username,
            full_name=clean(full_name),
            role=role,
            password_hash=password_hash,
            now=now_in_office(),
            title=clean(title),
        )


def authenticate(db: Database, username: str, password: str) -> User:
    """The user, or a DeskError that does not tell which of the two was wrong."""
    wrong = DeskError("Sai tên đăng nhập hoặc mật khẩu.", code="auth.failed")
    with db.read() as session:
        found = store_office.user_with_hash(session, clean(username).lower())
    if found is None:
        return _fail(wrong)
    user, stored_hash = found
    try:
        _hasher.verify(stored_hash, password)
    except (VerificationError, InvalidHashError):
        return _fail(wrong)
    if not user.active:
        raise DeskError("Tài khoản đã bị khóa.", code="auth.inactive")
    if _hasher.check_needs_rehash(stored_hash):
        with db.write() as session:
            store_office.set_password_hash(session, user.id, _hasher.hash(password))
    return user


def _fail(error: DeskError) -> User:
    raise error
