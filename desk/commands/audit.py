"""``desk audit``: check the office's log and print its head (filled in with issue 10)."""

from __future__ import annotations

from desk.commands.base import Commands


def add_commands(commands: Commands) -> None:
    del commands
