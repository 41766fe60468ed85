"""Settings of this desk (this PC): where the data lives, which database, which block of
the daily sequence. Office-wide settings (identity, hours) live in the office database so
every desk of the office shares them.

Resolution order for the database: ``--db`` > ``DESK_DATABASE_URL`` > the config file >
the embedded SQLite file in the user's data folder.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import platformdirs
import tomli_w

from desk.domain.codes import SequenceBlock
from desk.errors import ConfigurationError

APP_NAME = "CommuneDesk"
CONFIG_FILE_NAME = "desk.toml"


def data_dir() -> Path:
    override = os.environ.get("DESK_DATA_DIR")
    if override:
        return Path(override)
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def config_dir() -> Path:
    override = os.environ.get("DESK_CONFIG_DIR") or os.environ.get("DESK_DATA_DIR")
    if override:
        return Path(override)
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


@dataclass
class DeskConfig:
    data_dir: Path
    database_url: str = ""
    sequence_block: SequenceBlock = field(default_factory=SequenceBlock)
    desk_name: str = "Quầy 1"
    language: str = "vi"
    idle_lock_minutes: int = 10
    template_set: str = "2025"

    @property
    def default_sqlite_path(self) -> Path:
        return self.data_dir / "office.sqlite"

    @property
    def backup_dir(self) -> Path:
        return self.data_dir / "backups"

    @property
    def files_dir(self) -> Path:
        return self.data_dir / "files"

    @property
    def effective_database_url(self) -> str:
        return self.database_url or f"sqlite:///{self.default_sqlite_path}"


def _from_file(path: Path) -> dict[str, Any]:
    if not path.exists():
        return {}
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigurationError(
            f"Tệp cấu hình {path} không đọc được: {exc}.", code="config.file"
        ) from None


def load_config(*, db_url: str | None = None) -> DeskConfig:
    path = config_dir() / CONFIG_FILE_NAME
    raw = _from_file(path)
    directory = Path(raw.get("data_dir") or data_dir())
    block_text = raw.get("sequence_block")
    try:
        idle = int(raw.get("idle_lock_minutes", 10))
    except (TypeError, ValueError):
        raise ConfigurationError(
            "idle_lock_minutes trong tệp cấu hình phải là số phút.", code="config.idle"
        ) from None
    return DeskConfig(
        data_dir=directory,
        database_url=db_url or os.environ.get("DESK_DATABASE_URL") or raw.get("database_url", ""),
        sequence_block=SequenceBlock.parse(block_text) if block_text else SequenceBlock(),
        desk_name=str(raw.get("desk_name", "Quầy 1")),
        language=str(raw.get("language", "vi")),
        idle_lock_minutes=idle,
        template_set=str(raw.get("template_set", "2025")),
    )


def save_config(config: DeskConfig) -> Path:
    path = config_dir() / CONFIG_FILE_NAME
    path.parent.mkdir(parents=True, exist_ok=True)
    data: dict[str, Any] = {
        "desk_name": config.desk_name,
        "language": config.language,
        "idle_lock_minutes": config.idle_lock_minutes,
        "template_set": config.template_set,
        "sequence_block": str(config.sequence_block),
    }
    if config.database_url:
        data["database_url"] = config.database_url
    path.write_text(tomli_w.dumps(data), encoding="utf-8")
    return path
