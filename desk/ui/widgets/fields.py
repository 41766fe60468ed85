"""Field editors that keep what was typed, and the message shown under each field.

Every editor has ``value()`` (the text as typed: nothing is dropped or reformatted behind
the clerk's back, except that a date she finished typing is shown as dd/mm/yyyy),
``set_value()``, and a ``value_changed`` signal. A ``FieldCell`` puts a label on top, the
editor, and a message line under it; messages of fields the clerk has not reached yet
stay hidden until she tries to finish the intake.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from desk.domain.text import fold
from desk.errors import InvalidInput
from desk.forms import FieldKind, Severity, format_date, parse_date_text
from desk.forms.values import match_choice

ERROR_COLOUR = "#b00020"
WARNING_COLOUR = "#8a5a00"
# Set on the screen that holds the fields: a field with a problem gets a coloured border.
FIELD_STYLE = f"""
QLineEdit[problem="error"], QComboBox[problem="error"], QPlainTextEdit[problem="error"] {{
    border: 1px solid {ERROR_COLOUR}; background: #fff6f6; }}
QLineEdit[problem="warning"], QComboBox[problem="warning"] {{
    border: 1px solid #d89a2b; background: #fffaf0; }}
"""


class TextField(QLineEdit):
    value_changed = Signal()

    def __init__(self, parent: QWidget | None = None, *, max_length: int = 400):
        super().__init__(parent)
        self.setMaxLength(max(max_length * 2, 400))  # the message says "too long", not Qt
        self.textChanged.connect(self.value_changed)

    def value(self) -> str:
        return self.text()

    def set_value(self, value: Any) -> None:
        self.setText("" if value is None else str(value))


class MultiLineField(QPlainTextEdit):
    value_changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self.setFixedHeight(64)
        self.textChanged.connect(self.value_changed)

    def value(self) -> str:
        return self.toPlainText()

    def set_value(self, value: Any) -> None:
        self.setPlainText("" if value is None else str(value))


class DateField(TextField):
    """A date typed as 15/03/1990, 15-3-1990 or 15031990; shown as 15/03/1990 once left."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent, max_length=20)
        self.setPlaceholderText(self.tr("ngày/tháng/năm"))
        self.setMaximumWidth(160)
        self.editingFinished.connect(self._tidy)

    def _tidy(self) -> None:
        try:
            day = parse_date_text(self.text())
        except InvalidInput:
            return  # keep what was typed; the message says what is wrong
        if day is not None and self.text() != format_date(day):
            self.setText(format_date(day))


class NumberField(TextField):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent, max_length=12)
        self.setMaximumWidth(120)
        self.setAlignment(Qt.AlignmentFlag.AlignRight)


class FoldingCompleter(QCompleter):
    """Completes "thai" to "Thái" and "dang" to "Đăng …": matching on folded text."""

    FOLDED_ROLE = Qt.ItemDataRole.UserRole + 1

    def __init__(self, choices: list[str], parent: QObject | None = None):
        from PySide6.QtGui import QStandardItem, QStandardItemModel

        model = QStandardItemModel(parent)
        for choice in choices:
            item = QStandardItem(choice)
            item.setData(fold(choice), self.FOLDED_ROLE)
            model.appendRow(item)
        super().__init__(model, parent)
        self.setCompletionRole(self.FOLDED_ROLE)
        self.setFilterMode(Qt.MatchFlag.MatchContains)
        self.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)

    def splitPath(self, path: str) -> list[str]:
        return [fold(path)]

    def pathFromIndex(self, index: Any) -> str:
        return str(index.data(Qt.ItemDataRole.DisplayRole))


class ChoiceField(QComboBox):
    """An editable list: type a few letters (accents optional), or pick with the arrows."""

    value_changed = Signal()

    def __init__(self, choices: tuple[str, ...], parent: QWidget | None = None):
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self._choices = tuple(choices)
        self.addItems(list(choices))
        self.setCompleter(FoldingCompleter(list(choices), self))
        self.setCurrentIndex(-1)
        self.setEditText("")
        self.setMinimumContentsLength(10)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.editTextChanged.connect(self.value_changed)
        line = self.lineEdit()
        if line is not None:
            line.setPlaceholderText(self.tr("gõ vài chữ để chọn"))
            line.editingFinished.connect(self._settle)  # Enter
            line.installEventFilter(self)  # Tab while the completer's list is open

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.lineEdit()
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab)  # type: ignore[attr-defined]
        ):
            self.completer().popup().hide()  # its list closes with the value taken
            self._settle()
        return super().eventFilter(watched, event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        if event.reason() != Qt.FocusReason.PopupFocusReason:  # its own list opening
            self._settle()  # Tab, or the cursor leaving

    def _settle(self) -> None:
        """Show the choice the typed text means ("nu" → "Nữ"), by the rule the form's check
        uses; text that means no single choice stays as typed, for its message."""
        text = self.currentText()
        try:
            choice = match_choice(text, self._choices, allow_other=False)
        except InvalidInput:
            return
        if choice is not None and choice != text:
            self.setCurrentIndex(self.findText(choice))

    def value(self) -> str:
        return self.currentText()

    def set_value(self, value: Any) -> None:
        text = "" if value is None else str(value)
        index = self.findText(text)
        self.setCurrentIndex(index)
        if index < 0:
            self.setEditText(text)


class BoolField(QCheckBox):
    value_changed = Signal()

    def __init__(self, label: str, parent: QWidget | None = None):
        super().__init__(label, parent)
        self.toggled.connect(self.value_changed)

    def value(self) -> bool:
        return self.isChecked()

    def set_value(self, value: Any) -> None:
        self.setChecked(bool(value) and value not in ("false", "0"))


def make_editor(
    kind: FieldKind,
    *,
    label: str = "",
    choices: tuple[str, ...] = (),
    multiline: bool = False,
    max_length: int = 400,
) -> QWidget:
    if kind is FieldKind.DATE:
        return DateField()
    if kind is FieldKind.NUMBER:
        return NumberField()
    if kind is FieldKind.CHOICE:
        return ChoiceField(choices)
    if kind is FieldKind.BOOL:
        return BoolField(label)
    if multiline:
        return MultiLineField()
    return TextField(max_length=max_length)


class FieldMessage(QLabel):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWordWrap(True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.hide()

    def show_messages(self, messages: list[tuple[str, Severity]]) -> None:
        if not messages:
            self.clear()
            self.hide()
            return
        error = any(severity is Severity.ERROR for _, severity in messages)
        colour = ERROR_COLOUR if error else WARNING_COLOUR
        self.setStyleSheet(f"color: {colour}; font-size: 9pt;")
        self.setText("\n".join(("⚠ " if s is Severity.WARNING else "") + m for m, s in messages))
        self.setProperty("severity", "error" if error else "warning")
        self.show()


class FieldCell(QWidget):
    """Label, editor, message: one field of a form."""

    touched_changed = Signal()

    def __init__(
        self,
        key: str,
        label: str,
        editor: QWidget,
        *,
        required: bool = False,
        help_text: str = "",
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.key = key
        self.editor = editor
        self.touched = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 2)
        layout.setSpacing(2)
        self.label = QLabel(label + (" *" if required else ""))
        self.label.setBuddy(editor)
        self.label.setStyleSheet("color: #333;")
        if isinstance(editor, BoolField):
            self.label.hide()
        layout.addWidget(self.label)
        layout.addWidget(editor)
        if help_text:
            hint = QLabel(help_text)
            hint.setStyleSheet("color: #666; font-size: 8.5pt;")
            hint.setWordWrap(True)
            layout.addWidget(hint)
        self.message = FieldMessage()
        layout.addWidget(self.message)
        editor.installEventFilter(self)
        self._messages: list[tuple[str, Severity]] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.editor and event.type() == QEvent.Type.FocusOut and not self.touched:
            self.touched = True
            self.touched_changed.emit()
        return False

    def value(self) -> Any:
        return self.editor.value()  # type: ignore[attr-defined]

    def set_value(self, value: Any) -> None:
        self.editor.set_value(value)  # type: ignore[attr-defined]
        if value not in (None, "", False):
            self.touched = True

    def set_messages(self, messages: list[tuple[str, Severity]], *, show: bool) -> None:
        self._messages = messages
        shown = messages if show or self.touched else []
        self.message.show_messages(shown)
        severity = ""
        if shown:
            severity = "error" if any(s is Severity.ERROR for _, s in shown) else "warning"
        if self.editor.property("problem") != severity:
            self.editor.setProperty("problem", severity)
            style = self.editor.style()
            style.unpolish(self.editor)
            style.polish(self.editor)

    def focus(self) -> None:
        self.editor.setFocus(Qt.FocusReason.OtherFocusReason)
        if isinstance(self.editor, QLineEdit):
            self.editor.selectAll()


__all__ = [
    "BoolField",
    "ChoiceField",
    "DateField",
    "FieldCell",
    "FieldMessage",
    "MultiLineField",
    "NumberField",
    "TextField",
    "make_editor",
]
