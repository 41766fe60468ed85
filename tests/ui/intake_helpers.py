"""Typing and scanning for the intake and scanner tests.

``qtbot.keyClicks`` aborts the process on letters outside Latin-1, so text is sent as one
``QKeyEvent`` per character, with explicit timestamps: a person types ~120 ms apart, a
scanner a few milliseconds apart.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLayout, QVBoxLayout, QWidget

HUMAN_MS = 120
SCANNER_MS = 3

KEYS_BY_CHAR = {
    "|": (Qt.Key.Key_Bar, Qt.KeyboardModifier.ShiftModifier),
    " ": (Qt.Key.Key_Space, Qt.KeyboardModifier.NoModifier),
}


class Clock:
    """Event timestamps in ms, increasing across a whole test session."""

    now = 10_000_000

    @classmethod
    def advance(cls, ms: int) -> int:
        cls.now += ms
        return cls.now


def key_event(
    kind: QEvent.Type, key: int, text: str = "", mods=Qt.KeyboardModifier.NoModifier, *, at: int = 0
) -> QKeyEvent:
    event = QKeyEvent(kind, key, mods, text)
    if at:
        event.setTimestamp(at)
    return event


def _key_for(ch: str) -> tuple[int, Qt.KeyboardModifier]:
    if ch in KEYS_BY_CHAR:
        return KEYS_BY_CHAR[ch]
    if ch.isascii() and ch.isalnum():
        mods = Qt.KeyboardModifier.ShiftModifier if ch.isupper() else Qt.KeyboardModifier.NoModifier
        return ord(ch.upper()), mods
    if ch.isascii():
        return ord(ch), Qt.KeyboardModifier.NoModifier
    return 0, Qt.KeyboardModifier.NoModifier  # a letter the keyboard layout does not have


def press(
    target: QWidget,
    key: int,
    text: str = "",
    mods=Qt.KeyboardModifier.NoModifier,
    *,
    gap_ms: int = HUMAN_MS,
) -> None:
    at = Clock.advance(gap_ms)
    QApplication.sendEvent(target, key_event(QEvent.Type.KeyPress, key, text, mods, at=at))
    QApplication.sendEvent(target, key_event(QEvent.Type.KeyRelease, key, text, mods, at=at + 1))


def send_text(target: QWidget, text: str, *, gap_ms: int = HUMAN_MS) -> None:
    """Each character as a key press and release, ``gap_ms`` apart (event timestamps)."""
    for ch in text:
        key, mods = _key_for(ch)
        press(target, key, ch, mods, gap_ms=gap_ms)


def scan(target: QWidget, payload: str, *, enter: bool = True) -> None:
    """What a keyboard-wedge scanner does: the payload fast, then Enter."""
    send_text(target, payload, gap_ms=SCANNER_MS)
    if enter:
        press(target, Qt.Key.Key_Return, "\r", gap_ms=SCANNER_MS)


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def host(widget: QWidget) -> QWidget:
    """A top-level holder that does not push size constraints to the platform window
    (the offscreen plugin warns about each one, and warnings fail the tests)."""
    holder = QWidget()
    layout = QVBoxLayout(holder)
    layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(widget)
    holder.resize(1360, 900)
    return holder
