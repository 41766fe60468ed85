"""Numbers and dates written out in Vietnamese words (the birth declaration, amounts).

The reading convention, fixed here and tested (northern/official usage):

- ``nghìn`` (not ``ngàn``), ``triệu``, ``tỷ``;
- a zero tens digit before a unit reads ``linh`` (not ``lẻ``): 105 → "một trăm linh năm";
- inside a number the hundreds of a group are read even when zero:
  2026 → "hai nghìn không trăm hai mươi sáu"; a group that is all zeros is left out:
  1 000 005 → "một triệu không trăm linh năm";
- 1 after ``mươi`` reads ``mốt`` (21 → "hai mươi mốt"), after ``mười`` or ``linh`` ``một``;
- 4 after ``mươi`` reads ``tư`` (24 → "hai mươi tư"), otherwise ``bốn`` (14 → "mười bốn");
- 5 after ``mười``/``mươi`` reads ``lăm`` (15, 25), otherwise ``năm`` (5, 105);
- 10 → "mười", 20 → "hai mươi".

Dates: "Ngày năm, tháng mười một, năm hai nghìn không trăm hai mươi sáu". Days read as
numbers (no "mồng"); months by their usual names, which differ from the number reading
only for April: "tháng tư".
"""

from __future__ import annotations

from datetime import date

_DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
_SCALES = ("", "nghìn", "triệu", "tỷ")
_LIMIT = 1000 ** len(_SCALES)

MONTH_NAMES = (
    "một",
    "hai",
    "ba",
    "tư",
    "năm",
    "sáu",
    "bảy",
    "tám",
    "chín",
    "mười",
    "mười một",
    "mười hai",
)


def _group_words(value: int, *, read_hundreds: bool) -> list[str]:
    """Words for 0–999. ``read_hundreds`` says "không trăm" for groups after the first."""
    hundreds, rest = divmod(value, 100)
    tens, units = divmod(rest, 10)
    words: list[str] = []
    if hundreds or read_hundreds:
        words += [_DIGITS[hundreds], "trăm"]
    if tens == 0:
        if units:
            if words:
                words.append("linh")
            words.append(_DIGITS[units])
    elif tens == 1:
        words.append("mười")
        if units:
            words.append("lăm" if units == 5 else _DIGITS[units])
    else:
        words += [_DIGITS[tens], "mươi"]
        if units:
            words.append({1: "mốt", 4: "tư", 5: "lăm"}.get(units, _DIGITS[units]))
    return words


def number_in_words(value: int) -> str:
    """0 → "không", 2026 → "hai nghìn không trăm hai mươi sáu" (see the module docstring)."""
    if not 0 <= value < _LIMIT:
        raise ValueError(f"number_in_words covers 0 to {_LIMIT - 1}, not {value}")
    if value == 0:
        return _DIGITS[0]
    groups: list[int] = []
    while value:
        value, group = divmod(value, 1000)
        groups.append(group)
    words: list[str] = []
    for index in range(len(groups) - 1, -1, -1):
        group = groups[index]
        if group == 0:
            continue
        words += _group_words(group, read_hundreds=bool(words))
        if _SCALES[index]:
            words.append(_SCALES[index])
    return " ".join(words)


def date_in_words(day: date) -> str:
    """2026-11-05 → "Ngày năm, tháng mười một, năm hai nghìn không trăm hai mươi sáu"."""
    return (
        f"Ngày {number_in_words(day.day)}, tháng {MONTH_NAMES[day.month - 1]}, "
        f"năm {number_in_words(day.year)}"
    )


def amount_in_words(amount: int) -> str:
    """8000 → "Tám nghìn đồng" (what is written after "Bằng chữ:")."""
    text = number_in_words(amount) + " đồng"
    return text[0].upper() + text[1:]
