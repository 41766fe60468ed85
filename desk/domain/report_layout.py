"""The periodic report's table (form 06a of Circular 01/2020/TT-VPCP, **verify**) as data:
``resources/policy/report_06a.json`` names each column, the group headers above it, and
what it holds, so a province whose form differs corrects the file, not the code.

A column holds one of:

- ``counts``: a ``FigureLine`` count, or the sum of several (the form's «trực tiếp hoặc
  qua dịch vụ bưu chính» is ``received_in_person + received_by_post``);
- ``sum``: the sum of other columns (a total: in the XLSX a formula over its parts);
- ``rate``: a ``FigureLine`` rate (its rule stays there), with the columns it is made of
  (``part`` − ``less``) / ``whole`` so the XLSX can write it as a formula.

The two columns every line starts with (its number and its label) are not in the list.
The header is laid out here, once, for both the XLSX and the PDF (``header_cells``).
An office may put its own ``policy/report_06a.json`` in its data folder.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from desk.domain.data_files import OfficeDataFile, read_json_file
from desk.domain.figures import COUNT_NAMES, RATE_NAMES, FigureLine, Grouping, PeriodFigures
from desk.domain.formats import moment_text
from desk.errors import ConfigurationError
from desk.resources import RESOURCES

FORMAT = "commune-desk/report-06a"
SHIPPED_FILE = RESOURCES / "policy" / "report_06a.json"
OFFICE_FILE = Path("policy") / "report_06a.json"
MAX_GROUP_DEPTH = 3
FIXED_COLUMNS = 2  # the line's number and its label

Value = int | Decimal | None


@dataclass(frozen=True, slots=True)
class ReportColumn:
    key: str
    header: str
    groups: tuple[str, ...] = ()  # outermost first
    counts: tuple[str, ...] = ()  # FigureLine counts added up
    parts: tuple[str, ...] = ()  # keys of the columns this one adds up
    rate: str = ""  # a FigureLine rate
    rate_part: tuple[str, ...] = ()
    rate_less: tuple[str, ...] = ()
    rate_whole: str = ""
    in_form: bool = True  # False: the desk's own, after the form's columns

    @property
    def is_sum(self) -> bool:
        return bool(self.parts)

    @property
    def is_rate(self) -> bool:
        return bool(self.rate)


@dataclass(frozen=True, slots=True)
class HeaderCell:
    """One cell of the header grid: ``row`` and ``column`` from 0 (the number column is
    column 0, the label column 1), spanning ``rows`` × ``columns``."""

    text: str
    row: int
    column: int
    rows: int = 1
    columns: int = 1


@dataclass(frozen=True, slots=True)
class ReportLayout:
    legal_basis: str
    form_number: str
    title: str
    reporting_unit: str
    receiving_unit: str
    number_header: str
    label_headers: Mapping[str, str]
    columns: tuple[ReportColumn, ...]
    source: str = ""

    def column(self, key: str) -> ReportColumn:
        return next(c for c in self.columns if c.key == key)

    def index(self, key: str) -> int:
        """The position of a column among ``columns`` (0 = the first after the label)."""
        return next(i for i, c in enumerate(self.columns) if c.key == key)

    def label_header(self, grouping: Grouping) -> str:
        return self.label_headers[grouping.value]

    # -- values --

    def values(self, line: FigureLine) -> list[Value]:
        """Every column's value for ``line``: ints, a rate (None when nothing to count)."""
        known: dict[str, Value] = {}
        for column in self.columns:
            known[column.key] = self._value(column, line, known)
        return [known[c.key] for c in self.columns]

    def _value(self, column: ReportColumn, line: FigureLine, known: dict[str, Value]) -> Value:
        if column.is_rate:
            value: Decimal | None = getattr(line, column.rate)
            return value
        if column.is_sum:
            return sum(self._int(self._value(self.column(k), line, known)) for k in column.parts)
        return sum(getattr(line, name) for name in column.counts)

    @staticmethod
    def _int(value: Value) -> int:
        return value if isinstance(value, int) else 0

    # -- the header --

    @property
    def depth(self) -> int:
        """Rows of group headers above the columns' own headers."""
        return max((len(c.groups) for c in self.columns), default=0)

    @property
    def header_rows(self) -> int:
        return self.depth + 1

    def header_cells(self, grouping: Grouping) -> list[HeaderCell]:
        """The header grid, group cells merged over the columns they cover; a column with
        fewer groups than the deepest reaches down to the last header row."""
        rows = self.header_rows
        cells = [
            HeaderCell(self.number_header, 0, 0, rows=rows),
            HeaderCell(self.label_header(grouping), 0, 1, rows=rows),
        ]
        for level in range(self.depth):
            start = 0
            while start < len(self.columns):
                path = self.columns[start].groups[: level + 1]
                stop = start + 1
                if len(path) == level + 1:
                    while (
                        stop < len(self.columns) and self.columns[stop].groups[: level + 1] == path
                    ):
                        stop += 1
                    cells.append(
                        HeaderCell(path[-1], level, FIXED_COLUMNS + start, columns=stop - start)
                    )
                start = stop
        for index, column in enumerate(self.columns):
            level = len(column.groups)
            cells.append(HeaderCell(column.header, level, FIXED_COLUMNS + index, rows=rows - level))
        return cells

    def number_row(self) -> list[str]:
        """The row under the header numbering the columns, as forms do: «(1)», «(2)»,
        a total «(3) = (4)+(5)+(6)»."""
        numbers = {c.key: FIXED_COLUMNS + i + 1 for i, c in enumerate(self.columns)}
        texts = ["(1)", "(2)"]
        for column in self.columns:
            own = f"({numbers[column.key]})"
            if column.is_sum:
                own += " = " + "+".join(f"({numbers[k]})" for k in column.parts)
            texts.append(own)
        return texts


def notes(layout: ReportLayout, figures: PeriodFigures) -> list[str]:
    """What the reader must know under the table."""
    found = []
    if not figures.ended:
        found.append(
            f"Số liệu tính đến {moment_text(figures.as_of)}: kỳ báo cáo chưa kết thúc, số hồ "
            "sơ đang giải quyết là số tại thời điểm đó."
        )
    keys = {c.key: FIXED_COLUMNS + i + 1 for i, c in enumerate(layout.columns)}
    if {"to_process", "finished", "running", "stopped"} <= keys.keys():
        found.append(
            f"Khi kỳ đã kết thúc: cột ({keys['to_process']}) = ({keys['finished']}) + "
            f"({keys['running']}) + ({keys['stopped']}) (hồ sơ dừng xử lý không là đã hay "
            "đang giải quyết)."
        )
    if "withdrawn" in keys:
        found.append(
            "Hồ sơ công dân rút được tính trong số đã giải quyết; hồ sơ từ chối tiếp nhận "
            "không tính là nhận giải quyết."
        )
    if "on_time_rate" in keys:
        found.append(
            "Tỷ lệ đúng hạn = (trả trước hạn + trả đúng thời hạn - số trước, đúng hạn nhưng "
            "có lỗi của cơ quan) / tổng số đã giải quyết."
        )
    return found


# --- the data file ----------------------------------------------------------------------


def report_layout_from_dict(data: Any, source: str = "") -> ReportLayout:
    """The layout a data file holds; ConfigurationError (Vietnamese) naming what is wrong."""
    where = f"Tệp mẫu báo cáo 06a {source}" if source else "Mẫu báo cáo 06a"

    def wrong(text: str) -> ConfigurationError:
        return ConfigurationError(f"{where}: {text}", code="report_layout.invalid")

    if not isinstance(data, Mapping):
        raise wrong("phải là một đối tượng JSON.")
    if data.get("format") != FORMAT:
        raise wrong(f"«format» phải là «{FORMAT}».")

    def text(value: Any, what: str) -> str:
        if not isinstance(value, str) or not value.strip():
            raise wrong(f"«{what}» phải là một chuỗi chữ không rỗng.")
        return value.strip()

    def texts(value: Any, what: str, *, allowed: Sequence[str] = ()) -> tuple[str, ...]:
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise wrong(f"«{what}» phải là một danh sách chuỗi chữ.")
        for item in value:
            if allowed and item not in allowed:
                raise wrong(f"«{what}»: không có «{item}» (có: {', '.join(allowed)}).")
        return tuple(value)

    labels = data.get("label_headers")
    if not isinstance(labels, Mapping):
        raise wrong("thiếu «label_headers».")
    label_headers = {
        g.value: text(labels.get(g.value), f"label_headers.{g.value}") for g in Grouping
    }
    raw_columns = data.get("columns")
    if not isinstance(raw_columns, list) or not raw_columns:
        raise wrong("«columns» phải là một danh sách cột không rỗng.")
    columns: list[ReportColumn] = []
    for position, raw in enumerate(raw_columns, start=1):
        columns.append(_column(raw, position, text, texts, wrong))
    _check_references(columns, wrong)
    return ReportLayout(
        legal_basis=text(data.get("legal_basis"), "legal_basis"),
        form_number=text(data.get("form_number"), "form_number"),
        title=text(data.get("title"), "title"),
        reporting_unit=text(data.get("reporting_unit"), "reporting_unit"),
        receiving_unit=text(data.get("receiving_unit"), "receiving_unit"),
        number_header=text(data.get("number_header"), "number_header"),
        label_headers=label_headers,
        columns=tuple(columns),
        source=source,
    )


def _column(raw: Any, position: int, text: Any, texts: Any, wrong: Any) -> ReportColumn:
    if not isinstance(raw, Mapping):
        raise wrong(f"cột thứ {position} phải là một đối tượng JSON.")
    key = text(raw.get("key"), f"columns[{position}].key")
    what = f"cột «{key}»"
    kinds = [name for name in ("counts", "sum", "rate") if name in raw]
    if len(kinds) != 1:
        raise wrong(f"{what} phải có đúng một trong «counts», «sum», «rate».")
    groups = texts(raw.get("groups", []), f"{key}.groups")
    if len(groups) > MAX_GROUP_DEPTH:
        raise wrong(f"{what}: nhiều nhất {MAX_GROUP_DEPTH} tầng nhóm cột.")
    in_form = raw.get("in_form", True)
    if not isinstance(in_form, bool):
        raise wrong(f"{what}: «in_form» phải là true hoặc false.")
    column = ReportColumn(
        key=key, header=text(raw.get("header"), f"{key}.header"), groups=groups, in_form=in_form
    )
    if kinds == ["counts"]:
        counts = texts(raw["counts"], f"{key}.counts", allowed=COUNT_NAMES)
        if not counts:
            raise wrong(f"{what}: «counts» không được rỗng.")
        return _with(column, counts=counts)
    if kinds == ["sum"]:
        parts = texts(raw["sum"], f"{key}.sum")
        if len(parts) < 2:
            raise wrong(f"{what}: «sum» phải cộng ít nhất hai cột.")
        return _with(column, parts=parts)
    rate = raw["rate"]
    if rate not in RATE_NAMES:
        raise wrong(f"{what}: không có tỷ lệ «{rate}» (có: {', '.join(RATE_NAMES)}).")
    return _with(
        column,
        rate=rate,
        rate_part=texts(raw.get("part"), f"{key}.part"),
        rate_less=texts(raw.get("less", []), f"{key}.less"),
        rate_whole=text(raw.get("whole"), f"{key}.whole"),
    )


def _with(column: ReportColumn, **changes: Any) -> ReportColumn:
    from dataclasses import replace

    return replace(column, **changes)


def _check_references(columns: Sequence[ReportColumn], wrong: Any) -> None:
    """Keys unique; a total adds up columns before or after it that hold counts or totals
    (never itself, never a rate); a rate names columns that exist."""
    keys = [c.key for c in columns]
    twice = sorted({k for k in keys if keys.count(k) > 1})
    if twice:
        raise wrong(f"khóa cột trùng nhau: {', '.join(twice)}.")
    by_key = {c.key: c for c in columns}

    def check(owner: str, key: str) -> ReportColumn:
        found = by_key.get(key)
        if found is None:
            raise wrong(f"cột «{owner}» nhắc đến cột «{key}» không có trong «columns».")
        if found.is_rate:
            raise wrong(f"cột «{owner}» không cộng được cột tỷ lệ «{key}».")
        return found

    def reaches(start: str, target: str, seen: frozenset[str]) -> bool:
        if start == target:
            return True
        column = by_key.get(start)
        if column is None or start in seen:
            return False
        return any(reaches(part, target, seen | {start}) for part in column.parts)

    for column in columns:
        for part in column.parts:
            check(column.key, part)
            if reaches(part, column.key, frozenset()):
                raise wrong(f"cột «{column.key}» tự cộng lại chính nó (vòng lặp).")
        if column.is_rate:
            for part in (*column.rate_part, *column.rate_less, column.rate_whole):
                check(column.key, part)


def load_report_layout(path: Path) -> ReportLayout:
    data = read_json_file(path, "tệp mẫu báo cáo 06a", ConfigurationError, "report_layout")
    return report_layout_from_dict(data, str(path))


_LAYOUT_FILE = OfficeDataFile(load_report_layout, SHIPPED_FILE, OFFICE_FILE)


def shipped_report_layout() -> ReportLayout:
    """The layout shipped with the desk: read once, it changes only with a release."""
    return _LAYOUT_FILE.shipped()


def office_report_layout(data_dir: Path | None) -> ReportLayout:
    """The office's own layout when its data folder has ``policy/report_06a.json``,
    otherwise the shipped one."""
    return _LAYOUT_FILE.for_office(data_dir)
