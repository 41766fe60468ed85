"""How each hand-over of a dossier is judged on the control slip (form 06).

The slip has one row per hand-over, with a verdict: early, on time or late. A row judges
the office's own handling, each step on its own terms (DOMAIN §4), not every row against
the dossier's final due time:

- the intake starts the clock: nothing to judge;
- the citizen's own steps (bringing the missing papers, paying, withdrawing) are the
  citizen's time, while the clock stands still: nothing to judge;
- handing the result back is judged by the moment the result was ready at the desk: a
  citizen who comes to collect it days later does not make the office late;
- every other step (to the lead body, the result, a supplement request, a stop) is judged
  against the dossier's legal due time, the one the on-time verdict uses. No procedure
  sets allowances per step yet; when one does, its step is judged against that.
"""

from __future__ import annotations

from datetime import datetime

from desk.domain.dossier import Dossier, Timeliness, judge_timeliness
from desk.domain.status import Status, StatusEvent

# The citizen has the dossier (or the decision) in these steps.
_CITIZEN_FROM = frozenset({Status.SUPPLEMENT_REQUESTED, Status.PAYMENT_REQUESTED})


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


def judge_step(dossier: Dossier, event: StatusEvent) -> Timeliness | None:
    """The verdict of one hand-over, or None where the step is not the office's to judge."""
    if event.from_status is None or event.from_status in _CITIZEN_FROM:
        return None
    if event.to_status is Status.WITHDRAWN:
        return None
    if event.to_status is Status.RETURNED:
        ready = ready_moment(dossier, event.at)
        return judge_timeliness(ready, dossier.due_at) if ready is not None else None
    return judge_timeliness(event.at, dossier.due_at)
