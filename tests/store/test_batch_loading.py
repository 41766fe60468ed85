"""Dossiers read a batch at a time (the sync push, the export, the tracking book) are the
very dossiers read one at a time: nothing of one dossier lands in another, nothing is
lost or reordered, on SQLite and on PostgreSQL, for a varied office (the demo: both its
bulk path and its services path, with scans, parties, fees and long histories)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from desk.services import demo
from desk.services.context import DeskContext
from desk.store import dossiers as store_dossiers
from desk.store import sync_repository as sync_repo
from desk.sync.items import dossier_item
from tests.store.conftest import mixed_demo_office


@pytest.fixture(params=["sqlite", "postgresql"])
def office(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[DeskContext]:
    with mixed_demo_office(request, tmp_path / "office", 400, 25, seed=11) as ctx:
        yield ctx


def test_a_batch_loads_the_same_dossiers_as_one_at_a_time(office: DeskContext) -> None:
    with office.db.snapshot() as session:
        codes = list(store_dossiers.all_codes(session))
        one_by_one = [store_dossiers.get_dossier(session, code) for code in codes]
        streamed = list(store_dossiers.iter_dossiers(session, batch_size=37))
        ids = [d.id for d in one_by_one]
        batched = sync_repo.load_dossiers(session, ids[::-1])  # any order asked: code order
    assert len(one_by_one) == 425
    assert [d.code for d in streamed] == [d.code for d in one_by_one]
    assert streamed == one_by_one
    assert batched == one_by_one
    # The office is varied enough for the comparison to mean something.
    assert any(len(d.parties) > 0 for d in one_by_one)
    assert any(len(d.fees) > 1 for d in one_by_one)
    assert any(d.documents and d.documents[0].attachment_sha256 for d in one_by_one)
    assert any(len(d.events) > 3 for d in one_by_one)
    assert any(e.detail for d in one_by_one for e in d.events)
    assert any(d.form_data for d in one_by_one)
    assert any(d.applicant.birth_date is not None for d in one_by_one)


def test_people_and_documents_load_as_cleaned_as_the_domain_makes_them(
    office: DeskContext,
) -> None:
    # The loader does not clean the store's text again (Person.stored): it holds because
    # everything was cleaned before it was written, and cleaning clean text changes nothing.
    with office.db.snapshot() as session:
        loaded = list(store_dossiers.iter_dossiers(session))
    people = [d.applicant for d in loaded] + [p.person for d in loaded for p in d.parties]
    documents = [doc for d in loaded for doc in d.documents]
    assert len(people) > len(loaded) and documents
    assert [replace(person) for person in people] == people  # replace: __post_init__ again
    assert [replace(document) for document in documents] == documents


def test_items_and_export_lines_are_those_of_the_dossiers_loaded_one_at_a_time(
    office: DeskContext, tmp_path: Path
) -> None:
    from desk.services.export import export_jsonl

    office.act_as(demo.demo_account(office, "quantri"))
    out = tmp_path / "all.jsonl"
    assert export_jsonl(office, out) == 425
    with office.db.snapshot() as session:
        expected = [
            dossier_item(store_dossiers.get_dossier(session, code))
            for code in store_dossiers.all_codes(session)
        ]
    lines = out.read_text(encoding="utf-8").splitlines()
    # Each line reads (json module) as the very item, its keys in the same order, as the
    # line the json module wrote before orjson (the file's whitespace is no contract).
    assert [json.loads(line, object_pairs_hook=list) for line in lines] == [
        json.loads(json.dumps(item, ensure_ascii=False), object_pairs_hook=list)
        for item in expected
    ]
