"""The demo office: realistic dossiers for training, screenshots and benchmarks.

One generator describes each dossier (who, what, when, and the statuses it went through),
chunk of days by chunk of days, each chunk from its own seed. Small runs write it through
the real services. Large runs on SQLite take a bulk path that writes exactly the rows the
services would write — a test exports both and compares them line for line — because a
million dossiers through the services would take an hour: worker processes turn chunks
into rows while the main process inserts them, in one transaction.
"""

from __future__ import annotations

import math
import multiprocessing
import os
import random
import sys
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator
from contextlib import closing
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from datetime import time as time_of_day
from multiprocessing.pool import AsyncResult
from typing import TYPE_CHECKING, Any

from desk.domain.calendar import (
    ProcessingTime,
    WorkingCalendar,
    from_office_time,
    now_in_office,
    to_office_time,
)
from desk.domain.catalogue import Procedure
from desk.domain.codes import DossierCode, SequenceBlock
from desk.domain.dossier import Actor, IntakeRequest, Party, Person, ReceivedDocument
from desk.domain.identity import Sex
from desk.domain.office import Office, Role, User
from desk.domain.status import Status
from desk.domain.text import fold
from desk.errors import SequenceExhausted
from desk.services import auth, dossiers, intake, setup
from desk.services.context import DeskContext
from desk.store import repositories as repo

if TYPE_CHECKING:
    from desk.store.bulk import SqlValues

DEMO_OFFICE = Office(
    agency_id="000.17.22.H56",
    agency_name="UBND XÃ YÊN LẠC",
    unit_name="TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG XÃ YÊN LẠC",
    commune="Xã Yên Lạc",
    province="Tỉnh Phú Thọ",
    place_name="Yên Lạc",
    address="Thôn Đông, xã Yên Lạc, tỉnh Phú Thọ",
    phone="0211 3856 123",
    lookup_url="https://dichvucong.phutho.gov.vn/tra-cuu?ma={code}",
)

# (username, full name, role, title, demo password)
DEMO_USERS = (
    ("canbo1", "Nguyễn Thị Hương", Role.CLERK, "Công chức Tư pháp - Hộ tịch", "canbo1-demo"),
    ("canbo2", "Trần Văn Đức", Role.CLERK, "Công chức Văn phòng - Thống kê", "canbo2-demo"),
    ("lanhdao", "Lê Minh Quân", Role.SUPERVISOR, "Giám đốc Trung tâm", "lanhdao-demo"),
    ("quantri", "Phạm Ngọc Lan", Role.ADMIN, "Quản trị hệ thống", "quantri-demo"),
)

# Provinces of birth registration for demo ID numbers: Phú Thọ, Vĩnh Phúc, then neighbours.
DEMO_ID_PROVINCES = ("025", "026", "001", "019", "027", "022", "030", "033", "034", "035")
BULK_THRESHOLD = 2000
DOSSIERS_PER_DAY = 4000  # keeps a day's sequence far below 9999 in large demos
MIN_DEMO_DAYS = 30

FAMILY = (
    ("Nguyễn", 38),
    ("Trần", 11),
    ("Lê", 9),
    ("Phạm", 7),
    ("Hoàng", 5),
    ("Huỳnh", 2),
    ("Phan", 4),
    ("Vũ", 4),
    ("Võ", 2),
    ("Đặng", 2),
    ("Bùi", 2),
    ("Đỗ", 2),
    ("Hồ", 1),
    ("Ngô", 1),
    ("Dương", 1),
    ("Lý", 1),
    ("Đinh", 1),
    ("Trịnh", 1),
    ("Kiều", 1),
)
MIDDLE_MALE = ("Văn", "Văn", "Hữu", "Đức", "Minh", "Quốc", "Xuân", "Công", "Đình", "Thành")
MIDDLE_FEMALE = ("Thị", "Thị", "Thị", "Ngọc", "Thu", "Thanh", "Minh", "Thị Thu", "Hồng", "Kim")
GIVEN_MALE = (
    "An",
    "Bình",
    "Cường",
    "Dũng",
    "Đạt",
    "Đức",
    "Giang",
    "Hải",
    "Hiếu",
    "Hùng",
    "Huy",
    "Khánh",
    "Khoa",
    "Long",
    "Mạnh",
    "Minh",
    "Nam",
    "Nghĩa",
    "Phong",
    "Phúc",
    "Quang",
    "Quân",
    "Sơn",
    "Thắng",
    "Thịnh",
    "Toàn",
    "Trung",
    "Tuấn",
    "Tùng",
    "Việt",
    "Vinh",
)
GIVEN_FEMALE = (
    "Anh",
    "Ánh",
    "Châu",
    "Chi",
    "Diệp",
    "Dung",
    "Đào",
    "Giang",
    "Hà",
    "Hạnh",
    "Hằng",
    "Hoa",
    "Hồng",
    "Huyền",
    "Hương",
    "Lan",
    "Liên",
    "Linh",
    "Loan",
    "Mai",
    "My",
    "Nga",
    "Ngọc",
    "Nhung",
    "Oanh",
    "Phương",
    "Quyên",
    "Thảo",
    "Thủy",
    "Trang",
    "Uyên",
    "Vân",
    "Yến",
)
HAMLETS = (
    "Thôn Đông",
    "Thôn Đoài",
    "Thôn Nam",
    "Thôn Bắc",
    "Thôn Trung Hậu",
    "Thôn Yên Thư",
    "Thôn Đồng Văn",
    "Thôn Lũng Hạ",
    "Thôn Nghinh Tiên",
    "Tổ dân phố Đình Xuyên",
)
# (procedure code, weight) — birth and certified copies dominate a commune's day.
PROCEDURE_MIX = (
    ("2.000815", 40),
    ("1.001193", 16),
    ("2.000635", 14),
    ("1.004873", 10),
    ("1.000894", 6),
    ("1.000656", 5),
    ("1.004859", 5),
    ("1.004884", 4),
)


CHUNK_DAYS = 2  # days generated together from one derived seed: the unit of parallel work
PARALLEL_THRESHOLD = 20_000  # from this size the bulk path prepares rows in worker processes
LARGE_LOAD = 200_000  # from this size it builds the indexes after the load (see BulkInserter)
PROGRESS_EVERY = 50_000


def _weighted(pairs: Iterable[tuple[str, int]]) -> tuple[str, ...]:
    """Each value repeated by its weight: ``table[int(random() * len(table))]`` is then one
    weighted draw, far cheaper than ``random.choices``."""
    return tuple(value for value, weight in pairs for _ in range(weight))


FAMILY_TABLE = _weighted(FAMILY)
ID_ISSUER = "Cục Cảnh sát quản lý hành chính về trật tự xã hội"
CHIP_CARDS_FROM = date(2021, 1, 1).toordinal()  # the first chip ID cards
BIRTH_FORM = {
    "child_birth_place": "Trạm Y tế xã Yên Lạc",
    "ethnicity": "Kinh",
    "nationality": "Việt Nam",
    "relation_to_child": "Cha",
}
REFUSAL_REASON = "Hồ sơ không thuộc thẩm quyền giải quyết của UBND xã"


class WorkingMinuteClock:
    """The working minutes of a range of days, listed once, so the generator can add and
    subtract working time in O(1). Only for planning demo timelines: the dossiers' due
    times still come from the real calendar, which also answers what the list does not
    cover (an instant that is not a whole working minute)."""

    def __init__(self, calendar: WorkingCalendar, first_day: date, last_day: date, tzinfo: Any):
        self.calendar = calendar
        self.starts: list[datetime] = []  # every working minute, in order
        self.ends: list[datetime] = []  # the end of each (a period's end after its last)
        self.index: dict[datetime, int] = {}
        self.day_ranges: dict[date, tuple[int, int]] = {}  # day → (first index, minutes)
        one_minute = timedelta(minutes=1)
        pending_end: datetime | None = None
        day = first_day
        while day <= last_day:
            if calendar.is_working_day(day):
                self.day_ranges[day] = (len(self.starts), calendar.hours.minutes_per_day)
                for start, end in calendar.hours.periods:
                    moment = datetime.combine(day, start, tzinfo=tzinfo)
                    period_end = datetime.combine(day, end, tzinfo=tzinfo)
                    if pending_end is not None:
                        # A time at the end of a period continues at the next period.
                        self.index.setdefault(pending_end, len(self.starts))
                    while moment < period_end:
                        self.index[moment] = len(self.starts)
                        self.starts.append(moment)
                        moment += one_minute
                        self.ends.append(moment)
                    pending_end = period_end
            day += timedelta(days=1)
        self.beyond = datetime.combine(last_day + timedelta(days=1), time_of_day.max, tzinfo=tzinfo)

    def add(self, start: datetime, minutes: int) -> datetime:
        """``start`` + ``minutes`` (≥ 1) of working time, ending at a period's end when it
        runs out there, as ``WorkingCalendar.add_working_minutes``; past the listed days,
        a time after all of them."""
        i = self.index.get(start)
        if i is None:
            return self.calendar.add_working_minutes(start, minutes)
        if i + minutes > len(self.starts):
            return self.beyond
        return self.ends[i + minutes - 1]

    def between(self, start: datetime, end: datetime) -> int:
        i, j = self.index.get(start), self.index.get(end)
        if i is None or j is None:
            return self.calendar.working_minutes_between(start, end)
        return max(0, j - i)


@dataclass
class DemoDossier:
    """One generated dossier: the intake request and what happened to it afterwards."""

    request: IntakeRequest
    received_at: datetime
    clerk_index: int
    refusal_reason: str = ""
    steps: list[tuple[Status, datetime, str]] = field(default_factory=list)


@dataclass(frozen=True)
class DemoChunk:
    """A few consecutive demo days, generated from their own seed, so chunks can be made
    in any order or in parallel and still give the same dossiers."""

    index: int
    days: tuple[date, ...]
    per_day: tuple[int, ...]
    first: int  # position of the chunk's first dossier in the whole run
    seed: int

    @property
    def count(self) -> int:
        return sum(self.per_day)


class DemoGenerator:
    """Describes the dossiers of a run: who, what, when, and the statuses they went through.

    Both writers (the services and the bulk path) take their dossiers from here, chunk by
    chunk, so the same seed and count give the same office either way.
    """

    def __init__(
        self,
        calendar: WorkingCalendar,
        procedures: dict[str, Procedure],
        *,
        count: int,
        seed: int,
        now: datetime,
    ):
        self.calendar = calendar
        self.procedures = procedures
        self.now = now
        days = demo_days(calendar, count, now.date())
        per_day = [count // len(days)] * len(days)
        for i in range(count % len(days)):
            per_day[-1 - i] += 1
        # One draw from the run's seed gives the first ID serial, then one seed per chunk.
        master = random.Random(seed)
        # ID numbers: the applicant of the n-th dossier takes person number 2n, a mother
        # 2n + 1; each million numbers moves to the next province code, so no two people
        # of a run ever share an ID number (the services would merge them into one).
        self._serial_base = master.randrange(100_000, 400_000)
        self.chunks: list[DemoChunk] = []
        first = 0
        for start in range(0, len(days), CHUNK_DAYS):
            part = tuple(per_day[start : start + CHUNK_DAYS])
            chunk_days = tuple(days[start : start + CHUNK_DAYS])
            seed_of_chunk = master.getrandbits(64)
            self.chunks.append(DemoChunk(len(self.chunks), chunk_days, part, first, seed_of_chunk))
            first += sum(part)
        # Planning may look a few weeks past today (due times of recent dossiers).
        self.clock = WorkingMinuteClock(
            calendar, days[0], days[-1] + timedelta(days=45), now.tzinfo
        )
        self._procedure_table = _weighted((c, w) for c, w in PROCEDURE_MIX if c in procedures)
        self._documents: dict[tuple[str, int], tuple[ReceivedDocument, ...]] = {}

    @property
    def count(self) -> int:
        return sum(chunk.count for chunk in self.chunks)

    def dossiers(self, chunk: DemoChunk) -> Iterator[DemoDossier]:
        """The chunk's dossiers in the order they were received."""
        rand = random.Random(chunk.seed).random
        clock, now = self.clock, self.now
        times: list[datetime] = []
        for day, n in zip(chunk.days, chunk.per_day, strict=True):
            first, minutes = clock.day_ranges[day]
            for offset in sorted(int(rand() * minutes) for _ in range(n)):
                times.append(min(clock.starts[first + offset], now))
        for position, received_at in enumerate(times, start=chunk.first):
            yield self._dossier(rand, received_at, position)

    # --- people ------------------------------------------------------------------------

    @staticmethod
    def _name(rand: Callable[[], float], sex: Sex) -> str:
        family = FAMILY_TABLE[int(rand() * len(FAMILY_TABLE))]
        if sex is Sex.MALE:
            middle = MIDDLE_MALE[int(rand() * len(MIDDLE_MALE))]
            return f"{family} {middle} {GIVEN_MALE[int(rand() * len(GIVEN_MALE))]}"
        middle = MIDDLE_FEMALE[int(rand() * len(MIDDLE_FEMALE))]
        return f"{family} {middle} {GIVEN_FEMALE[int(rand() * len(GIVEN_FEMALE))]}"

    def _adult(
        self,
        rand: Callable[[], float],
        today: int,
        serial: int,
        *,
        sex: Sex | None = None,
        min_age: int = 18,
        max_age: int = 75,
    ) -> Person:
        """An adult, ``today`` being a date ordinal (date arithmetic on ordinals is several
        times cheaper than with timedelta, and this runs a million times)."""
        if sex is None:
            sex = Sex.MALE if rand() < 0.5 else Sex.FEMALE
        born = today - min_age * 365 - int(rand() * (max_age - min_age) * 365)
        birth = date.fromordinal(born)
        # 12 digits: province of birth registration, century and sex, year, serial.
        digit = (birth.year - 1900) // 100 * 2 + (0 if sex is Sex.MALE else 1)
        number = self._serial_base + serial
        province = DEMO_ID_PROVINCES[number // 1_000_000 % len(DEMO_ID_PROVINCES)]
        return Person(
            full_name=self._name(rand, sex),
            id_number=f"{province}{digit}{birth.year % 100:02d}{number % 1_000_000:06d}",
            birth_date=birth,
            sex=sex,
            address=f"{HAMLETS[int(rand() * len(HAMLETS))]}, xã Yên Lạc, tỉnh Phú Thọ",
            id_issue_date=date.fromordinal(
                max(born + 14 * 365, CHIP_CARDS_FROM) + int(rand() * 900)
            ),
            id_issuer=ID_ISSUER,
        )

    # --- dossiers ----------------------------------------------------------------------

    def _documents_for(self, procedure: Procedure, copies: int) -> tuple[ReceivedDocument, ...]:
        """The papers a complete dossier brings; the same for every dossier of a procedure
        and number of copies, so made once (they are only read afterwards)."""
        key = (procedure.code, copies)
        documents = self._documents.get(key)
        if documents is None:
            documents = self._documents[key] = tuple(
                ReceivedDocument(
                    name=d.name,
                    code=d.code,
                    originals=1 if d.copy_kind.value == "original" else 0,
                    certified_copies=1 if d.copy_kind.value == "certified" else 0,
                    photocopies=(copies if procedure.code == "2.000815" else 1)
                    if d.copy_kind.value == "photo"
                    else 0,
                )
                for d in procedure.documents
                if d.required and (not d.group or d.code == _first_in_group(procedure, d.group))
            )
        return documents

    def _dossier(self, rand: Callable[[], float], received_at: datetime, n: int) -> DemoDossier:
        today = received_at.toordinal()
        table = self._procedure_table
        code = table[int(rand() * len(table))]
        procedure = self.procedures[code]
        applicant = self._adult(rand, today, 2 * n)
        if rand() < 0.85:
            applicant.phone = ("09", "03", "08", "07")[int(rand() * 4)] + (
                f"{int(rand() * 10**8):08d}"
            )
        if rand() < 0.15:
            birth_year = applicant.birth_date.year if applicant.birth_date else 0
            applicant.email = f"{birth_year}.{int(rand() * 10**5)}@gmail.com"
        parties: list[Party] = []
        form_data: dict[str, Any] = {}
        copies, pages = 1, 0
        if code == "1.001193":
            child_sex = Sex.MALE if rand() < 0.5 else Sex.FEMALE
            child_birth = date.fromordinal(today - 1 - int(rand() * 58))
            mother = self._adult(rand, today, 2 * n + 1, sex=Sex.FEMALE, min_age=19, max_age=40)
            child = Person(
                self._name(rand, child_sex),
                birth_date=child_birth,
                sex=child_sex,
                address=mother.address,
            )
            parties = [Party("child", child), Party("mother", mother)]
            form_data = dict(BIRTH_FORM)
        elif code == "2.000815":
            copies, pages = 1 + int(rand() * 5), 1 + int(rand() * 7)
        elif code == "2.000635":
            copies = 1 + int(rand() * 3)
        needs_checks = procedure.extended is not None and rand() < 0.1
        request = IntakeRequest(
            procedure_code=code,
            applicant=applicant,
            documents=list(self._documents_for(procedure, copies)),
            parties=parties,
            form_data=form_data,
            copies=copies,
            pages=pages,
            needs_checks=needs_checks,
        )
        demo = DemoDossier(request, received_at, clerk_index=int(rand() * 2))
        if rand() < 0.02:
            demo.refusal_reason = REFUSAL_REASON
            return demo
        processing = (
            procedure.extended if needs_checks and procedure.extended else procedure.processing
        )
        due = self.calendar.due_at(received_at, processing)
        self._plan_steps(rand, demo, processing, due)
        return demo

    def _plan_steps(
        self,
        rand: Callable[[], float],
        demo: DemoDossier,
        processing: ProcessingTime,
        due: datetime,
    ) -> None:
        clock, now = self.clock, self.now
        steps = demo.steps
        at = demo.received_at
        span = max(30, clock.between(at, due))

        def step(status: Status, latest_minutes: int, note: str = "") -> bool:
            """Move on after 1 to ``latest_minutes`` - 1 working minutes, unless that is
            still in the future."""
            nonlocal at
            candidate = clock.add(at, 1 + int(rand() * (max(2, latest_minutes) - 1)))
            if candidate > now:
                return False
            at = candidate
            steps.append((status, at, note))
            return True

        if processing.is_same_day and rand() < 0.7:
            # "5 tại chỗ": ready within the hour, handed back soon after.
            if step(Status.RESULT_READY, 60):
                step(Status.RETURNED, 240 if rand() < 0.9 else 3000)
            return
        if not step(Status.PROCESSING, 60):
            return
        fate = rand()
        if fate < 0.01:
            step(Status.WITHDRAWN, span // 2, "Công dân xin rút hồ sơ")
            return
        if fate < 0.02:
            step(Status.STOPPED, span // 2, "Hồ sơ có giấy tờ giả mạo, dừng giải quyết")
            return
        if fate < 0.06:
            if not step(Status.SUPPLEMENT_REQUESTED, span // 2, "Thiếu bản sao giấy khai sinh"):
                return
            if not step(Status.PROCESSING, 960, "Đã nhận giấy tờ bổ sung"):
                return
        late = rand() < 0.03
        if not step(Status.RESULT_READY, span + (600 if late else -10)):
            return
        step(Status.RETURNED, 1200 if rand() < 0.95 else 6000)


def _first_in_group(procedure: Procedure, group: str) -> str:
    return next(d.code for d in procedure.documents if d.group == group)


def demo_days(calendar: WorkingCalendar, count: int, today: date) -> list[date]:
    """The past working days the demo spreads over, oldest first, ending today."""
    wanted = max(MIN_DEMO_DAYS, math.ceil(count / DOSSIERS_PER_DAY))
    days: list[date] = []
    day = today
    while len(days) < wanted:
        if calendar.is_working_day(day):
            days.append(day)
        day -= timedelta(days=1)
    return days[::-1]


def ensure_demo_office(ctx: DeskContext) -> list[tuple[str, str, str]]:
    """Create the demo office on first use. Returns (username, password, role) to print."""
    if ctx.has_office:
        return []
    setup.save_office(ctx, DEMO_OFFICE)
    setup.import_catalogue(ctx)
    created = []
    for username, full_name, role, title, password in DEMO_USERS:
        auth.create_user(ctx.db, username, full_name, role, password, title)
        created.append((username, password, role.label))
    return created


def demo_clerks(ctx: DeskContext) -> list[User]:
    with ctx.db.read() as session:
        users = repo.list_users(session)
    clerks = [u for u in users if u.role is Role.CLERK]
    return clerks or users


def demo_generator(
    ctx: DeskContext, count: int, *, seed: int, now: datetime | None = None
) -> DemoGenerator:
    now = from_office_time(to_office_time(now or now_in_office()))
    procedures = {p.code: p for p in ctx.catalogue()}
    return DemoGenerator(ctx.calendar, procedures, count=count, seed=seed, now=now)


def generate(
    ctx: DeskContext, count: int, *, seed: int, now: datetime | None = None
) -> Iterator[DemoDossier]:
    generator = demo_generator(ctx, count, seed=seed, now=now)
    for chunk in generator.chunks:
        yield from generator.dossiers(chunk)


def add_demo_dossiers(
    ctx: DeskContext,
    count: int,
    *,
    seed: int = 1,
    now: datetime | None = None,
    bulk: bool | None = None,
    workers: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Add ``count`` dossiers; returns how many were written. ``workers``: processes that
    prepare the bulk path's rows (default: by machine and size; 0 = none)."""
    clerks = demo_clerks(ctx)
    use_bulk = bulk if bulk is not None else (count > BULK_THRESHOLD and ctx.db.is_sqlite)
    if use_bulk:
        generator = demo_generator(ctx, count, seed=seed, now=now)
        if workers is None:
            workers = default_workers(count)
        return BulkDossierWriter(ctx, clerks).write(generator, workers=workers, progress=progress)
    written = 0
    for demo in generate(ctx, count, seed=seed, now=now):
        write_through_services(ctx, demo, clerks)
        written += 1
        if progress and written % 500 == 0:
            progress(written)
    return written


def default_workers(count: int) -> int:
    """Processes preparing a bulk load's rows while this one inserts them: one per core,
    up to three (past that the inserting process is the bottleneck). Only on Linux, where
    fork starts them with the generator already in memory (spawn would re-import the desk
    and needs a guarded entry point in a frozen Windows build), and only for loads big
    enough to pay for starting them."""
    if count < PARALLEL_THRESHOLD or not sys.platform.startswith("linux"):
        return 0
    return max(1, min(3, os.cpu_count() or 1))


def write_through_services(ctx: DeskContext, demo: DemoDossier, clerks: list[User]) -> DossierCode:
    clerk = clerks[demo.clerk_index % len(clerks)]
    dossier = intake.receive_dossier(
        ctx, demo.request, clerk, at=demo.received_at, refusal_reason=demo.refusal_reason
    )
    for status, at, note in demo.steps:
        dossiers.change_status(ctx, str(dossier.code), status, clerk, note=note, at=at)
    return dossier.code


# --- the bulk path -----------------------------------------------------------------------

# Column order of the rows below (the INSERT names them, so the tables' order is free).
PEOPLE_COLUMNS = (
    "id",
    "id_number",
    "old_id_number",
    "full_name",
    "name_folded",
    "birth_date",
    "sex",
    "address",
    "phone",
    "email",
    "id_issue_date",
    "id_issuer",
    "updated_at",
)
DOSSIER_COLUMNS = (
    "id",
    "code",
    "agency_id",
    "received_day",
    "sequence",
    "procedure_code",
    "procedure_name",
    "field_code",
    "field_name",
    "lead_unit",
    "status",
    "revision",
    "channel",
    "applicant_kind",
    "applicant_person_id",
    "applicant_name",
    "applicant_name_folded",
    "applicant_id_number",
    "applicant_phone",
    "applicant_email",
    "applicant_address",
    "summary",
    "sets_count",
    "result_delivery",
    "processing_days",
    "needs_checks",
    "received_at",
    "due_at",
    "rescheduled_due_at",
    "paused_at",
    "finished_at",
    "returned_at",
    "clerk_id",
    "clerk_name",
    "form_data",
    "note",
    "updated_at",
)
PARTY_COLUMNS = ("dossier_id", "position", "role", "person_id")
DOCUMENT_COLUMNS = (
    "dossier_id",
    "position",
    "code",
    "name",
    "originals",
    "certified_copies",
    "photocopies",
    "attachment_sha256",
)
FEE_COLUMNS = ("dossier_id", "name", "amount", "method")
EVENT_COLUMNS = (
    "dossier_id",
    "revision",
    "at",
    "from_status",
    "to_status",
    "actor_kind",
    "actor_user_id",
    "actor_name",
    "actor_title",
    "note",
)
OUTBOX_COLUMNS = ("dossier_id", "revision", "queued_at")


@dataclass
class ChunkTask:
    """What a worker needs, besides the shared generator, to make a chunk's rows."""

    chunk: DemoChunk
    first_id: int  # id of the chunk's first dossier
    sequences: dict[date, int]  # last number already handed out per day


@dataclass
class ChunkRows:
    """A chunk's rows, ready for executemany. People are numbered from 1 within the chunk
    (the main process adds the offset in SQL); every other id is final."""

    people: list[tuple[Any, ...]] = field(default_factory=list)
    dossiers: list[tuple[Any, ...]] = field(default_factory=list)
    parties: list[tuple[Any, ...]] = field(default_factory=list)
    documents: list[tuple[Any, ...]] = field(default_factory=list)
    fees: list[tuple[Any, ...]] = field(default_factory=list)
    events: list[tuple[Any, ...]] = field(default_factory=list)
    outbox: list[tuple[Any, ...]] = field(default_factory=list)
    sequences: dict[date, int] = field(default_factory=dict)  # last number per day


class RowMaker:
    """Turns generated dossiers into the rows the services would write for them.

    The decisions are the services' own: intake.plan_intake (status, due time, fees,
    first event), intake.new_dossier / dossier_from_new and dossiers.advance (the status
    bookkeeping). Only the writing differs: the values repositories.*_values would give go
    straight into tuples in the driver's form (SqlValues), one list per table, instead of
    dictionaries and one statement each. tests/store/test_demo_bulk.py checks that both
    writers give identical tables, column by column.
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
        self._folded: dict[str, str] = {}  # name → its search form (names repeat a lot)
        self._code_prefix: dict[date, str] = {}
        self._empty_json = values.json({})

    def rows(self, task: ChunkTask) -> ChunkRows:
        rows = ChunkRows()
        sequences = dict(task.sequences)
        dossier_id = task.first_id
        for demo in self.generator.dossiers(task.chunk):
            self._add(rows, demo, dossier_id, sequences)
            dossier_id += 1
        rows.sequences = {d: sequences[d] for d in task.chunk.days if d in sequences}
        return rows

    def _person(self, rows: ChunkRows, person: Person, updated_at: str) -> int:
        """Add a people row (as repositories.person_values); returns its chunk number."""
        people = rows.people
        number = len(people) + 1
        date_value = self.values.date
        name = person.full_name
        folded = self._folded.get(name)
        if folded is None:
            folded = self._folded[name] = fold(name)
        people.append(
            (
                number,
                person.id_number,
                person.old_id_number,
                name,
                folded,
                date_value(person.birth_date),
                person.sex.value if person.sex else "",
                person.address,
                person.phone,
                person.email,
                date_value(person.id_issue_date),
                person.id_issuer,
                updated_at,
            )
        )
        return number

    def _add(
        self, rows: ChunkRows, demo: DemoDossier, dossier_id: int, sequences: dict[date, int]
    ) -> None:
        calendar, values = self.calendar, self.values
        instant = values.instant
        clerk = self.clerks[demo.clerk_index % len(self.clerks)]
        request = demo.request
        received_at = demo.received_at
        plan = intake.plan_intake(
            calendar,
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
        code = DossierCode(self.agency_id, day, sequence)
        new = intake.new_dossier(plan, code, request, clerk)
        # Play the history on the domain object, as dossiers.change_status does; each step
        # raises the revision by one, so the n-th event is revision n.
        dossier = intake.dossier_from_new(new, dossier_id, plan.event)
        changed_at = received_at
        actor = Actor.staff(clerk)
        for status, at, note in demo.steps:
            dossier.advance(calendar, status, at=at, actor=actor, note=note)
            changed_at = at

        # The rows, parents first, in the column order of the *_COLUMNS above.
        received = instant(received_at)
        changed = instant(changed_at)
        applicant = request.applicant
        applicant_id = self._person(rows, applicant, received)
        parties = rows.parties
        parties.append((dossier_id, 0, "applicant", applicant_id))
        for position, party in enumerate(request.parties, start=1):
            parties.append(
                (dossier_id, position, party.role, self._person(rows, party.person, received))
            )
        prefix = self._code_prefix.get(day)
        if prefix is None:
            prefix = self._code_prefix[day] = str(code)[:-4]  # the code ends in «-0001»
        procedure = plan.procedure
        rows.dossiers.append(
            (
                dossier_id,
                f"{prefix}{sequence:04d}",
                self.agency_id,
                values.date(day),
                sequence,
                procedure.code,
                procedure.name,
                procedure.field_code,
                procedure.field_name,
                procedure.lead_unit,
                int(dossier.status),
                dossier.revision,
                int(new.channel),
                int(new.applicant_kind),
                applicant_id,
                applicant.full_name,
                self._folded[applicant.full_name],
                applicant.id_number,
                applicant.phone,
                applicant.email,
                applicant.address,
                new.summary,
                new.sets_count,
                new.result_delivery.value,
                new.processing_days,
                values.boolean(new.needs_checks),
                received,
                instant(dossier.due_at),
                instant(dossier.rescheduled_due_at),
                instant(dossier.paused_at),
                instant(dossier.finished_at),
                instant(dossier.returned_at),
                clerk.id,
                clerk.full_name,
                values.json(dossier.form_data) if dossier.form_data else self._empty_json,
                dossier.note,
                changed,
            )
        )
        documents = rows.documents
        for position, doc in enumerate(request.documents):
            documents.append(
                (
                    dossier_id,
                    position,
                    doc.code,
                    doc.name,
                    doc.originals,
                    doc.certified_copies,
                    doc.photocopies,
                    doc.attachment_sha256 or None,
                )
            )
        for fee in plan.fees:
            rows.fees.append((dossier_id, fee.name, fee.amount, fee.method))
        events = rows.events
        for revision, event in enumerate(dossier.events, start=1):
            events.append(
                (
                    dossier_id,
                    revision,
                    instant(event.at),
                    None if event.from_status is None else int(event.from_status),
                    int(event.to_status),
                    int(event.actor_kind),
                    clerk.id,
                    event.actor_name,
                    event.actor_title,
                    event.note,
                )
            )
        rows.outbox.append((dossier_id, dossier.revision, changed))


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
        from desk.store.bulk import BulkInserter, SqlValues

        ctx = self.ctx
        agency, block = ctx.office.agency_id, ctx.config.sequence_block
        maker = RowMaker(generator, self.clerks, agency, block, SqlValues(ctx.db.engine.dialect))
        written = 0
        with BulkInserter(ctx.db, large=generator.count >= LARGE_LOAD) as bulk:
            first_dossier = bulk.max_id("dossiers") + 1
            next_person = bulk.max_id("people") + 1
            stored = bulk.stored_sequences(agency, block)
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
                for rows in chunks:
                    shift = next_person - 1  # chunk person n → id shift + n
                    bulk.insert("people", PEOPLE_COLUMNS, rows.people, offsets={"id": shift})
                    bulk.insert(
                        "dossiers",
                        DOSSIER_COLUMNS,
                        rows.dossiers,
                        offsets={"applicant_person_id": shift},
                    )
                    bulk.insert(
                        "dossier_people", PARTY_COLUMNS, rows.parties, offsets={"person_id": shift}
                    )
                    bulk.insert("dossier_documents", DOCUMENT_COLUMNS, rows.documents)
                    bulk.insert("dossier_fees", FEE_COLUMNS, rows.fees)
                    bulk.insert("status_events", EVENT_COLUMNS, rows.events)
                    bulk.insert("outbox", OUTBOX_COLUMNS, rows.outbox)
                    for day, last in rows.sequences.items():
                        bulk.set_sequence(agency, day, block, last)
                    next_person += len(rows.people)
                    before, written = written, written + len(rows.dossiers)
                    if progress and written // PROGRESS_EVERY > before // PROGRESS_EVERY:
                        progress(written)
        return written


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
