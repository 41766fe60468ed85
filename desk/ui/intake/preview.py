"""The live outcome at the top of the intake screen's right-hand panel: the procedure, its
processing time, when the dossier was received, when the result is due and the fees.

Nothing here decides anything: the time that applies (checks or not), the due time and the
fees are the domain's ``intake_terms``, the very terms ``plan_intake`` records and the slip
prints; the words come from ``desk.domain.formats``. ``describe`` turns the terms into the
lines the clerk reads, ``PreviewPanel`` shows them. Next to the fees, the panel offers the
exemptions the fee rule has (poor households …) and how the fees are paid («Tiền mặt» or
«Chuyển khoản», cash unless the clerk says so), when there is something to pay.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from desk.domain.calendar import WorkingCalendar, to_office_time
from desk.domain.catalogue import Procedure
from desk.domain.fees import Fee, PaymentMethod
from desk.domain.intake import (
    checks_apply,
    exemptions_offered,
    fees_for,
    intake_terms,
    processing_for,
)
from desk.errors import DeskError
from desk.ui.labels import (
    any_form_text,
    catalogue_text,
    shown_label,
    shown_moment_with_weekday,
    shown_processing,
    shown_vnd,
)

NO_PROCEDURE = QT_TRANSLATE_NOOP("PreviewPanel", "Chưa chọn thủ tục")
CHOOSE_PROCEDURE = QT_TRANSLATE_NOOP(
    "PreviewPanel", "Chọn thủ tục (Alt+1) để biết hạn trả và lệ phí."
)
VERIFY_FEE = QT_TRANSLATE_NOOP("PreviewPanel", "Mức phí cần đối chiếu nghị quyết của tỉnh.")
LATE_DEFAULT = QT_TRANSLATE_NOOP("PreviewPanel", "Đăng ký quá hạn.")
NO_EXEMPTION = QT_TRANSLATE_NOOP("PreviewPanel", "Không miễn")


def _tr(text: str) -> str:
    return QCoreApplication.translate("PreviewPanel", text)


@dataclass(frozen=True, slots=True)
class PreviewText:
    """The lines of the preview, as the clerk reads them."""

    procedure: str
    processing: str
    due: str
    fees: str
    notes: str
    exemptions: tuple[str, ...] = ()  # offered next to the fees (none: the box is hidden)
    payable: bool = False  # something to pay: how it is paid is asked


def checks_caption(procedure: Procedure, form_data: Mapping[str, Any] | None = None) -> str:
    """The checks box: "Cần xác minh (thời hạn 5 ngày làm việc)", for the form's case."""
    processing = processing_for(procedure, True, form_data=form_data)
    return QCoreApplication.translate("PreviewPanel", "Cần xác minh (thời hạn {0})").format(
        shown_processing(processing)
    )


def describe(
    calendar: WorkingCalendar,
    procedure: Procedure,
    at: datetime,
    *,
    needs_checks: bool = False,
    copies: int = 1,
    pages: int = 0,
    late: bool = False,
    late_note: str = "",
    form_data: Mapping[str, Any] | None = None,
    exemption: str = "",
) -> PreviewText:
    """What the screen shows for a dossier received ``at`` with these inputs. An exemption
    the fee rule does not offer (any more) is left out."""
    offered = offered_exemptions(procedure, copies=copies, pages=pages, late=late)
    exemption = exemption if exemption in offered else ""
    payable = False
    try:
        terms = intake_terms(
            calendar,
            procedure,
            at,
            needs_checks=needs_checks,
            copies=copies,
            pages=pages,
            late=late,
            form_data=form_data,
            exemption=exemption,
        )
    except DeskError:
        # The due time or the fee cannot be worked out (a calendar or a count the rules do
        # not cover): the same pieces one by one, to say which one and show the other.
        processing = processing_for(procedure, needs_checks, form_data=form_data)
        label = shown_processing(processing)
        checks = checks_apply(procedure, needs_checks)
        try:
            due = shown_moment_with_weekday(calendar.due_at(at, processing))
        except DeskError as error:
            due = error.message
        try:
            charged = fees_for(
                procedure, copies=copies, pages=pages, late=late, exemption=exemption
            )
            fees = _fee_lines(procedure, charged, copies, late)
            payable = sum(fee.amount for fee in charged) > 0
        except DeskError as error:
            fees = QCoreApplication.translate("PreviewPanel", "Lệ phí: {0}").format(error.message)
    else:
        label, checks = shown_processing(terms.processing), terms.needs_checks
        due = shown_moment_with_weekday(terms.due_at)
        fees = _fee_lines(procedure, terms.fees, copies, late)
        payable = terms.total_fee > 0
    name = catalogue_text(procedure.name)
    notes = []
    if late:
        notes.append(any_form_text(late_note) if late_note else _tr(LATE_DEFAULT))
    if procedure.fee.verify or (
        late and procedure.fee.when_late and procedure.fee.when_late.verify
    ):
        notes.append(_tr(VERIFY_FEE))
    return PreviewText(
        procedure=f"{name}\n{procedure.code} · {catalogue_text(procedure.field_name)}",
        processing=QCoreApplication.translate("PreviewPanel", "Thời hạn giải quyết: {0}").format(
            label
            + (QCoreApplication.translate("PreviewPanel", " (cần xác minh)") if checks else "")
        ),
        due=due,
        fees=fees,
        notes="\n".join(notes),
        exemptions=offered,
        payable=payable,
    )


def offered_exemptions(
    procedure: Procedure, *, copies: int = 1, pages: int = 0, late: bool = False
) -> tuple[str, ...]:
    """The exemptions to offer for these counts (none where the counts make no fee)."""
    try:
        return exemptions_offered(procedure, copies=copies, pages=pages, late=late)
    except DeskError:
        return ()


def _fee_lines(procedure: Procedure, fees: list[Fee], copies: int, late: bool) -> str:
    if not sum(fee.amount for fee in fees):
        exempted = [fee for fee in fees if fee.exemption]
        if exempted:
            free = QCoreApplication.translate("PreviewPanel", "{0}: miễn ({1})")
            return "\n".join(
                free.format(catalogue_text(f.name), catalogue_text(f.exemption)) for f in exempted
            )
        free_of = catalogue_text(procedure.fee.rule_for(late=late).name)
        return QCoreApplication.translate("PreviewPanel", "{0}: miễn").format(free_of)
    lines = [f"{catalogue_text(fee.name)}: {shown_vnd(fee.amount)}" for fee in fees]
    if procedure.fee.kind == "per_copy" and copies > 1:
        each = shown_vnd(procedure.fee.amount)
        lines.append(
            QCoreApplication.translate("PreviewPanel", "({0} bản × {1})").format(copies, each)
        )
    return "\n".join(lines)


class PreviewPanel(QWidget):
    """The preview's labels; ``due_label`` and ``fee_label`` are what the citizen is told.
    Its two inputs: ``exemption_field`` (shown only when the fee rule offers exemptions),
    who the province exempts from the fee; ``payment_field`` (shown only when there is
    something to pay), how it is paid."""

    fee_choice_changed = Signal()  # the exemption or the way of paying

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("intakePreview")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.procedure_label = QLabel(self.tr(NO_PROCEDURE))
        self.procedure_label.setObjectName("procedureLabel")
        self.procedure_label.setStyleSheet("font-weight: bold; font-size: 11pt;")
        self.procedure_label.setWordWrap(True)
        self.processing_label = QLabel()
        self.processing_label.setObjectName("processingLabel")
        self.processing_label.setWordWrap(True)
        self.received_label = QLabel()
        self.due_caption = QLabel(self.tr("Hẹn trả kết quả"))
        self.due_caption.setStyleSheet("color: #555; margin-top: 6px;")
        self.due_label = QLabel("—")
        self.due_label.setObjectName("dueLabel")
        self.due_label.setWordWrap(True)
        self.due_label.setStyleSheet("font-size: 15pt; font-weight: bold; color: #8b1a1a;")
        self.fee_label = QLabel()
        self.fee_label.setObjectName("feeLabel")
        self.fee_label.setWordWrap(True)
        self.fee_label.setStyleSheet("font-size: 11pt;")
        self.exemption_row = QWidget()
        exemption_layout = QHBoxLayout(self.exemption_row)
        exemption_layout.setContentsMargins(0, 0, 0, 0)
        self.exemption_field = QComboBox()
        self.exemption_field.setObjectName("feeExemption")
        self.exemption_field.addItem(self.tr(NO_EXEMPTION), "")
        self.exemption_field.currentIndexChanged.connect(self.fee_choice_changed)
        caption = QLabel(self.tr("Miễn lệ phí:"))
        caption.setBuddy(self.exemption_field)
        exemption_layout.addWidget(caption)
        exemption_layout.addWidget(self.exemption_field, 1)
        self.exemption_row.setVisible(False)
        self.payment_row = QWidget()
        payment_layout = QHBoxLayout(self.payment_row)
        payment_layout.setContentsMargins(0, 0, 0, 0)
        self.payment_field = QComboBox()
        self.payment_field.setObjectName("paymentMethod")
        for method in PaymentMethod:
            self.payment_field.addItem(shown_label(method), method.value)
        self.payment_field.currentIndexChanged.connect(self.fee_choice_changed)
        paid = QLabel(self.tr("Hình thức thu:"))
        paid.setBuddy(self.payment_field)
        payment_layout.addWidget(paid)
        payment_layout.addWidget(self.payment_field, 1)
        self.payment_row.setVisible(False)
        self.note_label = QLabel()
        self.note_label.setWordWrap(True)
        self.note_label.setStyleSheet("color: #8a5a00;")
        for widget in (
            self.procedure_label,
            self.processing_label,
            self.received_label,
            self.due_caption,
            self.due_label,
            self.fee_label,
            self.exemption_row,
            self.payment_row,
            self.note_label,
        ):
            layout.addWidget(widget)

    def set_received(self, at: datetime) -> None:
        self.received_label.setText(
            self.tr("Nhận lúc: {0}").format(f"{to_office_time(at):%H:%M, %d/%m/%Y}")
        )

    def show_text(self, text: PreviewText) -> None:
        self.procedure_label.setText(text.procedure)
        self.processing_label.setText(text.processing)
        self.due_label.setText(text.due)
        for label in (self.due_caption, self.due_label):  # no heading over nothing
            label.setVisible(bool(text.due))
        self.fee_label.setText(text.fees)
        self.note_label.setText(text.notes)
        self._offer(text.exemptions)
        self.payment_row.setVisible(text.payable)

    def show_nothing(self) -> None:
        """No procedure (the next citizen): nothing to pay yet, and paid in cash again."""
        self.show_text(PreviewText(self.tr(NO_PROCEDURE), self.tr(CHOOSE_PROCEDURE), "", "", ""))
        self.payment_field.setCurrentIndex(0)

    def exemption(self) -> str:
        """The exemption chosen ("" for none, or when none is offered)."""
        if not self.exemption_row.isVisibleTo(self):
            return ""
        return str(self.exemption_field.currentData() or "")

    def payment(self) -> PaymentMethod:
        """How the fees are paid: cash unless the clerk chose a transfer (and always cash
        when there is nothing to pay)."""
        if not self.payment_row.isVisibleTo(self):
            return PaymentMethod.CASH
        return PaymentMethod.of(str(self.payment_field.currentData() or ""))

    def choose_payment(self, method: str) -> None:
        """Choose how the fees are paid by the method's stored text (a draft's)."""
        self.payment_field.setCurrentIndex(
            max(0, self.payment_field.findData(PaymentMethod.of(method).value))
        )

    def choose_exemption(self, name: str) -> bool:
        """Choose an offered exemption (a draft's, a test's); False when not offered."""
        index = self.exemption_field.findData(name)
        if index < 0:
            return False
        self.exemption_field.setCurrentIndex(index)
        return True

    def _offer(self, exemptions: tuple[str, ...]) -> None:
        offered = tuple(
            str(self.exemption_field.itemData(i)) for i in range(1, self.exemption_field.count())
        )
        if offered != exemptions:
            chosen = self.exemption_field.currentData()
            self.exemption_field.blockSignals(True)
            try:
                self.exemption_field.clear()
                self.exemption_field.addItem(self.tr(NO_EXEMPTION), "")
                for name in exemptions:
                    self.exemption_field.addItem(catalogue_text(name), name)
                self.exemption_field.setCurrentIndex(max(0, self.exemption_field.findData(chosen)))
            finally:
                self.exemption_field.blockSignals(False)
        self.exemption_row.setVisible(bool(exemptions))
