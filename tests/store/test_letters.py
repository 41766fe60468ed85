"""The Committee's letters (forms 04, 05) through the printing service, on SQLite and
PostgreSQL: the first print issues a numbered letter, a reprint keeps its number, a new
event gets a new number, each kind and year counts from 1, two desks never share one."""

from __future__ import annotations

import io
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from desk.domain.calendar import OFFICE_TZ
from desk.domain.dossier import IntakeRequest, Person, ReceivedDocument
from desk.domain.office import User
from desk.domain.status import Status
from desk.errors import InvalidInput
from desk.services import demo, dossiers, intake
from desk.services.context import DeskContext
from desk.services.printing import (
    FormDetails,
    dossier_letters,
    issued_letter,
    render_dossier_form,
)
from tests.store.conftest import open_office

MONDAY_9 = datetime(2026, 11, 16, 9, 0, tzinfo=OFFICE_TZ)
STOP_ASKED = FormDetails(citizen_requested=True)


@pytest.fixture
def office(any_db_url: str, tmp_path: Path) -> Iterator[DeskContext]:
    ctx = open_office(any_db_url, tmp_path / "office")
    yield ctx
    ctx.close()


def text_of(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def clerk_of(ctx: DeskContext) -> User:
    return demo.demo_clerks(ctx)[0]


def receive(ctx: DeskContext, name: str = "Đặng Thị Đào", at: datetime = MONDAY_9) -> str:
    request = IntakeRequest(
        procedure_code="1.004873",  # marital status: 3 working days, a fee
        applicant=Person(name, id_number="025190123456", address="Thôn Đông, xã Yên Lạc"),
        documents=[ReceivedDocument("Tờ khai", code="TK", originals=1)],
    )
    return str(intake.receive_dossier(ctx, request, clerk_of(ctx), at=at).code)


def stopped(ctx: DeskContext, name: str = "Phạm Văn Đức", at: datetime = MONDAY_9) -> str:
    code = receive(ctx, name, at)
    clerk = clerk_of(ctx)
    dossiers.change_status(ctx, code, Status.PROCESSING, clerk, at=at + timedelta(hours=1))
    dossiers.change_status(
        ctx, code, Status.STOPPED, clerk, note="Giấy tờ không hợp lệ", at=at + timedelta(hours=2)
    )
    return code


def rescheduled(ctx: DeskContext, code: str, new_due: datetime, at: datetime, **extra: Any) -> None:
    dossiers.reschedule(ctx, code, new_due, "Chờ kết quả xác minh", clerk_of(ctx), at=at, **extra)


def print_letter(
    ctx: DeskContext,
    form: str,
    code: str,
    details: FormDetails | None = None,
    now: datetime = MONDAY_9 + timedelta(days=1),
) -> str:
    pdf = render_dossier_form(ctx, form, code, details=details, now=now, issued_by=clerk_of(ctx))
    return text_of(pdf)


def test_the_first_print_issues_number_1_and_a_reprint_keeps_it(office: DeskContext) -> None:
    code = stopped(office)
    assert issued_letter(office, "stop", code) is None
    first = print_letter(office, "stop", code, STOP_ASKED)
    assert "Số: 01/TB-UBND" in first
    letter = issued_letter(office, "stop", code)
    assert letter is not None and letter.number == 1 and letter.year == 2026
    assert letter.issued_by_name == clerk_of(office).full_name
    assert letter.issued_by_user_id == clerk_of(office).id
    assert letter.detail["citizen_requested"] is True
    # Days later, another desk reprints it: same number, same date, same answer.
    again = print_letter(office, "stop", code, now=MONDAY_9 + timedelta(days=5))
    assert again == first
    assert len(dossier_letters(office, code)) == 1


def test_the_next_letter_of_the_year_gets_the_next_number(office: DeskContext) -> None:
    first, second = stopped(office, "Phạm Văn Đức"), stopped(office, "Lê Thị Hoa")
    assert "Số: 01/TB-UBND" in print_letter(office, "stop", first, STOP_ASKED)
    assert "Số: 02/TB-UBND" in print_letter(
        office, "stop", second, FormDetails(citizen_requested=False)
    )
    # The apology counts apart from the notices: its first is 1 too.
    late = receive(office, "Hoàng Thị Yến")
    rescheduled(
        office, late, datetime(2026, 11, 25, 17, 0, tzinfo=OFFICE_TZ), MONDAY_9 + timedelta(days=1)
    )
    assert "Số: 01/VB-UBND" in print_letter(office, "apology", late)


def test_a_new_year_starts_again_at_1(office: DeskContext) -> None:
    december = datetime(2026, 12, 28, 9, 0, tzinfo=OFFICE_TZ)
    old, new = stopped(office, "Phạm Văn Đức", december), stopped(office, "Lê Thị Hoa", december)
    assert "Số: 01/TB-UBND" in print_letter(office, "stop", old, STOP_ASKED, now=december)
    january = datetime(2027, 1, 4, 8, 0, tzinfo=OFFICE_TZ)
    text = print_letter(office, "stop", new, STOP_ASKED, now=january)
    assert "Số: 01/TB-UBND" in text and "ngày 04 tháng 01 năm 2027" in text
    letter = issued_letter(office, "stop", new)
    assert letter is not None and (letter.year, letter.number) == (2027, 1)


def test_a_second_new_due_time_is_a_new_letter_showing_every_date(office: DeskContext) -> None:
    code = receive(office, "Hoàng Thị Yến")
    rescheduled(
        office, code, datetime(2026, 11, 25, 17, 0, tzinfo=OFFICE_TZ), MONDAY_9 + timedelta(days=1)
    )
    first = print_letter(office, "apology", code)
    assert "Số: 01/VB-UBND" in first
    assert print_letter(office, "apology", code) == first  # a reprint, not a new letter
    rescheduled(
        office,
        code,
        datetime(2026, 11, 30, 17, 0, tzinfo=OFFICE_TZ),
        MONDAY_9 + timedelta(days=7),
        fault_reason="Cơ quan phối hợp chưa trả lời",
    )
    second = print_letter(office, "apology", code, now=MONDAY_9 + timedelta(days=7))
    assert "Số: 02/VB-UBND" in second
    for promised in (
        "Thời hạn trả kết quả theo quy định: 09 giờ 00 phút, ngày 19 tháng 11 năm 2026",
        "Thời hạn đã hẹn lại lần 1: 17 giờ 00 phút, ngày 25 tháng 11 năm 2026",
        "Thời hạn trả kết quả mới: 17 giờ 00 phút, ngày 30 tháng 11 năm 2026",
    ):
        assert promised in second
    assert [letter.number for letter in dossier_letters(office, code)] == [1, 2]


def test_a_new_due_time_given_late_still_prints(office: DeskContext) -> None:
    code = receive(office, "Hoàng Thị Yến")
    # Due Thursday 19/11 09:00; the new due time is recorded on Friday, after it passed.
    rescheduled(
        office,
        code,
        datetime(2026, 11, 27, 17, 0, tzinfo=OFFICE_TZ),
        datetime(2026, 11, 20, 10, 0, tzinfo=OFFICE_TZ),
        fault_reason="Quên ghi hẹn lại",
    )
    text = print_letter(
        office, "apology", code, now=datetime(2026, 11, 20, 10, 5, tzinfo=OFFICE_TZ)
    )
    assert "Số: 01/VB-UBND" in text
    assert "Thời hạn trả kết quả mới: 17 giờ 00 phút, ngày 27 tháng 11 năm 2026" in text


def test_the_stop_notice_needs_the_citizens_answer(office: DeskContext) -> None:
    code = stopped(office)
    with pytest.raises(InvalidInput) as caught:
        print_letter(office, "stop", code)
    assert caught.value.code == "print.citizen_requested"
    assert "theo đề nghị của công dân" in caught.value.message
    # Nothing was issued, and no number was spent: the next notice is still number 1.
    assert dossier_letters(office, code) == []
    text = print_letter(office, "stop", code, FormDetails(citizen_requested=False))
    assert "Số: 01/TB-UBND" in text
    assert "Dừng giải quyết theo đề nghị của công dân: Không" in text


def test_a_reprint_refuses_to_say_something_else(office: DeskContext) -> None:
    code = stopped(office)
    print_letter(office, "stop", code, STOP_ASKED)
    with pytest.raises(InvalidInput) as caught:
        print_letter(office, "stop", code, FormDetails(citizen_requested=False))
    assert caught.value.code == "print.reprint_differs"
    assert "Số: 01/TB-UBND" in caught.value.message
    # The same answer again is just a reprint.
    assert "Số: 01/TB-UBND" in print_letter(office, "stop", code, STOP_ASKED)


def test_the_signer_is_configured_and_kept_with_the_letter(office: DeskContext) -> None:
    office.config.letter_signer = "kt"
    office.config.letter_signer_name = "Nguyễn Văn Phó"
    code = stopped(office)
    text = print_letter(office, "stop", code, STOP_ASKED)
    assert "KT. CHỦ TỊCH PHÓ CHỦ TỊCH" in text and "Nguyễn Văn Phó" in text
    assert "TM. UBND" not in text
    # The office changes its setting later: the issued letter still reprints as signed.
    office.config.letter_signer = "tm"
    assert "KT. CHỦ TỊCH PHÓ CHỦ TỊCH" in print_letter(office, "stop", code)
    other = stopped(office, "Lê Thị Hoa")
    assert "TM. ỦY BAN NHÂN DÂN CHỦ TỊCH" in print_letter(
        office, "stop", other, FormDetails(citizen_requested=True, signer_name="Trần Chủ Tịch")
    )


def test_two_desks_printing_at_once_never_share_a_number(any_db_url: str, tmp_path: Path) -> None:
    """Three desks, each its own connection pool, print the notices of the same six
    dossiers at once: six letters numbered 1 to 6, one per dossier, every desk printing
    the number the dossier's letter got."""
    first = open_office(any_db_url, tmp_path / "desk-1")
    codes = [stopped(first, f"Công Dân {'ABCDEF'[index]}") for index in range(6)]
    desks = [first, *(open_office(any_db_url, tmp_path / f"desk-{n}") for n in (2, 3))]

    def print_all(ctx: DeskContext) -> dict[str, str]:
        found: dict[str, str] = {}
        for code in codes:
            text = print_letter(ctx, "stop", code, STOP_ASKED)
            found[code] = text.split("Số: ", 1)[1].split("/", 1)[0]
        return found

    try:
        with ThreadPoolExecutor(len(desks)) as pool:
            seen = list(pool.map(print_all, desks))
        assert seen[0] == seen[1] == seen[2]
        assert sorted(int(number) for number in seen[0].values()) == [1, 2, 3, 4, 5, 6]
        for code in codes:
            assert len(dossier_letters(first, code)) == 1
    finally:
        for ctx in desks:
            ctx.close()
