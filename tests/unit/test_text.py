"""Text normalisation: NFC, white space, the folded search form of names."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desk.domain.text import clean, digits_only, fold, nfc

# Every letter a Vietnamese name can contain, upper and lower case, plus spaces.
VIETNAMESE = (
    "aàảãáạăằẳẵắặâầẩẫấậbcdđeèẻẽéẹêềểễếệghiìỉĩíịklmnoòỏõóọôồổỗốộơờởỡớợpqrstuùủũúụưừửữứựvxyỳỷỹýỵ"
)
ALPHABET = VIETNAMESE + VIETNAMESE.upper() + " \t\n"
names = st.text(st.sampled_from(ALPHABET), max_size=40)


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


@pytest.mark.parametrize(
    ("name", "folded"),
    [
        ("Nguyễn Thị Đào", "nguyen thi dao"),
        ("NGUYỄN THỊ ĐÀO", "nguyen thi dao"),
        ("Trần Văn Bình", "tran van binh"),
        ("Phạm Ngọc Ánh", "pham ngoc anh"),
        ("Lê Hữu Đức", "le huu duc"),
        ("Đặng Thùy Dương", "dang thuy duong"),
        ("Hoàng Quốc Việt", "hoang quoc viet"),
        ("  Vũ   Thị\tHường ", "vu thi huong"),
        ("", ""),
        (None, ""),
    ],
)
def test_fold(name: str | None, folded: str) -> None:
    assert fold(name) == folded


def test_decomposed_and_composed_fold_the_same() -> None:
    composed = "Nguyễn Thị Đào"
    decomposed = nfd(composed)
    assert decomposed != composed
    assert fold(decomposed) == fold(composed) == "nguyen thi dao"


@given(names)
def test_fold_ignores_the_normal_form(text: str) -> None:
    assert fold(nfd(text)) == fold(nfc(text))


@given(names)
def test_fold_leaves_plain_lowercase_ascii(text: str) -> None:
    folded = fold(text)
    assert folded == fold(folded)  # folding twice changes nothing
    assert all(ch == " " or "a" <= ch <= "z" for ch in folded)
    assert len(folded) <= len(clean(text))


@given(names)
def test_fold_ignores_case(text: str) -> None:
    # A name typed in capitals on one form is found when searched in lower case.
    assert fold(text.upper()) == fold(text.lower()) == fold(text)


@pytest.mark.parametrize(
    ("raw", "cleaned"),
    [
        ("  Trần   Văn  Bình  ", "Trần Văn Bình"),
        ("Trần\tVăn\nBình", "Trần Văn Bình"),
        ("Trần\u00a0Văn", "Trần Văn"),  # no-break space from a copied web page
        ("\r\n", ""),
        ("", ""),
        (None, ""),
    ],
)
def test_clean(raw: str | None, cleaned: str) -> None:
    assert clean(raw) == cleaned


def test_clean_composes_accents() -> None:
    result = clean(nfd("Thôn Đông, Xã Yên Lạc"))
    assert result == "Thôn Đông, Xã Yên Lạc"
    assert unicodedata.is_normalized("NFC", result)


@given(names)
def test_clean_is_idempotent_and_tidy(text: str) -> None:
    result = clean(text)
    assert clean(result) == result
    assert result == result.strip()
    assert "  " not in result and "\t" not in result and "\n" not in result
    assert unicodedata.is_normalized("NFC", result)


def test_nfc() -> None:
    assert nfc(nfd("Đào")) == "Đào"
    assert len(nfc(nfd("ễ"))) == 1


@pytest.mark.parametrize(
    ("raw", "digits"),
    [("0912.345.678", "0912345678"), ("(024) 3825 1234", "02438251234"), ("", ""), (None, "")],
)
def test_digits_only(raw: str | None, digits: str) -> None:
    assert digits_only(raw) == digits
