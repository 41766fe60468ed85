"""A procedure's own form, rendered from its definition in ``desk.forms`` (data, not a
hand-built screen): one group per section, one cell per field, a person block per person."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel, QVBoxLayout, QWidget

from desk.forms import FieldKind, FieldProblem, FormDefinition
from desk.ui.widgets.fields import FieldCell, make_editor
from desk.ui.widgets.person import PersonEditor

COLUMNS = 2


class FormView(QWidget):
    value_changed = Signal()
    lookup_requested = Signal(object, str)  # (PersonEditor, ID number)
    copy_requested = Signal(object)  # PersonEditor that wants the applicant's data

    def __init__(self, form: FormDefinition, parent: QWidget | None = None):
        super().__init__(parent)
        self.form = form
        self.cells: dict[str, FieldCell] = {}
        self.people: dict[str, PersonEditor] = {}
        self.groups: list[QGroupBox] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        for section in form.sections:
            group = QGroupBox(section.title)
            self.groups.append(group)
            inner = QVBoxLayout(group)
            if section.note:
                note = QLabel(section.note)
                note.setStyleSheet("color: #555; font-style: italic;")
                note.setWordWrap(True)
                inner.addWidget(note)
            grid = QGridLayout()
            grid.setHorizontalSpacing(14)
            grid.setVerticalSpacing(4)
            row = column = 0
            for spec in section.fields:
                if spec.kind is FieldKind.PERSON:
                    # Only an adult (a person with an ID number) can be the one at the desk.
                    adult = spec.part("id_number") is not None
                    editor = PersonEditor(spec, columns=COLUMNS, can_copy_applicant=adult)
                    editor.value_changed.connect(self.value_changed)
                    editor.lookup_requested.connect(
                        lambda number, e=editor: self.lookup_requested.emit(e, number)
                    )
                    editor.copy_requested.connect(lambda e=editor: self.copy_requested.emit(e))
                    if column:
                        row, column = row + 1, 0
                    grid.addWidget(editor, row, 0, 1, COLUMNS)
                    row += 1
                    self.people[spec.key] = editor
                    continue
                widget = make_editor(
                    spec.kind,
                    label=spec.label,
                    choices=spec.choices,
                    multiline=spec.multiline,
                    max_length=spec.max_length,
                )
                widget.setObjectName(spec.key)
                cell = FieldCell(
                    spec.key, spec.label, widget, required=spec.required, help_text=spec.help
                )
                widget.value_changed.connect(self.value_changed)  # type: ignore[attr-defined]
                span = COLUMNS if spec.multiline else 1
                if column + span > COLUMNS:
                    row, column = row + 1, 0
                grid.addWidget(cell, row, column, 1, span, Qt.AlignmentFlag.AlignTop)
                column += span
                if column >= COLUMNS:
                    row, column = row + 1, 0
                self.cells[spec.key] = cell
            for index in range(COLUMNS):
                grid.setColumnStretch(index, 1)
            inner.addLayout(grid)
            layout.addWidget(group)

    def values(self) -> dict[str, Any]:
        values: dict[str, Any] = {key: cell.value() for key, cell in self.cells.items()}
        for key, editor in self.people.items():
            values[key] = editor.values()
        return values

    def set_values(self, values: Mapping[str, Any]) -> None:
        for key, value in values.items():
            if key in self.cells:
                self.cells[key].set_value(value)
            elif key in self.people and isinstance(value, Mapping):
                self.people[key].set_values(value)

    def clear(self) -> None:
        """Empty as when it was built, messages and all: the form is kept for the next
        citizen rather than built again (half a second of widgets)."""
        blocked = self.blockSignals(True)
        try:
            for cell in self.cells.values():
                cell.set_value("")
                cell.touched = False
                cell.set_messages([], show=False)
            for editor in self.people.values():
                editor.clear()
        finally:
            self.blockSignals(blocked)

    def is_empty(self) -> bool:
        for key, value in self.values().items():
            if key in self.people:
                if not self.people[key].is_empty():
                    return False
            elif value not in (None, "", False):
                return False
        return True

    def set_problems(self, problems: list[FieldProblem], *, show_all: bool) -> None:
        by_key: dict[str, list] = {}
        for problem in problems:
            by_key.setdefault(problem.key, []).append((problem.message, problem.severity))
        for key, cell in self.cells.items():
            cell.set_messages(by_key.get(key, []), show=show_all)
        for key, editor in self.people.items():
            # A problem about the whole person ("mother") shows under its name.
            whole = [p for p in problems if p.key == key]
            moved = [FieldProblem(f"{key}.full_name", p.message, p.severity) for p in whole]
            editor.set_problems(
                [p for p in problems if p.key.startswith(key + ".")] + moved, show_all=show_all
            )

    def focus_key(self, key: str) -> QWidget | None:
        """Put the cursor in the field of ``key``; returns its editor."""
        if key in self.cells:
            self.cells[key].focus()
            return self.cells[key].editor
        head, _, tail = key.partition(".")
        if head in self.people:
            return self.people[head].focus_part(tail or "full_name")
        return None

    def first_editor(self) -> QWidget | None:
        for section in self.form.sections:
            for spec in section.fields:
                if spec.key in self.people:
                    return self.people[spec.key].first_editor()
                if spec.key in self.cells:
                    return self.cells[spec.key].editor
        return None
