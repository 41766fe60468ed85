"""The limits the law puts on a dossier's path (DOMAIN §2), as policy data, and the office
faults they define.

- A supplement request while processing (4 → 5) is made once; one beyond the allowed
  number is the office's own fault.
- A new due time (the apology letter, form 04) is given once, and at least a notice before
  the due time it replaces; a second one, or one given late, is the office's fault. A late
  one is still recorded and printed: the citizen must get the letter.

A fault needs a written reason (apart from the list of missing papers or the delay reason
the citizen reads), is recorded in the event's ``detail`` (``office_faults`` and
``fault_reason``), is flagged on the dossier (``Dossier.office_faults``) and counts against
the office in the figures (``desk.domain.figures``).

The numbers are data: ``resources/policy/path_limits.json`` ships the defaults with their
legal basis; an office replaces them with ``policy/path_limits.json`` in its data folder
(``office_path_limits``), read again whenever that file changes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, Literal

from desk.domain.calendar import WorkingCalendar, to_office_time
from desk.domain.data_files import OfficeDataFile, read_json_file
from desk.domain.status import ActorKind, Status, StatusEvent
from desk.errors import ConfigurationError, InvalidInput
from desk.resources import RESOURCES

if TYPE_CHECKING:
    from desk.domain.dossier import Dossier

POLICY_FORMAT = "commune-desk/path-limits"
SHIPPED_FILE = RESOURCES / "policy" / "path_limits.json"
# Where an office puts its own limits, inside its data folder.
OFFICE_FILE = Path("policy") / "path_limits.json"

# The change asked about besides a status: a new due time (the apology letter).
NEW_DUE_TIME: Final = "new_due_time"
Change = Status | Literal["new_due_time"]

# The keys of a fault in an event's detail.
FAULTS_KEY = "office_faults"
FAULT_REASON_KEY = "fault_reason"


@dataclass(frozen=True, slots=True)
class PathLimits:
    """How far a dossier's path may go before the office is at fault."""

    supplement_requests_without_fault: int  # 4 → 5 while processing
    new_due_times_without_fault: int  # apology letters
    # A new due time is given at the latest this many working days before the day of the
    # due time it replaces ("chậm nhất 01 ngày trước ngày hết hạn").
    new_due_notice_working_days: int
    fault_needs_reason: bool  # staff must write why the office is at fault
    legal_basis: str = ""
    source: str = ""  # the file it was read from

    def last_day_for_new_due(self, calendar: WorkingCalendar, due_day: date) -> date:
        """The last day a new due time replacing one due on ``due_day`` is on time."""
        day = due_day
        for _ in range(self.new_due_notice_working_days):
            day -= timedelta(days=1)
            while not calendar.is_working_day(day):
                day -= timedelta(days=1)
        return day


class FaultKind(Enum):
    EXTRA_SUPPLEMENT_REQUEST = "extra_supplement_request"
    EXTRA_NEW_DUE_TIME = "extra_new_due_time"
    LATE_NEW_DUE_TIME = "late_new_due_time"

    @property
    def label(self) -> str:
        return {
            "extra_supplement_request": "Yêu cầu bổ sung hồ sơ quá số lần cho phép",
            "extra_new_due_time": "Hẹn lại ngày trả kết quả quá số lần cho phép",
            "late_new_due_time": "Hẹn lại ngày trả kết quả muộn",
        }[self.value]

    def explanation(self, limits: PathLimits) -> str:
        """Why this change is the office's fault, in the clerk's words."""
        if self is FaultKind.EXTRA_SUPPLEMENT_REQUEST:
            return (
                f"Hồ sơ đã được yêu cầu bổ sung {limits.supplement_requests_without_fault} lần "
                "trong khi xử lý; yêu cầu thêm lần nữa là lỗi của cơ quan."
            )
        if self is FaultKind.EXTRA_NEW_DUE_TIME:
            return (
                f"Hồ sơ đã được hẹn lại {limits.new_due_times_without_fault} lần; hẹn lại "
                "thêm lần nữa là lỗi của cơ quan."
            )
        return (
            "Văn bản xin lỗi, hẹn lại phải gửi chậm nhất "
            f"{limits.new_due_notice_working_days} ngày làm việc trước ngày hẹn cũ; gửi muộn "
            "vẫn được ghi và in nhưng là lỗi của cơ quan."
        )


@dataclass(frozen=True, slots=True)
class OfficeFault:
    """A step of the dossier's path that was the office's own fault, as recorded."""

    kind: FaultKind
    at: datetime
    actor_name: str
    reason: str


# --- the policy file ---------------------------------------------------------------------


def path_limits_from_dict(data: Any, source: str = "") -> PathLimits:
    """The limits a policy file holds; ConfigurationError (Vietnamese) naming what is wrong."""
    where = f"Tệp giới hạn quy trình {source}" if source else "Giới hạn quy trình"

    def wrong(text: str) -> ConfigurationError:
        return ConfigurationError(f"{where}: {text}", code="path_limits.invalid")

    if not isinstance(data, Mapping):
        raise wrong("phải là một đối tượng JSON.")
    if data.get("format", POLICY_FORMAT) != POLICY_FORMAT:
        raise wrong(f"«format» phải là «{POLICY_FORMAT}».")

    def count(key: str) -> int:
        value = data.get(key)
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise wrong(f"«{key}» phải là số nguyên không âm.")
        return value

    needs_reason = data.get("fault_needs_reason")
    if not isinstance(needs_reason, bool):
        raise wrong("«fault_needs_reason» phải là true hoặc false.")
    basis = data.get("legal_basis", "")
    if not isinstance(basis, str):
        raise wrong("«legal_basis» phải là một chuỗi chữ.")
    return PathLimits(
        supplement_requests_without_fault=count("supplement_requests_without_fault"),
        new_due_times_without_fault=count("new_due_times_without_fault"),
        new_due_notice_working_days=count("new_due_notice_working_days"),
        fault_needs_reason=needs_reason,
        legal_basis=basis,
        source=source,
    )


def load_path_limits(path: Path) -> PathLimits:
    data = read_json_file(path, "tệp giới hạn quy trình", ConfigurationError, "path_limits")
    return path_limits_from_dict(data, str(path))


_LIMITS_FILE = OfficeDataFile(load_path_limits, SHIPPED_FILE, OFFICE_FILE)


def shipped_path_limits() -> PathLimits:
    """The defaults shipped with the desk (DOMAIN §2): read once, they change only with
    a release (the bulk demo asks on every step)."""
    return _LIMITS_FILE.shipped()


def office_path_limits(data_dir: Path | None) -> PathLimits:
    """The office's own limits when its data folder has ``policy/path_limits.json``,
    otherwise the shipped defaults."""
    return _LIMITS_FILE.for_office(data_dir)


# --- the faults ----------------------------------------------------------------------------


def supplement_requests(events: Iterable[StatusEvent]) -> int:
    """Supplement requests made while processing (4 → 5)."""
    return sum(
        1
        for event in events
        if event.from_status is Status.PROCESSING and event.to_status is Status.SUPPLEMENT_REQUESTED
    )


def path_faults(
    dossier: Dossier,
    change: Change,
    *,
    at: datetime,
    limits: PathLimits,
    calendar: WorkingCalendar | None = None,
) -> tuple[FaultKind, ...]:
    """The office faults ``change`` made at ``at`` would be (none for most changes).
    A new due time needs the office calendar to measure the notice."""
    if change == NEW_DUE_TIME:
        faults = []
        if dossier.new_due_times() >= limits.new_due_times_without_fault:
            faults.append(FaultKind.EXTRA_NEW_DUE_TIME)
        if _late(dossier, at, limits, calendar or WorkingCalendar()):
            faults.append(FaultKind.LATE_NEW_DUE_TIME)
        return tuple(faults)
    if (
        change is Status.SUPPLEMENT_REQUESTED
        and dossier.status is Status.PROCESSING
        and supplement_requests(dossier.events) >= limits.supplement_requests_without_fault
    ):
        return (FaultKind.EXTRA_SUPPLEMENT_REQUEST,)
    return ()


def _late(dossier: Dossier, at: datetime, limits: PathLimits, calendar: WorkingCalendar) -> bool:
    """Given after the due time it replaces, or on a day later than the notice allows.
    While a supplement is awaited the clock stands still, so that due time moves with it."""
    replaced = dossier.promised_due_at
    if dossier.paused_at is not None:
        replaced = calendar.resume_due_at(replaced, dossier.paused_at, at)
    if at > replaced:
        return True
    last_day = limits.last_day_for_new_due(calendar, to_office_time(replaced).date())
    return to_office_time(at).date() > last_day


def needs_fault_reason(
    dossier: Dossier,
    change: Change,
    *,
    at: datetime,
    limits: PathLimits,
    calendar: WorkingCalendar | None = None,
) -> bool:
    """The clerk must write why the office is at fault before ``change`` is accepted."""
    return limits.fault_needs_reason and bool(
        path_faults(dossier, change, at=at, limits=limits, calendar=calendar)
    )


def fault_explanation(faults: Iterable[FaultKind], limits: PathLimits) -> str:
    return " ".join(kind.explanation(limits) for kind in faults)


def fault_detail(
    faults: tuple[FaultKind, ...], reason: str, actor_kind: ActorKind, limits: PathLimits
) -> dict[str, Any]:
    """What the event records about its faults; InvalidInput (field ``fault_reason``) when
    a member of staff gives no reason and the policy asks for one. The province's system
    is not asked: its change is recorded and flagged as it comes."""
    if not faults:
        return {}
    reason = " ".join(reason.split())
    if not reason and limits.fault_needs_reason and actor_kind is ActorKind.STAFF:
        raise InvalidInput(
            f"{fault_explanation(faults, limits)} Cần ghi lý do (lỗi của cơ quan).",
            code="path.fault_reason",
            field="fault_reason",
        )
    return {FAULTS_KEY: [kind.value for kind in faults], FAULT_REASON_KEY: reason}


def office_faults_in(events: Iterable[StatusEvent]) -> list[OfficeFault]:
    """The faults recorded in a history, oldest first."""
    found = []
    for event in events:
        kinds = event.detail.get(FAULTS_KEY) or ()
        reason = str(event.detail.get(FAULT_REASON_KEY, ""))
        for value in kinds:
            try:
                kind = FaultKind(value)
            except ValueError:
                continue  # a kind a later version wrote: not this version's to judge
            found.append(OfficeFault(kind, event.at, event.actor_name, reason))
    return found
