"""The provincial sync's send path in SQL: the outbox, the batches, the answers.
(The needs-attention list, the feed cursor, the files and the runs: ``sync_records``.)

It is crash-safe by construction:

- a batch is written (id, exact body, the revisions it carries) before it is sent, so a
  resend after a crash or a lost reply uses the same ``Idempotency-Key`` and body;
- an answer removes an outbox entry only while it still holds the revision that was sent
  (compare-and-delete), so a dossier edited while its batch was in flight is sent again.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from typing import Any, NamedTuple, cast

from sqlalchemy import Table, bindparam, delete, func, select, text, update
from sqlalchemy.orm import Session

from desk.domain.dossier import Dossier
from desk.domain.outbox import AttentionItem, AttentionKind, ProvinceRecord, SyncResult
from desk.errors import NotFound
from desk.store import counts as store_counts
from desk.store import dossiers as store_dossiers
from desk.store import driver, province_records, sync_records
from desk.store.models import (
    Base,
    DossierRow,
    Instant,
    OutboxRow,
    SyncBatchItemRow,
    SyncBatchRow,
    SyncFileRow,
    SyncResultRow,
)
from desk.store.raw_reads import BatchRead


def _table(model: type[Base]) -> Table:
    return cast(Table, model.__table__)


# --- records returned (the needs-attention items and runs are the domain's) ---------------
# The push makes several hundred of the three below a batch, on the run's thread: named
# tuples, as immutable as a frozen dataclass at a third of its cost to make (a frozen
# dataclass sets each field through ``object.__setattr__``; docs/performance.md).


class OutboxEntry(NamedTuple):
    dossier_id: int
    code: str
    revision: int


class BatchItemRef(NamedTuple):
    position: int
    dossier_id: int
    code: str
    revision: int


@dataclass(frozen=True, slots=True)
class PendingBatch:
    seq: int
    batch_id: str
    body: str
    attempts: int
    items: tuple[BatchItemRef, ...]


class ItemAnswer(NamedTuple):
    dossier_id: int
    code: str
    revision: int
    result: SyncResult
    message: str


@dataclass
class AppliedAnswers:
    counts: dict[SyncResult, int] = field(default_factory=dict)
    # Entries whose outbox row held a newer revision: edited while in flight.
    edited_in_flight: list[str] = field(default_factory=list)
    attention: list[AttentionItem] = field(default_factory=list)


# --- the outbox -------------------------------------------------------------------------

_OUTBOX = _table(OutboxRow)
_DOSSIERS = _table(DossierRow)


_NEXT_ENTRIES = (
    "SELECT outbox.dossier_id, dossiers.code, outbox.revision FROM outbox "
    "JOIN dossiers ON dossiers.id = outbox.dossier_id WHERE dossiers.code > {m}{excluded} "
    "ORDER BY dossiers.code LIMIT {m}"
)


def next_outbox_entries(
    session: Session, *, after_code: str, limit: int, exclude_ids: Iterable[int] = ()
) -> list[OutboxEntry]:
    """The next queued dossiers in code order, with the revision the outbox holds (the
    driver's cursor: through SQLAlchemy, its rows cost as much as a batch's other reads)."""
    statements = driver.Statements(session)
    m, excluded = statements.marker, list(exclude_ids)
    held_back = f" AND outbox.dossier_id NOT IN ({', '.join([m] * len(excluded))})"
    sql = _NEXT_ENTRIES.format(m=m, excluded=held_back if excluded else "")
    rows = statements.run(sql, [after_code, *excluded, limit])
    return [OutboxEntry(int(i), str(c), int(r)) for i, c, r in rows]


def count_outbox(session: Session) -> int:
    return store_counts.count_outbox(session)


def load_dossiers(session: Session, ids: Sequence[int]) -> list[Dossier]:
    """Full dossiers in code order (the push builds a hundred of them per batch)."""
    return store_dossiers.load_dossiers(session, ids)


def load_province_records(session: Session, ids: Sequence[int]) -> list[ProvinceRecord]:
    """What the province's items of these dossiers are made of, in code order."""
    return province_records.load_province_records(session, ids)


def dossier_ids_by_code(session: Session, codes: Iterable[str]) -> dict[str, int]:
    wanted = list(set(codes))
    if not wanted:
        return {}
    return {
        str(code): int(i)
        for code, i in session.execute(
            select(DossierRow.code, DossierRow.id).where(DossierRow.code.in_(wanted))
        )
    }


def requeue_current_revision(session: Session, dossier_id: int, now: datetime) -> int:
    """Queue the dossier's current revision again (a resend a supervisor asked for)."""
    revision = session.scalar(select(DossierRow.revision).where(DossierRow.id == dossier_id))
    if revision is None:
        raise NotFound(f"Không có hồ sơ số {dossier_id}.", code="sync.dossier")
    store_dossiers.queue_for_sync(session, dossier_id, int(revision), now)
    return int(revision)


_REQUEUE_ALL = text(
    # "WHERE true": SQLite needs it to read ON CONFLICT after INSERT … SELECT.
    "INSERT INTO outbox (dossier_id, revision, queued_at) "
    "SELECT id, revision, :queued_at FROM dossiers WHERE true "
    "ON CONFLICT (dossier_id) "
    "DO UPDATE SET revision = excluded.revision, queued_at = excluded.queued_at"
).bindparams(bindparam("queued_at", type_=Instant()))


@dataclass(frozen=True, slots=True)
class Forgotten:
    requeued: int  # dossiers whose current revision is queued again
    batches_dropped: int  # pending batches made for the store the desk knew before
    files_forgotten: int  # files the desk thought the province held


def forget_province(session: Session, now: datetime) -> Forgotten:
    """What the desk knew of the province's store no longer holds (a new store): pending
    batches go (their dossiers are still in the outbox: an unanswered batch never removed
    an entry, so they are made again from the current revisions), the files it was known
    to hold are forgotten, and every dossier's current revision is queued again."""
    dropped = count_pending_batches(session)
    session.execute(delete(_BATCH_ITEMS))
    session.execute(delete(_BATCHES))
    files = int(session.scalar(select(func.count()).select_from(SyncFileRow)) or 0)
    session.execute(delete(SyncFileRow))
    session.connection().execute(_REQUEUE_ALL, {"queued_at": now})
    return Forgotten(count_outbox(session), dropped, files)


# --- batches ----------------------------------------------------------------------------

_BATCHES = _table(SyncBatchRow)
_BATCH_ITEMS = _table(SyncBatchItemRow)
_BATCH_COLUMNS = ("batch_id", "body", "item_count", "created_at", "attempts")
_BATCH_ITEM_COLUMNS = ("batch_seq", "position", "dossier_id", "code", "revision")


def save_batch(
    session: Session, batch_id: str, body: str, items: Sequence[OutboxEntry], now: datetime
) -> int:
    """Write a batch before it is sent; returns its place in the sending order. On the
    driver's cursor, the row's values as the columns' types give them (``last_error`` the
    column's default): through SQLAlchemy, a batch's write cost ~0.15 ms more, on the run's thread
    between an answer and the next send."""
    statements = driver.Statements(session)
    m = statements.marker
    seq = int(
        statements.value(
            driver.insert_sql("sync_batches", _BATCH_COLUMNS, m, "seq"),
            (batch_id, body, len(items), statements.form.instant(now), 0),
        )
    )
    rows = [(seq, n, item.dossier_id, item.code, item.revision) for n, item in enumerate(items)]
    if rows:
        statements.many(driver.insert_sql("sync_batch_items", _BATCH_ITEM_COLUMNS, m), rows)
    return seq


def _many(session: Session, sql: str, rows: Sequence[tuple[Any, ...]]) -> None:
    """``sql`` (markers written ``{m}``) for each of ``rows`` (the driver's values) on the
    session's DBAPI connection: through SQLAlchemy, a batch's answers cost 2.6× the CPU."""
    if not rows:
        return
    statements = driver.Statements(session)
    statements.many(_sql(sql, statements.marker), rows)


@lru_cache(maxsize=32)
def _sql(sql: str, marker: str) -> str:
    return sql.format(m=marker)


def pending_batches(session: Session) -> list[PendingBatch]:
    """Batches written but not answered yet, in the order they must go."""
    batches = list(session.execute(select(_BATCHES).order_by(_BATCHES.c.seq)))
    if not batches:
        return []
    items: dict[int, list[BatchItemRef]] = {int(b.seq): [] for b in batches}
    for row in session.execute(
        select(_BATCH_ITEMS).order_by(_BATCH_ITEMS.c.batch_seq, _BATCH_ITEMS.c.position)
    ):
        items[int(row.batch_seq)].append(
            BatchItemRef(int(row.position), int(row.dossier_id), str(row.code), int(row.revision))
        )
    return [
        PendingBatch(int(b.seq), str(b.batch_id), str(b.body), int(b.attempts), tuple(items[b.seq]))
        for b in batches
    ]


def count_pending_batches(session: Session) -> int:
    return int(session.scalar(select(func.count()).select_from(_BATCHES)) or 0)


def note_attempt(
    session: Session, seq: int, *, error: str = "", now: datetime | None = None
) -> None:
    """A send of the batch failed: counted in the database, so across runs."""
    values: dict[str, object] = {"attempts": _BATCHES.c.attempts + 1, "last_error": error}
    if now is not None:
        values["last_attempt_at"] = now
    session.execute(update(_BATCHES).where(_BATCHES.c.seq == seq).values(**values))


@dataclass(frozen=True, slots=True)
class BatchStatus:
    """A pending batch as a supervisor sees it (not its body)."""

    seq: int
    batch_id: str
    items: int
    attempts: int
    last_error: str
    created_at: datetime
    last_attempt_at: datetime | None
    codes: tuple[str, ...]  # the first few dossiers it carries


def batch_statuses(session: Session, *, codes_shown: int = 5) -> list[BatchStatus]:
    """Every pending batch, in sending order."""
    rows = list(
        session.execute(
            select(
                SyncBatchRow.seq,
                SyncBatchRow.batch_id,
                SyncBatchRow.item_count,
                SyncBatchRow.attempts,
                SyncBatchRow.last_error,
                SyncBatchRow.created_at,
                SyncBatchRow.last_attempt_at,
            ).order_by(SyncBatchRow.seq)
        )
    )
    codes: dict[int, list[str]] = {int(r.seq): [] for r in rows}
    if rows:
        for seq, code in session.execute(
            select(_BATCH_ITEMS.c.batch_seq, _BATCH_ITEMS.c.code)
            .where(_BATCH_ITEMS.c.position < codes_shown)
            .order_by(_BATCH_ITEMS.c.batch_seq, _BATCH_ITEMS.c.position)
        ):
            codes[int(seq)].append(str(code))
    return [
        BatchStatus(
            int(r.seq),
            str(r.batch_id),
            int(r.item_count),
            int(r.attempts),
            str(r.last_error or ""),
            r.created_at,
            r.last_attempt_at,
            tuple(codes[int(r.seq)]),
        )
        for r in rows
    ]


def set_aside(session: Session, batch: PendingBatch) -> list[BatchItemRef]:
    """Take a batch out of the sending order for good: the batch goes, and so do the
    outbox entries still holding the revisions it carries (a dossier edited since keeps
    its newer entry and is sent as usual). Returns the items set aside."""
    _many(session, _COMPARE_AND_DELETE, [(i.dossier_id, i.revision) for i in batch.items])
    _drop_batch(session, batch.seq)
    return list(batch.items)


def _drop_batch(session: Session, seq: int) -> None:
    _many(session, "DELETE FROM sync_batch_items WHERE batch_seq = {m}", [(seq,)])
    _many(session, "DELETE FROM sync_batches WHERE seq = {m}", [(seq,)])


def replace_batch(
    session: Session,
    seq: int,
    parts: Sequence[tuple[str, str, Sequence[OutboxEntry]]],
    now: datetime,
) -> list[int]:
    """Swap a batch the server refused as too large (413, nothing stored) for smaller ones.

    The parts keep the items' order; they go before every batch written later."""
    _drop_batch(session, seq)
    return [save_batch(session, batch_id, body, items, now) for batch_id, body, items in parts]


_UPSERT_RESULT = (
    "INSERT INTO sync_results (dossier_id, revision, result, message, batch_id, answered_at) "
    "VALUES ({m}, {m}, {m}, {m}, {m}, {m}) "
    "ON CONFLICT (dossier_id, revision) DO UPDATE SET result = excluded.result, "
    "message = excluded.message, batch_id = excluded.batch_id, "
    "answered_at = excluded.answered_at"
)
_COMPARE_AND_DELETE = "DELETE FROM outbox WHERE dossier_id = {m} AND revision = {m}"
# What the outbox holds of the dossiers answered (``raw_reads``: ids first).
_OUTBOX_HELD = BatchRead(
    select(_OUTBOX.c.dossier_id, _OUTBOX.c.revision).where(
        _OUTBOX.c.dossier_id.in_(bindparam("ids", expanding=True))
    )
)


def apply_answers(
    session: Session,
    batch: PendingBatch,
    answers: Sequence[ItemAnswer],
    now: datetime,
) -> AppliedAnswers:
    """Record the province's answer for each revision of the batch and settle the outbox.

    Every answer is final for the revision it names; the outbox entry goes only if it still
    holds that revision (``SyncResult.is_final``). Those that need attention (conflicts and
    rejections) join the needs-attention list."""
    applied = settle_answers(session, batch.batch_id, answers, now)
    _drop_batch(session, batch.seq)
    return applied


def settle_answers(
    session: Session, batch_id: str, answers: Sequence[ItemAnswer], now: datetime
) -> AppliedAnswers:
    """``apply_answers`` without a batch: also for a revision the desk itself refuses to
    send (``batch_id`` ""), e.g. an item over the province's 1 MB."""
    applied = AppliedAnswers()
    connection = session.connection()
    answered_at = driver.form(connection.dialect).instant(now)
    _many(
        session,
        _UPSERT_RESULT,
        [
            (a.dossier_id, a.revision, a.result.value, a.message, batch_id, answered_at)
            for a in answers
        ],
    )
    for answer in answers:
        applied.counts[answer.result] = applied.counts.get(answer.result, 0) + 1
    final = [a for a in answers if a.result.is_final]
    if final:
        _many(session, _COMPARE_AND_DELETE, [(a.dossier_id, a.revision) for a in final])
        # What is left holds a newer revision: edited while in flight, sent again.
        left: dict[int, int] = {
            int(d): int(r) for d, r in _OUTBOX_HELD.rows(connection, [a.dossier_id for a in final])
        }
        applied.edited_in_flight.extend(
            a.code for a in final if a.dossier_id in left and left[a.dossier_id] > a.revision
        )
    for answer in answers:
        if answer.result.needs_attention:
            item = sync_records.add_attention(
                session,
                kind=AttentionKind.for_result(answer.result),
                dossier_id=answer.dossier_id,
                code=answer.code,
                revision=answer.revision,
                reason=answer.message or answer.result.default_reason,
                detail={"batch_id": batch_id},
                now=now,
            )
            if item is not None:
                applied.attention.append(item)
    return applied


def results_for(session: Session, dossier_id: int) -> list[tuple[int, SyncResult, str]]:
    """(revision, ketqua, message) of every answered revision of a dossier, oldest first."""
    return [
        (int(r), SyncResult(k), str(m))
        for r, k, m in session.execute(
            select(SyncResultRow.revision, SyncResultRow.result, SyncResultRow.message)
            .where(SyncResultRow.dossier_id == dossier_id)
            .order_by(SyncResultRow.revision)
        )
    ]


def count_results(session: Session) -> dict[SyncResult, int]:
    return {
        SyncResult(k): int(n)
        for k, n in session.execute(
            select(SyncResultRow.result, func.count()).group_by(SyncResultRow.result)
        )
    }
