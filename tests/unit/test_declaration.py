"""The birth registration declaration (Tờ khai đăng ký khai sinh) as the citizen signs it:
whose block holds the requester, what a newborn's block leaves out, which lines the
template carries."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from desk.domain.dossier import Party, Person
from desk.domain.identity import Sex
from desk.forms import get_form
from desk.printing import render_declaration
from tests.unit.printing_factories import (
    birth_dossier,
    flat,
    make_applicant,
    make_office,
    page_texts,
)

CHILD = Party("child", Person("Trần Minh Khôi", birth_date=date(2026, 11, 5), sex=Sex.MALE))
MOTHER = Party(
    "mother",
    make_applicant(
        full_name="Phạm Thị Lụa",
        id_number="001195067890",
        birth_date=date(1995, 7, 4),
        sex=Sex.FEMALE,
        address="Thôn Đoài, xã Yên Lạc, tỉnh Phú Thọ",
    ),
)
FATHER = Party("father", make_applicant())  # Trần Văn Bình, born 1990, Thôn Đông


def text_of(pdf: bytes) -> str:
    return flat("\n".join(page_texts(pdf)))


def block(pdf: bytes, start: str, end: str) -> str:
    """The printed text from ``start`` up to ``end`` (white space removed)."""
    text = text_of(pdf)
    first = text.index(flat(start))
    return text[first : text.index(flat(end), first)]


def mother_block(pdf: bytes) -> str:
    return block(pdf, "Thông tin về người mẹ:", "Thông tin về người cha:")


def father_block(pdf: bytes) -> str:
    return block(pdf, "Thông tin về người cha:", "Tôi cam đoan")


def child_block(pdf: bytes) -> str:
    return block(pdf, "Đề nghị cơ quan đăng ký khai sinh", "Thông tin về người mẹ:")


def declaration(relation: str, parties: list[Party], **form_data: object) -> bytes:
    base = birth_dossier()
    data = {**base.form_data, "relation_to_child": relation, **form_data}
    data.pop("father_birth_year", None)
    data.pop("mother_birth_year", None)
    return render_declaration(make_office(), replace(base, parties=parties, form_data=data))


def test_a_father_who_declares_fills_the_fathers_block() -> None:
    """The finding: a requester «Cha» printed over an empty father's block."""
    pdf = declaration("Cha", [CHILD, MOTHER])
    father = father_block(pdf)
    assert flat("Họ, chữ đệm, tên người cha: Trần Văn Bình") in father
    assert flat("Năm sinh: 1990") in father
    assert flat("Nơi cư trú: Thôn Đông, xã Yên Lạc, tỉnh Phú Thọ") in father
    assert flat("Họ, chữ đệm, tên người mẹ: Phạm Thị Lụa") in mother_block(pdf)


def test_a_mother_who_declares_fills_the_mothers_block() -> None:
    mother = make_applicant(
        full_name="Phạm Thị Lụa",
        id_number="001195067890",
        birth_date=date(1995, 7, 4),
        sex=Sex.FEMALE,
    )
    base = birth_dossier()
    data = {**base.form_data, "relation_to_child": "Mẹ"}
    dossier = replace(base, applicant=mother, parties=[CHILD, FATHER], form_data=data)
    pdf = render_declaration(make_office(), dossier)
    assert flat("Họ, chữ đệm, tên người mẹ: Phạm Thị Lụa") in mother_block(pdf)
    assert flat("Năm sinh: 1995") in mother_block(pdf)
    assert flat("Họ, chữ đệm, tên người cha: Trần Văn Bình") in father_block(pdf)


def test_a_separate_parent_is_printed_rather_than_the_requester() -> None:
    other = Party("father", make_applicant(full_name="Trần Văn An", birth_date=date(1988, 1, 2)))
    pdf = declaration("Cha", [CHILD, MOTHER, other])
    assert flat("tên người cha: Trần Văn An") in father_block(pdf)


def test_a_grandmother_who_declares_is_in_neither_parents_block() -> None:
    grandmother = make_applicant(
        full_name="Nguyễn Thị Gấm", birth_date=date(1960, 2, 1), sex=Sex.FEMALE
    )
    base = birth_dossier()
    data = {**base.form_data, "relation_to_child": "Bà nội"}
    dossier = replace(base, applicant=grandmother, parties=[CHILD, MOTHER, FATHER], form_data=data)
    pdf = render_declaration(make_office(), dossier)
    assert flat("Họ, chữ đệm, tên người yêu cầu: Nguyễn Thị Gấm") in text_of(pdf)
    assert flat("Quan hệ với người được khai sinh: Bà nội") in text_of(pdf)
    assert flat("tên người mẹ: Phạm Thị Lụa") in mother_block(pdf)
    assert flat("tên người cha: Trần Văn Bình") in father_block(pdf)
    assert "Gấm" not in mother_block(pdf) + father_block(pdf)
    # Without the father, his block stays blank for the hand (nothing guessed).
    pdf = render_declaration(make_office(), replace(dossier, parties=[CHILD, MOTHER]))
    assert flat("Họ, chữ đệm, tên người cha: …") in father_block(pdf)


def test_a_newborn_has_no_personal_id_number_line() -> None:
    pdf = declaration("Cha", [CHILD, MOTHER])
    assert "địnhdanh" not in child_block(pdf)
    # The parents' ID numbers print (a line of the form's data, see below).
    assert flat("Số định danh cá nhân: 001195067890") in mother_block(pdf)
    assert flat("Số định danh cá nhân: 001090012345") in father_block(pdf)


def test_the_marriage_registration_prints_only_when_the_template_has_it() -> None:
    dossier = birth_dossier()  # its form data carries the parents' marriage registration
    assert dossier.form_data["marriage_registration"]
    pdf = render_declaration(make_office(), dossier)
    assert "kếthôn" not in text_of(pdf)
    form = get_form("birth_registration")
    with_marriage = replace(form, printed_extras=(*form.printed_extras, "marriage_registration"))
    pdf = render_declaration(make_office(), dossier, form=with_marriage)
    assert flat(
        "Giấy chứng nhận kết hôn của cha, mẹ: số 15, quyển số 01/2024, đăng ký ngày 08/03/2024"
        " tại UBND xã Yên Lạc"
    ) in text_of(pdf)


@pytest.mark.parametrize(
    ("extras", "printed", "left_out"),
    [
        (
            ("requester_birth_date", "parent_id_number"),
            ["Ngày, tháng, năm sinh: 15/03/1990", "Số định danh cá nhân: 001195067890"],
            [],
        ),
        ((), [], ["Ngày, tháng, năm sinh: 15/03/1990", "Số định danh cá nhân"]),
    ],
)
def test_the_lines_outside_the_2020_template_are_the_forms_data(
    extras: tuple[str, ...], printed: list[str], left_out: list[str]
) -> None:
    form = replace(get_form("birth_registration"), printed_extras=extras)
    text = text_of(render_declaration(make_office(), birth_dossier(), form=form))
    for line in printed:
        assert flat(line) in text
    for line in left_out:
        assert flat(line) not in text
    # What the template certainly has is always there.
    for line in (
        "Họ, chữ đệm, tên người yêu cầu: Trần Văn Bình",
        "Nơi cư trú: Thôn Đông, xã Yên Lạc, tỉnh Phú Thọ",
        "Giấy tờ tùy thân: CCCD/Căn cước, số 001090012345, cấp ngày 10/05/2022",
        "Quan hệ với người được khai sinh: Cha",
        "Ngày, tháng, năm sinh: 05/11/2026",
        "Họ, chữ đệm, tên người mẹ: Phạm Thị Lụa",
        "Năm sinh: 1995; Dân tộc: Kinh; Quốc tịch: Việt Nam",
    ):
        assert flat(line) in text
