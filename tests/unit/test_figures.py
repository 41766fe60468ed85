"""How a dossier counts in the supervisor's figures (the domain's part: the store counts
the rows, tests/store/test_figures_store.py), judged by hand on a small office.

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
from desk.domain.figures import (
    FigureLine,
    PathStep,
    Period,
    RunningState,
    figure_facts,
    path_step,
    running_state,
    status_at,
    total_of,
)
from desk.domain.service_index import service_index_from_dict, shipped_service_index
from desk.domain.status import ActorKind, Status, StatusEvent
from desk.errors import ConfigurationError, InvalidInput
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


def test_what_each_row_keeps_for_the_figures() -> None:
    early, on_time, late, faulted, overdue, waiting, apologised, october, _, stopped = office()
    assert [figure_facts(d).timeliness for d in (early, on_time, late, faulted)] == [
        "early",
        "on_time",
        "late",
        "early",  # a day before the due time its pauses moved: early, but at fault
    ]
    # Not finished (running, waiting, stopped): no verdict yet, or ever.
    assert {figure_facts(d).timeliness for d in (overdue, waiting, stopped)} == {None}
    assert figure_facts(october).timeliness == "early"
    assert [figure_facts(d).office_fault for d in (early, faulted, apologised)] == [
        False,
        True,
        True,
    ]
    assert figure_facts(early).satisfaction is None  # returned before ratings were kept
    assert figure_facts(early).documents_scanned is False  # no scan among its papers


def test_where_a_dossier_stood_when_a_period_ended() -> None:
    _, on_time, late, faulted, overdue, waiting, apologised, *_ = office()
    midnight = at(THU, 0, 0)  # the end of Wednesday
    assert running_state(late, midnight) is RunningState.WITHIN_TIME
    assert running_state(waiting, midnight) is RunningState.AWAITING_PAPERS
    assert running_state(on_time, at(THU, 9, 0)) is RunningState.WITHIN_TIME  # ready at 09:00
    assert running_state(overdue, at(THU, 12, 0)) is RunningState.OVERDUE
    # The late apology does not move the legal due time: overdue by its first one.
    assert running_state(apologised, at(THU, 12, 0)) is RunningState.OVERDUE
    # The pauses moved the faulted one's due time to Friday 07:30: not overdue on Thursday.
    assert running_state(faulted, at(THU, 9, 45)) is RunningState.WITHIN_TIME
    assert running_state(faulted, at(FRI, 8, 0)) is None  # ready on Thursday
    assert running_state(late, at(date(2026, 11, 1), 9, 0)) is None  # not received yet


def test_the_steps_of_a_path_the_figures_count() -> None:
    faulted, apologised = office()[3], office()[6]
    steps = [path_step(e) for e in faulted.events]
    assert steps.count(PathStep.SUPPLEMENT_REQUEST) == 2
    assert [path_step(e) for e in apologised.events].count(PathStep.NEW_DUE_TIME) == 1


def test_the_status_at_a_moment_comes_from_the_history() -> None:
    late = office()[2]
    assert status_at(late, at(WED, 12, 0)) is Status.PROCESSING
    assert status_at(late, at(FRI, 9, 0)) is Status.RESULT_READY
    assert status_at(late, at(date(2026, 11, 1), 9, 0)) is None


def test_no_finished_dossier_means_no_rate_rather_than_zero() -> None:
    line = FigureLine()
    assert line.on_time_rate is None and line.finished == 0 and line.satisfaction_rate is None


def test_lines_add_up_and_rates_round_half_up() -> None:
    one = FigureLine(early=1, on_time=1, late=1, rated_satisfied=2, rated_neutral=1)
    two = FigureLine(on_time=2, on_time_with_fault=1, rated_dissatisfied=1)
    total = total_of([one, two])
    assert (total.finished, total.in_time, total.rated) == (5, 4, 4)
    assert total.on_time_rate == Decimal("60.0")  # (4 − 1) of 5
    assert one.on_time_rate == Decimal("66.7")  # 2 of 3, half up
    assert total.satisfaction_rate == Decimal("50.0")
    assert total.label == "Tổng cộng"


def test_a_period_that_ends_before_it_begins_is_refused() -> None:
    with pytest.raises(InvalidInput) as caught:
        Period(date(2026, 11, 30), date(2026, 11, 1))
    assert "Ngày cuối" in caught.value.message


@pytest.mark.parametrize(
    ("text", "to", "first", "last", "label"),
    [
        ("2026-11", None, date(2026, 11, 1), date(2026, 11, 30), "Tháng 11/2026"),
        ("2026-02", None, date(2026, 2, 1), date(2026, 2, 28), "Tháng 02/2026"),
        ("2026-Q4", None, date(2026, 10, 1), date(2026, 12, 31), "Quý IV/2026"),
        ("2026-q1", None, date(2026, 1, 1), date(2026, 3, 31), "Quý I/2026"),
        ("2026", None, date(2026, 1, 1), date(2026, 12, 31), "Năm 2026"),
        ("2026-11-05", None, date(2026, 11, 5), date(2026, 11, 5), "Ngày 05/11/2026"),
        (
            "2026-11",
            "2026-12",
            date(2026, 11, 1),
            date(2026, 12, 31),
            "Từ ngày 01/11/2026 đến ngày 31/12/2026",
        ),
    ],
)
def test_periods_are_named_the_way_a_report_is(
    text: str, to: str | None, first: date, last: date, label: str
) -> None:
    period = Period.parse(text, to)
    assert (period.first_day, period.last_day, period.label) == (first, last, label)


@pytest.mark.parametrize("text", ["2026-13", "11/2026", "2026-Q5", "", "2026-02-30"])
def test_a_period_that_is_not_one_is_refused_in_words(text: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        Period.parse(text)
    assert "không hợp lệ" in caught.value.message


def test_the_trend_is_the_twelve_months_up_to_the_chosen_one() -> None:
    months = Period.month(2026, 3).months_before(12)
    assert [m.label for m in (months[0], months[-1])] == ["Tháng 04/2025", "Tháng 03/2026"]
    assert len(months) == 12 and months[9].first_day == date(2026, 1, 1)


def test_the_service_index_scores_what_a_desk_can_know() -> None:
    index = shipped_service_index()
    assert index.target("on_time_rate").at_least == Decimal(98)  # type: ignore[union-attr]
    assert index.target("satisfaction_rate").at_least == Decimal(95)  # type: ignore[union-attr]
    assert index.known_points + sum(p for _, p in index.unknown) == Decimal(100)
    line = FigureLine(early=9, late=1, rated_satisfied=1, rated_neutral=1)
    scores = {s.indicator.key: s for s in index.scores(line)}
    assert scores["progress"].rate == Decimal("90.0")
    assert scores["progress"].points == Decimal("18.00")  # 20 × 90 %
    assert scores["satisfaction"].points == Decimal("9.00")  # 18 × 50 %
    assert scores["online_payment"].points is None  # nothing paid: nothing to score
    met = index.target("on_time_rate").met_by(line)  # type: ignore[union-attr]
    assert met is False


def test_a_service_index_file_naming_an_unknown_rate_is_refused() -> None:
    data = {
        "format": "commune-desk/service-index",
        "indicators": [{"key": "x", "label": "X", "points": 5, "rate": "speed"}],
    }
    with pytest.raises(ConfigurationError) as caught:
        service_index_from_dict(data, "chi-so.json")
    assert "speed" in caught.value.message and "chi-so.json" in caught.value.message
