"""The flow layout: wrapping, page breaks, tables split with their header, roll pages."""

from __future__ import annotations

import io
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from reportlab.lib.units import mm

from desk.printing.fonts import Face, string_width
from desk.printing.layout import (
    Column,
    LayoutError,
    Metadata,
    Paragraph,
    Section,
    Spacer,
    Stack,
    Table,
    bold,
    keep_together,
    paginate,
    plain,
    render_pdf,
    wrap,
)
from desk.printing.paper import PAPERS

WORDS = st.text(
    alphabet=st.sampled_from(list("aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạếềểễệốồổỗộứừửữự ")),
    max_size=300,
)


def line_widths(lines: list, size: float) -> list[float]:
    return [
        sum(string_width(fragment.text, fragment.face, size) for fragment in line.fragments)
        for line in lines
    ]


@settings(max_examples=150, deadline=None)
@given(text=WORDS, width=st.floats(min_value=20, max_value=400))
def test_wrapped_lines_never_exceed_the_width(text: str, width: float) -> None:
    lines = wrap([plain(text)], 9, width)
    assert lines
    assert all(measured <= width + 0.01 for measured in line_widths(lines, 9))
    # Nothing is lost: the letters come back in order (words longer than the line are cut).
    joined = "".join("".join(f.text for f in line.fragments) for line in lines)
    assert joined.replace(" ", "") == text.replace(" ", "").replace("\t", "")


def test_a_word_longer_than_the_line_is_cut_not_overflowing() -> None:
    address = "binh.tran.van.rat.dai.rat.dai.rat.dai@example-mail-server.vn"
    lines = wrap([plain(address)], 9, 60)
    assert len(lines) > 1
    assert all(width <= 60.01 for width in line_widths(lines, 9))
    assert "".join("".join(f.text for f in line.fragments) for line in lines) == address


def test_long_codes_break_after_their_hyphens() -> None:
    lines = wrap([plain("000.17.22.H56-261123-0007")], 8, 60)
    texts = ["".join(f.text for f in line.fragments) for line in lines]
    assert texts == ["000.17.22.H56-", "261123-0007"]


def line_texts(lines: list) -> list[str]:
    return ["".join(f.text for f in line.fragments) for line in lines]


def test_a_name_held_together_moves_to_the_next_line_whole() -> None:
    """«TRUNG TÂM … XÃ YÊN / LẠC»: the commune's name is one word to a reader."""
    name = "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG " + keep_together("XÃ YÊN LẠC")
    width = string_width("TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG XÃ YÊN", Face.BOLD, 9) + 1
    assert line_texts(wrap([bold(name.replace("\u00a0", " "))], 9, width))[-1] == "LẠC"
    texts = line_texts(wrap([bold(name)], 9, width))
    assert texts == ["TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG", "XÃ YÊN LẠC"]  # printed spaces


def test_a_name_held_together_wider_than_the_line_breaks_at_its_spaces() -> None:
    words = ["Ủy", "ban", "nhân", "dân", "xã", "Yên", "Lạc"]
    texts = line_texts(wrap([plain(keep_together(" ".join(words)))], 9, 60))
    assert len(texts) > 1
    assert " ".join(texts).split() == words  # no syllable cut


def test_balanced_lines_never_split_a_name_held_together() -> None:
    title = "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG " + keep_together("XÃ YÊN LẠC")
    lines = Paragraph(bold(title), size=9, balance=True).lines(150)
    assert any("XÃ YÊN LẠC" in text for text in line_texts(lines))


def test_faces_mix_on_one_line_and_newlines_force_breaks() -> None:
    lines = wrap([plain("Ông (Bà): "), bold("Trần Văn Bình"), plain("\nđịa chỉ")], 9, 500)
    assert len(lines) == 2
    assert [f.face for f in lines[0].fragments] == [Face.REGULAR, Face.BOLD]
    assert lines[0].fragments[1].text == "Trần Văn Bình"


def test_text_is_put_in_nfc() -> None:
    decomposed = unicodedata.normalize("NFD", "Nguyễn Thị Ánh")
    assert decomposed != "Nguyễn Thị Ánh"
    assert plain(decomposed).text == "Nguyễn Thị Ánh"
    pdf = render_pdf(PAPERS["a5"], [Section([Paragraph(decomposed, size=9)])], Metadata("t"))
    assert "Nguyễn Thị Ánh" in PdfReader(io.BytesIO(pdf)).pages[0].extract_text()


def make_table(rows: int) -> Table:
    return Table(
        [Column("TT", 1, "center"), Column("Tên giấy tờ", 6)],
        [[str(n), f"Giấy tờ số {n}"] for n in range(1, rows + 1)],
        size=9,
        caption=Paragraph("Thành phần hồ sơ gồm:", size=9),
    )


def test_tables_split_between_rows_and_repeat_their_header() -> None:
    table = make_table(60)
    pages = paginate([Spacer(50), table], 300, 400)
    assert len(pages) > 2
    parts = [block for page in pages for block in page if isinstance(block, Table)]
    assert sum(part._stop - part._start for part in parts) == 60
    assert all(part.measure(300) <= 400.01 for part in parts)
    pdf = render_pdf(PAPERS["a5"], [Section([table])], Metadata("t"))
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) > 1
    texts = [page.extract_text() for page in reader.pages]
    assert all("Tên giấy tờ" in text for text in texts)  # the header on every page
    assert texts[0].count("Thành phần hồ sơ gồm:") == 1  # the caption once
    assert all("Thành phần hồ sơ gồm:" not in text for text in texts[1:])
    assert all(f"Trang {n}/{len(texts)}" in text for n, text in enumerate(texts, start=1))
    assert "Giấy tờ số 60" in texts[-1]


def test_paragraphs_split_by_lines() -> None:
    long = Paragraph(" ".join(["chữ"] * 2000), size=9)
    pages = paginate([long], 300, 200)
    assert len(pages) > 3
    assert all(sum(block.measure(300) for block in page) <= 200.01 for page in pages)


def test_a_block_taller_than_a_page_is_refused() -> None:
    with pytest.raises(LayoutError):
        paginate([Paragraph("x", size=9), Stack([Spacer(500)])], 300, 400)


def test_roll_pages_are_as_tall_as_their_content() -> None:
    roll = PAPERS["roll80"]
    short = render_pdf(roll, [Section([Paragraph("Một dòng", size=8)])], Metadata("t"))
    tall = render_pdf(roll, [Section([make_table(40)])], Metadata("t"))
    short_box = PdfReader(io.BytesIO(short)).pages[0].mediabox
    tall_box = PdfReader(io.BytesIO(tall)).pages[0].mediabox
    assert float(short_box.width) == pytest.approx(80 * mm)
    assert float(tall_box.width) == pytest.approx(80 * mm)
    assert float(tall_box.height) > 3 * float(short_box.height)
    assert len(PdfReader(io.BytesIO(tall)).pages) == 1  # a roll never breaks pages


def test_balanced_titles_keep_their_words_whole() -> None:
    title = "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ"
    plain_lines = Paragraph(bold(title), size=10).lines(200)
    balanced = Paragraph(bold(title), size=10, balance=True).lines(200)
    assert len(balanced) == len(plain_lines) == 2
    texts = ["".join(f.text for f in line.fragments) for line in balanced]
    assert " ".join(texts).split() == title.split()
    assert abs(balanced[0].width - balanced[1].width) < abs(
        plain_lines[0].width - plain_lines[1].width
    )
