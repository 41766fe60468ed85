"""The bundled Noto Sans faces, registered with reportlab the first time they are used
(reportlab measures them and makes their subsets; ``layout.pdf_fonts`` embeds them).

The PDF standard fonts (Helvetica …) have no Vietnamese letters, so every string the desk
prints goes through one of these embedded TrueType faces. Registration parses a 0.5 MB
file per face (~10 ms each), so it happens lazily, once per process, per face; a lock
keeps a printing worker thread and the GUI thread from registering the same face twice.
"""

from __future__ import annotations

import threading
from enum import Enum

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

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
            pdfmetrics.registerFont(TTFont(name, str(FONT_DIR / face.value)))
            _registered[face] = name
        return name


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
