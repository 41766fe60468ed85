"""The catalogue file: read safely and checked against its JSON Schema before the
domain's own checks of each procedure (``desk.domain.catalogue``), every problem named by
its procedure and field in Vietnamese. jsonschema is the reference validator of JSON
Schema for Python; the schema stays data other tools can read.
"""

from __future__ import annotations

import functools
import json
import math
import os
import re
import stat
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desk.domain import limits
from desk.domain.catalogue import (
    CATALOGUE_FORMAT,
    CATALOGUE_VERSION,
    Catalogue,
    procedure_from_dict,
    procedure_label,
)
from desk.domain.text import clean, terminal_safe
from desk.errors import CatalogueError
from desk.resources import CATALOGUE_FILE

if TYPE_CHECKING:
    # jsonschema loads only to judge a catalogue file: reading the catalogue, printing or
    # the desk's start do not wait for it.
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError

# --- the file and its schema ----------------------------------------------------------------
# resources/catalogue/procedures.schema.json (JSON Schema, Draft 2020-12) says what a
# catalogue file holds; other tools (an editor, the province's) can read it too. Its lengths
# and ranges are those of desk.domain.limits (tests/unit/test_catalogue_schema.py keeps them
# equal). It is checked with jsonschema, the reference implementation for Python.

SCHEMA_FILE = CATALOGUE_FILE.with_name("procedures.schema.json")
MAX_PROBLEMS_SHOWN = 10
_MAX_PROBLEMS_READ = 1000  # a file of 100,000 wrong entries is not judged to its end


@functools.cache
def catalogue_schema() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    return schema


@functools.cache
def _validator() -> Draft202012Validator:
    from jsonschema import Draft202012Validator

    return Draft202012Validator(catalogue_schema())


def check_catalogue_data(data: Any) -> None:
    """``CatalogueError`` listing what the file's JSON breaks of the schema (the first
    ``MAX_PROBLEMS_SHOWN`` problems, in the file's order, and how many more)."""
    errors: list[ValidationError] = []
    complete = True
    try:
        for error in _validator().iter_errors(data):
            if len(errors) == _MAX_PROBLEMS_READ:
                complete = False
                break
            errors.append(error)
    except TypeError:  # a value JSON has no type for (a Decimal of a dict built in code)
        raise CatalogueError(
            "Danh mục có giá trị không phải kiểu JSON (chữ, số, true/false, danh sách, nhóm).",
            code="catalogue.schema",
        ) from None
    if not errors:
        return
    errors.sort(
        key=lambda e: [
            (0, p, "") if isinstance(p, int) else (1, 0, str(p)) for p in e.absolute_path
        ]
    )
    problems: dict[str, str] = {}  # line → code, in order, without repeats
    for error in errors:
        for line, code in _problems(error, data):
            problems.setdefault(line, code)
    lines = list(problems)
    first_code = problems[lines[0]]
    if len(lines) == 1 and complete:
        raise CatalogueError(lines[0], code=first_code)
    count = f"{len(lines)}" if complete else f"hơn {len(lines)}"
    shown = "\n".join(f"  – {line}" for line in lines[:MAX_PROBLEMS_SHOWN])
    more = len(lines) - MAX_PROBLEMS_SHOWN
    tail = f"\n  … và {'hơn ' if not complete else ''}{more} lỗi khác." if more > 0 else ""
    raise CatalogueError(
        f"Tệp danh mục có {count} lỗi, chưa nhập gì:\n{shown}{tail}", code=first_code
    )


_TYPE_NAMES = {
    "string": "chữ (trong ngoặc kép)",
    "integer": "số nguyên",
    "number": "số",
    "boolean": "true hoặc false (không có ngoặc kép)",
    "object": "một nhóm mục {…}",
    "array": "một danh sách […]",
    "null": "null",
}


def _shown_value(value: Any) -> str:
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10**15:
        return f"một số có {len(str(abs(value)))} chữ số"
    text = json.dumps(value, ensure_ascii=False, default=str)
    if len(text) > 40:
        text = text[:39] + "…"
    return terminal_safe(text)


def _number(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        return f"{value:,}".replace(",", ".")
    return str(value).replace(".", ",")


def _problems(error: ValidationError, data: Any) -> list[tuple[str, str]]:
    """The Vietnamese lines (and error codes) of one schema error."""
    path = list(error.absolute_path)
    schema = error.schema if isinstance(error.schema, dict) else {}
    kind, expected, value = error.validator, error.validator_value, error.instance
    if "propertyNames" in error.relative_schema_path:  # a case of processing_by.times
        what = f"tên trường hợp dài {_number(len(str(value)))} ký tự; tối đa {expected} ký tự."
        return [_line(data, path, {}, what)]
    if path == ["procedures"] and kind == "minItems":
        return [
            (
                "Tệp danh mục không có thủ tục nào («procedures» rỗng): danh mục đang dùng "
                "được giữ nguyên.",
                "catalogue.empty",
            )
        ]
    if kind == "required":
        missing = [key for key in expected if isinstance(value, dict) and key not in value]
        properties = schema.get("properties", {})
        return [
            _line(data, [*path, key], properties.get(key, {}), "chưa có (bắt buộc).")
            for key in missing
        ]
    if kind == "additionalProperties" and isinstance(value, dict):
        known = list(schema.get("properties", {}))
        extras = [key for key in value if key not in known]
        hint = f" Các mục dùng được: {', '.join(known)}." if known else ""
        return [
            _line(data, [*path, key], {}, f"không có trong định dạng danh mục (gõ sai tên?).{hint}")
            for key in extras
        ]
    line, code = _line(data, path, schema, _what(kind, expected, value, schema))
    if kind == "minimum" and expected == 0 and path[2:3] == ["fee"]:
        code = "fee.negative"  # the code a negative amount had before the schema
    return [(line, code)]


def _what(kind: Any, expected: Any, value: Any, schema: dict[str, Any]) -> str:
    if kind == "type":
        types = expected if isinstance(expected, list) else [expected]
        names = " hoặc ".join(_TYPE_NAMES.get(t, str(t)) for t in types)
        return f"phải là {names}; nhận được {_shown_value(value)}."
    if kind == "enum":
        return (
            f"phải là một trong: {', '.join(map(str, expected))}; nhận được {_shown_value(value)}."
        )
    if kind == "const":
        return f"phải là {_shown_value(expected)}; nhận được {_shown_value(value)}."
    if kind in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        title = schema.get("title", "")
        unit = " ngày" if "multipleOf" in schema else " đồng" if title.startswith("mức phí") else ""
        span = (
            f"phải từ {_number(schema.get('minimum'))} đến {_number(schema.get('maximum'))}{unit}"
        )
        if kind == "minimum" and expected == 0:
            return f"không được âm ({span}); nhận được {_shown_value(value)}."
        return f"{span}; nhận được {_shown_value(value)}."
    if kind == "multipleOf":
        step = _number(expected)
        return f"phải theo từng nửa ngày (bội số của {step}); nhận được {_shown_value(value)}."
    if kind == "maxLength":
        return f"dài {_number(len(value))} ký tự; tối đa {_number(expected)} ký tự."
    if kind == "minLength":
        return "chưa có (không được để trống)."
    if kind == "pattern":
        examples = " hoặc ".join(str(e) for e in schema.get("examples", ()))
        form = f"phải có dạng như {examples}" if examples else "không đúng dạng"
        return f"{form}; nhận được {_shown_value(value)}."
    if kind in ("minItems", "minProperties"):
        return f"cần ít nhất {expected} mục."
    return f"giá trị {_shown_value(value)} không hợp lệ."


def _line(data: Any, path: list[Any], schema: dict[str, Any], what: str) -> tuple[str, str]:
    """«Thủ tục 1.001193 (thứ 1), mục fee.amount (mức phí, lệ phí): …» for ``path``."""
    title = schema.get("title", "") if isinstance(schema, dict) else ""
    if len(path) >= 2 and path[0] == "procedures" and isinstance(path[1], int):
        procedure = data["procedures"][path[1]]
        code = procedure.get("code") if isinstance(procedure, dict) else None
        who = procedure_label(clean(code)[:20] if isinstance(code, str) else "", path[1] + 1)
        rest = path[2:]
    else:
        who, rest = "Tệp danh mục", path
    field = _field(rest)
    if not field:
        return (
            f"{who}: {what}",
            "catalogue.procedure" if who != "Tệp danh mục" else "catalogue.schema",
        )
    label = f" ({title})" if title and rest else ""
    return f"{who}, mục {field}{label}: {what}", _code(rest)


def _field(path: list[Any]) -> str:
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part + 1}]"  # counted from 1, like the procedures
        else:
            text += ("." if text else "") + terminal_safe(str(part)[:40])
    return text


def _code(path: list[Any]) -> str:
    """The error's code, by its field: the codes the catalogue's errors had before the
    schema (catalogue.code, fee.kind, fee.negative …)."""
    first, last = path[0], path[-1]
    if first == "fee":
        return "fee.kind" if last == "kind" else "fee.invalid"
    return {
        "code": "catalogue.code",
        "name": "catalogue.name",
        "documents": "catalogue.document",
        "processing_by": "catalogue.processing_by",
        "step_days": "catalogue.step_days",
        "coordinating_units": "catalogue.coordinating_units",
        "processing_days": "catalogue.processing",
        "extended_days": "catalogue.processing",
        "extended_mode": "catalogue.processing",
        "cutoff": "catalogue.processing",
    }.get(str(first), f"catalogue.{terminal_safe(str(first)[:40])}")


def load_catalogue_file(path: Path) -> Catalogue:
    """The catalogue in the file at ``path``; every fault of the file or of what it holds
    is a CatalogueError naming it (never a crash)."""
    return catalogue_from_data(read_catalogue_file(path))


def catalogue_from_data(data: Any) -> Catalogue:
    """The catalogue of a file's JSON: its marker and version, then the schema (every
    problem of the file at once), then the domain's checks of each procedure."""
    if not isinstance(data, dict) or data.get("format") != CATALOGUE_FORMAT:
        raise CatalogueError(
            "Tệp không phải danh mục thủ tục của Commune Desk.", code="catalogue.format"
        )
    if data.get("version") != CATALOGUE_VERSION:
        version = terminal_safe(json.dumps(data.get("version"), ensure_ascii=False)[:20])
        raise CatalogueError(
            f"Phiên bản danh mục {version} không được hỗ trợ.", code="catalogue.version"
        )
    check_catalogue_data(data)
    procedures = data["procedures"]
    return Catalogue(tuple(procedure_from_dict(p, i) for i, p in enumerate(procedures, 1)))


def read_catalogue_file(path: Path) -> Any:
    """The JSON of a catalogue file, refused before parsing when it is not a regular file,
    bigger than CATALOGUE_FILE_MAX_BYTES, not UTF-8 or nested deeper than any catalogue
    (json recurses once per bracket: 200,000 of them end in RecursionError)."""
    shown = terminal_safe(str(path))
    raw = _read_bytes(path, shown)
    try:
        text = raw.decode("utf-8-sig")  # Notepad's byte-order mark is not an error
    except UnicodeDecodeError as exc:
        raise CatalogueError(
            f"Tệp danh mục {shown} không đọc được: không phải văn bản UTF-8 (byte thứ "
            f"{exc.start + 1}). Hãy lưu lại tệp với bảng mã UTF-8.",
            code="catalogue.json",
        ) from None
    depth = _nesting(text)
    if depth > limits.CATALOGUE_MAX_DEPTH:
        raise CatalogueError(
            f"Tệp danh mục {shown} không đọc được: ngoặc lồng nhau quá sâu (hơn "
            f"{limits.CATALOGUE_MAX_DEPTH} tầng; một danh mục chỉ cần 7).",
            code="catalogue.depth",
        )
    try:
        return json.loads(
            text,
            parse_constant=_no_constant,
            parse_float=_finite_float,
            object_pairs_hook=_no_repeated_keys,
        )
    except json.JSONDecodeError as exc:
        raise CatalogueError(
            f"Tệp danh mục {shown} không đọc được: JSON lỗi ở dòng {exc.lineno}, cột "
            f"{exc.colno} ({_JSON_ERRORS.get(exc.msg, exc.msg)}).",
            code="catalogue.json",
        ) from None
    except _FileFault as exc:
        raise CatalogueError(
            f"Tệp danh mục {shown} không đọc được: {exc}.", code="catalogue.json"
        ) from None
    except (ValueError, RecursionError):  # an integer of more than 4,300 digits
        raise CatalogueError(
            f"Tệp danh mục {shown} không đọc được: có số quá dài.", code="catalogue.json"
        ) from None


def _read_bytes(path: Path, shown: str) -> bytes:
    try:
        status = os.stat(path)
        if stat.S_ISDIR(status.st_mode):
            raise CatalogueError(
                f"{shown} là một thư mục, không phải tệp danh mục: hãy chọn tệp .json.",
                code="catalogue.directory",
            )
        if not stat.S_ISREG(status.st_mode):  # a FIFO would block, a device never end
            raise CatalogueError(
                f"{shown} không phải một tệp thông thường (là thiết bị, đường ống hoặc "
                "socket): hãy chọn tệp danh mục .json.",
                code="catalogue.not_a_file",
            )
        if status.st_size > limits.CATALOGUE_FILE_MAX_BYTES:
            raise _too_big(shown)
        with open(path, "rb") as handle:
            raw = handle.read(limits.CATALOGUE_FILE_MAX_BYTES + 1)
    except FileNotFoundError:
        raise CatalogueError(
            f"Không tìm thấy tệp danh mục {shown}.", code="catalogue.missing"
        ) from None
    except PermissionError:
        raise CatalogueError(
            f"Không có quyền đọc tệp danh mục {shown}.", code="catalogue.permission"
        ) from None
    except OSError as exc:
        raise CatalogueError(
            f"Không đọc được tệp danh mục {shown}: {exc.strerror or exc}.",
            code="catalogue.unreadable",
        ) from None
    if len(raw) > limits.CATALOGUE_FILE_MAX_BYTES:  # grew while being read
        raise _too_big(shown)
    return raw


def _too_big(shown: str) -> CatalogueError:
    most = limits.CATALOGUE_FILE_MAX_BYTES // (1024 * 1024)
    return CatalogueError(
        f"Tệp danh mục {shown} quá lớn: tối đa {most} MB (danh mục kèm theo phần mềm chỉ "
        "khoảng 10 kB).",
        code="catalogue.too_big",
    )


# Possessive (Python 3.11): a long or unterminated string is scanned once, never backtracked.
_STRING = re.compile(r'"(?:[^"\\]++|\\.)*+"', re.DOTALL)
_BRACKET = re.compile(r"[\[\]{}]")


def _nesting(text: str) -> int:
    """How deep brackets nest outside strings, counted up to one past the limit."""
    depth = deepest = 0
    for match in _BRACKET.finditer(_STRING.sub('""', text)):
        if match[0] in "[{":
            depth += 1
            deepest = max(deepest, depth)
            if deepest > limits.CATALOGUE_MAX_DEPTH:
                break
        else:
            depth -= 1
    return deepest


class _FileFault(ValueError):
    """What json accepts and a catalogue file must not hold."""


def _no_constant(name: str) -> Any:
    raise _FileFault(f"«{name}» không phải là số")


def _finite_float(text: str) -> float:
    number = float(text)
    if not math.isfinite(number):
        raise _FileFault(f"số «{text[:20]}» quá lớn")
    return number


def _no_repeated_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for key, value in pairs:
        if key in data:  # json keeps the last one silently: one of the two is a mistake
            raise _FileFault(
                f"mục «{terminal_safe(key[:40])}» được ghi hai lần trong cùng một nhóm"
            )
        data[key] = value
    return data


_JSON_ERRORS = {
    "Expecting value": "thiếu giá trị",
    "Expecting ',' delimiter": "thiếu dấu phẩy",
    "Expecting ':' delimiter": "thiếu dấu hai chấm",
    "Expecting property name enclosed in double quotes": (
        "tên mục phải trong ngoặc kép; hay thừa dấu phẩy?"
    ),
    "Unterminated string starting at": "chuỗi chưa đóng ngoặc kép",
    "Invalid control character at": "ký tự điều khiển trong chuỗi",
    "Invalid \\escape": "dấu \\ không hợp lệ",
    "Extra data": "thừa nội dung sau danh mục",
}
