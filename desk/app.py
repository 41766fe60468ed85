"""Composition root of the desk window: config → database → services → sign-in → window
(``desk.ui.session``: sign-out and switch user come back to the sign-in)."""

from __future__ import annotations

import functools
import logging
import sys
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QDialog

from desk.errors import DeskError
from desk.resources import RESOURCES

log = logging.getLogger(__name__)

# PySide6 6.12.0 drops a reference to None or True on every Qt call that returns one; from
# Python 3.12 on they are immortal, before it a long session ends in "none_dealloc".
SAFE_PYTHON = (3, 12)

if TYPE_CHECKING:
    from desk.config import DeskConfig
    from desk.domain.office import User
    from desk.services.context import DeskContext
    from desk.ui.collector import GuiThreadCollector


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
    start: DeskStart | None = None
    try:
        start = DeskStart(app, db_url)
        start.begin()
        code = app.exec()
        if start.desk is not None:
            start.desk.drop_window()
        return int(code)
    except Exception as error:
        # Started from a desktop shortcut, nobody reads the terminal: a fault of the machine
        # or the settings, or a bug, is said in a window (and on the terminal too).
        return show_start_failure(error)
    finally:
        if start is not None:
            start.close()


class DeskStart(QObject):
    """The desk from its start to the sign-in. The dialog shows at once; the office opens
    in the pool meanwhile (SQLAlchemy Core, the start's checks and migrations load while
    the clerk types; the ORM and the models after the first figures), then the dialog is
    handed to the session (``DeskRun``). A fault of the opening closes the dialog and is
    said in a box, as it always was."""

    sign_in_shown = Signal(object)  # the SignInDialog, on screen
    opened = Signal(object)  # the DeskRun, its session asking who signs in

    def __init__(
        self,
        app: Any,
        db_url: str | None = None,
        *,
        make_window: Callable[[DeskContext, User], Any] | None = None,
    ):
        super().__init__()
        self.app = app
        self.db_url = db_url
        self.make_window = make_window
        self.desk: DeskRun | None = None
        self.sign_in: Any = None
        self.config: DeskConfig | None = None
        self._opening = threading.Event()  # the pool is opening the office
        self._unclaimed: DeskContext | None = None  # opened, not yet handed to a DeskRun
        # Every collection on the GUI thread, paused while the desk starts.
        self.collector: GuiThreadCollector | None = None

    def begin(self) -> None:
        from desk.ui.collector import GuiThreadCollector

        self.collector = GuiThreadCollector(self, paused=True)
        from desk.config import load_config
        from desk.ui.i18n import install_translator
        from desk.ui.ops import Operation
        from desk.ui.sign_in import SignInDialog, check_password_ahead

        config = load_config(db_url=self.db_url)
        install_translator(config.language)  # before any dialog, the fault's included
        self.config = config
        # Sign-out brings the sign-in dialog back instead of closing the desk: the desk
        # quits when the session says so (sign-in given up, or the window closed).
        self.app.setQuitOnLastWindowClosed(False)
        dialog = SignInDialog(None)
        dialog.rejected.connect(self._given_up)
        dialog.check_ahead = functools.partial(check_password_ahead, config)
        self.sign_in = dialog
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        self.sign_in_shown.emit(dialog)
        # Only the embedded SQLite file of the data folder is made on the very first run;
        # a database named by --db or the settings must be there already (a typo in it
        # says so in a message box instead of opening a new, empty office).
        first_run_allowed = not config.database_url
        # The check ahead's module and the packages it reaches (desk.services, desk.store)
        # imported here, on the GUI thread: no two threads importing a package at once.
        import desk.services.auth_check  # noqa: F401

        self._opening.set()
        Operation(lambda: self._open(config, first_run_allowed)).on_success(
            lambda opened: self._opened(opened, first_run_allowed)
        ).on_failure(self._failed).start()

    def _open(self, config: DeskConfig, first_run_allowed: bool) -> DeskContext | str:
        """In the pool: the office's context, or a damaged database's message (the failed
        opening let go here, before a restore moves that file aside)."""
        from desk.errors import CorruptDatabase

        try:
            try:
                ctx = open_context(config, first_run_allowed=first_run_allowed)
            except CorruptDatabase as error:
                return error.message
            self._unclaimed = ctx
            return ctx
        finally:
            self._opening.clear()

    def _resume_collector(self) -> None:
        if self.collector is not None:
            self.collector.resume()

    def _given_up(self) -> None:
        # «Thoát» before the office was open; once it is, the session listens instead.
        self._resume_collector()
        self.sign_in = None
        self.app.quit()

    def _opened(self, opened: DeskContext | str, first_run_allowed: bool) -> None:
        dialog = self.sign_in
        if dialog is None:
            return
        ctx: DeskContext | None
        if isinstance(opened, str):
            self._resume_collector()  # the restore's dialogs are no start
            dialog.hide()
            assert self.config is not None
            ctx = None
            if offer_restore(self.config, opened):
                ctx = open_office(self.config, first_run_allowed=first_run_allowed)
            if ctx is None:
                self._end(2)
                return
        else:
            ctx = opened
        dialog.rejected.disconnect(self._given_up)
        desk = DeskRun(ctx, self.app.quit, make_window=self.make_window, sign_in=dialog)
        self.desk = desk
        self._unclaimed = None
        try:
            desk.start()
        except Exception as error:
            dialog.hide()
            self._end(show_start_failure(error))
            return
        if self.collector is not None:
            desk.session.window_opened.connect(self.collector.resume_with_first_figures)
        from desk.ui.ops import Operation

        # While the clerk types the password, the main window's code and the working
        # calendar load in the pool (next to argon2, which lets go of the GIL).
        Operation(lambda: _preload_main_window(desk.ctx)).start()
        self.opened.emit(desk)

    def _failed(self, error: Exception) -> None:
        if self.sign_in is None:
            return
        self.sign_in.hide()
        self._end(2 if fault_shown(error) else show_start_failure(error))

    def _end(self, code: int) -> None:
        self._resume_collector()
        self.sign_in = None
        self.app.exit(code)

    def close(self) -> None:
        """After the event loop: the office closed, one opened after the clerk gave up
        included (the pool's opening finishes first, not half done at the exit); then
        Python collects on its own again."""
        if self._opening.is_set():
            from PySide6.QtCore import QThreadPool

            QThreadPool.globalInstance().waitForDone()
        if self.collector is not None:
            self.collector.give_back()
        if self._unclaimed is not None:
            self._unclaimed.close()
        if self.desk is not None:
            self.desk.ctx.close()


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


def open_context(config: DeskConfig, *, first_run_allowed: bool = False) -> DeskContext:
    """The office's context (no window: it may run in the pool); a fault raised."""
    from desk.services.context import DeskContext

    ctx = DeskContext.open(config, create=first_run_allowed)
    try:
        # The embedded demo office: created with demo data on first run, by the one
        # window that made it (another opening at the same moment finds it made). Its
        # code (the bulk writer, multiprocessing) is imported only then: not at every start.
        if not ctx.has_office and first_run_allowed:
            from desk.services import demo

            if demo.ensure_demo_office(ctx):
                demo.add_demo_dossiers(ctx, 300, seed=1)
        _ = ctx.office  # a database without an office says so now, in a box
    except BaseException:
        ctx.close()
        raise
    return ctx


def fault_shown(error: Exception) -> bool:
    """A fault of the machine around the desk (no database, cannot connect, foreign, newer,
    disk full) or of the settings, said in a message box (True); anything else is not
    shown (False): the caller treats it as a bug."""
    from PySide6.QtWidgets import QMessageBox

    from desk.errors import DeskError, DiskFull

    fault = error if isinstance(error, DeskError) else None
    if fault is None and isinstance(error, OSError):
        fault = DiskFull.from_error(error)
    if fault is None:
        return False
    QMessageBox.critical(None, "Commune Desk", fault.message)
    return True


def open_office(config: DeskConfig, *, first_run_allowed: bool = False) -> DeskContext | None:
    """The office's context, or None once the fault has been shown (the desk then exits).

    A damaged database offers «Khôi phục từ bản sao lưu…» (the latest backup chosen): the
    office cannot be opened to sign in, so the admin's name and password are checked by
    the restore itself, against the backup's accounts. After a restore it is opened again."""
    from desk.errors import CorruptDatabase

    while True:
        damaged = ""
        try:
            return open_context(config, first_run_allowed=first_run_allowed)
        except CorruptDatabase as error:
            damaged = error.message
        except (DeskError, OSError) as error:
            if not fault_shown(error):
                raise
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

    def __init__(
        self,
        ctx: DeskContext,
        quit_desk: Callable[[], None],
        *,
        make_window: Callable[[DeskContext, User], Any] | None = None,
        sign_in: Any = None,
    ):
        super().__init__()
        self.ctx = ctx
        self.quit_desk = quit_desk
        self.make_window = make_window or self._make_window
        self._first_sign_in = sign_in  # the dialog on screen while the office opened
        self.session: Any = None
        self.notice: Any = None

    def start(self) -> None:
        from desk.ui.session import DeskSession

        session = DeskSession(self.ctx, make_window=self.make_window)
        session.finished.connect(self.quit_desk)
        self.session = session
        sign_in, self._first_sign_in = self._first_sign_in, None
        session.start(sign_in)

    def _make_window(self, ctx: DeskContext, user: User) -> Any:
        from desk.ui.main_window import MainWindow
        from desk.ui.office_watch import watch_office

        window = MainWindow(ctx, user)
        window.start_automatic_backups()
        watch_office(window)  # the other desks' dossiers on screen within a second
        window.restored.connect(self._restored)
        from desk.ui.collector import IdleIndexMerge, govern

        govern(window)  # the collector's policy for the window
        IdleIndexMerge(window.idle, ctx, window)  # the search indexes' merging, likewise
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


def _preload_main_window(ctx: DeskContext) -> None:
    import desk.ui.main_window  # noqa: F401

    # The day's figures count with the working calendar, whose holidays library takes
    # about half a second to import: the window's first figures do not wait for it. The
    # printing code loads later (``MainWindow``), once the figures are on screen.
    _ = ctx.calendar


def _load_fonts(font_database, font_class, app) -> None:  # type: ignore[no-untyped-def,unused-ignore]
    """Bundled Noto Sans: with no system fonts every Vietnamese letter would be a box."""
    family = ""
    for path in sorted((RESOURCES / "fonts").glob("NotoSans-*.ttf")):
        font_id = font_database.addApplicationFont(str(path))
        families = font_database.applicationFontFamilies(font_id) if font_id >= 0 else []
        family = family or (families[0] if families else "")
    if family:
        app.setFont(font_class(family, 10))
