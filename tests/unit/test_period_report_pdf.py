"""The periodic report as a PDF, read back with pdftotext as a reader sees it: the form's
headers, every line's numbers, the notes, the signatures, the Decision 766 page; a long
table repeats its header on every page."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest

from desk.domain.calendar import OFFICE_TZ
from desk.domain.figures import Grouping, PeriodFigures, total_of
from desk.domain.report_layout import shipped_report_layout
from desk.domain.service_index import shipped_service_index
from desk.printing.period_report import render_period_report
from tests.unit.test_report_layout import CIVIL, COPIES, FIELDS, NOVEMBER, OFFICE

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")


def render(figures: PeriodFigures = FIELDS) -> bytes:
    return render_period_report(
        OFFICE,
        figures,
        shipped_report_layout(),
        shipped_service_index(),
        issued_on=date(2026, 12, 1),
        prepared_by="Nguyễn Thị Lan",
    )


def text_of(pdf: bytes, tmp_path: Path, page: int | None = None) -> str:
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf)
    pages = ["-f", str(page), "-l", str(page)] if page else []
    done = subprocess.run(
        ["pdftotext", "-layout", *pages, str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return done.stdout


def words(line: str) -> list[str]:
    return line.split()


def numbers(text: str, label: str) -> list[str]:
    """What a table line shows after its label."""
    line = next(line for line in text.splitlines() if f" {label} " in f" {line} ")
    return line.split(label, 1)[1].split()


def test_the_pdf_has_the_forms_headers_every_number_and_the_signatures(tmp_path: Path) -> None:
    text = text_of(render(), tmp_path, page=1)
    for expected in (
        "Biểu số 06a/VPCP/KSTT",
        "UBND XÃ YÊN LẠC",
        "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH",
        "Kỳ báo cáo: Tháng 11/2026 (từ ngày 01/11/2026 đến ngày 30/11/2026)",
        "Số hồ sơ nhận giải quyết",
        "Kết quả giải quyết",
        "Số hồ sơ đã giải quyết",
        "Số hồ sơ đang giải quyết",
        "Trả trước",
        "Trả quá",
        "Theo dõi thêm (ngoài biểu mẫu)",
        "NGƯỜI LẬP BIỂU",
        "THỦ TRƯỞNG CƠ QUAN",
        "(Ký, ghi rõ họ tên, đóng dấu)",
        "Yên Lạc, ngày 01 tháng 12 năm 2026",
        "Nguyễn Thị Lan",
        "cột (3) = (7) + (11) + (14)",
    ):
        assert expected in text, expected
    # The same numbers the XLSX holds, counted by hand (tests/unit/test_report_layout.py).
    assert numbers(text, "Hộ tịch") == [
        "11",
        "3",
        "2",
        "6",
        "7",
        "2",
        "4",
        "1",
        "3",
        "2",
        "1",
        "1",
        "1",
        "2",
        "1",
        "71,4",
    ]
    assert numbers(text, "Chứng thực") == [
        "10",
        "0",
        "0",
        "10",
        "10",
        "9",
        "1",
        "0",
        "0",
        "0",
        "0",
        "0",
        "0",
        "0",
        "0",
        "100,0",
    ]
    assert numbers(text, "Tổng cộng") == [
        "21",
        "3",
        "2",
        "16",
        "17",
        "11",
        "5",
        "1",
        "3",
        "2",
        "1",
        "1",
        "1",
        "2",
        "1",
        "88,2",
    ]
    assert "Số liệu tính đến" not in text


def test_the_766_page_scores_the_office(tmp_path: Path) -> None:
    text = text_of(render(), tmp_path, page=2)
    assert "CHỈ SỐ PHỤC VỤ NGƯỜI DÂN, DOANH NGHIỆP" in text
    assert words(next(line for line in text.splitlines() if "Tiến độ" in line))[-3:] == [
        "20",
        "88,2",
        "17,64",
    ]
    assert "Bộ phận một cửa không tính được — cần đối chiếu" in text
    assert "Tỷ lệ giải quyết đúng hạn: 88,2% (mục tiêu từ 98%): chưa đạt" in text


def test_a_long_table_repeats_its_header_on_every_page(tmp_path: Path) -> None:
    many = [
        replace(CIVIL if n % 2 else COPIES, key=f"P{n}", label=f"Thủ tục số {n:02d}")
        for n in range(1, 61)
    ]
    figures = PeriodFigures(NOVEMBER, NOVEMBER.end, Grouping.PROCEDURE, total_of(many), many)
    pdf = render(figures)
    first = text_of(pdf, tmp_path, page=1)
    pages = int(first.split("Trang 1/")[1].split()[0])
    assert pages >= 3  # 60 lines, the 766 page
    for page in range(1, pages):
        text = text_of(pdf, tmp_path, page=page)
        if "Thủ tục số" not in text:
            continue  # the 766 page
        assert "Số hồ sơ nhận giải quyết" in text and "Thủ tục hành chính" in text, page
        assert f"Trang {page}/{pages}" in text
    table_pages = [p for p in range(1, pages + 1) if "Thủ tục số" in text_of(pdf, tmp_path, p)]
    assert len(table_pages) >= 2
    last = text_of(pdf, tmp_path, page=table_pages[-1])
    assert "Thủ tục số 60" in last and "THỦ TRƯỞNG CƠ QUAN" in last
    assert "UBND XÃ YÊN LẠC - Biểu số 06a/VPCP/KSTT, Tháng 11/2026" in last  # continued


def test_a_period_not_over_says_so_under_the_table(tmp_path: Path) -> None:
    as_of = datetime(2026, 11, 20, 16, 0, tzinfo=OFFICE_TZ)
    figures = PeriodFigures(NOVEMBER, as_of, Grouping.FIELD, FIELDS.office, FIELDS.lines)
    text = text_of(render(figures), tmp_path, page=1)
    assert "Số liệu tính đến 16:00 20/11/2026" in text
