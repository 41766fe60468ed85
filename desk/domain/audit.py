"""The office's tamper-evident log: what an entry holds and how entries are chained.

Every change (and every read of a citizen's record) is one entry. Each entry's hash is the
SHA-256 of the previous entry's hash and of its own content in one canonical JSON form,
so removing, editing, inserting or reordering an entry breaks every hash after it. The
newest hash (the chain's head) is printed at the foot of the end-of-day book: once the
paper is signed, a rewrite of the log before it shows.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from enum import Enum
from typing import TYPE_CHECKING, Any

import orjson

if TYPE_CHECKING:
    from desk.domain.office import User

GENESIS = "0" * 64  # the "previous hash" of the first entry


class AuditAction(Enum):
    """What an entry records; the value is stored, the label is what an inspector reads."""

    DOSSIER_RECEIVED = "dossier.received"
    DOSSIER_CHANGED = "dossier.changed"
    DOSSIER_VIEWED = "dossier.viewed"
    DOSSIER_PRINTED = "dossier.printed"
    DOSSIERS_EXPORTED = "dossiers.exported"
    BOOK_PRINTED = "book.printed"
    RECORDS_ADOPTED = "records.adopted"  # what the database held when the log began
    ACCOUNT_CREATED = "account.created"
    ACCOUNT_CHANGED = "account.changed"
    PASSWORD_CHANGED = "account.password"
    SIGNED_IN = "auth.signed_in"
    SIGN_IN_FAILED = "auth.failed"
    OFFICE_SET_UP = "office.set_up"
    CATALOGUE_IMPORTED = "catalogue.imported"
    CALENDAR_CHANGED = "calendar.changed"
    ATTENTION_RESOLVED = "attention.resolved"
    SYNC_RUN = "sync.run"
    LETTER_ISSUED = "letter.issued"
    SYNC_PROVINCE_CHANGED = "sync.province_changed"
    SYNC_LOCK_TAKEN_OVER = "sync.lock_taken_over"
    SYNC_BATCH_SET_ASIDE = "sync.batch_set_aside"
    BACKUP_TAKEN = "backup.taken"
    BACKUP_RESTORED = "backup.restored"
    BACKUP_KEY_SET = "backup.key_set"
    REPORT_WRITTEN = "report.written"

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    AuditAction.DOSSIER_RECEIVED: "Tiếp nhận hồ sơ",
    AuditAction.DOSSIER_CHANGED: "Thay đổi hồ sơ",
    AuditAction.DOSSIER_VIEWED: "Mở xem hồ sơ",
    AuditAction.DOSSIER_PRINTED: "In giấy tờ của hồ sơ",
    AuditAction.DOSSIERS_EXPORTED: "Xuất dữ liệu hồ sơ",
    AuditAction.BOOK_PRINTED: "In sổ theo dõi",
    AuditAction.REPORT_WRITTEN: "Lập báo cáo số liệu",
    AuditAction.RECORDS_ADOPTED: "Ghi nhận dữ liệu có sẵn khi bắt đầu nhật ký",
    AuditAction.ACCOUNT_CREATED: "Tạo tài khoản",
    AuditAction.ACCOUNT_CHANGED: "Sửa tài khoản",
    AuditAction.PASSWORD_CHANGED: "Đổi mật khẩu",
    AuditAction.SIGNED_IN: "Đăng nhập",
    AuditAction.SIGN_IN_FAILED: "Đăng nhập sai",
    AuditAction.OFFICE_SET_UP: "Thiết lập cơ quan",
    AuditAction.CATALOGUE_IMPORTED: "Nạp danh mục thủ tục",
    AuditAction.CALENDAR_CHANGED: "Điều chỉnh lịch làm việc",
    AuditAction.ATTENTION_RESOLVED: "Xử lý mục cần xem xét",
    AuditAction.SYNC_RUN: "Đồng bộ với tỉnh",
    AuditAction.LETTER_ISSUED: "Cấp số văn bản",
    AuditAction.SYNC_PROVINCE_CHANGED: "Gặp hệ thống tỉnh mới: gửi lại mọi hồ sơ",
    AuditAction.SYNC_LOCK_TAKEN_OVER: "Tiếp quản lượt đồng bộ bị bỏ dở",
    AuditAction.SYNC_BATCH_SET_ASIDE: "Để riêng một lô đồng bộ bị kẹt",
    AuditAction.BACKUP_TAKEN: "Sao lưu dữ liệu",
    AuditAction.BACKUP_RESTORED: "Khôi phục dữ liệu từ bản sao lưu",
    AuditAction.BACKUP_KEY_SET: "Đặt cụm mật khẩu sao lưu",
}


@dataclass(frozen=True, slots=True)
class AuditEntry:
    """One entry of the log as stored: ``hash`` chains it to ``prev_hash``."""

    seq: int
    at: datetime
    actor_user_id: int | None
    actor_name: str
    action: str
    subject: str  # a dossier code, a user name, a day …: what the entry is about
    detail: dict[str, Any] = field(default_factory=dict)
    prev_hash: str = GENESIS
    hash: str = ""

    def content(self) -> dict[str, Any]:
        """What the hash covers besides the previous hash: everything but the hash."""
        return {
            "seq": self.seq,
            "at": self.at,
            "actor_user_id": self.actor_user_id,
            "actor_name": self.actor_name,
            "action": self.action,
            "subject": self.subject,
            "detail": self.detail,
        }

    def expected_hash(self) -> str:
        return chain_hash(self.prev_hash, self.content())

    @property
    def action_label(self) -> str:
        try:
            return AuditAction(self.action).label
        except ValueError:
            return self.action


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        offset = value.utcoffset()
        if offset is None:
            raise ValueError("naive datetime in an audit entry")
        # UTC, "YYYY-MM-DDTHH:MM:SS.ffffffZ": computed without astimezone(), which a
        # check of a million dossiers would call millions of times.
        utc = value.replace(tzinfo=None) - offset
        return utc.isoformat(timespec="microseconds") + "Z"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (bytes, bytearray)):
        return value.hex()
    raise TypeError(f"{type(value).__name__} is not canonical JSON")


def canonical(value: Any) -> bytes:
    """One byte form for a value: sorted keys, no spaces, UTF-8, instants in UTC.

    Written by orjson when the value holds only what orjson writes as ``json`` does (a
    receive makes four of these, ~10 µs each with ``json``, under 1 µs with orjson);
    anything else (floats, which orjson writes otherwise: 1e-05, NaN; other types; keys
    that are not plain text) by ``json``, which also raises as it always did."""
    if _orjson_writes_it(value):
        try:
            return orjson.dumps(value, default=_plain, option=_ORJSON)
        except orjson.JSONEncodeError:  # a key not plain text, an int past 64 bits …
            pass
    return json.dumps(
        value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=_plain
    ).encode("utf-8")


# Instants and days go to ``_plain`` (orjson would write its own form); keys sorted as
# ``sort_keys`` sorts them (by code point: UTF-8's byte order is the same).
_ORJSON = orjson.OPT_SORT_KEYS | orjson.OPT_PASSTHROUGH_DATETIME
# The exact types whose JSON orjson writes byte for byte as ``json`` (instants by
# ``_plain``), and the containers it walks. ``float`` is not among them.
_SAME_LEAVES = frozenset({str, int, bool, type(None), datetime, date})
_CONTAINERS = frozenset({dict, list, tuple})
_SAME = _SAME_LEAVES | _CONTAINERS


def _orjson_writes_it(value: Any) -> bool:
    """Every value inside ``value`` is of ``_SAME`` or an enum of ints or texts (written
    as their value by both). Each container's types are gathered at C speed."""
    if type(value) not in _CONTAINERS:
        return _same_leaf(type(value))
    pending = [value]
    for item in pending:  # grows as containers are found inside
        items = item.values() if type(item) is dict else item
        kinds = set(map(type, items))
        if kinds <= _SAME_LEAVES:
            continue
        others = kinds - _SAME
        if others and not all(map(_same_leaf, others)):
            return False
        if kinds <= _CONTAINERS:
            pending.extend(items)
        elif kinds & _CONTAINERS:
            pending.extend([i for i in items if type(i) in _CONTAINERS])
    return True


def _same_leaf(kind: type) -> bool:
    same = _LEAF_KINDS.get(kind)
    if same is None:
        same = _LEAF_KINDS[kind] = kind in _SAME_LEAVES or (
            issubclass(kind, Enum) and issubclass(kind, (int, str))
        )
    return same


_LEAF_KINDS: dict[type, bool] = {}  # each kind judged once (the statuses' enum, say)


def digest(value: Any) -> str:
    """The SHA-256 of a value's canonical form (records compared against the log)."""
    return hashlib.sha256(canonical(value)).hexdigest()


def chain_hash(prev_hash: str, content: dict[str, Any]) -> str:
    return hashlib.sha256(prev_hash.encode("ascii") + canonical(content)).hexdigest()


def chained(entries: list[AuditEntry], prev_hash: str, first_seq: int) -> list[AuditEntry]:
    """The entries numbered from ``first_seq`` and chained after ``prev_hash``."""
    result = []
    for offset, entry in enumerate(entries):
        seq = first_seq + offset
        # The content with its number, hashed before the one copy is made (a dataclass
        # copy costs microseconds: every change of a dossier appends an entry).
        content = entry.content()
        content["seq"] = seq
        hashed = chain_hash(prev_hash, content)
        result.append(replace(entry, seq=seq, prev_hash=prev_hash, hash=hashed))
        prev_hash = hashed
    return result


@dataclass(frozen=True, slots=True)
class ChainBreak:
    """The first entry whose hash or link does not hold."""

    seq: int
    reason: str


def first_break(entries: list[AuditEntry], prev_hash: str, expected_seq: int) -> ChainBreak | None:
    """Check a run of entries in order after ``prev_hash``; the first that does not hold."""
    for entry in entries:
        if entry.seq != expected_seq:
            return ChainBreak(
                expected_seq,
                f"mục số {expected_seq} bị thiếu hoặc sai thứ tự (gặp mục số {entry.seq})",
            )
        if entry.prev_hash != prev_hash:
            return ChainBreak(entry.seq, f"mục số {entry.seq} không nối với mục trước nó")
        if entry.expected_hash() != entry.hash:
            return ChainBreak(entry.seq, f"nội dung mục số {entry.seq} đã bị sửa")
        prev_hash = entry.hash
        expected_seq += 1
    return None


# What a dossier's entry vouches for, as an inspector reads it.
DIGEST_LABELS = {
    "state": "thông tin hồ sơ",
    "content": "người, giấy tờ, lệ phí ghi trên hồ sơ",
    "history": "lịch sử trạng thái",
}


@dataclass(frozen=True, slots=True)
class AuditReport:
    """What ``desk audit verify`` found: ``problems`` are the first lines that do not hold
    (the chain's first break first), ``problem_count`` how many there were in all."""

    entries: int
    dossiers: int
    accounts: int
    head_seq: int
    head_hash: str
    seconds: float
    problems: list[str] = field(default_factory=list)
    problem_count: int = 0
    chain_break: ChainBreak | None = None

    @property
    def ok(self) -> bool:
        return self.problem_count == 0 and self.chain_break is None

    def summary(self) -> str:
        if self.ok:
            return (
                f"Nhật ký nguyên vẹn: {self.entries} mục, {self.dossiers} hồ sơ, "
                f"{self.accounts} tài khoản khớp."
            )
        return (
            f"Nhật ký KHÔNG nguyên vẹn: {self.problem_count} vấn đề "
            f"(đã kiểm {self.entries} mục, {self.dossiers} hồ sơ, {self.accounts} tài khoản)."
        )


def digest_mismatch(logged: dict[str, Any], current: dict[str, str]) -> list[str]:
    """The labels of what differs between an entry's digests and the records' ones."""
    return [label for key, label in DIGEST_LABELS.items() if logged.get(key) != current[key]]


def entry(
    action: AuditAction,
    subject: str,
    *,
    at: datetime,
    actor: User | None = None,
    actor_name: str = "",
    actor_user_id: int | None = None,
    detail: dict[str, Any] | None = None,
) -> AuditEntry:
    """An entry to append (numbered and chained by ``append``). ``actor`` is the account
    that acted; without one, ``actor_name`` says who (the province, the desk itself)."""
    return AuditEntry(
        seq=0,
        at=at,
        actor_user_id=actor.id if actor else actor_user_id,
        actor_name=actor.full_name if actor else actor_name,
        action=action.value,
        subject=subject[:200],
        detail=dict(detail or {}),
    )


ACCOUNT_SUBJECT_PREFIX = "user:"


def account_subject(username: str) -> str:
    return f"{ACCOUNT_SUBJECT_PREFIX}{username}"
