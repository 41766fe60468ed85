"""Reading the periodic report's XLSX back as a clerk's spreadsheet would: the formulas the
desk writes (``=D12+E12+F12``, ``=SUM(C12:C13)``, the on-time rate's ``=IF(…ROUND(…))``)
evaluated here by hand, so a test compares what the sheet adds up to with figures counted
by hand."""

from __future__ import annotations

import io
import re
from decimal import ROUND_HALF_UP, Decimal

from openpyxl import load_workbook
from openpyxl.utils import column_index_from_string
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

_SUM = re.compile(r"SUM\(([A-Z]+)(\d+):([A-Z]+)(\d+)\)")
_RATE = re.compile(r'IF\(([A-Z]+\d+)=0,"",ROUND\(100\*\(([^)]*)\)/([A-Z]+\d+),1\)\)')
_TERM = re.compile(r"([+-]?)([A-Z]+\d+)")
_ADDITION = re.compile(r"[A-Z]+\d+(?:\+[A-Z]+\d+)+")


def open_workbook(data: bytes) -> Workbook:
    return load_workbook(io.BytesIO(data))


def evaluate(sheet: Worksheet, ref: str) -> int | Decimal | str | None:
    """The value a spreadsheet program shows in ``ref``. Only the formulas the report
    writes are understood; anything else fails the test."""
    value = sheet[ref].value
    if not (isinstance(value, str) and value.startswith("=")):
        return value
    formula = value[1:]
    found = _SUM.fullmatch(formula)
    if found:
        first_col, first_row, last_col, last_row = found.groups()
        assert first_col == last_col, formula
        return sum(
            _number(evaluate(sheet, f"{first_col}{row}"))
            for row in range(int(first_row), int(last_row) + 1)
        )
    found = _RATE.fullmatch(formula)
    if found:
        whole_ref, numerator, whole_again = found.groups()
        assert whole_ref == whole_again, formula
        whole = _number(evaluate(sheet, whole_ref))
        if whole == 0:
            return ""
        part = sum(
            (-1 if sign == "-" else 1) * _number(evaluate(sheet, term))
            for sign, term in _TERM.findall(numerator)
        )
        return (Decimal(100 * part) / whole).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    assert _ADDITION.fullmatch(formula), f"unexpected formula {value}"
    return sum(_number(evaluate(sheet, term)) for term in formula.split("+"))


def _number(value: object) -> int:
    if value is None:
        return 0
    assert isinstance(value, int) and not isinstance(value, bool), value
    return value


def row_values(sheet: Worksheet, row: int, first: str, last: str) -> list[object]:
    """The evaluated cells of ``row`` from column ``first`` to ``last``."""
    columns = range(column_index_from_string(first), column_index_from_string(last) + 1)
    return [evaluate(sheet, f"{sheet.cell(row=row, column=c).column_letter}{row}") for c in columns]
