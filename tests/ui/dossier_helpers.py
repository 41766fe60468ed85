"""Opening the dossier view on a dossier, as the tests of its dialogs and facts need it."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from desk.domain.office import User
from desk.services.context import DeskContext
from desk.ui.dossier_view import DossierView


def open_dossier(qtbot: QtBot, ctx: DeskContext, user: User, code: str) -> DossierView:
    """A shown dossier view, once ``code`` is loaded (waited on its signal)."""
    view = DossierView(ctx, user)
    qtbot.addWidget(view)
    view.show()
    with qtbot.waitSignal(view.dossier_shown, timeout=10_000):
        view.show_code(code)
    return view
