"""People known to the office: asked once, offered again, merged by ID number."""

from __future__ import annotations

from datetime import datetime
from typing import Any, cast

from sqlalchemy import Connection, Table, bindparam, insert, select, update
from sqlalchemy.orm import Session

from desk.domain.dossier import Person
from desk.store import rows
from desk.store.models import PersonRow

_PEOPLE = cast(Table, PersonRow.__table__)
INSERT_PERSON = insert(_PEOPLE).returning(_PEOPLE.c.id)
# The person a new record with this ID number updates: the first recorded.
SELECT_PERSON_BY_ID_NUMBER = (
    select(_PEOPLE.c.id)
    .where(_PEOPLE.c.id_number == bindparam("id_number"))
    .order_by(_PEOPLE.c.id)
    .limit(1)
)


def save_person(session: Session, person: Person, now: datetime) -> int:
    """Record a person; one known by the same ID number is updated, not duplicated."""
    row = rows.person_row(person, now)
    connection = session.connection()
    if person.id_number:
        person_id = connection.scalar(SELECT_PERSON_BY_ID_NUMBER, {"id_number": person.id_number})
        if person_id is not None:
            update_person(connection, int(person_id), rows.person_changes(row))
            return int(person_id)
    return int(
        connection.execute(INSERT_PERSON, rows.values(rows.PERSON_COLUMNS, row)).scalar_one()
    )


def update_person(connection: Connection, person_id: int, changes: dict[str, Any]) -> None:
    """Apply ``rows.person_changes`` to a person already known."""
    connection.execute(update(_PEOPLE).where(_PEOPLE.c.id == person_id).values(**changes))


def known_id_numbers(connection: Connection) -> dict[str, int]:
    """ID number → the person ``save_person`` would update, for every person that has one
    (the bulk load merges people as ``save_person`` does)."""
    stmt = (
        select(_PEOPLE.c.id_number, _PEOPLE.c.id)
        .where(_PEOPLE.c.id_number != "")
        .order_by(_PEOPLE.c.id.desc())
    )
    # Descending: the first (lowest) id of an ID number is the one left in the dict.
    return {id_number: int(person_id) for id_number, person_id in connection.execute(stmt)}


def find_person_by_id_number(session: Session, id_number: str) -> Person | None:
    row = session.execute(
        select(_PEOPLE).where(_PEOPLE.c.id_number == id_number).order_by(_PEOPLE.c.id.desc())
    ).first()
    return rows.person_from_row(row) if row else None
