"""The desk's own Code 128 and QR encoders and its own PDF writer.

The encoders must draw exactly what python-barcode and segno drew before them (the
libraries stay installed as the reference here and as the fallback for what the desk's
encoders leave to them); the printing itself must not load what it no longer uses.
"""

from __future__ import annotations

import random
import re
import string

import barcode
import pytest
import segno
from barcode.charsets import code128 as reference_charsets

from desk.printing import code128, qr, render_slip
from desk.printing.codes import code128_modules, qr_modules
from desk.printing.layout import pdf
from desk.printing.layout.pdf_fonts import subset_tag
from tests.unit.printing_factories import (
    AGENCY_ID,
    make_dossier,
    make_office,
    marital_procedure,
)
from tests.unit.test_cli_imports import loaded_after

_CELLS = bytes.maketrans(b"\x00\x01", b"01")


def segno_rows(data: str, error: str = "m", mask: int = 2, version: int | None = None):
    symbol = segno.make_qr(data, error=error, mask=mask, version=version, boost_error=False)
    return tuple(bytes(row).translate(_CELLS).decode("ascii") for row in symbol.matrix)


def random_text(rng: random.Random, alphabet: str, length: int) -> str:
    return "".join(rng.choice(alphabet) for _ in range(length))


# --- Code 128 ---------------------------------------------------------------------------


def test_the_symbol_patterns_are_the_standards() -> None:
    assert tuple(reference_charsets.CODES[:106]) == code128.PATTERNS
    assert code128.STOP == reference_charsets.STOP + "11"  # python-barcode adds the bar


def test_dossier_codes_have_python_barcodes_bars() -> None:
    rng = random.Random(16)
    for sequence in [1, 7, 42, 999, 4321, 9999, *rng.sample(range(1, 10_000), 200)]:
        day = f"2{rng.randrange(10)}{rng.randrange(1, 13):02d}{rng.randrange(1, 29):02d}"
        code = f"{AGENCY_ID}-{day}-{sequence:04d}"
        assert code128.modules(code) == barcode.Code128(code).build()[0], code


@pytest.mark.parametrize(
    "alphabet",
    [string.digits, string.digits + ".-", string.printable, "".join(map(chr, range(128)))],
)
def test_any_ascii_text_has_python_barcodes_bars(alphabet: str) -> None:
    rng = random.Random(alphabet)
    for _ in range(2000):
        text = random_text(rng, alphabet, rng.randint(1, 30))
        if text.startswith("99"):
            continue  # python-barcode loses these two digits: see the next test
        assert code128.modules(text) == barcode.Code128(text).build()[0], repr(text)


def decode(modules: str) -> str:
    """Read a module pattern back to text: what a scanner would read."""
    values = [code128.PATTERNS.index(modules[i : i + 11]) for i in range(0, len(modules) - 13, 11)]
    *symbols, check = values
    assert check == (symbols[0] + sum(i * v for i, v in enumerate(symbols) if i)) % 103
    charset = {103: "A", 104: "B", 105: "C"}[symbols[0]]
    text = ""
    for value in symbols[1:]:
        if charset == "C" and value < 100:
            text += f"{value:02d}"
        elif value in (code128.TO_A, code128.TO_B) or (value == code128.TO_C and charset != "C"):
            charset = {code128.TO_A: "A", code128.TO_B: "B", code128.TO_C: "C"}[value]
        elif charset == "B":
            text += chr(value + 32)
        else:
            text += chr(value - 64 if value >= 64 else value + 32)
    return text


def test_a_leading_99_is_kept() -> None:
    for text in ["99", "991", "9912-ab", "99.17.22.H56-261123-0007", "999999"]:
        assert decode(code128.modules(text)) == text
    assert decode(barcode.Code128("9912").build()[0]) == "12"  # what the library drew


def test_every_code_reads_back() -> None:
    rng = random.Random(128)
    for _ in range(1000):
        text = random_text(rng, string.digits * 3 + string.printable, rng.randint(1, 25))
        assert decode(code128.modules(text)) == text, repr(text)


def test_codes_outside_ascii_are_left_to_python_barcode() -> None:
    assert code128_modules("ñ12") == barcode.Code128("ñ12").build()[0]


# --- QR ---------------------------------------------------------------------------------


def test_the_slips_qr_codes_are_segnos() -> None:
    office = make_office()
    for sequence in [1, 7, 42, 999, 4321, 9999]:
        url = office.lookup_url.replace("{code}", f"{AGENCY_ID}-261123-{sequence:04d}")
        assert qr_modules(url) == segno_rows(url), url


@pytest.mark.parametrize(
    "alphabet",
    [
        string.digits,
        "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:",
        string.printable,
        "xã Yên Lạc ĐƯỜNG ạắằẳẵặ",  # UTF-8
        "éàüß",  # ISO 8859-1
        "日本語テキスト漢字",  # Shift JIS, as kanji
    ],
)
def test_any_text_gives_segnos_modules(alphabet: str) -> None:
    rng = random.Random(alphabet)
    for _ in range(60):
        text = random_text(rng, alphabet, rng.choice([1, 3, 17, 60, 150, 400]))
        error, mask = rng.choice("lmqh"), rng.randrange(8)
        assert qr.matrix(text, error=error, mask=mask) == segno_rows(text, error, mask), text


@pytest.mark.parametrize("version", range(1, 41))
def test_every_version_and_level_gives_segnos_modules(version: int) -> None:
    rng = random.Random(version)
    for error in "LMQH":
        text = random_text(rng, string.ascii_letters, rng.randint(1, 7))  # fits 1-H
        expected = segno_rows(text, error, version % 8, version)
        assert qr.matrix(text, error=error, mask=version % 8, version=version) == expected


def test_too_much_for_a_qr_code_fails_as_segno_fails() -> None:
    with pytest.raises(segno.DataOverflowError):
        qr_modules("x" * 3000)


# --- the PDF ----------------------------------------------------------------------------


def test_the_pdf_says_who_made_it() -> None:
    data = render_slip(make_office(), make_dossier(), marital_procedure())
    assert data.startswith(b"%PDF-1.4\n")
    assert b"/Producer (Commune Desk)" in data and b"/Creator (Commune Desk)" in data
    assert b"ReportLab" not in data


def test_each_font_subset_has_its_own_tag() -> None:
    data = render_slip(make_office(), make_dossier(), marital_procedure())
    names = re.findall(rb"/BaseFont /([A-Z]{6})\+NotoSans-(\w+)", data)
    assert {face for _, face in names} >= {b"Regular", b"Bold", b"Italic"}
    tags = [tag for tag, _ in names]
    assert len(set(tags)) == len(tags)
    assert [subset_tag(n) for n in (0, 1, 25, 26, 27)] == [
        "AAAAAA",
        "AAAAAB",
        "AAAAAZ",
        "AAAABA",
        "AAAABB",
    ]


def test_the_document_id_follows_the_content(monkeypatch: pytest.MonkeyPatch) -> None:
    office, procedure = make_office(), marital_procedure()
    first = render_slip(office, make_dossier(), procedure)
    monkeypatch.setattr(pdf, "_now", lambda: pdf.datetime(2030, 1, 2, 3, 4, 5).astimezone())
    later = render_slip(office, make_dossier(), procedure)
    assert first != later
    assert first.split(b"/ID")[1] != later.split(b"/ID")[1]


def test_printing_a_slip_loads_neither_the_canvas_nor_the_code_libraries() -> None:
    loaded = loaded_after(
        "from tests.unit.printing_factories import make_dossier, make_office, marital_procedure\n"
        "from desk.printing import render_slip\n"
        "render_slip(make_office(), make_dossier(), marital_procedure())\n"
    )
    assert "desk.printing.slip" in loaded
    unwanted = [m for m in loaded if m.split(".")[0] in ("segno", "barcode")]
    assert unwanted + [m for m in loaded if m.startswith("reportlab.pdfgen")] == []
