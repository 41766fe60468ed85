"""The one-stop form sets, keyed by their legal basis, as data.

A province switches sets by its configured key ("2018" or "2025"); what changes between
sets is a form's number and title, not what the desk knows about the dossier. The 2025
titles follow DOMAIN §4 and are marked (verify) there: correct them here, in one place.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from desk.errors import InvalidInput

DEFAULT_TEMPLATE_SET = "2025"

# The form keys, also the names of the `desk print` sub-commands.
SLIP = "slip"
SUPPLEMENT = "supplement"
REFUSAL = "refusal"
APOLOGY = "apology"
STOP = "stop"
CONTROL = "control"
BOOK = "book"


@dataclass(frozen=True, slots=True)
class FormTemplate:
    number: str | None  # "01" …; None when the legal basis defines no such form
    title: str  # printed in capitals under the header
    # A Committee letter's notation after the number, "Số: 12/TB-UBND" (Decree 30/2020,
    # Appendix III: the kind's abbreviation, then the issuing body's). "" for the desk's
    # own forms, which carry no number. (verify: a province may use its own notation.)
    notation: str = ""


@dataclass(frozen=True, slots=True)
class TemplateSet:
    key: str
    legal_basis: str
    forms: Mapping[str, FormTemplate]
    # How the apology promises the new due time: the 2018 letter sets a new date, the
    # 2025 one asks for an extension.
    apology_promise: str

    def form(self, name: str) -> FormTemplate:
        return self.forms[name]

    def number_label(self, name: str) -> str:
        """The form number as printed («Mẫu số 01»), or "" when the set has none."""
        number = self.forms[name].number
        return f"Mẫu số {number}" if number else ""

    def number_line(self, name: str, number: int | None) -> str:
        """A Committee letter's «Số: 12/TB-UBND», a number below 10 with a leading zero
        («Số: 05/…», Decree 30/2020, Appendix I); a letter not issued yet (a sample) leaves
        the number blank, to be written by hand."""
        shown = f"{number:02d}" if number is not None else "\u00a0" * 6
        return f"Số: {shown}/{self.forms[name].notation}"


_SLIP_TITLE = "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ"
_SUPPLEMENT_TITLE = "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ"
_REFUSAL_TITLE = "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ"
_STOP_TITLE = "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ"
# The apology is a letter without a kind of its own ("VB", văn bản); the stop notice is a
# notice ("TB", thông báo). Both are issued by the commune People's Committee ("UBND").
_APOLOGY_NOTATION = "VB-UBND"
_STOP_NOTATION = "TB-UBND"
_CONTROL_TITLE = "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ"
_BOOK_TITLE = "SỔ THEO DÕI HỒ SƠ"

TEMPLATE_SETS: Mapping[str, TemplateSet] = {
    "2018": TemplateSet(
        key="2018",
        legal_basis="Nghị định 61/2018/NĐ-CP; Thông tư 01/2018/TT-VPCP",
        forms={
            SLIP: FormTemplate("01", _SLIP_TITLE),
            SUPPLEMENT: FormTemplate("02", _SUPPLEMENT_TITLE),
            REFUSAL: FormTemplate("03", _REFUSAL_TITLE),
            APOLOGY: FormTemplate(
                "04", "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ", _APOLOGY_NOTATION
            ),
            CONTROL: FormTemplate("05", _CONTROL_TITLE),
            BOOK: FormTemplate("06", _BOOK_TITLE),
            # The 2018 circular has no stop notice: it prints, unnumbered.
            STOP: FormTemplate(None, _STOP_TITLE, _STOP_NOTATION),
        },
        apology_promise="hẹn trả kết quả giải quyết hồ sơ cho {you} vào",
    ),
    "2025": TemplateSet(
        key="2025",
        legal_basis="Nghị định 118/2025/NĐ-CP; Thông tư 03/2025/TT-VPCP",
        forms={
            SLIP: FormTemplate("01", _SLIP_TITLE),
            SUPPLEMENT: FormTemplate("02", _SUPPLEMENT_TITLE),
            REFUSAL: FormTemplate("03", _REFUSAL_TITLE),
            APOLOGY: FormTemplate(
                "04", "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT", _APOLOGY_NOTATION
            ),
            STOP: FormTemplate("05", _STOP_TITLE, _STOP_NOTATION),
            CONTROL: FormTemplate("06", _CONTROL_TITLE),
            BOOK: FormTemplate("07", _BOOK_TITLE),
        },
        apology_promise="đề nghị gia hạn thời gian giải quyết hồ sơ đến",
    ),
}


def templates_for(key: str) -> TemplateSet:
    try:
        return TEMPLATE_SETS[key]
    except KeyError:
        known = ", ".join(sorted(TEMPLATE_SETS))
        raise InvalidInput(
            f"Bộ mẫu «{key}» không có; các bộ mẫu hiện có: {known}.",
            code="print.template_set",
        ) from None
