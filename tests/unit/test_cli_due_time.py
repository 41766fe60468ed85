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


# --- pauses, the cut-off minute and days added for checks (issue 9) -----------------------


@pytest.mark.parametrize(
    ("args", "due"),
    [
        # A marriage (same day): papers asked for Thu 10:00, back Fri 07:13 → Fri 17:00.
        (
            [
                "--procedure",
                "1.000894",
                "--received",
                "2026-10-22 09:00",
                "--paused",
                "2026-10-22 10:00",
                "2026-10-23 07:13",
            ],
            "2026-10-23 17:00",
        ),
        # Marital status (3 days) from Mon 9/3 09:00 → Thu 12/3 09:00; two pauses of 60 and
        # 120 working minutes → Thu 14:00 (lunch skipped).
        (
            [
                "--procedure",
                "1.004873",
                "--received",
                "2026-03-09 09:00",
                "--paused",
                "2026-03-09 10:00",
                "2026-03-09 11:00",
                "--paused",
                "2026-03-10 13:30",
                "2026-03-10 15:30",
            ],
            "2026-03-12 14:00",
        ),
        # The cut-off minute is still that day.
        (["--procedure", "1.001193", "--received", "2026-03-09 15:00"], "2026-03-09 17:00"),
        # A certified copy needing checks: Mon 2/11 15:56 → Tue 3/11 17:00 + 2 days.
        (
            ["--procedure", "2.000815", "--received", "2026-11-02 15:56", "--needs-checks"],
            "2026-11-05 17:00",
        ),
    ],
)
def test_the_command_line_answers_pauses_the_cutoff_and_added_days(
    ctx: DeskContext, capsys: pytest.CaptureFixture[str], args: list[str], due: str
) -> None:
    assert cli_due(ctx, capsys, *args) == due


def test_the_command_line_and_a_paused_dossier_agree(
    ctx: DeskContext, clerk: User, capsys: pytest.CaptureFixture[str]
) -> None:
    from desk.domain.status import Status
    from desk.services import dossiers

    def moment(text: str) -> datetime:
        return datetime.strptime(text, "%Y-%m-%d %H:%M").replace(tzinfo=OFFICE_TZ)

    pauses = [("2026-11-23 10:00", "2026-11-25 08:00"), ("2026-11-25 14:00", "2026-11-26 16:00")]
    for code in ("1.000894", "1.004884"):
        received = "2026-11-23 09:00"
        dossier = intake.receive_dossier(
            ctx, IntakeRequest(code, Person("Nguyễn Văn An")), clerk, at=moment(received)
        )
        number = str(dossier.code)
        dossiers.change_status(ctx, number, Status.PROCESSING, clerk, at=moment(received))
        for start, end in pauses:
            dossiers.change_status(
                ctx,
                number,
                Status.SUPPLEMENT_REQUESTED,
                clerk,
                note="Thiếu",
                at=moment(start),
                fault_reason="Lần trước hướng dẫn chưa đủ",  # a second request is the office's
            )
            dossier = dossiers.change_status(ctx, number, Status.PROCESSING, clerk, at=moment(end))
        flags = [word for pause in pauses for word in ("--paused", *pause)]
        printed = cli_due(ctx, capsys, "--procedure", code, "--received", received, *flags)
        assert printed == iso_minute(dossier.due_at), code


@pytest.mark.parametrize(
    ("pauses", "words"),
    [
        # The papers came back before they were asked for.
        (["--paused", "2026-03-09 12:00", "2026-03-09 11:00"], "phải sau"),
        # Asked for before the dossier was received.
        (["--paused", "2026-03-09 08:00", "2026-03-09 11:00"], "trước khi tiếp nhận"),
        # Two pauses overlap.
        (
            [
                "--paused",
                "2026-03-09 10:00",
                "2026-03-10 09:00",
                "--paused",
                "2026-03-10 08:00",
                "2026-03-10 10:00",
            ],
            "chồng nhau",
        ),
        # Not a moment at all.
        (["--paused", "2026-03-09", "2026-03-10 10:00"], "YYYY-MM-DD HH:MM"),
    ],
)
def test_impossible_pauses_exit_2_with_a_vietnamese_message(
    ctx: DeskContext, capsys: pytest.CaptureFixture[str], pauses: list[str], words: str
) -> None:
    base = ["--procedure", "1.004873", "--received", "2026-03-09 09:00"]
    code = main(["--db", str(ctx.db.url), "calendar", "due", *base, *pauses])
    captured = capsys.readouterr()
    assert code == 2
    assert words in captured.err
    assert captured.out == ""


def test_a_pause_needs_both_its_ends(ctx: DeskContext, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(
            [
                "--db",
                str(ctx.db.url),
                "calendar",
                "due",
                "--procedure",
                "1.004873",
                "--received",
                "2026-03-09 09:00",
                "--paused",
                "2026-03-09 10:00",
            ]
        )
    assert exited.value.code == 2
    assert "--paused" in capsys.readouterr().err
