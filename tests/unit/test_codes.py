"""Dossier codes ``<agency>-<YYMMDD>-<XXXX>`` and sequence blocks (DOMAIN §3)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desk.domain.codes import DossierCode, SequenceBlock, validate_agency_id
from desk.errors import ConfigurationError, DeskError, InvalidInput

UPPER_OR_DIGIT = st.sampled_from("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ")
agency_ids = st.builds(
    lambda a, b, c, letter, n: f"{a:03d}.{b}.{c}.{letter}{n:02d}",
    st.integers(0, 999),
    st.text(UPPER_OR_DIGIT, min_size=2, max_size=2),
    st.text(UPPER_OR_DIGIT, min_size=2, max_size=2),
    st.sampled_from("HGK"),
    st.integers(0, 99),
)
days = st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31))
sequences = st.integers(1, 9999)


def test_the_example_from_the_rules() -> None:
    code = DossierCode.parse("000.17.22.H56-210531-0001")
    assert code.agency_id == "000.17.22.H56"
    assert code.day == date(2021, 5, 31)
    assert code.sequence == 1
    assert str(code) == "000.17.22.H56-210531-0001"


def test_format_pads_the_sequence_to_four_digits() -> None:
    assert str(DossierCode("000.17.22.H56", date(2026, 11, 22), 7)) == "000.17.22.H56-261122-0007"
    assert str(DossierCode("000.17.22.H56", date(2026, 1, 2), 9999)) == "000.17.22.H56-260102-9999"


@given(agency_ids, days, sequences)
def test_format_parse_round_trip(agency: str, day: date, sequence: int) -> None:
    code = DossierCode(agency, day, sequence)
    text = str(code)
    assert len(text) == len(agency) + 1 + 6 + 1 + 4
    assert DossierCode.parse(text) == code
    # What the scanner or a clerk types in lower case with stray spaces is the same code.
    assert DossierCode.parse(f"  {text.lower()}\n") == code


def test_lowercase_input_is_normalised() -> None:
    code = DossierCode.parse("000.17.22.h56-210531-0042")
    assert code.agency_id == "000.17.22.H56"
    assert str(code) == "000.17.22.H56-210531-0042"


def test_codes_sort_by_agency_day_then_sequence() -> None:
    a = DossierCode.parse("000.17.22.H56-260101-0002")
    b = DossierCode.parse("000.17.22.H56-260101-0010")
    c = DossierCode.parse("000.17.22.H56-260102-0001")
    assert sorted([c, b, a]) == [a, b, c]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "000.17.22.H56",
        "000.17.22.H56-210531",
        "000.17.22.H56-210531-001",  # three-digit sequence
        "000.17.22.H56-210531-00001",  # five-digit sequence
        "000.17.22.H56-2105310001",
        "000.17.22.H56 210531 0001",
        "00.17.22.H56-210531-0001",  # agency: first group of two digits
        "000.17.22.56-210531-0001",  # agency: last group without its letter
        "000.17.22.H5-210531-0001",  # agency: one digit after the letter
        "000.17.H56-210531-0001",  # agency: three groups
        "000.17.22.33.H56-210531-0001",  # agency: five groups
        "000-17-22-H56-210531-0001",
        "000.17.22.H56-21O531-0001",  # letter O for a zero
    ],
)
def test_malformed_codes_are_refused(text: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        DossierCode.parse(text)
    assert caught.value.code == "dossier_code.invalid"
    assert "mã" in caught.value.message.lower()


@pytest.mark.parametrize(
    "raw_day",
    [
        "261332",  # month 13, day 32
        "261301",  # month 13
        "260001",  # month 0
        "260100",  # day 0
        "260230",  # 30 February
        "250229",  # 29 February in a common year
        "260431",  # 31 April
    ],
)
def test_impossible_days_are_refused(raw_day: str) -> None:
    with pytest.raises(InvalidInput, match="ngày không hợp lệ"):
        DossierCode.parse(f"000.17.22.H56-{raw_day}-0001")


def test_leap_day_is_a_real_day() -> None:
    assert DossierCode.parse("000.17.22.H56-280229-0001").day == date(2028, 2, 29)


def test_sequence_zero_is_refused() -> None:
    with pytest.raises(InvalidInput, match="0000"):
        DossierCode.parse("000.17.22.H56-210531-0000")


@pytest.mark.parametrize("sequence", [0, -1, 10000])
def test_sequence_out_of_range_cannot_be_built(sequence: int) -> None:
    with pytest.raises(InvalidInput) as caught:
        DossierCode("000.17.22.H56", date(2026, 1, 5), sequence)
    assert caught.value.code == "dossier_code.sequence_range"
    assert "Số thứ tự" in caught.value.message


# --- agency identifiers -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("000.17.22.H56", "000.17.22.H56"),
        (" 000.17.22.h56 ", "000.17.22.H56"),
        ("000.00.01.G07", "000.00.01.G07"),
        ("000.A1.B2.H25", "000.A1.B2.H25"),
    ],
)
def test_valid_agency_ids_are_normalised(raw: str, expected: str) -> None:
    assert validate_agency_id(raw) == expected


@pytest.mark.parametrize(
    "raw",
    ["", "000.17.22", "000.17.22.H5", "000.17.22.H567", "0000.17.22.H56", "000.1.22.H56",
     "000.17.22.556", "000,17,22,H56", "000.17.22.Ĥ56", "xã Yên Lạc"],
)  # fmt: skip
def test_bad_agency_ids_are_a_configuration_error(raw: str) -> None:
    with pytest.raises(ConfigurationError) as caught:
        validate_agency_id(raw)
    assert caught.value.code == "agency_id.invalid"
    assert "Mã định danh cơ quan" in caught.value.message
    assert "000.XX.YY.Hnn" in caught.value.message


# --- sequence blocks ----------------------------------------------------------------------


def test_default_block_is_the_whole_day() -> None:
    block = SequenceBlock()
    assert (block.first, block.last) == (1, 9999)


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("5000-9999", 5000, 9999),
        ("1-4999", 1, 4999),
        (" 1 - 4999 ", 1, 4999),
        ("5000–9999", 5000, 9999),  # en dash, as word processors type it
        ("7-7", 7, 7),
    ],
)
def test_block_parse(text: str, first: int, last: int) -> None:
    block = SequenceBlock.parse(text)
    assert (block.first, block.last) == (first, last)
    assert SequenceBlock.parse(str(block)) == block


@pytest.mark.parametrize(
    "text",
    ["", "5000", "5000-", "-9999", "a-b", "1-10000", "5000..9999", "0-100", "9999-5000", "1,5"],
)
def test_bad_blocks_are_refused(text: str) -> None:
    with pytest.raises(ConfigurationError) as caught:
        SequenceBlock.parse(text)
    assert caught.value.code == "sequence_block.invalid"
    assert "Dãy số thứ tự" in caught.value.message


@pytest.mark.parametrize(("first", "last"), [(0, 10), (10, 5), (1, 10000), (-5, 5)])
def test_bad_blocks_cannot_be_built(first: int, last: int) -> None:
    with pytest.raises(ConfigurationError):
        SequenceBlock(first, last)


@pytest.mark.parametrize(
    ("a", "b", "overlap"),
    [
        ("1-4999", "5000-9999", False),
        ("1-5000", "5000-9999", True),  # share 5000
        ("1-9999", "300-400", True),  # one inside the other
        ("100-200", "201-300", False),
        ("100-200", "50-99", False),
        ("100-200", "50-100", True),
        ("7-7", "7-7", True),
    ],
)
def test_block_overlap(a: str, b: str, overlap: bool) -> None:
    block_a, block_b = SequenceBlock.parse(a), SequenceBlock.parse(b)
    assert block_a.overlaps(block_b) is overlap
    assert block_b.overlaps(block_a) is overlap


@given(st.integers(1, 9999), st.integers(1, 9999), st.integers(1, 9999), st.integers(1, 9999))
def test_blocks_overlap_exactly_when_they_share_a_number(a: int, b: int, c: int, d: int) -> None:
    first = SequenceBlock(min(a, b), max(a, b))
    second = SequenceBlock(min(c, d), max(c, d))
    shared = set(range(first.first, first.last + 1)) & set(range(second.first, second.last + 1))
    assert first.overlaps(second) is bool(shared)


def test_errors_are_desk_errors() -> None:
    # The CLI and the screens show DeskError messages as they are, never a traceback.
    for call in (
        lambda: DossierCode.parse("nonsense"),
        lambda: SequenceBlock.parse("nonsense"),
        lambda: validate_agency_id("nonsense"),
    ):
        with pytest.raises(DeskError):
            call()
