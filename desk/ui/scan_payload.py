"""What a scanned payload is: a dossier code from a slip, a chip ID card's QR, or a reason
to refuse it. No Qt here: ``desk.ui.scanner`` decides what is a scan from key timing and
hands the characters to ``interpret_scan``."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from datetime import date

from desk.domain.codes import DossierCode
from desk.domain.identity import IME_HINT, IdCard, IdWarning, parse_id_card_qr
from desk.domain.text import nfc
from desk.errors import InvalidInput

CODE_SHAPE = re.compile(r"^[0-9A-Za-z.]+-\d{6}-\d{4}$")
# UTF-8 bytes read as Windows-1252/Latin-1: "Tráº§n", "VÄƒn", "BÃ¬nh".
_MOJIBAKE = re.compile(r"Ã.|Ä.|Æ.|áº|á»|Ä‘|Ä\u0090")


@dataclass(frozen=True, slots=True)
class ScanVerdict:
    kind: str  # "code", "id_card" or "rejected"
    code: str = ""
    card: IdCard | None = None
    message: str = ""


def _decomposed(text: str) -> bool:
    return any(unicodedata.combining(ch) for ch in text) and nfc(text) != text


def interpret_scan(raw: str, *, edited: bool = False, today: date | None = None) -> ScanVerdict:
    """What a scanned payload is: a dossier code, an ID card, or a reason to refuse it.
    ``edited``: an input method changed the keys on the way."""
    text = raw.strip().strip("\r\n\t")
    if edited:
        return ScanVerdict(
            "rejected", message=f"Bộ gõ tiếng Việt đã sửa các ký tự máy quét gửi. {IME_HINT}"
        )
    if _MOJIBAKE.search(text):
        return ScanVerdict(
            "rejected",
            message=(
                "Máy quét gửi chữ tiếng Việt sai bảng mã (chữ bị vỡ, ví dụ «Ã», «áº»). "
                "Hãy đặt máy quét ở chế độ Unicode/UTF-8 rồi quét lại; không tự sửa để tránh sai "
                "thông tin."
            ),
        )
    composed = nfc(text)
    if "|" not in composed:
        if CODE_SHAPE.match(composed):
            try:
                return ScanVerdict("code", code=str(DossierCode.parse(composed)))
            except InvalidInput as error:
                return ScanVerdict("rejected", message=error.message)
        shown = composed if len(composed) <= 40 else composed[:40] + "…"
        return ScanVerdict(
            "rejected",
            message=f"Mã vừa quét «{shown}» không phải mã hồ sơ hay mã QR căn cước.",
        )
    try:
        card = parse_id_card_qr(composed, today=today)
    except InvalidInput as error:
        return ScanVerdict("rejected", message=error.message)
    if _decomposed(text):
        note = IdWarning(
            "scan.decomposed",
            "Mã QR gửi chữ có dấu ở dạng tổ hợp (thường do bộ gõ tiếng Việt); đã chuẩn hóa. "
            "Hãy đối chiếu họ tên và địa chỉ với thẻ.",
        )
        card = replace(card, warnings=(*card.warnings, note))
    return ScanVerdict("id_card", card=card)
