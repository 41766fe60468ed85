"""The dossier (hồ sơ) as the desk understands it, independent of storage and screens."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import Enum, IntEnum
from typing import Any

from desk.domain.calendar import OFFICE_TZ, to_office_time
from desk.domain.codes import DossierCode
from desk.domain.fees import Fee
from desk.domain.identity import Sex
from desk.domain.status import Status, StatusEvent
from desk.domain.text import clean


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
        self.full_name = clean(self.full_name)
        self.id_number = clean(self.id_number).replace(" ", "")
        self.old_id_number = clean(self.old_id_number)
        self.address = clean(self.address)
        self.phone = clean(self.phone).replace(" ", "").replace(".", "")
        self.email = clean(self.email)
        self.id_issuer = clean(self.id_issuer)


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
    needs_checks: bool = False  # the procedure's extended time applies
    result_delivery: ResultDelivery = ResultDelivery.AT_DESK
    note: str = ""


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

    @property
    def promised_due_at(self) -> datetime:
        """The due time the citizen was last given (NgayHenTra)."""
        return self.rescheduled_due_at or self.due_at

    @property
    def owner(self) -> Person:
        """ChuHoSo: the dossier owner when named, otherwise the applicant."""
        for party in self.parties:
            if party.role == "owner":
                return party.person
        return self.applicant

    @property
    def total_fee(self) -> int:
        return sum(fee.amount for fee in self.fees)

    def is_overdue(self, now: datetime) -> bool:
        """Open and past the legal due time; a supplement pause stops the clock."""
        if self.status.is_final or self.status.is_finished or self.paused_at is not None:
            return False
        return now > self.due_at

    def timeliness(self) -> Timeliness | None:
        if self.finished_at is None:
            return None
        return judge_timeliness(self.finished_at, self.due_at)


def office_now() -> datetime:
    return datetime.now(OFFICE_TZ)
