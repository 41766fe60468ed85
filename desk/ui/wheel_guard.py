"""The mouse wheel scrolls the form; a value widget changes with it only when it has focus.

Qt lets a drop-down, spin box or date field take wheel events on hover, so a clerk
scrolling the birth form changed the child's sex from "Nam" to "Nữ" without noticing.
One application-wide event filter (through ``desk.ui.app_filters``) fixes every such
widget in every window, present and future, instead of a subclass or a flag per widget.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QScrollBar,
    QWidget,
)

from desk.ui.app_filters import app_filters

# Widgets whose value a stray wheel turn would change. Scroll bars are the wheel's job.
VALUE_WIDGETS = (QComboBox, QAbstractSpinBox, QAbstractSlider)

_GUARD_PROPERTY = "deskWheelGuard"


def is_value_widget(obj: QObject) -> bool:
    return isinstance(obj, VALUE_WIDGETS) and not isinstance(obj, QScrollBar)


def _is_engaged(widget: QWidget) -> bool:
    """Focused (the clerk chose it) or its list is open: then the wheel is meant for it."""
    if widget.hasFocus():
        return True
    if isinstance(widget, QComboBox):
        return widget.view().isVisible()
    return False


def _forward(widget: QWidget, event: QWheelEvent) -> None:
    """Hand the turn to the widgets around ``widget``, innermost first, as Qt does for a
    widget that ignores the wheel: the scroll area holding the form takes it."""
    position = event.position() + QPointF(widget.pos())
    parent = widget.parentWidget()
    while parent is not None:
        passed_on = QWheelEvent(
            position,
            event.globalPosition(),
            event.pixelDelta(),
            event.angleDelta(),
            event.buttons(),
            event.modifiers(),
            event.phase(),
            event.inverted(),
            event.source(),
            event.pointingDevice(),
        )
        passed_on.setTimestamp(event.timestamp())
        # Sent, not posted: Qt does not propagate a synthesised wheel event by itself.
        QApplication.sendEvent(parent, passed_on)
        if passed_on.isAccepted() or parent.isWindow():
            return
        position += QPointF(parent.pos())
        parent = parent.parentWidget()


class WheelGuard(QObject):
    """Application event filter: value widgets get StrongFocus when polished (so the wheel
    does not focus them: Qt gives wheel focus before any filter runs) and pass the wheel
    on to their surroundings until they have focus."""

    APP_EVENTS = frozenset((QEvent.Type.Wheel, QEvent.Type.Polish))  # all it acts on

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Wheel:
            if (
                isinstance(event, QWheelEvent)
                and isinstance(watched, QWidget)
                and is_value_widget(watched)
                and not _is_engaged(watched)
            ):
                _forward(watched, event)
                event.accept()  # handled: no native propagation on top of ours
                return True
        elif (
            kind == QEvent.Type.Polish
            and isinstance(watched, QWidget)
            and is_value_widget(watched)
            and watched.focusPolicy() == Qt.FocusPolicy.WheelFocus
        ):
            watched.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        return False


def install_wheel_guard(app: QApplication) -> WheelGuard:
    """Install the guard once on ``app`` (again is harmless); before widgets are made, so
    each is polished through it."""
    current = app.property(_GUARD_PROPERTY)
    if isinstance(current, WheelGuard):
        return current
    guard = WheelGuard(app)
    app_filters(app).add(guard)
    app.setProperty(_GUARD_PROPERTY, guard)
    return guard


def remove_wheel_guard(app: QApplication) -> None:
    current = app.property(_GUARD_PROPERTY)
    if isinstance(current, WheelGuard):
        app_filters(app).remove(current)
        app.setProperty(_GUARD_PROPERTY, None)
        current.deleteLater()
