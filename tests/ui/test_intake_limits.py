"""The intake screen asks the same declarations as the services: a pasted novel, escape
codes or foreign digits get, under the field, the words the command line prints, and what
the clerk pasted stays in the field for her to correct."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import QApplication

from desk.domain.dossier import IntakeRequest, Person
from desk.errors import InvalidInput
from desk.forms.validation import PART_LIMITS
from desk.services import intake
from tests.ui.test_intake import cell, choose_birth_registration, fill, listener, make_view

__all__ = ["listener"]  # the fixture, used by name

pytestmark = pytest.mark.qt_log_ignore(
    r"This plugin does not support (raise\(\)|grabbing the keyboard|propagateSizeHints)"
)


def _paste(view, key: str, text: str) -> None:
    """What a paste does: the whole text arrives at once, then the clerk moves on."""
    editor = cell(view, key).editor
    editor.setFocus()
    editor.insert(text)
    QApplication.processEvents()


def _service_message(**person: Any) -> str:
    with pytest.raises(InvalidInput) as refused:
        intake.validate_request(IntakeRequest("1.001193", Person(**person)))
    return refused.value.message


@pytest.mark.parametrize(
    ("key", "pasted", "person"),
    [
        ("applicant.full_name", "Nguyễn " * 1500, {"full_name": "Nguyễn " * 1500}),
        (
            "applicant.id_number",
            "٠٢٥١٩٠١٢٣٤٥٦",
            {"full_name": "Lê Văn Tám", "id_number": "٠٢٥١٩٠١٢٣٤٥٦"},
        ),
        (
            "applicant.address",
            "x" * 10_000,
            {"full_name": "Lê Văn Tám", "address": "x" * 10_000},
        ),
    ],
    ids=["long name", "arabic digits", "long address"],
)
def test_a_pasted_bad_value_gets_the_services_message_and_stays_in_the_field(
    qtbot, ctx, clerk, listener, key: str, pasted: str, person: dict[str, str]
) -> None:
    view = make_view(qtbot, ctx, clerk)
    choose_birth_registration(qtbot, view, listener)
    if key != "applicant.full_name":
        fill(qtbot, listener, view, {"applicant.full_name": "Le Van Tam"})
    _paste(view, key, pasted)
    with qtbot.assertNotEmitted(view.dossier_received, wait=100):
        view.receive()
    kept = cell(view, key).editor.text()
    # The field keeps what was pasted (up to a few times the limit: the widget's own
    # bound, so a pasted file cannot freeze the screen), for the clerk to correct.
    attribute = key.partition(".")[2]
    assert pasted.startswith(kept)
    assert kept == pasted or len(kept) > PART_LIMITS[attribute].max_length
    assert cell(view, key).message.text() == _service_message(**{**person, attribute: kept})
