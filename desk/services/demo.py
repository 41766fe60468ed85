"""The demo office: realistic dossiers for training, screenshots and benchmarks.

One generator describes each dossier (who, what, when, and the statuses it went through).
Small runs write it through the real services. Large runs on SQLite take a bulk path that
writes exactly the rows the services would write — a test exports both and compares them
line for line — because a million dossiers through the services would take an hour.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from datetime import time as time_of_day
from typing import Any

from desk.domain.calendar import ProcessingTime, WorkingCalendar, now_in_office, to_office_time
from desk.domain.catalogue import Procedure
from desk.domain.codes import DossierCode
from desk.domain.dossier import IntakeRequest, Party, Person, ReceivedDocument
from desk.domain.identity import Sex, parse_id_number
from desk.domain.office import Office, Role, User
from desk.domain.status import Status
from desk.services import auth, dossiers, intake, setup
from desk.services.context import DeskContext
from desk.store import repositories as repo

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


class WorkingMinuteClock:
    """The working minutes of a range of days, listed once, so the generator can add and
    subtract working time in O(1). Only for planning demo timelines: the dossiers' due
    times still come from the real calendar."""

    def __init__(self, calendar: WorkingCalendar, first_day: date, last_day: date, tzinfo: Any):
        self.starts: list[datetime] = []
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
                    pending_end = period_end
            day += timedelta(days=1)
        self.beyond = datetime.combine(last_day + timedelta(days=1), time_of_day.max, tzinfo=tzinfo)

    def add(self, start: datetime, minutes: int) -> datetime:
        """``start`` + ``minutes`` of working time (a period's end when it runs out there)."""
        i = self.index.get(start)
        if i is None or i + minutes > len(self.starts):
            return self.beyond
        return self.starts[i + minutes - 1] + timedelta(minutes=1)

    def between(self, start: datetime, end: datetime) -> int | None:
        i, j = self.index.get(start), self.index.get(end)
        return None if i is None or j is None else max(0, j - i)


@dataclass
class DemoDossier:
    """One generated dossier: the intake request and what happened to it afterwards."""

    request: IntakeRequest
    received_at: datetime
    clerk_index: int
    refusal_reason: str = ""
    steps: list[tuple[Status, datetime, str]] = field(default_factory=list)


class DemoGenerator:
    def __init__(
        self,
        calendar: WorkingCalendar,
        procedures: dict[str, Procedure],
        seed: int,
        clock: WorkingMinuteClock,
    ):
        self.calendar = calendar
        self.clock = clock
        self.procedures = procedures
        self.random = random.Random(seed)
        self._serial = self.random.randrange(100_000, 400_000)
        codes = [code for code, _ in PROCEDURE_MIX if code in procedures]
        self._procedure_codes = codes
        self._procedure_weights = [w for c, w in PROCEDURE_MIX if c in procedures]
        self._family = [f for f, _ in FAMILY]
        self._family_weights = [w for _, w in FAMILY]
        self._due_cache: dict[tuple[datetime, str], datetime] = {}

    # --- people ------------------------------------------------------------------------

    def _name(self, sex: Sex) -> str:
        r = self.random
        family = r.choices(self._family, self._family_weights)[0]
        if sex is Sex.MALE:
            return f"{family} {r.choice(MIDDLE_MALE)} {r.choice(GIVEN_MALE)}"
        return f"{family} {r.choice(MIDDLE_FEMALE)} {r.choice(GIVEN_FEMALE)}"

    def _id_number(self, birth: date, sex: Sex) -> str:
        # Unique within a run: a serial, so the two writers never merge two people.
        self._serial += 1
        century = (birth.year - 1900) // 100
        digit = century * 2 + (0 if sex is Sex.MALE else 1)
        return f"025{digit}{birth.year % 100:02d}{self._serial % 1_000_000:06d}"

    def _address(self) -> str:
        return f"{self.random.choice(HAMLETS)}, xã Yên Lạc, tỉnh Phú Thọ"

    def _phone(self) -> str:
        r = self.random
        return r.choice(("09", "03", "08", "07")) + f"{r.randrange(10**8):08d}"

    def _adult(
        self, *, sex: Sex | None = None, min_age: int = 18, max_age: int = 75, today: date
    ) -> Person:
        r = self.random
        sex = sex or r.choice((Sex.MALE, Sex.FEMALE))
        birth = today - timedelta(days=r.randrange(min_age * 365, max_age * 365))
        return Person(
            full_name=self._name(sex),
            id_number=self._id_number(birth, sex),
            birth_date=birth,
            sex=sex,
            address=self._address(),
            id_issue_date=max(birth + timedelta(days=14 * 365), date(2021, 1, 1))
            + timedelta(days=r.randrange(0, 900)),
            id_issuer="Cục Cảnh sát quản lý hành chính về trật tự xã hội",
        )

    # --- dossiers ----------------------------------------------------------------------

    def _due(
        self, received: datetime, procedure: Procedure, processing: ProcessingTime
    ) -> datetime:
        key = (received, f"{processing.days}/{processing.cutoff}")
        due = self._due_cache.get(key)
        if due is None:
            due = self._due_cache[key] = self.calendar.due_at(received, processing)
        return due

    def _working_time_after(self, start: datetime, max_minutes: int) -> datetime:
        return self.calendar.add_working_minutes(
            start, self.random.randrange(1, max(2, max_minutes))
        )

    def dossier(self, received_at: datetime, now: datetime) -> DemoDossier:
        r = self.random
        today = to_office_time(received_at).date()
        code = r.choices(self._procedure_codes, self._procedure_weights)[0]
        procedure = self.procedures[code]
        applicant = self._adult(today=today)
        if r.random() < 0.85:
            applicant.phone = self._phone()
        if r.random() < 0.15:
            applicant.email = (
                f"{parse_id_number(applicant.id_number).birth_year}.{r.randrange(10**5)}@gmail.com"
            )
        parties: list[Party] = []
        form_data: dict[str, Any] = {}
        copies, pages = 1, 0
        if code == "1.001193":
            child_sex = r.choice((Sex.MALE, Sex.FEMALE))
            child_birth = today - timedelta(days=r.randrange(1, 59))
            mother = self._adult(sex=Sex.FEMALE, min_age=19, max_age=40, today=today)
            parties.append(
                Party(
                    "child",
                    Person(
                        self._name(child_sex),
                        birth_date=child_birth,
                        sex=child_sex,
                        address=mother.address,
                    ),
                )
            )
            parties.append(Party("mother", mother))
            form_data = {
                "child_birth_place": "Trạm Y tế xã Yên Lạc",
                "ethnicity": "Kinh",
                "nationality": "Việt Nam",
                "relation_to_child": "Cha",
            }
        elif code == "2.000815":
            copies, pages = r.randrange(1, 6), r.randrange(1, 8)
        elif code == "2.000635":
            copies = r.randrange(1, 4)
        documents = [
            ReceivedDocument(
                name=d.name,
                code=d.code,
                originals=1 if d.copy_kind.value == "original" else 0,
                certified_copies=1 if d.copy_kind.value == "certified" else 0,
                photocopies=(copies if code == "2.000815" else 1)
                if d.copy_kind.value == "photo"
                else 0,
            )
            for d in procedure.documents
            if d.required and (not d.group or d.code == _first_in_group(procedure, d.group))
        ]
        needs_checks = procedure.extended is not None and r.random() < 0.1
        request = IntakeRequest(
            procedure_code=code,
            applicant=applicant,
            documents=documents,
            parties=parties,
            form_data=form_data,
            copies=copies,
            pages=pages,
            needs_checks=needs_checks,
        )
        demo = DemoDossier(request, received_at, clerk_index=r.randrange(2))
        if r.random() < 0.02:
            demo.refusal_reason = "Hồ sơ không thuộc thẩm quyền giải quyết của UBND xã"
            return demo
        processing = (
            procedure.extended if needs_checks and procedure.extended else procedure.processing
        )
        due = self._due(received_at, procedure, processing)
        self._plan_steps(demo, processing, due, now)
        return demo

    def _plan_steps(
        self, demo: DemoDossier, processing: ProcessingTime, due: datetime, now: datetime
    ) -> None:
        r = self.random
        steps = demo.steps
        at = demo.received_at
        between = self.clock.between(at, due)
        if between is None:
            between = self.calendar.working_minutes_between(at, due)
        span = max(30, between)

        def step(status: Status, latest_minutes: int, note: str = "") -> bool:
            nonlocal at
            candidate = self._working_time_after(at, latest_minutes)
            if candidate > now:
                return False
            at = candidate
            steps.append((status, at, note))
            return True

        if processing.is_same_day and r.random() < 0.7:
            # "5 tại chỗ": ready within the hour, handed back soon after.
            if step(Status.RESULT_READY, 60):
                step(Status.RETURNED, 240 if r.random() < 0.9 else 3000)
            return
        if not step(Status.PROCESSING, 60):
            return
        fate = r.random()
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
        late = r.random() < 0.03
        if not step(Status.RESULT_READY, span + (600 if late else -10)):
            return
        step(Status.RETURNED, 1200 if r.random() < 0.95 else 6000)


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


def receive_times(
    clock: WorkingMinuteClock, days: list[date], count: int, now: datetime, rng: random.Random
) -> list[datetime]:
    """``count`` instants in office hours over the demo days, in order, none after now."""
    per_day = [count // len(days)] * len(days)
    for i in range(count % len(days)):
        per_day[-1 - i] += 1
    times = []
    for day, n in zip(days, per_day, strict=True):
        first, minutes = clock.day_ranges[day]
        for offset in sorted(rng.randrange(minutes) for _ in range(n)):
            times.append(min(clock.starts[first + offset], now))
    return times


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


def generate(
    ctx: DeskContext, count: int, *, seed: int, now: datetime | None = None
) -> Iterator[DemoDossier]:
    now = now or now_in_office()
    catalogue = ctx.catalogue()
    days = demo_days(ctx.calendar, count, to_office_time(now).date())
    # Planning may look a few weeks past today (due times of recent dossiers).
    clock = WorkingMinuteClock(ctx.calendar, days[0], days[-1] + timedelta(days=45), now.tzinfo)
    generator = DemoGenerator(ctx.calendar, {p.code: p for p in catalogue}, seed, clock)
    for received_at in receive_times(clock, days, count, now, generator.random):
        yield generator.dossier(received_at, now)


def add_demo_dossiers(
    ctx: DeskContext,
    count: int,
    *,
    seed: int = 1,
    now: datetime | None = None,
    bulk: bool | None = None,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Add ``count`` dossiers; returns how many were written."""
    clerks = demo_clerks(ctx)
    use_bulk = bulk if bulk is not None else (count > BULK_THRESHOLD and ctx.db.is_sqlite)
    if use_bulk:
        writer = BulkDossierWriter(ctx, clerks, expected_rows=count)
        written = writer.write(generate(ctx, count, seed=seed, now=now), progress=progress)
        return written
    written = 0
    for demo in generate(ctx, count, seed=seed, now=now):
        write_through_services(ctx, demo, clerks)
        written += 1
        if progress and written % 500 == 0:
            progress(written)
    return written


def write_through_services(ctx: DeskContext, demo: DemoDossier, clerks: list[User]) -> DossierCode:
    clerk = clerks[demo.clerk_index % len(clerks)]
    dossier = intake.receive_dossier(
        ctx, demo.request, clerk, at=demo.received_at, refusal_reason=demo.refusal_reason
    )
    for status, at, note in demo.steps:
        dossiers.change_status(ctx, str(dossier.code), status, clerk, note=note, at=at)
    return dossier.code


class BulkDossierWriter:
    """Writes generated dossiers with the rows the services would write, much faster.

    Same planning (intake.plan_intake), same status bookkeeping (dossiers.advance), same
    row builders (repositories.*_values); only the SQL round trips are batched.
    """

    def __init__(self, ctx: DeskContext, clerks: list[User], expected_rows: int = 0):
        self.ctx = ctx
        self.clerks = clerks
        self.expected_rows = expected_rows

    def write(
        self, demos: Iterator[DemoDossier], *, progress: Callable[[int], None] | None = None
    ) -> int:
        from desk.store.bulk import BulkInserter

        ctx = self.ctx
        calendar = ctx.calendar
        agency = ctx.office.agency_id
        block = ctx.config.sequence_block
        procedures = {p.code: p for p in ctx.catalogue()}
        written = 0
        with BulkInserter(ctx.db, expected_rows=self.expected_rows) as bulk:
            for demo in demos:
                clerk = self.clerks[demo.clerk_index % len(self.clerks)]
                request = demo.request
                intake.validate_request(request)
                plan = intake.plan_intake(
                    calendar,
                    procedures[request.procedure_code],
                    request,
                    clerk,
                    demo.received_at,
                    demo.refusal_reason,
                )
                code = DossierCode(agency, plan.day, bulk.next_sequence(agency, plan.day, block))
                new = intake.new_dossier(plan, code, request, clerk)
                dossier_id = bulk.next_id("dossiers")
                dossier = intake.dossier_from_new(new, dossier_id, plan.event)
                # Play the dossier's history on the domain object first, then write the
                # rows parents first: a flush may happen between any two rows.
                events = [(1, plan.event)]
                changed_at = demo.received_at
                for status, at, note in demo.steps:
                    event = dossiers.advance(
                        calendar,
                        dossier,
                        status,
                        at=at,
                        actor_name=clerk.full_name,
                        actor_title=clerk.title,
                        note=note,
                    )
                    events.append((dossier.revision, event))
                    changed_at = at
                applicant_id = bulk.next_id("people")
                bulk.add(
                    "people",
                    repo.person_values(request.applicant, demo.received_at) | {"id": applicant_id},
                )
                party_ids = []
                for party in request.parties:
                    party_ids.append(bulk.next_id("people"))
                    bulk.add(
                        "people",
                        repo.person_values(party.person, demo.received_at) | {"id": party_ids[-1]},
                    )
                row = repo.dossier_values(new, applicant_id) | {"id": dossier_id}
                if demo.steps:
                    row.update(repo.dossier_state_values(dossier, changed_at))
                bulk.add("dossiers", row)
                bulk.add(
                    "dossier_people",
                    {
                        "dossier_id": dossier_id,
                        "position": 0,
                        "role": "applicant",
                        "person_id": applicant_id,
                    },
                )
                for position, (party, person_id) in enumerate(
                    zip(request.parties, party_ids, strict=True), start=1
                ):
                    bulk.add(
                        "dossier_people",
                        {
                            "dossier_id": dossier_id,
                            "position": position,
                            "role": party.role,
                            "person_id": person_id,
                        },
                    )
                for values in repo.document_values(dossier_id, request.documents):
                    bulk.add("dossier_documents", values)
                for values in repo.fee_values(dossier_id, plan.fees):
                    bulk.add("dossier_fees", values)
                for revision, event in events:
                    bulk.add(
                        "status_events", repo.event_values(dossier_id, revision, event, clerk.id)
                    )
                bulk.add(
                    "outbox",
                    {
                        "dossier_id": dossier_id,
                        "revision": dossier.revision,
                        "queued_at": changed_at,
                    },
                )
                written += 1
                if progress and written % 50_000 == 0:
                    progress(written)
        return written
