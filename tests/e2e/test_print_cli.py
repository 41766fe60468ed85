"""`desk print` as a user runs it: PDFs with the dossier's own text, clear refusals."""

from __future__ import annotations

import io
import os
import subprocess
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader

from desk.config import DeskConfig
from desk.domain.calendar import OFFICE_TZ
from desk.domain.dossier import IntakeRequest, Person, ReceivedDocument
from desk.domain.status import Status
from desk.services import demo, dossiers, intake
from desk.services.context import DeskContext
from tests.e2e.test_cli import desk as run_desk


def desk(*args: str, data: Path) -> subprocess.CompletedProcess[str]:
    """``desk ARGS`` run by a clerk (printing is a clerk's work)."""
    return run_desk(*args, data=data, user="canbo1")


FormOffice = tuple[Path, dict[str, str]]  # the data folder, and a dossier code per state
MONDAY_9 = datetime(2026, 11, 16, 9, 0, tzinfo=OFFICE_TZ)


def pdf_text(path: Path) -> str:
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    return "\n".join(page.extract_text() for page in reader.pages)


@pytest.fixture
def office(tmp_path: Path) -> FormOffice:
    """A demo office with one dossier in each state a form needs."""
    data = Path(os.environ["DESK_DATA_DIR"])
    ctx = DeskContext.open(DeskConfig(data_dir=data))
    demo.ensure_demo_office(ctx)
    clerk = demo.demo_clerks(ctx)[0]

    def receive(name: str, **extra: str) -> str:
        request = IntakeRequest(
            "1.004873",
            Person(name, id_number="025190123456", address="Thôn Nam, xã Yên Lạc"),
            documents=[ReceivedDocument("Tờ khai", code="TK", originals=1)],
        )
        return str(intake.receive_dossier(ctx, request, clerk, at=MONDAY_9, **extra).code)

    codes = {
        "received": receive("Nguyễn Thị Hồng Nhung"),
        "refused": receive("Trần Văn Bình", refusal_reason="Không thuộc thẩm quyền của xã"),
        "supplement": receive("Lê Thị Đào"),
        "stopped": receive("Phạm Văn Đức"),
        "late": receive("Hoàng Thị Yến"),
    }
    for key in ("supplement", "stopped", "late"):
        dossiers.change_status(
            ctx, codes[key], Status.PROCESSING, clerk, at=MONDAY_9 + timedelta(hours=1)
        )
    dossiers.change_status(
        ctx,
        codes["supplement"],
        Status.SUPPLEMENT_REQUESTED,
        clerk,
        note="Thiếu bản sao giấy khai sinh",
        at=MONDAY_9 + timedelta(hours=2),
    )
    dossiers.change_status(
        ctx,
        codes["stopped"],
        Status.STOPPED,
        clerk,
        note="Giấy tờ không hợp lệ",
        at=MONDAY_9 + timedelta(hours=2),
    )
    dossiers.reschedule(
        ctx,
        codes["late"],
        datetime(2026, 11, 25, 17, 0, tzinfo=OFFICE_TZ),
        "Chờ kết quả xác minh",
        clerk,
        at=MONDAY_9 + timedelta(days=3, hours=2),
        fault_reason="Văn bản xin lỗi gửi sau ngày hẹn",  # late: still recorded and printed
    )
    ctx.close()
    return data, codes


@pytest.mark.parametrize(
    ("form", "state", "expected"),
    [
        ("slip", "received", ["GIẤY TIẾP NHẬN HỒ SƠ", "Nguyễn Thị Hồng Nhung", "Liên 2"]),
        ("refusal", "refused", ["Trần Văn Bình", "Không thuộc thẩm quyền của xã"]),
        ("supplement", "supplement", ["Lê Thị Đào", "Thiếu bản sao giấy khai sinh"]),
        ("stop", "stopped", ["Phạm Văn Đức", "Giấy tờ không hợp lệ"]),
        ("apology", "late", ["Hoàng Thị Yến", "Chờ kết quả xác minh", "25 tháng 11 năm 2026"]),
        ("control", "late", ["Hoàng Thị Yến"]),
    ],
)
def test_each_form_prints_the_dossier(
    office: FormOffice, tmp_path: Path, form: str, state: str, expected: list[str]
) -> None:
    data, codes = office
    out = tmp_path / f"{form}.pdf"
    answer = ["--citizen-request", "no"] if form == "stop" else []  # issuing the notice asks
    result = desk("print", form, codes[state], "--out", str(out), *answer, data=data)
    assert result.returncode == 0, result.stderr
    text = pdf_text(out)
    for fragment in [codes[state], *expected]:
        assert fragment in text.replace("\n", " ") or fragment in text


def test_book_lists_the_day(office: FormOffice, tmp_path: Path) -> None:
    data, codes = office
    out = tmp_path / "book.pdf"
    result = desk("print", "book", "--date", "2026-11-16", "--out", str(out), data=data)
    assert result.returncode == 0, result.stderr
    text = pdf_text(out).replace("\n", " ")
    assert "SỔ THEO DÕI HỒ SƠ" in text
    for code in codes.values():
        assert code.rsplit("-", 1)[1] in text


def test_slip_on_an_80mm_roll(office: FormOffice, tmp_path: Path) -> None:
    data, codes = office
    out = tmp_path / "roll.pdf"
    assert (
        desk(
            "print", "slip", codes["received"], "--paper", "roll80", "--out", str(out), data=data
        ).returncode
        == 0
    )
    width = float(PdfReader(io.BytesIO(out.read_bytes())).pages[0].mediabox.width)
    assert abs(width - 80 / 25.4 * 72) < 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("refusal", "received"), "Không được tiếp nhận"),
        (("stop", "received"), "Dừng xử lý"),
        (("apology", "received"), "chưa"),
        (("declaration", "received"), "khai sinh"),
        (("control", "refused"), "Không in được"),
        (("slip", "000.17.22.H56-261116-9999"), "Không tìm thấy hồ sơ"),
        (("refusal", "refused", "--paper", "roll80"), "khổ"),
    ],
)
def test_a_form_that_does_not_apply_is_refused_clearly(
    office: FormOffice, tmp_path: Path, args: tuple[str, ...], message: str
) -> None:
    data, codes = office
    form, state, *rest = args
    out = tmp_path / "x.pdf"
    result = desk("print", form, codes.get(state, state), *rest, "--out", str(out), data=data)
    assert result.returncode == 2
    assert message in result.stderr and "Traceback" not in result.stderr
    assert not out.exists()
