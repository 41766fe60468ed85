"""Form 01: Giấy tiếp nhận hồ sơ và hẹn trả kết quả (receipt and appointment slip).

Two copies, each starting on its own page: "Liên 1: Lưu" stays with the dossier,
"Liên 2: Giao người nộp" goes to the citizen. On A5 and A4 a copy normally fits one page;
a long documents table continues on the next page with its header repeated. On an 80 mm
roll each copy is one page as tall as its content, with the barcode running down the
left edge beside the details (the code is wider than the roll).
"""

from __future__ import annotations

from reportlab.lib.units import mm

from desk.domain.catalogue import Procedure
from desk.domain.dossier import Dossier, ResultDelivery
from desk.domain.fees import PaymentMethod, fee_line
from desk.domain.formats import processing_label
from desk.domain.intake import processing_for
from desk.domain.office import Office
from desk.domain.text import fold
from desk.printing.codes import Code128, QrCode
from desk.printing.formats import book_entry, count, format_moment, office_day
from desk.printing.layout import (
    Block,
    Metadata,
    Row,
    Section,
    Stack,
    bold,
    italic,
    plain,
    render_pdf,
)
from desk.printing.paper import A4, A5, ROLL80, paper_for
from desk.printing.parts import Kit, lookup_url, place_names_whole
from desk.printing.templates import DEFAULT_TEMPLATE_SET, SLIP, templates_for

COPIES = ("Liên 1: Lưu", "Liên 2: Giao người nộp")


def legal_processing_time(dossier: Dossier, procedure: Procedure) -> str:
    """The legal time («3 ngày làm việc», «1,5 ngày làm việc»), the longer one when checks
    are needed: the domain's choice and words, the same the intake screen previewed."""
    return processing_label(
        processing_for(procedure, dossier.needs_checks, form_data=dossier.form_data)
    )


def result_place(office: Office, dossier: Dossier) -> str:
    if dossier.result_delivery is ResultDelivery.AT_DESK:
        where = f"Tại {office.unit_name} - {office.agency_name}"
        return place_names_whole(f"{where}, {office.address}" if office.address else where)
    return f"{dossier.result_delivery.label}, theo địa chỉ của người nộp hồ sơ"


def shown_papers(dossier: Dossier, procedure: Procedure) -> list[str]:
    """The papers only shown at the desk and handed back (the ID card, a certified copy's
    original): not received, so named outside the documents table. A dossier recorded
    before such papers left the table lists them among its documents: its reprint shows
    that record as it was and does not name them a second time."""
    codes = {document.code for document in dossier.documents if document.code}
    names = {fold(document.name) for document in dossier.documents}
    return [
        paper.name
        for paper in procedure.documents
        if getattr(paper, "shown", False)
        and paper.code not in codes
        and fold(paper.name) not in names
    ]


def fee_text(dossier: Dossier) -> str:
    """The fee line: «Không thu» when free (or «Không thu (miễn: …)»), else the amounts;
    «Hình thức thu: Chuyển khoản» after them when the fees were paid by transfer (cash, the
    usual way at the counter, is not said)."""
    text = fee_line(dossier.fees)
    transfer = PaymentMethod.TRANSFER
    if any(fee.amount and PaymentMethod.of(fee.method) is transfer for fee in dossier.fees):
        text += f". Hình thức thu: {transfer.label}"
    return text


def _details(kit: Kit, office: Office, dossier: Dossier) -> list[Block]:
    """The lines between the code and the documents table."""
    applicant = dossier.applicant
    return [
        kit.field(
            "Đơn vị tiếp nhận", place_names_whole(f"{office.unit_name} - {office.agency_name}")
        ),
        kit.person_field("Tiếp nhận hồ sơ của", applicant),
        kit.field("Địa chỉ", applicant.address),
        kit.fields(("Số điện thoại", applicant.phone), ("Email", applicant.email)),
        kit.field("Số CCCD/Căn cước", applicant.id_number),
        *kit.owner_lines(dossier),
        kit.request_line(dossier),
    ]


def _times(kit: Kit, office: Office, dossier: Dossier, procedure: Procedure) -> list[Block]:
    """The lines after the documents table."""
    blocks: list[Block] = [
        kit.field("Số lượng hồ sơ", f"{count(dossier.sets_count)} (bộ)"),
        kit.field(
            "Thời gian giải quyết hồ sơ theo quy định", legal_processing_time(dossier, procedure)
        ),
        kit.field("Thời gian nhận hồ sơ", format_moment(dossier.received_at)),
        kit.field(
            "Thời gian trả kết quả giải quyết hồ sơ",
            bold(format_moment(dossier.promised_due_at)),
        ),
        kit.field("Nơi nhận kết quả", result_place(office, dossier)),
    ]
    blocks.append(kit.field("Phí, lệ phí", fee_text(dossier)))  # also when free (DOMAIN §4)
    return blocks


def _after_table(kit: Kit, dossier: Dossier, procedure: Procedure) -> list[Block]:
    """The papers shown and handed back, right under the table of those received."""
    shown = shown_papers(dossier, procedure)
    if not shown:
        return []
    return [
        kit.para(
            f"Giấy tờ xuất trình để đối chiếu (đã trả lại): {'; '.join(shown)}",
            space_before=kit.paper.leading * 0.2,
        )
    ]


def _lookup_note(kit: Kit, office: Office, dossier: Dossier) -> list[Block]:
    url = lookup_url(office, str(dossier.code))
    if not url:
        return []
    return [
        kit.para(
            [
                italic("Tra cứu tình trạng hồ sơ: quét mã QR hoặc truy cập "),
                plain(url),
            ],
            size=kit.paper.small,
            space_before=kit.paper.leading * 0.3,
        )
    ]


def _signatures(kit: Kit, dossier: Dossier) -> Block:
    return kit.signatures(
        kit.signature("NGƯỜI NỘP HỒ SƠ", name=dossier.applicant.full_name),
        kit.signature("NGƯỜI TIẾP NHẬN HỒ SƠ", name=dossier.clerk_name),
    )


def _copy_blocks(kit: Kit, office: Office, dossier: Dossier, procedure: Procedure) -> list[Block]:
    header = kit.header(office, office_day(dossier.received_at))
    title = kit.title(kit.templates.form(SLIP).title)
    table = kit.documents_table(dossier.documents, "Thành phần hồ sơ gồm:")
    # The template's order on every paper: who and what, the documents, then the times.
    lines = [
        *_details(kit, office, dossier),
        table,
        *_after_table(kit, dossier, procedure),
        kit.gap(0.3),
        *_times(kit, office, dossier, procedure),
        kit.para(book_entry(dossier.book_year, dossier.book_number)),
    ]
    if kit.paper.rotate_barcode:
        return [
            header,
            title,
            *_roll_code_and_lines(kit, office, dossier, lines),
            _signatures(kit, dossier),
        ]
    return [
        header,
        title,
        kit.code_block(office, dossier),
        *lines,
        *_lookup_note(kit, office, dossier),
        _signatures(kit, dossier),
    ]


def _roll_code_and_lines(
    kit: Kit, office: Office, dossier: Dossier, lines: list[Block]
) -> list[Block]:
    """On the roll the barcode stands on the left edge with the slip's lines (the
    documents table among them) beside it, and the QR code (when there is one) comes after
    them."""
    code = str(dossier.code)
    paper = kit.paper
    label = kit.para([plain("Mã hồ sơ: "), bold(code)], align="center")
    bars = Code128(code, module=paper.module, bar_height=paper.bar_height, rotated=True)
    blocks: list[Block] = [
        label,
        kit.gap(0.3),
        Row([(bars, bars.natural_width), (Stack(lines), None)], gap=2 * mm),
    ]
    url = lookup_url(office, code)
    if url:
        blocks += [
            kit.gap(0.3),
            QrCode(url, size=paper.qr_size),
            *_lookup_note(kit, office, dossier),
        ]
    blocks.append(kit.gap(0.3))
    return blocks


def render_slip(
    office: Office,
    dossier: Dossier,
    procedure: Procedure,
    *,
    paper: str = A5,
    template_set: str = DEFAULT_TEMPLATE_SET,
) -> bytes:
    """Form 01 as PDF bytes: two copies ("Liên 1: Lưu", "Liên 2: Giao người nộp").

    ``paper``: "a5", "a4" or "roll80". The header date is the day the dossier was received.
    """
    sheet = paper_for(paper, allowed=(A5, A4, ROLL80))
    templates = templates_for(template_set)
    kit = Kit(sheet, templates)
    # Both copies share the same blocks (only the corner label differs), so everything is
    # measured once.
    blocks = _copy_blocks(kit, office, dossier, procedure)
    sections = [
        Section(
            blocks,
            corner_left=label,
            corner_right=templates.number_label(SLIP),
            continued=f"Mã hồ sơ {dossier.code} (tiếp theo)",
        )
        for label in COPIES
    ]
    title = templates.form(SLIP).title
    metadata = Metadata(f"{title} - {dossier.code}", office.agency_name, str(dossier.code))
    return render_pdf(sheet, sections, metadata)
