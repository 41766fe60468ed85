"""People the office already knows: offered again by ID number, so nothing is asked twice."""

from __future__ import annotations

import re

from desk.domain.access import Permission
from desk.domain.dossier import Person
from desk.services.context import DeskContext
from desk.store import people as store_people

_ID_NUMBER = re.compile(r"^\d{12}$")


def known_person(ctx: DeskContext, id_number: str) -> Person | None:
    """The latest record of the person with this 12-digit ID number, if any."""
    ctx.require(Permission.SEARCH)
    number = id_number.replace(" ", "")
    if not _ID_NUMBER.match(number):
        return None
    with ctx.db.read() as session:
        return store_people.find_person_by_id_number(session, number)
