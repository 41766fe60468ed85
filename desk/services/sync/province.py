"""Which province store the desk talks to (PROVINCE_API §2, v1.1, guarantee 6).

What the desk knows of the province (the feed cursor, which revisions were answered, the
pending batches, the files it holds) is true of one store: the one named by the base URL
and the ``server_id`` its ``/ping`` answers ("" for a server older than v1.1, known by
its URL alone). The desk remembers the pair it last synced with. When a run meets another
pair, it assumes the store knows nothing: the feed starts from the beginning, the files
are checked again, pending batches are dropped and made again, every dossier's current
revision is queued again (the store answers accepted, duplicate or stale: safe), and the
supervisor is told (the run's report, the needs-attention list, the audit log).

The first pair a desk ever meets is adopted as it is: its outbox already holds everything
the province has not answered.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass

from desk.domain.audit import AuditAction
from desk.domain.calendar import now_in_office
from desk.domain.outbox import AttentionKind
from desk.services.context import DeskContext
from desk.services.sync.feed import FEED_CURSOR
from desk.services.sync.state import RunState
from desk.store import audit as store_audit
from desk.store import sync_records
from desk.store import sync_repository as sync_repo

log = logging.getLogger(__name__)

PROVINCE_KEY = "province_store"


@dataclass(frozen=True, slots=True)
class ProvinceStore:
    base_url: str
    server_id: str  # "" when the server sends none

    @classmethod
    def read(cls, value: str | None) -> ProvinceStore | None:
        if not value:
            return None
        try:
            data = json.loads(value)
            return cls(str(data["base_url"]), str(data["server_id"]))
        except (ValueError, KeyError, TypeError):
            return None

    def text(self) -> str:
        return json.dumps({"base_url": self.base_url, "server_id": self.server_id})

    @property
    def label(self) -> str:
        return f"{self.base_url} (mã kho {self.server_id})" if self.server_id else self.base_url


def normal_url(url: str) -> str:
    return url.strip().rstrip("/").lower()


def meet_province(state: RunState) -> None:
    """After ``/ping``: the store met now against the one the desk knew; a new one makes
    the desk forget what it knew and offer everything again (see the module's text)."""
    ctx, report, connector = state.ctx, state.report, state.connector
    met = ProvinceStore(normal_url(connector.base_url), connector.server_id)
    now = now_in_office()
    with ctx.db.write() as session:
        known = ProvinceStore.read(sync_records.get_state(session, PROVINCE_KEY))
        if known == met:
            return
        sync_records.set_state(session, PROVINCE_KEY, met.text(), now)
        if known is None:
            log.info("first province store met: %s", met.label)
            return
        forgotten = sync_repo.forget_province(session, now)
        sync_records.set_state(session, FEED_CURSOR, "", now)
        if known.base_url != met.base_url:
            why = f"Địa chỉ máy chủ tỉnh đổi từ {known.base_url} sang {met.base_url}"
        else:
            why = (
                f"Máy chủ tỉnh {met.base_url} báo một kho dữ liệu khác "
                f"(mã kho {known.server_id or 'không có'} → {met.server_id or 'không có'}; "
                "tỉnh chuyển hệ thống hoặc khôi phục bản sao lưu)"
            )
        notice = (
            f"{why}. Quầy coi như tỉnh chưa có gì: gửi lại bản hiện tại của "
            f"{forgotten.requeued} hồ sơ, nhận lại thay đổi từ đầu, kiểm tra lại tệp đính kèm."
        )
        report.new_province = notice
        state.note_attention(
            sync_records.add_attention(
                session,
                kind=AttentionKind.PROVINCE_CHANGED,
                dossier_id=None,
                code="—",
                revision=None,
                reason=notice,
                detail={
                    "before": {"base_url": known.base_url, "server_id": known.server_id},
                    "now": {"base_url": met.base_url, "server_id": met.server_id},
                },
                now=now,
            )
        )
        store_audit.append(
            session,
            [
                store_audit.entry(
                    AuditAction.SYNC_PROVINCE_CHANGED,
                    f"sync:{met.base_url}",
                    at=now,
                    actor=ctx.user,
                    detail={
                        "before": {"base_url": known.base_url, "server_id": known.server_id},
                        "now": {"base_url": met.base_url, "server_id": met.server_id},
                        "requeued": forgotten.requeued,
                        "batches_dropped": forgotten.batches_dropped,
                        "files_forgotten": forgotten.files_forgotten,
                    },
                )
            ],
        )
    log.warning(
        "new province store %s (was %s): %d dossiers queued again, %d batches dropped",
        met.label,
        known.label,
        forgotten.requeued,
        forgotten.batches_dropped,
    )


def known_store(ctx: DeskContext) -> ProvinceStore | None:
    """The province store the desk last synced with (None: never), for ``sync status``."""
    with ctx.db.read() as session:
        return ProvinceStore.read(sync_records.get_state(session, PROVINCE_KEY))
