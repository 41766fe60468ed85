"""Composition root of the desk window: config → database → services → main window."""

from __future__ import annotations

import sys

from desk.resources import RESOURCES


def run_desk(*, db_url: str | None = None, argv: list[str] | None = None) -> int:
    from PySide6.QtGui import QFont, QFontDatabase
    from PySide6.QtWidgets import QApplication, QMessageBox

    from desk.errors import DeskError
    from desk.services import demo
    from desk.services.context import DeskContext
    from desk.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    _load_fonts(QFontDatabase, QFont, app)
    try:
        ctx = DeskContext.open(db_url=db_url)
        if not ctx.has_office and not db_url:
            # The embedded demo office: created with demo data on first run.
            demo.ensure_demo_office(ctx)
            demo.add_demo_dossiers(ctx, 300, seed=1)
    except DeskError as error:
        QMessageBox.critical(None, "Commune Desk", error.message)
        return 2
    window = MainWindow(ctx)
    window.show()
    code = app.exec()
    ctx.close()
    return int(code)


def _load_fonts(font_database, font_class, app) -> None:  # type: ignore[no-untyped-def,unused-ignore]
    """Bundled Noto Sans: with no system fonts every Vietnamese letter would be a box."""
    family = ""
    for path in sorted((RESOURCES / "fonts").glob("NotoSans-*.ttf")):
        font_id = font_database.addApplicationFont(str(path))
        families = font_database.applicationFontFamilies(font_id) if font_id >= 0 else []
        family = family or (families[0] if families else "")
    if family:
        app.setFont(font_class(family, 11))
