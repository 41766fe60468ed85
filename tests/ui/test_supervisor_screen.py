"""«Số liệu của tháng», the supervisor's screen: a clerk never sees it; a supervisor sees an
office's month counted by hand, the targets coloured, the 12 months of the trend, the
dossiers to watch (a click opens one), the clerks, and another month on request.

The office's clock is Friday 20/11/2026 16:00. Marital-status confirmations received
Monday 16/11 09:00 are due Thursday 19/11 09:00:

== ==================================================== =================================
 1 ready Wed 18/11, handed back Fri 20/11 «Hài lòng»    early; satisfied
 2 ready Thu 19/11 08:30, handed back «Hài lòng»        on time; satisfied
 3 ready Thu 19/11 10:00 (after its due time)           late
 4 in processing since Monday                           running, overdue
 5 received Thu 19/11 09:00 by the second clerk         due Tue 24/11 09:00: due within
                                                        two working days
== ==================================================== =================================

So November: 3 finished, on time 2 of 3 = 66,7 % (red, target 98), satisfaction 2 of 2 =
100 % (green, target 95).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from PySide6.QtCore import Qt, QThreadPool
from pytestqt.qtbot import QtBot

from desk.domain.calendar import OFFICE_TZ
from desk.domain.dossier import DossierSummary, IntakeRequest, Person, ReceivedDocument
from desk.domain.figures import FigureLine, Grouping, Period, PeriodFigures
from desk.domain.handover import Handover, Satisfaction
from desk.domain.office import User
from desk.domain.status import Status
from desk.services import demo, dossiers, handover, intake
from desk.services import figures as figures_service
from desk.services.context import DeskContext
from desk.services.figures import WatchList
from desk.ui import supervisor as supervisor_module
from desk.ui.main_window import PAGE_DOSSIER, MainWindow
from desk.ui.navigation import PAGE_SUPERVISOR
from desk.ui.ops import desk_signals
from desk.ui.style import DANGER, OK
from desk.ui.supervisor import SupervisorScreen

WAIT = 20_000
NAMES = ["-", "An", "Bình", "Chi", "Dung", "Giang"]
NOW = datetime(2026, 11, 20, 16, 0, tzinfo=OFFICE_TZ)
pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)"
)


def moment(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=OFFICE_TZ)


@pytest.fixture(autouse=True)
def _office_clock(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(supervisor_module, "now_in_office", lambda: NOW)
    yield
    assert QThreadPool.globalInstance().waitForDone(WAIT)


@pytest.fixture
def november(ctx: DeskContext) -> dict[int, str]:
    clerk, second = demo.demo_clerks(ctx)[:2]
    codes: dict[int, str] = {}

    def receive(number: int, at: datetime, by: User = clerk) -> None:
        request = IntakeRequest(
            "1.004873",
            Person(f"Đỗ Thị {NAMES[number]}", id_number=f"0251901234{number:02d}"),
            documents=[ReceivedDocument("Tờ khai", code="TK", originals=1)],
        )
        codes[number] = str(intake.receive_dossier(ctx, request, by, at=at).code)

    def steps(number: int, *changes: tuple[Status, datetime]) -> None:
        for status, at in changes:
            dossiers.change_status(ctx, codes[number], status, clerk, at=at)

    for number in (1, 2, 3, 4):
        receive(number, moment(16, 9))
        steps(number, (Status.PROCESSING, moment(16, 10)))
    steps(1, (Status.RESULT_READY, moment(18, 10)))
    steps(2, (Status.RESULT_READY, moment(19, 8, 30)))
    steps(3, (Status.RESULT_READY, moment(19, 10)))
    for number, at in ((1, moment(20, 9)), (2, moment(20, 10))):
        handover.hand_back(ctx, codes[number], Handover(Satisfaction.SATISFIED), clerk, at=at)
    receive(5, moment(19, 9), second)
    return codes


@pytest.fixture
def boss(qtbot: QtBot, ctx: DeskContext, november: dict[int, str]) -> MainWindow:
    window = MainWindow(ctx, demo.demo_account(ctx, "lanhdao"), idle_ms=0)
    qtbot.addWidget(window)
    window.show()
    return window


def open_screen(qtbot: QtBot, window: MainWindow) -> SupervisorScreen:
    screen = window.open_supervisor()
    assert isinstance(screen, SupervisorScreen)
    # Shown at once, before any figure: they are counted in the pool.
    assert window.current_page() == PAGE_SUPERVISOR and screen.isVisible()
    assert screen.on_time_card.value.text() == "…" and screen.progress.isVisible()
    qtbot.waitUntil(lambda: not screen.loading, timeout=WAIT)
    return screen


def test_a_clerk_never_sees_the_months_figures(qtbot: QtBot, ctx: DeskContext) -> None:
    window = MainWindow(ctx, demo.demo_clerks(ctx)[0], idle_ms=0)
    qtbot.addWidget(window)
    assert PAGE_SUPERVISOR not in window.nav_buttons
    assert window.open_supervisor() is None
    assert PAGE_SUPERVISOR not in window.pages


def test_the_supervisor_sees_the_month_against_its_targets(qtbot: QtBot, boss: MainWindow) -> None:
    assert boss.nav_buttons[PAGE_SUPERVISOR].text() == "Số liệu của tháng"
    screen = open_screen(qtbot, boss)
    assert screen.error.isHidden()
    assert not screen.progress.isVisible()
    assert screen.month_edit.text() == "11/2026"
    assert screen.as_of.text() == "Tháng 11/2026 · tính đến 16:00 20/11/2026"

    on_time, satisfaction = screen.on_time_card, screen.satisfaction_card
    assert on_time.value.text() == "66,7%"
    assert on_time.met is False and DANGER in on_time.value.styleSheet()
    assert on_time.target.text() == "Mục tiêu ≥ 98% · chưa đạt"
    assert on_time.details.text() == ("Đã giải quyết 3: trước hạn 1, đúng hạn 1, quá hạn 1.")
    assert satisfaction.value.text() == "100,0%"
    assert satisfaction.met is True and OK in satisfaction.value.styleSheet()
    assert satisfaction.target.text() == "Mục tiêu ≥ 95% · đạt"
    assert satisfaction.details.text().startswith("2 lượt đánh giá: 2 hài lòng, 0 bình thường")

    # The trend: the 12 months to November, a point where something was finished.
    assert screen.trend.months()[0] == "12/25" and screen.trend.months()[-1] == "11/26"
    assert len(screen.trend.months()) == 12
    assert screen.trend.points("on_time_rate") == 1

    # The dossiers to watch: the overdue one, and the one due on Tuesday.
    assert screen.watch_tabs.tabText(0) == "Hồ sơ quá hạn (1)"
    assert screen.watch_tabs.tabText(1) == "Đến hạn trong 2 ngày làm việc tới (1)"
    assert screen.watch_tabs.tabText(2) == "Theo cán bộ tiếp nhận (2)"
    assert screen.watch_tabs.currentIndex() == 0  # the overdue first

    clerks = {
        screen.clerk_model.cells_at(row)[0]: screen.clerk_model.cells_at(row)[1:]
        for row in range(screen.clerk_model.rowCount())
    }
    first, second = (c.full_name for c in demo.demo_clerks(boss.ctx)[:2])
    # received, finished, on time, overdue now, satisfied
    assert clerks[first] == ("4", "3", "66,7%", "1", "100,0%")
    assert clerks[second] == ("1", "0", "—", "0", "—")

    indicators = screen.indicators
    rate, points = indicators.rows["progress"]
    assert (rate.text(), points.text()) == ("66,7%", "13,34 / 20")
    assert "cần đối chiếu" in indicators.note.text()


def test_clicking_an_overdue_row_opens_that_dossier(
    qtbot: QtBot, boss: MainWindow, november: dict[int, str]
) -> None:
    screen = open_screen(qtbot, boss)
    table = screen.overdue_table
    assert screen.overdue_model.key_at(0) == november[4]
    assert table.model().index(0, 1).data().endswith("⚠")
    cell = table.visualRect(table.model().index(0, 0)).center()
    with qtbot.waitSignal(boss.dossier_view.dossier_shown, timeout=WAIT):
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    assert boss.current_page() == PAGE_DOSSIER
    assert boss.dossier_view.code_label.text() == november[4]


def test_another_month_and_back(qtbot: QtBot, boss: MainWindow) -> None:
    screen = open_screen(qtbot, boss)
    assert not screen.next_button.isEnabled()  # December has not begun
    with qtbot.waitSignal(screen.all_shown, timeout=WAIT) as shown:
        screen.previous_button.click()
    assert shown.args[0] == Period.month(2026, 10)
    assert screen.month_edit.text() == "10/2026"
    assert screen.as_of.text() == "Tháng 10/2026 · đã hết tháng"
    assert screen.on_time_card.value.text() == "—"  # nothing finished in October
    assert screen.on_time_card.target.text() == "Mục tiêu ≥ 98% · chưa có gì để tính"
    assert screen.trend.months()[-1] == "10/26"
    assert screen.next_button.isEnabled()
    with qtbot.waitSignal(screen.all_shown, timeout=WAIT) as shown:
        screen.next_button.click()
    assert shown.args[0] == Period.month(2026, 11)
    assert screen.on_time_card.value.text() == "66,7%"


def test_a_changed_dossier_is_counted_again(
    qtbot: QtBot,
    ctx: DeskContext,
    boss: MainWindow,
    november: dict[int, str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    screen = open_screen(qtbot, boss)
    trends: list[Period] = []
    counted = figures_service.monthly_trend

    def trend(ctx: DeskContext, last: Period, *args: Any, **kwargs: Any) -> Any:
        trends.append(last)
        return counted(ctx, last, *args, **kwargs)

    monkeypatch.setattr(figures_service, "monthly_trend", trend)
    clerk = demo.demo_clerks(ctx)[0]
    dossier = handover.hand_back(
        ctx, november[3], Handover(Satisfaction.DISSATISFIED), clerk, at=moment(20, 15)
    )
    with qtbot.waitSignal(screen.all_shown, timeout=WAIT):
        desk_signals().dossier_changed.emit(dossier)
    assert screen.satisfaction_card.value.text() == "66,7%"
    assert screen.satisfaction_card.met is False
    # The trend's November is the month's own line counted again; its 12 months were not.
    assert screen.trend_lines[-1][1].rated == 3
    assert trends == []


def test_a_screen_left_hidden_a_while_counts_again_when_shown(
    qtbot: QtBot, boss: MainWindow
) -> None:
    screen = open_screen(qtbot, boss)
    boss.show_today()
    screen._on_recount()  # five minutes gone by, the screen hidden: nothing counted yet
    assert not screen.loading
    with qtbot.waitSignal(screen.all_shown, timeout=WAIT):
        boss.open_supervisor()
    assert screen.on_time_card.value.text() == "66,7%"


def test_the_trend_draws_twelve_months_given(
    qtbot: QtBot, ctx: DeskContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Hand-made figures, as the services would give them."""
    months = Period.month(2026, 11).months_before(12)
    trend = [
        (month, FigureLine(on_time=95 + n % 5, late=1, rated_satisfied=19, rated_neutral=1))
        for n, month in enumerate(months)
    ]
    office = FigureLine(early=49, late=1, rated_satisfied=10)
    lines = [
        FigureLine(key="7", label="Trần Thị Mai", received_in_person=1234, early=49),
        FigureLine(key="8", label="Lê Văn Nam", late=1, running_overdue=2),
    ]
    figures = PeriodFigures(months[-1], NOW, Grouping.CLERK, office, lines)
    monkeypatch.setattr(figures_service, "period_figures", lambda *_a, **_k: figures)
    monkeypatch.setattr(figures_service, "monthly_trend", lambda *_a, **_k: trend)
    due = [
        DossierSummary(
            n,
            f"000.17.22.H56-261120-{n:04d}",
            "1.004873",
            "Xác nhận tình trạng hôn nhân",
            "Đỗ Thị An",
            "",
            Status.PROCESSING,
            NOW,
            NOW + timedelta(days=1),
            None,
            None,
            "Mai",
        )
        for n in range(figures_service.WATCH_LIMIT)
    ]  # the service's list cut at its limit
    watch = WatchList([], due, NOW + timedelta(days=3))
    monkeypatch.setattr(figures_service, "watch_list", lambda *_a, **_k: watch)
    screen = SupervisorScreen(ctx)
    qtbot.addWidget(screen)
    with qtbot.waitSignal(screen.all_shown, timeout=WAIT):
        screen.show()
    assert screen.trend.points("on_time_rate") == 12
    assert screen.trend.points("satisfaction_rate") == 12
    assert screen.on_time_card.value.text() == "98,0%" and screen.on_time_card.met is True
    assert screen.clerk_model.cells_at(1) == ("Lê Văn Nam", "0", "1", "0,0%", "2", "—")
    assert screen.clerk_model.cells_at(0)[:2] == ("Trần Thị Mai", "1.234")
    assert screen.watch_tabs.tabText(0) == "Hồ sơ quá hạn (0)"
    assert screen.watch_tabs.tabText(1) == "Đến hạn trong 2 ngày làm việc tới (200+)"
    assert screen.watch_tabs.currentIndex() == 1  # none overdue: those due soon
    assert screen.due_soon_model.rowCount() == 200
    rate, points = screen.indicators.rows["satisfaction"]
    assert (rate.text(), points.text()) == ("100,0%", "18,00 / 18")
    assert Decimal("98.0") == office.on_time_rate
