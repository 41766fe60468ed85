"""One dossier: everything about it, its documents and scans, its timeline, and the actions
the rules allow now (and only those)."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import QCoreApplication, QDateTime, QModelIndex, Qt, QTimeZone, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateTimeEdit,
    QDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTableView,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desk.domain.calendar import OFFICE_TZ, now_in_office
from desk.domain.dossier import Dossier
from desk.domain.fees import format_vnd
from desk.domain.office import User
from desk.domain.status import Status, allowed_next
from desk.services import dossiers, handover
from desk.services.context import DeskContext
from desk.ui.dossier_model import DocumentTableModel, EventTableModel, moment_text
from desk.ui.style import DANGER, status_colour
from desk.ui.workers import Job, error_message

# Transitions that need a reason typed by the clerk; the value says whether it may be empty.
REASON_REQUIRED = {
    Status.WITHDRAWN: True,
    Status.STOPPED: True,
    Status.SUPPLEMENT_REQUESTED: True,
    Status.PAYMENT_REQUESTED: False,
}
# The people a dossier names besides the applicant (keys of the intake forms).
PARTY_ROLES = {
    "owner": "Chủ hồ sơ",
    "child": "Người được khai sinh",
    "mother": "Người mẹ",
    "father": "Người cha",
    "deceased": "Người đã chết",
    "husband": "Bên nam",
    "wife": "Bên nữ",
    "intended_spouse": "Người dự định kết hôn",
    "subject": "Người có tên trong giấy tờ",
}
# The form printed right after a transition.
FORM_AFTER = {Status.SUPPLEMENT_REQUESTED: "supplement", Status.STOPPED: "stop"}


def transition_label(view: QWidget, current: Status, target: Status) -> str:
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
    }.get(target, target.label)


def _qt_moment(moment: datetime) -> QDateTime:
    return QDateTime.fromSecsSinceEpoch(int(moment.timestamp()), QTimeZone(b"Asia/Ho_Chi_Minh"))


def _py_moment(value: QDateTime) -> datetime:
    return datetime.fromtimestamp(value.toSecsSinceEpoch(), OFFICE_TZ)


class ReasonDialog(QDialog):
    """A reason or a list of missing papers, typed before a transition."""

    submitted = Signal(str)

    def __init__(self, title: str, prompt: str, *, required: bool, parent: QWidget | None = None):
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
        self.error = QLabel("")
        self.error.setObjectName("error")
        layout.addWidget(self.error)
        row = QHBoxLayout()
        row.addStretch()
        cancel = QPushButton(self.tr("Hủy"))
        self.ok_button = QPushButton(self.tr("Xác nhận"))
        self.ok_button.setProperty("primary", True)
        row.addWidget(cancel)
        row.addWidget(self.ok_button)
        layout.addLayout(row)
        cancel.clicked.connect(self.reject)
        self.ok_button.clicked.connect(self.submit)
        self.text.setFocus()

    def submit(self) -> None:
        text = self.text.toPlainText().strip()
        if self.required and not text:
            self.error.setText(self.tr("Cần ghi rõ nội dung trước khi xác nhận."))
            return
        self.submitted.emit(text)
        self.accept()


class ApologyDialog(QDialog):
    """A new due time and the reason for the delay, for the apology letter (form 04)."""

    submitted = Signal(object, str)  # datetime, reason

    def __init__(self, suggested: datetime, parent: QWidget | None = None):
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
        self.error = QLabel("")
        self.error.setObjectName("error")
        layout.addWidget(self.error)
        row = QHBoxLayout()
        row.addStretch()
        cancel = QPushButton(self.tr("Hủy"))
        self.ok_button = QPushButton(self.tr("Ghi và in văn bản xin lỗi"))
        self.ok_button.setProperty("primary", True)
        row.addWidget(cancel)
        row.addWidget(self.ok_button)
        layout.addLayout(row)
        cancel.clicked.connect(self.reject)
        self.ok_button.clicked.connect(self.submit)

    def submit(self) -> None:
        reason = self.reason.toPlainText().strip()
        if not reason:
            self.error.setText(self.tr("Cần ghi lý do chậm trả kết quả."))
            return
        self.submitted.emit(_py_moment(self.new_due.dateTime()), reason)
        self.accept()


class DossierView(QWidget):
    """Shows one dossier (``show_code``) and offers what may be done with it now."""

    dossier_shown = Signal(object)  # Dossier
    dossier_changed = Signal(object)  # Dossier, after a transition or a new due time
    pdf_ready = Signal(str, bytes, str)  # title, PDF, file name
    hand_back_requested = Signal(str, bool)  # code, same day ("5 tại chỗ")
    failed = Signal(str)
    back_requested = Signal()

    def __init__(self, ctx: DeskContext, user: User, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.user = user
        self.dossier: Dossier | None = None
        self._busy = False
        self.dialog: QDialog | None = None  # the reason/apology dialog that is open
        outer = QVBoxLayout(self)
        outer.setContentsMargins(20, 16, 20, 12)

        top = QHBoxLayout()
        self.back_button = QPushButton(self.tr("← Danh sách"))
        self.back_button.clicked.connect(self.back_requested)
        top.addWidget(self.back_button)
        self.code_label = QLabel(self.tr("Chưa chọn hồ sơ"))
        self.code_label.setObjectName("pageTitle")
        self.code_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        top.addWidget(self.code_label)
        self.status_chip = QLabel("")
        self.status_chip.setObjectName("statusChip")
        top.addWidget(self.status_chip)
        self.overdue_chip = QLabel(self.tr("QUÁ HẠN"))
        self.overdue_chip.setObjectName("overdueChip")
        self.overdue_chip.setStyleSheet(
            f"background: {DANGER}; color: white; font-weight: bold; border-radius: 4px;"
            " padding: 3px 8px;"
        )
        self.overdue_chip.hide()
        top.addWidget(self.overdue_chip)
        top.addStretch()
        outer.addLayout(top)
        self.message = QLabel("")
        self.message.setObjectName("banner")
        self.message.setWordWrap(True)
        self.message.hide()
        outer.addWidget(self.message)

        body = QHBoxLayout()
        # Left: the facts, scrollable.
        facts_box = QGroupBox(self.tr("Thông tin hồ sơ"))
        facts_layout = QVBoxLayout(facts_box)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        holder = QWidget()
        holder.setObjectName("factsHolder")
        holder.setStyleSheet("QWidget#factsHolder { background: transparent; }")
        scroll.viewport().setAutoFillBackground(False)
        self.facts = QGridLayout(holder)
        self.facts.setColumnStretch(1, 1)
        self.facts.setColumnStretch(3, 1)
        self.facts.setHorizontalSpacing(14)
        self.facts.setVerticalSpacing(6)
        scroll.setWidget(holder)
        facts_layout.addWidget(scroll)
        body.addWidget(facts_box, 3)
        # Right: the actions allowed now.
        actions_box = QGroupBox(self.tr("Thao tác"))
        actions_box.setMinimumWidth(290)
        self.actions_layout = QVBoxLayout(actions_box)
        self.transition_area = QVBoxLayout()
        self.actions_layout.addLayout(self.transition_area)
        self.fast_button = QPushButton(self.tr("Trả ngay trong ngày (5 tại chỗ)…"))
        self.fast_button.setObjectName("fastPath")
        self.fast_button.setToolTip(
            self.tr("Đã tiếp nhận → Đã xử lý xong → Đã trả kết quả, trong một lần.")
        )
        self.fast_button.clicked.connect(self._fast_path)
        self.actions_layout.addWidget(self.fast_button)
        self.apology_button = QPushButton(self.tr("Hẹn lại và in văn bản xin lỗi…"))
        self.apology_button.setObjectName("apology")
        self.apology_button.clicked.connect(self._ask_new_due)
        self.actions_layout.addWidget(self.apology_button)
        self.print_button = QToolButton()
        self.print_button.setObjectName("reprint")
        self.print_button.setText(self.tr("In lại biểu mẫu"))
        self.print_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.print_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.print_button.setSizePolicy(self.fast_button.sizePolicy())
        self.print_menu = QMenu(self.print_button)
        self.print_button.setMenu(self.print_menu)
        self.actions_layout.addWidget(self.print_button)
        self.actions_layout.addStretch()
        self.final_note = QLabel("")
        self.final_note.setWordWrap(True)
        self.final_note.setStyleSheet("color: #555;")
        self.actions_layout.addWidget(self.final_note)
        body.addWidget(actions_box, 1)
        outer.addLayout(body, 3)

        self.tabs = QTabWidget()
        self.documents = DocumentTableModel(self)
        self.documents_table = self._table(self.documents)
        self.documents_table.doubleClicked.connect(self._open_scan)
        self.events = EventTableModel(self)
        self.events_table = self._table(self.events)
        self.tabs.addTab(self.events_table, self.tr("Quá trình xử lý"))
        self.tabs.addTab(self.documents_table, self.tr("Giấy tờ và bản quét"))
        outer.addWidget(self.tabs, 2)
        self.transition_buttons: dict[Status, QPushButton] = {}
        self._fact_labels: list[tuple[QLabel, QLabel]] = []
        self._set_enabled(False)

    def _table(self, model) -> QTableView:
        table = QTableView()
        table.setModel(model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().hide()
        table.setWordWrap(True)
        header = table.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        return table

    # --- loading --------------------------------------------------------------------------

    def show_code(self, code: str) -> None:
        """Load the dossier in the thread pool and show it; ``dossier_shown`` when done."""
        ctx = self.ctx
        self.message.hide()
        Job(lambda: dossiers.get_dossier(ctx, code)).start(self.show_dossier, self._on_failed)

    def refresh(self) -> None:
        if self.dossier is not None:
            self.show_code(str(self.dossier.code))

    def show_dossier(self, dossier: Dossier) -> None:
        self.dossier = dossier
        self._busy = False
        now = now_in_office()
        self.code_label.setText(str(dossier.code))
        colour = status_colour(int(dossier.status))
        self.status_chip.setText(dossier.status.label)
        self.status_chip.setStyleSheet(
            f"background: {colour}; color: white; font-weight: bold; border-radius: 4px;"
            " padding: 3px 8px;"
        )
        self.overdue_chip.setVisible(dossier.is_overdue(now))
        self._fill_facts(dossier)
        self.documents.set_documents(dossier.documents)
        self.events.set_events(dossier.events)
        self._fill_actions(dossier, now)
        self._set_enabled(True)
        self.dossier_shown.emit(dossier)

    def _fill_facts(self, d: Dossier) -> None:
        applicant = d.applicant
        timeliness = d.timeliness()
        pairs: list[tuple[str, str]] = [
            (self.tr("Người nộp"), applicant.full_name),
            (self.tr("Số định danh"), applicant.id_number or "—"),
            (
                self.tr("Ngày sinh"),
                f"{applicant.birth_date:%d/%m/%Y}" if applicant.birth_date else "—",
            ),
            (self.tr("Điện thoại"), applicant.phone or "—"),
            (self.tr("Địa chỉ"), applicant.address or "—"),
            (self.tr("Thư điện tử"), applicant.email or "—"),
            (self.tr("Thủ tục"), f"{d.procedure_name} ({d.procedure_code})"),
            (self.tr("Lĩnh vực"), d.field_name),
            (self.tr("Trích yếu"), d.summary),
            (self.tr("Số bộ hồ sơ"), str(d.sets_count)),
            (self.tr("Tiếp nhận lúc"), moment_text(d.received_at)),
            (self.tr("Cán bộ tiếp nhận"), d.clerk_name),
            (self.tr("Hẹn trả"), moment_text(d.due_at)),
            (self.tr("Hẹn lại"), moment_text(d.rescheduled_due_at) or "—"),
            (self.tr("Xử lý xong"), moment_text(d.finished_at) or "—"),
            (self.tr("Đã trả lúc"), moment_text(d.returned_at) or "—"),
            (self.tr("Đúng hạn"), timeliness.label if timeliness else "—"),
            (self.tr("Nhận kết quả"), d.result_delivery.label),
            (
                self.tr("Phí, lệ phí"),
                "; ".join(f"{f.name}: {format_vnd(f.amount)}" for f in d.fees) or self.tr("Không"),
            ),
            (self.tr("Ghi chú"), d.note or "—"),
        ]
        for party in d.parties:
            who = party.person
            detail = who.full_name + (f" — {who.id_number}" if who.id_number else "")
            caption = PARTY_ROLES.get(party.role)
            pairs.append(
                (caption or self.tr("Người liên quan ({role})").format(role=party.role), detail)
            )
        collected = handover.collected_by(d)
        if collected:
            rating = handover.satisfaction_of(d)
            pairs.append((self.tr("Người nhận kết quả"), collected))
            pairs.append((self.tr("Đánh giá"), rating.label if rating else "—"))
        # The labels are made once and reused: rebuilding forty widgets for every dossier
        # cost more than everything else the view does when a slip is scanned.
        while len(self._fact_labels) < len(pairs):
            number = len(self._fact_labels)
            row, column = divmod(number, 2)
            name = QLabel()
            name.setStyleSheet("color: #555;")
            name.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            text = QLabel()
            text.setWordWrap(True)
            text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            text.setObjectName(f"fact_{number}")
            self.facts.addWidget(name, row, column * 2)
            self.facts.addWidget(text, row, column * 2 + 1)
            self._fact_labels.append((name, text))
        for number, (name, text) in enumerate(self._fact_labels):
            shown = number < len(pairs)
            name.setVisible(shown)
            text.setVisible(shown)
            if shown:
                name.setText(pairs[number][0])
                text.setText(pairs[number][1])

    def fact_texts(self) -> dict[str, str]:
        """What the facts panel shows, caption → value (for tests and screenshots)."""
        return {name.text(): text.text() for name, text in self._fact_labels if not name.isHidden()}

    def _fill_actions(self, d: Dossier, now: datetime) -> None:
        for button in self.transition_buttons.values():
            self.transition_area.removeWidget(button)
            button.deleteLater()
        self.transition_buttons = {}
        order = (
            Status.PROCESSING,
            Status.SUPPLEMENT_REQUESTED,
            Status.PAYMENT_REQUESTED,
            Status.RESULT_READY,
            Status.RETURNED,
            Status.WITHDRAWN,
            Status.STOPPED,
        )
        allowed = allowed_next(d.status)
        for target in order:
            if target not in allowed:
                continue
            button = QPushButton(transition_label(self, d.status, target))
            button.setObjectName(f"to_{target.name.lower()}")
            if target in (Status.WITHDRAWN, Status.STOPPED):
                button.setProperty("danger", True)
            if target in (Status.RESULT_READY, Status.RETURNED) or (
                target is Status.PROCESSING and d.status is Status.RECEIVED
            ):
                button.setProperty("primary", True)
            button.clicked.connect(lambda _checked=False, t=target: self.request_transition(t))
            self.transition_area.addWidget(button)
            self.transition_buttons[target] = button
        self.fast_button.setVisible(d.status is Status.RECEIVED)
        can_reschedule = not d.status.is_final and d.status is not Status.RESULT_READY
        self.apology_button.setVisible(can_reschedule)
        self.print_menu.clear()
        from desk.printing.registry import FORMS  # reportlab: loaded with the first dossier

        for name, spec in FORMS.items():
            if spec.applies_to(d, now):
                action = self.print_menu.addAction(
                    spec.description[:1].upper() + spec.description[1:]
                )
                action.setObjectName(f"print_{name}")
                action.setData(name)
                action.triggered.connect(lambda _checked=False, form=name: self.print_form(form))
        self.print_button.setEnabled(not self.print_menu.isEmpty())
        if d.status.is_final:
            self.final_note.setText(
                self.tr("Hồ sơ đã ở trạng thái cuối «{status}»: không còn thao tác xử lý.").format(
                    status=d.status.label
                )
            )
        else:
            self.final_note.setText("")

    def offered_transitions(self) -> set[Status]:
        return set(self.transition_buttons)

    def printable_forms(self) -> list[str]:
        return [str(action.data()) for action in self.print_menu.actions()]

    def _set_enabled(self, enabled: bool) -> None:
        for button in (*self.transition_buttons.values(), self.fast_button, self.apology_button):
            button.setEnabled(enabled)
        self.print_button.setEnabled(enabled and not self.print_menu.isEmpty())

    # --- actions --------------------------------------------------------------------------

    def request_transition(self, target: Status) -> None:
        """The clerk pressed a transition button: ask for a reason where one is needed."""
        dossier = self.dossier
        if dossier is None or self._busy or target not in allowed_next(dossier.status):
            return
        if target is Status.RETURNED:
            self.hand_back_requested.emit(str(dossier.code), False)
            return
        if target in REASON_REQUIRED:
            prompts = {
                Status.WITHDRAWN: self.tr("Lý do công dân rút hồ sơ:"),
                Status.STOPPED: self.tr("Lý do dừng xử lý hồ sơ (in trên thông báo):"),
                Status.SUPPLEMENT_REQUESTED: self.tr(
                    "Giấy tờ cần bổ sung và lý do (in trên phiếu yêu cầu bổ sung):"
                ),
                Status.PAYMENT_REQUESTED: self.tr("Khoản phải nộp (không bắt buộc):"),
            }
            dialog = ReasonDialog(
                transition_label(self, dossier.status, target).rstrip("…"),
                prompts[target],
                required=REASON_REQUIRED[target],
                parent=self,
            )
            dialog.submitted.connect(lambda note: self.change_status(target, note))
            self.dialog = dialog
            dialog.open()
            return
        self.change_status(target, "")

    def change_status(self, target: Status, note: str) -> None:
        dossier = self.dossier
        if dossier is None:
            return
        self._busy = True
        self._set_enabled(False)
        ctx, user, code = self.ctx, self.user, str(dossier.code)

        def work() -> Dossier:
            dossiers.change_status(ctx, code, target, user, note=note)
            return dossiers.get_dossier(ctx, code)

        Job(work).start(lambda d: self._on_changed(d, target), self._on_failed)

    def _on_changed(self, dossier: Dossier, target: Status) -> None:
        self.show_dossier(dossier)
        self.show_message(
            self.tr("Đã chuyển hồ sơ sang «{status}».").format(status=dossier.status.label),
            ok=True,
        )
        self.dossier_changed.emit(dossier)
        form = FORM_AFTER.get(target)
        if form is not None:
            self.print_form(form)

    def _fast_path(self) -> None:
        if self.dossier is not None and self.dossier.status is Status.RECEIVED:
            self.hand_back_requested.emit(str(self.dossier.code), True)

    def _ask_new_due(self) -> None:
        dossier = self.dossier
        if dossier is None:
            return
        start = max(dossier.promised_due_at, now_in_office())
        suggested = self.ctx.calendar.add_working_minutes(
            start, self.ctx.office.hours.minutes_per_day
        )
        dialog = ApologyDialog(suggested + timedelta(0), self)
        dialog.submitted.connect(self.reschedule)
        self.dialog = dialog
        dialog.open()

    def reschedule(self, new_due: datetime, reason: str) -> None:
        dossier = self.dossier
        if dossier is None:
            return
        self._busy = True
        self._set_enabled(False)
        ctx, user, code = self.ctx, self.user, str(dossier.code)
        from desk.services.printing import FormDetails, render_dossier_form

        def work() -> tuple[Dossier, bytes]:
            dossiers.reschedule(ctx, code, new_due, reason, user)
            pdf = render_dossier_form(ctx, "apology", code, details=FormDetails(reason=reason))
            return dossiers.get_dossier(ctx, code), pdf

        Job(work).start(self._on_rescheduled, self._on_failed)

    def _on_rescheduled(self, result: tuple[Dossier, bytes]) -> None:
        dossier, pdf = result
        from desk.printing.registry import FORMS

        self.show_dossier(dossier)
        self.show_message(
            self.tr("Đã hẹn lại ngày trả kết quả: {due}.").format(
                due=moment_text(dossier.rescheduled_due_at)
            ),
            ok=True,
        )
        self.dossier_changed.emit(dossier)
        self.pdf_ready.emit(FORMS["apology"].description, pdf, f"xin-loi-{dossier.code}.pdf")

    def print_form(self, form: str) -> None:
        dossier = self.dossier
        if dossier is None:
            return
        from desk.printing.registry import FORMS
        from desk.services.printing import render_dossier_form

        ctx, code = self.ctx, str(dossier.code)
        description = FORMS[form].description
        title = f"{description[:1].upper()}{description[1:]} — {code}"
        Job(lambda: render_dossier_form(ctx, form, code)).start(
            lambda pdf: self.pdf_ready.emit(title, pdf, f"{form}-{code}.pdf"), self._on_failed
        )

    def _open_scan(self, index: QModelIndex) -> None:
        document = self.documents.document_at(index.row())
        if not document.digitised:
            self.show_message(self.tr("Giấy tờ này chưa có bản quét."))
            return
        files = self.ctx.config.files_dir
        found = (
            next(iter(sorted(files.rglob(f"{document.attachment_sha256}*"))), None)
            if files.exists()
            else None
        )
        if found is None:
            self.show_message(self.tr("Không tìm thấy tệp bản quét trên máy này."))
            return
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(found)))

    # --- messages -------------------------------------------------------------------------

    def show_message(self, text: str, *, ok: bool = False) -> None:
        self.message.setObjectName("bannerInfo" if ok else "banner")
        self.message.setStyleSheet(self.message.styleSheet())  # re-polish for the new name
        self.style().unpolish(self.message)
        self.style().polish(self.message)
        self.message.setText(text)
        self.message.show()

    def _on_failed(self, error: object) -> None:
        self._busy = False
        self._set_enabled(self.dossier is not None)
        message = error_message(error)
        self.show_message(message)
        self.failed.emit(message)
