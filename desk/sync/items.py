"""The shapes of the province contract: a dossier as an item (PROVINCE_API.md §4), a
change from the feed (§5), and their timestamps."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import orjson

from desk.domain import limits
from desk.domain.calendar import OFFICE_TZ
from desk.domain.dossier import Dossier, promised_due
from desk.domain.outbox import ProvinceRecord, province_time
from desk.domain.status import Status
from desk.domain.text import visible


def parse_province_time(text: Any) -> datetime | None:
    """The moment a ``yyyyMMddHHmmss`` names (Vietnam time); None when it is not one."""
    if not isinstance(text, str) or len(text) != 14 or not text.isdigit():
        return None
    try:
        return datetime.strptime(text, "%Y%m%d%H%M%S").replace(tzinfo=OFFICE_TZ)
    except ValueError:
        return None


@dataclass(frozen=True, slots=True)
class ProvinceChange:
    """One change made at the province, read leniently: what cannot be read is empty or
    None, and the desk decides what to do with it."""

    code: str  # MaHoSo, upper case; "" when missing
    status_text: str  # TrangThaiHoSo as sent
    status: Status | None  # None when TrangThaiHoSo is not a status
    at: datetime | None  # ThoiDiem
    by: str  # NguoiXuLy; "" when not given
    note: str  # GhiChu
    due: datetime | None  # NgayHenTra
    finished: datetime | None  # NgayKetThucXuLy
    detail: dict[str, str | int] = field(default_factory=dict)  # its plain fields, cleaned
    # The fields (wire names) whose text had characters removed (NUL, controls) or was cut
    # to fit: applied as cleaned, and a person is told.
    altered: tuple[str, ...] = ()

    @classmethod
    def read(cls, change: dict[str, Any]) -> ProvinceChange:
        # Taken as sent, but cleaned and within the columns: a province's record is never
        # refused for its text, and never allowed to break the office's database (a NUL
        # is refused by PostgreSQL, an over-long code by its column).
        altered: list[str] = []
        status_text = _fit(
            limits.PROVINCE_STATUS_TEXT, change.get("TrangThaiHoSo"), "TrangThaiHoSo", altered
        )
        try:
            status: Status | None = Status(int(status_text))
        except ValueError:
            status = None
        return cls(
            code=_fit(limits.DOSSIER_CODE, change.get("MaHoSo"), "MaHoSo", altered).upper(),
            status_text=status_text,
            status=status,
            at=parse_province_time(change.get("ThoiDiem")),
            by=_fit(limits.PROVINCE_ACTOR, change.get("NguoiXuLy"), "NguoiXuLy", altered),
            note=_fit(limits.REASON, change.get("GhiChu"), "GhiChu", altered),
            due=parse_province_time(change.get("NgayHenTra")),
            finished=parse_province_time(change.get("NgayKetThucXuLy")),
            detail={
                str(k)[:40]: limits.PROVINCE_DETAIL_TEXT.fit(v) if isinstance(v, str) else v
                for k, v in list(change.items())[:40]
                if isinstance(v, str | int) and not isinstance(v, bool)
            },
            altered=tuple(altered),
        )


def _fit(limit: limits.TextLimit, value: Any, name: str, altered: list[str]) -> str:
    """``value`` cleaned and cut to ``limit``; ``name`` noted in ``altered`` when that
    removed a character (a NUL, a control) or cut it, not when it only trimmed spaces."""
    if value is None:
        return ""
    text = value if isinstance(value, str) else str(value)
    cleaned = limit.clean(text)
    if visible(text) != text or len(cleaned) > limit.max_length:
        altered.append(name)
    return cleaned if len(cleaned) <= limit.max_length else limit.fit(cleaned)


def province_item(record: ProvinceRecord) -> dict[str, Any]:
    """The whole current state of the dossier, as the province receives it."""
    return {
        "MaHoSo": record.code,
        "PhienBan": record.revision,
        "MaTTHC": record.procedure_code,
        "TenTTHC": record.procedure_name,
        "MaLinhVuc": record.field_code,
        "TenLinhVuc": record.field_name,
        "KenhThucHien": str(int(record.channel)),
        "ChuHoSo": record.owner_name,
        "LoaiDoiTuong": str(int(record.applicant_kind)),
        "SoGiayToChuHoSo": record.owner_id_number,
        "SoDienThoai": record.phone,
        "Email": record.email,
        "TrichYeuHoSo": record.summary,
        "NgayTiepNhan": record.received_at,
        "NgayHenTra": promised_due(record.due_at, record.rescheduled_due_at),
        "TrangThaiHoSo": str(int(record.status)),
        "NgayTra": record.returned_at,
        "NgayKetThucXuLy": record.finished_at,
        "DonViXuLy": record.lead_unit,
        "GhiChu": record.note,
        "TaiLieuNop": [
            {
                "TenTepDinhKem": name,
                "MaThanhPhanHoSo": code,
                "TepDinhKemId": sha256,
                "DuocSoHoa": "1" if sha256 else "0",
            }
            for name, code, sha256 in record.documents
        ],
        "DanhSachLePhi": [
            {"TenPhiLePhi": name, "Gia": amount, "HinhThucThu": method}
            for name, amount, method in record.fees
        ],
        "TienDo": [
            {
                "NguoiXuLy": actor,
                "ChucDanh": title,
                "ThoiDiemXuLy": at,
                "NoiDungXuLy": note or to_status.label,
                "TrangThai": str(int(to_status)),
            }
            for actor, title, at, note, to_status in record.events
        ],
    }


def item_json(item: dict[str, Any]) -> bytes:
    """An item (or a body made of items) as the province and the export file take it:
    compact UTF-8 JSON, keys in the order given. orjson writes an item in ~8 µs against
    ~30 for the json module's C encoder (docs/performance.md, issue 16); for the strings,
    integers, lists and objects an item is made of its bytes are the json module's
    ``dumps(item, ensure_ascii=False, separators=(",", ":"))``, and every line parses to
    the same item (tests/sync/test_item_json.py)."""
    return orjson.dumps(item)


def item_line(item: dict[str, Any]) -> bytes:
    """An item as one line of the export file: ``item_json`` and its newline, written by
    orjson in the same call (no second bytes object a line)."""
    return orjson.dumps(item, option=orjson.OPT_APPEND_NEWLINE)


def record_of(dossier: Dossier) -> ProvinceRecord:
    """What the province's item of a whole dossier is made of."""
    owner = dossier.owner
    return ProvinceRecord(
        dossier.id,
        str(dossier.code),
        dossier.revision,
        dossier.procedure_code,
        dossier.procedure_name,
        dossier.field_code,
        dossier.field_name,
        dossier.channel,
        owner.full_name,
        owner.id_number,
        dossier.applicant_kind,
        dossier.applicant.phone,
        dossier.applicant.email,
        dossier.summary,
        province_time(dossier.received_at),
        province_time(dossier.due_at),
        province_time(dossier.rescheduled_due_at),
        dossier.status,
        province_time(dossier.returned_at),
        province_time(dossier.finished_at),
        dossier.lead_unit,
        dossier.note,
        [(d.name, d.code, d.attachment_sha256) for d in dossier.documents],
        [(fee.name, fee.amount, fee.method) for fee in dossier.fees],
        [
            (e.actor_name, e.actor_title, province_time(e.at), e.note, e.to_status)
            for e in dossier.events
        ],
    )


def dossier_item(dossier: Dossier) -> dict[str, Any]:
    """The whole current state of the dossier, as the province receives it."""
    return province_item(record_of(dossier))
