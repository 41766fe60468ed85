"""People on dossiers, and the registry of people known to the office.

A dossier keeps each person as recorded at its intake (``people``: written once, never
changed; triggers refuse it). The registry (``known_people``) holds the newest details
given for each ID number, so the desk never asks twice; updating it changes no dossier.
"""

from __future__ import annotations

from datetime import datetime
from typing import cast

from sqlalchemy import Date, Table, bindparam, insert, select, text
from sqlalchemy.orm import Session

from desk.domain.dossier import Person
from desk.store import rows
from desk.store.models import Instant, KnownPersonRow, PersonRow

_PEOPLE = cast(Table, PersonRow.__table__)
_KNOWN = cast(Table, KnownPersonRow.__table__)
INSERT_PERSON = insert(_PEOPLE).returning(_PEOPLE.c.id)
_DATES = ("birth_date", "id_issue_date")


def _merge(column: str) -> str:
    """A new record's value wins; what it leaves empty keeps what was known."""
    if column in _DATES:
        return f"{column} = COALESCE(excluded.{column}, known_people.{column})"
    if column == "updated_at":
        return "updated_at = excluded.updated_at"
    return f"{column} = COALESCE(NULLIF(excluded.{column}, ''), known_people.{column})"


_REGISTER = text(
    f"INSERT INTO known_people ({', '.join(rows.PERSON_COLUMNS)}) "
    f"VALUES ({', '.join(':' + c for c in rows.PERSON_COLUMNS)}) "
    "ON CONFLICT (id_number) DO UPDATE SET "
    + ", ".join(_merge(c) for c in rows.PERSON_COLUMNS if c != "id_number")
).bindparams(
    bindparam("updated_at", type_=Instant()),
    *(bindparam(c, type_=Date()) for c in _DATES),
)


def save_person(session: Session, person: Person, now: datetime) -> int:
    """Record a person as the dossier gives them (a new row every time) and bring the
    registry up to date; returns the recorded row's id."""
    values = rows.values(rows.PERSON_COLUMNS, rows.person_row(person, now))
    connection = session.connection()
    if person.id_number:
        connection.execute(_REGISTER, values)
    return int(connection.execute(INSERT_PERSON, values).scalar_one())


def register_people(session: Session, people: list[dict[str, object]]) -> None:
    """Bring the registry up to date with many records at once, in order (the bulk
    load): each is a ``person_row`` as a dict, with an ID number."""
    if people:
        session.connection().execute(_REGISTER, people)


def find_person_by_id_number(session: Session, id_number: str) -> Person | None:
    """What the office knows of the person with this ID number (the registry)."""
    row = session.execute(select(_KNOWN).where(_KNOWN.c.id_number == id_number)).first()
    return rows.person_from_row(row) if row else None
