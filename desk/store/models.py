"""Tables of the office database (SQLAlchemy 2 typed declarative models).

Rows never leave this package: its modules turn them into domain objects (the mapping
of every table is ``desk.store.rows``). It is one piece on purpose: every table of the
office database in one file, read side by side with the migrations that make them.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from desk.domain.calendar import OFFICE_TZ

SQLITE_INSTANT_FORMAT = "%Y-%m-%d %H:%M:%S.%f"


class Instant(TypeDecorator[datetime]):
    """A point in time: stored as UTC, returned in office time (Asia/Ho_Chi_Minh).

    SQLite has no time zones, so naive UTC is stored there; PostgreSQL gets timestamptz.
    Naive values are refused: an instant without a zone is a bug waiting to happen.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def load_dialect_impl(self, dialect: Any) -> Any:
        # SQLite: one fixed text format written by us, so every statement path (RETURNING,
        # executemany, upserts) stores the same string and comparisons in SQL stay right.
        if dialect.name == "sqlite":
            return dialect.type_descriptor(String(26))
        return dialect.type_descriptor(DateTime(timezone=True))

    def process_bind_param(self, value: datetime | None, dialect: Any) -> Any:
        return instant_to_db(value, dialect.name)

    def process_result_value(self, value: Any, dialect: Any) -> datetime | None:
        return instant_from_db(value)


# Instants read back are in office time with its fixed offset: Vietnam has kept UTC+07:00
# without daylight saving since 1975, before any record of an office, and a fixed offset
# converts several times faster than the zone's rules (a page of the list converts
# hundreds). It equals OFFICE_TZ for every instant an office holds.
OFFICE_OFFSET = timezone(OFFICE_TZ.utcoffset(datetime(2000, 1, 1)) or timedelta(hours=7))
_TO_OFFICE = OFFICE_OFFSET.utcoffset(None)
_from_iso = datetime.fromisoformat


def instant_to_db(value: datetime | None, engine: str) -> Any:
    """An instant as the driver of ``engine`` ("sqlite", "postgresql") takes it."""
    if value is None:
        return None
    if value.tzinfo is None:
        raise ValueError("naive datetime given to an Instant column")
    utc = value.astimezone(UTC)
    if engine == "sqlite":
        return utc.strftime(SQLITE_INSTANT_FORMAT)
    return utc


def instant_from_db(value: Any) -> datetime | None:
    """An instant as the driver returns it (UTC text on SQLite, an aware datetime on
    PostgreSQL) in office time."""
    if value is None:
        return None
    if isinstance(value, str):
        # Our own format, always UTC: read as UTC and moved to the fixed office offset in
        # C, about 1.7× faster than shifting by hand (docs/performance.md, issue 16). Text
        # that does not read so (it names an offset of its own) is shifted as it always was.
        try:
            return _from_iso(value + "+00:00").astimezone(OFFICE_OFFSET)
        except ValueError:
            return (_from_iso(value) + _TO_OFFICE).replace(tzinfo=OFFICE_OFFSET)
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(OFFICE_OFFSET)


# Stable constraint names so migrations can refer to them on both SQLite and PostgreSQL.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class OfficeRow(Base):
    """The office's identity and shared settings; exactly one row (id = 1)."""

    __tablename__ = "office"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    agency_id: Mapped[str] = mapped_column(String(32))
    agency_name: Mapped[str] = mapped_column(String(200))  # UBND XÃ …
    unit_name: Mapped[str] = mapped_column(String(200))  # BỘ PHẬN MỘT CỬA / Trung tâm …
    commune: Mapped[str] = mapped_column(String(200))
    province: Mapped[str] = mapped_column(String(200))
    place_name: Mapped[str] = mapped_column(String(200))  # "<Place>, ngày … tháng … năm …"
    address: Mapped[str] = mapped_column(String(400), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    lookup_url: Mapped[str] = mapped_column(String(400), default="")
    office_hours: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(Instant)
    # Made by ``desk demo``: only such an office may be filled with made-up dossiers.
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)


class UserRow(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    full_name: Mapped[str] = mapped_column(String(200))
    title: Mapped[str] = mapped_column(String(200), default="")
    role: Mapped[str] = mapped_column(String(20))
    password_hash: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(Instant)


class SignInFailureRow(Base):
    """Failed sign-ins in a row per user name (known or not): after a few, a growing wait.
    Kept apart from ``users`` so that an account's row changes only through the log."""

    __tablename__ = "sign_in_failures"
    username: Mapped[str] = mapped_column(String(64), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer)
    last_failure_at: Mapped[datetime] = mapped_column(Instant)
    blocked_until: Mapped[datetime | None] = mapped_column(Instant)


class ProcedureRow(Base):
    __tablename__ = "procedures"
    code: Mapped[str] = mapped_column(String(20), primary_key=True)
    name: Mapped[str] = mapped_column(String(400))
    name_folded: Mapped[str] = mapped_column(String(400))
    field_code: Mapped[str] = mapped_column(String(20))
    field_name: Mapped[str] = mapped_column(String(200))
    definition: Mapped[dict[str, Any]] = mapped_column(JSON)  # the catalogue entry as data
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    updated_at: Mapped[datetime] = mapped_column(Instant)


class PersonRow(Base):
    """A person as recorded on one dossier at intake. Never updated: a later dossier about
    the same person records its own row (triggers refuse UPDATE and DELETE)."""

    __tablename__ = "people"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    id_number: Mapped[str] = mapped_column(String(12), default="", index=True)
    old_id_number: Mapped[str] = mapped_column(String(12), default="")
    full_name: Mapped[str] = mapped_column(String(200))
    name_folded: Mapped[str] = mapped_column(String(200))
    birth_date: Mapped[date | None] = mapped_column(Date)
    sex: Mapped[str] = mapped_column(String(3), default="")
    address: Mapped[str] = mapped_column(Text, default="")
    phone: Mapped[str] = mapped_column(String(20), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    id_issue_date: Mapped[date | None] = mapped_column(Date)
    id_issuer: Mapped[str] = mapped_column(String(200), default="")
    updated_at: Mapped[datetime] = mapped_column(Instant)


class KnownPersonRow(Base):
    """The registry that lets the desk "never ask twice": the newest details recorded for
    an ID number. Updating it changes no dossier (dossiers keep their own ``people``)."""

    __tablename__ = "known_people"
    id_number: Mapped[str] = mapped_column(String(12), primary_key=True)
    old_id_number: Mapped[str] = mapped_column(String(12), default="")
    full_name: Mapped[str] = mapped_column(String(200))
    name_folded: Mapped[str] = mapped_column(String(200))
    birth_date: Mapped[date | None] = mapped_column(Date)
    sex: Mapped[str] = mapped_column(String(3), default="")
    address: Mapped[str] = mapped_column(Text, default="")
    phone: Mapped[str] = mapped_column(String(20), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    id_issue_date: Mapped[date | None] = mapped_column(Date)
    id_issuer: Mapped[str] = mapped_column(String(200), default="")
    updated_at: Mapped[datetime] = mapped_column(Instant)


class DailyCounterRow(Base):
    """The last sequence number handed out per agency, day and block of the sequence."""

    __tablename__ = "daily_counters"
    agency_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    block_first: Mapped[int] = mapped_column(Integer, primary_key=True)
    last_value: Mapped[int] = mapped_column(Integer)


class YearlyCounterRow(Base):
    """The last number handed out per kind and year: the tracking book's entries, the
    People's Committee's letters (forms 04 and 05)."""

    __tablename__ = "yearly_counters"
    kind: Mapped[str] = mapped_column(String(20), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    last_value: Mapped[int] = mapped_column(Integer)


# The columns a period's figures are grouped by (desk.domain.figures.Grouping).
FIGURE_GROUPS = ("field_code", "procedure_code", "clerk_id")


class DossierRow(Base):
    __tablename__ = "dossiers"
    __table_args__ = (
        UniqueConstraint("agency_id", "received_day", "sequence", name="uq_dossiers_day_sequence"),
        Index("ix_dossiers_status_due", "status", "due_at"),
        # The tracking book: one volume per year, entries numbered from 1 in each.
        Index("uq_dossiers_book_entry", "book_year", "book_number", unique=True),
        # 0009: the period's figures read these covering indexes, not the rows.
        Index(
            "ix_dossiers_figures_received",
            *("received_at", "status", "channel", "documents_scanned"),
            *("fees_cash", "fees_transfer", *FIGURE_GROUPS),
        ),
        Index(
            "ix_dossiers_figures_finished",
            *("finished_at", "status", "timeliness", "office_fault", "received_at", "due_at"),
            *FIGURE_GROUPS,
        ),
        Index(
            "ix_dossiers_figures_returned",
            *("returned_at", "satisfaction", "result_scanned", *FIGURE_GROUPS),
        ),
    )
    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    agency_id: Mapped[str] = mapped_column(String(32))
    received_day: Mapped[date] = mapped_column(Date)
    sequence: Mapped[int] = mapped_column(Integer)
    procedure_code: Mapped[str] = mapped_column(ForeignKey("procedures.code"), index=True)
    procedure_name: Mapped[str] = mapped_column(String(400))
    field_code: Mapped[str] = mapped_column(String(20))
    field_name: Mapped[str] = mapped_column(String(200))
    lead_unit: Mapped[str] = mapped_column(String(200))
    status: Mapped[int] = mapped_column(Integer)
    revision: Mapped[int] = mapped_column(Integer)
    channel: Mapped[int] = mapped_column(Integer)
    applicant_kind: Mapped[int] = mapped_column(Integer)
    # What was recorded at intake, as printed on the slip (the person may change later).
    applicant_person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    applicant_name: Mapped[str] = mapped_column(String(200))
    applicant_name_folded: Mapped[str] = mapped_column(String(200))
    applicant_id_number: Mapped[str] = mapped_column(String(12), index=True)
    applicant_phone: Mapped[str] = mapped_column(String(20))
    applicant_email: Mapped[str] = mapped_column(String(200))
    applicant_address: Mapped[str] = mapped_column(Text)
    summary: Mapped[str] = mapped_column(Text)
    sets_count: Mapped[int] = mapped_column(Integer)
    result_delivery: Mapped[str] = mapped_column(String(10))
    processing_days: Mapped[str] = mapped_column(String(10))
    needs_checks: Mapped[bool] = mapped_column(Boolean)
    received_at: Mapped[datetime] = mapped_column(Instant, index=True)
    due_at: Mapped[datetime] = mapped_column(Instant)
    rescheduled_due_at: Mapped[datetime | None] = mapped_column(Instant)
    paused_at: Mapped[datetime | None] = mapped_column(Instant)
    finished_at: Mapped[datetime | None] = mapped_column(Instant)
    returned_at: Mapped[datetime | None] = mapped_column(Instant, index=True)
    clerk_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    clerk_name: Mapped[str] = mapped_column(String(200))
    form_data: Mapped[dict[str, Any]] = mapped_column(JSON)
    note: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(Instant)
    book_year: Mapped[int | None] = mapped_column(Integer)
    book_number: Mapped[int | None] = mapped_column(Integer)
    # What the supervisor's figures count (0009), derived from the dossier by
    # ``desk.domain.figures`` on every change; left out of the audit digests, which cover
    # what they are derived from.
    timeliness: Mapped[str | None] = mapped_column(String(8))
    office_fault: Mapped[bool] = mapped_column(Boolean, default=False)
    satisfaction: Mapped[str | None] = mapped_column(String(12))
    documents_scanned: Mapped[bool] = mapped_column(Boolean, default=False)
    result_scanned: Mapped[bool] = mapped_column(Boolean, default=False)
    fees_cash: Mapped[int] = mapped_column(BigInteger, default=0)
    fees_transfer: Mapped[int] = mapped_column(BigInteger, default=0)


class DossierPartyRow(Base):
    __tablename__ = "dossier_people"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    role: Mapped[str] = mapped_column(String(30))
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)


class AttachmentRow(Base):
    """A scanned file, stored once in the data folder under its SHA-256."""

    __tablename__ = "attachments"
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(BigInteger)
    media_type: Mapped[str] = mapped_column(String(100))
    original_name: Mapped[str] = mapped_column(String(400))
    created_at: Mapped[datetime] = mapped_column(Instant)


class DossierDocumentRow(Base):
    __tablename__ = "dossier_documents"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    code: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(400))
    originals: Mapped[int] = mapped_column(Integer)
    certified_copies: Mapped[int] = mapped_column(Integer)
    photocopies: Mapped[int] = mapped_column(Integer)
    attachment_sha256: Mapped[str | None] = mapped_column(ForeignKey("attachments.sha256"))


class DossierFeeRow(Base):
    __tablename__ = "dossier_fees"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id"), index=True)
    name: Mapped[str] = mapped_column(String(400))
    amount: Mapped[int] = mapped_column(BigInteger)
    method: Mapped[str] = mapped_column(String(100))
    exemption: Mapped[str | None] = mapped_column(String(200))  # why a fee was waived


# The rows ``desk.domain.figures.path_step`` may count: a supplement request, or a change
# that keeps the status (a new due time among them).
PATH_EVENTS = "to_status = 5 OR from_status = to_status"

# The FTS5 tables of a SQLite office: applicants (rowid = dossier id) and every person
# a dossier names (rowid = person id). PostgreSQL has word indexes instead (0010,
# desk.store.search_postgres). Named here, not in ``search``: the start's checks need
# the names, not the search code (nor the domain's dossier it loads).
SEARCH_TABLES = ("dossier_search", "person_search")


class StatusEventRow(Base):
    """The dossier's history. Append-only: triggers refuse UPDATE and DELETE."""

    __tablename__ = "status_events"
    __table_args__ = (
        # 0009: the steps of a dossier's path the period's figures count (supplement
        # requests, new due times and the office faults they carry) without a scan.
        # Partial on both engines: the schema is the migrations' (0009 says it for
        # PostgreSQL too); ``postgresql_where`` here would load SQLAlchemy's PostgreSQL
        # dialects (asyncpg, asyncio) into every SQLite office's start.
        Index("ix_status_events_path", "at", sqlite_where=text(PATH_EVENTS)),
    )
    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id"), index=True)
    revision: Mapped[int] = mapped_column(Integer)
    at: Mapped[datetime] = mapped_column(Instant)
    from_status: Mapped[int | None] = mapped_column(Integer)
    to_status: Mapped[int] = mapped_column(Integer)
    actor_kind: Mapped[int] = mapped_column(Integer)
    actor_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    actor_name: Mapped[str] = mapped_column(String(200))
    actor_title: Mapped[str] = mapped_column(String(200))
    note: Mapped[str] = mapped_column(Text)
    # What forms print later (a reschedule's reason and new due time), as data.
    detail: Mapped[dict[str, Any] | None] = mapped_column(JSON(none_as_null=True))


class AuditEntryRow(Base):
    """The office's tamper-evident log (``desk.domain.audit``): append-only, hash-chained.
    Triggers refuse UPDATE and DELETE; on PostgreSQL the desk's role may only insert."""

    __tablename__ = "audit_log"
    seq: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=False
    )
    at: Mapped[datetime] = mapped_column(Instant)
    actor_user_id: Mapped[int | None] = mapped_column(Integer)
    actor_name: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(40))
    subject: Mapped[str] = mapped_column(String(200), index=True)
    detail: Mapped[dict[str, Any]] = mapped_column(JSON)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class LetterRow(Base):
    """A numbered letter of the commune People's Committee about a dossier ("Số: 12/…")."""

    __tablename__ = "letters"
    __table_args__ = (
        UniqueConstraint("kind", "year", "number", name="uq_letters_kind_year_number"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    dossier_id: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer, "sqlite"), ForeignKey("dossiers.id"), index=True
    )
    kind: Mapped[str] = mapped_column(String(20))
    year: Mapped[int] = mapped_column(Integer)
    number: Mapped[int] = mapped_column(Integer)
    issued_at: Mapped[datetime] = mapped_column(Instant)
    issued_by_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    issued_by_name: Mapped[str] = mapped_column(String(200))
    detail: Mapped[dict[str, Any] | None] = mapped_column(JSON(none_as_null=True))


class OutboxRow(Base):
    """A dossier whose latest revision has not reached the province yet."""

    __tablename__ = "outbox"
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id"), primary_key=True)
    revision: Mapped[int] = mapped_column(Integer)
    queued_at: Mapped[datetime] = mapped_column(Instant)


class CalendarOverrideRow(Base):
    __tablename__ = "calendar_overrides"
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    kind: Mapped[str] = mapped_column(String(10))
    name: Mapped[str] = mapped_column(String(200))
    created_by: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(Instant)


# --- provincial sync (migration 0002) ---------------------------------------------------


class SyncBatchRow(Base):
    """A batch written before it is sent: a resend after a crash or a lost reply uses the
    same ``Idempotency-Key`` (the id) and the exact same body. Deleted once answered."""

    __tablename__ = "sync_batches"
    seq: Mapped[int] = mapped_column(Integer, primary_key=True)  # the order batches go in
    batch_id: Mapped[str] = mapped_column(String(36), unique=True)
    body: Mapped[str] = mapped_column(Text)
    item_count: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(Instant)
    attempts: Mapped[int] = mapped_column(Integer, default=0)  # sends that failed, all runs
    last_error: Mapped[str] = mapped_column(Text, default="", server_default="")  # 0007
    last_attempt_at: Mapped[datetime | None] = mapped_column(Instant)  # 0007


class SyncBatchItemRow(Base):
    """Which revision of which dossier a pending batch carries, in the body's order."""

    __tablename__ = "sync_batch_items"
    batch_seq: Mapped[int] = mapped_column(ForeignKey("sync_batches.seq"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id"), index=True)
    code: Mapped[str] = mapped_column(String(40))
    revision: Mapped[int] = mapped_column(Integer)


class SyncResultRow(Base):
    """The province's answer (ketqua) for one revision of one dossier; the newest answer
    wins when a revision is answered twice (a resend answered ``duplicate``)."""

    __tablename__ = "sync_results"
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id"), primary_key=True)
    revision: Mapped[int] = mapped_column(Integer, primary_key=True)
    result: Mapped[str] = mapped_column(String(20))
    message: Mapped[str] = mapped_column(Text)
    batch_id: Mapped[str] = mapped_column(String(36))
    answered_at: Mapped[datetime] = mapped_column(Instant)


class SyncAttentionRow(Base):
    """Something a supervisor must look at: a conflict, a rejection, a province change that
    could not be applied. Stays until resolved; resolving never deletes it."""

    __tablename__ = "sync_attention"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), index=True)
    dossier_id: Mapped[int | None] = mapped_column(ForeignKey("dossiers.id"), index=True)
    code: Mapped[str] = mapped_column(String(40))
    revision: Mapped[int | None] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(Text)
    detail: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(Instant)
    resolved_at: Mapped[datetime | None] = mapped_column(Instant, index=True)
    resolved_by: Mapped[str] = mapped_column(String(200), default="")
    resolution: Mapped[str] = mapped_column(Text, default="")


class SyncStateRow(Base):
    """Small durable values of the sync: the change-feed cursor, the server's batch limit."""

    __tablename__ = "sync_state"
    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(Instant)


class SyncFileRow(Base):
    """A scanned file the province is known to hold (HEAD 200 or PUT 200/201)."""

    __tablename__ = "sync_files"
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    confirmed_at: Mapped[datetime] = mapped_column(Instant)


class SyncRunRow(Base):
    """One sync run and its report."""

    __tablename__ = "sync_runs"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    started_at: Mapped[datetime] = mapped_column(Instant, index=True)
    finished_at: Mapped[datetime | None] = mapped_column(Instant)
    outcome: Mapped[str] = mapped_column(String(20))
    report: Mapped[dict[str, Any]] = mapped_column(JSON)


class SyncLockRow(Base):
    """Who is running the office's sync (migration 0007): one row, id 1, written by the
    migration; an empty token means nobody. Taken and released by updating that row, so
    two desks never both hold it; a holder refreshes ``heartbeat_at`` while it runs."""

    __tablename__ = "sync_lock"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token: Mapped[str] = mapped_column(String(36))
    login: Mapped[str] = mapped_column(String(100))
    full_name: Mapped[str] = mapped_column(String(200))
    host: Mapped[str] = mapped_column(String(200))
    pid: Mapped[int] = mapped_column(Integer)
    since: Mapped[datetime | None] = mapped_column(Instant)
    heartbeat_at: Mapped[datetime | None] = mapped_column(Instant)


class BackupKeyRow(Base):
    """The office's backup key pair: the public key backups are encrypted to, and the
    private key wrapped with the admin's passphrase. Never changed; the newest is current."""

    __tablename__ = "backup_keys"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    created_at: Mapped[datetime] = mapped_column(Instant)
    created_by: Mapped[str] = mapped_column(String(200))
    public_key: Mapped[str] = mapped_column(String(64))  # base64 of the raw X25519 key
    wrapped_key: Mapped[str] = mapped_column(Text)  # JSON: the KDF's parameters, the sealed key


class BackupRow(Base):
    """One backup this office took, where it went and whether it was read back and checked."""

    __tablename__ = "backups"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    file_name: Mapped[str] = mapped_column(String(200))
    place: Mapped[str] = mapped_column(String(400))  # the folder it was written to
    reason: Mapped[str] = mapped_column(String(40))  # daily, closing, manual, before-…
    taken_at: Mapped[datetime] = mapped_column(Instant, index=True)
    taken_by: Mapped[str] = mapped_column(String(200))
    size: Mapped[int] = mapped_column(BigInteger)
    dossier_count: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    verified_at: Mapped[datetime | None] = mapped_column(Instant)
