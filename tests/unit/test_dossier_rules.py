"""The dossier's life as the domain decides it: the effects of a transition, reasons, the
new due time of an apology letter, overdue, and handing a result back."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from desk.domain.calendar import WorkingCalendar
from desk.domain.dossier import Actor, Dossier, DossierSummary
from desk.domain.handover import Handover, Satisfaction, hand_back
from desk.domain.status import (
    RUNNING_STATUSES,
    TRANSITION_REASONS,
    ActorKind,
    Status,
    StatusEvent,
    can_hand_back,
    can_reschedule,
)
from desk.errors import InvalidInput
from tests.unit.printing_factories import at, make_dossier

CLERK = Actor("Lê Thị Hồng Nhung", "Công chức Tư pháp - Hộ tịch", ActorKind.STAFF, 7)
CALENDAR = WorkingCalendar()


def processing() -> Dossier:
    dossier = make_dossier()
    dossier.advance(CALENDAR, Status.PROCESSING, at=at(date(2026, 11, 23), 10, 0), actor=CLERK)
    return dossier


def test_each_change_raises_the_revision_and_the_event_carries_it_and_its_actor() -> None:
    dossier = make_dossier()
    event = dossier.advance(
        CALENDAR, Status.PROCESSING, at=at(date(2026, 11, 23), 10, 0), actor=CLERK
    )
    assert dossier.revision == 2 and event.revision == 2
    assert event.actor_user_id == 7 and event.actor_name == CLERK.name
    assert dossier.events[-1] is event
    assert (event.from_status, event.to_status) == (Status.RECEIVED, Status.PROCESSING)


@pytest.mark.parametrize("target", sorted(t for t, needed in TRANSITION_REASONS.items() if needed))
def test_staff_cannot_withdraw_stop_or_ask_for_papers_without_a_reason(target: Status) -> None:
    dossier = processing()
    with pytest.raises(InvalidInput) as caught:
        dossier.advance(CALENDAR, target, at=at(date(2026, 11, 23), 11, 0), actor=CLERK, note=" ")
    assert caught.value.code == "transition.reason"
    assert dossier.status is Status.PROCESSING and dossier.revision == 2


def test_the_province_may_move_a_dossier_without_a_reason() -> None:
    dossier = processing()
    province = Actor("Hệ thống một cửa tỉnh", kind=ActorKind.PROVINCE)
    dossier.advance(CALENDAR, Status.STOPPED, at=at(date(2026, 11, 23), 11, 0), actor=province)
    assert dossier.status is Status.STOPPED and dossier.finished_at is not None


def test_a_supplement_pause_moves_the_due_time_by_the_working_time_waited() -> None:
    dossier = processing()
    due = dossier.due_at
    # Wednesday 10:00 to Thursday 10:00: one working day (24/11 is a holiday from 2026).
    dossier.advance(
        CALENDAR,
        Status.SUPPLEMENT_REQUESTED,
        at=at(date(2026, 11, 25), 10, 0),
        actor=CLERK,
        note="Thiếu bản sao giấy khai sinh",
    )
    assert dossier.paused_at is not None
    assert not dossier.is_overdue(due + timedelta(days=30))  # the clock is paused
    dossier.advance(CALENDAR, Status.PROCESSING, at=at(date(2026, 11, 26), 10, 0), actor=CLERK)
    assert dossier.paused_at is None
    assert due == at(date(2026, 11, 26), 9, 30)
    assert dossier.due_at == at(date(2026, 11, 27), 9, 30)


def test_a_new_due_time_keeps_its_reason_as_data_whatever_the_note_says() -> None:
    dossier = processing()
    new_due = dossier.due_at + timedelta(days=3)
    event = dossier.reschedule(
        new_due, "Chờ kết quả xác minh", at=at(date(2026, 11, 24), 9, 0), actor=CLERK
    )
    assert dossier.rescheduled_due_at == new_due and dossier.promised_due_at == new_due
    assert event.detail == {
        "kind": "reschedule",
        "new_due_at": new_due.isoformat(),
        "reason": "Chờ kết quả xác minh",
    }
    # The timeline's wording may change: the apology letter reads the detail.
    dossier.events[-1] = replace(event, note="Gia hạn (viết khác đi)")
    assert dossier.reschedule_reason() == "Chờ kết quả xác minh"


def test_a_reason_recorded_before_events_had_a_detail_is_still_read() -> None:
    dossier = processing()
    legacy = StatusEvent(
        at(date(2026, 11, 24), 9, 0),
        Status.PROCESSING,
        Status.PROCESSING,
        CLERK.name,
        note="Hẹn lại ngày trả kết quả: 09:00 30/11/2026. Lý do: Chờ UBND huyện trả lời",
    )
    dossier.events.append(legacy)
    assert dossier.reschedule_reason() == "Chờ UBND huyện trả lời"


@pytest.mark.parametrize("status", [Status.RESULT_READY, Status.RETURNED, Status.STOPPED])
def test_no_new_due_time_once_the_result_is_ready_or_the_dossier_ended(status: Status) -> None:
    assert not can_reschedule(status)
    dossier = make_dossier(status=status)
    with pytest.raises(InvalidInput) as caught:
        dossier.reschedule(
            dossier.due_at + timedelta(days=2), "Lý do", at=dossier.received_at, actor=CLERK
        )
    assert caught.value.code == "reschedule.state"


def test_overdue_is_one_rule_for_the_dossier_and_its_list_line() -> None:
    dossier = processing()
    later = dossier.due_at + timedelta(minutes=1)
    summary = DossierSummary(
        dossier.id,
        str(dossier.code),
        dossier.procedure_code,
        dossier.procedure_name,
        dossier.applicant.full_name,
        dossier.applicant.phone,
        dossier.status,
        dossier.received_at,
        dossier.due_at,
        None,
        None,
        dossier.clerk_name,
    )
    for status in Status:
        dossier.status = status
        summary = replace(summary, status=status)
        assert (
            dossier.is_overdue(later) == summary.is_overdue(later) == (status in RUNNING_STATUSES)
        ), status
    assert not summary.is_overdue(dossier.due_at)


def test_the_same_day_path_hands_back_a_dossier_still_received() -> None:
    assert can_hand_back(Status.RECEIVED, same_day=True)
    assert not can_hand_back(Status.RECEIVED)
    dossier = make_dossier()
    events = hand_back(
        dossier,
        CALENDAR,
        Handover(Satisfaction.SATISFIED),
        at=at(date(2026, 11, 23), 10, 0),
        clerk=CLERK,
        same_day=True,
    )
    assert [e.to_status for e in events] == [Status.RESULT_READY, Status.RETURNED]
    assert [e.revision for e in events] == [2, 3]
    assert dossier.form_data["handover"]["clerk"] == CLERK.name


def test_a_dossier_in_processing_cannot_be_handed_back() -> None:
    dossier = processing()
    with pytest.raises(InvalidInput) as caught:
        hand_back(
            dossier,
            CALENDAR,
            Handover(Satisfaction.SATISFIED),
            at=at(date(2026, 11, 23), 11, 0),
            clerk=CLERK,
            same_day=True,
        )
    assert caught.value.code == "handover.state"
    assert dossier.revision == 2
