"""The demo's bulk path: the rows the services would write, a million dossiers at a time.

A million dossiers through the services would take an hour. Here worker processes turn
chunks of days into rows (``RowMaker``) while the main process inserts them in order, all
in one transaction (``desk.store.bulk.BulkInserter``). Nothing about the rows is decided
here: the dossier's life is the domain's (``plan_intake``, ``Dossier.advance``) and its
rows are ``desk.store.rows``' — the very values the services' path writes.
tests/store/test_demo_bulk.py checks that both writers give identical tables, column by
column.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections import deque
from collections.abc import Callable, Generator, Sequence
from contextlib import closing
from dataclasses import dataclass, field
from datetime import date, datetime
from multiprocessing.pool import AsyncResult
from typing import Any

from desk.domain import handover as handover_rules
from desk.domain.audit import AuditAction
from desk.domain.calendar import now_in_office
from desk.domain.codes import DossierCode, SequenceBlock
from desk.domain.dossier import Actor, Person
from desk.domain.intake import plan_intake, processing_for
from desk.domain.office import User
from desk.domain.status import Status
from desk.errors import SequenceExhausted
from desk.services import intake
from desk.services.context import DeskContext
from desk.services.demo.figures import demo_handover
from desk.services.demo.generator import DemoChunk, DemoDossier, DemoGenerator
from desk.store import rows
from desk.store.bulk import BulkInserter
from desk.store.driver import SqlValues

PARALLEL_THRESHOLD = 20_000  # from this size the bulk path prepares rows in worker processes
LARGE_LOAD = 200_000  # from this size it builds the indexes after the load (see BulkInserter)
PROGRESS_EVERY = 50_000
DEMO_LOADER = "Dữ liệu mẫu (desk demo)"  # who the log names for the dossiers loaded here

# The bulk rows carry the ids the services' path leaves to the database.
PEOPLE_COLUMNS = ("id", *rows.PERSON_COLUMNS)
DOSSIER_COLUMNS = ("id", *rows.DOSSIER_COLUMNS)
_DAY_COLUMN = DOSSIER_COLUMNS.index("received_day")
_BOOK_COLUMN = DOSSIER_COLUMNS.index("book_year")  # book_number follows it


def default_workers(count: int) -> int:
    """Processes preparing a bulk load's rows while this one inserts them: one per core,
    up to three (past that the inserting process is the bottleneck). Only on Linux, where
    fork starts them with the generator already in memory (spawn would re-import the desk
    and needs a guarded entry point in a frozen Windows build), and only for loads big
    enough to pay for starting them."""
    if count < PARALLEL_THRESHOLD or not sys.platform.startswith("linux"):
        return 0
    return max(1, min(3, os.cpu_count() or 1))


@dataclass
class ChunkTask:
    """What a worker needs, besides the shared generator, to make a chunk's rows."""

    chunk: DemoChunk
    first_id: int  # id of the chunk's first dossier
    sequences: dict[date, int]  # last number already handed out per day


@dataclass
class ChunkRows:
    """A chunk's rows in the driver's form, ready for executemany.

    People are numbered from 1 within the chunk, and the columns that point at them hold
    those numbers: the main process adds the chunk's offset in the INSERT itself. As
    ``save_person`` does, every party of every dossier is a row of its own (what the
    dossier recorded, never changed afterwards), and each record with an ID number goes to
    the registry of known people (``known``: their ``person_row``, in order). Every
    other id is final.
    """

    people: list[Any] = field(default_factory=list)
    dossiers: list[Any] = field(default_factory=list)
    parties: list[Any] = field(default_factory=list)
    documents: list[Any] = field(default_factory=list)
    fees: list[Any] = field(default_factory=list)
    events: list[Any] = field(default_factory=list)
    outbox: list[Any] = field(default_factory=list)
    known: list[Any] = field(default_factory=list)
    sequences: dict[date, int] = field(default_factory=dict)  # last number per day


class RowMaker:
    """Turns generated dossiers into the rows the services would write for them.

    The decisions are the services' own: ``plan_intake`` (status, due time, fees, first
    event), ``intake.new_dossier`` and ``Dossier.advance`` (each step of the history). The
    values are ``desk.store.rows``'; only the writing differs: tuples in the driver's form
    (``SqlValues``), one list per table, instead of one statement each.
    """

    def __init__(
        self,
        generator: DemoGenerator,
        clerks: list[User],
        agency_id: str,
        block: SequenceBlock,
        values: SqlValues,
    ):
        self.generator = generator
        self.calendar = generator.calendar
        self.procedures = generator.procedures
        self.clerks = clerks
        self.agency_id = agency_id
        self.block = block
        self.values = values

    def rows(self, task: ChunkTask) -> ChunkRows:
        made = ChunkRows()
        sequences = dict(task.sequences)
        dossier_id = task.first_id
        for demo in self.generator.dossiers(task.chunk):
            self._add(made, demo, dossier_id, sequences)
            dossier_id += 1
        made.sequences = {d: sequences[d] for d in task.chunk.days if d in sequences}
        return made

    def _add_person(self, made: ChunkRows, person: Person, now: datetime) -> int:
        """The person's row as ``save_person`` writes it (its chunk number), and the
        record for the registry when the person has an ID number."""
        row = rows.person_row(person, now, self.values)
        number = len(made.people) + 1
        made.people.append((number, *row))
        if person.id_number:
            made.known.append(row)
        return number

    def _add(
        self, made: ChunkRows, demo: DemoDossier, dossier_id: int, sequences: dict[date, int]
    ) -> None:
        clerk = self.clerks[demo.clerk_index % len(self.clerks)]
        request = demo.request
        received_at = demo.received_at
        plan = plan_intake(
            self.calendar,
            self.procedures[request.procedure_code],
            request,
            clerk,
            received_at,
            demo.refusal_reason,
        )
        day = plan.day
        sequence = sequences.get(day, self.block.first - 1) + 1
        if sequence > self.block.last:
            raise SequenceExhausted(
                f"Đã hết số thứ tự hồ sơ của ngày {day:%d/%m/%Y} trong dãy {self.block}."
            )
        sequences[day] = sequence
        new = intake.new_dossier(plan, DossierCode(self.agency_id, day, sequence), request, clerk)
        # Play the history on the domain object, as dossiers.change_status does.
        dossier = new.as_dossier(dossier_id, plan.event)
        changed_at = received_at
        actor = Actor.staff(clerk)
        processing = processing_for(
            self.procedures[request.procedure_code],
            request.needs_checks,
            form_data=request.form_data,
        )
        for index, (status, at, note) in enumerate(demo.steps):
            if status is Status.RETURNED:
                handover_rules.hand_back(
                    dossier, self.calendar, demo_handover(demo), at=at, clerk=actor
                )
            else:
                dossier.advance(
                    self.calendar,
                    status,
                    at=at,
                    actor=actor,
                    note=note,
                    processing=processing,
                    fault_reason=demo.fault_reasons.get(index, ""),
                )
            changed_at = at

        # The rows, in the order intake writes them: applicant, dossier, other people …
        applicant_id = self._add_person(made, dossier.applicant, received_at)
        values = self.values
        made.dossiers.append(
            (dossier_id, *rows.dossier_row(dossier, applicant_id, clerk.id, changed_at, values))
        )
        people = [
            (party.role, self._add_person(made, party.person, received_at))
            for party in dossier.parties
        ]
        made.parties.extend(rows.party_rows(dossier_id, applicant_id, people))
        made.documents.extend(rows.document_rows(dossier_id, dossier.documents))
        made.fees.extend(rows.fee_rows(dossier_id, dossier.fees))
        made.events.extend([rows.event_row(dossier_id, e, values) for e in dossier.events])
        made.outbox.append(rows.outbox_row(dossier, changed_at, values))


# The worker processes' row maker, set up once per process (inherited through fork).
_worker_maker: RowMaker | None = None


def _start_worker(maker: RowMaker) -> None:
    global _worker_maker
    _worker_maker = maker


def _worker_rows(task: ChunkTask) -> ChunkRows:
    assert _worker_maker is not None
    return _worker_maker.rows(task)


class BulkDossierWriter:
    """Writes generated dossiers with the rows the services would write, much faster.

    Worker processes turn chunks of days into rows (RowMaker) while this process inserts
    them in order, all in one transaction. Dossier ids follow from each chunk's position;
    people are numbered within their chunk and offset here, in the INSERT itself.
    """

    def __init__(self, ctx: DeskContext, clerks: list[User]):
        self.ctx = ctx
        self.clerks = clerks

    def write(
        self,
        generator: DemoGenerator,
        *,
        workers: int = 0,
        progress: Callable[[int], None] | None = None,
    ) -> int:
        ctx = self.ctx
        agency, block = ctx.office.agency_id, ctx.config.sequence_block
        written = 0
        logged_at = now_in_office()  # when the log learns of them: now, as they are written
        # faults(): a damaged file or a full disk met while loading is said as such, not a bug.
        with ctx.db.faults(), BulkInserter(ctx.db, large=generator.count >= LARGE_LOAD) as bulk:
            maker = RowMaker(
                generator,
                self.clerks,
                agency,
                block,
                SqlValues(ctx.db.engine.dialect),
            )
            first_dossier = bulk.max_id("dossiers") + 1
            next_person = bulk.max_id("people") + 1
            stored = bulk.stored_sequences(agency, block)
            book = bulk.stored_book_entries()
            tasks = [
                ChunkTask(
                    chunk,
                    first_dossier + chunk.first,
                    {day: stored[day] for day in chunk.days if day in stored},
                )
                for chunk in generator.chunks
            ]
            # closing(): an error here stops the workers at once, not when collected.
            with closing(_chunk_rows(maker, tasks, workers)) as chunks:
                for made in chunks:
                    shift = next_person - 1  # chunk person n → id shift + n
                    _enter_in_book(made.dossiers, book)
                    bulk.insert("people", PEOPLE_COLUMNS, made.people, offsets={"id": shift})
                    bulk.insert(
                        "dossiers",
                        DOSSIER_COLUMNS,
                        made.dossiers,
                        offsets={"applicant_person_id": shift},
                    )
                    bulk.insert(
                        "dossier_people",
                        rows.PARTY_COLUMNS,
                        made.parties,
                        offsets={"person_id": shift},
                    )
                    bulk.insert("dossier_documents", rows.DOCUMENT_COLUMNS, made.documents)
                    bulk.insert("dossier_fees", rows.FEE_COLUMNS, made.fees)
                    bulk.insert("status_events", rows.EVENT_COLUMNS, made.events)
                    bulk.insert("outbox", rows.OUTBOX_COLUMNS, made.outbox)
                    bulk.register_people(made.known)
                    bulk.log_dossiers(
                        [row[0] for row in made.dossiers],
                        action=AuditAction.DOSSIER_RECEIVED,
                        at=logged_at,
                        actor_name=DEMO_LOADER,
                    )
                    for day, last in made.sequences.items():
                        bulk.set_sequence(agency, day, block, last)
                    for year, last in book.items():
                        bulk.set_book_entries(year, last)
                    next_person += len(made.people)
                    before, written = written, written + len(made.dossiers)
                    if progress and written // PROGRESS_EVERY > before // PROGRESS_EVERY:
                        progress(written)
        return written


def _enter_in_book(dossier_rows: list[Sequence[Any]], book: dict[int, int]) -> None:
    """Give each dossier its tracking-book entry, in the order written (as the services
    do when they record them one by one). Done here, not by the workers: a chunk cannot
    know how many entries the chunks before it took in the year."""
    for index, row in enumerate(dossier_rows):
        year = int(str(row[_DAY_COLUMN])[:4])
        number = book[year] = book.get(year, 0) + 1
        dossier_rows[index] = (*row[:_BOOK_COLUMN], year, number, *row[_BOOK_COLUMN + 2 :])


def _chunk_rows(
    maker: RowMaker, tasks: list[ChunkTask], workers: int
) -> Generator[ChunkRows, None, None]:
    """The tasks' rows, in order: made here, or by ``workers`` forked processes with a few
    chunks in flight (bounded, so memory stays flat when inserting is the slower side)."""
    if workers <= 0:
        for task in tasks:
            yield maker.rows(task)
        return
    context = multiprocessing.get_context("fork")
    with context.Pool(workers, initializer=_start_worker, initargs=(maker,)) as pool:
        pending: deque[AsyncResult[ChunkRows]] = deque()
        for task in tasks:
            pending.append(pool.apply_async(_worker_rows, (task,)))
            if len(pending) >= 2 * workers:
                yield pending.popleft().get()
        while pending:
            yield pending.popleft().get()
