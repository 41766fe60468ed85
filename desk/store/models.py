"""The ORM classes of the office database (SQLAlchemy 2 typed declarative), each mapped
onto its Core table in ``desk.store.tables``, where every column is defined once.

Rows never leave this package: its modules turn them into domain objects (the mapping
of every table is ``desk.store.rows``). The start's statements do not import this module
(nor SQLAlchemy's ORM): it loads after the window's first figures.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy.orm import DeclarativeBase, Mapped

from desk.store import tables

# Named here too for the modules that read them beside the classes.
from desk.store.tables import FIGURE_GROUPS as FIGURE_GROUPS
from desk.store.tables import OFFICE_OFFSET as OFFICE_OFFSET
from desk.store.tables import PATH_EVENTS as PATH_EVENTS
from desk.store.tables import SEARCH_TABLES as SEARCH_TABLES
from desk.store.tables import SQLITE_INSTANT_FORMAT as SQLITE_INSTANT_FORMAT
from desk.store.tables import Instant as Instant
from desk.store.tables import instant_from_db as instant_from_db
from desk.store.tables import instant_to_db as instant_to_db


class Base(DeclarativeBase):
    metadata = tables.METADATA


class OfficeRow(Base):
    """The office's identity and shared settings; exactly one row (id = 1)."""

    __table__ = tables.OFFICE
    id: Mapped[int]
    agency_id: Mapped[str]
    agency_name: Mapped[str]
    unit_name: Mapped[str]
    commune: Mapped[str]
    province: Mapped[str]
    place_name: Mapped[str]
    address: Mapped[str]
    phone: Mapped[str]
    lookup_url: Mapped[str]
    office_hours: Mapped[str]
    created_at: Mapped[datetime]
    is_demo: Mapped[bool]


class UserRow(Base):
    __table__ = tables.USERS
    id: Mapped[int]
    username: Mapped[str]
    full_name: Mapped[str]
    title: Mapped[str]
    role: Mapped[str]
    password_hash: Mapped[str]
    active: Mapped[bool]
    created_at: Mapped[datetime]


class SignInFailureRow(Base):
    """Failed sign-ins in a row per user name (known or not): after a few, a growing wait.
    Kept apart from ``users`` so that an account's row changes only through the log."""

    __table__ = tables.SIGN_IN_FAILURES
    username: Mapped[str]
    failures: Mapped[int]
    last_failure_at: Mapped[datetime]
    blocked_until: Mapped[datetime | None]


class ProcedureRow(Base):
    __table__ = tables.PROCEDURES
    code: Mapped[str]
    name: Mapped[str]
    name_folded: Mapped[str]
    field_code: Mapped[str]
    field_name: Mapped[str]
    definition: Mapped[dict[str, Any]]
    active: Mapped[bool]
    updated_at: Mapped[datetime]


class _PersonDetails:
    """A person's details, the same columns in ``people`` and ``known_people``."""

    old_id_number: Mapped[str]
    full_name: Mapped[str]
    name_folded: Mapped[str]
    birth_date: Mapped[date | None]
    sex: Mapped[str]
    address: Mapped[str]
    phone: Mapped[str]
    email: Mapped[str]
    id_issue_date: Mapped[date | None]
    id_issuer: Mapped[str]
    updated_at: Mapped[datetime]


class PersonRow(_PersonDetails, Base):
    """A person as recorded on one dossier at intake. Never updated: a later dossier about
    the same person records its own row (triggers refuse UPDATE and DELETE)."""

    __table__ = tables.PEOPLE
    id: Mapped[int]
    id_number: Mapped[str]


class KnownPersonRow(_PersonDetails, Base):
    """The registry that lets the desk "never ask twice": the newest details recorded for
    an ID number. Updating it changes no dossier (dossiers keep their own ``people``)."""

    __table__ = tables.KNOWN_PEOPLE
    id_number: Mapped[str]


class DailyCounterRow(Base):
    """The last sequence number handed out per agency, day and block of the sequence."""

    __table__ = tables.DAILY_COUNTERS
    agency_id: Mapped[str]
    day: Mapped[date]
    block_first: Mapped[int]
    last_value: Mapped[int]


class YearlyCounterRow(Base):
    """The last number handed out per kind and year: the tracking book's entries, the
    People's Committee's letters (forms 04 and 05)."""

    __table__ = tables.YEARLY_COUNTERS
    kind: Mapped[str]
    year: Mapped[int]
    last_value: Mapped[int]


class DossierRow(Base):
    __table__ = tables.DOSSIERS
    id: Mapped[int]
    code: Mapped[str]
    agency_id: Mapped[str]
    received_day: Mapped[date]
    sequence: Mapped[int]
    procedure_code: Mapped[str]
    procedure_name: Mapped[str]
    field_code: Mapped[str]
    field_name: Mapped[str]
    lead_unit: Mapped[str]
    status: Mapped[int]
    revision: Mapped[int]
    channel: Mapped[int]
    applicant_kind: Mapped[int]
    applicant_person_id: Mapped[int | None]
    applicant_name: Mapped[str]
    applicant_name_folded: Mapped[str]
    applicant_id_number: Mapped[str]
    applicant_phone: Mapped[str]
    applicant_email: Mapped[str]
    applicant_address: Mapped[str]
    summary: Mapped[str]
    sets_count: Mapped[int]
    result_delivery: Mapped[str]
    processing_days: Mapped[str]
    needs_checks: Mapped[bool]
    received_at: Mapped[datetime]
    due_at: Mapped[datetime]
    rescheduled_due_at: Mapped[datetime | None]
    paused_at: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]
    returned_at: Mapped[datetime | None]
    clerk_id: Mapped[int | None]
    clerk_name: Mapped[str]
    form_data: Mapped[dict[str, Any]]
    note: Mapped[str]
    updated_at: Mapped[datetime]
    book_year: Mapped[int | None]
    book_number: Mapped[int | None]
    timeliness: Mapped[str | None]
    office_fault: Mapped[bool]
    satisfaction: Mapped[str | None]
    documents_scanned: Mapped[bool]
    result_scanned: Mapped[bool]
    fees_cash: Mapped[int]
    fees_transfer: Mapped[int]


class DossierPartyRow(Base):
    __table__ = tables.PARTIES
    id: Mapped[int]
    dossier_id: Mapped[int]
    position: Mapped[int]
    role: Mapped[str]
    person_id: Mapped[int]


class AttachmentRow(Base):
    """A scanned file, stored once in the data folder under its SHA-256."""

    __table__ = tables.ATTACHMENTS
    sha256: Mapped[str]
    size: Mapped[int]
    media_type: Mapped[str]
    original_name: Mapped[str]
    created_at: Mapped[datetime]


class DossierDocumentRow(Base):
    __table__ = tables.DOCUMENTS
    id: Mapped[int]
    dossier_id: Mapped[int]
    position: Mapped[int]
    code: Mapped[str]
    name: Mapped[str]
    originals: Mapped[int]
    certified_copies: Mapped[int]
    photocopies: Mapped[int]
    attachment_sha256: Mapped[str | None]


class DossierFeeRow(Base):
    __table__ = tables.FEES
    id: Mapped[int]
    dossier_id: Mapped[int]
    name: Mapped[str]
    amount: Mapped[int]
    method: Mapped[str]
    exemption: Mapped[str | None]


class StatusEventRow(Base):
    """The dossier's history. Append-only: triggers refuse UPDATE and DELETE."""

    __table__ = tables.EVENTS
    id: Mapped[int]
    dossier_id: Mapped[int]
    revision: Mapped[int]
    at: Mapped[datetime]
    from_status: Mapped[int | None]
    to_status: Mapped[int]
    actor_kind: Mapped[int]
    actor_user_id: Mapped[int | None]
    actor_name: Mapped[str]
    actor_title: Mapped[str]
    note: Mapped[str]
    detail: Mapped[dict[str, Any] | None]


class AuditEntryRow(Base):
    """The office's tamper-evident log (``desk.domain.audit``): append-only, hash-chained.
    Triggers refuse UPDATE and DELETE; on PostgreSQL the desk's role may only insert."""

    __table__ = tables.LOG
    seq: Mapped[int]
    at: Mapped[datetime]
    actor_user_id: Mapped[int | None]
    actor_name: Mapped[str]
    action: Mapped[str]
    subject: Mapped[str]
    detail: Mapped[dict[str, Any]]
    prev_hash: Mapped[str]
    hash: Mapped[str]


class LetterRow(Base):
    """A numbered letter of the commune People's Committee about a dossier ("Số: 12/…")."""

    __table__ = tables.LETTERS
    id: Mapped[int]
    dossier_id: Mapped[int]
    kind: Mapped[str]
    year: Mapped[int]
    number: Mapped[int]
    issued_at: Mapped[datetime]
    issued_by_user_id: Mapped[int | None]
    issued_by_name: Mapped[str]
    detail: Mapped[dict[str, Any] | None]


class OutboxRow(Base):
    """A dossier whose latest revision has not reached the province yet."""

    __table__ = tables.OUTBOX
    dossier_id: Mapped[int]
    revision: Mapped[int]
    queued_at: Mapped[datetime]


class CalendarOverrideRow(Base):
    __table__ = tables.CALENDAR_OVERRIDES
    day: Mapped[date]
    kind: Mapped[str]
    name: Mapped[str]
    created_by: Mapped[str]
    created_at: Mapped[datetime]


class SyncBatchRow(Base):
    """A batch written before it is sent: a resend after a crash or a lost reply uses the
    same ``Idempotency-Key`` (the id) and the exact same body. Deleted once answered."""

    __table__ = tables.SYNC_BATCHES
    seq: Mapped[int]
    batch_id: Mapped[str]
    body: Mapped[str]
    item_count: Mapped[int]
    created_at: Mapped[datetime]
    attempts: Mapped[int]
    last_error: Mapped[str]
    last_attempt_at: Mapped[datetime | None]


class SyncBatchItemRow(Base):
    """Which revision of which dossier a pending batch carries, in the body's order."""

    __table__ = tables.SYNC_BATCH_ITEMS
    batch_seq: Mapped[int]
    position: Mapped[int]
    dossier_id: Mapped[int]
    code: Mapped[str]
    revision: Mapped[int]


class SyncResultRow(Base):
    """The province's answer (ketqua) for one revision of one dossier; the newest answer
    wins when a revision is answered twice (a resend answered ``duplicate``)."""

    __table__ = tables.SYNC_RESULTS
    dossier_id: Mapped[int]
    revision: Mapped[int]
    result: Mapped[str]
    message: Mapped[str]
    batch_id: Mapped[str]
    answered_at: Mapped[datetime]


class SyncAttentionRow(Base):
    """Something a supervisor must look at: a conflict, a rejection, a province change that
    could not be applied. Stays until resolved; resolving never deletes it."""

    __table__ = tables.SYNC_ATTENTION
    id: Mapped[int]
    kind: Mapped[str]
    dossier_id: Mapped[int | None]
    code: Mapped[str]
    revision: Mapped[int | None]
    reason: Mapped[str]
    detail: Mapped[dict[str, Any]]
    created_at: Mapped[datetime]
    resolved_at: Mapped[datetime | None]
    resolved_by: Mapped[str]
    resolution: Mapped[str]


class SyncStateRow(Base):
    """Small durable values of the sync: the change-feed cursor, the server's batch limit."""

    __table__ = tables.SYNC_STATE
    key: Mapped[str]
    value: Mapped[str]
    updated_at: Mapped[datetime]


class SyncFileRow(Base):
    """A scanned file the province is known to hold (HEAD 200 or PUT 200/201)."""

    __table__ = tables.SYNC_FILES
    sha256: Mapped[str]
    confirmed_at: Mapped[datetime]


class SyncRunRow(Base):
    """One sync run and its report."""

    __table__ = tables.SYNC_RUNS
    id: Mapped[int]
    started_at: Mapped[datetime]
    finished_at: Mapped[datetime | None]
    outcome: Mapped[str]
    report: Mapped[dict[str, Any]]


class SyncLockRow(Base):
    """Who is running the office's sync (migration 0007): one row, id 1, written by the
    migration; an empty token means nobody. Taken and released by updating that row, so
    two desks never both hold it; a holder refreshes ``heartbeat_at`` while it runs."""

    __table__ = tables.SYNC_LOCK
    id: Mapped[int]
    token: Mapped[str]
    login: Mapped[str]
    full_name: Mapped[str]
    host: Mapped[str]
    pid: Mapped[int]
    since: Mapped[datetime | None]
    heartbeat_at: Mapped[datetime | None]


class BackupKeyRow(Base):
    """The office's backup key pair: the public key backups are encrypted to, and the
    private key wrapped with the admin's passphrase. Never changed; the newest is current."""

    __table__ = tables.BACKUP_KEYS
    id: Mapped[int]
    created_at: Mapped[datetime]
    created_by: Mapped[str]
    public_key: Mapped[str]
    wrapped_key: Mapped[str]


class BackupRow(Base):
    """One backup this office took, where it went and whether it was read back and checked."""

    __table__ = tables.BACKUPS
    id: Mapped[int]
    file_name: Mapped[str]
    place: Mapped[str]
    reason: Mapped[str]
    taken_at: Mapped[datetime]
    taken_by: Mapped[str]
    size: Mapped[int]
    dossier_count: Mapped[int]
    sha256: Mapped[str]
    verified_at: Mapped[datetime | None]
