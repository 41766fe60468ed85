"""The dossier view (only legal actions, reasons, reprints, the apology letter), the
hand-back screen, and the print preview."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QWidget

from desk.domain.status import Status, allowed_next
from desk.printing.registry import FORMS
from desk.services import demo, dossiers, intake
from desk.services.handover import FORM_DATA_KEY, Satisfaction
from desk.ui.dossier_view import DossierView
from desk.ui.handback import HandBackView
from desk.ui.ops import desk_signals
from desk.ui.print_preview import PRINT_DPI, PrintPreviewDialog
from desk.ui.printouts import StopNoticeDialog

pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)"
)


def type_text(widget: QWidget, text: str) -> None:
    for ch in text:
        QApplication.sendEvent(
            widget, QKeyEvent(QEvent.Type.KeyPress, 0, Qt.KeyboardModifier.NoModifier, ch)
        )


@pytest.fixture
def received(ctx, clerk):
    """A birth registration just received at the desk."""
    for generated in demo.generate(ctx, 20, seed=11):
        if generated.request.procedure_code == "1.001193":
            return intake.receive_dossier(ctx, generated.request, clerk)
    raise AssertionError("no birth registration in the demo sample")


def show(qtbot, view: DossierView, code: str) -> None:
    with qtbot.waitSignal(view.dossier_shown, timeout=10_000):
        view.show_code(code)


def click_transition(qtbot, view: DossierView, target: Status, reason: str | None = None) -> None:
    view.transition_buttons[target].click()
    if reason is not None:
        dialog = view.dialog
        assert dialog is not None and dialog.isVisible()
        type_text(dialog.text, reason)  # type: ignore[attr-defined]
        with qtbot.waitSignal(desk_signals().dossier_changed, timeout=10_000):
            dialog.ok_button.click()  # type: ignore[attr-defined]
    else:
        qtbot.waitSignal(desk_signals().dossier_changed, timeout=10_000).wait()


def test_only_the_transitions_allowed_now_are_offered(qtbot, ctx, clerk, received) -> None:
    view = DossierView(ctx, clerk)
    qtbot.addWidget(view)
    code = str(received.code)
    show(qtbot, view, code)
    assert view.offered_transitions() == set(allowed_next(Status.RECEIVED))
    assert Status.RETURNED not in view.offered_transitions()  # not before the result
    assert view.fast_button.isVisibleTo(view)
    dossiers.change_status(ctx, code, Status.PROCESSING, clerk)
    dossiers.change_status(ctx, code, Status.RESULT_READY, clerk)
    show(qtbot, view, code)
    assert view.offered_transitions() == {Status.RETURNED}
    assert not view.apology_button.isVisibleTo(view)
    assert not view.fast_button.isVisibleTo(view)
    dossiers.change_status(ctx, code, Status.RETURNED, clerk)
    show(qtbot, view, code)
    assert view.offered_transitions() == set()
    assert "trạng thái cuối «Đã trả kết quả»" in view.final_note.text()
    # A stale button pressed anyway (another desk moved the dossier) does nothing.
    view.request_transition(Status.PROCESSING)
    assert dossiers.get_dossier(ctx, code).status is Status.RETURNED


def test_moving_a_dossier_through_its_statuses(qtbot, ctx, clerk, received) -> None:
    view = DossierView(ctx, clerk)
    qtbot.addWidget(view)
    view.show()
    code = str(received.code)
    show(qtbot, view, code)
    printed: list[str] = []
    view.pdf_ready.connect(lambda title, pdf, name: printed.append(name))

    click_transition(qtbot, view, Status.PROCESSING)
    assert view.status_chip.text() == "Đang xử lý"

    # A supplement request needs the missing papers; an empty one is refused.
    view.transition_buttons[Status.SUPPLEMENT_REQUESTED].click()
    dialog = view.dialog
    dialog.ok_button.click()  # type: ignore[union-attr]
    assert dialog.error.text() == "Cần ghi rõ nội dung trước khi xác nhận."  # type: ignore[union-attr]
    assert dossiers.get_dossier(ctx, code).status is Status.PROCESSING
    dialog.reject()  # type: ignore[union-attr]
    with qtbot.waitSignal(view.pdf_ready, timeout=10_000):
        click_transition(qtbot, view, Status.SUPPLEMENT_REQUESTED, "Bản sao giấy chứng sinh")
    assert printed[-1] == f"supplement-{code}.pdf"
    assert view.offered_transitions() == {Status.PROCESSING, Status.WITHDRAWN, Status.STOPPED}
    assert view.transition_buttons[Status.PROCESSING].text() == "Đã nhận đủ giấy tờ bổ sung"

    click_transition(qtbot, view, Status.PROCESSING)
    click_transition(qtbot, view, Status.PAYMENT_REQUESTED, "Lệ phí 8.000 đồng")
    assert view.transition_buttons[Status.PROCESSING].text() == "Công dân đã nộp phí, lệ phí"
    click_transition(qtbot, view, Status.PROCESSING)
    click_transition(qtbot, view, Status.RESULT_READY)
    assert view.status_chip.text() == "Đã xử lý xong"
    with qtbot.waitSignal(view.hand_back_requested) as asked:
        view.transition_buttons[Status.RETURNED].click()
    assert asked.args == [code, False]

    history = [e.to_status for e in dossiers.get_dossier(ctx, code).events]
    assert history == [
        Status.RECEIVED,
        Status.PROCESSING,
        Status.SUPPLEMENT_REQUESTED,
        Status.PROCESSING,
        Status.PAYMENT_REQUESTED,
        Status.PROCESSING,
        Status.RESULT_READY,
    ]
    assert view.events.rowCount() == 7


def test_stopping_needs_a_reason_and_prints_the_notice(qtbot, ctx, clerk, received) -> None:
    view = DossierView(ctx, clerk)
    qtbot.addWidget(view)
    code = str(received.code)
    show(qtbot, view, code)
    click_transition(qtbot, view, Status.STOPPED, "Người yêu cầu không đủ điều kiện")
    # The notice is a Committee letter: the clerk says first whether the citizen asked.
    qtbot.waitUntil(lambda: view.findChild(StopNoticeDialog) is not None, timeout=10_000)
    answer = view.findChild(StopNoticeDialog)
    assert answer is not None
    answer.asked_no.click()
    with qtbot.waitSignal(view.pdf_ready, timeout=10_000) as printed:
        answer.ok_button.click()
    assert printed.args[2] == f"stop-{code}.pdf"
    assert printed.args[1].startswith(b"%PDF")
    assert view.offered_transitions() == set()


def test_reprint_offers_exactly_the_forms_that_apply(qtbot, ctx, clerk, received) -> None:
    view = DossierView(ctx, clerk)
    qtbot.addWidget(view)
    show(qtbot, view, str(received.code))
    assert view.dossier is not None
    expected = [name for name, spec in FORMS.items() if spec.applies_to(view.dossier)]
    assert view.printable_forms() == expected
    assert "slip" in expected and "declaration" in expected and "refusal" not in expected
    with qtbot.waitSignal(view.pdf_ready, timeout=10_000) as printed:
        view.print_form("control")
    assert printed.args[0].startswith("Phiếu kiểm soát quá trình giải quyết hồ sơ")


def test_apology_letter_with_a_new_due_time(qtbot, ctx, clerk, received) -> None:
    view = DossierView(ctx, clerk)
    qtbot.addWidget(view)
    code = str(received.code)
    show(qtbot, view, code)
    view.apology_button.click()
    qtbot.waitUntil(lambda: view.dialog is not None, timeout=5000)  # due time suggested
    dialog = view.dialog
    dialog.ok_button.click()  # type: ignore[union-attr]
    assert dialog.error.text() == "Cần ghi lý do chậm trả kết quả."  # type: ignore[union-attr]
    type_text(dialog.reason, "Chờ xác minh nơi cư trú")  # type: ignore[union-attr]
    # A same-day dossier's new due time is always late (DOMAIN §2): the office's fault.
    type_text(dialog.fault.text, "Chờ Công an xã xác minh quá ngày")  # type: ignore[union-attr]
    with qtbot.waitSignal(view.pdf_ready, timeout=10_000) as printed:
        dialog.ok_button.click()  # type: ignore[union-attr]
    assert printed.args[0] == FORMS["apology"].description
    dossier = dossiers.get_dossier(ctx, code)
    assert dossier.rescheduled_due_at is not None
    assert dossier.rescheduled_due_at > dossier.due_at
    assert view.fact_texts()["Hẹn lại"] != "—"


def test_hand_back_to_a_proxy_validates_the_id_number(qtbot, ctx, clerk, received) -> None:
    code = str(received.code)
    dossiers.change_status(ctx, code, Status.PROCESSING, clerk)
    dossiers.change_status(ctx, code, Status.RESULT_READY, clerk)
    view = HandBackView(ctx, clerk)
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.dossier_selected, timeout=10_000):
        view.select_code(code)
    assert not view.confirm_button.isEnabled()
    assert view.check.text() == "Chọn mức độ hài lòng của công dân."
    view.proxy_radio.setChecked(True)
    type_text(view.proxy_name, "Trần Văn Bình")
    type_text(view.proxy_id, "12345")
    assert "phải gồm đúng 12 chữ số" in view.check.text()
    assert "phải gồm đúng 12 chữ số" in view.proxy_id_check.text()
    view.proxy_id.clear()
    type_text(view.proxy_id, "001090012345")
    assert view.proxy_id_check.text().startswith("Hợp lệ: Nam, sinh năm 1990")
    type_text(view.proxy_relation, "con trai")
    view.rating_buttons[Satisfaction.NEUTRAL].click()
    assert view.confirm_button.isEnabled()
    with qtbot.waitSignal(view.pdf_ready, timeout=15_000) as book:
        view.confirm_button.click()
    assert book.args[1].startswith(b"%PDF")
    dossier = dossiers.get_dossier(ctx, code)
    assert dossier.status is Status.RETURNED
    record = dossier.form_data[FORM_DATA_KEY]
    assert record["collector"] == "proxy"
    assert record["name"] == "Trần Văn Bình"
    assert record["id_number"] == "001090012345"
    assert record["satisfaction"] == "neutral"
    note = dossier.events[-1].note
    assert "Trần Văn Bình" in note and "********2345" in note and "Bình thường" in note
    assert "001090012345" not in note
    assert "Đã trả kết quả hồ sơ" in view.message.text()


def test_hand_back_refuses_a_dossier_without_a_result(qtbot, ctx, clerk, received) -> None:
    view = HandBackView(ctx, clerk)
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.dossier_selected, timeout=10_000):
        view.select_code(str(received.code))
    assert "chưa có kết quả để trả" in view.message.text()
    assert not view.confirm_button.isEnabled()
    assert not view.rating_box.isEnabled()


def test_same_day_fast_path_returns_in_one_sitting(qtbot, ctx, clerk, received) -> None:
    code = str(received.code)
    view = HandBackView(ctx, clerk)
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.dossier_selected, timeout=10_000):
        view.select_code(code, same_day=True)
    view.rating_buttons[Satisfaction.SATISFIED].click()
    with qtbot.waitSignal(view.returned, timeout=15_000):
        view.confirm_button.click()
    dossier = dossiers.get_dossier(ctx, code)
    assert [e.to_status for e in dossier.events] == [
        Status.RECEIVED,
        Status.RESULT_READY,
        Status.RETURNED,
    ]
    assert dossier.form_data[FORM_DATA_KEY]["collector"] == "applicant"


def test_print_preview_shows_prints_at_300_dpi_and_saves(
    qtbot, ctx, clerk, received, tmp_path: Path
) -> None:
    from desk.services.printing import render_dossier_form

    pdf = render_dossier_form(ctx, "slip", str(received.code))
    target = tmp_path / "giay-hen.pdf"
    preview = PrintPreviewDialog(
        pdf, "Giấy tiếp nhận", file_name="slip.pdf", choose_save_path=lambda _s: str(target)
    )
    qtbot.addWidget(preview)
    preview.show()
    assert preview.page_count == 2  # two copies of the slip
    assert preview.info.text().startswith("2 trang")

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    with qtbot.waitSignal(preview.printed, timeout=30_000) as printed:
        preview.print_to(printer)
    assert printed.args == [2]
    assert printer.resolution() == PRINT_DPI
    assert len(PdfReader(tmp_path / "printed.pdf").pages) == 2
    assert "Đã gửi 2 trang" in preview.info.text()

    with qtbot.waitSignal(preview.saved) as saved:
        preview.save_button.click()
    assert saved.args == [str(target)]
    assert target.read_bytes() == pdf
