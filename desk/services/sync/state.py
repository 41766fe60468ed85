"""What the phases of one sync run share: the office, the connection, the report being
written, and where progress goes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

from desk.domain.outbox import AttentionItem
from desk.services.context import DeskContext
from desk.sync.connection import CancelToken
from desk.sync.connector import ProvinceConnector
from desk.sync.report import SyncPhase, SyncProgress, SyncReport

ProgressCallback = Callable[[SyncProgress], None]


@dataclass
class RunState:
    ctx: DeskContext
    connector: ProvinceConnector
    report: SyncReport
    progress_callback: ProgressCallback | None = None
    held_back: set[int] = field(default_factory=set)  # waiting for a file: not sent this run
    last: SyncProgress = field(default=SyncProgress(SyncPhase.CONNECT))  # the last told

    @property
    def cancel(self) -> CancelToken:
        return self.connector.cancel

    def tell(self, phase: SyncPhase, done: int = 0, total: int = 0, message: str = "") -> None:
        self.last = SyncProgress(phase, done, total, message)
        if self.progress_callback is not None:
            self.progress_callback(self.last)

    def retrying(self, problem: str, wait_s: float) -> None:
        """The connector waits before trying a failed request again: said, with the
        number of this retry and the wait, where the run is."""
        if self.progress_callback is not None:
            self.progress_callback(
                replace(
                    self.last,
                    retry=self.connector.retry_number,
                    retries=max(0, self.connector.retry.attempts - 1),
                    wait_s=wait_s,
                    problem=problem,
                )
            )

    def note_attention(self, item: AttentionItem | None) -> None:
        """An item added to the needs-attention list (None: it was there already)."""
        if item is not None:
            self.report.attention.append(item)
