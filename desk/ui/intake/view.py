"""The intake screen (F2): a walk-in citizen's dossier, typed and scanned, received,
sent back for missing papers, or refused.

Order of work, top to bottom, which is also the tab order: the procedure (search as you
type), the applicant (scan the ID card anywhere on this screen, or type; a person the
office knows is offered by ID number), the procedure's own form (rendered from
``desk.forms``), the documents handed in (with scans), then the outcome on the right,
where the due time and the fees follow the clerk's input live.

Nothing typed is lost: every change is autosaved as a draft (``desk.services.drafts``)
after a short pause, and when the screen is hidden or closed; reopening the desk offers
unfinished intakes back (``offer_drafts``).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QHideEvent, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desk.domain.calendar import now_in_office, to_office_time
from desk.domain.catalogue import Procedure
from desk.domain.dossier import Dossier, IntakeRequest, ReceivedDocument, ResultDelivery
from desk.domain.fees import format_vnd
from desk.domain.identity import IdCard
from desk.domain.office import User
from desk.errors import DeskError, NotFound
from desk.forms import (
    APPLICANT,
    FieldProblem,
    FormDefinition,
    FormOutput,
    MissingDocument,
    form_output,
    get_form,
    person_from_values,
    validate_person,
    validate_values,
)
from desk.printing.notices import SupplementRequest
from desk.services import attachments, intake, people
from desk.services.context import DeskContext
from desk.services.drafts import Draft, DraftError, DraftStore, new_draft_id
from desk.ui.intake.documents import DocumentsPanel
from desk.ui.intake.form_view import FormView
from desk.ui.intake.outcome import OutcomePanel
from desk.ui.intake.procedure_picker import ProcedurePicker
from desk.ui.widgets.banner import Banner
from desk.ui.widgets.fields import FIELD_STYLE, BoolField, FieldCell, NumberField, TextField
from desk.ui.widgets.person import PersonEditor
from desk.ui.workers import Job

log = logging.getLogger(__name__)

VALIDATE_MS = 250
AUTOSAVE_MS = 600
AUTOSAVE_MAX_WAIT_S = 2.0
DUE_REFRESH_MS = 20_000
WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")
DELIVERY = (ResultDelivery.AT_DESK, ResultDelivery.BY_POST)
UNEXPECTED = (
    "Có lỗi không mong đợi khi ghi hồ sơ; lỗi đã được ghi vào nhật ký. Dữ liệu đang nhập vẫn "
    "được giữ nguyên (và đã lưu bản nháp). Hãy thử lại, hoặc báo quản trị."
)


def format_due(moment: datetime) -> str:
    local = to_office_time(moment)
    return f"{local:%H} giờ {local:%M} phút, {WEEKDAYS[local.weekday()]} {local:%d/%m/%Y}"


class IntakeView(QWidget):
    dossier_received = Signal(object)  # Dossier, after receive_dossier succeeded
    dossier_refused = Signal(object)  # Dossier with status REFUSED
    supplement_requested = Signal(object, object)  # IntakeRequest (unsaved), SupplementRequest
    draft_saved = Signal(str)  # the draft's id

    def __init__(
        self,
        ctx: DeskContext,
        user: User,
        parent: QWidget | None = None,
        *,
        drafts: DraftStore | None = None,
        clock: Callable[[], datetime] | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("intakeView")
        self.setStyleSheet(FIELD_STYLE)
        self.ctx = ctx
        self.user = user
        self.drafts = drafts or DraftStore.for_config(ctx.config)
        self.clock = clock or now_in_office
        self.procedure: Procedure | None = None
        self.form: FormDefinition | None = None
        self.form_view: FormView | None = None
        self.draft_id = new_draft_id()
        self._draft_created: datetime | None = None
        self._show_all = False
        self._busy = False
        self._loading = False
        self._dirty_since: float | None = None
        self._form_values_by_name: dict[str, dict[str, Any]] = {}
        self._undo_card: tuple[PersonEditor, dict[str, Any]] | None = None
        self._problems: list[FieldProblem] = []
        self._build()
        self._validate_timer = QTimer(self, singleShot=True, interval=VALIDATE_MS)
        self._validate_timer.timeout.connect(self.revalidate)
        self._autosave_timer = QTimer(self, singleShot=True, interval=AUTOSAVE_MS)
        self._autosave_timer.timeout.connect(self.save_draft)
        self._due_timer = QTimer(self, interval=DUE_REFRESH_MS)
        self._due_timer.timeout.connect(self._refresh_summary)
        self._due_timer.start()
        self._shortcuts()
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._on_focus_changed)
        self.revalidate()

    # ------------------------------------------------------------------ building

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(8, 8, 8, 8)
        self.banner = Banner()
        self.banner.setObjectName("intakeBanner")
        outer.addWidget(self.banner)
        self.draft_banner = Banner()
        self.draft_banner.setObjectName("draftBanner")
        outer.addWidget(self.draft_banner)
        heading = QLabel("1. Thủ tục  (F3)")
        heading.setStyleSheet("font-weight: bold;")
        outer.addWidget(heading)
        self.picker = ProcedurePicker(list(self.ctx.catalogue()))
        self.picker.procedure_chosen.connect(self._on_procedure_chosen)
        outer.addWidget(self.picker)
        body = QHBoxLayout()
        outer.addLayout(body, 1)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        content = QWidget()
        content.setObjectName("intakeContent")
        self.content_layout = QVBoxLayout(content)
        self.content_layout.setContentsMargins(0, 4, 8, 4)
        self.content_layout.setSpacing(10)
        self.applicant_group = QGroupBox("2. Người nộp hồ sơ — quét mã QR trên căn cước để điền")
        applicant_layout = QVBoxLayout(self.applicant_group)
        self.applicant = PersonEditor(APPLICANT, columns=3)
        self.applicant.value_changed.connect(self._on_changed)
        self.applicant.lookup_requested.connect(lambda number: self._lookup(self.applicant, number))
        applicant_layout.addWidget(self.applicant)
        self.content_layout.addWidget(self.applicant_group)
        self.form_group = QGroupBox("3. Tờ khai")
        self.form_layout = QVBoxLayout(self.form_group)
        self.form_placeholder = QLabel("Chọn thủ tục để hiện tờ khai của thủ tục.")
        self.form_placeholder.setStyleSheet("color: #666;")
        self.form_layout.addWidget(self.form_placeholder)
        self.content_layout.addWidget(self.form_group)
        self.documents_group = QGroupBox("4. Giấy tờ nộp")
        documents_layout = QVBoxLayout(self.documents_group)
        self.documents = DocumentsPanel()
        self.documents.model.changed.connect(self._on_changed)
        self.documents.attach_requested.connect(self.attach_file)
        documents_layout.addWidget(self.documents)
        self.content_layout.addWidget(self.documents_group)
        self.content_layout.addWidget(self._build_other())
        self.content_layout.addStretch()
        self.scroll.setWidget(content)
        body.addWidget(self.scroll, 1)
        self.outcome = OutcomePanel()
        self.outcome.receive_clicked.connect(self.receive)
        self.outcome.supplement_clicked.connect(self.request_supplement)
        self.outcome.refuse_clicked.connect(self.refuse)
        self.outcome.discard_clicked.connect(self.discard)
        self.outcome.confirm_receive.connect(lambda: self._submit(""))
        self.outcome.confirm_refuse.connect(self._confirm_refuse)
        self.outcome.confirm_supplement.connect(self._confirm_supplement)
        self.outcome.back_clicked.connect(self._back)
        self.outcome.problem_activated.connect(self.focus_key)
        body.addWidget(self.outcome)

    def _build_other(self) -> QGroupBox:
        group = QGroupBox("5. Thông tin khác")
        layout = QHBoxLayout(group)
        self.sets_field = NumberField()
        self.sets_field.setObjectName("setsCount")
        self.sets_field.set_value("1")
        self.delivery_field = QComboBox()
        self.delivery_field.setObjectName("resultDelivery")
        self.delivery_field.addItems([d.label for d in DELIVERY])
        self.checks_field = BoolField("Cần xác minh (áp dụng thời hạn kéo dài)")
        self.checks_field.setObjectName("needsChecks")
        self.note_field = TextField()
        self.note_field.setObjectName("note")
        self.other_cells = {
            "sets_count": FieldCell("sets_count", "Số bộ hồ sơ", self.sets_field),
            "result_delivery": FieldCell("result_delivery", "Nhận kết quả", self.delivery_field),
            "needs_checks": FieldCell("needs_checks", "", self.checks_field),
            "note": FieldCell("note", "Ghi chú", self.note_field),
        }
        for key, cell in self.other_cells.items():
            layout.addWidget(cell, 2 if key == "note" else 0, Qt.AlignmentFlag.AlignTop)
        self.sets_field.value_changed.connect(self._on_changed)
        self.delivery_field.currentIndexChanged.connect(self._on_changed)
        self.checks_field.value_changed.connect(self._on_changed)
        self.note_field.value_changed.connect(self._on_changed)
        return group

    def _shortcuts(self) -> None:
        def add(keys: str, slot: Callable[[], None]) -> None:
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)

        add("Ctrl+Return", self._ctrl_enter)
        add("Ctrl+Enter", self._ctrl_enter)
        add("F3", self.focus_procedure)
        add("Ctrl+F", self.focus_procedure)
        add("Escape", self._back)

    # ------------------------------------------------------------------ public interface

    def start_new(self, *, keep_draft: bool = True) -> None:
        """A fresh intake. Unsaved input is kept as a draft first (offered back later), or,
        with ``keep_draft=False`` (the clerk confirmed throwing it away), removed."""
        if not keep_draft:
            self.drafts.remove(self.draft_id)
        elif self.has_unsaved_input():
            self.save_draft()
        self._reset()
        self.focus_procedure()

    def has_unsaved_input(self) -> bool:
        if not self.applicant.is_empty():
            return True
        if self.form_view is not None and not self.form_view.is_empty():
            return True
        if any(line.received for line in self.documents.model.lines):
            return True
        return bool(self.note_field.value().strip())

    def fill_from_id_card(self, card: IdCard) -> None:
        """A scanned ID card: fills the applicant, or the person block the cursor is in
        (the mother's card while typing the mother). Replaced input can be undone."""
        target = self._person_in_focus() or self.applicant
        if not target.has_card_parts():
            target = self.applicant
        had = {k: v for k, v in target.values().items() if str(v or "").strip()}
        different = bool(had) and had.get("id_number", "") not in ("", card.id_number)
        before = target.fill_from_card(card)
        self._on_changed()
        who = "người nộp hồ sơ" if target is self.applicant else target.spec.role_label
        actions: list[tuple[str, Callable[[], None]]] = []
        text = f"Đã điền {who} từ căn cước: {card.full_name}, số {card.id_number}."
        if different:
            self._undo_card = (target, before)
            text = f"Đã thay thông tin {who} bằng căn cước vừa quét ({card.full_name})."
            actions.append(("&Hoàn tác", self._undo_fill))
        warnings = [w.message for w in card.warnings]
        if warnings:
            text += " Cảnh báo: " + " ".join(warnings)
        self.banner.show_message(text, level="warning" if warnings else "success", actions=actions)
        self._lookup(target, card.id_number)
        if target is self.applicant and self.procedure is None:
            self.focus_procedure()
        elif not target.focus_first_empty():
            self._focus_after_applicant()

    def offer_drafts(self) -> None:
        """Offer the unfinished intakes found on disk (not the one on screen)."""
        drafts = [d for d in self.drafts.drafts() if d.id != self.draft_id]
        if not drafts:
            self.draft_banner.dismiss()
            return
        newest = drafts[0]
        text = (
            f"Có {len(drafts)} hồ sơ đang nhập dở trên máy này. Gần nhất: {self._describe(newest)}"
            if len(drafts) > 1
            else f"Có một hồ sơ đang nhập dở: {self._describe(newest)}"
        )
        actions: list[tuple[str, Callable[[], None]]] = [
            ("&Khôi phục", lambda: self.restore_draft(newest.id))
        ]
        if len(drafts) > 1:
            actions.append(("Chọn &bản khác…", lambda: self._choose_draft(drafts)))
        actions.append(("Bỏ bản nháp này", lambda: self._confirm_drop(newest)))
        self.draft_banner.show_message(text + " Khôi phục?", level="warning", actions=actions)

    def show_scan_rejected(self, message: str) -> None:
        self.banner.show_message(message, level="error")

    # ------------------------------------------------------------------ drafts

    def _describe(self, draft: Draft) -> str:
        saved = to_office_time(draft.saved_at)
        who = f", {draft.user_name}" if draft.user_name else ""
        kind = " (chờ bổ sung giấy tờ)" if draft.kind == "supplement" else ""
        return f"{draft.title or 'chưa có tên'}{kind} — lưu lúc {saved:%H:%M %d/%m/%Y}{who}."

    def _title(self) -> str:
        name = self.applicant.values().get("full_name", "").strip()
        procedure = self.procedure.name if self.procedure else "Chưa chọn thủ tục"
        return f"{procedure} — {name}" if name else procedure

    def payload(self) -> dict[str, Any]:
        return {
            "procedure_code": self.procedure.code if self.procedure else "",
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

    def save_draft(self, kind: str = "intake") -> bool:
        """Write the draft now (the autosave calls this). False when there is nothing to keep
        or the disk refused: the input stays on screen and the clerk is told."""
        self._autosave_timer.stop()
        self._dirty_since = None
        if self._loading or not self.has_unsaved_input():
            return False
        try:
            self.drafts.save(
                self.draft_id,
                self.payload(),
                title=self._title(),
                user_id=self.user.id,
                user_name=self.user.full_name,
                kind=kind,
                created_at=self._draft_created,
                now=self.clock(),
            )
        except DraftError as error:
            self.banner.show_message(error.message, level="error")
            return False
        if self._draft_created is None:
            self._draft_created = self.clock()
        self.draft_saved.emit(self.draft_id)
        return True

    def restore_draft(self, draft_id: str) -> None:
        try:
            draft = self.drafts.load(draft_id)
        except DraftError as error:
            self.banner.show_message(error.message, level="error")
            return
        if self.has_unsaved_input():
            self.save_draft()
        self._reset()
        self._loading = True
        try:
            self.draft_id = draft.id
            self._draft_created = draft.created_at
            data = draft.payload
            self._form_values_by_name = dict(data.get("other_forms") or {})
            code = str(data.get("procedure_code") or "")
            if code and not self.picker.choose_code(code):
                self.banner.show_message(
                    f"Thủ tục {code} của bản nháp không còn trong danh mục; hãy chọn lại thủ tục.",
                    level="warning",
                )
            self.applicant.restore(data.get("applicant") or {})
            if self.form_view is not None and data.get("form_name") == self.form.name:  # type: ignore[union-attr]
                self.form_view.set_values(data.get("form") or {})
            self.documents.model.restore(list(data.get("documents") or []))
            self.sets_field.set_value(data.get("sets_count") or "1")
            delivery = str(data.get("result_delivery") or "")
            for index, option in enumerate(DELIVERY):
                if option.value == delivery:
                    self.delivery_field.setCurrentIndex(index)
            self.checks_field.set_value(bool(data.get("needs_checks")))
            self.note_field.set_value(data.get("note") or "")
        finally:
            self._loading = False
        self.draft_banner.dismiss()
        self.banner.show_message(
            f"Đã khôi phục hồ sơ đang nhập dở: {draft.title}.", level="success"
        )
        self.revalidate()
        if not self.applicant.focus_first_empty():
            self._focus_after_applicant()

    def _choose_draft(self, drafts: list[Draft]) -> None:
        menu = QMenu(self)
        for draft in drafts:
            action = menu.addAction(self._describe(draft))
            action.triggered.connect(lambda _=False, d=draft.id: self.restore_draft(d))
        menu.popup(self.draft_banner.mapToGlobal(self.draft_banner.rect().bottomLeft()))

    def _confirm_drop(self, draft: Draft) -> None:
        self.draft_banner.show_message(
            f"Xóa hẳn bản nháp «{draft.title}»? Dữ liệu đã nhập trong đó sẽ mất.",
            level="error",
            actions=[
                ("&Xóa bản nháp", lambda: self._drop_draft(draft.id)),
                ("&Không", self.offer_drafts),
            ],
            closable=False,
        )

    def _drop_draft(self, draft_id: str) -> None:
        self.drafts.remove(draft_id)
        self.offer_drafts()

    # ------------------------------------------------------------------ reacting

    def _on_changed(self) -> None:
        if self._loading:
            return
        self._validate_timer.start()
        if self._dirty_since is None:
            self._dirty_since = time.monotonic()
        if time.monotonic() - self._dirty_since >= AUTOSAVE_MAX_WAIT_S:
            self.save_draft()  # steady typing: do not wait for a pause for ever
        else:
            self._autosave_timer.start()

    def _on_procedure_chosen(self, procedure: Procedure) -> None:
        changed = self.procedure is None or procedure.code != self.procedure.code
        if changed:
            self._set_procedure(procedure)
            self._on_changed()
        if self._loading:
            return
        if self.applicant.is_empty():
            self.applicant.focus_part("id_number")  # scan the card, or type the number
        else:
            self._focus_after_applicant()

    def _set_procedure(self, procedure: Procedure | None) -> None:
        if self.form is not None and self.form_view is not None:
            values = self.form_view.values()
            if not self.form_view.is_empty():
                self._form_values_by_name[self.form.name] = values
        if self.form_view is not None:
            self.form_layout.removeWidget(self.form_view)
            self.form_view.setParent(None)  # type: ignore[call-overload]
            self.form_view.deleteLater()
            self.form_view = None
        self.procedure = procedure
        self.form = None
        if procedure is not None and procedure.form:
            try:
                self.form = get_form(procedure.form)
            except NotFound:
                log.warning("procedure %s names an unknown form", procedure.code)
                self.form = None
        self.form_placeholder.setVisible(self.form is None)
        if procedure is not None and self.form is None:
            self.form_placeholder.setText("Thủ tục này chưa có tờ khai riêng trên máy.")
        if self.form is not None:
            self.form_view = FormView(self.form)
            self.form_view.value_changed.connect(self._on_changed)
            self.form_view.lookup_requested.connect(self._lookup)
            self.form_view.copy_requested.connect(self._copy_applicant)
            saved = self._form_values_by_name.pop(self.form.name, None)
            if saved:
                self.form_view.set_values(saved)
            self.form_layout.addWidget(self.form_view)
            self.form_group.setTitle(f"3. {self.form.title}")
            self.applicant_group.setTitle(
                f"2. {self.form.applicant_label} — quét mã QR trên căn cước để điền"
            )
        else:
            self.form_group.setTitle("3. Tờ khai")
        self.documents.model.set_procedure(procedure)
        extended = procedure is not None and procedure.extended is not None
        self.other_cells["needs_checks"].setVisible(extended)
        if procedure is not None and procedure.extended is not None:
            self.checks_field.setText(
                f"Cần xác minh (thời hạn {procedure.extended.days} ngày làm việc)"
            )
        if not extended:
            self.checks_field.set_value(False)
        self.revalidate()

    def _reset(self) -> None:
        self._loading = True
        try:
            self._set_procedure(None)
            self.picker.reset()
            self.applicant.clear()
            self.sets_field.set_value("1")
            self.delivery_field.setCurrentIndex(0)
            self.checks_field.set_value(False)
            self.note_field.set_value("")
            for cell in self.other_cells.values():
                cell.touched = False
            self.outcome.clear_outcome_inputs()
        finally:
            self._loading = False
        self._form_values_by_name = {}
        self.draft_id = new_draft_id()
        self._draft_created = None
        self._show_all = False
        self._dirty_since = None
        self._autosave_timer.stop()
        self._undo_card = None
        self.revalidate()

    def _lookup(self, editor: PersonEditor, number: str) -> None:
        try:
            person = people.known_person(self.ctx, number)
        except DeskError as error:
            log.warning("person lookup failed: %s", error.code)
            return
        if person is not None:
            editor.offer_known(person)

    def _copy_applicant(self, editor: PersonEditor) -> None:
        values = self.applicant.values()
        born = values.get("birth_date", "")
        if "birth_year" in editor.cells and born:
            values["birth_year"] = str(born).strip()[-4:]
        editor.set_values({k: v for k, v in values.items() if k in editor.cells})
        self._on_changed()
        editor.focus_first_empty()

    def _undo_fill(self) -> None:
        if self._undo_card is None:
            return
        editor, before = self._undo_card
        editor.restore(before)
        self._undo_card = None
        self.banner.show_message("Đã hoàn tác: giữ lại thông tin đã nhập trước khi quét.")
        self._on_changed()

    def _person_in_focus(self) -> PersonEditor | None:
        widget = QApplication.focusWidget()
        while widget is not None and widget is not self:
            if isinstance(widget, PersonEditor):
                return widget
            widget = widget.parentWidget()
        return None

    # ------------------------------------------------------------------ checking

    def _today(self) -> Any:
        return to_office_time(self.clock()).date()

    def _labels(self) -> dict[str, str]:
        labels = {f"applicant.{p.key}": f"{p.label} (người nộp)" for p in APPLICANT.person}
        if self.form is not None:
            for spec in self.form.fields():
                labels[spec.key] = spec.label
                for part in spec.person:
                    labels[f"{spec.key}.{part.key}"] = f"{part.label} ({spec.role_label})"
        labels["procedure"] = "Thủ tục"
        labels["documents"] = "Giấy tờ"
        labels["sets_count"] = "Số bộ hồ sơ"
        return labels

    def problems(self) -> list[FieldProblem]:
        """Every problem of the current input (hidden or not)."""
        today = self._today()
        problems = validate_person(APPLICANT, self.applicant.values(), today=today)
        if self.form is not None and self.form_view is not None:
            problems += validate_values(self.form, self.form_view.values(), today=today)
        sets_text = self.sets_field.value().strip()
        if not sets_text.isdigit() or int(sets_text) < 1:
            problems.append(FieldProblem("sets_count", "Số bộ hồ sơ phải là số từ 1 trở lên."))
        return problems

    def revalidate(self) -> None:
        self._validate_timer.stop()
        problems = self.problems()
        self._problems = problems
        self.applicant.set_problems(problems, show_all=self._show_all)
        if self.form_view is not None:
            self.form_view.set_problems(problems, show_all=self._show_all)
        sets_problems = [(p.message, p.severity) for p in problems if p.key == "sets_count"]
        self.other_cells["sets_count"].set_messages(sets_problems, show=self._show_all)
        listed = list(problems)
        missing = self.documents.model.missing()
        if missing:
            names = "; ".join(m.name for m in missing)
            listed.append(FieldProblem("documents", f"Còn thiếu: {names}.", code="documents"))
        pending = {id(p) for p in listed if not self._visible(p) and p.key != "documents"}
        started = self.has_unsaved_input() or self.procedure is not None
        self.outcome.set_problems(
            listed if started else [], pending, self._labels(), started=started
        )
        self._refresh_summary()

    def _visible(self, problem: FieldProblem) -> bool:
        if self._show_all:
            return True
        head, _, tail = problem.key.partition(".")
        if head == "applicant":
            cell = self.applicant.cells.get(tail)
            return bool(cell and cell.touched)
        if self.form_view is not None:
            if problem.key in self.form_view.cells:
                return self.form_view.cells[problem.key].touched
            editor = self.form_view.people.get(head)
            if editor is not None:
                cell = editor.cells.get(tail)
                return bool(cell.touched) if cell else editor.touched()
        if problem.key in self.other_cells:
            return self.other_cells[problem.key].touched
        return False

    def _form_output(self) -> FormOutput:
        if self.form is None or self.form_view is None:
            return FormOutput()
        return form_output(self.form, self.form_view.values(), today=self._today())

    def _refresh_summary(self) -> None:
        outcome = self.outcome
        procedure = self.procedure
        now = self.clock()
        outcome.received_label.setText(f"Nhận lúc: {to_office_time(now):%H:%M, %d/%m/%Y}")
        if procedure is None:
            outcome.procedure_label.setText("Chưa chọn thủ tục")
            outcome.processing_label.setText("Chọn thủ tục (F3) để biết hạn trả và lệ phí.")
            outcome.due_label.setText("—")
            outcome.fee_label.setText("")
            outcome.note_label.setText("")
            return
        outcome.procedure_label.setText(
            f"{procedure.name}\n{procedure.code} · {procedure.field_name}"
        )
        needs_checks = bool(self.checks_field.value()) and procedure.extended is not None
        processing = (
            procedure.extended if needs_checks and procedure.extended else procedure.processing
        )
        label = procedure.processing_label
        if needs_checks and procedure.extended is not None:
            label = f"{procedure.extended.days} ngày làm việc (cần xác minh)"
        outcome.processing_label.setText(f"Thời hạn giải quyết: {label}")
        try:
            due = self.ctx.calendar.due_at(now, processing)
            outcome.due_label.setText(format_due(due))
        except DeskError as error:
            outcome.due_label.setText(error.message)
        output = self._form_output()
        request = IntakeRequest(
            procedure_code=procedure.code,
            applicant=person_from_values(APPLICANT, {}),
            copies=output.request.get("copies", 1),
            pages=output.request.get("pages", 0),
            late=output.late,
        )
        try:
            fees = intake.fees_for(procedure, request)
        except DeskError as error:
            outcome.fee_label.setText(f"Lệ phí: {error.message}")
        else:
            total = sum(f.amount for f in fees)
            if total:
                lines = [f"{f.name}: {format_vnd(f.amount)}" for f in fees]
                if procedure.fee.kind == "per_copy" and request.copies > 1:
                    lines.append(f"({request.copies} bản × {format_vnd(procedure.fee.amount)})")
                outcome.fee_label.setText("\n".join(lines))
            else:
                outcome.fee_label.setText(f"{procedure.fee.name}: miễn")
        notes = []
        if output.late and self.form is not None and self.form.late is not None:
            notes.append(self.form.late.note or "Đăng ký quá hạn.")
        if procedure.fee.verify or (
            output.late and procedure.fee.when_late and procedure.fee.when_late.verify
        ):
            notes.append("Mức phí cần đối chiếu nghị quyết của tỉnh.")
        outcome.note_label.setText("\n".join(notes))

    # ------------------------------------------------------------------ outcomes

    def build_request(self) -> IntakeRequest:
        if self.procedure is None:
            raise DeskError("Chưa chọn thủ tục.", code="intake.procedure")
        output = self._form_output()
        sets_text = self.sets_field.value().strip()
        return IntakeRequest(
            procedure_code=self.procedure.code,
            applicant=person_from_values(APPLICANT, self.applicant.values()),
            documents=self.documents.model.received_documents(),
            parties=output.parties,
            form_data=output.form_data,
            sets_count=int(sets_text) if sets_text.isdigit() else 1,
            copies=output.request.get("copies", 1),
            pages=output.request.get("pages", 0),
            late=output.late,
            needs_checks=bool(self.checks_field.value()) and self.procedure.extended is not None,
            result_delivery=DELIVERY[max(0, self.delivery_field.currentIndex())],
            note=self.note_field.value(),
        )

    def _first_error_focus(self) -> None:
        for problem in self._problems:
            if problem.is_error:
                self.focus_key(problem.key)
                return

    def receive(self) -> None:
        """Tiếp nhận: errors stop it, missing papers point to a supplement request,
        warnings ask for a confirmation."""
        if self._busy:
            return
        self._show_all = True
        self.revalidate()
        if self.procedure is None:
            self.banner.show_message("Chưa chọn thủ tục.", level="error")
            self.focus_procedure()
            return
        errors = [p for p in self._problems if p.is_error]
        if errors:
            self.banner.show_message(
                f"Chưa tiếp nhận được: còn {len(errors)} mục cần sửa hoặc còn thiếu "
                "(xem danh sách bên phải, chữ đỏ dưới từng ô).",
                level="error",
            )
            self._first_error_focus()
            return
        missing = self.documents.model.missing()
        if missing:
            names = "; ".join(m.name for m in missing)
            self.scroll.ensureWidgetVisible(self.documents.table, 0, 40)
            self.banner.show_message(
                f"Còn thiếu giấy tờ: {names}. Đánh dấu giấy tờ đã nhận trong mục 4, hoặc chọn "
                "«Yêu cầu bổ sung giấy tờ» để in phiếu hướng dẫn (mẫu 02).",
                level="error",
            )
            self.documents.table.setFocus()
            return
        warnings = [p for p in self._problems if not p.is_error]
        if warnings:
            self.outcome.show_confirm(warnings, self._labels())
            return
        self._submit("")

    def refuse(self) -> None:
        if not self._busy:
            self.outcome.show_refuse()

    def _confirm_refuse(self, reason: str) -> None:
        if not reason.strip():
            self.outcome.refusal_message.setText("Phải ghi lý do từ chối (in trên mẫu 03).")
            self.outcome.refusal_reason.setFocus()
            return
        if self.procedure is None:
            self.outcome.refusal_message.setText("Chưa chọn thủ tục công dân yêu cầu.")
            return
        if not self.applicant.values().get("full_name", "").strip():
            self.outcome.refusal_message.setText("Phải có họ tên người nộp hồ sơ.")
            self.applicant.focus_part("full_name")
            return
        self._submit(reason)

    def request_supplement(self) -> None:
        if self._busy:
            return
        if self.procedure is None:
            self.banner.show_message("Chưa chọn thủ tục.", level="error")
            self.focus_procedure()
            return
        missing = self.documents.model.missing()
        missing_codes = {c for m in missing for c in m.codes}
        others = [
            MissingDocument((d.code,), d.name, d.copy_kind)
            for d in self.procedure.documents
            if d.code not in missing_codes and not self._received(d.code)
        ]
        reason = f"Hồ sơ đề nghị «{self.procedure.name}» chưa đủ thành phần theo quy định."
        rules = "Danh mục thủ tục hành chính niêm yết tại Bộ phận Một cửa"
        if self.procedure.legal_basis:
            rules += f"; {self.procedure.legal_basis}"
        self.outcome.show_supplement(missing, others, reason, rules)

    def _received(self, code: str) -> bool:
        return any(line.code == code and line.received for line in self.documents.model.lines)

    def _confirm_supplement(self, chosen: list, reason: str, rules: str) -> None:
        if not chosen:
            self.outcome.supplement_message.setText("Chọn ít nhất một giấy tờ còn thiếu.")
            return
        if not reason.strip():
            self.outcome.supplement_message.setText("Phải ghi lý do.")
            return
        if not self.applicant.values().get("full_name", "").strip():
            self.outcome.supplement_message.setText(
                "Phải có họ tên người nộp hồ sơ (in trên phiếu)."
            )
            self.applicant.focus_part("full_name")
            return
        try:
            request = self.build_request()
        except DeskError as error:
            self.outcome.supplement_message.setText(error.message)
            return
        lines: list[ReceivedDocument | str] = [item.as_received_line() for item in chosen]
        supplement = SupplementRequest(
            missing_documents=lines,
            reason=reason.strip(),
            rules_reference=rules.strip(),
            guide_name=self.user.full_name,
            guide_phone=self.ctx.office.phone,
        )
        # Nothing is recorded: the citizen takes form 02 home. The draft stays on this
        # desk, marked, so that nothing is asked twice when she comes back with the papers.
        self.save_draft(kind="supplement")
        kept = self._title()
        self.supplement_requested.emit(request, supplement)
        self._reset()
        self.banner.show_message(
            f"Đã lập phiếu hướng dẫn bổ sung cho «{kept}». Bản nháp được giữ trên máy: khi "
            "công dân quay lại, chọn «Khôi phục».",
            level="success",
        )
        self.focus_procedure()

    def _submit(self, refusal_reason: str) -> None:
        try:
            request = self.build_request()
        except DeskError as error:
            self.banner.show_message(error.message, level="error")
            return
        self.save_draft()
        self._busy = True
        self.outcome.set_busy(True, "Đang ghi hồ sơ…")
        at = self.clock()
        ctx, user = self.ctx, self.user
        job = Job(
            lambda: intake.receive_dossier(ctx, request, user, at=at, refusal_reason=refusal_reason)
        )
        job.start(self._on_recorded, self._on_failed)

    def _on_recorded(self, dossier: Dossier) -> None:
        self._busy = False
        self.outcome.set_busy(False)
        self.drafts.remove(self.draft_id)
        refused = bool(dossier.status.name == "REFUSED")
        self._reset()
        if refused:
            self.banner.show_message(
                f"Đã ghi hồ sơ từ chối {dossier.code}. In phiếu từ chối (mẫu 03).",
                level="success",
            )
            self.dossier_refused.emit(dossier)
        else:
            self.banner.show_message(
                f"Đã tiếp nhận hồ sơ {dossier.code}, hẹn trả {format_due(dossier.due_at)}.",
                level="success",
            )
            self.dossier_received.emit(dossier)
        self.focus_procedure()

    def _on_failed(self, error: object) -> None:
        self._busy = False
        self.outcome.set_busy(False)
        self.outcome.show_summary()
        if isinstance(error, DeskError):
            self.banner.show_message(error.message, level="error")
            if error.field:
                self.focus_key(f"applicant.{error.field}")
        else:
            log.error("receiving a dossier failed", exc_info=error)  # type: ignore[arg-type]
            self.banner.show_message(UNEXPECTED, level="error")

    def discard(self) -> None:
        """Abandon this intake (asks first when something was typed)."""
        if not self.has_unsaved_input():
            self.start_new()
            return
        self.banner.show_message(
            "Bỏ hồ sơ đang nhập? Dữ liệu trên màn hình và bản nháp sẽ bị xóa.",
            level="warning",
            actions=[("&Bỏ hồ sơ này", self._discard_now), ("&Giữ lại", self.banner.dismiss)],
            closable=False,
        )

    def _discard_now(self) -> None:
        self.drafts.remove(self.draft_id)
        self._reset()
        self.banner.dismiss()
        self.focus_procedure()

    def _back(self) -> None:
        if self.outcome.pages.currentIndex() != 0:
            self.outcome.show_summary()
            self._first_error_focus()

    def _ctrl_enter(self) -> None:
        page = self.outcome.pages.currentIndex()
        if page == 1:
            self._submit("")
        elif page == 2:
            self._confirm_refuse(self.outcome.refusal_reason.toPlainText())
        elif page == 3:
            self.outcome._emit_supplement()
        else:
            self.receive()

    # ------------------------------------------------------------------ attachments

    def attach_file(self, row: int, path: str) -> None:
        if row < 0:
            row = self.documents.current_row()
        if not 0 <= row < len(self.documents.model.lines):
            self.banner.show_message(
                "Chọn dòng giấy tờ trước khi đính kèm bản quét.", level="error"
            )
            return
        ctx = self.ctx
        self.documents.status.setText(f"Đang lưu «{Path(path).name}»…")
        job = Job(lambda: attachments.store_attachment(ctx, Path(path)))
        job.start(
            lambda stored: self._on_attached(row, stored),
            lambda error: self._on_attach_failed(error),
        )

    def _on_attached(self, row: int, stored: attachments.StoredAttachment) -> None:
        if row < len(self.documents.model.lines):
            self.documents.model.set_attachment(row, stored.sha256, stored.original_name)
        self.documents.status.setText(f"Đã đính kèm «{stored.original_name}».")

    def _on_attach_failed(self, error: object) -> None:
        if isinstance(error, DeskError):
            message = error.message
        else:
            log.error("storing a scan failed", exc_info=error)  # type: ignore[arg-type]
            message = "Không lưu được bản quét (lỗi đã ghi vào nhật ký)."
        self.documents.status.setText("")
        self.banner.show_message(message, level="error")

    # ------------------------------------------------------------------ focus & keys

    def focus_procedure(self) -> None:
        self.picker.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.picker.search.selectAll()

    def _focus_after_applicant(self) -> None:
        editor = self.form_view.first_editor() if self.form_view is not None else None
        if editor is not None:
            editor.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.documents.table.setFocus()

    def focus_key(self, key: str) -> None:
        """Put the cursor in the field a problem is about, and scroll it into view."""
        self.outcome.show_summary()
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
            self.scroll.ensureWidgetVisible(editor, 40, 80)

    def _on_focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if (
            new is not None
            and self.scroll.widget() is not None
            and self.scroll.widget().isAncestorOf(new)
        ):
            self.scroll.ensureWidgetVisible(new, 40, 60)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter in a field moves on to the next one, as in a paper form."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not (
            event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        ):
            focus = QApplication.focusWidget()
            if focus is not None and self.scroll.widget().isAncestorOf(focus):
                self.focusNextChild()
                event.accept()
                return
        super().keyPressEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:
        if self.has_unsaved_input():
            self.save_draft()
        super().hideEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.has_unsaved_input():
            self.save_draft()
        super().closeEvent(event)
