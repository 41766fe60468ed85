"""One account's stored password hash, read straight from an office's SQLite file with the
standard library's driver, before the office is open (``desk.services.auth_check``: the
sign-in typed while SQLAlchemy and the start's checks still load gets its argon2 check started).

The file is opened read-only and ``immutable`` (no lock taken, no file made beside it, the
log's unmerged pages not read): nothing here judges or touches the office, whose opening
still checks it as always. A hash read here is only a guess of the one the office's
opening reads: the check ahead counts only if the two are the same."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from urllib.parse import quote


class NotRead(Exception):
    """The file could not tell (missing, busy, damaged, another schema), or the name has a
    wait set, which the sign-in enforces before any check: no guess."""


_HASH = "SELECT password_hash FROM users WHERE username = ?"
# A name with a wait set (now or before) is left to the sign-in: its password is not
# checked while the name may have to wait.
_WAITING = "SELECT 1 FROM sign_in_failures WHERE username = ? AND blocked_until IS NOT NULL"


def password_hash(path: Path, username: str) -> str | None:
    """The hash stored for ``username`` (as stored: lower case), None when no account has
    that name; ``NotRead`` when the file cannot say or the name has a wait set."""
    if not path.is_file():
        raise NotRead(str(path))
    uri = f"file:{quote(str(path.resolve()))}?mode=ro&immutable=1"
    try:
        connection = sqlite3.connect(uri, uri=True, timeout=0)
        try:
            row = connection.execute(_HASH, (username,)).fetchone()
            waits = connection.execute(_WAITING, (username,)).fetchone() is not None
        finally:
            connection.close()
    except (sqlite3.Error, OSError, ValueError) as error:
        raise NotRead(type(error).__name__) from None
    if waits:
        raise NotRead("waiting")
    if row is None:
        return None
    if not isinstance(row[0], str):
        raise NotRead("hash")
    return row[0]
