"""Fee rules of the procedure catalogue, as data. Amounts are integers in VND."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from desk.domain.text import clean
from desk.errors import CatalogueError, InvalidInput

FEE_KINDS = ("free", "flat", "per_copy", "per_page")


@dataclass(frozen=True, slots=True)
class PageTier:
    first_page: int
    amount: int  # per page, from first_page on


@dataclass(frozen=True, slots=True)
class FeeRule:
    """How much a dossier of a procedure costs.

    - ``free``: nothing.
    - ``flat``: ``amount`` per dossier.
    - ``per_copy``: ``amount`` for each copy requested (e.g. extract copies, 8.000 đ each).
    - ``per_page``: per page of each copy, by ``tiers`` (2.000 đ for pages 1–2, 1.000 đ
      from page 3 …), at most ``max_per_copy`` a copy (certified copies).
    ``when_late`` replaces the rule for a late registration (birth registered late).
    ``copies_fee`` is charged besides, for each copy of the result asked for with the
    dossier (the extract copies asked with a registration, 8.000 đ each), late or not; the
    rule's exemptions do not waive it.
    ``exemptions`` name who a province exempts from this fee (poor households, people with
    disabilities …); the clerk picks one at intake and the fee line is kept at 0.
    ``verify`` marks amounts a province must confirm against its own council resolution.
    """

    kind: str = "free"
    name: str = "Lệ phí"
    amount: int = 0
    tiers: tuple[PageTier, ...] = ()
    max_per_copy: int | None = None
    when_late: FeeRule | None = None
    copies_fee: FeeRule | None = None
    exemptions: tuple[str, ...] = ()
    verify: bool = False

    def __post_init__(self) -> None:
        if self.kind not in FEE_KINDS:
            raise CatalogueError(f"Loại phí «{self.kind}» không được hỗ trợ.", code="fee.kind")
        if (
            self.amount < 0
            or any(t.amount < 0 for t in self.tiers)
            or (self.max_per_copy is not None and self.max_per_copy < 0)
        ):
            raise CatalogueError("Mức phí không được âm.", code="fee.negative")
        if self.kind == "per_page":
            if not self.tiers or self.tiers[0].first_page != 1:
                raise CatalogueError(
                    "Phí theo trang phải có bậc bắt đầu từ trang 1.", code="fee.tiers"
                )
            pages = [t.first_page for t in self.tiers]
            if pages != sorted(set(pages)):
                raise CatalogueError("Các bậc phí theo trang phải tăng dần.", code="fee.tiers")
        if any(not name for name in self.exemptions) or len(set(self.exemptions)) != len(
            self.exemptions
        ):
            raise CatalogueError(
                "Đối tượng miễn phí phải có tên và không trùng nhau.", code="fee.exemptions"
            )

    def rule_for(self, *, late: bool = False) -> FeeRule:
        """The rule that applies: the late one for a late registration, where there is one."""
        return self.when_late if late and self.when_late is not None else self

    def amount_for(self, *, copies: int = 1, pages: int = 0, late: bool = False) -> int:
        """The fee in VND. ``pages`` is the page count of one copy (per_page rules)."""
        if late and self.when_late is not None:
            return self.when_late.amount_for(copies=copies, pages=pages)
        if copies < 0 or pages < 0:
            raise InvalidInput("Số bản và số trang không được âm.", code="fee.input")
        if self.kind == "free":
            return 0
        if self.kind == "flat":
            return self.amount
        if self.kind == "per_copy":
            return self.amount * copies
        per_copy = _tiered(self.tiers, pages)
        if self.max_per_copy is not None:
            per_copy = min(per_copy, self.max_per_copy)
        return per_copy * copies

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"kind": self.kind, "name": self.name}
        if self.kind in ("flat", "per_copy"):
            data["amount"] = self.amount
        if self.kind == "per_page":
            data["tiers"] = [{"first_page": t.first_page, "amount": t.amount} for t in self.tiers]
            if self.max_per_copy is not None:
                data["max_per_copy"] = self.max_per_copy
        if self.when_late is not None:
            data["when_late"] = self.when_late.to_dict()
        if self.copies_fee is not None:
            data["copies_fee"] = self.copies_fee.to_dict()
        if self.exemptions:
            data["exemptions"] = list(self.exemptions)
        if self.verify:
            data["verify"] = True
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> FeeRule:
        exemptions = data.get("exemptions", [])
        if not isinstance(exemptions, list):
            raise CatalogueError(
                "Danh sách đối tượng miễn phí (exemptions) phải là một danh sách tên.",
                code="fee.exemptions",
            )
        try:
            return cls(
                kind=str(data.get("kind", "free")),
                name=str(data.get("name", "Lệ phí")),
                amount=int(data.get("amount", 0)),
                tiers=tuple(
                    PageTier(int(t["first_page"]), int(t["amount"])) for t in data.get("tiers", ())
                ),
                max_per_copy=(
                    int(data["max_per_copy"]) if data.get("max_per_copy") is not None else None
                ),
                when_late=cls.from_dict(data["when_late"]) if data.get("when_late") else None,
                copies_fee=cls.from_dict(data["copies_fee"]) if data.get("copies_fee") else None,
                exemptions=tuple(clean(str(name)) for name in exemptions),
                verify=bool(data.get("verify", False)),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise CatalogueError(f"Quy tắc phí không hợp lệ: {exc}.", code="fee.invalid") from None


def _tiered(tiers: tuple[PageTier, ...], pages: int) -> int:
    total = 0
    for index, tier in enumerate(tiers):
        next_first = tiers[index + 1].first_page if index + 1 < len(tiers) else pages + 1
        counted = max(0, min(pages, next_first - 1) - tier.first_page + 1)
        total += counted * tier.amount
    return total


class PaymentMethod(Enum):
    """How a fee was paid (HinhThucThu): the stored text is the one the province reads."""

    CASH = "Tiền mặt"
    TRANSFER = "Chuyển khoản"

    @property
    def label(self) -> str:
        return self.value

    @classmethod
    def of(cls, method: str) -> PaymentMethod:
        """The method a stored text says; anything but a transfer was paid at the desk."""
        return cls.TRANSFER if method.strip() == cls.TRANSFER.value else cls.CASH


@dataclass(frozen=True, slots=True)
class Fee:
    """A fee line charged on a dossier (DanhSachLePhi). An exempted line keeps the fee's
    name, at 0, with the ``exemption`` that waived it."""

    name: str
    amount: int
    method: str = PaymentMethod.CASH.value
    details: dict[str, Any] = field(default_factory=dict)
    exemption: str = ""


NO_FEE = "Không thu"


def fee_line(fees: Sequence[Fee]) -> str:
    """The slip's "Phí, lệ phí" line: "Không thu" for a free procedure, "Không thu (miễn:
    Hộ nghèo)" for an exempted one, else the total with what it is made of."""
    total = sum(fee.amount for fee in fees)
    if not total:
        exemptions = list(dict.fromkeys(fee.exemption for fee in fees if fee.exemption))
        return f"{NO_FEE} (miễn: {', '.join(exemptions)})" if exemptions else NO_FEE
    if len(fees) == 1:
        return f"{format_vnd(total)} ({fees[0].name})"
    items = "; ".join(_item(fee) for fee in fees)
    return f"{format_vnd(total)} ({items})"


def _item(fee: Fee) -> str:
    if fee.exemption and not fee.amount:
        return f"{fee.name}: miễn ({fee.exemption})"
    return f"{fee.name}: {format_vnd(fee.amount)}"


def format_vnd(amount: int) -> str:
    """8000 → "8.000 đồng" (Vietnamese thousands separator)."""
    return f"{amount:,}".replace(",", ".") + " đồng"
