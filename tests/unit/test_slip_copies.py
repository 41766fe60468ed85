"""The two copies of a slip read alike, and a reprint looks like the first print.

The slip draws a page both copies share once and places it on both (and caches the QR
code of a dossier for its reprint): what the citizen and the archive get must not differ.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from desk.printing import render_slip
from tests.unit.printing_factories import (
    make_dossier,
    make_office,
    marital_procedure,
    page_texts,
    require_binary,
    with_documents,
)

LABELS = ("Liên 1: Lưu", "Liên 2: Giao người nộp")


def without_label(page: str, label: str) -> str:
    assert label in page
    return page.replace(label, "", 1)


@pytest.mark.parametrize("paper", ["a5", "a4", "roll80"])
def test_both_copies_read_the_same_but_for_their_label(paper: str) -> None:
    pdf = render_slip(make_office(), make_dossier(), marital_procedure(), paper=paper)
    first, second = page_texts(pdf)
    assert "Mã hồ sơ" in first and "NGƯỜI TIẾP NHẬN HỒ SƠ" in first
    assert without_label(first, LABELS[0]) == without_label(second, LABELS[1])


def test_copies_over_two_pages_each_read_the_same_page_by_page() -> None:
    dossier = with_documents(make_dossier(), 15)
    pages = page_texts(render_slip(make_office(), dossier, marital_procedure(), paper="a5"))
    half = len(pages) // 2
    assert half >= 2 and len(pages) == 2 * half
    for one, two in zip(pages[:half], pages[half:], strict=True):
        assert without_label(one, LABELS[0]) == without_label(two, LABELS[1])


def rendered(pdf: bytes, tmp_path: Path, name: str) -> list[bytes]:
    source = tmp_path / f"{name}.pdf"
    source.write_bytes(pdf)
    subprocess.run(
        [require_binary("pdftoppm"), "-r", "60", "-png", str(source), str(tmp_path / name)],
        check=True,
        timeout=60,
    )
    return [image.read_bytes() for image in sorted(tmp_path.glob(f"{name}-*.png"))]


def test_a_reprint_looks_like_the_first_print(tmp_path: Path) -> None:
    office, procedure = make_office(), marital_procedure()
    first = rendered(render_slip(office, make_dossier(), procedure), tmp_path, "first")
    again = rendered(render_slip(office, make_dossier(), procedure), tmp_path, "again")
    assert len(first) == 2
    assert first == again
