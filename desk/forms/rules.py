"""A whole form's check: each field's own (``desk.forms.validation``), then the form's
cross-field rules (``Rule``, named in each form's ``rules``: a small vocabulary of checks
between fields, each with the message the clerk reads) on the values those checks read.

``validate_values(form, values)`` / ``validate_form(name, values)``: every problem, as
the intake window shows them. ``requester_role`` answers, from the ``is_requester`` rules,
which person of the form the requester is (the printed declaration asks it).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from desk.domain.calendar import now_in_office
from desk.domain.text import clean, fold
from desk.forms.spec import FormDefinition, Rule
from desk.forms.validation import (
    FieldProblem,
    person_is_filled,
    person_values,
    raw_value,
    typed_value,
    validate_field,
    validate_person,
)
from desk.forms.values import is_empty


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


def apply_rule(
    form: FormDefinition,
    rule: Rule,
    values: Mapping[str, Any],
    today: date,
    typed: Callable[[str], Any],
) -> list[FieldProblem]:
    """The rule's problems; ``typed(path)``: the value read at path (None when empty or
    unreadable)."""

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
        trigger = typed(rule.when)
        if _equals(trigger, rule.equals) and not _filled(form, values, rule.field):
            return [problem(rule.field)]
        return []
    if rule.rule == "family_name":
        name = typed(rule.field)
        others = [typed(path) for path in rule.fields]
        families = {family_name(o) for o in others if isinstance(o, str) and o}
        if isinstance(name, str) and name and families and family_name(name) not in families:
            return [problem(rule.field)]
        return []
    if rule.rule == "not_equals":
        value = typed(rule.field)
        if value is not None and _equals(value, rule.equals):
            return [problem(rule.field)]
        return []
    if rule.rule == "different":
        texts = [typed(path) for path in rule.fields]
        if all(isinstance(t, str) and t for t in texts) and len({fold(t) for t in texts}) == 1:
            return [problem(rule.fields[-1])]
        return []
    if rule.rule == "min_age":
        born = typed(rule.field)
        if isinstance(born, date) and _full_years(today, born) < rule.years:
            return [problem(rule.field)]
        if isinstance(born, int) and today.year - born < rule.years:
            return [problem(rule.field)]
        return []
    later = typed(rule.field)
    earlier = typed(rule.other)
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
    form: FormDefinition,
    values: Mapping[str, Any],
    *,
    today: date | None = None,
    read: dict[str, Any] | None = None,
) -> list[FieldProblem]:
    """Every problem of the form's values. ``read``: receives what the checks read, by
    path (``form_output(…, read=read)`` then reads nothing again)."""
    today = today or now_in_office().date()
    problems: list[FieldProblem] = []
    # What the fields' checks read, by path, for the rules: each value is read once.
    read = {} if read is None else read
    for spec in form.fields():
        if spec.is_person:
            person = person_values(values, spec.key)
            read[spec.key] = person if person_is_filled(person) else None
            problems += validate_person(spec, person, today=today, into=read)
        else:
            problems += validate_field(spec, values, today, read)

    def typed(path: str) -> Any:
        if path in read:
            return read[path]
        value = read[path] = typed_value(form, values, path)
        return value

    for rule in form.rules:
        problems += apply_rule(form, rule, values, today, typed)
    return problems


def validate_form(
    form_name: str, data: Mapping[str, Any], *, today: date | None = None
) -> list[FieldProblem]:
    """Every problem of the values of form ``form_name`` (see the module docstring)."""
    from desk.forms.definitions import get_form

    return validate_values(get_form(form_name), data, today=today)
