"""Every door checks what comes in: hostile and careless input, field by field, on SQLite
and on PostgreSQL alike.

Each case is a value typed (or scanned, or pasted) into one field, and what the desk must
do with it: refuse it with a Vietnamese message naming the field (``Refused``), or accept it
and store exactly the cleaned value (``Stored``). A refusal writes nothing: the number of
dossiers and the log's head are the same after it. The same cases run on both databases, so
SQLite (which stores anything) and PostgreSQL (which refuses NUL and text beyond a column's
size) cannot disagree. The table is the one in the note of issue 11.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from desk.config import DeskConfig
from desk.domain.calendar import DayKind
from desk.domain.dossier import IntakeRequest, Party, Person, ReceivedDocument
from desk.domain.handover import Handover, Satisfaction
from desk.domain.identity import parse_id_card_qr
from desk.domain.office import Role
from desk.domain.status import Status
from desk.errors import DeskError
from desk.forms import get_form, party_names, validate_values
from desk.forms import validate_person as validate_person_form
from desk.forms.definitions import APPLICANT
from desk.services import auth, demo, dossiers, intake, setup
from desk.services import calendar as calendar_service
from desk.services import handover as handover_service
from desk.services import search as search_service
from desk.services.context import DeskContext
from desk.store import audit as store_audit
from tests.store.conftest import fresh_postgres_database


@dataclass(frozen=True)
class Refused:
    code: str  # the start of the error's code
    says: str = ""  # a piece of the message


@dataclass(frozen=True)
class Stored:
    value: Any


LONG = "Nguyễn " * 1500  # 10,500 characters: the slip could not print it
ANSI = "Nguyễn\x1b[2J\x1b[31m Văn An"
BEL = "Lê\x07 Văn\x08\x08 Bình"
NUL = "Trần\x00 Thị Cúc"
ZERO_WIDTH = "\u200b\u200c\u200d\ufeff"
RLO = "\u202eNguyễn Văn An"
SURROGATE = "Phạm\udcff Văn Đức"
ARABIC = "٠٢٥١٩٠١٢٣٤٥٦"  # 025190123456 in Arabic-Indic digits
DEVANAGARI = "०२५१९०१२३४५६"
FULLWIDTH = "０２５１９０１２３４５６"
DECOMPOSED = "Nguye\u0302\u0303n Thi\u0323 Đa\u0300o"  # as some input methods send it

# (field, value, expected). The field names the door: see ``_apply``.
CASES: list[tuple[str, Any, Refused | Stored]] = [
    # -- the applicant's name
    ("applicant.full_name", "Nguyễn Thị Đào", Stored("Nguyễn Thị Đào")),
    ("applicant.full_name", DECOMPOSED, Stored("Nguyễn Thị Đào")),
    ("applicant.full_name", "  Lê   Văn\tAn  ", Stored("Lê Văn An")),
    ("applicant.full_name", "H'Hen Niê", Stored("H'Hen Niê")),
    ("applicant.full_name", LONG, Refused("person.full_name.too_long", "tối đa 100")),
    ("applicant.full_name", "A" * 101, Refused("person.full_name.too_long")),
    ("applicant.full_name", "A" * 100, Stored("A" * 100)),
    ("applicant.full_name", ANSI, Refused("person.full_name.characters")),
    ("applicant.full_name", BEL, Stored("Lê Văn Bình")),
    ("applicant.full_name", NUL, Stored("Trần Thị Cúc")),
    ("applicant.full_name", ZERO_WIDTH, Refused("person.full_name.required", "Chưa nhập")),
    ("applicant.full_name", RLO, Stored("Nguyễn Văn An")),
    ("applicant.full_name", SURROGATE, Stored("Phạm Văn Đức")),
    ("applicant.full_name", "   ", Refused("person.full_name.required")),
    ("applicant.full_name", "...", Refused("person.full_name.no_letters")),
    ("applicant.full_name", "Nguyễn Văn 2", Refused("person.full_name.characters")),
    ("applicant.full_name", "Robert'); DROP TABLE dossiers;--", Refused("person.full_name")),
    ("applicant.full_name", "<script>alert(1)</script>", Refused("person.full_name")),
    ("applicant.full_name", "%s%n%x", Refused("person.full_name")),
    ("applicant.full_name", "Lê\u2028Văn", Stored("Lê Văn")),
    ("applicant.full_name", "Nguyễn 😀", Refused("person.full_name.characters")),
    ("applicant.full_name", "\u0301\u0301", Refused("person.full_name")),
    # -- the ID numbers
    ("applicant.id_number", "025190123456", Stored("025190123456")),
    ("applicant.id_number", "0251 9012 3456", Stored("025190123456")),
    ("applicant.id_number", ARABIC, Refused("person.id_number.characters")),
    ("applicant.id_number", DEVANAGARI, Refused("person.id_number.characters")),
    ("applicant.id_number", FULLWIDTH, Refused("person.id_number.characters")),
    ("applicant.id_number", "02519012345", Refused("person.id_number.length", "12")),
    ("applicant.id_number", "0251901234567", Refused("person.id_number.too_long")),
    ("applicant.id_number", "9" * 10_000, Refused("person.id_number.too_long")),
    ("applicant.id_number", "02519012345\x00", Refused("person.id_number.length")),
    ("applicant.id_number", "999190123456", Refused("id_number.province")),
    ("applicant.id_number", "025990123456", Refused("id_number.century")),
    ("applicant.id_number", "abcdefghijkl", Refused("person.id_number.characters")),
    ("applicant.id_number", "-25190123456", Refused("person.id_number")),
    ("applicant.old_id_number", "123456789", Stored("123456789")),
    ("applicant.old_id_number", "123456789012", Stored("123456789012")),
    ("applicant.old_id_number", "1234567890", Refused("person.old_id_number.length")),
    ("applicant.old_id_number", "١٢٣٤٥٦٧٨٩", Refused("person.old_id_number.characters")),
    ("applicant.old_id_number", "12345678\u200b9", Stored("123456789")),
    # -- phone and e-mail
    ("applicant.phone", "0912 345 678", Stored("0912345678")),
    ("applicant.phone", "0912.345.678", Stored("0912345678")),
    ("applicant.phone", "+84912345678", Stored("+84912345678")),
    ("applicant.phone", "٠٩١٢٣٤٥٦٧٨", Refused("person.phone.characters")),
    ("applicant.phone", "0912345678" * 1000, Refused("person.phone.too_long")),
    ("applicant.phone", "12345", Refused("person.phone.length")),
    ("applicant.phone", "0912\x1b345678", Stored("0912345678")),
    ("applicant.phone", "gọi sau", Refused("person.phone.characters")),
    ("applicant.email", "an@xa.gov.vn", Stored("an@xa.gov.vn")),
    ("applicant.email", "an@xa", Refused("person.email.characters")),
    ("applicant.email", "a" * 300 + "@x.vn", Refused("person.email.too_long")),
    ("applicant.email", "an @xa.vn", Refused("person.email.characters")),
    ("applicant.email", "an\x00@xa.vn", Stored("an@xa.vn")),
    # -- the address
    ("applicant.address", "Thôn Đông, xã Yên Lạc", Stored("Thôn Đông, xã Yên Lạc")),
    ("applicant.address", "Số 5, ngõ 3/12 đường Lê Lợi", Stored("Số 5, ngõ 3/12 đường Lê Lợi")),
    ("applicant.address", "x" * 10_000, Refused("person.address.too_long", "tối đa 300")),
    ("applicant.address", "x" * 300, Stored("x" * 300)),
    ("applicant.address", "Thôn\x1b[31m Đông", Stored("Thôn[31m Đông")),
    ("applicant.address", "---", Refused("person.address.no_letters")),
    ("applicant.address", "\u202eThôn Đông", Stored("Thôn Đông")),
    ("applicant.address", "'; DROP TABLE people;--", Stored("'; DROP TABLE people;--")),
    ("applicant.address", "Thôn\nĐông", Stored("Thôn Đông")),
    ("applicant.id_issuer", "Cục Cảnh sát QLHC về TTXH", Stored("Cục Cảnh sát QLHC về TTXH")),
    ("applicant.id_issuer", "C" * 201, Refused("person.id_issuer.too_long")),
    # -- another person of the dossier
    ("party.full_name", "Nguyễn Văn Bé", Stored("Nguyễn Văn Bé")),
    ("party.full_name", LONG, Refused("person.full_name.too_long")),
    ("party.full_name", ZERO_WIDTH, Refused("person.full_name.required")),
    ("party.full_name", "\x1b[2J", Refused("person.full_name")),
    ("party.id_number", ARABIC, Refused("person.id_number.characters")),
    ("party.phone", "phone", Refused("person.phone")),
    # -- the dossier's own texts and counts
    ("document.name", "Tờ khai", Stored("Tờ khai")),
    ("document.name", "T" * 401, Refused("document.name.too_long")),
    ("document.name", "\u200b", Refused("document.name.required")),
    ("document.name", "Tờ\x00 khai", Stored("Tờ khai")),
    ("document.originals", 2, Stored(2)),
    ("document.originals", -1, Refused("document.copies.range")),
    ("document.originals", 10**30, Refused("document.copies.range")),
    ("document.originals", 100, Refused("document.copies.range")),
    ("summary", "Đăng ký khai sinh cho cháu An", Stored("Đăng ký khai sinh cho cháu An")),
    ("summary", "S" * 1001, Refused("dossier.summary.too_long")),
    ("summary", "\x1b]0;pwned\x07", Stored("]0;pwned")),
    ("note", "Nộp thay cho mẹ", Stored("Nộp thay cho mẹ")),
    ("note", "Dòng 1\n\n\n\nDòng 2\x00", Stored("Dòng 1 Dòng 2")),
    ("note", "N" * 2001, Refused("dossier.note.too_long")),
    ("note", "!!!", Refused("dossier.note.no_letters")),
    ("sets_count", 1, Stored(1)),
    ("sets_count", 0, Refused("dossier.sets_count.range")),
    ("sets_count", 21, Refused("dossier.sets_count.range")),
    ("sets_count", 10**30, Refused("dossier.sets_count.range")),
    ("sets_count", -(2**63), Refused("dossier.sets_count.range")),
    ("copies", 3, Stored(3)),
    ("copies", 10**30, Refused("dossier.copies.range", "từ 0 đến 100")),
    ("copies", -1, Refused("dossier.copies.range")),
    ("copies", 2**63, Refused("dossier.copies.range")),
    ("pages", 12, Stored(12)),
    ("pages", 10**30, Refused("dossier.pages.range")),
    ("pages", -5, Refused("dossier.pages.range")),
    ("refusal_reason", "Thiếu giấy chứng sinh", Stored("Thiếu giấy chứng sinh")),
    ("refusal_reason", "R" * 1001, Refused("dossier.reason.too_long")),
    ("refusal_reason", "Thiếu\x00 giấy\u202e", Stored("Thiếu giấy")),
    # -- looking up
    ("search", "Nguyễn", Stored(True)),
    ("search", "x" * 10_000, Refused("search.text.too_long")),
    ("search", "\x1b[2J\x1b[0;0H", Stored(True)),
    ("search", "%_%", Refused("search.text.no_letters")),
    ("search", "' OR 1=1 --", Stored(True)),
    ("search", "٠٩١٢٣٤٥٦٧٨", Stored(True)),
    ("dossier.code", "x" * 10_000, Refused("dossier.code.too_long", "tối đa 40")),
    ("dossier.code", "", Refused("dossier.code.required")),
    ("dossier.code", "000.17.22.H56 261122 0001", Refused("dossier.code.characters")),
    ("dossier.code", "'; DROP TABLE dossiers;--", Refused("dossier.code.characters")),
    ("dossier.code", "000.17.22.H56-010101-9999", Refused("dossier.not_found")),
    ("dossier.code", "000.17.22.h56-010101-9999\x00", Refused("dossier.not_found")),
    # -- a result collected by someone else
    ("proxy.name", "Trần Văn Nhận", Stored("Trần Văn Nhận")),
    ("proxy.name", "N" * 5000, Refused("person.full_name.too_long")),
    ("proxy.name", "\u200b", Refused("handover.name")),
    ("proxy.id_number", ARABIC, Refused("person.id_number.characters")),
    ("proxy.id_number", "0251 9012 3456", Stored("025190123456")),
    ("proxy.relation", "R" * 201, Refused("handover.relation.too_long")),
    ("proxy.relation", "Con\x07 trai", Stored("Con trai")),
    # -- accounts
    ("user.username", "canbo9", Stored("canbo9")),
    ("user.username", "CanBo8", Stored("canbo8")),
    ("user.username", "u" * 10_001, Refused("user.username.too_long")),
    ("user.username", "u" * 65, Refused("user.username.too_long")),
    ("user.username", "vũ", Refused("user.username.characters")),
    ("user.username", "can bo", Refused("user.username.characters")),
    ("user.username", "canbo\x00", Stored("canbo")),
    ("user.username", "../../etc", Refused("user.username.characters")),
    ("user.username", "", Refused("user.username.required")),
    ("user.username", "\u200b", Refused("user.username.required")),
    ("user.username", "٣canbo", Refused("user.username.characters")),
    ("user.full_name", "Vũ Thị Hà", Stored("Vũ Thị Hà")),
    ("user.full_name", "   ", Refused("user.full_name.required")),
    ("user.full_name", "\u200b\u200b", Refused("user.full_name.required")),
    ("user.full_name", "H" * 101, Refused("user.full_name.too_long")),
    ("user.full_name", "Vũ\udcff Hà", Stored("Vũ Hà")),
    ("user.full_name", "\x1b[31mVũ Hà", Stored("[31mVũ Hà")),
    ("user.full_name", "***", Refused("user.full_name.no_letters")),
    ("user.title", "Công chức Tư pháp - Hộ tịch", Stored("Công chức Tư pháp - Hộ tịch")),
    ("user.title", "T" * 201, Refused("user.title.too_long")),
    ("user.password", "mat-khau-dai-du", Stored(None)),
    ("user.password", "p" * 1025, Refused("user.password_long")),
    ("user.password", "mat-khau\udcff-du", Refused("user.password_characters")),
    ("user.password", "ngan", Refused("user.password_short")),
    # -- the office
    ("office.agency_name", "UBND XÃ YÊN LẠC", Stored("UBND XÃ YÊN LẠC")),
    ("office.agency_name", "U" * 201, Refused("office.name.too_long")),
    ("office.agency_name", "\u200b", Refused("office.name.required", "tên cơ quan")),
    ("office.place_name", "Yên Lạc\x1b[2J", Stored("Yên Lạc[2J")),
    ("office.address", "Số 1, đường Lê Lợi\x00", Stored("Số 1, đường Lê Lợi")),
    ("office.address", "A" * 401, Refused("office.address.too_long")),
    ("office.phone", "0" * 41, Refused("office.phone.too_long")),
    # -- the holiday calendar
    ("calendar.day", date(2027, 1, 4), Stored(date(2027, 1, 4))),
    ("calendar.day", date(1, 1, 1), Refused("day.range", "01/01/0001")),
    ("calendar.day", date(9999, 12, 31), Refused("day.range")),
    ("calendar.day", date(1899, 12, 31), Refused("day.range")),
    ("calendar.day", date(2200, 1, 1), Refused("day.range")),
    ("calendar.day", date(2199, 12, 31), Stored(date(2199, 12, 31))),
    ("calendar.name", "Nghỉ bù", Stored("Nghỉ bù")),
    ("calendar.name", "N" * 201, Refused("calendar.name.too_long")),
    ("calendar.name", "Nghỉ\x00 bù", Stored("Nghỉ bù")),
]

QR_GOOD = "025190123456|123456789|Nguyễn Văn An|15031990|Nam|Thôn Đông, xã Yên Lạc|01072021"
QR_CASES: list[tuple[str, Refused | Stored]] = [
    (QR_GOOD, Stored("Nguyễn Văn An")),
    (QR_GOOD.replace("Thôn Đông, xã Yên Lạc", "x" * 10_000), Refused("id_qr.address", "tối đa")),
    (QR_GOOD.replace("Nguyễn Văn An", "N" * 5000), Refused("id_qr.name", "tối đa")),
    (QR_GOOD.replace("025190123456", ARABIC), Refused("id_qr.id_number")),
    (QR_GOOD.replace("123456789", "١٢٣٤٥٦٧٨٩"), Refused("id_qr.old_id")),
    (QR_GOOD.replace("Nguyễn Văn An", "\x1b[2J"), Refused("id_qr.name")),
    (QR_GOOD.replace("Nguyễn Văn An", "\u202eNguyễn Văn An"), Stored("Nguyễn Văn An")),
    (QR_GOOD.replace("15031990", "١٥٠٣١٩٩٠"), Refused("id_qr.date")),
    (QR_GOOD.replace("Thôn Đông, xã Yên Lạc", "\u200b"), Refused("id_qr.address")),
    ("|" * 10_000, Refused("id_qr.field_count")),
    (QR_GOOD + "\x00", Stored("Nguyễn Văn An")),
]


# --- the offices: one per database for the whole module --------------------------------


def _office(url: str, directory: Path) -> DeskContext:
    ctx = DeskContext.open(DeskConfig(data_dir=directory, database_url=url))
    demo.ensure_demo_office(ctx)
    ctx.act_as(demo.demo_account(ctx, "quantri"))
    return ctx


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def office(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[DeskContext]:
    directory = tmp_path_factory.mktemp(f"hostile-{request.param}")
    if request.param == "sqlite":
        ctx = _office(f"sqlite:///{directory / 'office.sqlite'}", directory)
        yield ctx
        ctx.close()
        return
    with fresh_postgres_database() as url:
        ctx = _office(url.render_as_string(hide_password=False), directory)
        yield ctx
        ctx.close()


def _footprint(ctx: DeskContext) -> tuple[int, int, int]:
    """What a refusal must leave as it was: dossiers, accounts and the log's head."""
    with ctx.db.read() as session:
        dossiers_count = session.execute(text("SELECT count(*) FROM dossiers")).scalar_one()
        users = session.execute(text("SELECT count(*) FROM users")).scalar_one()
        head = store_audit.head(session)
    return dossiers_count, users, head[0] if head else 0


# --- the doors ---------------------------------------------------------------------------

_counter = iter(range(10_000))


def _request(**changes: Any) -> IntakeRequest:
    applicant: dict[str, Any] = {
        "full_name": "Lê Thị Hoa",
        "id_number": "025190123456",
        "phone": "0912345678",
        "address": "Thôn Đông, xã Yên Lạc",
    }
    party: dict[str, Any] = {"full_name": "Lê Văn Bé"}
    request: dict[str, Any] = {"documents": [ReceivedDocument("Tờ khai", code="TK", originals=1)]}
    for key, value in changes.items():
        where, _, attribute = key.partition(".")
        if where == "applicant":
            applicant[attribute] = value
        elif where == "party":
            party[attribute] = value
        elif where == "document":
            document: dict[str, Any] = {"name": "Tờ khai", "code": "TK", "originals": 1}
            request["documents"] = [ReceivedDocument(**{**document, attribute: value})]
        else:
            request[key] = value
    return IntakeRequest(
        procedure_code="1.004873",
        applicant=Person(**applicant),
        parties=[Party("child", Person(**party))],
        **request,
    )


def _stored_of_dossier(ctx: DeskContext, field: str, value: Any) -> Any:
    clerk = demo.demo_clerks(ctx)[0]
    received = intake.receive_dossier(ctx, _request(**{field: value}), clerk)
    stored = dossiers.get_dossier(ctx, str(received.code))  # read back from the database
    where, _, attribute = field.partition(".")
    if where == "applicant":
        return getattr(stored.applicant, attribute)
    if where == "party":
        return getattr(stored.parties[0].person, attribute)
    if where == "document":
        return getattr(stored.documents[0], attribute)
    if field in ("sets_count", "summary", "note"):
        return getattr(stored, field)
    return getattr(received, field, None) if hasattr(received, field) else value


def _prepare(ctx: DeskContext, field: str) -> str:
    """What a door needs before the value comes: a result ready to collect (its code)."""
    if not field.startswith("proxy."):
        return ""
    clerk = demo.demo_clerks(ctx)[0]
    received = intake.receive_dossier(ctx, _request(), clerk)
    for status in (Status.PROCESSING, Status.RESULT_READY):
        dossiers.change_status(ctx, str(received.code), status, clerk)
    return str(received.code)


def _apply(ctx: DeskContext, field: str, value: Any, ready_code: str = "") -> Any:
    """Put ``value`` through the door ``field`` names; what the desk then holds."""
    number = next(_counter)
    if field.startswith(("applicant.", "party.", "document.")) or field in (
        "summary",
        "note",
        "sets_count",
    ):
        return _stored_of_dossier(ctx, field, value)
    if field == "refusal_reason":
        clerk = demo.demo_clerks(ctx)[0]
        refused = intake.receive_dossier(ctx, _request(), clerk, refusal_reason=value)
        return dossiers.get_dossier(ctx, str(refused.code)).events[0].note
    if field == "dossier.code":
        return str(dossiers.get_dossier(ctx, value).code)
    if field == "search":
        return isinstance(search_service.search(ctx, value), list)
    if field.startswith("proxy."):
        clerk = demo.demo_clerks(ctx)[0]
        code = ready_code
        proxy = {"name": "Trần Văn Nhận", "id_number": "025190123456", "relation": "Con"}
        proxy[field.partition(".")[2]] = value
        handover = Handover(Satisfaction.SATISFIED, by_proxy=True, **proxy)
        handover_service.hand_back(ctx, code, handover, clerk)
        kept = dossiers.get_dossier(ctx, code)
        return kept.form_data["handover"][field.partition(".")[2]]
    if field in ("copies", "pages"):
        clerk = demo.demo_clerks(ctx)[0]
        received = intake.receive_dossier(ctx, _request(**{field: value}), clerk)
        return value if received.code else None
    if field.startswith("user."):
        attribute = field.partition(".")[2]
        account = {
            "username": f"hostile{number}",
            "full_name": "Vũ Thị Hà",
            "title": "",
            "password": "mat-khau-dai-du",
        }
        account[attribute] = value
        user = auth.create_user(
            ctx,
            account["username"],
            account["full_name"],
            Role.CLERK,
            account["password"],
            title=account["title"],
        )
        return None if attribute == "password" else getattr(user, attribute)
    if field.startswith("office."):
        attribute = field.partition(".")[2]
        setup.save_office(ctx, replace(ctx.office, **{attribute: value}))
        return getattr(ctx.office, attribute)
    if field == "calendar.day":
        return calendar_service.put_override(ctx, value, DayKind.OFF, "Nghỉ bù").day
    if field == "calendar.name":
        day = date(2030, 1, 7) + (date(2030, 1, 14) - date(2030, 1, 7)) * number
        return calendar_service.put_override(ctx, day, DayKind.OFF, value).name
    raise AssertionError(f"no door named {field}")


def _ids(cases: list[tuple[str, Any, Refused | Stored]]) -> list[str]:
    def shown(value: Any) -> str:
        text_value = ascii(value)
        return text_value if len(text_value) <= 30 else text_value[:27] + "…"

    return [f"{field}={shown(value)}" for field, value, _ in cases]


@pytest.mark.parametrize(("field", "value", "expected"), CASES, ids=_ids(CASES))
def test_every_field_refuses_or_stores_the_clean_value_on_both_databases(
    office: DeskContext, field: str, value: Any, expected: Refused | Stored
) -> None:
    ready_code = _prepare(office, field)
    before = _footprint(office)
    if isinstance(expected, Refused):
        with pytest.raises(DeskError) as refused:
            _apply(office, field, value, ready_code)
        error = refused.value
        assert error.code.startswith(expected.code), (error.code, error.message)
        assert expected.says in error.message
        assert error.message.isprintable() and len(error.message) < 300
        assert _footprint(office) == before, "a refusal wrote something"
    else:
        assert _apply(office, field, value, ready_code) == expected.value


@pytest.mark.parametrize(
    ("payload", "expected"), QR_CASES, ids=[ascii(p)[:30] for p, _ in QR_CASES]
)
def test_the_id_card_qr_code_is_read_within_the_same_limits(
    payload: str, expected: Refused | Stored
) -> None:
    today = date(2026, 11, 30)
    if isinstance(expected, Refused):
        with pytest.raises(DeskError) as refused:
            parse_id_card_qr(payload, today=today)
        assert refused.value.code.startswith(expected.code), refused.value.message
        assert expected.says in refused.value.message
        assert len(refused.value.message) < 400
    else:
        assert parse_id_card_qr(payload, today=today).full_name == expected.value


PERSON_FIELDS = sorted(
    {
        (field.partition(".")[2], value)
        for field, value, expected in CASES
        if field.startswith("applicant.")
        and isinstance(expected, Refused)
        and expected.code.startswith("person.")
        and not expected.code.endswith(".required")
        and APPLICANT.part(field.partition(".")[2]) is not None
    },
    key=repr,
)


@pytest.mark.parametrize(("attribute", "value"), PERSON_FIELDS, ids=ascii)
def test_the_window_shows_the_message_the_services_give(attribute: str, value: str) -> None:
    """The intake screen checks the applicant with the form's validation; the services
    (and so the command line) with the domain's. Both ask the same declaration, so a bad
    value gets the same words in both."""
    applicant = {"full_name": "Lê Thị Hoa", attribute: value}
    screen = [p for p in validate_person_form(APPLICANT, applicant) if p.is_error]
    with pytest.raises(DeskError) as service:
        kwargs: dict[str, Any] = {"full_name": "Lê Thị Hoa", attribute: value}
        intake.validate_request(IntakeRequest("1.004873", Person(**kwargs)))
    assert [p.message for p in screen if p.key == f"applicant.{attribute}"] == [
        service.value.message
    ]


@pytest.mark.parametrize(
    ("attribute", "value"),
    [("full_name", "N" * 500), ("full_name", "Nguyễn 2"), ("id_number", ARABIC)],
    ids=ascii,
)
def test_another_persons_field_gets_the_same_words_in_the_window_and_the_services(
    attribute: str, value: str
) -> None:
    """The mother of a birth registration: the form's message under her field, and the
    service's (the command line's) for the same party, name her the same way."""
    form = get_form("birth_registration")
    mother: dict[str, Any] = {"full_name": "Phạm Thị Mai", attribute: value}
    screen = [
        p.message
        for p in validate_values(form, {"mother": mother}, today=date(2026, 11, 30))
        if p.key == f"mother.{attribute}" and p.is_error
    ]
    with pytest.raises(DeskError) as service:
        intake.validate_request(
            IntakeRequest(
                "1.001193", Person("Lê Văn Tám"), parties=[Party("mother", Person(**mother))]
            ),
            party_names(),
        )
    assert screen == [service.value.message]
    assert "của người mẹ" in service.value.message


def test_every_declared_text_fits_its_column() -> None:
    """What a declaration accepts, PostgreSQL stores: no limit is longer than its column."""
    from desk.domain import limits
    from desk.store import models

    columns = {
        "person.full_name": models.PersonRow.__table__.c.full_name,
        "person.id_number": models.PersonRow.__table__.c.id_number,
        "person.old_id_number": models.PersonRow.__table__.c.old_id_number,
        "person.phone": models.PersonRow.__table__.c.phone,
        "person.email": models.PersonRow.__table__.c.email,
        "person.id_issuer": models.PersonRow.__table__.c.id_issuer,
        "user.username": models.UserRow.__table__.c.username,
        "user.full_name": models.UserRow.__table__.c.full_name,
        "user.title": models.UserRow.__table__.c.title,
        "office.address": models.OfficeRow.__table__.c.address,
        "office.phone": models.OfficeRow.__table__.c.phone,
        "office.lookup_url": models.OfficeRow.__table__.c.lookup_url,
        "office.hours": models.OfficeRow.__table__.c.office_hours,
        "province.actor": models.StatusEventRow.__table__.c.actor_name,
        "procedure.code": models.ProcedureRow.__table__.c.code,
        "procedure.name": models.ProcedureRow.__table__.c.name,
        "procedure.field_code": models.ProcedureRow.__table__.c.field_code,
        "procedure.field_name": models.ProcedureRow.__table__.c.field_name,
    }
    declared = {limit.name: limit for limit in limits.TEXT_LIMITS}
    for name, column in columns.items():
        length = getattr(column.type, "length", None)
        assert length is None or declared[name].max_length <= length, (name, length)
