"""«Cấu hình kết nối tới tỉnh»: the supervisor sets the province's address, the sync
account, its password and the province's CA file in the window, as ``desk sync
configure`` does on the command line (the same service checks the role and the rules and
protects the password). «Thử kết nối» pings and signs in with what is typed, unsaved;
both run off the GUI thread (``desk.ui.ops``). Once saved, the office's context has the
new settings: the sync panel pings the new address and the next run uses it."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desk.errors import DeskError
from desk.services import sync as sync_service
from desk.services.context import DeskContext
from desk.sync.secrets import Secret
from desk.ui.ops import Operation, error_message

ERROR_COLOUR, DONE_COLOUR = "#b3261e", "#1b7f2a"


class SyncSettingsDialog(QDialog):
    saved = Signal()  # the settings are written and in use
    tried = Signal(bool, str)  # «Thử kết nối»: whether it worked, and what was said

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.has_password = False  # one is saved (filled in below)
        self.setWindowTitle(self.tr("Cấu hình kết nối tới hệ thống của tỉnh"))
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "Địa chỉ, tài khoản và mật khẩu do đơn vị quản lý hệ thống một cửa của tỉnh "
                "cấp. Mật khẩu được lưu ở dạng bảo vệ, không lưu dạng rõ."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)

        form = QFormLayout()
        self.url = QLineEdit()
        self.url.setPlaceholderText("https://motcua.tinh.gov.vn/api")
        self.username = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.ca_bundle = QLineEdit()
        self.ca_bundle.setPlaceholderText(self.tr("Không bắt buộc: tệp .pem do tỉnh cung cấp"))
        self.choose_ca = QPushButton(self.tr("Chọn…"))
        self.choose_ca.clicked.connect(self._choose_ca)
        ca_row = QHBoxLayout()
        ca_row.addWidget(self.ca_bundle, 1)
        ca_row.addWidget(self.choose_ca)
        self.insecure = QCheckBox(
            self.tr("Cho phép HTTP không mã hóa tới máy khác (chỉ khi tỉnh yêu cầu)")
        )
        form.addRow(self.tr("Địa chỉ máy chủ tỉnh"), self.url)
        form.addRow(self.tr("Tài khoản đồng bộ"), self.username)
        form.addRow(self.tr("Mật khẩu"), self.password)
        form.addRow(self.tr("Tệp chứng chỉ CA (PEM)"), ca_row)
        form.addRow("", self.insecure)
        layout.addLayout(form)

        self.message = QLabel()
        self.message.setObjectName("syncSettingsMessage")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)

        self.try_button = QPushButton(self.tr("Thử kết nối"))
        self.try_button.setToolTip(
            self.tr("Kiểm tra địa chỉ và đăng nhập bằng thông tin đang nhập, chưa lưu")
        )
        self.try_button.clicked.connect(self.try_connection)
        self.save_button = QPushButton(self.tr("Lưu"))
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        self.cancel_button = QPushButton(self.tr("Hủy"))
        self.cancel_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.try_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.cancel_button)
        # Owns the saving: no second click, no closing, until it is written.
        self.buttons = QWidget()
        self.buttons.setLayout(buttons)
        layout.addWidget(self.buttons)
        for field in (self.url, self.username, self.password, self.ca_bundle):
            field.textEdited.connect(lambda _text: self.message.clear())
        self._fill()

    def _fill(self) -> None:
        try:
            view = sync_service.current_settings(self.ctx)
        except DeskError as exc:  # e.g. an account that may not sync
            self._say(exc.message, ok=False)
            self.save_button.setEnabled(False)
            self.try_button.setEnabled(False)
            return
        self.url.setText(view.url)
        self.username.setText(view.username)
        self.ca_bundle.setText(view.ca_bundle)
        self.insecure.setChecked(view.allow_insecure_http)
        self.has_password = view.has_password
        self.password.setPlaceholderText(
            self.tr("Để trống: giữ mật khẩu đã lưu") if view.has_password else ""
        )
        (self.username if view.url else self.url).setFocus()

    def _values(self) -> dict[str, Any]:
        typed = self.password.text()
        return {
            "server": self.url.text(),
            "username": self.username.text(),
            # Empty keeps the saved password (the service says when there is none).
            "password": Secret(typed) if typed else None,
            "ca_bundle": self.ca_bundle.text(),
            "allow_insecure_http": self.insecure.isChecked(),
        }

    def _choose_ca(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self,
            self.tr("Chọn tệp chứng chỉ CA của tỉnh"),
            self.ca_bundle.text(),
            self.tr("Chứng chỉ PEM (*.pem *.crt *.cer);;Mọi tệp (*)"),
        )
        if path:
            self.ca_bundle.setText(path)
            self.message.clear()

    def _say(self, text: str, *, ok: bool) -> None:
        self.message.setText(text)
        colour = DONE_COLOUR if ok else ERROR_COLOUR
        self.message.setStyleSheet(f"color: {colour};")

    def _refused(self, error: object) -> None:
        """A refusal said, and the cursor put in the field it is about."""
        self._say(error_message(error), ok=False)
        code = error.code if isinstance(error, DeskError) else ""
        fields = {
            "sync.url": self.url,
            "sync.insecure_http": self.url,
            "sync.username": self.username,
            "sync.password": self.password,
            "sync.ca_bundle": self.ca_bundle,
            "sync.ca_not_pem": self.ca_bundle,
            "sync.tls": self.ca_bundle,
        }
        field = fields.get(code)
        if field is not None:
            field.setFocus()
            field.selectAll()

    def reject(self) -> None:
        if Operation.busy(self.buttons):  # Esc while saving: the saving finishes first
            return
        super().reject()

    # --- «Lưu» --------------------------------------------------------------------------

    def save(self) -> None:
        ctx, values = self.ctx, self._values()
        self._say(self.tr("Đang lưu…"), ok=True)
        Operation(
            lambda: sync_service.save_settings(ctx, **values),
            owner=self.buttons,
        ).on_success(self._on_saved).on_failure(self._refused).start()

    def _on_saved(self, _path: object) -> None:
        self.password.clear()
        self.saved.emit()
        self.accept()

    # --- «Thử kết nối» ------------------------------------------------------------------

    def try_connection(self) -> None:
        ctx, values = self.ctx, self._values()
        self._say(self.tr("Đang thử kết nối tới máy chủ tỉnh…"), ok=True)
        Operation(
            lambda: sync_service.try_connection(ctx, **values),
            owner=self.try_button,
        ).on_success(self._on_tried).on_failure(self._on_try_failed).start()

    def _on_tried(self, check: sync_service.ConnectionCheck) -> None:
        try:
            when = datetime.strptime(check.server_time, "%Y%m%d%H%M%S")
            clock = f"{when:%H:%M %d/%m/%Y}"
        except ValueError:
            clock = check.server_time
        text = self.tr(
            "Kết nối được: máy chủ tỉnh trả lời (giờ máy chủ {clock}) và nhận tài khoản "
            "{user}. Bấm «Lưu» để dùng cấu hình này."
        ).format(clock=clock, user=self.username.text().strip())
        self._say(text, ok=True)
        self.tried.emit(True, text)

    def _on_try_failed(self, error: object) -> None:
        self._refused(error)
        self.tried.emit(False, self.message.text())
