"""What the supervisor sees of the sync (the figures, the needs-attention list, what a run
would send, whether the province answers) and what they decide (resolving an item)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from desk.domain import limits
from desk.domain.access import Permission
from desk.domain.audit import AuditAction
from desk.domain.calendar import now_in_office
from desk.domain.dossier import Actor
from desk.domain.outbox import AttentionItem, AttentionKind, RunRecord
from desk.domain.status import ActorKind
from desk.errors import DeskError, InvalidInput, NotFound
from desk.services.context import DeskContext
from desk.services.sync.settings import ping_settings
from desk.store import audit as store_audit
from desk.store import dossiers as store_dossiers
from desk.store import sync_records
from desk.store import sync_repository as sync_repo
from desk.sync.connector import ProvinceConnector
from desk.sync.items import dossier_item


@dataclass(frozen=True, slots=True)
class SyncOverview:
    configured: bool
    server: str
    pending: int
    pending_batches: int
    open_attention: int
    last_run: RunRecord | None


def overview(ctx: DeskContext) -> SyncOverview:
    ctx.require(Permission.SYNC)
    with ctx.db.read() as session:
        return SyncOverview(
            configured=ctx.config.province.configured,
            server=ctx.config.province.url,
            pending=sync_repo.count_outbox(session),
            pending_batches=sync_repo.count_pending_batches(session),
            open_attention=sync_records.count_open_attention(session),
            last_run=sync_records.last_run(session),
        )


def attention_items(ctx: DeskContext) -> list[AttentionItem]:
    ctx.require(Permission.SYNC)
    with ctx.db.read() as session:
        return sync_records.open_attention(session)


def check_online(ctx: DeskContext, *, timeout_s: float = 3.0) -> bool:
    """Ping the province (no authentication, no retry). False when offline or unset."""
    settings = ping_settings(ctx, timeout_s=timeout_s)
    if settings is None:
        return False
    try:
        with ProvinceConnector(settings) as connector:
            connector.ping()
    except DeskError:
        return False
    return True


@dataclass(frozen=True, slots=True)
class SyncPreview:
    pending_batches: list[tuple[str, int]]  # (batch id, items) left by an earlier run
    queued: int
    entries: list[tuple[str, int, str]]  # (code, revision, status) in sending order
    files: list[str]  # scanned files not yet confirmed at the province


def preview(ctx: DeskContext, *, limit: int = 50) -> SyncPreview:
    """What a run would send, without any network."""
    ctx.require(Permission.SYNC)
    with ctx.db.read() as session:
        batches = [(b.batch_id, len(b.items)) for b in sync_repo.pending_batches(session)]
        entries = sync_repo.next_outbox_entries(session, after_code="", limit=limit)
        dossiers = {
            d.id: d for d in sync_repo.load_dossiers(session, [e.dossier_id for e in entries])
        }
        files = [sha for sha, _codes in sync_records.files_to_confirm(session)]
        return SyncPreview(
            pending_batches=batches,
            queued=sync_repo.count_outbox(session),
            entries=[
                (e.code, e.revision, dossiers[e.dossier_id].status.label)
                for e in entries
                if e.dossier_id in dossiers
            ],
            files=files,
        )


def preview_items(ctx: DeskContext, *, limit: int = 50) -> list[dict[str, Any]]:
    """The exact items the next batches would carry (``desk sync --dry-run --json``)."""
    ctx.require(Permission.SYNC)
    with ctx.db.read() as session:
        entries = sync_repo.next_outbox_entries(session, after_code="", limit=limit)
        return [
            dossier_item(d)
            for d in sync_repo.load_dossiers(session, [e.dossier_id for e in entries])
        ]


def resolve_attention(
    ctx: DeskContext, item_id: int, *, resend: bool = False, note: str = ""
) -> AttentionItem:
    """Mark an item seen, in the acting account's name, with a ``note`` saying what was
    done (required: ``limits.NOTE``) (ATTENTION; logged). ``resend``: a rejected dossier
    is queued again as it is (e.g. the province fixed its catalogue); a conflicted one
    gets a new revision so the desk's version goes up (the decision is recorded in its
    history)."""
    user = ctx.require(Permission.ATTENTION)
    by = user.full_name
    now = now_in_office()
    with ctx.db.write() as session:
        item = sync_records.get_attention(session, item_id)
        if item is None:
            raise NotFound(f"Không có mục cần xem xét số {item_id}.", code="sync.attention")
        if item.resolved_at is not None:
            raise InvalidInput(f"Mục số {item_id} đã được xử lý.", code="sync.attention_done")
        resolution = limits.NOTE.check(note, required=True, what="xử lý")
        if resend:
            if not item.can_resend or item.dossier_id is None:
                raise InvalidInput(
                    "Chỉ gửi lại được hồ sơ bị từ chối hoặc bị xung đột.",
                    code="sync.attention_resend",
                )
            if item.kind in (AttentionKind.REJECTED, AttentionKind.SET_ASIDE):
                revision = sync_repo.requeue_current_revision(session, item.dossier_id, now)
                resolution = f"{resolution}; gửi lại phiên bản {revision}"
            else:
                dossier = store_dossiers.lock_dossier(session, item.code)
                event = dossier.note_change(
                    now,
                    Actor(by, kind=ActorKind.SYSTEM),
                    f"Gửi lại lên tỉnh với phiên bản {dossier.revision + 1} sau xung đột "
                    f"phiên bản {item.revision} (quyết định của {by}).",
                )
                store_dossiers.save_change(session, dossier, [event], now)
                resolution = f"{resolution}; gửi lại với phiên bản {dossier.revision}"
        sync_records.resolve_attention(session, item_id, by=by, resolution=resolution, now=now)
        store_audit.append(
            session,
            [
                store_audit.entry(
                    AuditAction.ATTENTION_RESOLVED,
                    item.code or f"attention:{item_id}",
                    at=now,
                    actor=user,
                    detail={
                        "item": item_id,
                        "code": item.code,
                        "kind": item.kind.value,
                        "resend": resend,
                        "resolution": resolution,
                    },
                )
            ],
        )
        resolved = sync_records.get_attention(session, item_id)
    assert resolved is not None
    return resolved
