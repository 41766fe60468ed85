"""The chip ID card QR code and the 12-digit personal ID number (DOMAIN §7)."""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from datetime import date
from enum import Enum

from desk.domain import limits
from desk.domain.telex import telex_traces
from desk.domain.text import clean, nfc, visible
from desk.errors import InvalidInput
from desk.resources import ID_PROVINCE_CODES_FILE

QR_FIELD_COUNT = 7
OLD_ID_LENGTHS = (9, 12)  # a 9-digit CMND, or on newer cards a 12-digit number (DOMAIN §7)
IME_HINT = (
    "Hãy tắt bộ gõ tiếng Việt (Unikey/EVKey: chuyển sang chế độ gõ tiếng Anh «E») rồi quét lại."
)


class Sex(Enum):
    MALE = "Nam"
    FEMALE = "Nữ"

    @classmethod
    def parse(cls, text: str) -> Sex:
        value = clean(text).lower()
        for sex in cls:
            if value == sex.value.lower():
                return sex
        raise InvalidInput(f"Giới tính «{text}» phải là «Nam» hoặc «Nữ».", code="sex.invalid")


@functools.lru_cache(maxsize=1)
def province_codes() -> dict[str, str]:
    data = json.loads(ID_PROVINCE_CODES_FILE.read_text(encoding="utf-8"))
    return dict(data["codes"])


@dataclass(frozen=True, slots=True)
class IdNumberFacts:
    """What the digits of a 12-digit ID number say about its holder."""

    number: str
    province_code: str
    province_name: str
    sex: Sex
    birth_year: int


@dataclass(frozen=True, slots=True)
class IdWarning:
    """A mismatch the clerk must see; it does not stop the intake."""

    code: str
    message: str


_TWELVE_DIGITS = re.compile("[0-9]{12}")  # compiled once: every person received is parsed


def parse_id_number(text: str, *, today: date | None = None) -> IdNumberFacts:
    """Validate a 12-digit personal ID number and read what its digits encode.

    A birth year after ``today``'s year (default: the machine's date) is an error: no
    one is registered before being born, so the digits were typed or scanned wrong.
    """
    number = clean(text).replace(" ", "")
    if _TWELVE_DIGITS.fullmatch(number) is None:
        raise InvalidInput(
            f"Số định danh cá nhân «{text}» phải gồm đúng 12 chữ số.", code="id_number.format"
        )
    province = number[:3]
    names = province_codes()
    if province not in names:
        raise InvalidInput(
            f"Số định danh «{number}»: mã tỉnh nơi đăng ký khai sinh «{province}» không tồn tại.",
            code="id_number.province",
        )
    century_sex = int(number[3])
    if century_sex > 5:
        raise InvalidInput(
            f"Số định danh «{number}»: chữ số thứ tư (giới tính và thế kỷ sinh) phải từ 0 đến 5.",
            code="id_number.century",
        )
    birth_year = 1900 + 100 * (century_sex // 2) + int(number[4:6])
    this_year = (today or date.today()).year
    if birth_year > this_year:
        raise InvalidInput(
            f"Số định danh «{number}»: chữ số thứ tư «{number[3]}» và năm «{number[4:6]}» "
            f"cho năm sinh {birth_year}, sau năm nay ({this_year}). Số định danh này sai; "
            "hãy đối chiếu lại với thẻ.",
            code="id_number.future_birth_year",
        )
    return IdNumberFacts(
        number=number,
        province_code=province,
        province_name=names[province],
        sex=Sex.MALE if century_sex % 2 == 0 else Sex.FEMALE,
        birth_year=birth_year,
    )


def check_id_number(
    text: str,
    *,
    birth_date: date | None = None,
    sex: Sex | None = None,
    today: date | None = None,
) -> list[IdWarning]:
    """Warnings for an ID number that contradicts the typed date of birth or sex.

    A malformed number (or one born after ``today``) raises ``InvalidInput``; a mismatch
    is a warning because the clerk may have typed the date wrong, and only she can tell
    which is right.
    """
    facts = parse_id_number(text, today=today)
    warnings = []
    if birth_date is not None and birth_date.year != facts.birth_year:
        warnings.append(
            IdWarning(
                "id_number.birth_year_mismatch",
                f"Số định danh cho năm sinh {facts.birth_year}, nhưng ngày sinh đã nhập là "
                f"{birth_date:%d/%m/%Y}.",
            )
        )
    if sex is not None and sex is not facts.sex:
        warnings.append(
            IdWarning(
                "id_number.sex_mismatch",
                f"Số định danh cho giới tính {facts.sex.value}, nhưng đã nhập {sex.value}.",
            )
        )
    return warnings


@dataclass(frozen=True, slots=True)
class IdCard:
    """What the QR code of a chip ID card carries."""

    id_number: str
    old_id_number: str
    full_name: str
    birth_date: date
    sex: Sex
    address: str
    issue_date: date
    warnings: tuple[IdWarning, ...] = ()


def _qr_date(value: str, what: str) -> date:
    if not re.fullmatch(r"[0-9]{8}", value):
        raise InvalidInput(
            f"Mã QR căn cước: {what} «{value}» không đúng dạng ngàythángnăm (ddMMyyyy).",
            code="id_qr.date",
        )
    try:
        return date(int(value[4:]), int(value[2:4]), int(value[:2]))
    except ValueError:
        raise InvalidInput(
            f"Mã QR căn cước: {what} «{value}» không phải ngày có thật.", code="id_qr.date"
        ) from None


def _qr_text(limit: limits.TextLimit, raw: str, code: str) -> str:
    """A text field of the QR code within its declared limit, or a refusal saying to scan
    again."""
    try:
        return limit.check(raw, required=True)
    except InvalidInput as problem:
        raise InvalidInput(f"Mã QR căn cước: {problem.message} Hãy quét lại.", code=code) from None


def _qr_fields(text: str) -> list[str]:
    """The seven fields, or a refusal. One empty field after the seventh (a trailing
    «|») is certainly harmless; any other count may be a format we do not know."""
    fields = [f.strip() for f in text.split("|")]
    if len(fields) == QR_FIELD_COUNT + 1 and not fields[-1]:
        fields.pop()
    if len(fields) != QR_FIELD_COUNT:
        raise InvalidInput(
            f"Mã QR căn cước phải có đúng {QR_FIELD_COUNT} trường ngăn bởi «|», "
            f"nhận được {len(fields)}. Hãy quét lại (tắt bộ gõ tiếng Việt nếu đang bật).",
            code="id_qr.field_count",
        )
    return fields


def parse_id_card_qr(payload: str, *, today: date | None = None) -> IdCard:
    """Parse ``id|old id|name|ddMMyyyy|Nam/Nữ|address|ddMMyyyy`` or refuse it.

    Refuses rather than guesses (DOMAIN §7: fill nothing and tell the clerk why): a
    payload that is not seven fields, has a field that is not what it should be, or
    carries traces of an input method rewriting the scanner's keystrokes is an
    ``InvalidInput`` whose message says what is wrong.
    """
    text = nfc(visible(payload)).strip()
    fields = _qr_fields(text)
    raw_id, raw_old, raw_name, raw_dob, raw_sex, raw_address, raw_issue = fields
    # The text fields first: when an input method rewrote them, say so, not "bad name".
    traces = telex_traces(raw_name) + telex_traces(raw_address)
    if traces:
        words = ", ".join(f"«{w}»" for w in traces[:4])
        raise InvalidInput(
            f"Mã QR căn cước có chữ bị bộ gõ tiếng Việt sửa ({words}): không điền để tránh "
            f"sai thông tin. {IME_HINT}",
            code="id_qr.input_method",
        )
    if not re.fullmatch(r"[0-9]{12}", raw_id):
        raise InvalidInput(
            f"Mã QR căn cước: số định danh «{raw_id}» phải gồm 12 chữ số. Hãy quét lại.",
            code="id_qr.id_number",
        )
    if raw_old and not (raw_old.isascii() and raw_old.isdigit() and len(raw_old) in OLD_ID_LENGTHS):
        raise InvalidInput(
            f"Mã QR căn cước: số CMND/căn cước cũ «{raw_old}» phải gồm 9 hoặc 12 chữ số "
            "(hoặc để trống). Hãy quét lại.",
            code="id_qr.old_id",
        )
    name = _qr_text(limits.PERSON_NAME, raw_name, "id_qr.name")
    birth_date = _qr_date(raw_dob, "ngày sinh")
    issue_date = _qr_date(raw_issue, "ngày cấp")
    try:
        sex = Sex.parse(raw_sex)
    except InvalidInput:
        raise InvalidInput(
            f"Mã QR căn cước: giới tính «{raw_sex}» phải là «Nam» hoặc «Nữ». Có thể bộ gõ "
            f"tiếng Việt đã sửa chữ. {IME_HINT}",
            code="id_qr.sex",
        ) from None
    address = _qr_text(limits.ADDRESS, raw_address, "id_qr.address")
    today = today or date.today()
    if birth_date > today or issue_date > today or issue_date < birth_date:
        raise InvalidInput(
            "Mã QR căn cước: ngày sinh hoặc ngày cấp không hợp lý. Hãy quét lại.",
            code="id_qr.dates",
        )
    facts_warnings = check_id_number(raw_id, birth_date=birth_date, sex=sex, today=today)
    return IdCard(
        id_number=raw_id,
        old_id_number=raw_old,
        full_name=name,
        birth_date=birth_date,
        sex=sex,
        address=address,
        issue_date=issue_date,
        warnings=tuple(facts_warnings),
    )
