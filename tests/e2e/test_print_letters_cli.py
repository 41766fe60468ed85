"""`desk print stop|apology` as a user runs it: the first print issues a numbered letter of
the People's Committee, a reprint keeps the number, the stop notice needs the citizen's
answer (exit 2 with a clear message when it is missing), the signer is chosen."""

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


MONDAY_9 = datetime(2026, 11, 16, 9, 0, tzinfo=OFFICE_TZ)


def pdf_text(path: Path) -> str:
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


@pytest.fixture
def office() -> tuple[Path, str, str]:
    """The data folder, a stopped dossier and one given a new due time."""
    data = Path(os.environ["DESK_DATA_DIR"])
    ctx = DeskContext.open(DeskConfig(data_dir=data))
    demo.ensure_demo_office(ctx)
    clerk = demo.demo_clerks(ctx)[0]
    codes = []
    for name in ("Phạm Văn Đức", "Hoàng Thị Yến"):
        request = IntakeRequest(
            "1.004873",
            Person(name, id_number="025190123456", address="Thôn Nam, xã Yên Lạc"),
            documents=[ReceivedDocument("Tờ khai", code="TK", originals=1)],
        )
        code = str(intake.receive_dossier(ctx, request, clerk, at=MONDAY_9).code)
        dossiers.change_status(
            ctx, code, Status.PROCESSING, clerk, at=MONDAY_9 + timedelta(hours=1)
        )
        codes.append(code)
    dossiers.change_status(
        ctx,
        codes[0],
        Status.STOPPED,
        clerk,
        note="Giấy tờ không hợp lệ",
        at=MONDAY_9 + timedelta(hours=2),
    )
    dossiers.reschedule(
        ctx,
        codes[1],
        datetime(2026, 11, 25, 17, 0, tzinfo=OFFICE_TZ),
        "Chờ kết quả xác minh",
        clerk,
        at=MONDAY_9 + timedelta(days=1),
    )
    ctx.close()
    return data, codes[0], codes[1]


def test_the_stop_notice_needs_the_answer_then_keeps_its_number(
    office: tuple[Path, str, str], tmp_path: Path
) -> None:
    data, stopped, _late = office
    out = tmp_path / "stop.pdf"
    unanswered = desk("print", "stop", stopped, "--out", str(out), data=data)
    assert unanswered.returncode == 2
    assert "theo đề nghị của công dân" in unanswered.stderr
    assert not out.exists()

    issued = desk(
        "print", "stop", stopped, "--out", str(out), "--citizen-request", "yes",
        "--signer", "kt", "--signer-name", "Lê Văn Phó",
        data=data,
    )  # fmt: skip
    assert issued.returncode == 0, issued.stderr
    # Issued by the signed-in account (canbo1), not by a name typed on the command line.
    assert "Văn bản Số: 01/TB-UBND" in issued.stdout and "Nguyễn Thị Hương" in issued.stdout
    text = pdf_text(out)
    assert "ỦY BAN NHÂN DÂN XÃ YÊN LẠC Số: 01/TB-UBND" in text
    assert "Dừng giải quyết theo đề nghị của công dân: Có" in text
    assert "KT. CHỦ TỊCH PHÓ CHỦ TỊCH" in text and "Lê Văn Phó" in text

    again = tmp_path / "again.pdf"
    reprint = desk("print", "stop", stopped, "--out", str(again), data=data)
    assert reprint.returncode == 0, reprint.stderr
    assert pdf_text(again) == text
    differs = desk(
        "print", "stop", stopped, "--out", str(again), "--citizen-request", "no", data=data
    )
    assert differs.returncode == 2
    assert "Số: 01/TB-UBND" in differs.stderr and "giữ nguyên" in differs.stderr


def test_the_apology_is_numbered_apart_from_the_notices(
    office: tuple[Path, str, str], tmp_path: Path
) -> None:
    data, _stopped, late = office
    out = tmp_path / "apology.pdf"
    result = desk("print", "apology", late, "--out", str(out), data=data)
    assert result.returncode == 0, result.stderr
    text = pdf_text(out)
    assert "Số: 01/VB-UBND" in text
    assert "TM. ỦY BAN NHÂN DÂN CHỦ TỊCH" in text
    assert "Thời hạn trả kết quả mới: 17 giờ 00 phút, ngày 25 tháng 11 năm 2026" in text
