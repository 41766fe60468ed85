"""Running the desk command as an account of the office: DESK_USER and DESK_PASSWORD_FILE,
the password file written beside the test's data (readable by its owner only, as the
desk requires)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

IDENTITY_VARIABLES = ("DESK_USER", "DESK_PASSWORD_FILE")
ROOT = Path(__file__).resolve().parents[2]


def password_file(directory: Path, name: str, password: str) -> Path:
    """A file holding ``password`` on its first line, mode 0600."""
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{name}.password"
    path.unlink(missing_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(password + "\n")
    return path


def identity(directory: Path, username: str, password: str | None = None) -> dict[str, str]:
    """The environment that signs ``username`` in; a demo account's password by default."""
    path = password_file(directory, username, password or f"{username}-demo")
    return {"DESK_USER": username, "DESK_PASSWORD_FILE": str(path)}


def environment(
    directory: Path, username: str | None, password: str | None = None
) -> dict[str, str]:
    """This process's environment without any identity, then ``username``'s if given."""
    env = {k: v for k, v in os.environ.items() if k not in IDENTITY_VARIABLES}
    if username:
        env.update(identity(directory, username, password))
    return env


def sign_in_as(
    monkeypatch: pytest.MonkeyPatch, directory: Path, username: str, password: str | None = None
) -> None:
    """For ``desk.cli.main`` run in this process: act as ``username`` until the test ends."""
    for name, value in identity(directory, username, password).items():
        monkeypatch.setenv(name, value)


def run_as(
    arguments: list[str], data: Path, username: str | None, password: str | None = None
) -> subprocess.CompletedProcess[str]:
    """A Python process (``arguments`` after the interpreter: ``["-m", "desk", …]``) on the
    office in ``data``, signed in as ``username`` (its password file beside ``data``), with
    no terminal to ask anything on."""
    env = environment(data.parent / "accounts", username, password)
    return subprocess.run(
        [sys.executable, *arguments],
        cwd=ROOT,
        env={**env, "DESK_DATA_DIR": str(data)},
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=300,
    )
