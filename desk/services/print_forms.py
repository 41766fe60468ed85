"""What a print of a dossier's form needs beside the office's data, without SQLAlchemy:
the form's spec, the details the clerk may add, and the log entry of the print. Both
``desk.services.printing`` and the print path on sqlite3 alone
(``desk.services.quick_print``) use these."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from desk.domain.audit import AuditAction, AuditEntry, entry
from desk.domain.calendar import now_in_office
from desk.domain.dossier import Dossier
from desk.domain.office import User
from desk.domain.status import Status, StatusEvent
from desk.errors import InvalidInput
from desk.printing import FORMS, FormSpec
from desk.printing.notices import Refusal, SupplementRequest


@dataclass
class FormDetails:
    """What the clerk may add when printing; empty fields come from the history."""

    reason: str = ""
    missing_documents: list[str] = field(default_factory=list)
    rules_reference: str = ""
    guide_name: str = ""
    guide_phone: str = ""
    signer: str = ""  # "tm" / "kt" (desk.domain.letters.SIGNERS); "" = as configured
    signer_name: str = ""  # "" = as configured
    refund_fees: bool = False
    # Form 05: whether the citizen asked for the stop; None = not answered (needed to issue).
    citizen_requested: bool | None = None


def _last_event_to(dossier: Dossier, status: Status) -> StatusEvent | None:
    for event in reversed(dossier.events):
        if event.to_status is status and event.from_status is not status:
            return event
    return None


def parameters_of(form: str, dossier: Dossier, details: FormDetails) -> object | None:
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
    return None


def spec_of(form: str, paper: str | None) -> FormSpec:
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
    return spec


def print_entry(
    user: User,
    form: str,
    code: str,
    *,
    copies: int = 1,
    at: datetime | None = None,
    detail: dict[str, Any] | None = None,
) -> AuditEntry:
    return entry(
        AuditAction.DOSSIER_PRINTED,
        code or f"form:{form}",
        at=at or now_in_office(),
        actor=user,
        detail={"form": form, "code": code, "copies": copies, **(detail or {})},
    )
