"""Every due time a dossier had stays on record, and the verdict is judged against the legal
one after pauses, never against an apology's new date (DOMAIN §2, §6)."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from desk.domain.calendar import OFFICE_TZ, WorkingCalendar
from desk.domain.dossier import Actor, DueChangeKind, IntakeRequest, Person, Timeliness
from desk.domain.office import User
from desk.domain.status import Status
from desk.services import dossiers, intake
from desk.services.context import DeskContext
from tests.unit.printing_factories import make_dossier

MARRIAGE = "1.000894"  # same day, 15:00 cut-off
MARITAL_STATUS = "1.004873"  # 3 working days
CERTIFIED_COPY = "2.000815"  # same day; 2 working days added when checks are needed


def at(y: int, mo: int, d: int, h: int = 0, mi: int = 0) -> datetime:
    return datetime(y, mo, d, h, mi, tzinfo=OFFICE_TZ)


def receive(
    ctx: DeskContext, clerk: User, code: str, when: datetime, *, checks: bool = False
) -> str:
    request = IntakeRequest(code, Person("Nguyễn Văn An"), needs_checks=checks)
    return str(intake.receive_dossier(ctx, request, clerk, at=when).code)


def test_the_demo_marriage_back_at_07_13_and_finished_at_11_22_is_on_time(
    ctx: DeskContext, clerk: User
) -> None:
    # Thu 22/10/2026 09:00, due 17:00 that day; papers asked for at 10:00, back Fri 07:13.
    code = receive(ctx, clerk, MARRIAGE, at(2026, 10, 22, 9))
    dossiers.change_status(ctx, code, Status.PROCESSING, clerk, at=at(2026, 10, 22, 9, 30))
    dossiers.change_status(
        ctx, code, Status.SUPPLEMENT_REQUESTED, clerk, note="Thiếu giấy", at=at(2026, 10, 22, 10)
    )
    dossiers.change_status(ctx, code, Status.PROCESSING, clerk, at=at(2026, 10, 23, 7, 13))
    done = dossiers.change_status(
        ctx, code, Status.RESULT_READY, clerk, at=at(2026, 10, 23, 11, 22)
    )
    # The same-day rule from the papers' arrival: Fri 17:00, not 17:00 + the time waited.
    assert done.due_at == at(2026, 10, 23, 17)
    assert done.timeliness() is Timeliness.ON_TIME
    resume = next(e for e in done.events if e.detail.get("kind") == "resume")
    assert dict(resume.detail) == {
        "kind": "resume",
        "due_at_before": at(2026, 10, 22, 17).isoformat(),
        "due_at": at(2026, 10, 23, 17).isoformat(),
        "rule": "same_day",
    }
    history = dossiers.get_dossier(ctx, code).due_history()
    assert [(c.at, c.due_at, c.kind) for c in history] == [
        (at(2026, 10, 22, 9), at(2026, 10, 22, 17), DueChangeKind.INTAKE),
        (at(2026, 10, 23, 7, 13), at(2026, 10, 23, 17), DueChangeKind.SAME_DAY),
    ]


def test_a_multi_day_dossier_keeps_every_due_time_and_is_judged_by_the_legal_one(
    ctx: DeskContext, clerk: User
) -> None:
    # Mon 9/3/2026 09:00 + 3 days → Thu 12/3 09:00; a pause of one working day → Fri 09:00.
    code = receive(ctx, clerk, MARITAL_STATUS, at(2026, 3, 9, 9))
    dossiers.change_status(ctx, code, Status.PROCESSING, clerk, at=at(2026, 3, 9, 9, 30))
    dossiers.change_status(
        ctx, code, Status.SUPPLEMENT_REQUESTED, clerk, note="Thiếu giấy", at=at(2026, 3, 9, 10)
    )
    dossiers.change_status(ctx, code, Status.PROCESSING, clerk, at=at(2026, 3, 10, 10))
    dossiers.reschedule(
        ctx, code, at(2026, 3, 16, 17), "Chờ cơ quan khác trả lời", clerk, at=at(2026, 3, 10, 11)
    )
    # Finished Monday, before the apology's date but after the legal due time: late.
    done = dossiers.change_status(ctx, code, Status.RESULT_READY, clerk, at=at(2026, 3, 16, 10))
    assert done.due_at == at(2026, 3, 13, 9)
    assert done.timeliness() is Timeliness.LATE
    assert [(c.due_at, c.kind) for c in done.due_history()] == [
        (at(2026, 3, 12, 9), DueChangeKind.INTAKE),
        (at(2026, 3, 13, 9), DueChangeKind.MOVED),
        (at(2026, 3, 16, 17), DueChangeKind.RESCHEDULED),
    ]
    assert done.waited_for_papers


def test_a_certified_copy_needing_checks_is_due_two_days_after_the_same_day_time(
    ctx: DeskContext, clerk: User
) -> None:
    code = receive(ctx, clerk, CERTIFIED_COPY, at(2026, 11, 2, 15, 56), checks=True)
    dossier = dossiers.get_dossier(ctx, code)
    assert dossier.due_at == at(2026, 11, 5, 17)
    # Same day plus checks moves by the working time waited: 2 h → Fri 6/11 09:00.
    dossiers.change_status(ctx, code, Status.PROCESSING, clerk, at=at(2026, 11, 3, 8))
    dossiers.change_status(
        ctx, code, Status.SUPPLEMENT_REQUESTED, clerk, note="Thiếu trang", at=at(2026, 11, 3, 9)
    )
    moved = dossiers.change_status(ctx, code, Status.PROCESSING, clerk, at=at(2026, 11, 3, 11))
    assert moved.due_at == at(2026, 11, 6, 9)
    assert moved.due_history()[-1].kind is DueChangeKind.MOVED


def test_a_same_day_dossier_is_not_resumed_without_its_processing_time() -> None:
    dossier = make_dossier(
        status=Status.SUPPLEMENT_REQUESTED, processing_days="0", paused_at=at(2026, 11, 23, 10)
    )
    clerk = Actor("Lê Thị Hồng Nhung")
    with pytest.raises(ValueError, match="processing time"):
        dossier.advance(WorkingCalendar(), Status.PROCESSING, at=at(2026, 11, 24, 8), actor=clerk)


def test_a_dossier_recorded_before_due_times_were_kept_shows_its_legal_due_time() -> None:
    dossier = make_dossier()
    assert not any(event.detail for event in dossier.events)
    history = dossier.due_history()
    assert [(c.due_at, c.kind) for c in history] == [(dossier.due_at, DueChangeKind.RECORDED)]
    assert history[0].kind.is_legal
    assert not dossier.waited_for_papers
    assert date(2026, 11, 26) == history[0].due_at.date()
