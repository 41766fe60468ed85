"""Text normalisation shared by everything that lets text into the desk."""

from __future__ import annotations

import re
import unicodedata

# Characters nobody types on purpose and that do harm when stored: control characters
# (ANSI escapes, BEL, backspace, NUL — PostgreSQL refuses NUL outright), format characters
# (zero-width spaces and joiners, the soft hyphen, bidi overrides and isolates that make a
# name read backwards) and lone surrogates (not encodable as UTF-8). White space is not
# listed: ``clean`` folds it to single spaces. These are the categories Cc, Cf and Cs of
# Unicode 14 (Python 3.11); a test checks the list against ``unicodedata``.
INVISIBLE = re.compile(
    "[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f\u00ad\u0600-\u0605\u061c\u06dd\u070f"
    "\u0890\u0891\u08e2\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f"
    "\ud800-\udfff\ufeff\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f]"
)
# What a terminal must not receive raw: every control and format character, white space
# other than the plain space included (a stored tab or line break is shown escaped too).
_TERMINAL_UNSAFE = re.compile(f"(?:{INVISIBLE.pattern}|[\t\n\v\f\r\x1c-\x1f\x85\u2028\u2029])")


def nfc(text: str) -> str:
    """Compose accents: scanners and some input methods send them decomposed."""
    return unicodedata.normalize("NFC", text)


def visible(text: str) -> str:
    """``text`` without the invisible characters above (nothing else changes)."""
    # The usual case first: printable text has none of them (isprintable is one quick
    # scan in C; the class of INVISIBLE is a slower one), and needs no copy.
    if text.isprintable() or INVISIBLE.search(text) is None:
        return text
    return INVISIBLE.sub("", text)


def clean(text: str | None) -> str:
    """NFC, invisible characters removed, trimmed, inner runs of white space folded to one
    space."""
    if text is None:
        return ""
    # str.split() knows exactly the white space of the regex \s, so this is
    # re.sub(r"\s+", " ", ...).strip() without a regex scan, which costs microseconds even
    # on clean text (and clean() runs on every field of every record).
    return " ".join(nfc(visible(text)).split())


def clean_lines(text: str | None) -> str:
    """``clean`` for text of several lines (a note, a reason): each line cleaned, line
    breaks kept, blank lines at either end dropped and runs of blank lines folded to one."""
    if text is None:
        return ""
    lines = [clean(line) for line in visible(text).splitlines()]
    kept: list[str] = []
    for line in lines:
        if line or (kept and kept[-1]):
            kept.append(line)
    while kept and not kept[-1]:
        kept.pop()
    return "\n".join(kept)


def terminal_safe(text: str) -> str:
    """``text`` as a terminal may print it: every control or format character written as
    an escape (``\\x1b``, ``\\u202e``), so a stored name cannot drive the terminal."""
    if _TERMINAL_UNSAFE.search(text) is None:
        return text
    return _TERMINAL_UNSAFE.sub(
        lambda match: match[0].encode("unicode_escape").decode("ascii"), text
    )


def fold(text: str | None) -> str:
    """The search form of a name: no tone marks, no diacritics, đ → d, lower case.

    "Nguyễn Thị Đào" → "nguyen thi dao". Unicode decomposition does not split đ (it is a
    letter of its own), hence the explicit replacement.
    """
    decomposed = unicodedata.normalize("NFD", clean(text))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.replace("đ", "d").replace("Đ", "D").lower()


def digits_only(text: str | None) -> str:
    """The ASCII digits of ``text``: other scripts' digits (Arabic-Indic, Devanagari …)
    are not digits of an ID number or a phone number."""
    return "".join(ch for ch in (text or "") if "0" <= ch <= "9")
