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

# What the clerk's own keys and clicks came down to (bench-clerk note), for the first
# citizen after the desk opened and for the next one; more means the intake asks more of
# her than it did.
MOST_CLERK_INPUTS = 30
MOST_CLERK_INPUTS_NEXT = 21


def test_the_scripted_clerk_reaches_a_printed_slip(qapp, tmp_path: Path) -> None:
    # Two mothers one after the other: the second finds an empty form, her procedure
    # first in the list, and gets her own dossier and slip.
    result = clerk.run(tmp_path / "office", visits=2)
    first, second = result["visits"]
    assert first["dossier"] != second["dossier"]
    for visit in (first, second):
        assert visit["dossier_status"] == "RECEIVED"
        assert visit["applicant"] == "Hoàng Thị Đào"
        assert visit["slip_pages"] == 2  # «Liên 1: Lưu», «Liên 2: Giao người nộp»
        assert visit["slip_is_pdf"] and visit["slip_pdf_bytes"] > 10_000
        assert "Đã gửi 2 trang" in visit["banner_after_print"]  # the preview closed itself
        assert visit["scan_chars"] > 0 and visit["citizen_chars"] > 0
        assert visit["desk_ms"] > 0
        steps = [step["step"] for step in visit["steps"]]
        assert steps[0].startswith("F2") and steps[-1].startswith("print the slip")
    assert 0 < first["clerk_inputs"] <= MOST_CLERK_INPUTS
    assert 0 < second["clerk_inputs"] <= MOST_CLERK_INPUTS_NEXT
    assert second["steps"][1]["clerk"] == "Enter"  # the procedure chosen last time


def test_tab_goes_from_the_applicant_to_the_form_then_to_the_papers(qtbot, ctx, clerk) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from desk.ui.intake import IntakeView
    from tests.ui.intake_helpers import host

    view = IntakeView(ctx, clerk)
    holder = host(view)
    qtbot.addWidget(holder)
    holder.show()
    holder.activateWindow()
    qtbot.waitActive(holder)
    view.start_new()
    for _ in range(2):  # the form built, then the one kept for the next citizen
        assert view.picker.choose_code("1.001193")
        form = view.form_view
        assert form is not None
        email = view.applicant.cells["email"].editor
        email.setFocus()
        qtbot.waitUntil(email.hasFocus)
        qtbot.keyClick(email, Qt.Key.Key_Tab)
        relation = form.cells["relation_to_child"].editor
        qtbot.waitUntil(lambda r=relation: r.isAncestorOf(QApplication.focusWidget()))
        copies = form.cells["extract_copies"].editor
        copies.setFocus()
        qtbot.waitUntil(copies.hasFocus)
        qtbot.keyClick(copies, Qt.Key.Key_Tab)
        qtbot.waitUntil(view.documents.table.hasFocus)
        view.start_new()
