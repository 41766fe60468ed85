"""The bundled faces embedded in a PDF the desk writes: TrueType subsets of at most 256
characters, one byte a character, with their widths and a ToUnicode map.

reportlab still parses, subsets and measures the faces (its TrueType code); only the PDF
objects around a subset are written here. Codes are given out as reportlab's canvas gave
them (code 0 the missing glyph, 32 the space, the others in the order the characters first
appear), so a subset holds the same glyphs in the same order and is the same font file.
"""

from __future__ import annotations

import functools
import zlib

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont, TTFontFace, makeToUnicodeCMap

from desk.printing.fonts import Face

_NO_BREAK = 0xA0
_SPACE = 32
_FF_SYMBOLIC = 1 << 2
_FF_NONSYMBOLIC = 1 << 5
# zlib's fastest level, for the content too (pdf.py). A subset is compressed once and then
# remembered, but each citizen's name and address make a new subset of the regular face:
# at level 1 that slip costs ~0.5 ms (~12 %) less CPU than at the default level 6, and the
# file is ~2 KB larger (a two-copy A5 slip 43.5 KB, reportlab's was 43.2 KB; level 6 41.5).
COMPRESSION = 1


def _escaped(code: int) -> str:
    """One byte of a PDF literal string."""
    if 32 < code < 127 and code not in b"()\\":
        return chr(code)
    if code == 32:
        return " "
    return f"\\{code:03o}"


_ESCAPED = [_escaped(code) for code in range(256)]


def subset_tag(number: int) -> str:
    """The six capitals before a subset's name: AAAAAA, AAAAAB, … The PDF standard
    (9.6.4) wants each subset of a file tagged apart; reportlab numbered the subsets of
    each face from AAAAAA, so the regular and the bold subsets shared a tag."""
    letters = []
    for _ in range(6):
        number, letter = divmod(number, 26)
        letters.append(chr(ord("A") + letter))
    return "".join(reversed(letters))


class EmbeddedFont:
    """One face in one document: which code each character got, and the subsets."""

    def __init__(self, face: Face, name: str) -> None:
        font = pdfmetrics.getFont(face.font_name)
        assert isinstance(font, TTFont)
        self.face: TTFontFace = font.face
        self.name = name  # "F1": its subsets are /F1+0, /F1+1 …
        self._glyphs = self.face.charToGlyph
        # Subset 0 starts with the missing glyph and the space at 32 (filled in as it goes).
        self.subsets: list[list[int]] = [[0] + [_SPACE] * 32]
        self._next = 1
        self._codes: dict[int, int] = {0: 0, _SPACE: _SPACE, _NO_BREAK: _SPACE}
        # The first subset's escaped bytes by character, for str.translate.
        self._first: dict[int, str] = {0: _ESCAPED[0], _SPACE: " ", _NO_BREAK: " "}

    def _assign(self, char: int) -> int:
        if char not in self._glyphs:
            self._codes[char] = 0
            self._first[char] = _ESCAPED[0]
            return 0
        code = self._next
        if code & 0xFF == _SPACE:
            if code != _SPACE:
                self.subsets[code >> 8].append(_SPACE)
            code += 1
        if code > _SPACE:
            if not code & 0xFF:
                self.subsets.append([0])  # the missing glyph at 0 in every subset
                code += 1
            self.subsets[code >> 8].append(char)
        else:
            self.subsets[0][code] = char
        self._next = code + 1
        self._codes[char] = code
        if code < 256:
            self._first[char] = _ESCAPED[code]
        return code

    def runs(self, text: str) -> list[tuple[int, str]]:
        """The text as (subset, escaped bytes) runs, giving codes to new characters."""
        codes = self._codes
        for char in dict.fromkeys(text):
            if ord(char) not in codes:
                self._assign(ord(char))
        if self._next <= 256:  # one subset so far: every character is in it
            return [(0, text.translate(self._first))]
        runs: list[tuple[int, list[str]]] = []
        for char in text:
            code = codes[ord(char)]
            subset = code >> 8
            if not runs or runs[-1][0] != subset:
                runs.append((subset, []))
            runs[-1][1].append(_ESCAPED[code & 0xFF])
        return [(subset, "".join(parts)) for subset, parts in runs]

    def objects(self, number: int, tag: int) -> _SubsetParts:
        """The parts of subset ``number`` that do not depend on the document, named with
        the document's ``tag``-th subset tag."""
        return _subset_parts(self.face, tuple(self.subsets[number]), tag)


class _SubsetParts:
    __slots__ = ("base_name", "descriptor", "file", "font", "to_unicode")

    def __init__(self, base_name: str, font: str, descriptor: str, file: bytes, cmap: bytes):
        self.base_name = base_name
        self.font = font  # the font dictionary without its references
        self.descriptor = descriptor
        self.file = file  # the FontFile2 stream object's bytes after "N 0 obj"
        self.to_unicode = cmap


def _stream(data: bytes, extra: str = "") -> bytes:
    packed = zlib.compress(data, COMPRESSION)
    head = f"<< /Filter /FlateDecode /Length {len(packed)}{extra} >>\nstream\n".encode()
    return head + packed + b"\nendstream"


def _number(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:.6f}".rstrip("0")


@functools.lru_cache(maxsize=64)
def _subset_parts(face: TTFontFace, subset: tuple[int, ...], tag: int) -> _SubsetParts:
    """A subset's font file, map, widths and descriptor: the same characters in the same
    order make the same bytes, so a reprint or the next slip's bold runs reuse them."""
    base = f"{subset_tag(tag)}+{face.name.decode('latin-1')}"
    font_file = face.makeSubset(list(subset))
    cmap = makeToUnicodeCMap(base, list(subset)).encode("ascii")
    widths = " ".join(_number(face.getCharWidth(char)) for char in subset)
    flags = face.flags & ~_FF_NONSYMBOLIC | _FF_SYMBOLIC
    bbox = " ".join(_number(value) for value in face.bbox)
    descriptor = (
        f"<< /Type /FontDescriptor /FontName /{base} /Flags {flags} /FontBBox [{bbox}]"
        f" /ItalicAngle {_number(face.italicAngle)} /Ascent {_number(face.ascent)}"
        f" /Descent {_number(face.descent)} /CapHeight {_number(face.capHeight)}"
        f" /StemV {_number(face.stemV)} /MissingWidth {_number(face.defaultWidth)}"
    )
    font = (
        f"<< /Type /Font /Subtype /TrueType /BaseFont /{base} /FirstChar 0"
        f" /LastChar {len(subset) - 1} /Widths [{widths}]"
    )
    return _SubsetParts(
        base,
        font,
        descriptor,
        _stream(font_file, f" /Length1 {len(font_file)}"),
        _stream(cmap),
    )
