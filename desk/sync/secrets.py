"""Keeping the province password out of clear text.

Where the operating system has a credential store (Windows Credential Manager, macOS
Keychain, the Secret Service of a Linux desktop) the password goes there through
``keyring``, and desk.toml holds only a reference (``keyring:<user>``).

Where none exists (a headless Linux box, CI, a service account) the password is encrypted
with ``cryptography``'s Fernet (AES-128-CBC + HMAC-SHA256) under a random key kept in a
separate file readable by the OS user only (mode 0600), and desk.toml holds the token
(``fernet:<token>``). What that protects against, honestly: the password never appears in
desk.toml, in the office database or its backups, in logs or in a copied settings file;
someone who gets desk.toml alone learns nothing. It does NOT protect against someone (or
malware) who can read this OS user's files: the key file sits beside the token, so they
can decrypt it. Only an OS credential store (or a password typed at each run) does better.
"""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path

from desk.errors import ConfigurationError

log = logging.getLogger(__name__)

KEYRING_SERVICE = "CommuneDesk-province"
KEY_FILE_NAME = "province-secret.key"
FERNET_PREFIX = "fernet:"
KEYRING_PREFIX = "keyring:"


class Secret:
    """A password that does not print itself: repr/str/format show asterisks."""

    __slots__ = ("_value",)

    def __init__(self, value: str):
        self._value = value

    def reveal(self) -> str:
        return self._value

    def __bool__(self) -> bool:
        return bool(self._value)

    def __repr__(self) -> str:
        return "Secret('***')"

    __str__ = __repr__

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Secret) and other._value == self._value

    def __hash__(self) -> int:
        return hash(("Secret", self._value))


def os_keyring_available() -> bool:
    """True when ``keyring`` found a real credential store (not the 'fail' or null one)."""
    if os.environ.get("DESK_SECRET_STORE", "") == "file":
        return False
    try:
        import keyring
        from keyring.backends import fail

        backend = keyring.get_keyring()
    except Exception:  # a broken D-Bus or backend: fall back, do not crash the desk
        return False
    if isinstance(backend, fail.Keyring):
        return False
    priority = getattr(backend, "priority", 0)
    return bool(priority and priority > 0)


def _key_path(directory: Path) -> Path:
    return directory / KEY_FILE_NAME


def _load_or_create_key(directory: Path) -> bytes:
    from cryptography.fernet import Fernet

    path = _key_path(directory)
    if path.exists():
        return path.read_bytes().strip()
    directory.mkdir(parents=True, exist_ok=True)
    key = Fernet.generate_key()
    # Created with 0600 from the start, never readable by others even for an instant.
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, stat.S_IRUSR | stat.S_IWUSR)
    with os.fdopen(fd, "wb") as handle:
        handle.write(key)
    return key


def protect(password: str, *, username: str, key_dir: Path) -> str:
    """Store the password protected; return the reference to keep in desk.toml."""
    if os_keyring_available():
        import keyring

        keyring.set_password(KEYRING_SERVICE, username, password)
        return f"{KEYRING_PREFIX}{username}"
    from cryptography.fernet import Fernet

    token = Fernet(_load_or_create_key(key_dir)).encrypt(password.encode("utf-8"))
    return FERNET_PREFIX + token.decode("ascii")


def reveal(reference: str, *, key_dir: Path) -> Secret:
    """The password behind a reference written by ``protect``."""
    if not reference:
        return Secret("")
    if reference.startswith(KEYRING_PREFIX):
        import keyring

        value = keyring.get_password(KEYRING_SERVICE, reference[len(KEYRING_PREFIX) :])
        if value is None:
            raise ConfigurationError(
                "Không tìm thấy mật khẩu tỉnh trong kho mật khẩu của hệ điều hành. "
                "Chạy lại «desk sync configure».",
                code="sync.password_missing",
            )
        return Secret(value)
    if reference.startswith(FERNET_PREFIX):
        from cryptography.fernet import Fernet, InvalidToken

        path = _key_path(key_dir)
        if not path.exists():
            raise ConfigurationError(
                f"Thiếu tệp khóa {path} để giải mã mật khẩu tỉnh. Chạy lại «desk sync configure».",
                code="sync.password_key",
            )
        try:
            plain = Fernet(path.read_bytes().strip()).decrypt(
                reference[len(FERNET_PREFIX) :].encode("ascii")
            )
        except (InvalidToken, ValueError):
            raise ConfigurationError(
                "Mật khẩu tỉnh đã lưu không giải mã được (tệp khóa khác). "
                "Chạy lại «desk sync configure».",
                code="sync.password_key",
            ) from None
        return Secret(plain.decode("utf-8"))
    raise ConfigurationError(
        "Mật khẩu tỉnh trong tệp cấu hình không ở dạng được bảo vệ. "
        "Chạy «desk sync configure --password-file …» để lưu lại.",
        code="sync.password_clear",
    )


def read_password_file(path: Path) -> Secret:
    """The first line of a password file (a trailing newline is not part of it)."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigurationError(
            f"Không đọc được tệp mật khẩu {path}: {exc.strerror}.", code="sync.password_file"
        ) from None
    except UnicodeDecodeError:  # a binary file named by mistake: the user's fault, not a bug
        raise ConfigurationError(
            f"Tệp mật khẩu {path} không phải tệp văn bản (UTF-8).", code="sync.password_file"
        ) from None
    lines = text.splitlines()
    value = lines[0] if lines else ""
    if not value:
        raise ConfigurationError(f"Tệp mật khẩu {path} trống.", code="sync.password_file")
    return Secret(value)
