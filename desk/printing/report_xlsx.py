"""The periodic report (form 06a) as an XLSX workbook a clerk can check and re-add.

Counts are numbers (int cells), never text; every total is a formula over its parts
(``=D12+E12+F12``), the total row is ``=SUM(…)`` down each column and the on-time rate is
a formula over the columns it is made of, so a corrected count re-adds itself. The header
is frozen (below it, right of the label column) and repeated on every printed page; the
print area is the report, A4 landscape, one page wide. A second sheet, «Chỉ số 766»,
scores the office on the indicators of Decision 766 the desk can know.

The columns come from ``desk.domain.report_layout`` (data, **verify**).
"""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, NamedStyle, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from desk.domain.figures import FigureLine, PeriodFigures
from desk.domain.office import Office
from desk.domain.report_layout import FIXED_COLUMNS, ReportColumn, ReportLayout, notes
from desk.domain.service_index import ServiceIndex
from desk.printing.formats import BLANK, place_and_date
from desk.printing.report_texts import (
    HEAD,
    HEAD_NOTE,
    INDEX_HEADERS,
    INDEX_SHEET,
    INDEX_TITLE,
    NO_LINES,
    PREPARER,
    PREPARER_NOTE,
    TO_CHECK,
    TOTAL_LABEL,
    grouping_text,
    index_rows,
    period_text,
    report_lines,
    target_lines,
)

SHEET_TITLE = "Biểu 06a"
FONT = "Times New Roman"  # what provinces' own report files use
HEADER_TOP = 8  # the first header row
RATE_FORMAT = "0.0"


def _styles() -> list[NamedStyle]:
    """Every look a cell of the report has, as named styles: a cell takes one by name
    (setting a font, a border … cell by cell costs ~0.3 s for 60 lines, a name ~10 ms)."""
    thin = Side(style="thin")
    grid = Border(left=thin, right=thin, top=thin, bottom=thin)
    centre = Alignment(horizontal="center", vertical="center", wrap_text=True)
    left = Alignment(horizontal="left", vertical="center", wrap_text=True)
    right = Alignment(horizontal="right", vertical="center")

    def font(*, bold: bool = False, italic: bool = False, size: float = 11) -> Font:
        return Font(name=FONT, bold=bold, italic=italic, size=size)

    looks: dict[str, dict[str, Any]] = {
        "text": {"font": font()},
        "centre": {"font": font(), "alignment": centre},
        "centre bold": {"font": font(bold=True), "alignment": centre},
        "centre italic": {"font": font(italic=True), "alignment": centre},
        "right italic": {"font": font(italic=True), "alignment": Alignment(horizontal="right")},
        "title": {"font": font(bold=True, size=13), "alignment": centre},
        "title 766": {"font": font(bold=True, size=12), "alignment": centre},
        "basis": {"font": font(italic=True, size=9), "alignment": left},
        "note": {"font": font(size=10), "alignment": left},
        "note italic": {"font": font(italic=True, size=10)},
        "header": {"font": font(bold=True, size=10), "alignment": centre, "border": grid},
        "header numbers": {"font": font(italic=True, size=9), "alignment": centre, "border": grid},
        "grid": {"font": font(), "border": grid},
        "line number": {"font": font(), "alignment": centre, "border": grid},
        "line label": {"font": font(), "alignment": left, "border": grid},
        "line label italic": {"font": font(italic=True), "alignment": left, "border": grid},
        "count": {"font": font(), "alignment": right, "border": grid, "number_format": "0"},
        "rate": {"font": font(), "alignment": right, "border": grid, "number_format": RATE_FORMAT},
        "points": {"font": font(), "alignment": right, "border": grid, "number_format": "0.##"},
        "score": {"font": font(), "alignment": right, "border": grid, "number_format": "0.00"},
        "total label": {"font": font(bold=True), "alignment": left, "border": grid},
        "total count": {
            "font": font(bold=True),
            "alignment": right,
            "border": grid,
            "number_format": "0",
        },
        "total rate": {
            "font": font(bold=True),
            "alignment": right,
            "border": grid,
            "number_format": RATE_FORMAT,
        },
        "total points": {
            "font": font(bold=True),
            "alignment": right,
            "border": grid,
            "number_format": "0.##",
        },
        "total score": {
            "font": font(bold=True),
            "alignment": right,
            "border": grid,
            "number_format": "0.00",
        },
    }
    return [NamedStyle(name=f"{STYLE_PREFIX}{name}", **look) for name, look in looks.items()]


STYLE_PREFIX = "Báo cáo - "


def render_report_xlsx(
    office: Office,
    figures: PeriodFigures,
    layout: ReportLayout,
    index: ServiceIndex,
    *,
    issued_on: date,
    prepared_by: str = "",
) -> bytes:
    workbook = Workbook()
    for style in _styles():
        workbook.add_named_style(style)
    sheet = workbook.active
    assert sheet is not None
    sheet.title = SHEET_TITLE
    _report_sheet(sheet, office, figures, layout, issued_on, prepared_by)
    _index_sheet(workbook.create_sheet(INDEX_SHEET), figures.office, index)
    workbook.properties.title = f"{layout.form_number} - {figures.period.label}"
    workbook.properties.creator = "Commune Desk"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def column_letter(layout: ReportLayout, key: str) -> str:
    """The sheet column of a layout column (A is the number, B the label)."""
    return get_column_letter(FIXED_COLUMNS + layout.index(key) + 1)


def cell_formula(layout: ReportLayout, column: ReportColumn, row: int) -> str | None:
    """The formula a total or a rate has on ``row``; None for a plain count."""

    def at(key: str) -> str:
        return f"{column_letter(layout, key)}{row}"

    if column.is_sum:
        return "=" + "+".join(at(k) for k in column.parts)
    if column.is_rate:
        part = "+".join(at(k) for k in column.rate_part)
        less = "".join(f"-{at(k)}" for k in column.rate_less)
        whole = at(column.rate_whole)
        return f'=IF({whole}=0,"",ROUND(100*({part}{less})/{whole},1))'
    return None


def _put(sheet: Worksheet, row: int, column: int, value: object, style: str = "text") -> None:
    cell = sheet.cell(row=row, column=column, value=value)
    cell.style = STYLE_PREFIX + style


def _merged(
    sheet: Worksheet, row: int, first: int, last: int, value: str, style: str = "text"
) -> None:
    if last > first:
        sheet.merge_cells(start_row=row, start_column=first, end_row=row, end_column=last)
    _put(sheet, row, first, value, style)


def _report_sheet(
    sheet: Worksheet,
    office: Office,
    figures: PeriodFigures,
    layout: ReportLayout,
    issued_on: date,
    prepared_by: str,
) -> None:
    width = FIXED_COLUMNS + len(layout.columns)
    half = width // 2
    _merged(sheet, 1, 1, half, office.agency_name, "centre")
    _merged(sheet, 2, 1, half, office.unit_name, "centre bold")
    _merged(sheet, 1, half + 1, width, layout.form_number, "right italic")
    _merged(sheet, 4, 1, width, layout.title, "title")
    sheet.row_dimensions[4].height = 36
    _merged(sheet, 5, 1, width, period_text(figures), "centre bold")
    _merged(sheet, 6, 1, width, grouping_text(figures), "centre italic")
    _put(sheet, 7, 2, f"{layout.reporting_unit}: {office.agency_name}")
    _merged(sheet, 7, half + 1, width, f"{layout.receiving_unit}: {BLANK}")

    # The header: group cells merged over their columns, the number row under it.
    for cell in layout.header_cells(figures.grouping):
        top, left = HEADER_TOP + cell.row, cell.column + 1
        bottom, right = top + cell.rows - 1, left + cell.columns - 1
        if bottom > top or right > left:
            sheet.merge_cells(start_row=top, start_column=left, end_row=bottom, end_column=right)
        for r in range(top, bottom + 1):
            for c in range(left, right + 1):
                _put(sheet, r, c, cell.text if (r, c) == (top, left) else None, "header")
    numbers_row = HEADER_TOP + layout.header_rows
    for c, text in enumerate(layout.number_row(), start=1):
        _put(sheet, numbers_row, c, text, "header numbers")
    for r in range(HEADER_TOP, numbers_row):
        sheet.row_dimensions[r].height = 30
    sheet.row_dimensions[numbers_row - 1].height = 66

    # The lines, then the total row.
    first = numbers_row + 1
    lines = report_lines(office, figures)
    row = first
    for number, line in enumerate(lines, start=1):
        _line_row(sheet, layout, row, number, line)
        row += 1
    if not lines:
        _put(sheet, row, 1, None, "grid")
        _put(sheet, row, 2, NO_LINES, "line label italic")
        for c in range(FIXED_COLUMNS + 1, width + 1):
            _put(sheet, row, c, None, "grid")
        row += 1
    last = row - 1
    total_row = row
    _put(sheet, total_row, 1, None, "grid")
    _put(sheet, total_row, 2, TOTAL_LABEL, "total label")
    for index, column in enumerate(layout.columns):
        c = FIXED_COLUMNS + index + 1
        letter = get_column_letter(c)
        if column.is_rate:
            _put(sheet, total_row, c, cell_formula(layout, column, total_row), "total rate")
        else:
            _put(sheet, total_row, c, f"=SUM({letter}{first}:{letter}{last})", "total count")

    # Notes, the place and date, the signatures.
    row = total_row + 2
    _put(sheet, row, 1, "Ghi chú:", "note italic")
    for text in notes(layout, figures):
        row += 1
        _merged(sheet, row, 1, width, f"- {text}", "note")
    row += 2
    _merged(
        sheet, row, half + 1, width, place_and_date(office.place_name, issued_on), "centre italic"
    )
    row += 1
    _merged(sheet, row, 1, half, PREPARER, "centre bold")
    _merged(sheet, row, half + 1, width, HEAD, "centre bold")
    row += 1
    _merged(sheet, row, 1, half, PREPARER_NOTE, "centre italic")
    _merged(sheet, row, half + 1, width, HEAD_NOTE, "centre italic")
    row += 5
    if prepared_by:
        _merged(sheet, row, 1, half, prepared_by, "centre bold")
    _page_setup(sheet, width, row, numbers_row)


def _line_row(
    sheet: Worksheet, layout: ReportLayout, row: int, number: int, line: FigureLine
) -> None:
    _put(sheet, row, 1, number, "line number")
    _put(sheet, row, 2, line.label, "line label")
    for index, (column, value) in enumerate(zip(layout.columns, layout.values(line), strict=True)):
        formula = cell_formula(layout, column, row)
        shown: object = formula if formula is not None else value
        _put(sheet, row, FIXED_COLUMNS + index + 1, shown, "rate" if column.is_rate else "count")


def _page_setup(sheet: Worksheet, width: int, last_row: int, numbers_row: int) -> None:
    sheet.column_dimensions["A"].width = 5
    sheet.column_dimensions["B"].width = 30
    for c in range(FIXED_COLUMNS + 1, width + 1):
        sheet.column_dimensions[get_column_letter(c)].width = 10.5
    sheet.freeze_panes = f"{get_column_letter(FIXED_COLUMNS + 1)}{numbers_row + 1}"
    sheet.print_area = f"A1:{get_column_letter(width)}{last_row}"
    sheet.print_title_rows = f"{HEADER_TOP}:{numbers_row}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    sheet.page_margins.top = sheet.page_margins.bottom = 0.5


def _index_sheet(sheet: Worksheet, line: FigureLine, index: ServiceIndex) -> None:
    _merged(sheet, 1, 1, 5, INDEX_TITLE, "title 766")
    _merged(sheet, 2, 1, 5, index.legal_basis, "basis")
    sheet.row_dimensions[2].height = 60
    for c, text in enumerate((*INDEX_HEADERS, "Ghi chú"), start=1):
        _put(sheet, 4, c, text, "header")
    row = first = 5
    for item in index_rows(index, line):
        _put(sheet, row, 1, item.label, "line label")
        _put(sheet, row, 2, _number(item.points), "points")
        _put(sheet, row, 3, _number(item.rate), "rate")
        _put(sheet, row, 4, _number(item.scored), "score")
        _put(sheet, row, 5, item.note, "line label italic")
        row += 1
    _put(sheet, row, 1, TOTAL_LABEL, "total label")
    _put(sheet, row, 2, f"=SUM(B{first}:B{row - 1})", "total points")
    _put(sheet, row, 3, None, "grid")
    _put(sheet, row, 4, f"=SUM(D{first}:D{row - 1})", "total score")
    _put(sheet, row, 5, None, "grid")
    row += 2
    for text in target_lines(index, line):
        _put(sheet, row, 1, text)
        row += 1
    row += 1
    _put(
        sheet,
        row,
        1,
        f"Tên chỉ số, điểm tối đa và cách tính: {TO_CHECK} với văn bản và hướng dẫn của tỉnh.",
        "note italic",
    )
    for letter, size in zip("ABCDE", (34, 12, 11, 10, 44), strict=True):
        sheet.column_dimensions[letter].width = size
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_area = f"A1:E{row}"


def _number(value: Decimal | None) -> float | int | None:
    """A Decimal as a number cell (openpyxl writes floats); whole points stay ints."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)
