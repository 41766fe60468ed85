"""The province connector: the HTTP contract of PROVINCE_API.md, and nothing else.

Every call has a connect and a read timeout. Transient failures (5xx, connection errors,
timeouts, 429) are retried with exponential backoff and jitter, a bounded number of times;
then ``ProvinceUnreachable`` ends the run cleanly and the next run resumes. A 401 means
the token expired: authenticate once more and repeat the call; a second 401 ends the run.
It is one piece: every call of the contract, read next to the others, and the one retry
loop they share (how the bytes travel is ``direct_http``'s or requests').
"""

from __future__ import annotations

import json
import logging
import random
import ssl
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import requests

from desk.domain.outbox import SyncResult
from desk.sync.connection import CancelToken, ConnectionSettings, RetryPolicy, check_url
from desk.sync.direct_http import direct_http
from desk.sync.errors import (
    BatchTooLarge,
    ProvinceAuthFailed,
    ProvinceForbidden,
    ProvinceProtocolError,
    ProvinceTlsError,
    ProvinceUnreachable,
)

log = logging.getLogger(__name__)

SERVICE = "DongBoHoSoMC"
MAX_FILE_BYTES = 20 * 1024 * 1024
DEFAULT_MAX_BATCH = 100
MAX_BODY_BYTES = 10 * 1024 * 1024
MAX_ITEM_BYTES = 1024 * 1024  # one dossier's encoded item (PROVINCE_API §4)
USER_AGENT = "CommuneDesk-sync/1"
# ketqua's text to its member: looked up (an enum's call costs ~1.5 µs, 100 a batch, on
# the sending thread while the run's thread waits for the answers).
_RESULTS = {result.value: result for result in SyncResult}


# --- replies ------------------------------------------------------------------------------


class ItemResult(NamedTuple):
    """One item's answer (a named tuple: a hundred a batch, made on the sending thread)."""

    code: str  # MaHoSo
    revision: int  # PhienBan
    result: SyncResult  # ketqua
    message: str


@dataclass(frozen=True, slots=True)
class FeedPage:
    changes: list[dict[str, Any]]
    next_cursor: str
    more: bool


@dataclass
class ConnectorStats:
    requests: int = 0
    retries: int = 0
    reauths: int = 0
    waited_s: float = 0.0  # backoff and Retry-After waits
    network_s: float = 0.0  # time inside HTTP calls (the server's share and the wire's)
    by_status: dict[str, int] = field(default_factory=dict)


def certificate_failed(error: BaseException) -> bool:
    """Whether ``error`` (requests wraps urllib3, which wraps ssl) comes from a failed
    certificate check, the only TLS fault the office fixes in its settings."""
    seen: set[int] = set()
    pending: list[object] = [error]
    while pending:
        current = pending.pop()
        if not isinstance(current, BaseException) or id(current) in seen:
            continue
        seen.add(id(current))
        if isinstance(current, ssl.SSLCertVerificationError):
            return True
        if "CERTIFICATE_VERIFY_FAILED" in str(current):
            return True
        pending += [current.__cause__, current.__context__, *current.args]
        pending.append(getattr(current, "reason", None))
    return False


def _message(response: requests.Response) -> str:
    try:
        data = response.json()
    except ValueError:
        return ""
    return str(data.get("message", "")) if isinstance(data, dict) else ""


class ProvinceConnector:
    """One connection to the province. Not thread-safe: one run uses one connector."""

    def __init__(
        self,
        settings: ConnectionSettings,
        *,
        retry: RetryPolicy | None = None,
        cancel: CancelToken | None = None,
        session: requests.Session | None = None,
        rng: random.Random | None = None,
        on_wait: Callable[[str, float], None] | None = None,
    ):
        self.settings = settings
        self.base_url = check_url(settings)
        self.retry = retry or RetryPolicy()
        self.cancel = cancel or CancelToken()
        self.http = session or requests.Session()
        # Passed on every request: a session-level value would lose to REQUESTS_CA_BUNDLE.
        self.verify: str | bool = settings.ca_bundle or True
        self.http.headers["User-Agent"] = USER_AGENT
        # Straight to the server, without requests' per-call work (``direct_http``).
        self.direct = (
            direct_http(self.base_url, USER_AGENT, self.verify) if session is None else None
        )
        self.rng = rng or random.Random()
        self.on_wait = on_wait
        self.stats = ConnectorStats()
        self._token: str | None = None
        self._token_expires = 0.0
        # The province store's name from the last /ping (v1.1); "" when it sends none.
        self.server_id = ""
        self.retry_number = 0  # the retry of the current request waited for (1: the first)

    def close(self) -> None:
        if self.direct is not None:
            self.direct.close()
        self.http.close()

    def __enter__(self) -> ProvinceConnector:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # --- the calls ---------------------------------------------------------------------

    def ping(self) -> str:
        """The server's time; ``ProvinceUnreachable`` when it does not answer (no retry).
        Keeps the store's ``server_id`` (v1.1) in ``self.server_id``."""
        response = self._request("GET", "/ping", authenticated=False, retries=False)
        if response.status_code != 200:
            raise ProvinceUnreachable(
                f"Máy chủ tỉnh trả lời lỗi {response.status_code} khi kiểm tra kết nối."
            )
        try:
            data = self._json(response)
        except ProvinceProtocolError as exc:  # e.g. a captive portal's page: not online
            raise ProvinceUnreachable(exc.message) from None
        server_id = data.get("server_id", "")
        # Bounded and printable: it is stored and shown to the supervisor.
        self.server_id = str(server_id)[:100] if isinstance(server_id, str | int) else ""
        self.server_id = "".join(c for c in self.server_id if c.isprintable())
        return str(data.get("server_time", ""))

    def authenticate(self) -> None:
        body = {
            "username": self.settings.username,
            "password": self.settings.password.reveal(),
            "madonvi": self.settings.agency_id,
        }
        response = self._request(
            "POST", "/auth/token", json_body=body, authenticated=False, retries=True
        )
        if response.status_code == 401:
            raise ProvinceAuthFailed(
                "Máy chủ tỉnh từ chối đăng nhập: "
                + (_message(response) or "sai tài khoản hoặc mật khẩu")
                + ". Kiểm tra lại bằng «desk sync configure».",
            )
        if response.status_code == 403:
            raise ProvinceForbidden(
                "Tài khoản không được phép gửi hồ sơ cho đơn vị "
                f"{self.settings.agency_id}: {_message(response)}"
            )
        if response.status_code != 200:
            raise ProvinceProtocolError(
                f"Máy chủ tỉnh trả lời {response.status_code} khi đăng nhập: {_message(response)}"
            )
        data = self._json(response)
        token = data.get("session")
        if not isinstance(token, str) or not token:
            raise ProvinceProtocolError("Máy chủ tỉnh không trả về phiên đăng nhập.")
        self._token = token
        try:
            expires_in = float(data.get("expires_in", 3600))
        except (TypeError, ValueError):
            expires_in = 3600.0
        # Renew a little early; a 401 still renews if the clocks disagree.
        self._token_expires = time.monotonic() + max(0.0, expires_in * 0.9)
        log.info("authenticated to the province as %s", self.settings.username)

    def has_file(self, sha256: str) -> bool:
        response = self._request("HEAD", f"/tep/{sha256}")
        if response.status_code == 200:
            return True
        if response.status_code == 404:
            return False
        raise ProvinceProtocolError(
            f"Máy chủ tỉnh trả lời {response.status_code} khi hỏi tệp {sha256[:12]}…"
        )

    def put_file(self, sha256: str, content: bytes) -> tuple[bool, str]:
        """(stored, message): True when the server stored it or had it (201/200); False with
        the reason when it refused this file (400 wrong hash, 413 too large)."""
        response = self._request(
            "PUT",
            f"/tep/{sha256}",
            data=content,
            headers={"Content-Type": "application/octet-stream"},
        )
        if response.status_code in (200, 201):
            return True, ""
        if response.status_code == 400:
            return False, _message(response) or "Nội dung tệp không khớp mã SHA-256."
        if response.status_code == 413:
            return False, _message(response) or "Tệp quá lớn (tối đa 20 MB)."
        raise ProvinceProtocolError(
            f"Máy chủ tỉnh trả lời {response.status_code} khi nhận tệp: {_message(response)}"
        )

    def push(self, batch_id: str, body: bytes) -> list[ItemResult]:
        """Send one batch (the exact bytes persisted before); one result per item."""
        response = self._request(
            "POST",
            "/hoso/dongbo",
            data=body,
            headers={
                "Content-Type": "application/json; charset=utf-8",
                "Idempotency-Key": batch_id,
            },
        )
        status = response.status_code
        if status == 200:
            data = self._json(response)
            if data.get("error_code") not in (0, "0"):
                raise ProvinceProtocolError(
                    f"Máy chủ tỉnh báo lỗi {data.get('error_code')}: {data.get('message', '')}"
                )
            results = data.get("results")
            if not isinstance(results, list):
                raise ProvinceProtocolError("Máy chủ tỉnh trả lời thiếu danh sách kết quả.")
            try:
                answers = [
                    (
                        str(r["MaHoSo"]),
                        int(r["PhienBan"]),
                        str(r["ketqua"]),
                        str(r.get("message", "") or ""),
                    )
                    for r in results
                ]
            except (KeyError, TypeError, ValueError):
                raise ProvinceProtocolError(
                    "Máy chủ tỉnh trả lời kết quả không đúng cấu trúc."
                ) from None
            unknown = sorted({a[2] for a in answers} - _RESULTS.keys())
            if unknown:
                raise ProvinceProtocolError(
                    f"Máy chủ tỉnh trả lời kết quả không có trong giao thức: {', '.join(unknown)}."
                )
            return [ItemResult(c, r, _RESULTS[k], m) for c, r, k, m in answers]
        if status == 413:
            header = response.headers.get("X-Max-Batch", "")
            try:
                max_batch = int(header)
            except ValueError:
                max_batch = 0
            raise BatchTooLarge(max_batch)
        if status == 403:
            raise ProvinceForbidden(
                f"Tài khoản không được phép gửi hồ sơ cho đơn vị {self.settings.agency_id}: "
                f"{_message(response)}"
            )
        if status == 409:
            raise ProvinceProtocolError(
                f"Máy chủ tỉnh báo mã lô {batch_id} đã dùng cho nội dung khác (409): "
                f"{_message(response)}. Đây là lỗi phần mềm, vui lòng báo bộ phận hỗ trợ."
            )
        if status == 400:
            raise ProvinceProtocolError(
                f"Máy chủ tỉnh báo dữ liệu gửi sai định dạng (400): {_message(response)}. "
                "Đây là lỗi phần mềm, vui lòng báo bộ phận hỗ trợ."
            )
        raise ProvinceProtocolError(
            f"Máy chủ tỉnh trả lời {status} khi nhận hồ sơ: {_message(response)}"
        )

    def changes(self, since: str, limit: int = 200) -> FeedPage:
        response = self._request(
            "GET",
            "/hoso/thaydoi",
            params={"madonvi": self.settings.agency_id, "since": since, "limit": str(limit)},
        )
        if response.status_code == 403:
            raise ProvinceForbidden(f"Tài khoản không được đọc thay đổi: {_message(response)}")
        if response.status_code != 200:
            raise ProvinceProtocolError(
                f"Máy chủ tỉnh trả lời {response.status_code} khi đọc thay đổi: "
                f"{_message(response)}"
            )
        data = self._json(response)
        changes = data.get("changes")
        if not isinstance(changes, list) or not all(isinstance(c, dict) for c in changes):
            raise ProvinceProtocolError("Máy chủ tỉnh trả lời danh sách thay đổi sai cấu trúc.")
        return FeedPage(changes, str(data.get("next", since) or ""), bool(data.get("more")))

    # --- plumbing ----------------------------------------------------------------------

    def _json(self, response: requests.Response) -> dict[str, Any]:
        try:
            data = json.loads(response.content)
        except ValueError:
            raise ProvinceProtocolError(
                "Máy chủ tỉnh trả lời không phải JSON (có thể mạng đang qua một cổng đăng nhập)."
            ) from None
        if not isinstance(data, dict):
            raise ProvinceProtocolError("Máy chủ tỉnh trả lời sai cấu trúc.")
        return data

    def _ensure_token(self) -> None:
        if self._token is None or time.monotonic() >= self._token_expires:
            self.authenticate()

    def _wait(self, reason: str, seconds: float) -> None:
        self.stats.waited_s += seconds
        if self.on_wait is not None:
            self.on_wait(reason, seconds)
        self.cancel.sleep(seconds)

    def _backoff(self, failures: int) -> float:
        ceiling = min(self.retry.max_delay_s, self.retry.base_delay_s * (2 ** (failures - 1)))
        return self.rng.uniform(ceiling / 2, ceiling)  # exponential, with jitter

    def _request(
        self,
        method: str,
        path: str,
        *,
        json_body: dict[str, Any] | None = None,
        data: bytes | None = None,
        headers: dict[str, str] | None = None,
        params: dict[str, str] | None = None,
        authenticated: bool = True,
        retries: bool = True,
    ) -> requests.Response:
        url = self.base_url + path
        if json_body is not None:
            data = json.dumps(json_body, ensure_ascii=False).encode("utf-8")
            headers = {**(headers or {}), "Content-Type": "application/json; charset=utf-8"}
        failures = 0
        reauthenticated = False
        waited = 0.0
        attempts = self.retry.attempts if retries else 1
        while True:
            self.cancel.check()
            if authenticated:
                self._ensure_token()
            send_headers = dict(headers or {})
            if authenticated:
                send_headers["Authorization"] = f"Bearer {self._token}"
            problem: str
            delay: float | None = None
            started = time.perf_counter()
            try:
                response = (self.direct or self.http).request(
                    method,
                    url,
                    data=data,
                    headers=send_headers,
                    params=params,
                    timeout=self.settings.timeout,
                    verify=self.verify,
                    allow_redirects=False,
                )
            except requests.exceptions.SSLError as exc:
                if not certificate_failed(exc):
                    # The connection broke inside TLS (the server closed it mid-upload,
                    # SSLEOFError): a network fault to retry, not a certificate to fix.
                    problem = type(exc).__name__
                else:
                    raise ProvinceTlsError(
                        "Không xác minh được chứng chỉ HTTPS của máy chủ tỉnh "
                        f"({type(exc).__name__}). Kiểm tra địa chỉ, hoặc cấu hình tệp CA "
                        "(ca_bundle) do tỉnh cung cấp.",
                        code="sync.tls",
                    ) from None
            except (
                requests.exceptions.ConnectionError,
                requests.exceptions.Timeout,
                requests.exceptions.ChunkedEncodingError,
            ) as exc:
                problem = f"{type(exc).__name__}"
            else:
                status = response.status_code
                self.stats.requests += 1
                key = str(status)
                self.stats.by_status[key] = self.stats.by_status.get(key, 0) + 1
                log.debug("%s %s → %s", method, path, status)
                if status == 401 and authenticated:
                    if reauthenticated:
                        raise ProvinceAuthFailed(
                            "Máy chủ tỉnh từ chối phiên đăng nhập hai lần liên tiếp. "
                            "Kiểm tra tài khoản đồng bộ, rồi thử lại.",
                        )
                    reauthenticated = True
                    self.stats.reauths += 1
                    self._token = None
                    continue
                if status == 429:
                    problem = "429"
                    header = response.headers.get("Retry-After", "")
                    try:
                        delay = min(float(header), self.retry.max_retry_after_s)
                    except ValueError:
                        delay = None
                elif status >= 500:
                    problem = str(status)
                else:
                    return response
            finally:
                self.stats.network_s += time.perf_counter() - started
            failures += 1
            if failures >= attempts:
                raise ProvinceUnreachable(
                    f"Máy chủ tỉnh không phản hồi ổn định ({problem}) sau {failures} lần thử. "
                    "Dữ liệu không mất; lần đồng bộ sau sẽ tiếp tục.",
                )
            if delay is None or delay < 0:
                delay = self._backoff(failures)
            if waited + delay > self.retry.budget_s:
                raise ProvinceUnreachable(
                    f"Máy chủ tỉnh không phản hồi ổn định ({problem}). "
                    "Dữ liệu không mất; lần đồng bộ sau sẽ tiếp tục.",
                )
            self.stats.retries += 1
            self.retry_number = failures
            waited += delay
            log.info("%s %s: %s, retry %d in %.2f s", method, path, problem, failures, delay)
            self._wait(problem, delay)
