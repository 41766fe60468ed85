"""The scripted clerk of ``make bench`` (bench/clerk.py) still serves a citizen: F2, the
mother's ID card scanned, the declaration typed, the dossier received and its slip printed
to a PDF. Run once here so that the bench cannot rot as the intake changes."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench import clerk

pytestmark = pytest.mark.qt_log_ignore(
    r"This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)"
)

# What the clerk's own keys and clicks came down to (bench-clerk note); more means the
# intake asks more of her than it did.
MOST_CLERK_INPUTS = 30


def test_the_scripted_clerk_reaches_a_printed_slip(qapp, tmp_path: Path) -> None:
    result = clerk.run(tmp_path / "office", visits=1)
    visit = result["visits"][0]
    assert visit["dossier_status"] == "RECEIVED"
    assert visit["applicant"] == "Hoàng Thị Đào"
    assert visit["slip_pages"] == 2  # «Liên 1: Lưu», «Liên 2: Giao người nộp»
    assert visit["slip_is_pdf"] and visit["slip_pdf_bytes"] > 10_000
    assert visit["scan_chars"] > 0 and visit["citizen_chars"] > 0
    assert 0 < visit["clerk_inputs"] <= MOST_CLERK_INPUTS
    assert visit["desk_ms"] > 0
    steps = [step["step"] for step in visit["steps"]]
    assert steps[0].startswith("F2") and steps[-1].startswith("print the slip")
