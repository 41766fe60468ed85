"""What the dossier view asks before a change: the clerk's words for each transition, the
reason (or list of missing papers) some transitions need, and a new due time with the
reason for the delay (the apology letter).

When the domain says the change is the office's own fault (``desk.domain.path_limits``:
a supplement request or a new due time beyond the limits, or a late one), the same dialog
shows why before the clerk submits, and asks for the fault reason in a field of its own."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QCoreApplication, QDateTime, QTimeZone, Signal
from PySide6.QtWidgets import (
    QDateTimeEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desk.domain.calendar import OFFICE_TZ
from desk.domain.status import Status
from desk.ui.labels import shown_label


def transition_label(current: Status, target: Status) -> str:
    """The button for ``current → target``, in the clerk's words."""
    if target is Status.PROCESSING:
        if current is Status.SUPPLEMENT_REQUESTED:
            return QCoreApplication.translate("DossierView", "Đã nhận đủ giấy tờ bổ sung")
        if current is Status.PAYMENT_REQUESTED:
            return QCoreApplication.translate("DossierView", "Công dân đã nộp phí, lệ phí")
        return QCoreApplication.translate("DossierView", "Chuyển xử lý")
    return {
        Status.SUPPLEMENT_REQUESTED: QCoreApplication.translate(
            "DossierView", "Yêu cầu bổ sung giấy tờ…"
        ),
        Status.PAYMENT_REQUESTED: QCoreApplication.translate(
            "DossierView", "Yêu cầu thực hiện nghĩa vụ tài chính…"
        ),
        Status.RESULT_READY: QCoreApplication.translate("DossierView", "Đã có kết quả"),
        Status.RETURNED: QCoreApplication.translate("DossierView", "Trả kết quả (F4)…"),
        Status.WITHDRAWN: QCoreApplication.translate("DossierView", "Công dân rút hồ sơ…"),
        Status.STOPPED: QCoreApplication.translate("DossierView", "Dừng xử lý…"),
        Status.RECEIVED: QCoreApplication.translate("DossierView", "Tiếp nhận"),
        Status.REFUSED: QCoreApplication.translate("DossierView", "Từ chối tiếp nhận…"),
    }.get(target, shown_label(target))


def reason_prompt(target: Status) -> str:
    """What the reason dialog asks for before ``target`` (see ``domain.status.asks_reason``)."""
    return {
        Status.WITHDRAWN: QCoreApplication.translate("DossierView", "Lý do công dân rút hồ sơ:"),
        Status.STOPPED: QCoreApplication.translate(
            "DossierView", "Lý do dừng xử lý hồ sơ (in trên thông báo):"
        ),
        Status.SUPPLEMENT_REQUESTED: QCoreApplication.translate(
            "DossierView", "Giấy tờ cần bổ sung và lý do (in trên phiếu yêu cầu bổ sung):"
        ),
        Status.PAYMENT_REQUESTED: QCoreApplication.translate(
            "DossierView", "Khoản phải nộp (không bắt buộc):"
        ),
    }.get(target, "")


def _qt_moment(moment: datetime) -> QDateTime:
    return QDateTime.fromSecsSinceEpoch(int(moment.timestamp()), QTimeZone(b"Asia/Ho_Chi_Minh"))


def _py_moment(value: QDateTime) -> datetime:
    return datetime.fromtimestamp(value.toSecsSinceEpoch(), OFFICE_TZ)


class FaultReasonBox(QWidget):
    """Why the change is the office's fault, and the field for its reason; hidden when
    there is no fault."""

    def __init__(self, explanation: str, required: bool, parent: QWidget | None = None):
        super().__init__(parent)
        self.required = required
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.explanation = QLabel(explanation)
        self.explanation.setObjectName("faultExplanation")
        self.explanation.setWordWrap(True)
        self.explanation.setStyleSheet("color: #b3261e; font-weight: bold;")
        layout.addWidget(self.explanation)
        prompt = QLabel(
            QCoreApplication.translate(
                "DossierView", "Lý do (lỗi của cơ quan, được ghi vào hồ sơ và tính vào chỉ số):"
            )
        )
        prompt.setWordWrap(True)
        layout.addWidget(prompt)
        self.text = QPlainTextEdit()
        self.text.setObjectName("faultReason")
        self.text.setTabChangesFocus(True)
        self.text.setMaximumHeight(80)
        layout.addWidget(self.text)
        self.setVisible(bool(explanation))

    @property
    def asked(self) -> bool:
        return not self.isHidden()

    def reason(self) -> str:
        return self.text.toPlainText().strip() if self.asked else ""

    def missing(self) -> bool:
        return self.asked and self.required and not self.reason()


def _error_and_buttons(
    dialog: QDialog, layout: QVBoxLayout, cancel_text: str, ok_text: str, submit: Callable[[], None]
) -> tuple[QLabel, QPushButton]:
    """The bottom of a dialog that asks before a change: a line for what is still wrong,
    then Cancel and the primary button that submits."""
    error = QLabel("")
    error.setObjectName("error")
    layout.addWidget(error)
    row = QHBoxLayout()
    row.addStretch()
    cancel = QPushButton(cancel_text)
    ok_button = QPushButton(ok_text)
    ok_button.setProperty("primary", True)
    row.addWidget(cancel)
    row.addWidget(ok_button)
    layout.addLayout(row)
    cancel.clicked.connect(dialog.reject)
    ok_button.clicked.connect(submit)
    return error, ok_button


class ReasonDialog(QDialog):
    """A reason or a list of missing papers, typed before a transition; and the fault
    reason when ``fault_explanation`` says the transition is the office's fault."""

    submitted = Signal(str, str)  # the reason (note), the fault reason

    def __init__(
        self,
        title: str,
        prompt: str,
        *,
        required: bool,
        fault_explanation: str = "",
        fault_required: bool = True,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.required = required
        self.setWindowTitle(title)
        self.setMinimumWidth(480)
        layout = QVBoxLayout(self)
        label = QLabel(prompt)
        label.setWordWrap(True)
        layout.addWidget(label)
        self.text = QPlainTextEdit()
        self.text.setObjectName("reason")
        self.text.setTabChangesFocus(True)
        layout.addWidget(self.text)
        self.fault = FaultReasonBox(fault_explanation, fault_required)
        layout.addWidget(self.fault)
        self.error, self.ok_button = _error_and_buttons(
            self, layout, self.tr("Hủy"), self.tr("Xác nhận"), self.submit
        )
        self.text.setFocus()

    def submit(self) -> None:
        text = self.text.toPlainText().strip()
        if self.required and not text:
            self.error.setText(self.tr("Cần ghi rõ nội dung trước khi xác nhận."))
            return
        if self.fault.missing():
            self.error.setText(self.tr("Cần ghi lý do vì sao đây là lỗi của cơ quan."))
            return
        self.submitted.emit(text, self.fault.reason())
        self.accept()


class ApologyDialog(QDialog):
    """A new due time and the reason for the delay, for the apology letter (form 04); and
    the fault reason when ``fault_explanation`` says the new due time is the office's
    fault (a second one, or one given late: it is still recorded and printed)."""

    submitted = Signal(object, str, str)  # datetime, reason, fault reason

    def __init__(
        self,
        suggested: datetime,
        parent: QWidget | None = None,
        *,
        fault_explanation: str = "",
        fault_required: bool = True,
    ):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Hẹn lại ngày trả kết quả"))
        self.setMinimumWidth(480)
        layout = QVBoxLayout(self)
        note = QLabel(
            self.tr(
                "Hồ sơ sẽ có ngày hẹn mới; ngày hẹn cũ vẫn được lưu và việc đúng hạn vẫn "
                "tính theo ngày hẹn cũ. Sau khi ghi, văn bản xin lỗi được in ngay."
            )
        )
        note.setWordWrap(True)
        layout.addWidget(note)
        form = QFormLayout()
        self.new_due = QDateTimeEdit(_qt_moment(suggested))
        self.new_due.setObjectName("newDue")
        self.new_due.setDisplayFormat("HH:mm dd/MM/yyyy")
        self.new_due.setCalendarPopup(True)
        self.reason = QPlainTextEdit()
        self.reason.setObjectName("delayReason")
        self.reason.setTabChangesFocus(True)
        form.addRow(self.tr("Ngày hẹn mới"), self.new_due)
        form.addRow(self.tr("Lý do chậm"), self.reason)
        layout.addLayout(form)
        self.fault = FaultReasonBox(fault_explanation, fault_required)
        layout.addWidget(self.fault)
        self.error, self.ok_button = _error_and_buttons(
            self, layout, self.tr("Hủy"), self.tr("Ghi và in văn bản xin lỗi"), self.submit
        )

    def submit(self) -> None:
        reason = self.reason.toPlainText().strip()
        if not reason:
            self.error.setText(self.tr("Cần ghi lý do chậm trả kết quả."))
            return
        if self.fault.missing():
            self.error.setText(self.tr("Cần ghi lý do vì sao đây là lỗi của cơ quan."))
            return
        self.submitted.emit(_py_moment(self.new_due.dateTime()), reason, self.fault.reason())
        self.accept()
