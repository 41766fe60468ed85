"""From a form's values to what the dossier records: form data, parties, request fields."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from desk.domain.calendar import now_in_office
from desk.domain.dossier import Party, Person
from desk.domain.identity import Sex
from desk.forms.spec import FieldSpec, FormDefinition
from desk.forms.validation import part_value, person_is_filled, person_values, typed_value
from desk.forms.values import is_empty

PERSON_KEYS = (
    "full_name",
    "id_number",
    "old_id_number",
    "birth_date",
    "sex",
    "address",
    "phone",
    "email",
    "id_issue_date",
    "id_issuer",
)


@dataclass(slots=True)
class FormOutput:
    form_data: dict[str, Any] = field(default_factory=dict)
    parties: list[Party] = field(default_factory=list)
    request: dict[str, int] = field(default_factory=dict)  # copies, pages, sets_count
    late: bool = False


def _canonical(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    return value


def _put(data: dict[str, Any], path: str, value: Any) -> None:
    head, _, tail = path.partition(".")
    if not tail:
        data[head] = value
        return
    inner = data.setdefault(head, {})
    if isinstance(inner, dict):
        _put(inner, tail, value)


def person_from_values(
    spec: FieldSpec, values: Mapping[str, Any], read: Mapping[str, Any] | None = None
) -> Person:
    """A ``Person`` from a person field's values; unreadable parts are left empty.
    ``read``: the parts ``validate_values`` read (by path), not parsed again."""
    parsed: dict[str, Any] = {}
    for key in PERSON_KEYS:
        part = spec.part(key)
        if part is None:
            if key in values and not is_empty(values[key]):
                parsed[key] = values[key]  # carried along (e.g. the old ID from a card)
            continue
        if read is None:
            parsed[key] = part_value(part, values.get(key))
        else:  # validate_person keeps every part it could read; the others are None
            parsed[key] = read.get(f"{spec.key}.{key}")
    sex = parsed.get("sex")
    born = parsed.get("birth_date")
    issued = parsed.get("id_issue_date")
    return Person(
        full_name=str(parsed.get("full_name") or ""),
        id_number=str(parsed.get("id_number") or ""),
        old_id_number=str(parsed.get("old_id_number") or ""),
        birth_date=born if isinstance(born, date) else None,
        sex=Sex.parse(sex) if isinstance(sex, str) and sex else None,
        address=str(parsed.get("address") or ""),
        phone=str(parsed.get("phone") or ""),
        email=str(parsed.get("email") or ""),
        id_issue_date=issued if isinstance(issued, date) else None,
        id_issuer=str(parsed.get("id_issuer") or ""),
    )


def values_of_person(person: Person) -> dict[str, Any]:
    """A recorded person as a person field's values (what the clerk would have typed):
    the reverse of ``person_from_values``, empty parts left out. ``birth_year`` comes from
    the date of birth, as the intake window copies the applicant into a parent's block."""
    values: dict[str, Any] = {
        "id_number": person.id_number,
        "old_id_number": person.old_id_number,
        "full_name": person.full_name,
        "birth_date": person.birth_date,
        "birth_year": person.birth_date.year if person.birth_date else None,
        "sex": person.sex.value if person.sex else "",
        "address": person.address,
        "phone": person.phone,
        "email": person.email,
        "id_issue_date": person.id_issue_date,
        "id_issuer": person.id_issuer,
    }
    return {key: value for key, value in values.items() if value not in (None, "")}


def _get(data: Mapping[str, Any], path: str) -> Any:
    head, _, tail = path.partition(".")
    value = data.get(head)
    if tail:
        return _get(value, tail) if isinstance(value, Mapping) else None
    return value


def record_values(
    form: FormDefinition, parties: Iterable[Party], form_data: Mapping[str, Any]
) -> dict[str, Any]:
    """A recorded dossier's parties and form data as the form's values, so that what was
    recorded can be checked again by ``validate_values`` (the intake window's checks):
    each party under its role, a value ``copy_to`` put in the form data back in its person."""
    values: dict[str, Any] = dict(form_data)
    people = {party.role: party.person for party in parties}
    for spec in form.person_fields():
        person = people.get(spec.key)
        if person is None:
            continue
        person_values = values_of_person(person)
        for part in spec.person:
            copied = _get(form_data, part.copy_to) if part.copy_to else None
            if copied is not None:
                person_values[part.key] = copied
        values[spec.key] = person_values
    return values


def is_late(
    form: FormDefinition,
    values: Mapping[str, Any],
    today: date,
    read: Mapping[str, Any] | None = None,
) -> bool:
    if form.late is None:
        return False
    path = form.late.field
    moment = read[path] if read is not None and path in read else typed_value(form, values, path)
    return isinstance(moment, date) and moment < today - timedelta(days=form.late.days)


def form_output(
    form: FormDefinition,
    values: Mapping[str, Any],
    *,
    today: date | None = None,
    read: Mapping[str, Any] | None = None,
) -> FormOutput:
    """What the dossier records. Run it on values that passed validation: a value that
    cannot be read is left out rather than guessed. ``read``: what ``validate_values``
    read from these same values (its ``read=``), so nothing is parsed twice."""
    today = today or now_in_office().date()
    output = FormOutput()

    def typed(path: str) -> Any:
        if read is not None and path in read:
            return read[path]
        return typed_value(form, values, path)

    for spec in form.fields():
        if spec.is_person:
            person = person_values(values, spec.key)
            if not person_is_filled(person):
                continue
            output.parties.append(Party(spec.key, person_from_values(spec, person, read)))
            for part in spec.person:
                if part.copy_to:
                    if read is None:
                        value = part_value(part, person.get(part.key))
                    else:
                        value = read.get(f"{spec.key}.{part.key}")
                    if value is not None:
                        _put(output.form_data, part.copy_to, _canonical(value))
            continue
        value = typed(spec.key)
        if value is None or value == "":
            continue
        _put(output.form_data, spec.key, _canonical(value))
    for attribute, path in form.request:
        number = typed(path)
        if isinstance(number, int):
            output.request[attribute] = number
        elif (counted := form.field(path)) is not None and counted.min_value == 0:
            output.request[attribute] = 0  # "0 nếu không yêu cầu": left blank, none asked
    output.late = is_late(form, values, today, read)
    return output
