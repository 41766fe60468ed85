"""The one mapping between the domain's objects and the tables' rows.

Every writer takes its values from here: the services' path (one dossier at a time, as
dictionaries for SQLAlchemy's statements) and the demo's bulk path (millions of rows, as
tuples for executemany). A table's values are built once, as a tuple in the order of the
table's ``*_COLUMNS``; ``values()`` makes the dictionary. Reading goes the other way
(``person_from_values``, ``dossier_from_values``, ``event_from_values`` …: a row's values
by position, in the order of the columns they name; ``*_from_row`` for a row read by name),
whatever the query that selected the row.

Which value is an instant, a day, JSON or a boolean is said here, by ``ValueForm``: the
services' path keeps the domain's Python values (``AS_IS``: the columns' types, such as
``models.Instant``, convert them), the bulk path passes ``store.driver.SqlValues``, which
gives the driver's form directly, so a million rows need no second pass.

It is one piece on purpose: a dossier's tables (people, the dossier, its parties,
documents, fees, events, outbox) side by side, so a column added to the schema is added
here once, for both writers and the reader; the loader (``store.dossier_loading``) composes
these readers into whole dossiers in one pass, and they share the value forms and the
enum look-ups above. Tables outside the dossier keep their mapping with their store
module (the letters: ``store.letters``).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from enum import Enum
from functools import cache, lru_cache
from typing import Any, Protocol, TypeVar

from desk.domain.codes import DossierCode
from desk.domain.dossier import (
    ApplicantKind,
    Channel,
    Dossier,
    Party,
    Person,
    ReceivedDocument,
    ResultDelivery,
)
from desk.domain.fees import Fee
from desk.domain.figures import figure_facts
from desk.domain.identity import Sex
from desk.domain.status import ActorKind, Status, StatusEvent
from desk.domain.text import fold

Row = tuple[Any, ...]


class ValueForm(Protocol):
    """How the values of typed columns are given."""

    def instant(self, value: datetime | None, /) -> Any: ...
    def day(self, value: date | None, /) -> Any: ...
    def json(self, value: Any, /) -> Any: ...
    def boolean(self, value: bool, /) -> Any: ...


class _AsIs:
    """The domain's own values: SQLAlchemy's statements convert them by column type."""

    @staticmethod
    def instant(value: datetime | None, /) -> Any:
        return value

    @staticmethod
    def day(value: date | None, /) -> Any:
        return value

    @staticmethod
    def json(value: Any, /) -> Any:
        return value

    @staticmethod
    def boolean(value: bool, /) -> Any:
        return value


AS_IS: ValueForm = _AsIs()

# Names repeat a great deal (a million demo dossiers have a few thousand distinct names),
# and folding one costs microseconds.
folded_name = lru_cache(maxsize=1 << 16)(fold)


@lru_cache(maxsize=1 << 12)
def _code_prefix(agency_id: str, day: date) -> str:
    return str(DossierCode(agency_id, day, 1))[:-4]


def code_text(code: DossierCode) -> str:
    """``str(code)``, from the day's prefix made once: formatting the day costs more than
    the rest of a bulk dossier row."""
    return f"{_code_prefix(code.agency_id, code.day)}{code.sequence:04d}"


E = TypeVar("E", bound=Enum)


@cache
def _members(kind: type[E]) -> dict[Any, E]:
    return {member.value: member for member in kind}


def member(kind: type[E], value: Any) -> E:
    """``kind(value)``: a dictionary's look-up for the stored values (an enum's call costs
    about a microsecond, and a loaded dossier makes a dozen), the call itself for any
    other, so a value that is no member fails as it always did."""
    return _members(kind).get(value) or kind(value)


def values(columns: Sequence[str], row: Row) -> dict[str, Any]:
    """A row as SQLAlchemy's statements take it."""
    return dict(zip(columns, row, strict=True))


def by_name(columns: Sequence[str], row: Any) -> Row:
    """The values of ``columns`` of a row read by name (any query's row, any object).

    The readers below take a row's values by position, in the order of their columns:
    unpacking a row costs a fraction of reading its attributes one by one, which counts
    when an export reads millions."""
    return tuple(getattr(row, name) for name in columns)


# --- people ---------------------------------------------------------------------------

PERSON_COLUMNS = (
    "id_number",
    "old_id_number",
    "full_name",
    "name_folded",
    "birth_date",
    "sex",
    "address",
    "phone",
    "email",
    "id_issue_date",
    "id_issuer",
    "updated_at",
)


def person_row(person: Person, now: datetime, form: ValueForm = AS_IS) -> Row:
    return (
        person.id_number,
        person.old_id_number,
        person.full_name,
        folded_name(person.full_name),
        form.day(person.birth_date),
        person.sex.value if person.sex else "",
        person.address,
        person.phone,
        person.email,
        form.day(person.id_issue_date),
        person.id_issuer,
        form.instant(now),
    )


# What ``person_from_row`` reads (a loader selects these, not the whole row).
PERSON_READ_COLUMNS = (
    "full_name",
    "id_number",
    "old_id_number",
    "birth_date",
    "sex",
    "address",
    "phone",
    "email",
    "id_issue_date",
    "id_issuer",
)


def person_from_values(values: Sequence[Any]) -> Person:
    """A person from the values of ``PERSON_READ_COLUMNS``, in that order."""
    (
        full_name,
        id_number,
        old_id_number,
        birth_date,
        sex,
        address,
        phone,
        email,
        id_issue_date,
        id_issuer,
    ) = values
    return Person.stored(
        full_name,
        id_number,
        old_id_number,
        birth_date,
        member(Sex, sex) if sex else None,
        address,
        phone,
        email,
        id_issue_date,
        id_issuer,
    )


def person_from_row(row: Any) -> Person:
    """A person from any row with the people table's columns (by name)."""
    return person_from_values(by_name(PERSON_READ_COLUMNS, row))


# --- dossiers -------------------------------------------------------------------------

# What intake writes once and nothing changes afterwards …
DOSSIER_IDENTITY_COLUMNS = (
    "code",
    "agency_id",
    "received_day",
    "sequence",
    "procedure_code",
    "procedure_name",
    "field_code",
    "field_name",
    "lead_unit",
    "channel",
    "applicant_kind",
    "applicant_person_id",
    "applicant_name",
    "applicant_name_folded",
    "applicant_id_number",
    "applicant_phone",
    "applicant_email",
    "applicant_address",
    "summary",
    "sets_count",
    "result_delivery",
    "processing_days",
    "needs_checks",
    "received_at",
    "clerk_id",
    "clerk_name",
    "book_year",
    "book_number",
)
# … and what every change of status (or of due time) rewrites.
DOSSIER_STATE_COLUMNS = (
    "status",
    "revision",
    "due_at",
    "rescheduled_due_at",
    "paused_at",
    "finished_at",
    "returned_at",
    "note",
    "form_data",
    "updated_at",
    # derived for the supervisor's figures (desk.domain.figures.figure_facts)
    "timeliness",
    "office_fault",
    "satisfaction",
    "documents_scanned",
    "result_scanned",
    "fees_cash",
    "fees_transfer",
)
DOSSIER_COLUMNS = DOSSIER_IDENTITY_COLUMNS + DOSSIER_STATE_COLUMNS


def dossier_identity_row(
    dossier: Dossier, applicant_id: int, clerk_id: int | None, form: ValueForm = AS_IS
) -> Row:
    code = dossier.code
    applicant = dossier.applicant
    return (
        code_text(code),
        code.agency_id,
        form.day(code.day),
        code.sequence,
        dossier.procedure_code,
        dossier.procedure_name,
        dossier.field_code,
        dossier.field_name,
        dossier.lead_unit,
        int(dossier.channel),
        int(dossier.applicant_kind),
        applicant_id,
        applicant.full_name,
        folded_name(applicant.full_name),
        applicant.id_number,
        applicant.phone,
        applicant.email,
        applicant.address,
        dossier.summary,
        dossier.sets_count,
        dossier.result_delivery.value,
        dossier.processing_days,
        form.boolean(dossier.needs_checks),
        form.instant(dossier.received_at),
        clerk_id,
        dossier.clerk_name,
        dossier.book_year,
        dossier.book_number,
    )


def dossier_state_row(dossier: Dossier, now: datetime, form: ValueForm = AS_IS) -> Row:
    instant = form.instant
    facts = figure_facts(dossier)
    return (
        int(dossier.status),
        dossier.revision,
        instant(dossier.due_at),
        instant(dossier.rescheduled_due_at),
        instant(dossier.paused_at),
        instant(dossier.finished_at),
        instant(dossier.returned_at),
        dossier.note,
        form.json(dossier.form_data),
        instant(now),
        facts.timeliness,
        form.boolean(facts.office_fault),
        facts.satisfaction,
        form.boolean(facts.documents_scanned),
        form.boolean(facts.result_scanned),
        facts.fees_cash,
        facts.fees_transfer,
    )


def dossier_row(
    dossier: Dossier,
    applicant_id: int,
    clerk_id: int | None,
    now: datetime,
    form: ValueForm = AS_IS,
) -> Row:
    """The whole dossiers row as the dossier stands, last changed at ``now``."""
    return dossier_identity_row(dossier, applicant_id, clerk_id, form) + dossier_state_row(
        dossier, now, form
    )


# What ``dossier_from_values`` reads of the dossier's row, in this order, and of its
# applicant's people row (what intake did not copy into the dossier row): the derived
# figure facts, the folded name and ``updated_at`` are never read back.
DOSSIER_READ_COLUMNS = (
    "id",
    "applicant_person_id",
    "agency_id",
    "received_day",
    "sequence",
    "procedure_code",
    "procedure_name",
    "field_code",
    "field_name",
    "status",
    "revision",
    "applicant_name",
    "applicant_id_number",
    "applicant_phone",
    "applicant_email",
    "applicant_address",
    "applicant_kind",
    "channel",
    "summary",
    "lead_unit",
    "sets_count",
    "result_delivery",
    "received_at",
    "due_at",
    "clerk_name",
    "rescheduled_due_at",
    "paused_at",
    "finished_at",
    "returned_at",
    "processing_days",
    "needs_checks",
    "note",
    "form_data",
    "book_year",
    "book_number",
)
APPLICANT_READ_COLUMNS = ("birth_date", "sex", "old_id_number", "id_issue_date", "id_issuer")


def dossier_from_values(
    values: Sequence[Any],
    *,
    applicant: Sequence[Any] | None = None,
    documents: list[ReceivedDocument],
    fees: list[Fee],
    parties: list[Party],
    events: list[StatusEvent],
) -> Dossier:
    """A dossier from the values of ``DOSSIER_READ_COLUMNS`` (in that order) and what it
    carries. ``applicant``: the values of ``APPLICANT_READ_COLUMNS`` of the applicant's
    people row, for what intake did not copy into the dossier row."""
    (
        dossier_id,
        _applicant_person_id,
        agency_id,
        received_day,
        sequence,
        procedure_code,
        procedure_name,
        field_code,
        field_name,
        status,
        revision,
        applicant_name,
        applicant_id_number,
        applicant_phone,
        applicant_email,
        applicant_address,
        applicant_kind,
        channel,
        summary,
        lead_unit,
        sets_count,
        result_delivery,
        received_at,
        due_at,
        clerk_name,
        rescheduled_due_at,
        paused_at,
        finished_at,
        returned_at,
        processing_days,
        needs_checks,
        note,
        form_data,
        book_year,
        book_number,
    ) = values
    if applicant is None:
        birth_date, sex, old_id_number, id_issue_date, id_issuer = None, None, "", None, ""
    else:
        birth_date, sex, old_id_number, id_issue_date, id_issuer = applicant
    person = Person.stored(
        applicant_name,
        applicant_id_number,
        old_id_number,
        birth_date,
        member(Sex, sex) if sex else None,
        applicant_address,
        applicant_phone,
        applicant_email,
        id_issue_date,
        id_issuer,
    )
    return Dossier(
        id=dossier_id,
        code=DossierCode(agency_id, received_day, sequence),
        procedure_code=procedure_code,
        procedure_name=procedure_name,
        field_code=field_code,
        field_name=field_name,
        status=member(Status, status),
        revision=revision,
        applicant=person,
        applicant_kind=member(ApplicantKind, applicant_kind),
        channel=member(Channel, channel),
        summary=summary,
        lead_unit=lead_unit,
        sets_count=sets_count,
        result_delivery=member(ResultDelivery, result_delivery),
        received_at=received_at,
        due_at=due_at,
        clerk_name=clerk_name,
        rescheduled_due_at=rescheduled_due_at,
        paused_at=paused_at,
        finished_at=finished_at,
        returned_at=returned_at,
        processing_days=processing_days,
        needs_checks=needs_checks,
        note=note,
        form_data=dict(form_data or {}),
        documents=documents,
        fees=fees,
        parties=parties,
        events=events,
        book_year=book_year,
        book_number=book_number,
    )


def dossier_from_row(
    row: Any,
    *,
    applicant: Any = None,
    documents: list[ReceivedDocument],
    fees: list[Fee],
    parties: list[Party],
    events: list[StatusEvent],
) -> Dossier:
    """``dossier_from_values`` for rows read by name (the applicant's too)."""
    return dossier_from_values(
        by_name(DOSSIER_READ_COLUMNS, row),
        applicant=None if applicant is None else by_name(APPLICANT_READ_COLUMNS, applicant),
        documents=documents,
        fees=fees,
        parties=parties,
        events=events,
    )


# --- what a dossier carries -----------------------------------------------------------

PARTY_COLUMNS = ("dossier_id", "position", "role", "person_id")
APPLICANT_ROLE = "applicant"  # position 0: the applicant, also named in the dossier row


def party_rows(dossier_id: int, applicant_id: int, people: Sequence[tuple[str, int]]) -> list[Row]:
    """The applicant at position 0, then each (role, person id) in order."""
    rows: list[Row] = [(dossier_id, 0, APPLICANT_ROLE, applicant_id)]
    rows.extend(
        (dossier_id, position, role, person_id)
        for position, (role, person_id) in enumerate(people, start=1)
    )
    return rows


DOCUMENT_COLUMNS = (
    "dossier_id",
    "position",
    "code",
    "name",
    "originals",
    "certified_copies",
    "photocopies",
    "attachment_sha256",
)


def document_rows(dossier_id: int, documents: Sequence[ReceivedDocument]) -> list[Row]:
    return [
        (
            dossier_id,
            position,
            doc.code,
            doc.name,
            doc.originals,
            doc.certified_copies,
            doc.photocopies,
            doc.attachment_sha256 or None,
        )
        for position, doc in enumerate(documents)
    ]


def document_from_values(values: Sequence[Any]) -> ReceivedDocument:
    """A document from the values of ``DOCUMENT_COLUMNS``, in that order."""
    _dossier_id, _position, code, name, originals, certified, photocopies, sha256 = values
    return ReceivedDocument.stored(name, code, originals, certified, photocopies, sha256 or "")


def document_from_row(row: Any) -> ReceivedDocument:
    return document_from_values(by_name(DOCUMENT_COLUMNS, row))


FEE_COLUMNS = ("dossier_id", "name", "amount", "method", "exemption")


def fee_rows(dossier_id: int, fees: Sequence[Fee]) -> list[Row]:
    return [(dossier_id, fee.name, fee.amount, fee.method, fee.exemption or None) for fee in fees]


def fee_from_values(values: Sequence[Any]) -> Fee:
    """A fee from the values of ``FEE_COLUMNS``, in that order."""
    _dossier_id, name, amount, method, exemption = values
    return Fee(name, amount, method, exemption=exemption or "")


def fee_from_row(row: Any) -> Fee:
    return fee_from_values(by_name(FEE_COLUMNS, row))


EVENT_COLUMNS = (
    "dossier_id",
    "revision",
    "at",
    "from_status",
    "to_status",
    "actor_kind",
    "actor_user_id",
    "actor_name",
    "actor_title",
    "note",
    "detail",
)


def event_row(dossier_id: int, event: StatusEvent, form: ValueForm = AS_IS) -> Row:
    return (
        dossier_id,
        event.revision,
        form.instant(event.at),
        None if event.from_status is None else int(event.from_status),
        int(event.to_status),
        int(event.actor_kind),
        event.actor_user_id,
        event.actor_name,
        event.actor_title,
        event.note,
        form.json(dict(event.detail)) if event.detail else None,
    )


def event_from_values(values: Sequence[Any]) -> StatusEvent:
    """An event from the values of ``EVENT_COLUMNS``, in that order."""
    (
        _dossier_id,
        revision,
        at,
        from_status,
        to_status,
        actor_kind,
        actor_user_id,
        actor_name,
        actor_title,
        note,
        detail,
    ) = values
    return StatusEvent(
        at=at,
        from_status=member(Status, from_status) if from_status is not None else None,
        to_status=member(Status, to_status),
        actor_name=actor_name,
        actor_kind=member(ActorKind, actor_kind),
        actor_title=actor_title,
        note=note,
        detail=detail or {},
        revision=revision,
        actor_user_id=actor_user_id,
    )


def event_from_row(row: Any) -> StatusEvent:
    return event_from_values(by_name(EVENT_COLUMNS, row))


OUTBOX_COLUMNS = ("dossier_id", "revision", "queued_at")


def outbox_row(dossier: Dossier, queued_at: datetime, form: ValueForm = AS_IS) -> Row:
    """The dossier's newest revision, waiting for the province."""
    return (dossier.id, dossier.revision, form.instant(queued_at))
