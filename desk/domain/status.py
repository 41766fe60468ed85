"""Dossier statuses with the national codes (TrangThaiHoSo) and the legal transitions."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import IntEnum
from typing import Any

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

# Not final: something may still happen to the dossier.
OPEN_STATUSES = frozenset(Status) - FINAL_STATUSES

# Open and running: the deadline clock ticks. A supplement request pauses it and a ready
# result has stopped it, so neither can be overdue.
RUNNING_STATUSES = frozenset(
    {Status.SUBMITTED_ONLINE, Status.RECEIVED, Status.PROCESSING, Status.PAYMENT_REQUESTED}
)

# Transitions that ask the clerk for a reason; True where it may not be empty. The
# supplement request's reason is the list of missing papers printed on form 02.
TRANSITION_REASONS: dict[Status, bool] = {
    Status.WITHDRAWN: True,
    Status.STOPPED: True,
    Status.SUPPLEMENT_REQUESTED: True,
    Status.PAYMENT_REQUESTED: False,
}

# Transitions that end the processing (NgayKetThucXuLy).
FINISHING_STATUSES = frozenset({Status.RESULT_READY, Status.WITHDRAWN, Status.STOPPED})


def asks_reason(target: Status) -> bool:
    """The clerk is asked for a reason (or a note) before moving a dossier to ``target``."""
    return target in TRANSITION_REASONS


def reason_required(target: Status) -> bool:
    """A member of staff may not move a dossier to ``target`` without a reason."""
    return TRANSITION_REASONS.get(target, False)


def can_reschedule(status: Status) -> bool:
    """A new due time (the apology letter) is given while the result is not yet ready."""
    return not status.is_final and status is not Status.RESULT_READY


def can_hand_back(status: Status, *, same_day: bool = False) -> bool:
    """A result is handed back when ready; on the same-day path ("5 tại chỗ") a dossier
    still «Được tiếp nhận» goes through «Đã xử lý xong» in the same sitting."""
    return status is Status.RESULT_READY or (same_day and status is Status.RECEIVED)


def is_overdue(status: Status, due_at: datetime, paused_at: datetime | None, now: datetime) -> bool:
    """Running and past the legal due time; a supplement pause stops the clock."""
    return status in RUNNING_STATUSES and paused_at is None and now > due_at


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
    # Facts that forms print later (a reschedule's new due time and reason …), kept as
    # data next to the note so that rewording the note cannot lose them.
    detail: Mapping[str, Any] = field(default_factory=dict)
    revision: int = 0  # the dossier's revision this event made
    actor_user_id: int | None = None
