"""The supervisor's sync panel (pytest-qt, offscreen) against the simulator process."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QThreadPool, QTimer
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from desk.config import ProvinceConfig, config_dir
from desk.domain.outbox import SyncResult
from desk.services.context import DeskContext
from desk.store import dossiers as store_dossiers
from desk.sync import secrets
from desk.sync.report import SyncPhase, SyncProgress
from desk.ui.sync_panel import AttentionTableModel, SyncPanel
from tests.sync.conftest import PASSWORD, USER, Sim, add_dossiers, receive_open

WAIT = 30_000


def configure(ctx: DeskContext, url: str) -> None:
    ctx.config.province = replace(
        ProvinceConfig(),
        url=url,
        username=USER,
        password=secrets.protect(PASSWORD, username=USER, key_dir=config_dir()),
        read_timeout_s=5.0,
    )


@pytest.fixture
def make_panel(qtbot: QtBot, ctx: DeskContext) -> Iterator[Callable[[], SyncPanel]]:
    def make() -> SyncPanel:
        panel = SyncPanel(ctx)
        qtbot.addWidget(panel)
        return panel

    yield make
    # Workers still running hold the database: let them finish before it closes.
    assert QThreadPool.globalInstance().waitForDone(WAIT)


def test_panel_shows_online_pending_and_last_sync(
    qtbot: QtBot, ctx: DeskContext, sim: Sim, make_panel: Callable[[], SyncPanel]
) -> None:
    add_dossiers(ctx, 5)
    configure(ctx, sim.url)
    panel = make_panel()
    with qtbot.waitSignal(panel.online_checked, timeout=WAIT) as online:
        panel.check_online()
    assert online.args == [True]
    assert "Trực tuyến" in panel.online_label.text()
    qtbot.waitUntil(lambda: panel.pending_label.text() == "Chờ gửi: 5 hồ sơ", timeout=WAIT)
    assert panel.last_sync_label.text() == "Chưa đồng bộ lần nào."


def test_sync_now_runs_in_a_worker_and_shows_the_report(
    qtbot: QtBot,
    ctx: DeskContext,
    sim_factory: Callable[..., Sim],
    make_panel: Callable[[], SyncPanel],
) -> None:
    add_dossiers(ctx, 12)
    sim = sim_factory("--latency-ms", "150", "--max-batch", "3")
    configure(ctx, sim.url)
    panel = make_panel()
    ticks: list[int] = []
    timer = QTimer()
    timer.setInterval(20)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start()
    progress: list[SyncProgress] = []
    panel.progress_changed.connect(progress.append)
    with qtbot.waitSignal(panel.sync_finished, timeout=WAIT) as finished:
        qtbot.mouseClick(panel.sync_button, Qt.MouseButton.LeftButton)
        assert not panel.sync_button.isEnabled() and panel.cancel_button.isEnabled()
    timer.stop()
    report = finished.args[0]
    assert report.outcome == "ok" and report.counts[SyncResult.ACCEPTED] == 12
    # The GUI thread kept turning while the run waited on the network (≥ 2 s here).
    assert report.duration_s > 1.0
    assert len(ticks) >= report.duration_s / 0.02 * 0.25
    assert any(p.phase is SyncPhase.PUSH and p.total == 12 for p in progress)
    assert "Tỉnh đã nhận: 12" in panel.report_view.toPlainText()
    assert panel.sync_button.isEnabled() and not panel.cancel_button.isEnabled()
    qtbot.waitUntil(lambda: panel.pending_label.text() == "Chờ gửi: 0 hồ sơ", timeout=WAIT)
    # The figures read after the run (the pending count is the report's at once).
    qtbot.waitUntil(
        lambda: panel.last_sync_label.text().startswith("Lần đồng bộ gần nhất:"), timeout=WAIT
    )


def test_attention_items_are_listed_and_resolved(
    qtbot: QtBot,
    qtmodeltester: ModelTester,
    ctx: DeskContext,
    sim_factory: Callable[..., Sim],
    make_panel: Callable[[], SyncPanel],
) -> None:
    codes = receive_open(ctx, 8)
    with ctx.db.read() as session:
        procedure = store_dossiers.get_dossier(session, codes[0]).procedure_code
    sim = sim_factory("--reject-procedure", procedure)
    configure(ctx, sim.url)
    panel = make_panel()
    with qtbot.waitSignal(panel.sync_finished, timeout=WAIT) as finished:
        panel.start_sync()
    assert finished.args[0].outcome == "attention"
    model = panel.attention_model
    qtbot.waitUntil(
        lambda: model.rowCount() == finished.args[0].counts[SyncResult.REJECTED], timeout=WAIT
    )
    qtmodeltester.check(model)
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Mã hồ sơ"
    assert model.data(model.index(0, AttentionTableModel.KIND)) == "Tỉnh từ chối"
    assert "không có trong danh mục" in model.data(model.index(0, AttentionTableModel.REASON))
    assert not panel.acknowledge_button.isEnabled()
    rows = model.rowCount()

    panel.attention_view.selectRow(0)
    # A refresh still on its way keeps the selection (by item id): wait for it to land.
    qtbot.waitUntil(panel.resend_button.isEnabled, timeout=WAIT)
    assert panel.acknowledge_button.isEnabled()
    panel.note_edit.setText("Tỉnh đã bổ sung thủ tục")  # a resolution needs its note
    with qtbot.waitSignal(panel.attention_resolved, timeout=WAIT) as resolved:
        panel.resend_button.click()
    assert resolved.args[0].resolution.startswith("Tỉnh đã bổ sung thủ tục; gửi lại phiên bản")
    qtbot.waitUntil(lambda: model.rowCount() == rows - 1, timeout=WAIT)
    qtbot.waitUntil(lambda: panel.pending_label.text() == "Chờ gửi: 1 hồ sơ", timeout=WAIT)

    panel.attention_view.selectRow(0)
    qtbot.waitUntil(panel.acknowledge_button.isEnabled, timeout=WAIT)
    panel.note_edit.setText("Đã báo tỉnh")
    with qtbot.waitSignal(panel.attention_resolved, timeout=WAIT) as acknowledged:
        panel.acknowledge_button.click()
    acting = ctx.user
    assert acting is not None and acknowledged.args[0].resolved_by == acting.full_name
    qtbot.waitUntil(lambda: model.rowCount() == rows - 2, timeout=WAIT)


def test_cancel_stops_the_run_and_loses_nothing(
    qtbot: QtBot,
    ctx: DeskContext,
    sim_factory: Callable[..., Sim],
    make_panel: Callable[[], SyncPanel],
) -> None:
    add_dossiers(ctx, 10)
    sim = sim_factory("--latency-ms", "200", "--max-batch", "1")
    configure(ctx, sim.url)
    panel = make_panel()

    def cancel_on_push(progress: object) -> None:
        if getattr(progress, "phase", "") == "push" and panel.cancel_button.isEnabled():
            panel.cancel_button.click()

    panel.progress_changed.connect(cancel_on_push)
    with qtbot.waitSignal(panel.sync_finished, timeout=WAIT) as finished:
        panel.start_sync()
    report = finished.args[0]
    assert report.outcome == "cancelled" and report.pending > 0
    assert "Đã hủy đồng bộ" in panel.report_view.toPlainText()


def test_unconfigured_and_offline_are_shown(
    qtbot: QtBot, ctx: DeskContext, sim: Sim, make_panel: Callable[[], SyncPanel]
) -> None:
    panel = make_panel()
    assert "Chưa cấu hình" in panel.online_label.text()
    with qtbot.waitSignal(panel.sync_failed, timeout=WAIT) as failed:
        panel.start_sync()
    assert "Chưa cấu hình địa chỉ máy chủ tỉnh" in failed.args[0]
    assert panel.sync_button.isEnabled()

    configure(ctx, "http://127.0.0.1:9")  # nothing listens there
    with qtbot.waitSignal(panel.online_checked, timeout=WAIT) as online:
        panel.check_online()
    assert online.args == [False] and "Mất kết nối" in panel.online_label.text()
    with qtbot.waitSignal(panel.sync_finished, timeout=WAIT) as finished:
        panel.start_sync()
    assert finished.args[0].outcome == "offline"


def _type(widget: Any, text: str) -> None:
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    for ch in text:
        QApplication.sendEvent(
            widget, QKeyEvent(QEvent.Type.KeyPress, 0, Qt.KeyboardModifier.NoModifier, ch)
        )


def test_panel_says_who_is_syncing_when_another_run_holds_the_office(
    qtbot: QtBot,
    ctx: DeskContext,
    sim: Sim,
    make_panel: Callable[[], SyncPanel],
    tmp_path: Path,
) -> None:
    """A scheduled «desk sync» (another desk, another process) holds the office's sync:
    «Đồng bộ ngay» does not start a second run and says who, where, since when."""
    from desk.config import DeskConfig
    from desk.services import demo
    from desk.services.sync.lock import SyncLock, this_host

    add_dossiers(ctx, 2)
    configure(ctx, sim.url)
    other = DeskContext.open(DeskConfig(data_dir=tmp_path / "desk-2", database_url=str(ctx.db.url)))
    other.act_as(demo.demo_account(other, "lanhdao"))
    panel = make_panel()
    try:
        with SyncLock(other):
            with qtbot.waitSignal(panel.sync_failed, timeout=WAIT) as failed:
                qtbot.mouseClick(panel.sync_button, Qt.MouseButton.LeftButton)
            [message] = failed.args
            assert message.startswith("Đang có một lượt đồng bộ do ")
            assert f"trên máy {this_host()}" in message
            assert message in panel.report_view.toPlainText()
            assert not panel.running and "POST /hoso/dongbo 200" not in sim.stats()
        with qtbot.waitSignal(panel.sync_finished, timeout=WAIT) as finished:
            qtbot.mouseClick(panel.sync_button, Qt.MouseButton.LeftButton)
        assert finished.args[0].items_sent == 2
    finally:
        assert QThreadPool.globalInstance().waitForDone(WAIT)
        other.close()


def test_panel_shows_a_stuck_batch_and_sets_it_aside_with_a_reason(
    qtbot: QtBot, ctx: DeskContext, sim: Sim, make_panel: Callable[[], SyncPanel]
) -> None:
    from desk.domain.outbox import AttentionKind
    from desk.services import sync as sync_service
    from desk.services.sync.batches import STUCK_ATTEMPTS
    from tests.sync.conftest import FAST, settings_for

    add_dossiers(ctx, 3)
    sim.faults(schedule=["503"] * 1000)
    for _ in range(STUCK_ATTEMPTS):
        sync_service.run_sync(ctx, settings=settings_for(ctx, sim), retry=FAST)
    [batch] = sync_service.stuck_batches(ctx)
    panel = make_panel()
    qtbot.waitUntil(lambda: panel.stuck_box.batch_list.count() == 1, timeout=WAIT)
    assert not panel.stuck_box.isHidden()
    text = panel.stuck_box.batch_list.item(0).text()
    assert batch.batch_id in text and f"gửi hỏng {STUCK_ATTEMPTS} lần" in text
    assert not panel.stuck_box.button.isEnabled()  # a batch and a reason first
    panel.stuck_box.batch_list.item(0).setSelected(True)
    assert not panel.stuck_box.button.isEnabled()
    panel.stuck_box.reason.setFocus()
    _type(panel.stuck_box.reason, "Tỉnh báo lô lỗi")
    assert panel.stuck_box.button.isEnabled()
    with qtbot.waitSignal(panel.batch_set_aside, timeout=WAIT) as done:
        qtbot.mouseClick(panel.stuck_box.button, Qt.MouseButton.LeftButton)
    assert done.args == [batch.batch_id]
    qtbot.waitUntil(lambda: panel.stuck_box.isHidden(), timeout=WAIT)
    qtbot.waitUntil(lambda: panel.attention_model.rowCount() == 3, timeout=WAIT)
    kinds = {panel.attention_model.item(row).kind for row in range(3)}
    assert kinds == {AttentionKind.SET_ASIDE}
    assert "Tỉnh báo lô lỗi" in panel.attention_model.item(0).reason
