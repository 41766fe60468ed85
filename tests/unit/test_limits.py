"""The declarations of ``desk.domain.limits`` against arbitrary input.

Whatever text arrives — any code point, lone surrogates included — a text declaration
either returns a value the desk can store and print (UTF-8, NFC, no control or format
character, within its length, with a visible letter or digit) or refuses it with
``InvalidInput`` carrying a Vietnamese message and a code of its own; never anything else.
Numbers, days and processing times likewise.
"""

from __future__ import annotations

import unicodedata
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desk.domain import limits
from desk.domain.text import INVISIBLE, clean, terminal_safe
from desk.errors import InvalidInput

ANY_TEXT = st.text(alphabet=st.characters(codec=None), max_size=400) | st.text(max_size=40)
SETTINGS = settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)


def _is_stored_safely(value: str, limit: limits.TextLimit) -> None:
    value.encode("utf-8")  # PostgreSQL takes it: no lone surrogate
    assert "\x00" not in value
    assert INVISIBLE.search(value) is None
    assert unicodedata.is_normalized("NFC", value)
    assert len(value) <= limit.max_length
    if value:
        assert any(ch.isalnum() for ch in value)
        assert value == value.strip()


@pytest.mark.parametrize("limit", limits.TEXT_LIMITS, ids=lambda limit: limit.name)
@SETTINGS
@given(raw=ANY_TEXT)
def test_every_text_declaration_stores_only_safe_text_or_refuses_in_vietnamese(
    limit: limits.TextLimit, raw: str
) -> None:
    try:
        value = limit.check(raw)
    except InvalidInput as refusal:
        assert refusal.code.startswith(limit.name + ".")
        assert refusal.field == limit.name
        assert refusal.message
        assert not any(unicodedata.category(ch) in ("Cc", "Cf", "Cs") for ch in refusal.message)
        assert len(refusal.message) < 300  # a pasted novel is not echoed back whole
        return
    _is_stored_safely(value, limit)
    assert limit.check(value) == value  # what was accepted is accepted again, unchanged


@pytest.mark.parametrize(
    "limit",
    [value for value in vars(limits).values() if isinstance(value, limits.NumberLimit)],
    ids=lambda limit: limit.name,
)
@SETTINGS
@given(raw=st.integers() | ANY_TEXT | st.floats() | st.decimals() | st.none() | st.booleans())
def test_every_number_declaration_keeps_to_its_range(
    limit: limits.NumberLimit, raw: object
) -> None:
    try:
        number = limit.check(raw)
    except InvalidInput as refusal:
        assert refusal.code.startswith(limit.name + ".")
        assert len(refusal.message) < 300
        return
    assert isinstance(number, int) and not isinstance(number, bool)
    assert limit.minimum <= number <= limit.maximum


@SETTINGS
@given(raw=st.integers() | ANY_TEXT | st.floats() | st.decimals() | st.none())
def test_processing_days_are_whole_or_half_days_within_range(raw: object) -> None:
    try:
        days = limits.PROCESSING_DAYS.check(raw)
    except InvalidInput as refusal:
        assert refusal.code.startswith("procedure.processing_days.")
        return
    assert isinstance(days, Decimal) and days.is_finite()
    assert limits.PROCESSING_DAYS.minimum <= days <= limits.PROCESSING_DAYS.maximum
    assert (days * 2) == (days * 2).to_integral_value()


@SETTINGS
@given(day=st.dates())
def test_days_outside_1900_to_2199_are_refused(day: date) -> None:
    inside = date(1900, 1, 1) <= day <= date(2199, 12, 31)
    if inside:
        assert limits.DAY.check(day) == day
    else:
        with pytest.raises(InvalidInput, match="nằm ngoài khoảng"):
            limits.DAY.check(day)


@SETTINGS
@given(raw=ANY_TEXT)
def test_what_a_terminal_prints_carries_no_control_character(raw: str) -> None:
    shown = terminal_safe(raw)
    assert not any(unicodedata.category(ch) in ("Cc", "Cf", "Cs") for ch in shown)
    assert not any(ch in "\n\r\t\x0b\x0c\x85\u2028\u2029" for ch in shown)


def test_the_invisible_characters_are_exactly_unicodes_control_and_format_ones() -> None:
    """The hand-written class of ``INVISIBLE`` against this Python's Unicode tables: every
    control and format character is in it, and nothing else is, except characters this
    Python's Unicode does not assign yet (the class follows the newest Unicode among the
    Pythons the desk runs on: 3.12 knows U+13439–U+1343F as format characters, 3.11 not)."""
    for code_point in range(0x110000):
        character = chr(code_point)
        category = unicodedata.category(character)
        invisible = category in ("Cc", "Cf", "Cs") and not character.isspace()
        matched = INVISIBLE.fullmatch(character) is not None
        if invisible:
            assert matched, hex(code_point)
        elif matched:
            assert category == "Cn", hex(code_point)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Nguye\u0302\u0303n", "Nguyễn"),  # decomposed accents composed
        ("\u202eAn", "An"),  # a right-to-left override dropped
        ("A\x1b[31mB", "A[31mB"),  # the escape character dropped, the rest is text
        ("A\u200bB", "AB"),
        ("  A \t\n B  ", "A B"),
    ],
)
def test_clean_text(raw: str, expected: str) -> None:
    assert clean(raw) == expected


def test_refusals_name_the_field_and_quote_a_short_piece_of_the_value() -> None:
    with pytest.raises(InvalidInput) as refused:
        limits.PERSON_NAME.check("N" * 10_000, what="của người mẹ")
    assert refused.value.message == "Họ tên của người mẹ dài 10.000 ký tự; tối đa 100 ký tự."
    with pytest.raises(InvalidInput) as refused:
        limits.ID_NUMBER.check("٠٢٥١٩٠١٢٣٤٥٦")
    assert "chỉ gồm chữ số 0–9" in refused.value.message
    with pytest.raises(InvalidInput) as refused:
        limits.COPIES.check(10**30)
    assert refused.value.message.startswith("Số bản sao phải từ 0 đến 100 bản")


DECLARATION_KINDS = (limits.TextLimit, limits.NumberLimit, limits.DaysLimit, limits.DateLimit)


def test_docs_list_every_declaration() -> None:
    """docs/limits.md is the table a supervisor or an inspector reads: it names them all."""
    from pathlib import Path

    text = (Path(__file__).parents[2] / "docs" / "limits.md").read_text(encoding="utf-8")
    declared = [
        name for name, value in vars(limits).items() if isinstance(value, DECLARATION_KINDS)
    ]
    assert declared and [name for name in declared if f"`{name}`" not in text] == []
