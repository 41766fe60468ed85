"""Pull: the province's changes (``GET /hoso/thaydoi``) become audited transitions made by
the province, page by page.

Each page is applied, and the cursor stored, in one transaction: a crash neither skips a
change nor applies one twice. A change that cannot be applied (an unreadable status, a
dossier not at this desk, a transition the rules forbid) is logged and put in front of a
supervisor, never applied silently; one whose status the dossier already has is skipped.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from desk.domain import limits
from desk.domain.calendar import ProcessingTime, WorkingCalendar, now_in_office
from desk.domain.dossier import Actor, Dossier
from desk.domain.formats import moment_text
from desk.domain.intake import processing_for
from desk.domain.outbox import AttentionKind
from desk.domain.status import ActorKind, StatusEvent, check_transition
from desk.errors import IllegalTransition, NotFound
from desk.services.sync.state import RunState
from desk.store import dossiers as store_dossiers
from desk.store import office as store_office
from desk.store import sync_records
from desk.sync.errors import ProvinceProtocolError
from desk.sync.items import ProvinceChange
from desk.sync.report import SyncPhase

log = logging.getLogger(__name__)

FEED_CURSOR = "feed_cursor"
FEED_PAGE = 200
PROVINCE_ACTOR = "Hệ thống một cửa tỉnh"


@dataclass(frozen=True, slots=True)
class Refusal:
    """Why a province change is not applied, for the needs-attention list."""

    kind: AttentionKind
    reason: str


def pull_changes(state: RunState, phase: SyncPhase) -> None:
    """Read the feed from the stored cursor while the province says there is more."""
    ctx, report = state.ctx, state.report
    with ctx.db.read() as session:
        cursor = sync_records.get_state(session, FEED_CURSOR) or ""
    done = 0
    while True:
        state.cancel.check()
        page = state.connector.changes(cursor, FEED_PAGE)
        with ctx.db.write() as session:
            for raw in page.changes:
                change = ProvinceChange.read(raw)
                dossier: Dossier | None = None
                # A code that had to be cleaned or cut names no dossier for sure: not looked up.
                if change.status is not None and "MaHoSo" not in change.altered:
                    try:
                        dossier = store_dossiers.lock_dossier(session, change.code)
                    except NotFound:
                        dossier = None
                if dossier is not None and dossier.status is change.status:
                    log.info(
                        "province change for %s already applied (%s)",
                        change.code,
                        dossier.status.label,
                    )
                    report.changes_skipped += 1
                    continue
                refused = refusal(change, dossier)
                now = now_in_office()
                if refused is not None:
                    report.changes_skipped += 1
                    state.note_attention(
                        sync_records.add_attention(
                            session,
                            kind=refused.kind,
                            dossier_id=dossier.id if dossier is not None else None,
                            code=change.code or "?",
                            revision=dossier.revision if dossier is not None else None,
                            reason=refused.reason,
                            detail=change.detail,
                            now=now,
                        )
                    )
                    continue
                assert dossier is not None
                # The dossier's own time decides how a pause the province ends moves it.
                procedure = store_office.get_procedure(session, dossier.procedure_code)
                processing = processing_for(
                    procedure, dossier.needs_checks, form_data=dossier.form_data
                )
                event = province_transition(ctx.calendar, dossier, change, now, processing)
                store_dossiers.save_change(session, dossier, [event], now)
                report.changes_applied += 1
                if change.altered:
                    state.note_attention(
                        sync_records.add_attention(
                            session,
                            kind=AttentionKind.FEED_CLEANED,
                            dossier_id=dossier.id,
                            code=change.code,
                            revision=dossier.revision,
                            reason=(
                                f"Tỉnh gửi {', '.join(change.altered)} có ký tự không hợp lệ "
                                "hoặc dài quá mức; quầy đã làm sạch, cắt bớt rồi áp dụng "
                                f"(trạng thái «{change.status.label if change.status else ''}»). "
                                "Xem lại nội dung trong lịch sử hồ sơ."
                            ),
                            detail=change.detail,
                            now=now,
                        )
                    )
            sync_records.set_state(session, FEED_CURSOR, page.next_cursor, now_in_office())
        done += len(page.changes)
        state.tell(phase, done, 0, f"Đã nhận {done} thay đổi")
        if not page.more:
            return
        if page.next_cursor == cursor:
            raise ProvinceProtocolError(
                "Máy chủ tỉnh báo còn thay đổi nhưng không chuyển con trỏ (next)."
            )
        cursor = page.next_cursor


def refusal(change: ProvinceChange, dossier: Dossier | None) -> Refusal | None:
    """Why the change cannot be applied to the dossier it names (None: it can). ``dossier``
    is None when no dossier at this desk has its code."""
    if "MaHoSo" in change.altered:
        log.warning("province change with an unreadable MaHoSo skipped")
        return Refusal(
            AttentionKind.FEED_INVALID,
            f"Tỉnh gửi mã hồ sơ có ký tự không hợp lệ hoặc quá dài («{change.code}»).",
        )
    if change.status is None:
        log.warning(
            "province change for %s has an invalid status %r", change.code, change.status_text
        )
        return Refusal(
            AttentionKind.FEED_INVALID,
            f"Tỉnh gửi trạng thái «{change.status_text}» không hợp lệ.",
        )
    if dossier is None:
        log.warning("province change for unknown dossier %s skipped", change.code)
        return Refusal(
            AttentionKind.FEED_UNKNOWN,
            f"Tỉnh gửi thay đổi (trạng thái «{change.status.label}») cho hồ sơ không có "
            "ở quầy này.",
        )
    try:
        check_transition(dossier.status, change.status)
    except IllegalTransition as exc:
        log.warning(
            "province change for %s not applied: %s → %s is not allowed",
            change.code,
            int(dossier.status),
            int(change.status),
        )
        return Refusal(
            AttentionKind.FEED_ILLEGAL, f"Tỉnh chuyển sang «{change.status.label}»: {exc.message}"
        )
    return None


def province_transition(
    calendar: WorkingCalendar,
    dossier: Dossier,
    change: ProvinceChange,
    now: datetime,
    processing: ProcessingTime | None = None,
) -> StatusEvent:
    """Apply the change to the dossier as the province's transition: actor NguoiXuLy, time
    ThoiDiem, note GhiChu; a later NgayHenTra becomes the promised due time and
    NgayKetThucXuLy the finish time."""
    assert change.status is not None
    note = change.note
    if change.due is not None and change.due > dossier.promised_due_at:
        dossier.rescheduled_due_at = change.due
        note = (note + " " if note else "") + f"(Tỉnh hẹn trả mới: {moment_text(change.due)})"
    event = dossier.advance(
        calendar,
        change.status,
        at=change.at or now,
        actor=Actor(change.by or PROVINCE_ACTOR, kind=ActorKind.PROVINCE),
        note=limits.REASON.fit(note) or f"Tỉnh cập nhật trạng thái: {change.status.label}",
        processing=processing,
    )
    if change.finished is not None and dossier.finished_at is not None:
        dossier.finished_at = change.finished
    return event
