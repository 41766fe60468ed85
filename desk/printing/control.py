"""Form 06 (2025) / 05 (2018): Phiếu kiểm soát quá trình giải quyết hồ sơ.

The control slip travels with the dossier. It names the lead body in full and the bodies
that take part (the procedure's catalogue data), then one row per hand-over recorded in
the dossier's history (who had it → who got it, when, and the step's verdict as
``desk.domain.steps`` judges it), then empty numbered rows to be filled in by hand as the
dossier moves on.
"""

from __future__ import annotations

from datetime import date

from desk.domain.calendar import WorkingCalendar
from desk.domain.catalogue import Procedure
from desk.domain.dossier import Dossier
from desk.domain.office import Office
from desk.domain.status import Status, StatusEvent
from desk.domain.steps import judge_step
from desk.printing.formats import BLANK, format_moment, office_day
from desk.printing.layout import (
    Block,
    Column,
    ColumnGroup,
    Metadata,
    Section,
    Table,
    Text,
    italic,
    keep_together,
    plain,
    render_pdf,
)
from desk.printing.paper import A5, paper_for
from desk.printing.parts import Kit, body_name
from desk.printing.templates import CONTROL, DEFAULT_TEMPLATE_SET, templates_for

APPLICANT = "Người nộp hồ sơ"
MIN_ROWS = 6  # room for hand-written hand-overs after the printed ones


def holder(status: Status | None, office: Office, dossier: Dossier) -> str:
    """Who has the dossier while it is in ``status`` (None: before intake)."""
    if status in (None, Status.REFUSED, Status.WITHDRAWN, Status.RETURNED):
        return APPLICANT
    if status is Status.SUBMITTED_ONLINE:
        return "Cổng dịch vụ công"
    if status is Status.PROCESSING:
        return body_name(dossier.lead_unit, office)
    if status is Status.SUPPLEMENT_REQUESTED:
        return f"{APPLICANT} (bổ sung hồ sơ)"
    if status is Status.PAYMENT_REQUESTED:
        return f"{APPLICANT} (thực hiện nghĩa vụ tài chính)"
    return office.unit_name  # received, result ready, stopped: back at the desk


def _row(
    number: int,
    event: StatusEvent,
    office: Office,
    dossier: Dossier,
    procedure: Procedure | None,
    calendar: WorkingCalendar | None,
) -> list[Text]:
    giver = holder(event.from_status, office, dossier)
    receiver = holder(event.to_status, office, dossier)
    verdict = judge_step(dossier, event, procedure, calendar)
    note = [plain(". ".join(part for part in (event.to_status.label, event.note) if part))]
    if event.actor_name:
        note.append(italic(f"\n({event.actor_name})"))
    hand_over = [
        italic("Giao: "),
        plain(keep_together(giver)),  # «Người nộp hồ sơ» whole when the column allows
        italic("\nNhận: "),
        plain(keep_together(receiver)),
    ]
    judged = verdict.label if verdict is not None else ""
    return [str(number), hand_over, format_moment(event.at), judged, note, "", ""]


def coordinating_text(procedure: Procedure | None, office: Office) -> str:
    """The bodies that take part besides the lead one; a dotted line when the procedure is
    not at hand to say."""
    if procedure is None:
        return BLANK
    units = [body_name(unit, office) for unit in procedure.coordinating_units]
    return "; ".join(units) if units else "Không có"


def render_control(
    office: Office,
    dossier: Dossier,
    procedure: Procedure | None = None,
    *,
    paper: str = A5,
    template_set: str = DEFAULT_TEMPLATE_SET,
    issued_on: date | None = None,
    calendar: WorkingCalendar | None = None,
) -> bytes:
    """Form 06 for a dossier. ``procedure`` names the coordinating bodies and the working
    days of each step where it sets them; those steps are counted with ``calendar``."""
    kit = Kit(paper_for(paper), templates_for(template_set))
    templates = kit.templates
    events = sorted(dossier.events, key=lambda event: event.at)
    rows = [
        _row(number, event, office, dossier, procedure, calendar)
        for number, event in enumerate(events, start=1)
    ]
    for number in range(len(rows) + 1, MIN_ROWS + 1):
        rows.append([str(number), "", "", "", "", "", ""])
    columns = [
        Column("TT", 0.5, "center"),
        Column("Bên giao, bên nhận", 2.5),
        Column("Thời gian giao, nhận hồ sơ", 2.2),
        Column("Kết quả (trước hạn, đúng hạn, quá hạn)", 1.75, "center"),
        Column("Ghi chú", 1.95),
        Column("Người giao", 1.3),
        Column("Người nhận", 1.3),
    ]
    table = Table(
        columns,
        rows,
        size=kit.paper.size * 0.9,
        groups=[ColumnGroup("Ký tên", 5, 6)],
        caption=kit.para("Quá trình giao, nhận hồ sơ:", space_before=kit.paper.leading * 0.3),
        min_row_height=kit.paper.leading * 2.6,
    )
    lines: list[Block] = [
        kit.header(office, issued_on or office_day(dossier.received_at)),
        kit.title(templates.form(CONTROL).title),
        kit.code_block(office, dossier, with_qr=False),
        kit.field("Cơ quan, đơn vị chủ trì giải quyết", body_name(dossier.lead_unit, office)),
        kit.field("Cơ quan phối hợp giải quyết", coordinating_text(procedure, office)),
        kit.person_field("Người nộp hồ sơ", dossier.applicant),
        kit.request_line(dossier),
        kit.field("Thời gian nhận hồ sơ", format_moment(dossier.received_at)),
        kit.field("Thời hạn trả kết quả theo quy định", format_moment(dossier.due_at)),
    ]
    if dossier.rescheduled_due_at is not None:
        lines.append(
            kit.field("Thời hạn trả kết quả đã hẹn lại", format_moment(dossier.rescheduled_due_at))
        )
    lines.append(table)
    section = Section(
        lines,
        corner_right=templates.number_label(CONTROL),
        continued=f"Mã hồ sơ {dossier.code} (tiếp theo)",
    )
    title = templates.form(CONTROL).title
    metadata = Metadata(f"{title} - {dossier.code}", office.agency_name, str(dossier.code))
    return render_pdf(kit.paper, [section], metadata)
