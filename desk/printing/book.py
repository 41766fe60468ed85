"""Form 07 (2025) / 06 (2018): Sổ theo dõi hồ sơ, the tracking book and end-of-day list.

A4 landscape, one row per dossier in the order received, numbered by the dossier's entry
in the year's volume (the «Số thứ tự» its slip gave; the header names the volume). The
caller chooses the dossiers (normally those received from ``first_day`` to ``last_day``);
the book prints them, a count line and the signatures. Dates in the table are in figures
("09:30 23/11/2026"): the words form does not fit fifteen columns.

The columns follow the template: besides received, due and returned, the dates the dossier
went to the lead body and its result came back (Circular 01/2018/TT-VPCP form 06; the 2025
form 07 is taken to keep them — verify), read from the dossier's history.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from desk.domain.calendar import now_in_office
from desk.domain.dossier import Dossier, Timeliness
from desk.domain.handover import collected_by
from desk.domain.office import Office
from desk.domain.status import Status
from desk.errors import InvalidInput
from desk.printing.formats import book_volume, count, format_day, short_moment
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
from desk.printing.parts import Kit, body_name, is_other_person
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

# Widths in shares of the 275 mm frame (~13.5 mm each): room for a four-digit entry and
# for "23/11/2026" on one line in the date columns.
COLUMNS = (
    Column("TT", 0.75, "center"),
    Column("Mã hồ sơ", 1.6),
    Column("Tên thủ tục hành chính", 1.9),
    Column("Số lượng hồ sơ (bộ)", 0.85, "center"),
    Column("Tên cá nhân, tổ chức", 1.6),
    Column("Địa chỉ, số điện thoại", 1.9),
    Column("Cơ quan chủ trì giải quyết", 1.5),
    Column("Nhận hồ sơ", 1.3, "center"),
    Column("Hẹn trả kết quả", 1.3, "center"),
    Column("Chuyển hồ sơ đến cơ quan giải quyết", 1.3, "center"),
    Column("Nhận kết quả từ cơ quan giải quyết", 1.3, "center"),
    Column("Trả kết quả", 1.3, "center"),
    Column("Phương thức nhận kết quả", 1.35),
    Column("Ký nhận", 1.1),
    Column("Ghi chú", 1.35),
)
DATE_GROUP = ColumnGroup("Ngày, tháng, năm", 7, 11)


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


def sent_to_lead_body(dossier: Dossier) -> datetime | None:
    """When the desk first handed the dossier to the lead body (none for a dossier done at
    the desk in one sitting)."""
    sent = [
        event.at
        for event in dossier.events
        if event.from_status is Status.RECEIVED and event.to_status is Status.PROCESSING
    ]
    return min(sent) if sent else None


def result_came_back(dossier: Dossier) -> datetime | None:
    """When the result last came back to the desk, ready to hand over."""
    ready = [event.at for event in dossier.events if event.to_status is Status.RESULT_READY]
    return max(ready) if ready else dossier.finished_at


def _delivery(dossier: Dossier) -> str:
    who = collected_by(dossier)
    return f"{dossier.result_delivery.label}\n{who}" if who else dossier.result_delivery.label


def _row(dossier: Dossier, office: Office, as_of: datetime) -> list[Text]:
    return [
        str(dossier.book_number) if dossier.book_number else "",
        str(dossier.code),
        dossier.procedure_name,
        count(dossier.sets_count),
        _name(dossier),
        _address(dossier),
        body_name(dossier.lead_unit, office),
        _when(dossier.received_at),
        _when(dossier.promised_due_at),
        _when(sent_to_lead_body(dossier)),
        _when(result_came_back(dossier)),
        _when(dossier.returned_at),
        _delivery(dossier),
        "",
        _note(dossier, as_of),
    ]


def volumes_text(first_day: date, last_day: date) -> str:
    """The volumes the period's entries are in: one a year («Quyển số 01/2026»)."""
    years = range(first_day.year, last_day.year + 1)
    return "Quyển số " + ", ".join(book_volume(year) for year in years)


def period_text(first_day: date, last_day: date) -> str:
    if first_day == last_day:
        return format_day(first_day).capitalize()
    return f"Từ {format_day(first_day)} đến {format_day(last_day)}"


def log_foot_text(log_head: tuple[int, str]) -> str:
    seq, hash_ = log_head
    return f"Nhật ký: đến mục số {seq} — mã kiểm tra {hash_}"


def _log_foot(kit: Kit, log_head: tuple[int, str] | None) -> list[Block]:
    if log_head is None:
        return []
    return [
        kit.para(
            plain(log_foot_text(log_head)),
            size=kit.paper.small,
            space_before=kit.paper.leading,
        )
    ]


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
    log_head: tuple[int, str] | None = None,
) -> bytes:
    """The tracking book for one day or a date range, on A4 landscape.

    ``as_of`` decides which open dossiers count as overdue (now by default). ``log_head``
    (the number and hash of the office log's newest entry) is printed small at the foot:
    once the book is signed, the paper fixes the log up to that entry.
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
    rows = [_row(dossier, office, now) for dossier in ordered]
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
        kit.title(
            templates.form(BOOK).title,
            [
                bold(volumes_text(first_day, last_day)),
                italic("\n" + period_text(first_day, last_day)),
            ],
        ),
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
                *_log_foot(kit, log_head),
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
