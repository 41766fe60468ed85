"""Write desk/ui/label_texts.py: the domain's and the data files' words for lupdate.

Run from the repository root (``resources/i18n/update.sh`` does, before lupdate):
``.venv/bin/python resources/i18n/write_label_texts.py``. With ``--check`` it writes
nothing and fails when the file is not what it would write.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TARGET = ROOT / "desk" / "ui" / "label_texts.py"

HEADER = '''# ruff: noqa: E501
"""The words ``desk.ui.labels`` translates, for pyside6-lupdate (which reads no data
files): the domain's enums, the forms in resources/forms, the catalogue in
resources/catalogue. Written by resources/i18n/write_label_texts.py; do not edit."""

from PySide6.QtCore import QT_TRANSLATE_NOOP

# fmt: off
TEXTS = (
'''


def _literal(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a Python string literal


def render() -> str:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from desk.ui.labels import domain_texts

    lines = [HEADER]
    for context, text in domain_texts():
        lines.append(f"    QT_TRANSLATE_NOOP({_literal(context)}, {_literal(text)}),\n")
    lines.append(")\n# fmt: on\n")
    return "".join(lines)


def main(argv: list[str]) -> int:
    text = render()
    if "--check" in argv:
        current = TARGET.read_text(encoding="utf-8") if TARGET.exists() else ""
        if current != text:
            print(f"{TARGET} is out of date: run resources/i18n/write_label_texts.py")
            return 1
        return 0
    TARGET.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
