"""The catalogue file against its schema (resources/catalogue/procedures.schema.json) and
the field limits (issue 11, finding 4): every wrong file is a CatalogueError naming the
procedure and the field, never a crash; the schema's bounds are those of desk.domain.limits;
an import that leaves a procedure out withdraws it and its dossiers still print."""

from __future__ import annotations

import copy
import io
import json
import os
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from pypdf import PdfReader

from desk.domain import limits
from desk.domain.calendar import OFFICE_TZ
from desk.domain.catalogue import Catalogue, procedure_from_dict
from desk.domain.catalogue_file import (
    MAX_PROBLEMS_SHOWN,
    SCHEMA_FILE,
    catalogue_from_data,
    catalogue_schema,
    check_catalogue_data,
    load_catalogue_file,
    read_catalogue_file,
)
from desk.domain.dossier import IntakeRequest, Person, ReceivedDocument
from desk.errors import CatalogueError
from desk.resources import CATALOGUE_FILE
from desk.services import catalogue as catalogue_service
from desk.services import demo, intake
from desk.services.context import DeskContext
from desk.services.printing import render_dossier_form
from tests.store.conftest import any_db_url, open_office, postgres_url  # noqa: F401

SHIPPED: dict[str, Any] = json.loads(CATALOGUE_FILE.read_text(encoding="utf-8"))


def shipped() -> dict[str, Any]:
    return copy.deepcopy(SHIPPED)


def refused(data: Any) -> CatalogueError:
    with pytest.raises(CatalogueError) as caught:
        catalogue_from_data(data)
    return caught.value


# --- the schema is data, and says what the limits say -------------------------------------


def test_the_schema_is_a_valid_draft_2020_12_schema() -> None:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)


def test_the_shipped_catalogue_validates() -> None:
    assert list(Draft202012Validator(catalogue_schema()).iter_errors(SHIPPED)) == []
    check_catalogue_data(SHIPPED)
    assert len(load_catalogue_file(CATALOGUE_FILE)) == len(SHIPPED["procedures"])


# Every length and range of the schema, by where it is, and the declaration it must equal.
DAYS_PLACES = (
    "procedure/processing_days",
    "procedure/extended_days",
    "procedure/processing_by/times/*/processing_days",
    "procedure/step_days/transfer",
    "procedure/step_days/process",
)
TEXT_PLACES: dict[str, limits.TextLimit] = {
    "procedure/code": limits.PROCEDURE_CODE,
    "procedure/name": limits.PROCEDURE_NAME,
    "procedure/field_code": limits.FIELD_CODE,
    "procedure/field_name": limits.FIELD_NAME,
    "procedure/lead_unit": limits.LEAD_UNIT,
    "procedure/form": limits.PROCEDURE_FORM,
    "procedure/legal_basis": limits.LEGAL_BASIS,
    "procedure/notes": limits.PROCEDURE_NOTES,
    "procedure/processing_by/field": limits.PROCESSING_FIELD,
    "procedure/processing_by/times/propertyNames": limits.PROCESSING_CASE,
    "procedure/coordinating_units/*": limits.LEAD_UNIT,
    "fee/name": limits.FEE_NAME,
    "fee/exemptions/*": limits.FEE_EXEMPTION,
    "document/code": limits.DOCUMENT_CODE,
    "document/name": limits.DOCUMENT_NAME,
    "document/group": limits.DOCUMENT_GROUP,
    "document/note": limits.DOCUMENT_NOTE,
}
NUMBER_PLACES: dict[str, limits.NumberLimit] = {
    "fee/amount": limits.FEE_AMOUNT,
    "fee/max_per_copy": limits.FEE_AMOUNT,
    "fee/tiers/*/amount": limits.FEE_AMOUNT,
    "fee/tiers/*/first_page": limits.FEE_FIRST_PAGE,
}


def bounded_places(node: Any, place: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every subschema with a length or a range, named by its place: a definition's name,
    then property names ("*" for items and any property)."""
    if not isinstance(node, dict):
        return
    if {"maxLength", "maximum"} & set(node) and place:
        yield place, node
    for key, child in node.get("properties", {}).items():
        yield from bounded_places(child, f"{place}/{key}".lstrip("/"))
    for key in ("items", "additionalProperties"):
        if isinstance(node.get(key), dict):
            yield from bounded_places(node[key], f"{place}/*")
    if isinstance(node.get("propertyNames"), dict):
        yield from bounded_places(node["propertyNames"], f"{place}/propertyNames")
    for name, child in node.get("$defs", {}).items():
        yield from bounded_places(child, name)


def test_every_bound_of_the_schema_is_the_one_its_limit_declares() -> None:
    places = dict(bounded_places(catalogue_schema()))
    places.pop("notes")  # the file's own remark: read by people, never loaded
    assert set(places) == set(TEXT_PLACES) | set(NUMBER_PLACES) | set(DAYS_PLACES)
    for place, limit in TEXT_PLACES.items():
        assert places[place]["maxLength"] == limit.max_length, place
    for place, number in NUMBER_PLACES.items():
        assert (places[place]["minimum"], places[place]["maximum"]) == (
            number.minimum,
            number.maximum,
        ), place
    for place in DAYS_PLACES:
        days = places[place]
        assert (days["minimum"], days["maximum"]) == (
            limits.PROCESSING_DAYS.minimum,
            limits.PROCESSING_DAYS.maximum,
        ), place
        assert days["multipleOf"] == 0.5, place  # halves of a day, as ProcessingTime takes


def test_the_schema_refuses_a_typo_in_every_object_the_loader_reads() -> None:
    """additionalProperties: false wherever a misspelt key would be silently ignored."""

    def objects(node: Any, place: str) -> Iterator[tuple[str, dict[str, Any]]]:
        if isinstance(node, dict):
            if "properties" in node:
                yield place, node
            for key, child in node.items():
                yield from objects(child, f"{place}/{key}")
        elif isinstance(node, list):
            for child in node:
                yield from objects(child, place)

    for place, node in objects(catalogue_schema(), ""):
        if place.endswith("/if") or "/if/" in place:
            continue  # a condition's own properties, not an object of the file
        assert node.get("additionalProperties") is False, place


# --- wrong content: a message naming the procedure and the field ------------------------


def mutate(change: Callable[[dict[str, Any]], Any]) -> dict[str, Any]:
    data = shipped()
    change(data)
    return data


def first(data: dict[str, Any]) -> dict[str, Any]:
    procedure: dict[str, Any] = data["procedures"][0]
    return procedure


WRONG_CONTENT: list[tuple[str, Callable[[dict[str, Any]], Any], str]] = [
    ("procedures is text", lambda d: d.update(procedures="abc"), "mục procedures"),
    ("a null procedure", lambda d: d.update(procedures=[None]), "Thủ tục thứ 1:"),
    (
        "a number as a document",
        lambda d: first(d).update(documents=[1]),
        "Thủ tục 1.001193 (thứ 1), mục documents[1]",
    ),
    ("fee as text", lambda d: first(d).update(fee="flat"), "Thủ tục 1.001193 (thứ 1), mục fee"),
    (
        "NaN days",
        lambda d: first(d).update(processing_days="NaN"),
        "Thủ tục 1.001193 (thứ 1), mục processing_days",
    ),
    (
        "a fee of 10^400",
        lambda d: d["procedures"][3]["fee"].update(amount=10**400),
        "Thủ tục 1.004873 (thứ 4), mục fee.amount (mức phí, lệ phí): phải từ 0 đến "
        "100.000.000 đồng",
    ),
    (
        "active in quotes",
        lambda d: first(d).update(active="false"),
        "Thủ tục 1.001193 (thứ 1), mục active",
    ),
    (
        "a million days",
        lambda d: first(d).update(processing_days=1_000_000),
        "mục processing_days (thời hạn giải quyết): phải từ 0 đến 120 ngày",
    ),
    (
        "999 days as text",
        lambda d: first(d).update(processing_days="999"),
        "mục processing_days: thời hạn giải quyết phải từ 0 đến 120 ngày",
    ),
    (
        "a misspelt key",
        lambda d: first(d)["documents"][0].update(copykind="photo"),
        "mục documents[1].copykind: không có trong định dạng",
    ),
    (
        "a name of 10,000 letters",
        lambda d: first(d).update(name="a" * 10_000),
        "mục name (tên thủ tục): dài 10.000 ký tự; tối đa 400",
    ),
    ("no code", lambda d: d["procedures"][1].pop("code"), "Thủ tục thứ 2, mục code"),
    (
        "an unknown fee kind",
        lambda d: first(d)["fee"].update(kind="percent"),
        "mục fee.kind (loại phí): phải là một trong: free, flat, per_copy, per_page",
    ),
    (
        "a flat fee without amount",
        lambda d: d["procedures"][3]["fee"].pop("amount"),
        "Thủ tục 1.004873 (thứ 4), mục fee.amount",
    ),
    (
        "a document required in quotes",
        lambda d: first(d)["documents"][0].update(required="no"),
        "mục documents[1].required",
    ),
    (
        "a cutoff of 25:00",
        lambda d: first(d).update(cutoff="25:00"),
        "Thủ tục 1.001193 (thứ 1), mục cutoff",
    ),
    (
        "a control character in the code",
        lambda d: first(d).update(code="1.00119\x1b"),
        "Thủ tục 1.00119 (thứ 1), mục code",  # cleaned where it names the procedure
    ),
]


@pytest.mark.parametrize(
    ("change", "named"), [case[1:] for case in WRONG_CONTENT], ids=[c[0] for c in WRONG_CONTENT]
)
def test_wrong_content_is_refused_naming_the_procedure_and_the_field(
    change: Callable[[dict[str, Any]], Any], named: str
) -> None:
    error = refused(mutate(change))
    assert named in error.message
    assert "\x1b" not in error.message  # the terminal receives it escaped


def test_an_empty_catalogue_is_refused() -> None:
    error = refused(mutate(lambda d: d.update(procedures=[])))
    assert error.code == "catalogue.empty"
    assert "không có thủ tục nào" in error.message


def test_at_most_ten_problems_are_shown_and_how_many_more() -> None:
    def everywhere(data: dict[str, Any]) -> None:
        for procedure in data["procedures"]:
            procedure["active"] = "yes"
            procedure["processing_days"] = -1

    error = refused(mutate(everywhere))
    lines = error.message.splitlines()
    assert lines[0] == "Tệp danh mục có 16 lỗi, chưa nhập gì:"
    assert len(lines) == 1 + MAX_PROBLEMS_SHOWN + 1
    assert lines[-1].strip() == "… và 6 lỗi khác."
    assert "Thủ tục 1.001193 (thứ 1), mục active" in lines[1]


@pytest.mark.parametrize(
    ("field", "value", "named"),
    [
        ("fee", {"kind": "flat", "amount": 10**400}, "mục fee.amount"),
        ("fee", {"kind": "free", "when_late": "x"}, "mục fee"),
        ("active", "false", "mục active"),
        ("processing_days", 1_000_000, "mục processing_days"),
        ("processing_days", float("nan"), "mục processing_days"),
        ("name", "x" * 401, "mục name"),
        ("documents", [None], "mục documents[1]"),
        ("documents", "TK", "mục documents"),
        ("step_days", {"transfer": "200"}, "mục step_days.transfer"),
        ("coordinating_units", ["x" * 201], "mục coordinating_units[1]"),
    ],
)
def test_the_domain_loader_applies_the_limits_without_the_schema(
    field: str, value: Any, named: str
) -> None:
    """A procedure read from the database or built in code goes through the same limits."""
    data = first(shipped()) | {field: value}
    with pytest.raises(CatalogueError) as caught:
        procedure_from_dict(data, 1)
    assert caught.value.message.startswith("Thủ tục 1.001193 (thứ 1), ")
    assert named in caught.value.message


# --- wrong files ---------------------------------------------------------------------------


def write(tmp_path: Path, content: str | bytes) -> Path:
    path = tmp_path / "danh-muc.json"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("content", "code", "said"),
    [
        ("[" * 200_000 + "]" * 200_000, "catalogue.depth", "lồng nhau quá sâu"),
        ('{"a": ' * 50_000 + "1" + "}" * 50_000, "catalogue.depth", "lồng nhau quá sâu"),
        (b'{"format": "commune-desk/catalogue", "x": "\xd0\xe3ng"}', "catalogue.json", "UTF-8"),
        (
            '{\n  "format": "commune-desk/catalogue",\n  "version": 1,,\n}',
            "catalogue.json",
            "dòng 3",
        ),
        ('{"procedures": [NaN]}', "catalogue.json", "«NaN» không phải là số"),
        ('{"procedures": [1e400]}', "catalogue.json", "quá lớn"),
        ('{"procedures": [' + "9" * 5000 + "]}", "catalogue.json", "số quá dài"),
        ('{"format": 1, "format": 2}', "catalogue.json", "ghi hai lần"),
    ],
    ids=["brackets", "objects", "not-utf8", "comma", "nan", "1e400", "long-int", "twice"],
)
def test_a_file_that_cannot_be_read_says_why(
    tmp_path: Path, content: str | bytes, code: str, said: str
) -> None:
    path = write(tmp_path, content)
    with pytest.raises(CatalogueError) as caught:
        load_catalogue_file(path)
    assert caught.value.code == code
    assert said in caught.value.message
    assert "danh-muc.json" in caught.value.message


def test_a_folder_is_not_a_catalogue_file(tmp_path: Path) -> None:
    with pytest.raises(CatalogueError) as caught:
        read_catalogue_file(tmp_path)
    assert caught.value.code == "catalogue.directory"
    assert "là một thư mục" in caught.value.message


def test_a_file_over_5_mb_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "lon.json"
    with path.open("wb") as handle:  # sparse: no 5 MB written
        handle.truncate(limits.CATALOGUE_FILE_MAX_BYTES + 1)
    with pytest.raises(CatalogueError) as caught:
        read_catalogue_file(path)
    assert caught.value.code == "catalogue.too_big"
    assert "tối đa 5 MB" in caught.value.message


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe.json"
    os.mkfifo(pipe)
    with pytest.raises(CatalogueError) as caught:
        read_catalogue_file(pipe)
    assert caught.value.code == "catalogue.not_a_file"


def test_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    path = write(tmp_path, b"\xef\xbb\xbf" + CATALOGUE_FILE.read_bytes())
    assert len(load_catalogue_file(path)) == len(SHIPPED["procedures"])


# --- the import: refused whole, or withdrawing what it leaves out ---------------------------

MONDAY_9 = datetime(2026, 11, 16, 9, 0, tzinfo=OFFICE_TZ)
MARITAL_STATUS = "1.004873"


@pytest.fixture
def office(any_db_url: str, tmp_path: Path) -> Iterator[DeskContext]:  # noqa: F811
    ctx = open_office(any_db_url, tmp_path / "office")
    yield ctx
    ctx.close()


def stored(ctx: DeskContext) -> list[tuple[str, bool, dict[str, Any]]]:
    return [(p.code, p.active, p.to_dict()) for p in catalogue_service.full_catalogue(ctx)]


def test_an_empty_catalogue_changes_nothing(office: DeskContext) -> None:
    before = stored(office)
    with pytest.raises(CatalogueError) as caught:
        catalogue_service.import_catalogue(office, Catalogue(()))
    assert caught.value.code == "catalogue.empty"
    assert stored(office) == before


def test_a_catalogue_offering_nothing_changes_nothing(office: DeskContext) -> None:
    before = stored(office)
    data = shipped()
    for procedure in data["procedures"]:
        procedure["active"] = False
    with pytest.raises(CatalogueError) as caught:
        catalogue_service.import_catalogue(office, catalogue_from_data(data))
    assert caught.value.code == "catalogue.none_active"
    assert stored(office) == before


def text_of(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def test_a_withdrawn_procedure_keeps_its_dossiers_and_their_slips_print(
    office: DeskContext,
) -> None:
    request = IntakeRequest(
        procedure_code=MARITAL_STATUS,
        applicant=Person("Đặng Thị Đào", id_number="025190123456", address="Thôn Đông"),
        documents=[ReceivedDocument("Tờ khai", code="TK", originals=1)],
    )
    clerk = demo.demo_clerks(office)[0]
    code = str(intake.receive_dossier(office, request, clerk, at=MONDAY_9).code)
    data = shipped()
    data["procedures"] = [p for p in data["procedures"] if p["code"] != MARITAL_STATUS]

    result = catalogue_service.import_catalogue(office, catalogue_from_data(data))

    assert result.withdrawn == (MARITAL_STATUS,)
    assert result.withdrawn_in_use == {MARITAL_STATUS: 1}
    assert (result.added, result.changed) == ((), ())
    assert "ngừng áp dụng 1" in result.summary()
    assert MARITAL_STATUS not in {p.code for p in office.catalogue()}  # no longer offered
    kept = {p.code: p.active for p in catalogue_service.full_catalogue(office)}
    assert kept[MARITAL_STATUS] is False  # withdrawn, never removed
    slip = text_of(render_dossier_form(office, "slip", code))
    assert code in slip and "Đặng Thị Đào" in slip
    assert "xác nhận tình trạng hôn nhân" in slip.lower()
    assert code in text_of(render_dossier_form(office, "control", code))


def test_export_then_import_changes_nothing(office: DeskContext, tmp_path: Path) -> None:
    out = tmp_path / "danh-muc.json"
    count, warnings = catalogue_service.export_catalogue(office, out)
    assert (count, warnings) == (len(SHIPPED["procedures"]), [])
    before = stored(office)
    result = catalogue_service.import_catalogue(office, load_catalogue_file(out))
    assert (result.added, result.changed, result.withdrawn) == ((), (), ())
    assert stored(office) == before
