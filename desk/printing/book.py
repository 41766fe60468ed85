"""Form 07 (2025) / 06 (2018): Sổ theo dõi hồ sơ, the tracking book and end-of-day list.

A4 landscape, one row per dossier in the order received. The caller chooses the dossiers
(normally those received from ``first_day`` to ``last_day``); the book prints them, a
count line and the signatures. Dates in the table are in figures ("09:30 23/11/2026"):
the words form does not fit twelve columns.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from desk.domain.calendar import now_in_office
from desk.domain.dossier import Dossier, Timeliness
from desk.domain.office import Office
from desk.domain.status import Status
from desk.errors import InvalidInput
from desk.printing.formats import count, format_day, short_moment
from desk.printing.layout import (
    Block,
    Column,
    ColumnGroup,
    Metadata,
    Section,
    Span,
    Stack,
    Table,
    Text,
    bold,
    italic,
    plain,
    render_pdf,
)
from desk.printing.paper import A4, BOOK_PAPER
from desk.printing.parts import Kit, is_other_person
from desk.printing.templates import BOOK, DEFAULT_TEMPLATE_SET, templates_for

# Statuses worth a word in the note column: the usual path needs none.
_NOTED = frozenset(
    {
        Status.REFUSED,
        Status.SUPPLEMENT_REQUESTED,
        Status.PAYMENT_REQUESTED,
        Status.WITHDRAWN,
        Status.STOPPED,
    }
)

COLUMNS = (
    Column("TT", 0.55, "center"),
    Column("Mã hồ sơ", 1.75),
    Column("Tên thủ tục hành chính", 2.2),
    Column("Số lượng hồ sơ (bộ)", 1.0, "center"),
    Column("Tên cá nhân, tổ chức", 1.8),
    Column("Địa chỉ, số điện thoại", 2.2),
    Column("Cơ quan chủ trì giải quyết", 1.5),
    Column("Nhận hồ sơ", 1.2, "center"),
    Column("Hẹn trả kết quả", 1.2, "center"),
    Column("Trả kết quả", 1.2, "center"),
    Column("Phương thức nhận kết quả", 1.3),
    Column("Ký nhận", 1.1),
    Column("Ghi chú", 1.4),
)
DATE_GROUP = ColumnGroup("Ngày, tháng, năm", 7, 9)


def _is_late(dossier: Dossier, as_of: datetime) -> bool:
    if dossier.timeliness() is Timeliness.LATE:
        return True
    return dossier.is_overdue(as_of)


def _note(dossier: Dossier, as_of: datetime) -> str:
    parts = []
    if dossier.status in _NOTED:
        parts.append(dossier.status.label)
    if _is_late(dossier, as_of):
        parts.append("Quá hạn")
    if dossier.rescheduled_due_at is not None:
        parts.append(f"Hẹn lại: {short_moment(dossier.rescheduled_due_at)}")
    if dossier.note:
        parts.append(dossier.note)
    return "; ".join(parts)


def _name(dossier: Dossier) -> list[Span]:
    spans = [plain(dossier.applicant.full_name)]
    owner = dossier.owner
    if is_other_person(owner, dossier.applicant):
        spans.append(italic(f" (chủ hồ sơ: {owner.full_name})"))
    return spans


def _address(dossier: Dossier) -> str:
    person = dossier.applicant
    return "; ".join(part for part in (person.address, person.phone) if part)


def _when(moment: datetime | None) -> str:
    return short_moment(moment).replace(" ", "\n") if moment is not None else ""


def _row(number: int, dossier: Dossier, as_of: datetime) -> list[Text]:
    return [
        str(number),
        str(dossier.code),
        dossier.procedure_name,
        count(dossier.sets_count),
        _name(dossier),
        _address(dossier),
        dossier.lead_unit,
        _when(dossier.received_at),
        _when(dossier.promised_due_at),
        _when(dossier.returned_at),
        dossier.result_delivery.label,
        "",
        _note(dossier, as_of),
    ]


def period_text(first_day: date, last_day: date) -> str:
    if first_day == last_day:
        return format_day(first_day).capitalize()
    return f"Từ {format_day(first_day)} đến {format_day(last_day)}"


def render_book(
    office: Office,
    dossiers: Sequence[Dossier],
    first_day: date,
    last_day: date | None = None,
    *,
    paper: str = A4,
    template_set: str = DEFAULT_TEMPLATE_SET,
    issued_on: date | None = None,
    as_of: datetime | None = None,
    prepared_by: str = "",
) -> bytes:
    """The tracking book for one day or a date range, on A4 landscape.

    ``as_of`` decides which open dossiers count as overdue (now by default).
    """
    if paper != A4:
        raise InvalidInput(
            "Sổ theo dõi hồ sơ chỉ in trên giấy A4 khổ ngang (a4).", code="print.paper"
        )
    last_day = last_day or first_day
    if last_day < first_day:
        raise InvalidInput("Ngày cuối phải sau ngày đầu.", code="print.period")
    now = as_of or now_in_office()
    kit = Kit(BOOK_PAPER, templates_for(template_set))
    templates = kit.templates
    ordered = sorted(dossiers, key=lambda d: (d.received_at, str(d.code)))
    rows = [_row(number, dossier, now) for number, dossier in enumerate(ordered, start=1)]
    if not rows:
        rows = [["", "", "(Không có hồ sơ)", *[""] * (len(COLUMNS) - 3)]]
    table = Table(
        COLUMNS,
        rows,
        size=kit.paper.size,
        groups=[DATE_GROUP],
        min_row_height=kit.paper.leading * 2.2,
    )
    returned = sum(1 for d in ordered if d.status is Status.RETURNED)
    finished = [d for d in ordered if d.finished_at is not None]
    late = sum(1 for d in ordered if _is_late(d, now))
    summary = (
        f"Tổng số: {len(ordered)} hồ sơ; đã giải quyết xong: {len(finished)}; "
        f"đã trả kết quả: {returned}; quá hạn: {late}."
    )
    blocks: list[Block] = [
        kit.header(office, issued_on or now_in_office().date()),
        kit.title(templates.form(BOOK).title, italic(period_text(first_day, last_day))),
        table,
        # The count and the signatures stay together, on the last page.
        Stack(
            [
                kit.para(bold(summary), space_before=kit.paper.leading * 0.5),
                kit.signatures(
                    kit.signature("NGƯỜI LẬP SỔ", name=prepared_by),
                    None,
                    kit.signature("LÃNH ĐẠO ĐƠN VỊ", note="(Ký, ghi rõ họ tên)"),
                ),
            ]
        ),
    ]
    period = period_text(first_day, last_day)
    section = Section(
        blocks,
        corner_right=templates.number_label(BOOK),
        continued=f"{office.agency_name} - Sổ theo dõi hồ sơ, {period[0].lower()}{period[1:]}",
    )
    title = f"{templates.form(BOOK).title} - {period_text(first_day, last_day)}"
    return render_pdf(kit.paper, [section], Metadata(title, office.agency_name))
