"""Printing a dossier's forms: the details a form needs come from the dossier's own
history (the reason written when it was refused, stopped, sent for supplement or
rescheduled), and may be overridden by what the clerk types now."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from desk.domain.calendar import now_in_office
from desk.domain.codes import MAX_SEQUENCE, DossierCode
from desk.domain.dossier import Dossier, IntakeRequest
from desk.domain.office import User
from desk.domain.status import Status, StatusEvent
from desk.errors import InvalidInput
from desk.printing import FORMS, render_book
from desk.printing.notices import Apology, Refusal, StopNotice, SupplementRequest
from desk.services import intake
from desk.services.context import DeskContext
from desk.services.dossiers import get_dossier
from desk.store import dossiers as store_dossiers


@dataclass
class FormDetails:
    """What the clerk may add when printing; empty fields come from the history."""

    reason: str = ""
    missing_documents: list[str] = field(default_factory=list)
    rules_reference: str = ""
    guide_name: str = ""
    guide_phone: str = ""
    signer_title: str = "CHỦ TỊCH"
    signer_name: str = ""
    refund_fees: bool = False


def _last_event_to(dossier: Dossier, status: Status) -> StatusEvent | None:
    for event in reversed(dossier.events):
        if event.to_status is status and event.from_status is not status:
            return event
    return None


def _parameters(form: str, dossier: Dossier, details: FormDetails) -> object | None:
    if form == "supplement":
        event = _last_event_to(dossier, Status.SUPPLEMENT_REQUESTED)
        reason = details.reason or (event.note if event else "")
        missing = details.missing_documents or ([reason] if reason else [])
        if not missing:
            raise InvalidInput(
                "Cần ghi giấy tờ còn thiếu (--missing) để in phiếu yêu cầu bổ sung.",
                code="print.missing",
            )
        return SupplementRequest(
            missing_documents=missing,
            reason=reason,
            rules_reference=details.rules_reference,
            guide_name=details.guide_name or (event.actor_name if event else ""),
            guide_phone=details.guide_phone,
        )
    if form == "refusal":
        event = _last_event_to(dossier, Status.REFUSED)
        return Refusal(reason=details.reason or (event.note if event else ""))
    if form == "apology":
        if dossier.rescheduled_due_at is None:
            raise InvalidInput(
                f"Hồ sơ {dossier.code} chưa được hẹn lại ngày trả: ghi ngày hẹn mới trước khi "
                "in văn bản xin lỗi.",
                code="print.not_rescheduled",
            )
        return Apology(
            reason=details.reason or dossier.reschedule_reason(),
            new_due_at=dossier.rescheduled_due_at,
            signer_title=details.signer_title,
            signer_name=details.signer_name,
        )
    if form == "stop":
        event = _last_event_to(dossier, Status.STOPPED)
        return StopNotice(
            reason=details.reason or (event.note if event else ""),
            refunded_fees=tuple(dossier.fees) if details.refund_fees else (),
            signer_title=details.signer_title,
            signer_name=details.signer_name,
        )
    return None


def render_dossier_form(
    ctx: DeskContext,
    form: str,
    code: str,
    *,
    paper: str | None = None,
    details: FormDetails | None = None,
    now: datetime | None = None,
) -> bytes:
    spec = FORMS.get(form)
    if spec is None:
        raise InvalidInput(
            f"Không có mẫu «{form}». Các mẫu: {', '.join(FORMS)}, book.", code="print.form"
        )
    if paper is not None and paper not in spec.papers:
        raise InvalidInput(
            f"Mẫu «{form}» không in trên khổ «{paper}» (chỉ: {', '.join(spec.papers)}).",
            code="print.paper",
        )
    dossier = get_dossier(ctx, code)
    spec.check(dossier, now)
    procedure = ctx.catalogue().get(dossier.procedure_code) if spec.needs_procedure else None
    return spec.render_for(
        ctx.office,
        dossier,
        procedure=procedure,
        parameters=_parameters(form, dossier, details or FormDetails()),
        paper=paper,
        template_set=ctx.config.template_set,
        now=now,
    )


def render_intake_supplement(
    ctx: DeskContext,
    request: IntakeRequest,
    supplement: SupplementRequest,
    clerk: User,
    *,
    at: datetime | None = None,
) -> bytes:
    """Form 02 for a walk-in whose papers are incomplete: nothing is recorded (no code is
    drawn, the day's sequence is untouched); the form lists what to bring back."""
    from desk.printing.notices import render_supplement

    at = at or now_in_office()
    intake.validate_request(request)
    procedure = ctx.catalogue().get(request.procedure_code)
    plan = intake.plan_intake(ctx.calendar, procedure, request, clerk, at)
    # A stand-in code only to build the domain object: recorded=False never prints it.
    stand_in = DossierCode(ctx.office.agency_id, plan.day, MAX_SEQUENCE)
    dossier = intake.new_dossier(plan, stand_in, request, clerk).as_dossier(0, plan.event)
    return render_supplement(
        ctx.office, dossier, supplement, template_set=ctx.config.template_set, recorded=False
    )


def render_tracking_book(
    ctx: DeskContext, first_day: date, last_day: date | None = None, *, prepared_by: str = ""
) -> bytes:
    last_day = last_day or first_day
    if last_day < first_day:
        raise InvalidInput("Ngày kết thúc phải sau ngày bắt đầu.", code="print.range")
    if (last_day - first_day).days > 366:
        raise InvalidInput("Sổ theo dõi in tối đa một năm mỗi lần.", code="print.range")
    with ctx.db.read() as session:
        dossiers = store_dossiers.dossiers_received_between(session, first_day, last_day)
    return render_book(
        ctx.office,
        dossiers,
        first_day,
        last_day,
        template_set=ctx.config.template_set,
        prepared_by=prepared_by,
    )
