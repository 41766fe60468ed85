"""Blocks of a page: spacers, paragraphs, stacks and rows, measured against the width
they are given and split between pages where they may be."""

from __future__ import annotations

import re
from collections.abc import Sequence

from desk.printing.fonts import string_width
from desk.printing.layout.text import (
    _EPSILON,
    NO_BREAK,
    Align,
    LayoutError,
    Painter,
    Text,
    VAlign,
    _Line,
    as_spans,
    wrap,
)

_SPACES = re.compile(r"[ \t\n]+")  # where a line may break (not at NO_BREAK)

# Paragraphs already broken into lines, by text, size, width and balancing. Most of a form's
# paragraphs come back unchanged on every print (the header, the labels, the office's
# lines), and wrapping them again was a tenth of a slip. Wrapping depends on nothing else,
# so a cached result is the same lines; they are only read once made. Cleared when it
# grows large, so a long-running desk stays small.
_wrapped: dict[tuple[object, ...], list[_Line]] = {}
_WRAPPED_LIMIT = 5_000

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
            key = (self.spans, self.size, width - self.indent, self.balance)
            lines = _wrapped.get(key)
            if lines is None:
                lines = wrap(self.spans, self.size, width - self.indent)
                if self.balance and len(lines) > 1:
                    lines = self._balanced(lines, width - self.indent)
                if len(_wrapped) >= _WRAPPED_LIMIT:
                    _wrapped.clear()
                _wrapped[key] = lines
            self._cache = (width, lines)
        return self._cache[1]

    def _balanced(self, lines: list[_Line], width: float) -> list[_Line]:
        """The narrowest wrapping with the same number of lines (a few halvings). Never
        narrower than the widest word (a phrase held together counts as one), which would
        then be cut."""
        widest = max(
            (
                string_width(word.replace(NO_BREAK, " "), span.face, self.size)
                for span in self.spans
                for word in _SPACES.split(span.text)
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
        painter.end_text()


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
