"""Field specifications of the intake forms: what each procedure asks, as data.

A form is a list of sections; a section is a list of fields. A field has a ``key`` (its
place in the form's values), a Vietnamese ``label``, a ``kind`` and the constraints of its
kind. A ``person`` field is a small group of a person's attributes (name, date of birth,
ID number, residence …) and becomes an ``IntakeRequest.parties`` entry with the field's
key as its role; every other field goes into ``IntakeRequest.form_data``. A dotted key
(``marriage_registration.number``) nests the value in a mapping of the form data.

Cross-field rules (``rules``) are data too: a small vocabulary of named checks, each
with the fields it compares and the Vietnamese message the clerk reads.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from enum import Enum
from typing import Any

from desk.domain.text import clean
from desk.errors import CatalogueError

FORM_FORMAT = "commune-desk/form"
FORM_VERSION = 1


class FieldKind(Enum):
    TEXT = "text"
    DATE = "date"
    CHOICE = "choice"
    PERSON = "person"
    NUMBER = "number"
    BOOL = "bool"


class Severity(Enum):
    ERROR = "error"  # stops the intake until corrected
    WARNING = "warning"  # the clerk must see it; she decides


# The attributes of a person a form may ask, with their kind and default label. ``birth_year``
# is not an attribute of ``Person``: it goes to the form data (the declarations print a
# parent's year of birth, not the full date), under the key named by ``copy_to``.
PERSON_ATTRIBUTES: dict[str, tuple[FieldKind, str]] = {
    "id_number": (FieldKind.TEXT, "Số định danh cá nhân"),
    "full_name": (FieldKind.TEXT, "Họ, chữ đệm, tên"),
    "birth_date": (FieldKind.DATE, "Ngày, tháng, năm sinh"),
    "birth_year": (FieldKind.NUMBER, "Năm sinh"),
    "sex": (FieldKind.CHOICE, "Giới tính"),
    "address": (FieldKind.TEXT, "Nơi cư trú"),
    "phone": (FieldKind.TEXT, "Số điện thoại"),
    "email": (FieldKind.TEXT, "Thư điện tử"),
    "old_id_number": (FieldKind.TEXT, "Số CMND cũ"),
    "id_issue_date": (FieldKind.DATE, "Ngày cấp giấy tờ tùy thân"),
    "id_issuer": (FieldKind.TEXT, "Nơi cấp"),
}
SEX_CHOICES = ("Nam", "Nữ")

RULE_KINDS = (
    "at_least_one",  # fields: at least one of them filled
    "required_when",  # field required when `when` equals `equals` (or is filled)
    "not_before",  # field (a date) not before other (a date or a year)
    "years_between",  # field at least `years` after other (both dates/years)
    "min_age",  # the person (birth_date) at least `years` old today
    "different",  # fields must not all hold the same value
    "together",  # when one of fields is filled, all of them must be
    "not_equals",  # field must not hold `equals` (a value the law does not allow)
    "is_requester",  # when `when` equals `equals`, the person `field` is the requester:
    # it must be filled (the clerk copies the applicant), and the printed declaration
    # fills that person's block from the requester when the dossier has no separate one
    "family_name",  # the person name `field` should carry the family name of one of
    # `fields` (Civil Code 2015 art. 26); exceptions exist, so it is usually a warning
)

# Lines a printed declaration carries only when its form's data names them: the 2020
# template (Circular 04/2020/TT-BTP) does not certainly have them (docs/legal-basis).
PRINTED_EXTRAS = (
    "requester_birth_date",  # the requester's date of birth
    "parent_id_number",  # each parent's personal ID number
    "marriage_registration",  # the parents' marriage registration (number, book, date, place)
)


@dataclass(frozen=True, slots=True)
class PersonPart:
    """One attribute of a person field, as the form asks it."""

    key: str  # an attribute of PERSON_ATTRIBUTES
    label: str
    kind: FieldKind
    required: bool = False
    not_future: bool = False
    copy_to: str = ""  # also written to form_data under this key
    help: str = ""


@dataclass(frozen=True, slots=True)
class FieldSpec:
    key: str
    label: str
    kind: FieldKind
    required: bool = False
    choices: tuple[str, ...] = ()
    allow_other: bool = False  # a choice field that also takes a value not in the list
    min_value: int | None = None
    max_value: int | None = None
    max_length: int = 400
    not_future: bool = False  # a date that cannot be after today
    help: str = ""  # a short hint shown under the field
    multiline: bool = False
    person: tuple[PersonPart, ...] = ()  # the parts of a person field
    role_label: str = ""  # how a person of this role is named ("người mẹ")
    lookup: bool = True  # offer a known person by ID number

    @property
    def is_person(self) -> bool:
        return self.kind is FieldKind.PERSON

    def part(self, key: str) -> PersonPart | None:
        for part in self.person:
            if part.key == key:
                return part
        return None


@dataclass(frozen=True, slots=True)
class Rule:
    rule: str
    message: str
    fields: tuple[str, ...] = ()
    field: str = ""
    other: str = ""
    when: str = ""
    equals: Any = None
    years: int = 0
    severity: Severity = Severity.ERROR


@dataclass(frozen=True, slots=True)
class Section:
    title: str
    fields: tuple[FieldSpec, ...]
    note: str = ""


@dataclass(frozen=True, slots=True)
class LateRule:
    """The registration is late (another fee) when ``field`` is more than ``days`` ago."""

    field: str
    days: int
    note: str = ""


@dataclass(frozen=True, slots=True)
class FormDefinition:
    name: str
    title: str
    sections: tuple[Section, ...]
    rules: tuple[Rule, ...] = ()
    legal_basis: str = ""
    request: tuple[tuple[str, str], ...] = ()  # IntakeRequest attribute ← field key
    late: LateRule | None = None
    applicant_label: str = "Người nộp hồ sơ"
    printed_extras: tuple[str, ...] = ()  # of PRINTED_EXTRAS: what the declaration prints
    printed_basis: str = ""  # the template the printed declaration follows
    # Fields by key, built once: validation looks fields up for every value and rule, and
    # the demo validates every generated dossier.
    _by_key: dict[str, FieldSpec] = dataclass_field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_key = {spec.key: spec for section in self.sections for spec in section.fields}
        object.__setattr__(self, "_by_key", by_key)

    def fields(self) -> list[FieldSpec]:
        return list(self._by_key.values())

    def field(self, key: str) -> FieldSpec | None:
        return self._by_key.get(key)

    def person_fields(self) -> list[FieldSpec]:
        return [f for f in self.fields() if f.is_person]

    def label_of(self, path: str) -> str:
        """The label of a field or of a person's part ("mother.full_name")."""
        spec = self.field(path)
        if spec is not None:
            return spec.label
        head, _, tail = path.partition(".")
        spec = self.field(head)
        if spec is not None and spec.is_person:
            part = spec.part(tail)
            if part is not None:
                return f"{part.label} ({spec.role_label or spec.label})"
        return path


# --- reading definitions from data ------------------------------------------------------


def _error(form: str, message: str) -> CatalogueError:
    return CatalogueError(f"Biểu mẫu «{form}»: {message}", code="form.definition")


def _kind(form: str, value: Any) -> FieldKind:
    try:
        return FieldKind(str(value))
    except ValueError:
        raise _error(form, f"loại trường «{value}» không hợp lệ.") from None


def _part(form: str, owner: str, raw: Any) -> PersonPart:
    if isinstance(raw, str):
        raw = {"key": raw}
    key = str(raw.get("key", ""))
    if key not in PERSON_ATTRIBUTES:
        raise _error(form, f"trường «{owner}» có thuộc tính người «{key}» không hợp lệ.")
    kind, label = PERSON_ATTRIBUTES[key]
    if key == "birth_year" and not raw.get("copy_to"):
        raise _error(form, f"«{owner}.birth_year» cần «copy_to» (khóa trong dữ liệu tờ khai).")
    return PersonPart(
        key=key,
        label=clean(raw.get("label")) or label,
        kind=kind,
        required=bool(raw.get("required", False)),
        not_future=bool(raw.get("not_future", kind is FieldKind.DATE)),
        copy_to=clean(raw.get("copy_to")),
        help=clean(raw.get("help")),
    )


def field_from_dict(
    form: str, raw: dict[str, Any], lists: Mapping[str, Sequence[str]] | None = None
) -> FieldSpec:
    key = clean(str(raw.get("key", "")))
    if not key:
        raise _error(form, "có trường thiếu khóa (key).")
    kind = _kind(form, raw.get("kind", "text"))
    label = clean(raw.get("label"))
    if not label:
        raise _error(form, f"trường «{key}» thiếu nhãn.")
    raw_choices = raw.get("choices", ())
    if raw.get("choices_from"):
        list_name = str(raw["choices_from"])
        if lists is None or list_name not in lists:
            raise _error(form, f"trường «{key}» dùng danh sách «{list_name}» không có.")
        raw_choices = [*raw_choices, *lists[list_name]]
    choices = tuple(clean(str(c)) for c in raw_choices)
    if kind is FieldKind.CHOICE and not choices:
        raise _error(form, f"trường chọn «{key}» chưa có danh sách lựa chọn.")
    parts = tuple(_part(form, key, p) for p in raw.get("person", ()))
    if kind is FieldKind.PERSON:
        if "." in key:
            raise _error(form, f"trường người «{key}» không được có dấu chấm trong khóa.")
        if not any(p.key == "full_name" for p in parts):
            raise _error(form, f"trường người «{key}» phải hỏi họ tên (full_name).")
    return FieldSpec(
        key=key,
        label=label,
        kind=kind,
        required=bool(raw.get("required", False)),
        choices=choices,
        allow_other=bool(raw.get("allow_other", False)),
        min_value=raw.get("min"),
        max_value=raw.get("max"),
        max_length=int(raw.get("max_length", 400)),
        not_future=bool(raw.get("not_future", False)),
        help=clean(raw.get("help")),
        multiline=bool(raw.get("multiline", False)),
        person=parts,
        role_label=clean(raw.get("role_label")),
        lookup=bool(raw.get("lookup", True)),
    )


def _rule(form: str, raw: dict[str, Any]) -> Rule:
    name = str(raw.get("rule", ""))
    if name not in RULE_KINDS:
        raise _error(form, f"quy tắc «{name}» không được hỗ trợ.")
    message = clean(raw.get("message"))
    if not message:
        raise _error(form, f"quy tắc «{name}» thiếu thông báo.")
    try:
        severity = Severity(raw.get("severity", "error"))
    except ValueError:
        raise _error(form, f"mức «{raw.get('severity')}» không hợp lệ.") from None
    return Rule(
        rule=name,
        message=message,
        fields=tuple(str(f) for f in raw.get("fields", ())),
        field=str(raw.get("field", "")),
        other=str(raw.get("other", "")),
        when=str(raw.get("when", "")),
        equals=raw.get("equals"),
        years=int(raw.get("years", 0)),
        severity=severity,
    )


def form_from_dict(data: Any, lists: Mapping[str, Sequence[str]] | None = None) -> FormDefinition:
    if not isinstance(data, dict) or data.get("format") != FORM_FORMAT:
        raise CatalogueError("Tệp không phải biểu mẫu của Commune Desk.", code="form.format")
    if data.get("version") != FORM_VERSION:
        raise CatalogueError(
            f"Phiên bản biểu mẫu {data.get('version')} không được hỗ trợ.", code="form.version"
        )
    name = clean(data.get("name"))
    if not name:
        raise CatalogueError("Biểu mẫu thiếu tên.", code="form.definition")
    sections = tuple(
        Section(
            title=clean(s.get("title")),
            fields=tuple(field_from_dict(name, f, lists) for f in s.get("fields", ())),
            note=clean(s.get("note")),
        )
        for s in data.get("sections", ())
    )
    keys = [f.key for s in sections for f in s.fields]
    duplicates = sorted({k for k in keys if keys.count(k) > 1})
    if duplicates:
        raise _error(name, f"trùng khóa trường: {', '.join(duplicates)}.")
    late_raw = data.get("late")
    late = (
        LateRule(str(late_raw["field"]), int(late_raw["days"]), clean(late_raw.get("note")))
        if late_raw
        else None
    )
    printed_extras, printed_basis = _printed(name, data.get("declaration"))
    form = FormDefinition(
        name=name,
        title=clean(data.get("title")) or name,
        sections=sections,
        rules=tuple(_rule(name, r) for r in data.get("rules", ())),
        legal_basis=clean(data.get("legal_basis")),
        request=tuple((str(k), str(v)) for k, v in (data.get("request") or {}).items()),
        late=late,
        applicant_label=clean(data.get("applicant_label")) or "Người nộp hồ sơ",
        printed_extras=printed_extras,
        printed_basis=printed_basis,
    )
    _check_references(form)
    return form


def _printed(form: str, raw: Any) -> tuple[tuple[str, ...], str]:
    """The ``declaration`` block: the template the printed declaration follows and the
    optional lines (``extra_lines``, of PRINTED_EXTRAS) it carries."""
    if raw is None:
        return (), ""
    if not isinstance(raw, dict):
        raise _error(form, "«declaration» phải là một bảng (basis, extra_lines).")
    extras = tuple(str(line) for line in raw.get("extra_lines", ()))
    unknown = [line for line in extras if line not in PRINTED_EXTRAS]
    if unknown:
        known = ", ".join(PRINTED_EXTRAS)
        raise _error(
            form, f"dòng in thêm «{unknown[0]}» không có; các dòng có thể in thêm: {known}."
        )
    return extras, clean(raw.get("basis"))


def _known_paths(form: FormDefinition) -> set[str]:
    paths = set()
    for spec in form.fields():
        paths.add(spec.key)
        for part in spec.person:
            paths.add(f"{spec.key}.{part.key}")
    return paths


def _check_references(form: FormDefinition) -> None:
    """Every rule, request mapping and late rule must name fields the form has."""
    known = _known_paths(form)
    for rule in form.rules:
        for path in (*rule.fields, rule.field, rule.other, rule.when):
            if path and path not in known:
                raise _error(form.name, f"quy tắc «{rule.rule}» nhắc đến trường lạ «{path}».")
        if rule.rule == "is_requester":
            spec = form.field(rule.field)
            if spec is None or not spec.is_person or not rule.when:
                raise _error(
                    form.name, "quy tắc «is_requester» cần «field» là một người và «when»."
                )
        if rule.rule == "family_name":
            names = (rule.field, *rule.fields)
            if not rule.fields or not all(p.endswith(".full_name") for p in names):
                raise _error(
                    form.name, "quy tắc «family_name» so các họ tên («….full_name») với nhau."
                )
    for attribute, path in form.request:
        if attribute not in ("copies", "pages", "sets_count"):
            raise _error(form.name, f"không gán được vào hồ sơ thuộc tính «{attribute}».")
        if path not in known:
            raise _error(form.name, f"«request» nhắc đến trường lạ «{path}».")
    if form.late is not None and form.late.field not in known:
        raise _error(form.name, f"«late» nhắc đến trường lạ «{form.late.field}».")
