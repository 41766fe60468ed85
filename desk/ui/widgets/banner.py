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
        self.hide()

    def show_message(
        self,
        text: str,
        *,
        level: str = "info",
        actions: list[tuple[str, Callable[[], None]]] | None = None,
        closable: bool = True,
    ) -> None:
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
            close = QPushButton("Đóng")
            close.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
            close.clicked.connect(self.dismiss)
            self._layout.addWidget(close)
            self._buttons.append(close)
        self.show()

    def buttons(self) -> list[QPushButton]:
        return list(self._buttons)

    def dismiss(self) -> None:
        self.hide()
        self.closed.emit()
