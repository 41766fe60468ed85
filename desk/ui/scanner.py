"""The keyboard-wedge scanner: tell a scan from typing by key timing.

A USB barcode/QR scanner "types" its payload much faster than a person can (a few
milliseconds a key) and ends it with Enter. ``ScanListener`` watches key presses
application-wide (an application event filter, ``desk.ui.app_filters``), holds back
printable keys for a few tens of milliseconds, and decides:

- a burst of at least ``min_length`` characters, each within ``max_gap_ms`` of the
  previous, ended by Enter (or Tab) is a scan: its keys never reach the focused field,
  and the payload is interpreted (a dossier code from a slip, or a chip ID card QR);
- anything else is a person typing: the held keys are delivered, in order, to the widget
  they were meant for, at most ``max_gap_ms`` + 15 ms late.

Key timing comes from the events' own timestamps (set by the platform when the key was
pressed), so keys queued while the desk was busy do not look like a burst.

A key press that brings no character inside a burst is a letter lost: a scanner asked for
a letter the computer's keyboard layout does not have ("ù", "ị") sends a key that types
nothing, and "Bùi Thị Lan" would arrive as "Bi Th Lan". Such a burst is refused, never
filled in. A HID scanner sends Shift (and the other modifiers) as key presses of their own
before a capital or a symbol: those are not keys without text, they are ignored. Its
"Alt mode" types a character as Alt held + numpad digits; on Windows the system composes
the character and Qt delivers it on its own afterwards (key 0, with its text), so digits
followed by that character are a letter typed; digits followed by anything else (X11
composes nothing) are a letter lost.

A Vietnamese input method (Unikey/EVKey, Telex) running while the scanner types can
rewrite the payload ("aa" → "â", "dd" → "đ", tone keys s/f/r/x/j) by sending backspaces
and new letters, or commit text through the input-method channel: such a burst is
rejected here. Text that carries traces of Telex in any field ("Thoon DDoong") is refused
by the ID card's own rules (``desk.domain.identity``, ``desk.domain.telex``): a payload
is never filled in silently when it may have been altered. Accents that merely arrive
decomposed are composed (NFC); the ID card then carries a warning the clerk sees.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QInputMethodEvent, QKeyEvent
from PySide6.QtWidgets import QApplication

from desk.ui.scan_payload import CODE_SHAPE, interpret_scan

log = logging.getLogger(__name__)

MAX_GAP_MS = 35
MIN_LENGTH = 8
_MODIFIER_KEYS = {
    Qt.Key.Key_Shift,
    Qt.Key.Key_Control,
    Qt.Key.Key_Alt,
    Qt.Key.Key_AltGr,
    Qt.Key.Key_Meta,
    Qt.Key.Key_CapsLock,
    Qt.Key.Key_NumLock,
    Qt.Key.Key_Super_L,
    Qt.Key.Key_Super_R,
    Qt.Key.Key_Hyper_L,
    Qt.Key.Key_Hyper_R,
    Qt.Key.Key_Mode_switch,
}
_END_KEYS = {Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab}
_CTRL_ALT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
_ALT_CODE_DIGITS = range(int(Qt.Key.Key_0), int(Qt.Key.Key_9) + 1)

# --- the listener ---------------------------------------------------------------------


@dataclass(slots=True)
class _HeldKey:
    receiver: QObject
    type: QEvent.Type
    key: int
    modifiers: Qt.KeyboardModifier
    text: str
    autorepeat: bool
    count: int
    scan_code: int
    virtual_key: int
    native_modifiers: int

    @classmethod
    def of(cls, receiver: QObject, event: QKeyEvent) -> _HeldKey:
        return cls(
            receiver,
            event.type(),
            int(event.key()),
            event.modifiers(),
            event.text(),
            event.isAutoRepeat(),
            event.count(),
            event.nativeScanCode(),
            event.nativeVirtualKey(),
            event.nativeModifiers(),
        )

    def event(self) -> QKeyEvent:
        return QKeyEvent(
            self.type,
            self.key,
            self.modifiers,
            self.scan_code,
            self.virtual_key,
            self.native_modifiers,
            self.text,
            self.autorepeat,
            self.count,
        )


def _monotonic_ms() -> int:
    return int(time.monotonic() * 1000)


class ScanListener(QObject):
    """Application-wide scanner detection; see the module docstring.

    ``today`` (a callable) fixes the date ID cards are checked against (tests).
    """

    code_scanned = Signal(str)
    id_card_scanned = Signal(object)
    scan_rejected = Signal(str)

    # All its ``eventFilter`` acts on (``desk.ui.app_filters`` passes it no other event).
    APP_EVENTS = frozenset(
        (
            QEvent.Type.KeyPress,
            QEvent.Type.KeyRelease,
            QEvent.Type.ShortcutOverride,
            QEvent.Type.InputMethod,
        )
    )

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        max_gap_ms: int = MAX_GAP_MS,
        min_length: int = MIN_LENGTH,
        today: Callable[[], date] | None = None,
    ):
        super().__init__(parent)
        self.max_gap_ms = max_gap_ms
        self.min_length = min_length
        self.enabled = True
        self._today = today
        self._held: list[_HeldKey] = []
        self._chars: list[str] = []
        self._edited = False
        self._dropped = 0  # keys of the burst that brought no character
        self._alt_digits = 0  # Alt+numpad digits since the burst's last character
        # Keys without a character just before any burst (the burst adopts them if it
        # starts within max_gap_ms): when, how many lost, how many Alt+numpad digits.
        self._lead = (0, 0, 0)
        self._last_ms = 0
        self._replaying = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(max_gap_ms + 15)
        self._timer.timeout.connect(self._on_quiet)

    # -- Qt hook --

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self._replaying or not self.enabled:
            return False
        kind = event.type()
        if kind == QEvent.Type.KeyPress:
            return self._on_press(watched, event)  # type: ignore[arg-type]
        if kind == QEvent.Type.KeyRelease:
            return self._on_release(watched, event)  # type: ignore[arg-type]
        if kind == QEvent.Type.ShortcutOverride:
            key_event: QKeyEvent = event  # type: ignore[assignment]
            # A scan in progress: its Enter must not trigger a shortcut. An Alt code being
            # typed: Alt+numpad 1 is a digit of a character, not Alt+1.
            in_scan = key_event.key() in _END_KEYS or self._is_printable(key_event)
            if (self._held and in_scan) or self._is_alt_digit(key_event):
                event.accept()
                return True
            return False
        if kind == QEvent.Type.InputMethod and self._held and self._recent(self._now(None)):
            im_event: QInputMethodEvent = event  # type: ignore[assignment]
            self._chars.extend(im_event.commitString())
            self._edited = True  # an input method is composing what the scanner types
            self._timer.start()
            return True
        return False

    # -- decisions --

    def _now(self, event: QKeyEvent | None) -> int:
        stamp = int(event.timestamp()) if event is not None else 0
        return stamp or _monotonic_ms()

    def _recent(self, now: int) -> bool:
        return bool(self._held) and now - self._last_ms <= self.max_gap_ms

    @staticmethod
    def _is_printable(event: QKeyEvent) -> bool:
        text = event.text()
        if not text or not all(ch.isprintable() for ch in text):
            return False
        mods = event.modifiers() & (_CTRL_ALT | Qt.KeyboardModifier.MetaModifier)
        return mods == Qt.KeyboardModifier.NoModifier or mods == _CTRL_ALT  # AltGr

    @staticmethod
    def _is_alt_digit(event: QKeyEvent) -> bool:
        """A digit of an Alt code: Alt held, a numpad digit."""
        mods = event.modifiers()
        return (
            int(event.key()) in _ALT_CODE_DIGITS
            and bool(mods & Qt.KeyboardModifier.AltModifier)
            and bool(mods & Qt.KeyboardModifier.KeypadModifier)
            and not mods & Qt.KeyboardModifier.ControlModifier
        )

    def _burst_length(self) -> int:
        return len(self._chars)

    def _character(self, key: int, now: int) -> None:
        """A key with a character joins the burst: account for the keys before it."""
        if len(self._held) == 1:  # the burst's first key: adopt what came just before it
            lead_ms, lead_dropped, lead_digits = self._lead
            if lead_ms and now - lead_ms <= self.max_gap_ms:
                self._dropped += lead_dropped
                self._alt_digits += lead_digits
        self._lead = (0, 0, 0)
        if self._alt_digits and key != 0:
            self._dropped += 1  # Alt+numpad digits that composed nothing: a letter lost
        self._alt_digits = 0

    def _without_character(self, event: QKeyEvent, now: int) -> None:
        """A key with no character passes by while no burst is held."""
        lead_ms, lead_dropped, lead_digits = self._lead
        if not lead_ms or now - lead_ms > self.max_gap_ms:
            lead_dropped = lead_digits = 0
        if self._is_alt_digit(event):
            self._lead = (now, lead_dropped, lead_digits + 1)
        else:
            self._lead = (now, lead_dropped + 1, lead_digits)

    def _on_press(self, receiver: QObject, event: QKeyEvent) -> bool:
        key = event.key()
        if key in _MODIFIER_KEYS:
            return False
        now = self._now(event)
        if event.isAutoRepeat():
            self._deliver_typing()
            return False
        if self._is_printable(event):
            if self._held and not self._recent(now):
                self._deliver_typing()
            self._hold(receiver, event, now)
            self._chars.append(event.text())
            self._character(int(key), now)
            return True
        recent = self._recent(now)
        if key in _END_KEYS:
            if recent and self._burst_length() >= self.min_length:
                self._finish_scan()
                return True
            self._deliver_typing()
            return False
        if key == Qt.Key.Key_Backspace and recent and self._burst_length() >= 2:
            # An input method correcting what the scanner typed (Unikey sends backspaces).
            self._hold(receiver, event, now)
            if self._chars:
                self._chars.pop()
            self._edited = True
            return True
        if recent:
            # Inside a burst every key belongs to the scan; one without a character is a
            # letter lost, unless it is a digit of an Alt code (see the module docstring).
            self._hold(receiver, event, now)
            if self._is_alt_digit(event):
                self._alt_digits += 1
            else:
                self._dropped += 1
            return True
        self._deliver_typing()
        self._without_character(event, now)
        return False

    def _on_release(self, receiver: QObject, event: QKeyEvent) -> bool:
        if not self._held or event.key() in _MODIFIER_KEYS:
            return False
        self._held.append(_HeldKey.of(receiver, event))
        return True

    def _hold(self, receiver: QObject, event: QKeyEvent, now: int) -> None:
        self._held.append(_HeldKey.of(receiver, event))
        self._last_ms = now
        self._timer.start()

    def _reset(self) -> list[_HeldKey]:
        held = self._held
        self._held = []
        self._chars = []
        self._edited = False
        self._dropped = 0
        self._alt_digits = 0
        self._timer.stop()
        return held

    def _on_quiet(self) -> None:
        """No key for a while: a long burst that looks like a payload is a scan without
        Enter; anything else was typing. Any «|» makes it an ID card QR, whatever its field
        count: the card's rules then accept it or say why not, rather than the burst
        landing as text in the focused field."""
        text = "".join(self._chars)
        if self._burst_length() >= self.min_length and (
            "|" in text or CODE_SHAPE.match(text.strip())
        ):
            self._finish_scan()
        else:
            self._deliver_typing()

    def _deliver_typing(self) -> None:
        held = self._reset()
        if not held:
            return
        self._replaying = True
        try:
            for item in held:
                receiver: Any = item.receiver
                if not shiboken6.isValid(receiver):
                    receiver = QApplication.focusWidget()
                    if receiver is None:
                        continue
                QCoreApplication.sendEvent(receiver, item.event())
        finally:
            self._replaying = False

    def dropped_keys_message(self) -> str:
        """Why a burst with keys that brought no character is refused."""
        return self.tr(
            "Mã vừa quét bị thiếu chữ: máy quét đã gửi phím không ra chữ nào (thường là chữ có "
            "dấu như «ù», «ị» mà máy quét không gõ được). Chưa điền gì để tránh sai thông tin. "
            "Hãy đặt máy quét ở chế độ gửi chữ Unicode (hoặc đúng kiểu bàn phím của máy tính) "
            "rồi quét lại."
        )

    def flush(self) -> None:
        """Deliver any held keys now (before reading a field's text, in tests …)."""
        self._deliver_typing()

    @property
    def holding(self) -> bool:
        """Keys are held back, or a burst may still turn out to be a scan: until this is
        False the listener may still emit or deliver something."""
        return bool(self._held) or self._timer.isActive()

    def _finish_scan(self) -> None:
        payload = "".join(self._chars)
        edited = self._edited
        dropped = self._dropped + (1 if self._alt_digits else 0)
        self._reset()
        if dropped and not edited:  # (an input method's rewrite is said first)
            log.info("scan: rejected, %d keys without a character", dropped)
            self.scan_rejected.emit(self.dropped_keys_message())
            return
        today = self._today() if self._today else None
        verdict = interpret_scan(payload, edited=edited, today=today)
        log.info("scan: %s", verdict.kind)  # never the payload: it is personal data
        if verdict.kind == "code":
            self.code_scanned.emit(verdict.code)
        elif verdict.kind == "id_card":
            self.id_card_scanned.emit(verdict.card)
        else:
            self.scan_rejected.emit(verdict.message)
