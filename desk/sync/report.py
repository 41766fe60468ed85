"""What a sync run tells the people watching it: progress while it runs, a report after."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from desk.store.sync_repository import AttentionItem

ATTENTION_LINES = 20  # listed in the report; the rest are in the needs-attention list
RESULTS = ("accepted", "duplicate", "stale", "conflict", "rejected")
RESULT_LABELS = {
    "accepted": "Tỉnh đã nhận",
    "duplicate": "Đã có (gửi lại an toàn)",
    "stale": "Tỉnh giữ bản mới hơn",
    "conflict": "Xung đột phiên bản",
    "rejected": "Bị từ chối",
}
KIND_LABELS = {
    "conflict": "Xung đột phiên bản",
    "rejected": "Tỉnh từ chối",
    "feed_unknown": "Thay đổi từ tỉnh cho hồ sơ không có",
    "feed_illegal": "Thay đổi từ tỉnh không hợp lệ",
    "feed_invalid": "Thay đổi từ tỉnh sai dữ liệu",
    "file_missing": "Thiếu tệp đính kèm",
    "file_refused": "Tỉnh không nhận tệp",
}
PHASE_LABELS = {
    "connect": "Kiểm tra kết nối",
    "pull": "Nhận thay đổi từ tỉnh",
    "files": "Tải tệp đính kèm",
    "push": "Gửi hồ sơ",
    "pull_again": "Nhận thay đổi từ tỉnh (lần 2)",
    "done": "Hoàn tất",
}

# Outcomes and the exit codes of ``desk sync``.
OUTCOME_EXIT = {
    "ok": 0,
    "attention": 3,
    "offline": 4,
    "config": 2,
    "failed": 1,
    "cancelled": 130,
}
OUTCOME_LABELS = {
    "ok": "Đồng bộ xong, tỉnh đã nhận tất cả.",
    "attention": "Đồng bộ xong; có mục cần người phụ trách xem xét.",
    "offline": "Không kết nối được máy chủ tỉnh. Dữ liệu không mất; hãy đồng bộ lại sau.",
    "config": "Cấu hình đồng bộ chưa đúng.",
    "failed": "Đồng bộ dừng vì lỗi phần mềm hoặc trả lời sai của máy chủ tỉnh.",
    "cancelled": "Đã hủy đồng bộ. Dữ liệu không mất; lần sau sẽ tiếp tục.",
    "running": "Đang đồng bộ.",
}


@dataclass(frozen=True, slots=True)
class SyncProgress:
    phase: str
    done: int = 0
    total: int = 0
    message: str = ""

    @property
    def label(self) -> str:
        return PHASE_LABELS.get(self.phase, self.phase)


@dataclass
class SyncReport:
    started_at: datetime
    finished_at: datetime | None = None
    outcome: str = "running"
    message: str = ""
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(RESULTS, 0))
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
            "outcome": self.outcome,
            "message": self.message,
            "counts": dict(self.counts),
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
                    "kind": a.kind,
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
        }

    def lines(self) -> list[str]:
        """The report in Vietnamese, one line each, for the command line and the panel."""
        out = [OUTCOME_LABELS.get(self.outcome, self.outcome)]
        if self.message:
            out.append(f"Chi tiết: {self.message}")
        out.append(
            f"Đã gửi {self.items_sent} hồ sơ trong {self.batches_sent} lô"
            + (f" ({self.batches_resumed} lô gửi lại từ lần trước)" if self.batches_resumed else "")
            + f"; thời gian {self.duration_s:.1f} giây."
        )
        for key in RESULTS:
            out.append(f"  {RESULT_LABELS[key]}: {self.counts.get(key, 0)}")
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
                out.append(
                    f"  [{KIND_LABELS.get(item.kind, item.kind)}] {item.code}{revision}: "
                    f"{item.reason}"
                )
            if len(self.attention) > ATTENTION_LINES:
                out.append(
                    f"  … và {len(self.attention) - ATTENTION_LINES} mục khác "
                    "(xem «desk sync status» hoặc bảng đồng bộ)."
                )
        out.append(f"Còn chờ gửi: {self.pending} hồ sơ; mục cần xem xét: {self.open_attention}.")
        return out
