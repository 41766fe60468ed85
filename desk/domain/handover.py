"""Handing a result back: who collected it, how satisfied the citizen was.

Where it is kept (no schema change): ``dossier.form_data["handover"]`` holds the whole
record, ID number included, because the book and the province need it::

    {"collector": "applicant" | "proxy", "name": "…", "id_number": "…",
     "relation": "…", "satisfaction": "satisfied" | "neutral" | "dissatisfied",
     "at": "2026-11-20T16:05:00+07:00", "clerk": "Nguyễn Thị Hương",
     "result_sha256": "…"}

``result_sha256`` names the scan of the result attached at hand-back (a stored attachment,
``desk.services.attachments``; the key is absent when the result was not scanned): the
digitisation of results counts it (DOMAIN §9).

and the return event's note says it in words for the timeline, with the proxy's ID number
masked to its last four digits (the history is shown on screens and synced as progress
rows; the full number stays in the dossier).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import datetime
from enum import Enum
from typing import Any

from desk.domain import limits
from desk.domain.calendar import OFFICE_TZ, WorkingCalendar
from desk.domain.dossier import Actor, Dossier
from desk.domain.identity import parse_id_number
from desk.domain.status import Status, StatusEvent, can_hand_back
from desk.errors import InvalidInput

FORM_DATA_KEY = "handover"
SAME_DAY_NOTE = "Giải quyết ngay trong ngày (5 tại chỗ)"
RESULT_SCAN_KEY = "result_sha256"
_SHA256 = re.compile(r"[0-9a-f]{64}")


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
    result_sha256: str = ""  # the stored scan of the result, when it was scanned


def check_handover(handover: Handover) -> Handover:
    """The handover with its text cleaned; InvalidInput (Vietnamese) for a bad proxy."""
    whose = "của người nhận thay"
    name = limits.PERSON_NAME.check(handover.name, what=whose)
    number = limits.ID_NUMBER.clean(handover.id_number)
    relation = limits.RELATION.check(handover.relation)
    if handover.result_sha256 and not _SHA256.fullmatch(handover.result_sha256):
        raise InvalidInput(
            "Bản quét kết quả không hợp lệ (mã SHA-256 phải gồm 64 chữ số thập lục phân).",
            code="handover.result_scan",
            field="result_scan",
        )
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
        limits.ID_NUMBER.check(number, what=whose)
        number = parse_id_number(number).number
    elif number:
        limits.ID_NUMBER.check(number, what=whose)
    return replace(handover, name=name, id_number=number, relation=relation)


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
    dossier: Dossier, handover: Handover, clerk_name: str, at: datetime
) -> dict[str, Any]:
    applicant = dossier.applicant
    record: dict[str, Any] = {
        "collector": "proxy" if handover.by_proxy else "applicant",
        "name": handover.name if handover.by_proxy else applicant.full_name,
        "id_number": handover.id_number if handover.by_proxy else applicant.id_number,
        "relation": handover.relation if handover.by_proxy else "",
        "satisfaction": handover.satisfaction.value,
        "at": at.astimezone(OFFICE_TZ).isoformat(timespec="seconds"),
        "clerk": clerk_name,
    }
    if handover.result_sha256:
        record[RESULT_SCAN_KEY] = handover.result_sha256
    return record


def hand_back(
    dossier: Dossier,
    calendar: WorkingCalendar,
    handover: Handover,
    *,
    at: datetime,
    clerk: Actor,
    same_day: bool = False,
) -> list[StatusEvent]:
    """Mark the dossier returned with who collected it and the rating; return the events
    to record. ``same_day``: a dossier still «Được tiếp nhận» goes through «Đã xử lý xong»
    first (the "5 tại chỗ" path: received, done and returned in one sitting)."""
    handover = check_handover(handover)
    if not can_hand_back(dossier.status, same_day=same_day):
        raise InvalidInput(
            f"Hồ sơ {dossier.code} đang «{dossier.status.label}»: chỉ trả được hồ sơ "
            f"«{Status.RESULT_READY.label}».",
            code="handover.state",
        )
    events = []
    if dossier.status is Status.RECEIVED:
        events.append(
            dossier.advance(calendar, Status.RESULT_READY, at=at, actor=clerk, note=SAME_DAY_NOTE)
        )
    dossier.form_data = {
        **dossier.form_data,
        FORM_DATA_KEY: handover_record(dossier, handover, clerk.name, at),
    }
    events.append(
        dossier.advance(
            calendar, Status.RETURNED, at=at, actor=clerk, note=handover_note(dossier, handover)
        )
    )
    return events


def _record(dossier: Dossier) -> dict[str, Any] | None:
    record = dossier.form_data.get(FORM_DATA_KEY)
    return record if isinstance(record, dict) else None


def collected_by(dossier: Dossier) -> str:
    """Who collected the result, in words (empty before it was handed back)."""
    record = _record(dossier)
    if record is None:
        return ""
    if record.get("collector") == "proxy":
        relation = f", {record['relation']}" if record.get("relation") else ""
        return f"Nhận thay: {record.get('name', '')}{relation}"
    return f"Người nộp nhận: {record.get('name', '')}"


def satisfaction_of(dossier: Dossier) -> Satisfaction | None:
    record = _record(dossier)
    if record is None:
        return None
    try:
        return Satisfaction(record.get("satisfaction"))
    except ValueError:
        return None


def result_scan_of(dossier: Dossier) -> str:
    """The SHA-256 of the result's scan attached at hand-back ("" when none)."""
    record = _record(dossier)
    scan = record.get(RESULT_SCAN_KEY) if record is not None else None
    return scan if isinstance(scan, str) and _SHA256.fullmatch(scan) else ""


def clerk_name_of(dossier: Dossier) -> str:
    """Who handed the result back, or else who received the dossier."""
    record = _record(dossier)
    if record is not None and record.get("clerk"):
        return str(record["clerk"])
    return dossier.clerk_name
