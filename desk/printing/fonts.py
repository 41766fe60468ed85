"""The bundled Noto Sans faces, registered with reportlab the first time they are used.

The PDF standard fonts (Helvetica …) have no Vietnamese letters, so every string the desk
prints goes through one of these embedded TrueType faces. Registration parses a 0.5 MB
file per face (~10 ms each), so it happens lazily, once per process, per face; a lock
keeps a printing worker thread and the GUI thread from registering the same face twice.
"""

from __future__ import annotations

import functools
import threading
from enum import Enum

from reportlab.pdfbase import pdfdoc, pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont, TTFontFace

from desk.resources import RESOURCES

FONT_DIR = RESOURCES / "fonts"
LICENCE_FILE = FONT_DIR / "OFL.txt"


class Face(Enum):
    """A face of the one family the forms use; the value is the bundled file."""

    REGULAR = "NotoSans-Regular.ttf"
    BOLD = "NotoSans-Bold.ttf"
    ITALIC = "NotoSans-Italic.ttf"
    BOLD_ITALIC = "NotoSans-BoldItalic.ttf"

    @property
    def font_name(self) -> str:
        """The name reportlab knows the face by (registered on first use)."""
        name = _registered.get(self)
        return name if name is not None else _register(self)


_registered: dict[Face, str] = {}
_lock = threading.Lock()


def _register(face: Face) -> str:
    with _lock:
        name = _registered.get(face)
        if name is None:
            name = "Desk" + face.value.removesuffix(".ttf")  # e.g. DeskNotoSans-Bold
            # asciiReadable off: a subset then holds only the glyphs a document uses, not
            # all of ASCII besides; the subsets, their widths and their compression cost
            # a third as much (text is still extracted through the ToUnicode map).
            font = _RememberingFont(name, str(FONT_DIR / face.value), asciiReadable=False)
            pdfmetrics.registerFont(font)
            _registered[face] = name
        return name


class _RememberingFont(TTFont):
    """A TrueType font whose subsets' objects reuse what earlier documents made.

    A subset is the same bytes whenever the same characters are asked for in the same
    order, and the slips a desk prints ask for the same ones again: a reprint, and the bold
    and italic runs (labels, dates, codes) of any slip. Making a subset, compressing it
    and its ToUnicode map and writing out its widths were a third of a warm slip. What goes
    into the PDF does not change.
    """

    def __init__(self, name: str, filename: str, *, asciiReadable: bool) -> None:
        super().__init__(name, filename, asciiReadable=asciiReadable)
        # The face just parsed, given the subset caches (a subclass adding only methods,
        # so the file is not parsed twice to build one).
        self.face.__class__ = _RememberingFace

    def addObjects(self, doc: pdfdoc.PDFDocument) -> None:
        fonts = doc.idToObject[pdfdoc.BasicFonts].dict
        known = set(fonts)
        super().addObjects(doc)
        for name in fonts.keys() - known:  # this font's subsets, just added
            font = fonts[name]
            font.Widths = _Widths(font.Widths.sequence)
            doc.idToObject[font.ToUnicode.name].filters = [_REMEMBERING_FLATE]


class _Widths(pdfdoc.PDFArray):
    """A subset's widths, written out once for the same widths."""

    def format(self, document: pdfdoc.PDFDocument, IND: bytes = b"\n ") -> bytes:
        key = tuple(self.sequence)
        text = _formatted_widths.get(key)
        if text is None:
            if len(_formatted_widths) >= 64:
                _formatted_widths.clear()
            text = _formatted_widths[key] = super().format(document, IND)
        return text


_formatted_widths: dict[tuple[int, ...], bytes] = {}


class _RememberingFace(TTFontFace):
    """The face of a ``_RememberingFont``: recent subsets and their compressed bytes."""

    def makeSubset(self, subset: list[int]) -> bytes:
        return _subset(self, tuple(subset))

    def addSubsetObjects(
        self, doc: pdfdoc.PDFDocument, fontname: str, subset: list[int]
    ) -> pdfdoc.PDFObjectReference:
        # The stream reportlab makes for the subset is found by its reference's name.
        reference = super().addSubsetObjects(doc, fontname, subset)
        descriptor = doc.idToObject[reference.name]
        doc.idToObject[descriptor["FontFile2"].name].filters = [_REMEMBERING_FLATE]
        return reference


@functools.lru_cache(maxsize=32)
def _subset(face: _RememberingFace, characters: tuple[int, ...]) -> bytes:
    return TTFontFace.makeSubset(face, list(characters))


class _RememberingFlate:
    """reportlab's Flate filter, compressing the same bytes once (a font subset's, its
    ToUnicode map's)."""

    pdfname = pdfdoc.PDFZCompress.pdfname

    def encode(self, data: bytes) -> bytes:
        return _compressed(data)


@functools.lru_cache(maxsize=64)
def _compressed(data: bytes | str) -> bytes:
    return bytes(pdfdoc.PDFZCompress.encode(data))


_REMEMBERING_FLATE = _RememberingFlate()


def register_all() -> None:
    """Register every face now, e.g. at start-up to move the cost off the first print."""
    for face in Face:
        _ = face.font_name


# Widths of words already measured. The same words come back on every form (labels, the
# office's name, both copies of a slip), and a dictionary look-up is ten times cheaper than
# reportlab's measuring. Cleared when it grows large, so a long-running desk stays small.
_widths: dict[tuple[str, str, float], float] = {}
_WIDTHS_LIMIT = 50_000


def string_width(text: str, face: Face, size: float) -> float:
    key = (text, face.value, size)
    width = _widths.get(key)
    if width is None:
        if len(_widths) >= _WIDTHS_LIMIT:
            _widths.clear()
        width = _widths[key] = pdfmetrics.stringWidth(text, face.font_name, size)
    return width
