"""The intake screen (F2): a walk-in citizen's dossier, typed and scanned, received,
sent back for missing papers, or refused.

Order of work, top to bottom, which is also the tab order: the procedure (search as you
type), the applicant (scan the ID card anywhere on this screen, or type; a person the
office knows is offered by ID number), the procedure's own form, the documents handed in
(with scans), then the outcome on the right, where the due time and the fees follow the
clerk's input live.

This module lays the screen out and checks it as the clerk types; its parts are:

- ``entry.py``: sections 2–5, what was handed in, as typed (and what is wrong with it);
- ``preview.py``: the live outcome, filled from the domain's ``intake_terms``;
- ``outcome.py``: the problems and the outcome buttons, with their confirmation pages;
- ``flows.py``: what the outcomes do (receive, ask for papers, refuse, abandon);
- ``drafts.py``: the autosaved draft (nothing typed is lost) and the offer to restore;
- ``cards.py``: the scanned ID card and the people the office already knows.

Slow work (recording, storing a scan, looking a person up, writing a draft) runs in the
pool through ``desk.ui.ops.Operation``; the screen itself reads no database.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

import shiboken6
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QHideEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from desk.domain.calendar import now_in_office, to_office_time
from desk.domain.catalogue import Procedure
from desk.domain.dossier import IntakeRequest
from desk.domain.identity import IdCard
from desk.domain.office import User
from desk.forms import FieldProblem
from desk.services import attachments
from desk.services.context import DeskContext
from desk.services.drafts import DraftError, DraftStore
from desk.ui.intake.cards import CardFiller
from desk.ui.intake.documents import DocumentsPanel
from desk.ui.intake.drafts import DraftKeeper, DraftOffer, Snapshot
from desk.ui.intake.entry import IntakeEntry
from desk.ui.intake.flows import IntakeFlows
from desk.ui.intake.form_view import FormView
from desk.ui.intake.outcome import OutcomePanel
from desk.ui.intake.preview import checks_caption, describe, offered_exemptions
from desk.ui.intake.procedure_picker import ProcedurePicker
from desk.ui.labels import catalogue_text, shown_missing
from desk.ui.ops import Operation, error_message
from desk.ui.widgets.banner import Banner, share_place
from desk.ui.widgets.fields import FIELD_STYLE
from desk.ui.widgets.person import PersonEditor

log = logging.getLogger(__name__)

VALIDATE_MS = 250
DUE_REFRESH_MS = 20_000
PROCEDURE_KEY = "Alt+1"  # step 1, as its heading says; F3 stays the main window's list


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
        self.drafts = drafts or DraftStore.for_account(ctx.config, user)
        self.clock = clock or now_in_office
        self.show_all = False
        self._loading = False
        self.current_problems: list[FieldProblem] = []
        self.keeper = DraftKeeper(
            self.drafts, user.id, user.full_name, self._snapshot, self.clock, self
        )
        self.keeper.saved.connect(self.draft_saved)
        self.keeper.failed.connect(lambda message: self.banner.show_message(message, level="error"))
        self._build()
        self.offer = DraftOffer(self.keeper, self.draft_banner, self.restore_draft, self)
        self.flows = IntakeFlows(self)
        self.cards = CardFiller(self)
        self._validate_timer = QTimer(self, singleShot=True, interval=VALIDATE_MS)
        self._validate_timer.timeout.connect(self.revalidate)
        self._due_timer = QTimer(self, interval=DUE_REFRESH_MS)
        self._due_timer.timeout.connect(self._refresh_preview)
        self._due_timer.start()
        self._shortcuts()
        self.revalidate()

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(8, 8, 8, 8)
        self.banner = Banner()
        self.banner.setObjectName("intakeBanner")
        outer.addWidget(self.banner)
        self.draft_banner = Banner()
        self.draft_banner.setObjectName("draftBanner")
        outer.addWidget(self.draft_banner)
        share_place(self.banner, self.draft_banner)  # one banner at a time
        heading = QLabel(self.tr("1. Thủ tục  (Alt+1)"))
        heading.setStyleSheet("font-weight: bold;")
        outer.addWidget(heading)
        self.picker = ProcedurePicker(list(self.ctx.catalogue()))
        self.picker.procedure_chosen.connect(self._on_procedure_chosen)
        self.picker.search.textEdited.connect(self._forget_done)
        outer.addWidget(self.picker)
        body = QHBoxLayout()
        outer.addLayout(body, 1)
        self.entry = IntakeEntry()
        self.entry.changed.connect(self.on_changed)
        self.entry.attach_requested.connect(self.attach_file)
        body.addWidget(self.entry, 1)
        self.outcome = OutcomePanel()
        self.outcome.problem_activated.connect(self.focus_key)
        body.addWidget(self.outcome)
        self.preview = self.outcome.preview
        self.preview.fee_choice_changed.connect(self.on_changed)

    def tell_done(self, text: str) -> None:
        """What the last outcome did (received, refused, form 02 printed): it stays until
        the clerk starts on the next citizen."""
        self.banner.show_message(text, level="success", tag="done")

    def _forget_done(self) -> None:
        if self.banner.tag == "done":
            self.banner.dismiss()

    def _shortcuts(self) -> None:
        def add(keys: str, slot: Callable[[], None]) -> None:
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)

        add("Ctrl+Return", self.flows.ctrl_enter)
        add("Ctrl+Enter", self.flows.ctrl_enter)
        # F3 is the main window's dossier list everywhere; the step has its own key.
        add(PROCEDURE_KEY, self.focus_procedure)
        add("Ctrl+F", self.focus_procedure)
        add("Escape", self.flows.back)

    # The parts the main window and the tests reach for.
    @property
    def procedure(self) -> Procedure | None:
        return self.entry.procedure

    @property
    def applicant(self) -> PersonEditor:
        return self.entry.applicant

    @property
    def form_view(self) -> FormView | None:
        return self.entry.form_view

    @property
    def documents(self) -> DocumentsPanel:
        return self.entry.documents

    @property
    def draft_id(self) -> str:
        return self.keeper.draft_id

    # ------------------------------------------------------------------ public interface

    def start_new(self, *, keep_draft: bool = True) -> None:
        """A fresh intake. Unsaved input is kept as a draft first (offered back later), or,
        with ``keep_draft=False`` (the clerk confirmed throwing it away), removed."""
        if not keep_draft:
            self.keeper.remove()
        elif self.has_unsaved_input():
            self.keeper.save()
        self.reset()
        self.focus_procedure()

    def has_unsaved_input(self) -> bool:
        return self.entry.has_input()

    def fill_from_id_card(self, card: IdCard) -> None:
        """A scanned ID card: see ``CardFiller.fill``."""
        self.cards.fill(card)

    def offer_drafts(self) -> None:
        """Offer the unfinished intakes found on disk (not the one on screen)."""
        self.offer.offer()

    def show_scan_rejected(self, message: str) -> None:
        self.banner.show_message(message, level="error")

    # ------------------------------------------------------------------ drafts

    def _snapshot(self) -> Snapshot | None:
        if self._loading or not self.has_unsaved_input():
            return None
        payload = {"procedure_code": self.procedure.code if self.procedure else ""}
        payload.update(self.entry.payload())
        payload["fee_exemption"] = self.preview.exemption()
        payload["fee_payment"] = self.preview.payment().value
        return Snapshot(payload, self.title())

    def title(self) -> str:
        name = self.applicant.values().get("full_name", "").strip()
        chosen = catalogue_text(self.procedure.name) if self.procedure else ""
        procedure = chosen or self.tr("Chưa chọn thủ tục")
        return f"{procedure} — {name}" if name else procedure

    def keep_draft(self) -> bool:
        """Write what is on screen as the account's draft now (signing out, switching
        user): False when there is nothing to keep."""
        return self.keeper.flush()

    def save_draft(self, kind: str = "intake") -> bool:
        """Save the draft in the background (``draft_saved`` tells when it is on disk).
        False when there is nothing to keep."""
        return self.keeper.save(kind)

    def restore_draft(self, draft_id: str) -> None:
        try:
            draft = self.drafts.load(draft_id)
        except DraftError as error:
            self.banner.show_message(error.message, level="error")
            return
        if self.has_unsaved_input():
            self.keeper.save()
        self.reset()
        self._loading = True
        try:
            self.keeper.adopt(draft)
            data = draft.payload
            self.entry.keep_other_forms(dict(data.get("other_forms") or {}))
            code = str(data.get("procedure_code") or "")
            if code and not self.picker.choose_code(code):
                gone = self.tr("Thủ tục {0} của bản nháp không còn trong danh mục; hãy chọn lại.")
                self.banner.show_message(gone.format(code), level="warning")
            self.entry.restore(data)
            self._refresh_preview()  # the exemptions offered follow the restored counts
            self.preview.choose_exemption(str(data.get("fee_exemption") or ""))
            self.preview.choose_payment(str(data.get("fee_payment") or ""))
        finally:
            self._loading = False
        self.draft_banner.dismiss()
        self.tell_done(self.tr("Đã khôi phục hồ sơ đang nhập dở: {0}.").format(draft.title))
        self.revalidate()
        if not self.applicant.focus_first_empty():
            self.entry.focus_after_applicant()

    # ------------------------------------------------------------------ reacting

    def on_changed(self) -> None:
        if self._loading:
            return
        self._forget_done()  # the clerk is on the next citizen now
        self._validate_timer.start()
        self.keeper.changed()

    def _on_procedure_chosen(self, procedure: Procedure) -> None:
        if self.procedure is None or procedure.code != self.procedure.code:
            self.entry.set_procedure(procedure)
            self.revalidate()
            self.on_changed()
        if self._loading:
            return
        if self.applicant.is_empty():
            self.applicant.focus_part("id_number")  # scan the card, or type the number
        else:
            self.entry.focus_after_applicant()

    def reset(self) -> None:
        self._loading = True
        try:
            self.entry.clear()
            self.picker.reset()
            self.outcome.clear_outcome_inputs()
        finally:
            self._loading = False
        self.keeper.start_new()
        self.show_all = False
        self.cards.forget_undo()
        self.banner.dismiss()  # it spoke of the intake just cleared
        self.revalidate()

    # ------------------------------------------------------------------ checking

    def _today(self) -> date:
        return to_office_time(self.clock()).date()

    def problems(self) -> list[FieldProblem]:
        """Every problem of the current input (hidden or not)."""
        return self.entry.problems(self._today())

    def revalidate(self) -> None:
        self._validate_timer.stop()
        problems = self.problems()
        self.current_problems = problems
        self.entry.show_problems(problems, show_all=self.show_all)
        listed = list(problems)
        missing = self.documents.model.missing()
        if missing:
            names = "; ".join(shown_missing(m, self.documents.model.documents()) for m in missing)
            text = self.tr("Còn thiếu: {0}.").format(names)
            listed.append(FieldProblem("documents", text, code="documents"))
        pending = {
            id(p)
            for p in listed
            if not (self.show_all or self.entry.reached(p)) and p.key != "documents"
        }
        started = self.has_unsaved_input() or self.procedure is not None
        self.outcome.set_problems(
            listed if started else [], pending, self.entry.labels(), started=started
        )
        self._refresh_preview()

    def _refresh_preview(self) -> None:
        """The live outcome: the domain's terms for a dossier received now."""
        now = self.clock()
        self.preview.set_received(now)
        procedure = self.procedure
        if procedure is None:
            self.preview.show_nothing()
            return
        output = self.entry.form_output(self._today())
        form = self.entry.form
        if procedure.extended is not None:  # the case the form names may change it
            self.entry.checks_field.setText(checks_caption(procedure, output.form_data))
        self.preview.show_text(
            describe(
                self.ctx.calendar,
                procedure,
                now,
                needs_checks=self.entry.needs_checks(),
                copies=output.request.get("copies", 1),
                pages=output.request.get("pages", 0),
                late=output.late,
                late_note=form.late.note if form is not None and form.late is not None else "",
                form_data=output.form_data,
                exemption=self.preview.exemption(),
            )
        )

    # ------------------------------------------------------------------ outcomes

    def build_request(self) -> IntakeRequest:
        request = self.entry.request(self._today())
        procedure = self.procedure
        exemption = self.preview.exemption()
        # Only an exemption the fee rule offers for these counts (the box may lag a keystroke).
        if procedure is not None and exemption in offered_exemptions(
            procedure, copies=request.copies, pages=request.pages, late=request.late
        ):
            request.fee_exemption = exemption
        request.payment = self.preview.payment()
        return request

    def receive(self) -> None:
        """Tiếp nhận (Ctrl+Enter): see ``IntakeFlows.receive``."""
        self.flows.receive()

    def refuse(self) -> None:
        self.flows.refuse()

    def request_supplement(self) -> None:
        self.flows.request_supplement()

    def discard(self) -> None:
        self.flows.discard()

    # ------------------------------------------------------------------ attachments

    def attach_file(self, row: int, path: str) -> None:
        if row < 0:
            row = self.documents.current_row()
        if not 0 <= row < len(self.documents.model.lines):
            self.banner.show_message(
                self.tr("Chọn dòng giấy tờ trước khi đính kèm bản quét."), level="error"
            )
            return
        if self.documents.model.lines[row].shown:
            self.banner.show_message(
                self.tr("Giấy tờ này chỉ xuất trình rồi trả lại: không lưu bản quét."),
                level="error",
            )
            return
        ctx, source = self.ctx, Path(path)
        self.documents.status.setText(self.tr("Đang lưu «{name}»…").format(name=source.name))
        Operation(lambda: attachments.store_attachment(ctx, source)).on_success(
            lambda stored: self._on_attached(row, stored)
        ).on_failure(self._on_attach_failed).start()

    def _on_attached(self, row: int, stored: attachments.StoredAttachment) -> None:
        if not shiboken6.isValid(self):
            return
        if row < len(self.documents.model.lines):
            self.documents.model.set_attachment(row, stored.sha256, stored.original_name)
        self.documents.status.setText(self.tr("Đã đính kèm «{0}».").format(stored.original_name))

    def _on_attach_failed(self, error: object) -> None:
        if not shiboken6.isValid(self):
            return
        self.documents.status.setText("")
        message = error_message(error, self.tr("Không lưu được bản quét (lỗi đã ghi vào nhật ký)."))
        self.banner.show_message(message, level="error")

    # ------------------------------------------------------------------ focus

    def focus_procedure(self) -> None:
        self.picker.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.picker.search.selectAll()

    def focus_key(self, key: str) -> None:
        """Put the cursor in the field a problem is about, and scroll it into view."""
        self.outcome.show_summary()
        self.entry.focus_key(key)

    # What is on screen is written on the spot when the screen goes away: the desk may be
    # quitting, and a background write might not finish.
    def hideEvent(self, event: QHideEvent) -> None:
        self.keeper.flush()
        super().hideEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.keeper.flush()
        super().closeEvent(event)
