"""Documents: sections of blocks distributed over pages and drawn into one PDF."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from desk.printing.fonts import Face, string_width
from desk.printing.layout.blocks import Block, Spacer
from desk.printing.layout.pdf import PdfWriter
from desk.printing.layout.text import _EPSILON, LayoutError, Painter, nfc
from desk.printing.paper import Paper

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
    pdf = PdfWriter(
        title=nfc(metadata.title), author=nfc(metadata.author), subject=nfc(metadata.subject)
    )
    painter = Painter(pdf)
    corner_size = paper.small
    corner_height = corner_size * 1.6
    width = paper.frame_width
    laid_out: list[tuple[Section, float, list[list[Block]]]] = []
    for section in sections:
        if paper.height is None:
            content = sum(block.measure(width) for block in section.blocks)
            page_height = paper.top + corner_height + content + paper.bottom
            laid_out.append((section, page_height, [section.blocks]))
        else:
            frame_height = paper.height - paper.top - corner_height - paper.bottom
            pages = paginate(section.blocks, width, frame_height)
            laid_out.append((section, paper.height, pages))
    # A page whose blocks another section repeats (the two copies of a slip) is drawn once,
    # as a form that each of those pages places: half the text to write and compress.
    # The key holds the blocks themselves, so no id is reused while it is alive.
    repeats = Counter(
        _page_key(blocks, page_height) for _, page_height, pages in laid_out for blocks in pages
    )
    for section, page_height, pages in laid_out:
        for number, blocks in enumerate(pages, start=1):
            pdf.set_page_size(paper.width, page_height)
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

            def draw_blocks(_: PdfWriter, blocks: list[Block] = blocks, top: float = top) -> None:
                for block in blocks:
                    block.draw(painter, paper.left, top, width)
                    top -= block.measure(width)

            key = _page_key(blocks, page_height)
            if repeats[key] > 1:
                name = painter.form(key, paper.width, page_height, draw_blocks)
                pdf.place_form(name)
            else:
                draw_blocks(pdf)
            painter.show_page()
    return pdf.finish()


def _page_key(blocks: list[Block], page_height: float) -> tuple[object, ...]:
    return ("page", page_height, *blocks)
