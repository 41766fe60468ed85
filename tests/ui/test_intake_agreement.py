"""What the citizen is told at the counter is what the desk records and what the slip says.

For every procedure of the seed catalogue, with and without checks (where the procedure
has a longer time for them), before and after the same-day cut-off: the intake screen's
preview, the dossier the service records from the screen's own request, and the printed
slip (form 01, its text read back from the PDF) agree on the processing time's label, the
due time and the fee. A catalogue with a 1.5-day procedure pins the decimal comma
("1,5 ngày làm việc") on screen and on paper. The time a form's case chooses ("Bổ sung" is
same-day), a fee exemption chosen next to the fees, a late death registration and the papers
only shown at the counter agree the same way.
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
from PySide6.QtCore import Qt

from desk.config import DeskConfig
from desk.domain.calendar import OFFICE_TZ
from desk.domain.catalogue import Catalogue, Procedure, procedure_from_dict
from desk.domain.catalogue_file import load_catalogue_file
from desk.domain.dossier import Dossier
from desk.domain.fees import Fee, fee_line, format_vnd
from desk.domain.formats import moment_with_weekday, processing_label
from desk.domain.intake import plan_intake, processing_for
from desk.printing import render_slip
from desk.printing.formats import format_moment
from desk.resources import CATALOGUE_FILE
from desk.services import demo, intake
from desk.services.catalogue import import_catalogue
from desk.services.context import DeskContext
from desk.services.drafts import DraftStore
from desk.store import dossiers as store_dossiers
from desk.ui.dossier_facts import fact_pairs
from desk.ui.intake import IntakeView
from desk.ui.intake.documents import CERTIFIED, NAME, ORIGINALS, PHOTOS

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

CHECK = Qt.ItemDataRole.CheckStateRole

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
    exemption: str = "",
) -> tuple[Preview, IntakeView]:
    """The intake screen at ``at`` with the procedure chosen, the form filled and, if
    given, a fee exemption chosen."""
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
    if exemption:
        assert view.preview.choose_exemption(exemption)
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
    exemption: str = "",
) -> tuple[Preview, Dossier, str]:
    screen, view = preview(
        qtbot, ctx, procedure, at, checks=checks, form_values=form_values, exemption=exemption
    )
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
    processing = processing_for(procedure, dossier.needs_checks, form_data=dossier.form_data)
    assert str(processing.days) == dossier.processing_days
    label = processing_label(processing)
    suffix = " (cần xác minh)" if dossier.needs_checks else ""
    assert screen.processing == f"Thời hạn giải quyết: {label}{suffix}"
    assert f"Thời gian giải quyết hồ sơ theo quy định: {label} " in paper

    # The due time.
    assert screen.due == moment_with_weekday(dossier.due_at)
    assert f"Thời gian trả kết quả giải quyết hồ sơ: {format_moment(dossier.due_at)} " in paper

    # The fee: always a line on the slip, "Không thu" when there is nothing to pay.
    assert f"Phí, lệ phí: {fee_line(dossier.fees)} " in paper
    if dossier.total_fee:
        for fee in dossier.fees:
            assert f"{fee.name}: {format_vnd(fee.amount)}" in screen.fees
    elif dossier.fees:  # exempted: the line is kept, at 0, with the exemption's name
        assert screen.fees == [f"{fee.name}: miễn ({fee.exemption})" for fee in dossier.fees]
        assert "Phí, lệ phí: Không thu (miễn: " in paper
    else:
        rules = (procedure.fee, procedure.fee.when_late or procedure.fee)
        assert screen.fees in ([f"{rule.name}: miễn"] for rule in rules)
        assert "Phí, lệ phí: Không thu " in paper
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
        ctx.act_as(demo.demo_account(ctx, "quantri"))  # the catalogue is the admin's
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


# --- issue 9: the catalogue by law ---------------------------------------------------------

CORRECTION = {
    "relation_to_subject": "Bản thân",
    "subject": {"full_name": "Nguyễn Văn An", "birth_date": "02/03/1990"},
    "record_type": "Khai sinh",
    "record.place": "UBND xã Yên Lạc",
    "changed_item": "Quê quán",
    "requested_value": "Xã Yên Lạc, tỉnh Phú Thọ",
    "reason": "Giấy khai sinh chưa ghi quê quán",
    "extract_copies": "1",
}
POOR = "Hộ nghèo"


def checked_time(dossier: Dossier) -> Any:
    procedure = SEED.get(dossier.procedure_code)
    return processing_for(procedure, dossier.needs_checks, form_data=dossier.form_data)


FRIDAY_CLOSING = datetime(2026, 11, 20, 17, 0, tzinfo=OFFICE_TZ)
MONDAY_CLOSING = datetime(2026, 11, 23, 17, 0, tzinfo=OFFICE_TZ)


def test_adding_missing_details_is_same_day_on_screen_on_record_and_on_paper(
    qtbot: Any, office: DeskContext
) -> None:
    procedure = office.catalogue().get("1.004859")
    adding = {**CORRECTION, "change_kind": "Bổ sung"}
    screen, dossier, _ = assert_agreement(
        qtbot, office, procedure, MORNING, checks=False, form_values=adding
    )
    assert screen.processing.startswith("Thời hạn giải quyết: Trong ngày")
    assert dossier.due_at == FRIDAY_CLOSING and dossier.processing_days == "0"
    _, late_in_day, _ = assert_agreement(
        qtbot, office, procedure, AFTER_CUTOFF, checks=False, form_values=adding
    )
    assert late_in_day.due_at == MONDAY_CLOSING  # after 15:00: the next working day
    # A correction of the same record keeps the procedure's 3 working days.
    correcting = {**CORRECTION, "change_kind": "Cải chính", "current_value": "(trống)"}
    _, corrected, _ = assert_agreement(
        qtbot, office, procedure, MORNING, checks=False, form_values=correcting
    )
    assert corrected.processing_days == "3"
    assert corrected.due_at == datetime(2026, 11, 26, 10, 0, tzinfo=OFFICE_TZ)  # 24/11 off
    # Checks add their days to the case's own same-day time, and the box says so.
    _, checked, _ = assert_agreement(
        qtbot, office, procedure, MORNING, checks=True, form_values=adding
    )
    assert checked.due_at > FRIDAY_CLOSING
    _, view = preview(qtbot, office, procedure, MORNING, checks=True, form_values=adding)
    caption = view.entry.checks_field.text()
    assert caption == f"Cần xác minh (thời hạn {processing_label(checked_time(checked))})"
    assert caption.startswith("Cần xác minh (thời hạn Trong ngày")


def test_an_exempted_fee_agrees_on_screen_on_record_and_on_paper(
    qtbot: Any, office: DeskContext
) -> None:
    procedure = office.catalogue().get("1.004873")
    screen, dossier, paper = assert_agreement(
        qtbot, office, procedure, MORNING, checks=False, exemption=POOR
    )
    assert dossier.fees == [Fee(procedure.fee.name, 0, exemption=POOR)]
    assert screen.fees == [f"{procedure.fee.name}: miễn (Hộ nghèo)"]
    assert "Phí, lệ phí: Không thu (miễn: Hộ nghèo)" in paper
    with office.db.read() as session:
        stored = store_dossiers.get_dossier(session, str(dossier.code))
    assert stored.fees == dossier.fees  # the exemption is kept in the database
    facts = dict(fact_pairs(stored))  # and the dossier view says why nothing was paid
    assert facts["Phí, lệ phí"] == f"{procedure.fee.name}: 0 đồng (miễn: Hộ nghèo)"


@pytest.mark.parametrize(
    ("code", "form_values", "offered"),
    [
        ("1.004873", None, True),
        ("1.004884", None, True),
        ("1.004859", CORRECTION, True),
        ("1.000894", None, False),  # free
        ("2.000635", None, False),  # a copy fee: no household exemption
        ("2.000815", None, False),
        ("1.001193", None, False),  # on time: free
        ("1.001193", LATE_BIRTH, True),  # late: the provincial rate, which has exemptions
    ],
)
def test_the_exemption_box_shows_only_where_there_is_a_fee_to_exempt(
    qtbot: Any,
    office: DeskContext,
    code: str,
    form_values: dict[str, Any] | None,
    offered: bool,
) -> None:
    procedure = office.catalogue().get(code)
    _, view = preview(qtbot, office, procedure, MORNING, checks=False, form_values=form_values)
    assert view.preview.exemption_row.isVisibleTo(view) is offered
    field = view.preview.exemption_field
    names = [field.itemText(i) for i in range(field.count())]
    if offered:
        assert names == ["Không miễn", POOR, "Người khuyết tật", "Gia đình có công với cách mạng"]
    assert view.preview.exemption() == ""


def test_an_exemption_no_longer_offered_is_not_recorded(qtbot: Any, office: DeskContext) -> None:
    procedure = office.catalogue().get("1.001193")
    _, view = preview(
        qtbot, office, procedure, MORNING, checks=False, form_values=LATE_BIRTH, exemption=POOR
    )
    assert view.build_request().fee_exemption == POOR
    assert view.form_view is not None
    view.form_view.set_values({"child": {"full_name": "Trần Gia Bảo", "birth_date": "10/11/2026"}})
    view.revalidate()  # on time now: free, nothing to exempt
    assert not view.preview.exemption_row.isVisibleTo(view)
    assert view.build_request().fee_exemption == ""


def test_a_late_death_registration_is_late_and_free_until_the_province_sets_a_fee(
    qtbot: Any, office: DeskContext
) -> None:
    procedure = office.catalogue().get("1.000656")
    late = {"death_date": "01/10/2026", "extract_copies": "0"}  # copies cost 8.000 đ each
    screen, dossier, paper = assert_agreement(
        qtbot, office, procedure, MORNING, checks=False, form_values=late
    )
    _, view = preview(qtbot, office, procedure, MORNING, checks=False, form_values=late)
    assert view.build_request().late
    assert "Quá 15 ngày" in view.preview.note_label.text()
    assert screen.fees == ["Lệ phí đăng ký khai tử quá hạn: miễn"]
    assert dossier.fees == [] and "Phí, lệ phí: Không thu " in paper


@pytest.mark.parametrize("code", sorted(p.code for p in SEED))
def test_papers_only_shown_are_ticked_as_seen_and_never_recorded(
    qtbot: Any, office: DeskContext, code: str
) -> None:
    procedure = office.catalogue().get(code)
    shown = [d for d in procedure.documents if d.shown]
    assert shown  # every seed procedure asks to see an ID paper or an original
    _, view = preview(qtbot, office, procedure, MORNING, checks=False)
    model = view.documents.model
    rows = {line.code: row for row, line in enumerate(model.lines)}
    for document in shown:
        row = rows[document.code]
        assert model.data(model.index(row, NAME)).endswith("(xuất trình, trả lại)")
        assert any(document.code in m.codes for m in model.missing())  # not seen yet
        model.setData(model.index(row, NAME), Qt.CheckState.Checked, CHECK)
        assert model.data(model.index(row, NAME), CHECK) == Qt.CheckState.Checked
        assert model.data(model.index(row, ORIGINALS)) == "đã xem"
        for column in (ORIGINALS, CERTIFIED, PHOTOS):
            assert not model.flags(model.index(row, column)) & Qt.ItemFlag.ItemIsEditable
        assert not any(document.code in m.codes for m in model.missing())
    for line in model.lines:
        if not line.shown:
            model.setData(model.index(rows[line.code], NAME), Qt.CheckState.Checked, CHECK)
    dossier = intake.receive_dossier(office, view.build_request(), view.user, at=MORNING)
    kept = {d.code for d in dossier.documents}
    assert kept and not kept & {d.code for d in shown}


def test_a_scan_of_a_shown_paper_is_not_kept(
    qtbot: Any, office: DeskContext, tmp_path: Path
) -> None:
    procedure = office.catalogue().get("1.004873")
    _, view = preview(qtbot, office, procedure, MORNING, checks=False)
    model = view.documents.model
    row = next(r for r, line in enumerate(model.lines) if line.shown)
    scan = tmp_path / "can-cuoc.png"
    scan.write_bytes(b"\x89PNG\r\n\x1a\n")
    view.attach_file(row, str(scan))
    assert "chỉ xuất trình" in view.banner.label.text()
    assert model.lines[row].attachment_sha256 == ""
