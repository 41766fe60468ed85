"""The desk's own PDF writer (and, below, its own encoders of the printed codes).

The printing itself must not load what it no longer uses.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from desk.printing import render_slip
from desk.printing.layout import pdf
from desk.printing.layout.pdf_fonts import subset_tag
from tests.unit.printing_factories import make_dossier, make_office, marital_procedure

ROOT = Path(__file__).resolve().parents[2]


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


def test_printing_a_slip_does_not_load_the_canvas() -> None:
    script = (
        "import sys\n"
        "from tests.unit.printing_factories import make_dossier, make_office,"
        " marital_procedure\n"
        "from desk.printing import render_slip\n"
        "render_slip(make_office(), make_dossier(), marital_procedure())\n"
        "print(sorted(m for m in sys.modules if m.startswith('reportlab.pdfgen')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
