"""The search box on SQLite (FTS5) and PostgreSQL alike: newest received first whatever
order the dossiers were recorded in, a code's date-sequence part, the child's name, and a
blank query refused as a one-letter one is."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from desk.domain.calendar import OFFICE_TZ
from desk.domain.dossier import Dossier, IntakeRequest, Party, Person, ReceivedDocument
from desk.errors import InvalidInput
from desk.services import demo, intake, search
from desk.services.context import DeskContext
from desk.services.dossier_list import ListFilter, list_page
from desk.store import search as store_search
from tests.store.conftest import open_office

TODAY_9 = datetime(2026, 11, 30, 9, 0, tzinfo=OFFICE_TZ)
OCTOBER_9 = datetime(2026, 10, 5, 9, 0, tzinfo=OFFICE_TZ)


@pytest.fixture
def office(any_db_url: str, tmp_path: Path) -> Iterator[DeskContext]:
    ctx = open_office(any_db_url, tmp_path / "office")
    yield ctx
    ctx.close()


@pytest.fixture(params=["few matches", "many matches"])
def matches(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Both ways a name search reads: the few matches through the index (FTS5, or
    PostgreSQL's word indexes) sorted, or (as for a common name) the received-time index
    walked with the name as a filter."""
    if request.param == "many matches":
        monkeypatch.setattr(store_search, "EXACT_MATCHES", 0)
    return str(request.param)


def _birth(mother: str, child: str) -> IntakeRequest:
    return IntakeRequest(
        procedure_code="1.004873",
        applicant=Person(mother, id_number="025190123456", phone="0912345678"),
        parties=[Party("child", Person(child))],
        documents=[ReceivedDocument("Tờ khai", code="TK", originals=1)],
    )


def _receive(office: DeskContext, request: IntakeRequest, at: datetime) -> Dossier:
    return intake.receive_dossier(office, request, demo.demo_clerks(office)[0], at=at)


def _codes(office: DeskContext, query: str, **page: int) -> list[str]:
    return [str(s.code) for s in search.search(office, query, **page)]


def test_todays_dossier_comes_first_though_october_ones_were_recorded_after_it(
    office: DeskContext, matches: str
) -> None:
    today = _receive(office, _birth("Lê Thị Nhung", "Trần Minh Khôi"), TODAY_9)
    # Recorded later (a larger id), received in October: as a demo or an import does.
    october = [
        _receive(office, _birth("Phạm Hồng Nhung", "Vũ Gia Bảo"), OCTOBER_9 + timedelta(days=d))
        for d in range(5)
    ]
    expected = [str(today.code)] + [str(d.code) for d in reversed(october)]
    assert _codes(office, "nhung") == expected
    # Paged three at a time, the pages continue the same order with nothing twice.
    first = search.search(office, "nhung", limit=3)
    rest = search.search(office, "nhung", limit=3, before_id=first[-1].id)
    assert [str(s.code) for s in first + rest] == expected
    # The window's list reads the same order.
    page = list_page(office, ListFilter(text="nhung"), now=TODAY_9 + timedelta(hours=1))
    assert [str(s.code) for s in page.rows] == expected


def test_the_date_and_sequence_part_of_a_code_finds_the_dossier(office: DeskContext) -> None:
    for _ in range(11):
        found = _receive(office, _birth("Lê Thị Nhung", "Trần Minh Khôi"), TODAY_9)
    eleventh = str(found.code)
    assert eleventh.endswith("-261130-0011")
    assert _codes(office, "261130-0011") == [eleventh]
    assert _codes(office, "H56-261130-0011") == [eleventh]
    assert _codes(office, "261130-11") == [eleventh]
    assert _codes(office, "261130-0012") == []


def test_the_childs_name_finds_the_dossier(office: DeskContext, matches: str) -> None:
    dossier = _receive(office, _birth("Lê Thị Nhung", "Trần Minh Khôi"), TODAY_9)
    _receive(office, _birth("Hà Thị Mai", "Đỗ Văn Khoa"), TODAY_9 + timedelta(minutes=5))
    assert _codes(office, "tran minh khoi") == [str(dossier.code)]
    assert _codes(office, "Trần Minh") == [str(dossier.code)]
    assert _codes(office, "khôi") == [str(dossier.code)]
    assert _codes(office, "minh k") == [str(dossier.code)]


@pytest.mark.parametrize("query", ["", "   ", "n"])
def test_a_blank_or_one_letter_query_is_refused(office: DeskContext, query: str) -> None:
    with pytest.raises(InvalidInput, match="ít nhất 2 chữ cái"):
        search.search(office, query)


def _type(target: QWidget, text: str) -> None:
    """One key event per character, carrying its text (as a keyboard with Unikey sends)."""
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(target, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
def test_the_window_lists_today_first_and_says_when_nothing_matches(qtbot, ctx) -> None:
    from desk.ui.dossier_list import DossierListView

    today = _receive(ctx, _birth("Lê Thị Nhung", "Trần Minh Khôi"), TODAY_9)
    october = _receive(ctx, _birth("Phạm Hồng Nhung", "Vũ Gia Bảo"), OCTOBER_9)
    view = DossierListView(ctx)
    qtbot.addWidget(view)
    view.show()
    with qtbot.waitSignal(view.model.page_loaded, timeout=10_000):
        view.search.setFocus()
        _type(view.search, "nhung")
        view.apply_filter()
    qtbot.waitUntil(lambda: not view.model.loading, timeout=10_000)
    assert [view.model.code_at(r) for r in range(view.model.rowCount())] == [
        str(today.code),
        str(october.code),
    ]
    view.search.clear()
    with qtbot.waitSignal(view.model.page_loaded, timeout=10_000):
        _type(view.search, "xuyên")
        view.apply_filter()
    qtbot.waitUntil(lambda: not view.model.loading, timeout=10_000)
    assert view.model.rowCount() == 0
    assert view.info.text() == "Không tìm thấy hồ sơ nào khớp «xuyên»"
