"""The provincial sync as the desk's rules see it: what the province may answer for a
revision (ketqua) and what each answer means, what may need a person's attention and what
resolving it may do, and how a run can end.

The enums are ``StrEnum``: their values are the strings of the wire (PROVINCE_API.md §4)
and of the database (``sync_results.result``, ``sync_attention.kind``,
``sync_runs.outcome``), so a member compares, hashes and serialises as that string.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from enum import StrEnum
from typing import Any, NamedTuple

from desk.domain.calendar import OFFICE_TZ, to_office_time
from desk.domain.dossier import ApplicantKind, Channel
from desk.domain.status import Status


class SyncResult(StrEnum):
    """The province's answer (ketqua) for one revision of one dossier."""

    ACCEPTED = "accepted"  # stored: a new dossier or a higher revision
    DUPLICATE = "duplicate"  # this revision with identical content was stored before
    STALE = "stale"  # the province holds a higher revision
    CONFLICT = "conflict"  # the province holds this revision number with other content
    REJECTED = "rejected"  # invalid; the message says why

    @property
    def label(self) -> str:
        return _RESULT_LABELS[self]

    @property
    def is_final(self) -> bool:
        """Settles the revision it names: its outbox entry goes (if it still holds that
        revision), and the revision is never sent again. Every answer of the contract
        is final; a conflict or a rejection is final *and* shown to a person."""
        return self in FINAL_RESULTS

    @property
    def needs_attention(self) -> bool:
        return self in ATTENTION_RESULTS

    @property
    def default_reason(self) -> str:
        """The reason shown when the province gave no message."""
        return _DEFAULT_REASONS.get(self, "")


FINAL_RESULTS = frozenset(SyncResult)
ATTENTION_RESULTS = frozenset({SyncResult.CONFLICT, SyncResult.REJECTED})

_RESULT_LABELS: dict[SyncResult, str] = {
    SyncResult.ACCEPTED: "Tỉnh đã nhận",
    SyncResult.DUPLICATE: "Đã có (gửi lại an toàn)",
    SyncResult.STALE: "Tỉnh giữ bản mới hơn",
    SyncResult.CONFLICT: "Xung đột phiên bản",
    SyncResult.REJECTED: "Bị từ chối",
}

_DEFAULT_REASONS: dict[SyncResult, str] = {
    SyncResult.CONFLICT: "Tỉnh đã lưu phiên bản này với nội dung khác.",
    SyncResult.REJECTED: "Tỉnh không nhận hồ sơ (không nêu lý do).",
}


class AttentionKind(StrEnum):
    """Why an item is on the needs-attention list (docs/sync.md)."""

    REJECTED = "rejected"  # the province refused the revision
    CONFLICT = "conflict"  # the province holds this revision number with other content
    FEED_UNKNOWN = "feed_unknown"  # a province change for a dossier not at this desk
    FEED_ILLEGAL = "feed_illegal"  # a province change that is not a legal transition
    FEED_INVALID = "feed_invalid"  # a province change with an unreadable status
    FILE_MISSING = "file_missing"  # a scanned file is missing or corrupt here
    FILE_REFUSED = "file_refused"  # the province refused a scanned file
    PROVINCE_CHANGED = "province_changed"  # a province store the desk had not met
    SET_ASIDE = "set_aside"  # a supervisor set a stuck batch aside
    FEED_CLEANED = "feed_cleaned"  # a province change applied with its text cleaned or cut

    @property
    def label(self) -> str:
        return _KIND_LABELS[self]

    @property
    def resendable(self) -> bool:
        """Resolving may send the dossier again: a rejected one as it is, a conflicted one
        with a new revision. The other kinds can only be acknowledged."""
        return self in (AttentionKind.REJECTED, AttentionKind.CONFLICT, AttentionKind.SET_ASIDE)

    @classmethod
    def for_result(cls, result: SyncResult) -> AttentionKind:
        """The kind of item an answer that needs attention becomes."""
        if not result.needs_attention:
            raise ValueError(f"{result} needs no attention")
        return cls(result.value)


_KIND_LABELS: dict[AttentionKind, str] = {
    AttentionKind.CONFLICT: "Xung đột phiên bản",
    AttentionKind.REJECTED: "Tỉnh từ chối",
    AttentionKind.FEED_UNKNOWN: "Thay đổi từ tỉnh cho hồ sơ không có",
    AttentionKind.FEED_ILLEGAL: "Thay đổi từ tỉnh không hợp lệ",
    AttentionKind.FEED_INVALID: "Thay đổi từ tỉnh sai dữ liệu",
    AttentionKind.FILE_MISSING: "Thiếu tệp đính kèm",
    AttentionKind.FILE_REFUSED: "Tỉnh không nhận tệp",
    AttentionKind.PROVINCE_CHANGED: "Hệ thống tỉnh mới",
    AttentionKind.SET_ASIDE: "Lô bị để riêng",
    AttentionKind.FEED_CLEANED: "Thay đổi từ tỉnh đã được làm sạch",
}


class RunOutcome(StrEnum):
    """How a sync run ended (``running`` while it runs, or when it was killed)."""

    RUNNING = "running"
    OK = "ok"  # everything answered, nothing needs attention
    ATTENTION = "attention"  # finished; items need a supervisor
    OFFLINE = "offline"  # the province could not be reached: nothing lost, run again
    CONFIG = "config"  # bad settings, wrong password, account refused, untrusted cert
    FAILED = "failed"  # a bug, or a reply outside the contract
    CANCELLED = "cancelled"

    @property
    def label(self) -> str:
        return _OUTCOME_LABELS[self]

    @property
    def reached_province(self) -> bool:
        """The run talked with the province to the end (it is online)."""
        return self in (RunOutcome.OK, RunOutcome.ATTENTION)


_OUTCOME_LABELS: dict[RunOutcome, str] = {
    RunOutcome.OK: "Đồng bộ xong, tỉnh đã nhận tất cả.",
    RunOutcome.ATTENTION: "Đồng bộ xong; có mục cần người phụ trách xem xét.",
    RunOutcome.OFFLINE: "Không kết nối được máy chủ tỉnh. Dữ liệu không mất; hãy đồng bộ lại sau.",
    RunOutcome.CONFIG: "Cấu hình đồng bộ chưa đúng.",
    RunOutcome.FAILED: "Đồng bộ dừng vì lỗi phần mềm hoặc trả lời sai của máy chủ tỉnh.",
    RunOutcome.CANCELLED: "Đã hủy đồng bộ. Dữ liệu không mất; lần sau sẽ tiếp tục.",
    RunOutcome.RUNNING: "Đang đồng bộ.",
}


@dataclass(frozen=True, slots=True)
class AttentionItem:
    """One entry of the needs-attention list. Never deleted: resolving records who, when
    and what."""

    id: int
    kind: AttentionKind
    code: str  # MaHoSo ("?" when the province sent none)
    revision: int | None
    reason: str
    created_at: datetime
    dossier_id: int | None = None
    detail: dict[str, Any] = field(default_factory=dict)
    resolved_at: datetime | None = None
    resolved_by: str = ""
    resolution: str = ""

    @property
    def can_resend(self) -> bool:
        return self.kind.resendable and self.dossier_id is not None


@dataclass(frozen=True, slots=True)
class RunRecord:
    """A sync run as recorded (``report`` is ``SyncReport.to_dict()``)."""

    id: int
    started_at: datetime
    finished_at: datetime | None
    outcome: RunOutcome
    report: dict[str, Any]


# The office's offset as a fixed zone (how the store reads instants back), and the first
# year from which the zone's rules give it and nothing else.
_OFFICE_OFFSETS = frozenset({timezone(timedelta(hours=7))})
_FIXED_SINCE = 1976


def province_time(moment: datetime | None) -> str:
    """``yyyyMMddHHmmss`` in Vietnam time; "" when unknown."""
    if moment is None:
        return ""
    # Instants read from the store are in office time already, with its fixed offset (the
    # usual case: no zone arithmetic, not even the zone's offset looked up, for the years
    # since Vietnam has kept +07:00); the fields %-formatted cost about a third less than
    # strftime or an f-string's format specs, and an export formats several per dossier.
    zone = moment.tzinfo
    if (
        zone is not None
        and (zone not in _OFFICE_OFFSETS or moment.year < _FIXED_SINCE)
        and moment.utcoffset() != OFFICE_TZ.utcoffset(moment)
    ):
        moment = to_office_time(moment)
    return "%04d%02d%02d%02d%02d%02d" % (  # noqa: UP031
        moment.year,
        moment.month,
        moment.day,
        moment.hour,
        moment.minute,
        moment.second,
    )


class ProvinceRecord(NamedTuple):
    """What the province's item of a dossier is made of (PROVINCE_API.md §4), and nothing
    more: ``desk.sync.items.province_item`` is the one mapping to the item. It is made from
    a whole ``Dossier`` (``desk.sync.items.record_of``) or, for the sync push and the
    export, read straight from the rows (``desk.store.province_records``), which spares a
    million dossiers' domain objects. Its moments are the item's text already
    (``province_time``, "" when unknown): read from the rows, a stored instant repeats
    across dossiers and is converted once (docs/performance.md, issue 16)."""

    dossier_id: int
    code: str
    revision: int
    procedure_code: str
    procedure_name: str
    field_code: str
    field_name: str
    channel: Channel
    owner_name: str  # ChuHoSo: the dossier's owner when named, otherwise the applicant
    owner_id_number: str
    applicant_kind: ApplicantKind
    phone: str  # the applicant's
    email: str
    summary: str
    received_at: str
    due_at: str
    rescheduled_due_at: str  # "" when no apology letter gave a new one
    status: Status
    returned_at: str
    finished_at: str
    lead_unit: str
    note: str
    documents: Sequence[tuple[str, str, str]]  # (name, code, attachment's SHA-256 or "")
    fees: Sequence[tuple[str, int, str]]  # (name, amount, method)
    events: Sequence[tuple[str, str, str, str, Status]]  # (actor, title, at, note, to)
