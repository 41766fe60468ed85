"""Receiving a dossier at the desk: one transaction, one code, never a gap."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from desk.domain.calendar import WorkingCalendar, now_in_office, to_office_time
from desk.domain.catalogue import Procedure
from desk.domain.codes import DossierCode
from desk.domain.dossier import Dossier, IntakeRequest, Person
from desk.domain.fees import Fee
from desk.domain.identity import parse_id_number
from desk.domain.office import User
from desk.domain.status import ActorKind, Status, StatusEvent
from desk.domain.text import clean
from desk.errors import InvalidInput
from desk.services.context import DeskContext
from desk.store import repositories as repo

_PHONE = re.compile(r"^\+?\d{9,12}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def validate_person(person: Person, *, what: str) -> None:
    if not person.full_name:
        raise InvalidInput(f"Chưa nhập họ tên {what}.", code="person.name", field="full_name")
    if person.id_number:
        parse_id_number(person.id_number)
    if person.phone and not _PHONE.match(person.phone):
        raise InvalidInput(
            f"Số điện thoại «{person.phone}» của {what} không hợp lệ (9–12 chữ số).",
            code="person.phone",
            field="phone",
        )
    if person.email and not _EMAIL.match(person.email):
        raise InvalidInput(
            f"Thư điện tử «{person.email}» của {what} không hợp lệ.",
            code="person.email",
            field="email",
        )


def validate_request(request: IntakeRequest) -> None:
    validate_person(request.applicant, what="người nộp hồ sơ")
    for party in request.parties:
        if not party.person.full_name:
            raise InvalidInput(
                f"Chưa nhập họ tên ({party.role}).", code="person.name", field=party.role
            )
        if party.person.id_number:
            parse_id_number(party.person.id_number)
    if request.sets_count < 1:
        raise InvalidInput("Số bộ hồ sơ phải từ 1 trở lên.", code="intake.sets")
    if request.copies < 0 or request.pages < 0:
        raise InvalidInput("Số bản và số trang không được âm.", code="intake.copies")
    for document in request.documents:
        if not document.name:
            raise InvalidInput("Có giấy tờ chưa có tên.", code="intake.document")
        if min(document.originals, document.certified_copies, document.photocopies) < 0:
            raise InvalidInput(
                f"Số bản của «{document.name}» không được âm.", code="intake.document"
            )


def fees_for(procedure: Procedure, request: IntakeRequest) -> list[Fee]:
    rule = procedure.fee.when_late if request.late and procedure.fee.when_late else procedure.fee
    amount = procedure.fee.amount_for(copies=request.copies, pages=request.pages, late=request.late)
    return [Fee(rule.name, amount)] if amount > 0 else []


@dataclass(frozen=True, slots=True)
class IntakePlan:
    """What receiving a request decides before anything is written."""

    procedure: Procedure
    status: Status
    processing_days: str
    due_at: datetime
    fees: list[Fee]
    summary: str
    event: StatusEvent
    day: date


def plan_intake(
    calendar: WorkingCalendar,
    procedure: Procedure,
    request: IntakeRequest,
    clerk: User,
    at: datetime,
    refusal_reason: str = "",
) -> IntakePlan:
    if not procedure.active:
        raise InvalidInput(
            f"Thủ tục «{procedure.name}» đã ngừng áp dụng.", code="procedure.inactive"
        )
    refused = bool(clean(refusal_reason))
    status = Status.REFUSED if refused else Status.RECEIVED
    processing = (
        procedure.extended if request.needs_checks and procedure.extended else procedure.processing
    )
    return IntakePlan(
        procedure=procedure,
        status=status,
        processing_days=str(processing.days),
        due_at=at if refused else calendar.due_at(at, processing),
        fees=[] if refused else fees_for(procedure, request),
        summary=clean(request.summary) or procedure.name,
        event=StatusEvent(
            at=at,
            from_status=None,
            to_status=status,
            actor_name=clerk.full_name,
            actor_kind=ActorKind.STAFF,
            actor_title=clerk.title,
            note=clean(refusal_reason) if refused else "Tiếp nhận hồ sơ",
        ),
        day=to_office_time(at).date(),
    )


def new_dossier(
    plan: IntakePlan, code: DossierCode, request: IntakeRequest, clerk: User
) -> repo.NewDossier:
    refused = plan.status is Status.REFUSED
    return repo.NewDossier(
        code=code,
        procedure=plan.procedure,
        status=plan.status,
        applicant=request.applicant,
        applicant_kind=request.applicant_kind,
        channel=request.channel,
        summary=plan.summary,
        sets_count=request.sets_count,
        result_delivery=request.result_delivery,
        processing_days=plan.processing_days,
        needs_checks=request.needs_checks,
        received_at=plan.event.at,
        due_at=plan.due_at,
        clerk=clerk,
        form_data=request.form_data,
        note=clean(request.note),
        documents=request.documents,
        fees=plan.fees,
        parties=request.parties,
        finished_at=plan.event.at if refused else None,
    )


def dossier_from_new(new: repo.NewDossier, dossier_id: int, event: StatusEvent) -> Dossier:
    """The domain object of a freshly written dossier, without reading it back."""
    return Dossier(
        id=dossier_id,
        code=new.code,
        procedure_code=new.procedure.code,
        procedure_name=new.procedure.name,
        field_code=new.procedure.field_code,
        field_name=new.procedure.field_name,
        status=new.status,
        revision=1,
        applicant=new.applicant,
        applicant_kind=new.applicant_kind,
        channel=new.channel,
        summary=new.summary,
        lead_unit=new.procedure.lead_unit,
        sets_count=new.sets_count,
        result_delivery=new.result_delivery,
        received_at=new.received_at,
        due_at=new.due_at,
        clerk_name=new.clerk.full_name,
        finished_at=new.finished_at,
        processing_days=new.processing_days,
        needs_checks=new.needs_checks,
        note=new.note,
        form_data=dict(new.form_data),
        documents=list(new.documents),
        fees=list(new.fees),
        parties=list(new.parties),
        events=[event],
    )


def receive_dossier(
    ctx: DeskContext,
    request: IntakeRequest,
    clerk: User,
    *,
    at: datetime | None = None,
    refusal_reason: str = "",
) -> Dossier:
    """Record a dossier received (status 2), or refused at intake (status 3) with a reason.

    The code, the dossier, its people, documents, fees, first event and outbox entry are
    written in one transaction: all of it or none of it.
    """
    validate_request(request)
    at = at or now_in_office()
    procedure = ctx.catalogue().get(request.procedure_code)
    plan = plan_intake(ctx.calendar, procedure, request, clerk, at, refusal_reason)
    agency = ctx.office.agency_id
    with ctx.db.write() as session:
        sequence = repo.allocate_sequence(session, agency, plan.day, ctx.config.sequence_block)
        new = new_dossier(plan, DossierCode(agency, plan.day, sequence), request, clerk)
        dossier_id = repo.insert_dossier(session, new, plan.event)
    return dossier_from_new(new, dossier_id, plan.event)
