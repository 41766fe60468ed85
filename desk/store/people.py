"""People on dossiers, and the registry of people known to the office.

A dossier keeps each person as recorded at its intake (``people``: written once, never
changed; triggers refuse it). The registry (``known_people``) holds the newest details
given for each ID number, so the desk never asks twice; updating it changes no dossier.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any, cast

from sqlalchemy import BindParameter, Connection, Date, Table, bindparam, insert, select, text
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


def _register(markers: list[str]) -> str:
    """The registry's upsert, with ``markers`` for the values of ``rows.PERSON_COLUMNS``."""
    return register_statement(f"VALUES ({', '.join(markers)})")


def register_statement(source: str) -> str:
    """The registry's upsert of the records ``source`` gives (``VALUES …`` or a
    ``SELECT``, in ``rows.PERSON_COLUMNS`` order; one ID number at most once)."""
    return (
        f"INSERT INTO known_people ({', '.join(rows.PERSON_COLUMNS)}) "
        f"{source} ON CONFLICT (id_number) DO UPDATE SET "
        + ", ".join(_merge(c) for c in rows.PERSON_COLUMNS if c != "id_number")
    )


_TYPED: list[BindParameter[Any]] = [
    bindparam("updated_at", type_=Instant()),
    *(bindparam(c, type_=Date()) for c in _DATES),
]
_REGISTER = text(_register([":" + c for c in rows.PERSON_COLUMNS])).bindparams(*_TYPED)
# PostgreSQL: the registry's upsert and the record's insert in one statement (one round
# trip; a data-modifying WITH runs whether or not the rest reads it).
_REGISTER_AND_SAVE = text(
    f"WITH registered AS ({_register([':' + c for c in rows.PERSON_COLUMNS])}) "
    f"INSERT INTO people ({', '.join(rows.PERSON_COLUMNS)}) "
    f"VALUES ({', '.join(':' + c for c in rows.PERSON_COLUMNS)}) RETURNING id"
).bindparams(*_TYPED)


def save_person(session: Session, person: Person, now: datetime) -> int:
    """Record a person as the dossier gives them (a new row every time) and bring the
    registry up to date; returns the recorded row's id."""
    values = rows.values(rows.PERSON_COLUMNS, rows.person_row(person, now))
    connection = session.connection()
    if person.id_number:
        if connection.dialect.name == "postgresql":
            return int(connection.execute(_REGISTER_AND_SAVE, values).scalar_one())
        connection.execute(_REGISTER, values)
    return int(connection.execute(INSERT_PERSON, values).scalar_one())


def register_people(connection: Connection, people: list[Sequence[Any]]) -> None:
    """Bring the registry up to date with many records at once, in order, as
    ``save_person`` does one by one (the bulk load): each is a ``person_row`` in the
    driver's form (``store.bulk.SqlValues``), with an ID number. Sent to the driver as
    they are: a million rows through SQLAlchemy's parameter handling cost seconds."""
    if people:
        marker = "?" if connection.dialect.paramstyle == "qmark" else "%s"
        connection.exec_driver_sql(_register([marker] * len(rows.PERSON_COLUMNS)), people)


def find_person_by_id_number(session: Session, id_number: str) -> Person | None:
    """What the office knows of the person with this ID number (the registry)."""
    row = session.execute(select(_KNOWN).where(_KNOWN.c.id_number == id_number)).first()
    return rows.person_from_row(row) if row else None
