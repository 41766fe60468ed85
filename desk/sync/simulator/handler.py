"""The simulated province's HTTP side: each endpoint of PROVINCE_API.md, the faults
applied on the way, and the admin endpoints for training and tests."""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import random
import re
import socket
import time
from dataclasses import asdict
from http.server import BaseHTTPRequestHandler
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, urlsplit

from desk.sync.simulator.store import (
    MAX_ITEM_BYTES,
    canonical,
    decode_body,
    dumps,
    item_size,
    province_now,
    validate_item,
)

if TYPE_CHECKING:
    from desk.sync.simulator.server import ProvinceSimulator

log = logging.getLogger("desk.sync.simulator")

SERVICE = "DongBoHoSoMC"
MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_BODY_BYTES = 10 * 1024 * 1024
SHA256 = re.compile(r"^[0-9a-f]{64}$")


class ContractHandler(BaseHTTPRequestHandler):
    """One request; ``sim`` is set on the subclass each simulator makes."""

    sim: ProvinceSimulator
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # else ~40 ms a request with keep-alive

    def log_message(self, format: str, *args: Any) -> None:
        log.debug("%s " + format, self.address_string(), *args)

    # --- helpers ---------------------------------------------------------------------

    def _reply(
        self,
        status: int,
        data: dict[str, Any] | str | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        body = b""
        if data is not None:
            body = (data if isinstance(data, str) else dumps(data)).encode("utf-8")
        self.send_response(status)
        if data is not None:
            self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)
        self.sim.count(f"{self.command} {self._route()} {status}")

    def _error(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        self._reply(status, {"error_code": status, "message": message}, headers)

    def _drop(self) -> None:
        """Close the connection without a reply (a lost reply, as the desk sees it)."""
        self.sim.count(f"{self.command} {self._route()} dropped")
        self.close_connection = True
        with contextlib.suppress(OSError):
            self.connection.shutdown(socket.SHUT_RDWR)

    def _route(self) -> str:
        path = urlsplit(self.path).path
        if path.startswith("/tep/"):
            return "/tep"
        return path

    def _body(self) -> bytes | None:
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_FILE_BYTES + 1024:
            # Too big to read: answer and close (the rest of the body is not read), or
            # close at once without an answer, as a front proxy may.
            self.close_connection = True
            if self.sim.faults.close_oversized:
                self._drop()
            return None
        return self.rfile.read(length) if length else b""

    def _authorised(self) -> bool:
        header = self.headers.get("Authorization", "")
        if header.startswith("Bearer ") and self.sim.token_valid(header[7:]):
            return True
        self._error(401, "Phiên đăng nhập hết hạn hoặc không hợp lệ")
        return False

    def _contract_faults(self) -> bool:
        """Latency and random 5xx; True when the request was answered with a fault."""
        faults = self.sim.faults
        if faults.latency_ms:
            time.sleep(faults.latency_ms / 1000)
        status = self.sim.random_failure()
        if status is not None:
            self._error(status, "Lỗi máy chủ (mô phỏng)")
            return True
        return False

    # --- verbs -----------------------------------------------------------------------

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        if parts.path == "/ping":
            answer = {"error_code": 0, "server_time": province_now()}
            if self.sim.faults.send_server_id:
                answer["server_id"] = self.sim.store.server_id
            self._reply(200, answer)
        elif parts.path.startswith("/_admin/"):
            self._admin_get(parts.path)
        elif parts.path == "/hoso/thaydoi":
            self._read_body_and_discard()
            if self._contract_faults() or not self._authorised():
                return
            self._feed(parse_qs(parts.query))
        else:
            self._error(404, "Không có đường dẫn này")

    def do_HEAD(self) -> None:
        path = urlsplit(self.path).path
        if not path.startswith("/tep/"):
            self._reply(404)
            return
        if self._contract_faults() or not self._authorised():
            return
        sha = path[len("/tep/") :]
        self._reply(200 if SHA256.match(sha) and self.sim.store.has_file(sha) else 404)

    def do_PUT(self) -> None:
        path = urlsplit(self.path).path
        body = self._body()
        if not path.startswith("/tep/"):
            self._error(404, "Không có đường dẫn này")
            return
        if self._contract_faults() or not self._authorised():
            return
        if body is None and self.sim.faults.close_oversized:
            return  # the connection is closed: no answer at all
        if body is None or len(body) > MAX_FILE_BYTES:
            self._error(413, "Tệp quá lớn (tối đa 20 MB)")
            return
        sha = path[len("/tep/") :]
        if not SHA256.match(sha) or hashlib.sha256(body).hexdigest() != sha:
            self._error(400, "Nội dung tệp không khớp mã SHA-256")
            return
        created = self.sim.store.put_file(sha, body)
        if self.sim.random_drop():
            self._drop()
            return
        self._reply(201 if created else 200, {"error_code": 0})

    def do_POST(self) -> None:
        path = urlsplit(self.path).path
        body = self._body()
        if body is None and self.sim.faults.close_oversized:
            return  # the connection is closed: no answer at all
        if body is None:
            self._error(413, "Dữ liệu quá lớn", {"X-Max-Batch": str(self.sim.faults.max_batch)})
            return
        if path.startswith("/_admin/"):
            self._admin_post(path, body)
        elif path == "/auth/token":
            if self._contract_faults():
                return
            self._auth(body)
        elif path == "/hoso/dongbo":
            self._push(body)
        else:
            self._error(404, "Không có đường dẫn này")

    def _read_body_and_discard(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)

    # --- the contract ----------------------------------------------------------------

    def _auth(self, body: bytes) -> None:
        try:
            data = json.loads(body)
            username, password = str(data["username"]), str(data["password"])
            madonvi = str(data.get("madonvi", ""))
        except (ValueError, KeyError, TypeError):
            self._error(400, "Dữ liệu đăng nhập sai định dạng")
            return
        if self.sim.accounts.get(username) != password:
            self._error(401, "Sai tài khoản hoặc mật khẩu")
            return
        if self.sim.agencies and madonvi not in self.sim.agencies:
            self._error(403, f"Tài khoản không thuộc đơn vị {madonvi}")
            return
        token = self.sim.issue_token()
        ttl = self.sim.faults.token_ttl_s
        self._reply(200, {"error_code": 0, "session": token, "expires_in": int(max(1, ttl))})

    def _push(self, body: bytes) -> None:
        sim = self.sim
        if self._contract_faults():
            return
        fault = sim.next_scheduled_fault()
        if fault == "401":
            sim.expire_tokens()
        if not self._authorised():
            return
        if fault in ("500", "502", "503"):
            self._error(int(fault), "Lỗi máy chủ (mô phỏng)")
            return
        if fault == "drop_before":
            self._drop()
            return
        if fault == "429" or sim.throttled():
            self._error(429, "Gửi quá nhanh", {"Retry-After": f"{sim.faults.retry_after:g}"})
            return
        if len(body) > MAX_BODY_BYTES:
            self._error(413, "Lô quá lớn", {"X-Max-Batch": str(sim.faults.max_batch)})
            return
        try:
            data, plain = decode_body(body)
        except ValueError:
            self._error(400, "Dữ liệu không phải JSON")
            return
        key = self.headers.get("Idempotency-Key", "")
        if (
            not isinstance(data, dict)
            or not isinstance(data.get("data"), list)
            or data.get("service") != SERVICE
            or not isinstance(data.get("madonvi"), str)
            or not key
            or data.get("batch_id") != key
        ):
            self._error(400, "Lô dữ liệu sai cấu trúc (madonvi, service, batch_id, data)")
            return
        madonvi = data["madonvi"]
        if sim.agencies and madonvi not in sim.agencies:
            self._error(403, f"Tài khoản không được gửi hồ sơ cho đơn vị {madonvi}")
            return
        body_hash = hashlib.sha256(body).hexdigest()
        with sim.store.lock:
            known = sim.store.known_batch(key)
            if known is not None:
                if known[0] != body_hash:
                    self._error(409, "Idempotency-Key đã dùng cho một lô khác")
                    return
                reply = known[1]
                sim.count("batch replayed")
            else:
                items = data["data"]
                if len(items) > sim.faults.max_batch:
                    self._error(413, "Lô quá lớn", {"X-Max-Batch": str(sim.faults.max_batch)})
                    return
                if len(items) == 1 and item_size(items[0]) > MAX_ITEM_BYTES:
                    # A batch of one item over 1 MB: 413, that item can never go as it is.
                    self._error(413, "Hồ sơ quá lớn (tối đa 1 MB một hồ sơ)", {"X-Max-Batch": "1"})
                    return
                rejected = set(sim.faults.reject_procedures)
                # Each item encoded once, for its size and its hash.
                encoded = [canonical(i, plain=plain) if isinstance(i, dict) else b"" for i in items]
                problems = [
                    validate_item(i, madonvi, rejected, sim.store, e)
                    for i, e in zip(items, encoded, strict=True)
                ]
                reply = sim.store.store_batch(
                    key, body_hash, madonvi, items, problems, encoded, plain=plain
                )
                sim.count("batch stored")
        if fault == "drop" or (fault == "ok" and sim.random_drop()):
            self._drop()
            return
        if fault.startswith("slow:"):
            time.sleep(float(fault.split(":", 1)[1]))
        self._reply(200, reply)

    def _feed(self, query: dict[str, list[str]]) -> None:
        madonvi = (query.get("madonvi") or [""])[0]
        since_text = (query.get("since") or [""])[0]
        try:
            since = int(since_text) if since_text else 0
            limit = max(1, min(1000, int((query.get("limit") or ["200"])[0])))
        except ValueError:
            self._error(400, "Tham số since/limit không hợp lệ")
            return
        if self.sim.agencies and madonvi not in self.sim.agencies:
            self._error(403, f"Tài khoản không thuộc đơn vị {madonvi}")
            return
        changes, last, more = self.sim.store.changes_since(madonvi, since, limit)
        self._reply(200, {"error_code": 0, "changes": changes, "next": str(last), "more": more})

    # --- admin -----------------------------------------------------------------------

    def _admin_get(self, path: str) -> None:
        sim = self.sim
        if path == "/_admin/stats":
            with sim.state_lock:
                stats = dict(sim.stats)
            self._reply(200, {"error_code": 0, "stats": stats})
        elif path == "/_admin/dossiers":
            self._reply(200, {"error_code": 0, "dossiers": sim.store.latest()})
        elif path == "/_admin/log":
            self._reply(200, {"error_code": 0, "log": sim.store.revision_log()})
        elif path == "/_admin/faults":
            self._reply(200, {"error_code": 0, "faults": asdict(sim.faults)})
        else:
            self._error(404, "Không có đường dẫn này")

    def _admin_post(self, path: str, body: bytes) -> None:
        sim = self.sim
        try:
            data = json.loads(body or b"{}")
        except ValueError:
            self._error(400, "Không phải JSON")
            return
        try:
            if path == "/_admin/faults":
                with sim.state_lock:
                    sim.faults.update(data)
                    if "seed" in data:
                        sim.rng = random.Random(data["seed"])
                    faults = asdict(sim.faults)
                self._reply(200, {"error_code": 0, "faults": faults})
            elif path == "/_admin/changes":
                count = sim.store.add_changes(list(data["changes"]))
                self._reply(200, {"error_code": 0, "added": count})
            elif path == "/_admin/dossiers":
                sim.store.put_dossiers(list(data["data"]))
                self._reply(200, {"error_code": 0})
            elif path == "/_admin/server-id":
                # A new name for the same store: a province that restored a backup.
                server_id = sim.store.rename(str(data.get("server_id", "")))
                self._reply(200, {"error_code": 0, "server_id": server_id})
            elif path == "/_admin/expire-tokens":
                sim.expire_tokens()
                self._reply(200, {"error_code": 0})
            else:
                self._error(404, "Không có đường dẫn này")
        except (KeyError, TypeError, ValueError) as exc:
            self._error(400, f"Yêu cầu quản trị không hợp lệ: {exc}")
