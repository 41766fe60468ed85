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
class ProvinceConfig:
    """Where and how this desk reaches the province (the ``[province]`` table of desk.toml).

    ``password`` is never the password itself: it is the reference written by
    ``desk.sync.secrets.protect`` (``keyring:<user>`` or ``fernet:<token>``)."""

    url: str = ""
    username: str = ""
    password: str = ""
    ca_bundle: str = ""
    allow_insecure_http: bool = False
    connect_timeout_s: float = 5.0
    read_timeout_s: float = 30.0

    @property
    def configured(self) -> bool:
        return bool(self.url and self.username and self.password)

    def to_toml(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "url": self.url,
            "username": self.username,
            "password": self.password,
            "connect_timeout_s": self.connect_timeout_s,
            "read_timeout_s": self.read_timeout_s,
        }
        if self.ca_bundle:
            data["ca_bundle"] = self.ca_bundle
        if self.allow_insecure_http:
            data["allow_insecure_http"] = True
        return data


def _province_from(raw: Any) -> ProvinceConfig:
    if raw is None:
        return ProvinceConfig()
    if not isinstance(raw, dict):
        raise ConfigurationError(
            "Mục [province] trong tệp cấu hình không hợp lệ.", code="config.province"
        )
    try:
        connect = float(raw.get("connect_timeout_s", 5.0))
        read = float(raw.get("read_timeout_s", 30.0))
    except (TypeError, ValueError):
        raise ConfigurationError(
            "Thời gian chờ kết nối tỉnh (connect_timeout_s, read_timeout_s) phải là số giây.",
            code="config.province",
        ) from None
    if connect <= 0 or read <= 0:
        raise ConfigurationError(
            "Thời gian chờ kết nối tỉnh phải lớn hơn 0.", code="config.province"
        )
    return ProvinceConfig(
        url=str(raw.get("url", "")),
        username=str(raw.get("username", "")),
        password=str(raw.get("password", "")),
        ca_bundle=str(raw.get("ca_bundle", "")),
        allow_insecure_http=bool(raw.get("allow_insecure_http", False)),
        connect_timeout_s=connect,
        read_timeout_s=read,
    )


@dataclass
class DeskConfig:
    data_dir: Path
    database_url: str = ""
    sequence_block: SequenceBlock = field(default_factory=SequenceBlock)
    desk_name: str = "Quầy 1"
    language: str = "vi"
    idle_lock_minutes: int = 10
    template_set: str = "2025"
    province: ProvinceConfig = field(default_factory=ProvinceConfig)

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
        province=_province_from(raw.get("province")),
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
    if config.province.url or config.province.username or config.province.password:
        data["province"] = config.province.to_toml()
    path.write_text(tomli_w.dumps(data), encoding="utf-8")
    return path


def save_province_config(province: ProvinceConfig) -> Path:
    """Replace the ``[province]`` table of desk.toml, keeping every other setting as is."""
    path = config_dir() / CONFIG_FILE_NAME
    raw = _from_file(path)
    raw["province"] = province.to_toml()
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".part")
    temporary.write_text(tomli_w.dumps(raw), encoding="utf-8")
    os.replace(temporary, path)
    return path
