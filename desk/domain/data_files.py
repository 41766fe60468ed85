"""Reading the data files a province edits (the catalogue, the path limits): a missing or
broken file is told apart from a bug, in Vietnamese, naming the file."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, Generic, TypeVar

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


Loaded = TypeVar("Loaded")


class ReadWhenChanged(Generic[Loaded]):
    """An office's own data file (path limits, the report's columns), read again only when
    it changed on disk: a province's correction applies without restarting the desk."""

    def __init__(self, load: Callable[[Path], Loaded]):
        self._load = load
        self._known: dict[Path, tuple[int, Loaded]] = {}

    def __call__(self, path: Path) -> Loaded:
        stamp = path.stat().st_mtime_ns
        known = self._known.get(path)
        if known is None or known[0] != stamp:
            known = self._known[path] = (stamp, self._load(path))
        return known[1]
