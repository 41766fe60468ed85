"""How the main window locks and how an account leaves it. Locked (after the idle time,
``IdleWatcher``, or «Khóa máy»), the dialogs showing citizens' data hide, the shortcuts
stop and the lock screen covers the window until the same account signs in again;
«Đổi người dùng» locks first, then another account signs in; «Đăng xuất» and a switch
end the window (``end_session``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QApplication, QDialog, QWidget

from desk.ui.geometry import cover
from desk.ui.ops import wait_for_operations
from desk.ui.sign_in import LockScreen

if TYPE_CHECKING:
    from typing import TypeVar

    from PySide6.QtCore import QObject

    from desk.domain.office import User
    from desk.services.context import DeskContext
    from desk.ui.navigation import NavBar
    from desk.ui.sign_in import IdleWatcher

    _Child = TypeVar("_Child", bound=QObject)


class IdleLock:
    """Mixed into ``MainWindow``: the lock screen (built when first locked), lock, unlock,
    sign out, switch user, end the session."""

    if TYPE_CHECKING:
        ctx: DeskContext
        user: User
        locked: bool
        idle: IdleWatcher
        nav: NavBar
        locked_changed: Any
        _lock_screen: LockScreen | None
        _hidden_for_lock: list[QWidget]
        _intake: Any
        ending: bool
        sign_out_requested: Any
        switch_requested: Any

        def _authenticate(self, *args: Any, **kwargs: Any) -> Any: ...
        def findChildren(self, kind: type[_Child]) -> list[_Child]: ...
        def close(self) -> bool: ...

    @property
    def lock_screen(self) -> LockScreen:
        if self._lock_screen is None:
            screen = LockScreen(self.ctx, self.user, self, authenticate=self._authenticate)
            screen.unlocked.connect(self.unlock)
            screen.switch_requested.connect(self.switch_user)
            cover(screen)
            self._lock_screen = screen
        return self._lock_screen

    def lock(self) -> None:
        if self.locked:
            return
        self.locked = True
        self.idle.pause()
        for widget in QApplication.topLevelWidgets():
            if widget is not self and widget.isVisible() and isinstance(widget, QDialog):
                widget.hide()
                self._hidden_for_lock.append(widget)
        self.nav.set_shortcuts_enabled(False)
        self.lock_screen.show_over()
        self.locked_changed.emit(True)

    def unlock(self) -> None:
        if not self.locked:
            return
        self.locked = False
        if self._lock_screen is not None:
            self._lock_screen.hide()
        self.nav.set_shortcuts_enabled(True)
        for widget in self._hidden_for_lock:
            widget.show()
        self._hidden_for_lock = []
        self.idle.poke()
        self.locked_changed.emit(False)

    def sign_out(self) -> None:
        """«Đăng xuất»: the session ends the window (``end_session``) and asks who is next."""
        if self.locked:
            return
        self.sign_out_requested.emit()

    def switch_user(self) -> None:
        """«Đổi người dùng»: lock first (nothing of this account stays in view), then the
        session asks another account to sign in; cancelled, the window stays locked."""
        self.lock()
        self.switch_requested.emit()

    def end_session(self) -> None:
        """Before the window goes for another account: what was typed is kept as this
        account's draft, the dialogs that show citizens' data close, and work still in the
        pool finishes as this account. Then the window closes."""
        self.ending = True
        self.idle.pause()
        keep = getattr(self._intake.screen, "keep_draft", None)
        if keep is not None:
            keep()
        for widget in [*self._hidden_for_lock, *self.findChildren(QDialog)]:
            widget.close()
        self._hidden_for_lock = []
        wait_for_operations()
        self.close()
