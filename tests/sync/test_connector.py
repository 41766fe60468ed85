"""The connector against the simulator: authentication, retries, timeouts, security."""

from __future__ import annotations

import json
import logging
import random
import ssl
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import requests

from desk.domain.outbox import SyncResult
from desk.errors import ConfigurationError
from desk.services.context import DeskContext
from desk.services.sync import run_sync
from desk.sync.connection import CancelToken, ConnectionSettings, RetryPolicy, check_url
from desk.sync.connector import ProvinceConnector
from desk.sync.errors import (
    ProvinceAuthFailed,
    ProvinceProtocolError,
    ProvinceTlsError,
    ProvinceUnreachable,
    SyncCancelled,
)
from desk.sync.secrets import Secret
from desk.sync.simulator.certificates import certificates
from tests.sync.conftest import FAST, PASSWORD, Sim, add_dossiers, settings_for


class RecordingSession(requests.Session):
    """Remembers the keyword arguments of every request (to check the timeouts)."""

    def __init__(self) -> None:
        super().__init__()
        self.calls: list[dict[str, Any]] = []

    def request(  # type: ignore[override]
        self, method: str, url: str, **kwargs: Any
    ) -> requests.Response:
        self.calls.append({"method": method, "url": url, **kwargs})
        return super().request(method, url, **kwargs)


def test_ping_answers_and_an_absent_server_is_offline_quickly(ctx: DeskContext, sim: Sim) -> None:
    with ProvinceConnector(settings_for(ctx, sim)) as connector:
        assert len(connector.ping()) == 14
    closed = settings_for(ctx, sim, base_url="http://127.0.0.1:9")  # nothing listens there
    with ProvinceConnector(closed, retry=FAST) as connector, pytest.raises(ProvinceUnreachable):
        connector.ping()


def test_every_request_has_a_connect_and_a_read_timeout(ctx: DeskContext, sim: Sim) -> None:
    add_dossiers(ctx, 3)
    session = RecordingSession()
    connector = ProvinceConnector(
        settings_for(ctx, sim, connect_timeout_s=1.5, read_timeout_s=7.0),
        retry=FAST,
        session=session,
    )
    assert run_sync(ctx, connector=connector).outcome == "ok"
    assert {c["url"].split("/", 3)[3].split("?")[0] for c in session.calls} >= {
        "ping",
        "auth/token",
        "hoso/thaydoi",
        "hoso/dongbo",
    }
    assert all(c["timeout"] == (1.5, 7.0) for c in session.calls)


def test_wrong_password_ends_the_run_with_a_clear_message(ctx: DeskContext, sim: Sim) -> None:
    settings = settings_for(ctx, sim, password=Secret("sai-mat-khau"))
    report = run_sync(ctx, settings=settings, retry=FAST)
    assert report.outcome == "config" and report.exit_code == 2
    assert "Sai tài khoản hoặc mật khẩu" in report.message


def test_an_expired_token_is_renewed_once_and_the_call_repeated(ctx: DeskContext, sim: Sim) -> None:
    add_dossiers(ctx, 4)
    sim.faults(schedule=["401"])
    connector = ProvinceConnector(settings_for(ctx, sim), retry=FAST)
    report = run_sync(ctx, connector=connector)
    assert report.outcome == "ok" and report.counts[SyncResult.ACCEPTED] == 4
    assert connector.stats.reauths == 1
    assert sim.stats()["POST /auth/token 200"] == 2


def test_a_second_401_in_a_row_ends_the_run(ctx: DeskContext, sim: Sim) -> None:
    add_dossiers(ctx, 2)
    sim.faults(schedule=["401", "401"])
    report = run_sync(ctx, settings=settings_for(ctx, sim), retry=FAST)
    assert report.outcome == "config"
    assert "hai lần liên tiếp" in report.message
    assert report.pending == 2  # nothing lost


def test_short_lived_tokens_are_renewed_during_a_long_run(
    ctx: DeskContext, sim_factory: Callable[..., Sim]
) -> None:
    add_dossiers(ctx, 30)
    sim = sim_factory("--token-ttl", "0.3", "--max-batch", "3", "--latency-ms", "40")
    report = run_sync(ctx, settings=settings_for(ctx, sim), retry=FAST)
    assert report.outcome == "ok", report.lines()
    assert sim.stats()["POST /auth/token 200"] >= 3


def test_5xx_and_lost_connections_are_retried_with_exponential_backoff_and_jitter(
    ctx: DeskContext, sim: Sim
) -> None:
    add_dossiers(ctx, 3)
    sim.faults(schedule=["500", "503", "drop_before", "502"])
    waits: list[tuple[str, float]] = []
    policy = RetryPolicy(attempts=6, base_delay_s=0.02, max_delay_s=0.1)
    connector = ProvinceConnector(
        settings_for(ctx, sim), retry=policy, on_wait=lambda *w: waits.append(w)
    )
    report = run_sync(ctx, connector=connector)
    assert report.outcome == "ok" and report.retries == 4
    assert [reason for reason, _ in waits] == ["500", "503", "ConnectionError", "502"]
    for failures, (_, delay) in enumerate(waits, start=1):
        ceiling = min(0.1, 0.02 * 2 ** (failures - 1))
        assert ceiling / 2 <= delay <= ceiling


def test_backoff_grows_exponentially_with_jitter_and_is_capped(ctx: DeskContext, sim: Sim) -> None:
    policy = RetryPolicy(base_delay_s=1.0, max_delay_s=8.0)
    connector = ProvinceConnector(settings_for(ctx, sim), retry=policy, rng=random.Random(4))
    delays = [[connector._backoff(n) for _ in range(50)] for n in range(1, 7)]
    for n, samples in enumerate(delays, start=1):
        ceiling = min(8.0, 2.0 ** (n - 1))
        assert all(ceiling / 2 <= d <= ceiling for d in samples)
        assert len(set(samples)) > 40  # jitter: not the same delay for everyone
    connector.close()


def test_retries_are_bounded_and_the_run_ends_cleanly(ctx: DeskContext, sim: Sim) -> None:
    add_dossiers(ctx, 5)
    sim.faults(schedule=["503"] * 10)
    policy = RetryPolicy(attempts=4, base_delay_s=0.01, max_delay_s=0.02)
    report = run_sync(ctx, settings=settings_for(ctx, sim), retry=policy)
    assert report.outcome == "offline" and report.exit_code == 4
    assert report.retries == 3 and report.pending == 5
    assert sim.log() == []


def test_a_timeout_is_retried_and_the_late_batch_stored_once(ctx: DeskContext, sim: Sim) -> None:
    add_dossiers(ctx, 4)
    sim.faults(schedule=["slow:1.5"])
    settings = settings_for(ctx, sim, read_timeout_s=0.5)
    connector = ProvinceConnector(settings, retry=FAST)
    report = run_sync(ctx, connector=connector)
    assert report.outcome == "ok" and report.retries == 1
    assert len(sim.log()) == 4  # the first send was stored; the resend replayed its reply
    assert sim.stats()["batch replayed"] == 1


def test_a_long_retry_after_is_bounded(ctx: DeskContext, sim: Sim) -> None:
    add_dossiers(ctx, 1)
    sim.faults(schedule=["429"], retry_after=3600)
    waits: list[tuple[str, float]] = []
    connector = ProvinceConnector(
        settings_for(ctx, sim),
        retry=RetryPolicy(max_retry_after_s=0.05),
        on_wait=lambda *w: waits.append(w),
    )
    assert run_sync(ctx, connector=connector).outcome == "ok"
    assert waits == [("429", 0.05)]


def test_cancel_stops_during_a_wait(ctx: DeskContext, sim: Sim) -> None:
    add_dossiers(ctx, 2)
    sim.faults(schedule=["429"], retry_after=30)
    cancel = CancelToken()
    connector = ProvinceConnector(
        settings_for(ctx, sim), cancel=cancel, on_wait=lambda *_: cancel.cancel()
    )
    report = run_sync(ctx, connector=connector)
    assert report.outcome == "cancelled" and report.duration_s < 5
    assert report.pending == 2
    with pytest.raises(SyncCancelled):
        cancel.check()


def test_plain_http_only_to_loopback_or_with_an_explicit_opt_in(
    ctx: DeskContext, caplog: pytest.LogCaptureFixture
) -> None:
    def settings(url: str, **kw: Any) -> Any:
        return ConnectionSettings(url, "000.17.22.H56", "u", Secret("p"), **kw)

    assert check_url(settings("http://127.0.0.1:8080/")) == "http://127.0.0.1:8080"
    assert check_url(settings("http://localhost:8080")) == "http://localhost:8080"
    assert check_url(settings("http://[::1]:8080")) == "http://[::1]:8080"
    assert check_url(settings("https://motcua.example.gov.vn/api"))
    with pytest.raises(ConfigurationError, match="HTTP không mã hóa"):
        check_url(settings("http://motcua.example.gov.vn"))
    with pytest.raises(ConfigurationError, match="không hợp lệ"):
        check_url(settings("ftp://motcua.example.gov.vn"))
    with caplog.at_level(logging.WARNING, logger="desk.sync.connection"):
        assert check_url(settings("http://10.0.0.5", allow_insecure_http=True))
    assert "allow_insecure_http" in caplog.text
    with pytest.raises(ConfigurationError, match="chứng chỉ CA"):
        check_url(settings("https://motcua.example.gov.vn", ca_bundle="/khong/co.pem"))


def test_https_is_verified_and_a_configured_ca_bundle_is_trusted(
    ctx: DeskContext, sim_factory: Callable[..., Sim], tmp_path: Path
) -> None:
    add_dossiers(ctx, 3)
    ca, cert, key = certificates(tmp_path)
    sim = sim_factory("--tls-cert", str(cert), "--tls-key", str(key))
    assert sim.url.startswith("https://")
    connector = ProvinceConnector(settings_for(ctx, sim), retry=FAST)
    with connector, pytest.raises(ProvinceTlsError, match="chứng chỉ"):
        connector.ping()  # not trusted by default: never silently accepted
    report = run_sync(ctx, settings=settings_for(ctx, sim, ca_bundle=str(ca)), retry=FAST)
    assert report.outcome == "ok", report.message
    assert report.counts[SyncResult.ACCEPTED] == 3


def test_the_password_never_reaches_the_logs(
    ctx: DeskContext, sim: Sim, caplog: pytest.LogCaptureFixture
) -> None:
    add_dossiers(ctx, 2)
    settings = settings_for(ctx, sim)
    assert PASSWORD not in repr(settings) and PASSWORD not in str(settings.password)
    with caplog.at_level(logging.DEBUG):
        assert run_sync(ctx, settings=settings, retry=FAST).outcome == "ok"
        bad = settings_for(ctx, sim, password=Secret("mat-khau-sai-123"))
        run_sync(ctx, settings=bad, retry=FAST)
    assert caplog.records  # urllib3, the connector and the run did log
    for record in caplog.records:
        text = record.getMessage() + repr(record.args)
        assert PASSWORD not in text and "mat-khau-sai-123" not in text
    database = Path(str(ctx.db.url.database)).read_bytes()
    assert PASSWORD.encode() not in database


def test_auth_errors_from_a_wrong_server_are_not_retried_forever(
    ctx: DeskContext, sim: Sim
) -> None:
    settings = settings_for(ctx, sim, username="khac")
    with ProvinceConnector(settings, retry=FAST) as connector, pytest.raises(ProvinceAuthFailed):
        connector.authenticate()


class _BrokenTls(requests.Session):
    """A session whose every request fails inside TLS with ``error``."""

    def __init__(self, error: BaseException):
        super().__init__()
        self.error = error
        self.calls = 0

    def request(self, *args: Any, **kwargs: Any) -> requests.Response:
        self.calls += 1
        raise requests.exceptions.SSLError(self.error)


def _province(session: requests.Session) -> ProvinceConnector:
    settings = ConnectionSettings(
        "https://motcua.example.gov.vn", "000.17.22.H56", "u", Secret("p")
    )
    return ProvinceConnector(settings, retry=FAST, session=session)


def test_a_connection_closed_inside_tls_is_a_network_fault_not_a_certificate_one() -> None:
    """A province that closes the connection mid-upload (SSLEOFError) is retried and then
    reported as unreachable; only a failed certificate check asks to fix the settings."""
    closed = _BrokenTls(ssl.SSLEOFError(8, "EOF occurred in violation of protocol"))
    with _province(closed) as connector, pytest.raises(ProvinceUnreachable):
        connector.authenticate()
    assert closed.calls == FAST.attempts  # retried like any broken connection
    refused = _BrokenTls(
        ssl.SSLCertVerificationError(1, "[SSL: CERTIFICATE_VERIFY_FAILED] self-signed")
    )
    with _province(refused) as connector, pytest.raises(ProvinceTlsError, match="chứng chỉ"):
        connector.authenticate()
    assert refused.calls == 1  # a certificate does not get better by asking again


class AnsweringSession(requests.Session):
    """Answers every request with the same 200 and JSON body (no server)."""

    def __init__(self, answer: dict[str, Any]) -> None:
        super().__init__()
        self.answer = answer

    def request(  # type: ignore[override]
        self, method: str, url: str, **kwargs: Any
    ) -> requests.Response:
        response = requests.Response()
        response.status_code = 200
        response._content = json.dumps(self.answer).encode()
        return response


def test_each_ketqua_is_its_result_and_an_unknown_one_is_refused(ctx: DeskContext) -> None:
    """The push's answers are read by a look-up of ketqua's text: every value of the
    contract gives its own member, anything else is still a protocol error naming it."""
    settings = ConnectionSettings(
        base_url="http://127.0.0.1:9",
        agency_id=ctx.office.agency_id,
        username="motcua",
        password=Secret("motcua-demo"),
    )
    known = [
        {"MaHoSo": f"A-{n}", "PhienBan": n, "ketqua": result.value, "message": result.name}
        for n, result in enumerate(SyncResult)
    ]
    connector = ProvinceConnector(
        settings, session=AnsweringSession({"error_code": 0, "results": known})
    )
    connector._token, connector._token_expires = "t", float("inf")
    results = connector.push("b", b"{}")
    assert [(r.code, r.revision, r.message) for r in results] == [
        (f"A-{n}", n, result.name) for n, result in enumerate(SyncResult)
    ]
    assert all(r.result is result for r, result in zip(results, SyncResult, strict=True))
    unknown = {"MaHoSo": "B", "PhienBan": 1, "ketqua": "ACCEPTED", "message": ""}
    connector.http = AnsweringSession({"error_code": 0, "results": [*known, unknown]})
    with pytest.raises(ProvinceProtocolError, match="không có trong giao thức: ACCEPTED"):
        connector.push("b", b"{}")
