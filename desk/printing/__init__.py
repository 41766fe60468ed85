"""The one-stop forms, the tracking book and the birth declaration as PDF bytes.

Plain Python and reportlab: no Qt, no database. Callers hand in domain objects and get
PDF bytes back; printing or saving them is the caller's business.

    render_slip(office, dossier, procedure, paper="a5")       # form 01, two copies
    render_supplement(office, dossier, SupplementRequest(…))  # form 02
    render_refusal(office, dossier, Refusal(…))               # form 03
    render_apology(office, dossier, Apology(…))               # form 04
    render_stop(office, dossier, StopNotice(…))               # form 05 (2025)
    render_control(office, dossier)                           # form 06 (2025) / 05 (2018)
    render_book(office, dossiers, first_day, last_day)        # form 07 (2025) / 06 (2018)
    render_declaration(office, dossier)                       # Tờ khai đăng ký khai sinh

Every renderer takes ``paper`` ("a5", "a4"; the slip also "roll80"; the book is always
A4 landscape) and ``template_set`` ("2025" by default, or "2018"). ``FORMS`` maps the
`desk print` names to the renderers and says which dossiers each form applies to.
"""

from desk.printing.book import render_book
from desk.printing.control import render_control
from desk.printing.declaration import FORM_DATA_KEYS, render_declaration
from desk.printing.fonts import register_all as register_fonts
from desk.printing.layout import LayoutError
from desk.printing.notices import (
    Apology,
    Refusal,
    StopNotice,
    SupplementRequest,
    render_apology,
    render_refusal,
    render_stop,
    render_supplement,
)
from desk.printing.paper import A4, A5, ROLL80
from desk.printing.parts import prepare_codes
from desk.printing.registry import FORMS, FormSpec
from desk.printing.slip import render_slip
from desk.printing.templates import DEFAULT_TEMPLATE_SET, TEMPLATE_SETS
from desk.printing.words import amount_in_words, date_in_words, number_in_words

__all__ = [
    "A4",
    "A5",
    "DEFAULT_TEMPLATE_SET",
    "FORMS",
    "FORM_DATA_KEYS",
    "ROLL80",
    "TEMPLATE_SETS",
    "Apology",
    "FormSpec",
    "LayoutError",
    "Refusal",
    "StopNotice",
    "SupplementRequest",
    "amount_in_words",
    "date_in_words",
    "number_in_words",
    "prepare_codes",
    "register_fonts",
    "render_apology",
    "render_book",
    "render_control",
    "render_declaration",
    "render_refusal",
    "render_slip",
    "render_stop",
    "render_supplement",
]
