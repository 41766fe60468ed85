"""Reading the data files a province edits (the catalogue, the path limits): a missing or
broken file is told apart from a bug, in Vietnamese, naming the file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from desk.errors import DeskError


def read_json_file(path: Path, what: str, error: type[DeskError], code: str) -> Any:
    """The JSON in ``path``. ``what`` names the file in the message («tệp danh mục»);
    ``error`` is raised with the code ``<code>.missing`` or ``<code>.json``."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise error(f"Không tìm thấy {what} {path}.", code=f"{code}.missing") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise error(
            f"{what[0].upper()}{what[1:]} {path} không đọc được (JSON lỗi: {exc}).",
            code=f"{code}.json",
        ) from None
