"""Every column defined once: each ORM class is mapped onto its Core table of
``desk.store.tables`` (the start's statements run on those tables without the ORM)."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import Table
from sqlalchemy.orm import Mapper

from desk.store import tables
from desk.store.models import Base

# Sorted by name: pytest-xdist's workers must collect the same tests in the same order.
MAPPED = sorted(Base.registry.mappers, key=lambda mapper: mapper.class_.__name__)
CORE_TABLES = {name: value for name, value in vars(tables).items() if isinstance(value, Table)}


@pytest.mark.parametrize("mapper", MAPPED, ids=[m.class_.__name__ for m in MAPPED])
def test_model_is_mapped_on_its_core_table(mapper: Mapper[Any]) -> None:
    named = [name for name, table in CORE_TABLES.items() if table is mapper.local_table]
    assert named, f"{mapper.class_.__name__} defines a table of its own"


def test_every_core_table_is_mapped() -> None:
    mapped = {getattr(mapper.local_table, "name", "") for mapper in MAPPED}
    assert mapped == {table.name for table in CORE_TABLES.values()}
    assert set(tables.METADATA.tables) == mapped


def test_the_two_person_tables_share_their_details() -> None:
    def details(table: Table) -> list[tuple[str, str, bool | None]]:
        columns = [c for c in table.columns if c.name not in ("id", "id_number")]
        return [(c.name, repr(c.type), c.nullable) for c in columns]

    assert details(tables.PEOPLE) == details(tables.KNOWN_PEOPLE)
    assert {c.table for c in tables.PEOPLE.columns} == {tables.PEOPLE}
