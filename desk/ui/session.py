"""Who is at the desk: sign in, the window for that account, sign out or switch user, and
sign in again, for as long as the desk runs.

- «Đăng xuất»: the window ends (its unfinished intake kept as the account's draft), the
  context acts for nobody, and the sign-in dialog comes back; «Thoát» there closes the desk.
- «Đổi người dùng»: the window locks and the sign-in dialog opens over it. Another account
  signing in gets a new window (the first one ends as above); the same account unlocks;
  «Hủy» leaves the window locked for its account.

A new window is built for each account, so nothing one account had on screen (a dossier,
a search, a preview) is left for the next one, and each sees only its own drafts."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, Signal

from desk.domain.office import User
from desk.services.context import DeskContext
from desk.ui.sign_in import Authenticator, SignInDialog

WindowFactory = Callable[[DeskContext, User], Any]


def _main_window(ctx: DeskContext, user: User) -> Any:
    from desk.ui.main_window import MainWindow

    return MainWindow(ctx, user)


class DeskSession(QObject):
    window_opened = Signal(object)  # MainWindow, for the account that signed in
    sign_in_shown = Signal(object)  # SignInDialog
    finished = Signal()  # the desk closes: sign-in given up, or the window closed

    def __init__(
        self,
        ctx: DeskContext,
        *,
        authenticate: Authenticator | None = None,
        make_window: WindowFactory | None = None,
        parent: QObject | None = None,
    ):
        super().__init__(parent)
        self.ctx = ctx
        self._authenticate = authenticate
        self._make_window = make_window or _main_window
        self.window: Any = None
        self.sign_in: SignInDialog | None = None

    def start(self, sign_in: SignInDialog | None = None) -> None:
        """Ask who signs in; ``sign_in``: the dialog already on screen while the office
        opened (``desk.app``), given the office now."""
        if sign_in is None:
            self._ask()
            return
        self._show(sign_in)
        sign_in.attach(self.ctx, self._authenticate)

    def _ask(self, switching_from: User | None = None) -> None:
        self._drop_sign_in()
        self._show(
            SignInDialog(self.ctx, authenticate=self._authenticate, switching_from=switching_from)
        )

    def _show(self, dialog: SignInDialog) -> None:
        dialog.signed_in.connect(self._on_signed_in)
        dialog.rejected.connect(self._on_sign_in_cancelled)
        self.sign_in = dialog
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        self.sign_in_shown.emit(dialog)

    def _drop_sign_in(self) -> None:
        if self.sign_in is not None and shiboken6.isValid(self.sign_in):
            self.sign_in.hide()
            self.sign_in.deleteLater()
        self.sign_in = None

    def _on_signed_in(self, user: User) -> None:
        old = self.window
        if old is not None and user.id == old.user.id:
            # The same account signed in from «Đổi người dùng»: it simply goes on.
            self.ctx.act_as(old.user)
            old.unlock()
            return
        if old is not None:
            # Work the old window still has in the pool finishes as its own account.
            self.ctx.act_as(old.user)
            self._end(old)
        self.ctx.act_as(user)
        window = self._make_window(self.ctx, user)
        window.sign_out_requested.connect(self.sign_out)
        window.switch_requested.connect(self.switch_user)
        window.closed.connect(lambda w=window: self._on_window_closed(w))
        self.window = window
        window.show()
        window.raise_()
        window.activateWindow()
        self.window_opened.emit(window)

    def sign_out(self) -> None:
        # The dialog first: the desk always has a window open.
        self._ask()
        if self.window is not None:
            self._end(self.window)
        self.ctx.act_as(None)

    def switch_user(self) -> None:
        if self.window is not None:
            self._ask(switching_from=self.window.user)

    def _end(self, window: Any) -> None:
        if self.window is window:
            self.window = None
        window.end_session()
        window.deleteLater()

    def _on_sign_in_cancelled(self) -> None:
        if self.window is None:
            self.finished.emit()
        # Else the switch was cancelled: the window stays locked for its account.

    def _on_window_closed(self, window: Any) -> None:
        if window.ending or window is not self.window:
            return  # ended for the next account
        self.window = None
        self.ctx.act_as(None)
        self._drop_sign_in()
        self.finished.emit()
