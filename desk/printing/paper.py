"""Paper sizes, margins and the type sizes and barcode sizes that go with each.

Sizes are in PDF points (1/72 inch). The 80 mm roll has no fixed height: each copy is one
page exactly as tall as its content, so the printer cuts between copies.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.units import mm

from desk.errors import InvalidInput

A5 = "a5"
A4 = "a4"
ROLL80 = "roll80"


@dataclass(frozen=True, slots=True)
class Paper:
    key: str
    width: float
    height: float | None  # None: the page grows with its content (roll)
    left: float
    right: float
    top: float
    bottom: float
    size: float  # body text, pt
    module: float  # Code 128 module width; ≥ 0.33 mm so scanners read it
    bar_height: float
    qr_size: float
    rotate_barcode: bool = False  # the roll is too narrow for a horizontal code
    narrow: bool = False  # stack the header instead of two columns

    @property
    def frame_width(self) -> float:
        return self.width - self.left - self.right

    @property
    def leading(self) -> float:
        return self.size * 1.32

    @property
    def small(self) -> float:
        return self.size * 0.85

    @property
    def title_size(self) -> float:
        return self.size * 1.2


PAPERS: dict[str, Paper] = {
    # A5: 0.33 mm modules keep the 25-character code with its quiet zones at ~102 mm,
    # leaving room for the QR code beside it in the 126 mm frame.
    A5: Paper(
        key=A5,
        width=148 * mm,
        height=210 * mm,
        left=12 * mm,
        right=10 * mm,
        top=9 * mm,
        bottom=8 * mm,
        size=9.0,
        module=0.33 * mm,
        bar_height=9 * mm,
        qr_size=21 * mm,
    ),
    A4: Paper(
        key=A4,
        width=210 * mm,
        height=297 * mm,
        left=20 * mm,
        right=15 * mm,
        top=12 * mm,
        bottom=12 * mm,
        size=11.0,
        module=0.40 * mm,
        bar_height=12 * mm,
        qr_size=28 * mm,
    ),
    # 72 mm are printable on an 80 mm roll. The code needs 308 modules with its quiet zones
    # (116 mm at 0.375 mm, 3 dots of a 203 dpi head), so it runs down the slip instead.
    ROLL80: Paper(
        key=ROLL80,
        width=80 * mm,
        height=None,
        left=4 * mm,
        right=4 * mm,
        top=3 * mm,
        bottom=10 * mm,  # room for the cutter
        size=8.0,
        module=0.375 * mm,
        bar_height=11 * mm,
        qr_size=26 * mm,
        rotate_barcode=True,
        narrow=True,
    ),
}

# The tracking book: a wide table on A4 landscape.
BOOK_PAPER = Paper(
    key="a4-landscape",
    width=297 * mm,
    height=210 * mm,
    left=12 * mm,
    right=10 * mm,
    top=9 * mm,
    bottom=9 * mm,
    size=8.0,
    module=0.40 * mm,
    bar_height=12 * mm,
    qr_size=28 * mm,
)


def paper_for(key: str, *, allowed: tuple[str, ...] = (A5, A4)) -> Paper:
    if key not in allowed:
        raise InvalidInput(
            f"Khổ giấy «{key}» không dùng được cho mẫu này (chọn: {', '.join(allowed)}).",
            code="print.paper",
        )
    return PAPERS[key]
