"""PySide6 belongs to desk/ui and desk/app.py only: the rest must run without Qt."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import desk

ROOT = Path(__file__).resolve().parents[2]


def _modules_outside_the_ui() -> list[str]:
    names = []
    for module in pkgutil.walk_packages(desk.__path__, prefix="desk."):
        if module.name.startswith("desk.ui") or module.name in ("desk.app", "desk.__main__"):
            continue
        if ".migrations" in module.name:
            continue  # alembic loads these itself, with a live connection
        names.append(module.name)
    return names


def test_no_module_outside_the_ui_loads_pyside6() -> None:
    modules = _modules_outside_the_ui()
    assert "desk.services.intake" in modules and "desk.cli" in modules
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6'))\n"
        "print(','.join(loaded))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""
