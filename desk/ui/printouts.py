"""A dossier's printed forms, rendered in the thread pool with the title and file name
their print preview shows (the dossier view's reprints, the slip after intake).

The stop notice (form 05) is a letter of the People's Committee: the first time it is
printed it is issued, and the clerk must first answer whether the citizen asked for the
stop (and may pick who signs). A reprint prints the issued letter as it was, unasked.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desk.domain.letters import SIGNERS, STOP
from desk.domain.office import User
from desk.services.context import DeskContext
from desk.ui.ops import Operation

if TYPE_CHECKING:
    from desk.services.printing import FormDetails


@dataclass(frozen=True, slots=True)
class Printout:
    title: str
    pdf: bytes
    file_name: str


def capitalised(description: str) -> str:
    """A form's description as a menu item or a title starts: "Giấy tiếp nhận …"."""
    return description[:1].upper() + description[1:]


def form_title(description: str, code: str) -> str:
    """The preview's title: "Giấy tiếp nhận hồ sơ và hẹn trả kết quả — <code>"."""
    return f"{capitalised(description)} — {code}"


def render_printout(
    ctx: DeskContext,
    form: str,
    code: str,
    *,
    user: User | None = None,
    details: FormDetails | None = None,
) -> Operation:
    """An operation (to start) whose result is the ``Printout`` of ``form`` for ``code``;
    a Committee letter printed the first time is issued in ``user``'s name."""

    def work() -> Printout:
        # reportlab and the forms load in the pool, never on the GUI thread.
        from desk.printing.registry import FORMS
        from desk.services.printing import render_dossier_form

        pdf = render_dossier_form(ctx, form, code, details=details, issued_by=user)
        return Printout(form_title(FORMS[form].description, code), pdf, f"{form}-{code}.pdf")

    return Operation(work)


class StopNoticeDialog(QDialog):
    """Before the stop notice is issued: did the citizen ask for the stop (no answer is
    preselected: the clerk must say), and who signs for the Committee."""

    submitted = Signal(bool, str, str)  # citizen asked, signer key, signer's name

    def __init__(self, signer: str, signer_name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("stopNoticeDialog")
        self.setWindowTitle(self.tr("Thông báo dừng giải quyết hồ sơ"))
        layout = QVBoxLayout(self)
        question = QLabel(self.tr("Việc dừng giải quyết hồ sơ có theo đề nghị của công dân không?"))
        question.setWordWrap(True)
        layout.addWidget(question)
        self.asked_yes = QRadioButton(self.tr("Có — công dân đề nghị dừng"))
        self.asked_yes.setObjectName("citizenAskedYes")
        self.asked_no = QRadioButton(self.tr("Không — dừng theo quy định"))
        self.asked_no.setObjectName("citizenAskedNo")
        self._answers = QButtonGroup(self)
        for button in (self.asked_yes, self.asked_no):
            self._answers.addButton(button)
            layout.addWidget(button)
            button.toggled.connect(self._update)
        form = QFormLayout()
        self.signer = QComboBox()
        self.signer.setObjectName("signer")
        for key, choice in SIGNERS.items():
            self.signer.addItem(QCoreApplication.translate("Signer", choice.label), key)
        self.signer.setCurrentIndex(max(0, self.signer.findData(signer)))
        form.addRow(self.tr("Người ký:"), self.signer)
        self.signer_name = QLineEdit(signer_name)
        self.signer_name.setObjectName("signerName")
        self.signer_name.setPlaceholderText(self.tr("Họ tên người ký (để trống: ký tay)"))
        form.addRow(self.tr("Họ tên:"), self.signer_name)
        layout.addLayout(form)
        note = QLabel(
            self.tr("Thông báo được cấp số khi in lần đầu; in lại giữ nguyên số và nội dung.")
        )
        note.setWordWrap(True)
        layout.addWidget(note)
        buttons = QHBoxLayout()
        buttons.addStretch()
        self.cancel_button = QPushButton(self.tr("Hủy"))
        self.ok_button = QPushButton(self.tr("In thông báo"))
        self.ok_button.setObjectName("issueStopNotice")
        self.ok_button.setProperty("primary", True)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.ok_button)
        layout.addLayout(buttons)
        self.cancel_button.clicked.connect(self.reject)
        self.ok_button.clicked.connect(self._submit)
        self._update()

    def _update(self) -> None:
        self.ok_button.setEnabled(self.asked_yes.isChecked() or self.asked_no.isChecked())

    def _submit(self) -> None:
        if not self.ok_button.isEnabled():
            return
        self.accept()
        self.submitted.emit(
            self.asked_yes.isChecked(), str(self.signer.currentData()), self.signer_name.text()
        )


def print_dossier_form(
    parent: QWidget,
    ctx: DeskContext,
    form: str,
    code: str,
    user: User | None,
    on_ready: Callable[[Printout], None],
    on_failed: Callable[[object], None],
) -> None:
    """Render ``form`` for the dossier and hand the printout to ``on_ready``; a stop
    notice not issued yet asks ``StopNoticeDialog`` first (a child of ``parent``)."""

    def start(details: FormDetails | None) -> None:
        operation = render_printout(ctx, form, code, user=user, details=details)
        operation.on_success(on_ready).on_failure(on_failed).start()

    if form != STOP:
        start(None)
        return

    def needs_answer() -> bool:
        from desk.services.printing import issued_letter

        return issued_letter(ctx, form, code) is None

    def ask(needed: bool) -> None:
        if not needed:
            start(None)
            return
        dialog = StopNoticeDialog(ctx.config.letter_signer, ctx.config.letter_signer_name, parent)
        dialog.submitted.connect(
            lambda asked, signer, name: start(_stop_details(asked, signer, name))
        )
        dialog.open()

    Operation(needs_answer).on_success(ask).on_failure(on_failed).start()


def _stop_details(asked: bool, signer: str, signer_name: str) -> FormDetails:
    from desk.services.printing import FormDetails

    return FormDetails(citizen_requested=asked, signer=signer, signer_name=signer_name)
