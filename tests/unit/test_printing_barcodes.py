"""The printed codes scan back, the fonts are embedded, nothing leaves the paper.

These tests render the PDFs to images with poppler (pdftoppm, pdftotext, pdffonts) and
decode them with zbar (zbarimg), as a scanner at the desk would read the paper. Debian:
``apt-get install poppler-utils zbar-tools``. Missing tools fail the run in CI (CI=true)
and skip the tests elsewhere.
"""

from __future__ import annotations

import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from reportlab.lib.units import mm

from desk.domain.codes import DossierCode
from desk.printing import prepare_codes, render_book, render_slip
from desk.printing.codes import code128_modules, qr_modules
from desk.printing.paper import PAPERS
from tests.unit.printing_factories import (
    AGENCY_ID,
    LONG_ADDRESS,
    LONG_NAME,
    RECEIVED_DAY,
    make_applicant,
    make_dossier,
    make_office,
    marital_procedure,
    require_binary,
    with_documents,
)

CODE = f"{AGENCY_ID}-261123-0007"
URL = f"https://dichvucong.phutho.gov.vn/tra-cuu?ma={CODE}"


def rasterise(pdf: bytes, tmp_path: Path, dpi: int, page: int = 1) -> Path:
    pdftoppm = require_binary("pdftoppm")
    source = tmp_path / "form.pdf"
    source.write_bytes(pdf)
    prefix = tmp_path / f"page{page}-{dpi}"
    options = ["-r", str(dpi), "-png", "-f", str(page), "-l", str(page), "-singlefile"]
    subprocess.run(
        [pdftoppm, *options, str(source), str(prefix)],
        check=True,
        timeout=60,
    )
    return prefix.with_suffix(".png")


def scan(image: Path) -> list[str]:
    zbarimg = require_binary("zbarimg")
    result = subprocess.run(
        [zbarimg, "--quiet", "--raw", str(image)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, f"nothing decoded in {image}: {result.stderr}"
    return result.stdout.splitlines()


def hard_dossier():
    applicant = make_applicant(full_name=LONG_NAME, address=LONG_ADDRESS, phone="", email="")
    return with_documents(make_dossier(applicant=applicant), 15)


def test_the_module_pattern_keeps_its_size() -> None:
    """The quiet zones and 0.33 mm modules need 102 mm on A5: keep an eye on it."""
    modules = code128_modules(CODE)
    assert set(modules) == {"0", "1"}
    assert len(modules) == 288
    a5 = PAPERS["a5"]
    assert a5.module >= 0.33 * mm and PAPERS["roll80"].module >= 0.33 * mm
    assert (len(modules) + 20) * a5.module + a5.qr_size < a5.frame_width


@pytest.mark.parametrize("paper", ["a5", "a4"])
def test_slip_barcode_and_qr_scan_at_200_dpi(paper: str, tmp_path: Path) -> None:
    pdf = render_slip(make_office(), make_dossier(), marital_procedure(), paper=paper)
    for page in (1, 2):  # both copies
        decoded = scan(rasterise(pdf, tmp_path, 200, page))
        assert CODE in decoded
        assert URL in decoded


def test_roll_slip_barcode_scans_at_203_dpi(tmp_path: Path) -> None:
    pdf = render_slip(make_office(), make_dossier(), marital_procedure(), paper="roll80")
    decoded = scan(rasterise(pdf, tmp_path, 203))
    assert CODE in decoded
    assert URL in decoded


def test_codes_can_be_prepared_before_printing() -> None:
    office, dossier = make_office(), make_dossier()
    prepare_codes(office, dossier)
    hits = qr_modules.cache_info().hits
    render_slip(office, dossier, marital_procedure())
    assert qr_modules.cache_info().hits > hits  # the slip used the prepared QR code


def test_slip_without_lookup_url_has_only_the_barcode(tmp_path: Path) -> None:
    pdf = render_slip(make_office(lookup_url=""), make_dossier(), marital_procedure())
    assert scan(rasterise(pdf, tmp_path, 200)) == [CODE]


@pytest.mark.parametrize(("paper", "dpi"), [("a5", 200), ("roll80", 203)])
def test_hard_case_slip_still_scans(paper: str, dpi: int, tmp_path: Path) -> None:
    pdf = render_slip(make_office(), hard_dossier(), marital_procedure(), paper=paper)
    assert CODE in scan(rasterise(pdf, tmp_path, dpi))


def test_pdffonts_lists_only_embedded_subsets(tmp_path: Path) -> None:
    pdffonts = require_binary("pdffonts")
    source = tmp_path / "slip.pdf"
    source.write_bytes(render_slip(make_office(), make_dossier(), marital_procedure()))
    output = subprocess.run(
        [pdffonts, str(source)], capture_output=True, text=True, check=True, timeout=60
    ).stdout
    rows = output.splitlines()[2:]
    assert len(rows) >= 3
    for row in rows:
        assert re.match(r"[A-Z]{6}\+NotoSans-\w+\s+TrueType\s+\S+\s+yes\s+yes\s+yes", row), row
    assert "Helvetica" not in output


def word_boxes(pdf: bytes, tmp_path: Path) -> list[tuple[float, ...]]:
    """(page width, page height, xMin, yMin, xMax, yMax) of every word, from pdftotext."""
    pdftotext = require_binary("pdftotext")
    source = tmp_path / "words.pdf"
    source.write_bytes(pdf)
    html = subprocess.run(
        [pdftotext, "-bbox", str(source), "-"], capture_output=True, text=True, check=True
    ).stdout
    boxes = []
    root = ET.fromstring(html.replace("<!DOCTYPE", "<!-- ").replace('dtd">', 'dtd" -->'))
    for page in root.iter("{http://www.w3.org/1999/xhtml}page"):
        width, height = float(page.get("width", 0)), float(page.get("height", 0))
        for word in page.iter("{http://www.w3.org/1999/xhtml}word"):
            box = [float(word.get(k, 0)) for k in ("xMin", "yMin", "xMax", "yMax")]
            boxes.append((width, height, *box))
    return boxes


@pytest.mark.parametrize("paper", ["a5", "a4", "roll80"])
def test_no_word_leaves_the_frame(paper: str, tmp_path: Path) -> None:
    sheet = PAPERS[paper]
    pdf = render_slip(make_office(), hard_dossier(), marital_procedure(), paper=paper)
    boxes = word_boxes(pdf, tmp_path)
    assert len(boxes) > 200
    for width, height, x_min, y_min, x_max, y_max in boxes:
        assert x_min >= sheet.left - 1 and x_max <= width - sheet.right + 1
        assert y_min >= 0 and y_max <= height


def test_no_word_leaves_the_book_pages(tmp_path: Path) -> None:
    dossiers = [hard_dossier()] * 12
    pdf = render_book(make_office(), dossiers, RECEIVED_DAY)
    for width, height, x_min, y_min, x_max, y_max in word_boxes(pdf, tmp_path):
        assert x_min >= 0 and x_max <= width - 10 * mm + 1
        assert y_min >= 0 and y_max <= height


def test_missing_tools_fail_in_ci_and_skip_elsewhere(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("shutil.which", lambda name: None)
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception):
        require_binary("zbarimg")
    monkeypatch.delenv("CI")
    with pytest.raises(pytest.skip.Exception):
        require_binary("zbarimg")


@pytest.mark.parametrize("sequence", [1, 42, 999, 4321, 9999])
def test_qr_codes_with_the_fixed_mask_scan_for_many_codes(sequence: int, tmp_path: Path) -> None:
    # The QR mask is fixed for speed; any mask is valid, this checks it in practice.
    dossier = make_dossier()
    dossier.code = DossierCode(dossier.code.agency_id, dossier.code.day, sequence)
    pdf = render_slip(make_office(), dossier, marital_procedure(), paper="a5")
    decoded = scan(rasterise(pdf, tmp_path, 200))
    assert f"https://dichvucong.phutho.gov.vn/tra-cuu?ma={dossier.code}" in decoded
    assert str(dossier.code) in decoded
