"""Dossier statuses with the national codes (TrangThaiHoSo) and the legal transitions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import IntEnum

from desk.errors import IllegalTransition


class Status(IntEnum):
    SUBMITTED_ONLINE = 1
    RECEIVED = 2
    REFUSED = 3
    PROCESSING = 4
    SUPPLEMENT_REQUESTED = 5
    PAYMENT_REQUESTED = 6
    WITHDRAWN = 7
    STOPPED = 8
    RESULT_READY = 9
    RETURNED = 10

    @property
    def label(self) -> str:
        return STATUS_LABELS[self]

    @property
    def is_final(self) -> bool:
        return self in FINAL_STATUSES

    @property
    def is_finished(self) -> bool:
        """Counts as finished for the on-time rate (DOMAIN §9)."""
        return self in (Status.WITHDRAWN, Status.RESULT_READY, Status.RETURNED)


STATUS_LABELS: dict[Status, str] = {
    Status.SUBMITTED_ONLINE: "Mới đăng ký",
    Status.RECEIVED: "Được tiếp nhận",
    Status.REFUSED: "Không được tiếp nhận",
    Status.PROCESSING: "Đang xử lý",
    Status.SUPPLEMENT_REQUESTED: "Yêu cầu bổ sung giấy tờ",
    Status.PAYMENT_REQUESTED: "Yêu cầu thực hiện nghĩa vụ tài chính",
    Status.WITHDRAWN: "Công dân yêu cầu rút hồ sơ",
    Status.STOPPED: "Dừng xử lý",
    Status.RESULT_READY: "Đã xử lý xong",
    Status.RETURNED: "Đã trả kết quả",
}

FINAL_STATUSES = frozenset({Status.REFUSED, Status.WITHDRAWN, Status.STOPPED, Status.RETURNED})

# The states a dossier may start in when it is recorded at the desk.
INTAKE_STATUSES = frozenset({Status.RECEIVED, Status.REFUSED})

_OPEN_EXITS = (Status.WITHDRAWN, Status.STOPPED)

TRANSITIONS: dict[Status, frozenset[Status]] = {
    Status.SUBMITTED_ONLINE: frozenset({Status.RECEIVED, Status.REFUSED, *_OPEN_EXITS}),
    # RECEIVED → RESULT_READY is the same-day "5 tại chỗ" path.
    Status.RECEIVED: frozenset({Status.PROCESSING, Status.RESULT_READY, *_OPEN_EXITS}),
    Status.PROCESSING: frozenset(
        {
            Status.SUPPLEMENT_REQUESTED,
            Status.PAYMENT_REQUESTED,
            Status.RESULT_READY,
            *_OPEN_EXITS,
        }
    ),
    Status.SUPPLEMENT_REQUESTED: frozenset({Status.PROCESSING, *_OPEN_EXITS}),
    Status.PAYMENT_REQUESTED: frozenset({Status.PROCESSING, *_OPEN_EXITS}),
    Status.RESULT_READY: frozenset({Status.RETURNED}),
    Status.REFUSED: frozenset(),
    Status.WITHDRAWN: frozenset(),
    Status.STOPPED: frozenset(),
    Status.RETURNED: frozenset(),
}


def allowed_next(current: Status) -> frozenset[Status]:
    return TRANSITIONS[current]


def check_transition(current: Status, target: Status) -> None:
    """Raise ``IllegalTransition`` with a Vietnamese message unless current → target is legal."""
    if target not in TRANSITIONS[current]:
        if current.is_final:
            why = f"hồ sơ đã ở trạng thái cuối «{current.label}»"
        else:
            why = f"không thể chuyển từ «{current.label}» sang «{target.label}»"
        raise IllegalTransition(f"Không thực hiện được: {why}.")


class ActorKind(IntEnum):
    """Who made a transition: a member of staff, the province's system, or the desk itself."""

    STAFF = 1
    PROVINCE = 2
    SYSTEM = 3


@dataclass(frozen=True, slots=True)
class StatusEvent:
    """One line of a dossier's history. Appended, never edited."""

    at: datetime
    from_status: Status | None
    to_status: Status
    actor_name: str
    actor_kind: ActorKind = ActorKind.STAFF
    actor_title: str = ""
    note: str = ""
