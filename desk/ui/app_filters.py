"""The desk's one application event filter, in front of the filters that watch every widget.

The scanner listener, the idle lock's watcher, the wheel guard and the screen fit each
need to see events meant for any widget of any window, present and future, so each was an
event filter on the QApplication. Qt calls such a filter, through Python, for every event
of every object — timers, paints, queued signals — and each of the four asked the event
its type (a Python enum made each time): 15–21 % of the GUI thread while the list scrolled
(issue 16). Here one filter on the application answers them all: an event whose class
never carries a type any of them acts on goes back to Qt without its type being asked;
the others go to the filters that act on their type, most recently added first (as Qt
calls the filters of an object), and one that keeps the event keeps it from the rest, as
before. Each filter says the types it acts on (``APP_EVENTS``); what it does with them is
unchanged.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import (
    QChildEvent,
    QCoreApplication,
    QDynamicPropertyChangeEvent,
    QEvent,
    QObject,
    QTimerEvent,
)
from PySide6.QtGui import (
    QCloseEvent,
    QExposeEvent,
    QFocusEvent,
    QHideEvent,
    QHoverEvent,
    QMoveEvent,
    QPaintEvent,
    QPlatformSurfaceEvent,
    QResizeEvent,
    QWindowStateChangeEvent,
)

_T = QEvent.Type
# Event classes with every type each can carry (Qt's documentation of the class). An event
# of one of these classes none of whose types is watched is not looked at further; any
# other class (a plain QEvent, a key, mouse, wheel, show event…) is asked its type.
_CLASS_TYPES: dict[type[QEvent], frozenset[QEvent.Type]] = {
    QTimerEvent: frozenset((_T.Timer,)),
    QPaintEvent: frozenset((_T.Paint,)),
    QChildEvent: frozenset((_T.ChildAdded, _T.ChildPolished, _T.ChildRemoved)),
    QResizeEvent: frozenset((_T.Resize,)),
    QMoveEvent: frozenset((_T.Move,)),
    QHoverEvent: frozenset((_T.HoverEnter, _T.HoverLeave, _T.HoverMove)),
    QFocusEvent: frozenset((_T.FocusIn, _T.FocusOut, _T.FocusAboutToChange)),
    QHideEvent: frozenset((_T.Hide,)),
    QCloseEvent: frozenset((_T.Close,)),
    QExposeEvent: frozenset((_T.Expose,)),
    QWindowStateChangeEvent: frozenset((_T.WindowStateChange,)),
    QPlatformSurfaceEvent: frozenset((_T.PlatformSurface,)),
    QDynamicPropertyChangeEvent: frozenset((_T.DynamicPropertyChange,)),
}
_PROPERTY = "deskAppFilters"


class AppEventFilter(Protocol):
    """A filter the application's events go through: the types it acts on, and Qt's
    ``eventFilter`` (True keeps the event from the filters after it and from its object)."""

    APP_EVENTS: frozenset[QEvent.Type]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool: ...


class AppFilters(QObject):
    """The application's event filter in front of the desk's own (see the module)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._filters: list[AppEventFilter] = []  # the most recently added first
        self._watched: frozenset[QEvent.Type] = frozenset()
        self._passed: frozenset[type[QEvent]] = frozenset()  # classes let through unasked

    def add(self, handler: AppEventFilter) -> None:
        """Put ``handler`` in front of the others (again: moved to the front). A filter
        deleted by Qt (with its window) leaves, as it would leave Qt's own list."""
        known = any(f is handler for f in self._filters)
        self._filters = [handler, *(f for f in self._filters if f is not handler)]
        self._changed()
        if not known and isinstance(handler, QObject):
            handler.destroyed.connect(lambda *_args: self._drop(handler))

    def _drop(self, handler: AppEventFilter) -> None:
        self._filters = [f for f in self._filters if f is not handler]
        self._changed()

    def remove(self, *handlers: AppEventFilter | QObject | None) -> None:
        """Take ``handlers`` out (those not in, and None, are ignored). Also removed from the
        application itself, where a test may have installed one directly."""
        self._filters = [f for f in self._filters if not any(f is h for h in handlers)]
        self._changed()
        app = QCoreApplication.instance()
        for handler in handlers:
            if isinstance(handler, QObject) and app is not None:
                app.removeEventFilter(handler)

    def filters(self) -> list[AppEventFilter]:
        return list(self._filters)

    def _changed(self) -> None:
        self._watched = frozenset().union(*(f.APP_EVENTS for f in self._filters))
        self._passed = frozenset(
            kind for kind, types in _CLASS_TYPES.items() if not types & self._watched
        )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.__class__ in self._passed:
            return False
        kind = event.type()
        if kind not in self._watched:
            return False
        for handler in self._filters:
            if kind in handler.APP_EVENTS and handler.eventFilter(watched, event):
                return True
        return False


def app_filters(app: QCoreApplication | None = None) -> AppFilters:
    """The application's ``AppFilters``, installed on it the first time it is asked for."""
    app = app or QCoreApplication.instance()
    if app is None:
        raise RuntimeError("no QApplication")
    current = app.property(_PROPERTY)
    if isinstance(current, AppFilters):
        return current
    hub = AppFilters(app)
    app.installEventFilter(hub)
    app.setProperty(_PROPERTY, hub)
    return hub
