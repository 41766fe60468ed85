"""A PostgreSQL office's database passwords, kept out of desk.toml.

desk.toml holds each database URL without its password; the password goes to a libpq
password file, ``<data>/secrets/pgpass`` (0600, ``host:port:database:user:password``, one
line per role), which libpq reads by itself when the desk connects (the desk passes it as
``passfile``) and which an administrator's ``psql`` can use too. ``DESK_DATABASE_PASSWORD_FILE``
may instead name a file holding the desk role's password alone (its first line).

Why not the province password's way (``desk.sync.secrets``: a Fernet token in desk.toml, its
key in a 0600 file): the key file sits beside the token, so it protects no more than a 0600
password file, and libpq's own file serves both roles (the desk's and the owner's) with no
code of ours in the connection. Either way, what this protects against is desk.toml being
read, copied or sent to support; someone who can read this OS user's files can connect.

URLs are parsed here with the standard library: only desk.store imports SQLAlchemy.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit, urlunsplit

from desk.atomic import private_directory, write_atomically
from desk.errors import ConfigurationError

PASSFILE_NAME = "pgpass"
DATABASE_URL_KEYS = ("database_url", "database_owner_url")
PASSWORD_FILE_ENV = "DESK_DATABASE_PASSWORD_FILE"


def _postgresql_parts(url: str) -> tuple[str, str, str, str, str | None] | None:
    """(host, port, database, user, password) of a PostgreSQL URL; None for any other."""
    try:
        parts = urlsplit(url)
        port = str(parts.port or "")
    except ValueError:
        return None  # reported, in Vietnamese, when the desk connects
    if parts.scheme.split("+")[0] not in ("postgresql", "postgres"):
        return None
    userinfo, _, hostport = parts.netloc.rpartition("@")
    user, has_password, password = userinfo.partition(":")
    host = hostport.rsplit(":", 1)[0] if port else hostport
    return (
        host.strip("[]"),
        port,
        unquote(parts.path.lstrip("/")),
        unquote(user),
        unquote(password) if has_password else None,
    )


def split_database_password(url: str) -> tuple[str, str | None]:
    """A PostgreSQL URL without its password, and the password (None when it has none)."""
    found = _postgresql_parts(url)
    if found is None or found[4] is None:
        return url, None
    parts = urlsplit(url)
    userinfo, _, hostport = parts.netloc.rpartition("@")
    user = userinfo.partition(":")[0]
    return urlunsplit(parts._replace(netloc=f"{user}@{hostport}")), found[4]


def _passfile_field(value: str) -> str:
    return value.replace("\\", "\\\\").replace(":", "\\:")


def _passfile_key(url: str) -> str | None:
    found = _postgresql_parts(url)
    if found is None:
        return None
    return ":".join(_passfile_field(part or "*") for part in found[:4])


def remembered_database_password(passfile: Path, url: str) -> str | None:
    """The password ``passfile`` keeps for the role, server and database of ``url``."""
    key = _passfile_key(url)
    if key is None or not passfile.exists():
        return None
    for line in passfile.read_text(encoding="utf-8").splitlines():
        if line.startswith(key + ":"):
            return re.sub(r"\\(.)", r"\1", line[len(key) + 1 :])
    return None


def remember_database_password(passfile: Path, url: str, password: str) -> None:
    """Keep ``password`` for the role, server and database of ``url`` in ``passfile``,
    replacing that role's earlier line."""
    key = _passfile_key(url)
    if key is None:
        return
    lines = passfile.read_text(encoding="utf-8").splitlines() if passfile.exists() else []
    kept = [line for line in lines if not line.startswith(key + ":")]
    kept.append(f"{key}:{_passfile_field(password)}")
    private_directory(passfile.parent)
    write_atomically(passfile, ("\n".join(kept) + "\n").encode("utf-8"), private=True)


def move_database_passwords(raw: dict[str, Any], passfile: Path) -> bool:
    """Move the password of each database URL of desk.toml's ``raw`` to ``passfile``;
    True when one was moved (``raw`` then holds the URLs without them)."""
    moved = False
    for key in DATABASE_URL_KEYS:
        value = raw.get(key)
        if not isinstance(value, str):
            continue
        url, password = split_database_password(value)
        if password is not None:
            remember_database_password(passfile, url, password)
            raw[key] = url
            moved = True
    return moved


def database_password() -> str | None:
    """The desk role's password from the file ``DESK_DATABASE_PASSWORD_FILE`` names (its
    first line), or None when the variable is not set."""
    name = os.environ.get(PASSWORD_FILE_ENV, "")
    if not name:
        return None
    try:
        lines = Path(name).read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise ConfigurationError(
            f"Không đọc được tệp mật khẩu cơ sở dữ liệu {name}: {exc.strerror}.",
            code="db.password_file",
        ) from None
    if not lines or not lines[0]:
        raise ConfigurationError(
            f"Tệp mật khẩu cơ sở dữ liệu {name} trống.", code="db.password_file"
        )
    return lines[0]
