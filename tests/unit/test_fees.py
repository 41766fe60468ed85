"""Fees (DOMAIN §5): certified copies by the page, extract copies, late birth registration."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desk.domain.catalogue_file import load_catalogue_file
from desk.domain.fees import Fee, FeeRule, PageTier, fee_line, format_vnd
from desk.domain.intake import fees_for
from desk.errors import CatalogueError, InvalidInput
from desk.resources import CATALOGUE_FILE

CATALOGUE = load_catalogue_file(CATALOGUE_FILE)
CERTIFIED_COPY = CATALOGUE.get("2.000815").fee
EXTRACT_COPY = CATALOGUE.get("2.000635").fee
BIRTH = CATALOGUE.get("1.001193").fee
EXTRACT = CATALOGUE.get("2.000635")

# The rule as DOMAIN §5 states it, built by hand rather than read from the file.
CERTIFIED_BY_HAND = FeeRule(
    kind="per_page",
    tiers=(PageTier(1, 2000), PageTier(3, 1000)),
    max_per_copy=200_000,
)


@pytest.mark.parametrize("rule", [CERTIFIED_COPY, CERTIFIED_BY_HAND], ids=["shipped", "by_hand"])
@pytest.mark.parametrize(
    ("pages", "fee"),
    [
        (1, 2_000),  # page 1 at 2,000
        (2, 4_000),  # pages 1–2 at 2,000
        (3, 5_000),  # 4,000 + page 3 at 1,000
        (10, 12_000),  # 4,000 + 8 pages at 1,000
        (198, 200_000),  # 4,000 + 196,000: exactly the cap
        (199, 200_000),  # 201,000 → capped
        (300, 200_000),  # 302,000 → capped
        (0, 0),
    ],
)
def test_certified_copy_one_copy(rule: FeeRule, pages: int, fee: int) -> None:
    assert rule.amount_for(pages=pages, copies=1) == fee


@pytest.mark.parametrize(
    ("pages", "copies", "fee"),
    [
        (3, 2, 10_000),  # 5,000 a copy
        (10, 3, 36_000),  # 12,000 a copy
        (300, 2, 400_000),  # the cap applies per copy, not per dossier
        (1, 0, 0),
    ],
)
def test_certified_copy_several_copies(pages: int, copies: int, fee: int) -> None:
    assert CERTIFIED_COPY.amount_for(pages=pages, copies=copies) == fee


@given(st.integers(1, 2000), st.integers(1, 20))
def test_certified_copy_formula(pages: int, copies: int) -> None:
    per_copy = 2_000 * min(pages, 2) + 1_000 * max(pages - 2, 0)
    expected = min(per_copy, 200_000) * copies
    assert CERTIFIED_COPY.amount_for(pages=pages, copies=copies) == expected


@given(st.integers(0, 1000), st.integers(0, 1000))
def test_more_pages_never_cost_less(a: int, b: int) -> None:
    low, high = sorted((a, b))
    assert CERTIFIED_COPY.amount_for(pages=low) <= CERTIFIED_COPY.amount_for(pages=high)


def test_three_tier_rule() -> None:
    # A province may add a tier: 2,000 for pages 1–2, 1,000 for 3–10, 500 from page 11.
    rule = FeeRule(kind="per_page", tiers=(PageTier(1, 2000), PageTier(3, 1000), PageTier(11, 500)))
    assert rule.amount_for(pages=10) == 4_000 + 8 * 1_000
    assert rule.amount_for(pages=12) == 4_000 + 8 * 1_000 + 2 * 500


@pytest.mark.parametrize(("copies", "fee"), [(1, 8_000), (2, 16_000), (5, 40_000), (0, 0)])
def test_extract_copies(copies: int, fee: int) -> None:
    assert EXTRACT_COPY.amount_for(copies=copies) == fee


def test_birth_registration_free_on_time_and_charged_when_late() -> None:
    raw = json.loads(CATALOGUE_FILE.read_text(encoding="utf-8"))
    (birth,) = [p for p in raw["procedures"] if p["code"] == "1.001193"]
    late_amount = birth["fee"]["when_late"]["amount"]
    assert late_amount > 0
    assert BIRTH.amount_for() == 0
    assert BIRTH.amount_for(late=False, copies=3) == 0
    assert BIRTH.amount_for(late=True) == late_amount
    assert BIRTH.when_late is not None and BIRTH.when_late.verify


def test_late_without_a_late_rule_is_the_normal_fee() -> None:
    assert EXTRACT_COPY.amount_for(copies=2, late=True) == 16_000


def test_flat_fee_ignores_copies() -> None:
    rule = FeeRule(kind="flat", amount=15_000)
    assert rule.amount_for(copies=3) == 15_000


@pytest.mark.parametrize(("copies", "pages"), [(-1, 0), (1, -1)])
def test_negative_counts_are_refused(copies: int, pages: int) -> None:
    with pytest.raises(InvalidInput, match="không được âm"):
        CERTIFIED_COPY.amount_for(copies=copies, pages=pages)


def test_fee_rule_validation() -> None:
    with pytest.raises(CatalogueError, match="không được hỗ trợ"):
        FeeRule(kind="percent")
    with pytest.raises(CatalogueError, match="âm"):
        FeeRule(kind="flat", amount=-1)
    with pytest.raises(CatalogueError, match="âm"):
        FeeRule(kind="per_page", tiers=(PageTier(1, 2000),), max_per_copy=-200_000)
    with pytest.raises(CatalogueError, match="trang 1"):
        FeeRule(kind="per_page", tiers=(PageTier(2, 2000),))
    with pytest.raises(CatalogueError, match="tăng dần"):
        FeeRule(kind="per_page", tiers=(PageTier(1, 2000), PageTier(5, 1000), PageTier(3, 500)))


@pytest.mark.parametrize("rule", [CERTIFIED_COPY, EXTRACT_COPY, BIRTH])
def test_fee_rule_dict_round_trip(rule: FeeRule) -> None:
    assert FeeRule.from_dict(json.loads(json.dumps(rule.to_dict()))) == rule


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        (8_000, "8.000 đồng"),
        (0, "0 đồng"),
        (500, "500 đồng"),
        (200_000, "200.000 đồng"),
        (1_234_567, "1.234.567 đồng"),
    ],
)
def test_format_vnd(amount: int, text: str) -> None:
    assert format_vnd(amount) == text


# --- issue 9: exemptions and the slip's fee line --------------------------------------------

MARITAL = CATALOGUE.get("1.004873")
POOR = "Hộ nghèo"


def test_a_free_procedure_reads_khong_thu() -> None:
    assert fee_line([]) == "Không thu"
    assert fee_line(fees_for(CATALOGUE.get("1.000894"), copies=0)) == "Không thu"


def test_an_exempted_fee_reads_khong_thu_with_the_exemption() -> None:
    fees = fees_for(MARITAL, exemption=POOR)
    assert fees == [Fee(MARITAL.fee.name, 0, exemption=POOR)]  # the line stays, at 0
    assert fee_line(fees) == "Không thu (miễn: Hộ nghèo)"


def test_a_charged_fee_reads_as_before() -> None:
    assert fee_line([Fee("Lệ phí", 8_000)]) == "8.000 đồng (Lệ phí)"
    assert fee_line([Fee("Lệ phí", 8_000), Fee("Cước bưu chính", 25_000)]) == (
        "33.000 đồng (Lệ phí: 8.000 đồng; Cước bưu chính: 25.000 đồng)"
    )


def test_an_exemption_the_rule_does_not_offer_is_refused() -> None:
    with pytest.raises(InvalidInput, match="không áp dụng"):
        fees_for(MARITAL, exemption="Sinh viên")
    with pytest.raises(InvalidInput, match="không áp dụng"):
        fees_for(EXTRACT, copies=2, exemption=POOR)  # copies are a fee, not lệ phí hộ tịch


def test_the_late_rule_has_its_own_exemptions() -> None:
    birth = CATALOGUE.get("1.001193")
    assert fees_for(birth, copies=0, late=True, exemption=POOR) == [
        Fee(birth.fee.when_late.name if birth.fee.when_late else "", 0, exemption=POOR)
    ]
    # On time there is nothing to exempt: the exemption is not recorded.
    assert fees_for(birth, copies=0, late=False, exemption=POOR) == []


def test_exemptions_round_trip_and_are_checked() -> None:
    rule = FeeRule(kind="flat", amount=5_000, exemptions=(POOR, "Người khuyết tật"))
    assert FeeRule.from_dict(json.loads(json.dumps(rule.to_dict()))) == rule
    assert "exemptions" not in FeeRule(kind="flat", amount=5_000).to_dict()
    for broken in ([POOR, POOR], [POOR, " "], "Hộ nghèo"):
        with pytest.raises(CatalogueError):
            FeeRule.from_dict({"kind": "flat", "amount": 5_000, "exemptions": broken})


def test_exemption_names_are_cleaned() -> None:
    rule = FeeRule.from_dict({"kind": "flat", "amount": 1, "exemptions": ["  Hộ   nghèo "]})
    assert rule.exemptions == (POOR,)


# Copies of the extract asked for with a registration (issue 13, item 14): the registration
# itself is free on time, each copy costs the extract-copy fee (Thông tư 281/2016/TT-BTC).
REGISTRATIONS_WITH_COPIES = ("1.001193", "1.000656", "1.000894", "1.004884", "1.004859")


@pytest.mark.parametrize("code", REGISTRATIONS_WITH_COPIES)
def test_extract_copies_asked_with_a_registration_are_charged_per_copy(code: str) -> None:
    procedure = CATALOGUE.get(code)
    copy_fee = EXTRACT_COPY.amount_for(copies=1)
    main = procedure.fee.amount_for(copies=2)
    two = fees_for(procedure, copies=2)
    assert sum(fee.amount for fee in two) == main + 2 * copy_fee
    assert Fee(EXTRACT_COPY.name, 2 * copy_fee) in two
    assert sum(fee.amount for fee in fees_for(procedure, copies=0)) == main  # none asked


def test_two_extract_copies_with_a_birth_registration_are_not_free() -> None:
    fees = fees_for(CATALOGUE.get("1.001193"), copies=2)
    assert fees == [Fee("Phí cấp bản sao trích lục hộ tịch", 16_000)]
    assert fee_line(fees) == "16.000 đồng (Phí cấp bản sao trích lục hộ tịch)"
    late = fees_for(CATALOGUE.get("1.001193"), copies=2, late=True, exemption="Hộ nghèo")
    # The household exemption waives the late registration fee, not the copies.
    assert late == [
        Fee("Lệ phí đăng ký khai sinh quá hạn", 0, exemption="Hộ nghèo"),
        Fee("Phí cấp bản sao trích lục hộ tịch", 16_000),
    ]


def test_a_copies_fee_round_trips_through_the_catalogue_format() -> None:
    rule = CATALOGUE.get("1.001193").fee
    assert rule.copies_fee is not None
    assert FeeRule.from_dict(rule.to_dict()) == rule
