"""The procedure catalogue (thủ tục hành chính) as data, with its validation."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import time
from decimal import Decimal, InvalidOperation
from enum import Enum
from pathlib import Path
from typing import Any

from desk.domain.calendar import ProcessingTime
from desk.domain.data_files import read_json_file
from desk.domain.fees import FeeRule
from desk.domain.formats import processing_label
from desk.domain.text import clean, fold
from desk.errors import CatalogueError

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


def _days(value: Any, where: str) -> Decimal:
    try:
        days = Decimal(str(value))
    except InvalidOperation:
        raise CatalogueError(f"{where}: số ngày «{value}» không hợp lệ.") from None
    return days


def _cutoff(value: Any, where: str) -> time | None:
    if value in (None, ""):
        return None
    try:
        return time.fromisoformat(str(value))
    except ValueError:
        raise CatalogueError(f"{where}: giờ tiếp nhận cuối «{value}» không hợp lệ.") from None


def _processing_by(value: Any, where: str) -> ProcessingBy | None:
    if value in (None, {}):
        return None
    times = value.get("times") if isinstance(value, dict) else None
    field = clean(str(value.get("field", ""))) if isinstance(value, dict) else ""
    if not field or not isinstance(times, dict) or not times:
        raise CatalogueError(
            f"{where}: «processing_by» cần tên trường («field») và thời hạn theo từng trường "
            "hợp («times»).",
            code="catalogue.processing_by",
        )
    cases = []
    for case, raw in times.items():
        if not isinstance(raw, dict) or not clean(str(case)):
            raise CatalogueError(
                f"{where}: thời hạn của trường hợp «{case}» không hợp lệ.",
                code="catalogue.processing_by",
            )
        cutoff = _cutoff(raw.get("cutoff"), where)
        cases.append(
            (clean(str(case)), ProcessingTime(_days(raw.get("processing_days", 0), where), cutoff))
        )
    return ProcessingBy(field, tuple(cases))


EXTENDED_REPLACE = "replace"  # the time when checks are needed replaces the normal time
EXTENDED_ADD = "add"  # it is added after the normal time ("extended by up to N more days")


def _extended(
    data: dict[str, Any], processing: ProcessingTime, where: str
) -> ProcessingTime | None:
    if data.get("extended_days") in (None, ""):
        return None
    days = _days(data["extended_days"], where)
    mode = data.get("extended_mode") or EXTENDED_REPLACE
    if mode == EXTENDED_ADD:
        return ProcessingTime(processing.days, processing.cutoff, added_days=days)
    if mode != EXTENDED_REPLACE:
        raise CatalogueError(
            f"{where}: extended_mode «{mode}» phải là «replace» (thay thời hạn thường) hoặc "
            "«add» (cộng thêm vào thời hạn thường).",
            code="catalogue.processing",
        )
    return ProcessingTime(days)


def _coordinating_units(value: Any, where: str) -> tuple[str, ...]:
    if value in (None, ""):
        return ()
    if not isinstance(value, list) or not all(isinstance(unit, str) for unit in value):
        raise CatalogueError(
            f"{where}: «coordinating_units» phải là danh sách tên cơ quan phối hợp.",
            code="catalogue.coordinating_units",
        )
    return tuple(name for name in (clean(unit) for unit in value) if name)


STEP_KEYS = ("transfer", "process")  # the steps desk.domain.steps can judge on their own


def _step_days(value: Any, where: str) -> tuple[tuple[str, Decimal], ...]:
    if value in (None, {}):
        return ()
    if not isinstance(value, dict) or not set(value) <= set(STEP_KEYS):
        raise CatalogueError(
            f"{where}: «step_days» ghi số ngày làm việc cho từng bước: {', '.join(STEP_KEYS)}.",
            code="catalogue.step_days",
        )
    steps = []
    for step in STEP_KEYS:
        if step in value:
            days = _days(value[step], where)
            try:
                ProcessingTime(days)  # the same rules as a processing time (≥ 0, halves)
            except Exception:
                raise CatalogueError(
                    f"{where}: số ngày «{value[step]}» của bước {step} không hợp lệ (số ngày "
                    "làm việc, bội số của 0,5).",
                    code="catalogue.step_days",
                ) from None
            steps.append((step, days))
    return tuple(steps)


def procedure_from_dict(data: dict[str, Any]) -> Procedure:
    code = clean(str(data.get("code", "")))
    where = f"Thủ tục {code or '(chưa có mã)'}"
    if not _PROCEDURE_CODE.match(code):
        raise CatalogueError(f"{where}: mã thủ tục phải có dạng 1.001193.", code="catalogue.code")
    name = clean(data.get("name"))
    if not name:
        raise CatalogueError(f"{where}: thiếu tên thủ tục.", code="catalogue.name")
    try:
        cutoff = _cutoff(data.get("cutoff"), where)
        processing = ProcessingTime(_days(data.get("processing_days", 0), where), cutoff)
        extended = _extended(data, processing, where)
        processing_by = _processing_by(data.get("processing_by"), where)
    except CatalogueError:
        raise
    except Exception as exc:  # ProcessingTime's own InvalidInput
        raise CatalogueError(f"{where}: {exc}", code="catalogue.processing") from None
    documents = []
    seen_codes = set()
    for raw in data.get("documents", []):
        doc_code = clean(str(raw.get("code", "")))
        doc_name = clean(raw.get("name"))
        if not doc_code or not doc_name:
            raise CatalogueError(f"{where}: giấy tờ thiếu mã hoặc tên.", code="catalogue.document")
        if doc_code in seen_codes:
            raise CatalogueError(
                f"{where}: trùng mã giấy tờ {doc_code}.", code="catalogue.document"
            )
        seen_codes.add(doc_code)
        try:
            copy_kind = CopyKind(raw.get("copy_kind", "original"))
        except ValueError:
            raise CatalogueError(
                f"{where}: loại bản «{raw.get('copy_kind')}» không hợp lệ.",
                code="catalogue.document",
            ) from None
        documents.append(
            RequiredDocument(
                code=doc_code,
                name=doc_name,
                required=bool(raw.get("required", True)),
                copy_kind=copy_kind,
                group=clean(raw.get("group")),
                note=clean(raw.get("note")),
                shown=bool(raw.get("shown", False)),
            )
        )
    fee_data = data.get("fee") or {"kind": "free"}
    try:
        fee = FeeRule.from_dict(fee_data)
    except CatalogueError as exc:
        raise CatalogueError(f"{where}: {exc.message}", code=exc.code) from None
    return Procedure(
        code=code,
        name=name,
        field_code=clean(str(data.get("field_code", ""))),
        field_name=clean(data.get("field_name")),
        processing=processing,
        extended=extended,
        fee=fee,
        documents=tuple(documents),
        form=clean(data.get("form")),
        lead_unit=clean(data.get("lead_unit")) or "UBND xã",
        legal_basis=clean(data.get("legal_basis")),
        notes=clean(data.get("notes")),
        active=bool(data.get("active", True)),
        processing_by=processing_by,
        coordinating_units=_coordinating_units(data.get("coordinating_units"), where),
        step_days=_step_days(data.get("step_days"), where),
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
    def from_dict(cls, data: Any) -> Catalogue:
        if not isinstance(data, dict) or data.get("format") != CATALOGUE_FORMAT:
            raise CatalogueError(
                "Tệp không phải danh mục thủ tục của Commune Desk.", code="catalogue.format"
            )
        if data.get("version") != CATALOGUE_VERSION:
            raise CatalogueError(
                f"Phiên bản danh mục {data.get('version')} không được hỗ trợ.",
                code="catalogue.version",
            )
        return cls(tuple(procedure_from_dict(p) for p in data.get("procedures", [])))

    @classmethod
    def from_procedures(cls, procedures: Iterable[Procedure]) -> Catalogue:
        return cls(tuple(procedures))


def load_catalogue_file(path: Path) -> Catalogue:
    data = read_json_file(path, "tệp danh mục", CatalogueError, "catalogue")
    return Catalogue.from_dict(data)


def dump_catalogue(catalogue: Catalogue) -> str:
    return json.dumps(catalogue.to_dict(), ensure_ascii=False, indent=2) + "\n"
