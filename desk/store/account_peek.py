"""One account's stored password hash, read straight from an office's SQLite file with the
standard library's driver, before the office is open (``desk.services.auth_check``: the
sign-in typed while SQLAlchemy and the models still load gets its argon2 check started).

The file is opened read-only and ``immutable`` (no lock taken, no file made beside it, the
log's unmerged pages not read): nothing here judges or touches the office, whose opening
still checks it as always. A hash read here is only a guess of the one the office's
opening reads: the check ahead counts only if the two are the same."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from urllib.parse import quote


class NotRead(Exception):
    """The file could not tell (missing, busy, damaged, another schema): no guess."""


def password_hash(path: Path, username: str) -> str | None:
    """The hash stored for ``username`` (as stored: lower case), None when no account has
    that name; ``NotRead`` when the file cannot say."""
    if not path.is_file():
        raise NotRead(str(path))
    uri = f"file:{quote(str(path.resolve()))}?mode=ro&immutable=1"
    try:
        connection = sqlite3.connect(uri, uri=True, timeout=0)
        try:
            row = connection.execute(
                "SELECT password_hash FROM users WHERE username = ?", (username,)
            ).fetchone()
        finally:
            connection.close()
    except (sqlite3.Error, OSError, ValueError) as error:
        raise NotRead(type(error).__name__) from None
    if row is None:
        return None
    if not isinstance(row[0], str):
        raise NotRead("hash")
    return row[0]
