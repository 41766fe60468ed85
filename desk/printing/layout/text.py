"""Runs of text in the bundled faces, line wrapping, and the painter that draws them."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

from desk.errors import DeskError
from desk.printing.fonts import Face, string_width
from desk.printing.layout.pdf import PdfWriter

Align = Literal["left", "center", "right"]
VAlign = Literal["top", "middle", "bottom"]

_EPSILON = 0.01  # pt; rounding slack when comparing heights
# A space that does not break a line: a name of several syllables ("xã Yên Lạc") is one
# word to a Vietnamese reader even though each syllable is written apart. It prints as an
# ordinary space.
NO_BREAK = "\u00a0"
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


def keep_together(text: str) -> str:
    """``text`` with its spaces made unbreakable: it goes to the next line whole, and is
    broken at its spaces only when it is wider than a whole line."""
    return " ".join(text.split()).replace(" ", NO_BREAK)


class _Wrapper:
    """Greedy line filling: break at spaces and newlines; a word wider than the line is
    cut between characters (long e-mail addresses, URLs) rather than overflowing. Syllables
    joined by ``NO_BREAK`` stay on one line unless together they are wider than the line,
    and then they break at those spaces, never inside a syllable."""

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
        spaced = [(text.replace(NO_BREAK, " "), face) for text, face in parts]
        measured = [(text, face, string_width(text, face, self.size)) for text, face in spaced]
        word_width = sum(width for _, _, width in measured)
        if word_width > self.width + _EPSILON and spaced != parts:
            self.phrase_apart(parts)
            return
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

    def phrase_apart(self, parts: list[tuple[str, Face]]) -> None:
        """A phrase held together that is wider than a line: its syllables as words."""
        syllable: list[tuple[str, Face]] = []
        for text, face in parts:
            for index, piece in enumerate(text.split(NO_BREAK)):
                if index:
                    if syllable:
                        self.word(syllable)
                        syllable = []
                    self.space(face)
                if piece:
                    syllable.append((piece, face))
        if syllable:
            self.word(syllable)

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
    """The PDF being written plus what the blocks share while a document is drawn.

    Text goes into one PDF text object until ``end_text`` (the end of a paragraph) or
    until something else is drawn: one BT … ET a paragraph instead of one a string.
    """

    def __init__(self, pdf: PdfWriter) -> None:
        self.pdf = pdf
        self._forms: dict[tuple[object, ...], str] = {}

    def show_page(self) -> None:
        self.pdf.show_page()

    def end_text(self) -> None:
        """Close the text object: a paragraph's runs stay apart from its neighbours' on the
        same baseline (a table's cells) for whatever reads the text back."""
        self.pdf.end_text()

    def text(self, x: float, y: float, text: str, face: Face, size: float) -> None:
        self.pdf.text(x, y, text, face, size)

    def line(self, x1: float, y1: float, x2: float, y2: float, width: float = 0.6) -> None:
        self.pdf.line_width(width)
        self.pdf.lines([(x1, y1, x2, y2)])

    def form(
        self,
        key: tuple[object, ...],
        width: float,
        height: float,
        draw: Callable[[PdfWriter], None],
    ) -> str:
        """A drawing stored once per document and placed many times (the barcode and the
        QR code appear on both copies of the slip)."""
        name = self._forms.get(key)
        if name is None:
            # Reserved before drawing: a form may place others (a page holding the QR code).
            name = self._forms[key] = f"DeskForm{len(self._forms) + 1}"
            self.pdf.begin_form(name, width, height)
            draw(self.pdf)
            self.pdf.end_form()
        return name


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)
