"""The dossier (hồ sơ) as the desk understands it, independent of storage and screens.

It is one piece: the dossier's state and the changes that move it (advance, reschedule,
the due times and faults they leave on record) are read and checked together."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from enum import Enum, IntEnum
from typing import Any, TypeVar

from desk.domain import limits as declared  # the name ``limits`` is the path's
from desk.domain.calendar import OFFICE_TZ, ProcessingTime, WorkingCalendar, to_office_time
from desk.domain.codes import DossierCode
from desk.domain.fees import Fee, PaymentMethod
from desk.domain.formats import moment_text
from desk.domain.identity import Sex
from desk.domain.office import User
from desk.domain.path_limits import (
    NEW_DUE_TIME,
    OfficeFault,
    PathLimits,
    fault_detail,
    office_faults_in,
    path_faults,
    shipped_path_limits,
)
from desk.domain.status import (
    FINISHING_STATUSES,
    ActorKind,
    Status,
    StatusEvent,
    can_reschedule,
    check_transition,
    is_overdue,
    reason_required,
)
from desk.domain.text import clean
from desk.errors import InvalidInput

PersonT = TypeVar("PersonT")
MomentT = TypeVar("MomentT", datetime, str)
OWNER_ROLE = "owner"  # a party who owns the dossier (ChuHoSo) when not its applicant

RESCHEDULE = "reschedule"  # the ``kind`` of a reschedule event's detail
RESUME = "resume"  # … of the event that ends a supplement pause (its due times)
INTAKE = "intake"  # … of the intake event (the first due time)
LEGACY_RESCHEDULE_NOTE = "Hẹn lại ngày trả kết quả:"
LEGACY_REASON_MARK = "Lý do:"


class Channel(IntEnum):
    """KenhThucHien."""

    IN_PERSON = 1
    ONLINE = 2
    POST = 3


class ApplicantKind(IntEnum):
    """LoaiDoiTuong."""

    CITIZEN = 1
    ENTERPRISE = 2
    STATE_AGENCY = 3
    OTHER_ORGANISATION = 4


class ResultDelivery(Enum):
    AT_DESK = "desk"
    BY_POST = "post"

    @property
    def label(self) -> str:
        return "Tại Bộ phận Một cửa" if self is ResultDelivery.AT_DESK else "Qua dịch vụ bưu chính"


class Timeliness(Enum):
    EARLY = "early"  # trước hạn
    ON_TIME = "on_time"  # đúng hạn
    LATE = "late"  # quá hạn

    @property
    def label(self) -> str:
        return {"early": "Trước hạn", "on_time": "Đúng hạn", "late": "Quá hạn"}[self.value]


def judge_timeliness(finished_at: datetime, due_at: datetime) -> Timeliness:
    """Early when finished on a day before the due day; late after the due instant."""
    if finished_at > due_at:
        return Timeliness.LATE
    if to_office_time(finished_at).date() < to_office_time(due_at).date():
        return Timeliness.EARLY
    return Timeliness.ON_TIME


class DueChangeKind(Enum):
    """Why a dossier got a due time."""

    INTAKE = "intake"  # the legal due time at intake
    SAME_DAY = "same_day"  # papers arrived: the same-day rule from their arrival
    MOVED = "moved"  # papers arrived: moved by the working time waited
    RESCHEDULED = "reschedule"  # a new date promised by an apology letter
    RECORDED = "recorded"  # the legal due time of a dossier recorded before history was kept

    @property
    def label(self) -> str:
        return {
            "intake": "Hạn theo quy định khi tiếp nhận",
            "same_day": "Nhận đủ giấy tờ bổ sung: hạn trong ngày tính từ lúc nhận",
            "moved": "Nhận đủ giấy tờ bổ sung: hạn lùi thêm thời gian chờ",
            "reschedule": "Hẹn lại (văn bản xin lỗi)",
            "recorded": "Hạn theo quy định đang ghi",
        }[self.value]

    @property
    def is_legal(self) -> bool:
        """A legal due time (the verdict's basis), not a date promised in an apology."""
        return self is not DueChangeKind.RESCHEDULED


@dataclass(frozen=True, slots=True)
class DueChange:
    """One due time a dossier had: when it was set, the time, and why."""

    at: datetime
    due_at: datetime
    kind: DueChangeKind


@dataclass(frozen=True, slots=True)
class Actor:
    """Who makes a change: a member of staff, the province's system, or the desk itself."""

    name: str
    title: str = ""
    kind: ActorKind = ActorKind.STAFF
    user_id: int | None = None

    @classmethod
    def staff(cls, user: User) -> Actor:
        return cls(user.full_name, user.title, ActorKind.STAFF, user.id)


@dataclass(slots=True)
class Person:
    full_name: str
    id_number: str = ""
    old_id_number: str = ""
    birth_date: date | None = None
    sex: Sex | None = None
    address: str = ""
    phone: str = ""
    email: str = ""
    id_issue_date: date | None = None
    id_issuer: str = ""

    def __post_init__(self) -> None:
        # Cleaned the way each attribute's declared limit cleans it; judged at intake.
        self.full_name = declared.PERSON_NAME.clean(self.full_name)
        self.id_number = declared.ID_NUMBER.clean(self.id_number)
        self.old_id_number = declared.OLD_ID_NUMBER.clean(self.old_id_number)
        self.address = declared.ADDRESS.clean(self.address)
        self.phone = declared.PHONE.clean(self.phone)
        self.email = declared.EMAIL.clean(self.email)
        self.id_issuer = declared.ID_ISSUER.clean(self.id_issuer)

    @classmethod
    def stored(
        cls,
        full_name: str,
        id_number: str,
        old_id_number: str,
        birth_date: date | None,
        sex: Sex | None,
        address: str,
        phone: str,
        email: str,
        id_issue_date: date | None,
        id_issuer: str,
    ) -> Person:
        """A person as the store holds it: cleaned when it was made, before it was written,
        so not cleaned again (cleaning was about 15 % of loading a dossier for an export
        or a sync, and a clean text cleans to itself)."""
        person = cls.__new__(cls)
        person.full_name = full_name
        person.id_number = id_number
        person.old_id_number = old_id_number
        person.birth_date = birth_date
        person.sex = sex
        person.address = address
        person.phone = phone
        person.email = email
        person.id_issue_date = id_issue_date
        person.id_issuer = id_issuer
        return person


@dataclass(slots=True)
class Party:
    """A person the dossier names: the applicant, the owner, the child, the parents …"""

    role: str
    person: Person


@dataclass(slots=True)
class ReceivedDocument:
    """A line of the documents table on the slip (TaiLieuNop)."""

    name: str
    code: str = ""
    originals: int = 0
    certified_copies: int = 0
    photocopies: int = 0
    attachment_sha256: str = ""

    def __post_init__(self) -> None:
        self.name = clean(self.name)
        self.code = clean(self.code)

    @classmethod
    def stored(
        cls,
        name: str,
        code: str,
        originals: int,
        certified_copies: int,
        photocopies: int,
        attachment_sha256: str,
    ) -> ReceivedDocument:
        """A document as the store holds it: cleaned before it was written (``Person.stored``)."""
        document = cls.__new__(cls)
        document.name = name
        document.code = code
        document.originals = originals
        document.certified_copies = certified_copies
        document.photocopies = photocopies
        document.attachment_sha256 = attachment_sha256
        return document

    @property
    def digitised(self) -> bool:
        return bool(self.attachment_sha256)


@dataclass(slots=True)
class IntakeRequest:
    """Everything the clerk records for a new dossier."""

    procedure_code: str
    applicant: Person
    documents: list[ReceivedDocument] = field(default_factory=list)
    parties: list[Party] = field(default_factory=list)  # besides the applicant
    form_data: dict[str, Any] = field(default_factory=dict)
    applicant_kind: ApplicantKind = ApplicantKind.CITIZEN
    channel: Channel = Channel.IN_PERSON
    summary: str = ""  # TrichYeuHoSo; the procedure name when empty
    sets_count: int = 1
    copies: int = 1  # copies of the result requested (extract copies, certified copies)
    pages: int = 0  # pages of one copy (certified copies)
    late: bool = False  # a late registration (fees)
    fee_exemption: str = ""  # one of the fee rule's exemptions, chosen at intake
    payment: PaymentMethod = PaymentMethod.CASH  # how the fees are paid (each line's method)
    needs_checks: bool = False  # the procedure's extended time applies
    result_delivery: ResultDelivery = ResultDelivery.AT_DESK
    note: str = ""


def promised_due(due_at: MomentT, rescheduled_due_at: MomentT | None) -> MomentT:
    """The due time the citizen was last given (NgayHenTra): the one an apology letter
    promised, otherwise the first (moments, or the province's text of them, where ""
    is none)."""
    return rescheduled_due_at or due_at


def owner_or_applicant(owner: PersonT | None, applicant: PersonT) -> PersonT:
    """ChuHoSo: the dossier's first named owner, otherwise its applicant (a ``Person``, or
    what a reader of rows has of one)."""
    return applicant if owner is None else owner


@dataclass(slots=True)
class Dossier:
    id: int
    code: DossierCode
    procedure_code: str
    procedure_name: str
    field_code: str
    field_name: str
    status: Status
    revision: int
    applicant: Person
    applicant_kind: ApplicantKind
    channel: Channel
    summary: str
    lead_unit: str
    sets_count: int
    result_delivery: ResultDelivery
    received_at: datetime
    due_at: datetime  # the legal due time (after supplement pauses): on-time is judged on it
    clerk_name: str
    rescheduled_due_at: datetime | None = None  # promised by an apology letter
    paused_at: datetime | None = None  # while a supplement is awaited
    finished_at: datetime | None = None  # NgayKetThucXuLy
    returned_at: datetime | None = None  # NgayTra
    processing_days: str = "0"
    needs_checks: bool = False
    note: str = ""
    form_data: dict[str, Any] = field(default_factory=dict)
    documents: list[ReceivedDocument] = field(default_factory=list)
    fees: list[Fee] = field(default_factory=list)
    parties: list[Party] = field(default_factory=list)
    events: list[StatusEvent] = field(default_factory=list)
    # The tracking book's entry (form 07): one volume per year, entries from 1.
    book_year: int | None = None
    book_number: int | None = None

    @property
    def promised_due_at(self) -> datetime:
        """The due time the citizen was last given (NgayHenTra)."""
        return promised_due(self.due_at, self.rescheduled_due_at)

    @property
    def owner(self) -> Person:
        """ChuHoSo: the dossier owner when named, otherwise the applicant."""
        named = next((p.person for p in self.parties if p.role == OWNER_ROLE), None)
        return owner_or_applicant(named, self.applicant)

    @property
    def total_fee(self) -> int:
        return sum(fee.amount for fee in self.fees)

    def is_overdue(self, now: datetime) -> bool:
        """Running and past the legal due time; a supplement pause stops the clock."""
        return is_overdue(self.status, self.due_at, self.paused_at, now)

    def timeliness(self) -> Timeliness | None:
        """Judged against the legal due time after pauses (``due_at``), never against a
        date an apology letter promised (DOMAIN §2, §6)."""
        if self.finished_at is None:
            return None
        return judge_timeliness(self.finished_at, self.due_at)

    def due_history(self) -> list[DueChange]:
        """Every due time the dossier had, oldest first: the one at intake, each move when
        supplement papers arrived, each new date of an apology letter."""
        history: list[DueChange] = []
        for event in self.events:
            detail = event.detail
            kind = detail.get("kind")
            if event.from_status is None and detail.get("due_at"):
                history.append(
                    DueChange(event.at, _instant(detail["due_at"]), DueChangeKind.INTAKE)
                )
            elif kind == RESUME and detail.get("due_at"):
                if not history and detail.get("due_at_before"):
                    # The intake event predates the record: its due time is the one moved.
                    before = _instant(detail["due_at_before"])
                    history.append(DueChange(self.received_at, before, DueChangeKind.INTAKE))
                rule = DueChangeKind.SAME_DAY if detail.get("rule") == "same_day" else None
                history.append(
                    DueChange(event.at, _instant(detail["due_at"]), rule or DueChangeKind.MOVED)
                )
            elif kind == RESCHEDULE and detail.get("new_due_at"):
                history.append(
                    DueChange(event.at, _instant(detail["new_due_at"]), DueChangeKind.RESCHEDULED)
                )
        legal = [change for change in history if change.kind.is_legal]
        # Recorded before due times were kept: the dossier's own legal due time is still
        # the one the verdict uses, and it is shown as such.
        if not legal:
            history.insert(0, DueChange(self.received_at, self.due_at, DueChangeKind.RECORDED))
        elif legal[-1].due_at != self.due_at:
            last = self.events[-1].at if self.events else self.received_at
            history.append(DueChange(last, self.due_at, DueChangeKind.RECORDED))
        return history

    @property
    def waited_for_papers(self) -> bool:
        """Whether a supplement pause moved the legal due time."""
        return any(
            change.kind in (DueChangeKind.SAME_DAY, DueChangeKind.MOVED)
            for change in self.due_history()
        )

    # --- changes: each raises the revision and returns the event to record -------------

    def _record(
        self,
        to_status: Status,
        at: datetime,
        actor: Actor,
        note: str,
        detail: dict[str, Any] | None = None,
    ) -> StatusEvent:
        previous = self.status
        self.status = to_status
        self.revision += 1
        event = StatusEvent(
            at=at,
            from_status=previous,
            to_status=to_status,
            actor_name=actor.name,
            actor_kind=actor.kind,
            actor_title=actor.title,
            note=note,
            detail=detail or {},
            revision=self.revision,
            actor_user_id=actor.user_id,
        )
        self.events.append(event)
        return event

    def advance(
        self,
        calendar: WorkingCalendar,
        target: Status,
        *,
        at: datetime,
        actor: Actor,
        note: str = "",
        fault_reason: str = "",
        limits: PathLimits | None = None,
        processing: ProcessingTime | None = None,
    ) -> StatusEvent:
        """Move to ``target`` with what the status brings (pause the clock, resume it,
        finish, return); IllegalTransition or InvalidInput (Vietnamese) when the rules
        forbid it. ``processing`` is the dossier's processing time (``processing_for``):
        leaving a supplement pause, it decides how the due time moves (DOMAIN §6). A
        supplement request beyond ``limits`` (the shipped policy when None) needs
        ``fault_reason`` and is recorded as the office's fault; the clock still
        pauses for it (the citizen is not the one who waits less)."""
        check_transition(self.status, target)
        note = declared.REASON.check(note)
        if not note and actor.kind is ActorKind.STAFF and reason_required(target):
            raise InvalidInput(
                "Cần ghi giấy tờ cần bổ sung và lý do."
                if target is Status.SUPPLEMENT_REQUESTED
                else "Cần ghi lý do khi rút hồ sơ hoặc dừng xử lý.",
                code="transition.reason",
                field="note",
            )
        limits = limits or shipped_path_limits()
        faults = path_faults(self, target, at=at, limits=limits)
        detail = fault_detail(faults, declared.REASON.check(fault_reason), actor.kind, limits)
        if target is Status.SUPPLEMENT_REQUESTED:
            self.paused_at = at
        elif self.status is Status.SUPPLEMENT_REQUESTED and self.paused_at is not None:
            # Papers arrived (or the dossier ends): the waiting time does not count.
            detail = {**detail, **self._resume(calendar, processing, at)}
        if target in FINISHING_STATUSES:
            self.finished_at = at
        if target is Status.RETURNED:
            self.returned_at = at
            if self.finished_at is None:
                self.finished_at = at
        return self._record(target, at, actor, note, detail)

    def _resume(
        self, calendar: WorkingCalendar, processing: ProcessingTime | None, at: datetime
    ) -> dict[str, Any]:
        """Leave the supplement pause at ``at``: the new legal due time, and what the event
        records of it (every due time a dossier had stays on record)."""
        assert self.paused_at is not None
        if processing is None:
            days = Decimal(self.processing_days or "0")
            if days == 0:
                # Same day or same day plus checks: only the procedure's time tells which.
                raise ValueError("Resuming a same-day dossier needs its processing time.")
            processing = ProcessingTime(days)  # moved by working time whatever its cut-off
        before = self.due_at
        moved = calendar.due_after_pause(before, processing, self.paused_at, at)
        self.due_at = moved.due_at
        if self.rescheduled_due_at is not None:
            # A promised date is a date given to the citizen: it moves by the time waited.
            self.rescheduled_due_at = calendar.resume_due_at(
                self.rescheduled_due_at, self.paused_at, at
            )
        self.paused_at = None
        return {
            "kind": RESUME,
            "due_at_before": before.isoformat(),
            "due_at": moved.due_at.isoformat(),
            "rule": moved.rule.value,
        }

    def reschedule(
        self,
        new_due_at: datetime,
        reason: str,
        *,
        at: datetime,
        actor: Actor,
        fault_reason: str = "",
        calendar: WorkingCalendar | None = None,
        limits: PathLimits | None = None,
    ) -> StatusEvent:
        """The apology letter's new due time. The original due time stays on record and
        the on-time verdict is still judged against it. One beyond ``limits`` or given
        late (measured on ``calendar``, the office's) needs ``fault_reason``; it is still
        recorded, flagged as the office's fault, and the letter still printed."""
        reason = declared.REASON.check(reason)
        if not reason:
            raise InvalidInput("Cần ghi lý do chậm trả kết quả.", code="reschedule.reason")
        if not can_reschedule(self.status):
            raise InvalidInput(
                f"Hồ sơ đang «{self.status.label}», không hẹn lại được.",
                code="reschedule.state",
            )
        if new_due_at <= max(self.promised_due_at, at):
            raise InvalidInput(
                "Ngày hẹn mới phải sau ngày hẹn cũ và sau thời điểm hiện tại.",
                code="reschedule.date",
            )
        limits = limits or shipped_path_limits()
        faults = path_faults(self, NEW_DUE_TIME, at=at, limits=limits, calendar=calendar)
        detail = fault_detail(faults, declared.REASON.check(fault_reason), actor.kind, limits)
        self.rescheduled_due_at = new_due_at
        return self._record(
            self.status,
            at,
            actor,
            f"Hẹn lại ngày trả kết quả: {moment_text(new_due_at)}. Lý do: {reason}",
            {
                "kind": RESCHEDULE,
                "new_due_at": new_due_at.isoformat(),
                "reason": reason,
                **detail,
            },
        )

    def note_change(self, at: datetime, actor: Actor, note: str) -> StatusEvent:
        """A change that keeps the status (a new due time from the province …)."""
        return self._record(self.status, at, actor, note)

    def new_due_times(self) -> int:
        """How many new due times (apology letters) the dossier was given."""
        return sum(1 for event in self.events if is_reschedule_event(event))

    def office_faults(self) -> list[OfficeFault]:
        """The steps of its path recorded as the office's own fault, oldest first."""
        return office_faults_in(self.events)

    def reschedule_reason(self) -> str:
        """The reason of the last new due time, as the apology letter prints it."""
        for event in reversed(self.events):
            if not is_reschedule_event(event):
                continue
            if event.detail:
                return str(event.detail.get("reason", ""))
            return event.note.partition(LEGACY_REASON_MARK)[2].strip()
        return ""


def is_reschedule_event(event: StatusEvent) -> bool:
    """Whether ``event`` gave the dossier a new due time (an apology letter)."""
    if event.detail.get("kind") == RESCHEDULE:
        return True
    # Recorded before events had a detail (schema 0002): the history is never rewritten,
    # so those notes are read in the one wording they were written in.
    return (
        not event.detail
        and event.from_status is event.to_status
        and event.note.startswith(LEGACY_RESCHEDULE_NOTE)
    )


def _instant(text: str) -> datetime:
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=OFFICE_TZ)


@dataclass(frozen=True, slots=True)
class DossierSummary:
    """One line of the dossier list: what a search or a list page shows of a dossier."""

    id: int
    code: str
    procedure_code: str
    procedure_name: str
    applicant_name: str
    applicant_phone: str
    status: Status
    received_at: datetime
    due_at: datetime
    rescheduled_due_at: datetime | None
    paused_at: datetime | None
    clerk_name: str

    @property
    def promised_due_at(self) -> datetime:
        return promised_due(self.due_at, self.rescheduled_due_at)

    def is_overdue(self, now: datetime) -> bool:
        return is_overdue(self.status, self.due_at, self.paused_at, now)


def office_now() -> datetime:
    return datetime.now(OFFICE_TZ)
