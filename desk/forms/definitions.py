"""The form definitions shipped in ``resources/forms/*.json``, and the applicant block.

A province adds or edits a form by editing its JSON file; the procedure catalogue names
the form each procedure uses (``Procedure.form``).
"""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from desk.errors import CatalogueError, NotFound
from desk.forms.spec import (
    PERSON_ATTRIBUTES,
    FieldKind,
    FieldSpec,
    FormDefinition,
    PersonPart,
    form_from_dict,
)
from desk.resources import RESOURCES

FORMS_DIR = RESOURCES / "forms"


def _part(key: str, *, required: bool = False, label: str = "") -> PersonPart:
    kind, default_label = PERSON_ATTRIBUTES[key]
    return PersonPart(
        key=key,
        label=label or default_label,
        kind=kind,
        required=required,
        not_future=kind is FieldKind.DATE,
    )


# The person at the desk (người nộp hồ sơ): the ID card's fields first (a scan fills them),
# then what only the citizen can tell.
APPLICANT = FieldSpec(
    key="applicant",
    label="Người nộp hồ sơ",
    kind=FieldKind.PERSON,
    required=True,
    role_label="người nộp hồ sơ",
    person=(
        _part("id_number"),
        _part("full_name", required=True),
        _part("birth_date"),
        _part("sex"),
        _part("address", label="Nơi cư trú (địa chỉ)"),
        _part("id_issue_date", label="Ngày cấp CCCD/căn cước"),
        _part("id_issuer", label="Nơi cấp"),
        _part("phone"),
        _part("email"),
    ),
)


LISTS_FILE_NAME = "_lists.json"
LISTS_FORMAT = "commune-desk/form-lists"


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CatalogueError(
            f"Tệp biểu mẫu {path.name} không đọc được: {exc}.", code="form.file"
        ) from None


def load_lists(directory: Path = FORMS_DIR) -> dict[str, list[str]]:
    """Shared choice lists (ethnic groups, relations …) that forms name by ``choices_from``."""
    path = directory / LISTS_FILE_NAME
    if not path.exists():
        return {}
    data = _read_json(path)
    if not isinstance(data, dict) or data.get("format") != LISTS_FORMAT:
        raise CatalogueError(f"Tệp {path.name} không phải danh sách lựa chọn.", code="form.lists")
    return {str(k): [str(v) for v in values] for k, values in data.get("lists", {}).items()}


def load_form_file(path: Path, lists: Mapping[str, Sequence[str]] | None = None) -> FormDefinition:
    if lists is None:
        lists = load_lists(path.parent)
    form = form_from_dict(_read_json(path), lists)
    if form.name != path.stem:
        raise CatalogueError(
            f"Tệp {path.name} khai báo biểu mẫu «{form.name}»: tên tệp và tên biểu mẫu phải "
            "trùng nhau.",
            code="form.name",
        )
    return form


@functools.lru_cache(maxsize=4)
def load_forms(directory: Path = FORMS_DIR) -> dict[str, FormDefinition]:
    forms = {}
    lists = load_lists(directory)
    for path in sorted(directory.glob("*.json")):
        if path.name.startswith("_"):
            continue
        form = load_form_file(path, lists)
        forms[form.name] = form
    return forms


def form_names() -> list[str]:
    return sorted(load_forms())


def get_form(name: str) -> FormDefinition:
    try:
        return load_forms()[name]
    except KeyError:
        raise NotFound(f"Không có biểu mẫu «{name}».", code="form.not_found") from None


@functools.cache
def party_names() -> dict[str, str]:
    """How each party role is named inside a sentence, as the forms' messages name it:
    {"applicant": "người nộp hồ sơ", "mother": "người mẹ", …}."""
    names = {"applicant": APPLICANT.role_label, "owner": "chủ hồ sơ"}
    for form in load_forms().values():
        for spec in form.person_fields():
            names.setdefault(spec.key, spec.role_label or spec.label.lower())
    return names


def role_labels() -> dict[str, str]:
    """How each party role of every form is named on screen: {"mother": "Người mẹ", …}."""
    labels = {"applicant": "Người nộp hồ sơ", "owner": "Chủ hồ sơ"}
    for form in load_forms().values():
        for spec in form.person_fields():
            labels.setdefault(spec.key, spec.label)
    return labels
