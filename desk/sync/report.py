"""What a sync run tells the people watching it: progress while it runs, a report after."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

from desk.domain.outbox import AttentionItem, RunOutcome, SyncResult

ATTENTION_LINES = 20  # listed in the report; the rest are in the needs-attention list


class SyncPhase(StrEnum):
    """The steps of a run, in order (PROVINCE_API.md "The order of one sync run")."""

    CONNECT = "connect"
    PULL = "pull"
    FILES = "files"
    PUSH = "push"
    PULL_AGAIN = "pull_again"
    DONE = "done"

    @property
    def label(self) -> str:
        return _PHASE_LABELS[self]


_PHASE_LABELS: dict[SyncPhase, str] = {
    SyncPhase.CONNECT: "Kiểm tra kết nối",
    SyncPhase.PULL: "Nhận thay đổi từ tỉnh",
    SyncPhase.FILES: "Tải tệp đính kèm",
    SyncPhase.PUSH: "Gửi hồ sơ",
    SyncPhase.PULL_AGAIN: "Nhận thay đổi từ tỉnh (lần 2)",
    SyncPhase.DONE: "Hoàn tất",
}

# The exit codes of ``desk sync`` (docs/sync.md).
OUTCOME_EXIT: dict[RunOutcome, int] = {
    RunOutcome.OK: 0,
    RunOutcome.ATTENTION: 3,
    RunOutcome.OFFLINE: 4,
    RunOutcome.CONFIG: 2,
    RunOutcome.FAILED: 1,
    RunOutcome.CANCELLED: 130,
}


@dataclass(frozen=True, slots=True)
class SyncProgress:
    """Where a run is. ``retry`` > 0: the last request failed (``problem``: a status such
    as "503", or the connection error's name) and is tried again, the ``retry``-th time
    of at most ``retries``, after waiting ``wait_s`` seconds."""

    phase: SyncPhase
    done: int = 0
    total: int = 0
    message: str = ""
    retry: int = 0
    retries: int = 0
    wait_s: float = 0.0
    problem: str = ""

    @property
    def label(self) -> str:
        return self.phase.label

    @property
    def problem_label(self) -> str:
        """What failed before a retry, in words: «lỗi 503», «mất kết nối» …"""
        if self.problem.isdigit():
            return _PROBLEM_LABELS.get(self.problem, f"lỗi {self.problem}")
        for name, label in _PROBLEM_LABELS.items():
            if name in self.problem:
                return label
        return self.problem


# The connector names a failure by its status or its exception's class (ProvinceConnector).
_PROBLEM_LABELS: dict[str, str] = {
    "429": "tỉnh yêu cầu chờ (429)",
    "Timeout": "quá thời gian chờ",
    "ConnectionError": "mất kết nối",
    "ChunkedEncodingError": "kết nối bị cắt giữa chừng",
    "SSLError": "kết nối bị cắt giữa chừng",
}


@dataclass
class SyncReport:
    started_at: datetime
    finished_at: datetime | None = None
    outcome: RunOutcome = RunOutcome.RUNNING
    message: str = ""
    counts: dict[SyncResult, int] = field(default_factory=lambda: dict.fromkeys(SyncResult, 0))
    batches_sent: int = 0
    batches_resumed: int = 0  # written by an earlier run, resent with the same key
    items_sent: int = 0
    files_uploaded: int = 0
    files_present: int = 0
    changes_applied: int = 0
    changes_skipped: int = 0
    edited_in_flight: list[str] = field(default_factory=list)
    attention: list[AttentionItem] = field(default_factory=list)  # new in this run
    open_attention: int = 0
    pending: int = 0  # dossiers still queued at the end
    duration_s: float = 0.0
    network_s: float = 0.0  # inside HTTP calls: the server's share and the wire's
    waited_s: float = 0.0  # backoff and Retry-After
    retries: int = 0
    run_id: int | None = None
    new_province: str = ""  # a province store the desk had not met: what it did about it
    lock_taken_over: str = ""  # whose abandoned run's lock this run took over

    @property
    def desk_s(self) -> float:
        return max(0.0, self.duration_s - self.network_s - self.waited_s)

    @property
    def exit_code(self) -> int:
        return OUTCOME_EXIT.get(self.outcome, 1)

    def to_dict(self) -> dict[str, Any]:
        return {
            "started_at": self.started_at.isoformat(),
            "finished_at": self.finished_at.isoformat() if self.finished_at else None,
            "outcome": self.outcome.value,
            "message": self.message,
            "counts": {result.value: count for result, count in self.counts.items()},
            "batches_sent": self.batches_sent,
            "batches_resumed": self.batches_resumed,
            "items_sent": self.items_sent,
            "files_uploaded": self.files_uploaded,
            "files_present": self.files_present,
            "changes_applied": self.changes_applied,
            "changes_skipped": self.changes_skipped,
            "edited_in_flight": list(self.edited_in_flight),
            "attention": [
                {
                    "id": a.id,
                    "kind": a.kind.value,
                    "code": a.code,
                    "revision": a.revision,
                    "reason": a.reason,
                }
                for a in self.attention
            ],
            "open_attention": self.open_attention,
            "pending": self.pending,
            "duration_s": round(self.duration_s, 3),
            "network_s": round(self.network_s, 3),
            "waited_s": round(self.waited_s, 3),
            "retries": self.retries,
            "new_province": self.new_province,
            "lock_taken_over": self.lock_taken_over,
        }

    def lines(self) -> list[str]:
        """The report in Vietnamese, one line each, for the command line and the panel."""
        out = [self.outcome.label]
        if self.message:
            out.append(f"Chi tiết: {self.message}")
        if self.new_province:
            out.append(f"Hệ thống tỉnh mới: {self.new_province}")
        if self.lock_taken_over:
            out.append(f"Lưu ý: {self.lock_taken_over}.")
        out.append(
            f"Đã gửi {self.items_sent} hồ sơ trong {self.batches_sent} lô"
            + (f" ({self.batches_resumed} lô gửi lại từ lần trước)" if self.batches_resumed else "")
            + f"; thời gian {self.duration_s:.1f} giây."
        )
        for result in SyncResult:
            out.append(f"  {result.label}: {self.counts.get(result, 0)}")
        if self.files_uploaded or self.files_present:
            out.append(
                f"Tệp đính kèm: tải lên {self.files_uploaded}, tỉnh đã có {self.files_present}."
            )
        if self.changes_applied or self.changes_skipped:
            out.append(
                f"Thay đổi từ tỉnh: áp dụng {self.changes_applied}, "
                f"không áp dụng {self.changes_skipped}."
            )
        if self.edited_in_flight:
            out.append(
                f"{len(self.edited_in_flight)} hồ sơ được sửa trong lúc gửi, sẽ gửi lại bản mới."
            )
        if self.attention:
            out.append("Mục mới cần xem xét:")
            for item in self.attention[:ATTENTION_LINES]:
                revision = f" (phiên bản {item.revision})" if item.revision else ""
                out.append(f"  [{item.kind.label}] {item.code}{revision}: {item.reason}")
            if len(self.attention) > ATTENTION_LINES:
                out.append(
                    f"  … và {len(self.attention) - ATTENTION_LINES} mục khác "
                    "(xem «desk sync status» hoặc bảng đồng bộ)."
                )
        out.append(f"Còn chờ gửi: {self.pending} hồ sơ; mục cần xem xét: {self.open_attention}.")
        return out
