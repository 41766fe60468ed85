"""The office's identity and the people who work at its desk."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from desk.domain.calendar import OfficeHours
from desk.domain.codes import validate_agency_id
from desk.domain.text import clean


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
        for name in ("agency_name", "unit_name", "commune", "province", "place_name"):
            object.__setattr__(self, name, clean(getattr(self, name)))


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
