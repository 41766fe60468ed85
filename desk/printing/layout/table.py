"""Grid tables: column groups under a shared header, rows split between pages with the
header repeated."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from desk.printing.layout.blocks import Block, Paragraph
from desk.printing.layout.text import _EPSILON, Align, Painter, Text, bold


@dataclass(frozen=True, slots=True)
class Column:
    header: str
    weight: float  # widths are shared in proportion to the weights
    align: Align = "left"


@dataclass(frozen=True, slots=True)
class ColumnGroup:
    """A header cell over several columns: "Ngày, tháng, năm" over three date columns."""

    header: str
    first: int
    last: int


@dataclass(slots=True)
class _TableData:
    """What the parts of a table split over pages share (cells and measurements)."""

    columns: Sequence[Column]
    groups: Sequence[ColumnGroup]
    cells: list[list[Paragraph]]
    header_cells: list[Paragraph]
    group_cells: list[Paragraph]
    size: float
    padding: float
    min_row_height: float
    caption: Block | None
    widths_cache: dict[float, list[float]] = field(default_factory=dict)
    rows_cache: dict[float, list[float]] = field(default_factory=dict)
    header_cache: dict[float, tuple[float, float]] = field(default_factory=dict)


class Table(Block):
    """A grid table. It splits between rows, repeats its header on every page and keeps
    its caption with its first rows."""

    def __init__(
        self,
        columns: Sequence[Column],
        rows: Sequence[Sequence[Text]],
        *,
        size: float,
        groups: Sequence[ColumnGroup] = (),
        caption: Block | None = None,
        min_row_height: float = 0.0,
        padding: float = 2.0,
    ) -> None:
        leading = size * 1.25
        cells = [
            [
                Paragraph(text, size=size, leading=leading, align=column.align)
                for text, column in zip(row, columns, strict=True)
            ]
            for row in rows
        ]
        header_size = size * 0.95
        header_cells = [
            Paragraph(
                bold(column.header), size=header_size, leading=header_size * 1.2, align="center"
            )
            for column in columns
        ]
        group_cells = [
            Paragraph(
                bold(group.header), size=header_size, leading=header_size * 1.2, align="center"
            )
            for group in groups
        ]
        self._data = _TableData(
            columns,
            groups,
            cells,
            header_cells,
            group_cells,
            size,
            padding,
            min_row_height,
            caption,
        )
        self._start = 0
        self._stop = len(cells)
        self._with_caption = caption is not None

    # -- measuring --

    def _widths(self, width: float) -> list[float]:
        data = self._data
        widths = data.widths_cache.get(width)
        if widths is None:
            total = sum(column.weight for column in data.columns)
            widths = data.widths_cache[width] = [
                width * column.weight / total for column in data.columns
            ]
        return widths

    def _cell_height(self, paragraph: Paragraph, cell_width: float) -> float:
        return paragraph.measure(cell_width - 2 * self._data.padding) + 2 * self._data.padding

    def _header_heights(self, width: float) -> tuple[float, float]:
        """(group row, column row); the group row is 0 without groups."""
        data = self._data
        cached = data.header_cache.get(width)
        if cached is not None:
            return cached
        widths = self._widths(width)
        grouped: set[int] = set()
        group_height = 0.0
        for group, cell in zip(data.groups, data.group_cells, strict=True):
            grouped.update(range(group.first, group.last + 1))
            span = sum(widths[group.first : group.last + 1])
            group_height = max(group_height, self._cell_height(cell, span))
        column_height = max(
            (self._cell_height(data.header_cells[i], widths[i]) for i in grouped), default=0.0
        )
        for i, cell in enumerate(data.header_cells):
            if i not in grouped:  # spans both header rows
                column_height = max(
                    column_height, self._cell_height(cell, widths[i]) - group_height
                )
        data.header_cache[width] = (group_height, column_height)
        return group_height, column_height

    def _row_heights(self, width: float) -> list[float]:
        data = self._data
        heights = data.rows_cache.get(width)
        if heights is None:
            widths = self._widths(width)
            heights = data.rows_cache[width] = [
                max(
                    data.min_row_height,
                    *(self._cell_height(cell, w) for cell, w in zip(row, widths, strict=True)),
                )
                for row in data.cells
            ]
        return heights

    def _caption_height(self, width: float) -> float:
        caption = self._data.caption
        return caption.measure(width) if caption is not None and self._with_caption else 0.0

    def measure(self, width: float) -> float:
        group_height, column_height = self._header_heights(width)
        rows = self._row_heights(width)[self._start : self._stop]
        return self._caption_height(width) + group_height + column_height + sum(rows)

    def split(self, width: float, available: float) -> tuple[Block, Block] | None:
        group_height, column_height = self._header_heights(width)
        room = available - self._caption_height(width) - group_height - column_height
        heights = self._row_heights(width)
        stop = self._start
        while stop < self._stop and heights[stop] <= room + _EPSILON:
            room -= heights[stop]
            stop += 1
        if stop == self._start or stop == self._stop:
            return None  # not even one row fits under the header: move the table whole
        return self._part(self._start, stop, self._with_caption), self._part(
            stop, self._stop, False
        )

    def _part(self, start: int, stop: int, with_caption: bool) -> Table:
        part = Table.__new__(Table)
        part._data = self._data
        part._start = start
        part._stop = stop
        part._with_caption = with_caption
        return part

    # -- drawing --

    def draw(self, painter: Painter, x: float, top: float, width: float) -> None:
        data = self._data
        pad = data.padding
        widths = self._widths(width)
        edges = [x]
        for w in widths:
            edges.append(edges[-1] + w)
        if data.caption is not None and self._with_caption:
            data.caption.draw(painter, x, top, width)
            top -= data.caption.measure(width)
        group_height, column_height = self._header_heights(width)
        header_height = group_height + column_height
        lines: list[tuple[float, float, float, float]] = []

        # Header: grouped columns sit under their group's cell; the others span both rows.
        grouped: dict[int, int] = {}
        for index, group in enumerate(data.groups):
            for column in range(group.first, group.last + 1):
                grouped[column] = index
        for index, group in enumerate(data.groups):
            left, right = edges[group.first], edges[group.last + 1]
            self._draw_centered(
                painter, data.group_cells[index], left, top, right - left, group_height
            )
            lines.append((left, top - group_height, right, top - group_height))
        for i, cell in enumerate(data.header_cells):
            if i in grouped:
                self._draw_centered(
                    painter, cell, edges[i], top - group_height, widths[i], column_height
                )
            else:
                self._draw_centered(painter, cell, edges[i], top, widths[i], header_height)
        for i in range(1, len(widths)):
            # Inner vertical lines between columns of one group start below the group cell.
            inside = i in grouped and i - 1 in grouped and grouped[i] == grouped[i - 1]
            lines.append(
                (edges[i], top - (group_height if inside else 0.0), edges[i], top - header_height)
            )
        y = top - header_height
        lines.append((x, y, x + width, y))

        heights = self._row_heights(width)
        for row in range(self._start, self._stop):
            for cell, left, cell_width in zip(data.cells[row], edges, widths, strict=False):
                cell.draw(painter, left + pad, y - pad, cell_width - 2 * pad)
            y -= heights[row]
            lines.append((x, y, x + width, y))
        bottom = y
        lines.append((x, top, x + width, top))
        for edge in (edges[0], edges[-1]):
            lines.append((edge, top, edge, bottom))
        for i in range(1, len(widths)):
            lines.append((edges[i], top - header_height, edges[i], bottom))
        painter.pdf.line_width(0.5)
        painter.pdf.lines(lines)

    def _draw_centered(
        self, painter: Painter, cell: Paragraph, x: float, top: float, width: float, height: float
    ) -> None:
        pad = self._data.padding
        text_height = cell.measure(width - 2 * pad)
        cell.draw(painter, x + pad, top - (height - text_height) / 2, width - 2 * pad)
