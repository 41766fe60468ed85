"""The sign-in screen, and the lock screen that asks for the password again after idling.

Only the account that locked the window unlocks it: an administrator's password does not,
since whatever is done next would be recorded as the work of the account on screen.
Someone else at the desk uses «Đổi người dùng» on the lock screen: the window is rebuilt
for the account that signs in, and the first one's unfinished intake is kept as its draft.
The services throttle guessing (``auth.authenticate``): their refusal, the wait included,
is shown as it is, like a wrong password or a disabled account."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desk.errors import DeskError
from desk.ui.ops import Operation

if TYPE_CHECKING:
    # Not at run time: the services load SQLAlchemy, which the sign-in's first showing
    # does not wait for (``desk.app``: it loads while the clerk types).
    from desk.config import DeskConfig
    from desk.domain.office import User
    from desk.services.context import DeskContext

Authenticator = Callable[[str, str], "User"]


def _message(error: object, fallback: str) -> str:
    return error.message if isinstance(error, DeskError) else fallback


def _authenticator(ctx: DeskContext) -> Authenticator:
    """The office's own password check (``auth.authenticate``), run in the pool."""

    def authenticate(username: str, password: str) -> User:
        from desk.services import auth

        return auth.authenticate(ctx, username, password)

    return authenticate


def check_password_ahead(config: DeskConfig, username: str, password: str) -> None:
    """«Đăng nhập» pressed while the office still opens: argon2 checks the password against
    the data folder's SQLite file in the pool meanwhile (``desk.services.auth_check``; the
    sign-in itself still waits for the office). A database named by the settings or
    ``--db`` is left to the usual check."""
    if config.database_url:
        return
    from desk.services import auth_check  # light: nothing the office's opening imports

    ahead = auth_check.check_ahead(password)
    path = config.default_sqlite_path
    Operation(lambda: ahead.run(path, username)).start()


class SignInDialog(QDialog):
    """Username and password of an account of the office database.

    At the desk's start the dialog shows before the office is open (``ctx`` None): the
    clerk types meanwhile, the office's names appear and the password is checked once
    ``attach`` gives it the office (a «Đăng nhập» pressed before waits for it)."""

    signed_in = Signal(object)  # User

    def __init__(
        self,
        ctx: DeskContext | None,
        parent: QWidget | None = None,
        *,
        authenticate: Authenticator | None = None,
        switching_from: User | None = None,
    ):
        super().__init__(parent)
        self.ctx: DeskContext | None = None
        self._authenticate = authenticate
        self._waiting = False  # «Đăng nhập» was pressed before the office was open
        # Given by the desk's start: what «Đăng nhập» before the office is open starts.
        self.check_ahead: Callable[[str, str], None] | None = None
        self.user: User | None = None
        if switching_from is None:
            self.setWindowTitle(self.tr("Đăng nhập — Commune Desk"))
        else:
            self.setWindowTitle(self.tr("Đổi người dùng — Commune Desk"))
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 28, 32, 24)
        self.agency = QLabel("")
        self.agency.setStyleSheet("font-size: 12pt; color: #555;")
        self.unit = QLabel("")
        self.unit.setObjectName("pageTitle")
        self.unit.setWordWrap(True)
        layout.addWidget(self.agency)
        layout.addWidget(self.unit)
        layout.addSpacing(8)
        hint = QLabel(self.tr("Đăng nhập bằng tài khoản cán bộ của cơ quan."))
        if switching_from is not None:
            hint.setText(
                self.tr(
                    "Đăng nhập bằng tài khoản của người dùng mới. Hồ sơ đang nhập dở của "
                    "{name} được lưu lại để người đó làm tiếp sau."
                ).format(name=switching_from.full_name)
            )
        hint.setWordWrap(True)
        layout.addWidget(hint)
        form = QFormLayout()
        form.setVerticalSpacing(10)
        self.username = QLineEdit()
        self.username.setObjectName("username")
        self.username.setPlaceholderText(self.tr("ví dụ: canbo1"))
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("Tên đăng nhập"), self.username)
        form.addRow(self.tr("Mật khẩu"), self.password)
        layout.addLayout(form)
        self.error = QLabel("")
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        layout.addWidget(self.error)
        buttons = QHBoxLayout()
        buttons.addStretch()
        # Switching: cancelling leaves the window locked for its account.
        self.quit_button = QPushButton(
            self.tr("Thoát") if switching_from is None else self.tr("Hủy")
        )
        self.sign_in_button = QPushButton(self.tr("Đăng nhập"))
        self.sign_in_button.setProperty("primary", True)
        self.sign_in_button.setDefault(True)
        buttons.addWidget(self.quit_button)
        buttons.addWidget(self.sign_in_button)
        layout.addLayout(buttons)
        self.quit_button.clicked.connect(self.reject)
        self.sign_in_button.clicked.connect(self.submit)
        self.username.returnPressed.connect(self.password.setFocus)
        self.password.returnPressed.connect(self.submit)
        self.username.setFocus()
        if ctx is not None:
            self.attach(ctx)

    def attach(self, ctx: DeskContext, authenticate: Authenticator | None = None) -> None:
        """The office is open: its names on screen, and a sign-in already asked for goes."""
        self.ctx = ctx
        self._authenticate = self._authenticate or authenticate or _authenticator(ctx)
        office = ctx.office
        self.agency.setText(office.agency_name)
        self.unit.setText(office.unit_name)
        if self._waiting:
            self._waiting = False
            self.sign_in_button.setEnabled(True)
            self.submit()

    def submit(self) -> None:
        username, password = self.username.text(), self.password.text()
        if not username.strip() or not password:
            self.error.setText(self.tr("Nhập tên đăng nhập và mật khẩu."))
            return
        self.error.setText("")
        if self._authenticate is None:
            # The office is still opening: the button waits for it, as for the check.
            self._waiting = True
            self.sign_in_button.setEnabled(False)
            if self.check_ahead is not None:
                self.check_ahead(username, password)
            return
        # argon2 takes tens of milliseconds by design: off the GUI thread, the button off
        # meanwhile (and Enter pressed again is not a second attempt).
        Operation(
            lambda: self._authenticate(username, password), owner=self.sign_in_button
        ).on_success(self._on_user).on_failure(self._on_failed).start()

    def _on_user(self, user: User) -> None:
        self.user = user
        self.signed_in.emit(user)
        self.accept()

    def _on_failed(self, error: object) -> None:
        self.error.setText(_message(error, self.tr("Không đăng nhập được.")))
        self.password.selectAll()
        self.password.setFocus()


class LockScreen(QFrame):
    """Covers the whole window; the screens under it keep everything that was typed."""

    unlocked = Signal()
    switch_requested = Signal()  # someone else wants to sign in at this desk

    def __init__(
        self,
        ctx: DeskContext,
        user: User,
        parent: QWidget,
        *,
        authenticate: Authenticator | None = None,
    ):
        super().__init__(parent)
        self.user = user
        self._authenticate: Authenticator = authenticate or _authenticator(ctx)
        self.setObjectName("lockScreen")
        self.setAutoFillBackground(True)
        # Opaque: the screens underneath show names and ID numbers.
        self.setStyleSheet("QFrame#lockScreen { background: rgb(74, 22, 22); }")
        outer = QVBoxLayout(self)
        outer.addStretch()
        card = QFrame()
        card.setObjectName("card")
        card.setMaximumWidth(520)
        card.setStyleSheet("QFrame#card { background: white; border-radius: 10px; }")
        layout = QVBoxLayout(card)
        layout.setContentsMargins(28, 24, 28, 24)
        title = QLabel(self.tr("Máy đã khóa"))
        title.setObjectName("pageTitle")
        layout.addWidget(title)
        self.explanation = QLabel("")
        self.explanation.setWordWrap(True)
        layout.addWidget(self.explanation)
        self.password = QLineEdit()
        self.password.setObjectName("lockPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("Mật khẩu"))
        layout.addWidget(self.password)
        self.error = QLabel("")
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        layout.addWidget(self.error)
        self.switch_button = QPushButton(self.tr("Đổi người dùng"))
        self.switch_button.setObjectName("switchUser")
        self.unlock_button = QPushButton(self.tr("Mở khóa"))
        self.unlock_button.setProperty("primary", True)
        lock_buttons = QHBoxLayout()
        lock_buttons.addWidget(self.switch_button)
        lock_buttons.addStretch()
        lock_buttons.addWidget(self.unlock_button)
        layout.addLayout(lock_buttons)
        row = QHBoxLayout()
        row.addStretch()
        row.addWidget(card)
        row.addStretch()
        outer.addLayout(row)
        outer.addStretch()
        self.unlock_button.clicked.connect(self.submit)
        self.switch_button.clicked.connect(lambda _checked=False: self.switch_requested.emit())
        self.password.returnPressed.connect(self.submit)
        self.hide()

    def show_over(self) -> None:
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        # Why it is locked: the window's idle watcher timed out, or the user locked it.
        watcher = parent.findChild(IdleWatcher) if parent is not None else None
        self.explain(idle=watcher is not None and watcher.timed_out)
        self.password.clear()
        self.error.setText("")
        self.show()
        self.raise_()
        self.password.setFocus()

    def explain(self, *, idle: bool) -> None:
        name = self.user.full_name
        if idle:
            why = self.tr("Không sử dụng trong một thời gian nên màn hình đã khóa.")
        else:
            why = self.tr("{name} đã khóa máy.").format(name=name)
        rest = self.tr(
            "Mọi thông tin đang nhập vẫn được giữ nguyên. Nhập mật khẩu của {name} để tiếp "
            "tục; người khác dùng máy thì bấm «Đổi người dùng»."
        ).format(name=name)
        self.explanation.setText(f"{why} {rest}")

    def submit(self) -> None:
        password = self.password.text()
        if not password:
            self.error.setText(self.tr("Nhập mật khẩu để mở khóa."))
            return
        username = self.user.username
        Operation(
            lambda: self._authenticate(username, password), owner=self.unlock_button
        ).on_success(self._on_user).on_failure(self._on_failed).start()

    def _on_user(self, user: User) -> None:
        if user.id != self.user.id:  # pragma: no cover - same username, same account
            self.error.setText(self.tr("Sai mật khẩu."))
            return
        self.hide()
        self.unlocked.emit()

    def _on_failed(self, error: object) -> None:
        self.error.setText(_message(error, self.tr("Không mở khóa được.")))
        self.password.selectAll()
        self.password.setFocus()


class IdleWatcher(QObject):
    """Emits ``idle`` after ``timeout_ms`` without a key press or mouse action anywhere in
    the application (install it on the QApplication)."""

    idle = Signal()

    _ACTIVITY = frozenset(
        {
            QEvent.Type.KeyPress,
            QEvent.Type.MouseButtonPress,
            QEvent.Type.MouseMove,
            QEvent.Type.Wheel,
            QEvent.Type.InputMethod,
        }
    )
    APP_EVENTS = _ACTIVITY  # all its eventFilter acts on (desk.ui.app_filters)

    def __init__(self, timeout_ms: int, parent: QObject | None = None):
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._time_out)
        self.timed_out = False  # the last lock came from here (not from «Khóa máy»)
        # When the clerk last typed, clicked or scrolled, even with the lock off: the
        # garbage collector waits for a pause (desk/ui/collector.py).
        self.last_activity = time.monotonic()
        self.set_timeout(timeout_ms)

    def _time_out(self) -> None:
        self.timed_out = True
        self.idle.emit()

    def set_timeout(self, timeout_ms: int) -> None:
        """0 turns the lock off."""
        self.timeout_ms = timeout_ms
        self.poke()

    def poke(self) -> None:
        self.timed_out = False
        if self.timeout_ms > 0:
            self._timer.start(self.timeout_ms)
        else:
            self._timer.stop()

    def pause(self) -> None:
        self._timer.stop()

    @property
    def active(self) -> bool:
        return self._timer.isActive()

    def idle_for_s(self) -> float:
        """Seconds since the last key press or mouse action."""
        return time.monotonic() - self.last_activity

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in self._ACTIVITY:
            self.last_activity = time.monotonic()
            if self._timer.isActive():
                self._timer.start(self.timeout_ms)
        return False
