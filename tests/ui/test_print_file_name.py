"""Print to file from the print dialog: the suggested file carries the dossier's whole code
and ends in .pdf (the code's dots are not an extension), so two slips never overwrite each
other."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QLineEdit

from desk.printing.registry import FORMS
from desk.services import demo, intake
from desk.ui.print_preview import PrintPreviewDialog
from desk.ui.printouts import form_title

pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)"
)


@pytest.fixture
def two_codes(ctx, clerk) -> list[str]:
    return [
        str(intake.receive_dossier(ctx, generated.request, clerk).code)
        for generated in demo.generate(ctx, 2, seed=5)
    ]


def suggested_file(qtbot, ctx, code: str) -> tuple[str, str]:
    """The print dialog's "print to file" name and the job's name, for the slip of ``code``."""
    from desk.services.printing import render_dossier_form

    pdf = render_dossier_form(ctx, "slip", code)
    preview = PrintPreviewDialog(pdf, form_title(FORMS["slip"].description, code))
    qtbot.addWidget(preview)
    preview.show()
    preview.choose_printer()
    dialog = preview._print_dialog
    assert dialog is not None
    qtbot.addWidget(dialog)
    field = dialog.findChild(QLineEdit, "filename")
    assert field is not None
    name = field.text()
    doc_name = preview._printer.docName()
    dialog.reject()
    return name, doc_name


def test_print_to_file_names_the_slip_by_its_whole_code(qtbot, ctx, two_codes) -> None:
    names = []
    for code in two_codes:
        path, doc_name = suggested_file(qtbot, ctx, code)
        assert "." in code  # 000.17.22.H56-…: dots Qt took for an extension
        assert Path(path).name.endswith(f" — {code}.pdf")
        assert Path(path).name.startswith("Giấy tiếp nhận")
        assert Path(path).parent.is_dir()
        assert doc_name.endswith(f"{code}.pdf")
        names.append(path)
    assert names[0] != names[1]
