"""Checking a form's values: each field by its kind, then the form's cross-field rules.

``validate_form(form_name, values)`` returns every problem at once (the clerk fixes them
in any order), each tied to the key of the field it belongs next to. Errors stop the
intake; warnings are shown and the clerk decides.

Values are what the screen holds: a mapping from a field key to its raw value (text as
typed, or already a ``date``/``int``), and for a person field a mapping of its parts.
Dotted keys may also be given nested (``{"marriage_registration": {"number": …}}``), so the
form data of a recorded dossier validates as well.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from desk.domain.calendar import now_in_office
from desk.domain.identity import Sex, check_id_number, parse_id_number
from desk.domain.text import clean, fold
from desk.errors import InvalidInput
from desk.forms.spec import (
    SEX_CHOICES,
    FieldKind,
    FieldSpec,
    FormDefinition,
    PersonPart,
    Rule,
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

_PHONE = re.compile(r"^\+?\d{9,12}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


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


def _parse_part(part: PersonPart, raw: Any) -> Any:
    if part.key == "birth_year":
        return parse_year(raw)
    if part.kind is FieldKind.DATE:
        return parse_date_text(raw)
    if part.key == "sex":
        return match_choice(raw, SEX_CHOICES, allow_other=False)
    return clean(str(raw)) if raw is not None else ""


def _parse_field(spec: FieldSpec, raw: Any) -> Any:
    if spec.kind is FieldKind.DATE:
        return parse_date_text(raw)
    if spec.kind is FieldKind.NUMBER:
        return parse_int(raw)
    if spec.kind is FieldKind.CHOICE:
        return match_choice(raw, spec.choices, allow_other=spec.allow_other)
    if spec.kind is FieldKind.BOOL:
        return parse_bool(raw)
    return clean(str(raw)) if raw is not None else ""


def typed_value(form: FormDefinition, values: Mapping[str, Any], path: str) -> Any:
    """The parsed value at ``path`` (None when empty or unreadable)."""
    spec = form.field(path)
    try:
        if spec is not None:
            if spec.is_person:
                person = person_values(values, path)
                return person if person_is_filled(person) else None
            raw = raw_value(values, path)
            return None if is_empty(raw) else _parse_field(spec, raw)
        head, _, tail = path.partition(".")
        owner = form.field(head)
        part = owner.part(tail) if owner is not None else None
        if part is None:
            return None
        raw = person_values(values, head).get(tail)
        return None if is_empty(raw) else _parse_part(part, raw)
    except InvalidInput:
        return None


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
    spec: FieldSpec, person: Mapping[str, Any], *, today: date | None = None, prefix: str = ""
) -> list[FieldProblem]:
    """The problems of one person field (the applicant, the child, the mother …)."""
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
            value = _parse_part(part, raw)
        except InvalidInput as error:
            problems.append(FieldProblem(path, error.message, code=error.code))
            continue
        parsed[part.key] = value
        if isinstance(value, date):
            problems += _date_problems(path, part.label, value, part.not_future, today)
        if part.key == "birth_year" and value > today.year:
            problems.append(
                FieldProblem(path, f"Năm sinh {value} ở tương lai.", code="date.future")
            )
        if part.key == "phone" and not _PHONE.match(value.replace(" ", "").replace(".", "")):
            problems.append(
                FieldProblem(
                    path, f"Số điện thoại «{value}» không hợp lệ (9–12 chữ số).", code="phone"
                )
            )
        if part.key == "email" and not _EMAIL.match(value):
            problems.append(
                FieldProblem(path, f"Thư điện tử «{value}» không hợp lệ.", code="email")
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


def _validate_field(spec: FieldSpec, values: Mapping[str, Any], today: date) -> list:
    raw = raw_value(values, spec.key)
    if is_empty(raw):
        if spec.required:
            return [FieldProblem(spec.key, f"Chưa nhập {spec.label.lower()}.", code="required")]
        return []
    try:
        value = _parse_field(spec, raw)
    except InvalidInput as error:
        return [FieldProblem(spec.key, error.message, code=error.code)]
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
    if spec.kind is FieldKind.TEXT and isinstance(value, str) and len(value) > spec.max_length:
        problems.append(
            FieldProblem(
                spec.key,
                f"{spec.label} dài quá {spec.max_length} ký tự ({len(value)}).",
                code="text.length",
            )
        )
    return problems


# --- rules --------------------------------------------------------------------------


def _filled(form: FormDefinition, values: Mapping[str, Any], path: str) -> bool:
    spec = form.field(path)
    if spec is not None and spec.is_person:
        return person_is_filled(person_values(values, path))
    return not is_empty(raw_value(values, path))


def _year(value: Any) -> int | None:
    if isinstance(value, date):
        return value.year
    if isinstance(value, int):
        return value
    return None


def _equals(actual: Any, expected: Any) -> bool:
    if expected is None:
        return actual is not None and not is_empty(actual)
    if isinstance(expected, list):
        return any(_equals(actual, e) for e in expected)
    if isinstance(expected, str) and isinstance(actual, str):
        return fold(actual) == fold(expected)
    return bool(actual == expected)


def family_name(full_name: str) -> str:
    """The family name (họ) of a Vietnamese full name: its first word, compared without
    regard to case but with its accents (Lê and Lý are different families)."""
    words = clean(full_name).split(" ", 1)
    return words[0].casefold()


def requester_role(form: FormDefinition, values: Mapping[str, Any]) -> str | None:
    """The person field the requester is (``"father"`` when the relation is «Cha»), by the
    form's ``is_requester`` rules; None when the requester is someone else."""
    for rule in form.rules:
        if rule.rule == "is_requester" and _equals(
            typed_value(form, values, rule.when), rule.equals
        ):
            return rule.field
    return None


def _full_years(later: date, earlier: date) -> int:
    years = later.year - earlier.year
    if (later.month, later.day) < (earlier.month, earlier.day):
        years -= 1
    return years


def _apply_rule(
    form: FormDefinition, rule: Rule, values: Mapping[str, Any], today: date
) -> list[FieldProblem]:
    def problem(path: str) -> FieldProblem:
        return FieldProblem(path, rule.message, rule.severity, code=f"rule.{rule.rule}")

    if rule.rule == "at_least_one":
        if not any(_filled(form, values, path) for path in rule.fields):
            return [problem(rule.fields[0])]
        return []
    if rule.rule == "together":
        filled = [path for path in rule.fields if _filled(form, values, path)]
        if filled and len(filled) < len(rule.fields):
            return [problem(path) for path in rule.fields if path not in filled]
        return []
    if rule.rule in ("required_when", "is_requester"):
        trigger = typed_value(form, values, rule.when)
        if _equals(trigger, rule.equals) and not _filled(form, values, rule.field):
            return [problem(rule.field)]
        return []
    if rule.rule == "family_name":
        name = typed_value(form, values, rule.field)
        others = [typed_value(form, values, path) for path in rule.fields]
        families = {family_name(o) for o in others if isinstance(o, str) and o}
        if isinstance(name, str) and name and families and family_name(name) not in families:
            return [problem(rule.field)]
        return []
    if rule.rule == "not_equals":
        value = typed_value(form, values, rule.field)
        if value is not None and _equals(value, rule.equals):
            return [problem(rule.field)]
        return []
    if rule.rule == "different":
        texts = [typed_value(form, values, path) for path in rule.fields]
        if all(isinstance(t, str) and t for t in texts) and len({fold(t) for t in texts}) == 1:
            return [problem(rule.fields[-1])]
        return []
    if rule.rule == "min_age":
        born = typed_value(form, values, rule.field)
        if isinstance(born, date) and _full_years(today, born) < rule.years:
            return [problem(rule.field)]
        if isinstance(born, int) and today.year - born < rule.years:
            return [problem(rule.field)]
        return []
    later = typed_value(form, values, rule.field)
    earlier = typed_value(form, values, rule.other)
    if later is None or earlier is None:
        return []
    if rule.rule == "not_before":
        if isinstance(later, date) and isinstance(earlier, date):
            wrong = later < earlier
        else:
            later_year, earlier_year = _year(later), _year(earlier)
            wrong = (
                later_year is not None and earlier_year is not None and later_year < earlier_year
            )
        return [problem(rule.field)] if wrong else []
    if rule.rule == "years_between":
        if isinstance(later, date) and isinstance(earlier, date):
            gap = _full_years(later, earlier)
        else:
            later_year, earlier_year = _year(later), _year(earlier)
            if later_year is None or earlier_year is None:
                return []
            gap = later_year - earlier_year
        return [problem(rule.field)] if gap < rule.years else []
    return []


def validate_values(
    form: FormDefinition, values: Mapping[str, Any], *, today: date | None = None
) -> list[FieldProblem]:
    today = _today(today)
    problems: list[FieldProblem] = []
    for spec in form.fields():
        if spec.is_person:
            problems += validate_person(spec, person_values(values, spec.key), today=today)
        else:
            problems += _validate_field(spec, values, today)
    for rule in form.rules:
        problems += _apply_rule(form, rule, values, today)
    return problems


def validate_form(
    form_name: str, data: Mapping[str, Any], *, today: date | None = None
) -> list[FieldProblem]:
    """Every problem of the values of form ``form_name`` (see the module docstring)."""
    from desk.forms.definitions import get_form

    return validate_values(get_form(form_name), data, today=today)
