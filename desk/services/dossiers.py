"""Moving a dossier through its statuses. The domain decides (``Dossier.advance``,
``Dossier.reschedule``); the store records the change in one transaction
(``save_change``: the new state, the event, the outbox entry)."""

from __future__ import annotations

from datetime import datetime

from desk.domain.access import Permission, require
from desk.domain.audit import AuditAction, AuditEntry
from desk.domain.calendar import now_in_office
from desk.domain.codes import typed_code
from desk.domain.dossier import Actor, Dossier
from desk.domain.intake import processing_for
from desk.domain.office import User
from desk.domain.path_limits import PathLimits, office_path_limits
from desk.domain.status import ActorKind, Status
from desk.services.context import DeskContext
from desk.store import audit as store_audit
from desk.store import dossiers as store_dossiers
from desk.store import office as store_office


def get_dossier(ctx: DeskContext, code: str) -> Dossier:
    """The dossier, for work on it (printing, checks): no log entry. What a person looks
    at is ``open_dossier``."""
    ctx.require(Permission.SHOW)
    with ctx.db.connect_read() as connection:  # no ORM: ``desk print`` reads this
        return store_dossiers.get_dossier(connection, typed_code(code))


def open_dossier(ctx: DeskContext, code: str, *, at: datetime | None = None) -> Dossier:
    """The dossier shown to the acting account, logged: who opened whose dossier."""
    user = ctx.require(Permission.SHOW)
    at = at or now_in_office()
    with ctx.db.write() as session:
        dossier = store_dossiers.get_dossier(session, typed_code(code))
        store_audit.append(
            session,
            [
                store_audit.entry(
                    AuditAction.DOSSIER_VIEWED,
                    str(dossier.code),
                    at=at,
                    actor=user,
                    detail={"revision": dossier.revision},
                )
            ],
        )
    return dossier


def log_print(ctx: DeskContext, printed: AuditEntry) -> None:
    """Log a print of a citizen's data (``print_forms.print_entry``: who printed which
    form of which dossier)."""
    with ctx.db.connect_write() as connection:
        store_audit.append(connection, [printed])


def path_limits(ctx: DeskContext) -> PathLimits:
    """The limits on a dossier's path this office works by (DOMAIN §2)."""
    return office_path_limits(ctx.config.data_dir)


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
    fault_reason: str = "",
) -> Dossier:
    """Move the dossier to ``target`` if the rules allow it; IllegalTransition if not,
    InvalidInput when a reason (or the office's fault reason) is required and missing.

    ``actor`` is the member of staff making the change (ADVANCE). Without one the change
    is the province's or the desk's own (``actor_kind``), made within a sync run: the
    context's account must be allowed to sync."""
    if actor is not None:
        require(actor, Permission.ADVANCE)
    elif actor_kind is ActorKind.STAFF:
        require(None, Permission.ADVANCE)
    else:
        ctx.require(Permission.SYNC)
    at = at or now_in_office()
    who = Actor.staff(actor) if actor else Actor(actor_name, kind=actor_kind)
    limits = path_limits(ctx)
    with ctx.db.write() as session:
        dossier = store_dossiers.lock_dossier(session, typed_code(code))
        # The dossier's time as its intake chose it: it decides how a pause moves its due.
        procedure = store_office.get_procedure(session, dossier.procedure_code)
        processing = processing_for(procedure, dossier.needs_checks, form_data=dossier.form_data)
        event = dossier.advance(
            ctx.calendar,
            target,
            at=at,
            actor=who,
            note=note,
            fault_reason=fault_reason,
            limits=limits,
            processing=processing,
        )
        store_dossiers.save_change(session, dossier, [event], at)
    return dossier


def reschedule(
    ctx: DeskContext,
    code: str,
    new_due_at: datetime,
    reason: str,
    actor: User,
    *,
    at: datetime | None = None,
    fault_reason: str = "",
) -> Dossier:
    """The apology letter's new due time (see ``Dossier.reschedule``)."""
    require(actor, Permission.ADVANCE)
    at = at or now_in_office()
    limits = path_limits(ctx)
    with ctx.db.write() as session:
        dossier = store_dossiers.lock_dossier(session, typed_code(code))
        event = dossier.reschedule(
            new_due_at,
            reason,
            at=at,
            actor=Actor.staff(actor),
            fault_reason=fault_reason,
            calendar=ctx.calendar,
            limits=limits,
        )
        store_dossiers.save_change(session, dossier, [event], at)
    return dossier
