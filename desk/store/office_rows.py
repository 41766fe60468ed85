"""The office's own rows (the office, an account, a procedure, a log entry) as the domain's
values, without SQLAlchemy: the store's statements (``desk.store.office``,
``desk.store.audit``) and the print path on sqlite3 alone (``desk.store.plain``) select
the same columns, in these orders, and turn them into values here."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from desk.domain.audit import GENESIS, AuditEntry
from desk.domain.calendar import OfficeHours
from desk.domain.catalogue import Procedure, procedure_from_dict
from desk.domain.office import Office, Role, User
from desk.store.rows import ValueForm

OFFICE_READ_COLUMNS = (
    "agency_id",
    "agency_name",
    "unit_name",
    "commune",
    "province",
    "place_name",
    "address",
    "phone",
    "lookup_url",
    "office_hours",
)
USER_READ_COLUMNS = ("id", "username", "full_name", "role", "title", "active", "password_hash")
PROCEDURE_READ_COLUMNS = ("definition", "active")
LOG_COLUMNS = (
    "seq",
    "at",
    "actor_user_id",
    "actor_name",
    "action",
    "subject",
    "detail",
    "prev_hash",
    "hash",
)


def office_from_values(values: Sequence[Any]) -> Office:
    """``OFFICE_READ_COLUMNS``' values as the office."""
    (agency_id, agency_name, unit_name, commune, province, place, address, phone, url, hours) = (
        values
    )
    return Office(
        agency_id=agency_id,
        agency_name=agency_name,
        unit_name=unit_name,
        commune=commune,
        province=province,
        place_name=place,
        address=address,
        phone=phone,
        lookup_url=url,
        hours=OfficeHours.parse(hours),
    )


def user_from_values(values: Sequence[Any]) -> User:
    """``USER_READ_COLUMNS``' values (the hash last, not read here) as the account."""
    user_id, username, full_name, role, title, active = values[:6]
    return User(user_id, username, full_name, Role(role), title, bool(active))


def procedure_from_values(definition: dict[str, Any], active: Any) -> Procedure:
    """A procedure's row: the column says whether it is offered (an import that leaves a
    procedure out withdraws it there, and its definition keeps the "active" it was
    imported with)."""
    return procedure_from_dict({**definition, "active": bool(active)})


def entry_from_values(values: Sequence[Any]) -> AuditEntry:
    """``LOG_COLUMNS``' values (``at`` an instant, ``detail`` decoded) as a log entry."""
    seq, at, actor_user_id, actor_name, action, subject, detail, prev_hash, hash_ = values
    return AuditEntry(
        seq=int(seq),
        at=at,
        actor_user_id=actor_user_id,
        actor_name=actor_name,
        action=action,
        subject=subject,
        detail=dict(detail or {}),
        prev_hash=prev_hash,
        hash=hash_,
    )


def entry_values(entry: AuditEntry, form: ValueForm) -> tuple[Any, ...]:
    """An entry's values in ``LOG_COLUMNS`` order, typed ones in ``form``."""
    return (
        entry.seq,
        form.instant(entry.at),
        entry.actor_user_id,
        entry.actor_name,
        entry.action,
        entry.subject,
        form.json(entry.detail),
        entry.prev_hash,
        entry.hash,
    )


def log_head(found: Sequence[Sequence[Any]]) -> tuple[int, str]:
    """The newest entry's number and hash from the head's read (its one row, or none):
    (0, GENESIS) for an empty log."""
    return (0, GENESIS) if not found else (int(found[0][0]), str(found[0][1]))
