"""The targets a commune is held to and the indicators of Decision 766/QĐ-TTg a commune
desk can know, read from ``resources/policy/service_index.json`` (data marked **verify**:
the names, the points and the formulas are the province's to confirm, docs/legal-basis.md).

An indicator scores ``points × rate / 100`` where its rate is one of ``FigureLine``'s rates
over the period; an indicator with nothing to count (no dossier finished, no rating …)
scores nothing and says so. Indicators a desk cannot know (public disclosure) are listed
with their points so the sum is honest about what is left out.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from desk.domain.data_files import read_json_file
from desk.domain.figures import RATE_NAMES, FigureLine
from desk.errors import ConfigurationError

SHIPPED_FILE = Path(__file__).resolve().parents[2] / "resources" / "policy" / "service_index.json"
FORMAT = "commune-desk/service-index"


@dataclass(frozen=True, slots=True)
class Target:
    rate: str  # a FigureLine rate's name
    label: str
    at_least: Decimal

    def met_by(self, line: FigureLine) -> bool | None:
        value = getattr(line, self.rate)
        return None if value is None else value >= self.at_least


@dataclass(frozen=True, slots=True)
class Indicator:
    key: str
    label: str
    points: Decimal
    rate: str


@dataclass(frozen=True, slots=True)
class IndicatorScore:
    indicator: Indicator
    rate: Decimal | None
    points: Decimal | None  # None: nothing to count in the period


@dataclass(frozen=True, slots=True)
class ServiceIndex:
    legal_basis: str
    targets: tuple[Target, ...]
    indicators: tuple[Indicator, ...]
    unknown: tuple[tuple[str, Decimal], ...]  # (label, points) a desk cannot know

    def target(self, rate: str) -> Target | None:
        return next((t for t in self.targets if t.rate == rate), None)

    def scores(self, line: FigureLine) -> list[IndicatorScore]:
        found = []
        for indicator in self.indicators:
            rate = getattr(line, indicator.rate)
            points = None
            if rate is not None:
                points = (indicator.points * rate / 100).quantize(
                    Decimal("0.01"), rounding=ROUND_HALF_UP
                )
            found.append(IndicatorScore(indicator, rate, points))
        return found

    @property
    def known_points(self) -> Decimal:
        return sum((i.points for i in self.indicators), Decimal(0))


def service_index_from_dict(data: Any, source: str = "") -> ServiceIndex:
    where = f" ({source})" if source else ""

    def wrong(text: str) -> ConfigurationError:
        return ConfigurationError(
            f"Tệp chỉ số phục vụ{where} không hợp lệ: {text}.", code="service_index.invalid"
        )

    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise wrong(f"thiếu «format»: {FORMAT}")

    def rate_of(entry: dict[str, Any], name: str) -> str:
        rate = entry.get("rate", name)
        if rate not in RATE_NAMES:
            raise wrong(f"không có tỷ lệ «{rate}» (có: {', '.join(RATE_NAMES)})")
        return str(rate)

    def number(value: Any, what: str) -> Decimal:
        if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
            raise wrong(f"{what} phải là số không âm")
        return Decimal(str(value))

    try:
        targets = tuple(
            Target(rate_of(entry, name), str(entry["label"]), number(entry["at_least"], name))
            for name, entry in dict(data.get("targets", {})).items()
        )
        indicators = tuple(
            Indicator(
                str(entry["key"]),
                str(entry["label"]),
                number(entry["points"], str(entry["key"])),
                rate_of(entry, ""),
            )
            for entry in data.get("indicators", [])
        )
        unknown = tuple(
            (str(entry["label"]), number(entry["points"], str(entry["label"])))
            for entry in data.get("not_known_at_the_desk", [])
        )
    except (KeyError, TypeError, AttributeError) as exc:
        raise wrong(f"thiếu hoặc sai mục {exc}") from None
    return ServiceIndex(str(data.get("legal_basis", "")), targets, indicators, unknown)


@functools.cache
def shipped_service_index() -> ServiceIndex:
    data = read_json_file(SHIPPED_FILE, "tệp chỉ số phục vụ", ConfigurationError, "service_index")
    return service_index_from_dict(data, str(SHIPPED_FILE))
