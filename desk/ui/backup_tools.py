"""What the main window adds for backups (a mixin, as ``ScanRouting`` is): «Sao lưu» in the
navigation for supervisors and admins, the desk's own backups with their notice in the
status bar, and the hooks a restore needs.

Light on purpose: the backup code (the service, the archive, ``cryptography``) is not
imported with the window. The window's first figures do not wait for it (issue 16: it was
60–230 ms of a start): the desk's own backups start once the window's later code has
loaded after the first figures (``backups_may_start``), the «Sao lưu» dialog loads when
opened. Both on the GUI thread, never beside another thread importing the same code."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtWidgets import QLabel

from desk.domain.access import Permission, allows
from desk.ui import later_code
from desk.ui.navigation import NavEntry
from desk.ui.ops import wait_for_operations
from desk.ui.style import OK, WARN

if TYPE_CHECKING:
    from desk.ui.backup import AutomaticBackups
    from desk.ui.backup_dialog import BackupDialog


class _CloseBeforeBackups(QObject):
    """The window closed before its backups started (within a second or two of the first
    figures): they start then, so the closing backup is taken as it always was."""

    def __init__(self, tools: BackupTools, window: Any):
        super().__init__(window)
        self.tools = tools
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Close and self.tools.backups is None:
            later_code.wait()  # the pool's import of the backup code, if under way, first
            self.tools.backups_may_start()
            if self.tools.backups is not None:
                return self.tools.backups.eventFilter(watched, event)
        return super().eventFilter(watched, event)


class BackupTools:
    """The window provides ``ctx``, ``user``, ``locked``, ``idle``, ``statusBar()`` and the
    ``restored`` signal, and calls ``backups_may_start`` once its later code has loaded."""

    backups: AutomaticBackups | None = None
    # The office watch (desk.ui.office_watch), when one polls the database for this window.
    office_watch: Any = None
    backup_dialog: BackupDialog | None = None
    backup_notice: QLabel | None = None
    _backups_wanted = False
    _backups_allowed = False

    def backup_entries(self) -> list[NavEntry]:
        window: Any = self
        if not allows(window.user.role, Permission.BACKUP):
            return []  # hidden from clerks, as the sync is
        caption = QCoreApplication.translate("MainWindow", "Sao lưu")
        return [NavEntry("backup", caption, "", self.open_backups)]

    def start_automatic_backups(self) -> None:
        """The daily backup now (once the window's later code has loaded: ``backups``
        is set then) and then every hour, and the closing one when the window closes the
        desk (a sign-out or a switch of user takes none)."""
        window: Any = self
        self.backup_notice = QLabel("")
        self.backup_notice.setObjectName("backupNotice")
        window.statusBar().addPermanentWidget(self.backup_notice)
        self._backups_wanted = True
        if self._backups_allowed:
            self._start_backups()
        else:
            _CloseBeforeBackups(self, window)

    def backups_may_start(self) -> None:
        """The window's later code has loaded (or the window closes): its backups, if it
        takes any, start now."""
        self._backups_allowed = True
        if self._backups_wanted and self.backups is None and not getattr(self, "ending", False):
            self._start_backups()

    def _start_backups(self) -> None:
        later_code.wait()
        from desk.ui.backup import AutomaticBackups

        window: Any = self
        self.backups = AutomaticBackups(window.ctx, window.user.role, window)
        self.backups.notice.connect(self._show_backup_notice)
        self.backups.guard_closing(window)
        self.backups.start()

    def open_backups(self) -> BackupDialog | None:
        """«Sao lưu»: the list, «Sao lưu ngay», and for an admin the passphrase and the
        restore."""
        later_code.wait()
        from desk.ui.backup_dialog import BackupDialog

        window: Any = self
        if window.locked:
            return None
        dialog = BackupDialog(
            window.ctx,
            window.user.role,
            window,
            before_restore=self._before_restore,
            after_refused=self._after_refused,
            after_restore=window.restored.emit,
        )
        self.backup_dialog = dialog
        dialog.open()
        return dialog

    def _before_restore(self) -> None:
        """The restore replaces the database under this window: its work in the pool
        finishes, it stops locking itself, and its connections are closed. It counts as
        locked meanwhile: a scan or a shortcut opens nothing on the database being replaced."""
        window: Any = self
        window.locked = True
        window.idle.pause()
        if self.backups is not None:
            self.backups.stop()
        if self.office_watch is not None:  # its poll would open the file again at once
            self.office_watch.stop()
        wait_for_operations()
        window.ctx.close()

    def _after_refused(self) -> None:
        """The restore was refused untouched (a wrong passphrase…): the window goes on."""
        window: Any = self
        window.locked = False
        window.idle.poke()
        if self.backups is not None:
            self.backups.timer.start()
        if self.office_watch is not None:
            self.office_watch.start()

    def _show_backup_notice(self, text: str, ok: bool) -> None:
        if self.backup_notice is not None:
            self.backup_notice.setText(text)
            colour = OK if ok else WARN
            self.backup_notice.setStyleSheet(f"color: {colour}; font-weight: bold;")
