"""The chip ID card QR code and the 12-digit personal ID number (DOMAIN §7)."""

from __future__ import annotations

import unicodedata
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desk.domain.identity import (
    Sex,
    check_id_number,
    parse_id_card_qr,
    parse_id_number,
    province_codes,
)
from desk.domain.telex import is_vietnamese_syllable, telex_traces
from desk.errors import InvalidInput
from desk.forms import APPLICANT, Severity, validate_person

TODAY = date(2026, 3, 9)
# DOMAIN §7's example: a man born 1990 (digit 4 = 0), birth registered in Hà Nội (001).
EXAMPLE = "001090012345||Trần Văn Bình|15031990|Nam|Thôn Đông, Xã Yên Lạc, Tỉnh Phú Thọ|10052022"
CONSISTENT = EXAMPLE
# The example as DOMAIN first had it: a woman's ID number (digit 4 = 1) on a man.
WOMANS_NUMBER_ON_A_MAN = EXAMPLE.replace("001090012345", "001190012345", 1)


def with_field(index: int, value: str, base: str = CONSISTENT) -> str:
    fields = base.split("|")
    fields[index] = value
    return "|".join(fields)


def refused(payload: str) -> InvalidInput:
    with pytest.raises(InvalidInput) as caught:
        parse_id_card_qr(payload, today=TODAY)
    assert "Mã QR căn cước" in caught.value.message or "Số định danh" in caught.value.message
    return caught.value


# --- the QR payload ------------------------------------------------------------------------


def test_the_example_payload() -> None:
    card = parse_id_card_qr(EXAMPLE, today=TODAY)
    assert card.id_number == "001090012345"
    assert card.old_id_number == ""
    assert card.full_name == "Trần Văn Bình"
    assert card.birth_date == date(1990, 3, 15)
    assert card.sex is Sex.MALE
    assert card.address == "Thôn Đông, Xã Yên Lạc, Tỉnh Phú Thọ"
    assert card.issue_date == date(2022, 5, 10)
    assert card.warnings == ()  # the example's number agrees with its sex and birth year


def test_a_womans_id_number_on_a_man_warns_the_clerk() -> None:
    # Digit 4 of 001190012345 is 1: female, born 1900–1999. The card says "Nam": the
    # payload is read, with a sex-mismatch warning the clerk must see.
    card = parse_id_card_qr(WOMANS_NUMBER_ON_A_MAN, today=TODAY)
    assert [w.code for w in card.warnings] == ["id_number.sex_mismatch"]
    assert "Nữ" in card.warnings[0].message
    assert "Nam" in card.warnings[0].message


@pytest.mark.parametrize("old", ["123456789", "001090054321", ""])
def test_old_number_may_be_nine_digits_twelve_digits_or_empty(old: str) -> None:
    # The old-number field: a 9-digit CMND, on newer cards a 12-digit number, or nothing.
    card = parse_id_card_qr(with_field(1, old), today=TODAY)
    assert card.old_id_number == old
    assert card.full_name == "Trần Văn Bình"


@pytest.mark.parametrize("ending", ["|", "|\r\n", "| ", "|\n"])
def test_a_trailing_bar_is_harmless(ending: str) -> None:
    # Some readers end the payload with one more «|»: an eighth, empty field.
    card = parse_id_card_qr(EXAMPLE + ending, today=TODAY)
    assert card.id_number == "001090012345"
    assert card.issue_date == date(2022, 5, 10)
    assert card.address == "Thôn Đông, Xã Yên Lạc, Tỉnh Phú Thọ"


@pytest.mark.parametrize(
    "payload",
    [
        EXAMPLE + "||",  # two empty fields: not certainly harmless
        EXAMPLE + "|x",  # an eighth field with something in it: a format we do not know
        EXAMPLE + "|01012030",
        "|" + EXAMPLE,  # a leading bar shifts every field
    ],
)
def test_anything_beyond_one_empty_trailing_field_is_refused(payload: str) -> None:
    error = refused(payload)
    assert error.code == "id_qr.field_count"
    assert "quét lại" in error.message


def test_decomposed_accents_are_composed() -> None:
    decomposed = unicodedata.normalize("NFD", CONSISTENT)
    assert decomposed != CONSISTENT  # the test input really is different
    card = parse_id_card_qr(decomposed, today=TODAY)
    assert card.full_name == "Trần Văn Bình"
    assert unicodedata.is_normalized("NFC", card.full_name)
    assert card.address == "Thôn Đông, Xã Yên Lạc, Tỉnh Phú Thọ"
    assert card.sex is Sex.MALE


def test_decomposed_female_sex_is_read() -> None:
    payload = with_field(4, unicodedata.normalize("NFD", "Nữ"), base=WOMANS_NUMBER_ON_A_MAN)
    card = parse_id_card_qr(payload, today=TODAY)
    assert card.sex is Sex.FEMALE
    assert card.warnings == ()  # 001190012345 is a woman born in 1990


def test_scanner_line_ending_and_stray_spaces_are_ignored() -> None:
    payload = with_field(2, "  Trần   Văn Bình ") + "\r\n"
    card = parse_id_card_qr(payload, today=TODAY)
    assert card.full_name == "Trần Văn Bình"


def test_ethnic_minority_names_are_accepted() -> None:
    card = parse_id_card_qr(with_field(2, "H'Hen Niê"), today=TODAY)
    assert card.full_name == "H'Hen Niê"


@pytest.mark.parametrize("count", [6, 8, 1, 14])
def test_not_exactly_seven_fields_is_refused(count: int) -> None:
    fields = CONSISTENT.split("|")
    payload = "|".join((fields * 2)[:count])
    error = refused(payload)
    assert error.code == "id_qr.field_count"
    assert "7" in error.message
    assert str(count) in error.message
    assert "quét lại" in error.message


@pytest.mark.parametrize(
    ("index", "value"),
    [
        (3, "31021990"),  # 31 February
        (3, "15131990"),  # month 13
        (3, "1503199"),  # seven digits
        (3, "15-03-1990"),
        (3, ""),
        (6, "00052022"),  # day 0
        (6, "1005202"),
    ],
)
def test_bad_dates_are_refused(index: int, value: str) -> None:
    error = refused(with_field(index, value))
    assert error.code == "id_qr.date"
    assert value in error.message


@pytest.mark.parametrize("value", ["Nqm", "Nuw", "Nu", "Male", "", "N"])
def test_bad_sex_is_refused(value: str) -> None:
    error = refused(with_field(4, value))
    assert error.code == "id_qr.sex"
    assert "bộ gõ" in error.message  # the input method is the likely culprit


@pytest.mark.parametrize(
    "value", ["00109001234", "0010900123456", "00109001234O", "", "001 090 012 345"]
)
def test_bad_id_number_is_refused(value: str) -> None:
    assert refused(with_field(0, value)).code == "id_qr.id_number"


def test_unknown_birth_province_is_refused() -> None:
    assert refused(with_field(0, "003090012345")).code == "id_number.province"


@pytest.mark.parametrize(
    "value", ["12345678", "1234567890", "12345678a", "00109005432", "0010900543210", "0010900S4321"]
)
def test_bad_old_id_number_is_refused(value: str) -> None:
    error = refused(with_field(1, value))
    assert error.code == "id_qr.old_id"
    assert value in error.message
    assert "9 hoặc 12 chữ số" in error.message


@pytest.mark.parametrize("value", ["", "Trần Văn B1nh", "Trần_Văn", "---", "Trần Văn 2"])
def test_bad_name_is_refused(value: str) -> None:
    assert refused(with_field(2, value)).code == "id_qr.name"


def test_missing_address_is_refused() -> None:
    assert refused(with_field(5, "   ")).code == "id_qr.address"


@pytest.mark.parametrize(
    ("birth", "issue"),
    [
        ("10032026", "10052022"),  # born tomorrow (TODAY is 9/3/2026)
        ("15031990", "10032026"),  # issued tomorrow
        ("15031990", "14031990"),  # issued before birth
    ],
)
def test_implausible_dates_are_refused(birth: str, issue: str) -> None:
    assert refused(with_field(6, issue, with_field(3, birth))).code == "id_qr.dates"


def test_born_today_is_possible() -> None:
    # An ID number is issued at birth registration; 2-digit 26 with digit 4 = 2: male 2026.
    payload = "001226012345||Nguyễn Văn An|09032026|Nam|Thôn Đông|09032026"
    card = parse_id_card_qr(payload, today=TODAY)
    assert card.birth_date == TODAY
    assert card.warnings == ()


def test_birth_year_mismatch_is_a_warning() -> None:
    card = parse_id_card_qr(with_field(3, "15031991"), today=TODAY)
    assert [w.code for w in card.warnings] == ["id_number.birth_year_mismatch"]
    assert "1990" in card.warnings[0].message
    assert "15/03/1991" in card.warnings[0].message


# --- input-method (Telex) damage, in any field ------------------------------------------

# Real names and addresses, many with letters a Telex rule could misread; none is damage.
REAL_NAMES = [
    "Nguyễn Văn Khoa",
    "Lê Thị Hoa",
    "Phạm Quảng Nam",
    "Đoàn Thị Thủy",
    "Hoàng Văn Thuận",
    "Bùi Thị Thuỷ",  # the older tone placement
    "Nguyễn Thị Quỳnh",
    "Trương Thị Hường",
    "Huỳnh Thị Xuân Oanh",
    "Nghiêm Thị Nghĩa",
    "Kiều Văn Khuyến",
    "Đặng Thị Ngoãn",
    "Phan Thị Huệ",
    "Ngô Thị Khuê",
    "Giàng A Sùng",
    "Ma Seo Sử",
    "Y Biêr Niê",
    "Ksor Phước Hà",
    "H'Hen Niê",
    "Y Moan Ênuôl",
    "Danh Thị Sa Ry",
    "Nguyen Van Hoa",  # a card printed without accents
]
REAL_ADDRESSES = [
    "Thôn Đông, Xã Yên Lạc, Tỉnh Phú Thọ",
    "Số 12 ngõ 34 phố Khương Trung, Phường Khương Đình, Thành phố Hà Nội",
    "Tổ dân phố 5, Phường Quảng Thuận, Tỉnh Quảng Trị",
    "Buôn Ma Thuột, Tỉnh Đắk Lắk",
    "Huyện Ea Kar, Tỉnh Đắk Lắk",
    "Xã Ea Tu, Huyện Cư M'gar",
    "Ấp Bàu Sen, Xã Hòa Khánh, Tỉnh Tây Ninh",
    "Bản Nà Sài, Xã Mường Phăng, Tỉnh Điện Biên",
    "Xã Ia Grai, Huyện Mang Yang, Tỉnh Gia Lai",
    "Tổ 7, Phường Quyết Thắng, Thành phố Kon Tum",
    "Tòa nhà Green Bay, Vinhomes Ocean Park, Xã Đa Tốn",
    "Chung cư Times City, Phường Vĩnh Tuy",
    "KP 2, P. Tân Định, Q. 1, TP. Hồ Chí Minh",
    "Xóm Xoong, Xã Đắk R'Lấp",
    "Làng Khuổi Nưa, Xã Thủy Xuân Tiên",
]
# What Telex leaves when it did not compose (or composed only part of) a word.
DAMAGED = [
    ("address", "Thoon DDoong, Xã Yên Lạc, Tỉnh Phú Thọ", ["Thoon", "DDoong"]),
    ("address", "Thôn Đông, Xax Yeen Lacj, Tỉnh Phú Thọ", ["Xax", "Yeen", "Lacj"]),
    ("address", "Thôn Đông, Xã Yên Lạc, Tinhr Phus Thoj", ["Tinhr", "Phus", "Thoj"]),
    ("address", "Buoon Ma Thuootj, Tỉnh Đắk Lắk", ["Buoon", "Thuootj"]),
    ("address", "Phường Quangr Thuaanj", ["Quangr", "Thuaanj"]),
    ("address", "Thôn Ddoài, Xã Yên Lạc", ["Ddoài"]),
    ("name", "Traafn Vawn Bifnh", ["Traafn", "Vawn", "Bifnh"]),
    ("name", "Nguyeenx Thij Hoa", ["Nguyeenx", "Thij"]),
    ("name", "Hoangf Vawn Thuaanj", ["Hoangf", "Vawn", "Thuaanj"]),
    ("name", "Ddoanf Thij Thuyr", ["Ddoanf", "Thij", "Thuyr"]),
    ("name", "Phamj Quoocs Khanhs", ["Phamj", "Quoocs", "Khanhs"]),
    ("name", "Lee Thị Thu", ["Lee"]),
    ("name", "Truwowng Thij Huwowng", ["Truwowng", "Thij", "Huwowng"]),
    ("name", "Trần Văn Bìnhf", ["Bìnhf"]),  # one tone key left after a composed word
    ("name", "Cao Thị Huowngf", ["Huowngf"]),
    ("name", "Phaan Thanh Tufng", ["Phaan", "Tufng"]),
]
FIELD_INDEX = {"name": 2, "address": 5}


@pytest.mark.parametrize("name", REAL_NAMES)
def test_real_names_are_not_taken_for_input_method_damage(name: str) -> None:
    assert telex_traces(name) == []
    assert parse_id_card_qr(with_field(2, name), today=TODAY).full_name == name


@pytest.mark.parametrize("address", REAL_ADDRESSES)
def test_real_addresses_are_not_taken_for_input_method_damage(address: str) -> None:
    assert telex_traces(address) == []
    assert parse_id_card_qr(with_field(5, address), today=TODAY).address == address


@pytest.mark.parametrize(("field", "text", "words"), DAMAGED)
def test_telex_damage_in_a_name_or_address_is_refused(
    field: str, text: str, words: list[str]
) -> None:
    assert telex_traces(text) == words
    error = refused(with_field(FIELD_INDEX[field], text))
    assert error.code == "id_qr.input_method"
    assert f"«{words[0]}»" in error.message  # the clerk sees which words look rewritten
    assert "tắt bộ gõ" in error.message and "quét lại" in error.message


def test_thoon_ddoong_is_refused_not_filled() -> None:
    # The issue's case: "Thôn Đông" typed through Telex that did not compose.
    error = refused(with_field(5, "Thoon DDoong, Xã Yên Lạc, Tỉnh Phú Thọ"))
    assert "«Thoon»" in error.message and "«DDoong»" in error.message


@pytest.mark.parametrize(
    "text",
    [
        "Trầàn Văn Bình",  # two tone marks in one syllable
        "Trần Văn Bình\u0302\u0301",  # marks that do not compose
    ],
)
def test_marks_no_syllable_can_carry_are_damage(text: str) -> None:
    assert telex_traces(text) != []
    assert refused(with_field(2, text)).code == "id_qr.input_method"


@pytest.mark.parametrize("syllable", ["xoong", "boong", "moóc", "quốc", "giếng", "khuya", "ngoằn"])
def test_vietnamese_syllables_with_doubled_looking_letters_are_syllables(syllable: str) -> None:
    assert is_vietnamese_syllable(syllable)


@pytest.mark.parametrize("word", ["thoon", "ddoong", "vawn", "ka", "ghô", "ngi", "quu", "bìnhf"])
def test_letter_runs_that_are_not_syllables(word: str) -> None:
    assert not is_vietnamese_syllable(word)


# --- the 12-digit ID number ----------------------------------------------------------------


def test_id_number_facts() -> None:
    facts = parse_id_number("001190012345")
    assert facts.province_code == "001"
    assert facts.province_name == "Hà Nội"
    assert facts.sex is Sex.FEMALE
    assert facts.birth_year == 1990


@pytest.mark.parametrize(
    ("digit", "sex", "year"),
    [
        ("0", Sex.MALE, 1905),
        ("1", Sex.FEMALE, 1905),
        ("2", Sex.MALE, 2005),
        ("3", Sex.FEMALE, 2005),
        ("4", Sex.MALE, 2105),
        ("5", Sex.FEMALE, 2105),
    ],
)
def test_sex_and_century_digit(digit: str, sex: Sex, year: int) -> None:
    facts = parse_id_number(f"079{digit}05123456", today=date(2106, 1, 1))
    assert facts.sex is sex
    assert facts.birth_year == year
    assert facts.province_name == "Hồ Chí Minh"


@pytest.mark.parametrize("digit", "6789")
def test_fourth_digit_above_five_is_refused(digit: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_id_number(f"001{digit}90012345")
    assert caught.value.code == "id_number.century"
    assert "chữ số thứ tư" in caught.value.message


@pytest.mark.parametrize("province", ["000", "003", "097", "099", "100", "999"])
def test_unknown_province_code_is_refused(province: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_id_number(f"{province}090012345")
    assert caught.value.code == "id_number.province"
    assert province in caught.value.message


@pytest.mark.parametrize(
    ("code", "name"), [("001", "Hà Nội"), ("025", "Phú Thọ"), ("079", "Hồ Chí Minh"),
                       ("096", "Cà Mau")],
)  # fmt: skip
def test_known_province_codes(code: str, name: str) -> None:
    assert province_codes()[code] == name
    assert parse_id_number(f"{code}090012345").province_name == name


def test_sixty_three_pre_2025_provinces() -> None:
    codes = province_codes()
    assert len(codes) == 63
    assert all(len(c) == 3 and c.isdigit() and "001" <= c <= "096" for c in codes)


@pytest.mark.parametrize("text", ["", "00109001234", "0010900123456", "00109001234x", "Nam"])
def test_malformed_id_number(text: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_id_number(text)
    assert caught.value.code == "id_number.format"
    assert "12 chữ số" in caught.value.message


def test_typed_id_number_may_have_spaces() -> None:
    assert parse_id_number(" 001 190 012 345 ").number == "001190012345"


def test_check_id_number_without_typed_data_has_no_warnings() -> None:
    assert check_id_number("001190012345") == []


def test_check_id_number_matching_data() -> None:
    assert check_id_number("001190012345", birth_date=date(1990, 1, 1), sex=Sex.FEMALE) == []


def test_check_id_number_birth_year_mismatch() -> None:
    warnings = check_id_number("001190012345", birth_date=date(1991, 6, 2))
    assert [w.code for w in warnings] == ["id_number.birth_year_mismatch"]
    assert "1990" in warnings[0].message and "02/06/1991" in warnings[0].message


def test_check_id_number_century_mismatch() -> None:
    # Same last two digits, wrong century: 0 in digit 4 means born 1900–1999. (A century
    # that puts the birth in the future is an error, not a warning: see below.)
    warnings = check_id_number("001000012345", birth_date=date(2000, 6, 2), sex=Sex.MALE)
    assert [w.code for w in warnings] == ["id_number.birth_year_mismatch"]
    assert "1900" in warnings[0].message


def test_check_id_number_sex_mismatch() -> None:
    warnings = check_id_number("001190012345", sex=Sex.MALE)
    assert [w.code for w in warnings] == ["id_number.sex_mismatch"]
    assert "giới tính" in warnings[0].message


def test_check_id_number_both_mismatches() -> None:
    warnings = check_id_number("001190012345", birth_date=date(2001, 1, 1), sex=Sex.MALE)
    assert {w.code for w in warnings} == {
        "id_number.birth_year_mismatch",
        "id_number.sex_mismatch",
    }


def test_check_id_number_refuses_a_malformed_number() -> None:
    with pytest.raises(InvalidInput):
        check_id_number("001990012345", sex=Sex.MALE)  # digit 4 = 9


# --- a birth year in the future ------------------------------------------------------------


def test_a_century_digit_giving_a_future_birth_year_is_an_error() -> None:
    # 025 Phú Thọ, digit 4 = 3 (a woman born 2000–2099), 95: born 2095.
    with pytest.raises(InvalidInput) as caught:
        parse_id_number("025395012345", today=TODAY)
    assert caught.value.code == "id_number.future_birth_year"
    assert "2095" in caught.value.message
    assert "025395012345" in caught.value.message


def test_check_id_number_refuses_a_future_birth_year_even_with_a_matching_date() -> None:
    with pytest.raises(InvalidInput) as caught:
        check_id_number("025395012345", birth_date=date(1995, 1, 2), sex=Sex.FEMALE, today=TODAY)
    assert caught.value.code == "id_number.future_birth_year"


def test_a_card_whose_number_is_born_in_the_future_is_refused() -> None:
    payload = with_field(4, "Nữ", with_field(3, "02011995", with_field(0, "025395012345")))
    error = refused(payload)
    assert error.code == "id_number.future_birth_year"
    assert "2095" in error.message


@pytest.mark.parametrize(
    ("number", "year"),
    [("001226012345", 2026), ("001025012345", 1925), ("001499012345", 2199)],
)
def test_birth_year_this_year_or_before_is_fine(number: str, year: int) -> None:
    today = date(2199, 1, 1) if year == 2199 else TODAY
    assert parse_id_number(number, today=today).birth_year == year


def test_the_future_is_judged_against_the_given_day() -> None:
    assert parse_id_number("001227012345", today=date(2027, 1, 1)).birth_year == 2027
    with pytest.raises(InvalidInput):
        parse_id_number("001227012345", today=date(2026, 12, 31))


def test_a_typed_id_number_born_in_the_future_is_an_error_on_the_intake_form() -> None:
    # The form judges by its own day: the same number is fine once its year has come.
    typed = {"id_number": "001227012345", "full_name": "Lê Văn An", "birth_date": "02/01/2027"}
    later = validate_person(APPLICANT, typed, today=date(2027, 6, 1))
    assert [p for p in later if p.key == "applicant.id_number"] == []
    problems = validate_person(APPLICANT, typed, today=date(2026, 11, 20))
    [problem] = [p for p in problems if p.key == "applicant.id_number"]
    assert problem.severity is Severity.ERROR
    assert problem.code == "id_number.future_birth_year"
    assert "2027" in problem.message


@given(
    st.sampled_from(sorted(province_codes())),
    st.integers(1900, 2199),
    st.sampled_from(list(Sex)),
    st.integers(0, 999_999),
)
def test_id_number_digits_encode_sex_and_year(
    province: str, year: int, sex: Sex, serial: int
) -> None:
    # Build the number from DOMAIN §7's description and read it back.
    century_digit = (year // 100 - 19) * 2 + (1 if sex is Sex.FEMALE else 0)
    number = f"{province}{century_digit}{year % 100:02d}{serial:06d}"
    today = date(2199, 12, 31)  # every year the digits can encode has come
    facts = parse_id_number(number, today=today)
    assert (facts.province_code, facts.birth_year, facts.sex) == (province, year, sex)
    assert check_id_number(number, birth_date=date(year, 7, 1), sex=sex, today=today) == []


# --- sex ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "sex"),
    [("Nam", Sex.MALE), ("nam", Sex.MALE), (" NAM ", Sex.MALE), ("Nữ", Sex.FEMALE),
     ("nữ", Sex.FEMALE), ("NỮ", Sex.FEMALE), (unicodedata.normalize("NFD", "Nữ"), Sex.FEMALE)],
)  # fmt: skip
def test_sex_parse(text: str, sex: Sex) -> None:
    assert Sex.parse(text) is sex


@pytest.mark.parametrize("text", ["", "Nu", "M", "F", "nam nữ"])
def test_sex_parse_refuses(text: str) -> None:
    with pytest.raises(InvalidInput, match="Nam"):
        Sex.parse(text)
