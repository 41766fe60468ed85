"""The intake forms as data: definitions, field checks, cross-field rules, output."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from desk.domain.catalogue import CopyKind, RequiredDocument
from desk.domain.catalogue_file import load_catalogue_file
from desk.domain.identity import Sex
from desk.errors import CatalogueError, InvalidInput, NotFound
from desk.forms import (
    APPLICANT,
    Severity,
    form_names,
    form_output,
    get_form,
    missing_documents,
    parse_date_text,
    requester_role,
    role_labels,
    validate_form,
    validate_person,
    validate_values,
)
from desk.forms.definitions import load_form_file
from desk.forms.spec import form_from_dict
from desk.forms.values import match_choice, parse_int
from desk.printing.declaration import FORM_DATA_KEYS
from desk.resources import CATALOGUE_FILE

TODAY = date(2026, 11, 20)


def birth_values(**changes: object) -> dict[str, object]:
    values: dict[str, object] = {
        "relation_to_child": "Mẹ",
        "requester_id_type": "Thẻ căn cước",
        "child": {"full_name": "Trần Gia Bảo", "birth_date": "05/11/2026", "sex": "Nam"},
        "ethnicity": "Kinh",
        "nationality": "Việt Nam",
        "child_birth_place": "Trạm Y tế xã Yên Lạc",
        "home_town": "Yên Lạc, Phú Thọ",
        "mother": {
            "id_number": "001195012345",
            "full_name": "Nguyễn Thị Hoa",
            "birth_year": "1995",
            "address": "Thôn Đoài",
        },
        "mother_ethnicity": "Kinh",
        "mother_nationality": "Việt Nam",
        "father": {"full_name": "Trần Văn Nam", "birth_year": "1993"},
        "father_ethnicity": "Kinh",
        "father_nationality": "Việt Nam",
        "marriage_registration.number": "12",
        "marriage_registration.book": "01/2020",
        "marriage_registration.date": "10/01/2020",
        "marriage_registration.place": "UBND xã Yên Lạc",
        "extract_copies": "1",
    }
    values.update(changes)
    return values


def keys(problems: list) -> list[str]:
    return [p.key for p in problems]


def test_every_seed_procedure_has_its_form() -> None:
    catalogue = load_catalogue_file(CATALOGUE_FILE)
    assert len(form_names()) == 8
    for procedure in catalogue:
        assert get_form(procedure.form).name == procedure.form


def test_unknown_form_is_not_found() -> None:
    with pytest.raises(NotFound):
        get_form("no_such_form")


def test_complete_birth_registration_has_no_problem() -> None:
    assert validate_form("birth_registration", birth_values(), today=TODAY) == []


def test_birth_registration_produces_every_declaration_key() -> None:
    output = form_output(get_form("birth_registration"), birth_values(), today=TODAY)
    assert set(output.form_data) == set(FORM_DATA_KEYS)
    assert output.form_data["child_birth_date"] == "2026-11-05"
    assert output.form_data["mother_birth_year"] == 1995
    assert output.form_data["marriage_registration"] == {
        "number": "12",
        "book": "01/2020",
        "date": "2020-01-10",
        "place": "UBND xã Yên Lạc",
    }
    roles = {p.role: p.person for p in output.parties}
    assert set(roles) == {"child", "mother", "father"}
    assert roles["child"].birth_date == date(2026, 11, 5) and roles["child"].sex is Sex.MALE
    assert roles["mother"].id_number == "001195012345"
    assert output.request == {"copies": 1}
    assert output.late is False
    json.dumps(output.form_data)  # stored as JSON


def test_required_fields_and_no_parent() -> None:
    values = birth_values(mother={}, father={}, ethnicity="", child={"full_name": "Bé"})
    values.pop("relation_to_child")
    problems = validate_form("birth_registration", values, today=TODAY)
    found = keys(problems)
    assert "relation_to_child" in found
    assert "ethnicity" in found
    assert "child.birth_date" in found and "child.sex" in found
    at_least_one = [p for p in problems if p.code == "rule.at_least_one"]
    assert at_least_one[0].key == "mother"
    assert "mẹ hoặc cha" in at_least_one[0].message


def test_child_born_in_the_future_or_before_the_mother() -> None:
    problems = validate_form(
        "birth_registration",
        birth_values(child={"full_name": "Bé", "birth_date": "21/11/2026", "sex": "Nữ"}),
        today=TODAY,
    )
    assert any(p.key == "child.birth_date" and "tương lai" in p.message for p in problems)
    mother = {"full_name": "Nguyễn Thị Hoa", "birth_year": "2027"}
    problems = validate_form(
        "birth_registration",
        birth_values(mother=mother, relation_to_child="Cha"),
        today=TODAY,
    )
    messages = [p.message for p in problems if p.key == "child.birth_date"]
    assert any("trước năm sinh của mẹ" in m for m in messages)
    assert any(p.key == "mother.birth_year" and "tương lai" in p.message for p in problems)


def test_a_very_young_mother_is_a_warning_not_an_error() -> None:
    mother = {"full_name": "Nguyễn Thị Hoa", "birth_year": "2015"}
    problems = validate_form("birth_registration", birth_values(mother=mother), today=TODAY)
    young = [p for p in problems if p.code == "rule.years_between"]
    assert young and young[0].severity is Severity.WARNING and not young[0].is_error


def test_relation_names_the_parent_who_must_be_filled() -> None:
    problems = validate_form(
        "birth_registration", birth_values(relation_to_child="Cha", father={}), today=TODAY
    )
    assert any(p.key == "father" and p.is_error and "người cha" in p.message for p in problems)
    problems = validate_form(
        "birth_registration", birth_values(relation_to_child="mẹ", mother={}), today=TODAY
    )
    assert any(p.key == "mother" and p.is_error and "người mẹ" in p.message for p in problems)


@pytest.mark.parametrize(
    ("relation", "role"),
    [("Cha", "father"), ("cha", "father"), ("Mẹ", "mother"), ("Bà nội", None), ("", None)],
)
def test_the_requester_is_the_parent_the_relation_names(relation: str, role: str | None) -> None:
    form = get_form("birth_registration")
    assert requester_role(form, birth_values(relation_to_child=relation)) == role
    # The recorded form data answers the same (the declaration asks it).
    assert requester_role(form, {"relation_to_child": relation}) == role


def family_warnings(child: str, father: str = "", mother: str = "") -> list:
    values = birth_values(
        child={"full_name": child, "birth_date": "05/11/2026", "sex": "Nam"},
        father={"full_name": father, "birth_year": "1993"} if father else {},
        mother={"full_name": mother, "birth_year": "1995"} if mother else {},
    )
    problems = validate_form("birth_registration", values, today=TODAY)
    return [p for p in problems if p.code == "rule.family_name"]


def test_a_child_named_after_neither_parent_is_a_warning_not_an_error() -> None:
    warned = family_warnings("Lê Gia Bảo", father="Trần Văn Nam", mother="Nguyễn Thị Hoa")
    assert len(warned) == 1
    assert warned[0].key == "child.full_name"
    assert warned[0].severity is Severity.WARNING and not warned[0].is_error
    assert "Bộ luật Dân sự 2015, điều 26" in warned[0].message


@pytest.mark.parametrize(
    ("child", "father", "mother"),
    [
        ("Trần Gia Bảo", "Trần Văn Nam", "Nguyễn Thị Hoa"),  # the father's family name
        ("Nguyễn Gia Bảo", "Trần Văn Nam", "Nguyễn Thị Hoa"),  # the mother's
        ("Nguyễn Trần Gia Bảo", "Trần Văn Nam", "Nguyễn Thị Hoa"),  # both, the mother's first
        ("trần gia bảo", "TRẦN VĂN NAM", ""),  # case does not matter; one parent only
        ("Nguyễn Thị Mai", "", "Nguyễn Thị Hoa"),  # only the mother declared
        ("Lò Văn Páo", "", ""),  # no parent named: nothing to compare (another error)
    ],
)
def test_a_child_with_a_parents_family_name_is_not_warned(
    child: str, father: str, mother: str
) -> None:
    assert family_warnings(child, father=father, mother=mother) == []


def test_family_names_differ_by_their_accents() -> None:
    assert family_warnings("Lý Gia Bảo", father="Lê Văn Nam", mother="Lò Thị Hoa")


def test_id_number_format_and_mismatch_warning() -> None:
    mother = {"full_name": "Nguyễn Thị Hoa", "birth_year": "1990", "id_number": "12345"}
    problems = validate_form("birth_registration", birth_values(mother=mother), today=TODAY)
    assert any(p.key == "mother.id_number" and "12 chữ số" in p.message for p in problems)
    mother["id_number"] = "001195012345"  # born 1995
    problems = validate_form("birth_registration", birth_values(mother=mother), today=TODAY)
    mismatch = [p for p in problems if p.key == "mother.id_number"]
    assert mismatch[0].severity is Severity.WARNING and "1995" in mismatch[0].message


def test_applicant_checks() -> None:
    applicant = {
        "id_number": "001195012345",
        "full_name": "Nguyễn Thị Hoa",
        "birth_date": "12/04/1995",
        "sex": "Nam",
        "phone": "12ab",
        "email": "hoa@",
        "id_issue_date": "01/01/1990",
    }
    problems = validate_person(APPLICANT, applicant, today=TODAY)
    by_key = {p.key: p for p in problems}
    assert by_key["applicant.id_number"].severity is Severity.WARNING  # sex mismatch
    assert "điện thoại" in by_key["applicant.phone"].message
    assert "Thư điện tử" in by_key["applicant.email"].message
    assert "trước ngày sinh" in by_key["applicant.id_issue_date"].message
    assert validate_person(APPLICANT, {}, today=TODAY)[0].key == "applicant.full_name"


def test_marriage_age_and_two_different_people() -> None:
    values = {
        "wife": {
            "id_number": "001195012345",
            "full_name": "A",
            "birth_date": "01/01/2010",
            "address": "x",
        },
        "husband": {
            "id_number": "001195012345",
            "full_name": "B",
            "birth_date": "21/11/2006",
            "address": "y",
        },
        "wife_ethnicity": "Kinh",
        "wife_nationality": "Việt Nam",
        "wife_marital_status": "Chưa đăng ký kết hôn với ai",
        "husband_ethnicity": "Kinh",
        "husband_nationality": "Việt Nam",
        "husband_marital_status": "Đang có vợ/chồng",
    }
    problems = validate_form("marriage_registration", values, today=TODAY)
    codes = {(p.key, p.code) for p in problems}
    assert ("wife.birth_date", "rule.min_age") in codes
    assert ("husband.birth_date", "rule.min_age") in codes  # 20 on 21/11/2026, not yet
    assert ("husband.id_number", "rule.different") in codes
    assert ("husband_marital_status", "rule.not_equals") in codes


def test_together_and_required_when_with_a_list() -> None:
    values = birth_values(**{"marriage_registration.date": "", "marriage_registration.place": ""})
    problems = validate_form("birth_registration", values, today=TODAY)
    assert {"marriage_registration.date", "marriage_registration.place"} <= set(keys(problems))
    correction = {
        "relation_to_subject": "Bản thân",
        "subject": {"full_name": "A", "birth_date": "01/01/1990"},
        "record_type": "Khai sinh",
        "record.place": "UBND xã",
        "change_kind": "cải chính",
        "changed_item": "Họ tên",
        "requested_value": "Nguyễn Văn A",
        "reason": "Sai chính tả",
    }
    problems = validate_form("civil_status_correction", correction, today=TODAY)
    assert keys(problems) == ["current_value"]
    correction["current_value"] = "nguyen van a"
    problems = validate_form("civil_status_correction", correction, today=TODAY)
    assert [p.code for p in problems] == ["rule.different"]


def test_numbers_feed_the_fees_and_are_bounded() -> None:
    form = get_form("certified_copy")
    values = {"document_name": "Bằng tốt nghiệp", "pages": "3", "copies": "2"}
    assert validate_form("certified_copy", values, today=TODAY) == []
    assert form_output(form, values, today=TODAY).request == {"copies": 2, "pages": 3}
    problems = validate_form("certified_copy", {**values, "pages": "0", "copies": "hai"})
    assert {p.code for p in problems} == {"number.min", "number.format"}


def test_late_birth_registration() -> None:
    form = get_form("birth_registration")
    values = birth_values(child={"full_name": "Bé", "birth_date": "01/09/2026", "sex": "Nữ"})
    assert form_output(form, values, today=TODAY).late is True


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("15/03/1990", date(1990, 3, 15)),
        ("15-3-1990", date(1990, 3, 15)),
        ("15.03.1990", date(1990, 3, 15)),
        ("15031990", date(1990, 3, 15)),
        ("1990-03-15", date(1990, 3, 15)),
        ("", None),
    ],
)
def test_dates_as_typed(text: str, expected: date | None) -> None:
    assert parse_date_text(text) == expected


@pytest.mark.parametrize("text", ["31/02/2020", "15/3/90", "hôm qua", "1/1/1700"])
def test_bad_dates(text: str) -> None:
    with pytest.raises(InvalidInput):
        parse_date_text(text)


def test_choices_fold_and_other_values() -> None:
    assert match_choice("thai", ("Kinh", "Thái"), allow_other=True) == "Thái"
    assert match_choice("nu", ("Nam", "Nữ"), allow_other=False) == "Nữ"
    assert match_choice("Pa Kô", ("Kinh",), allow_other=True) == "Pa Kô"
    with pytest.raises(InvalidInput):
        match_choice("Khác", ("Nam", "Nữ"), allow_other=False)
    assert parse_int("1.000") == 1000


def test_nested_form_data_validates_too() -> None:
    output = form_output(get_form("birth_registration"), birth_values(), today=TODAY)
    nested = dict(output.form_data)
    nested.update({p.role: {"full_name": p.person.full_name} for p in output.parties})
    nested["child"] = {"full_name": "Trần Gia Bảo", "birth_date": "2026-11-05", "sex": "Nam"}
    nested["mother"]["birth_year"] = 1995
    assert [p for p in validate_form("birth_registration", nested, today=TODAY) if p.is_error] == []


def test_role_labels_cover_every_person_field() -> None:
    labels = role_labels()
    for role in ("child", "mother", "father", "deceased", "wife", "husband", "subject"):
        assert labels[role]


def test_missing_documents_counts_alternatives_once() -> None:
    documents = [
        RequiredDocument("TK", "Tờ khai"),
        RequiredDocument("GCS", "Giấy chứng sinh", group="proof"),
        RequiredDocument("VBLC", "Văn bản làm chứng", group="proof"),
        RequiredDocument("GCNKH", "Giấy kết hôn", required=False),
        RequiredDocument("GTTT", "Giấy tờ tùy thân", copy_kind=CopyKind.PHOTO),
    ]
    missing = missing_documents(documents, {"GTTT": 1})
    assert [m.name for m in missing] == ["Tờ khai", "Giấy chứng sinh hoặc Văn bản làm chứng"]
    assert missing[1].codes == ("GCS", "VBLC")
    assert missing[0].as_received_line().originals == 1
    assert missing_documents(documents, {"TK": 1, "VBLC": 1, "GTTT": 1}) == []


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"rules": [{"rule": "guess", "message": "x"}]}, "không được hỗ trợ"),
        ({"rules": [{"rule": "not_before", "field": "nope", "message": "x"}]}, "trường lạ"),
        (
            {
                "sections": [
                    {"title": "A", "fields": [{"key": "a", "label": "A", "kind": "colour"}]}
                ]
            },
            "loại trường",
        ),
        (
            {
                "sections": [
                    {"title": "A", "fields": [{"key": "a", "label": "A", "kind": "choice"}]}
                ]
            },
            "lựa chọn",
        ),
        (
            {
                "sections": [
                    {
                        "title": "A",
                        "fields": [
                            {"key": "p", "label": "P", "kind": "person", "person": ["address"]}
                        ],
                    }
                ]
            },
            "họ tên",
        ),
        ({"version": 9}, "Phiên bản"),
        ({"declaration": {"extra_lines": ["child_id_number"]}}, "dòng in thêm"),
        (
            {
                "sections": [
                    {"title": "A", "fields": [{"key": "a", "label": "A", "kind": "text"}]}
                ],
                "rules": [{"rule": "is_requester", "field": "a", "when": "a", "message": "x"}],
            },
            "is_requester",
        ),
    ],
)
def test_bad_definitions_are_refused_with_a_message(change: dict, message: str) -> None:
    data = {"format": "commune-desk/form", "version": 1, "name": "t", "sections": []}
    data.update(change)
    with pytest.raises(CatalogueError) as caught:
        form_from_dict(data, {})
    assert message in caught.value.message


def test_form_file_name_must_match(tmp_path: Path) -> None:
    path = tmp_path / "other.json"
    path.write_text(json.dumps({"format": "commune-desk/form", "version": 1, "name": "t"}))
    with pytest.raises(CatalogueError):
        load_form_file(path)


@pytest.mark.parametrize(
    "changes",
    [
        {},
        {"child": {"full_name": "Trần Gia Bảo", "birth_date": "31/02/2026", "sex": "nam"}},
        {"father": {}, "relation_to_child": "cha", "extract_copies": "hai"},
        {"mother": {"full_name": "Nguyễn Thị Hoa", "birth_year": "95", "id_number": "12"}},
    ],
)
def test_the_output_from_what_the_checks_read_is_the_output(changes: dict) -> None:
    """form_output(read=…) takes the values validate_values read instead of reading them
    again: the same output, readable values or not."""
    form = get_form("birth_registration")
    values = birth_values(**changes)
    read: dict = {}
    validate_values(form, values, today=TODAY, read=read)
    assert form_output(form, values, today=TODAY, read=read) == form_output(
        form, values, today=TODAY
    )
