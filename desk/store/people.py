"""People on dossiers, and the registry of people known to the office.

A dossier keeps each person as recorded at its intake (``people``: written once, never
changed; triggers refuse it). The registry (``known_people``) holds the newest details
given for each ID number, so the desk never asks twice; updating it changes no dossier.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, select

from desk.domain.dossier import Person
from desk.store import driver, rows
from desk.store.tables import KNOWN_PEOPLE as _KNOWN

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

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


@lru_cache(maxsize=8)
def _save_statements(marker: str, postgres: bool) -> tuple[str | None, str]:
    """Recording a person, as the driver's SQL text: (the registry's upsert to run first,
    or None; the record's insert returning its id). Sent as they
    are, they skip SQLAlchemy's statement handling on every dossier received. On
    PostgreSQL both are one statement (one round trip; a data-modifying WITH runs whether
    or not the rest reads it), which takes the values twice."""
    markers = [marker] * len(rows.PERSON_COLUMNS)
    record = (
        f"INSERT INTO people ({', '.join(rows.PERSON_COLUMNS)}) "
        f"VALUES ({', '.join(markers)}) RETURNING id"
    )
    if postgres:
        return None, f"WITH registered AS ({_register(markers)}) {record}"
    return _register(markers), record


def save_person(
    bind: Session | Connection | driver.Statements, person: Person, now: datetime
) -> int:
    """Record a person as the dossier gives them (a new row every time) and bring the
    registry up to date; returns the recorded row's id."""
    statements = driver.statements_of(bind)
    values = rows.person_row(person, now, statements.form)
    if not person.id_number:
        _, record = _save_statements(statements.marker, False)
        return int(statements.value(record, values))
    register, record = _save_statements(statements.marker, statements.postgres)
    if register is None:
        return int(statements.value(record, values + values))
    statements.run(register, values)
    return int(statements.value(record, values))


def register_people(connection: Connection, people: list[Sequence[Any]]) -> None:
    """Bring the registry up to date with many records at once, in order, as
    ``save_person`` does one by one (the bulk load): each is a ``person_row`` in the
    driver's form (``store.driver.SqlValues``), with an ID number. Sent to the driver as
    they are: a million rows through SQLAlchemy's parameter handling cost seconds."""
    if people:
        mark = driver.marker(connection.dialect)
        connection.exec_driver_sql(_register([mark] * len(rows.PERSON_COLUMNS)), people)


def find_person_by_id_number(session: Session, id_number: str) -> Person | None:
    """What the office knows of the person with this ID number (the registry)."""
    row = session.execute(select(_KNOWN).where(_KNOWN.c.id_number == id_number)).first()
    return rows.person_from_row(row) if row else None
