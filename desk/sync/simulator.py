"""A province server for training and tests: ``desk province-sim --port P --data DIR``.

It implements PROVINCE_API.md with its own persistent store (SQLite and a files folder
in DIR) and can misbehave on purpose: random 5xx, replies dropped after storing, latency,
a small X-Max-Batch, bursts of 429, short-lived tokens, refused procedure codes, and a
schedule of faults for the next pushes (deterministic tests).

Admin endpoints (no authentication; the server listens on loopback):

- ``GET /_admin/stats``: request counters.
- ``GET /_admin/dossiers``: the latest stored revision of every dossier (with its item).
- ``GET /_admin/log``: every storing of a revision, in order ``[MaHoSo, PhienBan, hash]``.
- ``POST /_admin/faults``: change the fault settings (partial JSON object), returns them.
- ``POST /_admin/changes``: ``{"changes": [...]}`` province-side changes for the feed.
- ``POST /_admin/dossiers``: ``{"data": [item, ...]}`` store items as if the province had
  them (to provoke conflicts and stale answers).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import random
import re
import secrets
import socket
import sqlite3
import ssl
import threading
import time
from dataclasses import asdict, dataclass, field
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

log = logging.getLogger(__name__)

VN = ZoneInfo("Asia/Ho_Chi_Minh")
SERVICE = "DongBoHoSoMC"
MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_BODY_BYTES = 10 * 1024 * 1024
SHA256 = re.compile(r"^[0-9a-f]{64}$")
TIMESTAMP = re.compile(r"^(\d{14})?$")

REQUIRED_FIELDS = (
    "MaHoSo",
    "PhienBan",
    "MaTTHC",
    "TenTTHC",
    "MaLinhVuc",
    "TenLinhVuc",
    "KenhThucHien",
    "ChuHoSo",
    "LoaiDoiTuong",
    "SoGiayToChuHoSo",
    "SoDienThoai",
    "Email",
    "TrichYeuHoSo",
    "NgayTiepNhan",
    "NgayHenTra",
    "TrangThaiHoSo",
    "NgayTra",
    "NgayKetThucXuLy",
    "DonViXuLy",
    "GhiChu",
    "TaiLieuNop",
    "DanhSachLePhi",
    "TienDo",
)


def province_now() -> str:
    return datetime.now(VN).strftime("%Y%m%d%H%M%S")


def item_hash(item: dict[str, Any]) -> str:
    canonical = json.dumps(item, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


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

    def update(self, changes: dict[str, Any]) -> None:
        for key, value in changes.items():
            if not hasattr(self, key):
                raise ValueError(f"unknown fault setting {key!r}")
            setattr(self, key, value)


class SimulatorStore:
    """The province's side: SQLite in DIR/province.sqlite, files in DIR/files/."""

    def __init__(self, directory: Path):
        self.directory = directory
        self.files = directory / "files"
        self.files.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(
            directory / "province.sqlite", check_same_thread=False, isolation_level=None
        )
        self.lock = threading.RLock()
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.executescript(
            """
            CREATE TABLE IF NOT EXISTS dossiers (
                ma_ho_so TEXT PRIMARY KEY, madonvi TEXT NOT NULL, phien_ban INTEGER NOT NULL,
                content_hash TEXT NOT NULL, item TEXT NOT NULL, stored_at TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS revisions (
                id INTEGER PRIMARY KEY AUTOINCREMENT, ma_ho_so TEXT NOT NULL,
                phien_ban INTEGER NOT NULL, content_hash TEXT NOT NULL, batch_id TEXT NOT NULL,
                stored_at TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS batches (
                batch_id TEXT PRIMARY KEY, body_hash TEXT NOT NULL, reply TEXT NOT NULL,
                created_at TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS changes (
                seq INTEGER PRIMARY KEY AUTOINCREMENT, madonvi TEXT NOT NULL,
                change TEXT NOT NULL);
            """
        )

    def close(self) -> None:
        with self.lock:
            self.db.close()

    # --- pushes ----------------------------------------------------------------------

    def known_batch(self, batch_id: str) -> tuple[str, str] | None:
        row = self.db.execute(
            "SELECT body_hash, reply FROM batches WHERE batch_id = ?", (batch_id,)
        ).fetchone()
        return (row[0], row[1]) if row else None

    def store_batch(
        self,
        batch_id: str,
        body_hash: str,
        madonvi: str,
        items: list[dict[str, Any]],
        verdicts: list[tuple[str, str]],
    ) -> str:
        """Store the accepted items and the reply in one transaction; return the reply."""
        now = province_now()
        results = []
        current: dict[str, tuple[int, str]] = {}
        codes = list({str(i.get("MaHoSo", "")) for i in items if isinstance(i, dict)})
        for start in range(0, len(codes), 500):
            chunk = codes[start : start + 500]
            marks = ",".join("?" * len(chunk))
            for held_code, held_revision, held_hash in self.db.execute(
                "SELECT ma_ho_so, phien_ban, content_hash FROM dossiers "
                f"WHERE ma_ho_so IN ({marks})",
                chunk,
            ):
                current[held_code] = (int(held_revision), held_hash)
        stores: list[tuple[Any, ...]] = []
        log_rows: list[tuple[Any, ...]] = []
        for item, (verdict, message) in zip(items, verdicts, strict=True):
            code = str(item.get("MaHoSo", "")) if isinstance(item, dict) else ""
            revision: Any = item.get("PhienBan") if isinstance(item, dict) else None
            if verdict == "ok":
                content_hash = item_hash(item)
                held = current.get(code)
                if held is None or int(revision) > held[0]:
                    verdict, message = "accepted", ""
                    current[code] = (int(revision), content_hash)
                    stores.append((code, madonvi, int(revision), content_hash, _dumps(item), now))
                    log_rows.append((code, int(revision), content_hash, batch_id, now))
                elif int(revision) < held[0]:
                    verdict, message = "stale", f"Tỉnh đang giữ phiên bản {held[0]}."
                elif held[1] == content_hash:
                    verdict, message = "duplicate", ""
                else:
                    verdict = "conflict"
                    message = f"Tỉnh đã có phiên bản {revision} với nội dung khác."
            results.append(
                {"MaHoSo": code, "PhienBan": revision, "ketqua": verdict, "message": message}
            )
        reply = _dumps({"error_code": 0, "batch_id": batch_id, "results": results})
        self.db.execute("BEGIN IMMEDIATE")
        try:
            self.db.executemany(
                "INSERT INTO dossiers (ma_ho_so, madonvi, phien_ban, content_hash, item, "
                "stored_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (ma_ho_so) DO UPDATE SET "
                "phien_ban = excluded.phien_ban, content_hash = excluded.content_hash, "
                "item = excluded.item, stored_at = excluded.stored_at",
                stores,
            )
            self.db.executemany(
                "INSERT INTO revisions (ma_ho_so, phien_ban, content_hash, batch_id, stored_at) "
                "VALUES (?, ?, ?, ?, ?)",
                log_rows,
            )
            self.db.execute(
                "INSERT INTO batches (batch_id, body_hash, reply, created_at) VALUES (?, ?, ?, ?)",
                (batch_id, body_hash, reply, now),
            )
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        return reply

    def put_dossiers(self, items: list[dict[str, Any]]) -> None:
        """Store items as the province's own copy (admin; to provoke conflicts)."""
        now = province_now()
        with self.lock:
            self.db.execute("BEGIN IMMEDIATE")
            for item in items:
                code = str(item["MaHoSo"])
                self.db.execute(
                    "INSERT INTO dossiers (ma_ho_so, madonvi, phien_ban, content_hash, item, "
                    "stored_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (ma_ho_so) DO UPDATE SET "
                    "phien_ban = excluded.phien_ban, content_hash = excluded.content_hash, "
                    "item = excluded.item, stored_at = excluded.stored_at",
                    (
                        code,
                        code.split("-")[0],
                        int(item["PhienBan"]),
                        item_hash(item),
                        _dumps(item),
                        now,
                    ),
                )
            self.db.execute("COMMIT")

    def latest(self) -> dict[str, dict[str, Any]]:
        with self.lock:
            rows = self.db.execute(
                "SELECT ma_ho_so, phien_ban, content_hash, item FROM dossiers ORDER BY ma_ho_so"
            ).fetchall()
        return {
            code: {"PhienBan": revision, "hash": content_hash, "item": json.loads(item)}
            for code, revision, content_hash, item in rows
        }

    def revision_log(self) -> list[tuple[str, int, str]]:
        with self.lock:
            rows = self.db.execute(
                "SELECT ma_ho_so, phien_ban, content_hash FROM revisions ORDER BY id"
            ).fetchall()
        return [(str(c), int(r), str(h)) for c, r, h in rows]

    # --- files -----------------------------------------------------------------------

    def has_file(self, sha256: str) -> bool:
        return (self.files / sha256).exists()

    def put_file(self, sha256: str, content: bytes) -> bool:
        """True when newly stored, False when it was there already."""
        path = self.files / sha256
        if path.exists():
            return False
        temporary = path.with_name(f"{sha256}.{secrets.token_hex(4)}.part")
        temporary.write_bytes(content)
        temporary.replace(path)
        return True

    # --- the change feed -------------------------------------------------------------

    def add_changes(self, changes: list[dict[str, Any]]) -> int:
        with self.lock:
            self.db.execute("BEGIN IMMEDIATE")
            for change in changes:
                change = dict(change)
                change.setdefault("ThoiDiem", province_now())
                madonvi = str(change.get("madonvi") or str(change["MaHoSo"]).split("-")[0])
                change.pop("madonvi", None)
                self.db.execute(
                    "INSERT INTO changes (madonvi, change) VALUES (?, ?)", (madonvi, _dumps(change))
                )
            self.db.execute("COMMIT")
        return len(changes)

    def changes_since(self, madonvi: str, since: int, limit: int) -> tuple[list[dict], int, bool]:
        with self.lock:
            rows = self.db.execute(
                "SELECT seq, change FROM changes WHERE madonvi = ? AND seq > ? ORDER BY seq "
                "LIMIT ?",
                (madonvi, since, limit + 1),
            ).fetchall()
        more = len(rows) > limit
        rows = rows[:limit]
        last = int(rows[-1][0]) if rows else since
        return [json.loads(r[1]) for r in rows], last, more


def _dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def validate_item(item: Any, madonvi: str, rejected_procedures: set[str], store: SimulatorStore):
    """("ok", "") or ("rejected", why) for one pushed item."""
    if not isinstance(item, dict):
        return "rejected", "Mục dữ liệu không phải đối tượng JSON."
    missing = [name for name in REQUIRED_FIELDS if name not in item]
    if missing:
        return "rejected", f"Thiếu trường: {', '.join(missing)}."
    code = item["MaHoSo"]
    if not isinstance(code, str) or not code.startswith(madonvi + "-"):
        return "rejected", f"MaHoSo «{code}» không thuộc đơn vị {madonvi}."
    revision = item["PhienBan"]
    if not isinstance(revision, int) or isinstance(revision, bool) or revision < 1:
        return "rejected", "PhienBan phải là số nguyên dương."
    if item["MaTTHC"] in rejected_procedures or not item["MaTTHC"]:
        return "rejected", f"Mã thủ tục «{item['MaTTHC']}» không có trong danh mục của tỉnh."
    if item["TrangThaiHoSo"] not in {str(n) for n in range(1, 11)}:
        return "rejected", f"TrangThaiHoSo «{item['TrangThaiHoSo']}» không hợp lệ."
    if item["KenhThucHien"] not in ("1", "2", "3"):
        return "rejected", f"KenhThucHien «{item['KenhThucHien']}» không hợp lệ."
    if item["LoaiDoiTuong"] not in ("1", "2", "3", "4"):
        return "rejected", f"LoaiDoiTuong «{item['LoaiDoiTuong']}» không hợp lệ."
    for name in ("NgayTiepNhan", "NgayHenTra", "NgayTra", "NgayKetThucXuLy"):
        if not isinstance(item[name], str) or not TIMESTAMP.match(item[name]):
            return "rejected", f"{name} phải có dạng yyyyMMddHHmmss."
    for name in ("TaiLieuNop", "DanhSachLePhi", "TienDo"):
        if not isinstance(item[name], list):
            return "rejected", f"{name} phải là danh sách."
    for document in item["TaiLieuNop"]:
        sha = document.get("TepDinhKemId", "") if isinstance(document, dict) else None
        if sha is None:
            return "rejected", "TaiLieuNop có mục không hợp lệ."
        if sha and not store.has_file(sha):
            return "rejected", f"Tỉnh chưa có tệp đính kèm {sha[:12]}… (tải tệp trước hồ sơ)."
    for fee in item["DanhSachLePhi"]:
        if not isinstance(fee, dict) or not isinstance(fee.get("Gia"), int):
            return "rejected", "DanhSachLePhi: Gia phải là số nguyên (VND)."
    return "ok", ""


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
        handler = type("Handler", (_Handler,), {"sim": self})
        self.server = ThreadingHTTPServer((host, port), handler)
        self.server.daemon_threads = True
        self.scheme = "http"
        if tls is not None:
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(tls[0], tls[1])
            self.server.socket = context.wrap_socket(self.server.socket, server_side=True)
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


class _Handler(BaseHTTPRequestHandler):
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
            body = (data if isinstance(data, str) else _dumps(data)).encode("utf-8")
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
            # Too big to read: answer and close (the rest of the body is not read).
            self.close_connection = True
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
            self._reply(200, {"error_code": 0, "server_time": province_now()})
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
            data = json.loads(body)
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
                rejected = set(sim.faults.reject_procedures)
                verdicts = [validate_item(i, madonvi, rejected, sim.store) for i in items]
                reply = sim.store.store_batch(key, body_hash, madonvi, items, verdicts)
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
            elif path == "/_admin/expire-tokens":
                sim.expire_tokens()
                self._reply(200, {"error_code": 0})
            else:
                self._error(404, "Không có đường dẫn này")
        except (KeyError, TypeError, ValueError) as exc:
            self._error(400, f"Yêu cầu quản trị không hợp lệ: {exc}")
