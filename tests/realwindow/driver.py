"""The desk on a real X display, driven as a clerk's supervisor would use it: run by
test_real_window.py in a child process (QT_QPA_PLATFORM=xcb; the test process itself runs
Qt offscreen). It signs in through the sign-in dialog, opens every main screen (F1 today,
F2 intake, F3 list, one dossier, F4 hand back, sync), the settings and backup dialogs and
the print preview, and checks that each window lies inside the screen's available area
and that each of its buttons is wholly on screen (a button inside a scrolled form is the
form's: it is reached by scrolling). Prints one JSON object: what was checked and what
did not fit. Exit status 0 when everything fits."""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEventLoop, QPoint, QRect
from PySide6.QtWidgets import QAbstractButton, QApplication, QDialog, QScrollArea, QWidget

USERNAME, PASSWORD = "lanhdao", "lanhdao-demo"  # the demo office's supervisor


def wait_until(condition: Callable[[], object], what: str, timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out waiting for {what}")
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)


def settle() -> None:
    """Let the window manager-less X server map and lay out what was just shown."""
    end = time.monotonic() + 0.2
    while time.monotonic() < end:
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)


def scroll_area_of(widget: QWidget, window: QWidget) -> QScrollArea | None:
    """The nearest scroll area around ``widget`` inside ``window``, if any."""
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        if isinstance(parent, QScrollArea):
            return parent
        parent = parent.parentWidget()
    return None


def wholly_shown(widget: QWidget, window: QWidget) -> bool:
    """Not cut by any of its parents up to the window."""
    parent = widget.parentWidget()
    while parent is not None:
        rect = QRect(widget.mapTo(parent, QPoint(0, 0)), widget.size())
        if not parent.rect().contains(rect):
            return False
        if parent is window:
            return True
        parent = parent.parentWidget()
    return True


def check(window: QWidget, name: str, report: dict[str, Any]) -> None:
    settle()
    screen = window.screen().availableGeometry()
    frame = window.frameGeometry()
    report["checked"].append(name)
    problems: list[str] = report["problems"]
    if not screen.contains(frame):
        problems.append(f"{name}: window {frame.getRect()} outside the screen {screen.getRect()}")
    # The main window's own scroll area (desk.ui.geometry.scrolling) must not be needed.
    outer = getattr(window, "page_area", None)
    if isinstance(outer, QScrollArea):
        for bar in (outer.verticalScrollBar(), outer.horizontalScrollBar()):
            if bar.isVisible():
                problems.append(f"{name}: the window's content does not fit (it scrolls)")
    for button in window.findChildren(QAbstractButton):
        if not button.isVisible() or button.window() is not window:
            continue
        area = scroll_area_of(button, window)
        if area is not None and area is not outer:
            continue  # in a scrolled form or list: the clerk scrolls to it
        corner = button.mapToGlobal(QPoint(0, 0))
        if not wholly_shown(button, window) or not screen.contains(QRect(corner, button.size())):
            label = button.text().replace("\n", " ") or button.objectName() or "?"
            problems.append(f"{name}: button «{label}» not wholly on screen")


def visible_dialog(kind: type[QDialog]) -> QDialog | None:
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, kind) and widget.isVisible():
            return widget
    return None


def drive(report: dict[str, Any]) -> None:
    from desk.app import DeskRun, open_office, prepare_application
    from desk.config import load_config
    from desk.services.printing import render_dossier_form
    from desk.ui.backup_dialog import BackupDialog
    from desk.ui.main_window import (
        PAGE_HANDBACK,
        PAGE_INTAKE,
        PAGE_LIST,
        PAGE_SYNC,
        PAGE_TODAY,
    )
    from desk.ui.settings import SettingsDialog

    app = prepare_application()
    report["screen"] = app.primaryScreen().availableGeometry().getRect()
    report["platform"] = app.platformName()
    ctx = open_office(load_config())
    assert ctx is not None, "the office did not open"
    run = DeskRun(ctx, app.quit)
    run.start()
    session = run.session
    sign_in = session.sign_in
    wait_until(sign_in.isVisible, "the sign-in dialog")
    check(sign_in, "sign-in", report)
    sign_in.username.setText(USERNAME)
    sign_in.password.setText(PASSWORD)
    sign_in.sign_in_button.click()
    wait_until(lambda: session.window is not None and session.window.isVisible(), "the window")
    window = session.window
    # On a 1366×768 screen the desk opens maximised; the window manager does it once mapped.
    area = window.screen().availableGeometry()
    wait_until(lambda: window.frameGeometry().size() == area.size(), "the maximised window")
    check(window, "F1 today", report)

    screens = [
        ("intake", PAGE_INTAKE, "F2 intake"),
        ("list", PAGE_LIST, "F3 list"),
        ("handback", PAGE_HANDBACK, "F4 hand back"),
        ("sync", PAGE_SYNC, "sync panel"),
        ("today", PAGE_TODAY, "F1 today again"),
    ]
    model = window.dossier_list.model
    for button, page, name in screens:
        window.nav_buttons[button].click()
        wait_until(lambda: window.current_page() == page, name)  # noqa: B023 (used at once)
        if page == PAGE_LIST:
            wait_until(lambda: model.rowCount() > 0, "the list's dossiers")
        check(window, name, report)

    code = str(window.dossier_list.model.summary_at(0).code)
    window.open_dossier(code)
    wait_until(lambda: window.dossier_view.dossier is not None, "the dossier")
    check(window, "one dossier", report)

    window.nav_buttons["settings"].click()
    wait_until(lambda: visible_dialog(SettingsDialog) is not None, "the settings")
    settings = visible_dialog(SettingsDialog)
    assert settings is not None
    check(settings, "settings", report)
    settings.reject()

    window.nav_buttons["backup"].click()
    wait_until(lambda: visible_dialog(BackupDialog) is not None, "the backups")
    backups = visible_dialog(BackupDialog)
    assert backups is not None
    check(backups, "backup", report)
    backups.reject()

    pdf = render_dossier_form(ctx, "slip", code)
    preview = window.show_pdf(f"Giấy tiếp nhận hồ sơ và hẹn trả kết quả — {code}", pdf)
    wait_until(preview.isVisible, "the print preview")
    check(preview, "print preview", report)
    preview.close()
    run.drop_window()
    ctx.close()


def main() -> int:
    report: dict[str, Any] = {"checked": [], "problems": []}
    try:
        drive(report)
    except Exception as error:  # said in the report: the test shows it
        report["problems"].append(f"the drive stopped: {type(error).__name__}: {error}")
    print(json.dumps(report, ensure_ascii=False))
    return 1 if report["problems"] else 0


if __name__ == "__main__":
    sys.exit(main())
