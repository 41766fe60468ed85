"""The window's side of issue 14's two new facts: the «Bản quét kết quả» row of the hand-back
(chosen or dropped, refused with its reason, never in the way) and «Hình thức thu» next to
the intake's fees (cash unless the clerk says so, only when there is something to pay)."""

from __future__ import annotations

import hashlib
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent

from desk.domain.calendar import OFFICE_TZ
from desk.domain.fees import PaymentMethod
from desk.domain.status import Status
from desk.services import dossiers, intake
from desk.services.drafts import DraftStore
from desk.services.handover import FORM_DATA_KEY, Satisfaction
from desk.store import dossiers as store_dossiers
from desk.ui.dossier_facts import fact_pairs
from desk.ui.handback import HandBackView
from desk.ui.intake import IntakeView

pytestmark = pytest.mark.qt_log_ignore(
    r"This plugin does not support (raise\(\)|raise|grabbing the keyboard|propagateSizeHints)"
)

MORNING = datetime(2026, 11, 20, 10, 0, tzinfo=OFFICE_TZ)
SCAN = b"\x89PNG\r\n\x1a\n the signed extract, photographed"


def hand_back_view(qtbot, ctx, clerk, code: str) -> HandBackView:
    view = HandBackView(ctx, clerk)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    with qtbot.waitSignal(view.dossier_selected, timeout=10_000):
        view.select_code(code)
    return view


def drop_file(target, path: Path) -> None:
    """Drag ``path`` over ``target`` and drop it (the handlers Qt calls; offscreen Qt
    delivers no drop that no drag started)."""
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(path))])
    how = (
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    enter = QDragEnterEvent(QPointF(5, 5), *how)
    target.dragEnterEvent(enter)
    assert enter.isAccepted()
    target.dropEvent(QDropEvent(QPointF(5, 5), *how))


def test_a_result_scan_dropped_on_the_row_is_kept_and_the_dossier_says_so(
    qtbot, ctx, clerk, ready: str, tmp_path: Path
) -> None:
    view = hand_back_view(qtbot, ctx, clerk, ready)
    row = view.result_scan
    assert row.isEnabled() and row.name.text() == "Chưa có (không bắt buộc)."
    scan = tmp_path / "trich-luc.png"
    scan.write_bytes(SCAN)
    drop_file(row, scan)
    qtbot.waitUntil(lambda: row.stored is not None, timeout=10_000)
    assert row.name.text() == "Đã đính kèm «trich-luc.png»."
    assert row.remove_button.isVisible()
    view.rating_buttons[Satisfaction.SATISFIED].click()
    assert view.confirm_button.isEnabled()
    with qtbot.waitSignal(view.returned, timeout=15_000):
        view.confirm_button.click()
    dossier = dossiers.get_dossier(ctx, ready)
    assert dossier.form_data[FORM_DATA_KEY]["result_sha256"] == hashlib.sha256(SCAN).hexdigest()
    assert row.name.text() == "Đã lưu bản quét kết quả khi trả."
    assert not row.isEnabled()  # returned: nothing more to attach here
    assert dict(fact_pairs(dossier))["Kết quả đã số hóa"] == "Có"


def test_a_bad_result_scan_is_refused_and_the_hand_back_goes_on(
    qtbot, ctx, clerk, ready: str, tmp_path: Path
) -> None:
    view = hand_back_view(qtbot, ctx, clerk, ready)
    row = view.result_scan
    letter = tmp_path / "ket-qua.docx"
    letter.write_bytes(b"PK\x03\x04 a word file")
    view.rating_buttons[Satisfaction.NEUTRAL].click()
    row.attach(str(letter))  # what the file dialog does with the chosen file
    qtbot.waitUntil(lambda: "không phải bản quét" in row.name.text(), timeout=10_000)
    assert row.name.text().startswith("Tệp «ket-qua.docx» không phải bản quét: chỉ đính kèm")
    assert row.name.text().endswith("Vẫn trả kết quả được khi không có bản quét.")
    assert row.stored is None and not row.remove_button.isVisible()
    assert view.check.text() == "" and view.confirm_button.isEnabled()
    with qtbot.waitSignal(view.returned, timeout=15_000):
        view.confirm_button.click()
    dossier = dossiers.get_dossier(ctx, ready)
    assert dossier.status is Status.RETURNED
    assert "result_sha256" not in dossier.form_data[FORM_DATA_KEY]
    assert dict(fact_pairs(dossier))["Kết quả đã số hóa"] == "Không"


def test_a_scan_taken_off_is_not_named(qtbot, ctx, clerk, ready: str, tmp_path: Path) -> None:
    view = hand_back_view(qtbot, ctx, clerk, ready)
    row = view.result_scan
    scan = tmp_path / "trich-luc.pdf"
    scan.write_bytes(b"%PDF-1.4 extract")
    row.attach(str(scan))
    qtbot.waitUntil(lambda: row.stored is not None, timeout=10_000)
    row.remove_button.click()
    assert row.stored is None and row.name.text() == "Chưa có (không bắt buộc)."
    view.rating_buttons[Satisfaction.SATISFIED].click()
    with qtbot.waitSignal(view.returned, timeout=15_000):
        view.confirm_button.click()
    assert "result_sha256" not in dossiers.get_dossier(ctx, ready).form_data[FORM_DATA_KEY]


# --- how the fees are paid ------------------------------------------------------------


def intake_view(qtbot, ctx, clerk, tmp_path: Path, code: str, form_values=None) -> IntakeView:
    view = IntakeView(ctx, clerk, clock=lambda: MORNING, drafts=DraftStore(tmp_path / "drafts"))
    qtbot.addWidget(view)
    assert view.picker.choose_code(code)
    view.applicant.set_values({"full_name": "Nguyễn Văn An"})
    if view.form_view is not None and form_values:
        view.form_view.set_values(form_values)
    view.revalidate()
    return view


def test_a_transfer_chosen_next_to_the_fees_is_stored_on_every_line(
    qtbot, ctx, clerk, tmp_path: Path
) -> None:
    view = intake_view(
        qtbot, ctx, clerk, tmp_path, "2.000815", {"pages": "3", "copies": "2"}
    )  # certified copies: something to pay
    preview = view.preview
    assert preview.payment_row.isVisibleTo(view)
    field = preview.payment_field
    assert [field.itemText(i) for i in range(field.count())] == ["Tiền mặt", "Chuyển khoản"]
    assert field.currentText() == "Tiền mặt" and view.build_request().payment is PaymentMethod.CASH
    field.setCurrentIndex(field.findText("Chuyển khoản"))
    request = view.build_request()
    assert request.payment is PaymentMethod.TRANSFER
    dossier = intake.receive_dossier(ctx, request, clerk, at=MORNING)
    with ctx.db.read() as session:
        stored = store_dossiers.get_dossier(session, str(dossier.code))
    assert stored.total_fee > 0
    assert [fee.method for fee in stored.fees] == ["Chuyển khoản"] * len(stored.fees)
    assert all(
        text.endswith(" — Chuyển khoản")
        for text in dict(fact_pairs(stored))["Phí, lệ phí"].split("; ")
    )
    snapshot = view._snapshot()
    assert snapshot is not None and snapshot.payload["fee_payment"] == "Chuyển khoản"  # a draft
    view.reset()  # the next citizen pays in cash unless said otherwise
    assert field.currentText() == "Tiền mặt"


def test_nothing_to_pay_asks_nothing_and_stays_cash(qtbot, ctx, clerk, tmp_path: Path) -> None:
    view = intake_view(qtbot, ctx, clerk, tmp_path, "1.000894")  # a free procedure
    assert not view.preview.payment_row.isVisibleTo(view)
    view.preview.payment_field.setCurrentIndex(1)  # a choice left over is not used
    assert view.build_request().payment is PaymentMethod.CASH
