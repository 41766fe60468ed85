"""Typed columns as each engine's driver gives them, converted to the domain's values
without SQLAlchemy: the batch reads on the driver's cursor (``raw_reads``) and the print
path on sqlite3 alone (``desk.store.plain``) convert by the same functions as the
columns' types (``desk.store.instants``)."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from datetime import date
from functools import lru_cache
from typing import Any, Literal

import orjson

from desk.domain.outbox import province_time
from desk.store.instants import instant_from_db

Kind = Literal["instant", "province_time", "day", "json", "json_check", "boolean"]
Convert = Callable[[Any], Any]
# Kinds whose conversion is given a NULL too (every other leaves it None).
TAKES_NULL: frozenset[Kind] = frozenset({"province_time"})


def _json_check(text: str) -> None:
    """Only whether a stored JSON text still reads, for a column read to tell damage and
    not used (``json_check``: its value becomes None). orjson reads ~3× faster than the
    json module; it refuses some texts the json module reads (NaN, a lone surrogate) but
    reads none the json module refuses, so what it refuses is read by the json module,
    as the column's type reads it: a damaged text raises the same ValueError."""
    try:
        orjson.loads(text)
    except orjson.JSONDecodeError:
        json.loads(text)


@lru_cache(maxsize=4096)
def _province_time(value: Any) -> str:
    """An instant as the driver gives it, as the province's text ("" for NULL). Kept: the
    sync push and the export read ~7 instants a dossier, and they repeat (a dossier's
    receipt is its first event, due times fall on a few hours of a day; batches come in
    code order, so by day), where converting one costs ~3 µs (docs/performance.md)."""
    return province_time(instant_from_db(value))


# How each engine's driver gives a typed column (SQLite: text and integers; psycopg: the
# Python values, JSON decoded), and what turns it into the domain's value.
CONVERTERS: dict[str, dict[Kind, Convert | None]] = {
    "sqlite": {
        "instant": instant_from_db,
        "province_time": _province_time,
        "day": date.fromisoformat,
        "json": json.loads,
        "json_check": _json_check,
        "boolean": bool,
    },
    "postgresql": {
        "instant": instant_from_db,
        "province_time": _province_time,
        "day": None,
        "json": None,
        "json_check": None,  # decoded by the driver: read whole or not at all
        "boolean": None,
    },
}


Step = tuple[int, Convert, bool]  # a column's index, its conversion, whether NULL goes in


def steps_for(engine: str, kinds: Sequence[tuple[int, str]]) -> list[Step]:
    """How to convert a statement's typed columns (index, kind) read on ``engine``'s
    driver; the kinds the driver already gives as values are left out."""
    table = CONVERTERS[engine]
    return [
        (i, convert, kind in TAKES_NULL)
        for i, kind in kinds
        if (convert := table[kind]) is not None  # type: ignore[index]
    ]


def converted(fetched: Sequence[Sequence[Any]], steps: list[Step]) -> list[list[Any]]:
    """The rows as lists, converted column by column: no call a row nor a loop over the
    steps in it (the push's ~4 rows a dossier: 6.8 → 5.9 µs)."""
    rows = [list(row) for row in fetched]
    for i, convert, takes_null in steps:
        if takes_null:
            for values in rows:
                values[i] = convert(values[i])
        else:
            for values in rows:
                if (value := values[i]) is not None:
                    values[i] = convert(value)
    return rows


def first_unreadable(
    rows: Sequence[Sequence[Any]], steps: list[Step]
) -> tuple[Sequence[Any], int] | None:
    """The first row and column whose stored value does not convert; None when every
    one does (then the error was not a stored value's)."""
    for row in rows:
        for i, convert, _ in steps:
            if row[i] is None:
                continue  # converted or left None: never what fails
            try:
                convert(row[i])
            except ValueError:
                return row, i
    return None
