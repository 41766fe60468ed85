"""``desk advance`` and ``desk reschedule``: a change the office's limits make its own
fault (DOMAIN §2) needs ``--fault-reason``; without it the command exits 2 and says why.
The signed-in clerk (DESK_USER) makes the change."""

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
from tests.e2e.identity import sign_in_as

MONDAY_9 = datetime(2026, 11, 16, 9, 0, tzinfo=OFFICE_TZ)  # marital status: due 19/11 09:00


def received(ctx: DeskContext, clerk: User) -> str:
    request = IntakeRequest(
        "1.004873",
        Person("Đỗ Thị Hương", id_number="025190123456", address="Thôn Đông, xã Yên Lạc"),
        documents=[ReceivedDocument("Tờ khai", code="TK", originals=1)],
    )
    return str(intake.receive_dossier(ctx, request, clerk, at=MONDAY_9).code)


@pytest.fixture(autouse=True)
def _as_the_clerk(clerk: User, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    sign_in_as(monkeypatch, tmp_path / "accounts", clerk.username)


def desk(ctx: DeskContext, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(["--db", str(ctx.db.url), *args])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def test_a_second_supplement_request_needs_a_fault_reason_on_the_command_line(
    ctx: DeskContext, clerk: User, capsys: pytest.CaptureFixture[str]
) -> None:
    code = received(ctx, clerk)
    assert desk(ctx, capsys, "advance", code, "4")[0] == 0
    assert desk(ctx, capsys, "advance", code, "5", "--note", "Thiếu tờ khai")[0] == 0
    assert desk(ctx, capsys, "advance", code, "4")[0] == 0
    assert dossiers.get_dossier(ctx, code).events[-1].actor_name == clerk.full_name
    second = ("advance", code, "5", "--note", "Thiếu giấy khai sinh")
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
    status, said = desk(ctx, capsys, *change)
    assert status == 2 and "--fault-reason" in said
    assert dossiers.get_dossier(ctx, code).rescheduled_due_at is None
    status, said = desk(ctx, capsys, *change, "--fault-reason", "Quên gửi trước hạn")
    assert status == 0, said
    assert "Hẹn lại ngày trả kết quả muộn" in said and "desk print apology" in said
    dossier = dossiers.get_dossier(ctx, code)
    assert dossier.rescheduled_due_at == datetime(2099, 12, 1, 17, 0, tzinfo=OFFICE_TZ)
    assert dossier.due_at == datetime(2026, 11, 19, 9, 0, tzinfo=OFFICE_TZ)  # the verdict's


@pytest.mark.parametrize(("status_code", "words"), [("11", "11"), ("10", "Trả kết quả")])
def test_bad_input_on_the_command_line_exits_2_with_a_message(
    ctx: DeskContext,
    clerk: User,
    capsys: pytest.CaptureFixture[str],
    status_code: str,
    words: str,
) -> None:
    code = received(ctx, clerk)
    status, said = desk(ctx, capsys, "advance", code, status_code)
    assert status == 2 and words in said and said.startswith("Lỗi:")


def test_an_unknown_account_changes_nothing(
    ctx: DeskContext,
    clerk: User,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    code = received(ctx, clerk)
    sign_in_as(monkeypatch, tmp_path / "accounts", "khongco", "mat-khau-nao-do")
    status, said = desk(ctx, capsys, "advance", code, "4")
    assert status == 2 and "Sai tên đăng nhập hoặc mật khẩu" in said
    assert dossiers.get_dossier(ctx, code).status is Status.RECEIVED
