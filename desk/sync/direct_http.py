"""The province's calls on one kept-alive ``http.client`` connection, HTTPS or plain HTTP.

requests spends ~0.4 ms of CPU a call on what a sync does not use (merging the session's
settings with the environment's, hooks, cookies, the adapter and its pool), under the
GIL the run's thread needs to read the next batch; this costs ~0.1 ms. It answers with a
``requests.Response`` and fails with the exceptions requests raises for the same faults
(their names are the retries' ``problem``), so the connector treats both alike.

Over HTTPS the province's certificate is checked as requests checks it: against the
office's ``ca_bundle``, else ``REQUESTS_CA_BUNDLE`` or ``CURL_CA_BUNDLE``, else certifi's
bundle (requests' own); only that bundle, TLS 1.2 at least, the host's name checked. A
TLS fault is requests' ``SSLError`` around ssl's, so a failed certificate check is still
told from a connection cut inside TLS. Behind a proxy named in the environment, with a
``.netrc`` login, or with a bundle that cannot be loaded, requests keeps doing the calls
(proxies, credentials, and its own message)."""

from __future__ import annotations

import errno
import http.client
import os
import select
import ssl
from urllib.parse import urlencode, urlsplit

import certifi
import requests
from requests import exceptions as faults
from requests.structures import CaseInsensitiveDict
from requests.utils import get_encoding_from_headers, get_environ_proxies, get_netrc_auth


def direct_http(base_url: str, user_agent: str, verify: str | bool = True) -> DirectHttp | None:
    """The direct connection to ``base_url`` (``verify``: the connector's, as it passes it
    to requests), or None when requests must make the calls."""
    scheme = urlsplit(base_url).scheme
    if scheme not in ("http", "https"):
        return None
    if get_environ_proxies(base_url) or get_netrc_auth(base_url):
        return None
    tls = None
    if scheme == "https":
        tls = tls_context(verify)
        if tls is None:
            return None
    return DirectHttp(base_url, user_agent, tls)


def tls_context(verify: str | bool) -> ssl.SSLContext | None:
    """The check requests makes of a server's certificate for ``verify``, or None where
    only requests should say what happens (no check asked; a bundle it cannot load)."""
    if verify is False:
        return None
    # As requests merges the environment into a call's ``verify``, then takes certifi's.
    bundle = (
        verify
        if isinstance(verify, str)
        else os.environ.get("REQUESTS_CA_BUNDLE")
        or os.environ.get("CURL_CA_BUNDLE")
        or certifi.where()
    )
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)  # the name checked, a certificate required
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    try:
        if os.path.isdir(bundle):
            context.load_verify_locations(capath=bundle)
        else:
            context.load_verify_locations(cafile=bundle)
    except (OSError, ssl.SSLError, ValueError):
        return None
    return context


class DirectHttp:
    """``requests.Session.request`` for the connector's calls, on one connection."""

    def __init__(self, base_url: str, user_agent: str, tls: ssl.SSLContext | None = None):
        parts = urlsplit(base_url)
        self._host = parts.hostname or ""
        self._port = parts.port or (443 if tls is not None else 80)
        self._tls = tls
        self._base_url = base_url
        self._base_path = parts.path
        self._fixed = {"User-Agent": user_agent, "Accept-Encoding": "identity"}
        self._connection: http.client.HTTPConnection | None = None

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    def __del__(self) -> None:
        # A connector dropped unclosed (as requests' pool allowed) leaves no socket open.
        self.close()

    def request(
        self,
        method: str,
        url: str,
        *,
        data: bytes | None,
        headers: dict[str, str],
        params: dict[str, str] | None,
        timeout: tuple[float, float],
        verify: str | bool = True,
        allow_redirects: bool = False,
    ) -> requests.Response:
        """One call; ``url`` starts with the base URL. Called as requests is: ``verify``
        is the connector's, the same on every call, already in the connection's TLS
        context; no redirect is ever followed."""
        del verify, allow_redirects
        path = self._base_path + url[len(self._base_url) :]
        if params:
            path += "?" + urlencode(params)
        connection = self._connected(timeout)
        try:
            try:
                # identity: no compressed answer to undo (no header would allow any).
                connection.request(method, path, body=data, headers={**self._fixed, **headers})
            except OSError as exc:
                # As urllib3: a server that answers without reading the whole body (a 413)
                # and closes: its answer may still be there to read.
                if not isinstance(exc, BrokenPipeError) and exc.errno not in (
                    errno.ECONNRESET,
                    errno.EPROTOTYPE,
                ):
                    raise
            answer = connection.getresponse()
        except (OSError, http.client.HTTPException) as exc:
            raise self._failed(exc, faults.ReadTimeout, faults.ConnectionError) from exc
        try:
            content = answer.read()
        except (OSError, http.client.HTTPException) as exc:
            # requests tells a timeout while reading the body as a ConnectionError.
            raise self._failed(exc, faults.ConnectionError, faults.ChunkedEncodingError) from exc
        if answer.will_close:
            self.close()
        response = requests.Response()
        response.status_code = answer.status
        response.reason = answer.reason
        response.headers = CaseInsensitiveDict(answer.getheaders())
        response.encoding = get_encoding_from_headers(response.headers)
        response.url = url
        response._content = content
        return response

    def _connected(self, timeout: tuple[float, float]) -> http.client.HTTPConnection:
        """The kept-alive connection, or a new one (as urllib3's pool, one the server
        closed while idle is replaced before the call, not failed)."""
        connect_s, read_s = timeout
        connection = self._connection
        idle = connection.sock if connection is not None else None
        if idle is not None and select.select([idle], [], [], 0)[0]:  # closed (or junk)
            self.close()
            connection = None
        if connection is None or connection.sock is None:
            if self._tls is None:
                connection = http.client.HTTPConnection(self._host, self._port, timeout=connect_s)
            else:
                connection = http.client.HTTPSConnection(
                    self._host, self._port, timeout=connect_s, context=self._tls
                )
            self._connection = connection
            try:
                connection.connect()  # over HTTPS: the handshake and the certificate's check
            except OSError as exc:
                raise self._failed(exc, faults.ConnectTimeout, faults.ConnectionError) from exc
        assert connection.sock is not None
        connection.sock.settimeout(read_s)
        return connection

    def _failed(
        self,
        fault: BaseException,
        timeout: type[faults.RequestException],
        other: type[faults.RequestException],
    ) -> faults.RequestException:
        """The connection closed, and the exception requests raises for ``fault`` at this
        step: SSLError for any of TLS (a certificate's check among them), ``timeout`` for a
        timeout, ``other`` for the rest."""
        self.close()
        if isinstance(fault, ssl.SSLError):
            return faults.SSLError(fault)
        return (timeout if isinstance(fault, TimeoutError) else other)(fault)
