"""Domain objects for the printing tests, built directly (no database, no catalogue file)."""

from __future__ import annotations

import io
import os
import shutil
from dataclasses import replace
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

import pytest

from desk.domain.calendar import OFFICE_TZ, ProcessingTime
from desk.domain.catalogue import CopyKind, Procedure, RequiredDocument
from desk.domain.codes import DossierCode
from desk.domain.dossier import (
    ApplicantKind,
    Channel,
    Dossier,
    Party,
    Person,
    ReceivedDocument,
    ResultDelivery,
)
from desk.domain.fees import Fee, FeeRule
from desk.domain.identity import Sex
from desk.domain.office import Office
from desk.domain.status import Status, StatusEvent
from desk.services.demo import DEMO_OFFICE

AGENCY_ID = DEMO_OFFICE.agency_id

# Every tone mark on several vowels, đ/Đ, capitals with stacked marks: 60 characters.
LONG_NAME = "Nguyễn Hoàng Thị Ẩn Ấm Ầu Ẫy Ậm Ởi Ợt Ửng Ữu Đặng Ngọc Bảo Ý"
assert len(LONG_NAME) == 60, len(LONG_NAME)

LONG_ADDRESS = (
    "Số nhà 123, ngõ 45, ngách 67, hẻm 89 đường Nguyễn Thị Minh Khai, tổ dân phố số 12, "
    "khu phố Đông Thượng, thôn Ngọc Quỳnh, xã Yên Lạc, tỉnh Phú Thọ (gần chợ Đồng Xuân, "
    "đối diện trường tiểu học Yên Lạc A)"
)
assert len(LONG_ADDRESS) >= 200, len(LONG_ADDRESS)


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=OFFICE_TZ)


def make_office(**changes: Any) -> Office:
    """The demo office, its desk named as most communes name theirs."""
    return replace(DEMO_OFFICE, **{"unit_name": "BỘ PHẬN MỘT CỬA", **changes})


def birth_procedure() -> Procedure:
    return Procedure(
        code="1.001193",
        name="Đăng ký khai sinh",
        field_code="HT",
        field_name="Hộ tịch",
        processing=ProcessingTime(Decimal(0), time(15, 0)),
        extended=None,
        fee=FeeRule("free", "Lệ phí đăng ký khai sinh"),
        documents=(
            RequiredDocument("TK", "Tờ khai đăng ký khai sinh"),
            RequiredDocument("GCS", "Giấy chứng sinh", group="proof_of_birth"),
            RequiredDocument("GTTT", "Giấy tờ tùy thân", copy_kind=CopyKind.PHOTO),
        ),
        form="birth_registration",
    )


def marital_procedure() -> Procedure:
    return Procedure(
        code="1.004873",
        name="Xác nhận tình trạng hôn nhân",
        field_code="HT",
        field_name="Hộ tịch",
        processing=ProcessingTime(Decimal(3)),
        extended=ProcessingTime(Decimal(5)),
        fee=FeeRule("flat", "Lệ phí xác nhận tình trạng hôn nhân", amount=8000),
        documents=(RequiredDocument("TK", "Tờ khai cấp Giấy xác nhận tình trạng hôn nhân"),),
    )


def make_applicant(**changes: Any) -> Person:
    values: dict[str, Any] = {
        "full_name": "Trần Văn Bình",
        "id_number": "001090012345",
        "birth_date": date(1990, 3, 15),
        "sex": Sex.MALE,
        "address": "Thôn Đông, xã Yên Lạc, tỉnh Phú Thọ",
        "phone": "0912345678",
        "email": "binh.tran@example.vn",
        "id_issue_date": date(2022, 5, 10),
        "id_issuer": "Cục Cảnh sát quản lý hành chính về trật tự xã hội",
    }
    values.update(changes)
    return Person(**values)


RECEIVED_DAY = date(2026, 11, 23)  # a Monday


def make_dossier(procedure: Procedure | None = None, **changes: Any) -> Dossier:
    procedure = procedure or marital_procedure()
    received = at(RECEIVED_DAY, 9, 30)
    applicant = changes.pop("applicant", None) or make_applicant()
    values: dict[str, Any] = {
        "id": 1,
        "code": DossierCode(AGENCY_ID, RECEIVED_DAY, 7),
        "procedure_code": procedure.code,
        "procedure_name": procedure.name,
        "field_code": procedure.field_code,
        "field_name": procedure.field_name,
        "status": Status.RECEIVED,
        "revision": 1,
        "applicant": applicant,
        "applicant_kind": ApplicantKind.CITIZEN,
        "channel": Channel.IN_PERSON,
        "summary": "",
        "lead_unit": "Công chức Tư pháp - Hộ tịch",
        "sets_count": 1,
        "result_delivery": ResultDelivery.AT_DESK,
        "received_at": received,
        "due_at": at(date(2026, 11, 26), 9, 30),
        "clerk_name": "Lê Thị Hồng Nhung",
        "processing_days": "3",
        "documents": [
            ReceivedDocument("Tờ khai cấp Giấy xác nhận tình trạng hôn nhân", originals=1),
            ReceivedDocument("Căn cước công dân", photocopies=1),
            ReceivedDocument("Giấy chứng nhận kết hôn", certified_copies=2),
        ],
        "fees": [Fee("Lệ phí xác nhận tình trạng hôn nhân", 8000)],
        "events": [
            StatusEvent(received, None, Status.RECEIVED, "Lê Thị Hồng Nhung", note="Tiếp nhận")
        ],
    }
    values.update(changes)
    return Dossier(**values)


def birth_dossier(**changes: Any) -> Dossier:
    """A birth registration with the declaration's data filled in."""
    procedure = birth_procedure()
    mother = make_applicant(
        full_name="Phạm Thị Lụa",
        id_number="001195067890",
        birth_date=date(1995, 7, 4),
        sex=Sex.FEMALE,
        phone="",
        email="",
    )
    child = Person("Trần Phạm Minh Khôi", sex=Sex.MALE)
    values: dict[str, Any] = {
        "summary": "Đăng ký khai sinh cho cháu Trần Phạm Minh Khôi",
        "due_at": at(RECEIVED_DAY, 17, 0),
        "processing_days": "0",
        "fees": [],
        "documents": [
            ReceivedDocument("Tờ khai đăng ký khai sinh", originals=1),
            ReceivedDocument("Giấy chứng sinh", originals=1),
            ReceivedDocument("Giấy chứng nhận kết hôn của cha, mẹ", photocopies=1),
        ],
        "parties": [
            Party("child", child),
            Party("mother", mother),
            Party("father", make_applicant()),
        ],
        "form_data": {
            "child_birth_date": "2026-11-05",
            "child_birth_place": "Trạm Y tế xã Yên Lạc, tỉnh Phú Thọ",
            "ethnicity": "Kinh",
            "nationality": "Việt Nam",
            "home_town": "Xã Yên Lạc, tỉnh Phú Thọ",
            "relation_to_child": "Cha",
            "mother_ethnicity": "Kinh",
            "mother_nationality": "Việt Nam",
            "father_ethnicity": "Kinh",
            "father_nationality": "Việt Nam",
            "marriage_registration": {
                "number": "15",
                "book": "01/2024",
                "date": "2024-03-08",
                "place": "UBND xã Yên Lạc",
            },
            "extract_copies": 2,
        },
    }
    values.update(changes)
    return make_dossier(procedure, **values)


def with_documents(dossier: Dossier, count: int) -> Dossier:
    documents = [
        ReceivedDocument(
            f"Giấy tờ số {n}: bản sao giấy khai sinh của người thứ {n} trong hộ gia đình",
            originals=n % 2,
            certified_copies=(n + 1) % 2,
            photocopies=n % 3,
        )
        for n in range(1, count + 1)
    ]
    return replace(dossier, documents=documents)


# --- looking into the PDFs ----------------------------------------------------------------


def page_texts(pdf: bytes) -> list[str]:
    from pypdf import PdfReader

    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def flat(text: str) -> str:
    """Text without any white space: wrapped lines still match what was printed."""
    return "".join(text.split())


def contains(pdf_or_text: bytes | str, *expected: str) -> bool:
    text = "\n".join(page_texts(pdf_or_text)) if isinstance(pdf_or_text, bytes) else pdf_or_text
    return all(flat(item) in flat(text) for item in expected)


def missing(pdf: bytes, *expected: str) -> list[str]:
    text = flat("\n".join(page_texts(pdf)))
    return [item for item in expected if flat(item) not in text]


def require_binary(name: str) -> str:
    """The path of a system tool the test needs. Missing: a failure in CI, a skip locally."""
    path = shutil.which(name)
    if path is None:
        message = f"{name} is not installed (Debian: poppler-utils, zbar-tools)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return path
