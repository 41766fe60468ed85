"""What the citizen is told at the counter is what the desk records and what the slip says.

For every procedure of the seed catalogue, with and without checks (where the procedure
has a longer time for them), before and after the same-day cut-off: the intake screen's
preview, the dossier the service records from the screen's own request, and the printed
slip (form 01, its text read back from the PDF) agree on the processing time's label, the
due time and the fee. A catalogue with a 1.5-day procedure pins the decimal comma
("1,5 ngày làm việc") on screen and on paper.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from desk.config import DeskConfig
from desk.domain.calendar import OFFICE_TZ
from desk.domain.catalogue import Catalogue, Procedure, load_catalogue_file, procedure_from_dict
from desk.domain.dossier import Dossier
from desk.domain.fees import format_vnd
from desk.domain.formats import moment_with_weekday, processing_label
from desk.domain.intake import plan_intake, processing_for
from desk.printing import render_slip
from desk.printing.formats import format_moment
from desk.resources import CATALOGUE_FILE
from desk.services import demo, intake
from desk.services.context import DeskContext
from desk.services.drafts import DraftStore
from desk.services.setup import import_catalogue
from desk.ui.intake import IntakeView

SEED = load_catalogue_file(CATALOGUE_FILE)
# Friday 20/11/2026 (Tuesday 24/11 is a public holiday from 2026: due times jump it).
MORNING = datetime(2026, 11, 20, 10, 0, tzinfo=OFFICE_TZ)
AFTER_CUTOFF = datetime(2026, 11, 20, 16, 0, tzinfo=OFFICE_TZ)
MOMENTS = (MORNING, AFTER_CUTOFF)

# What the clerk types in the procedure's own form that changes the fee.
COUNTS: dict[str, dict[str, Any]] = {
    "extract_copy": {"copies": "3"},
    "certified_copy": {"pages": "3", "copies": "2"},
    "marital_status": {"copies": "2"},
}
OTHER_COUNTS = {"extract_copies": "2"}
# A birth registered more than 60 days after the birth pays the late fee.
LATE_BIRTH = {"child": {"full_name": "Trần Gia Bảo", "birth_date": "01/08/2026"}}

ONE_AND_A_HALF = {
    "code": "1.999015",
    "name": "Thủ tục thử có thời hạn một ngày rưỡi",
    "field_code": "HT",
    "field_name": "Hộ tịch",
    "processing_days": "1.5",
    "extended_days": "2.5",
    "fee": {"kind": "flat", "name": "Lệ phí thử", "amount": 12000},
    "documents": [{"code": "DON", "name": "Đơn đề nghị"}],
}


def cases(catalogue: Catalogue) -> Iterator[tuple[str, bool]]:
    for procedure in catalogue:
        yield procedure.code, False
        if procedure.extended is not None:
            yield procedure.code, True


def case_id(case: tuple[str, bool]) -> str:
    code, checks = case
    return f"{code}-checks" if checks else code


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DeskContext]:
    """One demo office for the whole catalogue (each case records its own dossiers)."""
    ctx = DeskContext.open(DeskConfig(data_dir=tmp_path_factory.mktemp("agreement")))
    demo.ensure_demo_office(ctx)
    yield ctx
    ctx.close()


@dataclass(frozen=True)
class Preview:
    processing: str
    due: str
    fees: list[str]


def preview(
    qtbot: Any,
    ctx: DeskContext,
    procedure: Procedure,
    at: datetime,
    *,
    checks: bool,
    form_values: dict[str, Any] | None = None,
) -> tuple[Preview, IntakeView]:
    """The intake screen at ``at`` with the procedure chosen and the form filled."""
    clerk = demo.demo_clerks(ctx)[0]
    drafts = DraftStore(Path(ctx.config.data_dir) / "agreement-drafts")
    view = IntakeView(ctx, clerk, clock=lambda: at, drafts=drafts)
    qtbot.addWidget(view)
    assert view.picker.choose_code(procedure.code)
    view.applicant.set_values({"full_name": "Nguyễn Văn An"})
    form = view.entry.form
    if form is not None and view.form_view is not None:
        view.form_view.set_values(form_values or COUNTS.get(form.name, OTHER_COUNTS))
    if procedure.extended is not None:
        assert view.entry.other_cells["needs_checks"].isVisibleTo(view)
        view.entry.checks_field.set_value(checks)
    view.revalidate()
    shown = view.preview
    return (
        Preview(
            shown.processing_label.text(),
            shown.due_label.text(),
            shown.fee_label.text().split("\n"),
        ),
        view,
    )


def slip_text(ctx: DeskContext, dossier: Dossier, procedure: Procedure) -> str:
    """The slip's text as a reader of the PDF gets it, whitespace folded."""
    reader = PdfReader(io.BytesIO(render_slip(ctx.office, dossier, procedure)))
    assert len(reader.pages) == 2  # "Liên 1: Lưu", "Liên 2: Giao người nộp"
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def assert_agreement(
    qtbot: Any,
    ctx: DeskContext,
    procedure: Procedure,
    at: datetime,
    *,
    checks: bool,
    form_values: dict[str, Any] | None = None,
) -> tuple[Preview, Dossier, str]:
    screen, view = preview(qtbot, ctx, procedure, at, checks=checks, form_values=form_values)
    request = view.build_request()
    clerk = view.user
    plan = plan_intake(ctx.calendar, procedure, request, clerk, at)
    dossier = intake.receive_dossier(ctx, request, clerk, at=at)
    paper = slip_text(ctx, dossier, procedure)

    # The service records what its plan decided.
    assert (dossier.processing_days, dossier.needs_checks) == (
        plan.processing_days,
        plan.needs_checks,
    )
    assert dossier.due_at == plan.due_at == dossier.promised_due_at
    assert dossier.fees == plan.fees
    assert dossier.needs_checks is (checks and procedure.extended is not None)

    # The processing time: the one the service recorded, in the same words everywhere.
    processing = processing_for(procedure, dossier.needs_checks)
    assert str(processing.days) == dossier.processing_days
    label = processing_label(processing)
    suffix = " (cần xác minh)" if dossier.needs_checks else ""
    assert screen.processing == f"Thời hạn giải quyết: {label}{suffix}"
    assert f"Thời gian giải quyết hồ sơ theo quy định: {label} " in paper

    # The due time.
    assert screen.due == moment_with_weekday(dossier.due_at)
    assert f"Thời gian trả kết quả giải quyết hồ sơ: {format_moment(dossier.due_at)} " in paper

    # The fee.
    if dossier.fees:
        for fee in dossier.fees:
            assert f"{fee.name}: {format_vnd(fee.amount)}" in screen.fees
        assert f"Phí, lệ phí: {format_vnd(dossier.total_fee)} " in paper
    else:
        assert screen.fees == [f"{procedure.fee.name}: miễn"]
        assert "Phí, lệ phí" not in paper
    return screen, dossier, paper


@pytest.mark.parametrize("case", list(cases(SEED)), ids=case_id)
def test_screen_service_and_slip_agree_for_every_procedure(
    qtbot: Any, office: DeskContext, case: tuple[str, bool]
) -> None:
    code, checks = case
    procedure = office.catalogue().get(code)
    for at in MOMENTS:
        _, dossier, _ = assert_agreement(qtbot, office, procedure, at, checks=checks)
        if procedure.form in COUNTS:  # the counts typed reached the fee
            copies = int(COUNTS[procedure.form].get("copies", 1))
            pages = int(COUNTS[procedure.form].get("pages", 0))
            rule = procedure.fee
            assert dossier.total_fee == rule.amount_for(copies=copies, pages=pages, late=False)


def test_a_late_birth_registration_agrees_on_its_late_fee(qtbot: Any, office: DeskContext) -> None:
    procedure = office.catalogue().get("1.001193")
    screen, dossier, _ = assert_agreement(
        qtbot, office, procedure, MORNING, checks=False, form_values=LATE_BIRTH
    )
    assert dossier.total_fee > 0  # the provincial late rate, not "miễn"
    assert "miễn" not in " ".join(screen.fees)


def test_a_procedure_of_one_and_a_half_days_reads_with_a_decimal_comma(
    qtbot: Any, tmp_path: Path
) -> None:
    ctx = DeskContext.open(DeskConfig(data_dir=tmp_path / "office"))
    try:
        demo.ensure_demo_office(ctx)
        catalogue = Catalogue((*SEED.procedures, procedure_from_dict(ONE_AND_A_HALF)))
        import_catalogue(ctx, catalogue)
        procedure = ctx.catalogue().get("1.999015")

        screen, dossier, paper = assert_agreement(qtbot, ctx, procedure, MORNING, checks=False)
        assert screen.processing == "Thời hạn giải quyết: 1,5 ngày làm việc"
        assert "Thời gian giải quyết hồ sơ theo quy định: 1,5 ngày làm việc" in paper
        # Friday 10:00 + 12 working hours: Friday's 5 hours, then Monday 07:00–16:00.
        assert screen.due == "16 giờ 00 phút, Thứ Hai 23/11/2026"
        assert "ngày 23 tháng 11 năm 2026" in paper
        assert dossier.total_fee == 12_000

        screen, _, paper = assert_agreement(qtbot, ctx, procedure, MORNING, checks=True)
        assert screen.processing == "Thời hạn giải quyết: 2,5 ngày làm việc (cần xác minh)"
        assert "Thời gian giải quyết hồ sơ theo quy định: 2,5 ngày làm việc" in paper
        _, view = preview(qtbot, ctx, procedure, MORNING, checks=False)
        assert view.entry.checks_field.text() == "Cần xác minh (thời hạn 2,5 ngày làm việc)"
    finally:
        ctx.close()
