"""The office's own figures for a period (DOMAIN §9, §2): what a supervisor watches before
the province publishes it, and what the periodic report (form 06a) and the service index
of Decision 766/QĐ-TTg are made of.

How a dossier counts (the choices where the law is silent are in docs/legal-basis.md,
"The supervisor's figures"):

- Received in the period: recorded at the desk within it, by channel; refused at intake
  («Không được tiếp nhận», code 3) is counted apart and nowhere else.
- Carried over: received before the period and neither finished nor stopped before it.
- Finished in the period: «Đã xử lý xong», «Đã trả kết quả» or «Công dân yêu cầu rút hồ
  sơ» (codes 9, 10, 7) whose processing ended within it. Early / on time / late is judged
  by the legal due time after supplement pauses (``Dossier.timeliness``), never by a date
  an apology letter promised. A finished dossier that carries an office fault counts
  against the office: not on time in the on-time rate even when finished before its due
  time (**verify** against how the province scores "tiến độ giải quyết"); the rate by the
  due time alone is given next to it.
- Stopped in the period: «Dừng xử lý» (code 8) within it; neither finished nor running.
- Running at the end of the period (or now, if it has not ended): the status the dossier's
  history had then; waiting for supplement papers is within time (the clock is paused);
  otherwise overdue when past the legal due time in force then. So
  ``carried_over + received = finished + stopped + running`` whenever the period ended.
- Supplement requests and new due times: those recorded within the period, with those
  recorded as the office's own fault; ``faults`` gives every fault of the period by kind.
- Handed back in the period: the result returned within it, with the citizen's rating and
  whether the result's scan was attached (digitisation of results).
- Digitisation of dossiers: received in the period with every paper listed scanned.
- Fees: those of the dossiers received in the period, by how they were paid; a dossier
  with any line paid by transfer counts as paid online.

The store counts what can be counted from a dossier's row (``desk.store.figures``); the
rules that need its history are here (``running_state``, ``path_step``).
"""

from __future__ import annotations

import calendar as month_calendar
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal
from enum import Enum

from desk.domain.calendar import from_office_time
from desk.domain.dossier import Dossier, ReceivedDocument, is_reschedule_event, judge_timeliness
from desk.domain.fees import PaymentMethod
from desk.domain.handover import FORM_DATA_KEY as HANDOVER_KEY
from desk.domain.handover import satisfaction_of
from desk.domain.path_limits import FaultKind
from desk.domain.status import RUNNING_STATUSES, Status, StatusEvent
from desk.errors import InvalidInput

ROMAN_QUARTERS = ("I", "II", "III", "IV")


@dataclass(frozen=True, slots=True)
class Period:
    """Whole office days, first and last included."""

    first_day: date
    last_day: date

    def __post_init__(self) -> None:
        if self.last_day < self.first_day:
            raise InvalidInput(
                f"Ngày cuối ({self.last_day:%d/%m/%Y}) phải từ ngày đầu "
                f"({self.first_day:%d/%m/%Y}) trở đi.",
                code="figures.period",
            )

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        last = month_calendar.monthrange(year, month)[1]
        return cls(date(year, month, 1), date(year, month, last))

    @classmethod
    def parse(cls, text: str, to_text: str | None = None) -> Period:
        """``2026-11`` (a month), ``2026-Q4`` (a quarter), ``2026`` (a year) or
        ``2026-11-05`` (a day); with ``to_text``, from the first day of the one to the
        last day of the other."""
        first = _parse_one(text)
        last = _parse_one(to_text) if to_text else first
        return cls(first.first_day, last.last_day)

    @property
    def start(self) -> datetime:
        return from_office_time(datetime.combine(self.first_day, time()))

    @property
    def end(self) -> datetime:
        """The first instant after the period."""
        return from_office_time(datetime.combine(self.last_day + timedelta(days=1), time()))

    def contains(self, moment: datetime) -> bool:
        return self.start <= moment < self.end

    @property
    def label(self) -> str:
        """How the report's title names the period («Tháng 11/2026», «Quý IV/2026» …)."""
        first, last = self.first_day, self.last_day
        if first == last:
            return f"Ngày {first:%d/%m/%Y}"
        if first.day == 1 and last == Period.month(last.year, last.month).last_day:
            if first.year == last.year and first.month == last.month:
                return f"Tháng {first.month:02d}/{first.year}"
            if first.year == last.year and first.month % 3 == 1 and last.month == first.month + 2:
                return f"Quý {ROMAN_QUARTERS[first.month // 3]}/{first.year}"
            if first.year == last.year and first.month == 1 and last.month == 12:
                return f"Năm {first.year}"
        return f"Từ ngày {first:%d/%m/%Y} đến ngày {last:%d/%m/%Y}"

    def months_before(self, count: int) -> list[Period]:
        """The ``count`` whole months that end with the one ``last_day`` is in, oldest
        first (the supervisor's trend)."""
        year, month = self.last_day.year, self.last_day.month
        months = []
        for _ in range(count):
            months.append(Period.month(year, month))
            year, month = (year, month - 1) if month > 1 else (year - 1, 12)
        return months[::-1]


_PERIOD_FORMS = (
    (re.compile(r"(\d{4})-(\d{2})-(\d{2})"), "day"),
    (re.compile(r"(\d{4})-(\d{1,2})"), "month"),
    (re.compile(r"(\d{4})-[Qq]([1-4])"), "quarter"),
    (re.compile(r"(\d{4})"), "year"),
)


def _parse_one(text: str) -> Period:
    cleaned = text.strip()
    for pattern, form in _PERIOD_FORMS:
        found = pattern.fullmatch(cleaned)
        if found is None:
            continue
        numbers = [int(part) for part in found.groups()]
        try:
            if form == "day":
                day = date(*numbers)
                return Period(day, day)
            if form == "month":
                return Period.month(numbers[0], numbers[1])
            if form == "quarter":
                first_month = 3 * numbers[1] - 2
                first = Period.month(numbers[0], first_month)
                return Period(first.first_day, Period.month(numbers[0], first_month + 2).last_day)
            return Period(date(numbers[0], 1, 1), date(numbers[0], 12, 31))
        except ValueError:
            break
    raise InvalidInput(
        f"Kỳ «{cleaned}» không hợp lệ: ghi tháng (2026-11), quý (2026-Q4), năm (2026) "
        "hoặc ngày (2026-11-05).",
        code="figures.period_text",
    )


class Grouping(Enum):
    """How the report's lines are split."""

    OFFICE = "office"
    FIELD = "field"
    PROCEDURE = "procedure"
    CLERK = "clerk"

    @property
    def label(self) -> str:
        return {
            "office": "Toàn cơ quan",
            "field": "Lĩnh vực",
            "procedure": "Thủ tục hành chính",
            "clerk": "Cán bộ tiếp nhận",
        }[self.value]


@dataclass(frozen=True, slots=True)
class FigureLine:
    """The counts of one line: the whole office, a field, a procedure or a clerk. Money in
    VND."""

    key: str = ""  # field code, procedure code, clerk's user id; "" for the office
    label: str = ""
    carried_over: int = 0
    received_in_person: int = 0
    received_online: int = 0
    received_by_post: int = 0
    refused: int = 0
    early: int = 0
    on_time: int = 0
    late: int = 0
    on_time_with_fault: int = 0  # early or on time, but with an office fault
    withdrawn: int = 0  # of the finished: withdrawn by the citizen
    stopped: int = 0
    running_within_time: int = 0  # waiting for papers included
    awaiting_papers: int = 0
    running_overdue: int = 0
    supplement_requests: int = 0
    supplement_requests_at_fault: int = 0
    new_due_times: int = 0
    new_due_times_at_fault: int = 0
    returned: int = 0
    rated_satisfied: int = 0
    rated_neutral: int = 0
    rated_dissatisfied: int = 0
    results_scanned: int = 0  # of the returned
    documents_scanned: int = 0  # of the received
    fees_cash: int = 0
    fees_transfer: int = 0
    paid: int = 0  # received dossiers with a fee to pay
    paid_by_transfer: int = 0

    # --- sums -------------------------------------------------------------------------

    @property
    def received(self) -> int:
        return self.received_in_person + self.received_online + self.received_by_post

    @property
    def to_process(self) -> int:
        return self.carried_over + self.received

    @property
    def finished(self) -> int:
        return self.early + self.on_time + self.late

    @property
    def in_time(self) -> int:
        """Finished early or on time, office faults aside."""
        return self.early + self.on_time

    @property
    def running(self) -> int:
        return self.running_within_time + self.running_overdue

    @property
    def rated(self) -> int:
        return self.rated_satisfied + self.rated_neutral + self.rated_dissatisfied

    @property
    def fees_total(self) -> int:
        return self.fees_cash + self.fees_transfer

    # --- rates (per cent, one decimal; None when nothing to count) ----------------------

    @property
    def on_time_rate(self) -> Decimal | None:
        """Finished in time with no office fault, of the finished."""
        return percent(self.in_time - self.on_time_with_fault, self.finished)

    @property
    def on_time_rate_by_due_time(self) -> Decimal | None:
        return percent(self.in_time, self.finished)

    @property
    def satisfaction_rate(self) -> Decimal | None:
        """«Hài lòng», of the ratings given at hand-back."""
        return percent(self.rated_satisfied, self.rated)

    @property
    def online_rate(self) -> Decimal | None:
        return percent(self.received_online, self.received)

    @property
    def documents_digitisation_rate(self) -> Decimal | None:
        return percent(self.documents_scanned, self.received)

    @property
    def results_digitisation_rate(self) -> Decimal | None:
        return percent(self.results_scanned, self.returned)

    @property
    def online_payment_rate(self) -> Decimal | None:
        return percent(self.paid_by_transfer, self.paid)

    def plus(self, other: FigureLine, *, key: str = "", label: str = "") -> FigureLine:
        """Both lines added up (the report's total line)."""
        counts = {name: getattr(self, name) + getattr(other, name) for name in COUNT_NAMES}
        return FigureLine(key=key, label=label, **counts)


COUNT_NAMES = tuple(f.name for f in fields(FigureLine) if f.name not in ("key", "label"))
RATE_NAMES = (
    "on_time_rate",
    "on_time_rate_by_due_time",
    "satisfaction_rate",
    "online_rate",
    "documents_digitisation_rate",
    "results_digitisation_rate",
    "online_payment_rate",
)


def total_of(lines: Iterable[FigureLine], *, label: str = "Tổng cộng") -> FigureLine:
    total = FigureLine(label=label)
    for line in lines:
        total = total.plus(line, label=label)
    return total


@dataclass(frozen=True, slots=True)
class PeriodFigures:
    """A period's figures: the office's line, and one line per group (sorted by label)."""

    period: Period
    as_of: datetime  # when "running" was looked at: the end of the period, or now
    grouping: Grouping
    office: FigureLine
    lines: Sequence[FigureLine] = ()
    faults: Mapping[FaultKind, int] = field(default_factory=dict)

    @property
    def ended(self) -> bool:
        return self.as_of >= self.period.end

    @property
    def total_faults(self) -> int:
        return sum(self.faults.values())


def percent(part: int, whole: int) -> Decimal | None:
    if whole == 0:
        return None
    return (Decimal(100 * part) / whole).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


# --- what a dossier's row keeps for the figures (written by the store on every change) ----


@dataclass(frozen=True, slots=True)
class FigureFacts:
    """What the store keeps on a dossier's row so a period is counted without histories."""

    timeliness: str | None  # Timeliness value once finished (codes 7, 9, 10)
    office_fault: bool  # any step of its path recorded as the office's fault
    satisfaction: str | None  # the rating given at hand-back
    documents_scanned: bool
    result_scanned: bool
    fees_cash: int  # VND, by how the dossier's fee lines were paid
    fees_transfer: int


def figure_facts(dossier: Dossier) -> FigureFacts:
    record = dossier.form_data.get(HANDOVER_KEY)
    rating = satisfaction_of(dossier)
    return FigureFacts(
        timeliness=timeliness_of(dossier.status, dossier.finished_at, dossier.due_at),
        office_fault=bool(dossier.office_faults()),
        satisfaction=None if rating is None else rating.value,
        documents_scanned=all_scanned(dossier.documents),
        result_scanned=isinstance(record, dict) and bool(record.get("result_sha256")),
        fees_cash=sum(f.amount for f in dossier.fees if not _by_transfer(f.method)),
        fees_transfer=sum(f.amount for f in dossier.fees if _by_transfer(f.method)),
    )


def _by_transfer(method: str) -> bool:
    return PaymentMethod.of(method) is PaymentMethod.TRANSFER


def timeliness_of(status: Status, finished_at: datetime | None, due_at: datetime) -> str | None:
    """The verdict kept once the dossier counts as finished; it never changes after
    (nothing moves a finished dossier's legal due time)."""
    if not status.is_finished or finished_at is None:
        return None
    return judge_timeliness(finished_at, due_at).value


def all_scanned(documents: Sequence[ReceivedDocument]) -> bool:
    """Digitised at intake: every paper listed has its scan attached."""
    return bool(documents) and all(doc.attachment_sha256 for doc in documents)


# --- what needs the dossier's history ---------------------------------------------------------


class RunningState(Enum):
    WITHIN_TIME = "within_time"
    AWAITING_PAPERS = "awaiting_papers"  # within time: the clock is paused
    OVERDUE = "overdue"


def status_at(dossier: Dossier, moment: datetime) -> Status | None:
    """The status the dossier's history had at ``moment`` (None before it was recorded)."""
    found = None
    for event in dossier.events:
        if event.at > moment:
            break
        found = event.to_status
    if found is None and dossier.received_at <= moment and not dossier.events:
        found = dossier.status  # no history kept: its status now is all that is known
    return found


def legal_due_at(dossier: Dossier, moment: datetime) -> datetime:
    """The legal due time in force at ``moment``: the last one set by then."""
    due = dossier.due_at
    for change in dossier.due_history():
        if change.kind.is_legal and change.at <= moment:
            due = change.due_at
    return due


def running_state(dossier: Dossier, as_of: datetime) -> RunningState | None:
    """Where a dossier stood at ``as_of`` (exclusive) if it was still running then."""
    then = status_at(dossier, as_of - timedelta(microseconds=1))
    if then is Status.SUPPLEMENT_REQUESTED:
        return RunningState.AWAITING_PAPERS
    if then in RUNNING_STATUSES:
        overdue = as_of > legal_due_at(dossier, as_of)
        return RunningState.OVERDUE if overdue else RunningState.WITHIN_TIME
    return None


class PathStep(Enum):
    """A step of a dossier's path the figures count (DOMAIN §2)."""

    SUPPLEMENT_REQUEST = "supplement_request"
    NEW_DUE_TIME = "new_due_time"


def path_step(event: StatusEvent) -> PathStep | None:
    if event.to_status is Status.SUPPLEMENT_REQUESTED and event.from_status is not None:
        return PathStep.SUPPLEMENT_REQUEST
    if is_reschedule_event(event):
        return PathStep.NEW_DUE_TIME
    return None
