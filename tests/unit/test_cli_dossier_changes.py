"""``desk advance`` and ``desk reschedule``: a change the office's limits make its own
fault (DOMAIN §2) needs ``--fault-reason``; without it the command exits 2 and says why."""

from __future__ import annotations

from datetime import datetime

import pytest

from desk.cli import main
from desk.domain.calendar import OFFICE_TZ
from desk.domain.dossier import IntakeRequest, Person, ReceivedDocument
from desk.domain.office import User
from desk.domain.status import Status
from desk.services import dossiers, intake
from desk.services.context import DeskContext

MONDAY_9 = datetime(2026, 11, 16, 9, 0, tzinfo=OFFICE_TZ)  # marital status: due 19/11 09:00


def received(ctx: DeskContext, clerk: User) -> str:
    request = IntakeRequest(
        "1.004873",
        Person("Đỗ Thị Hương", id_number="025190123456", address="Thôn Đông, xã Yên Lạc"),
        documents=[ReceivedDocument("Tờ khai", code="TK", originals=1)],
    )
    return str(intake.receive_dossier(ctx, request, clerk, at=MONDAY_9).code)


def desk(ctx: DeskContext, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(["--db", str(ctx.db.url), *args])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def test_a_second_supplement_request_needs_a_fault_reason_on_the_command_line(
    ctx: DeskContext, clerk: User, capsys: pytest.CaptureFixture[str]
) -> None:
    code = received(ctx, clerk)
    user = ["--user", clerk.username]
    assert desk(ctx, capsys, "advance", code, "4", *user)[0] == 0
    assert desk(ctx, capsys, "advance", code, "5", *user, "--note", "Thiếu tờ khai")[0] == 0
    assert desk(ctx, capsys, "advance", code, "4", *user)[0] == 0
    second = ("advance", code, "5", *user, "--note", "Thiếu giấy khai sinh")
    status, said = desk(ctx, capsys, *second)
    assert status == 2
    assert "đã được yêu cầu bổ sung 1 lần" in said and "--fault-reason" in said
    assert dossiers.get_dossier(ctx, code).status is Status.PROCESSING
    status, said = desk(ctx, capsys, *second, "--fault-reason", "Lần đầu kiểm tra sót")
    assert status == 0, said
    assert "Lỗi của cơ quan: Yêu cầu bổ sung hồ sơ quá số lần cho phép" in said
    assert [f.reason for f in dossiers.get_dossier(ctx, code).office_faults()] == [
        "Lần đầu kiểm tra sót"
    ]


def test_a_late_new_due_time_needs_a_fault_reason_and_is_still_recorded(
    ctx: DeskContext, clerk: User, capsys: pytest.CaptureFixture[str]
) -> None:
    code = received(ctx, clerk)  # due 19/11/2026, long past
    change = ("reschedule", code, "--due", "2099-12-01 17:00", "--reason", "Chờ xác minh")
    status, said = desk(ctx, capsys, *change, "--user", clerk.username)
    assert status == 2 and "--fault-reason" in said
    assert dossiers.get_dossier(ctx, code).rescheduled_due_at is None
    status, said = desk(
        ctx, capsys, *change, "--user", clerk.username, "--fault-reason", "Quên gửi trước hạn"
    )
    assert status == 0, said
    assert "Hẹn lại ngày trả kết quả muộn" in said and "desk print apology" in said
    dossier = dossiers.get_dossier(ctx, code)
    assert dossier.rescheduled_due_at == datetime(2099, 12, 1, 17, 0, tzinfo=OFFICE_TZ)
    assert dossier.due_at == datetime(2026, 11, 19, 9, 0, tzinfo=OFFICE_TZ)  # the verdict's


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("--user", "khongco"), "khongco"),
        (("--user", "{clerk}", "--status", "11"), "11"),
        (("--user", "{clerk}", "--status", "10"), "Trả kết quả"),
    ],
)
def test_bad_input_on_the_command_line_exits_2_with_a_message(
    ctx: DeskContext,
    clerk: User,
    capsys: pytest.CaptureFixture[str],
    args: tuple[str, ...],
    words: str,
) -> None:
    code = received(ctx, clerk)
    options = [a.format(clerk=clerk.username) for a in args]
    status_code = "4"
    if "--status" in options:
        status_code = options.pop(options.index("--status") + 1)
        options.remove("--status")
    status, said = desk(ctx, capsys, "advance", code, status_code, *options)
    assert status == 2 and words in said and said.startswith("Lỗi:")
