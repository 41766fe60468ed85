"""Batches that do not go (issue 12): a batch's failed sends are counted across runs
(``sync_batches.attempts``, with the last error and when), a stuck one is shown to the
supervisor, who may set it aside with a reason so the queue goes on.

A batch is stuck when ``STUCK_ATTEMPTS`` sends of it failed, or when it was written more
than ``STUCK_AGE`` ago and is still unanswered. Setting it aside takes its revisions out of
the queue, puts each dossier in the needs-attention list with the reason (a supervisor
resolving the item may queue it again), and is logged in the audit log. It takes the sync
lock: a batch is never set aside under a run that is sending it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from desk.domain import limits
from desk.domain.access import Permission
from desk.domain.audit import AuditAction
from desk.domain.calendar import now_in_office
from desk.domain.formats import moment_text
from desk.domain.outbox import AttentionItem, AttentionKind
from desk.errors import InvalidInput, NotFound
from desk.services.context import DeskContext
from desk.services.sync.lock import SyncLock
from desk.store import audit as store_audit
from desk.store import sync_records
from desk.store import sync_repository as sync_repo

STUCK_ATTEMPTS = 3
STUCK_AGE = timedelta(days=1)
MIN_PREFIX = 8  # characters of a batch id enough to name it (the panel shows 8)
BATCH_ID = re.compile(r"^[0-9a-f-]{8,36}$")  # a uuid, or at least its first MIN_PREFIX


@dataclass(frozen=True, slots=True)
class PendingBatchView:
    batch_id: str
    items: int
    attempts: int
    last_error: str
    since: datetime
    last_attempt_at: datetime | None
    codes: tuple[str, ...]
    stuck: bool

    @property
    def line(self) -> str:
        """One line for the command line and the panel."""
        tried = ""
        if self.last_attempt_at is not None:
            tried = f", lần thử gần nhất {moment_text(self.last_attempt_at)}"
        error = f"; lỗi: {self.last_error}" if self.last_error else ""
        return (
            f"Lô {self.batch_id}: {self.items} hồ sơ ({', '.join(self.codes)}"
            f"{'…' if self.items > len(self.codes) else ''}), gửi hỏng {self.attempts} lần, "
            f"chờ từ {moment_text(self.since)}{tried}{error}"
        )


def pending_batches(ctx: DeskContext, *, now: datetime | None = None) -> list[PendingBatchView]:
    """Every batch written and not answered yet, in sending order, stuck ones marked."""
    ctx.require(Permission.SYNC)
    moment = now or now_in_office()
    with ctx.db.read() as session:
        statuses = sync_repo.batch_statuses(session)
    return [
        PendingBatchView(
            b.batch_id,
            b.items,
            b.attempts,
            b.last_error,
            b.created_at,
            b.last_attempt_at,
            b.codes,
            stuck=b.attempts >= STUCK_ATTEMPTS or moment - b.created_at > STUCK_AGE,
        )
        for b in statuses
    ]


def stuck_batches(ctx: DeskContext) -> list[PendingBatchView]:
    return [b for b in pending_batches(ctx) if b.stuck]


def set_aside_batch(ctx: DeskContext, batch_id: str, *, reason: str) -> list[AttentionItem]:
    """Set a pending batch aside (ATTENTION: a supervisor): its dossiers leave the queue
    and join the needs-attention list with ``reason``; logged. ``batch_id`` may be the
    start of the id (at least 8 characters) when only one batch has it."""
    user = ctx.require(Permission.ATTENTION)
    why = limits.REASON.check(reason, required=True)
    wanted = batch_id.strip().lower()
    if not BATCH_ID.match(wanted):
        raise InvalidInput(
            f"Mã lô gồm chữ số, chữ a–f và dấu «-»; cần ít nhất {MIN_PREFIX} ký tự đầu "
            "(xem «desk sync status»).",
            code="sync.batch_id",
        )
    with SyncLock(ctx):
        now = now_in_office()
        with ctx.db.write() as session:
            matches = [
                b for b in sync_repo.pending_batches(session) if b.batch_id.startswith(wanted)
            ]
            if not matches:
                raise NotFound(f"Không có lô chờ gửi nào có mã {wanted}.", code="sync.batch")
            if len(matches) > 1:
                raise InvalidInput(
                    f"Có {len(matches)} lô bắt đầu bằng {wanted}: nhập dài hơn.",
                    code="sync.batch_ambiguous",
                )
            [batch] = matches
            attempts = next(
                (s.attempts for s in sync_repo.batch_statuses(session) if s.seq == batch.seq), 0
            )
            items = sync_repo.set_aside(session, batch)
            added: list[AttentionItem] = []
            for item in items:
                note = sync_records.add_attention(
                    session,
                    kind=AttentionKind.SET_ASIDE,
                    dossier_id=item.dossier_id,
                    code=item.code,
                    revision=item.revision,
                    reason=f"Lô {batch.batch_id} bị để riêng bởi {user.full_name}: {why}",
                    detail={"batch_id": batch.batch_id, "attempts": attempts},
                    now=now,
                )
                if note is not None:
                    added.append(note)
            store_audit.append(
                session,
                [
                    store_audit.entry(
                        AuditAction.SYNC_BATCH_SET_ASIDE,
                        f"sync:batch:{batch.batch_id}",
                        at=now,
                        actor=user,
                        detail={
                            "batch_id": batch.batch_id,
                            "reason": why,
                            "attempts": attempts,
                            "items": [[i.code, i.revision] for i in items],
                        },
                    )
                ],
            )
    return added
