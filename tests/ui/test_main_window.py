"""The first desk window: the office's name and today's figures, counted off-thread."""

from __future__ import annotations

from desk.domain.calendar import now_in_office
from desk.services import demo, intake
from desk.ui.main_window import MainWindow


def test_window_shows_office_and_today_counts(qtbot, ctx, clerk) -> None:  # type: ignore[no-untyped-def]
    requests = [d.request for d in demo.generate(ctx, 3, seed=2)]
    for request in requests:
        intake.receive_dossier(ctx, request, clerk, at=now_in_office())
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.counts_shown, timeout=10_000) as shown:
        window.refresh()
    assert shown.args[0].received == 3
    assert window.values["received"].text() == "3"
    assert window.values["waiting_for_sync"].text() == "3"
    assert "UBND XÃ YÊN LẠC" in window.windowTitle()
