"""A whole day at the desk, offscreen, as a clerk does it with the keyboard and the scanner:
sign in → intake of a birth registration (ID card scanned, the rest typed) → the slip in
the print preview → the dossier found again by a search typed without accents → moved
through its statuses → handed back by scanning the slip's code."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QComboBox, QPushButton, QWidget

from desk.domain.status import Status
from desk.services import dossiers
from desk.services.handover import FORM_DATA_KEY, Satisfaction
from desk.ui.main_window import PAGE_DOSSIER, PAGE_HANDBACK, PAGE_INTAKE, PAGE_LIST, MainWindow
from desk.ui.ops import desk_signals
from desk.ui.sign_in import SignInDialog

pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)"
)

BIRTH_REGISTRATION = "1.001193"
# The mother's chip ID card, as its QR code reads (DOMAIN §7).
MOTHER_CARD = "025190012345||Hoàng Thị Đào|15031990|Nữ|Thôn Đông, Xã Yên Lạc, Tỉnh Phú Thọ|10052022"


def keys(target: QWidget, text: str) -> None:
    """One key event per character, carrying its text: qtbot.keyClicks aborts the process
    on Vietnamese letters outside Latin-1."""
    for ch in text:
        QApplication.sendEvent(
            target, QKeyEvent(QEvent.Type.KeyPress, 0, Qt.KeyboardModifier.NoModifier, ch)
        )
        QApplication.sendEvent(
            target, QKeyEvent(QEvent.Type.KeyRelease, 0, Qt.KeyboardModifier.NoModifier, ch)
        )


def enter(target: QWidget) -> None:
    QApplication.sendEvent(
        target, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier)
    )


def scan(window: MainWindow, payload: str) -> None:
    """The scanner types its payload in one fast burst and ends it with Enter."""
    target = QApplication.focusWidget() or window
    keys(target, payload)
    enter(target)


def type_into(window: MainWindow, editor: QWidget, text: str) -> None:
    """Click into a field and type (at test speed; the scanner listener holds fast keys
    until it knows they are typing, so flush it before reading the field)."""
    target = editor.lineEdit() if isinstance(editor, QComboBox) else editor
    assert target is not None
    target.setFocus()
    keys(target, text)
    window.scanner.flush()  # type: ignore[union-attr]


def field(window: MainWindow, name: str) -> QWidget:
    widget = window.findChild(QWidget, name)
    assert widget is not None, f"no field {name}"
    return widget


def test_a_birth_registration_from_sign_in_to_hand_back(qtbot, ctx) -> None:
    pytest.importorskip("desk.ui.intake")
    # --- sign in ---
    sign_in = SignInDialog(ctx)
    qtbot.addWidget(sign_in)
    sign_in.show()
    keys(sign_in.username, "canbo1")
    keys(sign_in.password, "canbo1-demo")
    with qtbot.waitSignal(sign_in.signed_in, timeout=5000) as signed:
        enter(sign_in.password)
    clerk = signed.args[0]

    window = MainWindow(ctx, clerk, idle_ms=0)
    qtbot.addWidget(window)
    window.show()
    assert window.scanner is not None  # the real keyboard-wedge listener
    window.new_intake()
    assert window.current_page() == PAGE_INTAKE
    intake_view = window.intake
    assert intake_view is not None

    # --- intake: the procedure, the ID card scanned, the declaration typed ---
    assert intake_view.picker.choose_code(BIRTH_REGISTRATION)  # type: ignore[attr-defined]
    scan(window, MOTHER_CARD)  # the intake's own banner says whom it filled
    qtbot.waitUntil(lambda: "Hoàng Thị Đào" in intake_view.banner.label.text(), timeout=5000)  # type: ignore[attr-defined]
    assert intake_view.applicant.values()["full_name"] == "Hoàng Thị Đào"  # type: ignore[attr-defined]
    type_into(window, field(window, "relation_to_child"), "Mẹ")
    type_into(window, field(window, "child.full_name"), "Nguyễn Hoàng Minh Khôi")
    type_into(window, field(window, "child.birth_date"), "02/11/2026")
    type_into(window, field(window, "child.sex"), "Nam")
    type_into(window, field(window, "ethnicity"), "Kinh")
    type_into(window, field(window, "nationality"), "Việt Nam")
    type_into(window, field(window, "child_birth_place"), "Trạm y tế xã Yên Lạc, tỉnh Phú Thọ")
    field(window, "mother.copy").click()  # type: ignore[attr-defined]
    documents = intake_view.documents.model  # type: ignore[attr-defined]
    groups_ticked: set[str] = set()
    for row, line in enumerate(documents.lines):
        # Required papers, and the first of each "one of these" group (giấy chứng sinh).
        first_of_group = bool(line.group) and line.group not in groups_ticked
        if (line.required and not line.group) or first_of_group:
            groups_ticked.add(line.group)
            documents.setData(
                documents.index(row, 0), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole
            )

    # «Tiếp nhận» checks what was typed itself (the screen's own check runs after a pause).
    with qtbot.waitSignal(window.preview_shown, timeout=20_000) as shown:
        intake_view.receive()  # type: ignore[attr-defined]
        if intake_view.outcome.pages.currentIndex() == 1:  # type: ignore[attr-defined]
            intake_view.outcome.confirm_receive.emit()  # type: ignore[attr-defined]
    slip = shown.args[0]
    assert slip.isVisible()
    assert slip.page_count == 2  # "Liên 1: Lưu", "Liên 2: Giao người nộp"
    code = slip.windowTitle().rsplit("— ", 1)[1]
    assert "Giấy tiếp nhận hồ sơ và hẹn trả kết quả" in slip.windowTitle()
    dossier = dossiers.get_dossier(ctx, code)
    assert dossier.procedure_code == BIRTH_REGISTRATION
    assert dossier.applicant.full_name == "Hoàng Thị Đào"
    assert dossier.applicant.id_number == "025190012345"
    slip.close()

    # --- the list: a search typed without accents finds her ---
    window.show_page(PAGE_LIST)
    search = window.dossier_list.search
    with qtbot.waitSignal(window.dossier_list.model.page_loaded, timeout=10_000):
        type_into(window, search, "hoang thi dao")
        window.dossier_list.apply_filter()
    assert window.dossier_list.model.rowCount() == 1
    assert window.dossier_list.model.code_at(0) == code
    with qtbot.waitSignal(window.dossier_view.dossier_shown, timeout=10_000):
        window.dossier_list.table.doubleClicked.emit(window.dossier_list.model.index(0, 0))
    assert window.current_page() == PAGE_DOSSIER

    # --- through its statuses, with the buttons the rules offer ---
    view = window.dossier_view
    assert Status.RETURNED not in view.offered_transitions()
    with qtbot.waitSignal(desk_signals().dossier_changed, timeout=10_000):
        view.transition_buttons[Status.PROCESSING].click()
    with qtbot.waitSignal(desk_signals().dossier_changed, timeout=10_000):
        view.transition_buttons[Status.RESULT_READY].click()
    assert view.status_chip.text() == "Đã xử lý xong"

    # --- hand back: F4, then the slip's barcode scanned ---
    window.show_page(PAGE_HANDBACK)
    with qtbot.waitSignal(window.handback.dossier_selected, timeout=10_000):
        scan(window, code)
    handback = window.handback
    assert handback.summary["applicant"].text() == "Hoàng Thị Đào"
    handback.rating_buttons[Satisfaction.SATISFIED].click()
    confirm: QPushButton = handback.confirm_button
    assert confirm.isEnabled()
    with qtbot.waitSignal(window.preview_shown, timeout=20_000) as book:
        confirm.click()
    assert "Sổ theo dõi hồ sơ" in book.args[0].windowTitle()

    returned = dossiers.get_dossier(ctx, code)
    assert returned.status is Status.RETURNED
    assert returned.form_data[FORM_DATA_KEY]["satisfaction"] == "satisfied"
    assert [e.to_status for e in returned.events] == [
        Status.RECEIVED,
        Status.PROCESSING,
        Status.RESULT_READY,
        Status.RETURNED,
    ]
    qtbot.waitUntil(lambda: window.today.values["returned"].text() == "1", timeout=10_000)
