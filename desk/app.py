"""Composition root of the desk window: config → database → services → sign-in → window
(``desk.ui.session``: sign-out and switch user come back to the sign-in)."""

from __future__ import annotations

import sys
from typing import Any

from desk.resources import RESOURCES


def run_desk(*, db_url: str | None = None, argv: list[str] | None = None) -> int:
    from PySide6.QtWidgets import QMessageBox

    from desk.atomic import restrict_new_files
    from desk.config import load_config
    from desk.crash import install_excepthook
    from desk.errors import DeskError, DiskFull
    from desk.services import demo
    from desk.services.context import DeskContext

    restrict_new_files()  # the data folder holds citizens' data: files 0600, folders 0700
    install_excepthook()  # a bug in a slot leaves a crash log without personal data
    app = prepare_application(argv)
    try:
        config = load_config(db_url=db_url)
        # Only the embedded SQLite file of the data folder is made on the very first run;
        # a database named by --db or the settings must be there already (a typo in it
        # says so in a message box instead of opening a new, empty office).
        first_run_allowed = not config.database_url
        ctx = DeskContext.open(config, create=first_run_allowed)
        if not ctx.has_office and first_run_allowed:
            # The embedded demo office: created with demo data on first run.
            demo.ensure_demo_office(ctx)
            demo.add_demo_dossiers(ctx, 300, seed=1)
    except DeskError as error:
        # Faults of the machine around the desk (no database, cannot connect, foreign,
        # corrupt, newer, disk full) and bad settings: a message box, not a crash.
        QMessageBox.critical(None, "Commune Desk", error.message)
        return 2
    except OSError as error:
        disk_full = DiskFull.from_error(error)
        if disk_full is None:
            raise
        QMessageBox.critical(None, "Commune Desk", disk_full.message)
        return 2
    try:
        from desk.ui.i18n import install_translator
        from desk.ui.ops import Operation
        from desk.ui.session import DeskSession

        install_translator(ctx.config.language)
        # Sign-out brings the sign-in dialog back instead of closing the desk: the desk
        # quits when the session says so (sign-in given up, or the window closed).
        app.setQuitOnLastWindowClosed(False)
        session = DeskSession(ctx)
        session.finished.connect(app.quit)
        session.start()
        # While the clerk types the password, the main window's code loads in the pool.
        Operation(_preload_main_window).start()
        code = app.exec()
        if session.window is not None:
            session.window.deleteLater()
        return int(code)
    finally:
        ctx.close()


def prepare_application(argv: list[str] | None = None) -> Any:
    """The QApplication with the bundled font and the desk's style sheet."""
    from PySide6.QtGui import QFont, QFontDatabase
    from PySide6.QtWidgets import QApplication

    from desk.ui.style import APP_STYLE

    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    app.setApplicationName("Commune Desk")
    _load_fonts(QFontDatabase, QFont, app)
    if isinstance(app, QApplication):
        app.setStyleSheet(APP_STYLE)
    return app


def _preload_main_window() -> None:
    import desk.printing.registry
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
