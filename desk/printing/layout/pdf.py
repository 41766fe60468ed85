"""The PDF file itself: pages, forms drawn once and placed many times, text in the
embedded faces, lines and filled paths; the objects, the cross-reference table and the
document's information.

Why not reportlab's canvas: serialising its object tree and formatting each string
through its text objects was half of a warm slip. The forms draw little (text, lines,
rectangles, the codes' paths), so the desk writes exactly that. Numbers are formatted as
reportlab formatted them, so a page draws the same marks at the same places.

Streams are compressed at zlib's fastest level (see ``pdf_fonts.COMPRESSION``); the font
subsets, the largest part of a file, are compressed once each and remembered.
"""

from __future__ import annotations

import hashlib
import zlib
from datetime import datetime

from reportlab.lib.rl_accel import fp_str

from desk.printing.fonts import Face
from desk.printing.layout.pdf_fonts import COMPRESSION, EmbeddedFont

PRODUCER = "Commune Desk"


def _now() -> datetime:
    """The moment written as the document's creation date (tests fix it)."""
    return datetime.now().astimezone()


def _date(moment: datetime) -> str:
    offset = moment.strftime("%z") or "+0000"
    return f"D:{moment:%Y%m%d%H%M%S}{offset[:3]}'{offset[3:]}'"


def _text_string(text: str) -> str:
    """A string of the document's information: as it is when plain ASCII, else UTF-16."""
    if text.isascii() and text.isprintable():
        return "(" + text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ")"
    return "<FEFF" + text.encode("utf-16-be").hex().upper() + ">"


class _Stream:
    """A page's or a form's content, and the forms it places."""

    __slots__ = ("code", "forms")

    def __init__(self) -> None:
        self.code: list[str] = []
        self.forms: dict[str, int] = {}


class PdfWriter:
    """One document, drawn in order: pages, and forms between them."""

    def __init__(self, *, title: str = "", author: str = "", subject: str = "") -> None:
        # 0 is the free entry, 1 the catalogue, 2 the page tree.
        self._objects: list[bytes | None] = [None, None, None]
        self._fonts: dict[Face, EmbeddedFont] = {}
        self._font_ref = self._reserve()  # one font resource dictionary for every stream
        self._pages: list[int] = []
        self._forms: dict[str, int] = {}  # name → object
        # The streams under the forms being drawn, with each form's name and box.
        self._stack: list[tuple[_Stream, str, str]] = []
        self._stream = _Stream()
        self._size = (0.0, 0.0)
        self._info = (title, author, subject)
        # The open text object: its font (name, size) once set.
        self._in_text = False
        self._font: tuple[str, float] | None = None

    def _reserve(self) -> int:
        self._objects.append(None)
        return len(self._objects) - 1

    def _set(self, number: int, body: bytes) -> None:
        self._objects[number] = body

    # -- pages and forms --

    def set_page_size(self, width: float, height: float) -> None:
        self._size = (width, height)

    def show_page(self) -> None:
        """End the page drawn so far and start the next."""
        self.end_text()
        content = self._compressed_stream(self._stream.code)
        contents = self._reserve()
        self._set(contents, content)
        page = self._reserve()
        width, height = self._size
        self._set(
            page,
            (
                f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {fp_str(width, height)}]"
                f" /Resources {self._resources(self._stream)} /Contents {contents} 0 R"
                " /Rotate 0 >>"
            ).encode(),
        )
        self._pages.append(page)
        self._stream = _Stream()

    def begin_form(self, name: str, width: float, height: float) -> None:
        """Draw a form (an XObject) until ``end_form``; it is placed with ``place_form``."""
        self.end_text()
        self._forms[name] = self._reserve()
        self._stack.append((self._stream, name, fp_str(width, height)))
        self._stream = _Stream()

    def end_form(self) -> None:
        self.end_text()
        stream = self._stream
        self._stream, name, bbox = self._stack.pop()
        packed = zlib.compress("\n".join(stream.code).encode("latin-1"), COMPRESSION)
        self._set(
            self._forms[name],
            (
                f"<< /Type /XObject /Subtype /Form /FormType 1 /BBox [0 0 {bbox}]"
                f" /Matrix [1 0 0 1 0 0] /Resources {self._resources(stream)}"
                f" /Filter /FlateDecode /Length {len(packed)} >>\nstream\n"
            ).encode()
            + packed
            + b"\nendstream",
        )

    def place_form(self, name: str) -> None:
        self.end_text()
        self._stream.forms[name] = self._forms[name]
        self._stream.code.append(f"/{name} Do")

    def _resources(self, stream: _Stream) -> str:
        forms = "".join(f" /{name} {number} 0 R" for name, number in stream.forms.items())
        xobjects = f" /XObject <<{forms} >>" if forms else ""
        return f"<< /Font {self._font_ref} 0 R /ProcSet [/PDF /Text]{xobjects} >>"

    def _compressed_stream(self, code: list[str]) -> bytes:
        packed = zlib.compress("\n".join(code).encode("latin-1"), COMPRESSION)
        head = f"<< /Filter /FlateDecode /Length {len(packed)} >>\nstream\n".encode()
        return head + packed + b"\nendstream"

    # -- drawing --

    def text(self, x: float, y: float, text: str, face: Face, size: float) -> None:
        """Show ``text`` with its origin at (x, y), in the open text object (or a new one)."""
        font = self._fonts.get(face)
        if font is None:
            font = self._fonts[face] = EmbeddedFont(face, f"F{len(self._fonts) + 1}")
        code = self._stream.code
        if not self._in_text:
            code.append("BT")
            self._in_text = True
            self._font = None
        code.append(f"1 0 0 1 {fp_str(x, y)} Tm")
        for subset, chunk in font.runs(text):
            key = (f"{font.name}+{subset}", size)
            if key != self._font:
                code.append(f"/{key[0]} {fp_str(size)} Tf")
                self._font = key
            code.append(f"({chunk}) Tj")

    def end_text(self) -> None:
        if self._in_text:
            self._stream.code.append("ET")
            self._in_text = False

    def literal(self, operators: str) -> None:
        """Operators written as they are (the codes' cached paths)."""
        self.end_text()
        self._stream.code.append(operators)

    def line_width(self, width: float) -> None:
        self.literal(f"{fp_str(width)} w")

    def lines(self, lines: list[tuple[float, float, float, float]]) -> None:
        """Stroke straight lines (x1, y1, x2, y2) as one path."""
        self.end_text()
        code = self._stream.code
        code.append("n")
        code.extend(f"{fp_str(x1, y1)} m {fp_str(x2, y2)} l" for x1, y1, x2, y2 in lines)
        code.append("S")

    def stroke_rect(self, x: float, y: float, width: float, height: float) -> None:
        self.literal(f"n {fp_str(x, y, width, height)} re S")

    def save_state(self) -> None:
        self.literal("q")

    def restore_state(self) -> None:
        self.literal("Q")

    def transform(self, a: float, b: float, c: float, d: float, e: float, f: float) -> None:
        self.literal(f"{fp_str(a, b, c, d, e, f)} cm")

    # -- the file --

    def finish(self) -> bytes:
        """The whole file. Nothing may be drawn after."""
        if self._stream.code:
            self.show_page()
        self._write_fonts()
        title, author, subject = self._info
        moment = _date(_now())
        info = self._reserve()
        self._set(
            info,
            (
                f"<< /Title {_text_string(title)} /Author {_text_string(author)}"
                f" /Subject {_text_string(subject)} /Creator ({PRODUCER})"
                f" /Producer ({PRODUCER}) /CreationDate ({moment}) /ModDate ({moment}) >>"
            ).encode(),
        )
        self._set(1, b"<< /Type /Catalog /Pages 2 0 R /Lang (vi) /PageMode /UseNone >>")
        kids = " ".join(f"{page} 0 R" for page in self._pages)
        self._set(2, f"<< /Type /Pages /Kids [{kids}] /Count {len(self._pages)} >>".encode())
        out = [b"%PDF-1.4\n%\x93\x8c\x8b\x9e Commune Desk\n"]
        offsets = []
        position = len(out[0])
        for number, body in enumerate(self._objects[1:], start=1):
            assert body is not None, number
            piece = b"%d 0 obj\n%s\nendobj\n" % (number, body)
            offsets.append(position)
            out.append(piece)
            position += len(piece)
        digest = hashlib.md5(b"".join(out), usedforsecurity=False).hexdigest()
        xref = [f"xref\n0 {len(self._objects)}\n0000000000 65535 f \n"]
        xref += [f"{offset:010d} 00000 n \n" for offset in offsets]
        xref.append(
            f"trailer\n<< /Size {len(self._objects)} /Root 1 0 R /Info {info} 0 R"
            f" /ID [<{digest}><{digest}>] >>\nstartxref\n{position}\n%%EOF\n"
        )
        out.append("".join(xref).encode())
        return b"".join(out)

    def _write_fonts(self) -> None:
        entries = []
        tags = iter(range(1_000_000))
        for font in self._fonts.values():
            for number in range(len(font.subsets)):
                parts = font.objects(number, next(tags))
                file, cmap, descriptor, entry = (self._reserve() for _ in range(4))
                self._set(file, parts.file)
                self._set(cmap, parts.to_unicode)
                self._set(descriptor, f"{parts.descriptor} /FontFile2 {file} 0 R >>".encode())
                self._set(
                    entry,
                    (
                        f"{parts.font} /Name /{font.name}+{number}"
                        f" /ToUnicode {cmap} 0 R /FontDescriptor {descriptor} 0 R >>"
                    ).encode(),
                )
                entries.append(f"/{font.name}+{number} {entry} 0 R")
        self._set(self._font_ref, ("<< " + " ".join(entries) + " >>").encode())
