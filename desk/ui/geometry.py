"""Every window of the desk fits the screen it opens on, and the big ones remember their size.

A 1366×768 laptop (the most common at a commune desk) has about 700 pixels of height
for a window once the task bar and the title bar are taken: a window sized for a large
screen put «Khóa máy», the status bar and the preview's «In» below the edge. So:

- ``fit_window`` (the main window, the print and book preview, the backup list): the size
  the window wants, or the one it had when last closed, cut to the available area of its
  screen (``QScreen.availableGeometry``: without the task bar), placed inside it, and
  opened maximised if it was closed maximised. The size and the maximised state are kept
  in ``windows.ini`` beside desk.toml (window state, not settings: desk.toml is written
  only when the clerk saves a setting, and keeps what the administrator wrote).
- ``ScreenFit``, installed once on the application: any other window or dialog (the
  desk's own, Qt's print and file dialogs, message boxes) that would open larger than
  the available area, or partly outside it, is cut and moved inside when shown.
- ``scrolling``: content that may be taller than a small screen goes in a scroll area, so
  the window can shrink while its action buttons stay in view.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, QSettings, QSize, Qt
from PySide6.QtGui import QCursor, QGuiApplication, QScreen
from PySide6.QtWidgets import QApplication, QFrame, QScrollArea, QVBoxLayout, QWidget

from desk.config import config_dir
from desk.ui.app_filters import app_filters

# A window manager's borders and title bar, before the window is shown and its frame known.
FRAME_ALLOWANCE = QSize(16, 48)
MEMORY_FILE_NAME = "windows.ini"
_FIT_PROPERTY = "deskScreenFit"


# --- the arithmetic (no screen needed: tested with any rectangle) ------------------------


def fitted_size(wanted: QSize, available: QRect, frame: QSize = FRAME_ALLOWANCE) -> QSize:
    """``wanted`` cut so that the window and its frame fit in ``available``."""
    return QSize(
        max(1, min(wanted.width(), available.width() - frame.width())),
        max(1, min(wanted.height(), available.height() - frame.height())),
    )


def placed(
    size: QSize, available: QRect, frame: QSize = FRAME_ALLOWANCE, centre: QPoint | None = None
) -> QPoint:
    """Where a window of ``size`` goes: centred on ``centre`` (the middle of ``available``
    by default), moved so that it and its frame lie inside ``available``."""
    middle = centre if centre is not None else available.center()
    outer_w = size.width() + frame.width()
    outer_h = size.height() + frame.height()
    left = min(max(middle.x() - outer_w // 2, available.left()), available.right() + 1 - outer_w)
    top = min(max(middle.y() - outer_h // 2, available.top()), available.bottom() + 1 - outer_h)
    return QPoint(max(left, available.left()), max(top, available.top()))


# --- the screen of a window --------------------------------------------------------------


def screen_of(widget: QWidget) -> QScreen:
    """The screen ``widget`` is on, or will open on: its parent's for a dialog, else the
    one under the mouse (the clerk's screen), else the primary one."""
    parent = widget.parentWidget()
    if widget.isVisible() or parent is None:
        screen = widget.screen() if widget.isVisible() else None
        if screen is None:
            screen = QGuiApplication.screenAt(QCursor.pos()) or QGuiApplication.primaryScreen()
        return screen
    return parent.window().screen()


def available_rect(widget: QWidget) -> QRect:
    return screen_of(widget).availableGeometry()


def frame_of(widget: QWidget) -> QSize:
    """The window's frame (borders and title bar) once known, else an allowance for it."""
    if widget.isVisible():
        outer, inner = widget.frameGeometry(), widget.geometry()
        known = QSize(outer.width() - inner.width(), outer.height() - inner.height())
        if known.width() > 0 or known.height() > 0:
            return known
    return FRAME_ALLOWANCE


def fits(widget: QWidget) -> bool:
    """The whole window, frame included, inside the available area of its screen."""
    return available_rect(widget).contains(widget.frameGeometry())


# --- what a window remembers -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Remembered:
    size: QSize
    maximised: bool


def _memory() -> QSettings:
    return QSettings(str(config_dir() / MEMORY_FILE_NAME), QSettings.Format.IniFormat)


def _number(value: object) -> int:
    try:
        return int(str(value))
    except ValueError:
        return 0


def remembered(key: str) -> Remembered | None:
    memory = _memory()
    width = _number(memory.value(f"{key}/width", 0))
    height = _number(memory.value(f"{key}/height", 0))
    if width <= 0 or height <= 0:
        return None
    return Remembered(QSize(width, height), _number(memory.value(f"{key}/maximised", 0)) == 1)


def remember(key: str, widget: QWidget) -> None:
    maximised = widget.isMaximized()
    normal = widget.normalGeometry() if maximised else widget.geometry()
    memory = _memory()
    if normal.isValid() and not normal.isEmpty():
        memory.setValue(f"{key}/width", normal.width())
        memory.setValue(f"{key}/height", normal.height())
    memory.setValue(f"{key}/maximised", 1 if maximised else 0)
    memory.sync()


class _Memory(QObject):
    """Keeps the window's size and maximised state when it is hidden (closed, or the desk
    locked or signed out)."""

    def __init__(self, key: str, widget: QWidget):
        super().__init__(widget)
        self.key = key
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.Hide
            and isinstance(watched, QWidget)
            and not event.spontaneous()  # not a minimise or a desktop switch
        ):
            remember(self.key, watched)
        return False


# --- fitting -----------------------------------------------------------------------------


def fit_window(
    widget: QWidget, key: str, wanted: QSize, *, maximise_when_cut: bool = False
) -> None:
    """Size ``widget`` (not yet shown) to the available area of its screen: the size it
    had when last closed, else ``wanted``, cut to fit; maximised when it was closed so
    (or, with ``maximise_when_cut``, the first time, when ``wanted`` does not fit)."""
    available = available_rect(widget)
    last = remembered(key)
    size = fitted_size(last.size if last is not None else wanted, available)
    widget.resize(size)
    if widget.parentWidget() is None:
        widget.move(placed(size, available))
    cut = size != wanted
    if (last is not None and last.maximised) or (last is None and maximise_when_cut and cut):
        widget.setWindowState(widget.windowState() | Qt.WindowState.WindowMaximized)
    _Memory(key, widget)


def keep_on_screen(widget: QWidget) -> None:
    """Cut and move a window that reaches outside the available area of its screen."""
    if widget.isMaximized() or widget.isFullScreen():
        return
    available = available_rect(widget)
    frame = frame_of(widget)
    size = fitted_size(widget.size(), available, frame)
    if size != widget.size():
        widget.resize(size)
    outer = QRect(widget.pos(), size + frame)
    if not available.contains(outer):
        widget.move(placed(widget.size(), available, frame, outer.center()))


class ScreenFit(QObject):
    """Application event filter: every window or dialog is kept on its screen when shown."""

    APP_EVENTS = frozenset((QEvent.Type.Show,))  # all it acts on

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.Show
            and isinstance(watched, QWidget)
            and watched.isWindow()
            and watched.windowType() in (Qt.WindowType.Window, Qt.WindowType.Dialog)
        ):
            keep_on_screen(watched)
        return False


def install_screen_fit(app: QApplication) -> ScreenFit:
    """Install the filter once on ``app`` (again is harmless)."""
    current = app.property(_FIT_PROPERTY)
    if isinstance(current, ScreenFit):
        return current
    fit = ScreenFit(app)
    app_filters(app).add(fit)
    app.setProperty(_FIT_PROPERTY, fit)
    return fit


class _MinimumHeight(QVBoxLayout):
    """Asks for its content's minimum height only. A scroll area gives a content that has
    a height for its width (wrapped labels) that height as a minimum: the intake's wrapped
    hints asked ~780 pixels at full width, so every screen scrolled on a 768-pixel display
    although ~560 were enough."""

    def hasHeightForWidth(self) -> bool:
        return False


def scrolling(content: QWidget) -> QScrollArea:
    """``content`` in a frameless scroll area: given the whole window where the window has
    room for its minimum size, scrolled where a small screen has not."""
    holder = QWidget()
    layout = _MinimumHeight(holder)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(content)
    area = QScrollArea()
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidgetResizable(True)
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab and the scanner go to the fields inside
    area.setWidget(holder)
    # The window's own background shows through (QScrollArea paints its content grey).
    area.viewport().setAutoFillBackground(False)
    holder.setAutoFillBackground(False)
    return area


class _Cover(QObject):
    def __init__(self, overlay: QWidget, window: QWidget):
        super().__init__(overlay)
        self.overlay = overlay
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and self.overlay.isVisible():
            self.overlay.setGeometry(self.overlay.parentWidget().rect())
        return False


def cover(overlay: QWidget) -> None:
    """``overlay`` (the lock screen) keeps covering its window, whatever the window's size."""
    _Cover(overlay, overlay.parentWidget())
