"""The one mapping of dossiers to rows, read back: what is written comes back unchanged.

No database here: each row is turned into what a query returns (values by column name),
so the mapping is checked on its own; tests/store/test_dossier_services.py and
test_demo_bulk.py check it against SQLite and PostgreSQL.
"""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace
from typing import Any

from desk.domain.dossier import Actor, Dossier, Party
from desk.domain.status import Status
from desk.store import rows
from tests.unit.printing_factories import at, birth_dossier

NOW = at(birth_dossier().received_at.date(), 10, 15)


def _read(columns: tuple[str, ...], row: rows.Row, **extra: Any) -> SimpleNamespace:
    """The row as a query gives it back."""
    return SimpleNamespace(**rows.values(columns, row), **extra)


def _round_trip(dossier: Dossier) -> Dossier:
    applicant_id, people = 50, {}
    for number, party in enumerate(dossier.parties, start=applicant_id + 1):
        people[number] = _read(rows.PERSON_COLUMNS, rows.person_row(party.person, NOW), id=number)
    dossier_row = rows.dossier_row(dossier, applicant_id, 3, NOW)
    party_rows = rows.party_rows(
        dossier.id,
        applicant_id,
        [(p.role, n) for n, p in zip(people, dossier.parties, strict=True)],
    )
    parties = []
    for party_row in party_rows[1:]:
        read = _read(rows.PARTY_COLUMNS, party_row)
        parties.append(Party(read.role, rows.person_from_row(people[read.person_id])))
    return rows.dossier_from_row(
        _read(rows.DOSSIER_COLUMNS, dossier_row, id=dossier.id),
        applicant=_read(rows.PERSON_COLUMNS, rows.person_row(dossier.applicant, NOW)),
        documents=[
            rows.document_from_row(_read(rows.DOCUMENT_COLUMNS, r))
            for r in rows.document_rows(dossier.id, dossier.documents)
        ],
        fees=[
            rows.fee_from_row(_read(rows.FEE_COLUMNS, r))
            for r in rows.fee_rows(dossier.id, dossier.fees)
        ],
        parties=parties,
        events=[
            rows.event_from_row(_read(rows.EVENT_COLUMNS, rows.event_row(dossier.id, e)))
            for e in dossier.events
        ],
    )


def test_a_dossier_comes_back_from_its_rows_as_it_went_in() -> None:
    dossier = birth_dossier()
    clerk = Actor("Lê Thị Hồng Nhung", "Công chức Tư pháp - Hộ tịch", user_id=3)
    dossier.reschedule(
        at(date(2026, 11, 27), 17, 0),
        "Chờ xác minh",
        at=NOW,
        actor=clerk,
        fault_reason="Cán bộ nghỉ ốm, không báo trước được",  # less than a day's notice
    )
    assert dossier.events[-1].detail  # the structured detail goes down and comes back
    back = _round_trip(dossier)
    assert back == dossier
    assert rows.code_text(dossier.code) == str(dossier.code)


def test_a_change_rewrites_only_the_state_columns() -> None:
    dossier = birth_dossier()
    before = rows.values(rows.DOSSIER_COLUMNS, rows.dossier_row(dossier, 50, 3, NOW))
    dossier.status, dossier.revision, dossier.note = Status.PROCESSING, 2, "Đã chuyển"
    dossier.paused_at = dossier.finished_at = NOW
    after = rows.values(rows.DOSSIER_COLUMNS, rows.dossier_row(dossier, 50, 3, NOW))
    changed = {column for column in rows.DOSSIER_COLUMNS if before[column] != after[column]}
    assert changed == {"status", "revision", "note", "paused_at", "finished_at"}
    assert changed <= set(rows.DOSSIER_STATE_COLUMNS)
    state = rows.values(rows.DOSSIER_STATE_COLUMNS, rows.dossier_state_row(dossier, NOW))
    assert state == {column: after[column] for column in rows.DOSSIER_STATE_COLUMNS}
