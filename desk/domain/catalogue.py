"""The procedure catalogue (thủ tục hành chính) as data, with its validation.

This module is one piece: each procedure's fields and the checks that read them from
data (naming the procedure and the field in every message) change together. Reading the
file and its schema is ``desk.domain.catalogue_file``."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import time
from decimal import Decimal
from enum import Enum
from typing import Any

from desk.domain import limits
from desk.domain.calendar import ProcessingTime
from desk.domain.fees import FeeRule
from desk.domain.formats import processing_label
from desk.domain.text import clean, fold, terminal_safe
from desk.errors import CatalogueError, InvalidInput

CATALOGUE_FORMAT = "commune-desk/catalogue"
CATALOGUE_VERSION = 1
_PROCEDURE_CODE = re.compile(r"^\d\.\d{6}$")


class CopyKind(Enum):
    ORIGINAL = "original"  # bản chính
    CERTIFIED = "certified"  # bản chứng thực / bản sao có chứng thực
    PHOTO = "photo"  # bản photo / bản chụp

    @property
    def label(self) -> str:
        return {"original": "Bản chính", "certified": "Bản chứng thực", "photo": "Bản photo"}[
            self.value
        ]


@dataclass(frozen=True, slots=True)
class RequiredDocument:
    """One entry of a procedure's document list (thành phần hồ sơ).

    Documents that share a ``group`` are alternatives: one of them is enough (the hospital
    birth certificate, or a witness statement, or a written commitment). A ``shown`` paper
    (the ID card, the original of a certified copy) is only shown to the clerk and handed
    back: it is checked at the counter but never among the documents received.
    """

    code: str
    name: str
    required: bool = True
    copy_kind: CopyKind = CopyKind.ORIGINAL
    group: str = ""
    note: str = ""
    shown: bool = False


@dataclass(frozen=True, slots=True)
class ProcessingBy:
    """A processing time chosen by what the procedure's form says: one procedure, several
    cases with their own time (1.004859: "Bổ sung" is same-day, a change or a correction
    takes the procedure's normal time). ``field`` is the form field's key (dotted for a
    nested value); a value not listed keeps the normal time."""

    field: str
    times: tuple[tuple[str, ProcessingTime], ...]

    def time_for(self, form_data: Mapping[str, Any] | None) -> ProcessingTime | None:
        value: Any = form_data or {}
        for part in self.field.split("."):
            value = value.get(part) if isinstance(value, Mapping) else None
        if not isinstance(value, str):
            return None
        wanted = _case_key(value)
        for case, processing in self.times:
            if _case_key(case) == wanted:
                return processing
        return None

    def to_dict(self) -> dict[str, Any]:
        return {
            "field": self.field,
            "times": {case: _processing_dict(processing) for case, processing in self.times},
        }


def _case_key(value: str) -> str:
    return clean(value).casefold()


def _processing_dict(processing: ProcessingTime) -> dict[str, Any]:
    return {
        "processing_days": str(processing.days),
        "cutoff": processing.cutoff.strftime("%H:%M") if processing.cutoff else None,
    }


@dataclass(frozen=True, slots=True)
class Procedure:
    code: str  # MaTTHC, e.g. 1.001193
    name: str  # TenTTHC
    field_code: str  # MaLinhVuc
    field_name: str  # TenLinhVuc
    processing: ProcessingTime
    extended: ProcessingTime | None  # when checks are needed (xác minh)
    fee: FeeRule
    documents: tuple[RequiredDocument, ...]
    form: str = ""  # the intake form definition used for this procedure
    lead_unit: str = "UBND xã"  # DonViXuLy
    legal_basis: str = ""
    notes: str = ""
    active: bool = True
    processing_by: ProcessingBy | None = None  # a time chosen by the form (see ProcessingBy)
    # Bodies that take part besides the lead one (cơ quan phối hợp), named on the control
    # slip (form 06): where the province sets them, e.g. the commune police (verify).
    coordinating_units: tuple[str, ...] = ()
    # Working days a step of the dossier's path may take, where the province's internal
    # process sets them (desk.domain.steps: "transfer" desk → lead body, "process" lead
    # body → result at the desk); the control slip judges such a step against its own.
    step_days: tuple[tuple[str, Decimal], ...] = ()

    def normal_processing(self, form_data: Mapping[str, Any] | None = None) -> ProcessingTime:
        """The time without checks: the case the form names, else the procedure's own."""
        if self.processing_by is not None:
            chosen = self.processing_by.time_for(form_data)
            if chosen is not None:
                return chosen
        return self.processing

    @property
    def processing_label(self) -> str:
        """What the slip prints, e.g. "3 ngày làm việc" or "Trong ngày"."""
        return processing_label(self.processing)

    @property
    def name_folded(self) -> str:
        return fold(self.name)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "code": self.code,
            "name": self.name,
            "field_code": self.field_code,
            "field_name": self.field_name,
            "processing_days": str(self.processing.days),
            "cutoff": self.processing.cutoff.strftime("%H:%M") if self.processing.cutoff else None,
            "fee": self.fee.to_dict(),
            "documents": [
                {
                    "code": d.code,
                    "name": d.name,
                    "required": d.required,
                    "copy_kind": d.copy_kind.value,
                    **({"group": d.group} if d.group else {}),
                    **({"note": d.note} if d.note else {}),
                    **({"shown": True} if d.shown else {}),
                }
                for d in self.documents
            ],
            "form": self.form,
            "lead_unit": self.lead_unit,
            "legal_basis": self.legal_basis,
            "notes": self.notes,
            "active": self.active,
        }
        if self.extended is not None and self.extended.added_days:
            data["extended_days"] = str(self.extended.added_days)
            data["extended_mode"] = EXTENDED_ADD
        elif self.extended is not None:
            data["extended_days"] = str(self.extended.days)
        if self.processing_by is not None:
            data["processing_by"] = self.processing_by.to_dict()
        if self.coordinating_units:
            data["coordinating_units"] = list(self.coordinating_units)
        if self.step_days:
            data["step_days"] = {step: str(days) for step, days in self.step_days}
        return data


# --- the domain's own checks ----------------------------------------------------------------
# The file is checked against its schema first (check_catalogue_data); these checks are the
# ones a schema cannot make (text cleaned then judged by desk.domain.limits, halves of days,
# a code's form) and the only ones a procedure built in code or read from the database
# gets. Each names the procedure and the field as the schema's messages do.


class _Where:
    """Names the procedure in messages: its code, its position in the file, or both."""

    def __init__(self, data: Any, position: int | None) -> None:
        code = data.get("code") if isinstance(data, dict) else None
        code = clean(code)[:20] if isinstance(code, str) else ""
        self.text = procedure_label(code, position)

    def error(self, field: str, message: str, code: str) -> CatalogueError:
        return CatalogueError(f"{self.text}, mục {field}: {message}", code=code, field=field)

    def limit(self, field: str, exc: InvalidInput) -> CatalogueError:
        return self.error(field, _sentence(exc.message), exc.code)


def procedure_label(code: str, position: int | None) -> str:
    """«Thủ tục 1.001193 (thứ 1)», «Thủ tục thứ 3» (no code), «Thủ tục 1.001193»."""
    code = terminal_safe(code)
    if code and position is not None:
        return f"Thủ tục {code} (thứ {position})"
    if code:
        return f"Thủ tục {code}"
    return f"Thủ tục thứ {position}" if position is not None else "Thủ tục (chưa có mã)"


def _sentence(message: str) -> str:
    """A message of desk.domain.limits after «mục X:», without its own capital."""
    return message[:1].lower() + message[1:] if message[1:2].islower() else message


def _text(
    where: _Where,
    data: Mapping[str, Any],
    key: str,
    limit: limits.TextLimit,
    *,
    field: str = "",
    required: bool = False,
) -> str:
    field = field or key
    value = data.get(key)
    if value is not None and not isinstance(value, str):
        raise where.error(field, "phải là chữ (trong ngoặc kép).", f"{limit.name}.type")
    try:
        return limit.check(value, required=required)
    except InvalidInput as exc:
        raise where.limit(field, exc) from None


def _days(where: _Where, value: Any, field: str) -> Decimal:
    if isinstance(value, float | Decimal) and not Decimal(value).is_finite():
        raise where.error(field, "không phải là số ngày.", f"{limits.PROCESSING_DAYS.name}.format")
    if not isinstance(value, str | int | float | Decimal) or isinstance(value, bool):
        raise where.error(field, "phải là một số ngày.", f"{limits.PROCESSING_DAYS.name}.format")
    try:
        return limits.PROCESSING_DAYS.check(value)
    except InvalidInput as exc:
        raise where.limit(field, exc) from None


def _flag(where: _Where, data: Mapping[str, Any], key: str, default: bool, field: str) -> bool:
    """A yes/no of the file: JSON's true or false only («"false"» in quotes is text, and
    Python's bool() of it is True)."""
    value = data.get(key, default)
    if not isinstance(value, bool):
        raise where.error(field, "phải là true hoặc false (không có ngoặc kép).", "catalogue.flag")
    return value


def _cutoff(where: _Where, value: Any, field: str) -> time | None:
    if value in (None, ""):
        return None
    try:
        if not isinstance(value, str) or len(value) > 8:
            raise ValueError
        return time.fromisoformat(value)
    except ValueError:
        shown = terminal_safe(str(value)[:20])
        raise where.error(
            field, f"giờ tiếp nhận cuối «{shown}» không hợp lệ (dạng 15:00).", "catalogue.cutoff"
        ) from None


def _processing(where: _Where, days: Any, cutoff: Any, field: str) -> ProcessingTime:
    return ProcessingTime(_days(where, days, field), _cutoff(where, cutoff, "cutoff"))


def _processing_by(where: _Where, value: Any) -> ProcessingBy | None:
    if value in (None, {}):
        return None
    times = value.get("times") if isinstance(value, dict) else None
    if not isinstance(value, dict) or not isinstance(times, dict) or not times:
        raise where.error(
            "processing_by",
            "cần tên trường («field») và thời hạn theo từng trường hợp («times»).",
            "catalogue.processing_by",
        )
    field = _text(
        where, value, "field", limits.PROCESSING_FIELD, field="processing_by.field", required=True
    )
    cases = []
    for case, raw in times.items():
        place = f"processing_by.times.{terminal_safe(str(case)[:40])}"
        name = _text(where, {"case": case}, "case", limits.PROCESSING_CASE, field=place)
        if not isinstance(raw, dict) or not name:
            raise where.error(
                place, "thời hạn của trường hợp này không hợp lệ.", "catalogue.processing_by"
            )
        days = _days(where, raw.get("processing_days", 0), f"{place}.processing_days")
        cases.append(
            (name, ProcessingTime(days, _cutoff(where, raw.get("cutoff"), f"{place}.cutoff")))
        )
    return ProcessingBy(field, tuple(cases))


EXTENDED_REPLACE = "replace"  # the time when checks are needed replaces the normal time
EXTENDED_ADD = "add"  # it is added after the normal time ("extended by up to N more days")


def _extended(
    where: _Where, data: dict[str, Any], processing: ProcessingTime
) -> ProcessingTime | None:
    if data.get("extended_days") in (None, ""):
        return None
    days = _days(where, data["extended_days"], "extended_days")
    mode = data.get("extended_mode") or EXTENDED_REPLACE
    if mode == EXTENDED_ADD:
        return ProcessingTime(processing.days, processing.cutoff, added_days=days)
    if mode != EXTENDED_REPLACE:
        raise where.error(
            "extended_mode",
            f"«{terminal_safe(str(mode)[:20])}» phải là «replace» (thay thời hạn thường) hoặc "
            "«add» (cộng thêm vào thời hạn thường).",
            "catalogue.processing",
        )
    return ProcessingTime(days)


def _coordinating_units(where: _Where, value: Any) -> tuple[str, ...]:
    if value in (None, ""):
        return ()
    if not isinstance(value, list):
        raise where.error(
            "coordinating_units",
            "phải là danh sách tên cơ quan phối hợp.",
            "catalogue.coordinating_units",
        )
    units = (
        _text(where, {"unit": unit}, "unit", limits.LEAD_UNIT, field=f"coordinating_units[{i}]")
        for i, unit in enumerate(value, 1)
    )
    return tuple(unit for unit in units if unit)


STEP_KEYS = ("transfer", "process")  # the steps desk.domain.steps can judge on their own


def _step_days(where: _Where, value: Any) -> tuple[tuple[str, Decimal], ...]:
    if value in (None, {}):
        return ()
    if not isinstance(value, dict) or not set(value) <= set(STEP_KEYS):
        raise where.error(
            "step_days",
            f"ghi số ngày làm việc cho từng bước: {', '.join(STEP_KEYS)}.",
            "catalogue.step_days",
        )
    return tuple(
        (step, _days(where, value[step], f"step_days.{step}"))
        for step in STEP_KEYS
        if step in value
    )


def _documents(where: _Where, value: Any) -> tuple[RequiredDocument, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise where.error("documents", "phải là danh sách giấy tờ […].", "catalogue.document")
    documents = []
    seen_codes = set()
    for index, raw in enumerate(value, 1):
        place = f"documents[{index}]"
        if not isinstance(raw, dict):
            raise where.error(place, "phải là một nhóm mục {…} (mã, tên …).", "catalogue.document")
        doc_code = _text(
            where, raw, "code", limits.DOCUMENT_CODE, field=f"{place}.code", required=True
        )
        doc_name = _text(
            where, raw, "name", limits.DOCUMENT_NAME, field=f"{place}.name", required=True
        )
        if doc_code in seen_codes:
            raise where.error(
                f"{place}.code", f"trùng mã giấy tờ {doc_code}.", "catalogue.document"
            )
        seen_codes.add(doc_code)
        try:
            copy_kind = CopyKind(raw.get("copy_kind", "original"))
        except (TypeError, ValueError):
            raise where.error(
                f"{place}.copy_kind",
                f"loại bản «{terminal_safe(str(raw.get('copy_kind'))[:20])}» không hợp lệ "
                "(original, certified hoặc photo).",
                "catalogue.document",
            ) from None
        documents.append(
            RequiredDocument(
                code=doc_code,
                name=doc_name,
                required=_flag(where, raw, "required", True, f"{place}.required"),
                copy_kind=copy_kind,
                group=_text(where, raw, "group", limits.DOCUMENT_GROUP, field=f"{place}.group"),
                note=_text(where, raw, "note", limits.DOCUMENT_NOTE, field=f"{place}.note"),
                shown=_flag(where, raw, "shown", False, f"{place}.shown"),
            )
        )
    return tuple(documents)


def _fee(where: _Where, value: Any) -> FeeRule:
    if value is None or value == {}:
        value = {"kind": "free"}
    if not isinstance(value, dict):
        raise where.error("fee", "phải là một nhóm mục {…} (kind, amount …).", "fee.invalid")
    try:
        fee = FeeRule.from_dict(value)
    except CatalogueError as exc:
        raise where.error("fee", _sentence(exc.message), exc.code) from None
    except (AttributeError, TypeError, ValueError, OverflowError):
        raise where.error("fee", "quy tắc phí không hợp lệ.", "fee.invalid") from None
    _fee_limits(where, fee, "fee")
    return fee


def _fee_limits(where: _Where, fee: FeeRule, field: str) -> None:
    """The amounts of a rule (and of its late rule) within FEE_AMOUNT: an amount of 10^400
    would be stored, then crash every intake that computes it."""
    amounts = [(f"{field}.amount", fee.amount)]
    amounts += [(f"{field}.tiers[{i}].amount", t.amount) for i, t in enumerate(fee.tiers, 1)]
    if fee.max_per_copy is not None:
        amounts.append((f"{field}.max_per_copy", fee.max_per_copy))
    for place, amount in amounts:
        try:
            limits.FEE_AMOUNT.check(amount)
        except InvalidInput as exc:
            raise where.limit(place, exc) from None
    for index, tier in enumerate(fee.tiers, 1):
        try:
            limits.FEE_FIRST_PAGE.check(tier.first_page)
        except InvalidInput as exc:
            raise where.limit(f"{field}.tiers[{index}].first_page", exc) from None
    _text(where, {"name": fee.name}, "name", limits.FEE_NAME, field=f"{field}.name")
    for index, name in enumerate(fee.exemptions, 1):
        _text(where, {"x": name}, "x", limits.FEE_EXEMPTION, field=f"{field}.exemptions[{index}]")
    if fee.when_late is not None:
        _fee_limits(where, fee.when_late, f"{field}.when_late")
    if fee.copies_fee is not None:
        _fee_limits(where, fee.copies_fee, f"{field}.copies_fee")


def procedure_from_dict(data: Any, position: int | None = None) -> Procedure:
    """A procedure of the catalogue from its JSON form, every field judged by its limit.
    ``position`` (from 1) names it in messages beside its code (a file's procedures)."""
    where = _Where(data, position)
    if not isinstance(data, dict):
        raise CatalogueError(
            f"{where.text}: phải là một nhóm mục {{…}} (code, name …).", code="catalogue.procedure"
        )
    raw_code = data.get("code")
    code = clean(raw_code) if isinstance(raw_code, str) else ""
    if not _PROCEDURE_CODE.fullmatch(code):
        raise where.error("code", "mã thủ tục phải có dạng 1.001193.", "catalogue.code")
    name = _text(where, data, "name", limits.PROCEDURE_NAME, required=True)
    processing = _processing(
        where, data.get("processing_days", 0), data.get("cutoff"), "processing_days"
    )
    return Procedure(
        code=code,
        name=name,
        field_code=_text(where, data, "field_code", limits.FIELD_CODE),
        field_name=_text(where, data, "field_name", limits.FIELD_NAME),
        processing=processing,
        extended=_extended(where, data, processing),
        fee=_fee(where, data.get("fee")),
        documents=_documents(where, data.get("documents")),
        form=_text(where, data, "form", limits.PROCEDURE_FORM),
        lead_unit=_text(where, data, "lead_unit", limits.LEAD_UNIT) or "UBND xã",
        legal_basis=_text(where, data, "legal_basis", limits.LEGAL_BASIS),
        notes=_text(where, data, "notes", limits.PROCEDURE_NOTES),
        active=_flag(where, data, "active", True, "active"),
        processing_by=_processing_by(where, data.get("processing_by")),
        coordinating_units=_coordinating_units(where, data.get("coordinating_units")),
        step_days=_step_days(where, data.get("step_days")),
    )


@dataclass(frozen=True)
class Catalogue:
    procedures: tuple[Procedure, ...]

    def __post_init__(self) -> None:
        codes = [p.code for p in self.procedures]
        duplicates = sorted({c for c in codes if codes.count(c) > 1})
        if duplicates:
            raise CatalogueError(
                f"Danh mục có mã thủ tục trùng: {', '.join(duplicates)}.",
                code="catalogue.duplicate",
            )

    def __iter__(self) -> Iterator[Procedure]:
        return iter(self.procedures)

    def __len__(self) -> int:
        return len(self.procedures)

    def get(self, code: str) -> Procedure:
        for procedure in self.procedures:
            if procedure.code == code:
                return procedure
        from desk.errors import NotFound

        raise NotFound(f"Không có thủ tục mã {code} trong danh mục.", code="procedure.not_found")

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": CATALOGUE_FORMAT,
            "version": CATALOGUE_VERSION,
            "procedures": [p.to_dict() for p in self.procedures],
        }

    @classmethod
    def from_procedures(cls, procedures: Iterable[Procedure]) -> Catalogue:
        return cls(tuple(procedures))


def dump_catalogue(catalogue: Catalogue) -> str:
    return json.dumps(catalogue.to_dict(), ensure_ascii=False, indent=2) + "\n"
