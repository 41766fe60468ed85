"""The cyclic garbage collector paused while the desk starts (``desk.app.DeskStart``).

The start's imports (Qt's, SQLAlchemy's, the models', the window's) made ~250 collections
that found next to nothing (under 200 objects of garbage), 0.25–0.3 s of CPU with two
walks of everything loaded, on the way to the first usable window. The collector is off
from the start until the first window's figures are on screen, or the start ends
otherwise (a fault, the sign-in given up, a restore); what the start loaded is then
frozen by the desk's own policy (``desk.ui.collector``) and the collector goes on as
before."""

from __future__ import annotations

import gc
from typing import Any

from PySide6.QtCore import QObject, QTimer

# The window's first figures may never come (their error is shown in the today panel):
# the collector is on again this long after the window opened, at the latest.
LIMIT_MS = 10_000


class StartPause(QObject):
    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.paused = gc.isenabled()
        gc.disable()

    def end(self, *_args: object) -> None:
        if self.paused:
            self.paused = False
            gc.enable()

    def end_with_first_figures(self, window: Any) -> None:
        """``window`` opened: the collector is on again once its figures show."""
        if not self.paused:
            return  # a later window (a sign-in after a sign-out)
        counts_shown = getattr(window, "counts_shown", None)
        if counts_shown is not None:
            counts_shown.connect(self.end)
        QTimer.singleShot(LIMIT_MS, self, self.end)
