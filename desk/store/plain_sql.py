"""The SQLite text of the statements the print path runs on sqlite3 alone, written by
``python -m desk.store.plain_sources`` from the store's own statements: do not edit.
"""

# ruff: noqa: E501 (one statement's text a line, as SQLAlchemy compiles it)

from __future__ import annotations

from typing import Any, NamedTuple


class Statement(NamedTuple):
    """A statement's SQLite text; every value it takes, the ones given when it runs
    left None; where those go (the n-th given value to ``slots[n]``); its typed
    columns (index, kind: ``desk.store.driver_values``)."""

    sql: str
    template: tuple[Any, ...]
    slots: tuple[int, ...]
    kinds: tuple[tuple[int, str], ...]


# The schema these statements are for: an office at another revision is opened the
# usual way (``desk.store.migrate``).
SCHEMA_HEAD = "0012"

STATEMENTS: dict[str, Statement] = {
    "account": Statement(
        "SELECT users.id, users.username, users.full_name, users.role, users.title, users.active, users.password_hash \nFROM users \nWHERE users.username = ?",
        (None,),
        (0,),
        ((5, "boolean"),),
    ),
    "dossier_id": Statement(
        "SELECT dossiers.id \nFROM dossiers \nWHERE dossiers.code = ?",
        (None,),
        (0,),
        (),
    ),
    "load_applicants": Statement(
        "SELECT people.id, people.birth_date, people.sex, people.old_id_number, people.id_issue_date, people.id_issuer \nFROM people \nWHERE people.id IN (?)",
        (None,),
        (0,),
        ((1, "day"), (4, "day")),
    ),
    "load_documents": Statement(
        "SELECT dossier_documents.dossier_id, dossier_documents.position, dossier_documents.code, dossier_documents.name, dossier_documents.originals, dossier_documents.certified_copies, dossier_documents.photocopies, dossier_documents.attachment_sha256 \nFROM dossier_documents \nWHERE dossier_documents.dossier_id IN (?) ORDER BY dossier_documents.dossier_id, dossier_documents.position",
        (None,),
        (0,),
        (),
    ),
    "load_dossiers": Statement(
        "SELECT dossiers.id, dossiers.applicant_person_id, dossiers.agency_id, dossiers.received_day, dossiers.sequence, dossiers.procedure_code, dossiers.procedure_name, dossiers.field_code, dossiers.field_name, dossiers.status, dossiers.revision, dossiers.applicant_name, dossiers.applicant_id_number, dossiers.applicant_phone, dossiers.applicant_email, dossiers.applicant_address, dossiers.applicant_kind, dossiers.channel, dossiers.summary, dossiers.lead_unit, dossiers.sets_count, dossiers.result_delivery, dossiers.received_at, dossiers.due_at, dossiers.clerk_name, dossiers.rescheduled_due_at, dossiers.paused_at, dossiers.finished_at, dossiers.returned_at, dossiers.processing_days, dossiers.needs_checks, dossiers.note, dossiers.form_data, dossiers.book_year, dossiers.book_number \nFROM dossiers \nWHERE dossiers.id IN (?) ORDER BY dossiers.code",
        (None,),
        (0,),
        (
            (3, "day"),
            (22, "instant"),
            (23, "instant"),
            (25, "instant"),
            (26, "instant"),
            (27, "instant"),
            (28, "instant"),
            (30, "boolean"),
            (32, "json"),
        ),
    ),
    "load_events": Statement(
        "SELECT status_events.dossier_id, status_events.revision, status_events.at, status_events.from_status, status_events.to_status, status_events.actor_kind, status_events.actor_user_id, status_events.actor_name, status_events.actor_title, status_events.note, status_events.detail \nFROM status_events \nWHERE status_events.dossier_id IN (?) ORDER BY status_events.dossier_id, status_events.id",
        (None,),
        (0,),
        ((2, "instant"), (10, "json")),
    ),
    "load_fees": Statement(
        "SELECT dossier_fees.dossier_id, dossier_fees.name, dossier_fees.amount, dossier_fees.method, dossier_fees.exemption \nFROM dossier_fees \nWHERE dossier_fees.dossier_id IN (?) ORDER BY dossier_fees.dossier_id, dossier_fees.id",
        (None,),
        (0,),
        (),
    ),
    "load_parties": Statement(
        "SELECT dossier_people.dossier_id, dossier_people.role, people.full_name, people.id_number, people.old_id_number, people.birth_date, people.sex, people.address, people.phone, people.email, people.id_issue_date, people.id_issuer \nFROM dossier_people JOIN people ON people.id = dossier_people.person_id \nWHERE dossier_people.dossier_id IN (?) AND dossier_people.role != ? ORDER BY dossier_people.dossier_id, dossier_people.position",
        (None, "applicant"),
        (0,),
        ((5, "day"), (10, "day")),
    ),
    "log_after": Statement(
        "SELECT audit_log.seq, audit_log.at, audit_log.actor_user_id, audit_log.actor_name, audit_log.action, audit_log.subject, audit_log.detail, audit_log.prev_hash, audit_log.hash \nFROM audit_log \nWHERE audit_log.seq > ? ORDER BY audit_log.seq",
        (None,),
        (0,),
        ((1, "instant"), (6, "json")),
    ),
    "log_head": Statement(
        "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1",
        (),
        (),
        (),
    ),
    "log_insert": Statement(
        "INSERT INTO audit_log (seq, at, actor_user_id, actor_name, action, subject, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (None, None, None, None, None, None, None, None, None),
        (0, 1, 2, 3, 4, 5, 6, 7, 8),
        (),
    ),
    "office": Statement(
        "SELECT office.agency_id, office.agency_name, office.unit_name, office.commune, office.province, office.place_name, office.address, office.phone, office.lookup_url, office.office_hours \nFROM office \nWHERE office.id = ?",
        (1,),
        (),
        (),
    ),
    "procedure": Statement(
        "SELECT procedures.definition, procedures.active \nFROM procedures \nWHERE procedures.code = ?",
        (None,),
        (0,),
        ((0, "json"), (1, "boolean")),
    ),
    "schema_revision": Statement(
        "SELECT version_num FROM alembic_version",
        (),
        (),
        (),
    ),
    "sign_in_failures": Statement(
        "SELECT sign_in_failures.username, sign_in_failures.failures, sign_in_failures.last_failure_at, sign_in_failures.blocked_until \nFROM sign_in_failures \nWHERE sign_in_failures.username = ?",
        (None,),
        (0,),
        ((2, "instant"), (3, "instant")),
    ),
}
