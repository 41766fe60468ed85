"""The right-hand side of the intake screen: what the dossier will say (the preview: due
time, fees), what still needs fixing, and the three outcomes — receive, request
supplement, refuse.

The confirmations are pages of this panel, not modal boxes: the clerk keeps the citizen's
papers in view and the keyboard where it was.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desk.forms import FieldProblem, MissingDocument, Severity
from desk.ui.intake.preview import PreviewPanel
from desk.ui.labels import shown_missing

SUMMARY, CONFIRM, REFUSE, SUPPLEMENT = range(4)


def _title(text: str) -> QLabel:
    label = QLabel(text)
    label.setStyleSheet("font-weight: bold; font-size: 11pt;")
    label.setWordWrap(True)
    return label


class OutcomePanel(QFrame):
    receive_clicked = Signal()
    supplement_clicked = Signal()
    refuse_clicked = Signal()
    discard_clicked = Signal()
    confirm_receive = Signal()
    confirm_refuse = Signal(str)
    confirm_supplement = Signal(list, str, str)  # missing document lines, reason, rules
    back_clicked = Signal()
    problem_activated = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("outcomePanel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("QFrame#outcomePanel { background: #faf8f3; }")
        self.setMinimumWidth(320)
        self.setMaximumWidth(400)
        layout = QVBoxLayout(self)
        self.pages = QStackedWidget()
        layout.addWidget(self.pages)
        self.pages.addWidget(self._summary_page())
        self.pages.addWidget(self._confirm_page())
        self.pages.addWidget(self._refuse_page())
        self.pages.addWidget(self._supplement_page())
        self.error_count = 0  # errors in the list, as its caption counts them

    # -- pages --

    def _summary_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(4, 4, 4, 4)
        self.preview = PreviewPanel()
        self.problems_caption = QLabel()
        self.problems_caption.setWordWrap(True)
        self.problems = QListWidget()
        self.problems.setObjectName("problemList")
        self.problems.setWordWrap(True)
        self.problems.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.problems.itemActivated.connect(self._on_problem)
        self.problems.itemClicked.connect(self._on_problem)
        self.status_label = QLabel()
        self.status_label.setObjectName("statusLabel")
        self.status_label.setWordWrap(True)
        self.receive_button = QPushButton(self.tr("&Tiếp nhận  (Ctrl+Enter)"))
        self.receive_button.setObjectName("receiveButton")
        self.receive_button.setProperty("primary", True)
        self.receive_button.setMinimumHeight(36)
        self.supplement_button = QPushButton(self.tr("Yêu cầu &bổ sung giấy tờ…"))
        self.supplement_button.setObjectName("supplementButton")
        self.refuse_button = QPushButton(self.tr("Từ &chối tiếp nhận…"))
        self.refuse_button.setObjectName("refuseButton")
        self.refuse_button.setProperty("danger", True)
        self.discard_button = QPushButton(self.tr("Hủy, nhập hồ sơ khác"))
        self.discard_button.setObjectName("discardButton")
        self.receive_button.clicked.connect(self.receive_clicked)
        self.supplement_button.clicked.connect(self.supplement_clicked)
        self.refuse_button.clicked.connect(self.refuse_clicked)
        self.discard_button.clicked.connect(self.discard_clicked)
        layout.addWidget(self.preview)
        layout.addWidget(self.problems_caption)
        layout.addWidget(self.problems, 1)
        layout.addWidget(self.status_label)
        for button in (
            self.receive_button,
            self.supplement_button,
            self.refuse_button,
            self.discard_button,
        ):
            button.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
            layout.addWidget(button)
        return page

    def _confirm_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(_title(self.tr("Còn cảnh báo — vẫn tiếp nhận?")))
        self.warnings_list = QListWidget()
        self.warnings_list.setObjectName("warningList")
        self.warnings_list.setWordWrap(True)
        layout.addWidget(self.warnings_list, 1)
        self.confirm_button = QPushButton(self.tr("Đã kiểm tra, &vẫn tiếp nhận"))
        self.confirm_button.setObjectName("confirmReceiveButton")
        self.confirm_button.clicked.connect(self.confirm_receive)
        back = QPushButton(self.tr("&Quay lại sửa  (Esc)"))
        back.clicked.connect(self.back_clicked)
        layout.addWidget(self.confirm_button)
        layout.addWidget(back)
        return page

    def _refuse_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(_title(self.tr("Từ chối tiếp nhận hồ sơ (mẫu 03)")))
        layout.addWidget(QLabel(self.tr("Lý do từ chối *")))
        self.refusal_reason = QPlainTextEdit()
        self.refusal_reason.setObjectName("refusalReason")
        self.refusal_reason.setTabChangesFocus(True)
        self.refusal_reason.setPlaceholderText(
            self.tr("Ví dụ: Hồ sơ không thuộc thẩm quyền giải quyết của UBND xã.")
        )
        layout.addWidget(self.refusal_reason, 1)
        self.refusal_message = QLabel()
        self.refusal_message.setStyleSheet("color: #b00020;")
        self.refusal_message.setWordWrap(True)
        layout.addWidget(self.refusal_message)
        self.refuse_confirm = QPushButton(self.tr("Xác nhận &từ chối  (Ctrl+Enter)"))
        self.refuse_confirm.setObjectName("confirmRefuseButton")
        self.refuse_confirm.clicked.connect(
            lambda: self.confirm_refuse.emit(self.refusal_reason.toPlainText())
        )
        back = QPushButton(self.tr("&Quay lại  (Esc)"))
        back.clicked.connect(self.back_clicked)
        layout.addWidget(self.refuse_confirm)
        layout.addWidget(back)
        return page

    def _supplement_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(_title(self.tr("Yêu cầu bổ sung, hoàn thiện hồ sơ (mẫu 02)")))
        layout.addWidget(QLabel(self.tr("Giấy tờ còn thiếu (dấu cách để chọn) *")))
        self.missing_list = QListWidget()
        self.missing_list.setObjectName("missingList")
        self.missing_list.setWordWrap(True)
        layout.addWidget(self.missing_list, 1)
        layout.addWidget(QLabel(self.tr("Lý do *")))
        self.supplement_reason = QPlainTextEdit()
        self.supplement_reason.setObjectName("supplementReason")
        self.supplement_reason.setTabChangesFocus(True)
        self.supplement_reason.setFixedHeight(60)
        layout.addWidget(self.supplement_reason)
        layout.addWidget(QLabel(self.tr("Nơi xem quy định")))
        self.rules_reference = QLineEdit()
        self.rules_reference.setObjectName("rulesReference")
        layout.addWidget(self.rules_reference)
        self.supplement_message = QLabel()
        self.supplement_message.setStyleSheet("color: #b00020;")
        self.supplement_message.setWordWrap(True)
        layout.addWidget(self.supplement_message)
        self.supplement_confirm = QPushButton(self.tr("In &phiếu hướng dẫn bổ sung  (Ctrl+Enter)"))
        self.supplement_confirm.setObjectName("confirmSupplementButton")
        self.supplement_confirm.clicked.connect(self._emit_supplement)
        back = QPushButton(self.tr("&Quay lại  (Esc)"))
        back.clicked.connect(self.back_clicked)
        layout.addWidget(self.supplement_confirm)
        layout.addWidget(back)
        return page

    # -- filling --

    def show_summary(self) -> None:
        self.pages.setCurrentIndex(SUMMARY)

    def show_confirm(self, warnings: list[FieldProblem], labels: dict[str, str]) -> None:
        self.warnings_list.clear()
        for problem in warnings:
            self.warnings_list.addItem(f"⚠ {labels.get(problem.key, '')}: {problem.message}")
        self.pages.setCurrentIndex(CONFIRM)
        self.confirm_button.setFocus()

    def show_refuse(self) -> None:
        self.refusal_message.clear()
        self.pages.setCurrentIndex(REFUSE)
        self.refusal_reason.setFocus()

    def show_supplement(
        self, missing: list[MissingDocument], others: list[MissingDocument], reason: str, rules: str
    ) -> None:
        self.missing_list.clear()
        for item, checked in [(m, True) for m in missing] + [(o, False) for o in others]:
            row = QListWidgetItem(shown_missing(item))
            row.setFlags(row.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            row.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            row.setData(Qt.ItemDataRole.UserRole, item)
            self.missing_list.addItem(row)
        if not self.supplement_reason.toPlainText().strip():
            self.supplement_reason.setPlainText(reason)
        if not self.rules_reference.text().strip():
            self.rules_reference.setText(rules)
            self.rules_reference.setCursorPosition(0)
        self.supplement_message.clear()
        self.pages.setCurrentIndex(SUPPLEMENT)
        self.missing_list.setFocus()
        if self.missing_list.count():
            self.missing_list.setCurrentRow(0)

    def _emit_supplement(self) -> None:
        chosen = []
        for row in range(self.missing_list.count()):
            item = self.missing_list.item(row)
            if item.checkState() == Qt.CheckState.Checked:
                chosen.append(item.data(Qt.ItemDataRole.UserRole))
        self.confirm_supplement.emit(
            chosen, self.supplement_reason.toPlainText(), self.rules_reference.text()
        )

    def clear_outcome_inputs(self) -> None:
        self.refusal_reason.clear()
        self.supplement_reason.clear()
        self.rules_reference.clear()
        self.show_summary()

    def set_problems(
        self,
        problems: list[FieldProblem],
        pending: set[int],
        labels: dict[str, str],
        *,
        started: bool = True,
    ) -> None:
        """The to-do list: problems of fields not reached yet (``pending``) in grey, the
        others in red (errors) or amber (warnings). Activating one goes to its field."""
        self.problems.clear()
        self.error_count = errors = sum(1 for p in problems if p.is_error)
        warnings = sum(1 for p in problems if not p.is_error)
        for problem in problems:
            waiting = id(problem) in pending
            mark = "○" if waiting else ("✖" if problem.is_error else "⚠")
            label = labels.get(problem.key, problem.key)
            item = QListWidgetItem(f"{mark} {label}: {problem.message}")
            item.setData(Qt.ItemDataRole.UserRole, problem.key)
            if waiting:
                colour = QColor("#777777")
            elif problem.severity is Severity.ERROR:
                colour = QColor("#b00020")
            else:
                colour = QColor("#8a5a00")
            item.setForeground(colour)
            self.problems.addItem(item)
        if not started:
            self.problems_caption.setText("")
        elif errors == 0 and warnings == 0:
            self.problems_caption.setText(self.tr("✔ Chưa thấy lỗi."))
            self.problems_caption.setStyleSheet("color: #1d6b3a;")
        else:
            parts = []
            if errors:
                parts.append(self.tr("{0} mục cần sửa hoặc còn thiếu").format(errors))
            if warnings:
                parts.append(self.tr("{0} cảnh báo").format(warnings))
            self.problems_caption.setText(self.tr("Còn {0}.").format(", ".join(parts)))
            self.problems_caption.setStyleSheet("color: #b00020;" if errors else "color: #8a5a00;")
        self.problems.setVisible(bool(problems))

    def _on_problem(self, item: QListWidgetItem) -> None:
        self.problem_activated.emit(str(item.data(Qt.ItemDataRole.UserRole)))

    def set_busy(self, busy: bool, text: str = "") -> None:
        for button in (
            self.receive_button,
            self.supplement_button,
            self.refuse_button,
            self.discard_button,
            self.confirm_button,
            self.refuse_confirm,
            self.supplement_confirm,
        ):
            button.setEnabled(not busy)
        self.status_label.setText(text)
