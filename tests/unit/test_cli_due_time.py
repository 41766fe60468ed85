"""``desk calendar due`` tells the same due time the intake records, for every procedure.

Both ask the domain's ``intake_terms``: with --needs-checks the longer time applies where
the procedure has one, and the normal time where it has none (not an error).
"""

from __future__ import annotations

from datetime import datetime

import pytest

from desk.cli import main
from desk.domain.calendar import OFFICE_TZ
from desk.domain.dossier import IntakeRequest, Person
from desk.domain.formats import iso_minute
from desk.domain.office import User
from desk.services import intake
from desk.services.context import DeskContext

RECEIVED = (
    datetime(2026, 11, 20, 15, 30, tzinfo=OFFICE_TZ),  # a Friday, after the same-day cut-off
    datetime(2026, 11, 23, 9, 0, tzinfo=OFFICE_TZ),  # a Monday, the day before a holiday
)


def cli_due(ctx: DeskContext, capsys: pytest.CaptureFixture[str], *args: str) -> str:
    """What ``desk calendar due …`` prints; it must succeed."""
    code = main(["--db", str(ctx.db.url), "calendar", "due", *args])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    return captured.out.strip()


def test_the_command_line_due_time_is_the_one_the_intake_records(
    ctx: DeskContext, clerk: User, capsys: pytest.CaptureFixture[str]
) -> None:
    procedures = list(ctx.catalogue())
    assert len(procedures) == 8
    assert any(p.extended is None for p in procedures)
    assert any(p.extended is not None for p in procedures)
    for procedure in procedures:
        for needs_checks in (False, True):
            for received in RECEIVED:
                request = IntakeRequest(
                    procedure.code, Person("Nguyễn Văn An"), needs_checks=needs_checks
                )
                recorded = intake.receive_dossier(ctx, request, clerk, at=received)
                flags = ["--needs-checks"] if needs_checks else []
                printed = cli_due(
                    ctx,
                    capsys,
                    "--procedure",
                    procedure.code,
                    "--received",
                    f"{received:%Y-%m-%d %H:%M}",
                    *flags,
                )
                assert printed == iso_minute(recorded.due_at), (procedure.code, needs_checks)


def test_checks_asked_for_a_procedure_without_a_longer_time_give_the_normal_time(
    ctx: DeskContext, capsys: pytest.CaptureFixture[str]
) -> None:
    procedure = ctx.catalogue().get("1.004873")
    assert procedure.extended is None
    base = ("--procedure", "1.004873", "--received", "2026-11-16 09:00")
    assert cli_due(ctx, capsys, *base, "--needs-checks") == cli_due(ctx, capsys, *base)
    assert cli_due(ctx, capsys, *base) == "2026-11-19 09:00"
