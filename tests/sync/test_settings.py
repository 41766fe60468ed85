"""Province settings in desk.toml, the password stored protected, never in clear text."""

from __future__ import annotations

import os
import stat
import tomllib
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend

from desk.config import config_dir, load_config
from desk.errors import ConfigurationError
from desk.services import sync as sync_service
from desk.services.context import DeskContext
from desk.sync import secrets
from desk.sync.secrets import Secret

PASSWORD = "Mật-khẩu tỉnh 2026!"
keyring.get_keyring()  # settle keyring's own choice now (see the keyring test)


def test_the_fallback_encrypts_with_a_private_key_file(tmp_path: Path) -> None:
    reference = secrets.protect(PASSWORD, username="motcua", key_dir=tmp_path)
    assert reference.startswith("fernet:") and PASSWORD not in reference
    key = tmp_path / secrets.KEY_FILE_NAME
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert secrets.reveal(reference, key_dir=tmp_path).reveal() == PASSWORD
    other = tmp_path / "other"
    secrets.protect("x", username="u", key_dir=other)  # a different key
    with pytest.raises(ConfigurationError, match="không giải mã được"):
        secrets.reveal(reference, key_dir=other)
    with pytest.raises(ConfigurationError, match="Thiếu tệp khóa"):
        secrets.reveal(reference, key_dir=tmp_path / "none")
    with pytest.raises(ConfigurationError, match="không ở dạng được bảo vệ"):
        secrets.reveal("mat-khau-ro", key_dir=tmp_path)


def test_a_secret_never_prints_itself() -> None:
    secret = Secret(PASSWORD)
    assert PASSWORD not in repr(secret) and PASSWORD not in str(secret)
    assert PASSWORD not in f"{secret}" and secret.reveal() == PASSWORD


def test_an_os_keyring_is_used_when_there_is_one(tmp_path: Path) -> None:
    # Chosen before the class below exists: keyring picks its backend among every
    # KeyringBackend subclass on first use, and a test double must not be chosen.
    previous = keyring.get_keyring()

    class MemoryKeyring(KeyringBackend):
        priority = 10

        def __init__(self) -> None:
            super().__init__()
            self.store: dict[tuple[str, str], str] = {}

        def get_password(self, service: str, username: str) -> str | None:
            return self.store.get((service, username))

        def set_password(self, service: str, username: str, password: str) -> None:
            self.store[(service, username)] = password

        def delete_password(self, service: str, username: str) -> None:
            self.store.pop((service, username), None)

    memory = MemoryKeyring()
    keyring.set_keyring(memory)
    try:
        assert secrets.os_keyring_available()
        reference = secrets.protect(PASSWORD, username="motcua", key_dir=tmp_path)
        assert reference == "keyring:motcua"
        assert memory.store[(secrets.KEYRING_SERVICE, "motcua")] == PASSWORD
        assert not (tmp_path / secrets.KEY_FILE_NAME).exists()
        assert secrets.reveal(reference, key_dir=tmp_path).reveal() == PASSWORD
    finally:
        keyring.set_keyring(previous)
    assert not secrets.os_keyring_available()  # this headless machine has none


def test_configure_writes_desk_toml_without_the_password(ctx: DeskContext, tmp_path: Path) -> None:
    toml = config_dir() / "desk.toml"
    toml.parent.mkdir(parents=True, exist_ok=True)
    toml.write_text('desk_name = "Quầy 3"\n', encoding="utf-8")
    sync_service.save_settings(
        ctx,
        server="https://motcua.phutho.gov.vn/api",
        username="motcua",
        password=Secret(PASSWORD),
    )
    text = toml.read_text(encoding="utf-8")
    assert PASSWORD not in text
    raw = tomllib.loads(text)
    assert raw["desk_name"] == "Quầy 3"  # the other settings are kept
    assert raw["province"]["url"] == "https://motcua.phutho.gov.vn/api"
    config = load_config()
    assert config.province.configured and config.province.username == "motcua"
    ctx.config = config
    settings = sync_service.connection_settings(ctx)
    assert settings.password.reveal() == PASSWORD
    assert settings.agency_id == ctx.office.agency_id


@pytest.mark.parametrize(
    ("server", "message"),
    [
        ("http://motcua.phutho.gov.vn", "HTTP không mã hóa"),
        ("motcua.phutho.gov.vn", "không hợp lệ"),
    ],
)
def test_configure_refuses_unsafe_or_broken_urls(
    ctx: DeskContext, server: str, message: str
) -> None:
    with pytest.raises(ConfigurationError, match=message):
        sync_service.save_settings(ctx, server=server, username="u", password=Secret("p"))
    assert not (config_dir() / "desk.toml").exists()


def test_missing_settings_are_a_configuration_error(ctx: DeskContext) -> None:
    with pytest.raises(ConfigurationError, match="Chưa cấu hình địa chỉ"):
        sync_service.connection_settings(ctx)
    with pytest.raises(ConfigurationError, match="Chưa có mật khẩu"):
        sync_service.connection_settings(ctx, server="http://127.0.0.1:1", username="u")


def test_bad_timeouts_in_desk_toml_are_reported(tmp_path: Path) -> None:
    toml = Path(os.environ["DESK_DATA_DIR"]) / "desk.toml"
    toml.parent.mkdir(parents=True, exist_ok=True)
    toml.write_text('[province]\nread_timeout_s = "lâu"\n', encoding="utf-8")
    with pytest.raises(ConfigurationError, match="số giây"):
        load_config()
