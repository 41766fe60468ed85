"""Pieces every one-stop form shares: the header, the title, labelled lines, the documents
table, signature blocks. A ``Kit`` binds them to one paper size and one template set."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from reportlab.lib.units import mm

from desk.domain.dossier import Dossier, Person, ReceivedDocument
from desk.domain.identity import Sex
from desk.domain.letters import commune_unit
from desk.domain.office import Office
from desk.domain.text import clean
from desk.errors import InvalidInput
from desk.printing.codes import Code128, QrCode, code128_modules, qr_modules
from desk.printing.formats import BLANK, or_blank, place_and_date
from desk.printing.layout import (
    Align,
    Block,
    Column,
    Paragraph,
    Row,
    Spacer,
    Span,
    Stack,
    Table,
    Text,
    as_spans,
    bold,
    italic,
    keep_together,
    plain,
)
from desk.printing.paper import Paper
from desk.printing.templates import TemplateSet

SIGN_NOTE = "(Ký và ghi rõ họ tên)"
NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
MISTER_OR_MADAM = "Ông (Bà)"
_ADDRESS = {Sex.MALE: "Ông", Sex.FEMALE: "Bà"}
# A place's name after its unit word («xã Yên Lạc», «TỈNH PHÚ THỌ») up to the next comma,
# dash or bracket: one word to a reader, never split over two lines.
_PLACE = re.compile(
    r"\b(?:xã|phường|thị trấn|đặc khu|tỉnh|thành phố)(?: [^\s,;:()\-–]+)+", re.IGNORECASE
)


_COMMITTEE_SHORT = re.compile(r"^(?:UBND|[UỦ][yỷ] ban nhân dân)(?=\s|$)\s*", re.IGNORECASE)
_BARE_UNIT = re.compile(r"(?:^|\s)(xã|phường|thị trấn|đặc khu)$", re.IGNORECASE)


def body_name(name: str, office: Office) -> str:
    """A body named in full, as the control slip names the lead and coordinating bodies:
    the catalogue's «UBND xã» is «Ủy ban nhân dân xã Yên Lạc», «Công an xã» is «Công an
    xã Yên Lạc»; a name that is already complete is printed as it is."""
    text = clean(name) or "UBND xã"
    short = _COMMITTEE_SHORT.match(text)
    if short:
        text = f"Ủy ban nhân dân {text[short.end() :]}".strip()
    try:
        unit = commune_unit(office.commune, office.agency_name)  # «Xã Yên Lạc»
    except InvalidInput:
        return text  # the office's own data does not say xã or phường: leave it as written
    unit = unit[:1].lower() + unit[1:]
    bare = _BARE_UNIT.search(text)
    if bare and unit.casefold().startswith(bare.group(1).casefold() + " "):
        return text[: bare.start(1)] + unit
    if text == "Ủy ban nhân dân":
        return f"{text} {unit}"
    return text


def salutation(person: Person, *, lower: bool = False) -> str:
    """How a form addresses a person: «Ông» for a man, «Bà» for a woman, «Ông (Bà)» when
    the sex is not known; ``lower`` for the middle of a sentence («đề nghị bà bổ sung»)."""
    word = MISTER_OR_MADAM if person.sex is None else _ADDRESS[person.sex]
    return word.lower() if lower else word


# Words of several syllables in the names of one-stop units (Decree 61/2018, 118/2025):
# «HÀNH / CHÍNH» on two lines is one word cut in two.
_UNIT_WORDS = re.compile(
    r"\b(?:trung tâm|phục vụ|hành chính|bộ phận|một cửa|tiếp nhận|trả kết quả|kết quả"
    r"|ủy ban nhân dân|uỷ ban nhân dân)\b",
    re.IGNORECASE,
)


def place_names_whole(text: str) -> str:
    """``text`` with each place name held together («UBND XÃ YÊN LẠC» never breaks
    between YÊN and LẠC), and the words of a unit's name («HÀNH CHÍNH»); it still prints
    with ordinary spaces."""
    text = _PLACE.sub(lambda found: keep_together(found.group(0)), text)
    return _UNIT_WORDS.sub(lambda found: keep_together(found.group(0)), text)


@dataclass(frozen=True, slots=True)
class Kit:
    paper: Paper
    templates: TemplateSet

    # -- text --

    def para(
        self,
        text: Text,
        *,
        align: Align = "left",
        size: float | None = None,
        space_before: float = 0.0,
        space_after: float = 0.0,
        underline: float = 0.0,
        indent: float = 0.0,
        balance: bool = False,
    ) -> Paragraph:
        size = size or self.paper.size
        return Paragraph(
            text,
            size=size,
            leading=size * 1.32,
            align=align,
            space_before=space_before,
            space_after=space_after,
            underline=underline,
            indent=indent,
            balance=balance,
        )

    def field(self, label: str, value: Text, *, strong: bool = False) -> Paragraph:
        """A labelled line, e.g. «Địa chỉ: Thôn Đông …»; empty values leave a dotted line."""
        return self._labelled(f"{label}: ", value, strong=strong)

    def person_field(self, label: str, person: Person) -> Paragraph:
        """«Tiếp nhận hồ sơ của: Ông Trần Văn Bình»: the label, how the person is
        addressed (see ``salutation``), the name in bold."""
        lead = f"{label}: " if label else ""
        return self._labelled(f"{lead}{salutation(person)} ", person.full_name, strong=True)

    def _labelled(self, lead: str, value: Text, *, strong: bool) -> Paragraph:
        spans = as_spans(value)
        if not any(span.text for span in spans):
            spans = (plain(BLANK),)
        elif strong:
            spans = tuple(bold(span.text) for span in spans)
        return self.para([plain(lead), *spans])

    def fields(self, *pairs: tuple[str, str]) -> Paragraph:
        """Several short fields on one line: "Số điện thoại: … Email: …"."""
        spans: list[Span] = []
        for index, (label, value) in enumerate(pairs):
            spans += [plain(("; " if index else "") + f"{label}: "), plain(or_blank(value))]
        return self.para(spans)

    def gap(self, lines: float = 0.5) -> Spacer:
        return Spacer(self.paper.leading * lines)

    # -- header and title --

    def header(self, office: Office, day: date) -> Block:
        """Agency on the left, the national motto and the dateline on the right; stacked
        and centred on a roll, which is too narrow for two columns."""
        size = self.paper.size * (0.95 if not self.paper.narrow else 1.0)
        agency = [
            self.para(place_names_whole(office.agency_name), align="center", size=size),
            self.para(
                bold(place_names_whole(office.unit_name)),
                align="center",
                size=size,
                underline=0.4,
            ),
        ]
        nation = [
            self.para(bold(NATION), align="center", size=size),
            self.para(bold(MOTTO), align="center", size=size, underline=1.0),
        ]
        dateline = self.para(
            italic(place_and_date(office.place_name, day)),
            align="center" if self.paper.narrow else "right",
            space_before=self.paper.leading * 0.4,
        )
        if self.paper.narrow:
            return Stack([*agency, self.gap(0.3), *nation, dateline])
        left = Stack(agency)
        right = Stack([*nation, dateline])
        return Row([(left, self.paper.frame_width * 0.4), (right, None)], gap=2 * mm)

    def motto_only(self) -> Block:
        """Declarations by the citizen carry no agency header."""
        return Stack(
            [
                self.para(bold(NATION), align="center"),
                self.para(bold(MOTTO), align="center", underline=1.0),
            ]
        )

    def title(self, text: str, subtitle: Text = "") -> Block:
        blocks: list[Block] = [
            self.para(
                bold(text),
                align="center",
                size=self.paper.title_size,
                space_before=self.paper.leading * 0.6,
                balance=True,
            )
        ]
        if subtitle:
            blocks.append(self.para(subtitle, align="center"))
        blocks.append(self.gap(0.4))
        return Stack(blocks)

    # -- codes --

    def code_block(self, office: Office, dossier: Dossier, *, with_qr: bool = True) -> Block:
        """The code as text and barcode, and the QR code to the lookup page beside it."""
        code = str(dossier.code)
        label = self.para([plain("Mã hồ sơ: "), bold(code)], align="center")
        paper = self.paper
        bars = Code128(
            code, module=paper.module, bar_height=paper.bar_height, rotated=paper.rotate_barcode
        )
        url = lookup_url(office, code) if with_qr else ""
        if not url:
            return Stack([label, bars, self.gap(0.3)])
        qr = QrCode(url, size=paper.qr_size)
        codes = Row([(bars, bars.natural_width), (qr, paper.qr_size)], gap=1 * mm, valign="middle")
        return Stack([label, codes, self.gap(0.3)])

    # -- people --

    def person_lines(self, person: Person) -> list[Block]:
        return [
            self.person_field("", person),
            self.field("Địa chỉ", person.address),
            self.fields(("Số điện thoại", person.phone), ("Email", person.email)),
            self.field("Số CCCD/Căn cước", person.id_number),
        ]

    def owner_lines(self, dossier: Dossier) -> list[Block]:
        """The dossier owner (ChuHoSo), when it is not the person at the desk."""
        owner = dossier.owner
        if not is_other_person(owner, dossier.applicant):
            return []
        return [
            self.person_field("Chủ hồ sơ", owner),
            self.field("Địa chỉ chủ hồ sơ", owner.address),
            self.field("Số CCCD/Căn cước của chủ hồ sơ", owner.id_number),
        ]

    def request_line(self, dossier: Dossier) -> Paragraph:
        return self.field("Nội dung yêu cầu giải quyết", request_text(dossier), strong=True)

    # -- tables --

    def documents_table(self, documents: Sequence[ReceivedDocument], caption: str) -> Block:
        """No. | document | copies as «Bản chính / Bản chứng thực / Bản photo». On a roll,
        beside the barcode, three count columns would cut their words: the copies are
        written out in one column instead («1 bản chính»)."""
        columns: list[Column]
        rows: list[list[Text]]
        if self.paper.narrow:
            columns = [
                Column("TT", 0.8, "center"),
                Column("Tên giấy tờ", 5.2),
                Column("Số bản", 4.1),  # «2 bản chứng thực» on one line
            ]
            rows = [
                [str(number), document.name, _copies(document)]
                for number, document in enumerate(documents, start=1)
            ]
        else:
            columns = [
                Column("TT", 0.6, "center"),
                Column("Tên giấy tờ", 5.0),
                Column("Bản chính", 1.15, "center"),
                Column("Bản chứng thực", 1.3, "center"),
                Column("Bản photo", 1.15, "center"),
            ]
            rows = [
                [
                    str(number),
                    document.name,
                    _count(document.originals),
                    _count(document.certified_copies),
                    _count(document.photocopies),
                ]
                for number, document in enumerate(documents, start=1)
            ]
        if not rows:
            rows = [["", "(không có)", *[""] * (len(columns) - 2)]]
        return Table(
            columns,
            rows,
            size=self.paper.size * 0.95,
            caption=self.para(caption, space_before=self.paper.leading * 0.2),
        )

    # -- signatures --

    def signature(
        self, title: str, *, name: str = "", note: str = SIGN_NOTE, over: Sequence[str] = ()
    ) -> Block:
        """A signature block: title, "(Ký và ghi rõ họ tên)", room to sign, the name."""
        blocks: list[Block] = [self.para(bold(line), align="center") for line in over]
        blocks.append(self.para(bold(title), align="center"))
        blocks.append(self.para(italic(note), align="center", size=self.paper.small))
        blocks.append(Spacer(self.paper.leading * 3.2))
        blocks.append(self.para(bold(name) if name else "", align="center"))
        return Stack(blocks)

    def signatures(self, *blocks: Block | None) -> Block:
        """Signature blocks side by side (stacked on a roll); None keeps a place empty."""
        if self.paper.narrow:
            stacked: list[Block] = []
            for block in blocks:
                if block is not None:
                    stacked += [self.gap(0.8), block]
            return Stack(stacked)
        present = [block if block is not None else Spacer(0) for block in blocks]
        return Stack([self.gap(0.6), Row([(block, None) for block in present], gap=3 * mm)])


def _count(value: int) -> str:
    return str(value) if value else ""


def _copies(document: ReceivedDocument) -> str:
    """«1 bản chính\n2 bản chứng thực»: the roll's one column of copies."""
    counts = (
        (document.originals, "bản chính"),
        (document.certified_copies, "bản chứng thực"),
        (document.photocopies, "bản photo"),
    )
    return "\n".join(keep_together(f"{n} {kind}") for n, kind in counts if n)


def prepare_codes(office: Office, dossier: Dossier) -> None:
    """Encode the dossier's barcode and QR code ahead of printing (they are cached).

    A service may call this in a worker right after the dossier is saved, so that the
    slip prints without that wait (~0.3 ms since the desk encodes its own QR codes).
    """
    code = str(dossier.code)
    code128_modules(code)
    url = lookup_url(office, code)
    if url:
        qr_modules(url)


def lookup_url(office: Office, code: str) -> str:
    url = office.lookup_url.strip()
    if not url:
        return ""
    return url.replace("{code}", code)


def is_other_person(one: Person, other: Person) -> bool:
    if one is other:
        return False
    if one.id_number and other.id_number:
        return one.id_number != other.id_number
    return one.full_name.casefold() != other.full_name.casefold()


def request_text(dossier: Dossier) -> str:
    """The procedure's name, with the clerk's summary when it says more than the name."""
    summary = dossier.summary.strip()
    if summary and summary.casefold() != dossier.procedure_name.casefold():
        return f"{dossier.procedure_name} ({summary})"
    return dossier.procedure_name
