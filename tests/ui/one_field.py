"""One line edit in a shown window, focused: where the scanner's and the application
filters' tests type."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget


def shown_line_edit(qtbot, others: int = 0) -> QLineEdit:
    """The focused edit; ``others`` more edits below it, for focus to move to."""
    window = QWidget()
    layout = QVBoxLayout(window)
    layout.setSizeConstraint(QVBoxLayout.SizeConstraint.SetNoConstraint)
    edit = QLineEdit()
    layout.addWidget(edit)
    for _ in range(others):
        layout.addWidget(QLineEdit())
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    edit.setFocus()
    edit.holder = window  # type: ignore[attr-defined]  # keep the window alive
    return edit
