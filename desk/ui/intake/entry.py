"""The left-hand side of the intake screen, sections 2 to 5: what the citizen hands in, as
the clerk types it — the applicant, the procedure's own form (rendered from
``desk.forms``), the documents with their scans, and the rest (sets, where the result
goes, checks, a note).

It knows its widgets: what they hold (``payload``/``restore`` for drafts, ``request`` for
the service), what is wrong with them (``problems``, shown next to the fields), and where
the cursor goes. The screen (``view.py``) decides what happens with it.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import date
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desk.domain import limits
from desk.domain.catalogue import Procedure
from desk.domain.dossier import IntakeRequest, ResultDelivery
from desk.errors import DeskError, InvalidInput, NotFound
from desk.forms import (
    APPLICANT,
    FieldProblem,
    FormDefinition,
    FormOutput,
    form_output,
    get_form,
    person_from_values,
    validate_person,
    validate_values,
)
from desk.ui.intake.documents import DocumentsPanel
from desk.ui.intake.form_view import FormView
from desk.ui.intake.preview import checks_caption
from desk.ui.intake.requester import RequesterFiller
from desk.ui.labels import form_text, shown_field, shown_form, shown_label, shown_problem
from desk.ui.widgets.fields import BoolField, FieldCell, NumberField, TextField
from desk.ui.widgets.person import PersonEditor

log = logging.getLogger(__name__)

DELIVERY = (ResultDelivery.AT_DESK, ResultDelivery.BY_POST)
APPLICANT_TITLE = QT_TRANSLATE_NOOP(
    "IntakeEntry", "2. Người nộp hồ sơ — quét mã QR trên căn cước để điền"
)


class IntakeEntry(QScrollArea):
    changed = Signal()
    lookup_requested = Signal(object, str)  # (PersonEditor, ID number)
    attach_requested = Signal(int, str)  # document row (-1: the current one), file path

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self.procedure: Procedure | None = None
        self.form: FormDefinition | None = None
        self.form_view: FormView | None = None
        self._built: dict[tuple[str, str], FormView] = {}  # forms shown once, kept
        self._form_values_by_name: dict[str, dict[str, Any]] = {}
        content = QWidget()
        content.setObjectName("intakeContent")
        layout = QVBoxLayout(content)
        layout.setContentsMargins(0, 4, 8, 4)
        layout.setSpacing(10)
        self.applicant_group = QGroupBox(self.tr(APPLICANT_TITLE))
        applicant_layout = QVBoxLayout(self.applicant_group)
        self.applicant = PersonEditor(shown_field(APPLICANT), columns=3)
        self.applicant.value_changed.connect(self.changed)
        self.applicant.lookup_requested.connect(
            lambda number: self.lookup_requested.emit(self.applicant, number)
        )
        applicant_layout.addWidget(self.applicant)
        layout.addWidget(self.applicant_group)
        self.form_group = QGroupBox(self.tr("3. Tờ khai"))
        self.form_layout = QVBoxLayout(self.form_group)
        self.form_placeholder = QLabel(self.tr("Chọn thủ tục để hiện tờ khai của thủ tục."))
        self.form_placeholder.setStyleSheet("color: #666;")
        self.form_layout.addWidget(self.form_placeholder)
        layout.addWidget(self.form_group)
        self.documents_group = QGroupBox(self.tr("4. Giấy tờ nộp"))
        documents_layout = QVBoxLayout(self.documents_group)
        self.documents = DocumentsPanel()
        self.documents.model.changed.connect(self.changed)
        self.documents.attach_requested.connect(self.attach_requested)
        documents_layout.addWidget(self.documents)
        layout.addWidget(self.documents_group)
        layout.addWidget(self._build_other())
        layout.addStretch()
        self.setWidget(content)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._on_focus_changed)
        self.requester = RequesterFiller(self)  # «Mẹ» fills the mother's block

    def _build_other(self) -> QGroupBox:
        group = QGroupBox(self.tr("5. Thông tin khác"))
        layout = QHBoxLayout(group)
        self.sets_field = NumberField()
        self.sets_field.setObjectName("setsCount")
        self.sets_field.set_value("1")
        self.delivery_field = QComboBox()
        self.delivery_field.setObjectName("resultDelivery")
        self.delivery_field.addItems([shown_label(d) for d in DELIVERY])
        self.checks_field = BoolField(self.tr("Cần xác minh (áp dụng thời hạn kéo dài)"))
        self.checks_field.setObjectName("needsChecks")
        self.note_field = TextField()
        self.note_field.setObjectName("note")
        self.other_cells = {
            "sets_count": FieldCell("sets_count", self.tr("Số bộ hồ sơ"), self.sets_field),
            "result_delivery": FieldCell(
                "result_delivery", self.tr("Nhận kết quả"), self.delivery_field
            ),
            "needs_checks": FieldCell("needs_checks", "", self.checks_field),
            "note": FieldCell("note", self.tr("Ghi chú"), self.note_field),
        }
        for key, cell in self.other_cells.items():
            layout.addWidget(cell, 2 if key == "note" else 0, Qt.AlignmentFlag.AlignTop)
        self.sets_field.value_changed.connect(self.changed)
        self.delivery_field.currentIndexChanged.connect(self.changed)
        self.checks_field.value_changed.connect(self.changed)
        self.note_field.value_changed.connect(self.changed)
        return group

    # ------------------------------------------------------------------ the procedure

    def set_procedure(self, procedure: Procedure | None) -> None:
        """Show the procedure's own form and documents. What was typed in another form is
        kept aside, and comes back if the clerk returns to that procedure."""
        if self.form is not None and self.form_view is not None and not self.form_view.is_empty():
            self._form_values_by_name[self.form.name] = self.form_view.values()
        if self.form_view is not None:
            self.form_view.hide()
            self.form_view.clear()  # kept, empty, for the next citizen of this procedure
            self.form_view = None
        self.procedure = procedure
        self.form = None
        if procedure is not None and procedure.form:
            try:
                self.form = get_form(procedure.form)
            except NotFound:
                log.warning("procedure %s names an unknown form", procedure.code)
        self.form_placeholder.setVisible(self.form is None)
        if procedure is not None and self.form is None:
            self.form_placeholder.setText(self.tr("Thủ tục này chưa có tờ khai riêng trên máy."))
        if self.form is not None:
            shown = shown_form(self.form)
            self.form_view = self._built.get((self.form.name, shown.title))
            if self.form_view is None:
                self.form_view = FormView(shown)
                self.form_view.value_changed.connect(self.changed)
                self.form_view.lookup_requested.connect(self.lookup_requested)
                self.form_view.copy_requested.connect(self.copy_applicant)
                self.form_layout.addWidget(self.form_view)
                self._built[(self.form.name, shown.title)] = self.form_view
                self._tab_through(self.form_view)
            saved = self._form_values_by_name.pop(self.form.name, None)
            if saved:
                self.form_view.set_values(saved)
            self.form_view.show()
            self.form_group.setTitle(f"3. {shown.title}")
            self.applicant_group.setTitle(
                self.tr("2. {0} — quét mã QR trên căn cước để điền").format(shown.applicant_label)
            )
        else:
            self.form_group.setTitle(self.tr("3. Tờ khai"))
            self.applicant_group.setTitle(self.tr(APPLICANT_TITLE))
        self.documents.model.set_procedure(procedure)
        extended = procedure is not None and procedure.extended is not None
        self.other_cells["needs_checks"].setVisible(extended)
        if procedure is not None and extended:
            self.checks_field.setText(checks_caption(procedure))
        else:
            self.checks_field.set_value(False)

    def clear(self) -> None:
        self.set_procedure(None)
        self.applicant.clear()
        self.sets_field.set_value("1")
        self.delivery_field.setCurrentIndex(0)
        self.checks_field.set_value(False)
        self.note_field.set_value("")
        for cell in self.other_cells.values():
            cell.touched = False
        self._form_values_by_name = {}
        self.verticalScrollBar().setValue(0)  # the next citizen starts at the top

    # ------------------------------------------------------------------ what it holds

    def has_input(self) -> bool:
        if not self.applicant.is_empty():
            return True
        if self.form_view is not None and not self.form_view.is_empty():
            return True
        if any(line.ticked for line in self.documents.model.lines):
            return True
        return bool(self.note_field.value().strip())

    def needs_checks(self) -> bool:
        """The checks box as ticked (the domain decides whether it changes the time)."""
        return bool(self.checks_field.value())

    def payload(self) -> dict[str, Any]:
        """Everything typed, for the draft (the procedure is the screen's to add)."""
        return {
            "form_name": self.form.name if self.form else "",
            "applicant": self.applicant.values(),
            "form": self.form_view.values() if self.form_view else {},
            "other_forms": self._form_values_by_name,
            "documents": self.documents.model.to_payload(),
            "sets_count": self.sets_field.value(),
            "result_delivery": DELIVERY[max(0, self.delivery_field.currentIndex())].value,
            "needs_checks": self.checks_field.value(),
            "note": self.note_field.value(),
        }

    def keep_other_forms(self, values: dict[str, dict[str, Any]]) -> None:
        """Before the procedure is chosen again: what was typed in other forms."""
        self._form_values_by_name = dict(values)

    def restore(self, data: dict[str, Any]) -> None:
        """Put a draft's payload back, after its procedure was chosen again."""
        self.applicant.restore(data.get("applicant") or {})
        form, view = self.form, self.form_view
        if form is not None and view is not None and data.get("form_name") == form.name:
            view.set_values(data.get("form") or {})
        self.documents.model.restore(list(data.get("documents") or []))
        self.sets_field.set_value(data.get("sets_count") or "1")
        delivery = str(data.get("result_delivery") or "")
        for index, option in enumerate(DELIVERY):
            if option.value == delivery:
                self.delivery_field.setCurrentIndex(index)
        self.checks_field.set_value(bool(data.get("needs_checks")))
        self.note_field.set_value(data.get("note") or "")

    def form_output(self, today: date) -> FormOutput:
        if self.form is None or self.form_view is None:
            return FormOutput()
        return form_output(self.form, self.form_view.values(), today=today)

    def request(self, today: date) -> IntakeRequest:
        """What the service receives (the screen adds the fee exemption, chosen next to
        the fees)."""
        if self.procedure is None:
            raise DeskError("Chưa chọn thủ tục.", code="intake.procedure")
        output = self.form_output(today)
        try:
            sets_count = limits.SETS_COUNT.check(self.sets_field.value())
        except InvalidInput:
            sets_count = 1  # problems() has said so; the screen does not send it
        return IntakeRequest(
            procedure_code=self.procedure.code,
            applicant=person_from_values(APPLICANT, self.applicant.values()),
            documents=self.documents.model.received_documents(),
            parties=output.parties,
            form_data=output.form_data,
            sets_count=sets_count,
            copies=output.request.get("copies", 1),
            pages=output.request.get("pages", 0),
            late=output.late,
            needs_checks=self.needs_checks(),
            result_delivery=DELIVERY[max(0, self.delivery_field.currentIndex())],
            note=self.note_field.value(),
        )

    def received(self, code: str) -> bool:
        """Handed in, or for a paper only shown, seen."""
        return any(line.code == code and line.ticked for line in self.documents.model.lines)

    # ------------------------------------------------------------------ problems

    def problems(self, today: date) -> list[FieldProblem]:
        """Every problem of the input (hidden or not)."""
        problems = validate_person(APPLICANT, self.applicant.values(), today=today)
        if self.form is not None and self.form_view is not None:
            problems += [
                replace(p, message=form_text(self.form.name, p.message))
                for p in validate_values(self.form, self.form_view.values(), today=today)
            ]
        try:
            limits.SETS_COUNT.check(self.sets_field.value())
        except InvalidInput as problem:
            problems.append(FieldProblem("sets_count", problem.message, code=problem.code))
        problems += self._note_problems()
        return [replace(p, message=shown_problem(p.code, p.message)) for p in problems]

    def _note_problems(self) -> list[FieldProblem]:
        try:
            limits.NOTE.check(self.note_field.value())
        except InvalidInput as problem:
            return [FieldProblem("note", problem.message, code=problem.code)]
        return []

    def show_problems(self, problems: list[FieldProblem], *, show_all: bool) -> None:
        """The messages under the fields (of the fields left already, or all of them)."""
        self.applicant.set_problems(problems, show_all=show_all)
        if self.form_view is not None:
            self.form_view.set_problems(problems, show_all=show_all)
        for key in ("sets_count", "note"):
            messages = [(p.message, p.severity) for p in problems if p.key == key]
            self.other_cells[key].set_messages(messages, show=show_all)

    def reached(self, problem: FieldProblem) -> bool:
        """The clerk has been in the field the problem is about."""
        head, _, tail = problem.key.partition(".")
        if head == "applicant":
            cell = self.applicant.cells.get(tail)
            return bool(cell and cell.touched)
        if self.form_view is not None:
            if problem.key in self.form_view.cells:
                return self.form_view.cells[problem.key].touched
            editor = self.form_view.people.get(head)
            if editor is not None:
                part = editor.cells.get(tail)
                return bool(part.touched) if part else editor.touched()
        if problem.key in self.other_cells:
            return self.other_cells[problem.key].touched
        return False

    def labels(self) -> dict[str, str]:
        """What each problem's key is called in the list on the right."""
        applicant = shown_field(APPLICANT).person
        labels = {
            f"applicant.{p.key}": self.tr("{0} (người nộp)").format(p.label) for p in applicant
        }
        if self.form is not None:
            for spec in shown_form(self.form).fields():
                labels[spec.key] = spec.label
                for part in spec.person:
                    labels[f"{spec.key}.{part.key}"] = f"{part.label} ({spec.role_label})"
        labels["procedure"] = self.tr("Thủ tục")
        labels["documents"] = self.tr("Giấy tờ")
        labels["sets_count"] = self.tr("Số bộ hồ sơ")
        return labels

    # ------------------------------------------------------------------ the cursor

    def focus_key(self, key: str) -> None:
        """Put the cursor in the field a problem is about, and scroll it into view."""
        head, _, tail = key.partition(".")
        editor: QWidget | None = None
        if head == "applicant":
            editor = self.applicant.focus_part(tail)
        elif key == "documents":
            editor = self.documents.table
            editor.setFocus()
        elif key in self.other_cells:
            self.other_cells[key].focus()
            editor = self.other_cells[key].editor
        elif self.form_view is not None:
            editor = self.form_view.focus_key(key)
        if editor is not None:
            self.ensureWidgetVisible(editor, 40, 80)

    def focus_after_applicant(self) -> None:
        editor = self.form_view.first_editor() if self.form_view is not None else None
        if editor is not None:
            editor.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.documents.table.setFocus()

    def person_in_focus(self) -> PersonEditor | None:
        widget = QApplication.focusWidget()
        while widget is not None and widget is not self:
            if isinstance(widget, PersonEditor):
                return widget
            widget = widget.parentWidget()
        return None

    def copy_applicant(self, editor: PersonEditor, *, focus: bool = True) -> None:
        values = self.applicant.values()
        born = values.get("birth_date", "")
        if "birth_year" in editor.cells and born:
            values["birth_year"] = str(born).strip()[-4:]
        editor.set_values({k: v for k, v in values.items() if k in editor.cells})
        self.changed.emit()
        if focus:
            editor.focus_first_empty()

    def _tab_through(self, form_view: FormView) -> None:
        """Tab goes from the applicant to the form, then to the papers, as on screen (a form
        made after the screen would otherwise come last, after section 5)."""
        fields, widget = [], form_view.nextInFocusChain()
        while form_view.isAncestorOf(widget):
            if widget.focusPolicy() & Qt.FocusPolicy.TabFocus and widget.focusProxy() is None:
                fields.append(widget)
            widget = widget.nextInFocusChain()
        previous = list(self.applicant.cells.values())[-1].editor
        for widget in [*fields, self.documents.table]:
            QWidget.setTabOrder(previous, widget)
            previous = widget

    def _on_focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        content = self.widget()
        if new is not None and content is not None and content.isAncestorOf(new):
            self.ensureWidgetVisible(new, 40, 60)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter in a field moves on to the next one, as in a paper form."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not (
            event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        ):
            focus = QApplication.focusWidget()
            if focus is not None and self.widget().isAncestorOf(focus):
                self.focusNextChild()
                event.accept()
                return
        super().keyPressEvent(event)
