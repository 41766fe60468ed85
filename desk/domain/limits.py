"""The limits of what may come in, declared once per field.

Every door of the desk — the window, the services, the command line, the catalogue import,
the ID card's QR code — asks these declarations, so a value is refused with the same
Vietnamese message everywhere, and SQLite (which stores anything) and PostgreSQL (which
refuses NUL and text longer than its column) never get to disagree: nothing reaches either
that a declaration has not accepted. A test checks every text limit against its column.

Text is cleaned first (``desk.domain.text.clean``: NFC, invisible characters removed, white
space folded), then judged: its length, the characters its kind allows, and at least one
visible letter or digit. Digits are the ASCII 0–9 only where digits are meant.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from enum import Enum
from typing import Any

from desk.domain.text import clean, clean_lines
from desk.errors import InvalidInput


class TextKind(Enum):
    NAME = "name"  # a person's name: letters, with spaces, apostrophes and hyphens between
    LINE = "line"  # one line of any visible text (an address, a title, a document's name)
    LINES = "lines"  # several lines of visible text (a note, a reason)
    DIGITS = "digits"  # ASCII digits only, of the lengths given (an ID number)
    PHONE = "phone"  # ASCII digits, an optional leading +
    EMAIL = "email"
    USERNAME = "username"  # ASCII letters, digits, dot, hyphen and underscore
    CODE = "code"  # an identifier of the catalogue or the province: ASCII, no spaces


# Letters (any script, precomposed after NFC) in words separated by one space, apostrophe or
# hyphen: "Nguyễn Thị Đào", "H'Hen Niê", "Lê-Văn". The search starts a word after each.
NAME_SEPARATORS = " '’-"
_NAME = re.compile(rf"[^\W\d_]+(?:[{re.escape(NAME_SEPARATORS)}][^\W\d_]+)*")
_DIGITS = re.compile(r"[0-9]+", re.ASCII)
_PHONE = re.compile(r"\+?[0-9]+", re.ASCII)
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_USERNAME = re.compile(r"[a-z0-9][a-z0-9._\-]*", re.ASCII)
_CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._\-]*", re.ASCII)
_VISIBLE = re.compile(r"[^\W_]")  # a letter or a digit of any script

_KIND_RULE = {
    TextKind.NAME: "chỉ gồm chữ cái, cách nhau bởi dấu cách, dấu nháy hoặc gạch nối",
    TextKind.DIGITS: "chỉ gồm chữ số 0–9",
    TextKind.PHONE: "chỉ gồm chữ số 0–9 (có thể có dấu + ở đầu)",
    TextKind.EMAIL: "có dạng ten@mien.vn",
    TextKind.USERNAME: "chỉ gồm chữ thường không dấu (a–z), chữ số, dấu chấm, gạch nối, gạch dưới",
    TextKind.CODE: "chỉ gồm chữ cái không dấu, chữ số, dấu chấm, gạch nối",
}
_KIND_PATTERN = {
    TextKind.NAME: _NAME,
    TextKind.DIGITS: _DIGITS,
    TextKind.PHONE: _PHONE,
    TextKind.EMAIL: _EMAIL,
    TextKind.USERNAME: _USERNAME,
    TextKind.CODE: _CODE,
}


def _shown(text: str, limit: int = 40) -> str:
    """A value quoted in a message: short, so a 10,000-character paste does not flood it."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass(frozen=True, slots=True)
class TextLimit:
    """The limits of one text field. ``label`` names it in messages («họ tên»)."""

    name: str  # the field's path, also the prefix of its error codes
    label: str
    max_length: int
    kind: TextKind = TextKind.LINE
    lengths: tuple[int, ...] = ()  # the only lengths allowed (digits); () = up to max_length
    min_length: int = 1
    # The kind's pattern, looked up once: an enum's hash is a Python call, and a dossier
    # received checks a score of fields.
    pattern: re.Pattern[str] | None = field(init=False, repr=False, compare=False, default=None)

    def __post_init__(self) -> None:
        object.__setattr__(self, "pattern", _KIND_PATTERN.get(self.kind))

    def clean(self, value: Any) -> str:
        """The value as it would be stored, cleaned but not judged."""
        if value is None:
            return ""
        text = value if isinstance(value, str) else str(value)
        if self.kind is TextKind.LINES:
            return clean_lines(text)
        cleaned = clean(text)
        if self.kind in (TextKind.DIGITS, TextKind.PHONE):
            # Digits are often typed in groups: "0912 345 678", "0912.345.678".
            cleaned = cleaned.replace(" ", "").replace(".", "").replace("-", "")
        return cleaned

    def fit(self, value: Any) -> str:
        """The value cleaned and cut to fit (with "…"): for what the desk must take as it
        comes, such as the province's own records, where refusing would lose the change."""
        text = self.clean(value)
        return text if len(text) <= self.max_length else text[: self.max_length - 1] + "…"

    def check(self, value: Any, *, required: bool = False, what: str = "") -> str:
        """The cleaned value, or ``InvalidInput``. Empty is "" unless ``required``.
        ``what`` adds whose field it is to the message («của người mẹ»)."""
        if not value and not required:  # most optional fields are empty: nothing to judge
            return ""
        text = self.clean(value)
        label = f"{self.label} {what}".strip()
        if not text:
            if required:
                raise self._refuse(f"Chưa nhập {label}.", "required")
            return ""
        if len(text) > self.max_length:
            length, most = _number_text(len(text)), _number_text(self.max_length)
            raise self._refuse(
                f"{_capital(label)} dài {length} ký tự; tối đa {most} ký tự.", "too_long"
            )
        if len(text) < self.min_length:
            raise self._refuse(
                f"{_capital(label)} «{_shown(text)}» quá ngắn: ít nhất {self.min_length} ký tự.",
                "too_short",
            )
        if _VISIBLE.search(text) is None:
            raise self._refuse(
                f"{_capital(label)} «{_shown(text)}» không có chữ cái hay chữ số nào.", "no_letters"
            )
        pattern = self.pattern
        if pattern is not None and pattern.fullmatch(text) is None:
            raise self._refuse(
                f"{_capital(label)} «{_shown(text)}» không hợp lệ: {_KIND_RULE[self.kind]}.",
                "characters",
            )
        if self.lengths and len(text.lstrip("+")) not in self.lengths:
            allowed = " hoặc ".join(str(n) for n in self.lengths)
            raise self._refuse(
                f"{_capital(label)} «{_shown(text)}» phải gồm {allowed} chữ số.", "length"
            )
        return text

    def _refuse(self, message: str, reason: str) -> InvalidInput:
        return _refusal(self.name, message, reason)


@dataclass(frozen=True, slots=True)
class NumberLimit:
    """A whole number within ``minimum``..``maximum`` (a count, an amount in VND)."""

    name: str
    label: str
    minimum: int
    maximum: int
    unit: str = ""

    def check(self, value: Any) -> int:
        number = _whole_number(value, self)
        if not self.minimum <= number <= self.maximum:
            raise InvalidInput(
                f"{_capital(self.label)} phải từ {_number_text(self.minimum)} đến "
                f"{_number_text(self.maximum)}{' ' + self.unit if self.unit else ''}; "
                f"nhận được {_shown(_number_text(number))}.",
                code=f"{self.name}.range",
                field=self.name,
            )
        return number

    def argument(self, text: str) -> int:
        """The command line's reading of this number (argparse's ``type=``)."""
        return self.check(text)


@dataclass(frozen=True, slots=True)
class DaysLimit:
    """A number of (working) days, halves allowed: a processing time in the catalogue."""

    name: str
    label: str
    minimum: Decimal
    maximum: Decimal

    def check(self, value: Any) -> Decimal:
        if isinstance(value, bool) or value is None:
            raise self._refuse(f"{_capital(self.label)} phải là một số ngày.", "format")
        try:
            days = Decimal(str(value).strip().replace(",", "."))
        except InvalidOperation:
            raise self._refuse(
                f"{_capital(self.label)} «{_shown(str(value))}» không phải là số ngày.", "format"
            ) from None
        if not days.is_finite():
            raise self._refuse(
                f"{_capital(self.label)} «{_shown(str(value))}» không phải là số ngày.", "format"
            )
        if not self.minimum <= days <= self.maximum or days * 2 != int(days * 2):
            raise self._refuse(
                f"{_capital(self.label)} phải từ {self.minimum} đến {self.maximum} ngày, theo "
                f"từng nửa ngày; nhận được {_shown(str(value))}.",
                "range",
            )
        return days

    def _refuse(self, message: str, reason: str) -> InvalidInput:
        return _refusal(self.name, message, reason)


@dataclass(frozen=True, slots=True)
class DateLimit:
    """A day within ``earliest``..``latest``: the desk's calendar has no other days."""

    name: str
    label: str
    earliest: date
    latest: date

    def check(self, value: date) -> date:
        day = value.date() if isinstance(value, datetime) else value
        if not self.earliest <= day <= self.latest:
            raise InvalidInput(
                f"{_capital(self.label)} {_day_text(day)} nằm ngoài khoảng phần mềm nhận "
                f"({_day_text(self.earliest)}–{_day_text(self.latest)}).",
                code=f"{self.name}.range",
                field=self.name,
            )
        return value

    def parse(self, text: str) -> date:
        """A day typed as YYYY-MM-DD (the command line)."""
        try:
            day = date.fromisoformat(clean(text))
        except ValueError:
            raise InvalidInput(
                f"Ngày «{_shown(clean(text))}» phải có dạng YYYY-MM-DD.", code=f"{self.name}.format"
            ) from None
        return self.check(day)


def _refusal(field: str, message: str, reason: str) -> InvalidInput:
    """A refusal of ``field``'s value; its code is the field's path and the reason."""
    return InvalidInput(message, code=f"{field}.{reason}", field=field)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _day_text(day: date) -> str:
    # Not strftime: it writes the year 1 as "1", not "0001".
    return f"{day.day:02d}/{day.month:02d}/{day.year:04d}"


def _number_text(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def _whole_number(value: Any, limit: NumberLimit) -> int:
    if isinstance(value, bool):
        raise InvalidInput(
            f"{_capital(limit.label)} phải là một số.",
            code=f"{limit.name}.format",
            field=limit.name,
        )
    if isinstance(value, int):
        return value
    if isinstance(value, Decimal) and value.is_finite() and value == value.to_integral_value():
        return int(value)
    text = clean(str(value)).replace(" ", "") if value is not None else ""
    # Thousands written with dots ("50.000") are how amounts are typed here.
    if re.fullmatch(r"-?[0-9]{1,3}(?:\.[0-9]{3})+", text, re.ASCII):
        text = text.replace(".", "")
    # Only ASCII digits, and few enough of them that int() is cheap and the range message
    # readable (int() would take "١٢" and 100,000 digits alike).
    if re.fullmatch(r"-?[0-9]{31,}", text, re.ASCII):
        raise InvalidInput(
            f"{_capital(limit.label)} quá lớn: tối đa {_number_text(limit.maximum)}.",
            code=f"{limit.name}.range",
            field=limit.name,
        )
    if not re.fullmatch(r"-?[0-9]{1,30}", text, re.ASCII):
        raise InvalidInput(
            f"{_capital(limit.label)} «{_shown(text)}» phải là một số (chữ số 0–9).",
            code=f"{limit.name}.format",
            field=limit.name,
        )
    return int(text)


# --- the declarations -------------------------------------------------------------------

# People (the applicant and every party of a dossier, the ID card's QR code).
PERSON_NAME = TextLimit("person.full_name", "họ tên", 100, TextKind.NAME)
ID_NUMBER = TextLimit("person.id_number", "số định danh cá nhân", 12, TextKind.DIGITS, (12,))
OLD_ID_NUMBER = TextLimit("person.old_id_number", "số CMND cũ", 12, TextKind.DIGITS, (9, 12))
PHONE = TextLimit("person.phone", "số điện thoại", 13, TextKind.PHONE, (9, 10, 11, 12))
EMAIL = TextLimit("person.email", "thư điện tử", 200, TextKind.EMAIL)
ADDRESS = TextLimit("person.address", "nơi cư trú", 300)
ID_ISSUER = TextLimit("person.id_issuer", "nơi cấp", 200)

# A dossier: what the clerk records, what moves it on, who collects the result.
DOSSIER_CODE = TextLimit("dossier.code", "mã hồ sơ", 40, TextKind.CODE)
DOCUMENT_NAME = TextLimit("document.name", "tên giấy tờ", 400)
SUMMARY = TextLimit("dossier.summary", "trích yếu hồ sơ", 1000)
NOTE = TextLimit("dossier.note", "ghi chú", 2000)
REASON = TextLimit("dossier.reason", "lý do", 1000)
RELATION = TextLimit("handover.relation", "quan hệ với người nộp hồ sơ", 200)
FORM_TEXT = TextLimit("form.text", "nội dung", 400)  # a form's text field (its own max_length)
SETS_COUNT = NumberLimit("dossier.sets_count", "số bộ hồ sơ", 1, 20, "bộ")
COPIES = NumberLimit("dossier.copies", "số bản sao", 0, 100, "bản")
PAGES = NumberLimit("dossier.pages", "số trang", 0, 10_000, "trang")
DOCUMENT_COPIES = NumberLimit("document.copies", "số bản giấy tờ", 0, 99, "bản")
ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024  # the province's limit on a file (PROVINCE_API §3)

# Printing and letters.
PRINT_COPIES = NumberLimit("print.copies", "số bản in", 1, 20, "bản")
SIGNER_NAME = TextLimit("letter.signer_name", "họ tên người ký", 100)

# What the province sends back about a dossier (its feed of changes): taken, cut to fit.
PROVINCE_ACTOR = TextLimit("province.actor", "người xử lý ở tỉnh", 200)
PROVINCE_STATUS_TEXT = TextLimit("province.status", "trạng thái từ tỉnh", 20, TextKind.CODE)
PROVINCE_DETAIL_TEXT = TextLimit("province.detail", "dữ liệu từ tỉnh", 500)

# Accounts.
USERNAME = TextLimit("user.username", "tên đăng nhập", 64, TextKind.USERNAME)
USER_FULL_NAME = TextLimit("user.full_name", "họ tên cán bộ", 100)
USER_TITLE = TextLimit("user.title", "chức danh", 200)
PASSWORD_MAX_LENGTH = 1024  # argon2 takes any length; a limit keeps a pasted file out

# The office.
OFFICE_NAME = TextLimit("office.name", "tên cơ quan", 200)
OFFICE_ADDRESS = TextLimit("office.address", "địa chỉ cơ quan", 400)
OFFICE_PHONE = TextLimit("office.phone", "số điện thoại cơ quan", 40)
OFFICE_URL = TextLimit("office.lookup_url", "địa chỉ tra cứu", 400)
OFFICE_HOURS = TextLimit("office.hours", "giờ làm việc", 100)

# The catalogue (desk.domain.catalogue; its file's schema keeps to the same bounds).
PROCEDURE_CODE = TextLimit("procedure.code", "mã thủ tục", 20, TextKind.CODE)
PROCEDURE_NAME = TextLimit("procedure.name", "tên thủ tục", 400)
FIELD_CODE = TextLimit("procedure.field_code", "mã lĩnh vực", 20, TextKind.CODE)
FIELD_NAME = TextLimit("procedure.field_name", "tên lĩnh vực", 200)
LEAD_UNIT = TextLimit("procedure.lead_unit", "đơn vị xử lý", 200)
PROCEDURE_FORM = TextLimit("procedure.form", "mẫu tờ khai", 64, TextKind.CODE)
LEGAL_BASIS = TextLimit("procedure.legal_basis", "căn cứ pháp lý", 1000)
PROCEDURE_NOTES = TextLimit("procedure.notes", "ghi chú thủ tục", 2000)
PROCESSING_FIELD = TextLimit("procedure.processing_field", "trường của tờ khai", 64, TextKind.CODE)
PROCESSING_CASE = TextLimit("procedure.processing_case", "trường hợp", 200)
PROCESSING_DAYS = DaysLimit(
    "procedure.processing_days", "thời hạn giải quyết", Decimal(0), Decimal(120)
)
DOCUMENT_CODE = TextLimit("document.code", "mã giấy tờ", 20, TextKind.CODE)
DOCUMENT_GROUP = TextLimit("document.group", "nhóm giấy tờ thay thế", 64, TextKind.CODE)
DOCUMENT_NOTE = TextLimit("document.note", "ghi chú giấy tờ", 1000)
FEE_NAME = TextLimit("fee.name", "tên phí, lệ phí", 200)
FEE_AMOUNT = NumberLimit("fee.amount", "mức phí, lệ phí", 0, 100_000_000, "đồng")
FEE_EXEMPTION = TextLimit("fee.exemption", "đối tượng miễn phí, lệ phí", 200)
FEE_FIRST_PAGE = NumberLimit("fee.first_page", "trang đầu của bậc phí", 1, PAGES.maximum)
CATALOGUE_FILE_MAX_BYTES = 5 * 1024 * 1024  # the shipped one is 10 kB
CATALOGUE_MAX_DEPTH = 16  # brackets nested in the file; the catalogue itself needs 7

# Days: the holiday calendar, a date typed or scanned, a moment on the command line.
DAY = DateLimit("day", "ngày", date(1900, 1, 1), date(2199, 12, 31))
YEAR = NumberLimit("year", "năm", DAY.earliest.year, DAY.latest.year)
CALENDAR_NAME = TextLimit("calendar.name", "tên ngày nghỉ", 200)

# Looking things up.
SEARCH_TEXT = TextLimit("search.text", "nội dung tìm", 200)

# The command line's own numbers.
LIST_LIMIT = NumberLimit("cli.limit", "số dòng tối đa", 1, 100_000, "dòng")
RECORD_ID = NumberLimit("cli.record_id", "số thứ tự", 1, 2**31 - 1)
STATUS_CODE = NumberLimit("cli.status", "mã trạng thái", 1, 10)  # desk.domain.status.Status
PORT = NumberLimit("cli.port", "cổng", 1, 65_535)
LISTEN_PORT = NumberLimit("cli.listen_port", "cổng", 0, 65_535)  # 0: the system picks one
DEMO_DOSSIERS = NumberLimit("demo.dossiers", "số hồ sơ mẫu", 0, 10_000_000, "hồ sơ")
DEMO_SEED = NumberLimit("demo.seed", "hạt giống ngẫu nhiên", 0, 2**63 - 1)
SIM_BATCH = NumberLimit("sim.max_batch", "số hồ sơ tối đa một lô", 1, 100_000, "hồ sơ")
SIM_EVERY = NumberLimit("sim.throttle", "số lô", 0, 1_000_000, "lô")
SIM_SEED = DEMO_SEED

# Every text declaration (the hypothesis test feeds each arbitrary text), and those of the
# catalogue (its schema is checked against them).
TEXT_LIMITS: tuple[TextLimit, ...] = tuple(
    value for value in list(globals().values()) if isinstance(value, TextLimit)
)
CATALOGUE_TEXT_LIMITS: tuple[TextLimit, ...] = (
    PROCEDURE_CODE, PROCEDURE_NAME, FIELD_CODE, FIELD_NAME, LEAD_UNIT, FEE_NAME, DOCUMENT_NAME,
    DOCUMENT_CODE, DOCUMENT_GROUP, DOCUMENT_NOTE, PROCEDURE_FORM, LEGAL_BASIS, PROCEDURE_NOTES,
    PROCESSING_FIELD, PROCESSING_CASE, FEE_EXEMPTION,
)  # fmt: skip
