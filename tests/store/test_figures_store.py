"""``desk figures``: the store finds the dossiers a period can count, the domain counts
them, the command prints them in Vietnamese. Values counted by hand.

Marital-status confirmations received Monday 16/11/2026 09:00: three working days, due
Thursday 19/11 09:00 unless a pause moved it."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from desk.cli import main
from desk.domain.calendar import OFFICE_TZ
from desk.domain.dossier import IntakeRequest, Person, ReceivedDocument
from desk.domain.office import User
from desk.domain.status import Status
from desk.services import dossiers, intake
from desk.services.context import DeskContext
from desk.store.figures import period_dossier_ids
from tests.e2e.identity import sign_in_as


def moment(day: int, hour: int, minute: int = 0, month: int = 11) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=OFFICE_TZ)


def received(ctx: DeskContext, clerk: User, at: datetime, **extra: str) -> str:
    request = IntakeRequest(
        "1.004873",
        Person("Đỗ Thị Hương", id_number="025190123456", address="Thôn Đông, xã Yên Lạc"),
        documents=[ReceivedDocument("Tờ khai", code="TK", originals=1)],
    )
    return str(intake.receive_dossier(ctx, request, clerk, at=at, **extra).code)


def steps(ctx: DeskContext, clerk: User, code: str, *changes: tuple) -> None:
    for status, at, *fault in changes:
        note = "Thiếu bản sao giấy khai sinh" if status is Status.SUPPLEMENT_REQUESTED else ""
        dossiers.change_status(
            ctx, code, status, clerk, note=note, at=at, fault_reason=(fault or [""])[0]
        )


@pytest.fixture
def november(ctx: DeskContext, clerk: User) -> dict[str, str]:
    start = moment(16, 9)
    codes = {name: received(ctx, clerk, start) for name in ("early", "faulted", "late", "open")}
    processing = (Status.PROCESSING, moment(16, 10))
    steps(ctx, clerk, codes["early"], processing, (Status.RESULT_READY, moment(18, 10)))
    # Two pauses of an hour each move the due time to Thursday 11:00: ready at 10:30 is on
    # time, but the second supplement request was the office's fault.
    steps(
        ctx,
        clerk,
        codes["faulted"],
        processing,
        (Status.SUPPLEMENT_REQUESTED, moment(16, 11)),
        (Status.PROCESSING, moment(16, 14)),
        (Status.SUPPLEMENT_REQUESTED, moment(17, 9), "Lần đầu kiểm tra sót"),
        (Status.PROCESSING, moment(17, 10)),
        (Status.RESULT_READY, moment(19, 10, 30)),
    )
    steps(ctx, clerk, codes["late"], processing)
    dossiers.reschedule(
        ctx,
        codes["late"],
        moment(25, 17),
        "Chờ xác minh",
        clerk,
        at=moment(20, 9),
        fault_reason="Quên gửi văn bản trước hạn",
    )
    steps(ctx, clerk, codes["late"], (Status.RESULT_READY, moment(23, 10)))
    steps(ctx, clerk, codes["open"], processing)
    codes["october"] = received(ctx, clerk, moment(12, 9, month=10))
    steps(
        ctx,
        clerk,
        codes["october"],
        (Status.PROCESSING, moment(12, 10, month=10)),
        (Status.RESULT_READY, moment(13, 10, month=10)),
    )
    codes["refused"] = received(ctx, clerk, start, refusal_reason="Không thuộc thẩm quyền")
    return codes


def test_only_the_dossiers_that_can_count_are_loaded(
    ctx: DeskContext, november: dict[str, str]
) -> None:
    with ctx.db.read() as session:
        ids = period_dossier_ids(session, moment(1, 0), moment(1, 0, month=12))
    expected = {
        dossiers.get_dossier(ctx, november[n]).id for n in ("early", "faulted", "late", "open")
    }
    assert set(ids) == expected  # not October's finished one, not the refused one


@pytest.fixture
def supervisor(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """``desk figures`` runs as the demo supervisor (figures are a supervisor's)."""
    sign_in_as(monkeypatch, tmp_path / "accounts", "lanhdao")


@pytest.mark.usefixtures("supervisor")
def test_desk_figures_prints_the_months_figures(
    ctx: DeskContext, november: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    status = main(
        ["--db", str(ctx.db.url), "figures", "--from", "2026-11-01", "--to", "2026-11-30"]
    )
    out = capsys.readouterr().out
    assert status == 0
    lines = out.splitlines()
    assert lines[0] == "Số liệu từ 01/11/2026 đến 30/11/2026"
    for expected in (
        "Hồ sơ tiếp nhận: 4",
        "Hồ sơ đã giải quyết: 3",
        "  Trước hạn: 1",
        "  Đúng hạn: 1",
        "  Quá hạn: 1",
        "  Trước hạn, đúng hạn nhưng có lỗi của cơ quan (tính là không đúng hạn): 1",
        "Tỷ lệ đúng hạn: 33,3% (chỉ theo hạn giải quyết: 66,7%)",
        "Đang giải quyết khi hết kỳ:",
        "  Trong hạn: 0 (trong đó chờ bổ sung: 0)",
        "  Quá hạn: 1",
        "Lỗi của cơ quan trong kỳ: 2 (ở 2 hồ sơ)",
        "  Yêu cầu bổ sung hồ sơ quá số lần cho phép: 1",
        "  Hẹn lại ngày trả kết quả quá số lần cho phép: 0",
        "  Hẹn lại ngày trả kết quả muộn: 1",
    ):
        assert expected in lines, (expected, out)


@pytest.mark.usefixtures("supervisor")
def test_a_bad_period_exits_2_with_a_message(
    ctx: DeskContext, capsys: pytest.CaptureFixture[str]
) -> None:
    status = main(
        ["--db", str(ctx.db.url), "figures", "--from", "2026-11-30", "--to", "2026-11-01"]
    )
    assert status == 2 and "Ngày cuối" in capsys.readouterr().err
    status = main(
        ["--db", str(ctx.db.url), "figures", "--from", "30/11/2026", "--to", "2026-12-01"]
    )
    assert status == 2 and "YYYY-MM-DD" in capsys.readouterr().err
