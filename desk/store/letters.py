"""The People's Committee's letters about dossiers (forms 04 and 05): issuing one draws
its number from the per-year counter of its kind and records it, in the caller's
transaction, so a rolled-back issue gives its number back."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import insert, select

from desk.domain.calendar import to_office_time
from desk.domain.letters import Letter, counter_kind
from desk.store.counters import next_yearly_number
from desk.store.tables import LETTERS

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


def issue_letter(
    session: Session,
    *,
    dossier_id: int,
    kind: str,
    issued_at: datetime,
    issued_by_name: str,
    issued_by_user_id: int | None = None,
    detail: Mapping[str, Any] | None = None,
) -> Letter:
    """Number a new letter of ``kind`` in the office year of ``issued_at`` and record it."""
    year = to_office_time(issued_at).year
    letter = Letter(
        dossier_id=dossier_id,
        kind=kind,
        year=year,
        number=next_yearly_number(session, counter_kind(kind), year),
        issued_at=issued_at,
        issued_by_name=issued_by_name,
        issued_by_user_id=issued_by_user_id,
        detail=dict(detail or {}),
    )
    session.execute(insert(LETTERS).values(**_letter_values(letter)))
    return letter


def letters_of(session: Session, dossier_id: int) -> list[Letter]:
    """The dossier's letters, in the order they were issued."""
    found = session.execute(
        select(LETTERS).where(LETTERS.c.dossier_id == dossier_id).order_by(LETTERS.c.id)
    )
    return [_letter_from_row(row) for row in found]


def _letter_values(letter: Letter) -> dict[str, Any]:
    return {
        "dossier_id": letter.dossier_id,
        "kind": letter.kind,
        "year": letter.year,
        "number": letter.number,
        "issued_at": letter.issued_at,
        "issued_by_user_id": letter.issued_by_user_id,
        "issued_by_name": letter.issued_by_name,
        "detail": dict(letter.detail),
    }


def _letter_from_row(row: Any) -> Letter:
    return Letter(
        dossier_id=row.dossier_id,
        kind=row.kind,
        year=row.year,
        number=row.number,
        issued_at=row.issued_at,
        issued_by_name=row.issued_by_name,
        issued_by_user_id=row.issued_by_user_id,
        detail=dict(row.detail or {}),
    )
