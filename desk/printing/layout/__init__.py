"""A small flow layout: ``text`` (runs, wrapping, the painter), ``blocks`` (paragraphs,
stacks, rows), ``table`` (grid tables), ``pages`` (pagination) and ``pdf`` (the file,
with ``pdf_fonts`` embedding the faces). The forms import what they need from here.

Blocks (wrapped rich text, rows of blocks, tables, barcodes) are measured against the
frame width, distributed over pages (tables and long paragraphs split between pages, a
table repeats its header), then drawn. Pages of an 80 mm roll have no fixed height: a
section becomes one page exactly as tall as its content.

Why not reportlab's platypus: a two-copy slip built from platypus Paragraphs and Tables
took ~75 ms, five times the budget for printing at the desk, and a roll page needs its
height before the page exists. The forms need little: left/centred text in a few sizes,
bold and italic runs, grid tables. Everything here draws with the bundled TrueType faces
(never the PDF standard fonts, which have no Vietnamese) and every string is put in NFC
first, because nothing here positions combining marks.
"""

from __future__ import annotations

from desk.printing.layout.blocks import Block, Paragraph, Row, Spacer, Stack
from desk.printing.layout.pages import Metadata, Section, paginate, render_pdf
from desk.printing.layout.table import Column, ColumnGroup, Table
from desk.printing.layout.text import (
    NO_BREAK,
    Align,
    LayoutError,
    Painter,
    Span,
    Text,
    VAlign,
    as_spans,
    bold,
    bold_italic,
    italic,
    keep_together,
    nfc,
    plain,
    wrap,
)

__all__ = [
    "NO_BREAK",
    "Align",
    "Block",
    "Column",
    "ColumnGroup",
    "LayoutError",
    "Metadata",
    "Painter",
    "Paragraph",
    "Row",
    "Section",
    "Spacer",
    "Span",
    "Stack",
    "Table",
    "Text",
    "VAlign",
    "as_spans",
    "bold",
    "bold_italic",
    "italic",
    "keep_together",
    "nfc",
    "paginate",
    "plain",
    "render_pdf",
    "wrap",
]
