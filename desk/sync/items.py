"""A dossier in the item shape of the province contract (PROVINCE_API.md §4)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from desk.domain.calendar import to_office_time
from desk.domain.dossier import Dossier
from desk.domain.status import StatusEvent


def province_time(moment: datetime | None) -> str:
    """``yyyyMMddHHmmss`` in Vietnam time; "" when unknown."""
    if moment is None:
        return ""
    return to_office_time(moment).strftime("%Y%m%d%H%M%S")


def _progress(event: StatusEvent) -> dict[str, str]:
    return {
        "NguoiXuLy": event.actor_name,
        "ChucDanh": event.actor_title,
        "ThoiDiemXuLy": province_time(event.at),
        "NoiDungXuLy": event.note or event.to_status.label,
        "TrangThai": str(int(event.to_status)),
    }


def dossier_item(dossier: Dossier) -> dict[str, Any]:
    """The whole current state of the dossier, as the province receives it."""
    owner = dossier.owner
    return {
        "MaHoSo": str(dossier.code),
        "PhienBan": dossier.revision,
        "MaTTHC": dossier.procedure_code,
        "TenTTHC": dossier.procedure_name,
        "MaLinhVuc": dossier.field_code,
        "TenLinhVuc": dossier.field_name,
        "KenhThucHien": str(int(dossier.channel)),
        "ChuHoSo": owner.full_name,
        "LoaiDoiTuong": str(int(dossier.applicant_kind)),
        "SoGiayToChuHoSo": owner.id_number,
        "SoDienThoai": dossier.applicant.phone,
        "Email": dossier.applicant.email,
        "TrichYeuHoSo": dossier.summary,
        "NgayTiepNhan": province_time(dossier.received_at),
        "NgayHenTra": province_time(dossier.promised_due_at),
        "TrangThaiHoSo": str(int(dossier.status)),
        "NgayTra": province_time(dossier.returned_at),
        "NgayKetThucXuLy": province_time(dossier.finished_at),
        "DonViXuLy": dossier.lead_unit,
        "GhiChu": dossier.note,
        "TaiLieuNop": [
            {
                "TenTepDinhKem": document.name,
                "MaThanhPhanHoSo": document.code,
                "TepDinhKemId": document.attachment_sha256,
                "DuocSoHoa": "1" if document.digitised else "0",
            }
            for document in dossier.documents
        ],
        "DanhSachLePhi": [
            {"TenPhiLePhi": fee.name, "Gia": fee.amount, "HinhThucThu": fee.method}
            for fee in dossier.fees
        ],
        "TienDo": [_progress(event) for event in dossier.events],
    }
