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


class OfficeDataFile(Generic[Loaded]):
    """A rule file the desk ships that an office may replace with its own in its data
    folder (the path limits, the report's columns): the shipped one is read once (it
    changes only with a release), the office's again whenever it changed on disk, so a
    province's correction applies without restarting the desk."""

    def __init__(self, load: Callable[[Path], Loaded], shipped: Path, office: Path):
        self._load = load
        self._shipped_file = shipped
        self._office_file = office  # relative to the office's data folder
        self._shipped: Loaded | None = None
        self._known: dict[Path, tuple[int, Loaded]] = {}

    def shipped(self) -> Loaded:
        if self._shipped is None:
            self._shipped = self._load(self._shipped_file)
        return self._shipped

    def for_office(self, data_dir: Path | None) -> Loaded:
        """The office's own file when its data folder has one, otherwise the shipped."""
        own = None if data_dir is None else data_dir / self._office_file
        if own is None or not own.is_file():
            return self.shipped()
        stamp = own.stat().st_mtime_ns
        known = self._known.get(own)
        if known is None or known[0] != stamp:
            known = self._known[own] = (stamp, self._load(own))
        return known[1]
