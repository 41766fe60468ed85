"""The office's tables, each defined once as a SQLAlchemy Core ``Table``: the start's
statements (the office, the sign-in, its log entry, the day's figures) run on these with a
plain connection, without loading SQLAlchemy's ORM; ``desk.store.models`` maps its classes
onto the same tables. It is one piece on purpose: every table of the office database in
one file, read side by side with the migrations that make them.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    TypeDecorator,
    UniqueConstraint,
    text,
)

from desk.store.instants import OFFICE_OFFSET as OFFICE_OFFSET
from desk.store.instants import SQLITE_INSTANT_FORMAT as SQLITE_INSTANT_FORMAT
from desk.store.instants import instant_from_db, instant_to_db
from desk.store.sqlite_setup import SEARCH_TABLES as SEARCH_TABLES


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


# Stable constraint names so migrations can refer to them on both SQLite and PostgreSQL.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

METADATA = MetaData(naming_convention=NAMING)

# The columns a period's figures are grouped by (desk.domain.figures.Grouping).
FIGURE_GROUPS = ("field_code", "procedure_code", "clerk_id")

# The rows ``desk.domain.figures.path_step`` may count: a supplement request, or a change
# that keeps the status (a new due time among them).
PATH_EVENTS = "to_status = 5 OR from_status = to_status"

# The dossiers ix_dossiers_figures_returned holds (0012): its queries ask for a range of
# returned times, which no open dossier is in, so a receive does not write it.
RETURNED = "returned_at IS NOT NULL"

# The FTS5 tables of a SQLite office: applicants (rowid = dossier id) and every person
# a dossier names (rowid = person id). PostgreSQL has word indexes instead (0010,
# desk.store.search_postgres). Named here, not in ``search``: the start's checks need
# the names, not the search code (nor the domain's dossier it loads).


OFFICE = Table(
    "office",
    METADATA,
    Column("id", Integer, primary_key=True),
    Column("agency_id", String(32), nullable=False),
    Column("agency_name", String(200), nullable=False),  # UBND XÃ …
    Column("unit_name", String(200), nullable=False),  # BỘ PHẬN MỘT CỬA / Trung tâm …
    Column("commune", String(200), nullable=False),
    Column("province", String(200), nullable=False),
    Column("place_name", String(200), nullable=False),  # "<Place>, ngày … tháng … năm …"
    Column("address", String(400), default="", nullable=False),
    Column("phone", String(40), default="", nullable=False),
    Column("lookup_url", String(400), default="", nullable=False),
    Column("office_hours", String(100), nullable=False),
    Column("created_at", Instant, nullable=False),
    # Made by ``desk demo``: only such an office may be filled with made-up dossiers.
    Column("is_demo", Boolean, default=False, nullable=False),
)

USERS = Table(
    "users",
    METADATA,
    Column("id", Integer, primary_key=True),
    Column("username", String(64), unique=True, nullable=False),
    Column("full_name", String(200), nullable=False),
    Column("title", String(200), default="", nullable=False),
    Column("role", String(20), nullable=False),
    Column("password_hash", String(200), nullable=False),
    Column("active", Boolean, default=True, nullable=False),
    Column("created_at", Instant, nullable=False),
)

SIGN_IN_FAILURES = Table(
    "sign_in_failures",
    METADATA,
    Column("username", String(64), primary_key=True),
    Column("failures", Integer, nullable=False),
    Column("last_failure_at", Instant, nullable=False),
    Column("blocked_until", Instant),
)

PROCEDURES = Table(
    "procedures",
    METADATA,
    Column("code", String(20), primary_key=True),
    Column("name", String(400), nullable=False),
    Column("name_folded", String(400), nullable=False),
    Column("field_code", String(20), nullable=False),
    Column("field_name", String(200), nullable=False),
    Column("definition", JSON, nullable=False),  # the catalogue entry as data
    Column("active", Boolean, default=True, nullable=False),
    Column("updated_at", Instant, nullable=False),
)


def _person_details() -> list[Column[Any]]:
    """A person's details after the ID number, the same in a dossier's ``people`` and in
    the registry of the newest ones (``known_people``); new columns each call (a column
    belongs to one table)."""
    return [
        Column("old_id_number", String(12), default="", nullable=False),
        Column("full_name", String(200), nullable=False),
        Column("name_folded", String(200), nullable=False),
        Column("birth_date", Date),
        Column("sex", String(3), default="", nullable=False),
        Column("address", Text, default="", nullable=False),
        Column("phone", String(20), default="", nullable=False),
        Column("email", String(200), default="", nullable=False),
        Column("id_issue_date", Date),
        Column("id_issuer", String(200), default="", nullable=False),
        Column("updated_at", Instant, nullable=False),
    ]


PEOPLE = Table(
    "people",
    METADATA,
    Column("id", Integer, primary_key=True),
    Column("id_number", String(12), default="", index=True, nullable=False),
    *_person_details(),
)

KNOWN_PEOPLE = Table(
    "known_people",
    METADATA,
    Column("id_number", String(12), primary_key=True),
    *_person_details(),
)

DAILY_COUNTERS = Table(
    "daily_counters",
    METADATA,
    Column("agency_id", String(32), primary_key=True),
    Column("day", Date, primary_key=True),
    Column("block_first", Integer, primary_key=True),
    Column("last_value", Integer, nullable=False),
)

YEARLY_COUNTERS = Table(
    "yearly_counters",
    METADATA,
    Column("kind", String(20), primary_key=True),
    Column("year", Integer, primary_key=True),
    Column("last_value", Integer, nullable=False),
)

DOSSIERS = Table(
    "dossiers",
    METADATA,
    Column("id", BigInteger().with_variant(Integer, "sqlite"), primary_key=True),
    Column("code", String(40), unique=True, nullable=False),
    Column("agency_id", String(32), nullable=False),
    Column("received_day", Date, nullable=False),
    Column("sequence", Integer, nullable=False),
    Column("procedure_code", ForeignKey("procedures.code"), index=True, nullable=False),
    Column("procedure_name", String(400), nullable=False),
    Column("field_code", String(20), nullable=False),
    Column("field_name", String(200), nullable=False),
    Column("lead_unit", String(200), nullable=False),
    Column("status", Integer, nullable=False),
    Column("revision", Integer, nullable=False),
    Column("channel", Integer, nullable=False),
    Column("applicant_kind", Integer, nullable=False),
    # What was recorded at intake, as printed on the slip (the person may change later).
    Column("applicant_person_id", ForeignKey("people.id")),
    Column("applicant_name", String(200), nullable=False),
    Column("applicant_name_folded", String(200), nullable=False),
    Column("applicant_id_number", String(12), index=True, nullable=False),
    Column("applicant_phone", String(20), nullable=False),
    Column("applicant_email", String(200), nullable=False),
    Column("applicant_address", Text, nullable=False),
    Column("summary", Text, nullable=False),
    Column("sets_count", Integer, nullable=False),
    Column("result_delivery", String(10), nullable=False),
    Column("processing_days", String(10), nullable=False),
    Column("needs_checks", Boolean, nullable=False),
    Column("received_at", Instant, index=True, nullable=False),
    Column("due_at", Instant, nullable=False),
    Column("rescheduled_due_at", Instant),
    Column("paused_at", Instant),
    Column("finished_at", Instant),
    # Indexed by ix_dossiers_figures_returned, its first column (0012).
    Column("returned_at", Instant),
    Column("clerk_id", ForeignKey("users.id")),
    Column("clerk_name", String(200), nullable=False),
    Column("form_data", JSON, nullable=False),
    Column("note", Text, nullable=False),
    Column("updated_at", Instant, nullable=False),
    Column("book_year", Integer),
    Column("book_number", Integer),
    # What the supervisor's figures count (0009), derived from the dossier by
    Column("timeliness", String(8)),
    Column("office_fault", Boolean, default=False, nullable=False),
    Column("satisfaction", String(12)),
    Column("documents_scanned", Boolean, default=False, nullable=False),
    Column("result_scanned", Boolean, default=False, nullable=False),
    Column("fees_cash", BigInteger, default=0, nullable=False),
    Column("fees_transfer", BigInteger, default=0, nullable=False),
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
    # 0012: only the dossiers returned; a receive writes none of it. Partial on both
    # engines (0012 says it for PostgreSQL too); ``postgresql_where`` here would load
    # SQLAlchemy's PostgreSQL dialects into every SQLite office's start.
    Index(
        "ix_dossiers_figures_returned",
        *("returned_at", "satisfaction", "result_scanned", *FIGURE_GROUPS),
        sqlite_where=text(RETURNED),
    ),
)

PARTIES = Table(
    "dossier_people",
    METADATA,
    Column("id", Integer, primary_key=True),
    Column("dossier_id", ForeignKey("dossiers.id"), index=True, nullable=False),
    Column("position", Integer, nullable=False),
    Column("role", String(30), nullable=False),
    Column("person_id", ForeignKey("people.id"), index=True, nullable=False),
)

ATTACHMENTS = Table(
    "attachments",
    METADATA,
    Column("sha256", String(64), primary_key=True),
    Column("size", BigInteger, nullable=False),
    Column("media_type", String(100), nullable=False),
    Column("original_name", String(400), nullable=False),
    Column("created_at", Instant, nullable=False),
)

DOCUMENTS = Table(
    "dossier_documents",
    METADATA,
    Column("id", Integer, primary_key=True),
    Column("dossier_id", ForeignKey("dossiers.id"), index=True, nullable=False),
    Column("position", Integer, nullable=False),
    Column("code", String(40), nullable=False),
    Column("name", String(400), nullable=False),
    Column("originals", Integer, nullable=False),
    Column("certified_copies", Integer, nullable=False),
    Column("photocopies", Integer, nullable=False),
    Column("attachment_sha256", ForeignKey("attachments.sha256")),
)

FEES = Table(
    "dossier_fees",
    METADATA,
    Column("id", Integer, primary_key=True),
    Column("dossier_id", ForeignKey("dossiers.id"), index=True, nullable=False),
    Column("name", String(400), nullable=False),
    Column("amount", BigInteger, nullable=False),
    Column("method", String(100), nullable=False),
    Column("exemption", String(200)),  # why a fee was waived
)

EVENTS = Table(
    "status_events",
    METADATA,
    Column("id", BigInteger().with_variant(Integer, "sqlite"), primary_key=True),
    Column("dossier_id", ForeignKey("dossiers.id"), index=True, nullable=False),
    Column("revision", Integer, nullable=False),
    Column("at", Instant, nullable=False),
    Column("from_status", Integer),
    Column("to_status", Integer, nullable=False),
    Column("actor_kind", Integer, nullable=False),
    Column("actor_user_id", ForeignKey("users.id")),
    Column("actor_name", String(200), nullable=False),
    Column("actor_title", String(200), nullable=False),
    Column("note", Text, nullable=False),
    # What forms print later (a reschedule's reason and new due time), as data.
    Column("detail", JSON(none_as_null=True)),
    # 0009: the steps of a dossier's path the period's figures count (supplement
    # requests, new due times and the office faults they carry) without a scan.
    # Partial on both engines: the schema is the migrations' (0009 says it for
    # PostgreSQL too); ``postgresql_where`` here would load SQLAlchemy's PostgreSQL
    # dialects (asyncpg, asyncio) into every SQLite office's start.
    Index("ix_status_events_path", "at", sqlite_where=text(PATH_EVENTS)),
)

LOG = Table(
    "audit_log",
    METADATA,
    Column(
        "seq", BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=False
    ),
    Column("at", Instant, nullable=False),
    Column("actor_user_id", Integer),
    Column("actor_name", String(200), nullable=False),
    Column("action", String(40), nullable=False),
    Column("subject", String(200), index=True, nullable=False),
    Column("detail", JSON, nullable=False),
    Column("prev_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False),
)

LETTERS = Table(
    "letters",
    METADATA,
    Column("id", Integer, primary_key=True),
    Column(
        "dossier_id",
        BigInteger().with_variant(Integer, "sqlite"),
        ForeignKey("dossiers.id"),
        index=True,
        nullable=False,
    ),
    Column("kind", String(20), nullable=False),
    Column("year", Integer, nullable=False),
    Column("number", Integer, nullable=False),
    Column("issued_at", Instant, nullable=False),
    Column("issued_by_user_id", ForeignKey("users.id")),
    Column("issued_by_name", String(200), nullable=False),
    Column("detail", JSON(none_as_null=True)),
    UniqueConstraint("kind", "year", "number", name="uq_letters_kind_year_number"),
)

OUTBOX = Table(
    "outbox",
    METADATA,
    Column("dossier_id", ForeignKey("dossiers.id"), primary_key=True),
    Column("revision", Integer, nullable=False),
    Column("queued_at", Instant, nullable=False),
)

CALENDAR_OVERRIDES = Table(
    "calendar_overrides",
    METADATA,
    Column("day", Date, primary_key=True),
    Column("kind", String(10), nullable=False),
    Column("name", String(200), nullable=False),
    Column("created_by", String(200), nullable=False),
    Column("created_at", Instant, nullable=False),
)

SYNC_BATCHES = Table(
    "sync_batches",
    METADATA,
    Column("seq", Integer, primary_key=True),  # the order batches go in
    Column("batch_id", String(36), unique=True, nullable=False),
    Column("body", Text, nullable=False),
    Column("item_count", Integer, nullable=False),
    Column("created_at", Instant, nullable=False),
    Column("attempts", Integer, default=0, nullable=False),  # sends that failed, all runs
    Column("last_error", Text, default="", server_default="", nullable=False),  # 0007
    Column("last_attempt_at", Instant),  # 0007
)

SYNC_BATCH_ITEMS = Table(
    "sync_batch_items",
    METADATA,
    Column("batch_seq", ForeignKey("sync_batches.seq"), primary_key=True),
    Column("position", Integer, primary_key=True),
    Column("dossier_id", ForeignKey("dossiers.id"), index=True, nullable=False),
    Column("code", String(40), nullable=False),
    Column("revision", Integer, nullable=False),
)

SYNC_RESULTS = Table(
    "sync_results",
    METADATA,
    Column("dossier_id", ForeignKey("dossiers.id"), primary_key=True),
    Column("revision", Integer, primary_key=True),
    Column("result", String(20), nullable=False),
    Column("message", Text, nullable=False),
    Column("batch_id", String(36), nullable=False),
    Column("answered_at", Instant, nullable=False),
)

SYNC_ATTENTION = Table(
    "sync_attention",
    METADATA,
    Column("id", Integer, primary_key=True),
    Column("kind", String(20), index=True, nullable=False),
    Column("dossier_id", ForeignKey("dossiers.id"), index=True),
    Column("code", String(40), nullable=False),
    Column("revision", Integer),
    Column("reason", Text, nullable=False),
    Column("detail", JSON, nullable=False),
    Column("created_at", Instant, nullable=False),
    Column("resolved_at", Instant, index=True),
    Column("resolved_by", String(200), default="", nullable=False),
    Column("resolution", Text, default="", nullable=False),
)

SYNC_STATE = Table(
    "sync_state",
    METADATA,
    Column("key", String(40), primary_key=True),
    Column("value", Text, nullable=False),
    Column("updated_at", Instant, nullable=False),
)

SYNC_FILES = Table(
    "sync_files",
    METADATA,
    Column("sha256", String(64), primary_key=True),
    Column("confirmed_at", Instant, nullable=False),
)

SYNC_RUNS = Table(
    "sync_runs",
    METADATA,
    Column("id", Integer, primary_key=True),
    Column("started_at", Instant, index=True, nullable=False),
    Column("finished_at", Instant),
    Column("outcome", String(20), nullable=False),
    Column("report", JSON, nullable=False),
)

SYNC_LOCK = Table(
    "sync_lock",
    METADATA,
    Column("id", Integer, primary_key=True),
    Column("token", String(36), nullable=False),
    Column("login", String(100), nullable=False),
    Column("full_name", String(200), nullable=False),
    Column("host", String(200), nullable=False),
    Column("pid", Integer, nullable=False),
    Column("since", Instant),
    Column("heartbeat_at", Instant),
)

BACKUP_KEYS = Table(
    "backup_keys",
    METADATA,
    Column("id", Integer, primary_key=True),
    Column("created_at", Instant, nullable=False),
    Column("created_by", String(200), nullable=False),
    Column("public_key", String(64), nullable=False),  # base64 of the raw X25519 key
    Column("wrapped_key", Text, nullable=False),  # JSON: the KDF's parameters, the sealed key
)

BACKUPS = Table(
    "backups",
    METADATA,
    Column("id", Integer, primary_key=True),
    Column("file_name", String(200), nullable=False),
    Column("place", String(400), nullable=False),  # the folder it was written to
    Column("reason", String(40), nullable=False),  # daily, closing, manual, before-…
    Column("taken_at", Instant, index=True, nullable=False),
    Column("taken_by", String(200), nullable=False),
    Column("size", BigInteger, nullable=False),
    Column("dossier_count", Integer, nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("verified_at", Instant),
)
