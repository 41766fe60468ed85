"""The hidden screens are built in the clerk's pauses (issue 16): building one holds the
window 20–60 ms, which would be a stall in her scrolling or typing."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPointF, Qt, QTimer
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

from desk.services import demo, intake
from desk.ui.main_window import MainWindow

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def test_the_hidden_screens_wait_while_the_clerk_moves_then_are_built(qtbot, ctx, clerk) -> None:
    from desk.ui.dossier_list import DossierListView
    from desk.ui.dossier_view import DossierView
    from desk.ui.handback import HandBackView

    for generated in demo.generate(ctx, 2, seed=5):
        intake.receive_dossier(ctx, generated.request, clerk)
    hidden = (DossierListView, DossierView, HandBackView)
    main = MainWindow(ctx, clerk, idle_ms=0)
    qtbot.addWidget(main)

    # The clerk's hand on the mouse: a move every 50 ms, as the idle watcher sees it.
    def move() -> None:
        at = QPointF(40, 40)
        button, modifier = Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier
        event = QMouseEvent(QEvent.Type.MouseMove, at, at, button, button, modifier)
        QApplication.sendEvent(main, event)

    moving = QTimer(main)
    moving.timeout.connect(move)
    moving.start(50)
    turns: list[int] = []
    main._page_builder.timeout.connect(lambda: turns.append(1))
    with qtbot.waitSignal(main.counts_shown, timeout=10_000):
        main.show()
    qtbot.waitUntil(lambda: len(turns) >= 4, timeout=10_000)  # the builder tried, and waited
    assert [main.findChildren(kind) for kind in hidden] == [[], [], []]

    moving.stop()  # she pauses
    qtbot.waitUntil(lambda: all(len(main.findChildren(kind)) == 1 for kind in hidden))
