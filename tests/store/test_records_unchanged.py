"""A recorded dossier keeps its people as given at intake: a later dossier, the registry of
known people, or anyone with a SQL prompt cannot rewrite them behind the desk's back."""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from desk.domain.calendar import OFFICE_TZ
from desk.domain.dossier import IntakeRequest, Person, ReceivedDocument
from desk.domain.identity import Sex
from desk.forms import form_output, get_form
from desk.services import demo, dossiers, intake, people
from desk.services.context import DeskContext
from desk.services.printing import render_dossier_form
from tests.store.conftest import open_office

MONDAY_9 = datetime(2026, 11, 16, 9, 0, tzinfo=OFFICE_TZ)
TUESDAY_10 = datetime(2026, 11, 17, 10, 0, tzinfo=OFFICE_TZ)
MOTHER_ID = "001195012345"


@pytest.fixture
def office(any_db_url: str, tmp_path: Path) -> Iterator[DeskContext]:
    ctx = open_office(any_db_url, tmp_path / "office")
    ctx.act_as(demo.demo_account(ctx, "quantri"))
    yield ctx
    ctx.close()


def _birth_declaration() -> IntakeRequest:
    """A father declares his son's birth; the mother is named with her ID number."""
    values = {
        "relation_to_child": "Cha",
        "requester_id_type": "Thẻ căn cước",
        "child": {"full_name": "Trần Gia Bảo", "birth_date": "05/11/2026", "sex": "Nam"},
        "ethnicity": "Kinh",
        "nationality": "Việt Nam",
        "child_birth_place": "Trạm Y tế xã Yên Lạc",
        "home_town": "Yên Lạc, Phú Thọ",
        "mother": {
            "id_number": MOTHER_ID,
            "full_name": "Nguyễn Thị Hoa",
            "birth_year": "1995",
            "address": "Thôn Đoài, xã Yên Lạc",
        },
        "mother_ethnicity": "Kinh",
        "mother_nationality": "Việt Nam",
        "father_ethnicity": "Kinh",
        "father_nationality": "Việt Nam",
        "extract_copies": "1",
    }
    output = form_output(get_form("birth_registration"), values, today=MONDAY_9.date())
    return IntakeRequest(
        procedure_code="1.001193",
        applicant=Person(
            "Trần Văn Nam",
            id_number="001093004567",
            birth_date=date(1993, 4, 2),
            sex=Sex.MALE,
            address="Thôn Đoài, xã Yên Lạc",
        ),
        documents=[ReceivedDocument("Giấy chứng sinh", code="GCS", originals=1)],
        parties=output.parties,
        form_data=output.form_data,
    )


def _declaration_text(ctx: DeskContext, code: str) -> str:
    pdf = render_dossier_form(ctx, "declaration", code)
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_a_later_dossier_with_the_same_id_number_leaves_the_declaration_as_recorded(
    office: DeskContext,
) -> None:
    """The finding: an extract-copy for «Lê Văn Khác» with the ID number of an earlier
    declaration's mother turned that mother into Lê Văn Khác on the reprinted declaration,
    with no event and no new revision."""
    clerk = demo.demo_clerks(office)[0]
    declared = intake.receive_dossier(office, _birth_declaration(), clerk, at=MONDAY_9)
    code = str(declared.code)
    before = dossiers.get_dossier(office, code)
    assert [p.person.full_name for p in before.parties if p.role == "mother"] == ["Nguyễn Thị Hoa"]
    printed_before = _declaration_text(office, code)
    assert "Nguyễn Thị Hoa" in printed_before

    extract = IntakeRequest(
        procedure_code="2.000635",
        applicant=Person(
            "Lê Văn Khác",
            id_number=MOTHER_ID,
            birth_date=date(1991, 6, 1),
            sex=Sex.MALE,
            phone="0987654321",
            address="Xóm Chợ, xã Yên Lạc",
        ),
        documents=[ReceivedDocument("Tờ khai", code="TK", originals=1)],
    )
    intake.receive_dossier(office, extract, clerk, at=TUESDAY_10)

    after = dossiers.get_dossier(office, code)
    mother = next(p.person for p in after.parties if p.role == "mother")
    assert mother.full_name == "Nguyễn Thị Hoa"
    assert mother.address == "Thôn Đoài, xã Yên Lạc" and mother.sex is None
    assert after.parties == before.parties
    assert after.revision == before.revision and after.events == before.events
    printed_after = _declaration_text(office, code)
    assert "Lê Văn Khác" not in printed_after
    assert printed_after == printed_before
    # The registry offers the newest details for the ID number at the next intake.
    known = people.known_person(office, MOTHER_ID)
    assert known is not None
    assert (known.full_name, known.sex, known.birth_date) == (
        "Lê Văn Khác",
        Sex.MALE,
        date(1991, 6, 1),
    )
    assert known.phone == "0987654321"


def test_the_registry_keeps_what_a_newer_record_leaves_empty(office: DeskContext) -> None:
    clerk = demo.demo_clerks(office)[0]
    intake.receive_dossier(office, _birth_declaration(), clerk, at=MONDAY_9)
    extract = IntakeRequest(
        procedure_code="2.000635",
        applicant=Person("Nguyễn Thị Hoa", id_number=MOTHER_ID, phone="0911222333"),
        documents=[ReceivedDocument("Tờ khai", code="TK", originals=1)],
    )
    intake.receive_dossier(office, extract, clerk, at=TUESDAY_10)
    known = people.known_person(office, MOTHER_ID)
    assert known is not None
    assert known.phone == "0911222333"  # the newer record's value
    assert known.address == "Thôn Đoài, xã Yên Lạc"  # kept: the newer record left it empty


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE people SET full_name = 'Lê Văn Khác' WHERE id_number = :id_number",
        "DELETE FROM people WHERE id_number = :id_number",
    ],
)
def test_the_database_refuses_to_change_a_recorded_person(
    office: DeskContext, statement: str
) -> None:
    clerk = demo.demo_clerks(office)[0]
    declared = intake.receive_dossier(office, _birth_declaration(), clerk, at=MONDAY_9)
    with pytest.raises(DBAPIError, match="append-only"), office.db.write() as session:
        session.execute(text(statement), {"id_number": MOTHER_ID})
    mother = next(
        p.person
        for p in dossiers.get_dossier(office, str(declared.code)).parties
        if p.role == "mother"
    )
    assert mother.full_name == "Nguyễn Thị Hoa"
