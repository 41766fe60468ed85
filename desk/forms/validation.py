"""Checking a form's values, each field by its kind (the form's cross-field rules, and
the whole form's check, are ``desk.forms.rules``).

``validate_form(form_name, values)`` returns every problem at once (the clerk fixes them
in any order), each tied to the key of the field it belongs next to. Errors stop the
intake; warnings are shown and the clerk decides.

Values are what the screen holds: a mapping from a field key to its raw value (text as
typed, or already a ``date``/``int``), and for a person field a mapping of its parts.
Dotted keys may also be given nested (``{"marriage_registration": {"number": …}}``), so the
form data of a recorded dossier validates as well.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from functools import cache
from typing import Any

from desk.domain import limits
from desk.domain.calendar import now_in_office
from desk.domain.identity import Sex, check_id_number, parse_id_number
from desk.domain.text import clean
from desk.errors import InvalidInput
from desk.forms.spec import (
    SEX_CHOICES,
    FieldKind,
    FieldSpec,
    FormDefinition,
    PersonPart,
    Severity,
)
from desk.forms.values import (
    is_empty,
    match_choice,
    parse_bool,
    parse_date_text,
    parse_int,
    parse_year,
)

# The declared limit of each text attribute of a person (the same the services check).
PART_LIMITS: dict[str, limits.TextLimit] = {
    "full_name": limits.PERSON_NAME,
    "id_number": limits.ID_NUMBER,
    "old_id_number": limits.OLD_ID_NUMBER,
    "phone": limits.PHONE,
    "email": limits.EMAIL,
    "address": limits.ADDRESS,
    "id_issuer": limits.ID_ISSUER,
}


@dataclass(frozen=True, slots=True)
class FieldProblem:
    """Something wrong with a field, shown next to it. ``key`` is the field's path:
    ``"ethnicity"``, ``"mother.full_name"``, ``"marriage_registration.date"``."""

    key: str
    message: str
    severity: Severity = Severity.ERROR
    code: str = ""

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


def _today(today: date | None) -> date:
    return today or now_in_office().date()


def raw_value(values: Mapping[str, Any], path: str) -> Any:
    """The value at ``path``: a flat key first, then the nested mapping it names."""
    if path in values:
        return values[path]
    head, _, tail = path.partition(".")
    if tail and isinstance(values.get(head), Mapping):
        return raw_value(values[head], tail)
    return None


def person_values(values: Mapping[str, Any], key: str) -> Mapping[str, Any]:
    value = values.get(key)
    return value if isinstance(value, Mapping) else {}


def person_is_filled(person: Mapping[str, Any]) -> bool:
    return not is_empty(person)


# --- one value ----------------------------------------------------------------------


def _parse_part(part: PersonPart, raw: Any, what: str = "") -> Any:
    if part.key == "birth_year":
        return parse_year(raw)
    if part.kind is FieldKind.DATE:
        return parse_date_text(raw)
    if part.key == "sex":
        return match_choice(raw, SEX_CHOICES, allow_other=False)
    limit = PART_LIMITS.get(part.key)
    if limit is not None:
        return limit.check(raw, what=what)
    return clean(str(raw)) if raw is not None else ""


@cache
def text_limit(spec: FieldSpec) -> limits.TextLimit:
    """A form's text field: the declared limit of form text, at the field's own length."""
    kind = limits.TextKind.LINES if spec.multiline else limits.TextKind.LINE
    return replace(
        limits.FORM_TEXT, label=spec.label.lower(), max_length=spec.max_length, kind=kind
    )


def _parse_field(spec: FieldSpec, raw: Any) -> Any:
    if spec.kind is FieldKind.DATE:
        return parse_date_text(raw)
    if spec.kind is FieldKind.NUMBER:
        return parse_int(raw)
    if spec.kind is FieldKind.CHOICE:
        return match_choice(raw, spec.choices, allow_other=spec.allow_other)
    if spec.kind is FieldKind.BOOL:
        return parse_bool(raw)
    return text_limit(spec).check(raw)


def part_value(part: PersonPart, raw: Any) -> Any:
    """A person part's parsed value (None when empty or unreadable)."""
    if is_empty(raw):
        return None
    try:
        return _parse_part(part, raw)
    except InvalidInput:
        return None


def typed_value(form: FormDefinition, values: Mapping[str, Any], path: str) -> Any:
    """The parsed value at ``path`` (None when empty or unreadable)."""
    spec = form.field(path)
    if spec is not None:
        if spec.is_person:
            person = person_values(values, path)
            return person if person_is_filled(person) else None
        raw = raw_value(values, path)
        if is_empty(raw):
            return None
        try:
            return _parse_field(spec, raw)
        except InvalidInput:
            return None
    head, _, tail = path.partition(".")
    owner = form.field(head)
    part = owner.part(tail) if owner is not None else None
    if part is None:
        return None
    return part_value(part, person_values(values, head).get(tail))


def _date_problems(path: str, label: str, value: date, not_future: bool, today: date) -> list:
    if not_future and value > today:
        return [
            FieldProblem(
                path,
                f"Ngày {value:%d/%m/%Y} ở tương lai (hôm nay là {today:%d/%m/%Y}).",
                code="date.future",
            )
        ]
    return []


def validate_person(
    spec: FieldSpec,
    person: Mapping[str, Any],
    *,
    today: date | None = None,
    prefix: str = "",
    into: dict[str, Any] | None = None,
) -> list[FieldProblem]:
    """The problems of one person field (the applicant, the child, the mother …).
    ``into``: receives each part read, by its path (the rules then need not read it again)."""
    today = _today(today)
    prefix = prefix or spec.key
    who = spec.role_label or spec.label.lower()
    problems: list[FieldProblem] = []
    filled = person_is_filled(person)
    if not filled:
        if spec.required:
            problems.append(
                FieldProblem(f"{prefix}.full_name", f"Chưa nhập họ tên {who}.", code="required")
            )
        return problems
    parsed: dict[str, Any] = {}
    for part in spec.person:
        path = f"{prefix}.{part.key}"
        raw = person.get(part.key)
        if is_empty(raw):
            if part.required:
                problems.append(
                    FieldProblem(
                        path, f"Chưa nhập {part.label.lower()} của {who}.", code="required"
                    )
                )
            continue
        try:
            value = _parse_part(part, raw, f"của {who}")
        except InvalidInput as error:
            problems.append(FieldProblem(path, error.message, code=error.code))
            continue
        parsed[part.key] = value
        if into is not None:
            into[path] = value
        if isinstance(value, date):
            problems += _date_problems(path, part.label, value, part.not_future, today)
        if part.key == "birth_year" and value > today.year:
            problems.append(
                FieldProblem(path, f"Năm sinh {value} ở tương lai.", code="date.future")
            )
    if "full_name" not in parsed and not any(p.key.endswith(".full_name") for p in problems):
        problems.append(
            FieldProblem(f"{prefix}.full_name", f"Chưa nhập họ tên {who}.", code="required")
        )
    problems += _id_problems(prefix, parsed, today)
    issued = parsed.get("id_issue_date")
    born = parsed.get("birth_date")
    if isinstance(issued, date) and isinstance(born, date) and issued < born:
        problems.append(
            FieldProblem(
                f"{prefix}.id_issue_date",
                "Ngày cấp giấy tờ tùy thân không thể trước ngày sinh.",
                code="date.order",
            )
        )
    return problems


def _id_problems(prefix: str, parsed: Mapping[str, Any], today: date) -> list[FieldProblem]:
    number = parsed.get("id_number")
    if not number:
        return []
    path = f"{prefix}.id_number"
    sex_text = parsed.get("sex")
    sex = None
    if sex_text:
        sex = Sex.parse(sex_text)
    try:
        warnings = check_id_number(
            number, birth_date=parsed.get("birth_date"), sex=sex, today=today
        )
    except InvalidInput as error:
        return [FieldProblem(path, error.message, code=error.code)]
    problems = [FieldProblem(path, w.message, Severity.WARNING, code=w.code) for w in warnings]
    year = parsed.get("birth_year")
    if year and not parsed.get("birth_date"):
        facts = parse_id_number(number, today=today)
        if facts.birth_year != year:
            problems.append(
                FieldProblem(
                    path,
                    f"Số định danh cho năm sinh {facts.birth_year}, nhưng năm sinh đã nhập là "
                    f"{year}.",
                    Severity.WARNING,
                    code="id_number.birth_year_mismatch",
                )
            )
    return problems


def validate_field(
    spec: FieldSpec, values: Mapping[str, Any], today: date, into: dict[str, Any]
) -> list:
    raw = raw_value(values, spec.key)
    if is_empty(raw):
        if spec.required:
            return [FieldProblem(spec.key, f"Chưa nhập {spec.label.lower()}.", code="required")]
        return []
    try:
        value = _parse_field(spec, raw)
    except InvalidInput as error:
        return [FieldProblem(spec.key, error.message, code=error.code)]
    into[spec.key] = value
    problems: list[FieldProblem] = []
    if spec.kind is FieldKind.DATE and isinstance(value, date):
        problems += _date_problems(spec.key, spec.label, value, spec.not_future, today)
    if spec.kind is FieldKind.NUMBER and value is not None:
        if spec.min_value is not None and value < spec.min_value:
            problems.append(
                FieldProblem(
                    spec.key, f"{spec.label} phải từ {spec.min_value} trở lên.", code="number.min"
                )
            )
        if spec.max_value is not None and value > spec.max_value:
            problems.append(
                FieldProblem(
                    spec.key,
                    f"{spec.label} không được quá {spec.max_value}.",
                    code="number.max",
                )
            )
    return problems
