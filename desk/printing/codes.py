"""The dossier code as a vector Code 128 barcode, and the QR code to the lookup page.

Both are drawn as filled rectangles (no bitmaps): they stay sharp at any printer
resolution, and a printer driver cannot blur them by resampling.
"""

from __future__ import annotations

import functools
import re

from desk.printing import code128, qr
from desk.printing.layout import Block, LayoutError, Painter
from desk.printing.layout.pdf import PdfWriter

QUIET_MODULES = 10  # Code 128 needs at least 10 blank modules on either side
QR_BORDER = 4  # the QR specification's quiet zone, in modules
QR_MASK = 2


_DARK_RUN = re.compile("1+")


def _runs(cells: str) -> list[tuple[int, int]]:
    """(start, length) of each run of dark modules ("1") in a row of "0"/"1"."""
    return [(found.start(), found.end() - found.start()) for found in _DARK_RUN.finditer(cells)]


@functools.lru_cache(maxsize=64)
def code128_modules(data: str) -> str:
    """The module pattern ("1" dark, "0" light), without quiet zones."""
    if data.isascii():
        return code128.modules(data)
    import barcode  # here, not at the top: it loads Pillow (a code outside ASCII: its rules)

    return str(barcode.Code128(data).build()[0])


@functools.lru_cache(maxsize=64)
def code128_operators(data: str) -> str:
    """The PDF path filling the bars, in module units (bars one unit tall), the left quiet
    zone included: see ``Code128._draw_bars``."""
    rects = [
        f"{start + QUIET_MODULES} 0 {length} 1 re" for start, length in _runs(code128_modules(data))
    ]
    return "\n".join(rects) + " f"


class Code128(Block):
    """A Code 128 barcode with its quiet zones. ``rotated``: the bars lie across the page
    and the code runs from the bottom up, for rolls narrower than the code."""

    def __init__(self, data: str, *, module: float, bar_height: float, rotated: bool = False):
        self.data = data
        self.modules = code128_modules(data)
        self.module = module
        self.bar_height = bar_height
        self.rotated = rotated

    @property
    def length(self) -> float:
        """Along the code, quiet zones included."""
        return (len(self.modules) + 2 * QUIET_MODULES) * self.module

    @property
    def natural_width(self) -> float:
        return self.bar_height if self.rotated else self.length

    def measure(self, width: float) -> float:
        if self.natural_width > width + 0.01:
            raise LayoutError("Mã vạch rộng hơn chỗ dành cho nó.", code="print.barcode_width")
        return self.length if self.rotated else self.bar_height

    def _draw_bars(self, pdf: PdfWriter) -> None:
        # In module units (one module wide, the bars one unit tall): the stream is short
        # integers, the same for every size, and cached with the pattern.
        pdf.transform(self.module, 0, 0, self.bar_height, 0, 0)
        pdf.literal(code128_operators(self.data))

    def draw(self, painter: Painter, x: float, top: float, width: float) -> None:
        key = ("code128", self.data, self.module, self.bar_height)
        name = painter.form(key, self.length, self.bar_height, self._draw_bars)
        pdf = painter.pdf
        pdf.save_state()
        if self.rotated:
            # Turned a quarter anticlockwise: the form's box (length × bar height) then
            # fills x … x + bar height, top − length … top.
            pdf.transform(0, 1, -1, 0, x + self.bar_height, top - self.length)
        else:
            pdf.transform(1, 0, 0, 1, x + (width - self.length) / 2, top - self.bar_height)
        pdf.place_form(name)
        pdf.restore_state()


@functools.lru_cache(maxsize=64)
def qr_modules(value: str) -> tuple[str, ...]:
    """The QR matrix (error correction M) as rows of "1" (dark) and "0" (light), like the
    Code 128 pattern; cached for reprints.

    The mask is fixed: every one of the eight masks gives a valid code, and choosing the
    "best" one means scoring all eight, which cost more than the rest of the slip.
    """
    try:
        return qr.matrix(value, error="M", mask=QR_MASK)
    except qr.Overflow:
        import segno  # too long for any QR code: segno's error, as before

        segno.make_qr(value, error="m", boost_error=False, mask=QR_MASK)
        raise


def qr_side(value: str) -> int:
    """The QR code's side in modules, its quiet zone included."""
    return len(qr_modules(value)) + 2 * QR_BORDER


@functools.lru_cache(maxsize=64)
def qr_operators(value: str) -> str:
    """The PDF path filling the QR code's dark modules, one rectangle a run of a row, in
    module units with the origin at the bottom left corner of the quiet zone. Cached: a
    reprint of the same dossier (or its second copy) draws the same stream."""
    matrix = qr_modules(value)
    side = qr_side(value)
    rects = []
    for row_index, row in enumerate(matrix):
        y = side - row_index - QR_BORDER - 1
        rects += [f"{start + QR_BORDER} {y} {length} 1 re" for start, length in _runs(row)]
    return "\n".join(rects) + " f"


class QrCode(Block):
    """A square QR code ``size`` wide, its 4-module quiet zone included."""

    def __init__(self, value: str, *, size: float) -> None:
        self.value = value
        self.size = size

    def measure(self, width: float) -> float:
        return self.size

    def _draw_modules(self, pdf: PdfWriter) -> None:
        side = qr_side(self.value)
        pdf.transform(self.size / side, 0, 0, self.size / side, 0, 0)
        pdf.literal(qr_operators(self.value))

    def draw(self, painter: Painter, x: float, top: float, width: float) -> None:
        name = painter.form(("qr", self.value, self.size), self.size, self.size, self._draw_modules)
        pdf = painter.pdf
        pdf.save_state()
        pdf.transform(1, 0, 0, 1, x + (width - self.size) / 2, top - self.size)
        pdf.place_form(name)
        pdf.restore_state()
