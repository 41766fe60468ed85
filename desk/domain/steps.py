"""How each hand-over of a dossier is judged on the control slip (form 06).

The slip has one row per hand-over, with a verdict: early, on time or late. A row judges
the office's own handling, each step on its own terms (DOMAIN §4), not every row against
the dossier's final due time:

- the intake starts the clock: nothing to judge;
- the citizen's own steps (bringing the missing papers, paying, withdrawing) are the
  citizen's time, while the clock stands still: nothing to judge;
- handing the result back is judged by the moment the result was ready at the desk: a
  citizen who comes to collect it days later does not make the office late;
- a step whose working days the procedure sets (catalogue ``step_days``: "transfer", the
  desk handing the dossier to the lead body, counted from the intake; "process", the lead
  body bringing the result back, counted from when it got the dossier) is judged against
  that allowance, counted through the office's calendar with the supplement pauses left
  out;
- every other step (a supplement request, a stop, a step with no allowance) is judged
  against the dossier's legal due time, the one the on-time verdict uses.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from desk.domain.calendar import ProcessingTime, WorkingCalendar
from desk.domain.catalogue import Procedure
from desk.domain.dossier import Dossier, Timeliness, judge_timeliness
from desk.domain.status import Status, StatusEvent
from desk.errors import InvalidInput

TRANSFER = "transfer"  # the desk hands the dossier to the lead body
PROCESS = "process"  # the lead body brings the result back to the desk

# The citizen has the dossier (or the decision) in these steps; the clock stands still.
_WITH_CITIZEN = frozenset({Status.SUPPLEMENT_REQUESTED, Status.PAYMENT_REQUESTED})


def ready_moment(dossier: Dossier, before: datetime) -> datetime | None:
    """When the result was last ready at the desk, up to ``before``."""
    ready = [
        event.at
        for event in dossier.events
        if event.to_status is Status.RESULT_READY and event.at <= before
    ]
    if ready:
        return max(ready)
    return dossier.finished_at


def step_of(event: StatusEvent) -> str | None:
    """Which step with a possible allowance a hand-over ends, if any."""
    if event.from_status is Status.RECEIVED and event.to_status is Status.PROCESSING:
        return TRANSFER
    if event.from_status is Status.PROCESSING and event.to_status is Status.RESULT_READY:
        return PROCESS
    return None


def allowance(procedure: Procedure | None, step: str) -> Decimal | None:
    if procedure is None:
        return None
    return dict(procedure.step_days).get(step)


def needs_calendar(procedure: Procedure | None) -> bool:
    """Whether judging this procedure's steps needs the office's working calendar."""
    return procedure is not None and bool(procedure.step_days)


def _step_start(dossier: Dossier, step: str, event: StatusEvent) -> datetime:
    if step == TRANSFER:
        return dossier.received_at
    handed = [e.at for e in dossier.events if step_of(e) == TRANSFER and e.at <= event.at]
    return min(handed) if handed else dossier.received_at


def _pauses(dossier: Dossier, start: datetime, end: datetime) -> list[tuple[datetime, datetime]]:
    """The spans within [start, end] the citizen had the dossier."""
    pauses = []
    paused: datetime | None = None
    for event in sorted(dossier.events, key=lambda e: e.at):
        if event.to_status in _WITH_CITIZEN and paused is None:
            paused = event.at
        elif event.from_status in _WITH_CITIZEN and paused is not None:
            if event.at > start and paused < end:
                pauses.append((max(paused, start), min(event.at, end)))
            paused = None
    return pauses


def judge_step(
    dossier: Dossier,
    event: StatusEvent,
    procedure: Procedure | None = None,
    calendar: WorkingCalendar | None = None,
) -> Timeliness | None:
    """The verdict of one hand-over, or None where the step is not the office's to judge.

    A step with an allowance needs ``calendar``: without it the step cannot be counted and
    ``InvalidInput`` says so rather than judge it by the dossier's due time."""
    if event.from_status is None or event.from_status in _WITH_CITIZEN:
        return None
    if event.to_status is Status.WITHDRAWN:
        return None
    if event.to_status is Status.RETURNED:
        ready = ready_moment(dossier, event.at)
        return judge_timeliness(ready, dossier.due_at) if ready is not None else None
    step = step_of(event)
    days = allowance(procedure, step) if step is not None else None
    if step is None or days is None:
        return judge_timeliness(event.at, dossier.due_at)
    if calendar is None:
        raise InvalidInput(
            "Cần lịch làm việc của cơ quan để tính thời hạn từng bước của thủ tục "
            f"{dossier.procedure_code}.",
            code="steps.calendar",
        )
    start = _step_start(dossier, step, event)
    due = calendar.due_with_pauses(start, ProcessingTime(days), _pauses(dossier, start, event.at))
    return judge_timeliness(event.at, due)
