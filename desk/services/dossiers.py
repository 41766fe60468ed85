"""Moving a dossier through its statuses. Every change raises the revision, appends an
event and queues the dossier for the province, in one transaction."""

from __future__ import annotations

from datetime import datetime

from desk.domain.calendar import WorkingCalendar, now_in_office
from desk.domain.dossier import Dossier
from desk.domain.office import User
from desk.domain.status import ActorKind, Status, StatusEvent, check_transition
from desk.domain.text import clean
from desk.errors import InvalidInput
from desk.services.context import DeskContext
from desk.store import repositories as repo


def get_dossier(ctx: DeskContext, code: str) -> Dossier:
    with ctx.db.read() as session:
        return repo.get_dossier(session, clean(code).upper())


def advance(
    calendar: WorkingCalendar,
    dossier: Dossier,
    target: Status,
    *,
    at: datetime,
    actor_name: str,
    actor_title: str = "",
    actor_kind: ActorKind = ActorKind.STAFF,
    note: str = "",
) -> StatusEvent:
    """Move the domain object to ``target`` with the bookkeeping the status brings (pause
    the clock, finish, return) and a raised revision; return the event to record."""
    check_transition(dossier.status, target)
    previous = dossier.status
    if target is Status.SUPPLEMENT_REQUESTED:
        dossier.paused_at = at
    elif previous is Status.SUPPLEMENT_REQUESTED and dossier.paused_at is not None:
        # Papers arrived (or the dossier ends): the waiting time does not count.
        dossier.due_at = calendar.resume_due_at(dossier.due_at, dossier.paused_at, at)
        if dossier.rescheduled_due_at is not None:
            dossier.rescheduled_due_at = calendar.resume_due_at(
                dossier.rescheduled_due_at, dossier.paused_at, at
            )
        dossier.paused_at = None
    if target in (Status.RESULT_READY, Status.WITHDRAWN, Status.STOPPED):
        dossier.finished_at = at
    if target is Status.RETURNED:
        dossier.returned_at = at
        if dossier.finished_at is None:
            dossier.finished_at = at
    dossier.status = target
    dossier.revision += 1
    event = StatusEvent(
        at=at,
        from_status=previous,
        to_status=target,
        actor_name=actor_name,
        actor_kind=actor_kind,
        actor_title=actor_title,
        note=note,
    )
    dossier.events.append(event)
    return event


def change_status(
    ctx: DeskContext,
    code: str,
    target: Status,
    actor: User | None,
    *,
    note: str = "",
    at: datetime | None = None,
    actor_kind: ActorKind = ActorKind.STAFF,
    actor_name: str = "",
) -> Dossier:
    """Move the dossier to ``target`` if the rules allow it; raise IllegalTransition if not."""
    at = at or now_in_office()
    note = clean(note)
    if target in (Status.WITHDRAWN, Status.STOPPED) and not note and actor_kind is ActorKind.STAFF:
        raise InvalidInput(
            "Cần ghi lý do khi rút hồ sơ hoặc dừng xử lý.", code="transition.reason", field="note"
        )
    with ctx.db.write() as session:
        dossier = repo.lock_dossier(session, clean(code).upper())
        event = advance(
            ctx.calendar,
            dossier,
            target,
            at=at,
            actor_name=actor.full_name if actor else actor_name,
            actor_title=actor.title if actor else "",
            actor_kind=actor_kind,
            note=note,
        )
        repo.update_dossier_state(session, dossier, at)
        repo.append_event(
            session, dossier.id, dossier.revision, event, actor_user_id=actor.id if actor else None
        )
        repo.queue_for_sync(session, dossier.id, dossier.revision, at)
    return dossier


def reschedule(
    ctx: DeskContext,
    code: str,
    new_due_at: datetime,
    reason: str,
    actor: User,
    *,
    at: datetime | None = None,
) -> Dossier:
    """The apology letter's new due time. The original due time stays on record and the
    on-time verdict is still judged against it."""
    at = at or now_in_office()
    reason = clean(reason)
    if not reason:
        raise InvalidInput("Cần ghi lý do chậm trả kết quả.", code="reschedule.reason")
    with ctx.db.write() as session:
        dossier = repo.lock_dossier(session, clean(code).upper())
        if dossier.status.is_final or dossier.status is Status.RESULT_READY:
            raise InvalidInput(
                f"Hồ sơ đang «{dossier.status.label}», không hẹn lại được.",
                code="reschedule.state",
            )
        if new_due_at <= max(dossier.promised_due_at, at):
            raise InvalidInput(
                "Ngày hẹn mới phải sau ngày hẹn cũ và sau thời điểm hiện tại.",
                code="reschedule.date",
            )
        dossier.rescheduled_due_at = new_due_at
        dossier.revision += 1
        event = StatusEvent(
            at=at,
            from_status=dossier.status,
            to_status=dossier.status,
            actor_name=actor.full_name,
            actor_title=actor.title,
            note=f"Hẹn lại ngày trả kết quả: {new_due_at:%H:%M %d/%m/%Y}. Lý do: {reason}",
        )
        repo.update_dossier_state(session, dossier, at)
        repo.append_event(session, dossier.id, dossier.revision, event, actor_user_id=actor.id)
        repo.queue_for_sync(session, dossier.id, dossier.revision, at)
    dossier.events.append(event)
    return dossier
