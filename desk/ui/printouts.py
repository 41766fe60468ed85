"""A dossier's printed forms, rendered in the thread pool with the title and file name
their print preview shows (the dossier view's reprints, the slip after intake)."""

from __future__ import annotations

from dataclasses import dataclass

from desk.services.context import DeskContext
from desk.ui.ops import Operation


@dataclass(frozen=True, slots=True)
class Printout:
    title: str
    pdf: bytes
    file_name: str


def capitalised(description: str) -> str:
    """A form's description as a menu item or a title starts: "Giấy tiếp nhận …"."""
    return description[:1].upper() + description[1:]


def form_title(description: str, code: str) -> str:
    """The preview's title: "Giấy tiếp nhận hồ sơ và hẹn trả kết quả — <code>"."""
    return f"{capitalised(description)} — {code}"


def render_printout(ctx: DeskContext, form: str, code: str) -> Operation:
    """An operation (to start) whose result is the ``Printout`` of ``form`` for ``code``."""

    def work() -> Printout:
        # reportlab and the forms load in the pool, never on the GUI thread.
        from desk.printing.registry import FORMS
        from desk.services.printing import render_dossier_form

        pdf = render_dossier_form(ctx, form, code)
        return Printout(form_title(FORMS[form].description, code), pdf, f"{form}-{code}.pdf")

    return Operation(work)
