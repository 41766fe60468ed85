"""The domain's words in the window's language: status, role and satisfaction names, the
sync's words, the procedure catalogue and the intake forms' labels.

The domain and the data files speak Vietnamese (the office's legal language: the printed
forms and slips use them as they are). The window translates them when it shows them,
through the same Qt Linguist file as its own text (``resources/i18n/desk_en.ts``):

- an enum's ``label`` in the context named after the enum (``Status``, ``Role`` …);
- a form's texts (title, section titles, labels, hints, rule messages) in the context
  ``Form:<name>`` of that form (``Form:birth_registration``), the person parts' default
  labels in ``Form``; a form's words are translated where the form uses them;
- the catalogue's texts (procedure, document, fee and exemption names …) in ``Catalogue``.

``pyside6-lupdate`` cannot read data files, so ``resources/i18n/write_label_texts.py``
writes every such text from ``domain_texts()`` into ``desk/ui/label_texts.py`` as
``QT_TRANSLATE_NOOP`` entries, and ``resources/i18n/update.sh`` runs it before lupdate.
``tests/ui/test_english_complete.py`` fails when one of them has no English.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from desk.domain.access import Permission
from desk.domain.audit import AuditAction
from desk.domain.calendar import ProcessingTime, to_office_time
from desk.domain.catalogue import CopyKind, RequiredDocument
from desk.domain.dossier import DueChangeKind, ResultDelivery, Timeliness
from desk.domain.fees import PaymentMethod
from desk.domain.figures import Grouping
from desk.domain.formats import WEEKDAYS, days_text
from desk.domain.handover import Satisfaction
from desk.domain.office import Role
from desk.domain.outbox import AttentionKind, RunOutcome, SyncResult
from desk.domain.path_limits import FaultKind
from desk.domain.status import Status
from desk.forms.documents import MissingDocument
from desk.forms.spec import FieldSpec, FormDefinition, PersonPart, Rule, Section
from desk.sync.report import SyncPhase

# Every enum of the domain that carries words for the user (``label``, or the value for
# ``Permission``); the completeness test finds any new one that is missing here.
LABELLED_ENUMS: tuple[type[Enum], ...] = (
    Status,
    Role,
    Satisfaction,
    CopyKind,
    ResultDelivery,
    Timeliness,
    DueChangeKind,
    FaultKind,
    PaymentMethod,
    SyncResult,
    AttentionKind,
    RunOutcome,
    SyncPhase,
    AuditAction,
    Grouping,
    Permission,
)
FORM_CONTEXT = "Form"
CATALOGUE_CONTEXT = "Catalogue"
FORMATS_CONTEXT = "Formats"
# The shapes of ``desk.domain.formats`` the window translates (``_fmt`` below).
FORMAT_TEXTS = (
    "{hour} giờ {minute} phút, {weekday} {date}",
    "{days} ngày làm việc",
    "Trong ngày",
    "{normal} và thêm {added} để xác minh",
    "Trong ngày (nhận sau {hour} giờ trả ngày làm việc tiếp theo)",
    ".",
    "{amount} đồng",
)


def _words(member: Enum) -> str:
    label = getattr(member, "label", None)
    return label if isinstance(label, str) else str(member.value)


def shown_label(member: Enum) -> str:
    """An enum member's words (``Status.RECEIVED`` → «Được tiếp nhận» / "Received")."""
    return QCoreApplication.translate(type(member).__name__, _words(member))


def catalogue_text(text: str) -> str:
    """A text of the procedure catalogue (a procedure's or a document's name …)."""
    return QCoreApplication.translate(CATALOGUE_CONTEXT, text) if text else text


def shown_missing(missing: MissingDocument, documents: Iterable[RequiredDocument] = ()) -> str:
    """A missing document's name; alternatives («A hoặc B») each translated. Without the
    procedure's documents, the alternatives are read back from the name."""
    either = " hoặc "
    names = {document.code: document.name for document in documents}
    if all(code in names for code in missing.codes):
        parts = [names[code] for code in missing.codes]
    else:
        parts = missing.name.split(either)
        if len(parts) != len(missing.codes):
            parts = [missing.name]
    shown_either = QCoreApplication.translate(CATALOGUE_CONTEXT, either)
    return shown_either.join(catalogue_text(part) for part in parts)


def form_context(form_name: str) -> str:
    return f"{FORM_CONTEXT}:{form_name}"


def form_text(form_name: str, text: str) -> str:
    """A text of the form ``form_name``; a person part's default label from ``Form``."""
    if not text:
        return text
    shown = QCoreApplication.translate(form_context(form_name), text)
    if shown == text:
        shown = QCoreApplication.translate(FORM_CONTEXT, text)
    return shown


def any_form_text(text: str) -> str:
    """A text of one of the forms, when the caller does not know which."""
    from desk.forms.definitions import form_names

    for name in form_names():
        shown = form_text(name, text)
        if shown != text:
            return shown
    return text


def _part(form: str, part: PersonPart) -> PersonPart:
    return replace(part, label=form_text(form, part.label), help=form_text(form, part.help))


def _field(form: str, spec: FieldSpec) -> FieldSpec:
    return replace(
        spec,
        label=form_text(form, spec.label),
        help=form_text(form, spec.help),
        role_label=form_text(form, spec.role_label),
        person=tuple(_part(form, part) for part in spec.person),
    )


def _rule(form: str, rule: Rule) -> Rule:
    return replace(rule, message=form_text(form, rule.message))


def shown_form(form: FormDefinition) -> FormDefinition:
    """``form`` with its words in the window's language, for showing it; the dossier keeps
    the form's own (Vietnamese) definition."""
    name = form.name
    sections = tuple(
        Section(
            title=form_text(name, section.title),
            fields=tuple(_field(name, spec) for spec in section.fields),
            note=form_text(name, section.note),
        )
        for section in form.sections
    )
    late = form.late and replace(form.late, note=form_text(name, form.late.note))
    return replace(
        form,
        title=form_text(name, form.title),
        sections=sections,
        rules=tuple(_rule(name, rule) for rule in form.rules),
        late=late,
        applicant_label=form_text(name, form.applicant_label),
    )


def shown_field(spec: FieldSpec) -> FieldSpec:
    """A field declared in the code (the applicant block), in the window's language."""
    return _field("", spec)


# --- the forms' own checks (desk.forms.validation) -------------------------------------
# Their messages are written in Vietnamese with the field's name in them; the window shows
# them under (or next to) the field, so another language says the problem by its code.
PROBLEM_CONTEXT = "FieldProblem"
PROBLEM_TEXTS = {
    "required": QT_TRANSLATE_NOOP("FieldProblem", "Chưa nhập."),
    "choice.invalid": QT_TRANSLATE_NOOP("FieldProblem", "Không có trong danh sách lựa chọn."),
    "date.format": QT_TRANSLATE_NOOP(
        "FieldProblem", "Không phải ngày; hãy nhập ngày/tháng/năm, ví dụ 15/03/1990."
    ),
    "date.future": QT_TRANSLATE_NOOP("FieldProblem", "Ngày ở tương lai."),
    "date.invalid": QT_TRANSLATE_NOOP("FieldProblem", "Không có ngày này."),
    "date.order": QT_TRANSLATE_NOOP("FieldProblem", "Thứ tự các ngày không hợp lý."),
    "date.year": QT_TRANSLATE_NOOP("FieldProblem", "Năm không hợp lý."),
    "id_number.birth_year_mismatch": QT_TRANSLATE_NOOP(
        "FieldProblem", "Số định danh cho một năm sinh khác."
    ),
    "number.format": QT_TRANSLATE_NOOP("FieldProblem", "Không phải số."),
    "number.max": QT_TRANSLATE_NOOP("FieldProblem", "Số quá lớn."),
    "number.min": QT_TRANSLATE_NOOP("FieldProblem", "Số quá nhỏ."),
    "year.format": QT_TRANSLATE_NOOP("FieldProblem", "Không phải năm (bốn chữ số)."),
}


def shown_problem(code: str, message: str) -> str:
    """A form check's message in the window's language: in Vietnamese the domain's own
    (which names the field), in another language the words for its ``code``."""
    template = PROBLEM_TEXTS.get(code)
    if template is None:
        return message
    shown = QCoreApplication.translate(PROBLEM_CONTEXT, template)
    return message if shown == template else shown


# --- the domain's formats (desk.domain.formats) with translated words -------------------
# The same shapes as the domain's formatter, which the paper keeps; in Vietnamese they give
# the very same text.


def _fmt(text: str) -> str:
    return QCoreApplication.translate(FORMATS_CONTEXT, text)


def shown_weekday(day: date) -> str:
    return QCoreApplication.translate("Weekday", WEEKDAYS[day.weekday()])


def shown_weekdays(text: str) -> str:
    """``text`` (a service's «Thứ Hai 23/11») with its weekday names translated."""
    for name in WEEKDAYS:
        text = text.replace(name, QCoreApplication.translate("Weekday", name))
    return text


def shown_moment_with_weekday(moment: datetime) -> str:
    """«17 giờ 00 phút, Thứ Sáu 20/11/2026» / "17:00, Friday 20/11/2026"."""
    local = to_office_time(moment)
    return _fmt("{hour} giờ {minute} phút, {weekday} {date}").format(
        hour=f"{local:%H}",
        minute=f"{local:%M}",
        weekday=shown_weekday(local.date()),
        date=f"{local:%d/%m/%Y}",
    )


def _days(days: Decimal) -> str:
    return _fmt("{days} ngày làm việc").format(days=days_text(days))


def shown_processing(processing: ProcessingTime) -> str:
    """``desk.domain.formats.processing_label`` in the window's language."""
    if processing.added_days:
        normal = _fmt("Trong ngày") if processing.is_same_day else _days(processing.days)
        return _fmt("{normal} và thêm {added} để xác minh").format(
            normal=normal, added=_days(processing.added_days)
        )
    if processing.is_same_day:
        if processing.cutoff:
            return _fmt("Trong ngày (nhận sau {hour} giờ trả ngày làm việc tiếp theo)").format(
                hour=f"{processing.cutoff:%H}"
            )
        return _fmt("Trong ngày")
    return _days(processing.days)


def shown_vnd(amount: int) -> str:
    """8000 → «8.000 đồng» / "8,000 VND"."""
    number = f"{amount:,}".replace(",", _fmt("."))
    return _fmt("{amount} đồng").format(amount=number)


# --- what lupdate is given (resources/i18n/write_label_texts.py) -------------------------


def _form_texts(form: FormDefinition) -> Iterator[str]:
    yield from (form.title, form.applicant_label)
    if form.late is not None:
        yield form.late.note
    for section in form.sections:
        yield from (section.title, section.note)
        for spec in section.fields:
            yield from (spec.label, spec.help, spec.role_label)
            for part in spec.person:
                yield from (part.label, part.help)
    for rule in form.rules:
        yield rule.message


def _catalogue_texts() -> Iterator[str]:
    from desk.domain.catalogue_file import load_catalogue_file
    from desk.resources import CATALOGUE_FILE

    for procedure in load_catalogue_file(CATALOGUE_FILE).procedures:
        yield from (procedure.name, procedure.field_name, procedure.notes)
        yield from (procedure.fee.name, *procedure.fee.exemptions)
        late = procedure.fee.when_late
        if late is not None:
            yield from (late.name, *late.exemptions)
        for document in procedure.documents:
            yield from (document.name, document.note)


def domain_texts() -> list[tuple[str, str]]:
    """Every (context, Vietnamese text) the window translates from the domain and the data
    files, in a stable order, each once."""
    from desk.domain.letters import SIGNERS
    from desk.domain.service_index import shipped_service_index
    from desk.forms.definitions import APPLICANT, load_forms
    from desk.forms.spec import PERSON_ATTRIBUTES

    found: dict[tuple[str, str], None] = {}

    def add(context: str, texts: Any) -> None:
        for text in texts:
            if text:
                found.setdefault((context, text), None)

    for enum in LABELLED_ENUMS:
        add(enum.__name__, (_words(member) for member in enum))
    add("Weekday", WEEKDAYS)
    add("Signer", (signer.label for signer in SIGNERS.values()))
    add(FORMATS_CONTEXT, FORMAT_TEXTS)
    add(FORM_CONTEXT, (label for _kind, label in PERSON_ATTRIBUTES.values()))
    add(FORM_CONTEXT, (APPLICANT.label, APPLICANT.role_label, "Người nộp hồ sơ"))
    add(FORM_CONTEXT, (part.label for part in APPLICANT.person))
    for form in sorted(load_forms().values(), key=lambda f: f.name):
        add(form_context(form.name), _form_texts(form))
    add(CATALOGUE_CONTEXT, (" hoặc ", *_catalogue_texts()))
    # The indicators the supervisor's screen names (desk.ui.supervisor_parts._data_text).
    index = shipped_service_index()
    add("SupervisorScreen", (indicator.label for indicator in index.indicators))
    add("SupervisorScreen", (label for label, _points in index.unknown))
    return list(found)
