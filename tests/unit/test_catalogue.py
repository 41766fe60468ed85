"""The procedure catalogue (DOMAIN §5): the shipped file, export/import, validation."""

from __future__ import annotations

import copy
import json
import unicodedata
from datetime import time
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from desk.domain.calendar import ProcessingTime
from desk.domain.catalogue import (
    Catalogue,
    CopyKind,
    dump_catalogue,
    load_catalogue_file,
    procedure_from_dict,
    processing_label,
)
from desk.errors import CatalogueError, NotFound
from desk.resources import CATALOGUE_FILE

VIETNAMESE_LETTERS = set("ăâđêôơưàáảãạèéẻẽẹìíỉĩịòóỏõọùúủũụỳýỷỹỵ")


def looks_vietnamese(text: str) -> bool:
    return any(ch in VIETNAMESE_LETTERS for ch in text.lower())


@pytest.fixture(scope="module")
def shipped() -> Catalogue:
    return load_catalogue_file(CATALOGUE_FILE)


def minimal(**overrides: Any) -> dict[str, Any]:
    procedure: dict[str, Any] = {
        "code": "1.001193",
        "name": "Đăng ký khai sinh",
        "processing_days": "0",
        "cutoff": "15:00",
        "fee": {"kind": "free"},
        "documents": [{"code": "TK", "name": "Tờ khai"}],
    }
    procedure.update(overrides)
    return procedure


def wrap(*procedures: dict[str, Any]) -> dict[str, Any]:
    return {"format": "commune-desk/catalogue", "version": 1, "procedures": list(procedures)}


# --- the shipped catalogue -----------------------------------------------------------------

# DOMAIN §5: code, processing days, same-day cut-off, extended days when checks are needed.
SEED = {
    "1.001193": ("0", time(15), None),
    "1.000656": ("0", time(15), "3"),
    "1.000894": ("0", time(15), "5"),
    "1.004873": ("3", None, None),
    "1.004884": ("5", None, None),
    "1.004859": ("3", None, None),
    "2.000635": ("0", time(15), None),
    "2.000815": ("0", time(15), "2"),
}


def test_shipped_catalogue_has_the_eight_seed_procedures(shipped: Catalogue) -> None:
    assert len(shipped) == 8
    assert {p.code for p in shipped} == set(SEED)


@pytest.mark.parametrize("code", sorted(SEED))
def test_seed_processing_times(shipped: Catalogue, code: str) -> None:
    days, cutoff, extended = SEED[code]
    procedure = shipped.get(code)
    assert procedure.processing.days == Decimal(days)
    assert procedure.processing.cutoff == cutoff
    if extended is None:
        assert procedure.extended is None
    else:
        assert procedure.extended is not None
        assert procedure.extended.days == Decimal(extended)
    assert procedure.active
    assert procedure.documents, "every procedure lists its documents"
    assert looks_vietnamese(procedure.name)


@pytest.mark.parametrize(
    ("code", "words"),
    [
        ("1.001193", "khai sinh"),
        ("1.000656", "khai tử"),
        ("1.000894", "kết hôn"),
        ("1.004873", "tình trạng hôn nhân"),
        ("1.004884", "đăng ký lại khai sinh"),
        ("1.004859", "cải chính"),
        ("2.000635", "trích lục"),
        ("2.000815", "chứng thực bản sao"),
    ],
)
def test_seed_names(shipped: Catalogue, code: str, words: str) -> None:
    assert words in shipped.get(code).name.lower()


def test_birth_registration_proof_of_birth_alternatives(shipped: Catalogue) -> None:
    # The hospital certificate, or a witness statement, or a written commitment: one group.
    documents = shipped.get("1.001193").documents
    groups: dict[str, list[str]] = {}
    for d in documents:
        if d.group:
            groups.setdefault(d.group, []).append(d.code)
    assert len(groups) == 1
    (alternatives,) = groups.values()
    assert len(alternatives) == 3
    marriage = [d for d in documents if "kết hôn" in d.name]
    assert len(marriage) == 1 and not marriage[0].required  # only if the parents married


def test_slip_labels(shipped: Catalogue) -> None:
    assert shipped.get("1.004873").processing_label == "3 ngày làm việc"
    assert shipped.get("1.004884").processing_label == "5 ngày làm việc"
    assert shipped.get("1.001193").processing_label == (
        "Trong ngày (nhận sau 15 giờ trả ngày làm việc tiếp theo)"
    )


@pytest.mark.parametrize(
    ("processing", "label"),
    [
        (ProcessingTime(Decimal(0)), "Trong ngày"),
        (ProcessingTime(Decimal("0.5")), "0,5 ngày làm việc"),
        (ProcessingTime(Decimal("1.5")), "1,5 ngày làm việc"),
        (ProcessingTime(Decimal("2.0")), "2 ngày làm việc"),
        (ProcessingTime(Decimal("10")), "10 ngày làm việc"),
    ],
)
def test_processing_label(processing: ProcessingTime, label: str) -> None:
    assert processing_label(processing) == label


def test_unknown_procedure(shipped: Catalogue) -> None:
    with pytest.raises(NotFound, match=r"9\.999999"):
        shipped.get("9.999999")


def test_name_folded_for_search(shipped: Catalogue) -> None:
    assert shipped.get("1.001193").name_folded == "dang ky khai sinh"


# --- export → import -----------------------------------------------------------------------


def test_export_import_round_trip(shipped: Catalogue, tmp_path: Path) -> None:
    text = dump_catalogue(shipped)
    assert "Đăng ký khai sinh" in text  # written as UTF-8 text, not \u escapes
    assert Catalogue.from_dict(json.loads(text)) == shipped
    path = tmp_path / "danh-muc.json"
    path.write_text(text, encoding="utf-8")
    again = load_catalogue_file(path)
    assert again == shipped
    assert dump_catalogue(again) == text


def test_round_trip_keeps_half_days_groups_and_notes() -> None:
    source = wrap(
        minimal(
            code="1.000001",
            processing_days="1.5",
            cutoff=None,
            extended_days="2.5",
            notes="Ghi chú",
            active=False,
            documents=[
                {"code": "A", "name": "Giấy A", "copy_kind": "certified", "group": "g"},
                {"code": "B", "name": "Giấy B", "copy_kind": "photo", "group": "g", "note": "n"},
                {"code": "C", "name": "Giấy C", "required": False},
            ],
            fee={
                "kind": "per_page",
                "tiers": [{"first_page": 1, "amount": 2000}, {"first_page": 3, "amount": 1000}],
                "max_per_copy": 200000,
                "verify": True,
            },
        )
    )
    catalogue = Catalogue.from_dict(source)
    procedure = catalogue.get("1.000001")
    assert procedure.processing.days == Decimal("1.5")
    assert procedure.extended == ProcessingTime(Decimal("2.5"))
    assert not procedure.active
    assert [d.copy_kind for d in procedure.documents] == [
        CopyKind.CERTIFIED,
        CopyKind.PHOTO,
        CopyKind.ORIGINAL,
    ]
    assert [d.required for d in procedure.documents] == [True, True, False]
    assert Catalogue.from_dict(json.loads(dump_catalogue(catalogue))) == catalogue


def test_import_cleans_text() -> None:
    name = unicodedata.normalize("NFD", "  Đăng   ký khai sinh ")
    procedure = procedure_from_dict(minimal(name=name))
    assert procedure.name == "Đăng ký khai sinh"
    assert procedure.lead_unit == "UBND xã"


def test_copy_kind_labels() -> None:
    assert [k.label for k in CopyKind] == ["Bản chính", "Bản chứng thực", "Bản photo"]


# --- invalid files -------------------------------------------------------------------------


def expect_error(data: Any) -> CatalogueError:
    with pytest.raises(CatalogueError) as caught:
        Catalogue.from_dict(data)
    error = caught.value
    assert looks_vietnamese(error.message), error.message
    return error


@pytest.mark.parametrize("code", ["", "1001193", "1.00119", "1.0011933", "A.001193", "1,001193"])
def test_bad_procedure_code(code: str) -> None:
    error = expect_error(wrap(minimal(code=code)))
    assert error.code == "catalogue.code"
    assert "mã thủ tục" in error.message


def test_duplicate_procedure_code() -> None:
    error = expect_error(wrap(minimal(), minimal(name="Khai sinh (bản 2)")))
    assert error.code == "catalogue.duplicate"
    assert "1.001193" in error.message
    assert "trùng" in error.message


@pytest.mark.parametrize(
    "data",
    [
        {"format": "something-else", "version": 1, "procedures": []},
        {"version": 1, "procedures": []},
        [],
        "commune-desk/catalogue",
        None,
    ],
)
def test_wrong_format_marker(data: Any) -> None:
    error = expect_error(data)
    assert error.code == "catalogue.format"
    assert "Commune Desk" in error.message


def test_unsupported_version() -> None:
    data = wrap(minimal())
    data["version"] = 2
    assert expect_error(data).code == "catalogue.version"


@pytest.mark.parametrize("content", ["{", "", "not json", '{"format": "commune-desk/catalogue",}'])
def test_bad_json_file(tmp_path: Path, content: str) -> None:
    path = tmp_path / "danh-muc.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CatalogueError) as caught:
        load_catalogue_file(path)
    assert caught.value.code == "catalogue.json"
    assert "không đọc được" in caught.value.message
    assert "danh-muc.json" in caught.value.message


def test_file_that_is_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "danh-muc.json"
    # A file saved in a legacy Windows code page: "Đ" as the single byte 0xD0.
    path.write_bytes(b'{"format": "commune-desk/catalogue", "note": "\xd0\xe3ng k\xfd"}')
    with pytest.raises(CatalogueError) as caught:
        load_catalogue_file(path)
    assert caught.value.code == "catalogue.json"


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(CatalogueError) as caught:
        load_catalogue_file(tmp_path / "khong-co.json")
    assert caught.value.code == "catalogue.missing"
    assert "Không tìm thấy" in caught.value.message


@pytest.mark.parametrize("kind", ["percent", "", "FREE", "per-page"])
def test_unknown_fee_kind(kind: str) -> None:
    error = expect_error(wrap(minimal(fee={"kind": kind})))
    assert error.code == "fee.kind"
    assert "1.001193" in error.message  # the clerk is told which procedure is wrong


@pytest.mark.parametrize(
    "fee",
    [
        {"kind": "flat", "amount": -5000},
        {"kind": "per_copy", "amount": -8000},
        {"kind": "per_page", "tiers": [{"first_page": 1, "amount": -2000}]},
        {
            "kind": "per_page",
            "tiers": [{"first_page": 1, "amount": 2000}, {"first_page": 3, "amount": -1000}],
        },
        {"kind": "per_page", "tiers": [{"first_page": 1, "amount": 2000}], "max_per_copy": -1},
        {"kind": "free", "when_late": {"kind": "flat", "amount": -5000}},
    ],
)
def test_negative_amount(fee: dict[str, Any]) -> None:
    error = expect_error(wrap(minimal(fee=fee)))
    assert error.code == "fee.negative"
    assert "âm" in error.message


@pytest.mark.parametrize(
    "fee",
    [
        {"kind": "flat", "amount": "năm nghìn"},
        {"kind": "per_page", "tiers": [{"amount": 2000}]},
        {"kind": "per_page", "tiers": [{"first_page": 2, "amount": 2000}]},
        {"kind": "per_page", "tiers": []},
        {
            "kind": "per_page",
            "tiers": [{"first_page": 1, "amount": 2000}, {"first_page": 1, "amount": 1000}],
        },
    ],
)
def test_malformed_fee(fee: dict[str, Any]) -> None:
    error = expect_error(wrap(minimal(fee=fee)))
    assert error.code.startswith("fee.")


@pytest.mark.parametrize(
    "changes",
    [
        {"name": ""},
        {"name": "   "},
        {"processing_days": "ba"},
        {"processing_days": "-1"},
        {"processing_days": "1.25"},
        {"extended_days": "0.7"},
        {"cutoff": "15h"},
        {"cutoff": "25:00"},
        {"documents": [{"code": "TK", "name": ""}]},
        {"documents": [{"code": "", "name": "Tờ khai"}]},
        {"documents": [{"code": "TK", "name": "Tờ khai"}, {"code": "TK", "name": "Tờ khai 2"}]},
        {"documents": [{"code": "TK", "name": "Tờ khai", "copy_kind": "scan"}]},
    ],
)
def test_other_invalid_procedures(changes: dict[str, Any]) -> None:
    error = expect_error(wrap(minimal(**changes)))
    assert error.message.startswith("Thủ tục")


def test_one_bad_procedure_refuses_the_whole_file(shipped: Catalogue) -> None:
    data = copy.deepcopy(shipped.to_dict())
    data["procedures"][5]["fee"] = {"kind": "flat", "amount": -1}
    expect_error(data)
