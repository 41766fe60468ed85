"""Receiving a dossier, decided before anything is written: the checks on what the clerk
typed, which processing time applies, the due time and the fees.

The intake screen previews exactly what ``plan_intake`` records, and the slip prints it:
all three ask ``intake_terms``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from desk.domain import limits
from desk.domain.calendar import ProcessingTime, WorkingCalendar, to_office_time
from desk.domain.catalogue import Procedure
from desk.domain.dossier import INTAKE, IntakeRequest, Person, ReceivedDocument
from desk.domain.fees import Fee, PaymentMethod
from desk.domain.formats import processing_label
from desk.domain.identity import parse_id_number
from desk.domain.office import User
from desk.domain.status import ActorKind, Status, StatusEvent
from desk.domain.text import clean
from desk.errors import InvalidInput

RECEIVED_NOTE = "Tiếp nhận hồ sơ"


def validate_person(person: Person, *, what: str) -> None:
    """The limits of each of a person's attributes (``desk.domain.limits``); ``what`` names
    the person in the messages («người nộp hồ sơ»)."""
    whose = f"của {what}"
    limits.PERSON_NAME.check(person.full_name, required=True, what=whose)
    if person.id_number:
        limits.ID_NUMBER.check(person.id_number, what=whose)
        parse_id_number(person.id_number)
    limits.OLD_ID_NUMBER.check(person.old_id_number, what=whose)
    limits.PHONE.check(person.phone, what=whose)
    limits.EMAIL.check(person.email, what=whose)
    limits.ADDRESS.check(person.address, what=whose)
    limits.ID_ISSUER.check(person.id_issuer, what=whose)
    for day in (person.birth_date, person.id_issue_date):
        if day is not None:
            limits.DAY.check(day)


def validate_request(request: IntakeRequest, party_names: Mapping[str, str] | None = None) -> None:
    """Everything the clerk recorded, within its declared limits, before anything is
    planned or written (the slip and the province get only what passed here).
    ``party_names`` names each party's role in the messages, as the forms do
    (``desk.forms.party_names``); the role's key otherwise."""
    names = party_names or {}
    validate_person(request.applicant, what=names.get("applicant", "người nộp hồ sơ"))
    for party in request.parties:
        validate_person(party.person, what=names.get(party.role, f"({party.role})"))
    limits.SETS_COUNT.check(request.sets_count)
    limits.COPIES.check(request.copies)
    limits.PAGES.check(request.pages)
    limits.SUMMARY.check(request.summary)
    limits.NOTE.check(request.note)
    for document in request.documents:
        limits.DOCUMENT_NAME.check(document.name, required=True)
        for count in (document.originals, document.certified_copies, document.photocopies):
            limits.DOCUMENT_COPIES.check(count)


def checks_apply(procedure: Procedure, needs_checks: bool) -> bool:
    """Checks (xác minh) change the time only for a procedure that has a longer time for
    them; for the others the box is not offered and the normal time applies."""
    return needs_checks and procedure.extended is not None


def processing_for(
    procedure: Procedure, needs_checks: bool, *, form_data: Mapping[str, Any] | None = None
) -> ProcessingTime:
    """The processing time that applies: the longer one when checks are needed, else the
    normal one of the case the form names (``Procedure.normal_processing``). Days added
    for checks are added to the case's own time (a same-day "Bổ sung" stays same-day, then
    the added days)."""
    normal = procedure.normal_processing(form_data)
    extended = procedure.extended
    if not checks_apply(procedure, needs_checks) or extended is None:
        return normal
    if extended.added_days:
        return ProcessingTime(normal.days, normal.cutoff, added_days=extended.added_days)
    return extended


def exemptions_offered(
    procedure: Procedure, *, copies: int = 1, pages: int = 0, late: bool = False
) -> tuple[str, ...]:
    """The exemptions the clerk may choose: those of the fee rule that applies, when it
    costs something."""
    rule = procedure.fee.rule_for(late=late)
    if not rule.exemptions or procedure.fee.amount_for(copies=copies, pages=pages, late=late) <= 0:
        return ()
    return rule.exemptions


def fees_for(
    procedure: Procedure,
    *,
    copies: int = 1,
    pages: int = 0,
    late: bool = False,
    exemption: str = "",
    method: PaymentMethod = PaymentMethod.CASH,
) -> list[Fee]:
    """The fee lines of a dossier. An exemption keeps the line, at 0, under its name; with
    nothing to pay there is nothing to exempt and no line. The copies of the result asked
    for with it (extract copies with a registration) are a line of their own. Every line
    says how it was paid: ``method``, chosen at intake (cash unless the clerk says so)."""
    rule = procedure.fee.rule_for(late=late)
    amount = procedure.fee.amount_for(copies=copies, pages=pages, late=late)
    paid = method.value
    lines: list[Fee] = []
    if amount > 0:
        exemption = clean(exemption)
        if exemption and exemption not in rule.exemptions:
            raise InvalidInput(
                f"Đối tượng miễn «{exemption}» không áp dụng cho {rule.name[:1].lower()}"
                f"{rule.name[1:]}.",
                code="fee.exemption",
                field="fee_exemption",
            )
        lines.append(
            Fee(rule.name, 0, paid, exemption=exemption)
            if exemption
            else Fee(rule.name, amount, paid)
        )
    extra = procedure.fee.copies_fee
    if extra is not None and copies > 0 and (charged := extra.amount_for(copies=copies)) > 0:
        lines.append(Fee(extra.name, charged, paid))
    return lines


def received_documents(
    procedure: Procedure, documents: list[ReceivedDocument]
) -> list[ReceivedDocument]:
    """What the desk keeps: the papers only shown and handed back (the ID card, a certified
    copy's original) are never among the documents received (DOMAIN §4, form 01)."""
    shown = {d.code for d in procedure.documents if d.shown}
    return [d for d in documents if not d.code or d.code not in shown]


@dataclass(frozen=True, slots=True)
class IntakeTerms:
    """What the citizen is told at the counter: the time, the due time and the fees."""

    processing: ProcessingTime
    processing_label: str
    needs_checks: bool
    due_at: datetime
    fees: list[Fee]

    @property
    def total_fee(self) -> int:
        return sum(fee.amount for fee in self.fees)


def intake_terms(
    calendar: WorkingCalendar,
    procedure: Procedure,
    at: datetime,
    *,
    needs_checks: bool = False,
    copies: int = 1,
    pages: int = 0,
    late: bool = False,
    form_data: Mapping[str, Any] | None = None,
    exemption: str = "",
    method: PaymentMethod = PaymentMethod.CASH,
) -> IntakeTerms:
    processing = processing_for(procedure, needs_checks, form_data=form_data)
    return IntakeTerms(
        processing=processing,
        processing_label=processing_label(processing),
        needs_checks=checks_apply(procedure, needs_checks),
        due_at=calendar.due_at(at, processing),
        fees=fees_for(
            procedure, copies=copies, pages=pages, late=late, exemption=exemption, method=method
        ),
    )


def request_terms(
    calendar: WorkingCalendar, procedure: Procedure, request: IntakeRequest, at: datetime
) -> IntakeTerms:
    return intake_terms(
        calendar,
        procedure,
        at,
        needs_checks=request.needs_checks,
        copies=request.copies,
        pages=request.pages,
        late=request.late,
        form_data=request.form_data,
        exemption=request.fee_exemption,
        method=request.payment,
    )


@dataclass(frozen=True, slots=True)
class IntakePlan:
    """What receiving a request decides before anything is written."""

    procedure: Procedure
    status: Status
    processing_days: str
    needs_checks: bool
    due_at: datetime
    fees: list[Fee]
    summary: str
    event: StatusEvent
    day: date
    documents: list[ReceivedDocument] = field(default_factory=list)  # what the desk keeps


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
    refusal_reason = limits.REASON.check(refusal_reason)
    refused = bool(refusal_reason)
    status = Status.REFUSED if refused else Status.RECEIVED
    terms = request_terms(calendar, procedure, request, at)
    return IntakePlan(
        procedure=procedure,
        status=status,
        processing_days=str(terms.processing.days),
        needs_checks=terms.needs_checks,
        due_at=at if refused else terms.due_at,
        fees=[] if refused else terms.fees,
        summary=clean(request.summary) or procedure.name,
        event=StatusEvent(
            at=at,
            from_status=None,
            to_status=status,
            actor_name=clerk.full_name,
            actor_kind=ActorKind.STAFF,
            actor_title=clerk.title,
            note=refusal_reason if refused else RECEIVED_NOTE,
            revision=1,
            actor_user_id=clerk.id,
            # The first due time stays on record, whatever moves it later.
            detail={} if refused else {"kind": INTAKE, "due_at": terms.due_at.isoformat()},
        ),
        day=to_office_time(at).date(),
        documents=received_documents(procedure, request.documents),
    )
