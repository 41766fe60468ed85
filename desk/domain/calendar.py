"""The working-day calendar and due times (DOMAIN §6).

All arithmetic happens on naive local office time (Asia/Ho_Chi_Minh, no daylight saving);
the public functions take and return timezone-aware datetimes.

It is one piece: which days are worked, how working time adds up, and the due-time rules
counted on it (the cut-off, days added for checks, supplement pauses) are one calculation.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from enum import Enum
from zoneinfo import ZoneInfo

from desk.domain.holiday_library import load_vietnam
from desk.errors import ConfigurationError, InvalidInput

OFFICE_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
SATURDAY = 5
DUE_CACHE_SIZE = 1 << 16


def to_office_time(moment: datetime) -> datetime:
    """The naive office-local wall time of an aware instant (naive input is taken as local)."""
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(OFFICE_TZ).replace(tzinfo=None)


def from_office_time(local: datetime) -> datetime:
    return local.replace(tzinfo=OFFICE_TZ)


def now_in_office() -> datetime:
    return datetime.now(OFFICE_TZ)


@dataclass(frozen=True, slots=True)
class OfficeHours:
    """Working periods of a day, in order, e.g. 07:00–11:30 and 13:30–17:00."""

    periods: tuple[tuple[time, time], ...] = (
        (time(7, 0), time(11, 30)),
        (time(13, 30), time(17, 0)),
    )

    def __post_init__(self) -> None:
        if not self.periods:
            raise ConfigurationError("Giờ làm việc phải có ít nhất một ca.", code="hours.empty")
        previous_end: time | None = None
        for start, end in self.periods:
            if not start < end or (previous_end is not None and start < previous_end):
                raise ConfigurationError(
                    "Giờ làm việc không hợp lệ: các ca phải theo thứ tự và không chồng nhau.",
                    code="hours.invalid",
                )
            previous_end = end

    @property
    def opening(self) -> time:
        return self.periods[0][0]

    @property
    def closing(self) -> time:
        return self.periods[-1][1]

    @property  # not cached_property: a slotted dataclass has no __dict__ to cache in
    def minutes_per_day(self) -> int:
        return sum(_minutes(end) - _minutes(start) for start, end in self.periods)

    @classmethod
    def parse(cls, text: str) -> OfficeHours:
        """``"07:00-11:30,13:30-17:00"`` → OfficeHours."""
        periods = []
        try:
            for part in text.split(","):
                start, end = part.strip().split("-")
                periods.append((time.fromisoformat(start.strip()), time.fromisoformat(end.strip())))
        except ValueError:
            raise ConfigurationError(
                f"Giờ làm việc «{text}» phải có dạng 07:00-11:30,13:30-17:00.",
                code="hours.invalid",
            ) from None
        return cls(tuple(periods))

    def __str__(self) -> str:
        return ",".join(f"{s:%H:%M}-{e:%H:%M}" for s, e in self.periods)


def _minutes(t: time) -> int:
    return t.hour * 60 + t.minute


class DayKind(Enum):
    OFF = "off"  # an extra day off (a Tết break day, a bridge day …)
    WORK = "work"  # a swapped working day (usually a Saturday)


@dataclass(frozen=True, slots=True)
class CalendarOverride:
    """A supervisor's correction for one day, from the year's official notice."""

    day: date
    kind: DayKind
    name: str = ""


HolidaySource = Callable[[int], Mapping[date, str]]


@functools.lru_cache(maxsize=64)
def _vietnam_public_holidays(year: int) -> tuple[dict[date, str], frozenset[date]]:
    # The holidays library computes the lunar dates at UTC+7 (Tết differs from the Chinese
    # calendar in some years) and knows the swaps the Prime Minister has announced.
    load_vietnam()
    import holidays

    calendar = holidays.country_holidays("VN", years=year, language="vi")
    days = {day: str(name) for day, name in calendar.items()}
    swapped = frozenset(d for d in getattr(calendar, "weekend_workdays", ()) if d.year == year)
    return days, swapped


@functools.cache
def library_notice_year() -> int | None:
    """The last year whose Prime Minister's notice (day swaps) the installed holidays
    library carries; later years are its own reckoning of the law."""
    try:
        load_vietnam()
        from holidays.countries.vietnam import VietnamStaticHolidays

        years = [y for y in VietnamStaticHolidays.special_public_holidays if isinstance(y, int)]
    except (ImportError, AttributeError):  # another version lays it out differently
        return None
    return max(years, default=None)


# Labour Code 2019 art. 112: the days off on a fixed solar date. The others (Tết, Giỗ Tổ),
# and every bridge day or swapped Saturday, depend on the lunar calendar or the year's notice.
FIXED_DATE_HOLIDAYS = frozenset({(1, 1), (4, 30), (5, 1), (9, 2), (11, 24)})


class NoticeStatus(Enum):
    """Whether a year's official notice of days off (Tết break, swaps) is on the desk."""

    OVERRIDES = "overrides"  # the supervisor entered at least one correction for the year
    LIBRARY = "library"  # the holidays library carries the notices through that year
    NONE = "none"  # neither: Tết, Giỗ Tổ and the swaps are the library's estimate


def vietnam_holidays(year: int) -> Mapping[date, str]:
    return _vietnam_public_holidays(year)[0]


def vietnam_swapped_workdays(year: int) -> frozenset[date]:
    return _vietnam_public_holidays(year)[1]


@dataclass(frozen=True, slots=True)
class ProcessingTime:
    """A procedure's legal processing time.

    ``days`` are working days (0 = same day, halves allowed). ``cutoff`` applies to same-day
    procedures: received after it, the dossier is due at closing time the next working day.
    ``added_days`` are working days added after that rule: the time a procedure gains when
    checks are needed and its law says "extended by up to N more days" (DOMAIN §6).
    """

    days: Decimal = Decimal(0)
    cutoff: time | None = None
    added_days: Decimal = Decimal(0)

    def __post_init__(self) -> None:
        for value in (self.days, self.added_days):
            if value < 0 or (value * 2) % 1 != 0:
                raise InvalidInput(
                    f"Thời hạn giải quyết {value} ngày không hợp lệ (số ngày làm việc, "
                    "bội số của 0,5).",
                    code="processing_time.invalid",
                )

    @property
    def is_same_day(self) -> bool:
        return self.days == 0

    @property
    def same_day_only(self) -> bool:
        """Due under the same-day rule alone: also after a supplement pause, counted from
        the papers' arrival (a same-day time with days added moves by working time)."""
        return self.is_same_day and self.added_days == 0


class NonWorkingReason(Enum):
    WEEKEND = "weekend"
    HOLIDAY = "holiday"
    OVERRIDE = "override"


@dataclass(frozen=True, slots=True)
class NonWorkingDay:
    day: date
    name: str
    reason: NonWorkingReason


@dataclass
class WorkingCalendar:
    """Which days are worked and how working time adds up.

    Order of precedence for a day: a supervisor's override, then a swap the holiday source
    knows, then public holidays, then the weekend.
    """

    hours: OfficeHours = field(default_factory=OfficeHours)
    overrides: Iterable[CalendarOverride] = ()
    holiday_source: HolidaySource = vietnam_holidays
    swapped_workdays: Callable[[int], frozenset[date]] = vietnam_swapped_workdays
    notice_through: int | None = field(default_factory=library_notice_year)

    def __post_init__(self) -> None:
        self._overrides: dict[date, CalendarOverride] = {o.day: o for o in self.overrides}
        self._day_cache: dict[date, bool] = {}
        # Many dossiers are received in the same minute with the same processing time.
        self._due_cache: dict[tuple[datetime, ProcessingTime], datetime] = {}

    # --- days -------------------------------------------------------------------------

    def is_working_day(self, day: date) -> bool:
        cached = self._day_cache.get(day)
        if cached is None:
            cached = self._day_cache[day] = self._compute_working(day)
        return cached

    def _compute_working(self, day: date) -> bool:
        override = self._overrides.get(day)
        if override is not None:
            return override.kind is DayKind.WORK
        if day in self.swapped_workdays(day.year):
            return True
        if day in self.holiday_source(day.year):
            return False
        return day.weekday() < SATURDAY

    def next_working_day(self, day: date) -> date:
        """The first working day strictly after ``day``."""
        candidate = day + timedelta(days=1)
        for _ in range(400):
            if self.is_working_day(candidate):
                return candidate
            candidate += timedelta(days=1)
        raise ConfigurationError(
            "Lịch làm việc không có ngày làm việc nào trong hơn một năm.", code="calendar.empty"
        )

    def non_working_days(self, year: int, *, include_weekends: bool = False) -> list[NonWorkingDay]:
        holidays_of_year = self.holiday_source(year)
        result = []
        day = date(year, 1, 1)
        while day.year == year:
            if not self.is_working_day(day):
                override = self._overrides.get(day)
                if override is not None:
                    result.append(
                        NonWorkingDay(day, override.name or "Nghỉ", NonWorkingReason.OVERRIDE)
                    )
                elif day in holidays_of_year:
                    result.append(
                        NonWorkingDay(day, holidays_of_year[day], NonWorkingReason.HOLIDAY)
                    )
                elif include_weekends:
                    result.append(NonWorkingDay(day, "Nghỉ cuối tuần", NonWorkingReason.WEEKEND))
            day += timedelta(days=1)
        return result

    def extra_working_days(self, year: int) -> list[CalendarOverride]:
        """Weekend days that are worked this year (swapped Saturdays), with their reason."""
        result = []
        day = date(year, 1, 1)
        while day.year == year:
            if day.weekday() >= SATURDAY and self.is_working_day(day):
                override = self._overrides.get(day)
                name = override.name if override and override.name else "Làm việc bù"
                result.append(CalendarOverride(day, DayKind.WORK, name))
            day += timedelta(days=1)
        return result

    def notice_status(self, year: int) -> NoticeStatus:
        """Whether the year's official notice counts as entered: the supervisor entered a
        correction for it, or the holidays library carries the notices through it."""
        if any(day.year == year for day in self._overrides):
            return NoticeStatus.OVERRIDES
        if self.notice_through is not None and year <= self.notice_through:
            return NoticeStatus.LIBRARY
        return NoticeStatus.NONE

    def is_estimated(self, day: date) -> bool:
        """A day off or a swapped working day that is only the library's estimate: its
        year's notice is not entered, no correction fixes it, and it is not a holiday on a
        fixed solar date (Tết, Giỗ Tổ, bridge days and swaps are)."""
        if day in self._overrides or self.notice_status(day.year) is not NoticeStatus.NONE:
            return False
        if (day.month, day.day) in FIXED_DATE_HOLIDAYS:
            return False
        return day in self.holiday_source(day.year) or day in self.swapped_workdays(day.year)

    # --- working time -----------------------------------------------------------------

    def _periods_from(self, local: datetime):
        """Yield (start, end) working periods, in local time, that end after ``local``."""
        day = local.date()
        idle_days = 0  # give up after a year without a working day, not after N days in all
        while idle_days < 400:
            idle_days += 1
            if self.is_working_day(day):
                idle_days = 0
                for start, end in self.hours.periods:
                    period_end = datetime.combine(day, end)
                    if period_end > local:
                        yield max(datetime.combine(day, start), local), period_end
            day += timedelta(days=1)
            local = max(local, datetime.combine(day, time.min))
        raise ConfigurationError(
            "Không tính được thời hạn: lịch không có giờ làm việc.", code="calendar.empty"
        )

    def add_working_minutes(self, start: datetime, minutes: int) -> datetime:
        """``start`` plus that much office time.

        When the time runs out exactly at the end of a period, the result is that end, not
        the beginning of the next period (DOMAIN §6).
        """
        local = to_office_time(start)
        if minutes <= 0:
            begin, _ = next(self._periods_from(local))
            return from_office_time(begin)
        # Exact arithmetic: the seconds of ``start`` are carried, not rounded up to a minute.
        remaining = timedelta(minutes=minutes)
        for begin, end in self._periods_from(local):
            available = end - begin
            if remaining <= available:
                return from_office_time(begin + remaining)
            remaining -= available
        raise AssertionError("unreachable")  # _periods_from raises first

    def working_minutes_between(self, start: datetime, end: datetime) -> int:
        """Office minutes elapsed from ``start`` to ``end`` (0 when end ≤ start)."""
        local_start, local_end = to_office_time(start), to_office_time(end)
        total = timedelta()
        if local_end <= local_start:
            return 0
        for begin, period_end in self._periods_from(local_start):
            if begin >= local_end:
                break
            total += min(period_end, local_end) - begin
        return total // timedelta(minutes=1)

    def closing_on(self, day: date) -> datetime:
        return from_office_time(datetime.combine(day, self.hours.closing))

    def due_at(self, received: datetime, processing: ProcessingTime) -> datetime:
        """When a dossier received at ``received`` must be ready (DOMAIN §6)."""
        key = (received, processing)
        due = self._due_cache.get(key)
        if due is None:
            if len(self._due_cache) >= DUE_CACHE_SIZE:
                self._due_cache.clear()  # bounded; recent instants are the ones asked again
            due = self._due_cache[key] = self._due_at(received, processing)
        return due

    def _due_at(self, received: datetime, processing: ProcessingTime) -> datetime:
        if processing.is_same_day:
            due = self._same_day_due(to_office_time(received), processing.cutoff)
        else:
            minutes = int(processing.days * self.hours.minutes_per_day)
            due = self.add_working_minutes(received, minutes)
        if processing.added_days:
            due = self.add_working_minutes(
                due, int(processing.added_days * self.hours.minutes_per_day)
            )
        return due

    def _same_day_due(self, local: datetime, cutoff: time | None) -> datetime:
        day = local.date()
        if cutoff is not None:
            # The law says "after 15:00": the cut-off minute is still that day. Seconds are
            # dropped so the slip's "15 giờ 00 phút" and its due time agree.
            in_time = local.time().replace(second=0, microsecond=0) <= cutoff
        else:
            in_time = local.time() < self.hours.closing
        if self.is_working_day(day) and in_time:
            return self.closing_on(day)
        return self.closing_on(self.next_working_day(day))

    def resume_due_at(self, due: datetime, paused_at: datetime, resumed_at: datetime) -> datetime:
        """The due time after a supplement pause: moved by the working time spent waiting."""
        waited = self.working_minutes_between(paused_at, resumed_at)
        if waited == 0:
            return due
        return self.add_working_minutes(due, waited)

    def due_after_pause(
        self, due: datetime, processing: ProcessingTime, paused_at: datetime, resumed_at: datetime
    ) -> DueAfterPause:
        """The due time once the papers asked for arrive at ``resumed_at`` (DOMAIN §6): a
        same-day procedure is due by the same-day rule counted from that moment; any other
        moves by the working time that passed while waiting."""
        if processing.same_day_only:
            return DueAfterPause(self.due_at(resumed_at, processing), DueRule.SAME_DAY)
        return DueAfterPause(self.resume_due_at(due, paused_at, resumed_at), DueRule.MOVED)

    def due_with_pauses(
        self,
        received: datetime,
        processing: ProcessingTime,
        pauses: Iterable[tuple[datetime, datetime]] = (),
    ) -> datetime:
        """The legal due time of a dossier received at ``received`` whose clock stopped for
        each (from, to) supplement pause: what ``Dossier.advance`` records step by step."""
        due = self.due_at(received, processing)
        for paused_at, resumed_at in checked_pauses(received, pauses):
            due = self.due_after_pause(due, processing, paused_at, resumed_at).due_at
        return due


class DueRule(Enum):
    """Why a due time moved when the papers asked for arrived."""

    SAME_DAY = "same_day"  # the same-day rule, counted from the papers' arrival
    MOVED = "moved"  # moved by the working time that passed while waiting


@dataclass(frozen=True, slots=True)
class DueAfterPause:
    due_at: datetime
    rule: DueRule


def checked_pauses(
    received: datetime, pauses: Iterable[tuple[datetime, datetime]]
) -> list[tuple[datetime, datetime]]:
    """The pauses in order; InvalidInput (Vietnamese) for one that ends before it starts,
    starts before the dossier was received, or overlaps another."""
    ordered = sorted(pauses)
    for paused_at, resumed_at in ordered:
        if resumed_at <= paused_at:
            raise InvalidInput(
                f"Khoảng chờ bổ sung {_moment(paused_at)} – {_moment(resumed_at)}: thời điểm "
                "nhận đủ giấy tờ phải sau thời điểm yêu cầu bổ sung.",
                code="pause.order",
            )
        if paused_at < received:
            raise InvalidInput(
                f"Khoảng chờ bổ sung bắt đầu {_moment(paused_at)}, trước khi tiếp nhận hồ sơ "
                f"({_moment(received)}).",
                code="pause.before_received",
            )
    for (first_from, first_to), (second_from, second_to) in itertools.pairwise(ordered):
        if second_from < first_to:
            raise InvalidInput(
                f"Hai khoảng chờ bổ sung chồng nhau: {_moment(first_from)} – {_moment(first_to)}"
                f" và {_moment(second_from)} – {_moment(second_to)}.",
                code="pause.overlap",
            )
    return ordered


def _moment(moment: datetime) -> str:
    return f"{to_office_time(moment):%H:%M %d/%m/%Y}"
