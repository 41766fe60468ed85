"""The stop notice from the dossier view: the clerk says whether the citizen asked for the
stop before the notice is issued; a reprint asks nothing and keeps the number."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from desk.domain.office import User
from desk.domain.status import Status
from desk.services import demo, dossiers, intake
from desk.services.context import DeskContext
from desk.services.printing import issued_letter
from desk.ui.dossier_view import DossierView
from desk.ui.printouts import StopNoticeDialog
from tests.ui.dossier_helpers import open_dossier

pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)"
)


def text_of(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


@pytest.fixture
def stopped(ctx: DeskContext, clerk: User) -> str:
    generated = next(iter(demo.generate(ctx, 1, seed=5)))
    code = str(intake.receive_dossier(ctx, generated.request, clerk).code)
    dossiers.change_status(ctx, code, Status.PROCESSING, clerk)
    dossiers.change_status(ctx, code, Status.STOPPED, clerk, note="Công dân xin dừng")
    return code


def stop_dialog(qtbot, view: DossierView) -> StopNoticeDialog:
    qtbot.waitUntil(lambda: view.findChild(StopNoticeDialog) is not None, timeout=10_000)
    dialog = view.findChild(StopNoticeDialog)
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible, timeout=5000)
    return dialog


def test_the_stop_notice_asks_whether_the_citizen_asked(qtbot, ctx, clerk, stopped) -> None:
    view = open_dossier(qtbot, ctx, clerk, stopped)
    view.print_form("stop")
    dialog = stop_dialog(qtbot, view)
    assert not dialog.ok_button.isEnabled()  # no answer is assumed
    dialog.asked_yes.click()
    dialog.signer.setCurrentIndex(dialog.signer.findData("kt"))
    assert dialog.ok_button.isEnabled()
    with qtbot.waitSignal(view.pdf_ready, timeout=10_000) as printed:
        dialog.ok_button.click()
    text = text_of(printed.args[1])
    assert "Số: 01/TB-UBND" in text
    assert "Dừng giải quyết theo đề nghị của công dân: Có" in text
    assert "KT. CHỦ TỊCH PHÓ CHỦ TỊCH" in text
    letter = issued_letter(ctx, "stop", stopped)
    assert letter is not None and letter.issued_by_name == clerk.full_name


def test_a_reprint_asks_nothing_and_keeps_the_number(qtbot, ctx, clerk, stopped) -> None:
    view = open_dossier(qtbot, ctx, clerk, stopped)
    view.print_form("stop")
    dialog = stop_dialog(qtbot, view)
    dialog.asked_no.click()
    with qtbot.waitSignal(view.pdf_ready, timeout=10_000) as first:
        dialog.ok_button.click()
    dialog.deleteLater()
    qtbot.waitUntil(lambda: view.findChild(StopNoticeDialog) is None, timeout=5000)
    with qtbot.waitSignal(view.pdf_ready, timeout=10_000) as again:
        view.print_form("stop")
    assert view.findChild(StopNoticeDialog) is None
    assert text_of(again.args[1]) == text_of(first.args[1])
    assert "Số: 01/TB-UBND" in text_of(again.args[1])


def test_cancelling_issues_nothing(qtbot, ctx, clerk, stopped) -> None:
    view = open_dossier(qtbot, ctx, clerk, stopped)
    view.print_form("stop")
    dialog = stop_dialog(qtbot, view)
    with qtbot.assertNotEmitted(view.pdf_ready, wait=300):
        dialog.cancel_button.click()
    assert issued_letter(ctx, "stop", stopped) is None
