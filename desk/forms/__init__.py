"""Intake forms as data: each procedure's fields, their validation and what they record.

Pure Python (no Qt): the intake screen renders these definitions, the CLI and tests use
them directly.

- ``get_form(name)`` / ``form_names()``: the definitions in ``resources/forms/*.json``.
- ``validate_form(name, values)``: every ``FieldProblem`` (errors and warnings), each tied
  to a field key such as ``"mother.full_name"``; ``requester_role``: which person of the
  form the requester is (the father when the relation is «Cha»).
- ``form_output(form, values)``: ``IntakeRequest.form_data``, ``parties`` (role = the
  person field's key: child, mother, father, deceased, wife, husband, subject …) and the
  request numbers (copies, pages) the fees depend on.
- ``record_values(form, parties, form_data)``: a recorded dossier back as the form's
  values, to check it again; ``values_of_person``: one person as a person field's values.
- ``APPLICANT``: the applicant block, a person field like the others.
- ``missing_documents``: required documents not handed in (alternatives grouped).
"""

from desk.forms.definitions import (
    APPLICANT,
    form_names,
    get_form,
    load_form_file,
    load_forms,
    party_names,
    role_labels,
)
from desk.forms.documents import MissingDocument, default_counts, missing_documents
from desk.forms.output import (
    FormOutput,
    form_output,
    person_from_values,
    record_values,
    values_of_person,
)
from desk.forms.rules import requester_role, validate_form, validate_values
from desk.forms.spec import (
    FieldKind,
    FieldSpec,
    FormDefinition,
    PersonPart,
    Rule,
    Section,
    Severity,
)
from desk.forms.validation import FieldProblem, validate_person
from desk.forms.values import format_date, parse_date_text

__all__ = [
    "APPLICANT",
    "FieldKind",
    "FieldProblem",
    "FieldSpec",
    "FormDefinition",
    "FormOutput",
    "MissingDocument",
    "PersonPart",
    "Rule",
    "Section",
    "Severity",
    "default_counts",
    "form_names",
    "form_output",
    "format_date",
    "get_form",
    "load_form_file",
    "load_forms",
    "missing_documents",
    "parse_date_text",
    "party_names",
    "person_from_values",
    "record_values",
    "requester_role",
    "role_labels",
    "validate_form",
    "validate_person",
    "validate_values",
    "values_of_person",
]
