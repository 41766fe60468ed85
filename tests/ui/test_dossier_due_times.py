"""The dossier view says which due time its verdict was judged by (the legal one after
pauses, not the apology's new date) and lists every due time the dossier had."""

from __future__ import annotations

from datetime import datetime

import pytest

from desk.domain.calendar import OFFICE_TZ
from desk.domain.dossier import IntakeRequest, Person, ReceivedDocument
from desk.domain.status import Status
from desk.services import dossiers, intake
from tests.ui.dossier_helpers import open_dossier

pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)"
)


def at(d: int, h: int, mi: int = 0) -> datetime:
    return datetime(2026, 11, d, h, mi, tzinfo=OFFICE_TZ)


def test_the_view_names_the_due_time_it_judged_by_and_every_due_time_had(qtbot, ctx, clerk) -> None:
    # Marital status, 3 days: Mon 16/11 09:00 → Thu 19/11 09:00. Papers asked for 10:00,
    # back 14:00 (90 + 30 working minutes) → Thu 11:00. An apology promises Fri 17:00.
    request = IntakeRequest(
        "1.004873",
        Person("Đỗ Thị Hương", address="Thôn Đông, xã Yên Lạc"),
        documents=[ReceivedDocument("Tờ khai", code="TK", originals=1)],
    )
    code = str(intake.receive_dossier(ctx, request, clerk, at=at(16, 9)).code)
    dossiers.change_status(ctx, code, Status.PROCESSING, clerk, at=at(16, 9, 30))
    dossiers.change_status(
        ctx, code, Status.SUPPLEMENT_REQUESTED, clerk, note="Thiếu giấy", at=at(16, 10)
    )
    dossiers.change_status(ctx, code, Status.PROCESSING, clerk, at=at(16, 14))
    dossiers.reschedule(ctx, code, at(20, 17), "Chờ xác minh", clerk, at=at(16, 15))
    # Finished Friday morning: before the promised date, after the legal due time.
    dossiers.change_status(ctx, code, Status.RESULT_READY, clerk, at=at(20, 9))

    view = open_dossier(qtbot, ctx, clerk, code)
    facts = view.fact_texts()
    assert facts["Đúng hạn"] == (
        "Quá hạn — so với hạn theo quy định 11:00 19/11/2026 (đã tính thời gian chờ bổ sung)"
    )
    assert facts["Các hạn đã có"].splitlines() == [
        "09:00 19/11/2026 — Hạn theo quy định khi tiếp nhận (ghi lúc 09:00 16/11/2026)",
        "11:00 19/11/2026 — Nhận đủ giấy tờ bổ sung: hạn lùi thêm thời gian chờ"
        " (ghi lúc 14:00 16/11/2026)",
        "17:00 20/11/2026 — Hẹn lại (văn bản xin lỗi) (ghi lúc 15:00 16/11/2026)",
    ]


def test_a_running_dossier_has_no_verdict_yet_but_its_due_time_on_record(qtbot, ctx, clerk) -> None:
    request = IntakeRequest("1.001193", Person("Đỗ Thị Hương"))
    code = str(intake.receive_dossier(ctx, request, clerk, at=at(16, 15)).code)
    view = open_dossier(qtbot, ctx, clerk, code)
    facts = view.fact_texts()
    assert facts["Đúng hạn"] == "—"
    # 15:00 is still that day (the law says "after 15:00").
    assert facts["Các hạn đã có"] == (
        "17:00 16/11/2026 — Hạn theo quy định khi tiếp nhận (ghi lúc 15:00 16/11/2026)"
    )
