"""The sync panel says what happened (issue 13, item 10): what was sent, not 100 % of
nothing; no old failure during a new run; retries said with their number and wait; the
pending count going down as dossiers go; the whole dossier code; a note to resolve."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt, QThreadPool
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from desk.config import ProvinceConfig, config_dir
from desk.domain.audit import AuditAction
from desk.domain.calendar import now_in_office
from desk.domain.outbox import AttentionItem, AttentionKind
from desk.services.context import DeskContext
from desk.store import audit as store_audit
from desk.store import sync_records
from desk.sync import secrets
from desk.ui.sync_panel import AttentionTableModel, SyncPanel
from tests.sync.conftest import PASSWORD, USER, Sim, add_dossiers, start_sim

WAIT = 30_000
pytestmark = pytest.mark.qt_log_ignore(
    r"This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)"
)


def configure(ctx: DeskContext, url: str) -> None:
    ctx.config.province = replace(
        ProvinceConfig(),
        url=url,
        username=USER,
        password=secrets.protect(PASSWORD, username=USER, key_dir=config_dir()),
        read_timeout_s=5.0,
    )


@pytest.fixture
def province(tmp_path: Path) -> Iterator[Callable[..., Sim]]:
    """The simulator process, started with the options given."""
    started: list[Sim] = []

    def start(*args: str) -> Sim:
        sim = start_sim(tmp_path / f"province-{len(started)}", *args)
        started.append(sim)
        return sim

    yield start
    for sim in started:
        sim.stop()


@pytest.fixture
def make_panel(qtbot: QtBot, ctx: DeskContext) -> Iterator[Callable[[], SyncPanel]]:
    def make() -> SyncPanel:
        panel = SyncPanel(ctx)
        qtbot.addWidget(panel)
        return panel

    yield make
    assert QThreadPool.globalInstance().waitForDone(WAIT)


def type_text(widget: QWidget, text: str) -> None:
    """Key presses carrying text (keyClicks aborts on letters outside Latin-1)."""
    widget.setFocus()
    for ch in text:
        QApplication.sendEvent(
            widget, QKeyEvent(QEvent.Type.KeyPress, 0, Qt.KeyboardModifier.NoModifier, ch)
        )


def add_items(ctx: DeskContext, count: int) -> list[AttentionItem]:
    """Rejected dossiers in the needs-attention list, with real (long) dossier codes."""
    add_dossiers(ctx, count)
    from desk.store import dossiers as store_dossiers

    items = []
    with ctx.db.write() as session:
        for dossier in list(store_dossiers.iter_dossiers(session))[:count]:
            item = sync_records.add_attention(
                session,
                kind=AttentionKind.REJECTED,
                dossier_id=dossier.id,
                code=str(dossier.code),
                revision=dossier.revision,
                reason="Mã thủ tục không có trong danh mục của tỉnh",
                detail={},
                now=now_in_office(),
            )
            assert item is not None
            items.append(item)
    return items


def test_a_run_with_the_province_down_says_nothing_was_sent(
    qtbot: QtBot, ctx: DeskContext, make_panel: Callable[[], SyncPanel]
) -> None:
    add_dossiers(ctx, 3)
    configure(ctx, "http://127.0.0.1:9")  # nothing listens there
    panel = make_panel()
    with qtbot.waitSignal(panel.sync_finished, timeout=WAIT) as finished:
        panel.start_sync()
    assert finished.args[0].outcome == "offline"
    bar = panel.progress_bar
    assert bar.value() < bar.maximum(), "a bar full of nothing sent"
    assert bar.text() == "Đã gửi 0/3 hồ sơ"


def test_a_run_that_cannot_start_says_nothing_was_sent(
    qtbot: QtBot, ctx: DeskContext, make_panel: Callable[[], SyncPanel]
) -> None:
    add_dossiers(ctx, 2)
    panel = make_panel()  # no province configured
    with qtbot.waitSignal(panel.sync_failed, timeout=WAIT):
        panel.start_sync()
    assert panel.progress_bar.text() == "Chưa gửi hồ sơ nào"
    assert panel.progress_bar.value() < panel.progress_bar.maximum()


def test_a_run_that_sends_everything_says_how_many(
    qtbot: QtBot,
    ctx: DeskContext,
    province: Callable[..., Sim],
    make_panel: Callable[[], SyncPanel],
) -> None:
    add_dossiers(ctx, 4)
    configure(ctx, province().url)
    panel = make_panel()
    with qtbot.waitSignal(panel.sync_finished, timeout=WAIT):
        panel.start_sync()
    assert panel.progress_bar.text() == "Đã gửi 4/4 hồ sơ"
    with qtbot.waitSignal(panel.sync_finished, timeout=WAIT):
        panel.start_sync()
    assert panel.progress_bar.text() == "Không có hồ sơ nào chờ gửi"


def test_the_last_failure_is_cleared_when_a_new_run_starts(
    qtbot: QtBot,
    ctx: DeskContext,
    province: Callable[..., Sim],
    make_panel: Callable[[], SyncPanel],
) -> None:
    add_dossiers(ctx, 2)
    configure(ctx, "http://127.0.0.1:9")
    panel = make_panel()
    with qtbot.waitSignal(panel.sync_finished, timeout=WAIT):
        panel.start_sync()
    assert "Không kết nối được" in panel.report_view.toPlainText()
    configure(ctx, province("--latency-ms", "300").url)
    seen: list[tuple[str, str]] = []
    panel.sync_started.connect(
        lambda: seen.append((panel.report_view.toPlainText(), panel.phase_label.text()))
    )
    with qtbot.waitSignal(panel.sync_finished, timeout=WAIT):
        panel.start_sync()
    [(report, phase)] = seen
    assert report == "" and phase == "Đang bắt đầu…"
    assert "Không kết nối được" not in panel.report_view.toPlainText()


def test_retries_are_said_with_their_number_and_wait(
    qtbot: QtBot,
    ctx: DeskContext,
    province: Callable[..., Sim],
    make_panel: Callable[[], SyncPanel],
) -> None:
    add_dossiers(ctx, 2)
    sim = province()
    sim.faults(schedule=["503", "503"])
    configure(ctx, sim.url)
    panel = make_panel()
    said: list[str] = []
    panel.progress_changed.connect(lambda _p: said.append(panel.phase_label.text()))
    with qtbot.waitSignal(panel.sync_finished, timeout=WAIT) as finished:
        panel.start_sync()
    assert finished.args[0].outcome == "ok" and finished.args[0].retries == 2
    retrying = [text for text in said if "Đang thử lại" in text]
    assert any("Đang thử lại lần 1/5 sau" in text for text in retrying), said
    assert any("Đang thử lại lần 2/5 sau" in text for text in retrying), said
    assert all("giây" in text and "503" in text for text in retrying), retrying


def test_pending_counts_down_as_dossiers_are_sent(
    qtbot: QtBot,
    ctx: DeskContext,
    province: Callable[..., Sim],
    make_panel: Callable[[], SyncPanel],
) -> None:
    add_dossiers(ctx, 6)
    configure(ctx, province("--latency-ms", "150", "--max-batch", "2").url)
    panel = make_panel()
    qtbot.waitUntil(lambda: panel.pending_label.text() == "Chờ gửi: 6 hồ sơ", timeout=WAIT)
    shown: list[str] = []
    panel.progress_changed.connect(lambda _p: shown.append(panel.pending_label.text()))
    with qtbot.waitSignal(panel.sync_finished, timeout=WAIT):
        panel.start_sync()
    assert "Chờ gửi: 4 hồ sơ" in shown and "Chờ gửi: 2 hồ sơ" in shown, shown
    qtbot.waitUntil(lambda: panel.pending_label.text() == "Chờ gửi: 0 hồ sơ", timeout=WAIT)


def test_the_attention_list_shows_the_whole_dossier_code(
    qtbot: QtBot, ctx: DeskContext, make_panel: Callable[[], SyncPanel]
) -> None:
    [item] = add_items(ctx, 1)
    panel = make_panel()
    panel.resize(1000, 700)
    panel.show()
    qtbot.waitUntil(lambda: panel.attention_model.rowCount() == 1, timeout=WAIT)
    view = panel.attention_view
    needed = view.fontMetrics().horizontalAdvance(item.code)
    assert view.columnWidth(AttentionTableModel.CODE) > needed


def test_resolving_asks_for_a_note_and_records_it_with_who(
    qtbot: QtBot, ctx: DeskContext, make_panel: Callable[[], SyncPanel]
) -> None:
    first, _second = add_items(ctx, 2)
    panel = make_panel()
    panel.show()
    qtbot.waitUntil(lambda: panel.attention_model.rowCount() == 2, timeout=WAIT)
    panel.attention_view.selectRow(0)
    qtbot.waitUntil(panel.acknowledge_button.isEnabled, timeout=WAIT)
    chosen = panel.selected_item()
    assert chosen is not None

    # One click with no note resolves nothing: it asks for the note.
    resolved: list[AttentionItem] = []
    panel.attention_resolved.connect(resolved.append)
    qtbot.mouseClick(panel.acknowledge_button, Qt.MouseButton.LeftButton)
    assert panel.note_message.text() == "Chưa nhập ghi chú xử lý."
    qtbot.waitUntil(panel.note_edit.hasFocus, timeout=WAIT)
    assert QThreadPool.globalInstance().waitForDone(WAIT)
    assert resolved == [] and panel.attention_model.rowCount() == 2

    # Too long: the limit of desk.domain.limits, said before anything is written.
    panel.note_edit.setText("x" * 2001)
    qtbot.mouseClick(panel.acknowledge_button, Qt.MouseButton.LeftButton)
    assert "tối đa 2.000 ký tự" in panel.note_message.text()
    assert resolved == []

    panel.note_edit.clear()
    type_text(panel.note_edit, "Đã gọi điện, tỉnh bổ sung thủ tục")
    assert panel.note_message.text() == ""
    with qtbot.waitSignal(panel.attention_resolved, timeout=WAIT) as done:
        qtbot.mouseClick(panel.acknowledge_button, Qt.MouseButton.LeftButton)
    item = done.args[0]
    acting = ctx.user
    assert acting is not None
    assert item.id == chosen.id and item.resolution == "Đã gọi điện, tỉnh bổ sung thủ tục"
    assert item.resolved_by == acting.full_name
    assert panel.note_edit.text() == ""  # ready for the next item
    qtbot.waitUntil(lambda: panel.attention_model.rowCount() == 1, timeout=WAIT)
    with ctx.db.read() as session:
        [logged] = [
            e
            for e in store_audit.iter_entries(session)
            if e.action == AuditAction.ATTENTION_RESOLVED.value
        ]
    assert logged.actor_user_id == acting.id
    assert logged.detail["resolution"] == "Đã gọi điện, tỉnh bổ sung thủ tục"
    assert first.id in {chosen.id, _second.id}
