"""Reading what the clerk typed: dates, years, numbers, choices. Pure functions.

Values arrive as the screen holds them (text as typed, possibly half-finished) or as
the canonical form data holds them (ISO dates, ints). Each reader returns the value or
raises ``InvalidInput`` with a message for the clerk; empty text is ``None``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from typing import Any

from desk.domain import limits
from desk.domain.text import clean, fold
from desk.errors import InvalidInput

# re.ASCII: \d is 0-9 only (Arabic-Indic or Devanagari digits are not a date the desk reads).
_DMY = re.compile(r"^(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{2,4})$", re.ASCII)
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$", re.ASCII)
_COMPACT = re.compile(r"^(\d{2})(\d{2})(\d{4})$", re.ASCII)
_NUMBER = re.compile(r"-?\d{1,18}", re.ASCII)  # 18 digits: far beyond any count, within int64


def is_empty(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, Mapping):
        return all(is_empty(v) for v in value.values())
    return False


def parse_date_text(value: Any) -> date | None:
    """«15/03/1990», «15-3-1990», «15.03.1990», «15031990» or ISO «1990-03-15»."""
    if isinstance(value, date):
        return value
    text = clean(str(value)) if value is not None else ""
    if not text:
        return None
    match = _DMY.match(text)
    if match:
        day, month, year_text = match.groups()
        if len(year_text) != 4:
            raise InvalidInput(
                f"Ngày «{text}»: năm phải đủ 4 chữ số (ví dụ 15/03/1990).", code="date.year"
            )
        parts = (int(year_text), int(month), int(day))
    elif match := _ISO.match(text):
        parts = (int(match[1]), int(match[2]), int(match[3]))
    elif match := _COMPACT.match(text):
        parts = (int(match[3]), int(match[2]), int(match[1]))
    else:
        raise InvalidInput(
            f"«{text}» không phải ngày; hãy nhập ngày/tháng/năm, ví dụ 15/03/1990.",
            code="date.format",
        )
    try:
        day_value = date(*parts)
    except ValueError:
        raise InvalidInput(f"Ngày «{text}» không có thật.", code="date.invalid") from None
    return limits.DAY.check(day_value)


def format_date(value: date | None) -> str:
    return f"{value:%d/%m/%Y}" if value else ""


def parse_int(value: Any) -> int | None:
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    text = clean(str(value)).replace(".", "").replace(" ", "")
    if not text:
        return None
    if not _NUMBER.fullmatch(text):
        raise InvalidInput(
            f"«{clean(str(value))[:40]}» không phải là số (chữ số 0–9, tối đa 18 chữ số).",
            code="number.format",
        )
    return int(text)


def parse_year(value: Any) -> int | None:
    number = parse_int(value)
    if number is None:
        return None
    if not limits.YEAR.minimum <= number <= limits.YEAR.maximum:
        raise InvalidInput(
            f"Năm sinh «{number}» phải là năm có 4 chữ số, từ {limits.YEAR.minimum} đến "
            f"{limits.YEAR.maximum}.",
            code="year.format",
        )
    return number


def match_choice(value: Any, choices: tuple[str, ...], *, allow_other: bool) -> str | None:
    """The choice the clerk meant (case and accents folded), or the text itself if allowed."""
    text = clean(str(value)) if value is not None else ""
    if not text:
        return None
    for choice in choices:
        if choice == text:
            return choice
    folded = fold(text)
    matches = [c for c in choices if fold(c) == folded]
    if len(matches) == 1:
        return matches[0]
    if allow_other:
        return text
    listed = ", ".join(f"«{c}»" for c in choices[:8])
    raise InvalidInput(f"«{text}» không có trong danh sách: {listed}.", code="choice.invalid")


def parse_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return bool(value)
    return fold(str(value or "")) in ("true", "1", "co", "yes", "x")
