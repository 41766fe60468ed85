"""The simulated province server: its faults (what it does wrong on purpose) and the
threaded HTTP server around the store (``start()`` in a thread for tests in-process, or
``serve_forever()`` for ``desk province-sim``)."""

from __future__ import annotations

import random
import secrets
import ssl
import threading
import time
from dataclasses import dataclass, field
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Any

from desk.sync.simulator.handler import ContractHandler
from desk.sync.simulator.store import SimulatorStore


@dataclass
class Faults:
    """What the simulator does wrong, on purpose. All rates are 0..1."""

    fail_rate: float = 0.0  # random 500/502/503 on contract endpoints (not /ping)
    drop_rate: float = 0.0  # store the push (or file), then close without replying
    latency_ms: float = 0.0  # before every contract request
    max_batch: int = 100  # X-Max-Batch: larger batches get 413
    throttle_every: int = 0  # of every N pushes …
    throttle_burst: int = 0  # … the first B get 429
    retry_after: float = 1.0  # Retry-After of those 429 (seconds)
    token_ttl_s: float = 3600.0
    reject_procedures: list[str] = field(default_factory=list)
    # Faults for the next pushes, one per push, in order: "ok", "500", "502", "503",
    # "drop" (store, then no reply), "drop_before" (no reply, nothing stored), "429",
    # "401" (the token is treated as expired), "slow:SECONDS" (store, reply late).
    schedule: list[str] = field(default_factory=list)
    seed: int | None = None
    send_server_id: bool = True  # False: a server older than contract v1.1 (no server_id)
    # An upload over 20 MB: close the connection without reading it or answering, as a
    # real front proxy does (over HTTPS the desk sees a TLS connection cut mid-way).
    close_oversized: bool = False

    def update(self, changes: dict[str, Any]) -> None:
        for key, value in changes.items():
            if not hasattr(self, key):
                raise ValueError(f"unknown fault setting {key!r}")
            setattr(self, key, value)


class ProvinceSimulator:
    """The server: ``start()`` in a thread (tests in-process) or ``serve_forever()``."""

    def __init__(
        self,
        directory: Path,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        username: str = "motcua",
        password: str = "motcua-demo",
        agencies: list[str] | None = None,
        faults: Faults | None = None,
        tls: tuple[str, str] | None = None,
    ):
        self.store = SimulatorStore(directory)
        self.host = host
        self.accounts = {username: password}
        self.agencies = set(agencies or [])
        self.faults = faults or Faults()
        self.rng = random.Random(self.faults.seed)
        self.tokens: dict[str, float] = {}
        self.stats: dict[str, int] = {}
        self.push_count = 0
        self.state_lock = threading.Lock()
        handler = type("Handler", (ContractHandler,), {"sim": self})
        self.scheme = "http"
        try:
            self.server = ThreadingHTTPServer((host, port), handler)
        except BaseException:
            self.store.close()  # the port is taken or the host unknown: nothing left open
            raise
        self.server.daemon_threads = True
        if tls is not None:
            try:
                context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
                context.load_cert_chain(tls[0], tls[1])
                self.server.socket = context.wrap_socket(self.server.socket, server_side=True)
            except BaseException:
                self.server.server_close()
                self.store.close()
                raise
            self.scheme = "https"
        self._thread: threading.Thread | None = None

    @property
    def port(self) -> int:
        return int(self.server.server_address[1])

    @property
    def url(self) -> str:
        return f"{self.scheme}://{self.host}:{self.port}"

    def start(self) -> ProvinceSimulator:
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def serve_forever(self) -> None:
        self.server.serve_forever()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self.store.close()

    def count(self, key: str) -> None:
        with self.state_lock:
            self.stats[key] = self.stats.get(key, 0) + 1

    def next_scheduled_fault(self) -> str:
        with self.state_lock:
            if self.faults.schedule:
                return str(self.faults.schedule.pop(0))
            return "ok"

    def random_failure(self) -> int | None:
        with self.state_lock:
            if self.faults.fail_rate and self.rng.random() < self.faults.fail_rate:
                return self.rng.choice((500, 502, 503))
        return None

    def random_drop(self) -> bool:
        with self.state_lock:
            return bool(self.faults.drop_rate and self.rng.random() < self.faults.drop_rate)

    def throttled(self) -> bool:
        with self.state_lock:
            index = self.push_count
            self.push_count += 1
            every, burst = self.faults.throttle_every, self.faults.throttle_burst
            return bool(every and burst and index % every < burst)

    def issue_token(self) -> str:
        token = secrets.token_urlsafe(24)
        with self.state_lock:
            self.tokens[token] = time.monotonic() + self.faults.token_ttl_s
        return token

    def token_valid(self, token: str) -> bool:
        with self.state_lock:
            expires = self.tokens.get(token)
            return expires is not None and time.monotonic() < expires

    def expire_tokens(self) -> None:
        with self.state_lock:
            self.tokens.clear()
