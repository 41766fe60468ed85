"""Issue 13, item 1: the wheel scrolls the form; a drop-down, spin box or date field changes
only when it has focus (the birth form's child sex went from "Nam" to "Nữ" while scrolling)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QDate, QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDateEdit,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desk.ui.wheel_guard import install_wheel_guard, remove_wheel_guard
from tests.ui.test_intake import MORNING, cell, choose_birth_registration, make_view

pytestmark = pytest.mark.qt_log_ignore(
    r"This plugin does not support (raise\(\)|grabbing the keyboard|propagateSizeHints)"
)

ONE_NOTCH_DOWN = QPoint(0, -120)


@pytest.fixture
def guard(qapp):
    """The guard prepare_application installs; pytest-qt's qapp does not go through it."""
    installed = install_wheel_guard(qapp)
    yield installed
    remove_wheel_guard(qapp)


@pytest.fixture
def listener(qapp):
    from desk.ui.scanner import ScanListener

    scanner = ScanListener(today=lambda: MORNING.date())
    qapp.installEventFilter(scanner)
    yield scanner
    qapp.removeEventFilter(scanner)


def wheel(widget: QWidget, notches: int = 1) -> None:
    """A wheel turned ``notches`` clicks towards the user (down) over the widget's centre."""
    centre = QPointF(widget.rect().center())
    for _ in range(notches):
        event = QWheelEvent(
            centre,
            QPointF(widget.mapToGlobal(centre)),
            QPoint(),
            ONE_NOTCH_DOWN,
            Qt.MouseButton.NoButton,
            Qt.KeyboardModifier.NoModifier,
            Qt.ScrollPhase.NoScrollPhase,
            False,
        )
        QApplication.sendEvent(widget, event)


def test_wheel_over_the_birth_form_scrolls_it_and_changes_no_choice(
    qtbot, ctx, clerk, listener, guard
) -> None:
    view = make_view(qtbot, ctx, clerk)
    view.holder.resize(1366, 700)  # a laptop screen: the form is taller than the window
    choose_birth_registration(qtbot, view, listener)
    sex = cell(view, "child.sex").editor
    ethnicity = cell(view, "ethnicity").editor
    sex.set_value("Nam")
    ethnicity.set_value("Kinh")
    assert (sex.currentText(), ethnicity.currentText()) == ("Nam", "Kinh")
    view.applicant.cells["full_name"].editor.setFocus()  # the cursor is elsewhere
    qtbot.waitUntil(lambda: not sex.hasFocus() and not ethnicity.hasFocus())
    bar = view.entry.verticalScrollBar()
    assert bar.maximum() > 0, "the form must be taller than the window for this test"
    bar.setValue(0)

    wheel(sex)
    wheel(ethnicity, notches=2)

    assert (sex.currentText(), ethnicity.currentText()) == ("Nam", "Kinh")
    assert bar.value() > 0  # the form scrolled instead
    # Turning the wheel gave neither drop-down the cursor.
    assert sex.focusPolicy() == Qt.FocusPolicy.StrongFocus
    assert ethnicity.focusPolicy() == Qt.FocusPolicy.StrongFocus


def test_a_focused_drop_down_still_takes_the_wheel(qtbot, ctx, clerk, listener, guard) -> None:
    view = make_view(qtbot, ctx, clerk)
    choose_birth_registration(qtbot, view, listener)
    sex = cell(view, "child.sex").editor
    sex.set_value("Nam")
    sex.setFocus()
    qtbot.waitUntil(sex.hasFocus)

    wheel(sex)

    assert sex.currentText() == "Nữ"


def test_spin_box_and_date_field_in_any_scrolling_form(qtbot, guard) -> None:
    area = QScrollArea()
    area.setWidgetResizable(True)
    content = QWidget()
    layout = QVBoxLayout(content)
    combo = QComboBox()
    combo.addItems(["Nhận tại bộ phận một cửa", "Bưu điện"])
    spin = QSpinBox()
    spin.setValue(5)
    date = QDateEdit(QDate(2026, 11, 20))
    for widget in (combo, spin, date):
        layout.addWidget(widget)
        layout.addSpacing(400)
    area.setWidget(content)
    area.resize(400, 300)
    qtbot.addWidget(area)
    area.show()
    qtbot.waitExposed(area)
    bar = area.verticalScrollBar()

    for widget in (combo, spin, date):
        before = bar.value()
        wheel(widget)
        assert bar.value() > before
    assert (combo.currentIndex(), spin.value(), date.date()) == (0, 5, QDate(2026, 11, 20))

    spin.setFocus()
    qtbot.waitUntil(spin.hasFocus)
    wheel(spin)
    assert spin.value() == 4  # a notch towards the user steps down


def test_the_desk_application_is_prepared_with_the_guard(qapp) -> None:
    from desk.app import prepare_application
    from desk.ui.wheel_guard import WheelGuard

    name, style, font = qapp.applicationName(), qapp.styleSheet(), qapp.font()
    try:
        assert prepare_application() is qapp
        guard = install_wheel_guard(qapp)  # a second install finds the first one
        assert isinstance(guard, WheelGuard)
        assert install_wheel_guard(qapp) is guard
    finally:
        remove_wheel_guard(qapp)
        qapp.setApplicationName(name)
        qapp.setStyleSheet(style)
        qapp.setFont(font)
    assert qapp.property("deskWheelGuard") is None
