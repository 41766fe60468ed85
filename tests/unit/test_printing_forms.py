"""What each printed form says, read back from the PDF with pypdf."""

from __future__ import annotations

import io
import json
import re
from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from pypdf import PdfReader
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics

from desk.domain.calendar import ProcessingTime, WorkingCalendar
from desk.domain.catalogue import (
    CopyKind,
    RequiredDocument,
    dump_catalogue,
    procedure_from_dict,
)
from desk.domain.catalogue_file import catalogue_from_data, load_catalogue_file
from desk.domain.codes import DossierCode
from desk.domain.dossier import Party, Person, ReceivedDocument, ResultDelivery
from desk.domain.fees import Fee
from desk.domain.identity import Sex
from desk.domain.status import Status, StatusEvent
from desk.errors import CatalogueError, InvalidInput
from desk.printing import (
    FORMS,
    Apology,
    Refusal,
    StopNotice,
    SupplementRequest,
    render_apology,
    render_book,
    render_control,
    render_declaration,
    render_refusal,
    render_slip,
    render_stop,
    render_supplement,
)
from desk.printing.fonts import Face
from desk.resources import CATALOGUE_FILE
from tests.unit.printing_factories import (
    AGENCY_ID,
    LONG_ADDRESS,
    LONG_NAME,
    RECEIVED_DAY,
    at,
    birth_dossier,
    birth_procedure,
    contains,
    make_applicant,
    make_dossier,
    make_office,
    marital_procedure,
    missing,
    page_texts,
    with_documents,
)

CODE = f"{AGENCY_ID}-261123-0007"
SUPPLEMENT = SupplementRequest(
    missing_documents=[
        "Bản sao Giấy khai sinh",
        ReceivedDocument("Giấy xác nhận thông tin về cư trú", originals=1),
    ],
    reason="Giấy xác nhận cư trú đã hết hạn sử dụng",
    rules_reference="Bảng niêm yết thủ tục tại Bộ phận Một cửa",
    guide_name="Lê Thị Hồng Nhung",
    guide_phone="0912000111",
)
REFUSAL = Refusal("Thủ tục không thuộc thẩm quyền giải quyết của UBND xã.")
APOLOGY = Apology(
    "Cần xác minh thêm tại nơi cư trú trước đây.",
    at(date(2026, 12, 1), 16, 0),
    signer_name="Hoàng Văn Quyết",
)
STOP = StopNotice(
    "Người yêu cầu không bổ sung hồ sơ trong thời hạn.",
    [Fee("Lệ phí xác nhận tình trạng hôn nhân", 8000)],
    citizen_requested=False,
    signer_name="Hoàng Văn Quyết",
)


def every_form() -> dict[str, bytes]:
    office = make_office()
    dossier = make_dossier()
    day = date(2026, 11, 26)
    return {
        "slip": render_slip(office, dossier, marital_procedure()),
        "slip-roll": render_slip(office, dossier, marital_procedure(), paper="roll80"),
        "supplement": render_supplement(office, dossier, SUPPLEMENT, issued_on=day),
        "refusal": render_refusal(office, dossier, REFUSAL),
        "apology": render_apology(office, dossier, APOLOGY, issued_on=day),
        "stop": render_stop(office, dossier, STOP, issued_on=day),
        "control": render_control(office, dossier),
        "declaration": render_declaration(office, birth_dossier()),
        "book": render_book(office, [dossier], RECEIVED_DAY, issued_on=RECEIVED_DAY),
    }


@pytest.fixture(scope="module")
def forms() -> dict[str, bytes]:
    return every_form()


def baselines(pdf: bytes, page: int = 0) -> list[tuple[float, str]]:
    """Each run of text on a page with the height of its baseline (higher is earlier)."""
    runs: list[tuple[float, str]] = []

    def visit(text: str, cm: object, tm: list[float], font: object, size: object) -> None:
        if text.strip():
            runs.append((tm[5], text.strip()))

    PdfReader(io.BytesIO(pdf)).pages[page].extract_text(visitor_text=visit)
    return runs


def height_of(pdf: bytes, start: str, page: int = 0) -> float:
    """The baseline of the first run that starts with ``start``."""
    for y, text in baselines(pdf, page):
        if text.startswith(start):
            return y
    raise AssertionError(f"{start!r} is not on page {page + 1}")


HEADER = (
    "UBND XÃ YÊN LẠC",
    "BỘ PHẬN MỘT CỬA",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
)

# --- fonts --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "slip",
        "slip-roll",
        "supplement",
        "refusal",
        "apology",
        "stop",
        "control",
        "declaration",
        "book",
    ],
)
def test_every_font_is_an_embedded_noto_subset(forms: dict[str, bytes], name: str) -> None:
    pdf = forms[name]
    assert b"Helvetica" not in pdf and b"Times-Roman" not in pdf
    reader = PdfReader(io.BytesIO(pdf))
    seen = set()
    for page in reader.pages:
        fonts = page["/Resources"]["/Font"]  # type: ignore[index]  # pypdf types it loosely
        for ref in fonts.values():
            font = ref.get_object()
            assert font["/Subtype"] == "/TrueType"
            assert re.fullmatch(r"/[A-Z]{6}\+NotoSans-\w+", font["/BaseFont"]), font["/BaseFont"]
            assert "/FontFile2" in font["/FontDescriptor"]  # the glyphs are in the file
            seen.add(font["/BaseFont"].split("+")[1])
    assert "NotoSans-Regular" in seen and "NotoSans-Bold" in seen


def test_every_printed_character_has_a_glyph(forms: dict[str, bytes]) -> None:
    """No box for a missing glyph: the fixed wording uses only what Noto Sans has."""
    covered = {face: pdfmetrics.getFont(face.font_name).face.charToGlyph for face in Face}
    for name, pdf in forms.items():
        for text in page_texts(pdf):
            for char in set(text) - {"\n", " "}:
                assert ord(char) in covered[Face.REGULAR], (name, char)


# --- 01 slip ------------------------------------------------------------------------------


def test_slip_carries_every_field(forms: dict[str, bytes]) -> None:
    pdf = forms["slip"]
    pages = page_texts(pdf)
    assert len(pages) == 2  # one A5 page per copy
    assert "Liên 1: Lưu" in pages[0] and "Liên 2: Giao người nộp" in pages[1]
    for page in pages:
        assert contains(
            page,
            *HEADER,
            "Mẫu số 01",
            "Yên Lạc, ngày 23 tháng 11 năm 2026",
            "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
            f"Mã hồ sơ: {CODE}",
            "Đơn vị tiếp nhận: BỘ PHẬN MỘT CỬA - UBND XÃ YÊN LẠC",
            "Tiếp nhận hồ sơ của: Ông Trần Văn Bình",
            "Địa chỉ: Thôn Đông, xã Yên Lạc, tỉnh Phú Thọ",
            "Số điện thoại: 0912345678; Email: binh.tran@example.vn",
            "Số CCCD/Căn cước: 001090012345",
            "Nội dung yêu cầu giải quyết: Xác nhận tình trạng hôn nhân",
            "Thành phần hồ sơ gồm:",
            "TT Tên giấy tờ Bản chính Bản chứng thực Bản photo",
            "1 Tờ khai cấp Giấy xác nhận tình trạng hôn nhân 1",
            "2 Căn cước công dân 1",
            "3 Giấy chứng nhận kết hôn 2",
            "Số lượng hồ sơ: 01 (bộ)",
            "Thời gian giải quyết hồ sơ theo quy định: 3 ngày làm việc",
            "Thời gian nhận hồ sơ: 09 giờ 30 phút, ngày 23 tháng 11 năm 2026",
            "Thời gian trả kết quả giải quyết hồ sơ: 09 giờ 30 phút, ngày 26 tháng 11 năm 2026",
            "Nơi nhận kết quả: Tại BỘ PHẬN MỘT CỬA - UBND XÃ YÊN LẠC, Thôn Đông",
            "Phí, lệ phí: 8.000 đồng (Lệ phí xác nhận tình trạng hôn nhân)",
            "Vào Sổ theo dõi hồ sơ, Quyển số ……, Số thứ tự ……",
            "NGƯỜI NỘP HỒ SƠ",
            "NGƯỜI TIẾP NHẬN HỒ SƠ",
            "(Ký và ghi rõ họ tên)",
            "Lê Thị Hồng Nhung",
            "https://dichvucong.phutho.gov.vn/tra-cuu?ma=" + CODE,
        ), page
        assert "Chủ hồ sơ" not in page  # the applicant is the owner


@pytest.mark.parametrize(("paper", "size"), [("a5", (148, 210)), ("a4", (210, 297))])
def test_slip_paper_sizes(paper: str, size: tuple[int, int]) -> None:
    pdf = render_slip(make_office(), make_dossier(), marital_procedure(), paper=paper)
    for page in PdfReader(io.BytesIO(pdf)).pages:
        assert float(page.mediabox.width) == pytest.approx(size[0] * mm)
        assert float(page.mediabox.height) == pytest.approx(size[1] * mm)


def test_roll_slip_is_80_mm_wide_and_one_page_per_copy(forms: dict[str, bytes]) -> None:
    reader = PdfReader(io.BytesIO(forms["slip-roll"]))
    assert len(reader.pages) == 2
    for page in reader.pages:
        assert float(page.mediabox.width) == pytest.approx(80 * mm)
        assert float(page.mediabox.height) > 200 * mm
    assert not missing(forms["slip-roll"], CODE, "Trần Văn Bình", "Liên 2: Giao người nộp")


def test_slip_prints_the_promised_due_time_and_the_owner() -> None:
    owner = Person("Đỗ Thị Mai", id_number="001180000001", address="Xóm Trại, xã Yên Lạc")
    dossier = make_dossier(
        rescheduled_due_at=at(date(2026, 12, 1), 16, 0),
        parties=[Party("owner", owner)],
        summary="Xác nhận để làm thủ tục kết hôn",
        result_delivery=ResultDelivery.BY_POST,
        fees=[Fee("Lệ phí", 8000), Fee("Cước bưu chính", 25000)],
    )
    pdf = render_slip(make_office(lookup_url=""), dossier, marital_procedure())
    assert not missing(
        pdf,
        "Thời gian trả kết quả giải quyết hồ sơ: 16 giờ 00 phút, ngày 01 tháng 12 năm 2026",
        "Chủ hồ sơ: Ông (Bà) Đỗ Thị Mai",  # her sex is not recorded
        "Địa chỉ chủ hồ sơ: Xóm Trại, xã Yên Lạc",
        "Xác nhận tình trạng hôn nhân (Xác nhận để làm thủ tục kết hôn)",
        "Nơi nhận kết quả: Qua dịch vụ bưu chính",
        "Phí, lệ phí: 33.000 đồng (Lệ phí: 8.000 đồng; Cước bưu chính: 25.000 đồng)",
    )
    assert not contains(pdf, "Tra cứu tình trạng hồ sơ")  # no lookup URL configured


def test_slip_processing_time_labels() -> None:
    office = make_office()
    same_day = render_slip(office, birth_dossier(), birth_procedure())
    assert contains(same_day, "Trong ngày (nhận sau 15 giờ trả ngày làm việc tiếp theo)")
    assert contains(same_day, "Phí, lệ phí: Không thu")  # free: said, not left out
    checked = render_slip(office, make_dossier(needs_checks=True), marital_procedure())
    assert contains(checked, "theo quy định: 5 ngày làm việc")
    half = replace(marital_procedure(), processing=ProcessingTime(Decimal("1.5")))
    assert contains(render_slip(office, make_dossier(), half), "1,5 ngày làm việc")


@pytest.mark.parametrize("paper", ["a5", "a4", "roll80"])
def test_slip_hard_case(paper: str) -> None:
    """A 60-character name with every tone mark, a 200-character address, no phone or
    e-mail, 15 documents: everything printed, the table continued on the next page."""
    applicant = make_applicant(full_name=LONG_NAME, address=LONG_ADDRESS, phone="", email="")
    dossier = with_documents(make_dossier(applicant=applicant), 15)
    pdf = render_slip(make_office(), dossier, marital_procedure(), paper=paper)
    pages = page_texts(pdf)
    documents = [document.name for document in dossier.documents]
    assert not missing(pdf, LONG_NAME, LONG_ADDRESS, *documents, "Số điện thoại: …")
    if paper == "roll80":
        assert len(pages) == 2
    else:
        assert len(pages) >= 4  # two copies, each over more than one page
        assert f"Mã hồ sơ {CODE} (tiếp theo)" in "".join(pages)
    # Each copy has everything once: the name in the line and under the signature.
    copy_one = "\n".join(page for page in pages if "Liên 1: Lưu" in page)
    assert copy_one.count("NGƯỜI NỘP HỒ SƠ") == 1
    assert contains(copy_one, *documents, "Vào Sổ theo dõi hồ sơ, Quyển số")


@pytest.mark.parametrize("paper", ["a5", "a4", "roll80"])
def test_slip_lists_the_documents_before_the_due_time(paper: str) -> None:
    """The order of the template on every paper: the request, the documents received, then
    the times (the roll used to print every line first and the table last)."""
    pdf = render_slip(make_office(), make_dossier(), marital_procedure(), paper=paper)
    for page in (0, 1):
        request = height_of(pdf, "Nội dung yêu cầu giải quyết", page)
        table = height_of(pdf, "Thành phần hồ sơ gồm", page)
        due = height_of(pdf, "Thời gian trả kết quả giải quyết hồ sơ", page)
        assert request > table > due, (paper, page)


@pytest.mark.parametrize("paper", ["roll80", "a5"])
def test_the_agency_name_is_not_cut_inside_the_communes_name(paper: str) -> None:
    """«TRUNG TÂM … XÃ YÊN / LẠC» split the commune's name over two lines on the roll."""
    office = make_office(unit_name="TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG XÃ YÊN LẠC")
    pdf = render_slip(office, make_dossier(), marital_procedure(), paper=paper)
    text = page_texts(pdf)[0]
    printed = "".join(text.split()).count("XÃYÊNLẠC")
    whole = sum(line.count("XÃ YÊN LẠC") for line in text.splitlines())
    assert printed >= 3  # the header, the receiving unit, the place of the result
    assert whole == printed, text
    # The words of the unit's name stay whole too: «HÀNH / CHÍNH» is one word cut in two.
    for word in ("TRUNG TÂM", "PHỤC VỤ", "HÀNH CHÍNH"):
        assert all(not line.rstrip().endswith(word.split()[0]) for line in text.splitlines()), (
            word,
            text,
        )


def test_no_word_of_the_roll_slip_is_cut() -> None:
    """On the roll the documents table stands beside the barcode: its columns must be wide
    enough for their words («Bản chín/h», «pho/to» were cut)."""
    office = make_office(unit_name="TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG XÃ YÊN LẠC")
    dossier, procedure = make_dossier(book_year=2026, book_number=1287), marital_procedure()
    words = set(" ".join(page_texts(render_slip(office, dossier, procedure))).split())
    words |= {"Số", "bản", "chính", "chứng", "thực", "photo"}  # the roll's own table
    roll = page_texts(render_slip(office, dossier, procedure, paper="roll80"))[0]
    cut = [
        word
        for word in roll.split()
        if word not in words and not re.search(r"[\d/.@]", word)  # codes, URL, e-mail
    ]
    assert not cut, cut


@pytest.mark.parametrize(("sex", "word"), [(Sex.MALE, "Ông"), (Sex.FEMALE, "Bà"), (None, "")])
def test_forms_address_the_applicant_as_mister_or_madam_when_the_sex_is_known(
    sex: Sex | None, word: str
) -> None:
    office = make_office()
    dossier = make_dossier(applicant=make_applicant(sex=sex))
    word = word or "Ông (Bà)"
    lower = word.lower()
    forms = {
        "slip": render_slip(office, dossier, marital_procedure()),
        "supplement": render_supplement(office, dossier, SUPPLEMENT),
        "refusal": render_refusal(office, dossier, REFUSAL),
        "control": render_control(office, dossier),
    }
    expected = {
        "slip": [f"Tiếp nhận hồ sơ của: {word} Trần Văn Bình"],
        "supplement": [
            f"{word} Trần Văn Bình",
            f"Đề nghị {lower} bổ sung, hoàn thiện hồ sơ",
            f"nếu có vướng mắc, {lower} liên hệ",
        ],
        "refusal": [f"{word} Trần Văn Bình", f"Xin thông báo để {lower} được biết"],
        "control": [f"Người nộp hồ sơ: {word} Trần Văn Bình"],
    }
    for name, pdf in forms.items():
        assert not missing(pdf, *expected[name]), name
        if sex is not None:
            assert not contains(pdf, "Ông (Bà)") and not contains(pdf, "ông (bà)"), name


def test_the_owner_is_addressed_by_the_owners_sex() -> None:
    owner = Person("Đỗ Thị Mai", id_number="001180000001", sex=Sex.FEMALE)
    dossier = make_dossier(parties=[Party("owner", owner)])
    pdf = render_slip(make_office(), dossier, marital_procedure())
    assert contains(pdf, "Chủ hồ sơ: Bà Đỗ Thị Mai", "Tiếp nhận hồ sơ của: Ông Trần Văn Bình")


def test_slip_names_the_books_volume_and_the_entry() -> None:
    office, procedure = make_office(), marital_procedure()
    entered = render_slip(office, make_dossier(book_year=2026, book_number=42), procedure)
    assert contains(entered, "Vào Sổ theo dõi hồ sơ, Quyển số 01/2026, Số thứ tự 42")
    assert not contains(entered, "số: 0007")  # the code's daily sequence is not the entry
    # A dossier with no entry (should not happen) leaves the places to fill in by hand.
    blank = render_slip(office, make_dossier(), procedure)
    assert contains(blank, "Vào Sổ theo dõi hồ sơ, Quyển số ……, Số thứ tự ……")


ID_CARD = RequiredDocument(
    "GTTT", "Giấy tờ tùy thân của người yêu cầu", copy_kind=CopyKind.PHOTO, shown=True
)


def test_slip_names_the_papers_shown_and_handed_back_outside_the_table() -> None:
    procedure = replace(marital_procedure(), documents=(*marital_procedure().documents, ID_CARD))
    dossier = make_dossier(
        documents=[
            ReceivedDocument(
                "Tờ khai cấp Giấy xác nhận tình trạng hôn nhân", code="TK", originals=1
            )
        ]
    )
    pdf = render_slip(make_office(), dossier, procedure)
    shown = "Giấy tờ xuất trình để đối chiếu (đã trả lại): Giấy tờ tùy thân của người yêu cầu"
    assert contains(pdf, shown)
    text = page_texts(pdf)[0]
    assert "".join(text.split()).count("Giấytờtùythân") == 1  # not in the table
    assert height_of(pdf, "Giấy tờ xuất trình") < height_of(pdf, "Tờ khai cấp")  # after the table
    assert height_of(pdf, "Giấy tờ xuất trình") > height_of(pdf, "Số lượng hồ sơ")


def test_an_old_dossier_reprints_the_id_card_as_it_was_recorded() -> None:
    """Dossiers recorded before shown papers left the table keep their record: the reprint
    shows the ID card line that was recorded, and no second line saying it was shown."""
    procedure = replace(marital_procedure(), documents=(*marital_procedure().documents, ID_CARD))
    recorded = ReceivedDocument("Giấy tờ tùy thân của người yêu cầu", code="GTTT", photocopies=1)
    dossier = make_dossier(documents=[*make_dossier().documents[:1], recorded])
    pdf = render_slip(make_office(), dossier, procedure)
    assert contains(pdf, "2 Giấy tờ tùy thân của người yêu cầu 1")
    assert not contains(pdf, "Giấy tờ xuất trình")


# --- 02–05 --------------------------------------------------------------------------------


def test_supplement(forms: dict[str, bytes]) -> None:
    assert not missing(
        forms["supplement"],
        *HEADER,
        "Mẫu số 02",
        "Yên Lạc, ngày 26 tháng 11 năm 2026",
        "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ",
        f"Mã hồ sơ: {CODE}",
        "Ông Trần Văn Bình",
        "Nội dung yêu cầu giải quyết: Xác nhận tình trạng hôn nhân",
        "Đề nghị ông bổ sung, hoàn thiện hồ sơ gồm những nội dung sau:",
        "1 Bản sao Giấy khai sinh",
        "2 Giấy xác nhận thông tin về cư trú 1",
        "Lý do: Giấy xác nhận cư trú đã hết hạn sử dụng",
        "xem tại: Bảng niêm yết thủ tục tại Bộ phận Một cửa",
        "Người hướng dẫn: Lê Thị Hồng Nhung; Số điện thoại: 0912000111",
        "NGƯỜI HƯỚNG DẪN",
    )


def test_refusal(forms: dict[str, bytes]) -> None:
    assert not missing(
        forms["refusal"],
        *HEADER,
        "Mẫu số 03",
        "Yên Lạc, ngày 23 tháng 11 năm 2026",  # dated the day it was brought
        "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ",
        "Ông Trần Văn Bình",
        "Thủ tục không thuộc thẩm quyền giải quyết của UBND xã.",
        "NGƯỜI NỘP HỒ SƠ",
        "NGƯỜI TỪ CHỐI",
        "Lê Thị Hồng Nhung",
    )


def test_apology_keeps_both_due_times(forms: dict[str, bytes]) -> None:
    assert not missing(
        forms["apology"],
        "Mẫu số 04",
        "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT",
        "Kính gửi: Ông Trần Văn Bình",
        "Vào 09 giờ 30 phút, ngày 23 tháng 11 năm 2026",
        f"Mã hồ sơ: {CODE}",
        "Thời hạn trả kết quả theo quy định: 09 giờ 30 phút, ngày 26 tháng 11 năm 2026",
        "Cần xác minh thêm tại nơi cư trú trước đây.",
        "đề nghị gia hạn thời gian giải quyết hồ sơ đến 16 giờ 00 phút, ngày 01 tháng 12",
        "Thời hạn trả kết quả mới: 16 giờ 00 phút, ngày 01 tháng 12 năm 2026",
        "TM. ỦY BAN NHÂN DÂN",
        "CHỦ TỊCH",
        "Hoàng Văn Quyết",
    )


def test_apology_2018_wording() -> None:
    pdf = render_apology(make_office(), make_dossier(), APOLOGY, template_set="2018")
    assert not missing(
        pdf,
        "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ",
        "hẹn trả kết quả giải quyết hồ sơ cho ông vào 16 giờ 00 phút",
    )


def test_apology_needs_a_later_due_time() -> None:
    dossier = make_dossier()
    with pytest.raises(InvalidInput) as caught:
        render_apology(make_office(), dossier, replace(APOLOGY, new_due_at=dossier.due_at))
    assert caught.value.code == "print.apology_due"


def test_stop_notice(forms: dict[str, bytes]) -> None:
    assert not missing(
        forms["stop"],
        "Mẫu số 05",
        "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ",
        "Lý do dừng giải quyết: Người yêu cầu không bổ sung hồ sơ trong thời hạn.",
        "Phí, lệ phí hoàn trả cho ông: 8.000 đồng (Bằng chữ: Tám nghìn đồng)",
        "Lệ phí xác nhận tình trạng hôn nhân",
    )
    nothing = render_stop(
        make_office(), make_dossier(), StopNotice("Công dân đã mất.", citizen_requested=False)
    )
    assert contains(nothing, "Phí, lệ phí hoàn trả: Không có")


@pytest.mark.parametrize(
    ("render", "parameters"),
    [
        (render_refusal, Refusal("   ")),
        (render_stop, StopNotice("", citizen_requested=True)),
        (render_supplement, replace(SUPPLEMENT, reason="")),
        (render_supplement, replace(SUPPLEMENT, missing_documents=[])),
    ],
)
def test_notices_need_their_reason(render, parameters) -> None:
    with pytest.raises(InvalidInput):
        render(make_office(), make_dossier(), parameters)


# --- 06 control slip ----------------------------------------------------------------------


def test_control_slip_has_one_row_per_hand_over() -> None:
    received = at(RECEIVED_DAY, 9, 30)
    events = [
        StatusEvent(received, None, Status.RECEIVED, "Lê Thị Hồng Nhung"),
        StatusEvent(
            at(RECEIVED_DAY, 10, 0), Status.RECEIVED, Status.PROCESSING, "Lê Thị Hồng Nhung"
        ),
        StatusEvent(
            at(date(2026, 11, 26), 9, 0),
            Status.PROCESSING,
            Status.RESULT_READY,
            "Nguyễn Văn Tư",
            note="Đã ký",
        ),
        StatusEvent(
            at(date(2026, 11, 27), 8, 0), Status.RESULT_READY, Status.RETURNED, "Lê Thị Hồng Nhung"
        ),
    ]
    dossier = make_dossier(events=list(reversed(events)), status=Status.RETURNED)
    pdf = render_control(make_office(), dossier)
    text = "\n".join(page_texts(pdf))
    assert not missing(
        pdf,
        *HEADER,
        "Mẫu số 06",
        "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ",
        f"Mã hồ sơ: {CODE}",
        "Cơ quan, đơn vị chủ trì giải quyết: Công chức Tư pháp - Hộ tịch",
        "Cơ quan phối hợp giải quyết: …",  # the procedure was not given
        "Người nộp hồ sơ: Ông Trần Văn Bình",
        "Thời hạn trả kết quả theo quy định: 09 giờ 30 phút, ngày 26 tháng 11 năm 2026",
        "Ký tên",
        "Người giao",
        "Người nhận",
        # Rows in time order, whatever the order of the history handed in.
        # The intake starts the clock: no verdict.
        "1 Giao: Người nộp hồ sơ Nhận: BỘ PHẬN MỘT CỬA 09 giờ 30 phút, ngày 23 tháng 11 năm"
        " 2026 Được tiếp nhận",
        "2 Giao: BỘ PHẬN MỘT CỬA Nhận: Công chức Tư pháp - Hộ tịch 10 giờ 00 phút",
        "3 Giao: Công chức Tư pháp - Hộ tịch Nhận: BỘ PHẬN MỘT CỬA 09 giờ 00 phút, ngày 26"
        " tháng 11 năm 2026 Đúng hạn",
        "Đã xử lý xong. Đã ký",
        "(Nguyễn Văn Tư)",
        # Collected the day after the due time, but ready before it: not late.
        "4 Giao: BỘ PHẬN MỘT CỬA Nhận: Người nộp hồ sơ 08 giờ 00 phút, ngày 27 tháng 11 năm"
        " 2026 Đúng hạn",
        "5",
        "6",  # empty rows to fill in by hand
    )
    assert text.count("Giao:") == 4


def test_control_slip_names_the_lead_body_in_full_and_the_coordinating_bodies() -> None:
    procedure = replace(
        marital_procedure(), lead_unit="UBND xã", coordinating_units=("Công an xã",)
    )
    dossier = make_dossier(
        lead_unit="UBND xã",
        status=Status.PROCESSING,
        events=[
            StatusEvent(at(RECEIVED_DAY, 9, 30), None, Status.RECEIVED, "Lê Thị Hồng Nhung"),
            StatusEvent(at(RECEIVED_DAY, 10, 0), Status.RECEIVED, Status.PROCESSING, "Nhung"),
        ],
    )
    pdf = render_control(make_office(), dossier, procedure)
    assert not missing(
        pdf,
        "Cơ quan, đơn vị chủ trì giải quyết: Ủy ban nhân dân xã Yên Lạc",
        "Cơ quan phối hợp giải quyết: Công an xã Yên Lạc",
        "2 Giao: BỘ PHẬN MỘT CỬA Nhận: Ủy ban nhân dân xã Yên Lạc",
    )
    assert not contains(pdf, "UBND xã")
    alone = render_control(make_office(), dossier, marital_procedure())
    assert contains(alone, "Cơ quan phối hợp giải quyết: Không có")


def test_the_seed_catalogue_names_the_police_for_a_death_registration() -> None:
    catalogue = load_catalogue_file(CATALOGUE_FILE)
    assert catalogue.get("1.000656").coordinating_units == ("Công an xã",)
    assert catalogue.get("1.004873").coordinating_units == ()
    again = catalogue_from_data(json.loads(dump_catalogue(catalogue)))
    assert again.get("1.000656").coordinating_units == ("Công an xã",)


def test_control_slip_judges_each_step_on_its_own_terms() -> None:
    """A late collection is not the office's delay; a late result is; the citizen's own
    time bringing the missing papers is not judged."""
    due = at(date(2026, 11, 26), 9, 30)
    events = [
        StatusEvent(at(RECEIVED_DAY, 9, 30), None, Status.RECEIVED, "Nhung"),
        StatusEvent(at(RECEIVED_DAY, 10, 0), Status.RECEIVED, Status.PROCESSING, "Nhung"),
        StatusEvent(at(RECEIVED_DAY, 14, 0), Status.PROCESSING, Status.SUPPLEMENT_REQUESTED, "Tư"),
        StatusEvent(
            at(date(2026, 11, 30), 8, 0), Status.SUPPLEMENT_REQUESTED, Status.PROCESSING, "Nhung"
        ),
        StatusEvent(at(date(2026, 12, 2), 9, 0), Status.PROCESSING, Status.RESULT_READY, "Tư"),
        StatusEvent(at(date(2026, 12, 9), 8, 0), Status.RESULT_READY, Status.RETURNED, "Nhung"),
    ]
    dossier = make_dossier(due_at=due, events=events, status=Status.RETURNED)
    rows = "\n".join(page_texts(render_control(make_office(), dossier)))
    assert contains(rows, "14 giờ 00 phút, ngày 23 tháng 11 năm 2026 Trước hạn")  # request
    assert contains(rows, "08 giờ 00 phút, ngày 30 tháng 11 năm 2026 Đang xử lý")  # no verdict
    assert contains(rows, "09 giờ 00 phút, ngày 02 tháng 12 năm 2026 Quá hạn")  # the result
    assert contains(rows, "08 giờ 00 phút, ngày 09 tháng 12 năm 2026 Quá hạn")  # ready late


def test_control_slip_judges_a_step_against_its_own_allowance_when_the_procedure_sets_one() -> None:
    """Half a working day to hand the dossier to the lead body, two for the lead body: the
    hand-over a day later is late though the dossier is far from due; the result a quarter
    of an hour after the dossier's due time is on time against the lead body's own two
    days (the desk had used the rest)."""
    procedure = replace(
        marital_procedure(),
        step_days=(("transfer", Decimal("0.5")), ("process", Decimal(2))),
    )
    events = [
        StatusEvent(at(RECEIVED_DAY, 9, 30), None, Status.RECEIVED, "Nhung"),
        StatusEvent(
            at(date(2026, 11, 24), 10, 0), Status.RECEIVED, Status.PROCESSING, "Nhung"
        ),  # due by its allowance at 15:30 on the 23rd
        StatusEvent(
            at(date(2026, 11, 26), 9, 45), Status.PROCESSING, Status.RESULT_READY, "Tư"
        ),  # due by its allowance at 10:00 on the 26th; the dossier at 09:30
    ]
    dossier = make_dossier(events=events, status=Status.RESULT_READY)
    pdf = render_control(make_office(), dossier, procedure, calendar=WorkingCalendar())
    rows = "\n".join(page_texts(pdf))
    assert contains(rows, "10 giờ 00 phút, ngày 24 tháng 11 năm 2026 Quá hạn")
    assert contains(rows, "09 giờ 45 phút, ngày 26 tháng 11 năm 2026 Đúng hạn")
    # Without the office's calendar the allowances cannot be counted: the slip refuses
    # rather than judge by the wrong measure.
    with pytest.raises(InvalidInput):
        render_control(make_office(), dossier, procedure)
    # The registry hands the calendar on, as `desk print control` does.
    now = at(date(2026, 11, 27), 8, 0)
    spec = FORMS["control"]
    assert spec.needs_calendar
    printed = spec.render_for(
        make_office(), dossier, procedure=procedure, calendar=WorkingCalendar(), now=now
    )
    assert contains(printed, "10 giờ 00 phút, ngày 24 tháng 11 năm 2026 Quá hạn")


def test_step_allowances_are_catalogue_data() -> None:
    data = marital_procedure().to_dict() | {"step_days": {"transfer": "0.5", "process": "2"}}
    procedure = procedure_from_dict(data)
    assert dict(procedure.step_days) == {"transfer": Decimal("0.5"), "process": Decimal(2)}
    assert procedure_from_dict(procedure.to_dict()).step_days == procedure.step_days
    assert procedure_from_dict(marital_procedure().to_dict()).step_days == ()
    for wrong in ({"review": "1"}, {"process": "một"}, ["0.5"]):
        with pytest.raises(CatalogueError):
            procedure_from_dict(data | {"step_days": wrong})


# --- 07 book ------------------------------------------------------------------------------


def test_book_lists_the_dossiers_in_order() -> None:
    office = make_office()
    late = make_dossier(
        code=DossierCode(AGENCY_ID, RECEIVED_DAY, 2),
        received_at=at(RECEIVED_DAY, 8, 0),
        status=Status.RETURNED,
        finished_at=at(date(2026, 11, 27), 8, 0),
        returned_at=at(date(2026, 11, 27), 9, 0),
        applicant=make_applicant(full_name="Phạm Thị Lụa", phone="0987654321"),
        book_year=2026,
        book_number=1,
    )
    refused = make_dossier(
        code=DossierCode(AGENCY_ID, RECEIVED_DAY, 1),
        received_at=at(RECEIVED_DAY, 14, 0),
        status=Status.REFUSED,
        note="Sai thẩm quyền",
        book_year=2026,
        book_number=2,
    )
    pdf = render_book(
        office,
        [refused, late],
        RECEIVED_DAY,
        issued_on=RECEIVED_DAY,
        as_of=at(date(2026, 11, 30), 8, 0),
        prepared_by="Lê Thị Hồng Nhung",
    )
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    assert float(page.mediabox.width) == pytest.approx(297 * mm)  # A4 landscape
    assert float(page.mediabox.height) == pytest.approx(210 * mm)
    assert not missing(
        pdf,
        "Mẫu số 07",
        "SỔ THEO DÕI HỒ SƠ",
        "Ngày 23 tháng 11 năm 2026",
        "TT Mã hồ sơ Tên thủ tục hành chính Số lượng hồ sơ (bộ) Tên cá nhân, tổ chức",
        "Địa chỉ, số điện thoại",
        "Cơ quan chủ trì giải quyết",
        "Ngày, tháng, năm",
        "Nhận hồ sơ",
        "Hẹn trả kết quả",
        "Trả kết quả",
        "Phương thức nhận kết quả",
        "Ký nhận",
        "Ghi chú",
        f"1 {AGENCY_ID}-261123-0002 Xác nhận tình trạng hôn nhân 01 Phạm Thị Lụa",
        "Thôn Đông, xã Yên Lạc, tỉnh Phú Thọ; 0987654321",
        # received, due, (never sent: done at the desk), result ready, returned
        "08:00 23/11/2026 09:30 26/11/2026 08:00 27/11/2026 09:00 27/11/2026 Tại Bộ phận Một cửa",
        f"2 {AGENCY_ID}-261123-0001",
        "Không được tiếp nhận; Sai thẩm quyền",
        "Tổng số: 2 hồ sơ; đã giải quyết xong: 1; đã trả kết quả: 1; quá hạn: 1.",
        "NGƯỜI LẬP SỔ",
        "LÃNH ĐẠO ĐƠN VỊ",
    )
    text = "".join(page_texts(pdf))
    assert text.index("261123-0002") < text.index("261123-0001")  # by time received


def test_book_numbers_each_row_by_its_entry_and_names_the_volume() -> None:
    """«Số thứ tự» is the dossier's entry in the year's volume, the number its slip gave."""
    first = make_dossier(book_year=2026, book_number=41, received_at=at(RECEIVED_DAY, 8, 0))
    second = make_dossier(
        code=DossierCode(AGENCY_ID, RECEIVED_DAY, 8),
        book_year=2026,
        book_number=42,
        received_at=at(RECEIVED_DAY, 10, 0),
    )
    pdf = render_book(make_office(), [second, first], RECEIVED_DAY, issued_on=RECEIVED_DAY)
    assert not missing(
        pdf,
        "SỔ THEO DÕI HỒ SƠ",
        "Quyển số 01/2026",
        f"41 {CODE}",
        f"42 {AGENCY_ID}-261123-0008",
    )


def test_book_has_the_templates_columns_with_the_dates_of_the_hand_overs() -> None:
    events = [
        StatusEvent(at(RECEIVED_DAY, 9, 30), None, Status.RECEIVED, "Nhung"),
        StatusEvent(at(RECEIVED_DAY, 10, 0), Status.RECEIVED, Status.PROCESSING, "Nhung"),
        StatusEvent(at(date(2026, 11, 25), 14, 0), Status.PROCESSING, Status.RESULT_READY, "Tư"),
        StatusEvent(at(date(2026, 11, 27), 8, 0), Status.RESULT_READY, Status.RETURNED, "Nhung"),
    ]
    dossier = make_dossier(
        lead_unit="UBND xã",
        status=Status.RETURNED,
        events=events,
        finished_at=at(date(2026, 11, 25), 14, 0),
        returned_at=at(date(2026, 11, 27), 8, 0),
        book_year=2026,
        book_number=7,
    )
    pdf = render_book(make_office(), [dossier], RECEIVED_DAY, issued_on=RECEIVED_DAY)
    assert not missing(
        pdf,
        "Ngày, tháng, năm",
        "Nhận hồ sơ",
        "Hẹn trả kết quả",
        "Chuyển hồ sơ đến cơ quan giải quyết",
        "Nhận kết quả từ cơ quan giải quyết",
        "Trả kết quả",
        "Ủy ban nhân dân xã Yên Lạc",  # the lead body in full
        # received, due, sent to the lead body, result back, returned
        "09:30 23/11/2026 09:30 26/11/2026 10:00 23/11/2026 14:00 25/11/2026 08:00 27/11/2026",
    )
    header = "".join(page_texts(pdf)[0].split())
    order = [
        "Cơquanchủtrìgiảiquyết",
        "Nhậnhồsơ",
        "Hẹntrảkếtquả",
        "Chuyểnhồsơđếncơquangiảiquyết",
        "Nhậnkếtquảtừcơquangiảiquyết",
        "Trảkếtquả",
        "Phươngthứcnhậnkếtquả",
        "Kýnhận",
        "Ghichú",
    ]
    positions = [header.index(name) for name in order]
    assert positions == sorted(positions)


def test_book_says_who_collected_the_result() -> None:
    record = {"collector": "proxy", "name": "Trần Thị Lan", "relation": "Vợ"}
    dossier = make_dossier(
        status=Status.RETURNED,
        returned_at=at(date(2026, 11, 26), 8, 0),
        form_data={"handover": record},
    )
    pdf = render_book(make_office(), [dossier], RECEIVED_DAY)
    assert contains(pdf, "Tại Bộ phận Một cửa Nhận thay: Trần Thị Lan, Vợ")


def test_book_columns_are_wide_enough_for_their_numbers_and_dates() -> None:
    """«128/7» and «23/11/202/6» were cut inside the number."""
    dossier = make_dossier(book_year=2026, book_number=1287)
    text = page_texts(render_book(make_office(), [dossier], RECEIVED_DAY))[0]
    assert "1287" in text.split()
    dates = [word for word in text.split() if word.startswith("23/11")]
    assert dates and all(word == "23/11/2026" for word in dates), dates


def test_book_of_500_dossiers_spills_over_pages_with_every_code() -> None:
    dossiers = [make_dossier(code=DossierCode(AGENCY_ID, RECEIVED_DAY, n)) for n in range(1, 501)]
    pdf = render_book(make_office(), dossiers, date(2026, 11, 1), RECEIVED_DAY)
    pages = page_texts(pdf)
    assert len(pages) > 20
    with_rows = [page for page in pages if f"{AGENCY_ID}-" in page]
    assert len(with_rows) >= len(pages) - 1  # the count and signatures may stand alone
    assert all(contains(page, "Nhận hồ sơ") for page in with_rows)  # the header on every page
    assert not missing(pdf, "Từ ngày 01 tháng 11 năm 2026 đến ngày 23 tháng 11 năm 2026")
    text = "".join("".join(page.split()) for page in pages)
    assert all(f"{AGENCY_ID}-261123-{n:04d}" in text for n in range(1, 501))
    assert "Tổngsố:500hồsơ" in text


def test_book_rules() -> None:
    office = make_office()
    assert contains(render_book(office, [], RECEIVED_DAY), "(Không có hồ sơ)")
    with pytest.raises(InvalidInput):
        render_book(office, [], RECEIVED_DAY, paper="a5")
    with pytest.raises(InvalidInput):
        render_book(office, [], RECEIVED_DAY, date(2026, 11, 1))


# --- declaration --------------------------------------------------------------------------


def test_declaration(forms: dict[str, bytes]) -> None:
    pdf = forms["declaration"]
    assert not missing(
        pdf,
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "TỜ KHAI ĐĂNG KÝ KHAI SINH",
        "Kính gửi: UBND XÃ YÊN LẠC",
        "Họ, chữ đệm, tên người yêu cầu: Trần Văn Bình",
        "Ngày, tháng, năm sinh: 15/03/1990",
        "Giấy tờ tùy thân: CCCD/Căn cước, số 001090012345, cấp ngày 10/05/2022",
        "Nơi cư trú: Thôn Đông, xã Yên Lạc, tỉnh Phú Thọ",
        "Quan hệ với người được khai sinh: Cha",
        "Họ, chữ đệm, tên: Trần Phạm Minh Khôi",
        "Ngày, tháng, năm sinh: 05/11/2026",
        "Ghi bằng chữ: Ngày năm, tháng mười một, năm hai nghìn không trăm hai mươi sáu",
        "Giới tính: Nam; Dân tộc: Kinh; Quốc tịch: Việt Nam",
        "Nơi sinh: Trạm Y tế xã Yên Lạc, tỉnh Phú Thọ",
        "Quê quán: Xã Yên Lạc, tỉnh Phú Thọ",
        "Họ, chữ đệm, tên người mẹ: Phạm Thị Lụa",
        "Năm sinh: 1995; Dân tộc: Kinh; Quốc tịch: Việt Nam",
        "Số định danh cá nhân: 001195067890",
        "Họ, chữ đệm, tên người cha: Trần Văn Bình",
        "Đề nghị cấp bản sao trích lục khai sinh: Có; số lượng: 02 bản",
        "Làm tại: Yên Lạc, ngày 23 tháng 11 năm 2026",
        "NGƯỜI YÊU CẦU",
        f"Mã hồ sơ: {CODE}",
    )


def test_declaration_leaves_blanks_for_what_is_unknown() -> None:
    dossier = birth_dossier(
        parties=[Party("child", Person("Lò Thị Xuân", birth_date=date(2026, 4, 24)))],
        form_data={"marriage_registration": None},
    )
    pdf = render_declaration(make_office(), dossier, paper="a5")
    assert not missing(
        pdf,
        "Ngày, tháng, năm sinh: 24/04/2026",
        "Ngày hai mươi tư, tháng tư, năm hai nghìn không trăm hai mươi sáu",
        "Họ, chữ đệm, tên người cha: …",
        "Dân tộc: …",
        "Đề nghị cấp bản sao trích lục khai sinh: Không",
    )
    assert not contains(pdf, "Việt Nam")  # nothing guessed


def test_declaration_rejects_a_bad_date() -> None:
    dossier = birth_dossier(form_data={"child_birth_date": "05/11/2026"})
    with pytest.raises(InvalidInput):
        render_declaration(make_office(), dossier)


# --- template sets, papers, registry ------------------------------------------------------


def test_2018_numbering() -> None:
    office, dossier = make_office(), make_dossier()
    assert contains(render_control(office, dossier, template_set="2018"), "Mẫu số 05")
    assert contains(render_book(office, [dossier], RECEIVED_DAY, template_set="2018"), "Mẫu số 06")
    stop = render_stop(office, dossier, STOP, template_set="2018")
    assert contains(stop, "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ")
    assert not contains(stop, "Mẫu số")  # the 2018 circular has no such form


def test_unknown_template_set_and_paper() -> None:
    office, dossier = make_office(), make_dossier()
    with pytest.raises(InvalidInput) as caught:
        render_slip(office, dossier, marital_procedure(), template_set="2030")
    assert caught.value.code == "print.template_set"
    with pytest.raises(InvalidInput) as caught:
        render_refusal(office, dossier, REFUSAL, paper="roll80")
    assert caught.value.code == "print.paper"


def test_registry_knows_which_dossiers_each_form_is_for() -> None:
    assert set(FORMS) == {
        "slip",
        "supplement",
        "refusal",
        "apology",
        "stop",
        "control",
        "declaration",
    }
    now = at(date(2026, 11, 24), 9, 0)
    received = make_dossier()
    assert FORMS["slip"].applies_to(received, now)
    assert FORMS["control"].applies_to(received, now)
    for name in ("refusal", "supplement", "stop", "apology", "declaration"):
        assert not FORMS[name].applies_to(received, now), name
    assert FORMS["refusal"].applies_to(replace(received, status=Status.REFUSED), now)
    assert not FORMS["slip"].applies_to(replace(received, status=Status.REFUSED), now)
    assert FORMS["supplement"].applies_to(
        replace(received, status=Status.SUPPLEMENT_REQUESTED), now
    )
    assert FORMS["stop"].applies_to(replace(received, status=Status.STOPPED), now)
    overdue = replace(received, status=Status.PROCESSING)
    assert FORMS["apology"].applies_to(overdue, at(date(2026, 11, 27), 8, 0))
    rescheduled = replace(received, rescheduled_due_at=at(date(2026, 12, 1), 16, 0))
    assert FORMS["apology"].applies_to(rescheduled, now)
    assert FORMS["declaration"].applies_to(birth_dossier(), now)
    with pytest.raises(InvalidInput, match="Không được tiếp nhận"):
        FORMS["refusal"].check(received, now)
    with pytest.raises(InvalidInput, match="đăng ký khai sinh"):
        FORMS["declaration"].check(received, now)
    assert FORMS["slip"].needs_procedure and "roll80" in FORMS["slip"].papers
    assert FORMS["control"].needs_procedure
    assert FORMS["supplement"].parameters is SupplementRequest
    assert FORMS["declaration"].default_paper == "a4"


def test_metadata_names_the_form_and_the_code(forms: dict[str, bytes]) -> None:
    info = PdfReader(io.BytesIO(forms["slip"])).metadata
    assert info is not None
    assert info.title == f"GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ - {CODE}"
    assert info.author == "UBND XÃ YÊN LẠC"


def test_registry_renders_with_what_each_form_needs() -> None:
    office, now = make_office(), at(date(2026, 11, 24), 9, 0)
    slip = FORMS["slip"].render_for(office, make_dossier(), procedure=marital_procedure(), now=now)
    assert contains(slip, "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ")
    with pytest.raises(InvalidInput):
        FORMS["slip"].render_for(office, make_dossier(), now=now)  # no procedure
    refused = make_dossier(status=Status.REFUSED)
    with pytest.raises(InvalidInput):
        FORMS["refusal"].render_for(office, refused, parameters=APOLOGY, now=now)
    pdf = FORMS["refusal"].render_for(office, refused, parameters=REFUSAL, paper="a4", now=now)
    assert contains(pdf, "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ")
    declaration = FORMS["declaration"].render_for(office, birth_dossier(), now=now)
    page = PdfReader(io.BytesIO(declaration)).pages[0]
    assert float(page.mediabox.width) == pytest.approx(210 * mm)  # A4 by default
