"""The desk's own PDF writer and QR encoder.

The encoder must draw exactly what segno drew before it (segno stays installed as the
reference here and as the fallback for what the desk's encoder leaves to it); the
printing itself must not load what it no longer uses.
"""

from __future__ import annotations

import random
import re
import string
import subprocess
import sys
from pathlib import Path

import pytest
import segno

from desk.printing import qr, render_slip
from desk.printing.codes import qr_modules
from desk.printing.layout import pdf
from desk.printing.layout.pdf_fonts import subset_tag
from tests.unit.printing_factories import AGENCY_ID, make_dossier, make_office, marital_procedure

ROOT = Path(__file__).resolve().parents[2]
_CELLS = bytes.maketrans(b"\x00\x01", b"01")


def segno_rows(data: str, error: str = "m", mask: int = 2, version: int | None = None):
    symbol = segno.make_qr(data, error=error, mask=mask, version=version, boost_error=False)
    return tuple(bytes(row).translate(_CELLS).decode("ascii") for row in symbol.matrix)


def random_text(rng: random.Random, alphabet: str, length: int) -> str:
    return "".join(rng.choice(alphabet) for _ in range(length))


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


def test_printing_a_slip_loads_neither_the_canvas_nor_segno() -> None:
    script = (
        "import sys\n"
        "from tests.unit.printing_factories import make_dossier, make_office,"
        " marital_procedure\n"
        "from desk.printing import render_slip\n"
        "render_slip(make_office(), make_dossier(), marital_procedure())\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'segno'"
        " or m.startswith('reportlab.pdfgen')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
