"""Forms 02–05: supplement request, refusal, apology, stop-processing notice.

What these forms say beyond the dossier (the reason, the missing papers, the new due time,
the refunded fees) comes in as small typed parameter objects, so a caller cannot forget
a field the form needs. Each prints one copy for the citizen.

Forms 04 and 05 are letters of the commune People's Committee (desk.domain.letters): its
header with the letter's number, the head's signature as configured. The four forms are
one piece: they share the reason checks, the recipients and the signature ends.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from reportlab.lib.units import mm

from desk.domain.calendar import now_in_office
from desk.domain.dossier import Dossier, ReceivedDocument
from desk.domain.fees import Fee, format_vnd
from desk.domain.letters import DEFAULT_SIGNER, committee_header, committee_name, signer_for
from desk.domain.office import Office
from desk.domain.text import clean
from desk.errors import InvalidInput
from desk.printing.formats import format_moment, office_day, place_and_date
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
from desk.printing.paper import A5, paper_for
from desk.printing.parts import MOTTO, NATION, Kit, request_text, salutation
from desk.printing.templates import (
    APOLOGY,
    DEFAULT_TEMPLATE_SET,
    REFUSAL,
    STOP,
    SUPPLEMENT,
    templates_for,
)
from desk.printing.words import amount_in_words

HEAD_NOTE = "(Ký, ghi rõ họ tên và đóng dấu)"


def _text(value: str) -> str:
    """Keep the line breaks a clerk typed in a reason; tidy each line."""
    return "\n".join(clean(line) for line in value.strip().splitlines())


def _require(value: str, what: str) -> str:
    text = _text(value)
    if not text:
        raise InvalidInput(f"Chưa nhập {what}.", code="print.missing", field=what)
    return text


@dataclass(frozen=True, slots=True)
class SupplementRequest:
    """Form 02. ``missing_documents`` may be names or full document lines (with the
    numbers of originals / certified copies / photocopies wanted)."""

    missing_documents: Sequence[ReceivedDocument | str]
    reason: str
    rules_reference: str = ""  # where the rules can be read (a URL, the posted list …)
    guide_name: str = ""  # the clerk who explains what is missing
    guide_phone: str = ""

    def documents(self) -> list[ReceivedDocument]:
        return [
            item if isinstance(item, ReceivedDocument) else ReceivedDocument(item)
            for item in self.missing_documents
        ]


@dataclass(frozen=True, slots=True)
class Refusal:
    """Form 03."""

    reason: str
    refused_by: str = ""  # the clerk who refuses; the dossier's clerk when empty


@dataclass(frozen=True, slots=True)
class Apology:
    """Form 04, a letter of the commune People's Committee. ``new_due_at`` must come after
    the dossier's legal due time. ``earlier_due_times``: every due time promised before
    the new one, oldest first (the legal one when empty). ``number``: the letter's number
    in its year and kind; None prints a blank to be numbered by hand (a sample)."""

    reason: str
    new_due_at: datetime
    signer: str = DEFAULT_SIGNER  # "tm" or "kt" (desk.domain.letters.SIGNERS)
    signer_name: str = ""
    number: int | None = None
    earlier_due_times: Sequence[datetime] = ()


@dataclass(frozen=True, slots=True)
class StopNotice:
    """Form 05 (2025), a letter of the commune People's Committee. ``refunded_fees``:
    what is paid back, if anything; ``citizen_requested``: whether the citizen asked for
    the stop (the clerk must answer before it prints)."""

    reason: str
    refunded_fees: Sequence[Fee] = field(default_factory=tuple)
    citizen_requested: bool | None = None
    signer: str = DEFAULT_SIGNER
    signer_name: str = ""
    number: int | None = None


def _today() -> date:
    return now_in_office().date()


def _kit(paper: str, template_set: str) -> Kit:
    return Kit(paper_for(paper), templates_for(template_set))


def _render(kit: Kit, form: str, office: Office, dossier: Dossier, blocks: list[Block]) -> bytes:
    templates = kit.templates
    section = Section(
        blocks,
        corner_right=templates.number_label(form),
        continued=f"Mã hồ sơ {dossier.code} (tiếp theo)",
    )
    title = templates.form(form).title
    metadata = Metadata(f"{title} - {dossier.code}", office.agency_name, str(dossier.code))
    return render_pdf(kit.paper, [section], metadata)


def _committee_header(kit: Kit, office: Office, form: str, number: int | None, day: date) -> Block:
    """A Committee letter's header (Decree 30/2020): the Committee in full and the number
    line on the left, the national motto and the dateline on the right."""
    committee, unit = committee_header(office.commune, office.agency_name)
    size = kit.paper.size * 0.95
    left = Stack(
        [
            kit.para(bold(committee), align="center", size=size),
            kit.para(bold(unit), align="center", size=size, underline=0.4),
            kit.para(
                kit.templates.number_line(form, number),
                align="center",
                size=size,
                space_before=kit.paper.leading * 0.3,
            ),
        ]
    )
    right = Stack(
        [
            kit.para(bold(NATION), align="center", size=size),
            kit.para(bold(MOTTO), align="center", size=size, underline=1.0),
            kit.para(
                italic(place_and_date(office.place_name, day)),
                align="right",
                space_before=kit.paper.leading * 0.4,
            ),
        ]
    )
    return Row([(left, kit.paper.frame_width * 0.4), (right, None)], gap=2 * mm)


def _head_signature(kit: Kit, signer_key: str, name: str) -> Block:
    """The head signs for the Committee: "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH", or a deputy
    "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH", as configured."""
    signer = signer_for(signer_key)
    return kit.signature(signer.title, name=clean(name), note=HEAD_NOTE, over=signer.over)


def _recipients(kit: Kit, dossier: Dossier) -> Block:
    size = kit.paper.small
    return Stack(
        [
            kit.para(bold("Nơi nhận:"), size=size, space_before=kit.paper.leading * 0.6),
            kit.para(
                f"- {salutation(dossier.applicant)} {dossier.applicant.full_name};", size=size
            ),
            kit.para("- Lưu: VT, hồ sơ.", size=size),
        ]
    )


def _addressee(kit: Kit, dossier: Dossier) -> Block:
    """«Kính gửi: Bà Nguyễn Thị Hoa»: the letters address the citizen as the slip does."""
    person = dossier.applicant
    return kit.para(
        [plain(f"Kính gửi: {salutation(person)} "), bold(person.full_name)], align="center"
    )


def _letter_end(kit: Kit, dossier: Dossier, signer: Block) -> Block:
    """Recipients («Nơi nhận») on the left, the head's signature on the right."""
    return kit.signatures(_recipients(kit, dossier), signer)


def render_supplement(
    office: Office,
    dossier: Dossier,
    request: SupplementRequest,
    *,
    paper: str = A5,
    template_set: str = DEFAULT_TEMPLATE_SET,
    issued_on: date | None = None,
    recorded: bool = True,
) -> bytes:
    """Form 02: what the citizen still has to bring, why, and who explains it.

    ``recorded=False`` is the walk-in whose papers were incomplete at the desk: nothing
    was recorded, so there is no dossier code to print, and the text says the papers were
    checked rather than received.
    """
    kit = _kit(paper, template_set)
    reason = _require(request.reason, "lý do yêu cầu bổ sung")
    documents = request.documents()
    if not documents:
        raise InvalidInput(
            "Chưa nhập giấy tờ cần bổ sung.", code="print.missing", field="missing_documents"
        )
    blocks: list[Block] = [
        kit.header(office, issued_on or _today()),
        kit.title(kit.templates.form(SUPPLEMENT).title),
        *(
            [
                kit.code_block(office, dossier, with_qr=False),
                kit.field("Thời gian nhận hồ sơ", format_moment(dossier.received_at)),
                kit.para(f"{office.unit_name} - {office.agency_name} đã tiếp nhận hồ sơ của:"),
            ]
            if recorded
            else [
                kit.field("Thời gian kiểm tra hồ sơ", format_moment(dossier.received_at)),
                kit.para(f"{office.unit_name} - {office.agency_name} đã kiểm tra hồ sơ của:"),
            ]
        ),
        *kit.person_lines(dossier.applicant),
        kit.request_line(dossier),
        kit.documents_table(
            documents,
            f"Đề nghị {salutation(dossier.applicant, lower=True)} bổ sung, hoàn thiện hồ sơ gồm"
            " những nội dung sau:",
        ),
        kit.gap(0.3),
        kit.field("Lý do", reason),
    ]
    if request.rules_reference.strip():
        blocks.append(
            kit.field("Quy định về thành phần hồ sơ xem tại", _text(request.rules_reference))
        )
    blocks += [
        kit.para(
            "Thời hạn giải quyết hồ sơ tạm dừng từ ngày yêu cầu bổ sung đến khi nhận đủ "
            "giấy tờ bổ sung."
        ),
        kit.para(
            "Trong quá trình hoàn thiện hồ sơ, nếu có vướng mắc, "
            f"{salutation(dossier.applicant, lower=True)} liên hệ với "
            "người hướng dẫn dưới đây:"
        ),
        kit.fields(
            ("Người hướng dẫn", clean(request.guide_name)),
            ("Số điện thoại", clean(request.guide_phone)),
        ),
        kit.signatures(None, kit.signature("NGƯỜI HƯỚNG DẪN", name=clean(request.guide_name))),
    ]
    return _render(kit, SUPPLEMENT, office, dossier, blocks)


def render_refusal(
    office: Office,
    dossier: Dossier,
    refusal: Refusal,
    *,
    paper: str = A5,
    template_set: str = DEFAULT_TEMPLATE_SET,
    issued_on: date | None = None,
) -> bytes:
    """Form 03: why the desk does not accept the dossier. Dated the day it was brought,
    since a refusal happens at intake."""
    kit = _kit(paper, template_set)
    reason = _require(refusal.reason, "lý do từ chối")
    blocks: list[Block] = [
        kit.header(office, issued_on or office_day(dossier.received_at)),
        kit.title(kit.templates.form(REFUSAL).title),
        kit.para([plain("Mã hồ sơ: "), bold(str(dossier.code))], align="center"),
        kit.gap(0.3),
        kit.para(f"{office.unit_name} - {office.agency_name} tiếp nhận hồ sơ của:"),
        *kit.person_lines(dossier.applicant),
        kit.request_line(dossier),
        kit.field("Thời gian nhận hồ sơ", format_moment(dossier.received_at)),
        kit.para(
            "Sau khi nghiên cứu, đối chiếu với quy định hiện hành, "
            f"{office.unit_name} - {office.agency_name} từ chối tiếp nhận, giải quyết hồ sơ "
            "này với lý do cụ thể như sau:",
            space_before=kit.paper.leading * 0.3,
        ),
        kit.para(bold(reason), indent=kit.paper.size),
        kit.para(
            f"Xin thông báo để {salutation(dossier.applicant, lower=True)} được biết và "
            "thực hiện./.",
            space_before=kit.paper.leading * 0.3,
        ),
        kit.signatures(
            kit.signature("NGƯỜI NỘP HỒ SƠ", name=dossier.applicant.full_name),
            kit.signature("NGƯỜI TỪ CHỐI", name=clean(refusal.refused_by) or dossier.clerk_name),
        ),
    ]
    return _render(kit, REFUSAL, office, dossier, blocks)


def _due_lines(kit: Kit, earlier: Sequence[datetime], new_due_at: datetime) -> list[Block]:
    """Every due time the citizen was given, the legal one first, then the new one."""
    lines: list[Block] = [
        kit.field("Thời hạn trả kết quả theo quy định", bold(format_moment(earlier[0])))
    ]
    lines += [
        kit.field(f"Thời hạn đã hẹn lại lần {index}", bold(format_moment(moment)))
        for index, moment in enumerate(earlier[1:], start=1)
    ]
    lines.append(kit.field("Thời hạn trả kết quả mới", bold(format_moment(new_due_at))))
    return lines


def render_apology(
    office: Office,
    dossier: Dossier,
    apology: Apology,
    *,
    paper: str = A5,
    template_set: str = DEFAULT_TEMPLATE_SET,
    issued_on: date | None = None,
) -> bytes:
    """Form 04: the Committee's apology for a late dossier, with every due time promised
    and the new one."""
    kit = _kit(paper, template_set)
    reason = _require(apology.reason, "lý do chậm trả kết quả")
    if apology.new_due_at <= dossier.due_at:
        raise InvalidInput(
            "Ngày hẹn trả mới phải sau thời hạn trả kết quả theo quy định "
            f"({format_moment(dossier.due_at)}).",
            code="print.apology_due",
            field="new_due_at",
        )
    earlier = list(apology.earlier_due_times) or [dossier.due_at]
    committee = committee_name(office.commune, office.agency_name)
    you = salutation(dossier.applicant, lower=True)
    blocks: list[Block] = [
        _committee_header(kit, office, APOLOGY, apology.number, issued_on or _today()),
        kit.title(kit.templates.form(APOLOGY).title),
        _addressee(kit, dossier),
        kit.gap(0.4),
        kit.para(
            f"Vào {format_moment(dossier.received_at)}, {committee} "
            f"đã tiếp nhận hồ sơ của {you} đề nghị giải quyết thủ tục: "
            f"{request_text(dossier)}."
        ),
        kit.field("Mã hồ sơ", str(dossier.code), strong=True),
        *_due_lines(kit, earlier, apology.new_due_at),
        kit.para(
            f"Tuy nhiên, đến nay {committee} chưa trả kết quả giải quyết hồ sơ cho {you} "
            "đúng hạn. Lý do:"
        ),
        kit.para(bold(reason), indent=kit.paper.size),
        kit.para(
            f"Sự chậm trễ này đã gây phiền hà cho {you}. {committee} xin lỗi {you} và "
            f"{kit.templates.apology_promise.format(you=you)} "
            f"{format_moment(apology.new_due_at)}."
        ),
        kit.para(f"Xin trân trọng cảm ơn sự hợp tác của {you}./."),
        _letter_end(kit, dossier, _head_signature(kit, apology.signer, apology.signer_name)),
    ]
    return _render(kit, APOLOGY, office, dossier, blocks)


def render_stop(
    office: Office,
    dossier: Dossier,
    notice: StopNotice,
    *,
    paper: str = A5,
    template_set: str = DEFAULT_TEMPLATE_SET,
    issued_on: date | None = None,
) -> bytes:
    """Form 05 (2025): the Committee stops processing; the reason, whether the citizen
    asked for it, and the fees paid back, if any."""
    kit = _kit(paper, template_set)
    reason = _require(notice.reason, "lý do dừng giải quyết")
    if notice.citizen_requested is None:
        raise InvalidInput(
            "Chưa ghi việc dừng giải quyết có theo đề nghị của công dân hay không.",
            code="print.missing",
            field="citizen_requested",
        )
    committee = committee_name(office.commune, office.agency_name)
    blocks: list[Block] = [
        _committee_header(kit, office, STOP, notice.number, issued_on or _today()),
        kit.title(kit.templates.form(STOP).title),
        _addressee(kit, dossier),
        kit.gap(0.4),
        kit.para(f"{committee} thông báo dừng giải quyết hồ sơ sau:"),
        kit.field("Mã hồ sơ", str(dossier.code), strong=True),
        kit.field("Nội dung yêu cầu giải quyết", request_text(dossier)),
        kit.field("Thời gian nhận hồ sơ", format_moment(dossier.received_at)),
        kit.field("Lý do dừng giải quyết", bold(reason)),
        kit.field(
            "Dừng giải quyết theo đề nghị của công dân",
            bold("Có" if notice.citizen_requested else "Không"),
        ),
        *_refund_lines(kit, notice.refunded_fees, salutation(dossier.applicant, lower=True)),
        kit.para(
            f"{committee} thông báo để {salutation(dossier.applicant, lower=True)} được biết./."
        ),
        _letter_end(kit, dossier, _head_signature(kit, notice.signer, notice.signer_name)),
    ]
    return _render(kit, STOP, office, dossier, blocks)


def _refund_lines(kit: Kit, fees: Sequence[Fee], you: str) -> list[Block]:
    refunded = [fee for fee in fees if fee.amount > 0]
    if not refunded:
        return [kit.field("Phí, lệ phí hoàn trả", "Không có")]
    total = sum(fee.amount for fee in refunded)
    lines: list[Block] = [
        kit.field(
            f"Phí, lệ phí hoàn trả cho {you}",
            [bold(format_vnd(total)), plain(f" (Bằng chữ: {amount_in_words(total)})")],
        )
    ]
    if len(refunded) > 1:
        lines += [
            kit.para(f"- {fee.name}: {format_vnd(fee.amount)}", indent=kit.paper.size)
            for fee in refunded
        ]
    else:
        lines.append(kit.para(f"- {refunded[0].name}", indent=kit.paper.size))
    return lines


__all__ = [
    "Apology",
    "Refusal",
    "StopNotice",
    "SupplementRequest",
    "render_apology",
    "render_refusal",
    "render_stop",
    "render_supplement",
]
