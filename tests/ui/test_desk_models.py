"""The desk's table models: Qt's model tester on each, paging as the clerk scrolls, and
stale pages dropped when the filter changes."""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import timedelta

import pytest
from PySide6.QtCore import QModelIndex, Qt

from desk.domain.calendar import now_in_office
from desk.domain.dossier import DossierSummary
from desk.domain.status import Status
from desk.services import demo, dossiers, intake
from desk.services.dossier_list import ListFilter, ListPage, Period
from desk.ui.dossier_model import (
    CODE_ROLE,
    COL_APPLICANT,
    COL_CODE,
    COL_DUE,
    COL_STATUS,
    DOSSIER_COLUMNS,
    OVERDUE_ROLE,
    DossierTableModel,
)
from desk.ui.dossier_tables import DocumentTableModel, EventTableModel
from desk.ui.ops import Operation
from desk.ui.style import DANGER, DANGER_BG, status_colour


def _summary(
    number: int, *, status: Status = Status.PROCESSING, due_days: int = 3
) -> DossierSummary:
    now = now_in_office()
    return DossierSummary(
        id=number,
        code=f"000.17.22.H56-261120-{number:04d}",
        procedure_code="1.001193",
        procedure_name="Đăng ký khai sinh",
        applicant_name=f"Nguyễn Văn {number}",
        applicant_phone="0912345678",
        status=status,
        received_at=now - timedelta(days=5),
        due_at=now + timedelta(days=due_days),
        rescheduled_due_at=None,
        paused_at=None,
        clerk_name="Nguyễn Thị Hương",
    )


class FakeOffice:
    """A million dossiers, produced page by page like the keyset query does."""

    def __init__(self, total: int = 1_000_000):
        self.total = total
        self.calls: list[tuple[ListFilter, int | None]] = []
        self.threads: set[str] = set()

    def __call__(self, chosen: ListFilter, before: int | None) -> ListPage:
        self.calls.append((chosen, before))
        self.threads.add(threading.current_thread().name)
        top = self.total if before is None else before - 1
        ids = range(top, max(0, top - 100), -1)
        rows = [_summary(i, due_days=-1 if i % 10 == 0 else 3) for i in ids]
        return ListPage(rows, rows[-1].id if len(rows) == 100 and rows[-1].id > 1 else None)


def test_dossier_model_passes_qt_model_tester_on_a_real_office(
    qtbot, qtmodeltester, ctx, clerk
) -> None:
    for generated in demo.generate(ctx, 12, seed=4):
        intake.receive_dossier(ctx, generated.request, clerk)
    model = DossierTableModel(ctx)
    with qtbot.waitSignal(model.page_loaded, timeout=10_000):
        model.set_filter(ListFilter())
    assert model.rowCount() == 12
    assert model.columnCount() == DOSSIER_COLUMNS
    qtmodeltester.check(model, force_py=True)


def test_list_loads_pages_of_100_off_the_gui_thread_as_the_view_scrolls(qtbot) -> None:
    office = FakeOffice()
    model = DossierTableModel(loader=office)
    with qtbot.waitSignal(model.page_loaded, timeout=5000):
        model.set_filter(ListFilter())
    assert model.rowCount() == 100
    assert model.canFetchMore(QModelIndex())
    with qtbot.waitSignal(model.page_loaded, timeout=5000):
        model.fetchMore(QModelIndex())
    assert model.rowCount() == 200
    # The second page starts right before the last id shown (keyset, newest first). The
    # page after it may already be read ahead by now: the second call is the one to look at.
    assert [before for _, before in office.calls[:2]] == [None, 1_000_000 - 99]
    assert model.data(model.index(100, COL_CODE)) == "000.17.22.H56-261120-999900"[:-2] + "00"
    assert threading.main_thread().name not in office.threads


def test_overdue_rows_are_marked(qtbot) -> None:
    model = DossierTableModel(loader=FakeOffice(250))
    with qtbot.waitSignal(model.page_loaded, timeout=5000):
        model.set_filter(ListFilter())
    overdue_row = next(r for r in range(model.rowCount()) if model.summary_at(r).id % 10 == 0)
    normal_row = next(r for r in range(model.rowCount()) if model.summary_at(r).id % 10 != 0)
    assert model.data(model.index(overdue_row, COL_DUE), OVERDUE_ROLE) is True
    assert "⚠" in model.data(model.index(overdue_row, COL_DUE))
    assert (
        model.data(model.index(overdue_row, COL_CODE), Qt.ItemDataRole.BackgroundRole) is not None
    )
    assert model.data(model.index(normal_row, COL_DUE), OVERDUE_ROLE) is False
    assert model.data(model.index(normal_row, COL_STATUS)) == "Đang xử lý"


def test_each_cell_has_the_colours_font_and_tip_of_its_row(qtbot) -> None:
    model = DossierTableModel(loader=FakeOffice(250))
    with qtbot.waitSignal(model.page_loaded, timeout=5000):
        model.set_filter(ListFilter())
    overdue_row = next(r for r in range(model.rowCount()) if model.summary_at(r).id % 10 == 0)
    normal_row = next(r for r in range(model.rowCount()) if model.summary_at(r).id % 10 != 0)
    role = Qt.ItemDataRole

    def cell(row: int, column: int, asked: int) -> object:
        return model.data(model.index(row, column), asked)

    def colour(row: int, column: int, asked: int) -> str | None:
        brush = cell(row, column, asked)
        return None if brush is None else brush.color().name()  # type: ignore[attr-defined]

    assert colour(overdue_row, COL_CODE, role.ForegroundRole) == DANGER
    assert colour(overdue_row, COL_DUE, role.ForegroundRole) == DANGER
    assert colour(overdue_row, COL_APPLICANT, role.BackgroundRole) == DANGER_BG
    assert cell(overdue_row, COL_DUE, role.FontRole).bold()  # type: ignore[attr-defined]
    assert cell(overdue_row, COL_APPLICANT, role.ToolTipRole) == "Hồ sơ quá hạn"
    status = int(model.summary_at(normal_row).status)
    assert colour(normal_row, COL_STATUS, role.ForegroundRole) == status_colour(status)
    assert colour(normal_row, COL_CODE, role.ForegroundRole) is None
    assert cell(normal_row, COL_CODE, role.FontRole).bold()  # type: ignore[attr-defined]
    assert cell(normal_row, COL_DUE, role.FontRole) is None
    assert cell(normal_row, COL_DUE, role.BackgroundRole) is None
    assert cell(normal_row, COL_APPLICANT, role.ToolTipRole) == cell(normal_row, COL_APPLICANT, 0)
    assert cell(normal_row, COL_CODE, CODE_ROLE) == model.code_at(normal_row)
    for unanswered in (role.DecorationRole, role.TextAlignmentRole, role.CheckStateRole):
        assert cell(overdue_row, COL_CODE, unanswered) is None
    assert model.data(QModelIndex(), role.DisplayRole) is None


def test_a_page_for_an_old_filter_is_dropped(qtbot) -> None:
    gate = threading.Event()
    office = FakeOffice(500)

    def slow_then_fast(chosen: ListFilter, before: int | None) -> ListPage:
        if chosen.period is Period.ALL:
            gate.wait(5)
        page = office(chosen, before)
        if chosen.period is Period.OVERDUE:
            return replace(page, rows=page.rows[:3], next_before_id=None)
        return page

    model = DossierTableModel(loader=slow_then_fast)
    model.set_filter(ListFilter())
    with qtbot.waitSignal(model.page_loaded, timeout=5000):
        model.set_filter(ListFilter(period=Period.OVERDUE))
    gate.set()
    # The old filter's page arrives late and is dropped.
    qtbot.waitUntil(lambda: len(office.calls) == 2 and not Operation.running(), timeout=5000)
    assert model.rowCount() == 3
    assert not model.canFetchMore(QModelIndex())


def test_model_tester_while_paging(qtbot, qtmodeltester) -> None:
    model = DossierTableModel(loader=FakeOffice(230))
    with qtbot.waitSignal(model.page_loaded, timeout=5000):
        model.set_filter(ListFilter())
    qtmodeltester.check(model, force_py=True)  # it fetches more itself, as a view does

    def scrolled_to_the_end() -> bool:
        model.fetchMore(QModelIndex())
        return model.exhausted and not model.loading

    qtbot.waitUntil(scrolled_to_the_end, timeout=5000)
    assert model.rowCount() == 230
    qtmodeltester.check(model, force_py=True)


def test_document_and_event_models(qtmodeltester, ctx, clerk) -> None:
    generated = next(iter(demo.generate(ctx, 1, seed=5)))
    received = intake.receive_dossier(ctx, generated.request, clerk)
    dossiers.change_status(ctx, str(received.code), Status.PROCESSING, clerk)
    dossier = dossiers.get_dossier(ctx, str(received.code))
    documents = DocumentTableModel()
    documents.set_documents(dossier.documents)
    events = EventTableModel()
    events.set_events(dossier.events)
    qtmodeltester.check(documents, force_py=True)
    qtmodeltester.check(events, force_py=True)
    assert events.rowCount() == 2
    assert events.data(events.index(1, 1)) == "Được tiếp nhận → Đang xử lý"
    assert documents.rowCount() == len(dossier.documents)


@pytest.mark.parametrize("period", list(Period))
def test_every_quick_filter_runs_on_a_real_office(qtbot, ctx, clerk, period) -> None:
    for generated in demo.generate(ctx, 5, seed=6):
        intake.receive_dossier(ctx, generated.request, clerk)
    model = DossierTableModel(ctx)
    with qtbot.waitSignal(
        model.loading_changed, timeout=10_000, check_params_cb=lambda busy: not busy
    ):
        model.set_filter(ListFilter(period=period))
    if period in (Period.ALL, Period.RECEIVED_TODAY):
        assert model.rowCount() == 5
