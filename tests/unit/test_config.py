"""desk.toml: every setting declared once, loaded, validated and saved from that declaration.

The save merges into the file (what it does not manage survives, ``data_dir`` first) and
replaces it atomically; it writes only what changed, never a default or an override."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest

from desk import config as config_module
from desk.config import (
    SETTINGS,
    DeskConfig,
    ProvinceConfig,
    config_dir,
    load_config,
    save_config,
    save_province_config,
)
from desk.domain.codes import SequenceBlock
from desk.errors import ConfigurationError

# A value different from the default for every declared setting (a new setting must be
# added here, which is the point: its round trip is then tested).
CHANGED: dict[str, Any] = {
    "data_dir": Path("/srv/commune/desk-data"),
    "database_url": "postgresql+psycopg://desk@db.xa.local/office",
    "database_owner_url": "postgresql+psycopg://desk_owner@db.xa.local/office",
    "sequence_block": SequenceBlock(5000, 9999),
    "desk_name": "Quầy Tư pháp – Hộ tịch",
    "language": "en",
    "idle_lock_minutes": 0,
    "template_set": "2026",
    "letter_signer": "kt",
    "letter_signer_name": "Nguyễn Văn Phó",
    "backup_second_dir": "/media/usb/sao-luu",
    "province.url": "https://motcua.phutho.gov.vn/api",
    "province.username": "motcua",
    "province.password": "fernet:abc",
    "province.ca_bundle": "/etc/ssl/tinh.pem",
    "province.allow_insecure_http": True,
    "province.connect_timeout_s": 2.5,
    "province.read_timeout_s": 90.0,
}


def _toml() -> Path:
    return config_dir() / "desk.toml"


def _write(text: str) -> Path:
    path = _toml()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _raw() -> dict[str, Any]:
    return tomllib.loads(_toml().read_text(encoding="utf-8"))


def _value(config: DeskConfig, name: str) -> Any:
    table, _, key = name.rpartition(".")
    return getattr(getattr(config, table) if table else config, key)


def test_the_declaration_matches_the_dataclasses() -> None:
    names = {setting.name for setting in SETTINGS}
    assert len(names) == len(SETTINGS)
    desk_fields = {f.name for f in dataclasses.fields(DeskConfig) if f.compare} - {"province"}
    province_fields = {f"province.{f.name}" for f in dataclasses.fields(ProvinceConfig)}
    assert names == desk_fields | province_fields == set(CHANGED)
    for setting in SETTINGS:
        assert CHANGED[setting.name] != setting.default_value(), setting.name
    assert [s.key for s in SETTINGS if s.label] == [
        "language",
        "idle_lock_minutes",
        "desk_name",
        "backup_second_dir",
    ]


def test_without_a_file_every_setting_has_its_declared_default(tmp_path: Path) -> None:
    config = load_config()
    assert config.data_dir == Path(os.environ["DESK_DATA_DIR"])
    assert config.effective_database_url == f"sqlite:///{config.data_dir / 'office.sqlite'}"
    assert config == DeskConfig(data_dir=config.data_dir)
    assert (config.desk_name, config.language, config.idle_lock_minutes) == ("Quầy 1", "vi", 10)
    assert config.sequence_block == SequenceBlock() and config.template_set == "2025"
    assert config.province == ProvinceConfig() and not config.province.configured
    assert (config.province.connect_timeout_s, config.province.read_timeout_s) == (5.0, 30.0)


def test_every_declared_setting_round_trips() -> None:
    config = load_config()
    for name, value in CHANGED.items():
        table, _, key = name.rpartition(".")
        setattr(getattr(config, table) if table else config, key, value)
    save_config(config)
    again = load_config()
    for name, value in CHANGED.items():
        assert _value(again, name) == value, name
    assert again == config
    assert again.province.configured
    save_config(again)  # nothing changed: the same file
    assert load_config() == config


def test_data_dir_and_what_the_save_does_not_manage_survive() -> None:
    _write(
        'data_dir = "/srv/desk"\n'
        'kiosk_mode = "on"  # a key of a newer version\n'
        'desk_name = "Quầy 2"\n'
        "[province]\n"
        'url = "https://motcua.phutho.gov.vn/api"\n'
        "retries = 3\n"
        "[printer]\n"
        'slip = "EPSON TM-T82"\n'
    )
    config = load_config()
    assert config.data_dir == Path("/srv/desk")
    save_config(dataclasses.replace(config, desk_name="Quầy 5", idle_lock_minutes=25))
    raw = _raw()
    assert raw["data_dir"] == "/srv/desk"
    assert raw["kiosk_mode"] == "on"
    assert raw["printer"] == {"slip": "EPSON TM-T82"}
    assert raw["province"] == {"url": "https://motcua.phutho.gov.vn/api", "retries": 3}
    assert raw["desk_name"] == "Quầy 5" and raw["idle_lock_minutes"] == 25
    again = load_config()
    assert again.data_dir == Path("/srv/desk") and again.desk_name == "Quầy 5"


def test_a_save_writes_only_what_changed() -> None:
    config = load_config()
    config.idle_lock_minutes = 30
    save_config(config)
    assert _raw() == {"idle_lock_minutes": 30}  # no defaults, no data_dir from the env


def test_a_value_set_back_to_what_it_was_is_saved_too() -> None:
    _write("idle_lock_minutes = 15\n")
    config = load_config()
    config.idle_lock_minutes = 20
    save_config(config)
    config.idle_lock_minutes = 15
    save_config(config)
    assert load_config().idle_lock_minutes == 15
    changed = dataclasses.replace(config, idle_lock_minutes=10)  # the default, explicitly
    save_config(changed)
    assert _raw()["idle_lock_minutes"] == 10


def test_overrides_are_never_written_to_the_file(monkeypatch: pytest.MonkeyPatch) -> None:
    _write('database_url = "sqlite:///tu-tep.sqlite"\n')
    monkeypatch.setenv("DESK_DATABASE_URL", "sqlite:///tu-moi-truong.sqlite")
    config = load_config(db_url="sqlite:///tu-dong-lenh.sqlite")
    assert config.database_url == "sqlite:///tu-dong-lenh.sqlite"
    config.desk_name = "Quầy 9"
    save_config(config)
    assert _raw() == {"database_url": "sqlite:///tu-tep.sqlite", "desk_name": "Quầy 9"}
    # A database chosen in the program (not from --db or the env) is saved.
    config.database_url = "sqlite:///chon.sqlite"
    save_config(config)
    assert _raw()["database_url"] == "sqlite:///chon.sqlite"


def test_a_config_built_in_code_saves_what_differs_from_the_file() -> None:
    _write('data_dir = "/srv/desk"\nlanguage = "en"\n')
    save_config(DeskConfig(data_dir=Path("/srv/desk"), language="en", desk_name="Quầy 3"))
    assert _raw() == {"data_dir": "/srv/desk", "language": "en", "desk_name": "Quầy 3"}


def test_the_database_resolution_order(monkeypatch: pytest.MonkeyPatch) -> None:
    config = load_config()
    assert config.database_url == "" and config.effective_database_url.startswith("sqlite:///")
    _write('database_url = "sqlite:///tep.sqlite"\n')
    assert load_config().database_url == "sqlite:///tep.sqlite"
    monkeypatch.setenv("DESK_DATABASE_URL", "sqlite:///env.sqlite")
    assert load_config().database_url == "sqlite:///env.sqlite"
    assert load_config(db_url="sqlite:///db.sqlite").database_url == "sqlite:///db.sqlite"
    assert load_config(db_url="sqlite:///db.sqlite").effective_database_url == "sqlite:///db.sqlite"


def test_where_the_file_and_the_data_live(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = Path(os.environ["DESK_DATA_DIR"])
    assert config_dir() == data  # the config follows the data folder unless told otherwise
    monkeypatch.setenv("DESK_CONFIG_DIR", str(tmp_path / "cfg"))
    assert config_dir() == tmp_path / "cfg"
    config = load_config()
    config.desk_name = "Quầy 4"
    assert save_config(config) == tmp_path / "cfg" / "desk.toml"
    assert not (data / "desk.toml").exists()
    assert load_config().data_dir == data
    assert config.files_dir == data / "files" and config.backup_dir == data / "backups"
    _write(f'data_dir = "{(tmp_path / "elsewhere").as_posix()}"\n')
    assert load_config().data_dir == tmp_path / "elsewhere"  # the file beats DESK_DATA_DIR


@pytest.mark.parametrize(
    ("text", "code", "message"),
    [
        ("desk_name = [", "config.file", "không đọc được"),
        ('idle_lock_minutes = "mươi"\n', "config.idle", "số phút"),
        ("idle_lock_minutes = 241\n", "config.idle", "từ 0 đến 240"),
        ("idle_lock_minutes = -1\n", "config.idle", "từ 0 đến 240"),
        ('desk_name = "  "\n', "config.file", "không được để trống"),
        ("language = true\n", "config.file", "language trong tệp cấu hình"),
        ("data_dir = 3\n", "config.file", "data_dir"),
        ('sequence_block = "9999-1"\n', "sequence_block.invalid", "không hợp lệ"),
        ('province = "x"\n', "config.province", r"Mục \[province\]"),
        ('[province]\nread_timeout_s = "lâu"\n', "config.province", "số giây"),
        ("[province]\nconnect_timeout_s = 0\n", "config.province", "lớn hơn 0"),
        ('[province]\nallow_insecure_http = "có"\n', "config.province", "true hoặc false"),
        ("[province]\nurl = [1]\n", "config.province", r"url trong mục \[province\]"),
    ],
)
def test_bad_values_are_reported_in_vietnamese(text: str, code: str, message: str) -> None:
    _write(text)
    with pytest.raises(ConfigurationError, match=message) as raised:
        load_config()
    assert raised.value.code == code


def test_hand_written_numbers_are_read_as_before() -> None:
    _write('idle_lock_minutes = "15"\ntemplate_set = 2026\n[province]\nread_timeout_s = 45\n')
    config = load_config()
    assert config.idle_lock_minutes == 15 and config.template_set == "2026"
    assert config.province.read_timeout_s == 45.0


def test_a_bad_value_is_refused_before_anything_is_written() -> None:
    path = _write('desk_name = "Quầy 2"\n')
    config = load_config()
    config.idle_lock_minutes = 500
    with pytest.raises(ConfigurationError) as raised:
        save_config(config)
    assert raised.value.code == "config.idle"
    assert path.read_text(encoding="utf-8") == 'desk_name = "Quầy 2"\n'


@pytest.mark.parametrize("failing", ["fsync", "replace"])
def test_a_failed_save_leaves_the_old_file_whole(
    failing: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    original = 'data_dir = "/srv/desk"\ndesk_name = "Quầy 2"\n'
    path = _write(original)
    config = load_config()
    config.desk_name = "Quầy 7"

    def broken(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(config_module.os, failing, broken)
    with pytest.raises(OSError, match="No space"):
        save_config(config)
    monkeypatch.undo()
    assert path.read_text(encoding="utf-8") == original
    assert sorted(p.name for p in path.parent.iterdir()) == ["desk.toml"]  # no partial file


def test_the_save_goes_through_a_temporary_file_in_the_same_folder(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = _write('desk_name = "Quầy 2"\n')
    seen: list[tuple[Path, Path, str]] = []
    real_replace = os.replace

    def spy(source: str | Path, target: str | Path) -> None:
        seen.append((Path(source), Path(target), path.read_text(encoding="utf-8")))
        real_replace(source, target)

    monkeypatch.setattr(config_module.os, "replace", spy)
    config = load_config()
    config.desk_name = "Quầy 8"
    save_config(config)
    ((source, target, before),) = seen
    assert source.parent == path.parent and source != path and target == path
    assert before == 'desk_name = "Quầy 2"\n'  # untouched until the replace
    assert not source.exists() and _raw() == {"desk_name": "Quầy 8"}


def test_the_province_save_keeps_everything_else() -> None:
    _write(
        'data_dir = "/srv/desk"\ndesk_name = "Quầy 3"\nextra = 1\n'
        "[province]\nread_timeout_s = 60.0\nretries = 2\n"
    )
    province = ProvinceConfig(
        url="https://motcua.phutho.gov.vn/api",
        username="motcua",
        password="keyring:motcua",
        read_timeout_s=60.0,
    )
    path = save_province_config(province)
    assert path == _toml()
    raw = _raw()
    assert raw["data_dir"] == "/srv/desk" and raw["desk_name"] == "Quầy 3" and raw["extra"] == 1
    assert raw["province"] == {
        "url": "https://motcua.phutho.gov.vn/api",
        "username": "motcua",
        "password": "keyring:motcua",
        "read_timeout_s": 60.0,
        "retries": 2,
    }
    assert load_config().province == province
    save_province_config(ProvinceConfig())  # cleared again: the values are written, emptied
    assert load_config().province == ProvinceConfig()
    assert _raw()["desk_name"] == "Quầy 3"


def test_the_config_module_loads_neither_qt_nor_sqlalchemy() -> None:
    code = (
        "import sys, desk.config\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'PySide6', 'sqlalchemy'}))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=Path(__file__).resolve().parents[2],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
