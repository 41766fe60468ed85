"""Receiving a dossier at the desk: one transaction, one code, never a gap."""

from __future__ import annotations

from datetime import datetime

from desk.domain.access import Permission, require
from desk.domain.calendar import now_in_office
from desk.domain.codes import DossierCode
from desk.domain.dossier import Dossier, IntakeRequest
from desk.domain.intake import IntakePlan, plan_intake, validate_request
from desk.domain.office import User
from desk.domain.status import Status
from desk.domain.text import clean
from desk.forms import party_names
from desk.services.context import DeskContext
from desk.store import counters as store_counters
from desk.store import dossiers as store_dossiers


def new_dossier(
    plan: IntakePlan, code: DossierCode, request: IntakeRequest, clerk: User
) -> store_dossiers.NewDossier:
    refused = plan.status is Status.REFUSED
    return store_dossiers.NewDossier(
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
        needs_checks=plan.needs_checks,
        received_at=plan.event.at,
        due_at=plan.due_at,
        clerk=clerk,
        form_data=request.form_data,
        note=clean(request.note),
        documents=plan.documents,
        fees=plan.fees,
        parties=request.parties,
        finished_at=plan.event.at if refused else None,
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
    written in one transaction: all of it or none of it. ``clerk`` receives it (RECEIVE).
    """
    require(clerk, Permission.RECEIVE)
    validate_request(request, party_names())
    at = at or now_in_office()
    procedure = ctx.catalogue().get(request.procedure_code)
    plan = plan_intake(ctx.calendar, procedure, request, clerk, at, refusal_reason)
    agency = ctx.office.agency_id
    # Every statement of a receive is the driver's: no ORM session, no SQLAlchemy
    # transaction object.
    with ctx.db.write_statements() as transaction:
        sequence = store_counters.allocate_sequence(
            transaction, agency, plan.day, ctx.config.sequence_block
        )
        new = new_dossier(plan, DossierCode(agency, plan.day, sequence), request, clerk)
        dossier_id = store_dossiers.insert_dossier(transaction, new, plan.event)
    return new.as_dossier(dossier_id, plan.event)
