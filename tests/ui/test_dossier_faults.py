"""The dossier view and the office's faults on a dossier's path (DOMAIN §2): the dialog
says why a change is the office's fault and asks for the reason before the clerk submits;
the dossier then carries a visible flag."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from desk.domain.calendar import OFFICE_TZ
from desk.domain.dossier import IntakeRequest, Person, ReceivedDocument
from desk.domain.status import Status
from desk.printing.registry import FORMS
from desk.services import dossiers, intake
from desk.ui.dossier_dialogs import ApologyDialog, ReasonDialog
from desk.ui.ops import desk_signals
from tests.ui.dossier_helpers import open_dossier

pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)"
)

MONDAY_9 = datetime(2026, 11, 16, 9, 0, tzinfo=OFFICE_TZ)  # marital status: due 19/11 09:00


def type_text(widget: QWidget, text: str) -> None:
    """Vietnamese letters typed as key events carrying their text."""
    for ch in text:
        QApplication.sendEvent(
            widget, QKeyEvent(QEvent.Type.KeyPress, 0, Qt.KeyboardModifier.NoModifier, ch)
        )


def received(ctx, clerk) -> str:
    request = IntakeRequest(
        "1.004873",
        Person("Đỗ Thị Hương", id_number="025190123456", address="Thôn Đông, xã Yên Lạc"),
        documents=[ReceivedDocument("Tờ khai", code="TK", originals=1)],
    )
    return str(intake.receive_dossier(ctx, request, clerk, at=MONDAY_9).code)


def after_one_supplement_round(ctx, clerk) -> str:
    code = received(ctx, clerk)
    dossiers.change_status(ctx, code, Status.PROCESSING, clerk, at=MONDAY_9.replace(hour=10))
    dossiers.change_status(
        ctx,
        code,
        Status.SUPPLEMENT_REQUESTED,
        clerk,
        note="Thiếu bản sao giấy khai sinh",
        at=MONDAY_9.replace(hour=11),
    )
    dossiers.change_status(ctx, code, Status.PROCESSING, clerk, at=MONDAY_9.replace(hour=14))
    return code


def test_a_first_supplement_request_asks_no_fault_reason(qtbot, ctx, clerk) -> None:
    code = received(ctx, clerk)
    dossiers.change_status(ctx, code, Status.PROCESSING, clerk, at=MONDAY_9.replace(hour=10))
    view = open_dossier(qtbot, ctx, clerk, code)
    view.transition_buttons[Status.SUPPLEMENT_REQUESTED].click()
    dialog = view.dialog
    assert isinstance(dialog, ReasonDialog)
    assert not dialog.fault.isVisibleTo(dialog)
    assert not view.fault_flag.isVisibleTo(view)
    assert view.fact_texts()["Lỗi của cơ quan"] == "Không"


def test_a_second_supplement_request_asks_why_it_is_the_offices_fault_and_flags_it(
    qtbot, ctx, clerk
) -> None:
    code = after_one_supplement_round(ctx, clerk)
    view = open_dossier(qtbot, ctx, clerk, code)
    view.transition_buttons[Status.SUPPLEMENT_REQUESTED].click()
    dialog = view.dialog
    assert isinstance(dialog, ReasonDialog)
    # Said before the clerk submits, not after a refusal.
    assert dialog.fault.isVisibleTo(dialog)
    assert "đã được yêu cầu bổ sung 1 lần" in dialog.fault.explanation.text()
    type_text(dialog.text, "Bản sao giấy chứng nhận kết hôn")
    dialog.ok_button.click()
    assert dialog.error.text() == "Cần ghi lý do vì sao đây là lỗi của cơ quan."
    assert dossiers.get_dossier(ctx, code).status is Status.PROCESSING
    type_text(dialog.fault.text, "Lần đầu kiểm tra sót giấy kết hôn")
    with qtbot.waitSignal(desk_signals().dossier_changed, timeout=10_000):
        dialog.ok_button.click()
    dossier = dossiers.get_dossier(ctx, code)
    assert dossier.status is Status.SUPPLEMENT_REQUESTED
    assert dossier.events[-1].note == "Bản sao giấy chứng nhận kết hôn"
    assert [f.reason for f in dossier.office_faults()] == ["Lần đầu kiểm tra sót giấy kết hôn"]
    qtbot.waitUntil(lambda: view.fault_flag.isVisibleTo(view), timeout=10_000)
    flag = view.fault_flag.text()
    assert "Yêu cầu bổ sung hồ sơ quá số lần cho phép" in flag
    assert "Lần đầu kiểm tra sót giấy kết hôn" in flag
    assert view.fact_texts()["Lỗi của cơ quan"] == "Yêu cầu bổ sung hồ sơ quá số lần cho phép"


def test_a_late_new_due_time_asks_the_fault_reason_and_still_prints_the_letter(
    qtbot, ctx, clerk
) -> None:
    code = received(ctx, clerk)  # due 19/11/2026: today is later
    view = open_dossier(qtbot, ctx, clerk, code)
    view.apology_button.click()
    qtbot.waitUntil(lambda: view.dialog is not None, timeout=10_000)
    dialog = view.dialog
    assert isinstance(dialog, ApologyDialog)
    assert dialog.fault.isVisibleTo(dialog)
    assert "chậm nhất 1 ngày làm việc trước ngày hẹn cũ" in dialog.fault.explanation.text()
    type_text(dialog.reason, "Chờ xác minh nơi cư trú")
    dialog.ok_button.click()
    assert dialog.error.text() == "Cần ghi lý do vì sao đây là lỗi của cơ quan."
    type_text(dialog.fault.text, "Cán bộ quên gửi văn bản trước hạn")
    with qtbot.waitSignal(view.pdf_ready, timeout=30_000) as printed:
        dialog.ok_button.click()
    assert printed.args[0] == FORMS["apology"].description
    dossier = dossiers.get_dossier(ctx, code)
    assert dossier.rescheduled_due_at is not None
    assert [f.kind.value for f in dossier.office_faults()] == ["late_new_due_time"]
    qtbot.waitUntil(lambda: "Hẹn lại ngày trả kết quả muộn" in view.fault_flag.text())
