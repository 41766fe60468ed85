"""An account's stored password hash read straight from a SQLite office file, before
SQLAlchemy and the office's models are loaded, so that argon2 can begin checking the
password while they load (``desk.services.password_check``).

Read only, and only as a head start: the file is opened read-only and as immutable
(``mode=ro&immutable=1``: no lock is taken and no write-ahead log or shared-memory file is
created beside it, so a file the office's opening would refuse stays untouched), and
anything unusual — no file, another schema, a damaged file, no such account, a name whose
sign-ins are held back — gives None, and the sign-in goes the usual way. What another
desk wrote moments ago may still sit in its write-ahead log, unseen here: a hash changed
then does not match the one the sign-in reads through the store (its check is made
again), and a wait set then is still the sign-in's to enforce (it refuses the name before
it asks for any verdict)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

_HASH = "SELECT password_hash FROM users WHERE username = ?"
# A name with a wait set (now or before) is left to the sign-in: its password is not
# checked while the name waits.
_WAITING = "SELECT 1 FROM sign_in_failures WHERE username = ? AND blocked_until IS NOT NULL"


def stored_hash(path: Path, username: str) -> str | None:
    """The password hash the office at ``path`` keeps for ``username`` (as stored: lower
    case), or None when it cannot be read this way."""
    try:
        if not path.is_file():  # never a FIFO or a device: opening one could wait
            return None
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
    except (OSError, ValueError, sqlite3.Error):
        return None
    try:
        found = connection.execute(_HASH, (username,)).fetchone()
        if found is None or not isinstance(found[0], str):
            return None
        if connection.execute(_WAITING, (username,)).fetchone() is not None:
            return None
        return found[0]
    except sqlite3.Error:
        return None
    finally:
        connection.close()
