"""Receiving, moving and finding dossiers through the services, on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError, IntegrityError

from desk.domain.calendar import OFFICE_TZ
from desk.domain.dossier import IntakeRequest, Person, ReceivedDocument
from desk.domain.status import Status
from desk.errors import IllegalTransition, InvalidInput, NotFound
from desk.services import demo, dossiers, intake, search
from desk.services.context import DeskContext
from desk.sync.items import dossier_item
from tests.store.conftest import open_office

MONDAY_9 = datetime(2026, 11, 16, 9, 0, tzinfo=OFFICE_TZ)


@pytest.fixture
def office(any_db_url: str, tmp_path: Path) -> Iterator[DeskContext]:
    ctx = open_office(any_db_url, tmp_path / "office")
    yield ctx
    ctx.close()


def _request(code: str = "1.004873", name: str = "Đặng Thị Đào", **extra: Any) -> IntakeRequest:
    return IntakeRequest(
        procedure_code=code,
        applicant=Person(
            name, id_number="025190123456", phone="0912345678", address="Thôn Đông, xã Yên Lạc"
        ),
        documents=[ReceivedDocument("Tờ khai", code="TK", originals=1)],
        **extra,
    )


def test_receive_gives_the_day_sequence_due_time_fee_and_history(office: DeskContext) -> None:
    clerk = demo.demo_clerks(office)[0]
    first = intake.receive_dossier(office, _request(), clerk, at=MONDAY_9)
    second = intake.receive_dossier(office, _request(name="Trần Văn Bình"), clerk, at=MONDAY_9)
    assert str(first.code) == "000.17.22.H56-261116-0001"
    assert str(second.code) == "000.17.22.H56-261116-0002"
    # 3 working days from Monday 09:00 → Thursday 09:00.
    assert first.due_at == datetime(2026, 11, 19, 9, 0, tzinfo=OFFICE_TZ)
    stored = dossiers.get_dossier(office, str(first.code))
    assert stored.applicant.full_name == "Đặng Thị Đào"
    assert stored.status is Status.RECEIVED and stored.revision == 1
    assert [f.amount for f in stored.fees] == [3000]
    assert [e.to_status for e in stored.events] == [Status.RECEIVED]
    assert stored.documents[0].name == "Tờ khai"
    assert dossier_item(stored) == dossier_item(first)


def test_statuses_move_with_history_revision_and_outbox(office: DeskContext) -> None:
    clerk = demo.demo_clerks(office)[0]
    code = str(intake.receive_dossier(office, _request(), clerk, at=MONDAY_9).code)
    dossiers.change_status(office, code, Status.PROCESSING, clerk, at=MONDAY_9 + timedelta(hours=1))
    # Supplement asked Monday 10:00 … papers back Tuesday 10:00: 8 working hours of pause.
    dossiers.change_status(
        office,
        code,
        Status.SUPPLEMENT_REQUESTED,
        clerk,
        note="Thiếu giấy",
        at=MONDAY_9 + timedelta(hours=1, minutes=30),
    )
    paused = dossiers.get_dossier(office, code)
    assert paused.paused_at is not None and not paused.is_overdue(MONDAY_9 + timedelta(days=10))
    resumed = dossiers.change_status(
        office, code, Status.PROCESSING, clerk, at=MONDAY_9 + timedelta(days=1, hours=1, minutes=30)
    )
    assert resumed.due_at == datetime(2026, 11, 20, 9, 0, tzinfo=OFFICE_TZ)
    with pytest.raises(IllegalTransition, match="Đang xử lý"):
        dossiers.change_status(office, code, Status.RETURNED, clerk)
    ready = dossiers.change_status(
        office, code, Status.RESULT_READY, clerk, at=MONDAY_9 + timedelta(days=2)
    )
    returned = dossiers.change_status(
        office, code, Status.RETURNED, clerk, at=MONDAY_9 + timedelta(days=2, hours=1)
    )
    assert ready.finished_at == MONDAY_9 + timedelta(days=2)
    assert returned.revision == 6 and returned.status is Status.RETURNED
    stored = dossiers.get_dossier(office, code)
    assert [e.to_status for e in stored.events] == [
        Status.RECEIVED,
        Status.PROCESSING,
        Status.SUPPLEMENT_REQUESTED,
        Status.PROCESSING,
        Status.RESULT_READY,
        Status.RETURNED,
    ]
    assert stored.events[2].note == "Thiếu giấy"
    with office.db.read() as session:
        outbox = session.execute(text("SELECT revision FROM outbox")).scalar_one()
    assert outbox == 6
    with pytest.raises(IllegalTransition, match="trạng thái cuối"):
        dossiers.change_status(office, code, Status.PROCESSING, clerk)


def test_history_cannot_be_rewritten_even_with_sql(office: DeskContext) -> None:
    clerk = demo.demo_clerks(office)[0]
    intake.receive_dossier(office, _request(), clerk, at=MONDAY_9)
    with pytest.raises((IntegrityError, DBAPIError)), office.db.write() as session:
        session.execute(text("UPDATE status_events SET note = 'sửa'"))
    with pytest.raises((IntegrityError, DBAPIError)), office.db.write() as session:
        session.execute(text("DELETE FROM status_events"))


def test_reschedule_keeps_the_original_due_time_for_the_verdict(office: DeskContext) -> None:
    clerk = demo.demo_clerks(office)[0]
    code = str(intake.receive_dossier(office, _request(), clerk, at=MONDAY_9).code)
    new_due = datetime(2026, 11, 25, 17, 0, tzinfo=OFFICE_TZ)
    with pytest.raises(InvalidInput):
        dossiers.reschedule(office, code, new_due, "", clerk)
    later = dossiers.reschedule(
        office,
        code,
        new_due,
        "Chờ xác minh",
        clerk,
        at=datetime(2026, 11, 19, 10, 0, tzinfo=OFFICE_TZ),
        fault_reason="Quên gửi văn bản xin lỗi trước hạn",  # after the due time: a fault
    )
    assert later.rescheduled_due_at == new_due
    assert [fault.reason for fault in later.office_faults()] == [
        "Quên gửi văn bản xin lỗi trước hạn"
    ]
    assert later.due_at == datetime(2026, 11, 19, 9, 0, tzinfo=OFFICE_TZ)
    assert later.is_overdue(datetime(2026, 11, 19, 10, 0, tzinfo=OFFICE_TZ))
    assert dossier_item(later)["NgayHenTra"] == "20261125170000"


def test_refusal_at_intake_and_bad_input(office: DeskContext) -> None:
    clerk = demo.demo_clerks(office)[0]
    refused = intake.receive_dossier(
        office, _request(), clerk, at=MONDAY_9, refusal_reason="Không thuộc thẩm quyền"
    )
    assert refused.status is Status.REFUSED and refused.fees == []
    with pytest.raises(InvalidInput, match="12 chữ số"):
        intake.receive_dossier(
            office, IntakeRequest("1.004873", Person("A", id_number="123")), clerk
        )
    with pytest.raises(InvalidInput, match="họ tên"):
        intake.receive_dossier(office, IntakeRequest("1.004873", Person("  ")), clerk)
    with pytest.raises(NotFound, match=r"9\.999999"):
        intake.receive_dossier(office, IntakeRequest("9.999999", Person("Lê An")), clerk)
    # Nothing half-written by the refused attempts: only the refusal got a number.
    with office.db.read() as session:
        assert session.execute(text("SELECT count(*) FROM dossiers")).scalar_one() == 1


def test_search_by_code_id_phone_and_folded_name(office: DeskContext) -> None:
    clerk = demo.demo_clerks(office)[0]
    names = ["Đặng Thị Đào", "Nguyễn Văn Đức", "Nguyễn Thị Hoa", "Trần Đình Dũng"]
    received = [
        intake.receive_dossier(office, _request(name=n), clerk, at=MONDAY_9 + timedelta(minutes=i))
        for i, n in enumerate(names)
    ]

    def found(query: str) -> list[str]:
        return [s.applicant_name for s in search.search(office, query)]

    assert found("dao") == ["Đặng Thị Đào"]
    assert found("DANG thi") == ["Đặng Thị Đào"]
    assert found("nguyễn") == ["Nguyễn Thị Hoa", "Nguyễn Văn Đức"]  # newest first
    assert found("ngu d") == ["Nguyễn Văn Đức"]
    assert found("tran d") == ["Trần Đình Dũng"]  # a one-letter word filters the others
    assert found("nguyen t h") == ["Nguyễn Thị Hoa"]
    assert found("dung") == ["Trần Đình Dũng"]
    assert found("xyz") == []
    assert len(found("0912345")) == 4
    assert len(found("025190123456")) == 4
    code = str(received[1].code)
    assert found(code.lower()) == ["Nguyễn Văn Đức"]
    with pytest.raises(InvalidInput, match="ít nhất"):
        search.search(office, "n")
    first_page = search.search(office, "nguyen", limit=1)
    rest = search.search(office, "nguyen", limit=1, before_id=first_page[-1].id)
    assert [s.id for s in first_page + rest] == [received[2].id, received[1].id]


def test_each_dossier_records_its_people_and_the_registry_knows_them_once(
    office: DeskContext,
) -> None:
    """Two dossiers for one citizen: each keeps the person as it recorded them (a row of
    its own), and the registry of known people has one entry with the newest details."""
    clerk = demo.demo_clerks(office)[0]
    first = intake.receive_dossier(office, _request(), clerk, at=MONDAY_9)
    moved = Person("Đặng Thị Đào", id_number="025190123456", phone="0912345678", address="Xóm Mới")
    second = intake.receive_dossier(
        office, replace(_request(), applicant=moved), clerk, at=MONDAY_9 + timedelta(hours=1)
    )
    with office.db.read() as session:
        recorded = session.execute(
            text(
                "SELECT d.code, p.address FROM dossiers d "
                "JOIN people p ON p.id = d.applicant_person_id ORDER BY d.id"
            )
        ).all()
        known = session.execute(
            text("SELECT address FROM known_people WHERE id_number = '025190123456'")
        ).all()
    assert [tuple(r) for r in recorded] == [
        (str(first.code), "Thôn Đông, xã Yên Lạc"),
        (str(second.code), "Xóm Mới"),
    ]
    assert [tuple(r) for r in known] == [("Xóm Mới",)]


def test_supplement_guidance_for_a_walk_in_records_nothing(office: DeskContext) -> None:
    import io

    from pypdf import PdfReader

    from desk.printing.notices import SupplementRequest
    from desk.services.printing import render_intake_supplement

    clerk = demo.demo_clerks(office)[0]
    pdf = render_intake_supplement(
        office,
        _request(),
        SupplementRequest(
            ["Bản sao giấy khai sinh"], "Thiếu giấy tờ chứng minh", guide_name="Hương"
        ),
        clerk,
        at=MONDAY_9,
    )
    text_of_pdf = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "Đặng Thị Đào" in text_of_pdf and "Bản sao giấy khai sinh" in text_of_pdf
    assert "Mã hồ sơ" not in text_of_pdf and "9999" not in text_of_pdf
    with office.db.read() as session:
        assert session.execute(text("SELECT count(*) FROM dossiers")).scalar_one() == 0
        assert session.execute(text("SELECT count(*) FROM daily_counters")).scalar_one() == 0
