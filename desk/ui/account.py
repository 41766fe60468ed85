"""«Đổi mật khẩu»: the signed-in account changes its own password.

The service (``auth.change_own_password``) checks the current password (a wrong one counts
as a failed sign-in, throttled like one) and the new one's length; its refusals are shown
in the dialog, under the fields, and nothing is changed."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desk.services import auth
from desk.services.context import DeskContext
from desk.ui.ops import Operation, error_message

PasswordChanger = Callable[[str, str], None]


class ChangePasswordDialog(QDialog):
    changed = Signal()  # the new password is in force

    def __init__(
        self,
        ctx: DeskContext,
        parent: QWidget | None = None,
        *,
        change: PasswordChanger | None = None,
    ):
        super().__init__(parent)
        self._change = change or (lambda old, new: auth.change_own_password(ctx, old, new))
        user = ctx.user
        self.setWindowTitle(self.tr("Đổi mật khẩu — Commune Desk"))
        self.setMinimumWidth(440)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 20)
        who = QLabel(
            self.tr("Tài khoản: {name} ({username})").format(
                name=user.full_name if user else "", username=user.username if user else ""
            )
        )
        who.setWordWrap(True)
        layout.addWidget(who)
        form = QFormLayout()
        form.setVerticalSpacing(10)
        self.old_password = self._password_field("oldPassword")
        self.new_password = self._password_field("newPassword")
        self.repeat_password = self._password_field("repeatPassword")
        form.addRow(self.tr("Mật khẩu hiện tại"), self.old_password)
        form.addRow(self.tr("Mật khẩu mới"), self.new_password)
        form.addRow(self.tr("Nhập lại mật khẩu mới"), self.repeat_password)
        layout.addLayout(form)
        hint = QLabel(
            self.tr("Mật khẩu mới có ít nhất {n} ký tự.").format(n=auth.MIN_PASSWORD_LENGTH)
        )
        hint.setStyleSheet("color: #555;")
        layout.addWidget(hint)
        self.error = QLabel("")
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        layout.addWidget(self.error)
        buttons = QHBoxLayout()
        buttons.addStretch()
        self.cancel_button = QPushButton(self.tr("Hủy"))
        self.save_button = QPushButton(self.tr("Đổi mật khẩu"))
        self.save_button.setProperty("primary", True)
        self.save_button.setDefault(True)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)
        layout.addLayout(buttons)
        self.cancel_button.clicked.connect(self.reject)
        self.save_button.clicked.connect(self.submit)
        self.old_password.returnPressed.connect(self.new_password.setFocus)
        self.new_password.returnPressed.connect(self.repeat_password.setFocus)
        self.repeat_password.returnPressed.connect(self.submit)
        self.old_password.setFocus()

    def _password_field(self, name: str) -> QLineEdit:
        field = QLineEdit()
        field.setObjectName(name)
        field.setEchoMode(QLineEdit.EchoMode.Password)
        return field

    def submit(self) -> None:
        old, new = self.old_password.text(), self.new_password.text()
        if not old:
            self._refuse(self.tr("Nhập mật khẩu hiện tại."), self.old_password)
            return
        if not new:
            self._refuse(self.tr("Nhập mật khẩu mới."), self.new_password)
            return
        if new != self.repeat_password.text():
            self._refuse(
                self.tr("Hai lần nhập mật khẩu mới không giống nhau."), self.repeat_password
            )
            return
        if new == old:
            self._refuse(self.tr("Mật khẩu mới phải khác mật khẩu hiện tại."), self.new_password)
            return
        self.error.setText("")
        # argon2 twice (check the old, hash the new): in the pool, the button off meanwhile.
        Operation(lambda: self._change(old, new), owner=self.save_button).on_success(
            self._on_changed
        ).on_failure(self._on_failed).start()

    def _refuse(self, text: str, field: QLineEdit) -> None:
        self.error.setText(text)
        field.selectAll()
        field.setFocus()

    def _on_changed(self, _result: object) -> None:
        self.changed.emit()
        self.accept()

    def _on_failed(self, error: object) -> None:
        code = getattr(error, "code", "")
        field = self.new_password if code == "user.password_short" else self.old_password
        self._refuse(error_message(error), field)
