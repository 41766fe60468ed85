"""Text normalisation shared by everything that lets text into the desk."""

from __future__ import annotations

import unicodedata


def nfc(text: str) -> str:
    """Compose accents: scanners and some input methods send them decomposed."""
    return unicodedata.normalize("NFC", text)


def clean(text: str | None) -> str:
    """NFC, trimmed, inner runs of white space folded to one space."""
    if text is None:
        return ""
    # str.split() knows exactly the white space of the regex \s, so this is
    # re.sub(r"\s+", " ", ...).strip() without a regex scan, which costs microseconds even
    # on clean text (and clean() runs on every field of every record).
    return " ".join(nfc(text).split())


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
