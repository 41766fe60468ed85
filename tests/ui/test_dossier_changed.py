"""One "dossier changed" signal, every screen listening: the list, today's figures and the
open dossier view refresh from ``desk_signals().dossier_changed``, whoever made the change."""

from __future__ import annotations

import threading

import pytest

from desk.domain.calendar import now_in_office
from desk.domain.status import Status
from desk.services import demo, dossiers, intake
from desk.services.dossier_list import DeskFigures, ListFilter, list_page
from desk.ui.dossier_list import DossierListView
from desk.ui.dossier_view import DossierView
from desk.ui.ops import Operation, desk_signals
from desk.ui.today import TodayPanel

pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)"
)


@pytest.fixture
def office(ctx, clerk):
    """Three dossiers received today, and the requests of two more to receive later."""
    generated = list(demo.generate(ctx, 5, seed=9))
    for item in generated[:3]:
        intake.receive_dossier(ctx, item.request, clerk, at=now_in_office())
    return [item.request for item in generated[3:]]


def test_a_shown_list_reloads_when_a_dossier_changed(qtbot, ctx, clerk, office) -> None:
    view = DossierListView(ctx)
    qtbot.addWidget(view)
    view.show()
    with qtbot.waitSignal(view.model.page_loaded, timeout=10_000):
        view.ensure_loaded()
    assert view.model.rowCount() == 3
    received = intake.receive_dossier(ctx, office[0], clerk, at=now_in_office())
    with qtbot.waitSignal(view.model.page_loaded, timeout=10_000):
        desk_signals().dossier_changed.emit(received)
    assert view.model.rowCount() == 4
    assert view.model.row_of(str(received.code)) == 0  # newest first


def test_a_hidden_list_reloads_when_next_shown(qtbot, ctx, clerk, office) -> None:
    view = DossierListView(ctx)
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.model.page_loaded, timeout=10_000):
        view.ensure_loaded()
    code = view.model.code_at(0)
    dossiers.change_status(ctx, code, Status.PROCESSING, clerk)
    with qtbot.assertNotEmitted(view.model.loading_changed):
        desk_signals().dossier_changed.emit(dossiers.get_dossier(ctx, code))  # not shown
    assert view.model.summary_at(0).status is Status.RECEIVED
    with qtbot.waitSignal(view.model.page_loaded, timeout=10_000):
        view.ensure_loaded()  # what the window does before showing the list
    assert view.model.summary_at(view.model.row_of(code)).status is Status.PROCESSING


def test_todays_figures_are_counted_again(qtbot, ctx, clerk, office) -> None:
    panel = TodayPanel(ctx, refresh_ms=0)  # no timer: only the signal refreshes
    qtbot.addWidget(panel)
    with qtbot.waitSignal(panel.figures_shown, timeout=10_000):
        panel.refresh()
    assert panel.values["received"].text() == "3"
    received = intake.receive_dossier(ctx, office[1], clerk, at=now_in_office())
    with qtbot.waitSignal(panel.figures_shown, timeout=10_000) as shown:
        desk_signals().dossier_changed.emit(received)
    assert shown.args[0].received == 4
    assert panel.values["received"].text() == "4"


def test_a_change_during_a_count_is_counted_after_it(qtbot, ctx) -> None:
    counting, gate = threading.Event(), threading.Event()
    received = [1]

    def count() -> DeskFigures:
        figures = DeskFigures(received[0], 0, 0, 0, 0)
        counting.set()
        assert gate.wait(5)
        return figures

    panel = TodayPanel(ctx, count=count, refresh_ms=0)
    qtbot.addWidget(panel)
    shown: list[int] = []
    panel.figures_shown.connect(lambda figures: shown.append(figures.received))
    panel.refresh()
    assert counting.wait(5)
    received[0] = 2  # a dossier arrives while the first count runs (it read 1)
    desk_signals().dossier_changed.emit(None)
    gate.set()
    qtbot.waitUntil(lambda: shown == [1, 2], timeout=5000)
    assert panel.values["received"].text() == "2"


def test_the_open_dossier_is_shown_afresh_after_a_change_elsewhere(
    qtbot, ctx, clerk, office
) -> None:
    received = intake.receive_dossier(ctx, office[0], clerk, at=now_in_office())
    code = str(received.code)
    view = DossierView(ctx, clerk)
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.dossier_shown, timeout=10_000):
        view.show_code(code)
    dossiers.change_status(ctx, code, Status.PROCESSING, clerk)  # the hand-back screen, say
    changed = dossiers.get_dossier(ctx, code)
    with qtbot.waitSignal(view.dossier_shown, timeout=10_000):
        desk_signals().dossier_changed.emit(changed)
    assert view.status_chip.text() == "Đang xử lý"
    # Another dossier's change, or the revision already shown, loads nothing.
    other = dossiers.get_dossier(ctx, next(c for c in _codes(ctx) if c != code))
    qtbot.waitUntil(lambda: not Operation.running(), timeout=5000)
    # Asked of the view itself: a screen left over from an earlier test may still answer
    # the shared signal with work of its own.
    with qtbot.assertNotEmitted(view.dossier_shown, wait=500):
        desk_signals().dossier_changed.emit(other)
        desk_signals().dossier_changed.emit(changed)


def _codes(ctx) -> list[str]:
    return [s.code for s in list_page(ctx, ListFilter()).rows]
