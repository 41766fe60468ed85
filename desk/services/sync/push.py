"""Push: the outbox goes to the province in batches until it is empty.

Crash safety (PROVINCE_API "What the desk guarantees"):

- A batch (id, exact body, revisions carried) is written before it is sent; batches left
  by an interrupted run go first, with the same Idempotency-Key and body. The server
  answers a replay with its first reply and stores nothing twice.
- An answer removes the outbox entry only if it still holds the revision sent, so a
  dossier edited while in flight is sent again with its new revision.
- New batches are made only when no earlier batch is pending, and each dossier appears in
  at most one pending batch: a lower revision never follows a higher one.
- The answers to a batch are held in memory and written with the next write: the next
  batch's own (one transaction: the answered batch goes, the next is written) or, at the
  end, on their own. Until then the answered batch is still pending in the database, so a
  process killed meanwhile sends it again with the same key and body, and the province
  replies as the first time (tests/sync/test_answers_held.py).
"""

from __future__ import annotations

import json
import logging
import queue
import threading
import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from desk.domain.calendar import now_in_office
from desk.domain.outbox import SyncResult
from desk.services.sync.state import RunState
from desk.services.sync.uploads import upload_file
from desk.store import sync_records
from desk.store import sync_repository as sync_repo
from desk.sync.connection import CancelToken
from desk.sync.connector import (
    MAX_BODY_BYTES,
    MAX_ITEM_BYTES,
    SERVICE,
    ItemResult,
    ProvinceConnector,
)
from desk.sync.errors import BatchTooLarge, ProvinceProtocolError, ProvinceUnreachable
from desk.sync.items import item_json, province_item
from desk.sync.report import SyncPhase

if TYPE_CHECKING:
    from desk.store.db import Session

log = logging.getLogger(__name__)

MAX_PASSES = 5  # passes over the outbox in one run (edits during the run are re-sent)

Part = tuple[str, str, list[sync_repo.OutboxEntry]]  # (batch id, body, entries carried)


def encode(body: dict[str, Any]) -> bytes:
    """A body or an item as it is sent (``item_json``: compact UTF-8)."""
    return item_json(body)


@dataclass(frozen=True, slots=True)
class PreparedBatch:
    parts: list[Part]
    last_code: str
    late_files: list[tuple[int, str, list[str]]]  # (dossier id, code, files to upload first)
    oversized: list[tuple[sync_repo.OutboxEntry, int]]  # over 1 MB encoded: never sent


@dataclass(frozen=True, slots=True)
class HeldAnswers:
    """The province's answers to a batch, received and not written yet."""

    batch: sync_repo.PendingBatch
    answers: list[sync_repo.ItemAnswer]


class Sender:
    """Sends written batches one at a time on a daemon thread of its own (an ending
    process never waits for it); each outcome is taken on the run's thread by
    ``results``, in order, what the send raised raised there."""

    def __init__(self, connector: ProvinceConnector):
        self._connector = connector
        self._batches: queue.SimpleQueue[sync_repo.PendingBatch | None] = queue.SimpleQueue()
        self._outcomes: queue.SimpleQueue[tuple[list[ItemResult], BaseException | None]] = (
            queue.SimpleQueue()
        )
        # One thread for the run: starting one a batch made the run's thread wait for it.
        self._thread = threading.Thread(target=self._serve, name="sync-send", daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while (batch := self._batches.get()) is not None:
            try:
                results = self._connector.push(batch.batch_id, batch.body.encode("utf-8"))
            except BaseException as exc:  # raised again on the run's thread
                self._outcomes.put(([], exc))
            else:
                self._outcomes.put((results, None))

    def send(self, batch: sync_repo.PendingBatch) -> None:
        self._batches.put(batch)

    def results(self) -> list[ItemResult]:
        """The province's results for the batch sent first of those not taken yet."""
        results, error = self._outcomes.get()
        if error is not None:
            raise error
        return results

    def close(self) -> None:
        self._batches.put(None)


class BatchPush:
    """The push of one run. While a batch is at the province (sent by a daemon thread),
    the run's thread reads and encodes the next one; every write stays on the run's
    thread, one transaction a batch."""

    def __init__(self, state: RunState, *, max_batch: int):
        self.state = state
        self.ctx = state.ctx
        self.connector = state.connector
        self.report = state.report
        self.max_batch = max_batch
        self.agency_id = state.ctx.office.agency_id
        self.total = 0
        self.made: set[int] = set()  # batches written by this run (the others are resumed)

    def push(self) -> None:
        """Batches left by an earlier run first, then the outbox in code order until it is
        empty (a second pass sends what was edited meanwhile, at most MAX_PASSES)."""
        cancel, held_back = self.state.cancel, self.state.held_back
        with self.ctx.db.read() as session:
            self.total = sync_repo.count_outbox(session) + sum(
                len(b.items) for b in sync_repo.pending_batches(session)
            )
        self.sender = Sender(self.connector)
        try:
            self._push(cancel, held_back)
        finally:
            self.sender.close()

    def _push(self, cancel: CancelToken, held_back: set[int]) -> None:
        self._send_pending()
        passes = 1
        held: HeldAnswers | None = None  # written with the next write
        batch = self._prepare("", frozenset(held_back))
        while True:
            if cancel.cancelled:
                self._write(held)  # what the province answered is kept
                cancel.check()
            if batch is None:
                self._write(held)
                held = None
                with self.ctx.db.read() as session:
                    left = sync_repo.next_outbox_entries(
                        session, after_code="", limit=1, exclude_ids=held_back
                    )
                if not left or passes >= MAX_PASSES:
                    return
                passes += 1
                batch = self._prepare("", frozenset(held_back))
                continue
            if batch.late_files:  # uploads use the connection: only while nothing travels
                self._write(held)
                held = None
                self._upload_late_files(batch)
            written = self._save(batch, held)
            held = None
            if not written:
                batch = self._prepare(batch.last_code, frozenset(held_back))
                continue
            sent = self._start(written[0])
            try:  # the next batch is read while this one travels
                following = self._prepare(batch.last_code, frozenset(held_back))
            except BaseException as exc:
                self._abandon(sent, exc)
                raise
            held = self._land(sent)
            if held is None or len(written) > 1:
                # Split by a 413 (the parts are in the database) or made of several bodies:
                # what is pending goes one by one, once the answers are written.
                self._write(held)
                held = None
                self._send_pending()
                if following is not None:  # read at the size before the 413
                    following = self._prepare(batch.last_code, frozenset(held_back))
            batch = following

    def _send_pending(self) -> None:
        """Send every written batch in order (a 413 split adds batches: send them too)."""
        while True:
            self.state.cancel.check()
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
            records = sync_repo.load_province_records(session, [e.dossier_id for e in entries])
            named = {r.dossier_id: [sha for _, _, sha in r.documents if sha] for r in records}
            missing = sync_records.unconfirmed_files(
                session, {sha for shas in named.values() for sha in shas}
            )
        items: list[bytes] = []  # each item encoded once: its size is checked, then joined
        carried: list[sync_repo.OutboxEntry] = []
        late: list[tuple[int, str, list[str]]] = []
        oversized: list[tuple[sync_repo.OutboxEntry, int]] = []
        for record in records:
            unconfirmed = [sha for sha in named[record.dossier_id] if sha in missing]
            if unconfirmed:  # named after the file phase: uploaded, then sent next pass
                late.append((record.dossier_id, record.code, unconfirmed))
                continue
            entry = sync_repo.OutboxEntry(record.dossier_id, record.code, record.revision)
            encoded = encode(province_item(record))
            size = len(encoded)  # UTF-8 bytes, as sent
            if size > MAX_ITEM_BYTES:  # the province can never take it: not sent at all
                oversized.append((entry, size))
                continue
            items.append(encoded)
            carried.append(entry)
        parts = self._bodies(items, carried) if items else []
        return PreparedBatch(parts, entries[-1].code, late, oversized)

    def _refuse_oversized(
        self, session: Session, oversized: list[tuple[sync_repo.OutboxEntry, int]]
    ) -> sync_repo.AppliedAnswers:
        """Items over the province's 1 MB (PROVINCE_API §4) are never written into a batch:
        each becomes a rejection the desk records itself, in the needs-attention list with
        its size, and the queue goes on; the dossier is sent again once it changes."""
        answers = []
        for entry, size in oversized:
            size_text = f"{size:,}".replace(",", ".")
            reason = (
                f"Hồ sơ quá lớn để gửi lên tỉnh ({size_text} byte; tối đa 1 MB một hồ sơ), "
                "quầy không gửi. Sửa bớt nội dung của hồ sơ, lần đồng bộ sau sẽ gửi lại."
            )
            log.warning("%s revision %s not sent: %d bytes", entry.code, entry.revision, size)
            answers.append(
                sync_repo.ItemAnswer(
                    entry.dossier_id, entry.code, entry.revision, SyncResult.REJECTED, reason
                )
            )
        return sync_repo.settle_answers(session, "", answers, now_in_office())

    def _save(self, batch: PreparedBatch, held: HeldAnswers | None) -> list[sync_repo.PendingBatch]:
        """Write the batch before it is sent (a resend after a crash uses these bytes), in
        one transaction with the answers held and the items refused as too large."""
        written: list[sync_repo.PendingBatch] = []
        applied = []
        if held is None and not batch.oversized and not batch.parts:
            return written  # every dossier waits for a file: nothing to write
        with self.ctx.db.write() as session:
            now = now_in_office()
            if held is not None:
                applied.append(sync_repo.apply_answers(session, held.batch, held.answers, now))
            if batch.oversized:
                applied.append(self._refuse_oversized(session, batch.oversized))
            for batch_id, body, part in batch.parts:
                seq = sync_repo.save_batch(session, batch_id, body, part, now)
                refs = tuple(
                    sync_repo.BatchItemRef(n, e.dossier_id, e.code, e.revision)
                    for n, e in enumerate(part)
                )
                written.append(sync_repo.PendingBatch(seq, batch_id, body, 0, refs))
        for each in applied:
            self._count(each)
        self.made.update(b.seq for b in written)
        return written

    def _write(self, held: HeldAnswers | None) -> None:
        """Write the answers held, on their own (no batch to write with them)."""
        if held is not None:
            self._record(held.batch, held.answers)

    def _upload_late_files(self, batch: PreparedBatch) -> None:
        for dossier_id, code, shas in batch.late_files:
            for sha in shas:
                if not upload_file(self.state, sha, [code]):
                    self.state.held_back.add(dossier_id)

    def _bodies(self, items: list[bytes], carried: list[sync_repo.OutboxEntry]) -> list[Part]:
        """One body, or several when the items would pass the 10 MB limit. ``items`` are
        encoded already: the body is what ``encode`` of the whole would give."""
        batch_id = str(uuid.uuid4())
        head = encode({"madonvi": self.agency_id, "service": SERVICE, "batch_id": batch_id})
        body = head[:-1] + b',"data":[' + b",".join(items) + b"]}"
        if len(body) <= MAX_BODY_BYTES or len(items) == 1:
            return [(batch_id, body.decode("utf-8"), carried)]
        half = len(items) // 2
        return self._bodies(items[:half], carried[:half]) + self._bodies(
            items[half:], carried[half:]
        )

    def _start(self, batch: sync_repo.PendingBatch) -> sync_repo.PendingBatch:
        report = self.report
        self.state.tell(
            SyncPhase.PUSH,
            report.items_sent,
            max(self.total, report.items_sent),
            f"Gửi lô {batch.batch_id[:8]} ({len(batch.items)} hồ sơ)",
        )
        self.sender.send(batch)
        return batch

    def _land(self, batch: sync_repo.PendingBatch) -> HeldAnswers | None:
        """The answers to a batch sent, checked and held (written with the next write);
        None when a 413 split it (the smaller batches are written in its place)."""
        report = self.report
        try:
            results = self.sender.results()
        except BatchTooLarge as exc:
            self._split(batch, exc.max_batch)
            return None
        except (ProvinceUnreachable, ProvinceProtocolError) as exc:
            self._note_attempt(batch, exc.message)
            raise
        if len(results) != len(batch.items) or any(
            r.code != i.code or r.revision != i.revision
            for r, i in zip(results, batch.items, strict=False)
        ):
            message = f"Máy chủ tỉnh trả lời lô {batch.batch_id} không khớp với các hồ sơ đã gửi."
            self._note_attempt(batch, message)
            raise ProvinceProtocolError(message)
        answers = [
            sync_repo.ItemAnswer(i.dossier_id, i.code, i.revision, r.result, r.message)
            for r, i in zip(results, batch.items, strict=True)
        ]
        report.items_sent += len(batch.items)
        report.batches_sent += 1
        if batch.seq not in self.made:
            report.batches_resumed += 1
        self.state.tell(
            SyncPhase.PUSH,
            report.items_sent,
            max(self.total, report.items_sent),
            "Đã nhận trả lời",
        )
        return HeldAnswers(batch, answers)

    def _abandon(self, batch: sync_repo.PendingBatch, error: BaseException) -> None:
        """The run ends (``error``) while a batch travels: its answers are written if they
        come (an exception waits for the send, which stops at the cancel; an interrupt
        does not wait: the batch stays pending and is sent again next run)."""
        if not isinstance(error, Exception):
            return
        try:
            self._write(self._land(batch))
        except Exception:  # the run's own error is the one to report
            log.warning("batch %s left pending", batch.batch_id, exc_info=True)

    def _send(self, batch: sync_repo.PendingBatch) -> bool:
        """Send one written batch and record the answers; False when it was split."""
        held = self._land(self._start(batch))
        self._write(held)
        return held is not None

    def _note_attempt(self, batch: sync_repo.PendingBatch, error: str) -> None:
        """A failed send, counted in the database (so across runs) with its error: a batch
        that keeps failing shows in ``desk sync status`` and the panel."""
        with self.ctx.db.write() as session:
            sync_repo.note_attempt(session, batch.seq, error=error, now=now_in_office())

    def _record(self, batch: sync_repo.PendingBatch, answers: list[sync_repo.ItemAnswer]) -> None:
        """Record the answers to ``batch`` and count them in the run's report."""
        with self.ctx.db.write() as session:
            applied = sync_repo.apply_answers(session, batch, answers, now_in_office())
        self._count(applied)

    def _count(self, applied: sync_repo.AppliedAnswers) -> None:
        """Answers written: counted in the run's report."""
        report = self.report
        for result, count in applied.counts.items():
            report.counts[result] = report.counts.get(result, 0) + count
        report.attention.extend(applied.attention)
        report.edited_in_flight.extend(applied.edited_in_flight)

    def _too_large(self, batch: sync_repo.PendingBatch) -> None:
        """A 413 for a batch of one dossier: the province can never take this revision as
        it is (PROVINCE_API §3). It goes to the needs-attention list with the reason, as a
        rejection the desk itself records, and the queue goes on; it is sent again only
        when the dossier changes."""
        item = batch.items[0]
        size = len(batch.body.encode("utf-8"))
        reason = (
            f"Máy chủ tỉnh không nhận hồ sơ này vì quá lớn ({size:,} byte; tối đa 1 MB một "
            "hồ sơ). Sửa bớt nội dung của hồ sơ, lần đồng bộ sau sẽ gửi lại."
        ).replace(",", ".")
        log.warning("dossier %s revision %s refused as too large", item.code, item.revision)
        answer = sync_repo.ItemAnswer(
            item.dossier_id, item.code, item.revision, SyncResult.REJECTED, reason
        )
        self._record(batch, [answer])

    def _split(self, batch: sync_repo.PendingBatch, max_batch: int) -> None:
        """A 413 (the server stored nothing): smaller batches written in its place, and a
        smaller batch size for the rest of the run."""
        count = len(batch.items)
        size = max_batch if 0 < max_batch < count else count // 2
        if size < 1:
            self._too_large(batch)
            return
        self.max_batch = min(self.max_batch, size)
        items = json.loads(batch.body)["data"]
        refs = [sync_repo.OutboxEntry(i.dossier_id, i.code, i.revision) for i in batch.items]
        parts: list[Part] = []
        for start in range(0, count, size):
            batch_id = str(uuid.uuid4())
            body = encode(
                {
                    "madonvi": self.agency_id,
                    "service": SERVICE,
                    "batch_id": batch_id,
                    "data": items[start : start + size],
                }
            ).decode("utf-8")
            parts.append((batch_id, body, refs[start : start + size]))
        log.info("batch %s split into %d batches of at most %d", batch.batch_id, len(parts), size)
        with self.ctx.db.write() as session:
            seqs = sync_repo.replace_batch(session, batch.seq, parts, now_in_office())
        if batch.seq in self.made:
            self.made.update(seqs)
