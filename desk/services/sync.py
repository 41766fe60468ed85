"""The provincial sync as the supervisor runs it: pull → upload files → push until the
queue is empty → pull, one cancellable run that reports progress and ends with a report.

Crash safety (PROVINCE_API "What the desk guarantees"):

- Every change already queued its dossier's newest revision in the same transaction.
- A batch (id, exact body, revisions carried) is written before it is sent; batches left
  by an interrupted run go first, with the same Idempotency-Key and body. The server
  answers a replay with its first reply and stores nothing twice.
- An answer removes the outbox entry only if it still holds the revision sent, so a
  dossier edited while in flight is sent again with its new revision.
- New batches are made only when no earlier batch is pending, and each dossier appears in
  at most one pending batch: a lower revision never follows a higher one.
- Province changes from the feed are applied, and the cursor stored, in one transaction
  per page: a crash never applies a change twice or skips one.
"""

from __future__ import annotations

import json
import logging
import time
import uuid
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from desk.config import DeskConfig, ProvinceConfig, save_province_config
from desk.domain.calendar import OFFICE_TZ, now_in_office
from desk.domain.dossier import Actor, Dossier
from desk.domain.formats import moment_text
from desk.domain.status import ActorKind, Status, check_transition
from desk.errors import ConfigurationError, DeskError, IllegalTransition, InvalidInput, NotFound
from desk.services.context import DeskContext
from desk.store import repositories as repo
from desk.store import sync_repository as sync_repo
from desk.sync import secrets
from desk.sync.connector import (
    DEFAULT_MAX_BATCH,
    MAX_BODY_BYTES,
    SERVICE,
    BatchTooLarge,
    CancelToken,
    ConnectionSettings,
    ProvinceAuthFailed,
    ProvinceConnector,
    ProvinceForbidden,
    ProvinceProtocolError,
    ProvinceUnreachable,
    RetryPolicy,
    SyncCancelled,
)
from desk.sync.files import attachment_path
from desk.sync.items import dossier_item
from desk.sync.report import RESULTS, SyncProgress, SyncReport

log = logging.getLogger(__name__)

FEED_CURSOR = "feed_cursor"
FEED_PAGE = 200
PROVINCE_ACTOR = "Hệ thống một cửa tỉnh"
MAX_PASSES = 5  # passes over the outbox in one run (edits during the run are re-sent)

ProgressCallback = Callable[[SyncProgress], None]


# --- settings ---------------------------------------------------------------------------


def connection_settings(
    ctx: DeskContext,
    *,
    server: str | None = None,
    username: str | None = None,
    password: secrets.Secret | None = None,
    ca_bundle: str | None = None,
    allow_insecure_http: bool | None = None,
) -> ConnectionSettings:
    """The province connection: the office configuration, overridden by what is given."""
    province = ctx.config.province
    url = server or province.url
    user = username or province.username
    if not url:
        raise ConfigurationError(
            "Chưa cấu hình địa chỉ máy chủ tỉnh. Chạy «desk sync configure --server URL "
            "--username TÊN --password-file TỆP».",
            code="sync.not_configured",
        )
    if not user:
        raise ConfigurationError(
            "Chưa cấu hình tài khoản đồng bộ (--username).", code="sync.not_configured"
        )
    if password is None:
        if not province.password or (username and username != province.username):
            raise ConfigurationError(
                "Chưa có mật khẩu đồng bộ: dùng --password-file hoặc «desk sync configure».",
                code="sync.not_configured",
            )
        password = secrets.reveal(province.password, key_dir=secret_dir())
    return ConnectionSettings(
        base_url=url,
        agency_id=ctx.office.agency_id,
        username=user,
        password=password,
        ca_bundle=ca_bundle if ca_bundle is not None else province.ca_bundle,
        allow_insecure_http=(
            allow_insecure_http if allow_insecure_http is not None else province.allow_insecure_http
        ),
        connect_timeout_s=province.connect_timeout_s,
        read_timeout_s=province.read_timeout_s,
    )


def secret_dir() -> Path:
    """Where the fallback key lives: beside desk.toml (per OS user), not in the data."""
    from desk.config import config_dir

    return config_dir()


def save_settings(
    config: DeskConfig,
    *,
    server: str,
    username: str,
    password: secrets.Secret,
    ca_bundle: str = "",
    allow_insecure_http: bool = False,
) -> Path:
    """Check the settings, store the password protected, and write desk.toml."""
    from desk.sync.connector import check_url

    province = ProvinceConfig(
        url=server.strip(),
        username=username.strip(),
        password="",
        ca_bundle=ca_bundle,
        allow_insecure_http=allow_insecure_http,
        connect_timeout_s=config.province.connect_timeout_s,
        read_timeout_s=config.province.read_timeout_s,
    )
    if not province.username:
        raise InvalidInput("Cần tên tài khoản đồng bộ.", code="sync.username")
    if not password:
        raise InvalidInput("Cần mật khẩu đồng bộ.", code="sync.password")
    # The connector's own rules (HTTPS, loopback-only HTTP, CA file) before saving.
    check_url(
        ConnectionSettings(
            base_url=province.url,
            agency_id="",
            username=province.username,
            password=password,
            ca_bundle=ca_bundle,
            allow_insecure_http=allow_insecure_http,
        )
    )
    province.password = secrets.protect(
        password.reveal(), username=province.username, key_dir=secret_dir()
    )
    path = save_province_config(province)
    config.province = province
    return path


# --- what the supervisor sees -----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SyncOverview:
    configured: bool
    server: str
    pending: int
    pending_batches: int
    open_attention: int
    last_run: sync_repo.RunRecord | None


def overview(ctx: DeskContext) -> SyncOverview:
    with ctx.db.read() as session:
        return SyncOverview(
            configured=ctx.config.province.configured,
            server=ctx.config.province.url,
            pending=sync_repo.count_outbox(session),
            pending_batches=sync_repo.count_pending_batches(session),
            open_attention=sync_repo.count_open_attention(session),
            last_run=sync_repo.last_run(session),
        )


def attention_items(ctx: DeskContext) -> list[sync_repo.AttentionItem]:
    with ctx.db.read() as session:
        return sync_repo.open_attention(session)


def check_online(ctx: DeskContext, *, timeout_s: float = 3.0) -> bool:
    """Ping the province (no authentication, no retry). False when offline or unset."""
    province = ctx.config.province
    if not province.url:
        return False
    settings = ConnectionSettings(
        base_url=province.url,
        agency_id="",
        username="",
        password=secrets.Secret(""),
        ca_bundle=province.ca_bundle,
        allow_insecure_http=province.allow_insecure_http,
        connect_timeout_s=min(timeout_s, province.connect_timeout_s),
        read_timeout_s=timeout_s,
    )
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
    with ctx.db.read() as session:
        batches = [(b.batch_id, len(b.items)) for b in sync_repo.pending_batches(session)]
        entries = sync_repo.next_outbox_entries(session, after_code="", limit=limit)
        dossiers = {
            d.id: d for d in sync_repo.load_dossiers(session, [e.dossier_id for e in entries])
        }
        files = [sha for sha, _codes in sync_repo.files_to_confirm(session)]
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
    with ctx.db.read() as session:
        entries = sync_repo.next_outbox_entries(session, after_code="", limit=limit)
        return [
            dossier_item(d)
            for d in sync_repo.load_dossiers(session, [e.dossier_id for e in entries])
        ]


def resolve_attention(
    ctx: DeskContext, item_id: int, *, by: str, resend: bool = False, note: str = ""
) -> sync_repo.AttentionItem:
    """Mark an item seen. ``resend``: a rejected dossier is queued again as it is (e.g. the
    province fixed its catalogue); a conflicted one gets a new revision so the desk's
    version goes up (the decision is recorded in its history)."""
    now = now_in_office()
    with ctx.db.write() as session:
        item = sync_repo.get_attention(session, item_id)
        if item is None:
            raise NotFound(f"Không có mục cần xem xét số {item_id}.", code="sync.attention")
        if item.resolved_at is not None:
            raise InvalidInput(f"Mục số {item_id} đã được xử lý.", code="sync.attention_done")
        resolution = note or "Đã xem xét"
        if resend:
            if item.dossier_id is None or item.kind not in ("rejected", "conflict"):
                raise InvalidInput(
                    "Chỉ gửi lại được hồ sơ bị từ chối hoặc bị xung đột.",
                    code="sync.attention_resend",
                )
            if item.kind == "rejected":
                revision = sync_repo.requeue_current_revision(session, item.dossier_id, now)
                resolution = f"{resolution}; gửi lại phiên bản {revision}"
            else:
                dossier = repo.lock_dossier(session, item.code)
                event = dossier.note_change(
                    now,
                    Actor(by, kind=ActorKind.SYSTEM),
                    f"Gửi lại lên tỉnh với phiên bản {dossier.revision + 1} sau xung đột "
                    f"phiên bản {item.revision} (quyết định của {by}).",
                )
                repo.save_change(session, dossier, [event], now)
                resolution = f"{resolution}; gửi lại với phiên bản {dossier.revision}"
        sync_repo.resolve_attention(session, item_id, by=by, resolution=resolution, now=now)
        resolved = sync_repo.get_attention(session, item_id)
    assert resolved is not None
    return resolved


# --- the run ----------------------------------------------------------------------------


def _encode(body: dict[str, Any]) -> str:
    return json.dumps(body, ensure_ascii=False, separators=(",", ":"))


def parse_province_time(text: Any) -> datetime | None:
    if not isinstance(text, str) or len(text) != 14 or not text.isdigit():
        return None
    try:
        return datetime.strptime(text, "%Y%m%d%H%M%S").replace(tzinfo=OFFICE_TZ)
    except ValueError:
        return None


@dataclass(frozen=True, slots=True)
class PreparedBatch:
    parts: list[tuple[str, str, list[sync_repo.OutboxEntry]]]  # (batch id, body, carried)
    last_code: str
    late_files: list[tuple[int, str, list[str]]]  # (dossier id, code, files to upload first)


class SyncRun:
    """One run. ``run()`` never raises for network trouble: the report says what happened."""

    def __init__(
        self,
        ctx: DeskContext,
        connector: ProvinceConnector,
        *,
        progress: ProgressCallback | None = None,
        max_batch: int = DEFAULT_MAX_BATCH,
    ):
        self.ctx = ctx
        self.connector = connector
        self.cancel = connector.cancel
        self.progress_callback = progress
        self.max_batch = max_batch
        self.report = SyncReport(started_at=now_in_office())
        self.held_back: set[int] = set()  # dossiers waiting for a file: not sent this run
        self.total = 0
        self.agency_id = ctx.office.agency_id
        self.made: set[int] = set()  # batches written by this run (the others are resumed)

    # --- plumbing ----------------------------------------------------------------------

    def _progress(self, phase: str, done: int = 0, total: int = 0, message: str = "") -> None:
        if self.progress_callback is not None:
            self.progress_callback(SyncProgress(phase, done, total, message))

    def _attention(self, session: Session, **fields: Any) -> None:
        item = sync_repo.add_attention(session, now=now_in_office(), **fields)
        if item is not None:
            self.report.attention.append(item)

    # --- the whole run -----------------------------------------------------------------

    def run(self) -> SyncReport:
        started = time.perf_counter()
        report = self.report
        with self.ctx.db.write() as session:
            report.run_id = sync_repo.start_run(session, report.started_at)
        try:
            self._progress("connect", message="Kiểm tra kết nối tới máy chủ tỉnh")
            self.connector.ping()
            self.connector.authenticate()
            self.pull("pull")
            self.upload_files()
            self.push()
            self.pull("pull_again")
            report.outcome = "ok"
        except SyncCancelled as exc:
            report.outcome, report.message = "cancelled", exc.message
        except ProvinceUnreachable as exc:
            report.outcome, report.message = "offline", exc.message
        except (ProvinceAuthFailed, ProvinceForbidden, ConfigurationError) as exc:
            report.outcome, report.message = "config", exc.message
        except ProvinceProtocolError as exc:
            report.outcome, report.message = "failed", exc.message
        except DeskError as exc:  # e.g. the database is busy: nothing lost, try again
            report.outcome, report.message = "failed", exc.message
        except BaseException:  # a bug or a kill: close the run's record, then let it go
            report.outcome = "failed"
            raise
        finally:
            stats = self.connector.stats
            report.network_s = stats.network_s
            report.waited_s = stats.waited_s
            report.retries = stats.retries
            with self.ctx.db.write() as session:
                report.pending = sync_repo.count_outbox(session)
                report.open_attention = sync_repo.count_open_attention(session)
                if report.outcome == "ok" and report.open_attention:
                    report.outcome = "attention"
                report.finished_at = now_in_office()
                report.duration_s = time.perf_counter() - started
                assert report.run_id is not None
                sync_repo.finish_run(
                    session,
                    report.run_id,
                    outcome=report.outcome,
                    report=report.to_dict(),
                    now=report.finished_at,
                )
            self._progress("done", message=report.outcome)
            log.info(
                "sync run %s: %s, %d items in %d batches, %.2f s",
                report.run_id,
                report.outcome,
                report.items_sent,
                report.batches_sent,
                report.duration_s,
            )
        return report

    # --- pull: the change feed ---------------------------------------------------------

    def pull(self, phase: str) -> None:
        with self.ctx.db.read() as session:
            cursor = sync_repo.get_state(session, FEED_CURSOR) or ""
        done = 0
        while True:
            self.cancel.check()
            page = self.connector.changes(cursor, FEED_PAGE)
            with self.ctx.db.write() as session:
                for change in page.changes:
                    if self._apply_change(session, change):
                        self.report.changes_applied += 1
                    else:
                        self.report.changes_skipped += 1
                sync_repo.set_state(session, FEED_CURSOR, page.next_cursor, now_in_office())
            done += len(page.changes)
            self._progress(phase, done, 0, f"Đã nhận {done} thay đổi")
            if not page.more:
                return
            if page.next_cursor == cursor:
                raise ProvinceProtocolError(
                    "Máy chủ tỉnh báo còn thay đổi nhưng không chuyển con trỏ (next)."
                )
            cursor = page.next_cursor

    def _apply_change(self, session: Session, change: dict[str, Any]) -> bool:
        """Apply one province change as an audited transition; False when not applied
        (logged, and put in the needs-attention list unless it was already applied)."""
        code = str(change.get("MaHoSo", "")).strip().upper()
        status_text = str(change.get("TrangThaiHoSo", "")).strip()
        detail = {k: v for k, v in change.items() if isinstance(v, str | int)}
        try:
            target = Status(int(status_text))
        except ValueError:
            log.warning("province change for %s has an invalid status %r", code, status_text)
            self._attention(
                session,
                kind="feed_invalid",
                dossier_id=None,
                code=code or "?",
                revision=None,
                reason=f"Tỉnh gửi trạng thái «{status_text}» không hợp lệ.",
                detail=detail,
            )
            return False
        try:
            dossier = repo.lock_dossier(session, code)
        except NotFound:
            log.warning("province change for unknown dossier %s skipped", code)
            self._attention(
                session,
                kind="feed_unknown",
                dossier_id=None,
                code=code or "?",
                revision=None,
                reason=f"Tỉnh gửi thay đổi (trạng thái «{target.label}») cho hồ sơ không có "
                "ở quầy này.",
                detail=detail,
            )
            return False
        if dossier.status is target:
            log.info("province change for %s already applied (%s)", code, target.label)
            return False
        try:
            check_transition(dossier.status, target)
        except IllegalTransition as exc:
            log.warning(
                "province change for %s not applied: %s → %s is not allowed",
                code,
                int(dossier.status),
                int(target),
            )
            self._attention(
                session,
                kind="feed_illegal",
                dossier_id=dossier.id,
                code=code,
                revision=dossier.revision,
                reason=f"Tỉnh chuyển sang «{target.label}»: {exc.message}",
                detail=detail,
            )
            return False
        self._transition(session, dossier, target, change)
        return True

    def _transition(
        self, session: Session, dossier: Dossier, target: Status, change: dict[str, Any]
    ) -> None:
        now = now_in_office()
        at = parse_province_time(change.get("ThoiDiem")) or now
        note = str(change.get("GhiChu", "") or "").strip()
        new_due = parse_province_time(change.get("NgayHenTra"))
        if new_due is not None and new_due > dossier.promised_due_at:
            dossier.rescheduled_due_at = new_due
            note = (note + " " if note else "") + f"(Tỉnh hẹn trả mới: {moment_text(new_due)})"
        event = dossier.advance(
            self.ctx.calendar,
            target,
            at=at,
            actor=Actor(str(change.get("NguoiXuLy") or PROVINCE_ACTOR), kind=ActorKind.PROVINCE),
            note=note or f"Tỉnh cập nhật trạng thái: {target.label}",
        )
        finished = parse_province_time(change.get("NgayKetThucXuLy"))
        if finished is not None and dossier.finished_at is not None:
            dossier.finished_at = finished
        repo.save_change(session, dossier, [event], now)

    # --- files -------------------------------------------------------------------------

    def upload_files(self) -> None:
        with self.ctx.db.read() as session:
            wanted = sync_repo.files_to_confirm(session)
        for done, (sha, codes) in enumerate(wanted, start=1):
            self.cancel.check()
            self._progress("files", done - 1, len(wanted), f"Tệp {sha[:12]}…")
            self._upload_one(sha, codes)
        if wanted:
            self._progress("files", len(wanted), len(wanted))

    def _upload_one(self, sha: str, codes: Sequence[str]) -> bool:
        if self.connector.has_file(sha):
            with self.ctx.db.write() as session:
                sync_repo.confirm_file(session, sha, now_in_office())
            self.report.files_present += 1
            return True
        path = attachment_path(self.ctx.config.files_dir, sha)
        problem = ""
        content = b""
        try:
            content = path.read_bytes()
        except OSError:
            problem = f"Không tìm thấy tệp {sha[:12]}… trong thư mục dữ liệu ({path})."
        if not problem:
            import hashlib

            if hashlib.sha256(content).hexdigest() != sha:
                problem = f"Tệp {path} đã bị hỏng (không khớp mã SHA-256)."
        kind = "file_missing"
        if not problem:
            stored, message = self.connector.put_file(sha, content)
            if stored:
                with self.ctx.db.write() as session:
                    sync_repo.confirm_file(session, sha, now_in_office())
                self.report.files_uploaded += 1
                return True
            problem, kind = f"Tỉnh không nhận tệp {sha[:12]}…: {message}", "file_refused"
        log.warning("file %s… not uploaded: %s", sha[:12], problem)
        with self.ctx.db.write() as session:
            ids = sync_repo.dossier_ids_by_code(session, codes)
            for code in codes:
                self.held_back.add(ids[code])
                self._attention(
                    session,
                    kind=kind,
                    dossier_id=ids[code],
                    code=code,
                    revision=None,
                    reason=problem + " Hồ sơ chưa được gửi cho tới khi có tệp.",
                    detail={"sha256": sha},
                )
        return False

    # --- push --------------------------------------------------------------------------

    def push(self) -> None:
        """Batches left by an earlier run first, then the outbox in code order until it is
        empty. While a batch is at the province the next one is read and encoded in a
        helper thread (read-only: writing and sending stay on this thread, in order)."""
        with self.ctx.db.read() as session:
            self.total = sync_repo.count_outbox(session) + sum(
                len(b.items) for b in sync_repo.pending_batches(session)
            )
        self._send_pending()
        after_code = ""
        passes = 1
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="sync-prepare") as helper:
            prepared: Future[PreparedBatch | None] = helper.submit(
                self._prepare, after_code, frozenset(self.held_back)
            )
            while True:
                self.cancel.check()
                batch = prepared.result()
                if batch is None:
                    with self.ctx.db.read() as session:
                        left = sync_repo.next_outbox_entries(
                            session, after_code="", limit=1, exclude_ids=self.held_back
                        )
                    if not left or passes >= MAX_PASSES:
                        return
                    passes += 1
                    prepared = helper.submit(self._prepare, "", frozenset(self.held_back))
                    continue
                written = self._save(batch)
                # Read the next batch while this one travels.
                prepared = helper.submit(self._prepare, batch.last_code, frozenset(self.held_back))
                self._upload_late_files(batch)
                for pending in written:
                    if not self._send(pending):
                        self._send_pending()  # split by a 413: the parts are in the database
                        break

    def _send_pending(self) -> None:
        """Send every written batch in order (a 413 split adds batches: send them too)."""
        while True:
            self.cancel.check()
            with self.ctx.db.read() as session:
                pending = sync_repo.pending_batches(session)
            if not pending:
                return
            for batch in pending:
                if not self._send(batch):
                    break  # split: read the new batches, keep the order

    def _prepare(self, after_code: str, held_back: frozenset[int]) -> PreparedBatch | None:
        """Read and encode the next batch (code order), without writing anything."""
        with self.ctx.db.read() as session:
            entries = sync_repo.next_outbox_entries(
                session, after_code=after_code, limit=self.max_batch, exclude_ids=held_back
            )
            if not entries:
                return None
            dossiers = sync_repo.load_dossiers(session, [e.dossier_id for e in entries])
            named = {
                d.id: [doc.attachment_sha256 for doc in d.documents if doc.attachment_sha256]
                for d in dossiers
            }
            missing = sync_repo.unconfirmed_files(
                session, {sha for shas in named.values() for sha in shas}
            )
        items: list[dict[str, Any]] = []
        carried: list[sync_repo.OutboxEntry] = []
        late: list[tuple[int, str, list[str]]] = []
        for dossier in dossiers:
            unconfirmed = [sha for sha in named[dossier.id] if sha in missing]
            if unconfirmed:  # named after the file phase: uploaded, then sent next pass
                late.append((dossier.id, str(dossier.code), unconfirmed))
                continue
            items.append(dossier_item(dossier))
            carried.append(sync_repo.OutboxEntry(dossier.id, str(dossier.code), dossier.revision))
        parts = self._bodies(items, carried) if items else []
        return PreparedBatch(parts, entries[-1].code, late)

    def _save(self, batch: PreparedBatch) -> list[sync_repo.PendingBatch]:
        """Write the batch before it is sent: a resend after a crash uses these bytes."""
        written = []
        if batch.parts:
            with self.ctx.db.write() as session:
                for batch_id, body, part in batch.parts:
                    seq = sync_repo.save_batch(session, batch_id, body, part, now_in_office())
                    refs = tuple(
                        sync_repo.BatchItemRef(n, e.dossier_id, e.code, e.revision)
                        for n, e in enumerate(part)
                    )
                    written.append(sync_repo.PendingBatch(seq, batch_id, body, 0, refs))
        self.made.update(b.seq for b in written)
        return written

    def _upload_late_files(self, batch: PreparedBatch) -> None:
        for dossier_id, code, shas in batch.late_files:
            for sha in shas:
                if not self._upload_one(sha, [code]):
                    self.held_back.add(dossier_id)

    def _bodies(
        self, items: list[dict[str, Any]], carried: list[sync_repo.OutboxEntry]
    ) -> list[tuple[str, str, list[sync_repo.OutboxEntry]]]:
        """One body, or several when the items would pass the 10 MB limit."""
        batch_id = str(uuid.uuid4())
        body = _encode(
            {"madonvi": self.agency_id, "service": SERVICE, "batch_id": batch_id, "data": items}
        )
        if len(body.encode("utf-8")) <= MAX_BODY_BYTES or len(items) == 1:
            return [(batch_id, body, carried)]
        half = len(items) // 2
        return self._bodies(items[:half], carried[:half]) + self._bodies(
            items[half:], carried[half:]
        )

    def _send(self, batch: sync_repo.PendingBatch) -> bool:
        """Send one written batch and record the answers; False when it was split."""
        self._progress(
            "push",
            self.report.items_sent,
            max(self.total, self.report.items_sent),
            f"Gửi lô {batch.batch_id[:8]} ({len(batch.items)} hồ sơ)",
        )
        try:
            results = self.connector.push(batch.batch_id, batch.body.encode("utf-8"))
        except BatchTooLarge as exc:
            self._split(batch, exc.max_batch)
            return False
        except ProvinceUnreachable:
            with self.ctx.db.write() as session:
                sync_repo.note_attempt(session, batch.seq)
            raise
        if len(results) != len(batch.items) or any(
            r.code != i.code or r.revision != i.revision
            for r, i in zip(results, batch.items, strict=False)
        ):
            raise ProvinceProtocolError(
                f"Máy chủ tỉnh trả lời lô {batch.batch_id} không khớp với các hồ sơ đã gửi."
            )
        unknown = {r.result for r in results} - set(RESULTS)
        if unknown:
            raise ProvinceProtocolError(
                f"Máy chủ tỉnh trả lời kết quả không có trong giao thức: {', '.join(unknown)}."
            )
        answers = [
            sync_repo.ItemAnswer(i.dossier_id, i.code, i.revision, r.result, r.message)
            for r, i in zip(results, batch.items, strict=True)
        ]
        with self.ctx.db.write() as session:
            applied = sync_repo.apply_answers(session, batch, answers, now_in_office())
        report = self.report
        for key, count in applied.counts.items():
            report.counts[key] = report.counts.get(key, 0) + count
        report.attention.extend(applied.attention)
        report.edited_in_flight.extend(applied.edited_in_flight)
        report.items_sent += len(batch.items)
        report.batches_sent += 1
        if batch.seq not in self.made:
            report.batches_resumed += 1
        self._progress(
            "push", report.items_sent, max(self.total, report.items_sent), "Đã nhận trả lời"
        )
        return True

    def _split(self, batch: sync_repo.PendingBatch, max_batch: int) -> None:
        count = len(batch.items)
        size = max_batch if 0 < max_batch < count else count // 2
        if size < 1:
            raise ProvinceProtocolError(
                f"Máy chủ tỉnh không nhận cả lô một hồ sơ ({batch.items[0].code}) vì quá lớn."
            )
        self.max_batch = min(self.max_batch, size)
        items = json.loads(batch.body)["data"]
        refs = [sync_repo.OutboxEntry(i.dossier_id, i.code, i.revision) for i in batch.items]
        parts = []
        for start in range(0, count, size):
            batch_id = str(uuid.uuid4())
            body = _encode(
                {
                    "madonvi": self.agency_id,
                    "service": SERVICE,
                    "batch_id": batch_id,
                    "data": items[start : start + size],
                }
            )
            parts.append((batch_id, body, refs[start : start + size]))
        log.info("batch %s split into %d batches of at most %d", batch.batch_id, len(parts), size)
        with self.ctx.db.write() as session:
            seqs = sync_repo.replace_batch(session, batch.seq, parts, now_in_office())
        if batch.seq in self.made:
            self.made.update(seqs)


def run_sync(
    ctx: DeskContext,
    *,
    settings: ConnectionSettings | None = None,
    connector: ProvinceConnector | None = None,
    cancel: CancelToken | None = None,
    progress: ProgressCallback | None = None,
    retry: RetryPolicy | None = None,
) -> SyncReport:
    """One sync run with the office's settings (or those given). Network trouble, a
    cancel or a refusal end it cleanly with a report; configuration errors raise."""
    own = connector is None
    if connector is None:
        connector = ProvinceConnector(
            settings or connection_settings(ctx), retry=retry, cancel=cancel or CancelToken()
        )
    try:
        return SyncRun(ctx, connector, progress=progress).run()
    finally:
        if own:
            connector.close()
