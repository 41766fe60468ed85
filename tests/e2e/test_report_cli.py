"""``desk report`` end to end on an office whose every dossier's November is known
(``tests.store.test_figures_store.build``, counted by hand there): the cells of the XLSX
and the lines of the PDF are those counts; the file is the user's alone and the report is
logged; a clerk, a bad period and a wrong suffix are refused with exit 2."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest

from desk.cli import main
from desk.services import audit
from desk.services.context import DeskContext
from tests.e2e.identity import run_as, sign_in_as
from tests.store.test_figures_store import AFTER_NOVEMBER, NOVEMBER_OFFICE, build
from tests.unit.report_helpers import open_workbook, row_values

ROOT = Path(__file__).resolve().parents[2]
SHEET = "Biểu 06a"
# November of the known office, column by column (C … R), from NOVEMBER_OFFICE.
N = NOVEMBER_OFFICE
NOVEMBER_ROW: list[int | Decimal] = [
    N["carried_over"] + N["received_online"] + N["received_in_person"] + N["received_by_post"],
    N["carried_over"],
    N["received_online"],
    N["received_in_person"] + N["received_by_post"],
    N["early"] + N["on_time"] + N["late"],
    N["early"],
    N["on_time"],
    N["late"],
    N["running_within_time"] + N["running_overdue"],
    N["running_within_time"],
    N["running_overdue"],
    N["stopped"],
    N["withdrawn"],
    N["refused"],
    N["on_time_with_fault"],
    Decimal("62.5"),  # (3 + 3 − 1) / 8
]


@pytest.fixture
def office(ctx: DeskContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> DeskContext:
    """The known office, with the clock after November; the command runs as the demo
    supervisor."""
    build(ctx, tmp_path)
    monkeypatch.setattr("desk.services.report.now_in_office", lambda: AFTER_NOVEMBER)
    sign_in_as(monkeypatch, tmp_path / "accounts", "lanhdao")
    return ctx


def report(ctx: DeskContext, *args: str) -> int:
    return main(["--db", str(ctx.db.url), "report", *args])


def test_the_months_xlsx_holds_the_counts_made_by_hand(
    office: DeskContext, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "bao-cao-11-2026.xlsx"
    assert report(office, "--period", "2026-11", "--out", str(out)) == 0
    said = capsys.readouterr().out
    assert said == f"Đã ghi báo cáo Tháng 11/2026 (toàn cơ quan, XLSX) vào {out}.\n"
    sheet = open_workbook(out.read_bytes())[SHEET]
    assert sheet["B12"].value == office.office.agency_name
    assert row_values(sheet, 12, "C", "R") == NOVEMBER_ROW
    assert row_values(sheet, 13, "C", "R") == NOVEMBER_ROW  # the total row
    # The month is over: to process = finished + running + stopped (12 = 8 + 3 + 1).
    assert NOVEMBER_ROW[0] == NOVEMBER_ROW[4] + NOVEMBER_ROW[8] + NOVEMBER_ROW[11] == 12
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    (entry,) = audit.recent_entries(office, "report:2026-11-01..2026-11-30")
    assert (entry.action, entry.actor_name) == ("report.written", "Lê Minh Quân")  # lanhdao
    assert entry.detail["file"] == out.name and entry.detail["format"] == "xlsx"
    assert (entry.detail["first_day"], entry.detail["last_day"]) == ("2026-11-01", "2026-11-30")


def test_by_clerk_one_line_each_adding_up_to_the_office(
    office: DeskContext, tmp_path: Path
) -> None:
    out = tmp_path / "theo-can-bo.xlsx"
    assert report(office, "--period", "2026-11", "--by", "clerk", "--out", str(out)) == 0
    sheet = open_workbook(out.read_bytes())[SHEET]
    assert sheet["B8"].value == "Cán bộ tiếp nhận"
    assert sheet["B14"].value == "Tổng cộng"
    assert row_values(sheet, 14, "C", "R") == NOVEMBER_ROW
    second = {sheet[f"B{r}"].value: row_values(sheet, r, "C", "F") for r in (12, 13)}
    # The second clerk received two in November (one by post), none carried over.
    assert [2, 0, 0, 2] in second.values()


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
def test_the_pdf_shows_the_same_counts(office: DeskContext, tmp_path: Path) -> None:
    out = tmp_path / "bao-cao.pdf"
    out.write_bytes(b"old")
    out.chmod(0o644)  # an older file anyone could read: the report is the user's alone
    assert report(office, "--period", "2026-11", "--by", "field", "--out", str(out)) == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    text = subprocess.run(
        ["pdftotext", "-layout", "-f", "1", "-l", "1", str(out), "-"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout
    total = next(line for line in text.splitlines() if "Tổng cộng" in line)
    shown = [str(v).replace(".", ",") for v in NOVEMBER_ROW]
    assert total.split("Tổng cộng", 1)[1].split() == shown
    assert "Lĩnh vực giải quyết" in text and "Số hồ sơ nhận giải quyết" in text


def test_a_clerk_is_refused_and_nothing_is_written(
    office: DeskContext,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    sign_in_as(monkeypatch, tmp_path / "accounts", "canbo1")
    out = tmp_path / "bao-cao.xlsx"
    assert report(office, "--period", "2026-11", "--out", str(out)) == 2
    assert "không được phép xem số liệu và báo cáo" in capsys.readouterr().err
    assert not out.exists()


def test_bad_input_exits_2_with_a_vietnamese_message(
    office: DeskContext, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = str(tmp_path / "bao-cao.xlsx")
    assert report(office, "--period", "2026-13", "--out", out) == 2
    assert "Kỳ «2026-13» không hợp lệ" in capsys.readouterr().err
    assert report(office, "--period", "2026-12", "--to", "2026-11", "--out", out) == 2
    assert "Ngày cuối (30/11/2026) phải từ ngày đầu (01/12/2026)" in capsys.readouterr().err
    assert report(office, "--period", "2026-11", "--out", str(tmp_path / "bao-cao.docx")) == 2
    assert "phải có đuôi .xlsx (bảng tính) hoặc .pdf" in capsys.readouterr().err
    with pytest.raises(SystemExit) as parsed:  # argparse's own refusal, in Vietnamese
        report(office, "--period", "2026-11", "--by", "xa", "--out", out)
    assert parsed.value.code == 2
    assert "--by: «xa» không phải lựa chọn hợp lệ" in capsys.readouterr().err
    assert report(office, "--period", "2026-11", "--out", str(tmp_path / "no" / "r.pdf")) == 2
    assert "không tồn tại" in capsys.readouterr().err
    assert not os.path.exists(out)
    target = tmp_path / "khac.txt"
    target.write_text("giữ nguyên", encoding="utf-8")
    link = tmp_path / "lien-ket.xlsx"
    link.symlink_to(target)
    assert report(office, "--period", "2026-11", "--out", str(link)) == 2
    assert "liên kết (symlink)" in capsys.readouterr().err
    assert target.read_text(encoding="utf-8") == "giữ nguyên"


def test_the_command_as_a_supervisor_runs_it(tmp_path: Path) -> None:
    """A real process on a small demo office, signed in with DESK_USER/DESK_PASSWORD_FILE."""
    data = tmp_path / "office"

    def desk(*args: str, user: str | None) -> subprocess.CompletedProcess[str]:
        return run_as(["-m", "desk", *args], data, user)

    assert desk("demo", "--dossiers", "20", "--seed", "3", user=None).returncode == 0
    out = tmp_path / "bao-cao.xlsx"
    done = desk(
        "report", "--period", "2026-11", "--by", "procedure", "--out", str(out), user="lanhdao"
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Đã ghi báo cáo Tháng 11/2026 (thủ tục hành chính, XLSX)")
    book = open_workbook(out.read_bytes())
    assert book.sheetnames == [SHEET, "Chỉ số 766"]
    refused = desk("report", "--period", "2026-11", "--out", str(out), user="canbo1")
    assert refused.returncode == 2 and "cần tài khoản Lãnh đạo" in refused.stderr
