"""A small flow layout on the reportlab canvas.

Blocks (wrapped rich text, rows of blocks, tables, barcodes) are measured against the
frame width, distributed over pages (tables and long paragraphs split between pages, a
table repeats its header), then drawn. Pages of an 80 mm roll have no fixed height: a
section becomes one page exactly as tall as its content.

Why not reportlab's platypus: a two-copy slip built from platypus Paragraphs and Tables
took ~75 ms, five times the budget for printing at the desk, and a roll page needs its
height before the page exists. The forms need little: left/centred text in a few sizes,
bold and italic runs, grid tables. Everything here draws with the bundled TrueType faces
(never the PDF standard fonts, which have no Vietnamese) and every string is put in NFC
first, because reportlab does not position combining marks.
"""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from reportlab.pdfgen.canvas import Canvas

from desk.errors import DeskError
from desk.printing.fonts import Face, string_width
from desk.printing.paper import Paper

Align = Literal["left", "center", "right"]
VAlign = Literal["top", "middle", "bottom"]

_EPSILON = 0.01  # pt; rounding slack when comparing heights
_BREAKS = re.compile(r"(\n|[ \t]+)")
_HYPHEN_CHUNKS = re.compile(r"[^-]*-|[^-]+")


class LayoutError(DeskError):
    code = "print.layout"


# --- text -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Span:
    """A run of text in one face."""

    text: str
    face: Face = Face.REGULAR

    def __post_init__(self) -> None:
        object.__setattr__(self, "text", unicodedata.normalize("NFC", self.text))


Text = str | Span | Sequence[Span]


def plain(text: str) -> Span:
    return Span(text, Face.REGULAR)


def bold(text: str) -> Span:
    return Span(text, Face.BOLD)


def italic(text: str) -> Span:
    return Span(text, Face.ITALIC)


def bold_italic(text: str) -> Span:
    return Span(text, Face.BOLD_ITALIC)


def as_spans(text: Text) -> tuple[Span, ...]:
    if isinstance(text, str):
        return (Span(text),)
    if isinstance(text, Span):
        return (text,)
    return tuple(text)


@dataclass(slots=True)
class _Fragment:
    x: float  # from the start of the line
    text: str
    face: Face


@dataclass(slots=True)
class _Line:
    fragments: list[_Fragment]
    width: float


class _Wrapper:
    """Greedy line filling: break at spaces and newlines; a word wider than the line is
    cut between characters (long e-mail addresses, URLs) rather than overflowing."""

    def __init__(self, width: float, size: float) -> None:
        self.width = width
        self.size = size
        self.lines: list[_Line] = []
        self.pieces: list[tuple[str, Face, float]] = []
        self.used = 0.0
        self.pending_space: Face | None = None

    def space(self, face: Face) -> None:
        if self.pieces:
            self.pending_space = face

    def newline(self) -> None:
        self.finish_line()

    def word(self, parts: list[tuple[str, Face]]) -> None:
        measured = [(text, face, string_width(text, face, self.size)) for text, face in parts]
        word_width = sum(width for _, _, width in measured)
        gap = 0.0
        if self.pending_space is not None and self.pieces:
            gap = string_width(" ", self.pending_space, self.size)
        if self.pieces and self.used + gap + word_width > self.width + _EPSILON:
            self.finish_line()
            gap = 0.0
        if gap:
            assert self.pending_space is not None
            self.pieces.append((" ", self.pending_space, gap))
            self.used += gap
        self.pending_space = None
        if word_width <= self.width + _EPSILON:
            self.pieces.extend(measured)
            self.used += word_width
            return
        # Wider than a whole line: break after hyphens first (dossier codes in narrow
        # columns), then between characters.
        for text, face, _ in measured:
            for chunk in _HYPHEN_CHUNKS.findall(text):
                self.glue(chunk, face)

    def glue(self, text: str, face: Face) -> None:
        """Add text with no space before it, on a new line if it does not fit."""
        width = string_width(text, face, self.size)
        if self.pieces and self.used + width > self.width + _EPSILON:
            self.finish_line()
        if width <= self.width + _EPSILON:
            self.pieces.append((text, face, width))
            self.used += width
            return
        for char in text:
            char_width = string_width(char, face, self.size)
            if self.pieces and self.used + char_width > self.width + _EPSILON:
                self.finish_line()
            self.pieces.append((char, face, char_width))
            self.used += char_width

    def finish_line(self) -> None:
        fragments: list[_Fragment] = []
        x = 0.0
        for text, face, width in self.pieces:
            if fragments and fragments[-1].face is face:
                fragments[-1].text += text
            else:
                fragments.append(_Fragment(x, text, face))
            x += width
        self.lines.append(_Line(fragments, x))
        self.pieces = []
        self.used = 0.0
        self.pending_space = None


def wrap(spans: Sequence[Span], size: float, width: float) -> list[_Line]:
    """Break rich text into lines no wider than ``width``; always at least one line."""
    wrapper = _Wrapper(width, size)
    word: list[tuple[str, Face]] = []
    for span in spans:
        for part in _BREAKS.split(span.text):
            if not part:
                continue
            if part == "\n" or part[0] in " \t":
                if word:
                    wrapper.word(word)
                    word = []
                if part == "\n":
                    wrapper.newline()
                else:
                    wrapper.space(span.face)
            else:
                word.append((part, span.face))  # a word may run on across spans
    if word:
        wrapper.word(word)
    if wrapper.pieces or not wrapper.lines:
        wrapper.finish_line()
    return wrapper.lines


# --- drawing ----------------------------------------------------------------------------


class Painter:
    """The canvas plus what the blocks share while a document is drawn."""

    def __init__(self, canvas: Canvas) -> None:
        self.canvas = canvas
        self._font: tuple[str, float] | None = None
        self._forms: dict[tuple[object, ...], str] = {}

    def new_page(self) -> None:
        self._font = None  # a new page starts from the canvas's initial state

    def text(self, x: float, y: float, text: str, face: Face, size: float) -> None:
        font = (face.font_name, size)
        if font != self._font:
            self.canvas.setFont(*font)
            self._font = font
        self.canvas.drawString(x, y, text)

    def line(self, x1: float, y1: float, x2: float, y2: float, width: float = 0.6) -> None:
        self.canvas.setLineWidth(width)
        self.canvas.line(x1, y1, x2, y2)

    def form(
        self,
        key: tuple[object, ...],
        width: float,
        height: float,
        draw: Callable[[Canvas], None],
    ) -> str:
        """A drawing stored once per document and placed many times (the barcode and the
        QR code appear on both copies of the slip)."""
        name = self._forms.get(key)
        if name is None:
            name = f"DeskForm{len(self._forms) + 1}"
            self.canvas.beginForm(name, 0, 0, width, height)
            draw(self.canvas)
            self.canvas.endForm()
            self._forms[key] = name
        return name


# --- blocks -----------------------------------------------------------------------------


class Block:
    """Takes the width it is given and a height that depends on that width."""

    def measure(self, width: float) -> float:
        raise NotImplementedError

    def draw(self, painter: Painter, x: float, top: float, width: float) -> None:
        raise NotImplementedError

    def split(self, width: float, available: float) -> tuple[Block, Block] | None:
        """A head that fits in ``available`` and the rest, or None to move it whole."""
        return None


class Spacer(Block):
    def __init__(self, height: float) -> None:
        self.height = height

    def measure(self, width: float) -> float:
        return self.height

    def draw(self, painter: Painter, x: float, top: float, width: float) -> None:
        pass


class Paragraph(Block):
    def __init__(
        self,
        text: Text,
        *,
        size: float,
        leading: float | None = None,
        align: Align = "left",
        space_before: float = 0.0,
        space_after: float = 0.0,
        indent: float = 0.0,
        underline: float = 0.0,
        balance: bool = False,
    ) -> None:
        """``underline``: the fraction of each line's text width to underline, centred
        under it (1 under the national motto, about 0.4 under the agency's unit).
        ``balance``: make wrapped lines about equally long (titles) instead of leaving one
        word alone on the last line."""
        self.spans = as_spans(text)
        self.size = size
        self.leading = leading if leading is not None else size * 1.32
        self.align = align
        self.space_before = space_before
        self.space_after = space_after
        self.indent = indent
        self.underline = underline
        self.balance = balance
        self._cache: tuple[float, list[_Line]] | None = None

    def lines(self, width: float) -> list[_Line]:
        if self._cache is None or self._cache[0] != width:
            lines = wrap(self.spans, self.size, width - self.indent)
            if self.balance and len(lines) > 1:
                lines = self._balanced(lines, width - self.indent)
            self._cache = (width, lines)
        return self._cache[1]

    def _balanced(self, lines: list[_Line], width: float) -> list[_Line]:
        """The narrowest wrapping with the same number of lines (a few halvings). Never
        narrower than the widest word, which would then be cut."""
        widest = max(
            (
                string_width(word, span.face, self.size)
                for span in self.spans
                for word in span.text.split()
            ),
            default=0.0,
        )
        low, high = max(width / len(lines), widest), width
        best = lines
        for _ in range(8):
            middle = (low + high) / 2
            attempt = wrap(self.spans, self.size, middle)
            if len(attempt) == len(lines):
                best, high = attempt, middle
            else:
                low = middle
        return best

    def measure(self, width: float) -> float:
        return self.space_before + len(self.lines(width)) * self.leading + self.space_after

    def split(self, width: float, available: float) -> tuple[Block, Block] | None:
        lines = self.lines(width)
        fit = int((available - self.space_before + _EPSILON) // self.leading)
        if fit <= 0 or fit >= len(lines):
            return None
        head = self._with_lines(width, lines[:fit], space_before=self.space_before)
        tail = self._with_lines(width, lines[fit:], space_after=self.space_after)
        return head, tail

    def _with_lines(
        self,
        width: float,
        lines: list[_Line],
        *,
        space_before: float = 0.0,
        space_after: float = 0.0,
    ) -> Paragraph:
        part = Paragraph(
            self.spans,
            size=self.size,
            leading=self.leading,
            align=self.align,
            space_before=space_before,
            space_after=space_after,
            indent=self.indent,
            underline=self.underline,
            balance=self.balance,
        )
        part._cache = (width, lines)
        return part

    def draw(self, painter: Painter, x: float, top: float, width: float) -> None:
        # The baseline sits so that the tallest Vietnamese capitals (Ể, Ố: ~0.95 em) and
        # the marks below (ạ, ậ: ~0.24 em) stay inside the line box.
        first_top = top - self.space_before
        for index, line in enumerate(self.lines(width)):
            baseline = first_top - index * self.leading - self.leading / 2 - 0.355 * self.size
            if self.align == "center":
                start = x + (width - line.width) / 2
            elif self.align == "right":
                start = x + width - line.width
            else:
                start = x + self.indent
            for fragment in line.fragments:
                painter.text(start + fragment.x, baseline, fragment.text, fragment.face, self.size)
            if self.underline and line.width:
                under = baseline - 0.3 * self.size
                inset = line.width * (1 - self.underline) / 2
                painter.line(start + inset, under, start + line.width - inset, under, 0.6)


class Stack(Block):
    """Blocks one under the other, kept together on one page."""

    def __init__(self, blocks: Sequence[Block]) -> None:
        self.blocks = list(blocks)

    def measure(self, width: float) -> float:
        return sum(block.measure(width) for block in self.blocks)

    def draw(self, painter: Painter, x: float, top: float, width: float) -> None:
        for block in self.blocks:
            block.draw(painter, x, top, width)
            top -= block.measure(width)


class Row(Block):
    """Blocks side by side. A cell's width is fixed in points, or None to share what the
    fixed cells leave."""

    def __init__(
        self,
        cells: Sequence[tuple[Block, float | None]],
        *,
        gap: float = 0.0,
        valign: VAlign = "top",
    ) -> None:
        self.cells = list(cells)
        self.gap = gap
        self.valign = valign

    def widths(self, width: float) -> list[float]:
        fixed = sum(w for _, w in self.cells if w is not None)
        flexible = sum(1 for _, w in self.cells if w is None)
        rest = width - fixed - self.gap * (len(self.cells) - 1)
        if rest < -_EPSILON or (flexible and rest <= 0):
            raise LayoutError("Nội dung rộng hơn khổ giấy.", code="print.too_wide")
        share = rest / flexible if flexible else 0.0
        return [w if w is not None else share for _, w in self.cells]

    def measure(self, width: float) -> float:
        return max(
            block.measure(w) for (block, _), w in zip(self.cells, self.widths(width), strict=True)
        )

    def draw(self, painter: Painter, x: float, top: float, width: float) -> None:
        height = self.measure(width)
        for (block, _), cell_width in zip(self.cells, self.widths(width), strict=True):
            offset = 0.0
            if self.valign != "top":
                free = height - block.measure(cell_width)
                offset = free / 2 if self.valign == "middle" else free
            block.draw(painter, x, top - offset, cell_width)
            x += cell_width + self.gap


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
        painter.canvas.setLineWidth(0.5)
        painter.canvas.lines(lines)

    def _draw_centered(
        self, painter: Painter, cell: Paragraph, x: float, top: float, width: float, height: float
    ) -> None:
        pad = self._data.padding
        text_height = cell.measure(width - 2 * pad)
        cell.draw(painter, x + pad, top - (height - text_height) / 2, width - 2 * pad)


# --- documents --------------------------------------------------------------------------


@dataclass(slots=True)
class Section:
    """A run of pages: one copy of a slip, a letter, the book. Each starts a new page."""

    blocks: list[Block]
    corner_left: str = ""  # "Liên 1: Lưu"
    corner_right: str = ""  # "Mẫu số 01"
    continued: str = ""  # added on later pages: "Mã hồ sơ … (tiếp theo)"


@dataclass(frozen=True, slots=True)
class Metadata:
    title: str
    author: str = ""
    subject: str = ""


def paginate(blocks: Sequence[Block], width: float, height: float) -> list[list[Block]]:
    """Distribute blocks over pages of the given frame size."""
    pages: list[list[Block]] = [[]]
    room = height
    queue = list(reversed(blocks))  # a stack: split tails go back on top
    while queue:
        block = queue.pop()
        page = pages[-1]
        if isinstance(block, Spacer) and not page:
            continue  # no gap at the top of a page
        needed = block.measure(width)
        if needed <= room + _EPSILON:
            page.append(block)
            room -= needed
            continue
        parts = block.split(width, room)
        if parts is not None:
            page.append(parts[0])
            queue.append(parts[1])
        elif not page:
            raise LayoutError(
                "Một phần của mẫu in dài hơn cả trang giấy, không in được.",
                code="print.too_tall",
            )
        else:
            queue.append(block)
        pages.append([])
        room = height
    if not pages[-1] and len(pages) > 1:
        pages.pop()
    return pages


def render_pdf(paper: Paper, sections: Sequence[Section], metadata: Metadata) -> bytes:
    regular = Face.REGULAR.font_name
    buffer = io.BytesIO()
    # initialFontName: without it the canvas starts in Helvetica and the PDF carries an
    # unembedded Helvetica reference even if no text is drawn in it.
    canvas = Canvas(
        buffer,
        pagesize=(paper.width, paper.height or paper.width),
        initialFontName=regular,
        initialFontSize=paper.size,
        pageCompression=1,
        lang="vi",
    )
    canvas.setTitle(unicodedata.normalize("NFC", metadata.title))
    canvas.setAuthor(unicodedata.normalize("NFC", metadata.author))
    canvas.setSubject(unicodedata.normalize("NFC", metadata.subject))
    canvas.setCreator("Commune Desk")
    painter = Painter(canvas)
    corner_size = paper.small
    corner_height = corner_size * 1.6
    width = paper.frame_width
    for section in sections:
        if paper.height is None:
            content = sum(block.measure(width) for block in section.blocks)
            pages = [section.blocks]
            page_height = paper.top + corner_height + content + paper.bottom
        else:
            page_height = paper.height
            frame_height = page_height - paper.top - corner_height - paper.bottom
            pages = paginate(section.blocks, width, frame_height)
        for number, blocks in enumerate(pages, start=1):
            canvas.setPageSize((paper.width, page_height))
            corner_y = page_height - paper.top - corner_size
            corner_left = section.corner_left
            if number > 1 and section.continued:
                corner_left = " - ".join(filter(None, (corner_left, section.continued)))
            if corner_left:
                painter.text(paper.left, corner_y, nfc(corner_left), Face.ITALIC, corner_size)
            if section.corner_right:
                text = nfc(section.corner_right)
                right = paper.width - paper.right - string_width(text, Face.ITALIC, corner_size)
                painter.text(right, corner_y, text, Face.ITALIC, corner_size)
            if len(pages) > 1:
                label = f"Trang {number}/{len(pages)}"
                label_width = string_width(label, Face.ITALIC, corner_size)
                painter.text(
                    (paper.width - label_width) / 2,
                    paper.bottom * 0.45,
                    label,
                    Face.ITALIC,
                    corner_size,
                )
            top = page_height - paper.top - corner_height
            for block in blocks:
                block.draw(painter, paper.left, top, width)
                top -= block.measure(width)
            canvas.showPage()
            painter.new_page()
    canvas.save()
    return buffer.getvalue()


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)
