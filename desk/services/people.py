"""People the office already knows: offered again by ID number, so nothing is asked twice."""

from __future__ import annotations

from desk.domain import limits
from desk.domain.access import Permission
from desk.domain.dossier import Person
from desk.errors import InvalidInput
from desk.services.context import DeskContext
from desk.store import people as store_people


def known_person(ctx: DeskContext, id_number: str) -> Person | None:
    """The latest record of the person with this 12-digit ID number, if any."""
    ctx.require(Permission.SEARCH)
    try:
        number = limits.ID_NUMBER.check(id_number)
    except InvalidInput:
        return None
    if not number:
        return None
    with ctx.db.read() as session:
        return store_people.find_person_by_id_number(session, number)
