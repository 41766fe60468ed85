"""Two desks, one office: a dossier another desk receives or moves shows on this desk's
screens within a second, without «Làm mới», once, with the clerk's place in the list kept;
this desk's own changes are not announced twice; a lost database is said once."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QAbstractItemView

from desk.config import DeskConfig
from desk.domain.calendar import now_in_office
from desk.domain.status import Status
from desk.errors import CannotConnect
from desk.services import demo, dossiers, intake
from desk.services.context import DeskContext
from desk.services.office_watch import DossierChange, OfficeChanges
from desk.ui.main_window import PAGE_LIST, MainWindow
from desk.ui.office_watch import OfficeWatch, watch_office
from desk.ui.ops import Operation, desk_signals, wait_for_operations
from tests.store.conftest import any_db_url, open_office, postgres_url  # noqa: F401

pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)"
)

SEEN_WITHIN_MS = 2000  # the poll is every 0.5 s; a loaded test machine gets some slack


@pytest.fixture
def here(any_db_url: str, tmp_path: Path) -> Iterator[DeskContext]:  # noqa: F811
    """This desk: the demo office on SQLite or PostgreSQL, with 3 dossiers."""
    ctx = open_office(any_db_url, tmp_path / "here")
    clerk = demo.demo_clerks(ctx)[0]
    for item in demo.generate(ctx, 3, seed=4):
        intake.receive_dossier(ctx, item.request, clerk, at=now_in_office())
    yield ctx
    ctx.close()


@pytest.fixture
def there(here: DeskContext, any_db_url: str, tmp_path: Path) -> Iterator[DeskContext]:  # noqa: F811
    """Another desk on the same database (its own engine, its own data folder)."""
    ctx = DeskContext.open(DeskConfig(data_dir=tmp_path / "there", database_url=any_db_url))
    ctx.act_as(demo.demo_clerks(ctx)[1])
    yield ctx
    ctx.close()


@pytest.fixture
def window(qtbot, here: DeskContext) -> Iterator[MainWindow]:
    main = MainWindow(here, demo.demo_clerks(here)[0], idle_ms=0, scanner=None)
    qtbot.addWidget(main)
    watch_office(main)  # as desk.app does
    main.show()
    with qtbot.waitSignal(main.dossier_list.model.page_loaded, timeout=10_000):
        main.show_page(PAGE_LIST)
    qtbot.waitUntil(lambda: main.today.values["received"].text() == "3", timeout=10_000)
    yield main
    main.close()  # the watch stops, and the screens' reads end, before the office closes
    wait_for_operations()


def watch_of(window: MainWindow) -> OfficeWatch:
    watch = window.findChild(OfficeWatch)
    assert watch is not None
    return watch


def receive_there(there: DeskContext, seed: int = 8) -> str:
    request = next(iter(demo.generate(there, 1, seed=seed))).request
    clerk = demo.demo_clerks(there)[1]
    return str(intake.receive_dossier(there, request, clerk, at=now_in_office()).code)


def test_a_dossier_received_at_another_desk_shows_in_the_list_within_a_second(
    qtbot, window: MainWindow, there: DeskContext
) -> None:
    announced: list[OfficeChanges] = []
    watch_of(window).changes_seen.connect(announced.append)
    model = window.dossier_list.model
    started = time.monotonic()
    code = receive_there(there)
    qtbot.waitUntil(
        lambda: model.rowCount() == 4 and model.code_at(0) == code, timeout=SEEN_WITHIN_MS
    )
    seen_after = time.monotonic() - started
    qtbot.waitUntil(lambda: window.today.values["received"].text() == "4", timeout=SEEN_WITHIN_MS)
    assert [c.code for c in announced] == [code]
    assert seen_after < SEEN_WITHIN_MS / 1000


def test_a_change_at_another_desk_keeps_the_clerks_selection_and_scroll(
    qtbot, window: MainWindow, here: DeskContext, there: DeskContext
) -> None:
    demo.add_demo_dossiers(here, 60, seed=5, bulk=False)
    view, model = window.dossier_list, window.dossier_list.model
    window.resize(1280, 600)
    with qtbot.waitSignal(model.page_loaded, timeout=10_000):
        view.refresh_button.click()
    table = view.table
    table.selectRow(30)
    chosen = model.code_at(30)
    table.scrollTo(model.index(20, 0), QAbstractItemView.ScrollHint.PositionAtTop)
    top = model.code_at(table.rowAt(0))
    assert table.verticalScrollBar().value() > 0
    rows_before = model.rowCount()

    code = receive_there(there, seed=12)
    qtbot.waitUntil(lambda: model.rowCount() == rows_before + 1, timeout=SEEN_WITHIN_MS)
    assert model.code_at(0) == code
    assert model.code_at(table.selectionModel().selectedRows()[0].row()) == chosen
    assert model.code_at(table.rowAt(0)) == top  # the same dossiers in view, not the top


def test_the_open_dossier_shows_what_another_desk_did_to_it(
    qtbot, window: MainWindow, here: DeskContext, there: DeskContext
) -> None:
    code = receive_there(there, seed=13)
    with qtbot.waitSignal(window.dossier_view.dossier_shown, timeout=10_000):
        window.open_dossier(code)
    view = window.dossier_view

    def shown_status() -> Status | None:
        return view.dossier.status if view.dossier is not None else None

    assert shown_status() is Status.RECEIVED
    dossiers.change_status(there, code, Status.PROCESSING, demo.demo_clerks(there)[1])
    qtbot.waitUntil(lambda: shown_status() is Status.PROCESSING, timeout=SEEN_WITHIN_MS)


def test_this_desks_own_change_is_not_announced_again(
    qtbot, window: MainWindow, here: DeskContext, there: DeskContext
) -> None:
    """The desk's own change, announced by its screen when its operation ends, is left out
    of the watch's news; another desk's change made after it is announced."""
    announced: list[OfficeChanges] = []
    watch_of(window).changes_seen.connect(announced.append)
    mine = window.dossier_list.model.code_at(0)
    clerk = demo.demo_clerks(here)[0]

    def move() -> object:
        moved = dossiers.change_status(here, mine, Status.PROCESSING, clerk)
        time.sleep(0.8)  # work after the commit (a slip printed): the poll sees it first
        return moved

    done: list[object] = []
    operation = Operation(move).on_success(desk_signals().dossier_changed.emit)
    operation.on_success(done.append).start()
    qtbot.waitUntil(lambda: bool(done), timeout=10_000)
    theirs = receive_there(there, seed=14)
    qtbot.waitUntil(lambda: bool(announced), timeout=SEEN_WITHIN_MS)
    assert [c.code for c in announced] == [theirs]


def test_a_lost_database_is_said_once_and_the_watch_goes_on_when_it_is_back(qtbot, ctx) -> None:
    calls = {"n": 0}

    def changes(mark: int) -> OfficeChanges:
        calls["n"] += 1
        if calls["n"] <= 5:
            raise CannotConnect("Không kết nối được máy chủ cơ sở dữ liệu db.xa.local.")
        return OfficeChanges(mark + 1, (DossierChange("X-1", 1),))

    watch = OfficeWatch(ctx, mark=lambda: 7, changes=changes, poll_s=0.01, retry_s=0.01)
    notices: list[tuple[str, bool]] = []
    watch.notice.connect(lambda text, ok: notices.append((text, ok)))
    try:
        with qtbot.waitSignal(watch.changes_seen, timeout=5000) as seen:
            watch.start()
    finally:
        watch.stop()
    assert seen.args[0].code == "X-1"
    assert calls["n"] >= 6
    assert notices == [
        (
            "Chưa cập nhật được hồ sơ do các máy khác nhập: Không kết nối được máy chủ cơ sở "
            "dữ liệu db.xa.local. Phần mềm sẽ tự thử lại.",
            False,
        ),
        ("Đã kết nối lại cơ sở dữ liệu.", True),
    ]


def test_the_watch_stops_when_the_window_closes(qtbot, window: MainWindow) -> None:
    assert watch_of(window).running
    window.close()
    assert not watch_of(window).running
