"""Fee rules of the procedure catalogue, as data. Amounts are integers in VND."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

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
    ``verify`` marks amounts a province must confirm against its own council resolution.
    """

    kind: str = "free"
    name: str = "Lệ phí"
    amount: int = 0
    tiers: tuple[PageTier, ...] = ()
    max_per_copy: int | None = None
    when_late: FeeRule | None = None
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
        if self.verify:
            data["verify"] = True
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> FeeRule:
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


@dataclass(frozen=True, slots=True)
class Fee:
    """A fee line charged on a dossier (DanhSachLePhi)."""

    name: str
    amount: int
    method: str = "Tiền mặt"
    details: dict[str, Any] = field(default_factory=dict)


def format_vnd(amount: int) -> str:
    """8000 → "8.000 đồng" (Vietnamese thousands separator)."""
    return f"{amount:,}".replace(",", ".") + " đồng"
