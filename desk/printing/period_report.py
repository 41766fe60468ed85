"""The periodic report (form 06a of Circular 01/2020/TT-VPCP, **verify**) as a PDF: A4
landscape, the table's header repeated on every page, the notes and the signatures of the
one who drew it up and of the head of the office, then a page scoring the office on the
indicators of Decision 766/QĐ-TTg the desk can know.

The same report as an XLSX is ``desk.printing.report_xlsx``; both take their columns from
``desk.domain.report_layout`` and their words from ``desk.printing.report_texts``.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from desk.domain.figures import FigureLine, PeriodFigures
from desk.domain.formats import count_text
from desk.domain.office import Office
from desk.domain.report_layout import ReportLayout, Value, notes
from desk.domain.service_index import ServiceIndex
from desk.printing.formats import BLANK, place_and_date
from desk.printing.layout import (
    Align,
    Block,
    Column,
    Metadata,
    Paragraph,
    Row,
    Section,
    Stack,
    Table,
    Text,
    bold,
    italic,
    plain,
    render_pdf,
)
from desk.printing.paper import BOOK_PAPER
from desk.printing.parts import Kit, place_names_whole
from desk.printing.report_grid import ReportGrid
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
    grouping_text,
    index_rows,
    period_text,
    rate_text,
    report_lines,
    target_lines,
    total_line,
)
from desk.printing.templates import DEFAULT_TEMPLATE_SET, templates_for

NUMBER_WEIGHT = 0.55
LABEL_WEIGHT = 3.2
VALUE_WEIGHT = 1.0


def _shown(value: Value) -> str:
    if value is None:
        return "—"
    if isinstance(value, Decimal):
        return rate_text(value)
    return count_text(value)


def _cells(layout: ReportLayout, number: str, line: FigureLine, *, strong: bool) -> list[Text]:
    style = bold if strong else plain
    return [number, style(line.label), *(style(_shown(v)) for v in layout.values(line))]


def _header(kit: Kit, office: Office, layout: ReportLayout) -> Block:
    size = kit.paper.size * 1.05
    agency = Stack(
        [
            kit.para(place_names_whole(office.agency_name), align="center", size=size),
            kit.para(
                bold(place_names_whole(office.unit_name)), align="center", size=size, underline=0.4
            ),
        ]
    )
    units = Stack(
        [
            kit.para(f"{layout.reporting_unit}: {office.agency_name}", size=size),
            kit.para(f"{layout.receiving_unit}: {BLANK}", size=size),
        ]
    )
    return Row([(agency, kit.paper.frame_width * 0.34), (Stack([]), None), (units, None)])


def _signatures(kit: Kit, office: Office, issued_on: date, prepared_by: str) -> Block:
    dateline = kit.para(italic(place_and_date(office.place_name, issued_on)), align="center")
    preparer = Stack([kit.para(""), kit.signature(PREPARER, name=prepared_by, note=PREPARER_NOTE)])
    head = Stack([dateline, kit.signature(HEAD, note=HEAD_NOTE)])
    return kit.signatures(preparer, None, head)


def _table(kit: Kit, office: Office, figures: PeriodFigures, layout: ReportLayout) -> ReportGrid:
    lines = report_lines(office, figures)
    rows: list[list[Text]] = [
        _cells(layout, str(number), line, strong=False) for number, line in enumerate(lines, 1)
    ]
    if not rows:
        rows.append(["", italic(NO_LINES), *[""] * len(layout.columns)])
    rows.append(_cells(layout, "", total_line(lines), strong=True))
    right: Align = "right"
    aligns: list[Align] = ["center", "left", *([right] * len(layout.columns))]
    weights = [NUMBER_WEIGHT, LABEL_WEIGHT, *([VALUE_WEIGHT] * len(layout.columns))]
    return ReportGrid(
        weights,
        layout.header_cells(figures.grouping),
        layout.header_rows,
        rows,
        numbers=layout.number_row(),
        size=kit.paper.size,
        aligns=aligns,
    )


def _index_section(kit: Kit, office: Office, line: FigureLine, index: ServiceIndex) -> Section:
    rows: list[list[Text]] = [
        [
            item.label,
            rate_text(item.points),
            rate_text(item.rate) if item.rate is not None else "",
            rate_text(item.scored) if item.scored is not None else "",
            italic(item.note),
        ]
        for item in index_rows(index, line)
    ]
    scored = sum((r.scored for r in index_rows(index, line) if r.scored is not None), Decimal(0))
    points = sum((r.points for r in index_rows(index, line)), Decimal(0))
    rows.append([bold("Tổng cộng"), bold(rate_text(points)), "", bold(rate_text(scored)), ""])
    columns = [
        Column(INDEX_HEADERS[0], 3.2),
        Column(INDEX_HEADERS[1], 1.0, "right"),
        Column(INDEX_HEADERS[2], 1.0, "right"),
        Column(INDEX_HEADERS[3], 1.0, "right"),
        Column("Ghi chú", 3.4),
    ]
    size = kit.paper.size * 1.15
    blocks: list[Block] = [
        kit.title(INDEX_TITLE, italic(f"Toàn cơ quan: {office.agency_name}")),
        kit.para(italic(index.legal_basis), size=kit.paper.small, space_after=kit.paper.leading),
        Table(columns, rows, size=size),
        kit.gap(0.6),
        *(kit.para(text, size=size) for text in target_lines(index, line)),
        kit.para(
            italic(
                f"Tên chỉ số, điểm tối đa và cách tính: {TO_CHECK} với văn bản và hướng dẫn "
                "của tỉnh."
            ),
            size=kit.paper.small,
            space_before=kit.paper.leading,
        ),
    ]
    return Section(blocks, corner_right=INDEX_SHEET)


def render_period_report(
    office: Office,
    figures: PeriodFigures,
    layout: ReportLayout,
    index: ServiceIndex,
    *,
    issued_on: date,
    prepared_by: str = "",
) -> bytes:
    kit = Kit(BOOK_PAPER, templates_for(DEFAULT_TEMPLATE_SET))
    note_size = kit.paper.small
    blocks: list[Block] = [
        _header(kit, office, layout),
        kit.title(
            layout.title, [bold(period_text(figures)), italic("\n" + grouping_text(figures))]
        ),
        _table(kit, office, figures, layout),
        # The notes and the signatures stay together, on the last page.
        Stack(
            [
                Paragraph(italic("Ghi chú:"), size=note_size, space_before=note_size * 0.4),
                *(
                    Paragraph(f"- {text}", size=note_size, indent=note_size)
                    for text in notes(layout, figures)
                ),
                _signatures(kit, office, issued_on, prepared_by),
            ]
        ),
    ]
    report = Section(
        blocks,
        corner_right=layout.form_number,
        continued=f"{office.agency_name} - {layout.form_number}, {figures.period.label}",
    )
    index_page = _index_section(kit, office, figures.office, index)
    title = f"{layout.form_number} - {figures.period.label}"
    return render_pdf(kit.paper, [report, index_page], Metadata(title, office.agency_name))
