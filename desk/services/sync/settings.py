"""The province connection as the office configured it: the settings a run uses (with
what the command line overrides), and saving them with the password protected."""

from __future__ import annotations

from pathlib import Path

from desk.config import ProvinceConfig, config_dir, save_province_config
from desk.domain.access import Permission
from desk.errors import ConfigurationError, InvalidInput
from desk.services.context import DeskContext
from desk.sync import secrets
from desk.sync.connection import ConnectionSettings, check_url


def connection_settings(
    ctx: DeskContext,
    *,
    server: str | None = None,
    username: str | None = None,
    password: secrets.Secret | None = None,
    ca_bundle: str | None = None,
    allow_insecure_http: bool | None = None,
) -> ConnectionSettings:
    """The province connection: the office configuration, overridden by what is given
    (SYNC: it holds the province password)."""
    ctx.require(Permission.SYNC)
    province = ctx.config.province
    url = server or province.url
    user = username or province.username
    if not url:
        raise ConfigurationError(
            "Chưa cấu hình địa chỉ máy chủ tỉnh. Chạy «desk sync configure --server URL "
            "--username TÊN --password-file TỆP».",
            code="sync.not_configured",
        )
    if not user:
        raise ConfigurationError(
            "Chưa cấu hình tài khoản đồng bộ (--username).", code="sync.not_configured"
        )
    if password is None:
        if not province.password or (username and username != province.username):
            raise ConfigurationError(
                "Chưa có mật khẩu đồng bộ: dùng --password-file hoặc «desk sync configure».",
                code="sync.not_configured",
            )
        password = secrets.reveal(province.password, key_dir=secret_dir())
    return ConnectionSettings(
        base_url=url,
        agency_id=ctx.office.agency_id,
        username=user,
        password=password,
        ca_bundle=ca_bundle if ca_bundle is not None else province.ca_bundle,
        allow_insecure_http=(
            allow_insecure_http if allow_insecure_http is not None else province.allow_insecure_http
        ),
        connect_timeout_s=province.connect_timeout_s,
        read_timeout_s=province.read_timeout_s,
    )


def ping_settings(ctx: DeskContext, *, timeout_s: float) -> ConnectionSettings | None:
    """Enough to ping the configured province (no account needed); None when unset."""
    province = ctx.config.province
    if not province.url:
        return None
    return ConnectionSettings(
        base_url=province.url,
        agency_id="",
        username="",
        password=secrets.Secret(""),
        ca_bundle=province.ca_bundle,
        allow_insecure_http=province.allow_insecure_http,
        connect_timeout_s=min(timeout_s, province.connect_timeout_s),
        read_timeout_s=timeout_s,
    )


def secret_dir() -> Path:
    """Where the fallback key lives: beside desk.toml (per OS user), not in the data."""
    return config_dir()


def save_settings(
    ctx: DeskContext,
    *,
    server: str,
    username: str,
    password: secrets.Secret,
    ca_bundle: str = "",
    allow_insecure_http: bool = False,
) -> Path:
    """Check the settings, store the password protected, and write desk.toml (SYNC: the
    acting account configures the office's sync)."""
    ctx.require(Permission.SYNC)
    config = ctx.config
    province = ProvinceConfig(
        url=server.strip(),
        username=username.strip(),
        password="",
        ca_bundle=ca_bundle,
        allow_insecure_http=allow_insecure_http,
        connect_timeout_s=config.province.connect_timeout_s,
        read_timeout_s=config.province.read_timeout_s,
    )
    if not province.username:
        raise InvalidInput("Cần tên tài khoản đồng bộ.", code="sync.username")
    if not password:
        raise InvalidInput("Cần mật khẩu đồng bộ.", code="sync.password")
    # The connector's own rules (HTTPS, loopback-only HTTP, CA file) before saving.
    check_url(
        ConnectionSettings(
            base_url=province.url,
            agency_id="",
            username=province.username,
            password=password,
            ca_bundle=ca_bundle,
            allow_insecure_http=allow_insecure_http,
        )
    )
    province.password = secrets.protect(
        password.reveal(), username=province.username, key_dir=secret_dir()
    )
    path = save_province_config(province)
    config.province = province
    return path
