"""The «Sao lưu» dialog (supervisors and admins): the office's backups, «Sao lưu ngay» with
a progress bar, and for an admin the backup passphrase and «Khôi phục…» (the main window
reaches it through ``desk.ui.backup_tools``)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desk.domain.access import Permission, allows
from desk.domain.office import Role
from desk.services import backup as backup_service
from desk.services.backup import BackupInfo, RestoreResult, missed_second_place
from desk.services.context import DeskContext
from desk.ui.backup import (
    hidden_progress_bar,
    progress_sink,
    reason_label,
    second_place,
    secret_edit,
    show_progress,
    size_text,
    when_text,
)
from desk.ui.geometry import fit_window
from desk.ui.ops import Operation, Progress, error_message
from desk.ui.restore import RestoreDialog
from desk.ui.style import MUTED, show_notice


class BackupDialog(QDialog):
    """Supervisors and admins: the office's backups, «Sao lưu ngay», and for an admin the
    backup passphrase and «Khôi phục…»."""

    COLUMNS = (
        QT_TRANSLATE_NOOP("BackupDialog", "Thời điểm"),
        QT_TRANSLATE_NOOP("BackupDialog", "Lý do"),
        QT_TRANSLATE_NOOP("BackupDialog", "Dung lượng"),
        QT_TRANSLATE_NOOP("BackupDialog", "Hồ sơ"),
        QT_TRANSLATE_NOOP("BackupDialog", "Tệp"),
        QT_TRANSLATE_NOOP("BackupDialog", "Đã kiểm tra"),
        QT_TRANSLATE_NOOP("BackupDialog", "Nơi lưu"),
    )

    listed = Signal(object)  # list[BackupInfo]
    backup_taken = Signal(object)  # list[BackupInfo]
    failed = Signal(str)
    restore_requested = Signal(object)  # RestoreDialog, opened over this one

    def __init__(
        self,
        ctx: DeskContext,
        role: Role,
        parent: QWidget | None = None,
        *,
        before_restore: Callable[[], None] | None = None,
        after_refused: Callable[[], None] | None = None,
        after_restore: Callable[[RestoreResult | None, str], None] | None = None,
    ):
        super().__init__(parent)
        self.ctx = ctx
        self.role = role
        self._before_restore = before_restore
        self._after_refused = after_refused
        self._after_restore = after_restore
        self.infos: list[BackupInfo] = []
        self.restore_dialog: RestoreDialog | None = None
        self.setWindowTitle(self.tr("Sao lưu dữ liệu"))
        fit_window(self, "backups", QSize(980, 520))
        layout = QVBoxLayout(self)
        title = QLabel(self.tr("Các bản sao lưu của cơ quan"))
        title.setObjectName("pageTitle")
        layout.addWidget(title)
        places = QLabel(self._places_text())
        places.setWordWrap(True)
        places.setStyleSheet(f"color: {MUTED};")
        layout.addWidget(places)
        self.notice = QLabel("")
        self.notice.setWordWrap(True)
        self.notice.hide()
        layout.addWidget(self.notice)

        self.table = QTableWidget(0, len(self.COLUMNS))
        self.table.setHorizontalHeaderLabels([self.tr(c) for c in self.COLUMNS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(len(self.COLUMNS) - 1, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)

        progress_row = QHBoxLayout()
        self.progress_bar = hidden_progress_bar()
        self.step_label = QLabel("")
        progress_row.addWidget(self.progress_bar, 1)
        progress_row.addWidget(self.step_label, 1)
        layout.addLayout(progress_row)

        buttons = QHBoxLayout()
        self.backup_button = QPushButton(self.tr("Sao lưu ngay"))
        self.backup_button.setProperty("primary", True)
        self.backup_button.clicked.connect(self.take_backup)
        buttons.addWidget(self.backup_button)
        admin = allows(role, Permission.RESTORE)
        self.passphrase_button: QPushButton | None = None
        self.restore_button: QPushButton | None = None
        if admin:
            self.passphrase_button = QPushButton(self.tr("Đặt mật khẩu sao lưu…"))
            self.passphrase_button.clicked.connect(self.open_passphrase)
            buttons.addWidget(self.passphrase_button)
        buttons.addStretch()
        if admin:
            self.restore_button = QPushButton(self.tr("Khôi phục…"))
            self.restore_button.setProperty("danger", True)
            self.restore_button.clicked.connect(self.open_restore)
            buttons.addWidget(self.restore_button)
        close = QPushButton(self.tr("Đóng"))
        close.clicked.connect(self.reject)
        buttons.addWidget(close)
        layout.addLayout(buttons)
        self.refresh()

    def _places_text(self) -> str:
        text = self.tr("Lưu trong {folder}").format(folder=self.ctx.config.backup_dir)
        second = second_place(self.ctx.config)
        if second is not None:
            text += self.tr(" và {second}").format(second=second)
        else:
            text += self.tr(" (chưa đặt nơi sao lưu thứ hai trong «Cài đặt»)")
        return text + "."

    # --- the list ---------------------------------------------------------------------

    def refresh(self) -> None:
        ctx = self.ctx
        Operation(lambda: backup_service.list_backups(ctx), owner=self.table).on_success(
            self._show
        ).on_failure(self._show_error).start()

    def _show(self, infos: list[BackupInfo]) -> None:
        self.infos = list(infos)
        self.table.setRowCount(len(self.infos))
        yes, no = self.tr("Có"), self.tr("Chưa")
        for row, info in enumerate(self.infos):
            cells = (
                when_text(info.taken_at),
                self.tr(reason_label(info.reason)),
                size_text(info.size),
                f"{info.dossier_count:,}".replace(",", "."),
                f"{info.file_count:,}".replace(",", "."),
                yes if info.verified else no,
                str(info.path.parent),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column in (2, 3, 4):
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                if column == len(cells) - 1:
                    item.setToolTip(str(info.path))
                self.table.setItem(row, column, item)
        if self.infos:
            self.table.selectRow(0)
        elif not self.notice.isVisible():
            show_notice(self.notice, self.tr("Chưa có bản sao lưu nào."))
        self.listed.emit(self.infos)

    def selected(self) -> BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows or rows[0].row() >= len(self.infos):
            return None
        return self.infos[rows[0].row()]

    def _show_error(self, error: object) -> None:
        message = error_message(error)
        show_notice(self.notice, message)
        self.failed.emit(message)

    # --- «Sao lưu ngay» ---------------------------------------------------------------

    def take_backup(self) -> None:
        ctx = self.ctx

        def work(progress: Progress) -> list[BackupInfo]:
            return backup_service.take_backup(
                ctx, reason="manual", progress=progress_sink(progress)
            )

        operation = (
            Operation.with_progress(work, owner=self.backup_button)
            .on_progress(self._show_progress)
            .on_success(self._taken)
            .on_failure(self._backup_failed)
        )
        if operation.start():
            self.progress_bar.setRange(0, 0)
            self.progress_bar.show()
            self.step_label.setText(self.tr("Đang sao lưu…"))
            self.notice.hide()

    def _show_progress(self, value: object) -> None:
        show_progress(self.progress_bar, self.step_label, value)

    def _taken(self, infos: list[BackupInfo]) -> None:
        self.progress_bar.setRange(0, 1)
        self.progress_bar.setValue(1)
        self.progress_bar.hide()
        self.step_label.setText("")
        if infos:
            text = self.tr("Đã sao lưu {n} hồ sơ, {f} tệp ({size}) lúc {when}.").format(
                n=infos[0].dossier_count,
                f=infos[0].file_count,
                size=size_text(infos[0].size),
                when=when_text(infos[0].taken_at),
            )
            missed = missed_second_place(self.ctx.config, infos)
            if missed is not None:
                text += " " + self.tr("Chưa chép được sang nơi thứ hai ({place}).").format(
                    place=missed
                )
            show_notice(self.notice, text, ok=missed is None)
        self.backup_taken.emit(infos)
        self.refresh()

    def _backup_failed(self, error: object) -> None:
        self.progress_bar.setRange(0, 1)
        self.progress_bar.setValue(0)
        self.progress_bar.hide()
        self.step_label.setText("")
        self._show_error(error)

    # --- the passphrase and the restore (admin) ---------------------------------------

    def open_passphrase(self) -> None:
        dialog = PassphraseDialog(self.ctx, self)
        dialog.saved.connect(self._passphrase_saved)
        self.passphrase_dialog = dialog
        dialog.open()

    def _passphrase_saved(self) -> None:
        show_notice(self.notice, self.tr("Đã đặt mật khẩu sao lưu."), ok=True)

    def open_restore(self) -> RestoreDialog:
        chosen = self.selected()
        user = self.ctx.user
        dialog = RestoreDialog(
            self.ctx.config,
            self,
            username=user.username if user is not None else None,
            path=chosen.path if chosen is not None else None,
            agency_id=self.ctx.office.agency_id,
            before_restore=self._before_restore,
            after_refused=self._after_refused,
        )
        dialog.finished_restore.connect(self._restored)
        self.restore_dialog = dialog
        dialog.open()
        self.restore_requested.emit(dialog)
        return dialog

    def _restored(self, result: RestoreResult | None, message: str) -> None:
        if self._after_restore is not None:
            self._after_restore(result, message)


class PassphraseDialog(QDialog):
    """An admin sets (or changes) the office's backup passphrase: typed twice."""

    saved = Signal()

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Mật khẩu sao lưu"))
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        note = QLabel(
            self.tr(
                "Mọi bản sao lưu được mã hóa bằng mật khẩu này. Ghi lại và cất ở nơi an toàn: "
                "mất mật khẩu thì không khôi phục được dữ liệu."
            )
        )
        note.setWordWrap(True)
        layout.addWidget(note)
        form = QFormLayout()
        self.passphrase = secret_edit("backupPassphrase")
        self.again = secret_edit("backupPassphraseAgain")
        form.addRow(self.tr("Mật khẩu sao lưu"), self.passphrase)
        form.addRow(self.tr("Nhập lại"), self.again)
        layout.addLayout(form)
        self.error = QLabel("")
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        layout.addWidget(self.error)
        row = QHBoxLayout()
        row.addStretch()
        cancel = QPushButton(self.tr("Hủy"))
        cancel.clicked.connect(self.reject)
        self.save_button = QPushButton(self.tr("Lưu"))
        self.save_button.setProperty("primary", True)
        self.save_button.clicked.connect(self.save)
        row.addWidget(cancel)
        row.addWidget(self.save_button)
        layout.addLayout(row)

    def save(self) -> None:
        passphrase = self.passphrase.text()
        if passphrase != self.again.text():
            self.error.setText(self.tr("Hai lần nhập không giống nhau."))
            self.again.setFocus()
            return
        ctx = self.ctx
        Operation(
            lambda: backup_service.set_passphrase(ctx, passphrase), owner=self.save_button
        ).on_success(self._saved).on_failure(self._save_failed).start()

    def _save_failed(self, error: object) -> None:
        self.error.setText(error_message(error))

    def _saved(self, _result: object) -> None:
        self.passphrase.clear()
        self.again.clear()
        self.saved.emit()
        self.accept()
