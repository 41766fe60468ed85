"""Dossiers: writing one at intake, recording its changes, queueing it for the province;
loading whole dossiers is ``desk.store.dossier_loading``, its functions given here too.

Each function takes the ``Session`` of the caller's unit of work (intake: the connection
of ``writing``), so a service decides what commits together (DOMAIN: the dossier, its
code, its first event and its outbox entry commit together or not at all). The rows come
from ``desk.store.rows``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    Connection,
    bindparam,
    insert,
    select,
    update,
)

from desk.domain.audit import AuditAction
from desk.domain.catalogue import Procedure
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
from desk.domain.office import User
from desk.domain.status import Status, StatusEvent
from desk.store import driver, rows
from desk.store.audit_records import log_dossier_change
from desk.store.bulk_log import LoadedRows
from desk.store.counters import BOOK, next_yearly_number
from desk.store.dossier_loading import all_codes as all_codes
from desk.store.dossier_loading import day_sequences as day_sequences
from desk.store.dossier_loading import dossiers_received_between as dossiers_received_between
from desk.store.dossier_loading import get_dossier as get_dossier
from desk.store.dossier_loading import iter_dossiers as iter_dossiers
from desk.store.dossier_loading import latest_received_by_day as latest_received_by_day
from desk.store.dossier_loading import load_dossiers as load_dossiers
from desk.store.dossier_loading import lock_dossier as lock_dossier
from desk.store.people import save_person
from desk.store.tables import ATTACHMENTS as _ATTACHMENTS
from desk.store.tables import DOSSIERS as _DOSSIERS

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

# Writing a dossier runs a dozen statements; they are sent as the driver's SQL text with
# the values in the driver's form (``people.driver_form``), which skips SQLAlchemy's
# statement handling on each, and the rows written are kept for the log entry's digests.
_UPDATE_STATE = update(_DOSSIERS).where(_DOSSIERS.c.id == bindparam("dossier_id"))
_WRITTEN_DOSSIER = ("id", *rows.DOSSIER_COLUMNS)
_WRITTEN_PERSON = ("id", *rows.PERSON_COLUMNS)


# --- writing --------------------------------------------------------------------------


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

    def as_dossier(self, dossier_id: int, event: StatusEvent) -> Dossier:
        """The dossier as intake writes it (revision 1, its first event)."""
        return Dossier(
            id=dossier_id,
            code=self.code,
            procedure_code=self.procedure.code,
            procedure_name=self.procedure.name,
            field_code=self.procedure.field_code,
            field_name=self.procedure.field_name,
            status=self.status,
            revision=1,
            applicant=self.applicant,
            applicant_kind=self.applicant_kind,
            channel=self.channel,
            summary=self.summary,
            lead_unit=self.procedure.lead_unit,
            sets_count=self.sets_count,
            result_delivery=self.result_delivery,
            received_at=self.received_at,
            due_at=self.due_at,
            clerk_name=self.clerk.full_name,
            finished_at=self.finished_at,
            processing_days=self.processing_days,
            needs_checks=self.needs_checks,
            note=self.note,
            form_data=dict(self.form_data),
            documents=list(self.documents),
            fees=list(self.fees),
            parties=list(self.parties),
            events=[event],
        )


def insert_dossier(
    bind: Session | Connection | driver.Statements, new: NewDossier, event: StatusEvent
) -> int:
    """Write a new dossier with its people, documents, fees, first event and outbox entry;
    returns its id."""
    dossier = new.as_dossier(0, event)
    at = new.received_at
    statements = driver.statements_of(bind)
    form, mark = statements.form, statements.marker
    written = LoadedRows(postgres=statements.postgres)
    # The tracking book's volume is the year the dossier was received (its code's day).
    dossier.book_year = new.code.day.year
    dossier.book_number = next_yearly_number(statements, BOOK, dossier.book_year)
    applicant_id = _save_person(statements, written, new.applicant, at, form)
    row = rows.dossier_row(dossier, applicant_id, new.clerk.id, at, form)
    sql = driver.insert_sql("dossiers", rows.DOSSIER_COLUMNS, mark, "id")
    dossier.id = int(statements.value(sql, row))
    written.keep("dossiers", _WRITTEN_DOSSIER, [(dossier.id, *row)])
    people = [
        (party.role, _save_person(statements, written, party.person, at, form))
        for party in new.parties
    ]
    for table, columns, table_rows in (
        ("dossier_people", rows.PARTY_COLUMNS, rows.party_rows(dossier.id, applicant_id, people)),
        ("dossier_documents", rows.DOCUMENT_COLUMNS, rows.document_rows(dossier.id, new.documents)),
        ("dossier_fees", rows.FEE_COLUMNS, rows.fee_rows(dossier.id, new.fees)),
        ("status_events", rows.EVENT_COLUMNS, [rows.event_row(dossier.id, event, form)]),
    ):
        _insert(statements, table, columns, table_rows)
        written.keep(table, columns, table_rows)
    _queue(statements, dossier.id, dossier.revision, at)
    _log(statements, dossier.id, AuditAction.DOSSIER_RECEIVED, [event], at, written)
    return dossier.id


def _save_person(
    statements: driver.Statements,
    written: LoadedRows,
    person: Person,
    at: datetime,
    form: rows.ValueForm,
) -> int:
    """``save_person`` on the dossier's ``statements``, keeping the row it wrote (the same
    values) for the digests."""
    person_id = save_person(statements, person, at)
    written.keep("people", _WRITTEN_PERSON, [(person_id, *rows.person_row(person, at, form))])
    return person_id


def _insert(
    statements: driver.Statements,
    table: str,
    columns: tuple[str, ...],
    table_rows: list[rows.Row],
) -> None:
    """Rows in the driver's form, in ``columns`` order."""
    if table_rows:
        statements.many(driver.insert_sql(table, columns, statements.marker), table_rows)


def append_events(session: Session, dossier_id: int, events: Sequence[StatusEvent]) -> None:
    statements = driver.Statements(session)
    form = statements.form
    _insert(
        statements,
        "status_events",
        rows.EVENT_COLUMNS,
        [rows.event_row(dossier_id, e, form) for e in events],
    )


def save_change(
    session: Session, dossier: Dossier, events: Sequence[StatusEvent], now: datetime
) -> None:
    """The only way a change of a dossier is recorded: its new state, the events that made
    it (each with the revision it raised the dossier to) and the newest revision queued
    for the province, in the caller's transaction."""
    state = rows.values(rows.DOSSIER_STATE_COLUMNS, rows.dossier_state_row(dossier, now))
    session.execute(_UPDATE_STATE, {"dossier_id": dossier.id, **state})
    append_events(session, dossier.id, events)
    queue_for_sync(session, dossier.id, dossier.revision, now)
    _log(session, dossier.id, AuditAction.DOSSIER_CHANGED, events, now)


def _log(
    bind: Session | driver.Statements,
    dossier_id: int,
    action: AuditAction,
    events: Sequence[StatusEvent],
    now: datetime,
    written: LoadedRows | None = None,
) -> None:
    """The log entry of what was just written, in the same transaction: it carries the
    digests of the rows as written, which ``desk audit verify`` compares later. When the
    rows ``written`` hold the whole dossier (intake), its digests come from them instead
    of reading the five tables back."""
    last = events[-1] if events else None
    digests = written.digests([dossier_id]) if written is not None else None
    log_dossier_change(
        bind if isinstance(bind, driver.Statements) else bind.connection(),
        dossier_id,
        action,
        at=last.at if last else now,
        actor_user_id=last.actor_user_id if last else None,
        actor_name=last.actor_name if last else "",
        statuses=[[e.from_status, e.to_status] for e in events],
        digests=digests[0] if digests else None,
    )


@lru_cache(maxsize=8)
def _queue_sql(marker: str) -> str:
    return (
        "INSERT INTO outbox (dossier_id, revision, queued_at) "
        f"VALUES ({marker}, {marker}, {marker}) "
        "ON CONFLICT (dossier_id) "
        "DO UPDATE SET revision = excluded.revision, queued_at = excluded.queued_at"
    )


def queue_for_sync(session: Session, dossier_id: int, revision: int, now: datetime) -> None:
    """Put the dossier's newest revision in the outbox (one entry per dossier)."""
    _queue(driver.Statements(session), dossier_id, revision, now)


def _queue(statements: driver.Statements, dossier_id: int, revision: int, now: datetime) -> None:
    statements.run(
        _queue_sql(statements.marker), (dossier_id, revision, statements.form.instant(now))
    )


def record_attachment(
    session: Session, *, sha256: str, size: int, media_type: str, original_name: str, now: datetime
) -> None:
    """Note a scanned file kept in the data folder (once per content)."""
    known = select(_ATTACHMENTS.c.sha256).where(_ATTACHMENTS.c.sha256 == sha256)
    if session.execute(known).first() is None:
        session.execute(
            insert(_ATTACHMENTS).values(
                sha256=sha256,
                size=size,
                media_type=media_type,
                original_name=original_name,
                created_at=now,
            )
        )
