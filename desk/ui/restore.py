"""Restore the office from a backup, in the window (an admin) or at a start on a damaged
database (``desk.app``): which file, what it holds, what happens to the current data, the
passphrase and the admin's password, then ``restore_backup`` with a progress bar."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
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

from desk.config import DeskConfig
from desk.errors import DeskError
from desk.services import backup as backup_service
from desk.services.backup import BackupInfo, RestoreResult
from desk.ui.backup import (
    BACKUP_SUFFIX,
    hidden_progress_bar,
    progress_sink,
    reason_label,
    secret_edit,
    show_progress,
    size_text,
    when_text,
)
from desk.ui.ops import Operation, Progress, error_message
from desk.ui.style import WARN

# Errors of a restore raised before anything is touched: the desk goes on as it was.
UNTOUCHED_CODES = frozenset(
    {
        "backup.passphrase",
        "backup.not_a_backup",
        "backup.damaged",
        "backup.other_office",
        "backup.no_key",
    }
)


class RestoreDialog(QDialog):
    """Restore the office from a backup file: which file (the selected or the latest by
    default), what it holds, what happens to the current data, the backup passphrase and
    the admin's password; then ``restore_backup`` with a progress bar.

    In the window ``username`` is the admin signed in; at a start on a damaged database
    (``desk.app``) it is typed, and the service checks it against the backup's accounts.
    ``before_restore`` runs on the GUI thread just before the restore starts (the window
    lets its work finish and closes its database connections); ``after_refused`` when the
    service refused before touching anything (the window goes on). ``finished_restore``
    reports the result, or None and the message after a failure that may have touched
    the data (the desk then reopens on whatever the database now is)."""

    finished_restore = Signal(object, str)  # RestoreResult | None, message
    info_shown = Signal(object)  # BackupInfo
    failed = Signal(str)

    def __init__(
        self,
        config: DeskConfig,
        parent: QWidget | None = None,
        *,
        username: str | None = None,
        path: Path | None = None,
        agency_id: str | None = None,
        before_restore: Callable[[], None] | None = None,
        after_refused: Callable[[], None] | None = None,
    ):
        super().__init__(parent)
        self.config = config
        self.agency_id = agency_id
        self.before_restore = before_restore
        self.after_refused = after_refused
        self.info: BackupInfo | None = None
        self.running = False
        self.restore_result: RestoreResult | None = None
        self.setWindowTitle(self.tr("Khôi phục từ bản sao lưu"))
        self.setMinimumWidth(620)
        layout = QVBoxLayout(self)
        form = QFormLayout()

        file_row = QHBoxLayout()
        self.path_edit = QLineEdit(str(path) if path is not None else "")
        self.path_edit.setObjectName("backupFile")
        self.path_edit.editingFinished.connect(self.read_info)
        browse = QPushButton(self.tr("Chọn tệp…"))
        browse.clicked.connect(self.browse)
        file_row.addWidget(self.path_edit, 1)
        file_row.addWidget(browse)
        form.addRow(self.tr("Tệp sao lưu"), file_row)

        self.info_label = QLabel(self.tr("Chọn một tệp sao lưu (.deskbackup)."))
        self.info_label.setObjectName("backupInfo")
        # Three short lines at most, broken by hand, and room for them from the start: the
        # form does not grow a row once the dialog is shown, and cut the second line.
        self.info_label.setMinimumHeight(self.info_label.fontMetrics().lineSpacing() * 3 + 4)
        self.info_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        form.addRow(self.tr("Nội dung"), self.info_label)

        self.passphrase = secret_edit("backupPassphrase")
        form.addRow(self.tr("Mật khẩu sao lưu"), self.passphrase)
        self.username = QLineEdit(username or "")
        self.username.setObjectName("adminUser")
        if username:
            self.username.setReadOnly(True)
        form.addRow(self.tr("Tài khoản quản trị"), self.username)
        self.password = secret_edit("adminPassword")
        form.addRow(self.tr("Mật khẩu đăng nhập"), self.password)
        layout.addLayout(form)

        self.warning = QLabel(self._warning_text())
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet(f"color: {WARN}; font-weight: bold;")
        layout.addWidget(self.warning)
        self.other_office = QCheckBox(
            self.tr("Đây là bản sao lưu của cơ quan khác: tôi vẫn muốn khôi phục nó.")
        )
        self.other_office.hide()
        layout.addWidget(self.other_office)
        self.understood = QCheckBox(
            self.tr("Tôi hiểu: dữ liệu hiện tại được cất sang một bên và thay bằng bản sao lưu.")
        )
        self.understood.toggled.connect(self._update_button)
        layout.addWidget(self.understood)

        self.progress_bar = hidden_progress_bar()
        self.step_label = QLabel("")
        layout.addWidget(self.progress_bar)
        layout.addWidget(self.step_label)
        self.error = QLabel("")
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        layout.addWidget(self.error)

        row = QHBoxLayout()
        row.addStretch()
        self.cancel_button = QPushButton(self.tr("Hủy"))
        self.cancel_button.clicked.connect(self.reject)
        self.restore_button = QPushButton(self.tr("Khôi phục"))
        self.restore_button.setProperty("primary", True)
        self.restore_button.clicked.connect(self.restore)
        row.addWidget(self.cancel_button)
        row.addWidget(self.restore_button)
        layout.addLayout(row)
        self._update_button()
        if path is not None:
            self.read_info()

    def _warning_text(self) -> str:
        url = self.config.effective_database_url
        if url.startswith("sqlite"):
            where = self.tr(
                "Cơ sở dữ liệu hiện tại (cùng các tệp -wal, -shm đi kèm) được đổi tên và cất "
                "lại trong thư mục {folder}, không bị xóa."
            ).format(folder=self.config.data_dir)
        else:
            where = self.tr(
                "Trước khi khôi phục, dữ liệu hiện tại được sao lưu (lý do «Trước khi khôi "
                "phục») vào {folder}."
            ).format(folder=self.config.backup_dir)
        return (
            self.tr(
                "Khôi phục thay toàn bộ dữ liệu của cơ quan (hồ sơ, tệp quét, tài khoản) bằng "
                "nội dung bản sao lưu. Hồ sơ nhập sau thời điểm sao lưu sẽ không còn trong "
                "chương trình."
            )
            + " "
            + where
            + " "
            + self.tr("Mọi người phải đăng nhập lại sau khi khôi phục.")
        )

    def browse(self) -> None:
        start = self.path_edit.text() or str(self.config.backup_dir)
        name, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Chọn tệp sao lưu"),
            start,
            self.tr("Bản sao lưu (*{suffix});;Mọi tệp (*)").format(suffix=BACKUP_SUFFIX),
        )
        if name:
            self.path_edit.setText(name)
            self.read_info()

    def chosen_path(self) -> Path | None:
        text = self.path_edit.text().strip()
        return Path(text) if text else None

    def read_info(self) -> None:
        """The backup's header (no passphrase needed): when, which office, how much."""
        path = self.chosen_path()
        self.info = None
        self._update_button()
        if path is None:
            return
        Operation(lambda: (path, backup_service.backup_info(path))).on_success(
            self._show_info
        ).on_failure(functools.partial(self._info_failed, path)).start()

    def _show_info(self, result: tuple[Path, BackupInfo]) -> None:
        path, info = result
        if path != self.chosen_path():
            return  # another file was chosen meanwhile
        self.info = info
        self.error.setText("")
        text = self.tr(
            "Sao lưu lúc {when} ({reason}), cơ quan {agency}\n{n} hồ sơ, {f} tệp quét · {size}"
        ).format(
            when=when_text(info.taken_at),
            reason=self.tr(reason_label(info.reason)),
            agency=info.agency_id,
            n=info.dossier_count,
            f=info.file_count,
            size=size_text(info.size),
        )
        if self.agency_id and info.agency_id != self.agency_id:
            text += "\n" + self.tr("Bản sao lưu này của cơ quan khác (máy này là {mine}).").format(
                mine=self.agency_id
            )
            self.other_office.show()
        self.info_label.setText(text)
        self._update_button()
        self.info_shown.emit(info)

    def _info_failed(self, path: Path, error: object) -> None:
        if path != self.chosen_path():
            return
        self.info = None
        self.info_label.setText("")
        self._fail(error_message(error))
        self._update_button()

    def _update_button(self, *_args: object) -> None:
        self.restore_button.setEnabled(
            not self.running and self.info is not None and self.understood.isChecked()
        )

    def _fail(self, message: str) -> None:
        self.error.setText(message)
        self.failed.emit(message)

    def restore(self) -> None:
        path = self.chosen_path()
        if self.running or path is None or self.info is None:
            return
        passphrase, password = self.passphrase.text(), self.password.text()
        username = self.username.text().strip()
        if not passphrase:
            self._fail(self.tr("Nhập mật khẩu sao lưu."))
            self.passphrase.setFocus()
            return
        if not username or not password:
            self._fail(self.tr("Nhập tài khoản và mật khẩu của quản trị viên."))
            (self.username if not username else self.password).setFocus()
            return
        config, other_office = self.config, self.other_office.isChecked()
        self.running = True
        self._update_button()
        self.cancel_button.setEnabled(False)
        self.error.setText("")
        self.progress_bar.setRange(0, 0)
        self.progress_bar.show()
        self.step_label.setText(self.tr("Đang kiểm tra bản sao lưu…"))
        if self.before_restore is not None:
            self.before_restore()

        def work(progress: Progress) -> RestoreResult:
            return backup_service.restore_backup(
                config,
                path,
                passphrase,
                username=username,
                password=password,
                other_office=other_office,
                progress=progress_sink(progress),
            )

        Operation.with_progress(work).on_progress(self._show_progress).on_success(
            self._restored
        ).on_failure(self._restore_failed).start()

    def _show_progress(self, value: object) -> None:
        show_progress(self.progress_bar, self.step_label, value)

    def reject(self) -> None:
        if not self.running:  # a restore under way cannot be walked away from
            super().reject()

    def closeEvent(self, event: Any) -> None:
        if self.running:
            event.ignore()
            return
        super().closeEvent(event)

    def _restored(self, result: RestoreResult) -> None:
        self.running = False
        self.restore_result = result
        self.passphrase.clear()
        self.password.clear()
        self.progress_bar.setRange(0, 1)
        self.progress_bar.setValue(1)
        message = restored_text(result)
        self.step_label.setText(message)
        self.cancel_button.setEnabled(True)
        self.finished_restore.emit(result, message)
        self.accept()

    def _restore_failed(self, error: object) -> None:
        self.running = False
        self.password.clear()
        self.progress_bar.setRange(0, 1)
        self.progress_bar.setValue(0)
        self.progress_bar.hide()
        self.step_label.setText("")
        self.cancel_button.setEnabled(True)
        message = error_message(error)
        code = getattr(error, "code", "")
        if code == "backup.other_office":
            self.other_office.show()
        if code == "backup.passphrase":
            self.passphrase.selectAll()
            self.passphrase.setFocus()
        self._fail(message)
        self._update_button()
        if isinstance(error, DeskError) and (
            code in UNTOUCHED_CODES or code.startswith(("auth.", "access.", "input."))
        ):
            # Refused before anything was touched: the desk goes on as it was.
            if self.after_refused is not None:
                self.after_refused()
            return
        # Anything else may have stopped half-way: the desk reopens on what is there now.
        self.finished_restore.emit(None, message)


def restored_text(result: RestoreResult) -> str:
    return QCoreApplication.translate(
        "RestoreDialog",
        "Đã khôi phục bản sao lưu lúc {when}: {n} hồ sơ, {f} tệp. Dữ liệu trước đó được cất ở "
        "{aside}. Hãy đăng nhập lại.",
    ).format(
        when=when_text(result.info.taken_at),
        n=result.dossier_count,
        f=result.file_count,
        aside=result.set_aside,
    )
