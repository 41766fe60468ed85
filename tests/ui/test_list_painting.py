"""The dossier list as the clerk sees it: its cells painted from cached text layouts look
exactly as Qt's own painting of them (overdue colours, bold codes, elided names, the
selected row), and pages go in as the clerk scrolls without repainting what is shown."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from PySide6.QtCore import QEvent, QModelIndex, QObject, QPoint
from PySide6.QtGui import QColor, QFont, QFontDatabase, QFontMetrics, QImage
from PySide6.QtWidgets import QApplication, QStyledItemDelegate

from desk.domain.calendar import now_in_office
from desk.domain.dossier import DossierSummary
from desk.domain.status import Status
from desk.resources import RESOURCES
from desk.services.dossier_list import ListFilter, ListPage
from desk.ui.dossier_list import DossierListView
from desk.ui.dossier_model import COL_APPLICANT, COL_CODE, COL_PROCEDURE, DossierTableModel
from desk.ui.list_delegate import CachedTextDelegate
from desk.ui.ops import Operation
from desk.ui.style import APP_STYLE, DANGER, DANGER_BG

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

LONG_NAME = "Tôn Nữ Hoàng Thị Phương Thảo Nguyên Khánh Linh Đan"
STATUSES = (Status.RECEIVED, Status.PROCESSING, Status.RESULT_READY, Status.STOPPED)


def _summary(number: int) -> DossierSummary:
    now = now_in_office()
    return DossierSummary(
        id=number,
        code=f"000.17.22.H56-261120-{number:04d}",
        procedure_code="1.001193",
        procedure_name="Cấp bản sao trích lục hộ tịch, chứng thực chữ ký người dịch",
        applicant_name=LONG_NAME if number % 3 == 0 else f"Nguyễn Văn {number}",
        applicant_phone="0912345678",
        status=STATUSES[number % len(STATUSES)],
        received_at=now - timedelta(days=5),
        due_at=now + timedelta(days=-1 if number % 4 == 0 else 3),  # every fourth overdue
        rescheduled_due_at=None,
        paused_at=None,
        clerk_name="Nguyễn Thị Hương",
    )


class Office:
    """Dossiers newest first in pages of 100, as the keyset query gives them; counts the
    pages read and can hold one back or fail one."""

    def __init__(self, total: int = 1_000, page: int = 100):
        self.total = total
        self.page = page
        self.asked: list[int | None] = []
        self.gate: threading.Event | None = None
        self.fail_from: int | None = None

    def __call__(self, chosen: ListFilter, before: int | None) -> ListPage:
        self.asked.append(before)
        if self.gate is not None:
            self.gate.wait(5)
        if self.fail_from is not None and len(self.asked) >= self.fail_from:
            raise OSError("disk")
        top = self.total if before is None else before - 1
        rows = [_summary(i) for i in range(top, max(0, top - self.page), -1)]
        more = len(rows) == self.page and rows[-1].id > 1
        return ListPage(rows, rows[-1].id if more else None)


@pytest.fixture
def noto() -> QFont:
    """The desk's bundled font, as the desk loads it (offscreen Qt has no system fonts)."""
    family = ""
    for name in ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf"):
        font_id = QFontDatabase.addApplicationFont(str(RESOURCES / "fonts" / name))
        family = QFontDatabase.applicationFontFamilies(font_id)[0]
    return QFont(family, 10)


def _list_at_a_desks_size(qtbot, ctx, noto: QFont, office: Office) -> DossierListView:
    """The list screen on ``office``'s pages, with the desk's style sheet and font, shown at
    a desk's size."""
    view = DossierListView(ctx, model=DossierTableModel(loader=office))
    qtbot.addWidget(view)
    view.setStyleSheet(APP_STYLE)
    view.setFont(noto)
    view.resize(1200, 700)
    view.show()
    return view


@pytest.fixture
def shown_list(qtbot, ctx, noto):
    """The list screen at a desk's size, with the desk's style sheet and font, its first
    page in."""
    office = Office()
    view = _list_at_a_desks_size(qtbot, ctx, noto, office)
    with qtbot.waitSignal(view.model.page_loaded, timeout=5000):
        view.ensure_loaded()
    # The next page read ahead.
    qtbot.waitUntil(lambda: len(office.asked) == 2 and not Operation.running(), timeout=5000)
    return view, office


def _painted(view: DossierListView) -> QImage:
    """The rows as a paint of the whole table draws them now."""
    return view.table.viewport().grab().toImage()


def _on_screen(view: DossierListView) -> QImage:
    """What the screen shows of the rows (the window's pixels, not a new paint)."""
    viewport = view.table.viewport()
    corner = viewport.mapTo(viewport.window(), QPoint(0, 0))
    screen = QApplication.primaryScreen()
    shot = screen.grabWindow(
        viewport.window().winId(), corner.x(), corner.y(), viewport.width(), viewport.height()
    )
    return shot.toImage()


def _reach_the_end(qtbot, view: DossierListView) -> None:
    """The clerk drags the scroll bar to its end, once the view has laid out its rows (the
    bar moves a row a step: its range is the rows less those that fit on screen)."""
    bar = view.table.verticalScrollBar()
    fits = view.table.viewport().height() // view.table.rowHeight(0)
    qtbot.waitUntil(lambda: bar.maximum() == view.model.rowCount() - fits, timeout=5000)
    bar.setValue(bar.maximum())


def _as_qt_paints_it(view: DossierListView) -> QImage:
    table = view.table
    ours = table.itemDelegate()
    table.setItemDelegate(QStyledItemDelegate(table))
    image = _painted(view)
    table.setItemDelegate(ours)
    return image


def _cell_pixel(view: DossierListView, row: int, column: int, from_right: int = 4) -> QColor:
    rect = view.table.visualRect(view.model.index(row, column))
    image = _painted(view)
    return image.pixelColor(rect.right() - from_right, rect.center().y())


def test_the_list_looks_exactly_as_qt_paints_it(shown_list, noto) -> None:
    view, _office = shown_list
    table = view.table
    assert isinstance(table.itemDelegate(), CachedTextDelegate)
    name_room = table.columnWidth(COL_APPLICANT)
    assert QFontMetrics(noto).horizontalAdvance(LONG_NAME) > name_room  # some names elided
    table.selectRow(2)
    table.setCurrentIndex(view.model.index(2, COL_PROCEDURE))
    expected = _as_qt_paints_it(view)
    # The first paint draws each text from its layout, later ones from static texts.
    for _ in range(3):
        got = _painted(view)
        assert got == expected
    table.verticalScrollBar().setValue(37)  # other rows, some laid out for the first time
    expected = _as_qt_paints_it(view)
    assert _painted(view) == expected


def test_an_overdue_row_is_painted_in_the_danger_colours(shown_list) -> None:
    view, _office = shown_list
    model = view.model
    overdue = next(r for r in range(20) if model.summary_at(r).id % 4 == 0)
    normal = next(r for r in range(20) if model.summary_at(r).id % 4 != 0)
    assert _cell_pixel(view, overdue, COL_APPLICANT) == QColor(DANGER_BG)
    assert _cell_pixel(view, normal, COL_APPLICANT) != QColor(DANGER_BG)
    image = _painted(view)
    rect = view.table.visualRect(model.index(overdue, COL_CODE))
    inks = {
        image.pixelColor(x, y).name()
        for x in range(rect.left(), rect.right())
        for y in range(rect.top(), rect.bottom())
    }
    assert DANGER in inks  # the code is written in red


def test_the_selected_row_is_highlighted(shown_list) -> None:
    view, _office = shown_list
    view.table.selectRow(1)
    assert _cell_pixel(view, 1, COL_APPLICANT, from_right=2) == QColor("#f0d9c0")
    assert _cell_pixel(view, 3, COL_APPLICANT, from_right=2) != QColor("#f0d9c0")


class _Paints(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


def test_pages_go_in_as_the_clerk_scrolls_and_the_next_is_read_ahead(qtbot, shown_list) -> None:
    view, office = shown_list
    model = view.model
    assert model.rowCount() == 100
    assert office.asked == [None, 901]  # the first page, and the next one read ahead
    for page in range(2, 5):
        _reach_the_end(qtbot, view)  # the page read ahead goes in at once
        assert model.rowCount() == 100 * page
        qtbot.waitUntil(
            lambda page=page: len(office.asked) == page + 1 and not Operation.running(),
            timeout=5000,
        )
    assert office.asked[-1] == 1_000 - 400 + 1
    assert view.info.text() == "400 hồ sơ đầu tiên; cuộn xuống để xem thêm."


def test_a_page_not_read_yet_goes_in_when_it_arrives(qtbot, shown_list) -> None:
    view, office = shown_list
    model = view.model
    _reach_the_end(qtbot, view)
    qtbot.waitUntil(lambda: len(office.asked) == 3 and not Operation.running(), timeout=5000)
    office.gate = threading.Event()  # the next page takes its time
    _reach_the_end(qtbot, view)  # the page read ahead
    assert model.rowCount() == 300
    with qtbot.waitSignal(model.loading_changed, timeout=5000):
        _reach_the_end(qtbot, view)  # the one being read: the clerk waits for it
    assert model.loading
    with qtbot.waitSignal(model.page_loaded, timeout=5000):
        office.gate.set()
    assert model.rowCount() == 400
    assert not model.loading


def test_a_page_added_below_the_screen_does_not_repaint_it(qtbot, shown_list) -> None:
    view, _office = shown_list
    model, table = view.model, view.table
    paints = _Paints()
    table.viewport().installEventFilter(paints)
    before = table.verticalScrollBar().maximum()
    model.fetchMore(QModelIndex())  # the page read ahead, under the rows shown
    qtbot.waitUntil(lambda: table.verticalScrollBar().maximum() > before, timeout=5000)
    QApplication.processEvents()  # a repaint the insertion asked for would be done now
    assert paints.count == 0
    assert model.rowCount() == 200
    assert _on_screen(view) == _painted(view)


def test_a_short_list_shows_the_rows_added_to_it(qtbot, ctx, noto) -> None:
    office = Office(total=10, page=8)  # a first page of 8 rows, then 2 more
    view = _list_at_a_desks_size(qtbot, ctx, noto, office)
    view.ensure_loaded()
    # The view asks for rows while it has room for them.
    qtbot.waitUntil(lambda: view.model.rowCount() == 10, timeout=5000)
    qtbot.waitUntil(lambda: _on_screen(view) == _painted(view), timeout=5000)
    assert view.table.rowAt(view.table.viewport().height() - 1) == -1  # room below them
    assert _painted(view) == _as_qt_paints_it(view)


def test_a_failed_read_ahead_is_told_when_the_clerk_reaches_the_end(qtbot, shown_list) -> None:
    view, office = shown_list
    model = view.model
    office.fail_from = len(office.asked) + 1
    _reach_the_end(qtbot, view)  # page 2 in; page 3 read ahead, and it fails
    qtbot.waitUntil(lambda: len(office.asked) == 3 and not Operation.running(), timeout=5000)
    assert model.rowCount() == 200
    assert view.info.text() == "200 hồ sơ đầu tiên; cuộn xuống để xem thêm."  # not yet
    with qtbot.waitSignal(model.load_failed, timeout=5000):
        _reach_the_end(qtbot, view)
    assert view.info.text() == "Không đọc được danh sách hồ sơ."
    assert not model.canFetchMore(QModelIndex())


def test_the_kept_layouts_are_bounded_and_the_oldest_go_first(shown_list, monkeypatch) -> None:
    view, _office = shown_list
    delegate = view.table.itemDelegate()
    assert isinstance(delegate, CachedTextDelegate)
    monkeypatch.setattr("desk.ui.list_delegate._CACHE_LIMIT", 5)
    delegate._texts.clear()
    for n in range(8):
        delegate._lay_out((f"Người thứ {n}", False, 200, 30))
    assert [key[0] for key in delegate._texts] == [f"Người thứ {n}" for n in range(3, 8)]
