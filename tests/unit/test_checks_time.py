"""The longer time when checks are needed: it replaces the normal time or is added to it,
per procedure, as catalogue data (DOMAIN §6)."""

from __future__ import annotations

from datetime import datetime, time
from decimal import Decimal
from typing import Any

import pytest

from desk.domain.calendar import OFFICE_TZ, ProcessingTime, WorkingCalendar
from desk.domain.catalogue import Catalogue, procedure_from_dict
from desk.domain.catalogue_file import catalogue_from_data, load_catalogue_file
from desk.domain.formats import processing_label
from desk.domain.intake import intake_terms
from desk.errors import CatalogueError
from desk.resources import CATALOGUE_FILE

CAL = WorkingCalendar()


def shipped_catalogue() -> Catalogue:
    return load_catalogue_file(CATALOGUE_FILE)


def at(y: int, mo: int, d: int, h: int = 0, mi: int = 0) -> datetime:
    return datetime(y, mo, d, h, mi, tzinfo=OFFICE_TZ)


def entry(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "code": "9.000001",
        "name": "Thủ tục thử",
        "processing_days": "0",
        "cutoff": "15:00",
    }
    data.update(changes)
    return data


def test_added_days_follow_the_same_day_rule_with_its_cutoff() -> None:
    procedure = procedure_from_dict(entry(extended_days="2", extended_mode="add"))
    assert procedure.extended == ProcessingTime(Decimal(0), time(15), added_days=Decimal(2))


def test_replacing_is_the_default() -> None:
    procedure = procedure_from_dict(entry(extended_days="5"))
    assert procedure.extended == ProcessingTime(Decimal(5))


def test_the_mode_survives_a_catalogue_export_and_import() -> None:
    added = procedure_from_dict(entry(extended_days="2", extended_mode="add"))
    replaced = procedure_from_dict(entry(code="9.000002", extended_days="5"))
    again = catalogue_from_data(Catalogue.from_procedures([added, replaced]).to_dict())
    assert again.get("9.000001").extended == added.extended
    assert again.get("9.000002").extended == replaced.extended


def test_an_unknown_mode_is_refused_with_the_two_allowed() -> None:
    with pytest.raises(CatalogueError, match=r"replace.*add"):
        procedure_from_dict(entry(extended_days="2", extended_mode="extend"))


def test_a_certified_copy_needing_checks_gets_two_days_after_the_same_day_time() -> None:
    # Received Mon 2/11/2026 15:56: after the cut-off → Tue 3/11 17:00, + 2 days → Thu 5/11.
    procedure = shipped_catalogue().get("2.000815")
    terms = intake_terms(CAL, procedure, at(2026, 11, 2, 15, 56), needs_checks=True)
    assert terms.due_at == at(2026, 11, 5, 17)
    assert terms.processing_label == "Trong ngày và thêm 2 ngày làm việc để xác minh"
    # Without checks the same-day rule alone: Tue 3/11 17:00.
    assert intake_terms(CAL, procedure, at(2026, 11, 2, 15, 56)).due_at == at(2026, 11, 3, 17)


@pytest.mark.parametrize(
    ("code", "received", "due"),
    [
        # Re-registration: 5 + 5 (verify) = 10 working days from Mon 9/3/2026 07:00 → the
        # tenth day ends Fri 20/3 17:00.
        ("1.004884", at(2026, 3, 9, 7), at(2026, 3, 20, 17)),
        # Correction: 3 + up to 3 (Luật Hộ tịch art. 28) from Mon 9/3 07:00 → Mon 16/3 17:00.
        ("1.004859", at(2026, 3, 9, 7), at(2026, 3, 16, 17)),
    ],
)
def test_re_registration_and_correction_carry_their_own_extension(
    code: str, received: datetime, due: datetime
) -> None:
    procedure = shipped_catalogue().get(code)
    assert procedure.extended is not None
    assert intake_terms(CAL, procedure, received, needs_checks=True).due_at == due


@pytest.mark.parametrize(
    ("processing", "label"),
    [
        (
            ProcessingTime(Decimal(0), time(15), added_days=Decimal(2)),
            "Trong ngày và thêm 2 ngày làm việc để xác minh",
        ),
        (
            ProcessingTime(Decimal(3), added_days=Decimal(3)),
            "3 ngày làm việc và thêm 3 ngày làm việc để xác minh",
        ),
        (
            ProcessingTime(Decimal("1.5"), added_days=Decimal("0.5")),
            "1,5 ngày làm việc và thêm 0,5 ngày làm việc để xác minh",
        ),
    ],
)
def test_the_label_says_the_added_days_in_words(processing: ProcessingTime, label: str) -> None:
    assert processing_label(processing) == label
