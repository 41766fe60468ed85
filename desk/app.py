"""Composition root of the desk window: config → database → services → sign-in → window
(``desk.ui.session``: sign-out and switch user come back to the sign-in)."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QDialog

from desk.resources import RESOURCES

log = logging.getLogger(__name__)

# PySide6 6.12.0 drops a reference to None or True on every Qt call that returns one; from
# Python 3.12 on they are immortal, before it a long session ends in "none_dealloc".
SAFE_PYTHON = (3, 12)

if TYPE_CHECKING:
    from desk.config import DeskConfig
    from desk.domain.office import User
    from desk.services.context import DeskContext


def run_desk(*, db_url: str | None = None, argv: list[str] | None = None) -> int:
    from desk.atomic import restrict_new_files
    from desk.crash import install_excepthook

    restrict_new_files()  # the data folder holds citizens' data: files 0600, folders 0700
    install_excepthook()  # a bug in a slot leaves a crash log without personal data
    if sys.version_info < SAFE_PYTHON:
        log.warning(
            "Python %d.%d: PySide6 6.12 can abort a long session on Python before 3.12; "
            "rebuild the desk's environment with Python 3.12 (make clean && make run)",
            *sys.version_info[:2],
        )
    app = prepare_application(argv)
    desk: DeskRun | None = None
    try:
        desk = start_desk(app, db_url)
        if desk is None:
            return 2
        from desk.ui.ops import Operation

        # While the clerk types the password, the main window's code loads in the pool.
        Operation(_preload_main_window).start()
        code = app.exec()
        desk.drop_window()
        return int(code)
    except Exception as error:
        # Started from a desktop shortcut, nobody reads the terminal: a fault of the machine
        # or the settings, or a bug, is said in a window (and on the terminal too).
        return show_start_failure(error)
    finally:
        if desk is not None:
            desk.ctx.close()


def start_desk(app: Any, db_url: str | None) -> DeskRun | None:
    """The settings, the office and the sign-in; None once a fault has been shown."""
    from desk.config import load_config
    from desk.ui.i18n import install_translator

    config = load_config(db_url=db_url)
    install_translator(config.language)  # before any dialog, the fault's included
    # Only the embedded SQLite file of the data folder is made on the very first run;
    # a database named by --db or the settings must be there already (a typo in it
    # says so in a message box instead of opening a new, empty office).
    ctx = open_office(config, first_run_allowed=not config.database_url)
    if ctx is None:
        return None
    # Sign-out brings the sign-in dialog back instead of closing the desk: the desk quits
    # when the session says so (sign-in given up, or the window closed).
    app.setQuitOnLastWindowClosed(False)
    desk = DeskRun(ctx, app.quit)
    try:
        desk.start()
    except BaseException:
        ctx.close()
        raise
    return desk


def show_start_failure(error: Exception) -> int:
    """What stopped the desk from starting, in a message box: a fault's own message (exit
    code 2), or for a bug the crash log's message naming its file (exit code 1)."""
    from PySide6.QtWidgets import QMessageBox

    from desk.crash import bug_message
    from desk.domain.text import terminal_safe
    from desk.errors import DeskError, DiskFull

    fault = DiskFull.from_error(error) or (error if isinstance(error, DeskError) else None)
    text = fault.message if fault is not None else bug_message(error)
    print(terminal_safe(text if text.startswith("Lỗi") else f"Lỗi: {text}"), file=sys.stderr)
    QMessageBox.critical(None, "Commune Desk", text)
    return 2 if fault is not None else 1


def open_office(config: DeskConfig, *, first_run_allowed: bool = False) -> DeskContext | None:
    """The office's context, or None once the fault has been shown (the desk then exits).

    A damaged database offers «Khôi phục từ bản sao lưu…» (the latest backup chosen): the
    office cannot be opened to sign in, so the admin's name and password are checked by
    the restore itself, against the backup's accounts. After a restore it is opened again."""
    from PySide6.QtWidgets import QMessageBox

    from desk.errors import CorruptDatabase, DeskError, DiskFull
    from desk.services import demo
    from desk.services.context import DeskContext

    while True:
        damaged = ""
        try:
            ctx = DeskContext.open(config, create=first_run_allowed)
            try:
                # The embedded demo office: created with demo data on first run, by the one
                # window that made it (another opening at the same moment finds it made).
                if not ctx.has_office and first_run_allowed and demo.ensure_demo_office(ctx):
                    demo.add_demo_dossiers(ctx, 300, seed=1)
                _ = ctx.office  # a database without an office says so now, in a box
            except BaseException:
                ctx.close()
                raise
            return ctx
        except CorruptDatabase as error:
            damaged = error.message
        except DeskError as error:
            # Faults of the machine around the desk (no database, cannot connect, foreign,
            # newer, disk full) and bad settings: a message box, not a crash.
            QMessageBox.critical(None, "Commune Desk", error.message)
            return None
        except OSError as error:
            disk_full = DiskFull.from_error(error)
            if disk_full is None:
                raise
            QMessageBox.critical(None, "Commune Desk", disk_full.message)
            return None
        # Out of the handler: the failed opening (its traceback, what it held of the damaged
        # file) is let go before the restore moves that file aside.
        if not offer_restore(config, damaged):
            return None


def offer_restore(config: DeskConfig, message: str) -> bool:
    """The damaged database's message with «Khôi phục từ bản sao lưu…»: True when the
    admin went to the restore (the desk then tries to open the office again), False when
    the desk should close."""
    from PySide6.QtWidgets import QMessageBox

    from desk.ui.backup import latest_backup
    from desk.ui.restore import RestoreDialog, restored_text

    box = QMessageBox(QMessageBox.Icon.Critical, "Commune Desk", message)
    restore = box.addButton(
        QCoreApplication.translate("DeskApp", "Khôi phục từ bản sao lưu…"),
        QMessageBox.ButtonRole.AcceptRole,
    )
    box.addButton(QCoreApplication.translate("DeskApp", "Đóng"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(restore)
    box.exec()
    if box.clickedButton() is not restore:
        return False
    dialog = RestoreDialog(config, path=latest_backup(config))
    if dialog.exec() == QDialog.DialogCode.Accepted and dialog.restore_result is not None:
        QMessageBox.information(None, "Commune Desk", restored_text(dialog.restore_result))
    return True


class DeskRun(QObject):
    """The desk while it runs: its context, and the session of sign-ins over it. A restore
    from the window (``MainWindow.restored``) ends the window, closes the context, opens
    the restored database in a new one and asks who signs in."""

    reopened = Signal(object)  # the new DeskSession

    def __init__(self, ctx: DeskContext, quit_desk: Callable[[], None]):
        super().__init__()
        self.ctx = ctx
        self.quit_desk = quit_desk
        self.session: Any = None
        self.notice: Any = None

    def start(self) -> None:
        from desk.ui.session import DeskSession

        session = DeskSession(self.ctx, make_window=self._make_window)
        session.finished.connect(self.quit_desk)
        self.session = session
        session.start()

    def _make_window(self, ctx: DeskContext, user: User) -> Any:
        from desk.ui.main_window import MainWindow
        from desk.ui.office_watch import watch_office

        window = MainWindow(ctx, user)
        window.start_automatic_backups()
        watch_office(window)  # the other desks' dossiers on screen within a second
        window.restored.connect(self._restored)
        return window

    def _restored(self, result: object, message: str) -> None:
        # Once the restore dialog's own handlers have returned: the window goes next.
        QTimer.singleShot(0, lambda: self.reopen(message, ok=result is not None))

    def reopen(self, message: str, *, ok: bool = True) -> None:
        from PySide6.QtWidgets import QMessageBox

        old = self.session
        old.finished.disconnect(self.quit_desk)
        self.drop_window()
        old.deleteLater()
        config = self.ctx.config
        self.ctx.close()
        ctx = open_office(config)
        if ctx is None:
            self.quit_desk()
            return
        self.ctx = ctx
        self.start()
        icon = QMessageBox.Icon.Information if ok else QMessageBox.Icon.Warning
        box = QMessageBox(icon, "Commune Desk", message, parent=self.session.sign_in)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        self.notice = box
        self.reopened.emit(self.session)

    def drop_window(self) -> None:
        session = self.session
        window = session.window if session is not None else None
        if window is not None:
            session.window = None
            window.end_session()
            window.deleteLater()


def prepare_application(argv: list[str] | None = None) -> Any:
    """The QApplication with the bundled font, the desk's style sheet, and its filters for the
    wheel and for windows larger than the screen."""
    from PySide6.QtGui import QFont, QFontDatabase
    from PySide6.QtWidgets import QApplication

    from desk.ui.geometry import install_screen_fit
    from desk.ui.style import APP_STYLE
    from desk.ui.wheel_guard import install_wheel_guard

    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    app.setApplicationName("Commune Desk")
    _load_fonts(QFontDatabase, QFont, app)
    if isinstance(app, QApplication):
        app.setStyleSheet(APP_STYLE)
        install_wheel_guard(app)  # the wheel scrolls forms, never an unfocused drop-down
        install_screen_fit(app)  # no window opens larger than the screen, or off it
    return app


def _preload_main_window() -> None:
    # The package as a whole (its __init__ imports the registry): a submodule imported here
    # while the GUI thread runs the package's __init__ could meet it half made
    # («cannot import name 'FORMS' from partially initialized module»).
    import desk.printing
    import desk.ui.main_window  # noqa: F401


def _load_fonts(font_database, font_class, app) -> None:  # type: ignore[no-untyped-def,unused-ignore]
    """Bundled Noto Sans: with no system fonts every Vietnamese letter would be a box."""
    family = ""
    for path in sorted((RESOURCES / "fonts").glob("NotoSans-*.ttf")):
        font_id = font_database.addApplicationFont(str(path))
        families = font_database.applicationFontFamilies(font_id) if font_id >= 0 else []
        family = family or (families[0] if families else "")
    if family:
        app.setFont(font_class(family, 10))
