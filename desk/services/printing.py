"""Printing a dossier's forms: the details a form needs come from the dossier's own
history (the reason written when it was refused, stopped, sent for supplement or
rescheduled), and may be overridden by what the clerk types now.

Forms 04 and 05 are letters of the People's Committee (desk.domain.letters): the first
print of a letter issues it — draws its number and records it with who issued it and what
it says — and every later print for the same event (the same new due time, the same stop)
reprints that letter, number, date and text unchanged.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from desk.domain import limits
from desk.domain.access import Permission, require
from desk.domain.audit import AuditAction, AuditEntry
from desk.domain.calendar import now_in_office, to_office_time
from desk.domain.codes import MAX_SEQUENCE, DossierCode, typed_code
from desk.domain.dossier import Dossier, IntakeRequest
from desk.domain.fees import Fee
from desk.domain.letters import (
    APOLOGY,
    DEFAULT_SIGNER,
    LETTER_KINDS,
    Letter,
    answered_event,
    issued_for,
    promised_due_times,
    signer_for,
)
from desk.domain.office import User
from desk.domain.status import StatusEvent
from desk.domain.text import clean
from desk.errors import InvalidInput
from desk.forms import party_names
from desk.printing import FormSpec, render_book
from desk.printing.notices import Apology, StopNotice, SupplementRequest
from desk.printing.templates import templates_for
from desk.services import intake
from desk.services.catalogue import procedure_of
from desk.services.context import DeskContext
from desk.services.dossiers import get_dossier, log_print
from desk.services.print_forms import FormDetails as FormDetails
from desk.services.print_forms import parameters_of, print_entry, spec_of
from desk.store import audit as store_audit
from desk.store import dossiers as store_dossiers
from desk.store import letters as store_letters


def render_dossier_form(
    ctx: DeskContext,
    form: str,
    code: str,
    *,
    paper: str | None = None,
    details: FormDetails | None = None,
    now: datetime | None = None,
    issued_by: User | None = None,
    issued_by_name: str = "",
    copies: int = 1,
) -> bytes:
    """The form's PDF, printed by the acting account (PRINT) and logged with ``copies``.
    For a Committee letter (forms 04, 05) the first print issues the letter in the name of
    ``issued_by`` (a desk account; the acting one by default) or ``issued_by_name``."""
    user = ctx.require(Permission.PRINT)
    copies = limits.PRINT_COPIES.check(copies)
    issued_by_name = limits.SIGNER_NAME.check(issued_by_name)
    spec = spec_of(form, paper)
    if form in LETTER_KINDS:
        if issued_by is None and not issued_by_name:
            issued_by = user
        return _render_letter(
            ctx,
            spec,
            code,
            paper,
            details or FormDetails(),
            now,
            issued_by,
            issued_by_name,
            user=user,
            copies=copies,
        )
    dossier = get_dossier(ctx, code)
    spec.check(dossier, now)
    # Its own procedure, withdrawn or not: a dossier received before a withdrawal prints.
    procedure = procedure_of(ctx, dossier.procedure_code) if spec.needs_procedure else None
    pdf = spec.render_for(
        ctx.office,
        dossier,
        procedure=procedure,
        parameters=parameters_of(form, dossier, details or FormDetails()),
        paper=paper,
        template_set=ctx.config.template_set,
        now=now,
        calendar=ctx.calendar if spec.needs_calendar else None,
    )
    log_print(ctx, print_entry(user, form, str(dossier.code), copies=copies, at=now))
    return pdf


# --- the Committee's letters --------------------------------------------------------------


def issued_letter(ctx: DeskContext, form: str, code: str) -> Letter | None:
    """The letter printing ``form`` for the dossier now would reprint; None when the print
    would issue a new one (or the form is not a letter, or does not apply)."""
    ctx.require(Permission.SHOW)
    if form not in LETTER_KINDS:
        return None
    with ctx.db.read() as session:
        dossier = store_dossiers.get_dossier(session, typed_code(code))
        event = answered_event(dossier, form)
        if event is None:
            return None
        return issued_for(store_letters.letters_of(session, dossier.id), form, event)


def letter_line(ctx: DeskContext, form: str, code: str) -> str:
    """What the command line says after printing a letter: its number and when it was
    issued, and by whom ("" for a form that is not a letter)."""
    letter = issued_letter(ctx, form, code)
    if letter is None:
        return ""
    number = templates_for(ctx.config.template_set).number_line(form, letter.number)
    return (
        f"Văn bản {number}, ban hành {to_office_time(letter.issued_at):%d/%m/%Y %H:%M} "
        f"bởi {letter.issued_by_name}."
    )


def dossier_letters(ctx: DeskContext, code: str) -> list[Letter]:
    """Every letter issued for the dossier, oldest first."""
    ctx.require(Permission.SHOW)
    with ctx.db.read() as session:
        dossier = store_dossiers.get_dossier(session, typed_code(code))
        return store_letters.letters_of(session, dossier.id)


def _render_letter(
    ctx: DeskContext,
    spec: FormSpec,
    code: str,
    paper: str | None,
    details: FormDetails,
    now: datetime | None,
    issued_by: User | None,
    issued_by_name: str,
    *,
    user: User,
    copies: int,
) -> bytes:
    """Issue the letter (or find the one issued for the same event) and render it, in one
    transaction: a letter that fails to render gives its number back. The dossier's row is
    locked meanwhile, so two desks printing it at once issue one letter, not two. The log
    gets the letter's issue (with its number) and the print, in the same transaction."""
    at = now or now_in_office()
    with ctx.db.write() as session:
        dossier = store_dossiers.lock_dossier(session, typed_code(code))
        spec.check(dossier, at)
        event = answered_event(dossier, spec.name)
        if event is None:
            raise InvalidInput(
                f"Hồ sơ {dossier.code} chưa được hẹn lại ngày trả: ghi ngày hẹn mới trước khi "
                "in văn bản xin lỗi.",
                code="print.not_rescheduled",
            )
        letter = issued_for(store_letters.letters_of(session, dossier.id), spec.name, event)
        entries: list[AuditEntry] = []
        if letter is None:
            detail = _new_letter(ctx, spec.name, dossier, event, details)
            name = clean(issued_by.full_name if issued_by else issued_by_name)
            if not name:
                raise InvalidInput(
                    "Cần biết người ban hành văn bản (tài khoản đăng nhập hoặc --issued-by).",
                    code="print.issuer",
                )
            letter = store_letters.issue_letter(
                session,
                dossier_id=dossier.id,
                kind=spec.name,
                issued_at=at,
                issued_by_name=name,
                issued_by_user_id=issued_by.id if issued_by else None,
                detail=detail,
            )
            entries.append(
                store_audit.entry(
                    AuditAction.LETTER_ISSUED,
                    str(dossier.code),
                    at=at,
                    actor=issued_by,
                    actor_name=name,
                    detail={
                        "form": spec.name,
                        "number": letter.number,
                        "year": letter.year,
                        **detail,
                    },
                )
            )
        else:
            _check_reprint(ctx, spec, letter, details)
        pdf = spec.render(
            ctx.office,
            dossier,
            _letter_parameters(spec.name, letter),
            paper=paper or spec.default_paper,
            template_set=ctx.config.template_set,
            issued_on=to_office_time(letter.issued_at).date(),
        )
        entries.append(
            print_entry(
                user,
                spec.name,
                str(dossier.code),
                copies=copies,
                at=at,
                detail={"number": letter.number},
            )
        )
        store_audit.append(session, entries)
        return pdf


def _new_letter(
    ctx: DeskContext, kind: str, dossier: Dossier, event: StatusEvent, details: FormDetails
) -> dict[str, Any]:
    """What a new letter says, as its record keeps it (the detail JSON)."""
    signer = signer_for(details.signer or ctx.config.letter_signer).key
    detail: dict[str, Any] = {
        "event_revision": event.revision,
        "signer": signer,
        "signer_name": limits.SIGNER_NAME.check(
            details.signer_name or ctx.config.letter_signer_name
        ),
    }
    if kind == APOLOGY:
        reason = (
            details.reason or str(event.detail.get("reason", "")) or (dossier.reschedule_reason())
        )
        due_times = promised_due_times(dossier)
        detail |= {
            "reason": limits.REASON.check(reason),
            "due_times": [t.isoformat() for t in due_times],
        }
        if len(due_times) < 2:
            raise InvalidInput(
                f"Hồ sơ {dossier.code} chưa được hẹn lại ngày trả.", code="print.not_rescheduled"
            )
        return detail
    if details.citizen_requested is None:
        raise InvalidInput(
            "Cần trả lời: dừng giải quyết hồ sơ có theo đề nghị của công dân không?",
            code="print.citizen_requested",
            field="citizen_requested",
        )
    refunded = [[fee.name, fee.amount] for fee in dossier.fees] if details.refund_fees else []
    return detail | {
        "reason": limits.REASON.check(details.reason or event.note),
        "citizen_requested": details.citizen_requested,
        "refunded_fees": refunded,
    }


def _letter_parameters(kind: str, letter: Letter) -> Apology | StopNotice:
    detail = letter.detail
    common: dict[str, Any] = {
        "reason": str(detail.get("reason", "")),
        "signer": str(detail.get("signer", DEFAULT_SIGNER)),
        "signer_name": str(detail.get("signer_name", "")),
        "number": letter.number,
    }
    if kind == APOLOGY:
        due_times = [datetime.fromisoformat(str(value)) for value in detail["due_times"]]
        return Apology(new_due_at=due_times[-1], earlier_due_times=due_times[:-1], **common)
    return StopNotice(
        refunded_fees=tuple(
            Fee(str(name), int(amount)) for name, amount in detail["refunded_fees"]
        ),
        citizen_requested=bool(detail["citizen_requested"]),
        **common,
    )


def _check_reprint(ctx: DeskContext, spec: FormSpec, letter: Letter, details: FormDetails) -> None:
    """A reprint says what the letter said when it was issued: the clerk is told, rather
    than silently ignored, when what she typed now differs."""
    detail = letter.detail
    differs = (
        (details.reason and clean(details.reason) != detail.get("reason"))
        or (
            details.citizen_requested is not None
            and details.citizen_requested != detail.get("citizen_requested")
        )
        or (details.signer and signer_for(details.signer).key != detail.get("signer"))
        or (details.signer_name and clean(details.signer_name) != detail.get("signer_name"))
    )
    if differs:
        templates = templates_for(ctx.config.template_set)
        number = templates.number_line(spec.name, letter.number)
        what = spec.description[:1].upper() + spec.description[1:]
        raise InvalidInput(
            f"{what} ({number}) đã ban hành ngày "
            f"{to_office_time(letter.issued_at):%d/%m/%Y}: bản in lại giữ nguyên nội dung đã "
            "ban hành; bỏ các nội dung vừa ghi để in lại.",
            code="print.reprint_differs",
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
    drawn, the day's sequence is untouched); the form lists what to bring back. Its print
    is logged (it names the citizen), under the procedure's code."""
    from desk.printing.notices import render_supplement

    require(clerk, Permission.PRINT)
    at = at or now_in_office()
    intake.validate_request(request, party_names())
    procedure = ctx.catalogue().get(request.procedure_code)
    plan = intake.plan_intake(ctx.calendar, procedure, request, clerk, at)
    # A stand-in code only to build the domain object: recorded=False never prints it.
    stand_in = DossierCode(ctx.office.agency_id, plan.day, MAX_SEQUENCE)
    dossier = intake.new_dossier(plan, stand_in, request, clerk).as_dossier(0, plan.event)
    pdf = render_supplement(
        ctx.office, dossier, supplement, template_set=ctx.config.template_set, recorded=False
    )
    log_print(
        ctx,
        print_entry(clerk, "supplement", "", at=at, detail={"procedure": request.procedure_code}),
    )
    return pdf


def render_tracking_book(
    ctx: DeskContext, first_day: date, last_day: date | None = None, *, prepared_by: str = ""
) -> bytes:
    last_day = last_day or first_day
    if last_day < first_day:
        raise InvalidInput("Ngày kết thúc phải sau ngày bắt đầu.", code="print.range")
    if (last_day - first_day).days > 366:
        raise InvalidInput("Sổ theo dõi in tối đa một năm mỗi lần.", code="print.range")
    from desk.services.audit import record_book_printed

    user = ctx.require(Permission.PRINT)
    with ctx.db.read() as session:
        dossiers = store_dossiers.dossiers_received_between(session, first_day, last_day)
    # Logged before printing: the head at the book's foot includes this very print.
    log_head = record_book_printed(ctx, user, first_day, last_day, len(dossiers))
    return render_book(
        ctx.office,
        dossiers,
        first_day,
        last_day,
        template_set=ctx.config.template_set,
        prepared_by=prepared_by,
        log_head=log_head,
    )
