"""Checking a password against an account's argon2 hash, and beginning that check early.

argon2 (64 MiB, 3 passes, 4 lanes: the parameters are those written in the stored hash)
takes a quarter of a second of one core, and lets go of Python's lock while it works. A
command signing in with a password file knows the password and, on a SQLite office, can
read the stored hash before SQLAlchemy and the office's models load
(``desk.store.sign_in_hash``): :func:`begin` starts the check then, in a thread, and the
main thread goes on importing. The sign-in (``desk.services.auth``) still reads the account
through the store, refuses a name that must wait before any check, and asks
:func:`matches`: the early verdict is used only for that very hash and password, else the
check is made there and then. Nothing is imported in the thread (two threads importing
the same modules is a race).
"""

from __future__ import annotations

import threading
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_hasher = PasswordHasher()


def verify(stored_hash: str, password: str) -> bool:
    """Whether ``password`` is the one ``stored_hash`` was made from."""
    try:
        return bool(_hasher.verify(stored_hash, password))
    except (VerificationError, InvalidHashError):
        return False


class _EarlyCheck:
    """One check running in a thread; its verdict, or None if it failed otherwise."""

    def __init__(self, stored_hash: str, password: str) -> None:
        self.stored_hash = stored_hash
        self.password = password
        self.verdict: bool | None = None
        # Not a daemon: the process ends after the check, never inside argon2.
        self.thread = threading.Thread(target=self._run, name="desk-password-check")
        self.thread.start()

    def _run(self) -> None:
        try:
            self.verdict = verify(self.stored_hash, self.password)
        except Exception:  # the sign-in checks again and says what failed
            self.verdict = None


_lock = threading.Lock()
_early: _EarlyCheck | None = None


def begin(office_file: Path, username: str, password: str) -> bool:
    """Start checking ``password`` against the hash the SQLite office at ``office_file``
    keeps for ``username``; False when the hash cannot be
    read early (the sign-in then checks the usual way)."""
    global _early
    from desk.domain.text import clean
    from desk.store.sign_in_hash import stored_hash

    found = stored_hash(office_file, clean(username).lower())  # as the sign-in looks it up
    if found is None:
        return False
    with _lock:
        _early = _EarlyCheck(found, password)
    return True


def matches(stored_hash: str, password: str) -> bool:
    """Whether ``password`` is the one ``stored_hash`` was made from: the early check's
    verdict when it was begun for this hash and this password, else checked now."""
    global _early
    with _lock:
        early, _early = _early, None
    if early is not None:
        early.thread.join()
        if (
            early.verdict is not None
            and early.stored_hash == stored_hash
            and early.password == password
        ):
            return early.verdict
    return verify(stored_hash, password)
