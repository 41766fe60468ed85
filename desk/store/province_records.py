"""The province's view of dossiers (``ProvinceRecord``), read straight from the rows for
the sync push and the export, which read them by the hundred thousand.

A record holds only what the province's item is made of, so a batch reads five narrow
statements on the driver's own cursor (``desk.store.raw_reads``) and builds no domain
objects: a whole ``Dossier`` with its people, documents, fees and history costs several
times the item it becomes (docs/performance.md, issue 16). The item itself is mapped in
one place, ``desk.sync.items.province_item``, from a record read here or made from a whole
dossier (``record_of``); tests/store/test_batch_loading.py checks that both give the same
items, on both engines.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from datetime import date
from typing import Any

from sqlalchemy import BindParameter, Connection, Select, Table, bindparam, select
from sqlalchemy.orm import Session

from desk.domain.dossier import OWNER_ROLE, ApplicantKind, Channel, owner_or_applicant
from desk.domain.outbox import ProvinceRecord
from desk.domain.status import Status
from desk.store.raw_reads import BatchRead
from desk.store.rows import member
from desk.store.tables import DOCUMENTS as _DOCUMENTS
from desk.store.tables import DOSSIERS as _DOSSIERS
from desk.store.tables import EVENTS as _EVENTS
from desk.store.tables import FEES as _FEES
from desk.store.tables import PARTIES as _PARTIES
from desk.store.tables import PEOPLE as _PEOPLE

_IDS: BindParameter[Any] = bindparam("ids", expanding=True)
_FORM_DATA = 22  # the dossier row's last column, read only to tell a damaged value


def _children(table: Table, columns: Sequence[str], order: str) -> Select[Any]:
    return (
        select(table.c.dossier_id, *(table.c[name] for name in columns))
        .where(table.c.dossier_id.in_(_IDS))
        .order_by(table.c.dossier_id, table.c[order])
    )


_RECORDS = BatchRead(
    select(
        *(
            _DOSSIERS.c[name]
            for name in (
                "id",
                "code",
                "revision",
                "procedure_code",
                "procedure_name",
                "field_code",
                "field_name",
                "channel",
                "applicant_name",
                "applicant_id_number",
                "applicant_kind",
                "applicant_phone",
                "applicant_email",
                "summary",
                "received_at",
                "due_at",
                "rescheduled_due_at",
                "status",
                "returned_at",
                "finished_at",
                "lead_unit",
                "note",
                # Not in the item: read so that a damaged value is told, as the whole
                # dossier's loader tells it, and a damaged office is not exported without
                # a word (then dropped, see _records).
                "form_data",
            )
        )
    )
    .where(_DOSSIERS.c.id.in_(_IDS))
    .order_by(_DOSSIERS.c.code),
    {
        "received_at": "province_time",
        "due_at": "province_time",
        "rescheduled_due_at": "province_time",
        "returned_at": "province_time",
        "finished_at": "province_time",
        "form_data": "json_check",
    },
)
# The first owner named among a dossier's people, as ``Dossier.owner`` takes it.
_OWNERS = BatchRead(
    select(_PARTIES.c.dossier_id, _PEOPLE.c.full_name, _PEOPLE.c.id_number)
    .join(_PEOPLE, _PEOPLE.c.id == _PARTIES.c.person_id)
    .where(_PARTIES.c.dossier_id.in_(_IDS), _PARTIES.c.role == OWNER_ROLE)
    .order_by(_PARTIES.c.dossier_id, _PARTIES.c.position)
)
_DOCUMENTS_READ = BatchRead(
    _children(_DOCUMENTS, ("name", "code", "attachment_sha256"), "position")
)
_FEES_READ = BatchRead(_children(_FEES, ("name", "amount", "method"), "id"))
_EVENTS_READ = BatchRead(
    _children(_EVENTS, ("actor_name", "actor_title", "at", "note", "to_status", "detail"), "id"),
    {"at": "province_time", "detail": "json_check"},  # the detail, as the form data: to tell damage
)


def load_province_records(session: Session, ids: Sequence[int]) -> list[ProvinceRecord]:
    """The records of these dossiers, in code order."""
    if not ids:
        return []
    connection = session.connection()
    return _records(connection, ids)


def _records(connection: Connection, ids: Sequence[int]) -> list[ProvinceRecord]:
    # The dossiers' rows first: outside a snapshot (a sync's read on PostgreSQL), a change
    # committed between two statements then shows only in what is read after the revision,
    # and that newer revision is queued, so sent again; read last, the revision could name
    # content older than its own, and the province would keep it.
    dossier_rows = _RECORDS.rows(connection, ids)
    # Grouped by dossier in lists made once a dossier (``setdefault`` makes one a row).
    documents: defaultdict[int, list[tuple[str, str, str]]] = defaultdict(list)
    for dossier_id, name, code, sha256 in _DOCUMENTS_READ.rows(connection, ids):
        documents[dossier_id].append((name, code, sha256 or ""))
    fees: defaultdict[int, list[tuple[str, int, str]]] = defaultdict(list)
    for dossier_id, name, amount, method in _FEES_READ.rows(connection, ids):
        fees[dossier_id].append((name, amount, method))
    events: defaultdict[int, list[tuple[Any, ...]]] = defaultdict(list)
    for dossier_id, actor, title, at, note, to_status, _detail in _EVENTS_READ.rows(
        connection, ids
    ):
        events[dossier_id].append((actor, title, at, note, member(Status, to_status)))
    owners: dict[int, tuple[str, str]] = {}
    for dossier_id, name, id_number in _OWNERS.rows(connection, ids):
        owners.setdefault(dossier_id, (name, id_number))
    # A record made as ``_make`` makes it, without its per-call check of the length (the
    # row's length is the statement's, fixed).
    new = tuple.__new__
    records = []
    for row in dossier_rows:
        dossier_id = row[0]
        del row[_FORM_DATA]
        row[8:10] = owner_or_applicant(owners.get(dossier_id), (row[8], row[9]))
        row[7] = member(Channel, row[7])
        row[10] = member(ApplicantKind, row[10])
        row[17] = member(Status, row[17])
        row.append(documents.get(dossier_id) or [])
        row.append(fees.get(dossier_id) or [])
        row.append(events.get(dossier_id) or [])
        records.append(new(ProvinceRecord, row))
    return records


def iter_province_records(
    session: Session, *, since: date | None = None, batch_size: int = 500
) -> Iterator[ProvinceRecord]:
    """Every dossier's record in code order, ``batch_size`` at a time: the ids come from
    one query read as it goes (a server-side cursor on PostgreSQL), as
    ``dossier_loading.iter_dossiers`` reads them."""
    stmt = select(_DOSSIERS.c.id).order_by(_DOSSIERS.c.code)
    if since is not None:
        stmt = stmt.where(_DOSSIERS.c.received_day >= since)
    connection = session.connection()
    ids = connection.execute(stmt.execution_options(yield_per=batch_size))
    for batch in ids.partitions():
        # A batch is a run of the code order, and each batch is read in code order.
        yield from _records(connection, [row[0] for row in batch])
