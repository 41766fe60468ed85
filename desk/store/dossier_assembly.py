"""Whole dossiers from the rows of the loader's six flat statements, without SQLAlchemy:
the store reads them on the driver's cursor (``dossier_loading.load_dossiers``) and the
print path on sqlite3 alone (``desk.store.plain``), and both assemble them here."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from desk.domain.dossier import Dossier, Party
from desk.store import rows

# ``read(which, ids)``: the rows of the loader's statement ``which`` ("dossiers",
# "applicants", "documents", "fees", "events", "parties") for ``ids``, typed columns
# converted, the dossier's (or the person's) id first.
Read = Callable[[str, Sequence[int]], Sequence[Sequence[Any]]]
T = TypeVar("T")


def assembled(read: Read, ids: Sequence[int]) -> list[Dossier]:
    """The dossiers ``ids`` (not empty), in code order."""
    dossier_rows = read("dossiers", ids)
    documents = _by_dossier(read("documents", ids), rows.document_from_values)
    fees = _by_dossier(read("fees", ids), rows.fee_from_values)
    events = _by_dossier(read("events", ids), rows.event_from_values)
    parties = _by_dossier(read("parties", ids), _party)
    # The first two of DOSSIER_READ_COLUMNS: the dossier's id and its applicant's.
    person_ids = list({row[1] for row in dossier_rows} - {None})
    applicants = {row[0]: row[1:] for row in read("applicants", person_ids)} if person_ids else {}
    return [
        rows.dossier_from_values(
            row,
            applicant=applicants.get(row[1]),
            documents=documents.get(row[0]) or [],
            fees=fees.get(row[0]) or [],
            parties=parties.get(row[0]) or [],
            events=events.get(row[0]) or [],
        )
        for row in dossier_rows
    ]


def _party(values: Sequence[Any]) -> Party:
    return Party(values[1], rows.person_from_values(values[2:]))


def _by_dossier(
    fetched: Sequence[Sequence[Any]], make: Callable[[Sequence[Any]], T]
) -> dict[int, list[T]]:
    """Rows (``dossier_id`` first, in order) grouped by dossier, ``make`` turning each into
    a value. A dossier that carries nothing has no entry."""
    grouped: dict[int, list[T]] = {}
    for row in fetched:
        values = grouped.get(row[0])
        if values is None:
            grouped[row[0]] = values = []
        values.append(make(row))
    return grouped
