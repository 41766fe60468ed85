"""The terms of a connection to the province: where and as whom (``ConnectionSettings``
and the security rules ``check_url`` enforces), how hard to retry (``RetryPolicy``), and
the ``CancelToken`` that stops a run at its next safe point."""

from __future__ import annotations

import ipaddress
import logging
import ssl
import threading
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from desk.errors import ConfigurationError
from desk.sync.errors import SyncCancelled
from desk.sync.secrets import Secret

log = logging.getLogger(__name__)


class CancelToken:
    """Set from any thread; the run stops at the next safe point (between requests, or
    during a wait before a retry)."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def check(self) -> None:
        if self._event.is_set():
            raise SyncCancelled()

    def sleep(self, seconds: float) -> None:
        """Wait, waking early (with SyncCancelled) when cancelled."""
        if self._event.wait(max(0.0, seconds)):
            raise SyncCancelled()


@dataclass(frozen=True)
class ConnectionSettings:
    base_url: str
    agency_id: str  # madonvi
    username: str
    password: Secret
    ca_bundle: str = ""
    allow_insecure_http: bool = False
    connect_timeout_s: float = 5.0
    read_timeout_s: float = 30.0

    @property
    def timeout(self) -> tuple[float, float]:
        return (self.connect_timeout_s, self.read_timeout_s)


@dataclass(frozen=True)
class RetryPolicy:
    attempts: int = 6  # tries of one request, the first included
    base_delay_s: float = 0.5
    max_delay_s: float = 8.0
    max_retry_after_s: float = 60.0  # a longer Retry-After is cut to this
    budget_s: float = 180.0  # total waiting of one request before giving up


def is_loopback(host: str) -> bool:
    if host in ("localhost", "localhost.localdomain"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_url(settings: ConnectionSettings) -> str:
    """The base URL without a trailing slash, if the security rules allow it."""
    url = settings.base_url.strip().rstrip("/")
    parts = urlsplit(url)
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise ConfigurationError(
            f"Địa chỉ máy chủ tỉnh «{url}» không hợp lệ (ví dụ https://motcua.tinh.gov.vn/api).",
            code="sync.url",
        )
    if parts.scheme == "http" and not is_loopback(parts.hostname):
        if not settings.allow_insecure_http:
            raise ConfigurationError(
                f"Địa chỉ «{url}» dùng HTTP không mã hóa. Chỉ cho phép HTTP tới máy này "
                "(trình mô phỏng); với máy chủ khác hãy dùng HTTPS, hoặc bật rõ "
                "allow_insecure_http nếu tỉnh yêu cầu.",
                code="sync.insecure_http",
            )
        log.warning("plain HTTP to %s allowed by explicit configuration (allow_insecure_http)", url)
    if settings.ca_bundle:
        check_ca_bundle(settings.ca_bundle)
    return url


PEM_CERTIFICATE = b"-----BEGIN CERTIFICATE-----"
CA_BUNDLE_MAX_BYTES = 10 * 1024 * 1024  # a system bundle is about 200 kB


def check_ca_bundle(path_text: str) -> None:
    """A CA file the connection can use: a readable PEM file of certificates (a DER file,
    a key or a document is refused with what it is not)."""
    path = Path(path_text)
    if not path.is_file():
        raise ConfigurationError(
            f"Không tìm thấy tệp chứng chỉ CA {path_text}.", code="sync.ca_bundle"
        )
    try:
        with path.open("rb") as handle:
            head = handle.read(CA_BUNDLE_MAX_BYTES + 1)
    except OSError as exc:
        raise ConfigurationError(
            f"Không đọc được tệp chứng chỉ CA {path_text} ({exc.strerror}).",
            code="sync.ca_bundle",
        ) from None
    if len(head) > CA_BUNDLE_MAX_BYTES or PEM_CERTIFICATE not in head:
        raise ConfigurationError(
            f"Tệp {path_text} không phải tệp chứng chỉ PEM (cần các dòng "
            "«-----BEGIN CERTIFICATE-----»). Dùng tệp .pem hoặc .crt dạng văn bản do tỉnh "
            "cung cấp.",
            code="sync.ca_not_pem",
        )
    try:
        ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT).load_verify_locations(cafile=str(path))
    except (ssl.SSLError, ValueError) as exc:
        raise ConfigurationError(
            f"Tệp chứng chỉ CA {path_text} bị hỏng, không đọc được chứng chỉ trong đó "
            f"({getattr(exc, 'reason', None) or exc}).",
            code="sync.ca_not_pem",
        ) from None
