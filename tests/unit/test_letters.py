"""Forms 04 and 05 are letters of the commune People's Committee (DOMAIN §4): its name in
full, a number line, its head's signature as configured; every promised date; whether
the citizen asked for the stop. Read back from the PDF."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from typing import Any

import pytest

from desk.domain.dossier import RESCHEDULE, Dossier
from desk.domain.fees import Fee
from desk.domain.identity import Sex
from desk.domain.letters import (
    SIGNERS,
    answered_event,
    committee_header,
    committee_name,
    commune_unit,
    promised_due_times,
    signer_for,
)
from desk.domain.status import Status, StatusEvent
from desk.errors import InvalidInput
from desk.printing import Apology, StopNotice, render_apology, render_stop
from tests.unit.printing_factories import at, contains, make_dossier, make_office, page_texts

DAY = date(2026, 11, 26)
NEW_DUE = at(date(2026, 12, 1), 16, 0)


def text_of(pdf: bytes) -> str:
    return " ".join(" ".join(page.split()) for page in page_texts(pdf))


def apology(**changes: Any) -> bytes:
    letter = Apology("Cần xác minh thêm.", NEW_DUE, signer_name="Hoàng Văn Quyết", number=12)
    return render_apology(make_office(), make_dossier(), replace(letter, **changes), issued_on=DAY)


def stop(**changes: Any) -> bytes:
    notice = StopNotice(
        "Người yêu cầu không bổ sung hồ sơ.",
        [Fee("Lệ phí xác nhận tình trạng hôn nhân", 8000)],
        citizen_requested=False,
        signer_name="Hoàng Văn Quyết",
        number=3,
    )
    return render_stop(make_office(), make_dossier(), replace(notice, **changes), issued_on=DAY)


# --- the Committee's name ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("commune", "agency", "expected"),
    [
        ("Xã Yên Lạc", "UBND XÃ YÊN LẠC", ("ỦY BAN NHÂN DÂN", "XÃ YÊN LẠC")),
        ("Phường Ba Đình", "UBND PHƯỜNG BA ĐÌNH", ("ỦY BAN NHÂN DÂN", "PHƯỜNG BA ĐÌNH")),
        ("phường  Hà Đông", "", ("ỦY BAN NHÂN DÂN", "PHƯỜNG HÀ ĐÔNG")),
        ("Đặc khu Phú Quốc", "", ("ỦY BAN NHÂN DÂN", "ĐẶC KHU PHÚ QUỐC")),
        # The commune typed without its kind: the agency's name says which it is.
        ("Yên Lạc", "UBND XÃ YÊN LẠC", ("ỦY BAN NHÂN DÂN", "XÃ YÊN LẠC")),
        ("Ba Đình", "Ủy ban nhân dân phường Ba Đình", ("ỦY BAN NHÂN DÂN", "PHƯỜNG BA ĐÌNH")),
    ],
)
def test_the_committee_is_named_in_full_from_the_commune(
    commune: str, agency: str, expected: tuple[str, str]
) -> None:
    assert committee_header(commune, agency) == expected


def test_the_committee_in_a_sentence() -> None:
    assert committee_name("Xã Yên Lạc") == "Ủy ban nhân dân xã Yên Lạc"
    assert committee_name("Phường Ba Đình") == "Ủy ban nhân dân phường Ba Đình"


def test_a_commune_of_unknown_kind_is_not_guessed() -> None:
    with pytest.raises(InvalidInput) as caught:
        commune_unit("Yên Lạc", "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG")
    assert caught.value.code == "office.commune"
    assert "xã hay phường" in caught.value.message


# --- header, number, signature (the defects: the centre's header, no number, "TM. UBND XÃ") --


@pytest.mark.parametrize(
    ("render", "number_line"), [(apology, "Số: 12/VB-UBND"), (stop, "Số: 03/TB-UBND")]
)
def test_letters_carry_the_committees_header_and_number(render, number_line: str) -> None:
    text = text_of(render())
    head = text.split("CỘNG HÒA", 1)[0]
    assert "ỦY BAN NHÂN DÂN XÃ YÊN LẠC" in head
    assert number_line in head
    assert "BỘ PHẬN MỘT CỬA" not in text
    assert "UBND XÃ YÊN LẠC" not in text
    assert "Yên Lạc, ngày 26 tháng 11 năm 2026" in text


@pytest.mark.parametrize("render", [apology, stop])
def test_the_chairman_signs_for_the_committee(render) -> None:
    text = text_of(render())
    assert "TM. ỦY BAN NHÂN DÂN CHỦ TỊCH" in text
    assert "TM. UBND" not in text
    assert "Hoàng Văn Quyết" in text


@pytest.mark.parametrize("render", [apology, stop])
def test_a_vice_chairman_signs_on_the_chairmans_behalf(render) -> None:
    text = text_of(render(signer="kt", signer_name="Lê Văn Phó"))
    assert "KT. CHỦ TỊCH PHÓ CHỦ TỊCH" in text and "Lê Văn Phó" in text
    assert "TM. " not in text


def test_a_sample_leaves_the_number_to_write_by_hand() -> None:
    text = text_of(apology(number=None))
    assert "/VB-UBND" in text and "Số: 12" not in text


def test_signers_are_data_and_an_unknown_one_is_refused() -> None:
    assert signer_for("KT") is SIGNERS["kt"]
    with pytest.raises(InvalidInput) as caught:
        signer_for("chu-tich")
    assert caught.value.code == "letter.signer"


def test_the_2018_set_numbers_its_letters_too() -> None:
    pdf = render_apology(
        make_office(), make_dossier(), Apology("Lý do.", NEW_DUE, number=4), template_set="2018"
    )
    assert contains(pdf, "Số: 04/VB-UBND") and contains(pdf, "PHIẾU XIN LỖI")


# --- the stop notice: did the citizen ask for it? ----------------------------------------


@pytest.mark.parametrize(("asked", "shown"), [(True, "Có"), (False, "Không")])
def test_the_stop_notice_says_whether_the_citizen_asked(asked: bool, shown: str) -> None:
    text = text_of(stop(citizen_requested=asked))
    assert f"Dừng giải quyết theo đề nghị của công dân: {shown}" in text


def test_the_stop_notice_is_not_printed_unanswered() -> None:
    with pytest.raises(InvalidInput) as caught:
        stop(citizen_requested=None)
    assert caught.value.field == "citizen_requested"


# --- the apology: every promised date -----------------------------------------------------


def rescheduled(dossier: Dossier, *new_dues: datetime) -> Dossier:
    events = list(dossier.events)
    for index, new_due in enumerate(new_dues):
        events.append(
            StatusEvent(
                at=at(date(2026, 11, 25 + index), 10, 0),
                from_status=Status.PROCESSING,
                to_status=Status.PROCESSING,
                actor_name="Lê Thị Hồng Nhung",
                detail={"kind": RESCHEDULE, "new_due_at": new_due.isoformat(), "reason": "X"},
                revision=10 + index,
            )
        )
    return replace(
        dossier, status=Status.PROCESSING, events=events, rescheduled_due_at=new_dues[-1]
    )


def test_every_promised_date_is_on_record_in_order() -> None:
    dossier = make_dossier()
    first, second, third = at(date(2026, 11, 27), 16, 0), at(date(2026, 11, 30), 16, 0), NEW_DUE
    later = rescheduled(dossier, first, second, third)
    assert promised_due_times(later) == [dossier.due_at, first, second, third]
    event = answered_event(later, "apology")
    assert event is not None and event.revision == 12


def test_the_apology_prints_every_promised_date() -> None:
    dossier = make_dossier()
    first, second = at(date(2026, 11, 27), 16, 0), at(date(2026, 11, 30), 16, 0)
    text = text_of(apology(earlier_due_times=[dossier.due_at, first, second]))
    for line in (
        "Thời hạn trả kết quả theo quy định: 09 giờ 30 phút, ngày 26 tháng 11 năm 2026",
        "Thời hạn đã hẹn lại lần 1: 16 giờ 00 phút, ngày 27 tháng 11 năm 2026",
        "Thời hạn đã hẹn lại lần 2: 16 giờ 00 phút, ngày 30 tháng 11 năm 2026",
        "Thời hạn trả kết quả mới: 16 giờ 00 phút, ngày 01 tháng 12 năm 2026",
    ):
        assert line in text


# --- how the letters address the citizen ------------------------------------------------


@pytest.mark.parametrize(
    ("sex", "addressed", "in_a_sentence"),
    [(Sex.FEMALE, "Kính gửi: Bà", "xin lỗi bà"), (Sex.MALE, "Kính gửi: Ông", "xin lỗi ông")],
)
def test_the_letters_address_the_citizen_by_sex(
    sex: Sex, addressed: str, in_a_sentence: str
) -> None:
    dossier = make_dossier()
    dossier.applicant.sex = sex
    office = make_office()
    letter = Apology("Cần xác minh thêm.", NEW_DUE, signer_name="Hoàng Văn Quyết", number=12)
    apology_text = text_of(render_apology(office, dossier, letter, issued_on=DAY))
    notice = StopNotice("Người yêu cầu rút.", (), citizen_requested=True, number=3)
    stop_text = text_of(render_stop(office, dossier, notice, issued_on=DAY))
    assert addressed in apology_text and in_a_sentence in apology_text
    assert addressed in stop_text
    assert "Ông (Bà)" not in apology_text + stop_text
    assert "ông (bà)" not in apology_text + stop_text


def test_a_citizen_of_unknown_sex_is_addressed_as_ong_ba() -> None:
    dossier = make_dossier()
    dossier.applicant.sex = None
    assert "Kính gửi: Ông (Bà)" in text_of(
        render_apology(make_office(), dossier, Apology("Chậm.", NEW_DUE, number=1), issued_on=DAY)
    )
