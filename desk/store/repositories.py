"""Repositories: every SQL statement of the desk, returning domain objects.

Each function takes the ``Session`` of the caller's unit of work, so a service decides
what commits together (DOMAIN: the dossier, its code, its first event and its outbox entry
commit together or not at all).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, cast

from sqlalchemy import Date, Select, Table, bindparam, delete, func, insert, select, text, update
from sqlalchemy.orm import Session

from desk.domain.calendar import CalendarOverride, DayKind, OfficeHours
from desk.domain.catalogue import Catalogue, Procedure, procedure_from_dict
from desk.domain.codes import DossierCode, SequenceBlock
from desk.domain.dossier import (
    ApplicantKind,
    Channel,
    Dossier,
    DossierSummary,
    Party,
    Person,
    ReceivedDocument,
    ResultDelivery,
)
from desk.domain.fees import Fee
from desk.domain.identity import Sex
from desk.domain.office import Office, Role, User
from desk.domain.status import ActorKind, Status, StatusEvent
from desk.domain.text import fold
from desk.errors import NotFound, SequenceExhausted
from desk.store.models import (
    AttachmentRow,
    Base,
    CalendarOverrideRow,
    DossierDocumentRow,
    DossierFeeRow,
    DossierPartyRow,
    DossierRow,
    Instant,
    OfficeRow,
    OutboxRow,
    PersonRow,
    ProcedureRow,
    StatusEventRow,
    UserRow,
)


# Hot-path statements, built once: executed with a parameter dict they compile once and
# skip the ORM's per-call statement building (receiving a dossier runs ten of them).
def _table(model: type[Base]) -> Table:
    return cast(Table, model.__table__)


_DOSSIERS = _table(DossierRow)
_PEOPLE = _table(PersonRow)
_DOCUMENTS = _table(DossierDocumentRow)
_FEES = _table(DossierFeeRow)
_EVENTS = _table(StatusEventRow)
_PARTIES = _table(DossierPartyRow)
INSERT_DOSSIER = insert(_DOSSIERS).returning(_DOSSIERS.c.id)
INSERT_PERSON = insert(_PEOPLE).returning(_PEOPLE.c.id)
INSERT_PARTY = insert(_table(DossierPartyRow))
INSERT_DOCUMENT = insert(_table(DossierDocumentRow))
INSERT_FEE = insert(_table(DossierFeeRow))
INSERT_EVENT = insert(_table(StatusEventRow))
SELECT_PERSON_BY_ID_NUMBER = (
    select(_PEOPLE.c.id).where(_PEOPLE.c.id_number == bindparam("id_number")).limit(1)
)


# --- office ---------------------------------------------------------------------------


def load_office(session: Session) -> Office | None:
    row = session.get(OfficeRow, 1)
    if row is None:
        return None
    return Office(
        agency_id=row.agency_id,
        agency_name=row.agency_name,
        unit_name=row.unit_name,
        commune=row.commune,
        province=row.province,
        place_name=row.place_name,
        address=row.address,
        phone=row.phone,
        lookup_url=row.lookup_url,
        hours=OfficeHours.parse(row.office_hours),
    )


def save_office(session: Session, office: Office, now: datetime) -> None:
    values = {
        "agency_id": office.agency_id,
        "agency_name": office.agency_name,
        "unit_name": office.unit_name,
        "commune": office.commune,
        "province": office.province,
        "place_name": office.place_name,
        "address": office.address,
        "phone": office.phone,
        "lookup_url": office.lookup_url,
        "office_hours": str(office.hours),
    }
    if session.get(OfficeRow, 1) is None:
        session.execute(insert(OfficeRow).values(id=1, created_at=now, **values))
    else:
        session.execute(update(OfficeRow).where(OfficeRow.id == 1).values(**values))


# --- users ----------------------------------------------------------------------------


def _user(row: UserRow) -> User:
    return User(row.id, row.username, row.full_name, Role(row.role), row.title, row.active)


def add_user(
    session: Session,
    *,
    username: str,
    full_name: str,
    role: Role,
    password_hash: str,
    now: datetime,
    title: str = "",
) -> User:
    user_id = session.execute(
        insert(UserRow)
        .values(
            username=username,
            full_name=full_name,
            title=title,
            role=role.value,
            password_hash=password_hash,
            active=True,
            created_at=now,
        )
        .returning(UserRow.id)
    ).scalar_one()
    return User(user_id, username, full_name, role, title)


def user_with_hash(session: Session, username: str) -> tuple[User, str] | None:
    row = session.scalars(select(UserRow).where(UserRow.username == username)).first()
    return (_user(row), row.password_hash) if row else None


def set_password_hash(session: Session, user_id: int, password_hash: str) -> None:
    session.execute(
        update(UserRow).where(UserRow.id == user_id).values(password_hash=password_hash)
    )


def list_users(session: Session) -> list[User]:
    return [_user(r) for r in session.scalars(select(UserRow).order_by(UserRow.username))]


# --- procedures -----------------------------------------------------------------------


def replace_catalogue(session: Session, catalogue: Catalogue, now: datetime) -> None:
    """Upsert every procedure of the catalogue; procedures not in it are deactivated.

    Procedures are never deleted: old dossiers keep pointing at them.
    """
    existing = set(session.scalars(select(ProcedureRow.code)))
    for procedure in catalogue:
        values = {
            "name": procedure.name,
            "name_folded": fold(procedure.name),
            "field_code": procedure.field_code,
            "field_name": procedure.field_name,
            "definition": procedure.to_dict(),
            "active": procedure.active,
            "updated_at": now,
        }
        if procedure.code in existing:
            session.execute(
                update(ProcedureRow).where(ProcedureRow.code == procedure.code).values(**values)
            )
        else:
            session.execute(insert(ProcedureRow).values(code=procedure.code, **values))
    missing = existing - {p.code for p in catalogue}
    if missing:
        session.execute(
            update(ProcedureRow)
            .where(ProcedureRow.code.in_(missing))
            .values(active=False, updated_at=now)
        )


def load_catalogue(session: Session, *, include_inactive: bool = False) -> Catalogue:
    stmt = select(ProcedureRow.definition).order_by(ProcedureRow.code)
    if not include_inactive:
        stmt = stmt.where(ProcedureRow.active.is_(True))
    return Catalogue(tuple(procedure_from_dict(d) for d in session.scalars(stmt)))


def get_procedure(session: Session, code: str) -> Procedure:
    definition = session.scalar(select(ProcedureRow.definition).where(ProcedureRow.code == code))
    if definition is None:
        raise NotFound(f"Không có thủ tục mã «{code}» trong danh mục.", code="procedure.not_found")
    return procedure_from_dict(definition)


# --- calendar -------------------------------------------------------------------------


def load_calendar_overrides(session: Session) -> list[CalendarOverride]:
    rows = session.scalars(select(CalendarOverrideRow).order_by(CalendarOverrideRow.day))
    return [CalendarOverride(r.day, DayKind(r.kind), r.name) for r in rows]


def put_calendar_override(
    session: Session, override: CalendarOverride, *, by: str, now: datetime
) -> None:
    session.execute(delete(CalendarOverrideRow).where(CalendarOverrideRow.day == override.day))
    session.execute(
        insert(CalendarOverrideRow).values(
            day=override.day,
            kind=override.kind.value,
            name=override.name,
            created_by=by,
            created_at=now,
        )
    )


def remove_calendar_override(session: Session, day: date) -> bool:
    result = session.execute(delete(CalendarOverrideRow).where(CalendarOverrideRow.day == day))
    return bool(result.rowcount)  # type: ignore[attr-defined]


# --- dossier codes --------------------------------------------------------------------


# The same upsert SQL works on SQLite (3.35+) and PostgreSQL. Written as text because
# SQLAlchemy does not cache dialect upserts, and recompiling them cost more than the write.
_NEXT_SEQUENCE = text(
    "INSERT INTO daily_counters (agency_id, day, block_first, last_value) "
    "VALUES (:agency_id, :day, :block_first, :block_first) "
    "ON CONFLICT (agency_id, day, block_first) "
    "DO UPDATE SET last_value = daily_counters.last_value + 1 "
    "RETURNING last_value"
).bindparams(bindparam("day", type_=Date))


def allocate_sequence(session: Session, agency_id: str, day: date, block: SequenceBlock) -> int:
    """The next number of the day's sequence, inside the caller's transaction.

    One upsert that both creates the day's counter and increments it, returning the new
    value. The counter row stays locked until the caller commits (PostgreSQL row lock;
    SQLite's write lock taken by BEGIN IMMEDIATE), and a rollback returns the number, so
    the day's codes have neither gaps nor duplicates.
    """
    params = {"agency_id": agency_id, "day": day, "block_first": block.first}
    value = int(session.connection().execute(_NEXT_SEQUENCE, params).scalar_one())
    if value > block.last:
        raise SequenceExhausted(
            f"Đã hết số thứ tự hồ sơ của ngày {day:%d/%m/%Y} trong dãy {block} của máy này. "
            "Liên hệ quản trị để cấp thêm dãy số.",
        )
    return value


# --- people ---------------------------------------------------------------------------


def person_values(person: Person, now: datetime) -> dict[str, Any]:
    return {
        "id_number": person.id_number,
        "old_id_number": person.old_id_number,
        "full_name": person.full_name,
        "name_folded": fold(person.full_name),
        "birth_date": person.birth_date,
        "sex": person.sex.value if person.sex else "",
        "address": person.address,
        "phone": person.phone,
        "email": person.email,
        "id_issue_date": person.id_issue_date,
        "id_issuer": person.id_issuer,
        "updated_at": now,
    }


def save_person(session: Session, person: Person, now: datetime) -> int:
    """Record a person; one known by the same ID number is updated, not duplicated."""
    values = person_values(person, now)
    if person.id_number:
        person_id = session.connection().scalar(
            SELECT_PERSON_BY_ID_NUMBER, {"id_number": person.id_number}
        )
        if person_id is not None:
            # Keep what we knew when the new record leaves a field empty.
            changes = {k: v for k, v in values.items() if v not in ("", None)}
            session.execute(update(PersonRow).where(PersonRow.id == person_id).values(**changes))
            return int(person_id)
    return int(
        session.execute(insert(PersonRow).values(**values).returning(PersonRow.id)).scalar_one()
    )


def _person(row: PersonRow) -> Person:
    return Person(
        full_name=row.full_name,
        id_number=row.id_number,
        old_id_number=row.old_id_number,
        birth_date=row.birth_date,
        sex=Sex(row.sex) if row.sex else None,
        address=row.address,
        phone=row.phone,
        email=row.email,
        id_issue_date=row.id_issue_date,
        id_issuer=row.id_issuer,
    )


def find_person_by_id_number(session: Session, id_number: str) -> Person | None:
    row = session.scalars(
        select(PersonRow).where(PersonRow.id_number == id_number).order_by(PersonRow.id.desc())
    ).first()
    return _person(row) if row else None


# --- dossiers: writing ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class NewDossier:
    """Everything the intake service decided, ready to be written."""

    code: DossierCode
    procedure: Procedure
    status: Status
    applicant: Person
    applicant_kind: ApplicantKind
    channel: Channel
    summary: str
    sets_count: int
    result_delivery: ResultDelivery
    processing_days: str
    needs_checks: bool
    received_at: datetime
    due_at: datetime
    clerk: User
    form_data: dict[str, Any]
    note: str
    documents: Sequence[ReceivedDocument]
    fees: Sequence[Fee]
    parties: Sequence[Party]
    finished_at: datetime | None = None


def dossier_values(new: NewDossier, applicant_id: int) -> dict[str, Any]:
    """The dossier row as intake writes it (revision 1)."""
    return {
        "code": str(new.code),
        "agency_id": new.code.agency_id,
        "received_day": new.code.day,
        "sequence": new.code.sequence,
        "procedure_code": new.procedure.code,
        "procedure_name": new.procedure.name,
        "field_code": new.procedure.field_code,
        "field_name": new.procedure.field_name,
        "lead_unit": new.procedure.lead_unit,
        "status": int(new.status),
        "revision": 1,
        "channel": int(new.channel),
        "applicant_kind": int(new.applicant_kind),
        "applicant_person_id": applicant_id,
        "applicant_name": new.applicant.full_name,
        "applicant_name_folded": fold(new.applicant.full_name),
        "applicant_id_number": new.applicant.id_number,
        "applicant_phone": new.applicant.phone,
        "applicant_email": new.applicant.email,
        "applicant_address": new.applicant.address,
        "summary": new.summary,
        "sets_count": new.sets_count,
        "result_delivery": new.result_delivery.value,
        "processing_days": new.processing_days,
        "needs_checks": new.needs_checks,
        "received_at": new.received_at,
        "due_at": new.due_at,
        "rescheduled_due_at": None,
        "paused_at": None,
        "finished_at": new.finished_at,
        "returned_at": None,
        "clerk_id": new.clerk.id,
        "clerk_name": new.clerk.full_name,
        "form_data": new.form_data,
        "note": new.note,
        "updated_at": new.received_at,
    }


def dossier_state_values(dossier: Dossier, now: datetime) -> dict[str, Any]:
    """The columns a change of status (or of due time) rewrites."""
    return {
        "status": int(dossier.status),
        "revision": dossier.revision,
        "due_at": dossier.due_at,
        "rescheduled_due_at": dossier.rescheduled_due_at,
        "paused_at": dossier.paused_at,
        "finished_at": dossier.finished_at,
        "returned_at": dossier.returned_at,
        "note": dossier.note,
        "form_data": dossier.form_data,
        "updated_at": now,
    }


def document_values(dossier_id: int, documents: Sequence[ReceivedDocument]) -> list[dict[str, Any]]:
    return [
        {
            "dossier_id": dossier_id,
            "position": position,
            "code": doc.code,
            "name": doc.name,
            "originals": doc.originals,
            "certified_copies": doc.certified_copies,
            "photocopies": doc.photocopies,
            "attachment_sha256": doc.attachment_sha256 or None,
        }
        for position, doc in enumerate(documents)
    ]


def fee_values(dossier_id: int, fees: Sequence[Fee]) -> list[dict[str, Any]]:
    return [
        {"dossier_id": dossier_id, "name": f.name, "amount": f.amount, "method": f.method}
        for f in fees
    ]


def event_values(dossier_id: int, event: StatusEvent) -> dict[str, Any]:
    return {
        "dossier_id": dossier_id,
        "revision": event.revision,
        "at": event.at,
        "from_status": int(event.from_status) if event.from_status is not None else None,
        "to_status": int(event.to_status),
        "actor_kind": int(event.actor_kind),
        "actor_user_id": event.actor_user_id,
        "actor_name": event.actor_name,
        "actor_title": event.actor_title,
        "note": event.note,
        "detail": dict(event.detail) or None,
    }


def insert_dossier(session: Session, new: NewDossier, event: StatusEvent) -> int:
    applicant_id = save_person(session, new.applicant, new.received_at)
    dossier_id = int(
        session.connection().execute(INSERT_DOSSIER, dossier_values(new, applicant_id)).scalar_one()
    )
    links = [
        {"dossier_id": dossier_id, "position": 0, "role": "applicant", "person_id": applicant_id}
    ]
    for position, party in enumerate(new.parties, start=1):
        person_id = save_person(session, party.person, new.received_at)
        links.append(
            {
                "dossier_id": dossier_id,
                "position": position,
                "role": party.role,
                "person_id": person_id,
            }
        )
    session.connection().execute(INSERT_PARTY, links)
    if new.documents:
        session.connection().execute(INSERT_DOCUMENT, document_values(dossier_id, new.documents))
    if new.fees:
        session.connection().execute(INSERT_FEE, fee_values(dossier_id, new.fees))
    append_events(session, dossier_id, [event])
    queue_for_sync(session, dossier_id, 1, new.received_at)
    return dossier_id


def append_events(session: Session, dossier_id: int, events: Sequence[StatusEvent]) -> None:
    session.connection().execute(INSERT_EVENT, [event_values(dossier_id, e) for e in events])


def save_change(
    session: Session, dossier: Dossier, events: Sequence[StatusEvent], now: datetime
) -> None:
    """The only way a change of a dossier is recorded: its new state, the events that made
    it (each with the revision it raised the dossier to) and the newest revision queued
    for the province, in the caller's transaction."""
    update_dossier_state(session, dossier, now)
    append_events(session, dossier.id, events)
    queue_for_sync(session, dossier.id, dossier.revision, now)


_QUEUE_FOR_SYNC = text(
    "INSERT INTO outbox (dossier_id, revision, queued_at) "
    "VALUES (:dossier_id, :revision, :queued_at) "
    "ON CONFLICT (dossier_id) "
    "DO UPDATE SET revision = excluded.revision, queued_at = excluded.queued_at"
).bindparams(bindparam("queued_at", type_=Instant()))


def queue_for_sync(session: Session, dossier_id: int, revision: int, now: datetime) -> None:
    """Put the dossier's newest revision in the outbox (one entry per dossier)."""
    session.connection().execute(
        _QUEUE_FOR_SYNC, {"dossier_id": dossier_id, "revision": revision, "queued_at": now}
    )


def lock_dossier(session: Session, code: str) -> Dossier:
    """Load a dossier for a change; on PostgreSQL its row stays locked until commit."""
    stmt = select(DossierRow).where(DossierRow.code == code)
    if session.get_bind().dialect.name != "sqlite":
        stmt = stmt.with_for_update()
    row = session.scalars(stmt).first()
    if row is None:
        raise NotFound(f"Không tìm thấy hồ sơ mã «{code}».", code="dossier.not_found")
    return _load_full([row], session)[0]


_UPDATE_STATE = update(_DOSSIERS).where(_DOSSIERS.c.id == bindparam("dossier_id"))


def update_dossier_state(session: Session, dossier: Dossier, now: datetime) -> None:
    """Write the changeable state of a dossier whose revision the service has raised."""
    session.execute(_UPDATE_STATE, {"dossier_id": dossier.id, **dossier_state_values(dossier, now)})


# --- dossiers: reading ----------------------------------------------------------------


def _documents_by_dossier(session: Session, ids: list[int]) -> dict[int, list[ReceivedDocument]]:
    result: dict[int, list[ReceivedDocument]] = {i: [] for i in ids}
    rows = session.execute(
        select(DossierDocumentRow)
        .where(DossierDocumentRow.dossier_id.in_(ids))
        .order_by(DossierDocumentRow.dossier_id, DossierDocumentRow.position)
    ).scalars()
    for r in rows:
        result[r.dossier_id].append(
            ReceivedDocument(
                name=r.name,
                code=r.code,
                originals=r.originals,
                certified_copies=r.certified_copies,
                photocopies=r.photocopies,
                attachment_sha256=r.attachment_sha256 or "",
            )
        )
    return result


def _fees_by_dossier(session: Session, ids: list[int]) -> dict[int, list[Fee]]:
    result: dict[int, list[Fee]] = {i: [] for i in ids}
    rows = session.scalars(
        select(DossierFeeRow)
        .where(DossierFeeRow.dossier_id.in_(ids))
        .order_by(DossierFeeRow.dossier_id, DossierFeeRow.id)
    )
    for r in rows:
        result[r.dossier_id].append(Fee(r.name, r.amount, r.method))
    return result


def _parties_by_dossier(session: Session, ids: list[int]) -> dict[int, list[Party]]:
    result: dict[int, list[Party]] = {i: [] for i in ids}
    rows = session.execute(
        select(DossierPartyRow.dossier_id, DossierPartyRow.role, PersonRow)
        .join(PersonRow, PersonRow.id == DossierPartyRow.person_id)
        .where(DossierPartyRow.dossier_id.in_(ids), DossierPartyRow.role != "applicant")
        .order_by(DossierPartyRow.dossier_id, DossierPartyRow.position)
    )
    for dossier_id, role, person_row in rows:
        result[dossier_id].append(Party(role, _person(person_row)))
    return result


def _events_by_dossier(session: Session, ids: list[int]) -> dict[int, list[StatusEvent]]:
    result: dict[int, list[StatusEvent]] = {i: [] for i in ids}
    rows = session.scalars(
        select(StatusEventRow)
        .where(StatusEventRow.dossier_id.in_(ids))
        .order_by(StatusEventRow.dossier_id, StatusEventRow.id)
    )
    for r in rows:
        result[r.dossier_id].append(
            StatusEvent(
                at=r.at,
                from_status=Status(r.from_status) if r.from_status is not None else None,
                to_status=Status(r.to_status),
                actor_name=r.actor_name,
                actor_kind=ActorKind(r.actor_kind),
                actor_title=r.actor_title,
                note=r.note,
                detail=r.detail or {},
                revision=r.revision,
                actor_user_id=r.actor_user_id,
            )
        )
    return result


def _dossier(row: DossierRow, **related: Any) -> Dossier:
    return Dossier(
        id=row.id,
        code=DossierCode(row.agency_id, row.received_day, row.sequence),
        procedure_code=row.procedure_code,
        procedure_name=row.procedure_name,
        field_code=row.field_code,
        field_name=row.field_name,
        status=Status(row.status),
        revision=row.revision,
        applicant=Person(
            full_name=row.applicant_name,
            id_number=row.applicant_id_number,
            phone=row.applicant_phone,
            email=row.applicant_email,
            address=row.applicant_address,
        ),
        applicant_kind=ApplicantKind(row.applicant_kind),
        channel=Channel(row.channel),
        summary=row.summary,
        lead_unit=row.lead_unit,
        sets_count=row.sets_count,
        result_delivery=ResultDelivery(row.result_delivery),
        received_at=row.received_at,
        due_at=row.due_at,
        clerk_name=row.clerk_name,
        rescheduled_due_at=row.rescheduled_due_at,
        paused_at=row.paused_at,
        finished_at=row.finished_at,
        returned_at=row.returned_at,
        processing_days=row.processing_days,
        needs_checks=row.needs_checks,
        note=row.note,
        form_data=dict(row.form_data or {}),
        **related,
    )


def load_dossiers(session: Session, ids: Sequence[int]) -> list[Dossier]:
    """Full dossiers (documents, fees, people, history) in code order.

    Read with Core statements, five queries for any number of dossiers and no ORM
    identity map: the sync push and the exports build hundreds of them at a time."""
    if not ids:
        return []
    wanted = list(ids)
    connection = session.connection()
    rows = list(
        connection.execute(
            select(_DOSSIERS).where(_DOSSIERS.c.id.in_(wanted)).order_by(_DOSSIERS.c.code)
        )
    )
    documents: dict[int, list[ReceivedDocument]] = {i: [] for i in wanted}
    for r in connection.execute(
        select(
            _DOCUMENTS.c.dossier_id,
            _DOCUMENTS.c.name,
            _DOCUMENTS.c.code,
            _DOCUMENTS.c.originals,
            _DOCUMENTS.c.certified_copies,
            _DOCUMENTS.c.photocopies,
            _DOCUMENTS.c.attachment_sha256,
        )
        .where(_DOCUMENTS.c.dossier_id.in_(wanted))
        .order_by(_DOCUMENTS.c.dossier_id, _DOCUMENTS.c.position)
    ):
        documents[r[0]].append(ReceivedDocument(r[1], r[2], r[3], r[4], r[5], r[6] or ""))
    fees: dict[int, list[Fee]] = {i: [] for i in wanted}
    for r in connection.execute(
        select(_FEES.c.dossier_id, _FEES.c.name, _FEES.c.amount, _FEES.c.method)
        .where(_FEES.c.dossier_id.in_(wanted))
        .order_by(_FEES.c.dossier_id, _FEES.c.id)
    ):
        fees[r[0]].append(Fee(r[1], r[2], r[3]))
    events: dict[int, list[StatusEvent]] = {i: [] for i in wanted}
    for r in connection.execute(
        select(
            _EVENTS.c.dossier_id,
            _EVENTS.c.at,
            _EVENTS.c.from_status,
            _EVENTS.c.to_status,
            _EVENTS.c.actor_name,
            _EVENTS.c.actor_kind,
            _EVENTS.c.actor_title,
            _EVENTS.c.note,
            _EVENTS.c.detail,
            _EVENTS.c.revision,
            _EVENTS.c.actor_user_id,
        )
        .where(_EVENTS.c.dossier_id.in_(wanted))
        .order_by(_EVENTS.c.dossier_id, _EVENTS.c.id)
    ):
        events[r[0]].append(
            StatusEvent(
                at=r[1],
                from_status=Status(r[2]) if r[2] is not None else None,
                to_status=Status(r[3]),
                actor_name=r[4],
                actor_kind=ActorKind(r[5]),
                actor_title=r[6],
                note=r[7],
                detail=r[8] or {},
                revision=r[9],
                actor_user_id=r[10],
            )
        )
    parties: dict[int, list[Party]] = {i: [] for i in wanted}
    for r in connection.execute(
        select(_PARTIES.c.dossier_id, _PARTIES.c.role, *_PEOPLE.c)
        .join(_PEOPLE, _PEOPLE.c.id == _PARTIES.c.person_id)
        .where(_PARTIES.c.dossier_id.in_(wanted), _PARTIES.c.role != "applicant")
        .order_by(_PARTIES.c.dossier_id, _PARTIES.c.position)
    ):
        parties[r.dossier_id].append(Party(r.role, _person(r)))  # type: ignore[arg-type]
    person_ids = list({r.applicant_person_id for r in rows if r.applicant_person_id is not None})
    applicants = {
        r.id: r for r in connection.execute(select(_PEOPLE).where(_PEOPLE.c.id.in_(person_ids)))
    }
    result = []
    for row in rows:
        dossier = _dossier(
            row,  # type: ignore[arg-type]
            documents=documents[row.id],
            fees=fees[row.id],
            parties=parties[row.id],
            events=events[row.id],
        )
        person = applicants.get(row.applicant_person_id)
        if person is not None:
            dossier.applicant.birth_date = person.birth_date
            dossier.applicant.sex = Sex(person.sex) if person.sex else None
            dossier.applicant.old_id_number = person.old_id_number
            dossier.applicant.id_issue_date = person.id_issue_date
            dossier.applicant.id_issuer = person.id_issuer
        result.append(dossier)
    return result


def _load_full(rows: Sequence[DossierRow], session: Session) -> list[Dossier]:
    """``load_dossiers`` for rows already selected, in the rows' order."""
    by_id = {d.id: d for d in load_dossiers(session, [row.id for row in rows])}
    return [by_id[row.id] for row in rows]


def get_dossier(session: Session, code: str) -> Dossier:
    row = session.scalars(select(DossierRow).where(DossierRow.code == code)).first()
    if row is None:
        raise NotFound(f"Không tìm thấy hồ sơ mã «{code}».", code="dossier.not_found")
    return _load_full([row], session)[0]


def iter_dossiers(
    session: Session, *, since: date | None = None, batch_size: int = 500
) -> Iterator[Dossier]:
    """Every dossier in code order (keyset pages), with everything it carries."""
    last_code = ""
    while True:
        stmt = select(DossierRow).where(DossierRow.code > last_code)
        if since is not None:
            stmt = stmt.where(DossierRow.received_day >= since)
        rows = list(session.scalars(stmt.order_by(DossierRow.code).limit(batch_size)))
        if not rows:
            return
        yield from _load_full(rows, session)
        last_code = rows[-1].code
        session.expunge_all()


# --- search ---------------------------------------------------------------------------


_SUMMARY_COLUMNS = (
    DossierRow.id,
    DossierRow.code,
    DossierRow.procedure_code,
    DossierRow.procedure_name,
    DossierRow.applicant_name,
    DossierRow.applicant_phone,
    DossierRow.status,
    DossierRow.received_at,
    DossierRow.due_at,
    DossierRow.rescheduled_due_at,
    DossierRow.paused_at,
    DossierRow.clerk_name,
)


def _summaries(session: Session, stmt: Select[Any]) -> list[DossierSummary]:
    return [
        DossierSummary(*row[:6], Status(row[6]), *row[7:])  # type: ignore[call-arg]
        for row in session.execute(stmt)
    ]


def _page(stmt: Select[Any], limit: int, before_id: int | None) -> Select[Any]:
    if before_id is not None:
        stmt = stmt.where(DossierRow.id < before_id)
    return stmt.order_by(DossierRow.id.desc()).limit(limit)


def find_by_column(
    session: Session, column: Any, value: str, *, limit: int, before_id: int | None
) -> list[DossierSummary]:
    return _summaries(
        session, _page(select(*_SUMMARY_COLUMNS).where(column == value), limit, before_id)
    )


_BY_CODE = select(*_SUMMARY_COLUMNS).where(DossierRow.code == bindparam("code"))


def find_by_code(session: Session, code: str) -> list[DossierSummary]:
    """The scan-a-slip path: one prebuilt statement on the connection, no ORM layer."""
    return [
        DossierSummary(*row[:6], Status(row[6]), *row[7:])  # type: ignore[call-arg]
        for row in session.connection().execute(_BY_CODE, {"code": code})
    ]


def find_by_id_number(
    session: Session, id_number: str, *, limit: int, before_id: int | None
) -> list[DossierSummary]:
    return find_by_column(
        session, DossierRow.applicant_id_number, id_number, limit=limit, before_id=before_id
    )


_FTS_TOKEN = re.compile(r"[0-9a-z]+")


def search_text(
    session: Session, terms: Sequence[str], *, limit: int, before_id: int | None
) -> list[DossierSummary]:
    """Dossiers whose folded applicant name or phone has words starting with every term.

    Newest first: dossier ids grow with time, and FTS5 walks its rowids backwards without
    sorting, so a common prefix costs no more than a rare one.
    """
    folded = [t for term in terms for t in _FTS_TOKEN.findall(fold(term))]
    if not folded:
        return []
    if session.get_bind().dialect.name == "sqlite":
        # One-letter words ("vu t") go to FTS5 only when nothing longer is typed: there is
        # no one-letter prefix index, and "t*" would merge the lists of every word in t.
        # Otherwise they filter the few candidates the longer words give, newest first.
        long_words = [t for t in folded if len(t) > 1] or folded
        letters = [t for t in folded if len(t) == 1 and long_words is not folded]
        match = " ".join(f'"{t}"*' for t in long_words)
        params: dict[str, Any] = {"match": match, "limit": limit}
        if letters:
            ids_stmt = (
                "SELECT s.rowid FROM dossier_search AS s JOIN dossiers AS d ON d.id = s.rowid "
                "WHERE dossier_search MATCH :match"
            )
            for index, letter in enumerate(letters):
                ids_stmt += f" AND (' ' || d.applicant_name_folded) LIKE :letter{index}"
                params[f"letter{index}"] = f"% {letter}%"
            rowid = "s.rowid"
        else:
            ids_stmt = "SELECT rowid FROM dossier_search WHERE dossier_search MATCH :match"
            rowid = "rowid"
        if before_id is not None:
            ids_stmt += f" AND {rowid} < :before"
            params["before"] = before_id
        ids_stmt += f" ORDER BY {rowid} DESC LIMIT :limit"
        ids = [r[0] for r in session.execute(text(ids_stmt), params)]
        if not ids:
            return []
        rows = _summaries(session, select(*_SUMMARY_COLUMNS).where(DossierRow.id.in_(ids)))
        return sorted(rows, key=lambda s: s.id, reverse=True)
    # PostgreSQL: word-prefix match on the folded name (or a phone prefix), newest first.
    stmt = select(*_SUMMARY_COLUMNS)
    for token in folded:
        pattern = token.replace("%", "").replace("_", "")
        stmt = stmt.where(
            (DossierRow.applicant_name_folded.like(f"{pattern}%"))
            | (DossierRow.applicant_name_folded.like(f"% {pattern}%"))
            | (DossierRow.applicant_phone.like(f"{pattern}%"))
        )
    return _summaries(session, _page(stmt, limit, before_id))


def latest(session: Session, *, limit: int, before_id: int | None) -> list[DossierSummary]:
    return _summaries(session, _page(select(*_SUMMARY_COLUMNS), limit, before_id))


# --- counts ---------------------------------------------------------------------------


def count_received_between(session: Session, start: datetime, end: datetime) -> int:
    return int(
        session.scalar(
            select(func.count())
            .select_from(DossierRow)
            .where(DossierRow.received_at >= start, DossierRow.received_at < end)
        )
        or 0
    )


def count_returned_between(session: Session, start: datetime, end: datetime) -> int:
    return int(
        session.scalar(
            select(func.count())
            .select_from(DossierRow)
            .where(DossierRow.returned_at >= start, DossierRow.returned_at < end)
        )
        or 0
    )


OPEN_STATUSES = (
    Status.SUBMITTED_ONLINE,
    Status.RECEIVED,
    Status.PROCESSING,
    Status.PAYMENT_REQUESTED,
)


def count_overdue(session: Session, now: datetime) -> int:
    """Open dossiers past their legal due time (a supplement pause stops the clock)."""
    return int(
        session.scalar(
            select(func.count())
            .select_from(DossierRow)
            .where(DossierRow.status.in_([int(s) for s in OPEN_STATUSES]), DossierRow.due_at < now)
        )
        or 0
    )


def count_dossiers(session: Session) -> int:
    return int(session.scalar(select(func.count()).select_from(DossierRow)) or 0)


def count_outbox(session: Session) -> int:
    return int(session.scalar(select(func.count()).select_from(OutboxRow)) or 0)


# --- attachments ----------------------------------------------------------------------


def record_attachment(
    session: Session, *, sha256: str, size: int, media_type: str, original_name: str, now: datetime
) -> None:
    if session.get(AttachmentRow, sha256) is None:
        session.execute(
            insert(AttachmentRow).values(
                sha256=sha256,
                size=size,
                media_type=media_type,
                original_name=original_name,
                created_at=now,
            )
        )


def day_sequences(session: Session, agency_id: str, day: date) -> list[int]:
    return list(
        session.scalars(
            select(DossierRow.sequence)
            .where(DossierRow.agency_id == agency_id, DossierRow.received_day == day)
            .order_by(DossierRow.sequence)
        )
    )


def all_codes(session: Session) -> Iterable[str]:
    return session.scalars(select(DossierRow.code).order_by(DossierRow.code))


def dossiers_received_between(session: Session, first_day: date, last_day: date) -> list[Dossier]:
    """Every dossier received on those days, in the order received (the tracking book)."""
    rows = list(
        session.scalars(
            select(DossierRow)
            .where(DossierRow.received_day >= first_day, DossierRow.received_day <= last_day)
            .order_by(DossierRow.received_at, DossierRow.id)
        )
    )
    result: list[Dossier] = []
    for start in range(0, len(rows), 500):
        result.extend(_load_full(rows[start : start + 500], session))
    return result
