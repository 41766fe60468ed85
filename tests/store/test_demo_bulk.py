"""The bulk demo path writes exactly the rows the real services write, on both engines."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest
from sqlalchemy import text

from desk.config import DeskConfig
from desk.domain.calendar import to_office_time
from desk.forms import (
    APPLICANT,
    get_form,
    missing_documents,
    record_values,
    validate_person,
    validate_values,
    values_of_person,
)
from desk.printing.declaration import parent
from desk.services import audit, demo
from desk.services.context import DeskContext
from desk.services.demo.data import PROCEDURE_MIX
from desk.services.export import export_jsonl
from desk.store import dossiers as store_dossiers
from tests.conftest import DEMO_NOW
from tests.store.conftest import fresh_postgres_database

TABLES = (
    "people",
    "known_people",
    "dossiers",
    "dossier_people",
    "dossier_documents",
    "dossier_fees",
    "status_events",
    "outbox",
    "daily_counters",
    "yearly_counters",
)


@pytest.fixture(params=["sqlite", "postgres"])
def offices(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[dict[str, DeskConfig]]:
    """Two empty offices on one engine: "services" and "bulk" (PostgreSQL: two new
    databases, dropped afterwards)."""
    with ExitStack() as stack:
        configs = {}
        for name in ("services", "bulk"):
            url = ""
            if request.param == "postgres":
                owner_url = stack.enter_context(fresh_postgres_database())
                url = owner_url.render_as_string(hide_password=False)
            (tmp_path / name).mkdir()
            configs[name] = DeskConfig(data_dir=tmp_path / name, database_url=url)
        yield configs


def _build(
    config: DeskConfig, *, bulk: bool, count: int, seeds: tuple[int, ...] = (7,)
) -> tuple[str, dict[str, list[tuple]]]:
    directory = config.data_dir
    ctx = DeskContext.open(config)
    try:
        demo.ensure_demo_office(ctx)
        for seed in seeds:
            assert demo.add_demo_dossiers(ctx, count, seed=seed, now=DEMO_NOW, bulk=bulk) == count
        ctx.act_as(demo.demo_account(ctx, "quantri"))
        report = audit.verify(ctx)  # the log vouches for every dossier, on either path
        assert report.problems == [] and report.dossiers == count * len(seeds)
        export_jsonl(ctx, directory / "export.jsonl")
        with ctx.db.read() as session:
            tables = {
                name: [
                    tuple(row)
                    for row in session.execute(text(f"SELECT * FROM {name} ORDER BY 1, 2"))
                ]
                for name in TABLES
            }
            tables["applicant ids"] = [
                tuple(row)
                for row in session.execute(
                    text("SELECT applicant_person_id FROM dossiers ORDER BY id")
                )
            ]
        return (directory / "export.jsonl").read_text(encoding="utf-8"), tables
    finally:
        ctx.close()


def test_bulk_rows_are_identical_to_the_services_rows(offices: dict[str, DeskConfig]) -> None:
    through_services = _build(offices["services"], bulk=False, count=120)
    through_bulk = _build(offices["bulk"], bulk=True, count=120)
    export_services, tables_services = through_services
    export_bulk, tables_bulk = through_bulk
    assert len(export_services.splitlines()) == 120
    assert export_bulk == export_services
    for name in TABLES:
        assert tables_bulk[name] == tables_services[name], name
    # The generated office is not trivial: several statuses, refusals or supplements, fees.
    statuses = {row[TABLES.index("dossiers")] for row in tables_services["dossiers"]}
    assert statuses
    assert len({r[1] for r in tables_services["status_events"]}) == 120


def test_both_paths_record_people_per_dossier_and_keep_the_registry_alike(
    offices: dict[str, DeskConfig],
) -> None:
    """The same seed twice brings the same citizens back: on either path each dossier
    records its own people (the first run's rows stay as they were) and the registry of
    known people holds one entry per ID number, the newest details."""
    export_services, tables_services = _build(
        offices["services"], bulk=False, count=40, seeds=(7, 7)
    )
    export_bulk, tables_bulk = _build(offices["bulk"], bulk=True, count=40, seeds=(7, 7))
    assert len(export_services.splitlines()) == 80
    assert export_bulk == export_services
    for name in TABLES:
        assert tables_bulk[name] == tables_services[name], name
    people = tables_services["people"]
    applicants = tables_services["applicant ids"]
    assert tables_bulk["applicant ids"] == applicants
    assert len(set(applicants)) == 80  # the second run records its applicants anew
    by_id = {row[0]: row for row in people}
    first_run = [by_id[a][1:-1] for (a,) in applicants[:40]]
    second_run = [by_id[a][1:-1] for (a,) in applicants[40:]]
    assert first_run == second_run  # the same citizens, recorded twice
    id_numbers = {row[1] for row in people if row[1]}
    known = tables_services["known_people"]
    assert sorted(row[0] for row in known) == sorted(id_numbers)
    # The registry's entry is the newest record of each ID number.
    newest = {row[1]: row for row in sorted(people, key=lambda r: r[0]) if row[1]}
    assert {row[0]: row[-1] for row in known} == {n: r[-1] for n, r in newest.items()}


def test_demo_dossiers_are_spread_over_past_working_days(ctx: DeskContext) -> None:
    demo.add_demo_dossiers(ctx, 90, seed=3, now=DEMO_NOW)
    with ctx.db.read() as session:
        days = session.execute(
            text(
                "SELECT received_day, min(sequence), max(sequence), count(*) "
                "FROM dossiers GROUP BY 1"
            )
        ).all()
        statuses = {r[0] for r in session.execute(text("SELECT DISTINCT status FROM dossiers"))}
    assert len(days) == demo.MIN_DEMO_DAYS
    for _day, first, last, count in days:
        assert first == 1 and last == count  # each day's sequence contiguous from 0001
    assert {2, 10} <= statuses or {4, 10} <= statuses


@pytest.mark.parametrize("bulk", [False, True])
def test_every_demo_dossier_passes_the_intake_windows_checks(ctx: DeskContext, bulk: bool) -> None:
    """The finding: demo dossiers bypassed the form's own rules (a requester «Cha» with no
    father). Every recorded demo dossier, read back, goes through what the intake window
    runs: the applicant's checks, the form's checks and rules, the documents required."""
    demo.add_demo_dossiers(ctx, 400, seed=13, now=DEMO_NOW, bulk=bulk)
    procedures = {p.code: p for p in ctx.catalogue()}
    problems: list[str] = []
    relations: set[str] = set()
    with ctx.db.read() as session:
        dossiers = list(store_dossiers.iter_dossiers(session))
    assert len(dossiers) == 400
    for dossier in dossiers:
        procedure = procedures[dossier.procedure_code]
        form = get_form(procedure.form)
        today = to_office_time(dossier.received_at).date()
        values = record_values(form, dossier.parties, dossier.form_data)
        found = validate_person(APPLICANT, values_of_person(dossier.applicant), today=today)
        found += validate_values(form, values, today=today)
        received = {
            d.code: d.originals + d.certified_copies + d.photocopies for d in dossier.documents
        }
        # Papers only shown (the ID card) are seen, not kept: the record never has them.
        received.update({d.code: 1 for d in procedure.documents if d.shown})
        missing = missing_documents(procedure.documents, received)
        problems += [f"{dossier.code} {p.key}: {p.message}" for p in found]
        problems += [f"{dossier.code} thiếu {m.name}" for m in missing]
        if procedure.form == "birth_registration":
            relation = str(dossier.form_data["relation_to_child"])
            relations.add(relation)
            # The declaration prints a parent's block for the requester who is that parent.
            if relation == "Cha":
                father = parent(dossier, "father")
                assert father is not None
                assert father.id_number == dossier.applicant.id_number
    assert problems == []  # neither errors nor warnings
    assert {code for code, _ in PROCEDURE_MIX} == {d.procedure_code for d in dossiers}
    assert {"Cha", "Mẹ"} <= relations and relations - {"Cha", "Mẹ"}  # and grandparents
