"""Who the citizen is, without typing: a scanned ID card fills the right person block
(with undo when it replaced someone else), and a person the office already knows is
offered again by ID number (looked up in the pool, never on the GUI thread)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QObject

from desk.domain.dossier import Person
from desk.domain.identity import IdCard
from desk.errors import DeskError
from desk.services import people
from desk.ui.intake.requester import see_shown_papers
from desk.ui.labels import form_text
from desk.ui.ops import Operation, error_message
from desk.ui.widgets.person import PersonEditor

if TYPE_CHECKING:
    from desk.ui.intake.view import IntakeView

log = logging.getLogger(__name__)


class CardFiller(QObject):
    def __init__(self, view: IntakeView):
        super().__init__(view)
        self.view = view
        self._undo: tuple[PersonEditor, dict[str, Any]] | None = None
        view.entry.lookup_requested.connect(self.lookup)

    def forget_undo(self) -> None:
        self._undo = None

    def fill(self, card: IdCard) -> None:
        """A scanned ID card: fills the applicant, or the person block the cursor is in
        (the mother's card while typing the mother). Replaced input can be undone."""
        target = self.view.entry.person_in_focus() or self.view.applicant
        if not target.has_card_parts():
            target = self.view.applicant
        had = {k: v for k, v in target.values().items() if str(v or "").strip()}
        different = bool(had) and had.get("id_number", "") not in ("", card.id_number)
        before = target.fill_from_card(card)
        applicant = target is self.view.applicant
        if applicant:
            see_shown_papers(self.view.documents.model)  # the card was in the clerk's hands
        self.view.on_changed()
        who = self.tr("người nộp hồ sơ") if applicant else form_text("", target.spec.role_label)
        actions: list[tuple[str, Callable[[], None]]] = []
        text = self.tr("Đã điền {0} từ căn cước: {1}, số {2}.").format(
            who, card.full_name, card.id_number
        )
        if different:
            self._undo = (target, before)
            text = self.tr("Đã thay thông tin {0} bằng căn cước vừa quét ({1}).").format(
                who, card.full_name
            )
            actions.append((self.tr("&Hoàn tác"), self.undo))
        warnings = [w.message for w in card.warnings]
        if warnings:
            text += self.tr(" Cảnh báo: ") + " ".join(warnings)
        self.view.banner.show_message(
            text, level="warning" if warnings else "success", actions=actions
        )
        self.lookup(target, card.id_number)
        if target is self.view.applicant and self.view.procedure is None:
            self.view.focus_procedure()
        elif not target.focus_first_empty():
            self.view.entry.focus_after_applicant()

    def lookup(self, editor: PersonEditor, number: str) -> None:
        """Ask the office whether it knows this ID number; offer what it knows."""
        ctx = self.view.ctx

        def offer(person: Person | None) -> None:
            alive = shiboken6.isValid(self.view) and shiboken6.isValid(editor)
            if person is not None and alive and editor.id_number() == number:
                editor.offer_known(person)

        Operation(lambda: people.known_person(ctx, number)).on_success(offer).on_failure(
            _lookup_failed
        ).start()

    def undo(self) -> None:
        if self._undo is None:
            return
        editor, before = self._undo
        editor.restore(before)
        self._undo = None
        self.view.banner.show_message(
            self.tr("Đã hoàn tác: giữ lại thông tin đã nhập trước khi quét.")
        )
        self.view.on_changed()


def _lookup_failed(error: object) -> None:
    if isinstance(error, DeskError):
        log.warning("person lookup failed: %s", error.code)
    else:
        error_message(error)  # logs the bug
