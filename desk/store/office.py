"""The office and what it keeps besides dossiers: its identity, staff accounts, the
catalogue of procedures and the calendar's exceptions (the day's sequence of codes is
``store.counters``)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, TypeAlias

from sqlalchemy import bindparam, delete, func, insert, select, text, update
from sqlalchemy.exc import IntegrityError

from desk.domain.audit import AuditAction
from desk.domain.calendar import CalendarOverride, DayKind
from desk.domain.catalogue import Catalogue, Procedure
from desk.domain.office import Office, Role, User
from desk.domain.text import fold
from desk.errors import AlreadyExists, NotFound
from desk.store import audit as store_audit
from desk.store import audit_records
from desk.store.office_rows import (
    OFFICE_READ_COLUMNS,
    PROCEDURE_READ_COLUMNS,
    USER_READ_COLUMNS,
    office_from_values,
    procedure_from_values,
    user_from_values,
)
from desk.store.tables import (
    CALENDAR_OVERRIDES,
    DOSSIERS,
    OFFICE,
    PROCEDURES,
    SIGN_IN_FAILURES,
    USERS,
    Instant,
)

if TYPE_CHECKING:
    from sqlalchemy import Connection
    from sqlalchemy.orm import Session

# What the services name a transaction by, without importing SQLAlchemy: an ORM session,
# or a plain Core connection (the start's, ``Database.connect_read``/``connect_write``).
# Every statement here is Core: either runs it.
Transaction: TypeAlias = "Session | Connection"

# --- the office -----------------------------------------------------------------------


# Serialises the creation of an office by desks starting at once on one PostgreSQL
# database (SQLite's BEGIN IMMEDIATE already does): without it, two of them each find no
# office and the second fails on an account name the first just took.
_PG_OFFICE_SETUP_LOCK = 0x6465736B0002


def lock_office_setup(session: Transaction) -> None:
    """Wait, inside the caller's write transaction, until no other desk is creating or
    completing the office; the office read after this is the one the others committed."""
    if store_audit.connection_of(session).dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_OFFICE_SETUP_LOCK})


# The statements the print path also runs on sqlite3 alone (``desk.store.plain``: their
# SQLite text is kept as data, compiled from these).
OFFICE_ROW = select(*(OFFICE.c[name] for name in OFFICE_READ_COLUMNS)).where(OFFICE.c.id == 1)
USER_BY_NAME = select(*(USERS.c[name] for name in USER_READ_COLUMNS)).where(
    USERS.c.username == bindparam("username")
)
FAILURES_OF = select(SIGN_IN_FAILURES).where(SIGN_IN_FAILURES.c.username == bindparam("username"))
PROCEDURE_BY_CODE = select(*(PROCEDURES.c[name] for name in PROCEDURE_READ_COLUMNS)).where(
    PROCEDURES.c.code == bindparam("code")
)


def load_office(session: Transaction) -> Office | None:
    row = session.execute(OFFICE_ROW).first()
    return None if row is None else office_from_values(row)


def office_is_demo(session: Transaction) -> bool:
    """Whether the office was made by ``desk demo`` (made-up dossiers may be added)."""
    return bool(session.scalar(select(OFFICE.c.is_demo).where(OFFICE.c.id == 1)))


def office_values(office: Office) -> dict[str, str]:
    """The office's identity as its row (and the log entry of its set-up) holds it."""
    return {
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


def save_office(
    session: Transaction, office: Office, now: datetime, *, is_demo: bool = False
) -> None:
    """Write the office's identity; ``is_demo`` marks the office ``desk demo`` creates (it
    is kept as it was when an existing office is edited)."""
    values = office_values(office)
    if session.execute(select(OFFICE.c.id).where(OFFICE.c.id == 1)).first() is None:
        session.execute(insert(OFFICE).values(id=1, created_at=now, is_demo=is_demo, **values))
    else:
        session.execute(update(OFFICE).where(OFFICE.c.id == 1).values(**values))


# --- staff ----------------------------------------------------------------------------


def _account_row(session: Transaction, username: str) -> Any:
    return session.execute(USER_BY_NAME, {"username": username}).first()


def add_user(
    session: Transaction,
    *,
    username: str,
    full_name: str,
    role: Role,
    password_hash: str,
    now: datetime,
    title: str = "",
) -> User:
    """A new account; AlreadyExists when the user name is taken."""
    try:
        user_id = session.execute(
            insert(USERS)
            .values(
                username=username,
                full_name=full_name,
                title=title,
                role=role.value,
                password_hash=password_hash,
                active=True,
                created_at=now,
            )
            .returning(USERS.c.id)
        ).scalar_one()
    except IntegrityError:
        raise AlreadyExists(
            f"Tên đăng nhập «{username}» đã có.", code="user.exists", field="username"
        ) from None
    return User(user_id, username, full_name, role, title)


def user_with_hash(session: Transaction, username: str) -> tuple[User, str] | None:
    row = _account_row(session, username)
    return (user_from_values(row), row.password_hash) if row else None


def set_password_hash(session: Transaction, user_id: int, password_hash: str) -> None:
    session.execute(update(USERS).where(USERS.c.id == user_id).values(password_hash=password_hash))


def get_user(session: Transaction, username: str) -> User | None:
    row = _account_row(session, username)
    return user_from_values(row) if row else None


def update_user(
    session: Transaction,
    user_id: int,
    *,
    full_name: str | None = None,
    title: str | None = None,
    role: Role | None = None,
    active: bool | None = None,
) -> None:
    """Change what is given of an account (None: kept)."""
    values: dict[str, object] = {}
    if full_name is not None:
        values["full_name"] = full_name
    if title is not None:
        values["title"] = title
    if role is not None:
        values["role"] = role.value
    if active is not None:
        values["active"] = active
    if values:
        session.execute(update(USERS).where(USERS.c.id == user_id).values(**values))


def log_account(
    session: Transaction,
    action: AuditAction,
    user_id: int,
    username: str,
    *,
    at: datetime,
    actor: User | None,
    actor_name: str = "",
    detail: dict[str, Any] | None = None,
) -> None:
    """Log a change to an account with the digest of its row as the change left it (what
    the log's check compares); never a password or its hash."""
    state = audit_records.account_state_digest(session, user_id)
    store_audit.append(
        session,
        [
            store_audit.entry(
                action,
                store_audit.account_subject(username),
                at=at,
                actor=actor,
                actor_name=actor_name,
                detail={"state": state, **(detail or {})},
            )
        ],
    )


def count_active_admins(session: Transaction) -> int:
    """Active admin accounts, their rows locked until the caller commits (PostgreSQL), so
    two admins demoting each other at once cannot leave the office without one."""
    stmt = (
        select(USERS.c.id)
        .where(USERS.c.role == Role.ADMIN.value, USERS.c.active.is_(True))
        .with_for_update()
    )
    return len(session.execute(stmt).all())


def list_users(session: Transaction) -> list[User]:
    accounts = select(*USER_BY_NAME.selected_columns).order_by(USERS.c.username)
    return [user_from_values(r) for r in session.execute(accounts)]


def staff_names(session: Transaction) -> list[tuple[int, str]]:
    """(id, full name) of every account, for the list's clerk filter."""
    return [
        (row[0], row[1])
        for row in session.execute(
            select(USERS.c.id, USERS.c.full_name).order_by(USERS.c.full_name)
        )
    ]


# --- failed sign-ins -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SignInFailures:
    failures: int
    last_failure_at: datetime
    blocked_until: datetime | None


def sign_in_failures(session: Transaction, username: str) -> SignInFailures | None:
    row = session.execute(FAILURES_OF, {"username": username}).first()
    if row is None:
        return None
    return SignInFailures(row.failures, row.last_failure_at, row.blocked_until)


# One statement that creates the name's row or adds one to it, so two desks failing at
# once both count (the row stays locked until the caller commits on PostgreSQL).
_COUNT_FAILURE = text(
    "INSERT INTO sign_in_failures (username, failures, last_failure_at, blocked_until) "
    "VALUES (:username, 1, :now, NULL) "
    "ON CONFLICT (username) DO UPDATE SET failures = sign_in_failures.failures + 1, "
    "last_failure_at = excluded.last_failure_at "
    "RETURNING failures"
).bindparams(bindparam("now", type_=Instant()))


def count_sign_in_failure(session: Transaction, username: str, now: datetime) -> int:
    """One more failed sign-in in a row for ``username``; how many there are now."""
    params = {"username": username, "now": now}
    return int(store_audit.connection_of(session).execute(_COUNT_FAILURE, params).scalar_one())


def block_sign_in(session: Transaction, username: str, until: datetime) -> None:
    session.execute(
        update(SIGN_IN_FAILURES)
        .where(SIGN_IN_FAILURES.c.username == username)
        .values(blocked_until=until)
    )


def clear_sign_in_failures(session: Transaction, username: str) -> None:
    session.execute(delete(SIGN_IN_FAILURES).where(SIGN_IN_FAILURES.c.username == username))


# --- the catalogue --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CatalogueChanges:
    """What an import changed, by procedure code (for the log)."""

    added: list[str]
    removed: list[str]  # offered before, withdrawn now
    changed: list[str]


def replace_catalogue(
    session: Transaction, catalogue: Catalogue, now: datetime
) -> CatalogueChanges:
    """Upsert every procedure of the catalogue; procedures not in it are deactivated.

    Procedures are never deleted: old dossiers keep pointing at them (and print with them:
    ``get_procedure`` finds a withdrawn one too).
    """
    before = {
        row.code: ({**row.definition, "active": bool(row.active)}, bool(row.active))
        for row in session.execute(
            select(PROCEDURES.c.code, PROCEDURES.c.definition, PROCEDURES.c.active)
        )
    }
    existing = set(before)
    added: list[str] = []
    removed: list[str] = []
    changed: list[str] = []
    for procedure in catalogue:
        old = before.get(procedure.code)
        if old is None:
            added.append(procedure.code)
        elif old[1] and not procedure.active:
            removed.append(procedure.code)
        elif old != (json.loads(json.dumps(procedure.to_dict())), procedure.active):
            changed.append(procedure.code)
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
                update(PROCEDURES).where(PROCEDURES.c.code == procedure.code).values(**values)
            )
        else:
            session.execute(insert(PROCEDURES).values(code=procedure.code, **values))
    missing = existing - {p.code for p in catalogue}
    if missing:
        removed.extend(code for code in missing if before[code][1])
        session.execute(
            update(PROCEDURES)
            .where(PROCEDURES.c.code.in_(missing))
            .values(active=False, updated_at=now)
        )
    return CatalogueChanges(sorted(added), sorted(removed), sorted(changed))


def dossier_counts(session: Transaction, codes: list[str]) -> dict[str, int]:
    """How many dossiers each of these procedures has (those with none are left out)."""
    if not codes:
        return {}
    rows = session.execute(
        select(DOSSIERS.c.procedure_code, func.count())
        .where(DOSSIERS.c.procedure_code.in_(codes))
        .group_by(DOSSIERS.c.procedure_code)
    )
    return {code: count for code, count in rows}


def load_catalogue(session: Transaction, *, include_inactive: bool = False) -> Catalogue:
    stmt = select(PROCEDURES.c.definition, PROCEDURES.c.active).order_by(PROCEDURES.c.code)
    if not include_inactive:
        stmt = stmt.where(PROCEDURES.c.active.is_(True))
    return Catalogue(
        tuple(procedure_from_values(row.definition, row.active) for row in session.execute(stmt))
    )


def get_procedure(session: Transaction, code: str) -> Procedure:
    """The procedure of that code, offered or withdrawn (a dossier's own procedure)."""
    row = session.execute(PROCEDURE_BY_CODE, {"code": code}).first()
    if row is None:
        raise NotFound(f"Không có thủ tục mã «{code}» trong danh mục.", code="procedure.not_found")
    return procedure_from_values(row.definition, row.active)


# --- the calendar's exceptions --------------------------------------------------------


def load_calendar_overrides(session: Transaction) -> list[CalendarOverride]:
    rows = session.execute(select(CALENDAR_OVERRIDES).order_by(CALENDAR_OVERRIDES.c.day))
    return [CalendarOverride(r.day, DayKind(r.kind), r.name) for r in rows]


def get_calendar_override(session: Transaction, day: date) -> CalendarOverride | None:
    row = session.execute(select(CALENDAR_OVERRIDES).where(CALENDAR_OVERRIDES.c.day == day)).first()
    return CalendarOverride(row.day, DayKind(row.kind), row.name) if row else None


def put_calendar_override(
    session: Transaction, override: CalendarOverride, *, by: str, now: datetime
) -> None:
    session.execute(delete(CALENDAR_OVERRIDES).where(CALENDAR_OVERRIDES.c.day == override.day))
    session.execute(
        insert(CALENDAR_OVERRIDES).values(
            day=override.day,
            kind=override.kind.value,
            name=override.name,
            created_by=by,
            created_at=now,
        )
    )


def remove_calendar_override(session: Transaction, day: date) -> bool:
    result = session.execute(delete(CALENDAR_OVERRIDES).where(CALENDAR_OVERRIDES.c.day == day))
    return bool(result.rowcount)  # type: ignore[attr-defined]
