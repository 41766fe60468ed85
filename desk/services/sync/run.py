"""One sync run as the supervisor starts it: ping → auth → pull → upload files → push until
the queue is empty → pull again; cancellable, reporting progress, ending with a report that
is also stored in ``sync_runs``.

Each phase keeps its own guarantees (``feed.py``, ``uploads.py``, ``push.py``); the run
decides only the order and how it ends: network trouble, a cancel or a refusal end it
cleanly with its outcome, and a kill leaves nothing that the next run cannot resume.
"""

from __future__ import annotations

import logging
import time

from desk.domain.access import Permission
from desk.domain.audit import AuditAction, AuditEntry
from desk.domain.calendar import now_in_office
from desk.domain.outbox import RunOutcome
from desk.errors import ConfigurationError, DeskError
from desk.services.context import DeskContext
from desk.services.sync.feed import pull_changes
from desk.services.sync.lock import SyncLock
from desk.services.sync.province import meet_province
from desk.services.sync.push import BatchPush
from desk.services.sync.settings import connection_settings
from desk.services.sync.state import ProgressCallback, RunState
from desk.services.sync.uploads import upload_files
from desk.store import audit as store_audit
from desk.store import sync_records
from desk.store import sync_repository as sync_repo
from desk.sync.connection import CancelToken, ConnectionSettings, RetryPolicy
from desk.sync.connector import DEFAULT_MAX_BATCH, ProvinceConnector
from desk.sync.errors import (
    ProvinceAuthFailed,
    ProvinceForbidden,
    ProvinceProtocolError,
    ProvinceUnreachable,
    SyncCancelled,
)
from desk.sync.report import SyncPhase, SyncReport

log = logging.getLogger(__name__)


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
        # The acting account runs the sync (SYNC); the province's changes it applies are
        # the province's, made within this checked run.
        self.user = ctx.require(Permission.SYNC)
        self.ctx = ctx
        self.connector = connector
        self.max_batch = max_batch
        self.report = SyncReport(started_at=now_in_office())
        self.state = RunState(ctx, connector, self.report, progress)
        # Waits before a retry are said too (the run's own listener, then any given).
        self._given_on_wait = given = connector.on_wait

        def on_wait(problem: str, seconds: float) -> None:
            self.state.retrying(problem, seconds)
            if given is not None:
                given(problem, seconds)

        connector.on_wait = on_wait

    def run(self) -> SyncReport:
        started = time.perf_counter()
        report, state = self.report, self.state
        with self.ctx.db.write() as session:
            report.run_id = sync_records.start_run(session, report.started_at)
        try:
            state.tell(SyncPhase.CONNECT, message="Kiểm tra kết nối tới máy chủ tỉnh")
            self.connector.ping()
            meet_province(state)
            self.connector.authenticate()
            pull_changes(state, SyncPhase.PULL)
            upload_files(state)
            BatchPush(state, max_batch=self.max_batch).push()
            pull_changes(state, SyncPhase.PULL_AGAIN)
            report.outcome = RunOutcome.OK
        except SyncCancelled as exc:
            report.outcome, report.message = RunOutcome.CANCELLED, exc.message
        except ProvinceUnreachable as exc:
            report.outcome, report.message = RunOutcome.OFFLINE, exc.message
        except (ProvinceAuthFailed, ProvinceForbidden, ConfigurationError) as exc:
            report.outcome, report.message = RunOutcome.CONFIG, exc.message
        except ProvinceProtocolError as exc:
            report.outcome, report.message = RunOutcome.FAILED, exc.message
        except DeskError as exc:  # e.g. the database is busy: nothing lost, try again
            report.outcome, report.message = RunOutcome.FAILED, exc.message
        except BaseException:  # a bug or a kill: close the run's record, then let it go
            report.outcome = RunOutcome.FAILED
            raise
        finally:
            self.connector.on_wait = self._given_on_wait
            self._finish(started)
        return report

    def _finish(self, started: float) -> None:
        report = self.report
        stats = self.connector.stats
        report.network_s = stats.network_s
        report.waited_s = stats.waited_s
        report.retries = stats.retries
        with self.ctx.db.write() as session:
            report.pending = sync_repo.count_outbox(session)
            report.open_attention = sync_records.count_open_attention(session)
            if report.outcome is RunOutcome.OK and report.open_attention:
                report.outcome = RunOutcome.ATTENTION
            report.finished_at = now_in_office()
            report.duration_s = time.perf_counter() - started
            assert report.run_id is not None
            sync_records.finish_run(
                session,
                report.run_id,
                outcome=report.outcome,
                report=report.to_dict(),
                now=report.finished_at,
            )
            store_audit.append(session, [self._log_entry()])
        self.state.tell(SyncPhase.DONE, message=report.outcome.value)
        log.info(
            "sync run %s: %s, %d items in %d batches, %.2f s",
            report.run_id,
            report.outcome,
            report.items_sent,
            report.batches_sent,
            report.duration_s,
        )

    def _log_entry(self) -> AuditEntry:
        report = self.report
        assert report.finished_at is not None
        return store_audit.entry(
            AuditAction.SYNC_RUN,
            f"sync:{report.run_id}",
            at=report.finished_at,
            actor=self.user,
            detail={
                "run_id": report.run_id,
                "outcome": report.outcome.value,
                "items_sent": report.items_sent,
                "batches_sent": report.batches_sent,
                "files_uploaded": report.files_uploaded,
                "changes_applied": report.changes_applied,
                "changes_skipped": report.changes_skipped,
                "new_attention": len(report.attention),
                "pending": report.pending,
                "open_attention": report.open_attention,
            },
        )


def run_sync(
    ctx: DeskContext,
    *,
    settings: ConnectionSettings | None = None,
    connector: ProvinceConnector | None = None,
    cancel: CancelToken | None = None,
    progress: ProgressCallback | None = None,
    retry: RetryPolicy | None = None,
) -> SyncReport:
    """One sync run with the office's settings (or those given), by the acting account
    (SYNC). Network trouble, a cancel or a refusal end it cleanly with a report;
    configuration errors raise."""
    ctx.require(Permission.SYNC)
    own = connector is None
    if connector is None:
        connector = ProvinceConnector(
            settings or connection_settings(ctx), retry=retry, cancel=cancel or CancelToken()
        )
    try:
        with SyncLock(ctx) as lock:  # SyncBusy when another run of the office is going
            run = SyncRun(ctx, connector, progress=progress)
            if lock.taken_over is not None:
                run.report.lock_taken_over = lock.taken_over_text
            return run.run()
    finally:
        if own:
            connector.close()
