"""Settings of this desk (this PC): where the data lives, which database, which block of
the daily sequence. Office-wide settings (identity, hours) live in the office database so
every desk of the office shares them.

Each setting is declared once, as data, in ``SETTINGS`` (its key in ``desk.toml``, its
kind, its default, its table, how it is checked, and for the ones the clerk may change, how
the Settings dialog shows it). Loading, checking, saving and the dialog are derived from
that declaration.

Resolution order for the database: ``--db`` > ``DESK_DATABASE_URL`` > the config file >
the embedded SQLite file in the user's data folder. On PostgreSQL that is the desk's own
role; ``database_owner_url``, the tables' owner, is needed only to migrate and set up.
Their passwords never stay in desk.toml (``desk.database_password``).

Saving merges into ``desk.toml``: it writes only the settings that changed since they were
loaded (never a default or an override that was not in the file), keeps every key and table
it does not manage (``data_dir`` among them), and replaces the file atomically.

The declaration, the values and desk.toml's reading and writing are one piece: each part
is derived from the same ``SETTINGS`` and read against it.
"""

from __future__ import annotations

import logging
import os
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import platformdirs
import tomli_w

from desk.atomic import write_atomically
from desk.database_password import PASSFILE_NAME, move_database_passwords
from desk.domain.codes import SequenceBlock
from desk.errors import ConfigurationError

log = logging.getLogger(__name__)

APP_NAME = "CommuneDesk"
CONFIG_FILE_NAME = "desk.toml"
# Folders of the data folder kept to this OS user alone (with the office file and desk.toml).
PRIVATE_FOLDERS = ("backups", "logs", "drafts", "files", "secrets")

# The Qt Linguist context of the labels below: the Settings dialog translates them in it.
LABEL_CONTEXT = "SettingsDialog"


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Mark ``text`` for pyside6-lupdate without importing Qt; the UI translates it."""
    return text


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


def config_path() -> Path:
    return config_dir() / CONFIG_FILE_NAME


# --- the declaration --------------------------------------------------------------------

# How each kind of value is described in an error message.
_KIND_TEXT: dict[type, str] = {
    str: "một chuỗi chữ",
    int: "một số nguyên",
    float: "một số",
    bool: "true hoặc false",
    Path: "đường dẫn một thư mục",
    SequenceBlock: "một dãy số dạng ĐẦU-CUỐI, ví dụ 5000-9999",
}


@dataclass(frozen=True, slots=True)
class Setting:
    """One setting of desk.toml.

    ``key`` is its key in the file and the attribute of ``DeskConfig`` (or, with
    ``table="province"``, of ``DeskConfig.province``). A setting with a ``label`` is
    shown in the Settings dialog, its editor named ``editor``."""

    key: str
    kind: type  # str, int, float, bool, Path or SequenceBlock
    default: Any = None
    default_factory: Callable[[], Any] | None = None  # a default found at load (data_dir)
    table: str = ""  # "" = the top of desk.toml; "province" = its [province] table
    env: str = ""  # an environment variable that overrides the file
    # Checks, on what is loaded and on what is saved.
    minimum: float | None = None
    maximum: float | None = None
    positive: bool = False  # strictly above 0
    required: str = ""  # text that must not be empty; this is the message when it is
    code: str = ""  # the ConfigurationError's code; "config.file" / "config.<table>"
    invalid: str = ""  # the message for a bad value in the file; one is made from the kind
    # The Settings dialog (Vietnamese texts, translated by the UI in LABEL_CONTEXT).
    label: str = ""
    editor: str = ""  # the editor widget's object name
    choices: str = ""  # a list of choices the UI provides: "languages" = desk.ui.i18n
    suffix: str = ""
    special_value: str = ""  # shown instead of the minimum (e.g. 0 = never)

    @property
    def name(self) -> str:
        """``key``, or ``table.key`` inside a table: unique among the settings."""
        return f"{self.table}.{self.key}" if self.table else self.key

    @property
    def error_code(self) -> str:
        return self.code or (f"config.{self.table}" if self.table else "config.file")

    @property
    def error_message(self) -> str:
        if self.invalid:
            return self.invalid
        where = f"mục [{self.table}]" if self.table else "tệp cấu hình"
        return f"{self.key} trong {where} phải là {_KIND_TEXT[self.kind]}."

    def default_value(self) -> Any:
        return self.default_factory() if self.default_factory is not None else self.default

    def parse(self, raw: Any) -> Any:
        """The value of what desk.toml (or the environment) holds for this setting."""
        if raw == "" and self.kind is not str:
            return self.default_value()
        value = self._convert(raw)
        self.check(value)
        return value

    def _convert(self, raw: Any) -> Any:
        kind = self.kind
        wrong = ConfigurationError(self.error_message, code=self.error_code)
        if isinstance(raw, bool) and kind is not bool:
            raise wrong
        if kind is bool:
            if not isinstance(raw, bool):
                raise wrong
            return raw
        if kind is str:
            # A hand-written ``template_set = 2025`` is the text "2025", as it always was.
            if not isinstance(raw, str | int | float):
                raise wrong
            return str(raw)
        if kind in (int, float):
            if not isinstance(raw, str | int) and not (kind is float and isinstance(raw, float)):
                raise wrong
            try:
                return kind(raw)
            except ValueError:
                raise wrong from None
        if not isinstance(raw, str):
            raise wrong
        if kind is Path:
            return Path(raw)
        if kind is SequenceBlock:
            return SequenceBlock.parse(raw)  # its own message, code sequence_block.invalid
        raise TypeError(f"setting {self.name}: unknown kind {kind!r}")

    def check(self, value: Any) -> None:
        """Raise the setting's ConfigurationError if ``value`` is not of its kind or bounds."""
        if not self._acceptable(value):
            raise ConfigurationError(self.error_message, code=self.error_code)

    def _acceptable(self, value: Any) -> bool:
        kinds = (int, float) if self.kind is float else (self.kind,)
        if isinstance(value, bool) and self.kind is not bool:
            return False
        if not isinstance(value, kinds):
            return False
        number: Any = value
        return not (
            (self.minimum is not None and number < self.minimum)
            or (self.maximum is not None and number > self.maximum)
            or (self.positive and not number > 0)
            or (self.required and not number.strip())
        )

    def dump(self, value: Any) -> Any:
        """What desk.toml holds for ``value``."""
        return str(value) if self.kind in (Path, SequenceBlock) else value

    def get(self, config: DeskConfig) -> Any:
        return getattr(getattr(config, self.table) if self.table else config, self.key)


SETTINGS: tuple[Setting, ...] = (
    Setting("data_dir", Path, default_factory=data_dir),
    Setting("database_url", str, "", env="DESK_DATABASE_URL"),
    # PostgreSQL: the tables' owner, to migrate and set up (the desk runs as database_url).
    Setting("database_owner_url", str, "", env="DESK_DATABASE_OWNER_URL"),
    Setting("sequence_block", SequenceBlock, SequenceBlock()),
    Setting(
        "language",
        str,
        "vi",
        label=QT_TRANSLATE_NOOP("SettingsDialog", "Ngôn ngữ"),
        editor="language",
        choices="languages",
    ),
    Setting(
        "idle_lock_minutes",
        int,
        10,
        minimum=0,
        maximum=240,
        code="config.idle",
        invalid="idle_lock_minutes trong tệp cấu hình phải là số phút, từ 0 đến 240.",
        label=QT_TRANSLATE_NOOP("SettingsDialog", "Tự khóa máy sau"),
        editor="idleMinutes",
        suffix=QT_TRANSLATE_NOOP("SettingsDialog", " phút"),
        special_value=QT_TRANSLATE_NOOP("SettingsDialog", "Không tự khóa"),
    ),
    Setting(
        "desk_name",
        str,
        "Quầy 1",
        required=QT_TRANSLATE_NOOP("SettingsDialog", "Tên quầy không được để trống."),
        invalid="desk_name trong tệp cấu hình phải là tên quầy, không được để trống.",
        label=QT_TRANSLATE_NOOP("SettingsDialog", "Tên quầy"),
        editor="deskName",
    ),
    Setting("template_set", str, "2025"),
    # A second place the backups are copied to (a USB stick, a network folder): text, not
    # a Path, so the Settings dialog edits it as a line and "" means none. A place that is
    # absent when a backup is taken is reported, never an error.
    Setting(
        "backup_second_dir",
        str,
        "",
        env="DESK_BACKUP_SECOND_DIR",
        label=QT_TRANSLATE_NOOP("SettingsDialog", "Nơi sao lưu thứ hai (USB, thư mục mạng)"),
        editor="backupSecondDir",
    ),
    # Who signs the People's Committee's letters (forms 04, 05): "tm" = the chairman
    # (TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH), "kt" = a vice-chairman (KT. CHỦ TỊCH / PHÓ CHỦ
    # TỊCH); `desk print --signer` overrides it for one letter.
    Setting("letter_signer", str, "tm"),
    Setting("letter_signer_name", str, ""),
    Setting("url", str, "", table="province"),
    Setting("username", str, "", table="province"),
    # Never the password itself: the reference written by desk.sync.secrets.protect.
    Setting("password", str, "", table="province"),
    Setting("ca_bundle", str, "", table="province"),
    Setting("allow_insecure_http", bool, False, table="province"),
    Setting(
        "connect_timeout_s",
        float,
        5.0,
        table="province",
        positive=True,
        invalid="Thời gian chờ kết nối tỉnh (connect_timeout_s) phải là số giây lớn hơn 0.",
    ),
    Setting(
        "read_timeout_s",
        float,
        30.0,
        table="province",
        positive=True,
        invalid="Thời gian chờ kết nối tỉnh (read_timeout_s) phải là số giây lớn hơn 0.",
    ),
)

SETTINGS_BY_NAME: dict[str, Setting] = {setting.name: setting for setting in SETTINGS}

# The settings the clerk may change in the Settings dialog, in its order.
DIALOG_SETTINGS: tuple[Setting, ...] = tuple(setting for setting in SETTINGS if setting.label)


def _default(name: str) -> Callable[[], Any]:
    """The default of a declared setting, for the dataclasses: the declaration is the source."""
    return SETTINGS_BY_NAME[name].default_value


# --- the values -------------------------------------------------------------------------


@dataclass
class ProvinceConfig:
    """Where and how this desk reaches the province (the ``[province]`` table of desk.toml).

    ``password`` is never the password itself: it is the reference written by
    ``desk.sync.secrets.protect`` (``keyring:<user>`` or ``fernet:<token>``)."""

    url: str = field(default_factory=_default("province.url"))
    username: str = field(default_factory=_default("province.username"))
    password: str = field(default_factory=_default("province.password"))
    ca_bundle: str = field(default_factory=_default("province.ca_bundle"))
    allow_insecure_http: bool = field(default_factory=_default("province.allow_insecure_http"))
    connect_timeout_s: float = field(default_factory=_default("province.connect_timeout_s"))
    read_timeout_s: float = field(default_factory=_default("province.read_timeout_s"))

    @property
    def configured(self) -> bool:
        return bool(self.url and self.username and self.password)


@dataclass
class DeskConfig:
    data_dir: Path
    database_url: str = field(default_factory=_default("database_url"))
    database_owner_url: str = field(default_factory=_default("database_owner_url"))
    sequence_block: SequenceBlock = field(default_factory=_default("sequence_block"))
    desk_name: str = field(default_factory=_default("desk_name"))
    language: str = field(default_factory=_default("language"))
    idle_lock_minutes: int = field(default_factory=_default("idle_lock_minutes"))
    template_set: str = field(default_factory=_default("template_set"))
    letter_signer: str = field(default_factory=_default("letter_signer"))
    letter_signer_name: str = field(default_factory=_default("letter_signer_name"))
    backup_second_dir: str = field(default_factory=_default("backup_second_dir"))
    province: ProvinceConfig = field(default_factory=ProvinceConfig)
    # Each setting's value as load_config resolved it (file, environment, --db), by
    # Setting.name: save_config writes only what differs from it. Empty when built in code.
    as_loaded: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @property
    def default_sqlite_path(self) -> Path:
        return self.data_dir / "office.sqlite"

    @property
    def backup_dir(self) -> Path:
        return self.data_dir / "backups"

    @property
    def second_backup_dir(self) -> Path | None:
        """The second place backups are copied to, when one is configured."""
        text = self.backup_second_dir.strip()
        return Path(text).expanduser() if text else None

    @property
    def files_dir(self) -> Path:
        return self.data_dir / "files"

    @property
    def secrets_dir(self) -> Path:
        return self.data_dir / "secrets"

    @property
    def database_passfile(self) -> Path:
        """The libpq password file of this desk's PostgreSQL roles (0600)."""
        return self.secrets_dir / PASSFILE_NAME

    @property
    def effective_database_url(self) -> str:
        return self.database_url or f"sqlite:///{self.default_sqlite_path}"


def with_settings(config: DeskConfig, values: Mapping[str, Any]) -> DeskConfig:
    """A copy of ``config`` with the settings named in ``values`` (``Setting.name``)."""
    top = {name: value for name, value in values.items() if not SETTINGS_BY_NAME[name].table}
    new = replace(config, **top)
    province = {
        SETTINGS_BY_NAME[name].key: value
        for name, value in values.items()
        if SETTINGS_BY_NAME[name].table == "province"
    }
    if province:
        new.province = replace(config.province, **province)
    return new


# --- desk.toml --------------------------------------------------------------------------


def _read(path: Path) -> dict[str, Any]:
    if not path.exists():
        return {}
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigurationError(
            f"Tệp cấu hình {path} không đọc được: {exc}.", code="config.file"
        ) from None


def _table(raw: dict[str, Any], name: str) -> dict[str, Any]:
    if not name:
        return raw
    table = raw.get(name, {})
    if not isinstance(table, dict):
        raise ConfigurationError(
            f"Mục [{name}] trong tệp cấu hình không hợp lệ.", code=f"config.{name}"
        )
    return table


def _resolve(raw: dict[str, Any]) -> dict[str, Any]:
    """Each setting's value from the environment, the file, or its default."""
    values: dict[str, Any] = {}
    for setting in SETTINGS:
        table = _table(raw, setting.table)
        override = os.environ.get(setting.env) if setting.env else None
        if override:
            values[setting.name] = setting.parse(override)
        elif setting.key in table:
            values[setting.name] = setting.parse(table[setting.key])
        else:
            values[setting.name] = setting.default_value()
    return values


def load_config(*, db_url: str | None = None) -> DeskConfig:
    path = config_path()
    raw = _read(path)
    values = _resolve(raw)
    if move_database_passwords(raw, values["data_dir"] / "secrets" / PASSFILE_NAME):
        try:  # a password written into desk.toml by hand leaves it at once
            write_atomically(path, tomli_w.dumps(raw).encode("utf-8"))
        except OSError as exc:  # a read-only desk.toml: the URLs still work as written
            log.warning("could not move the database password out of %s: %s", path, exc)
        values = _resolve(raw)
    if db_url:
        values["database_url"] = db_url
    province = ProvinceConfig(**{s.key: values[s.name] for s in SETTINGS if s.table == "province"})
    top = {s.key: values[s.name] for s in SETTINGS if not s.table}
    return DeskConfig(**top, province=province, as_loaded=values)


def save_config(config: DeskConfig) -> Path:
    """Write the settings of ``config`` that changed since it was loaded into desk.toml.

    Everything else in the file stays as it is: the settings that did not change (so a
    default, ``--db`` or ``DESK_DATABASE_URL`` is never written for them), ``data_dir``,
    and any key or table this version does not know. Comments are not kept."""
    path = config_path()
    raw = _read(path)
    before = config.as_loaded or _resolve(raw)
    changed = {
        setting.name: value
        for setting in SETTINGS
        if (value := setting.get(config)) != before.get(setting.name)
    }
    for name, value in changed.items():
        setting = SETTINGS_BY_NAME[name]
        setting.check(value)
        _table(raw, setting.table)  # a broken [table] is reported, never overwritten
        table = raw.setdefault(setting.table, {}) if setting.table else raw
        table[setting.key] = setting.dump(value)
    move_database_passwords(raw, config.database_passfile)
    write_atomically(path, tomli_w.dumps(raw).encode("utf-8"))
    config.as_loaded = {**before, **changed}
    return path


def save_province_config(province: ProvinceConfig) -> Path:
    """Write the ``[province]`` table of desk.toml, keeping every other setting as is."""
    config = load_config()
    config.province = province
    return save_config(config)
