"""Text normalisation shared by everything that lets text into the desk."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")
# Leading or trailing space, a run of spaces, or any white space other than a plain space.
_NEEDS_CLEANING = re.compile(r"^\s|\s$|\s\s|[^\S ]")


def nfc(text: str) -> str:
    """Compose accents: scanners and some input methods send them decomposed."""
    return unicodedata.normalize("NFC", text)


def clean(text: str | None) -> str:
    """NFC, trimmed, inner runs of white space folded to one space."""
    if text is None:
        return ""
    # Fast path for text that is already clean (most of it): two C-level checks.
    if unicodedata.is_normalized("NFC", text) and not _NEEDS_CLEANING.search(text):
        return text
    return _SPACES.sub(" ", nfc(text)).strip()


def fold(text: str | None) -> str:
    """The search form of a name: no tone marks, no diacritics, đ → d, lower case.

    "Nguyễn Thị Đào" → "nguyen thi dao". Unicode decomposition does not split đ (it is a
    letter of its own), hence the explicit replacement.
    """
    decomposed = unicodedata.normalize("NFD", clean(text))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.replace("đ", "d").replace("Đ", "D").lower()


def digits_only(text: str | None) -> str:
    return "".join(ch for ch in (text or "") if ch.isdigit())
