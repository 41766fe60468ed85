"""Vietnamese numbers and dates in words, and the date formats of the forms."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desk.domain.calendar import OFFICE_TZ
from desk.printing.formats import format_day, format_moment, place_and_date, short_moment
from desk.printing.words import amount_in_words, date_in_words, number_in_words

_UNITS = {
    "không": 0,
    "một": 1,
    "mốt": 1,
    "hai": 2,
    "ba": 3,
    "bốn": 4,
    "tư": 4,
    "năm": 5,
    "lăm": 5,
    "sáu": 6,
    "bảy": 7,
    "tám": 8,
    "chín": 9,
}
_SCALES = {"nghìn": 1000, "triệu": 1_000_000, "tỷ": 1_000_000_000}


def read_back(words: str) -> int:
    """An independent reader of the words, to check the writer on many numbers."""
    total = group = digit = 0
    for word in words.split():
        if word in _UNITS:
            digit = _UNITS[word]
        elif word == "trăm":
            group += digit * 100
            digit = 0
        elif word == "mươi":
            group += digit * 10
            digit = 0
        elif word == "mười":
            group += 10
        elif word == "linh":
            pass
        elif word in _SCALES:
            total += (group + digit) * _SCALES[word]
            group = digit = 0
        else:
            raise AssertionError(f"unexpected word {word!r} in {words!r}")
    return total + group + digit


@pytest.mark.parametrize(
    ("number", "words"),
    [
        (0, "không"),
        (1, "một"),
        (4, "bốn"),
        (5, "năm"),
        (10, "mười"),
        (11, "mười một"),
        (14, "mười bốn"),
        (15, "mười lăm"),
        (20, "hai mươi"),
        (21, "hai mươi mốt"),
        (24, "hai mươi tư"),
        (25, "hai mươi lăm"),
        (31, "ba mươi mốt"),
        (100, "một trăm"),
        (101, "một trăm linh một"),
        (104, "một trăm linh bốn"),
        (105, "một trăm linh năm"),
        (110, "một trăm mười"),
        (115, "một trăm mười lăm"),
        (1000, "một nghìn"),
        (1990, "một nghìn chín trăm chín mươi"),
        (2000, "hai nghìn"),
        (2005, "hai nghìn không trăm linh năm"),
        (2010, "hai nghìn không trăm mười"),
        (2024, "hai nghìn không trăm hai mươi tư"),
        (2026, "hai nghìn không trăm hai mươi sáu"),
        (8000, "tám nghìn"),
        (15_000, "mười lăm nghìn"),
        (200_000, "hai trăm nghìn"),
        (1_000_005, "một triệu không trăm linh năm"),
        (1_250_000, "một triệu hai trăm năm mươi nghìn"),
        (2_000_000_000, "hai tỷ"),
    ],
)
def test_number_in_words(number: int, words: str) -> None:
    assert number_in_words(number) == words


@given(st.integers(min_value=0, max_value=999_999_999_999))
def test_number_in_words_reads_back(number: int) -> None:
    words = number_in_words(number)
    assert read_back(words) == number
    # The conventions of words.py, which the reader above would not notice:
    assert "mươi một" not in words
    assert "mươi bốn" not in words
    assert "mươi năm" not in words and "mười năm" not in words
    assert "linh lăm" not in words and "linh mốt" not in words and "linh tư" not in words


@pytest.mark.parametrize("number", [-1, 10**12])
def test_number_in_words_range(number: int) -> None:
    with pytest.raises(ValueError):
        number_in_words(number)


@pytest.mark.parametrize(
    ("day", "words"),
    [
        (date(2026, 11, 5), "Ngày năm, tháng mười một, năm hai nghìn không trăm hai mươi sáu"),
        (date(2024, 4, 24), "Ngày hai mươi tư, tháng tư, năm hai nghìn không trăm hai mươi tư"),
        (date(2025, 1, 1), "Ngày một, tháng một, năm hai nghìn không trăm hai mươi lăm"),
        (date(2005, 12, 31), "Ngày ba mươi mốt, tháng mười hai, năm hai nghìn không trăm linh năm"),
        (date(2010, 10, 15), "Ngày mười lăm, tháng mười, năm hai nghìn không trăm mười"),
        (date(1999, 2, 14), "Ngày mười bốn, tháng hai, năm một nghìn chín trăm chín mươi chín"),
        (date(2026, 7, 21), "Ngày hai mươi mốt, tháng bảy, năm hai nghìn không trăm hai mươi sáu"),
    ],
)
def test_date_in_words(day: date, words: str) -> None:
    assert date_in_words(day) == words


def test_amount_in_words() -> None:
    assert amount_in_words(8000) == "Tám nghìn đồng"
    assert amount_in_words(125_000) == "Một trăm hai mươi lăm nghìn đồng"


def test_dates_follow_decree_30_padding() -> None:
    assert format_day(date(2026, 11, 22)) == "ngày 22 tháng 11 năm 2026"
    assert format_day(date(2026, 3, 9)) == "ngày 09 tháng 3 năm 2026"
    assert format_day(date(2027, 2, 5)) == "ngày 05 tháng 02 năm 2027"
    assert format_day(date(2027, 1, 15)) == "ngày 15 tháng 01 năm 2027"


def test_moments_are_written_in_office_time() -> None:
    local = datetime(2026, 11, 22, 9, 30, tzinfo=OFFICE_TZ)
    assert format_moment(local) == "09 giờ 30 phút, ngày 22 tháng 11 năm 2026"
    # 02:30 UTC is 09:30 in Hà Nội; 20:00 UTC is already the next day there.
    assert format_moment(datetime(2026, 11, 22, 2, 30, tzinfo=UTC)) == (
        "09 giờ 30 phút, ngày 22 tháng 11 năm 2026"
    )
    assert format_moment(datetime(2026, 11, 22, 20, 0, tzinfo=UTC)).endswith(
        "ngày 23 tháng 11 năm 2026"
    )
    assert short_moment(local) == "09:30 22/11/2026"


def test_place_and_date() -> None:
    assert place_and_date("Yên Lạc", date(2026, 11, 22)) == "Yên Lạc, ngày 22 tháng 11 năm 2026"
