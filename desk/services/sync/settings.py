"""The province connection as the office configured it: the settings a run uses (with
what the command line overrides), and saving them with the password protected."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from desk.config import (
    ProvinceConfig,
    config_dir,
    config_path,
    load_config,
    save_province_config,
)
from desk.domain.access import Permission
from desk.errors import ConfigurationError, InvalidInput
from desk.services.context import DeskContext
from desk.sync import secrets
from desk.sync.connection import ConnectionSettings, RetryPolicy, check_url
from desk.sync.connector import ProvinceConnector

log = logging.getLogger(__name__)


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
            "Chưa cấu hình địa chỉ máy chủ tỉnh: «Cấu hình kết nối…» trong bảng đồng bộ, "
            "hoặc «desk sync configure --server URL --username TÊN --password-file TỆP».",
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


def reload_settings(ctx: DeskContext) -> bool:
    """Take desk.toml's ``[province]`` when another program changed it meanwhile
    (``desk sync configure`` while the window is open): the window uses it without a
    restart. False when nothing changed, or there is no desk.toml, or it does not read
    (the settings in use stay)."""
    if not config_path().is_file():
        return False
    try:
        province = load_config().province
    except ConfigurationError as exc:
        log.warning("desk.toml not reread: %s", exc.message)
        return False
    if province == ctx.config.province:
        return False
    ctx.config.province = province
    log.info("province settings changed in desk.toml: %s as %s", province.url, province.username)
    return True


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


@dataclass(frozen=True, slots=True)
class SettingsView:
    """The province connection as the settings dialog shows it (never the password)."""

    url: str
    username: str
    ca_bundle: str
    allow_insecure_http: bool
    has_password: bool  # one is saved: leaving the password empty keeps it


def current_settings(ctx: DeskContext) -> SettingsView:
    ctx.require(Permission.SYNC)
    province = ctx.config.province
    return SettingsView(
        url=province.url,
        username=province.username,
        ca_bundle=province.ca_bundle,
        allow_insecure_http=province.allow_insecure_http,
        has_password=bool(province.password),
    )


def _checked(
    ctx: DeskContext,
    *,
    server: str,
    username: str,
    password: secrets.Secret | None,
    ca_bundle: str,
    allow_insecure_http: bool,
) -> tuple[ProvinceConfig, secrets.Secret]:
    """The settings as they would be saved, and the password, once the rules allow them:
    an address (https, or http to this machine), an account, a password (None keeps the
    saved one of the same account), a CA file that is a PEM file."""
    config = ctx.config
    province = ProvinceConfig(
        url=server.strip(),
        username=username.strip(),
        password="",
        ca_bundle=ca_bundle.strip(),
        allow_insecure_http=allow_insecure_http,
        connect_timeout_s=config.province.connect_timeout_s,
        read_timeout_s=config.province.read_timeout_s,
    )
    if not province.url:
        raise InvalidInput("Chưa nhập địa chỉ máy chủ tỉnh.", code="sync.url")
    if not province.username:
        raise InvalidInput("Cần tên tài khoản đồng bộ.", code="sync.username")
    if password is None and config.province.password:
        if province.username != config.province.username:
            raise InvalidInput(
                "Tài khoản đồng bộ đổi: cần nhập mật khẩu của tài khoản mới.",
                code="sync.password",
            )
        password = secrets.reveal(config.province.password, key_dir=secret_dir())
    if not password:
        raise InvalidInput("Cần mật khẩu đồng bộ.", code="sync.password")
    # The connector's own rules (HTTPS, loopback-only HTTP, a PEM CA file) before saving.
    check_url(
        ConnectionSettings(
            base_url=province.url,
            agency_id="",
            username=province.username,
            password=password,
            ca_bundle=province.ca_bundle,
            allow_insecure_http=allow_insecure_http,
        )
    )
    return province, password


def save_settings(
    ctx: DeskContext,
    *,
    server: str,
    username: str,
    password: secrets.Secret | None,
    ca_bundle: str = "",
    allow_insecure_http: bool = False,
) -> Path:
    """Check the settings, store the password protected, and write desk.toml (SYNC: the
    acting account configures the office's sync). The office's context uses them at once
    (the sync panel, the next run). ``password`` None keeps the saved one."""
    user = ctx.require(Permission.SYNC)
    province, password = _checked(
        ctx,
        server=server,
        username=username,
        password=password,
        ca_bundle=ca_bundle,
        allow_insecure_http=allow_insecure_http,
    )
    province.password = secrets.protect(
        password.reveal(), username=province.username, key_dir=secret_dir()
    )
    path = save_province_config(province)
    ctx.config.province = province
    log.info(
        "province settings saved by %s: %s as %s", user.username, province.url, province.username
    )
    return path


@dataclass(frozen=True, slots=True)
class ConnectionCheck:
    server_time: str  # yyyyMMddHHmmss as the province sent it
    server_id: str


def try_connection(
    ctx: DeskContext,
    *,
    server: str,
    username: str,
    password: secrets.Secret | None,
    ca_bundle: str = "",
    allow_insecure_http: bool = False,
    timeout_s: float = 10.0,
) -> ConnectionCheck:
    """«Thử kết nối»: ping and sign in to the province with these settings, unsaved, once
    (no retry). Raises what a run would meet (unreachable, refused account, certificate)."""
    ctx.require(Permission.SYNC)
    province, password = _checked(
        ctx,
        server=server,
        username=username,
        password=password,
        ca_bundle=ca_bundle,
        allow_insecure_http=allow_insecure_http,
    )
    settings = ConnectionSettings(
        base_url=province.url,
        agency_id=ctx.office.agency_id,
        username=province.username,
        password=password,
        ca_bundle=province.ca_bundle,
        allow_insecure_http=allow_insecure_http,
        connect_timeout_s=min(timeout_s, province.connect_timeout_s),
        read_timeout_s=timeout_s,
    )
    with ProvinceConnector(settings, retry=RetryPolicy(attempts=1)) as connector:
        server_time = connector.ping()
        connector.authenticate()
        return ConnectionCheck(server_time=server_time, server_id=connector.server_id)
