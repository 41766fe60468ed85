"""The password check of a sign-in (argon2id, argon2-cffi, the OWASP-recommended KDF), and
the same check started ahead, before the office is open.

A clerk may press «Đăng nhập» while the desk still loads the office (SQLAlchemy, the
start's checks: ``desk.app``). The account's hash is then read straight from
the data folder's SQLite file (``desk.store.account_peek``, read-only) and argon2 checks
the password in the pool (a command with a password file, ``desk print`` say: ``begin``,
in a thread of its own): argon2 lets go of the GIL, so it runs on the other core while the
office loads. ``authenticate`` (``desk.services.auth``) still does all it did, in the
same order, once the office is open — the account read through the store, the throttle,
the log — and takes the answer from the check ahead only for the very hash it read there
and the very password typed (argon2's answer is a function of those two alone); for
anything else argon2 runs again. A name with a wait set is not checked ahead at all.

Light on purpose: imported on the GUI thread while the office loads, it imports nothing
the office's opening imports (argon2 and two modules of the sign-in dialog's)."""

from __future__ import annotations

import threading
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from desk.domain import limits
from desk.domain.text import clean
from desk.store import account_peek

hasher = PasswordHasher()
AHEAD_WAIT_S = 30.0  # a check ahead still not done by then (it cannot be): argon2 again
_dummy_hash: str | None = None


def encodable(text: str) -> bool:
    """Text argon2 can hash: no lone surrogate (an undecodable byte of a command line or a
    file arrives as one)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def check(stored_hash: str, password: str) -> bool:
    if len(password) > limits.PASSWORD_MAX_LENGTH or not encodable(password):
        return False  # no password the desk could have stored: a wrong one
    try:
        return bool(hasher.verify(stored_hash, password))
    except (VerificationError, InvalidHashError):
        return False


def _verify_now(stored_hash: str | None, password: str) -> bool:
    global _dummy_hash
    if stored_hash is None:
        # An unknown name costs the same time as a known one: the answer tells nothing.
        _dummy_hash = _dummy_hash or hasher.hash("not a password of this desk")
        check(_dummy_hash, password)
        return False
    return check(stored_hash, password)


class CheckAhead:
    """One password's check started before the office is open."""

    def __init__(self, password: str):
        self.password = password
        self.stored_hash: str | None = None
        self.result: bool | None = None  # None: not checked (the file could not tell)
        self.done = threading.Event()
        self.begun: tuple[Path, str, str] | None = None  # by ``begin``: what it checks

    def run(self, database: Path, username: str) -> None:
        """In the pool: the hash read from ``database`` and checked."""
        try:
            self.stored_hash = account_peek.password_hash(database, clean(username).lower())
            self.result = _verify_now(self.stored_hash, self.password)
        except account_peek.NotRead:
            pass
        finally:
            self.done.set()

    def answer(self, stored_hash: str | None, password: str) -> bool | None:
        """The check's answer if it was for this hash and this password, else None."""
        if password != self.password:
            return None
        if not self.done.wait(AHEAD_WAIT_S):
            return None
        if self.result is None or stored_hash != self.stored_hash:
            return None
        return self.result


_ahead: CheckAhead | None = None
_ahead_lock = threading.Lock()


def check_ahead(password: str) -> CheckAhead:
    """On the GUI thread, at «Đăng nhập» before the office is open: the check the next
    ``verify`` of this password may take its answer from (its ``run`` goes to the pool)."""
    global _ahead
    ahead = CheckAhead(password)
    with _ahead_lock:
        _ahead = ahead
    return ahead


def begin(database: Path, username: str, password: str) -> None:
    """A command signing in with a password file (``desk.commands.base``): the check
    ahead begun in a thread of its own while the command loads the office's code. Not a
    daemon: the process ends after argon2, never inside it. The thread imports nothing
    (two threads importing the same modules is a race). Begun once: a check of the same
    name and password in the same file, begun and not used yet, serves (``desk print``
    begins it before trying the office on sqlite3 alone, then opens it the usual way
    if it must)."""
    with _ahead_lock:
        pending = _ahead
    if pending is not None and pending.begun == (database, username, password):
        return
    ahead = check_ahead(password)
    ahead.begun = (database, username, password)
    threading.Thread(
        target=ahead.run, args=(database, username), name="desk-password-check"
    ).start()


def peek(stored_hash: str | None, password: str) -> bool | None:
    """The answer of the check ahead for this hash and this password, left for ``verify``
    to use; None when there is no such check. A print on sqlite3 alone
    (``desk.services.quick_print``) that meets a wrong password leaves the answer to the
    usual sign-in, which says so and counts it: one argon2 check, not two."""
    with _ahead_lock:
        ahead = _ahead
    return None if ahead is None else ahead.answer(stored_hash, password)


def verify(stored_hash: str | None, password: str) -> bool:
    """Whether ``password`` is the one of ``stored_hash`` (None: no such account, checked
    against a dummy hash all the same); a check ahead is used once, for its own inputs."""
    global _ahead
    with _ahead_lock:
        ahead, _ahead = _ahead, None
    if ahead is not None:
        answer = ahead.answer(stored_hash, password)
        if answer is not None:
            return answer
    return _verify_now(stored_hash, password)
