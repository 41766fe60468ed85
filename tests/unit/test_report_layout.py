"""The periodic report (form 06a): its columns as data, each column's value for figures
made by hand, and the XLSX a clerk opens — every number cell, every formula and what it
adds up to, the frozen header and the print settings."""

from __future__ import annotations

import copy
import json
import os
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from desk.domain.calendar import OFFICE_TZ
from desk.domain.figures import FigureLine, Grouping, Period, PeriodFigures, total_of
from desk.domain.office import Office
from desk.domain.report_layout import (
    SHIPPED_FILE,
    HeaderCell,
    office_report_layout,
    report_layout_from_dict,
    shipped_report_layout,
)
from desk.domain.service_index import shipped_service_index
from desk.errors import ConfigurationError
from desk.printing.report_texts import period_text
from desk.printing.report_xlsx import render_report_xlsx
from tests.unit.report_helpers import evaluate, open_workbook, row_values

OFFICE = Office(
    agency_id="000.00.00.H56",
    agency_name="UBND XÃ YÊN LẠC",
    unit_name="BỘ PHẬN MỘT CỬA",
    commune="Xã Yên Lạc",
    province="Tỉnh Phú Thọ",
    place_name="Yên Lạc",
)
NOVEMBER = Period.month(2026, 11)
# Counted so that each line adds up: to process = finished + stopped + running.
CIVIL = FigureLine(
    key="HT",
    label="Hộ tịch",
    carried_over=3,
    received_online=2,
    received_in_person=5,
    received_by_post=1,
    refused=2,
    early=2,
    on_time=4,
    late=1,
    on_time_with_fault=1,
    withdrawn=1,
    stopped=1,
    running_within_time=2,
    awaiting_papers=1,
    running_overdue=1,
    returned=5,
    rated_satisfied=4,
    rated_neutral=1,
    documents_scanned=6,
    results_scanned=3,
)
COPIES = FigureLine(key="CT", label="Chứng thực", received_in_person=10, early=9, on_time=1)
FIELDS = PeriodFigures(
    NOVEMBER, NOVEMBER.end, Grouping.FIELD, total_of([COPIES, CIVIL]), [COPIES, CIVIL]
)
KEYS = [
    "to_process",
    "carried_over",
    "received_online",
    "received_direct",
    "finished",
    "early",
    "on_time",
    "late",
    "running",
    "running_within_time",
    "running_overdue",
    "stopped",
    "withdrawn",
    "refused",
    "on_time_with_fault",
    "on_time_rate",
]
# Each line's value in each column, counted by hand (in the order of KEYS).
CIVIL_ROW = [11, 3, 2, 6, 7, 2, 4, 1, 3, 2, 1, 1, 1, 2, 1, Decimal("71.4")]
COPIES_ROW = [10, 0, 0, 10, 10, 9, 1, 0, 0, 0, 0, 0, 0, 0, 0, Decimal("100.0")]
TOTAL_ROW = [21, 3, 2, 16, 17, 11, 5, 1, 3, 2, 1, 1, 1, 2, 1, Decimal("88.2")]
HEADERS = [
    "Tổng số",
    "Số kỳ trước chuyển qua",
    "Số mới tiếp nhận trực tuyến",
    "Số mới tiếp nhận trực tiếp hoặc qua dịch vụ bưu chính",
    "Tổng số",
    "Trả trước hạn",
    "Trả đúng thời hạn",
    "Trả quá hạn",
    "Tổng số",
    "Chưa đến hạn",
    "Quá hạn",
    "Dừng xử lý",
    "Rút hồ sơ (trong số đã giải quyết)",
    "Từ chối tiếp nhận",
    "Trước, đúng hạn nhưng có lỗi của cơ quan",
    "Tỷ lệ đúng hạn (%)",
]


def shipped_data() -> dict[str, Any]:
    return json.loads(SHIPPED_FILE.read_text(encoding="utf-8"))


def xlsx(figures: PeriodFigures = FIELDS) -> bytes:
    return render_report_xlsx(
        OFFICE,
        figures,
        shipped_report_layout(),
        shipped_service_index(),
        issued_on=date(2026, 12, 1),
        prepared_by="Nguyễn Thị Lan",
    )


# --- the data file ------------------------------------------------------------------------


def test_the_shipped_file_is_marked_verify_and_names_its_legal_basis() -> None:
    data = shipped_data()
    assert data["verify"] is True
    layout = shipped_report_layout()
    assert "Thông tư 01/2020/TT-VPCP" in layout.legal_basis
    assert layout.form_number == "Biểu số 06a/VPCP/KSTT"
    assert [c.key for c in layout.columns] == KEYS
    assert [c.header for c in layout.columns] == HEADERS
    assert [c.in_form for c in layout.columns] == [True] * 11 + [False] * 5


def test_each_column_holds_its_count_or_the_sum_of_its_parts() -> None:
    layout = shipped_report_layout()
    assert layout.values(CIVIL) == CIVIL_ROW
    assert layout.values(COPIES) == COPIES_ROW
    assert layout.values(total_of([CIVIL, COPIES])) == TOTAL_ROW
    # The totals agree with FigureLine's own sums (one rule, checked here).
    values = dict(zip(KEYS, layout.values(CIVIL), strict=True))
    assert values["to_process"] == CIVIL.to_process
    assert values["finished"] == CIVIL.finished
    assert values["running"] == CIVIL.running
    assert values["on_time_rate"] == CIVIL.on_time_rate
    assert layout.values(FigureLine())[-1] is None  # nothing finished: no rate


def test_the_header_merges_each_group_over_its_columns() -> None:
    layout = shipped_report_layout()
    cells = layout.header_cells(Grouping.FIELD)
    assert layout.header_rows == 3
    assert HeaderCell("STT", 0, 0, rows=3) in cells
    assert HeaderCell("Lĩnh vực giải quyết", 0, 1, rows=3) in cells
    assert HeaderCell("Số hồ sơ nhận giải quyết", 0, 2, columns=4) in cells
    assert HeaderCell("Trong đó", 1, 3, columns=3) in cells
    assert HeaderCell("Tổng số", 1, 2, rows=2) in cells
    assert HeaderCell("Kết quả giải quyết", 0, 6, columns=7) in cells
    assert HeaderCell("Số hồ sơ đã giải quyết", 1, 6, columns=4) in cells
    assert HeaderCell("Số hồ sơ đang giải quyết", 1, 10, columns=3) in cells
    assert HeaderCell("Trả trước hạn", 2, 7) in cells
    assert HeaderCell("Dừng xử lý", 1, 13, rows=2) in cells
    assert layout.header_cells(Grouping.CLERK)[1].text == "Cán bộ tiếp nhận"
    assert layout.number_row()[:5] == ["(1)", "(2)", "(3) = (4)+(5)+(6)", "(4)", "(5)"]
    assert layout.number_row()[6] == "(7) = (8)+(9)+(10)"


def _int(value: object) -> int:
    assert isinstance(value, int)
    return value


def _broken(change: Any) -> str:
    data = copy.deepcopy(shipped_data())
    change(data)
    with pytest.raises(ConfigurationError) as caught:
        report_layout_from_dict(data, "policy/report_06a.json")
    return caught.value.message


def test_a_broken_file_is_refused_in_vietnamese_naming_what_is_wrong() -> None:
    def unknown_count(data: dict[str, Any]) -> None:
        data["columns"][1]["counts"] = ["carried_overr"]

    def unknown_part(data: dict[str, Any]) -> None:
        data["columns"][0]["sum"] = ["carried_over", "nowhere"]

    def twice(data: dict[str, Any]) -> None:
        data["columns"][2]["key"] = "carried_over"

    def loop(data: dict[str, Any]) -> None:
        data["columns"][1] = {"key": "carried_over", "header": "X", "sum": ["to_process", "late"]}

    def two_kinds(data: dict[str, Any]) -> None:
        data["columns"][1]["sum"] = ["early", "late"]

    def adds_a_rate(data: dict[str, Any]) -> None:
        data["columns"][0]["sum"] = ["carried_over", "on_time_rate"]

    def no_header(data: dict[str, Any]) -> None:
        data["columns"][3]["header"] = " "

    assert "carried_overr" in _broken(unknown_count)
    assert "«nowhere» không có" in _broken(unknown_part)
    assert "trùng nhau: carried_over" in _broken(twice)
    assert "vòng lặp" in _broken(loop)
    assert "đúng một trong" in _broken(two_kinds)
    assert "cột tỷ lệ «on_time_rate»" in _broken(adds_a_rate)
    assert "received_direct.header" in _broken(no_header)
    assert "«format»" in _broken(lambda data: data.update(format="x"))
    assert "label_headers.clerk" in _broken(lambda data: data["label_headers"].pop("clerk"))
    assert _broken(lambda data: data.update(columns=[])).startswith(
        "Tệp mẫu báo cáo 06a policy/report_06a.json:"
    )


def test_an_office_file_replaces_the_shipped_one_and_is_read_again_when_changed(
    tmp_path: Path,
) -> None:
    assert office_report_layout(tmp_path) is shipped_report_layout()
    own = tmp_path / "policy" / "report_06a.json"
    own.parent.mkdir()
    data = shipped_data()
    data["columns"][1]["header"] = "Kỳ trước chuyển sang"
    own.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert office_report_layout(tmp_path).columns[1].header == "Kỳ trước chuyển sang"
    data["columns"][1]["header"] = "Từ kỳ trước"
    own.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    stamp = own.stat().st_mtime_ns + 1_000_000
    os.utime(own, ns=(stamp, stamp))
    assert office_report_layout(tmp_path).columns[1].header == "Từ kỳ trước"


# --- the XLSX -----------------------------------------------------------------------------


def test_every_number_cell_and_every_formula_of_the_xlsx() -> None:
    sheet = open_workbook(xlsx())["Biểu 06a"]
    # Rows 8-10 the header, 11 the column numbers, 12-13 the lines, 14 the total.
    assert [sheet[f"A{r}"].value for r in (12, 13)] == [1, 2]
    assert [sheet[f"B{r}"].value for r in (12, 13, 14)] == ["Chứng thực", "Hộ tịch", "Tổng cộng"]
    assert row_values(sheet, 12, "C", "R") == COPIES_ROW
    assert row_values(sheet, 13, "C", "R") == CIVIL_ROW
    assert row_values(sheet, 14, "C", "R") == TOTAL_ROW
    # Counts are numbers, totals formulas over their parts, the total row sums.
    assert sheet["D13"].value == 3 and sheet["F13"].value == 6
    assert all(isinstance(sheet[f"{col}13"].value, int) for col in "DEFHIJLMNOPQ"), (
        "counts are int cells"
    )
    assert sheet["C13"].value == "=D13+E13+F13"
    assert sheet["G13"].value == "=H13+I13+J13"
    assert sheet["K13"].value == "=L13+M13"
    assert sheet["R13"].value == '=IF(G13=0,"",ROUND(100*(H13+I13-Q13)/G13,1))'
    assert sheet["C14"].value == "=SUM(C12:C13)"
    assert sheet["Q14"].value == "=SUM(Q12:Q13)"
    assert sheet["R14"].value == '=IF(G14=0,"",ROUND(100*(H14+I14-Q14)/G14,1))'
    # The identity of an ended period: to process = finished + running + stopped.
    total = {k: v for k, v in zip(KEYS, row_values(sheet, 14, "C", "R"), strict=True)}
    assert isinstance(total["to_process"], int)
    assert total["to_process"] == sum(_int(total[k]) for k in ("finished", "running", "stopped"))
    # A clerk corrects a count: the totals follow.
    sheet["D13"] = 4
    assert evaluate(sheet, "C13") == 12 and evaluate(sheet, "C14") == 22


def test_the_header_cells_are_merged_as_the_form_groups_them() -> None:
    sheet = open_workbook(xlsx())["Biểu 06a"]
    merged = {str(r) for r in sheet.merged_cells.ranges}
    assert {"A8:A10", "B8:B10", "C8:F8", "C9:C10", "D9:F9", "G8:M8", "G9:J9", "K9:M9"} <= merged
    assert {"N8:R8", "N9:N10", "R9:R10"} <= merged
    assert sheet["C8"].value == "Số hồ sơ nhận giải quyết"
    assert sheet["D9"].value == "Trong đó"
    assert sheet["G8"].value == "Kết quả giải quyết"
    assert sheet["G9"].value == "Số hồ sơ đã giải quyết"
    assert sheet["K9"].value == "Số hồ sơ đang giải quyết"
    assert [sheet[f"{c}10"].value for c in "DEFGHIJKLM"] == HEADERS[1:11]
    assert sheet["B8"].value == "Lĩnh vực giải quyết"
    assert sheet["C11"].value == "(3) = (4)+(5)+(6)"
    assert sheet["A4"].value.startswith("TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH")
    assert sheet["A5"].value == (
        "Kỳ báo cáo: Tháng 11/2026 (từ ngày 01/11/2026 đến ngày 30/11/2026)"
    )
    assert sheet["A1"].value == "UBND XÃ YÊN LẠC"


def test_the_sheet_freezes_its_header_and_prints_on_a4_landscape_one_page_wide() -> None:
    sheet = open_workbook(xlsx())["Biểu 06a"]
    assert sheet.freeze_panes == "C12"  # below the header, right of the label column
    assert sheet.print_title_rows == "$8:$11"  # the header on every printed page
    assert sheet.page_setup.orientation == "landscape"
    assert int(sheet.page_setup.paperSize) == int(sheet.PAPERSIZE_A4) == 9
    assert sheet.sheet_properties.pageSetUpPr.fitToPage is True
    assert (int(sheet.page_setup.fitToWidth), int(sheet.page_setup.fitToHeight)) == (1, 0)
    area = sheet.print_area
    assert area.startswith("'Biểu 06a'!$A$1:$R$")
    last_row = int(area.rsplit("$", 1)[1])
    texts = [sheet[f"{c}{r}"].value for r in range(15, last_row + 1) for c in "ABCDEFGHIJKLMNOPQR"]
    for expected in (
        "NGƯỜI LẬP BIỂU",
        "THỦ TRƯỞNG CƠ QUAN",
        "(Ký, ghi rõ họ tên, đóng dấu)",
        "Yên Lạc, ngày 01 tháng 12 năm 2026",
        "Nguyễn Thị Lan",
    ):
        assert expected in texts  # inside the print area


def test_a_period_not_over_says_when_it_was_counted() -> None:
    as_of = datetime(2026, 11, 20, 16, 0, tzinfo=OFFICE_TZ)
    figures = PeriodFigures(NOVEMBER, as_of, Grouping.FIELD, FIELDS.office, FIELDS.lines)
    sheet = open_workbook(xlsx(figures))["Biểu 06a"]
    notes = [str(sheet[f"A{r}"].value) for r in range(15, 25)]
    assert any(n.startswith("- Số liệu tính đến 16:00 20/11/2026") for n in notes), notes
    ended = open_workbook(xlsx())["Biểu 06a"]
    assert not any("Số liệu tính đến" in str(ended[f"A{r}"].value) for r in range(15, 25))


def test_the_office_alone_is_one_line_named_after_the_agency() -> None:
    office = PeriodFigures(NOVEMBER, NOVEMBER.end, Grouping.OFFICE, total_of([CIVIL, COPIES]))
    sheet = open_workbook(xlsx(office))["Biểu 06a"]
    assert sheet["B8"].value == "Cơ quan"
    assert sheet["B12"].value == "UBND XÃ YÊN LẠC"
    assert row_values(sheet, 12, "C", "R") == TOTAL_ROW
    assert sheet["B13"].value == "Tổng cộng" and row_values(sheet, 13, "C", "R") == TOTAL_ROW
    empty = PeriodFigures(NOVEMBER, NOVEMBER.end, Grouping.CLERK, FigureLine())
    sheet = open_workbook(xlsx(empty))["Biểu 06a"]
    assert sheet["B12"].value == "(Không có hồ sơ trong kỳ)"
    assert row_values(sheet, 13, "C", "Q") == [0] * 15 and evaluate(sheet, "R13") == ""


def test_the_second_sheet_scores_decision_766_and_lists_what_the_desk_cannot_know() -> None:
    sheet = open_workbook(xlsx())["Chỉ số 766"]
    rows = {sheet[f"A{r}"].value: [sheet[f"{c}{r}"].value for c in "BCDE"] for r in range(5, 12)}
    # The office: on time (11 + 5 − 1) / 17 = 88.2 % of 20 points = 17.64.
    assert rows["Tiến độ giải quyết"] == [20, 88.2, 17.64, None]
    assert rows["Mức độ hài lòng"] == [18, 80, 14.4, None]  # 4 of 5 ratings
    assert rows["Thanh toán trực tuyến"] == [10, None, None, "không có số liệu trong kỳ"]
    assert rows["Công khai, minh bạch"][0] == 18
    assert "cần đối chiếu" in rows["Công khai, minh bạch"][3]
    assert sheet["A12"].value == "Tổng cộng" and sheet["D12"].value == "=SUM(D5:D11)"


@pytest.mark.parametrize(
    ("first", "last", "said"),
    [
        ("2026-11", None, "Tháng 11/2026 (từ ngày 01/11/2026 đến ngày 30/11/2026)"),
        ("2026-Q4", None, "Quý IV/2026 (từ ngày 01/10/2026 đến ngày 31/12/2026)"),
        ("2026", None, "Năm 2026 (từ ngày 01/01/2026 đến ngày 31/12/2026)"),
        ("2026-10", "2026-11", "Từ ngày 01/10/2026 đến ngày 30/11/2026"),
        ("2026-11-05", None, "Ngày 05/11/2026"),
    ],
)
def test_the_title_names_the_period_once(first: str, last: str | None, said: str) -> None:
    period = Period.parse(first, last)
    figures = PeriodFigures(period, period.end, Grouping.OFFICE, FigureLine())
    assert period_text(figures) == f"Kỳ báo cáo: {said}"
