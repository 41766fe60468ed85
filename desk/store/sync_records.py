"""What the provincial sync keeps beside its send path (``sync_repository``), in SQL: the
needs-attention list, small durable values (the feed cursor), the scanned files the
province is known to hold, and the runs with their reports."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from desk.domain.outbox import AttentionItem, AttentionKind, RunOutcome, RunRecord
from desk.store.models import (
    DossierDocumentRow,
    DossierRow,
    OutboxRow,
    SyncAttentionRow,
    SyncFileRow,
    SyncLockRow,
    SyncRunRow,
    SyncStateRow,
)

# --- the needs-attention list -----------------------------------------------------------


def _attention(row: SyncAttentionRow) -> AttentionItem:
    return AttentionItem(
        id=row.id,
        kind=AttentionKind(row.kind),
        code=row.code,
        revision=row.revision,
        reason=row.reason,
        created_at=row.created_at,
        dossier_id=row.dossier_id,
        detail=dict(row.detail or {}),
        resolved_at=row.resolved_at,
        resolved_by=row.resolved_by,
        resolution=row.resolution,
    )


def add_attention(
    session: Session,
    *,
    kind: AttentionKind,
    dossier_id: int | None,
    code: str,
    revision: int | None,
    reason: str,
    detail: dict[str, Any],
    now: datetime,
) -> AttentionItem | None:
    """Add an item unless the same open item (kind, dossier, revision, reason) exists."""
    existing = session.scalars(
        select(SyncAttentionRow).where(
            SyncAttentionRow.kind == kind,
            SyncAttentionRow.code == code,
            SyncAttentionRow.resolved_at.is_(None),
            SyncAttentionRow.revision.is_(None)
            if revision is None
            else SyncAttentionRow.revision == revision,
            SyncAttentionRow.reason == reason,
        )
    ).first()
    if existing is not None:
        return None
    row = SyncAttentionRow(
        kind=kind,
        dossier_id=dossier_id,
        code=code,
        revision=revision,
        reason=reason,
        detail=detail,
        created_at=now,
        resolved_at=None,
        resolved_by="",
        resolution="",
    )
    session.add(row)
    session.flush()
    return _attention(row)


def open_attention(session: Session, *, limit: int = 1000) -> list[AttentionItem]:
    rows = session.scalars(
        select(SyncAttentionRow)
        .where(SyncAttentionRow.resolved_at.is_(None))
        .order_by(SyncAttentionRow.id)
        .limit(limit)
    )
    return [_attention(r) for r in rows]


def count_open_attention(session: Session) -> int:
    return int(
        session.scalar(
            select(func.count())
            .select_from(SyncAttentionRow)
            .where(SyncAttentionRow.resolved_at.is_(None))
        )
        or 0
    )


def get_attention(session: Session, item_id: int) -> AttentionItem | None:
    row = session.get(SyncAttentionRow, item_id)
    return _attention(row) if row is not None else None


def resolve_attention(
    session: Session, item_id: int, *, by: str, resolution: str, now: datetime
) -> bool:
    result = session.execute(
        update(SyncAttentionRow)
        .where(SyncAttentionRow.id == item_id, SyncAttentionRow.resolved_at.is_(None))
        .values(resolved_at=now, resolved_by=by, resolution=resolution)
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]


# --- small durable values ---------------------------------------------------------------


def get_state(session: Session, key: str) -> str | None:
    return session.scalar(select(SyncStateRow.value).where(SyncStateRow.key == key))


def set_state(session: Session, key: str, value: str, now: datetime) -> None:
    updated = session.execute(
        update(SyncStateRow).where(SyncStateRow.key == key).values(value=value, updated_at=now)
    )
    if not updated.rowcount:  # type: ignore[attr-defined]
        session.execute(insert(SyncStateRow).values(key=key, value=value, updated_at=now))


# --- files ------------------------------------------------------------------------------


def files_to_confirm(session: Session) -> list[tuple[str, list[str]]]:
    """Scanned files named by queued dossiers that the province is not known to hold:
    (sha256, codes of the dossiers naming it), by sha256."""
    stmt = (
        select(DossierDocumentRow.attachment_sha256, DossierRow.code)
        .join(OutboxRow, OutboxRow.dossier_id == DossierDocumentRow.dossier_id)
        .join(DossierRow, DossierRow.id == DossierDocumentRow.dossier_id)
        .outerjoin(SyncFileRow, SyncFileRow.sha256 == DossierDocumentRow.attachment_sha256)
        .where(DossierDocumentRow.attachment_sha256.is_not(None), SyncFileRow.sha256.is_(None))
        .order_by(DossierDocumentRow.attachment_sha256, DossierRow.code)
    )
    found: dict[str, list[str]] = {}
    for sha, code in session.execute(stmt):
        if sha:
            found.setdefault(str(sha), []).append(str(code))
    return list(found.items())


def unconfirmed_files(session: Session, shas: Iterable[str]) -> set[str]:
    """Those of the files the province is not known to hold."""
    wanted = set(shas)
    if not wanted:
        return set()
    confirmed = set(
        session.scalars(select(SyncFileRow.sha256).where(SyncFileRow.sha256.in_(list(wanted))))
    )
    return wanted - confirmed


def confirm_file(session: Session, sha256: str, now: datetime) -> None:
    if session.get(SyncFileRow, sha256) is None:
        session.execute(insert(SyncFileRow).values(sha256=sha256, confirmed_at=now))


# --- runs -------------------------------------------------------------------------------


def start_run(session: Session, now: datetime) -> int:
    return int(
        session.execute(
            insert(SyncRunRow)
            .values(started_at=now, finished_at=None, outcome=RunOutcome.RUNNING, report={})
            .returning(SyncRunRow.id)
        ).scalar_one()
    )


def finish_run(
    session: Session, run_id: int, *, outcome: RunOutcome, report: dict[str, Any], now: datetime
) -> None:
    session.execute(
        update(SyncRunRow)
        .where(SyncRunRow.id == run_id)
        .values(finished_at=now, outcome=outcome, report=report)
    )


def last_run(session: Session, *, finished_only: bool = True) -> RunRecord | None:
    stmt = select(SyncRunRow).order_by(SyncRunRow.id.desc()).limit(1)
    if finished_only:
        stmt = stmt.where(SyncRunRow.finished_at.is_not(None))
    row = session.scalars(stmt).first()
    if row is None:
        return None
    return RunRecord(
        row.id, row.started_at, row.finished_at, RunOutcome(row.outcome), dict(row.report)
    )


# --- the sync lock (migration 0007) -----------------------------------------------------


@dataclass(frozen=True, slots=True)
class LockHolder:
    token: str
    login: str
    full_name: str
    host: str
    pid: int
    since: datetime | None
    heartbeat_at: datetime | None


def _lock_row(session: Session) -> SyncLockRow:
    """The one row, locked until the transaction ends (PostgreSQL ``FOR UPDATE``; SQLite's
    write transaction holds the whole file already)."""
    row = session.scalars(select(SyncLockRow).where(SyncLockRow.id == 1).with_for_update()).first()
    if row is None:  # written by migration 0007; put back if someone deleted it
        row = SyncLockRow(
            id=1, token="", login="", full_name="", host="", pid=0, since=None, heartbeat_at=None
        )
        session.add(row)
        session.flush()
    return row


def lock_holder(session: Session, *, for_update: bool = False) -> LockHolder | None:
    """Who holds the sync lock (None: nobody)."""
    row = (
        _lock_row(session)
        if for_update
        else session.scalars(select(SyncLockRow).where(SyncLockRow.id == 1)).first()
    )
    if row is None or not row.token:
        return None
    return LockHolder(
        row.token, row.login, row.full_name, row.host, row.pid, row.since, row.heartbeat_at
    )


def hold_lock(session: Session, holder: LockHolder) -> None:
    """Write ``holder`` into the lock (the caller has read it ``for_update`` in this
    transaction and decided it may)."""
    row = _lock_row(session)
    row.token = holder.token
    row.login = holder.login
    row.full_name = holder.full_name
    row.host = holder.host
    row.pid = holder.pid
    row.since = holder.since
    row.heartbeat_at = holder.heartbeat_at
    session.flush()


def beat_lock(session: Session, token: str, now: datetime) -> bool:
    """The holder is alive; False when the lock is no longer ``token``'s."""
    result = session.execute(
        update(SyncLockRow)
        .where(SyncLockRow.id == 1, SyncLockRow.token == token)
        .values(heartbeat_at=now)
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]


def release_lock(session: Session, token: str) -> bool:
    result = session.execute(
        update(SyncLockRow)
        .where(SyncLockRow.id == 1, SyncLockRow.token == token)
        .values(token="", login="", full_name="", host="", pid=0, since=None, heartbeat_at=None)
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]
