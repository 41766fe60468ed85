"""Dossier codes: ``<agency identifier>-<YYMMDD>-<XXXX>`` (DOMAIN §3)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from desk.domain import limits
from desk.domain.text import clean
from desk.errors import ConfigurationError, InvalidInput

# Four dot-separated groups; the last is a letter (H province, G central body …) and two digits.
_AGENCY = re.compile(r"^\d{3}\.[0-9A-Z]{2}\.[0-9A-Z]{2}\.[A-Z]\d{2}$")
_CODE = re.compile(r"^(?P<agency>.+)-(?P<day>\d{6})-(?P<seq>\d{4})$")

MAX_SEQUENCE = 9999


def typed_code(text: str) -> str:
    """A dossier code as typed or scanned, ready to look up (upper case), or InvalidInput
    when it cannot be a code at all (too long, spaces, control characters …)."""
    return limits.DOSSIER_CODE.check(text, required=True).upper()


def validate_agency_id(agency_id: str) -> str:
    value = clean(agency_id).upper()
    if not _AGENCY.match(value):
        raise ConfigurationError(
            f"Mã định danh cơ quan «{agency_id}» không đúng dạng 000.XX.YY.Hnn "
            "(ví dụ 000.17.22.H56).",
            code="agency_id.invalid",
        )
    return value


@dataclass(frozen=True, slots=True, order=True)
class DossierCode:
    agency_id: str
    day: date
    sequence: int

    def __post_init__(self) -> None:
        if not 1 <= self.sequence <= MAX_SEQUENCE:
            raise InvalidInput(
                f"Số thứ tự hồ sơ {self.sequence} phải từ 1 đến {MAX_SEQUENCE}.",
                code="dossier_code.sequence_range",
            )

    def __str__(self) -> str:
        # The day's fields %-formatted: its strftime costs twice as much, and an export
        # or a sync writes every dossier's code.
        day = self.day
        return "%s-%02d%02d%02d-%04d" % (  # noqa: UP031
            self.agency_id,
            day.year % 100,
            day.month,
            day.day,
            self.sequence,
        )

    @classmethod
    def parse(cls, text: str) -> DossierCode:
        value = clean(text).upper()
        match = _CODE.match(value)
        if not match:
            raise InvalidInput(
                f"«{text}» không phải mã hồ sơ (dạng 000.17.22.H56-261122-0001).",
                code="dossier_code.invalid",
            )
        agency = match["agency"]
        if not _AGENCY.match(agency):
            raise InvalidInput(
                f"Mã hồ sơ «{text}» có mã cơ quan không hợp lệ.", code="dossier_code.invalid"
            )
        raw_day = match["day"]
        try:
            day = date(2000 + int(raw_day[:2]), int(raw_day[2:4]), int(raw_day[4:]))
        except ValueError:
            raise InvalidInput(
                f"Mã hồ sơ «{text}» có ngày không hợp lệ.", code="dossier_code.invalid"
            ) from None
        sequence = int(match["seq"])
        if sequence == 0:
            raise InvalidInput(f"Mã hồ sơ «{text}» có số thứ tự 0000.", code="dossier_code.invalid")
        return cls(agency, day, sequence)


@dataclass(frozen=True, slots=True)
class SequenceBlock:
    """The part of each day's sequence one desk may hand out.

    Desks sharing one database use the whole range (1–9999) and one counter. Desks that
    must keep separate databases are given non-overlapping blocks, e.g. 1–4999 and 5000–9999.
    """

    first: int = 1
    last: int = MAX_SEQUENCE

    def __post_init__(self) -> None:
        if not 1 <= self.first <= self.last <= MAX_SEQUENCE:
            raise ConfigurationError(
                f"Dãy số thứ tự {self.first}–{self.last} không hợp lệ "
                f"(phải nằm trong 1–{MAX_SEQUENCE}, số đầu không lớn hơn số cuối).",
                code="sequence_block.invalid",
            )

    def overlaps(self, other: SequenceBlock) -> bool:
        return self.first <= other.last and other.first <= self.last

    @classmethod
    def parse(cls, text: str) -> SequenceBlock:
        match = re.fullmatch(r"\s*(\d{1,4})\s*[-–]\s*(\d{1,4})\s*", text or "")
        if not match:
            raise ConfigurationError(
                f"Dãy số thứ tự «{text}» phải có dạng ĐẦU-CUỐI, ví dụ 5000-9999.",
                code="sequence_block.invalid",
            )
        return cls(int(match[1]), int(match[2]))

    def __str__(self) -> str:
        return f"{self.first}-{self.last}"
