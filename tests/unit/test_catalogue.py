"""The procedure catalogue (DOMAIN §5): the shipped file, export/import, validation."""

from __future__ import annotations

import copy
import json
import unicodedata
from datetime import datetime, time
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from desk.cli import main
from desk.domain.calendar import ProcessingTime
from desk.domain.catalogue import (
    Catalogue,
    CopyKind,
    dump_catalogue,
    procedure_from_dict,
    processing_label,
)
from desk.domain.catalogue_file import catalogue_from_data, load_catalogue_file
from desk.domain.intake import processing_for
from desk.errors import CatalogueError, NotFound
from desk.resources import CATALOGUE_FILE
from desk.services.context import DeskContext

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

# DOMAIN §5–6: code, processing days, same-day cut-off, the time when checks are needed
# ("+N": N working days added to the normal time; "N": N days instead of it).
SEED = {
    "1.001193": ("0", time(15), None),
    "1.000656": ("0", time(15), "3"),
    "1.000894": ("0", time(15), "5"),
    "1.004873": ("3", None, None),
    "1.004884": ("5", None, "+5"),
    "1.004859": ("3", None, "+3"),
    "2.000635": ("0", time(15), None),
    "2.000815": ("0", time(15), "+2"),
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
    elif extended.startswith("+"):
        assert procedure.extended == ProcessingTime(
            Decimal(days), cutoff, added_days=Decimal(extended[1:])
        )
    else:
        assert procedure.extended == ProcessingTime(Decimal(extended))
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
    assert catalogue_from_data(json.loads(text)) == shipped
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
    catalogue = catalogue_from_data(source)
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
    assert catalogue_from_data(json.loads(dump_catalogue(catalogue))) == catalogue


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
        catalogue_from_data(data)
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


# --- issue 9: the catalogue by law ---------------------------------------------------------

CORRECTION = "1.004859"
REREGISTRATION = "1.004884"
HOUSEHOLD_EXEMPTIONS = ("Hộ nghèo", "Người khuyết tật", "Gia đình có công với cách mạng")


@pytest.mark.parametrize(
    ("form_data", "days", "cutoff"),
    [
        ({"change_kind": "Bổ sung"}, "0", time(15)),
        ({"change_kind": "Thay đổi"}, "3", None),
        ({"change_kind": "Cải chính"}, "3", None),
        ({}, "3", None),
        (None, "3", None),
    ],
)
def test_adding_missing_details_is_same_day_while_change_and_correction_take_three_days(
    shipped: Catalogue, form_data: dict[str, Any] | None, days: str, cutoff: time | None
) -> None:
    procedure = shipped.get(CORRECTION)
    processing = processing_for(procedure, False, form_data=form_data)
    assert processing == ProcessingTime(Decimal(days), cutoff)


def test_the_form_value_chooses_the_time_whatever_its_case_or_spacing(shipped: Catalogue) -> None:
    procedure = shipped.get(CORRECTION)
    typed = unicodedata.normalize("NFD", "  bổ   SUNG ")
    assert processing_for(procedure, False, form_data={"change_kind": typed}).is_same_day


def test_a_time_chosen_by_the_form_names_a_field_and_choices_of_the_procedure_form(
    shipped: Catalogue,
) -> None:
    from desk.forms import get_form

    chosen = [p for p in shipped if p.processing_by is not None]
    assert [p.code for p in chosen] == [CORRECTION]
    for procedure in chosen:
        assert procedure.processing_by is not None
        spec = get_form(procedure.form).field(procedure.processing_by.field)
        assert spec is not None, procedure.processing_by.field
        for value, _ in procedure.processing_by.times:
            assert value in spec.choices


def test_a_time_chosen_by_the_form_round_trips_and_is_checked() -> None:
    by = {"field": "kind", "times": {"Nhanh": {"processing_days": "0", "cutoff": "15:00"}}}
    catalogue = catalogue_from_data(wrap(minimal(processing_days="2", processing_by=by)))
    again = catalogue_from_data(json.loads(dump_catalogue(catalogue)))
    assert again == catalogue
    assert again.to_dict()["procedures"][0]["processing_by"] == by
    for broken in (
        {"field": "", "times": by["times"]},
        {"field": "kind", "times": {}},
        {"field": "kind", "times": {"Nhanh": {"processing_days": "ba"}}},
        {"field": "kind", "times": {"Nhanh": {"processing_days": "0", "cutoff": "15h"}}},
        {"field": "kind", "times": ["Nhanh"]},
    ):
        error = expect_error(wrap(minimal(processing_by=broken)))
        assert error.message.startswith("Thủ tục 1.001193")


def test_the_re_registration_commitment_is_inside_the_declaration(shipped: Catalogue) -> None:
    documents = shipped.get(REREGISTRATION).documents
    assert not [d for d in documents if "cam đoan" in d.name.lower() and d.code != "TK"]
    (declaration,) = [d for d in documents if d.code == "TK"]
    assert "cam đoan" in f"{declaration.name} {declaration.note}".lower()


def test_re_registration_asks_the_employer_confirmation_of_civil_servants(
    shipped: Catalogue,
) -> None:
    documents = shipped.get(REREGISTRATION).documents
    (confirmation,) = [d for d in documents if "xác nhận" in d.name.lower()]
    assert not confirmation.required
    assert confirmation.copy_kind is CopyKind.ORIGINAL
    for who in ("cán bộ", "công chức", "viên chức", "lực lượng vũ trang"):
        assert who in confirmation.note


def test_id_papers_and_a_certified_copys_original_are_only_shown(shipped: Catalogue) -> None:
    shown = {(p.code, d.code) for p in shipped for d in p.documents if d.shown}
    identity = {(p.code, d.code) for p in shipped for d in p.documents if d.code == "GTTT"}
    assert len(identity) == 7  # every procedure but the certified copy asks an ID paper
    assert shown == identity | {("2.000815", "BC")}
    for procedure in shipped:
        for document in procedure.documents:
            if document.shown:
                assert document.copy_kind is CopyKind.ORIGINAL  # the original is shown


def test_shown_papers_round_trip() -> None:
    documents = [
        {"code": "TK", "name": "Tờ khai"},
        {"code": "GTTT", "name": "Giấy tờ tùy thân", "shown": True},
    ]
    catalogue = catalogue_from_data(wrap(minimal(documents=documents)))
    assert [d.shown for d in catalogue.get("1.001193").documents] == [False, True]
    exported = catalogue.to_dict()["procedures"][0]["documents"]
    assert exported[1]["shown"] is True and "shown" not in exported[0]
    assert catalogue_from_data(json.loads(dump_catalogue(catalogue))) == catalogue


@pytest.mark.parametrize("code", ["1.004873", REREGISTRATION, CORRECTION])
def test_civil_status_fees_offer_the_household_exemptions(shipped: Catalogue, code: str) -> None:
    assert shipped.get(code).fee.exemptions == HOUSEHOLD_EXEMPTIONS


@pytest.mark.parametrize("code", ["1.001193", "1.000656"])
def test_late_registration_fees_offer_the_household_exemptions(
    shipped: Catalogue, code: str
) -> None:
    late = shipped.get(code).fee.when_late
    assert late is not None and late.exemptions == HOUSEHOLD_EXEMPTIONS


@pytest.mark.parametrize("code", ["2.000635", "2.000815"])
def test_copy_fees_have_no_household_exemption(shipped: Catalogue, code: str) -> None:
    assert shipped.get(code).fee.exemptions == ()


def test_a_late_death_registration_has_its_own_rule_free_until_the_province_sets_it(
    shipped: Catalogue,
) -> None:
    fee = shipped.get("1.000656").fee
    assert fee.when_late is not None
    assert fee.when_late.verify
    assert "quá hạn" in fee.when_late.name
    assert fee.amount_for(late=True) == 0


def test_every_procedure_with_a_late_fee_has_a_form_that_knows_when_it_is_late(
    shipped: Catalogue,
) -> None:
    from desk.forms import get_form

    late = [p for p in shipped if p.fee.when_late is not None]
    assert {p.code for p in late} == {"1.001193", "1.000656"}
    for procedure in late:
        assert get_form(procedure.form).late is not None, procedure.code


def test_desk_catalogue_export_and_import_keep_every_key(
    ctx: DeskContext,
    shipped: Catalogue,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from tests.e2e.identity import sign_in_as

    sign_in_as(monkeypatch, tmp_path / "accounts", "quantri")  # the catalogue is an admin's

    def desk(*args: str) -> None:
        code = main(["--db", str(ctx.db.url), "catalogue", *args])
        assert code == 0, capsys.readouterr().err

    first, second = tmp_path / "first.json", tmp_path / "second.json"
    desk("export", str(first))
    text = first.read_text(encoding="utf-8")
    for key in ('"processing_by"', '"shown": true', '"exemptions"', '"when_late"'):
        assert key in text
    exported = load_catalogue_file(first)  # in the order of the codes
    assert sorted(exported, key=lambda p: p.code) == sorted(shipped, key=lambda p: p.code)
    desk("import", str(first))
    desk("export", str(second))
    assert second.read_text(encoding="utf-8") == text


def test_checks_add_their_days_to_the_time_of_the_case(shipped: Catalogue) -> None:
    procedure = shipped.get(CORRECTION)
    added = processing_for(procedure, True, form_data={"change_kind": "Bổ sung"})
    assert added == ProcessingTime(Decimal(0), time(15), added_days=Decimal(3))
    changed = processing_for(procedure, True, form_data={"change_kind": "Cải chính"})
    assert changed == ProcessingTime(Decimal(3), added_days=Decimal(3))


def test_the_desk_keeps_no_shown_paper_among_the_documents_received(shipped: Catalogue) -> None:
    from desk.domain.calendar import OFFICE_TZ, WorkingCalendar
    from desk.domain.dossier import IntakeRequest, Person, ReceivedDocument
    from desk.domain.intake import plan_intake
    from desk.domain.office import Role, User

    procedure = shipped.get("2.000815")
    request = IntakeRequest(
        "2.000815",
        Person("Nguyễn Văn An"),
        documents=[
            ReceivedDocument("Bản chính giấy tờ, văn bản cần chứng thực", "BC", originals=1),
            ReceivedDocument("Bản sao cần chứng thực", "BS", photocopies=2),
            ReceivedDocument("Giấy tờ khác", "KHAC3", photocopies=1),
        ],
    )
    at = datetime(2026, 11, 20, 9, 0, tzinfo=OFFICE_TZ)
    clerk = User(1, "can.bo", "Trần Thị Cúc", Role.CLERK)
    plan = plan_intake(WorkingCalendar(), procedure, request, clerk, at)
    assert [d.code for d in plan.documents] == ["BS", "KHAC3"]


def test_desk_catalogue_lists_the_time_of_each_case(
    ctx: DeskContext,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    from tests.e2e.identity import sign_in_as

    sign_in_as(monkeypatch, tmp_path / "accounts", "canbo1")
    assert main(["--db", str(ctx.db.url), "catalogue"]) == 0
    lines = capsys.readouterr().out.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("1.004859"))
    assert lines[at].endswith("— 3 ngày làm việc")
    assert lines[at + 1].strip() == (
        "Bổ sung: Trong ngày (nhận sau 15 giờ trả ngày làm việc tiếp theo)"
    )
