"""A person's block (the applicant, the child, the mother …), built from a person field
spec of ``desk.forms``: one cell per part, in the spec's order.

It fills itself from a scanned ID card, offers a person the office already knows when a
12-digit ID number is typed (the view looks it up), and can copy the applicant.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from desk.domain.dossier import Person
from desk.domain.identity import IdCard
from desk.forms import FieldProblem, FieldSpec, format_date
from desk.forms.validation import PART_LIMITS
from desk.ui.widgets.banner import Banner
from desk.ui.widgets.fields import FieldCell, make_editor

# What a chip ID card carries, by person part.
CARD_PARTS = ("id_number", "full_name", "birth_date", "sex", "address", "id_issue_date")
_WIDE = {"full_name": 2, "address": 99, "id_issuer": 2, "email": 2}


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return format_date(value)
    if hasattr(value, "value"):  # Sex
        return str(value.value)
    return str(value)


def card_values(card: IdCard) -> dict[str, str]:
    return {
        "id_number": card.id_number,
        "full_name": card.full_name,
        "birth_date": format_date(card.birth_date),
        "sex": card.sex.value,
        "address": card.address,
        "id_issue_date": format_date(card.issue_date),
        "old_id_number": card.old_id_number,
    }


def person_values_of(person: Person) -> dict[str, str]:
    values = {
        "id_number": person.id_number,
        "full_name": person.full_name,
        "birth_date": _text(person.birth_date),
        "birth_year": str(person.birth_date.year) if person.birth_date else "",
        "sex": _text(person.sex),
        "address": person.address,
        "phone": person.phone,
        "email": person.email,
        "id_issue_date": _text(person.id_issue_date),
        "id_issuer": person.id_issuer,
        "old_id_number": person.old_id_number,
    }
    return {k: v for k, v in values.items() if v}


class PersonEditor(QWidget):
    value_changed = Signal()
    lookup_requested = Signal(str)  # a complete ID number was typed: is the person known?
    copy_requested = Signal()  # "copy the applicant here"

    def __init__(
        self,
        spec: FieldSpec,
        *,
        columns: int = 2,
        can_copy_applicant: bool = False,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.spec = spec
        self.cells: dict[str, FieldCell] = {}
        self._extra: dict[str, str] = {}  # parts the card carries but the form does not ask
        self._offered: Person | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.banner = Banner()
        layout.addWidget(self.banner)
        grid = QGridLayout()
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(4)
        row = column = 0
        for part in spec.person:
            limit = PART_LIMITS.get(part.key)
            editor = make_editor(
                part.kind,
                choices=("Nam", "Nữ") if part.key == "sex" else (),
                max_length=limit.max_length if limit is not None else 400,
            )
            editor.setObjectName(f"{spec.key}.{part.key}")
            if part.key == "id_number":
                editor.setPlaceholderText(self.tr("12 chữ số"))  # type: ignore[attr-defined]
                editor.setMaximumWidth(220)
            if part.key == "birth_year":
                editor.setPlaceholderText("yyyy")  # type: ignore[attr-defined]
            cell = FieldCell(
                f"{spec.key}.{part.key}",
                part.label,
                editor,
                required=part.required,
                help_text=part.help,
            )
            span = min(_WIDE.get(part.key, 1), columns)
            if part.key == "full_name":
                span = max(1, columns - 1)
            elif part.key == "address" and 0 < column < columns:
                span = columns - column  # the rest of the row
            if column + span > columns:
                row, column = row + 1, 0
            grid.addWidget(cell, row, column, 1, span, Qt.AlignmentFlag.AlignTop)
            column += span
            if column >= columns:
                row, column = row + 1, 0
            self.cells[part.key] = cell
            editor.value_changed.connect(self.value_changed)  # type: ignore[attr-defined]
        for index in range(columns):
            grid.setColumnStretch(index, 1)
        layout.addLayout(grid)
        if "id_number" in self.cells:
            self.cells["id_number"].editor.value_changed.connect(self._id_changed)  # type: ignore[attr-defined]
        if can_copy_applicant:
            row_layout = QHBoxLayout()
            self.copy_button = QPushButton(self.tr("Chép từ người nộp hồ sơ"))
            self.copy_button.setObjectName(f"{spec.key}.copy")
            self.copy_button.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
            self.copy_button.setToolTip(self.tr("Người này chính là người nộp hồ sơ"))
            self.copy_button.clicked.connect(self.copy_requested)
            row_layout.addWidget(self.copy_button)
            row_layout.addStretch()
            layout.addLayout(row_layout)

    # -- values --

    def values(self) -> dict[str, Any]:
        values: dict[str, Any] = {k: v for k, v in self._extra.items() if v}
        for key, cell in self.cells.items():
            values[key] = cell.value()
        return values

    def set_values(self, values: Mapping[str, Any], *, only_empty: bool = False) -> None:
        for key, value in values.items():
            cell = self.cells.get(key)
            if cell is None:
                if key == "old_id_number":
                    self._extra[key] = _text(value)
                continue
            if only_empty and str(cell.value() or "").strip():
                continue
            cell.set_value(_text(value))

    def clear(self) -> None:
        for cell in self.cells.values():
            cell.set_value("")
            cell.touched = False
            cell.set_messages([], show=False)
        self._extra = {}
        self.banner.dismiss()

    def is_empty(self) -> bool:
        return not any(str(v or "").strip() for v in self.values().values())

    def has_card_parts(self) -> bool:
        return "id_number" in self.cells

    def fill_from_card(self, card: IdCard) -> dict[str, Any]:
        """Fill the card's parts; returns the values before, for an undo."""
        before = self.values()
        values = card_values(card)
        self._extra["old_id_number"] = values.pop("old_id_number")
        self.set_values(values)
        return before

    def restore(self, values: Mapping[str, Any]) -> None:
        self._extra = {}
        for cell in self.cells.values():
            cell.set_value("")
        self.set_values(values)

    # -- the office already knows this person --

    def id_number(self) -> str:
        cell = self.cells.get("id_number")
        return str(cell.value()).replace(" ", "") if cell else ""

    def _id_changed(self) -> None:
        number = self.id_number()
        if self.spec.lookup and len(number) == 12 and number.isdigit():
            self.lookup_requested.emit(number)
        elif self._offered is not None:
            self._offered = None
            self.banner.dismiss()

    def offer_known(self, person: Person) -> None:
        """Show what the office knows about this ID number; the clerk decides."""
        known = person_values_of(person)
        useful = {
            k: v
            for k, v in known.items()
            if k in self.cells and not str(self.cells[k].value() or "").strip()
        }
        if not useful:
            return
        self._offered = person
        details = [person.full_name]
        if person.birth_date:
            details.append(self.tr("sinh {0}").format(f"{person.birth_date:%d/%m/%Y}"))
        if person.phone and "phone" in useful:
            details.append(self.tr("ĐT {0}").format(person.phone))
        if person.address and "address" in useful:
            details.append(person.address)
        self.banner.show_message(
            self.tr("Đã có trong dữ liệu của xã: {0}.").format(", ".join(details)),
            level="info",
            actions=[(self.tr("&Dùng thông tin này"), self.accept_offer)],
        )

    def accept_offer(self) -> None:
        if self._offered is None:
            return
        self.set_values(person_values_of(self._offered), only_empty=True)
        self._offered = None
        self.banner.dismiss()
        self.value_changed.emit()
        self.focus_first_empty()

    # -- problems and focus --

    def set_problems(self, problems: list[FieldProblem], *, show_all: bool) -> None:
        by_part: dict[str, list] = {}
        prefix = self.spec.key + "."
        for problem in problems:
            if problem.key.startswith(prefix):
                by_part.setdefault(problem.key[len(prefix) :], []).append(
                    (problem.message, problem.severity)
                )
        for key, cell in self.cells.items():
            cell.set_messages(by_part.get(key, []), show=show_all)

    def touched(self) -> bool:
        return any(cell.touched for cell in self.cells.values())

    def focus_first_empty(self) -> bool:
        for cell in self.cells.values():
            if not str(cell.value() or "").strip():
                cell.focus()
                return True
        return False

    def focus_part(self, key: str) -> QWidget:
        cell = self.cells.get(key) or next(iter(self.cells.values()))
        cell.focus()
        return cell.editor

    def first_editor(self) -> QWidget:
        return next(iter(self.cells.values())).editor
