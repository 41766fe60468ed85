"""The log's entries for the dossiers a bulk load writes, digested from the rows the load
has just written (``audit_records.digests_of``) instead of reading a million rows back.

A digest is of the values as the database returns them. The loaded rows are in the
driver's form (``SqlValues``), which is that same value except for JSON on PostgreSQL:
psycopg's ``Json`` wrapper around the value the database gives back parsed. ``desk audit
verify`` recomputes every digest from the database; tests/store/test_demo_bulk.py runs
it after bulk loads on both engines.

Instants and days (PostgreSQL's are Python objects) are given to the digest as their
canonical text, which ``canonical`` writes exactly as it writes the object: the same
bytes, without a Python call per value inside ``json.dumps`` (they repeat a great deal,
so each is converted once).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Sequence
from datetime import date
from functools import lru_cache
from operator import itemgetter
from typing import Any

from sqlalchemy import JSON, TypeDecorator

from desk.domain.audit import canonical
from desk.store.audit_records import DIGESTED_COLUMNS, DossierDigests, digests_of
from desk.store.tables import METADATA

Reader = Callable[[Sequence[Any]], dict[str, Any]]
_CHILDREN = ("dossier_people", "dossier_documents", "dossier_fees", "status_events")


class LoadedRows:
    """The rows of the digested tables written since the dossiers were last logged."""

    def __init__(self, *, postgres: bool):
        self._postgres = postgres
        self._plain = _Canonical()
        self._kept: dict[str, list[tuple[Sequence[str], Sequence[Sequence[Any]]]]] = defaultdict(
            list
        )

    def keep(self, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
        if table in DIGESTED_COLUMNS:
            self._kept[table].append((columns, rows))

    def digests(self, dossier_ids: Sequence[int]) -> list[DossierDigests] | None:
        """These dossiers' digests, in order, from the rows kept (which are then let go);
        None when the rows kept do not hold all they cover (read them back instead)."""
        kept, self._kept = self._kept, defaultdict(list)
        try:
            states = self._by_id(kept, "dossiers")
            people = self._by_id(kept, "people")
            children = {table: self._by_dossier(kept, table) for table in _CHILDREN}
            parties = {
                dossier_id: [
                    {**party, **people[person_id]} for person_id, party in sorted(rows, key=_at)
                ]
                for dossier_id, rows in children["dossier_people"].items()
            }
        except (KeyError, ValueError):
            return None
        documents = {
            d: [row for _, row in sorted(rows, key=_at)]
            for d, rows in children["dossier_documents"].items()
        }
        fees = {d: [row for _, row in rows] for d, rows in children["dossier_fees"].items()}
        events = {d: [row for _, row in rows] for d, rows in children["status_events"].items()}
        if any(dossier_id not in states for dossier_id in dossier_ids):
            return None
        return [
            digests_of(
                dossier_id,
                states[dossier_id],
                parties.get(dossier_id, []),
                documents.get(dossier_id, []),
                fees.get(dossier_id, []),
                events.get(dossier_id, []),
            )
            for dossier_id in dossier_ids
        ]

    def _reader(self, table: str, columns: Sequence[str]) -> Reader:
        """A row (in ``columns`` order) → its digested columns, as the database returns
        them. ValueError when a digested column was not written (a default filled it)."""
        names, get, parsed, temporal = _reading(table, tuple(columns), self._postgres)
        plain = self._plain

        def read(row: Sequence[Any]) -> dict[str, Any]:
            values = dict(zip(names, get(row), strict=True))
            for name in parsed:
                if values[name] is not None:
                    values[name] = values[name].obj
            for name in temporal:
                values[name] = plain[values[name]]
            return values

        return read

    def _by_id(self, kept: dict[str, Any], table: str) -> dict[int, dict[str, Any]]:
        found: dict[int, dict[str, Any]] = {}
        for columns, rows in kept.get(table, ()):
            read, key = self._reader(table, columns), list(columns).index("id")
            found.update((row[key], read(row)) for row in rows)
        return found

    def _by_dossier(
        self, kept: dict[str, Any], table: str
    ) -> dict[int, list[tuple[Any, dict[str, Any]]]]:
        """(link, digested columns) of each row, by dossier, in the order written; the link
        is the person's id for a party, the position for a document."""
        grouped: dict[int, list[tuple[Any, dict[str, Any]]]] = defaultdict(list)
        for columns, rows in kept.get(table, ()):
            read, names = self._reader(table, columns), list(columns)
            dossier = names.index("dossier_id")
            link = names.index("person_id") if "person_id" in names else None
            for row in rows:
                grouped[row[dossier]].append((None if link is None else row[link], read(row)))
        return grouped


@lru_cache(maxsize=64)
def _reading(
    table: str, columns: tuple[str, ...], postgres: bool
) -> tuple[tuple[str, ...], Callable[[Sequence[Any]], Any], list[str], list[str]]:
    """How ``_reader`` reads a row of ``table`` written in ``columns`` order: the digested
    columns, their getter, which hold parsed JSON and which instants or days (made once:
    intake digests every dossier it receives)."""
    names = DIGESTED_COLUMNS[table]
    get = itemgetter(*(columns.index(name) for name in names))
    types = METADATA.tables[table].c
    parsed = [n for n in names if postgres and isinstance(types[n].type, JSON)]
    temporal = [n for n in names if postgres and _is_temporal(types[n].type)]
    return names, get, parsed, temporal


class _Canonical(dict[Any, Any]):
    """Instant or day → its text in ``canonical`` form (None stays None), each once."""

    def __init__(self) -> None:
        super().__init__({None: None})

    def __missing__(self, value: Any) -> Any:
        if len(self) > 1 << 18:
            self.clear()
            self[None] = None
        text = self[value] = json.loads(canonical(value))
        return text


def _is_temporal(type_: Any) -> bool:
    if isinstance(type_, TypeDecorator):
        type_ = type_.impl_instance
    try:
        return issubclass(type_.python_type, date)
    except NotImplementedError:
        return False


def _at(item: tuple[Any, dict[str, Any]]) -> Any:
    """A party's or a document's place in its dossier (rows read back are ordered by it,
    then by id: the order written)."""
    return item[1]["position"]
