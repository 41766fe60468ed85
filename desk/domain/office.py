"""The office's identity and the people who work at its desk."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import Enum

from desk.domain import limits
from desk.domain.calendar import OfficeHours
from desk.domain.codes import validate_agency_id


@dataclass(frozen=True, slots=True)
class Office:
    agency_id: str  # mã định danh điện tử, e.g. 000.17.22.H56
    agency_name: str  # "UBND XÃ YÊN LẠC"
    unit_name: str  # "BỘ PHẬN MỘT CỬA" / "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG XÃ …"
    commune: str
    province: str
    place_name: str  # the place written before the date: "Yên Lạc, ngày …"
    address: str = ""
    phone: str = ""
    lookup_url: str = ""  # public lookup page; "{code}" is replaced by the dossier code
    hours: OfficeHours = field(default_factory=OfficeHours)

    def __post_init__(self) -> None:
        object.__setattr__(self, "agency_id", validate_agency_id(self.agency_id))
        for name, limit, required in _OFFICE_LIMITS:
            object.__setattr__(self, name, limit.check(getattr(self, name), required=required))


# Each text of the office, its declared limit, and whether the printouts need it.
_OFFICE_LIMITS = (
    ("agency_name", replace(limits.OFFICE_NAME, label="tên cơ quan"), True),
    ("unit_name", replace(limits.OFFICE_NAME, label="tên bộ phận"), True),
    ("commune", replace(limits.OFFICE_NAME, label="tên xã"), True),
    ("province", replace(limits.OFFICE_NAME, label="tên tỉnh"), True),
    ("place_name", replace(limits.OFFICE_NAME, label="địa danh ghi trước ngày tháng"), True),
    ("address", limits.OFFICE_ADDRESS, False),
    ("phone", limits.OFFICE_PHONE, False),
    ("lookup_url", limits.OFFICE_URL, False),
)


class Role(Enum):
    CLERK = "clerk"
    SUPERVISOR = "supervisor"
    ADMIN = "admin"

    @property
    def label(self) -> str:
        return {"clerk": "Cán bộ một cửa", "supervisor": "Lãnh đạo", "admin": "Quản trị"}[
            self.value
        ]


@dataclass(frozen=True, slots=True)
class User:
    id: int
    username: str
    full_name: str
    role: Role
    title: str = ""
    active: bool = True
