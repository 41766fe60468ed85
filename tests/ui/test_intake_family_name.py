"""The intake window shows the clerk a child whose family name is neither parent's: a
warning next to the child's name and among those to confirm, never a refusal."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from desk.domain.status import Status
from desk.ui.scanner import ScanListener
from tests.ui.test_intake import (
    MORNING,
    cell,
    choose_birth_registration,
    fill,
    make_view,
    tick,
)

pytestmark = pytest.mark.qt_log_ignore(
    r"This plugin does not support (raise\(\)|grabbing the keyboard|propagateSizeHints)"
)


@pytest.fixture
def listener(qapp):
    scanner = ScanListener(today=lambda: MORNING.date())
    qapp.installEventFilter(scanner)
    yield scanner
    qapp.removeEventFilter(scanner)


def fill_birth(qtbot, listener, view, child_name: str) -> None:
    """A complete birth registration; the names typed key by key, accents and all."""
    fill(
        qtbot,
        listener,
        view,
        {
            "applicant.id_number": "001195012345",
            "applicant.full_name": "Nguyễn Thị Hoa",
            "applicant.birth_date": "12/04/1995",
            "applicant.sex": "Nữ",
            "applicant.address": "Thôn Đoài, xã Yên Lạc, tỉnh Phú Thọ",
            "relation_to_child": "Mẹ",
            "child.full_name": child_name,
            "child.birth_date": "05/11/2026",
            "child.sex": "Nam",
            "ethnicity": "Kinh",
            "nationality": "Việt Nam",
            "child_birth_place": "Trạm Y tế xã Yên Lạc",
            # «Mẹ» filled the mother's block from the applicant: nothing to type there.
            "father.full_name": "Trần Văn Nam",
            "father.birth_year": "1993",
        },
    )
    mother = view.form_view.people["mother"].values()
    assert (mother["full_name"], mother["birth_year"]) == ("Nguyễn Thị Hoa", "1995")
    tick(view, "TK", "GCS", "GTTT")


def family_messages(view) -> list[str]:
    return [p.message for p in view.problems() if p.code == "rule.family_name"]


def test_the_clerk_sees_a_family_name_of_neither_parent_and_may_go_on(
    qtbot, ctx, clerk, listener
) -> None:
    view = make_view(qtbot, ctx, clerk)
    choose_birth_registration(qtbot, view, listener)
    fill_birth(qtbot, listener, view, "Lê Gia Bảo")
    view.revalidate()
    name_cell = cell(view, "child.full_name")
    qtbot.waitUntil(name_cell.message.isVisible)
    assert "Bộ luật Dân sự 2015, điều 26" in name_cell.message.text()
    assert [p for p in view.problems() if p.is_error] == []
    # Receiving asks the clerk to confirm the warning; confirmed, the dossier is received.
    view.receive()
    assert view.outcome.pages.currentIndex() == 1
    shown = [
        view.outcome.warnings_list.item(i).text() for i in range(view.outcome.warnings_list.count())
    ]
    assert any("họ của cha hay của mẹ" in text for text in shown)
    with qtbot.waitSignal(view.dossier_received, timeout=10_000) as received:
        qtbot.mouseClick(view.outcome.confirm_button, Qt.MouseButton.LeftButton)
    dossier = received.args[0]
    assert dossier.status is Status.RECEIVED
    assert {p.role: p.person.full_name for p in dossier.parties}["child"] == "Lê Gia Bảo"


def test_no_warning_when_the_child_has_the_mothers_family_name(qtbot, ctx, clerk, listener) -> None:
    view = make_view(qtbot, ctx, clerk)
    choose_birth_registration(qtbot, view, listener)
    fill_birth(qtbot, listener, view, "Nguyễn Gia Bảo")
    view.revalidate()
    assert family_messages(view) == []
    assert not cell(view, "child.full_name").message.isVisible()
