"""A one-line notice inside a screen, with its actions: never a modal box in the way of
the queue at the desk."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

STYLES = {
    "info": "background: #e8f1fb; border: 1px solid #9cbde0;",
    "success": "background: #e7f5e9; border: 1px solid #8cc79a;",
    "warning": "background: #fff4df; border: 1px solid #e3b866;",
    "error": "background: #fdecec; border: 1px solid #e09a9a;",
}


class Banner(QFrame):
    closed = Signal()
    shown = Signal()  # a message was put up (the screen shows one banner at a time)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 6, 6)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setStyleSheet("border: none; background: transparent;")
        layout.addWidget(self.label, 1)
        self._buttons: list[QPushButton] = []
        self._layout = layout
        self.tag = ""  # what the message is about, for the screen that shows it
        self.hide()

    def show_message(
        self,
        text: str,
        *,
        level: str = "info",
        actions: list[tuple[str, Callable[[], None]]] | None = None,
        closable: bool = True,
        tag: str = "",
    ) -> None:
        self.tag = tag
        for button in self._buttons:
            button.setParent(None)  # type: ignore[call-overload]
            button.deleteLater()
        self._buttons = []
        style = STYLES.get(level, STYLES["info"])
        self.setStyleSheet(f"Banner {{ {style} border-radius: 4px; }}")
        self.setProperty("level", level)
        self.label.setText(text)
        for caption, callback in actions or []:
            button = QPushButton(caption)
            button.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
            button.clicked.connect(callback)
            self._layout.addWidget(button)
            self._buttons.append(button)
        if closable:
            close = QPushButton(self.tr("Đóng"))
            close.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
            close.clicked.connect(self.dismiss)
            self._layout.addWidget(close)
            self._buttons.append(close)
        self.show()
        self.shown.emit()

    def buttons(self) -> list[QPushButton]:
        return list(self._buttons)

    def dismiss(self) -> None:
        self.tag = ""
        self.hide()
        self.closed.emit()


def share_place(message: Banner, offer: Banner) -> None:
    """Two banners of a screen in one place, so the form below is pushed down by one at
    most: a ``message`` put up hides the ``offer`` (which comes back when the message is
    closed); an offer put up replaces the message."""
    waiting = [False]  # the offer, hidden under a message

    def message_shown() -> None:
        if not offer.isHidden():  # put up (even while its screen is not on show)
            waiting[0] = True
            offer.hide()

    def message_closed() -> None:
        if waiting[0]:
            waiting[0] = False
            offer.show()

    def offer_shown() -> None:
        waiting[0] = False
        message.hide()

    def offer_closed() -> None:
        waiting[0] = False

    message.shown.connect(message_shown)
    message.closed.connect(message_closed)
    offer.shown.connect(offer_shown)
    offer.closed.connect(offer_closed)
