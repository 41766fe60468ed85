"""The supervisor's figures for a period, counted by hand on a small office.

Every dossier is a marital-status confirmation received Monday 23/11/2026 09:30 (three
working days; 24/11 is a holiday from 2026): due Thursday 26/11 09:30 unless a pause
moved it."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

import pytest

from desk.domain.calendar import WorkingCalendar
from desk.domain.codes import DossierCode
from desk.domain.dossier import Actor, Dossier
from desk.domain.figures import Period, office_figures, status_at
from desk.domain.path_limits import FaultKind
from desk.domain.status import ActorKind, Status, StatusEvent
from desk.errors import InvalidInput
from tests.unit.printing_factories import AGENCY_ID, RECEIVED_DAY, at, make_dossier

CLERK = Actor("Lê Thị Hồng Nhung", "Công chức Tư pháp - Hộ tịch", ActorKind.STAFF, 7)
CALENDAR = WorkingCalendar()
NOVEMBER = Period(date(2026, 11, 1), date(2026, 11, 30))
LATER = at(date(2026, 12, 10), 9, 0)
MON, WED, THU, FRI = (date(2026, 11, d) for d in (23, 25, 26, 27))


def dossier(number: int, **changes: Any) -> Dossier:
    return make_dossier(id=number, code=DossierCode(AGENCY_ID, RECEIVED_DAY, number), **changes)


def moved(d: Dossier, *steps: tuple[Status, datetime] | tuple[Status, datetime, str]) -> Dossier:
    for status, when, *rest in steps:
        note = "Thiếu bản sao giấy khai sinh" if status is Status.SUPPLEMENT_REQUESTED else ""
        d.advance(CALENDAR, status, at=when, actor=CLERK, note=note, fault_reason=(rest or [""])[0])
    return d


def office() -> list[Dossier]:
    processing = (Status.PROCESSING, at(MON, 10, 0))
    early = moved(dossier(1), processing, (Status.RESULT_READY, at(WED, 10, 0)))
    moved(early, (Status.RETURNED, at(FRI, 8, 0)))
    on_time = moved(dossier(2), processing, (Status.RESULT_READY, at(THU, 9, 0)))
    late = moved(dossier(3), processing, (Status.RESULT_READY, at(FRI, 9, 0)))
    # Two supplement requests, the second the office's fault; finished a day before the
    # due time the pauses moved it to (Friday 07:30): early, but counted against the office.
    faulted = moved(
        dossier(4),
        processing,
        (Status.SUPPLEMENT_REQUESTED, at(MON, 11, 0)),
        (Status.PROCESSING, at(WED, 8, 0)),
        (Status.SUPPLEMENT_REQUESTED, at(WED, 9, 0), "Lần đầu kiểm tra sót"),
        (Status.PROCESSING, at(WED, 10, 0)),
        (Status.RESULT_READY, at(THU, 10, 0)),
    )
    overdue = moved(dossier(5), processing)
    waiting = moved(dossier(6), processing, (Status.SUPPLEMENT_REQUESTED, at(WED, 9, 0)))
    apologised_late = moved(dossier(7), processing)
    apologised_late.reschedule(
        at(date(2026, 12, 2), 17, 0),
        "Chờ xác minh",
        at=at(FRI, 9, 0),
        actor=CLERK,
        fault_reason="Quên gửi văn bản trước hạn",
        calendar=CALENDAR,
    )
    october_day = date(2026, 10, 20)
    october = dossier(
        8,
        received_at=at(october_day, 9, 0),
        due_at=at(date(2026, 10, 23), 9, 0),
        events=[StatusEvent(at(october_day, 9, 0), None, Status.RECEIVED, CLERK.name)],
    )
    moved(
        october,
        (Status.PROCESSING, at(october_day, 10, 0)),
        (Status.RESULT_READY, at(date(2026, 10, 21), 10, 0)),
    )
    refused = dossier(9, status=Status.REFUSED)
    stopped = moved(dossier(10), processing)
    stopped.advance(CALENDAR, Status.STOPPED, at=at(WED, 9, 0), actor=CLERK, note="Giả mạo")
    return [
        early,
        on_time,
        late,
        faulted,
        overdue,
        waiting,
        apologised_late,
        october,
        refused,
        stopped,
    ]


def test_the_figures_of_a_month_counted_by_hand() -> None:
    figures = office_figures(office(), NOVEMBER, LATER)
    assert figures.as_of == NOVEMBER.end
    assert figures.received == 8  # not October's, not the refused one
    assert (figures.finished, figures.early, figures.on_time, figures.late) == (4, 2, 1, 1)
    assert figures.on_time_with_fault == 1
    assert figures.on_time_rate == Decimal("50.0")  # (2 + 1 − 1) of 4
    assert figures.on_time_rate_by_due_time == Decimal("75.0")
    assert figures.running_within_time == 1 and figures.awaiting_papers == 1
    assert (
        figures.running_overdue == 2
    )  # never finished, and the late apology's (by its first due time)
    assert figures.faults == {
        FaultKind.EXTRA_SUPPLEMENT_REQUEST: 1,
        FaultKind.EXTRA_NEW_DUE_TIME: 0,
        FaultKind.LATE_NEW_DUE_TIME: 1,
    }
    assert figures.total_faults == 2 and figures.dossiers_with_faults == 2


def test_a_dossier_finished_after_the_period_was_running_at_its_end() -> None:
    # 16–25/11: at midnight after Wednesday the late one (ready Friday) was still within
    # time, due Thursday 09:30.
    figures = office_figures(office(), Period(date(2026, 11, 16), WED), LATER)
    assert (figures.finished, figures.early) == (1, 1)
    assert figures.running_within_time == 6  # 2, 3, 4, 5, 7 and 6 (waiting for papers)
    assert figures.awaiting_papers == 1 and figures.running_overdue == 0
    assert figures.faults[FaultKind.EXTRA_SUPPLEMENT_REQUEST] == 1
    assert figures.faults[FaultKind.LATE_NEW_DUE_TIME] == 0  # recorded on Friday


def test_a_period_not_yet_over_is_looked_at_now() -> None:
    now = at(THU, 12, 0)
    figures = office_figures(office(), NOVEMBER, now)
    assert figures.as_of == now
    # Past Thursday 09:30 and still processing: 3 (ready Friday), 5 and 7.
    assert figures.running_overdue == 3


def test_the_status_at_a_moment_comes_from_the_history() -> None:
    late = office()[2]
    assert status_at(late, at(WED, 12, 0)) is Status.PROCESSING
    assert status_at(late, at(FRI, 9, 0)) is Status.RESULT_READY
    assert status_at(late, at(date(2026, 11, 1), 9, 0)) is None


def test_no_finished_dossier_means_no_rate_rather_than_zero() -> None:
    figures = office_figures([], NOVEMBER, LATER)
    assert figures.on_time_rate is None and figures.finished == 0


def test_a_period_that_ends_before_it_begins_is_refused() -> None:
    with pytest.raises(InvalidInput) as caught:
        Period(date(2026, 11, 30), date(2026, 11, 1))
    assert "Ngày cuối" in caught.value.message
