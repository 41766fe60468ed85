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

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from desk.domain.figures import FigureLine, PeriodFigures
from desk.domain.office import Office
from desk.domain.report_layout import FIXED_COLUMNS, ReportColumn, ReportLayout, notes
from desk.domain.service_index import ServiceIndex
from desk.printing.formats import place_and_date
from desk.printing.report_texts import (
    HEAD,
    HEAD_NOTE,
    INDEX_HEADERS,
    INDEX_SHEET,
    INDEX_TITLE,
    NO_LINES,
    PREPARER,
    PREPARER_NOTE,
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
_THIN = Side(style="thin")
_GRID = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_CENTRE = Alignment(horizontal="center", vertical="center", wrap_text=True)
_LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)
RATE_FORMAT = "0.0"


def _font(*, bold: bool = False, italic: bool = False, size: float = 11) -> Font:
    return Font(name=FONT, bold=bold, italic=italic, size=size)


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


def _put(sheet: Worksheet, row: int, column: int, value: object, **style: object) -> None:
    cell = sheet.cell(row=row, column=column, value=value)
    for name, setting in style.items():
        setattr(cell, name, setting)


def _merged(sheet: Worksheet, row: int, first: int, last: int, value: str, **style: object) -> None:
    if last > first:
        sheet.merge_cells(start_row=row, start_column=first, end_row=row, end_column=last)
    _put(sheet, row, first, value, **style)


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
    _merged(sheet, 1, 1, half, office.agency_name, font=_font(), alignment=_CENTRE)
    _merged(sheet, 2, 1, half, office.unit_name, font=_font(bold=True), alignment=_CENTRE)
    _merged(
        sheet,
        1,
        half + 1,
        width,
        layout.form_number,
        font=_font(italic=True),
        alignment=Alignment(horizontal="right"),
    )
    _merged(sheet, 4, 1, width, layout.title, font=_font(bold=True, size=13), alignment=_CENTRE)
    sheet.row_dimensions[4].height = 36
    _merged(sheet, 5, 1, width, period_text(figures), font=_font(bold=True), alignment=_CENTRE)
    _merged(sheet, 6, 1, width, grouping_text(figures), font=_font(italic=True), alignment=_CENTRE)
    _put(sheet, 7, 2, f"{layout.reporting_unit}: {office.agency_name}", font=_font())
    _merged(sheet, 7, half + 1, width, f"{layout.receiving_unit}: ……………………", font=_font())

    # The header: group cells merged over their columns, the number row under it.
    for cell in layout.header_cells(figures.grouping):
        top, left = HEADER_TOP + cell.row, cell.column + 1
        bottom, right = top + cell.rows - 1, left + cell.columns - 1
        if bottom > top or right > left:
            sheet.merge_cells(start_row=top, start_column=left, end_row=bottom, end_column=right)
        for r in range(top, bottom + 1):
            for c in range(left, right + 1):
                sheet.cell(row=r, column=c).border = _GRID
        _put(sheet, top, left, cell.text, font=_font(bold=True, size=10), alignment=_CENTRE)
    numbers_row = HEADER_TOP + layout.header_rows
    for c, text in enumerate(layout.number_row(), start=1):
        _put(
            sheet,
            numbers_row,
            c,
            text,
            font=_font(italic=True, size=9),
            alignment=_CENTRE,
            border=_GRID,
        )
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
        _put(sheet, row, 2, NO_LINES, font=_font(italic=True), alignment=_LEFT, border=_GRID)
        _put(sheet, row, 1, None, border=_GRID)
        for c in range(FIXED_COLUMNS + 1, width + 1):
            _put(sheet, row, c, None, border=_GRID)
        row += 1
    last = row - 1
    total_row = row
    _put(sheet, total_row, 1, None, border=_GRID)
    _put(sheet, total_row, 2, TOTAL_LABEL, font=_font(bold=True), alignment=_LEFT, border=_GRID)
    for index, column in enumerate(layout.columns):
        c = FIXED_COLUMNS + index + 1
        letter = get_column_letter(c)
        formula = (
            cell_formula(layout, column, total_row)
            if column.is_rate
            else f"=SUM({letter}{first}:{letter}{last})"
        )
        _put(
            sheet,
            total_row,
            c,
            formula,
            font=_font(bold=True),
            border=_GRID,
            alignment=Alignment(horizontal="right", vertical="center"),
            number_format=RATE_FORMAT if column.is_rate else "0",
        )

    # Notes, the place and date, the signatures.
    row = total_row + 2
    _put(sheet, row, 1, "Ghi chú:", font=_font(italic=True, size=10))
    for text in notes(layout, figures):
        row += 1
        _merged(sheet, row, 1, width, f"- {text}", font=_font(size=10), alignment=_LEFT)
    row += 1
    row += 1
    _merged(
        sheet,
        row,
        half + 1,
        width,
        place_and_date(office.place_name, issued_on),
        font=_font(italic=True),
        alignment=_CENTRE,
    )
    row += 1
    _merged(sheet, row, 1, half, PREPARER, font=_font(bold=True), alignment=_CENTRE)
    _merged(sheet, row, half + 1, width, HEAD, font=_font(bold=True), alignment=_CENTRE)
    row += 1
    _merged(sheet, row, 1, half, PREPARER_NOTE, font=_font(italic=True), alignment=_CENTRE)
    _merged(sheet, row, half + 1, width, HEAD_NOTE, font=_font(italic=True), alignment=_CENTRE)
    row += 5
    if prepared_by:
        _merged(sheet, row, 1, half, prepared_by, font=_font(bold=True), alignment=_CENTRE)
    _page_setup(sheet, width, row, numbers_row)


def _line_row(
    sheet: Worksheet, layout: ReportLayout, row: int, number: int, line: FigureLine
) -> None:
    _put(sheet, row, 1, number, font=_font(), alignment=_CENTRE, border=_GRID)
    _put(sheet, row, 2, line.label, font=_font(), alignment=_LEFT, border=_GRID)
    for index, (column, value) in enumerate(zip(layout.columns, layout.values(line), strict=True)):
        formula = cell_formula(layout, column, row)
        shown: object = formula if formula is not None else value
        _put(
            sheet,
            row,
            FIXED_COLUMNS + index + 1,
            shown,
            font=_font(),
            border=_GRID,
            alignment=Alignment(horizontal="right", vertical="center"),
            number_format=RATE_FORMAT if column.is_rate else "0",
        )


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
    _merged(sheet, 1, 1, 5, INDEX_TITLE, font=_font(bold=True, size=12), alignment=_CENTRE)
    _merged(sheet, 2, 1, 5, index.legal_basis, font=_font(italic=True, size=9), alignment=_LEFT)
    sheet.row_dimensions[2].height = 60
    for c, text in enumerate((*INDEX_HEADERS, "Ghi chú"), start=1):
        _put(sheet, 4, c, text, font=_font(bold=True), alignment=_CENTRE, border=_GRID)
    row = 5
    rows = index_rows(index, line)
    first = row
    for item in rows:
        _put(sheet, row, 1, item.label, font=_font(), alignment=_LEFT, border=_GRID)
        _put(sheet, row, 2, _number(item.points), font=_font(), border=_GRID, number_format="0.##")
        _put(
            sheet, row, 3, _number(item.rate), font=_font(), border=_GRID, number_format=RATE_FORMAT
        )
        _put(sheet, row, 4, _number(item.scored), font=_font(), border=_GRID, number_format="0.00")
        _put(sheet, row, 5, item.note, font=_font(italic=True), alignment=_LEFT, border=_GRID)
        row += 1
    _put(sheet, row, 1, TOTAL_LABEL, font=_font(bold=True), border=_GRID)
    _put(
        sheet,
        row,
        2,
        f"=SUM(B{first}:B{row - 1})",
        font=_font(bold=True),
        border=_GRID,
        number_format="0.##",
    )
    _put(sheet, row, 3, None, border=_GRID)
    _put(
        sheet,
        row,
        4,
        f"=SUM(D{first}:D{row - 1})",
        font=_font(bold=True),
        border=_GRID,
        number_format="0.00",
    )
    _put(sheet, row, 5, None, border=_GRID)
    row += 2
    for text in target_lines(index, line):
        _put(sheet, row, 1, text, font=_font())
        row += 1
    _put(
        sheet,
        row + 1,
        1,
        "Tên chỉ số, điểm tối đa và cách tính: cần đối chiếu với văn bản và hướng dẫn của tỉnh.",
        font=_font(italic=True, size=10),
    )
    for letter, size in zip("ABCDE", (34, 12, 11, 10, 44), strict=True):
        sheet.column_dimensions[letter].width = size
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_area = f"A1:E{row + 1}"


def _number(value: Decimal | None) -> float | int | None:
    """A Decimal as a number cell (openpyxl writes floats); whole points stay ints."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)
