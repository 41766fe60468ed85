"""The demo's dossiers: who came, for what, when, and the statuses each went through.

One generator describes each dossier chunk of days by chunk of days, each chunk from its
own seed, so chunks can be made in any order or in parallel and still give the same
dossiers. Both writers take their dossiers from here: the real services (small runs) and
the bulk path (``desk.services.demo.bulk``), so the same seed and count give the same
office either way.
"""

from __future__ import annotations

import bisect
import math
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from datetime import time as time_of_day
from typing import Any

from desk.domain.calendar import ProcessingTime, WorkingCalendar
from desk.domain.catalogue import Procedure
from desk.domain.dossier import IntakeRequest, Person, ReceivedDocument
from desk.domain.handover import Satisfaction
from desk.domain.identity import Sex
from desk.domain.intake import processing_for
from desk.domain.status import Status
from desk.forms import get_form
from desk.services.demo.data import (
    APPLICANT_AGES,
    CHIP_CARDS_FROM,
    DEMO_ID_PROVINCES,
    FAMILY_TABLE,
    GIVEN_FEMALE,
    GIVEN_MALE,
    HAMLETS,
    ID_ISSUER,
    MIDDLE_FEMALE,
    MIDDLE_MALE,
    PROCEDURE_MIX,
    REFUSAL_REASON,
    SECOND_SUPPLEMENT_FAULT,
    SECOND_SUPPLEMENT_NOTE,
    weighted,
)
from desk.services.demo.figures import FIGURES_STREAM, draw_figures
from desk.services.demo.forms import BIRTH, FormFiller, birth_relation, other_parent

DOSSIERS_PER_DAY = 4000  # keeps a day's sequence far below 9999 in large demos
MIN_DEMO_DAYS = 30
CHUNK_DAYS = 2  # days generated together from one derived seed: the unit of parallel work
FORM_STREAM = 0x5EED_F0A5  # each chunk's second stream (the forms) is seeded seed ^ this


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
    rating: Satisfaction = Satisfaction.SATISFIED  # given when the result is handed back
    result_scanned: bool = False  # the result's scan attached at hand-back
    steps: list[tuple[Status, datetime, str]] = field(default_factory=list)
    # The office's fault reason of a step (by its index) the path limits make a fault.
    fault_reasons: dict[int, str] = field(default_factory=dict)


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
        check_every: int = 1,
        after: dict[date, datetime] | None = None,
        scans: bool = False,
    ):
        self.calendar = calendar
        self.scans = scans  # papers and results point at the demo scan (``desk demo --scans``)
        self.procedures = procedures
        self.now = now
        # The last dossier already received on a day (a second run on the office): the
        # day's new dossiers come after it, as their sequence numbers do.
        self.after = dict(after or {})
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
        self._procedure_table = weighted((c, w) for c, w in PROCEDURE_MIX if c in procedures)
        forms = {code: get_form(procedures[code].form) for code in set(self._procedure_table)}
        self.filler = FormFiller(forms, self._adult, check_every=check_every)
        self._documents: dict[tuple[str, int], tuple[ReceivedDocument, ...]] = {}

    @property
    def count(self) -> int:
        return sum(chunk.count for chunk in self.chunks)

    def dossiers(self, chunk: DemoChunk) -> Iterator[DemoDossier]:
        """The chunk's dossiers in the order they were received."""
        rand = random.Random(chunk.seed).random
        more = random.Random(chunk.seed ^ FORM_STREAM).random
        figures = random.Random(chunk.seed ^ FIGURES_STREAM).random
        clock, now = self.clock, self.now
        times: list[tuple[datetime, datetime]] = []  # (as drawn, as received)
        for day, n in zip(chunk.days, chunk.per_day, strict=True):
            first, minutes = clock.day_ranges[day]
            starts = clock.starts[first : first + minutes]
            latest = self.after.get(day)
            # A second run on the office: the day's new dossiers come after its last one,
            # as their sequence numbers do (the offsets drawn are squeezed into the minutes
            # left, in order; the draws themselves stay as they were).
            skip = 0 if latest is None else min(bisect.bisect_left(starts, latest), minutes - 1)
            for offset in sorted(int(rand() * minutes) for _ in range(n)):
                drawn = min(starts[offset], now)
                moved = starts[skip + offset * (minutes - skip) // minutes]
                times.append((drawn, drawn if latest is None else min(max(moved, latest), now)))
        for position, (drawn, received_at) in enumerate(times, start=chunk.first):
            demo = self._dossier(rand, more, drawn, position)
            draw_figures(demo, figures, scans=self.scans)
            if received_at != drawn:
                self._move(demo, received_at)
            yield demo

    def _move(self, demo: DemoDossier, received_at: datetime) -> None:
        """The dossier received later, its life moved by as much working time (what would
        still be in the future is not done yet). Its people and papers stay: they were
        drawn for its day, and the draws of the dossiers after it stay as they were."""
        clock, now = self.clock, self.now
        minutes = clock.between(demo.received_at, received_at)
        demo.received_at = received_at
        steps = []
        for status, at, note in demo.steps:
            moved = clock.add(at, minutes) if minutes > 0 else at
            if moved > now:
                break
            steps.append((status, max(moved, received_at), note))
        demo.steps = steps
        demo.fault_reasons = {i: r for i, r in demo.fault_reasons.items() if i < len(steps)}

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

    def _dossier(
        self, rand: Callable[[], float], more: Callable[[], float], received_at: datetime, n: int
    ) -> DemoDossier:
        """One dossier: ``rand`` draws its life (as it always has), ``more`` its form."""
        today = received_at.toordinal()
        table = self._procedure_table
        code = table[int(rand() * len(table))]
        procedure = self.procedures[code]
        youngest, oldest = APPLICANT_AGES.get(code, (18, 75))
        applicant = self._adult(rand, today, 2 * n, min_age=youngest, max_age=oldest)
        if rand() < 0.85:
            applicant.phone = ("09", "03", "08", "07")[int(rand() * 4)] + (
                f"{int(rand() * 10**8):08d}"
            )
        if rand() < 0.15:
            birth_year = applicant.birth_date.year if applicant.birth_date else 0
            applicant.email = f"{birth_year}.{int(rand() * 10**5)}@gmail.com"
        filler = self.filler
        if code == BIRTH:
            child_sex = Sex.MALE if rand() < 0.5 else Sex.FEMALE
            child_birth = date.fromordinal(today - 1 - int(rand() * 58))
            relation = birth_relation(more, applicant, today)
            sex, low, high = other_parent(relation, applicant, today)
            other = self._adult(rand, today, 2 * n + 1, sex=sex, min_age=low, max_age=high)
            child_name = self._name(rand, child_sex)
            values = filler.birth(
                more, n, today, applicant, relation, other, child_name, child_sex, child_birth
            )
        elif code == "2.000815":
            copies, pages = 1 + int(rand() * 5), 1 + int(rand() * 7)
            values = filler.certified_copy(more, today, copies, pages)
        elif code == "2.000635":
            values = filler.extract_copy(more, today, applicant, 1 + int(rand() * 3))
        else:
            values = filler.values(code, more, n, today, applicant)
        request = filler.request(
            procedure,
            applicant,
            values,
            date.fromordinal(today),
            lambda copies: self._documents_for(procedure, copies),
        )
        request.needs_checks = needs_checks = procedure.extended is not None and rand() < 0.1
        form_data = request.form_data
        demo = DemoDossier(request, received_at, clerk_index=int(rand() * 2))
        if rand() < 0.02:
            demo.refusal_reason = REFUSAL_REASON
            return demo
        processing = processing_for(procedure, needs_checks, form_data=form_data)
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

        def fixed_step(status: Status, minutes: int, note: str) -> bool:
            """``step`` after exactly ``minutes``: no draw, so the dossiers after this one
            stay as they were."""
            nonlocal at
            candidate = clock.add(at, minutes)
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
            paused_at = at
            if not step(Status.PROCESSING, 960, "Đã nhận giấy tờ bổ sung"):
                return
            # The time left runs from the papers' arrival, by the rule the dossier records
            # (a same-day procedure is due that day or the next, not at an odd hour).
            due = self.calendar.due_after_pause(due, processing, paused_at, at).due_at
            span = max(30, clock.between(at, due))
        if 0.02 <= fate < 0.03 and steps[-1][0] is Status.PROCESSING:
            # A quarter of those asked for papers are asked a second time: the office's own
            # fault (DOMAIN §2), recorded with its reason and flagged on the dossier.
            if not fixed_step(Status.SUPPLEMENT_REQUESTED, 45, SECOND_SUPPLEMENT_NOTE):
                return
            demo.fault_reasons[len(steps) - 1] = SECOND_SUPPLEMENT_FAULT
            if not fixed_step(Status.PROCESSING, 240, "Đã nhận giấy tờ bổ sung lần hai"):
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
