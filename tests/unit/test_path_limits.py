"""The limits the law puts on a dossier's path (DOMAIN §2): a second supplement request, a
second new due time and a new due time recorded late need a written reason, are recorded
as the office's fault and flagged on the dossier."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest

from desk.domain.calendar import WorkingCalendar
from desk.domain.dossier import Actor, Dossier
from desk.domain.path_limits import (
    NEW_DUE_TIME,
    SHIPPED_FILE,
    FaultKind,
    OfficeFault,
    load_path_limits,
    needs_fault_reason,
    office_path_limits,
    shipped_path_limits,
)
from desk.domain.status import ActorKind, Status
from desk.errors import ConfigurationError, InvalidInput
from tests.unit.printing_factories import at, make_dossier

CLERK = Actor("Lê Thị Hồng Nhung", "Công chức Tư pháp - Hộ tịch", ActorKind.STAFF, 7)
CALENDAR = WorkingCalendar()
LIMITS = shipped_path_limits()
# The marital-status dossier of the factories: received Monday 23/11/2026 09:30, three
# working days, due Thursday 26/11 09:30 (24/11 is a holiday from 2026).
WED_25 = date(2026, 11, 25)
THU_26 = date(2026, 11, 26)
FRI_27 = date(2026, 11, 27)


def processing() -> Dossier:
    dossier = make_dossier()
    dossier.advance(CALENDAR, Status.PROCESSING, at=at(date(2026, 11, 23), 10, 0), actor=CLERK)
    return dossier


def supplement_round(dossier: Dossier, asked: datetime, back: datetime) -> None:
    dossier.advance(
        CALENDAR, Status.SUPPLEMENT_REQUESTED, at=asked, actor=CLERK, note="Thiếu tờ khai"
    )
    dossier.advance(CALENDAR, Status.PROCESSING, at=back, actor=CLERK)


# --- the findings: each was accepted with no trace ------------------------------------


def test_a_second_supplement_request_without_a_fault_reason_is_refused() -> None:
    dossier = processing()
    supplement_round(dossier, at(date(2026, 11, 23), 11, 0), at(WED_25, 8, 0))
    before = dossier.revision
    with pytest.raises(InvalidInput) as caught:
        dossier.advance(
            CALENDAR,
            Status.SUPPLEMENT_REQUESTED,
            at=at(WED_25, 9, 0),
            actor=CLERK,
            note="Thiếu bản sao giấy khai sinh",
        )
    assert caught.value.field == "fault_reason"
    assert "lần" in caught.value.message
    assert dossier.status is Status.PROCESSING and dossier.revision == before


def test_a_second_new_due_time_without_a_fault_reason_is_refused() -> None:
    dossier = processing()
    dossier.reschedule(
        at(date(2026, 12, 1), 17, 0), "Chờ xác minh", at=at(date(2026, 11, 23), 11, 0), actor=CLERK
    )
    with pytest.raises(InvalidInput) as caught:
        dossier.reschedule(
            at(date(2026, 12, 4), 17, 0), "Chờ xác minh thêm", at=at(WED_25, 9, 0), actor=CLERK
        )
    assert caught.value.field == "fault_reason"
    assert dossier.rescheduled_due_at == at(date(2026, 12, 1), 17, 0)


def test_a_new_due_time_recorded_after_the_due_time_without_a_fault_reason_is_refused() -> None:
    dossier = processing()
    with pytest.raises(InvalidInput) as caught:
        dossier.reschedule(
            at(date(2026, 12, 1), 17, 0), "Chờ xác minh", at=at(FRI_27, 9, 0), actor=CLERK
        )
    assert caught.value.field == "fault_reason"
    assert dossier.rescheduled_due_at is None


# --- with a reason: recorded, flagged, and the rest of the change as before ------------


def test_a_second_supplement_request_with_a_reason_is_recorded_as_the_offices_fault() -> None:
    dossier = processing()
    supplement_round(dossier, at(date(2026, 11, 23), 11, 0), at(WED_25, 8, 0))
    event = dossier.advance(
        CALENDAR,
        Status.SUPPLEMENT_REQUESTED,
        at=at(WED_25, 9, 0),
        actor=CLERK,
        note="Thiếu bản sao giấy khai sinh",
        fault_reason="Lần đầu cán bộ kiểm tra sót giấy khai sinh",
    )
    assert event.detail == {
        "office_faults": ["extra_supplement_request"],
        "fault_reason": "Lần đầu cán bộ kiểm tra sót giấy khai sinh",
    }
    assert event.note == "Thiếu bản sao giấy khai sinh"  # the papers, printed on form 02
    assert dossier.office_faults() == [
        OfficeFault(
            FaultKind.EXTRA_SUPPLEMENT_REQUEST,
            at(WED_25, 9, 0),
            CLERK.name,
            "Lần đầu cán bộ kiểm tra sót giấy khai sinh",
        )
    ]
    # The clock still pauses: the fault counts against the office, not the citizen.
    assert dossier.paused_at == at(WED_25, 9, 0)


def test_the_first_supplement_request_is_no_fault() -> None:
    dossier = processing()
    event = dossier.advance(
        CALENDAR, Status.SUPPLEMENT_REQUESTED, at=at(WED_25, 9, 0), actor=CLERK, note="Thiếu"
    )
    assert event.detail == {} and dossier.office_faults() == []
    assert not needs_fault_reason(
        processing(), Status.SUPPLEMENT_REQUESTED, at=at(WED_25, 9, 0), limits=LIMITS
    )


def test_a_late_new_due_time_is_still_recorded_and_keeps_the_first_due_time() -> None:
    dossier = processing()
    first_due = dossier.due_at
    event = dossier.reschedule(
        at(date(2026, 12, 1), 17, 0),
        "Chờ xác minh",
        at=at(FRI_27, 9, 0),
        actor=CLERK,
        fault_reason="Chờ ý kiến của Công an xã quá hạn",
        calendar=CALENDAR,
    )
    assert dossier.rescheduled_due_at == at(date(2026, 12, 1), 17, 0)
    assert dossier.due_at == first_due
    assert event.detail["reason"] == "Chờ xác minh"  # the letter's reason, unchanged
    assert event.detail["office_faults"] == ["late_new_due_time"]
    assert [f.kind for f in dossier.office_faults()] == [FaultKind.LATE_NEW_DUE_TIME]


def test_a_second_new_due_time_that_is_also_late_is_both_faults() -> None:
    dossier = processing()
    dossier.reschedule(
        at(date(2026, 12, 1), 17, 0), "Chờ xác minh", at=at(WED_25, 8, 0), actor=CLERK
    )
    dossier.reschedule(
        at(date(2026, 12, 4), 17, 0),
        "Chờ xác minh thêm",
        at=at(date(2026, 12, 1), 16, 0),
        actor=CLERK,
        fault_reason="Công an xã chưa trả lời",
        calendar=CALENDAR,
    )
    assert [f.kind for f in dossier.office_faults()] == [
        FaultKind.EXTRA_NEW_DUE_TIME,
        FaultKind.LATE_NEW_DUE_TIME,
    ]
    assert dossier.new_due_times() == 2


@pytest.mark.parametrize(
    ("recorded", "late"),
    [
        (at(WED_25, 16, 59), False),  # the working day before the due day (Thursday)
        (at(THU_26, 7, 30), True),  # on the due day, before the due time
        (at(THU_26, 9, 31), True),  # after the due time
        (at(date(2026, 11, 24), 10, 0), False),  # a holiday, still before Wednesday
    ],
)
def test_the_notice_is_one_working_day_before_the_day_of_the_due_time_it_replaces(
    recorded: datetime, late: bool
) -> None:
    dossier = processing()
    assert (
        needs_fault_reason(dossier, NEW_DUE_TIME, at=recorded, limits=LIMITS, calendar=CALENDAR)
        is late
    )


def test_a_notice_of_two_working_days_skips_the_weekend() -> None:
    two_days = replace(LIMITS, new_due_notice_working_days=2)
    dossier = processing()
    dossier.due_at = at(date(2026, 11, 30), 9, 30)  # a Monday
    assert not needs_fault_reason(
        dossier, NEW_DUE_TIME, at=at(THU_26, 16, 0), limits=two_days, calendar=CALENDAR
    )
    assert needs_fault_reason(
        dossier, NEW_DUE_TIME, at=at(FRI_27, 8, 0), limits=two_days, calendar=CALENDAR
    )


def test_while_papers_are_awaited_the_due_time_replaced_moves_with_the_pause() -> None:
    dossier = processing()
    dossier.advance(
        CALENDAR, Status.SUPPLEMENT_REQUESTED, at=at(WED_25, 9, 30), actor=CLERK, note="Thiếu"
    )
    # Paused with a working day left: a week later the due time has not come closer.
    later = at(date(2026, 12, 2), 9, 0)
    assert not needs_fault_reason(dossier, NEW_DUE_TIME, at=later, limits=LIMITS, calendar=CALENDAR)


def test_the_provinces_system_is_not_asked_for_a_reason_but_the_fault_is_recorded() -> None:
    dossier = processing()
    supplement_round(dossier, at(date(2026, 11, 23), 11, 0), at(WED_25, 8, 0))
    province = Actor("Hệ thống một cửa tỉnh", kind=ActorKind.PROVINCE)
    event = dossier.advance(
        CALENDAR, Status.SUPPLEMENT_REQUESTED, at=at(WED_25, 9, 0), actor=province
    )
    assert event.detail["office_faults"] == ["extra_supplement_request"]


def test_an_office_allowing_two_supplement_requests_finds_no_fault_in_the_second() -> None:
    two = replace(LIMITS, supplement_requests_without_fault=2)
    dossier = processing()
    supplement_round(dossier, at(date(2026, 11, 23), 11, 0), at(WED_25, 8, 0))
    event = dossier.advance(
        CALENDAR,
        Status.SUPPLEMENT_REQUESTED,
        at=at(WED_25, 9, 0),
        actor=CLERK,
        note="Thiếu",
        limits=two,
    )
    assert event.detail == {}


def test_without_a_required_reason_the_fault_is_still_recorded() -> None:
    relaxed = replace(LIMITS, fault_needs_reason=False)
    dossier = processing()
    dossier.reschedule(
        at(date(2026, 12, 1), 17, 0),
        "Chờ xác minh",
        at=at(FRI_27, 9, 0),
        actor=CLERK,
        limits=relaxed,
    )
    assert dossier.office_faults()[0].kind is FaultKind.LATE_NEW_DUE_TIME


# --- the policy as data ---------------------------------------------------------------


def test_the_shipped_policy_holds_the_domain_defaults_and_its_legal_basis() -> None:
    assert LIMITS.supplement_requests_without_fault == 1
    assert LIMITS.new_due_times_without_fault == 1
    assert LIMITS.new_due_notice_working_days == 1
    assert LIMITS.fault_needs_reason is True
    assert "61/2018" in LIMITS.legal_basis


def test_an_office_file_in_the_data_folder_replaces_the_shipped_policy(tmp_path: Path) -> None:
    assert office_path_limits(tmp_path) == LIMITS
    own = tmp_path / "policy" / "path_limits.json"
    own.parent.mkdir()
    data = json.loads(SHIPPED_FILE.read_text(encoding="utf-8"))
    own.write_text(json.dumps({**data, "new_due_notice_working_days": 2}), encoding="utf-8")
    assert office_path_limits(tmp_path).new_due_notice_working_days == 2


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"supplement_requests_without_fault": -1}, "supplement_requests_without_fault"),
        ({"new_due_times_without_fault": "một"}, "new_due_times_without_fault"),
        ({"new_due_notice_working_days": 0.5}, "new_due_notice_working_days"),
        ({"fault_needs_reason": "có"}, "fault_needs_reason"),
        ({"format": "khác"}, "format"),
    ],
)
def test_a_broken_policy_file_says_what_is_wrong_in_vietnamese(
    tmp_path: Path, change: dict[str, object], words: str
) -> None:
    data = {**json.loads(SHIPPED_FILE.read_text(encoding="utf-8")), **change}
    path = tmp_path / "path_limits.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ConfigurationError) as caught:
        load_path_limits(path)
    assert words in caught.value.message and "phải" in caught.value.message


def test_a_policy_file_that_is_not_json_is_named(tmp_path: Path) -> None:
    path = tmp_path / "path_limits.json"
    path.write_text("{ hỏng", encoding="utf-8")
    with pytest.raises(ConfigurationError) as caught:
        load_path_limits(path)
    assert caught.value.code == "path_limits.json" and str(path) in caught.value.message
