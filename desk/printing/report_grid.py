"""A grid table whose header has several rows of merged cells (the periodic report's
«Kết quả giải quyết» over «Số hồ sơ đã giải quyết» over «Trả trước hạn»). The forms'
``Table`` has one row of groups; this one takes any header grid (``HeaderCell``s from
``desk.domain.report_layout``) and, like it, splits between rows and repeats the header on
every page."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from desk.domain.report_layout import HeaderCell
from desk.printing.layout import Align, Block, Painter, Paragraph, Text, bold, italic
from desk.printing.layout.text import _EPSILON


@dataclass(slots=True)
class _Grid:
    weights: Sequence[float]
    header: list[tuple[HeaderCell, Paragraph]]
    header_rows: int
    rows: list[list[Paragraph]]
    padding: float
    widths: dict[float, list[float]] = field(default_factory=dict)
    heights: dict[float, tuple[list[float], list[float]]] = field(default_factory=dict)


class ReportGrid(Block):
    def __init__(
        self,
        weights: Sequence[float],
        header: Sequence[HeaderCell],
        header_rows: int,
        rows: Sequence[Sequence[Text]],
        *,
        numbers: Sequence[str] = (),
        size: float,
        aligns: Sequence[Align],
        padding: float = 1.8,
        header_size: float | None = None,
    ) -> None:
        """``numbers``: a last header row numbering the columns («(1)», «(3)=(4)+(5)»)."""
        heading = header_size or size * 0.92
        cells = [
            (cell, Paragraph(bold(cell.text), size=heading, leading=heading * 1.2, align="center"))
            for cell in header
        ]
        small = heading * 0.9
        cells += [
            (
                HeaderCell(text, header_rows, column),
                Paragraph(italic(text), size=small, leading=small * 1.2, align="center"),
            )
            for column, text in enumerate(numbers)
        ]
        self._grid = _Grid(
            weights,
            cells,
            header_rows + (1 if numbers else 0),
            [
                [
                    Paragraph(text, size=size, leading=size * 1.25, align=align)
                    for text, align in zip(row, aligns, strict=True)
                ]
                for row in rows
            ],
            padding,
        )
        self._start, self._stop = 0, len(self._grid.rows)

    # -- measuring --

    def _widths(self, width: float) -> list[float]:
        grid = self._grid
        found = grid.widths.get(width)
        if found is None:
            total = sum(grid.weights)
            found = grid.widths[width] = [width * w / total for w in grid.weights]
        return found

    def _span(self, widths: list[float], first: int, count: int) -> float:
        return sum(widths[first : first + count])

    def _measured(self, width: float) -> tuple[list[float], list[float]]:
        """(header row heights, body row heights). A merged header cell taller than the
        rows it spans makes its last row taller."""
        grid = self._grid
        cached = grid.heights.get(width)
        if cached is not None:
            return cached
        widths = self._widths(width)
        pad = 2 * grid.padding
        header = [0.0] * grid.header_rows
        for cell, paragraph in sorted(grid.header, key=lambda item: item[0].rows):
            needed = paragraph.measure(self._span(widths, cell.column, cell.columns) - pad) + pad
            last = cell.row + cell.rows - 1
            have = sum(header[cell.row : last + 1])
            if needed > have:
                header[last] += needed - have
        body = [
            max(p.measure(w - pad) + pad for p, w in zip(row, widths, strict=True))
            for row in grid.rows
        ]
        grid.heights[width] = (header, body)
        return header, body

    def measure(self, width: float) -> float:
        header, body = self._measured(width)
        return sum(header) + sum(body[self._start : self._stop])

    def split(self, width: float, available: float) -> tuple[Block, Block] | None:
        header, body = self._measured(width)
        room = available - sum(header)
        stop = self._start
        while stop < self._stop and body[stop] <= room + _EPSILON:
            room -= body[stop]
            stop += 1
        if stop in (self._start, self._stop):
            return None
        return self._part(self._start, stop), self._part(stop, self._stop)

    def _part(self, start: int, stop: int) -> ReportGrid:
        part = ReportGrid.__new__(ReportGrid)
        part._grid = self._grid
        part._start, part._stop = start, stop
        return part

    # -- drawing --

    def draw(self, painter: Painter, x: float, top: float, width: float) -> None:
        grid = self._grid
        pad = grid.padding
        widths = self._widths(width)
        edges = [x]
        for w in widths:
            edges.append(edges[-1] + w)
        header, body = self._measured(width)
        row_tops = [top]
        for height in header:
            row_tops.append(row_tops[-1] - height)
        rects: list[tuple[float, float, float, float]] = []
        for cell, paragraph in grid.header:
            left, right = edges[cell.column], edges[cell.column + cell.columns]
            upper, lower = row_tops[cell.row], row_tops[cell.row + cell.rows]
            inner = paragraph.measure(right - left - 2 * pad)
            paragraph.draw(
                painter, left + pad, upper - (upper - lower - inner) / 2, right - left - 2 * pad
            )
            rects.append((left, lower, right - left, upper - lower))
        y = row_tops[-1]
        for index in range(self._start, self._stop):
            height = body[index]
            for paragraph, left, cell_width in zip(grid.rows[index], edges, widths, strict=False):
                inner = paragraph.measure(cell_width - 2 * pad)
                paragraph.draw(painter, left + pad, y - (height - inner) / 2, cell_width - 2 * pad)
                rects.append((left, y - height, cell_width, height))
            y -= height
        pdf = painter.pdf
        pdf.line_width(0.5)
        for left, bottom, w, h in rects:
            pdf.stroke_rect(left, bottom, w, h)
