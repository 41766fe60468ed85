"""Tờ khai đăng ký khai sinh (birth registration declaration), filled from the dossier.

"Ngày không viết": the clerk types, the desk prints the declaration, the citizen checks
and signs it. Missing values print as dotted lines to be completed by hand; nothing is
guessed (no default nationality, no default ethnicity).

Where each value comes from:

- requester: ``dossier.applicant`` (name, birth date, ID number/issue date/issuer, address);
- the child, mother and father: ``dossier.parties`` with roles ``"child"``, ``"mother"``,
  ``"father"`` (name, sex, birth date, address, ID number). When the requester is a parent
  (the form's ``is_requester`` rule: «Cha» → the father, «Mẹ» → the mother) and the dossier
  has no separate party for that parent, the parent's block is the requester's;
- ``dossier.form_data`` keys (all optional, strings unless said otherwise):

  ========================  ==========================================================
  ``requester_id_type``     kind of ID paper ("Thẻ căn cước", "Hộ chiếu" …);
                            "CCCD/Căn cước" when absent
  ``relation_to_child``     the requester's relation to the child ("Cha", "Mẹ", "Bà"…)
  ``child_birth_date``      ISO date "2026-11-05"; the child party's birth date if absent
  ``child_birth_place``     place of birth (hospital, commune, province)
  ``ethnicity``             the child's ethnicity ("Kinh")
  ``nationality``           the child's nationality ("Việt Nam")
  ``home_town``             the child's home town (quê quán)
  ``mother_birth_year``     int or digits; the mother party's birth year if absent
  ``mother_ethnicity``      …
  ``mother_nationality``    …
  ``father_birth_year``     as for the mother
  ``father_ethnicity``      …
  ``father_nationality``    …
  ``marriage_registration`` mapping {number, book, date (ISO), place} of the parents'
                            marriage registration; absent when not married/unknown
  ``extract_copies``        int: copies of the birth extract requested (0: none)
  ========================  ==========================================================

The layout is the 2020 template (Circular 04/2020/TT-BTP). Lines it does not certainly
have print only when the form's data names them (``"declaration": {"extra_lines": …}`` in
``resources/forms/birth_registration.json``): the requester's date of birth, the parents'
personal ID numbers, the parents' marriage registration. A newborn has no personal ID
number yet (it is given at registration): the child's block has no such line.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from desk.domain.dossier import Dossier, Person
from desk.domain.office import Office
from desk.domain.text import clean
from desk.errors import InvalidInput
from desk.forms import FormDefinition, get_form, requester_role
from desk.printing.formats import count, office_day, or_blank, place_and_date, short_date
from desk.printing.layout import Block, Metadata, Section, bold, italic, plain, render_pdf
from desk.printing.paper import A4, A5, paper_for
from desk.printing.parts import Kit
from desk.printing.templates import DEFAULT_TEMPLATE_SET, templates_for
from desk.printing.words import date_in_words

TITLE = "TỜ KHAI ĐĂNG KÝ KHAI SINH"
FORM_NAME = "birth_registration"  # the intake form whose data the declaration prints
FORM_DATA_KEYS = (
    "requester_id_type",
    "relation_to_child",
    "child_birth_date",
    "child_birth_place",
    "ethnicity",
    "nationality",
    "home_town",
    "mother_birth_year",
    "mother_ethnicity",
    "mother_nationality",
    "father_birth_year",
    "father_ethnicity",
    "father_nationality",
    "marriage_registration",
    "extract_copies",
)


def _party(dossier: Dossier, role: str) -> Person | None:
    for party in dossier.parties:
        if party.role == role:
            return party.person
    return None


def _text(data: Mapping[str, Any], key: str) -> str:
    value = data.get(key)
    return clean(str(value)) if value not in (None, "") else ""


def _date(data: Mapping[str, Any], key: str) -> date | None:
    value = data.get(key)
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise InvalidInput(
            f"Ngày «{value}» ({key}) không đúng dạng năm-tháng-ngày.", code="print.form_data"
        ) from None


def _int(data: Mapping[str, Any], key: str) -> int | None:
    value = data.get(key)
    if value in (None, ""):
        return None
    try:
        return int(str(value).strip())
    except ValueError:
        raise InvalidInput(f"«{value}» ({key}) không phải là số.", code="print.form_data") from None


def child_birth_date(dossier: Dossier) -> date | None:
    """The child's date of birth: the form data first, then the child party."""
    child = _party(dossier, "child")
    return _date(dossier.form_data, "child_birth_date") or (child.birth_date if child else None)


def parent(dossier: Dossier, role: str, form: FormDefinition | None = None) -> Person | None:
    """Who the declaration prints in the ``role`` parent's block: the dossier's party of
    that role, or else the requester when the requester is that parent."""
    person = _party(dossier, role)
    if person is not None:
        return person
    form = form or get_form(FORM_NAME)
    if requester_role(form, dossier.form_data) == role:
        return dossier.applicant
    return None


def _parent_lines(
    kit: Kit, dossier: Dossier, form: FormDefinition, role: str, label: str
) -> list[Block]:
    person = parent(dossier, role, form)
    data = dossier.form_data
    year = _int(data, f"{role}_birth_year")
    if year is None and person is not None and person.birth_date is not None:
        year = person.birth_date.year
    lines: list[Block] = [
        kit.field(f"Họ, chữ đệm, tên {label}", person.full_name if person else "", strong=True),
        kit.fields(
            ("Năm sinh", str(year) if year else ""),
            ("Dân tộc", _text(data, f"{role}_ethnicity")),
            ("Quốc tịch", _text(data, f"{role}_nationality")),
        ),
        kit.field("Nơi cư trú", person.address if person else ""),
    ]
    if "parent_id_number" in form.printed_extras:
        lines.append(kit.field("Số định danh cá nhân", person.id_number if person else ""))
    return lines


def _marriage_line(kit: Kit, dossier: Dossier) -> Block:
    raw = dossier.form_data.get("marriage_registration")
    if not isinstance(raw, Mapping):
        raw = {}
    registered = _date(raw, "date")
    return kit.para(
        [
            plain("Giấy chứng nhận kết hôn của cha, mẹ: số "),
            plain(or_blank(_text(raw, "number"))),
            plain(", quyển số "),
            plain(or_blank(_text(raw, "book"))),
            plain(", đăng ký ngày "),
            plain(short_date(registered) if registered else or_blank("")),
            plain(" tại "),
            plain(or_blank(_text(raw, "place"))),
        ]
    )


def _requester_lines(kit: Kit, dossier: Dossier, form: FormDefinition) -> list[Block]:
    person = dossier.applicant
    data = dossier.form_data
    id_type = _text(data, "requester_id_type") or "CCCD/Căn cước"
    issued = short_date(person.id_issue_date) if person.id_issue_date else ""
    lines = [kit.field("Họ, chữ đệm, tên người yêu cầu", person.full_name, strong=True)]
    if "requester_birth_date" in form.printed_extras:
        born = short_date(person.birth_date) if person.birth_date else ""
        lines.append(kit.field("Ngày, tháng, năm sinh", born))
    # The template's order: residence, then the ID paper (its kind, number, issuer, date).
    return [
        *lines,
        kit.field("Nơi cư trú", person.address),
        kit.para(
            [
                plain(f"Giấy tờ tùy thân: {id_type}, số "),
                plain(or_blank(person.id_number)),
                plain(", cấp ngày "),
                plain(or_blank(issued)),
            ]
        ),
        kit.field("Nơi cấp", person.id_issuer),
        kit.field("Quan hệ với người được khai sinh", _text(data, "relation_to_child")),
    ]


def _child_lines(kit: Kit, dossier: Dossier) -> list[Block]:
    child = _party(dossier, "child")
    data = dossier.form_data
    born = child_birth_date(dossier)
    sex = child.sex.value if child is not None and child.sex is not None else ""
    return [
        kit.field("Họ, chữ đệm, tên", child.full_name if child else "", strong=True),
        kit.field("Ngày, tháng, năm sinh", short_date(born) if born else ""),
        kit.field("Ghi bằng chữ", date_in_words(born) if born else ""),
        kit.fields(
            ("Giới tính", sex),
            ("Dân tộc", _text(data, "ethnicity")),
            ("Quốc tịch", _text(data, "nationality")),
        ),
        kit.field("Nơi sinh", _text(data, "child_birth_place")),
        kit.field("Quê quán", _text(data, "home_town")),
    ]


def _heading(kit: Kit, text: str) -> Block:
    return kit.para(bold(text), space_before=kit.paper.leading * 0.4)


def render_declaration(
    office: Office,
    dossier: Dossier,
    *,
    paper: str = A4,
    template_set: str = DEFAULT_TEMPLATE_SET,
    issued_on: date | None = None,
    form: FormDefinition | None = None,
) -> bytes:
    """The birth registration declaration for the citizen to check and sign (A4 or A5).

    Dated the day the dossier was received unless ``issued_on`` says otherwise. ``form``:
    the birth registration form whose rules and printed lines apply (the shipped one by
    default).
    """
    form = form or get_form(FORM_NAME)
    kit = Kit(paper_for(paper, allowed=(A4, A5)), templates_for(template_set))
    copies = _int(dossier.form_data, "extract_copies") or 0
    if copies > 0:
        copies_text = f"Đề nghị cấp bản sao trích lục khai sinh: Có; số lượng: {count(copies)} bản"
    else:
        copies_text = "Đề nghị cấp bản sao trích lục khai sinh: Không"
    day = issued_on or office_day(dossier.received_at)
    blocks: list[Block] = [
        kit.motto_only(),
        kit.title(TITLE),
        kit.para([plain("Kính gửi: "), bold(office.agency_name)], align="center"),
        kit.gap(0.4),
        *_requester_lines(kit, dossier, form),
        _heading(kit, "Đề nghị cơ quan đăng ký khai sinh cho người dưới đây:"),
        *_child_lines(kit, dossier),
        _heading(kit, "Thông tin về người mẹ:"),
        *_parent_lines(kit, dossier, form, "mother", "người mẹ"),
        _heading(kit, "Thông tin về người cha:"),
        *_parent_lines(kit, dossier, form, "father", "người cha"),
        *([_marriage_line(kit, dossier)] if "marriage_registration" in form.printed_extras else []),
        kit.para(
            "Tôi cam đoan nội dung đề nghị đăng ký khai sinh trên đây là đúng sự thật, được sự "
            "thỏa thuận nhất trí của các bên liên quan theo quy định pháp luật. Tôi chịu hoàn "
            "toàn trách nhiệm trước pháp luật về nội dung cam đoan của mình.",
            space_before=kit.paper.leading * 0.4,
        ),
        kit.para(copies_text),
        kit.para(
            italic(f"Làm tại: {place_and_date(office.place_name, day)}"),
            align="right",
            space_before=kit.paper.leading * 0.4,
        ),
        kit.signatures(
            None,
            kit.signature(
                "NGƯỜI YÊU CẦU",
                name=dossier.applicant.full_name,
                note="(Ký, ghi rõ họ, chữ đệm, tên)",
            ),
        ),
    ]
    section = Section(
        blocks,
        corner_right=f"Mã hồ sơ: {dossier.code}",
        continued="Tờ khai đăng ký khai sinh (tiếp theo)",
    )
    metadata = Metadata(f"{TITLE} - {dossier.code}", office.agency_name, str(dossier.code))
    return render_pdf(kit.paper, [section], metadata)
