"""The figures a supervisor needs for a period (DOMAIN §9, §2): dossiers finished early, on
time and late, the on-time rate, those still running within time or overdue at the end of
the period, and the office's own faults on the dossiers' path.

How they are counted (the choices where the law is silent are in docs/legal-basis.md,
"The limits on a dossier's path"):

- Finished in the period: «Đã xử lý xong», «Đã trả kết quả» or «Công dân yêu cầu rút hồ sơ»
  (codes 9, 10, 7) whose processing ended within the period. Early / on time / late is
  judged by the legal due time after supplement pauses (``Dossier.timeliness``), never by
  a date an apology letter promised.
- A finished dossier that carries an office fault (a supplement request beyond the limit,
  a second or late new due time) counts against the office: it is not counted as on time
  in the on-time rate even when it was finished before its due time (**verify** against
  how the province scores Decision 766/QĐ-TTg's "tiến độ giải quyết"). The rate by the
  due time alone is given next to it.
- Running at the end of the period (or now, if the period has not ended): the status the
  dossier's history had then; waiting for supplement papers is within time (the clock is
  paused); otherwise overdue when past the legal due time in force then.
- Faults: those recorded within the period, by kind; a dossier with several counts once
  in ``dossiers_with_faults``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal

from desk.domain.calendar import from_office_time
from desk.domain.dossier import Dossier, Timeliness
from desk.domain.path_limits import FaultKind
from desk.domain.status import RUNNING_STATUSES, Status
from desk.errors import InvalidInput


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

    @property
    def start(self) -> datetime:
        return from_office_time(datetime.combine(self.first_day, time()))

    @property
    def end(self) -> datetime:
        """The first instant after the period."""
        return from_office_time(datetime.combine(self.last_day + timedelta(days=1), time()))

    def contains(self, moment: datetime) -> bool:
        return self.start <= moment < self.end


@dataclass(frozen=True, slots=True)
class OfficeFigures:
    period: Period
    as_of: datetime  # when "running" was looked at: the end of the period, or now
    received: int = 0
    finished: int = 0
    early: int = 0
    on_time: int = 0
    late: int = 0
    # Finished early or on time, but with an office fault: counted against the office.
    on_time_with_fault: int = 0
    running_within_time: int = 0  # waiting for papers included
    awaiting_papers: int = 0
    running_overdue: int = 0
    faults: Mapping[FaultKind, int] = field(default_factory=dict)
    dossiers_with_faults: int = 0

    @property
    def in_time(self) -> int:
        """Finished early or on time, office faults aside."""
        return self.early + self.on_time

    @property
    def on_time_rate(self) -> Decimal | None:
        """Per cent of the finished dossiers finished in time with no office fault."""
        return _percent(self.in_time - self.on_time_with_fault, self.finished)

    @property
    def on_time_rate_by_due_time(self) -> Decimal | None:
        """Per cent of the finished dossiers finished by their legal due time alone."""
        return _percent(self.in_time, self.finished)

    @property
    def total_faults(self) -> int:
        return sum(self.faults.values())


def _percent(part: int, whole: int) -> Decimal | None:
    if whole == 0:
        return None
    return (Decimal(100 * part) / whole).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


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


def office_figures(dossiers: Iterable[Dossier], period: Period, now: datetime) -> OfficeFigures:
    """The figures of ``period`` over ``dossiers`` (those received before its end that
    had not finished before its start are enough)."""
    as_of = min(now, period.end)
    counts: Counter[str] = Counter()
    faults: Counter[FaultKind] = Counter()
    for dossier in dossiers:
        if dossier.status is Status.REFUSED:
            continue
        if period.contains(dossier.received_at):
            counts["received"] += 1
        verdict = dossier.timeliness()
        has_fault = bool(dossier.office_faults())
        finished_in_period = (
            dossier.status.is_finished
            and dossier.finished_at is not None
            and period.contains(dossier.finished_at)
        )
        if finished_in_period and verdict is not None:
            counts["finished"] += 1
            counts[verdict.value] += 1
            if has_fault and verdict is not Timeliness.LATE:
                counts["on_time_with_fault"] += 1
        then = status_at(dossier, as_of - timedelta(microseconds=1))
        if then is Status.SUPPLEMENT_REQUESTED:
            counts["within"] += 1
            counts["awaiting"] += 1
        elif then in RUNNING_STATUSES:
            overdue = as_of > legal_due_at(dossier, as_of)
            counts["overdue" if overdue else "within"] += 1
        recorded = [fault for fault in dossier.office_faults() if period.contains(fault.at)]
        if recorded:
            counts["with_faults"] += 1
            faults.update(fault.kind for fault in recorded)
    return OfficeFigures(
        period=period,
        as_of=as_of,
        received=counts["received"],
        finished=counts["finished"],
        early=counts[Timeliness.EARLY.value],
        on_time=counts[Timeliness.ON_TIME.value],
        late=counts[Timeliness.LATE.value],
        on_time_with_fault=counts["on_time_with_fault"],
        running_within_time=counts["within"],
        awaiting_papers=counts["awaiting"],
        running_overdue=counts["overdue"],
        faults={kind: faults[kind] for kind in FaultKind},
        dossiers_with_faults=counts["with_faults"],
    )
