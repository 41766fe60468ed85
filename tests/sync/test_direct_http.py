"""The connector's calls without requests (``desk.sync.direct_http``): the same answers,
the same faults by the same names, and over HTTPS the same certificate check as requests
gives, on one connection."""

from __future__ import annotations

import socket
import ssl
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
import requests

from desk.sync.connection import ConnectionSettings, RetryPolicy
from desk.sync.connector import ProvinceConnector, certificate_failed
from desk.sync.direct_http import DirectHttp, direct_http
from desk.sync.errors import ProvinceUnreachable
from desk.sync.secrets import Secret
from desk.sync.simulator.certificates import certificates

Reply = Callable[[BaseHTTPRequestHandler], None]


class _Quiet(ThreadingHTTPServer):
    owner: _Server

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a client gone before the answer (the timeout tests): expected


class _Server:
    def __init__(self, reply: Reply, tls: ssl.SSLContext | None = None):
        self.reply = reply
        self.released = threading.Event()  # a slow answer waits for the end of the test
        self.connections = 0
        self.seen: list[tuple[str, str, dict[str, str], bytes]] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True

            def setup(self) -> None:
                server.connections += 1
                super().setup()

            def _any(self) -> None:
                length = int(self.headers.get("Content-Length", "0") or 0)
                body = self.rfile.read(length) if length else b""
                server.seen.append((self.command, self.path, dict(self.headers), body))
                server.reply(self)

            do_GET = do_POST = do_HEAD = _any

            def log_message(self, *_args: Any) -> None:
                pass

        self.httpd = _Quiet(("127.0.0.1", 0), Handler)
        self.httpd.owner = self
        if tls is not None:
            self.httpd.socket = tls.wrap_socket(self.httpd.socket, server_side=True)
        scheme = "http" if tls is None else "https"
        self.url = f"{scheme}://127.0.0.1:{self.httpd.server_address[1]}/api"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.released.set()
        self.httpd.shutdown()
        self.httpd.server_close()


def _answer(status: int, body: bytes, **headers: str) -> Reply:
    def reply(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(status)
        for name, value in {"Content-Length": str(len(body)), **headers}.items():
            handler.send_header(name, value)
        handler.end_headers()
        handler.wfile.write(body)

    return reply


@pytest.fixture
def serve() -> Iterator[Callable[..., _Server]]:
    servers: list[_Server] = []

    def start(reply: Reply, tls: ssl.SSLContext | None = None) -> _Server:
        servers.append(_Server(reply, tls))
        return servers[-1]

    yield start
    for server in servers:
        server.close()


def _call(transport: Any, url: str, **changes: Any) -> requests.Response:
    values: dict[str, Any] = {
        "data": b'{"a":1}',
        "headers": {"Content-Type": "application/json; charset=utf-8", "Idempotency-Key": "k"},
        "params": {"since": "a b&c", "limit": "2"},
        "timeout": (2.0, 2.0),
        "verify": True,
        "allow_redirects": False,
    }
    return transport.request("POST", url + "/hoso/dongbo", **{**values, **changes})


def test_an_answer_reads_as_requests_reads_it(serve: Callable[[Reply], _Server]) -> None:
    body = '{"message": "Lô quá lớn"}'.encode()
    server = serve(_answer(413, body, **{"X-Max-Batch": "7", "Content-Type": "application/json"}))
    direct = DirectHttp(server.url, "CommuneDesk-sync/1")
    session = requests.Session()
    session.headers["User-Agent"] = "CommuneDesk-sync/1"
    ours, theirs = _call(direct, server.url), _call(session, server.url)
    assert ours.status_code == theirs.status_code == 413
    assert ours.headers["x-max-batch"] == theirs.headers["X-Max-Batch"] == "7"
    assert ours.content == theirs.content and ours.json() == theirs.json()
    assert ours.encoding == theirs.encoding
    # The same request on the wire: path, query, body and the headers the province reads.
    (_, path, sent, data), (_, path2, sent2, data2) = server.seen
    assert (path, data) == (path2, data2) == ("/api/hoso/dongbo?since=a+b%26c&limit=2", b'{"a":1}')
    for name in ("User-Agent", "Content-Type", "Idempotency-Key", "Content-Length", "Host"):
        assert sent[name] == sent2[name]
    assert sent["Accept-Encoding"] == "identity"  # nothing compressed to undo
    direct.close()


def test_calls_share_one_connection_and_a_closed_one_is_replaced(
    serve: Callable[[Reply], _Server],
) -> None:
    server = serve(_answer(200, b"{}"))
    direct = DirectHttp(server.url, "x")
    for _ in range(5):
        assert _call(direct, server.url).status_code == 200
    assert server.connections == 1
    # The server closes the idle connection (its keep-alive ended): the next call opens
    # another, it does not fail.
    assert direct._connection is not None and direct._connection.sock is not None
    direct._connection.sock.shutdown(socket.SHUT_RDWR)
    assert _call(direct, server.url).status_code == 200
    assert server.connections == 2
    direct.close()


def _cut_body(handler: BaseHTTPRequestHandler) -> None:
    handler.send_response(200)
    handler.send_header("Content-Length", "100")
    handler.end_headers()
    handler.wfile.write(b'{"error_code"')
    handler.close_connection = True


def _no_answer(handler: BaseHTTPRequestHandler) -> None:
    handler.close_connection = True


def _slow(handler: BaseHTTPRequestHandler) -> None:
    server = handler.server
    assert isinstance(server, _Quiet)
    server.owner.released.wait(10)  # past the read timeout: answers once the test ends
    _answer(200, b"{}")(handler)


@pytest.mark.parametrize(
    ("reply", "fault"),
    [(_cut_body, "ChunkedEncodingError"), (_no_answer, "ConnectionError"), (_slow, "ReadTimeout")],
)
def test_faults_are_the_ones_requests_raises(
    serve: Callable[[Reply], _Server], reply: Reply, fault: str
) -> None:
    server = serve(reply)
    session = requests.Session()
    for transport in (DirectHttp(server.url, "x"), session):
        with pytest.raises(requests.RequestException) as raised:
            _call(transport, server.url, timeout=(2.0, 0.3))
        assert type(raised.value).__name__ == fault


def test_a_refused_connection_is_retried_and_named_as_with_requests() -> None:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    listener.close()  # nothing listens there now
    settings = ConnectionSettings(
        base_url=f"http://127.0.0.1:{port}",
        agency_id="000.00.00.H00",
        username="u",
        password=Secret("p"),
    )
    waits: list[str] = []
    connector = ProvinceConnector(
        settings,
        retry=RetryPolicy(attempts=2, base_delay_s=0.01, max_delay_s=0.01),
        on_wait=lambda reason, _s: waits.append(reason),
    )
    assert connector.direct is not None
    with pytest.raises(ProvinceUnreachable) as raised:
        connector.changes("")
    assert waits == ["ConnectionError"]
    assert "(ConnectionError) sau 2 lần thử" in raised.value.message


@pytest.fixture
def no_ca_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE"):
        monkeypatch.delenv(name, raising=False)


@pytest.mark.usefixtures("no_ca_from_environment")
def test_https_checks_the_certificate_as_requests_does(
    serve: Callable[..., _Server], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ca, cert, key = certificates(tmp_path)
    tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    tls.load_cert_chain(cert, key)
    server = serve(_answer(200, '{"ok": "Đã nhận"}'.encode()), tls)
    assert server.url.startswith("https://")
    # Trusted through the office's ca_bundle: the same answer, on one connection.
    direct = direct_http(server.url, "x", str(ca))
    assert isinstance(direct, DirectHttp)
    answers = [_call(direct, server.url) for _ in range(3)]
    theirs = _call(requests.Session(), server.url, verify=str(ca))
    assert [a.json() for a in answers] == [theirs.json()] * 3 == [{"ok": "Đã nhận"}] * 3
    assert server.connections == 2  # ours: one for three calls; requests': one
    direct.close()
    # Not trusted by certifi's bundle (requests' default): both refuse, as a certificate
    # fault (the office fixes its settings), not a network one to retry.
    refusing = direct_http(server.url, "x", True)
    assert isinstance(refusing, DirectHttp)
    for transport, verify in ((refusing, True), (requests.Session(), True)):
        with pytest.raises(requests.exceptions.SSLError) as raised:
            _call(transport, server.url, verify=verify)
        assert certificate_failed(raised.value)
    # The environment's bundle counts where the office named none, as with requests.
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(ca))
    from_environment = direct_http(server.url, "x", True)
    assert isinstance(from_environment, DirectHttp)
    assert _call(from_environment, server.url).json() == {"ok": "Đã nhận"}
    from_environment.close()
    # A bundle that cannot be loaded: requests makes the calls and says what is wrong.
    assert direct_http(server.url, "x", str(tmp_path / "khong-co.pem")) is None
    assert direct_http(server.url, "x", str(key)) is None  # not certificates


@pytest.mark.usefixtures("no_ca_from_environment")
def test_a_name_the_certificate_is_not_for_is_refused(
    serve: Callable[..., _Server], tmp_path: Path
) -> None:
    ca, cert, key = certificates(tmp_path)  # made for 127.0.0.1 only
    tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    tls.load_cert_chain(cert, key)
    server = serve(_answer(200, b"{}"), tls)
    by_name = server.url.replace("127.0.0.1", "localhost")
    direct = direct_http(by_name, "x", str(ca))
    assert isinstance(direct, DirectHttp)
    for transport in (direct, requests.Session()):
        with pytest.raises(requests.exceptions.SSLError) as raised:
            _call(transport, by_name, verify=str(ca))
        assert certificate_failed(raised.value)


def test_requests_keeps_proxies_netrc_and_no_check(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Any
) -> None:
    for name in ("HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy", "NO_PROXY", "no_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NETRC", str(tmp_path / "none"))
    assert isinstance(direct_http("http://127.0.0.1:8080/api", "x"), DirectHttp)
    assert isinstance(direct_http("https://motcua.tinh.gov.vn/api", "x"), DirectHttp)
    assert direct_http("https://motcua.tinh.gov.vn/api", "x", False) is None
    monkeypatch.setenv("HTTP_PROXY", "http://proxy.xa.vn:3128")
    assert direct_http("http://127.0.0.1:8080/api", "x") is None
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    assert isinstance(direct_http("http://127.0.0.1:8080/api", "x"), DirectHttp)
    (tmp_path / "netrc").write_text("machine 127.0.0.1 login a password b\n")
    monkeypatch.setenv("NETRC", str(tmp_path / "netrc"))
    assert direct_http("http://127.0.0.1:8080/api", "x") is None
