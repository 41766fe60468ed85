"""The simulated province's own store: SQLite in DIR/province.sqlite (the latest revision
of each dossier, a log of every revision stored, the batches with their first reply, the
change feed) and the scanned files in DIR/files/; and the checks it makes of an item."""

from __future__ import annotations

import hashlib
import json
import re
import secrets
import sqlite3
import threading
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import orjson

from desk.domain.outbox import SyncResult

VN = ZoneInfo("Asia/Ho_Chi_Minh")
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


def canonical(item: Any, *, plain: bool = False) -> bytes:
    """The item's canonical bytes (keys sorted): its hash is the content's, whatever the
    order of its fields, and their length is its size as sent (the same characters).

    ``plain``: the item holds no float, NaN or infinity (``decode_body`` tells). For the
    rest of JSON (strings, integers, booleans, null, lists, objects) orjson writes the
    json module's very bytes about five times faster; what it refuses (an integer past 64
    bits, a lone surrogate, deep nesting) is written by the json module as before."""
    if plain:
        try:
            return orjson.dumps(item, option=orjson.OPT_SORT_KEYS)
        except TypeError:
            pass
    return json.dumps(item, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def decode_body(body: bytes) -> tuple[Any, bool]:
    """The body as the json module reads it, and whether it is ``plain``: no number with a
    fraction or an exponent, no NaN or infinity (the one part of JSON orjson writes
    otherwise than the json module). Raises ValueError when it is not JSON."""
    floats: list[str] = []

    def number(text: str) -> float:
        floats.append(text)
        return float(text)

    data = json.loads(body, parse_float=number, parse_constant=number)
    return data, not floats


def item_hash(item: dict[str, Any]) -> str:
    return hashlib.sha256(canonical(item)).hexdigest()


def dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


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
        # A test double: no fsync at all (a crash of the machine may lose its last batches,
        # which a real province would not), so that it weighs less in the desk's benches.
        self.db.execute("PRAGMA synchronous=OFF")
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
            CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
            """
        )
        # The store's name (PROVINCE_API §2): made once with the store, so it lives as long
        # as this directory does; a new empty simulator gets a new one.
        self.db.execute(
            "INSERT OR IGNORE INTO meta (key, value) VALUES ('server_id', ?)",
            (secrets.token_hex(8),),
        )

    @property
    def server_id(self) -> str:
        with self.lock:
            row = self.db.execute("SELECT value FROM meta WHERE key = 'server_id'").fetchone()
        return str(row[0])

    def rename(self, server_id: str = "") -> str:
        """A new name for the same store: what a province restoring a backup looks like."""
        new = server_id or secrets.token_hex(8)
        with self.lock:
            self.db.execute("UPDATE meta SET value = ? WHERE key = 'server_id'", (new,))
        return new

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
        problems: list[str],
        encoded: list[bytes],
        *,
        plain: bool = False,
    ) -> str:
        """Store the items that may be stored (no problem) and the reply in one
        transaction; return the reply. A problem is the item's rejection reason;
        ``encoded``: each item's ``canonical`` bytes (made once for its size and hash);
        ``plain``: as ``decode_body`` told (the reply is written as ``canonical``)."""
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
        for n, (item, problem) in enumerate(zip(items, problems, strict=True)):
            code = str(item.get("MaHoSo", "")) if isinstance(item, dict) else ""
            revision: Any = item.get("PhienBan") if isinstance(item, dict) else None
            verdict, message = SyncResult.REJECTED, problem
            if not problem:
                # Stored in its canonical form (keys sorted): the same content, encoded
                # once for its size, its hash and the store.
                text = encoded[n]
                content_hash = hashlib.sha256(text).hexdigest()
                held = current.get(code)
                if held is None or int(revision) > held[0]:
                    verdict, message = SyncResult.ACCEPTED, ""
                    current[code] = (int(revision), content_hash)
                    stores.append((code, madonvi, int(revision), content_hash, text.decode(), now))
                    log_rows.append((code, int(revision), content_hash, batch_id, now))
                elif int(revision) < held[0]:
                    verdict, message = SyncResult.STALE, f"Tỉnh đang giữ phiên bản {held[0]}."
                elif held[1] == content_hash:
                    verdict, message = SyncResult.DUPLICATE, ""
                else:
                    verdict = SyncResult.CONFLICT
                    message = f"Tỉnh đã có phiên bản {revision} với nội dung khác."
            results.append(
                {"MaHoSo": code, "PhienBan": revision, "ketqua": verdict.value, "message": message}
            )
        reply = canonical(
            {"error_code": 0, "batch_id": batch_id, "results": results}, plain=plain
        ).decode()
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
                        dumps(item),
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
                    "INSERT INTO changes (madonvi, change) VALUES (?, ?)", (madonvi, dumps(change))
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


MAX_ITEM_BYTES = 1024 * 1024  # one item at most 1 MB (PROVINCE_API §4)


STATUS_TEXTS = frozenset(str(n) for n in range(1, 11))


def item_size(item: Any) -> int:
    return len(dumps(item).encode("utf-8"))


def validate_item(
    item: Any,
    madonvi: str,
    rejected_procedures: set[str],
    store: SimulatorStore,
    encoded: bytes,
) -> str:
    """Why the province rejects one pushed item; "" when it may be stored. ``encoded``:
    its ``canonical`` bytes (their length is its size)."""
    if not isinstance(item, dict):
        return "Mục dữ liệu không phải đối tượng JSON."
    size = len(encoded)
    if size > MAX_ITEM_BYTES:
        return f"Hồ sơ quá lớn ({size} byte; tối đa 1 MB một hồ sơ)."
    missing = [name for name in REQUIRED_FIELDS if name not in item]
    if missing:
        return f"Thiếu trường: {', '.join(missing)}."
    code = item["MaHoSo"]
    if not isinstance(code, str) or not code.startswith(madonvi + "-"):
        return f"MaHoSo «{code}» không thuộc đơn vị {madonvi}."
    revision = item["PhienBan"]
    if not isinstance(revision, int) or isinstance(revision, bool) or revision < 1:
        return "PhienBan phải là số nguyên dương."
    if item["MaTTHC"] in rejected_procedures or not item["MaTTHC"]:
        return f"Mã thủ tục «{item['MaTTHC']}» không có trong danh mục của tỉnh."
    if item["TrangThaiHoSo"] not in STATUS_TEXTS:
        return f"TrangThaiHoSo «{item['TrangThaiHoSo']}» không hợp lệ."
    if item["KenhThucHien"] not in ("1", "2", "3"):
        return f"KenhThucHien «{item['KenhThucHien']}» không hợp lệ."
    if item["LoaiDoiTuong"] not in ("1", "2", "3", "4"):
        return f"LoaiDoiTuong «{item['LoaiDoiTuong']}» không hợp lệ."
    for name in ("NgayTiepNhan", "NgayHenTra", "NgayTra", "NgayKetThucXuLy"):
        if not isinstance(item[name], str) or not TIMESTAMP.match(item[name]):
            return f"{name} phải có dạng yyyyMMddHHmmss."
    for name in ("TaiLieuNop", "DanhSachLePhi", "TienDo"):
        if not isinstance(item[name], list):
            return f"{name} phải là danh sách."
    for document in item["TaiLieuNop"]:
        sha = document.get("TepDinhKemId", "") if isinstance(document, dict) else None
        if sha is None:
            return "TaiLieuNop có mục không hợp lệ."
        if sha and not store.has_file(sha):
            return f"Tỉnh chưa có tệp đính kèm {sha[:12]}… (tải tệp trước hồ sơ)."
    for fee in item["DanhSachLePhi"]:
        if not isinstance(fee, dict) or not isinstance(fee.get("Gia"), int):
            return "DanhSachLePhi: Gia phải là số nguyên (VND)."
    return ""
