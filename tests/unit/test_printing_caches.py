"""What the printing caches remember between documents (a paragraph's lines, a font
subset and its compressed bytes, the codes' paths) never changes a document: a slip
printed from warm caches is byte for byte the slip printed from cold ones."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from desk.printing import codes, fonts, render_slip
from desk.printing.layout import blocks, pdf, pdf_fonts
from tests.unit.printing_factories import (
    LONG_NAME,
    make_applicant,
    make_dossier,
    make_office,
    marital_procedure,
)


def forget_everything() -> None:
    blocks._wrapped.clear()
    fonts._widths.clear()
    pdf_fonts._subset_parts.cache_clear()
    for cached in (codes.code128_modules, codes.code128_operators, codes.qr_modules):
        cached.cache_clear()
    codes.qr_operators.cache_clear()


@pytest.mark.parametrize("paper", ["a5", "a4", "roll80"])
def test_a_slip_from_warm_caches_is_the_slip_from_cold_ones(
    paper: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # One creation date: the document's ID is a digest of its content, so equal documents
    # are then equal bytes.
    monkeypatch.setattr(pdf, "_now", lambda: datetime(2026, 11, 23, 9, 30, tzinfo=UTC))
    office, procedure = make_office(), marital_procedure()
    dossier = make_dossier()
    other = replace(dossier, applicant=make_applicant(full_name=LONG_NAME))
    forget_everything()
    cold = render_slip(office, dossier, procedure, paper=paper)
    # Another citizen's slip in between: other subsets and lines enter the caches.
    assert render_slip(office, other, procedure, paper=paper) != cold
    warm = render_slip(office, dossier, procedure, paper=paper)
    assert warm == cold
    forget_everything()
    assert render_slip(office, other, procedure, paper=paper) == render_slip(
        office, other, procedure, paper=paper
    )
