"""Handing a result back: who collected it, how satisfied the citizen was, and the line of
the tracking book the collector signs.

Where it is kept (no schema change): ``dossier.form_data["handover"]`` holds the whole
record, ID number included, because the book and the province need it::

    {"collector": "applicant" | "proxy", "name": "…", "id_number": "…",
     "relation": "…", "satisfaction": "satisfied" | "neutral" | "dissatisfied",
     "at": "2026-11-20T16:05:00+07:00", "clerk": "Nguyễn Thị Hương"}

and the return event's note says it in words for the timeline, with the proxy's ID number
masked to its last four digits (the history is shown on screens and synced as progress
rows; the full number stays in the dossier). Both are written in the transaction that
marks the dossier returned.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from enum import Enum
from typing import Any

from desk.domain.calendar import OFFICE_TZ, now_in_office, to_office_time
from desk.domain.dossier import Dossier
from desk.domain.identity import parse_id_number
from desk.domain.office import User
from desk.domain.status import Status
from desk.domain.text import clean
from desk.errors import InvalidInput
from desk.services.context import DeskContext
from desk.services.dossiers import advance, get_dossier
from desk.store import repositories as repo

FORM_DATA_KEY = "handover"


class Satisfaction(Enum):
    """The citizen's rating when the result is handed back (SIPAS-style, three levels)."""

    SATISFIED = "satisfied"
    NEUTRAL = "neutral"
    DISSATISFIED = "dissatisfied"

    @property
    def label(self) -> str:
        return {
            "satisfied": "Hài lòng",
            "neutral": "Bình thường",
            "dissatisfied": "Không hài lòng",
        }[self.value]


@dataclass(frozen=True, slots=True)
class Handover:
    """Who collects the result. For the applicant the name and number may stay empty:
    they come from the dossier."""

    satisfaction: Satisfaction
    by_proxy: bool = False
    name: str = ""
    id_number: str = ""
    relation: str = ""  # the proxy's relation to the applicant, or "giấy ủy quyền số …"


def check_handover(handover: Handover) -> Handover:
    """The handover with its text cleaned; InvalidInput (Vietnamese) for a bad proxy."""
    name = clean(handover.name)
    number = clean(handover.id_number).replace(" ", "")
    if handover.by_proxy:
        if not name:
            raise InvalidInput(
                "Chưa nhập họ tên người nhận thay.", code="handover.name", field="name"
            )
        if not number:
            raise InvalidInput(
                "Người nhận thay phải xuất trình giấy tờ: nhập số định danh cá nhân (12 số).",
                code="handover.id_number",
                field="id_number",
            )
        number = parse_id_number(number).number
    return replace(handover, name=name, id_number=number, relation=clean(handover.relation))


def mask_id_number(number: str) -> str:
    return f"{'*' * (len(number) - 4)}{number[-4:]}" if len(number) > 4 else number


def handover_note(dossier: Dossier, handover: Handover) -> str:
    if handover.by_proxy:
        who = f"người nhận thay {handover.name} (số định danh {mask_id_number(handover.id_number)}"
        who += f", {handover.relation})" if handover.relation else ")"
    else:
        who = f"người nộp hồ sơ {dossier.applicant.full_name}"
    return f"Trả kết quả cho {who}. Đánh giá: {handover.satisfaction.label}."


def handover_record(
    dossier: Dossier, handover: Handover, clerk: User, at: datetime
) -> dict[str, Any]:
    applicant = dossier.applicant
    return {
        "collector": "proxy" if handover.by_proxy else "applicant",
        "name": handover.name if handover.by_proxy else applicant.full_name,
        "id_number": handover.id_number if handover.by_proxy else applicant.id_number,
        "relation": handover.relation if handover.by_proxy else "",
        "satisfaction": handover.satisfaction.value,
        "at": at.astimezone(OFFICE_TZ).isoformat(timespec="seconds"),
        "clerk": clerk.full_name,
    }


def hand_back(
    ctx: DeskContext,
    code: str,
    handover: Handover,
    clerk: User,
    *,
    same_day: bool = False,
    at: datetime | None = None,
) -> Dossier:
    """Mark the dossier returned with who collected it and the rating, in one transaction.

    ``same_day``: a dossier still «Được tiếp nhận» goes through «Đã xử lý xong» first
    (the "5 tại chỗ" path: received, done and returned in one sitting).
    """
    handover = check_handover(handover)
    at = at or now_in_office()
    with ctx.db.write() as session:
        dossier = repo.lock_dossier(session, clean(code).upper())
        if same_day and dossier.status is Status.RECEIVED:
            event = advance(
                ctx.calendar,
                dossier,
                Status.RESULT_READY,
                at=at,
                actor_name=clerk.full_name,
                actor_title=clerk.title,
                note="Giải quyết ngay trong ngày (5 tại chỗ)",
            )
            repo.append_event(session, dossier.id, dossier.revision, event, actor_user_id=clerk.id)
        if dossier.status is not Status.RESULT_READY:
            raise InvalidInput(
                f"Hồ sơ {dossier.code} đang «{dossier.status.label}»: chỉ trả được hồ sơ "
                f"«{Status.RESULT_READY.label}».",
                code="handover.state",
            )
        dossier.form_data = {
            **dossier.form_data,
            FORM_DATA_KEY: handover_record(dossier, handover, clerk, at),
        }
        event = advance(
            ctx.calendar,
            dossier,
            Status.RETURNED,
            at=at,
            actor_name=clerk.full_name,
            actor_title=clerk.title,
            note=handover_note(dossier, handover),
        )
        repo.update_dossier_state(session, dossier, at)
        repo.append_event(session, dossier.id, dossier.revision, event, actor_user_id=clerk.id)
        repo.queue_for_sync(session, dossier.id, dossier.revision, at)
    return dossier


def collected_by(dossier: Dossier) -> str:
    """Who collected the result, in words (empty before it was handed back)."""
    record = dossier.form_data.get(FORM_DATA_KEY)
    if not isinstance(record, dict):
        return ""
    if record.get("collector") == "proxy":
        relation = f", {record['relation']}" if record.get("relation") else ""
        return f"Nhận thay: {record.get('name', '')}{relation}"
    return f"Người nộp nhận: {record.get('name', '')}"


def satisfaction_of(dossier: Dossier) -> Satisfaction | None:
    record = dossier.form_data.get(FORM_DATA_KEY)
    if not isinstance(record, dict):
        return None
    try:
        return Satisfaction(record.get("satisfaction"))
    except ValueError:
        return None


def render_handover_line(ctx: DeskContext, code: str) -> bytes:
    """The dossier's line of the tracking book (form 07), for the collector to sign; its
    note column says who collected the result."""
    from desk.printing import render_book  # reportlab: loaded when first printing

    dossier = get_dossier(ctx, code)
    who = collected_by(dossier)
    shown = replace(dossier, note="; ".join(p for p in (who, dossier.note) if p))
    day = to_office_time(dossier.received_at).date()
    return render_book(
        ctx.office,
        [shown],
        day,
        template_set=ctx.config.template_set,
        prepared_by=clerk_name_of(dossier),
    )


def clerk_name_of(dossier: Dossier) -> str:
    record = dossier.form_data.get(FORM_DATA_KEY)
    if isinstance(record, dict) and record.get("clerk"):
        return str(record["clerk"])
    return dossier.clerk_name
