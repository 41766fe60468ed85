"""What the phases of one sync run share: the office, the connection, the report being
written, and where progress goes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

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

    @property
    def cancel(self) -> CancelToken:
        return self.connector.cancel

    def tell(self, phase: SyncPhase, done: int = 0, total: int = 0, message: str = "") -> None:
        if self.progress_callback is not None:
            self.progress_callback(SyncProgress(phase, done, total, message))

    def note_attention(self, item: AttentionItem | None) -> None:
        """An item added to the needs-attention list (None: it was there already)."""
        if item is not None:
            self.report.attention.append(item)
