"""The command line's modules load in one direction: ``desk.cli`` imports the command
modules, and no command module needs ``desk.cli`` (nor the store, nor anything heavy at
load time: ``desk --help`` stays fast)."""

from __future__ import annotations

import ast
import json
import pkgutil
import subprocess
import sys
from pathlib import Path

import desk.commands

ROOT = Path(__file__).resolve().parents[2]
COMMAND_MODULES = sorted(
    m.name for m in pkgutil.iter_modules(desk.commands.__path__, prefix="desk.commands.")
)
HEAVY = ("sqlalchemy", "alembic", "psycopg", "PySide6", "holidays", "reportlab", "desk.store")


def loaded_after(code: str) -> list[str]:
    """The modules a fresh interpreter holds after running ``code``."""
    script = f"import json, sys\n{code}\nprint(json.dumps(sorted(sys.modules)))\n"
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return list(json.loads(result.stdout))


def test_every_command_module_is_read() -> None:
    assert {"desk.commands.base", "desk.commands.calendar", "desk.commands.sync"} <= set(
        COMMAND_MODULES
    )


def test_no_command_module_loads_the_entry_point() -> None:
    for name in COMMAND_MODULES:
        loaded = loaded_after(f"import {name}")
        assert name in loaded
        assert "desk.cli" not in loaded, f"{name} loads desk.cli"


def test_no_handler_imports_the_entry_point_later_either() -> None:
    # Imports inside handlers run only when the command does: read them from the source.
    late = []
    for path in sorted((ROOT / "desk" / "commands").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):  # ``from desk import cli`` counts too
                names = [node.module or ""] + [f"{node.module}.{a.name}" for a in node.names]
            else:
                continue
            late += [f"{path.name}:{node.lineno}" for name in names if name == "desk.cli"]
    assert not late, late


def test_the_entry_point_loads_every_command_module_and_nothing_heavy() -> None:
    loaded = loaded_after("import desk.cli\ndesk.cli.build_parser()")
    assert set(COMMAND_MODULES) <= set(loaded)
    heavy = [m for m in loaded if any(m == h or m.startswith(h + ".") for h in HEAVY)]
    assert not heavy, heavy
