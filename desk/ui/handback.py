"""Handing the result back: find the dossier (scan its slip or type its code), confirm
who collects it, record the citizen's satisfaction, attach the result's scan if there is
one (``result_scan``), mark it returned, print the book line."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desk.domain.dossier import Dossier
from desk.domain.formats import moment_text
from desk.domain.handover import FORM_DATA_KEY, RESULT_SCAN_KEY, Handover, Satisfaction
from desk.domain.identity import parse_id_number
from desk.domain.office import User
from desk.domain.status import Status, can_hand_back
from desk.errors import DeskError
from desk.services import dossiers
from desk.services.context import DeskContext
from desk.services.handover import hand_back, render_handover_line
from desk.ui.labels import catalogue_text, shown_label
from desk.ui.ops import Operation, desk_signals, error_message
from desk.ui.result_scan import ResultScanRow
from desk.ui.style import DANGER, OK, show_notice


class HandBackView(QWidget):
    """The hand-back desk. ``select_code`` is what a scanned slip calls."""

    dossier_selected = Signal(object)  # Dossier
    returned = Signal(object)  # Dossier, after it was marked returned
    pdf_ready = Signal(str, bytes, str)  # the book line to sign: title, PDF, file name
    failed = Signal(str)

    def __init__(self, ctx: DeskContext, user: User, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.user = user
        self.dossier: Dossier | None = None
        self.same_day = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 12)
        title = QLabel(self.tr("Trả kết quả"))
        title.setObjectName("pageTitle")
        layout.addWidget(title)
        hint = QLabel(self.tr("Quét mã vạch trên giấy hẹn, hoặc nhập mã hồ sơ rồi nhấn Enter."))
        layout.addWidget(hint)
        row = QHBoxLayout()
        self.code = QLineEdit()
        self.code.setObjectName("handBackCode")
        self.code.setPlaceholderText("000.17.22.H56-261120-0001")
        self.find_button = QPushButton(self.tr("Tìm"))
        row.addWidget(self.code, 1)
        row.addWidget(self.find_button)
        layout.addLayout(row)
        self.message = QLabel("")
        self.message.setObjectName("banner")
        self.message.setWordWrap(True)
        self.message.hide()
        layout.addWidget(self.message)

        self.card = QFrame()
        self.card.setObjectName("card")
        card_layout = QFormLayout(self.card)
        card_layout.setHorizontalSpacing(16)
        self.summary: dict[str, QLabel] = {}
        for key, caption in (
            ("code", self.tr("Mã hồ sơ")),
            ("applicant", self.tr("Người nộp")),
            ("id_number", self.tr("Số định danh")),
            ("procedure", self.tr("Thủ tục")),
            ("status", self.tr("Trạng thái")),
            ("due", self.tr("Hẹn trả")),
        ):
            label = QLabel("—")
            label.setWordWrap(True)
            label.setObjectName(f"handBack_{key}")
            card_layout.addRow(caption, label)
            self.summary[key] = label
        layout.addWidget(self.card)

        who = self.who_box = QGroupBox(self.tr("Người nhận kết quả"))
        who_layout = QVBoxLayout(who)
        self.applicant_radio = QRadioButton(self.tr("Người nộp hồ sơ"))
        self.applicant_radio.setObjectName("collectorApplicant")
        self.proxy_radio = QRadioButton(self.tr("Người nhận thay (có giấy tờ tùy thân)"))
        self.proxy_radio.setObjectName("collectorProxy")
        self.applicant_radio.setChecked(True)
        who_layout.addWidget(self.applicant_radio)
        who_layout.addWidget(self.proxy_radio)
        proxy_form = QFormLayout()
        self.proxy_name = QLineEdit()
        self.proxy_name.setObjectName("proxyName")
        self.proxy_id = QLineEdit()
        self.proxy_id.setObjectName("proxyId")
        self.proxy_id.setPlaceholderText(self.tr("12 chữ số"))
        self.proxy_relation = QLineEdit()
        self.proxy_relation.setObjectName("proxyRelation")
        self.proxy_relation.setPlaceholderText(self.tr("ví dụ: con, vợ; giấy ủy quyền số …"))
        self.proxy_id_check = QLabel("")
        self.proxy_id_check.setObjectName("proxyIdCheck")
        self.proxy_id_check.setWordWrap(True)
        proxy_form.addRow(self.tr("Họ tên người nhận thay"), self.proxy_name)
        proxy_form.addRow(self.tr("Số định danh"), self.proxy_id)
        proxy_form.addRow("", self.proxy_id_check)
        proxy_form.addRow(self.tr("Quan hệ / giấy ủy quyền"), self.proxy_relation)
        who_layout.addLayout(proxy_form)
        layout.addWidget(who)

        rating = self.rating_box = QGroupBox(self.tr("Mức độ hài lòng của công dân"))
        rating_layout = QHBoxLayout(rating)
        self.rating_group = QButtonGroup(self)
        self.rating_group.setExclusive(True)
        self.rating_buttons: dict[Satisfaction, QPushButton] = {}
        for satisfaction in Satisfaction:
            button = QPushButton(shown_label(satisfaction))
            button.setObjectName(f"rating_{satisfaction.value}")
            button.setCheckable(True)
            button.setMinimumHeight(48)
            self.rating_group.addButton(button)
            rating_layout.addWidget(button)
            self.rating_buttons[satisfaction] = button
        layout.addWidget(rating)

        # The result's scan shares the confirm button's row: a row of its own made the
        # screen taller than a maximised 1366×768 window shows without scrolling.
        bottom = QHBoxLayout()
        self.result_scan = ResultScanRow(ctx)
        caption = QLabel(self.tr("Bản quét kết quả"))
        caption.setBuddy(self.result_scan.choose_button)
        bottom.addWidget(caption)
        bottom.addWidget(self.result_scan, 1)
        self.check = QLabel("")
        self.check.setObjectName("handBackCheck")
        self.check.setWordWrap(True)
        bottom.addWidget(self.check, 1)
        self.confirm_button = QPushButton(self.tr("Xác nhận trả kết quả và in sổ"))
        self.confirm_button.setObjectName("confirmHandBack")
        self.confirm_button.setProperty("primary", True)
        self.confirm_button.setMinimumHeight(40)
        bottom.addWidget(self.confirm_button)
        layout.addLayout(bottom)
        layout.addStretch()

        self.code.returnPressed.connect(lambda: self.select_code(self.code.text()))
        self.find_button.clicked.connect(lambda: self.select_code(self.code.text()))
        self.applicant_radio.toggled.connect(self._update)
        self.proxy_name.textChanged.connect(self._update)
        self.proxy_id.textChanged.connect(self._update)
        self.rating_group.buttonToggled.connect(lambda *_: self._update())
        self.result_scan.changed.connect(self._update)
        self.confirm_button.clicked.connect(self.confirm)
        self._update()

    # --- finding the dossier --------------------------------------------------------------

    def select_code(self, code: str, *, same_day: bool = False) -> None:
        """Load the dossier (a scanned slip, or the code typed) and get ready to hand back."""
        code = code.strip()
        if not code:
            return
        self.code.setText(code)
        self.same_day = same_day
        ctx = self.ctx
        Operation(lambda: dossiers.get_dossier(ctx, code)).on_success(self.show_dossier).on_failure(
            self._on_failed
        ).start()

    def show_dossier(self, dossier: Dossier) -> None:
        self.dossier = dossier
        self.code.setText(str(dossier.code))
        self.summary["code"].setText(str(dossier.code))
        self.summary["applicant"].setText(dossier.applicant.full_name)
        self.summary["id_number"].setText(dossier.applicant.id_number or "—")
        self.summary["procedure"].setText(catalogue_text(dossier.procedure_name))
        self.summary["status"].setText(shown_label(dossier.status))
        self.summary["due"].setText(moment_text(dossier.promised_due_at))
        self.applicant_radio.setText(
            self.tr("Người nộp hồ sơ: {name}").format(name=dossier.applicant.full_name)
        )
        record = dossier.form_data.get(FORM_DATA_KEY) if dossier.status is Status.RETURNED else None
        self._show_collector(record if isinstance(record, dict) else {})
        self.result_scan.show_recorded(
            isinstance(record, dict) and bool(record.get(RESULT_SCAN_KEY))
        )
        if self.can_hand_back(dossier):
            if dossier.status is Status.RECEIVED:
                self.show_message(
                    self.tr(
                        "Giải quyết ngay trong ngày: hồ sơ sẽ được ghi «Đã xử lý xong» "
                        "rồi «Đã trả kết quả»."
                    ),
                    ok=True,
                )
            else:
                self.message.hide()
        elif dossier.status is Status.RETURNED:
            self.show_message(
                self.tr("Hồ sơ {code} đã trả kết quả lúc {at}.").format(
                    code=dossier.code, at=moment_text(dossier.returned_at)
                )
            )
        else:
            self.show_message(
                self.tr("Hồ sơ {code} đang «{status}»: chưa có kết quả để trả.").format(
                    code=dossier.code, status=shown_label(dossier.status)
                )
            )
        self._update()
        self.dossier_selected.emit(dossier)
        if self.can_hand_back(dossier):
            self.rating_buttons[Satisfaction.SATISFIED].setFocus()

    def _show_collector(self, record: dict) -> None:
        """Who collected, as the hand-back ``record`` of a returned dossier says (the proxy,
        the rating given); an empty record: the applicant, no rating yet, to choose."""
        proxy = record.get("collector") == "proxy"
        (self.proxy_radio if proxy else self.applicant_radio).setChecked(True)
        self.proxy_name.setText(str(record.get("name") or "") if proxy else "")
        self.proxy_id.setText(str(record.get("id_number") or "") if proxy else "")
        self.proxy_relation.setText(str(record.get("relation") or "") if proxy else "")
        rated = {s.value: s for s in Satisfaction}.get(str(record.get("satisfaction") or ""))
        self.rating_group.setExclusive(False)
        for satisfaction, button in self.rating_buttons.items():
            button.setChecked(satisfaction is rated)
        self.rating_group.setExclusive(True)

    def can_hand_back(self, dossier: Dossier | None = None) -> bool:
        dossier = dossier or self.dossier
        return dossier is not None and can_hand_back(dossier.status, same_day=self.same_day)

    # --- the form -------------------------------------------------------------------------

    def selected_rating(self) -> Satisfaction | None:
        for satisfaction, button in self.rating_buttons.items():
            if button.isChecked():
                return satisfaction
        return None

    def problem(self) -> str:
        """What still stops the hand-back, in words; empty when it can go ahead."""
        if self.dossier is None:
            return self.tr("Quét hoặc nhập mã hồ sơ.")
        if not self.can_hand_back():
            return self.tr("Hồ sơ này chưa thể trả kết quả.")
        if self.proxy_radio.isChecked():
            if not self.proxy_name.text().strip():
                return self.tr("Nhập họ tên người nhận thay.")
            number = self.proxy_id.text().strip()
            if not number:
                return self.tr("Nhập số định danh của người nhận thay.")
            try:
                parse_id_number(number)
            except DeskError as error:
                return error.message
        if self.selected_rating() is None:
            return self.tr("Chọn mức độ hài lòng của công dân.")
        if self.result_scan.busy:  # a moment: the scan chosen is being stored
            return self.tr("Đang lưu bản quét kết quả…")
        return ""

    def _update(self) -> None:
        ready = self.can_hand_back()
        self.who_box.setEnabled(ready)
        self.rating_box.setEnabled(ready)
        self.result_scan.setEnabled(ready)
        proxy = self.proxy_radio.isChecked()
        for widget in (self.proxy_name, self.proxy_id, self.proxy_relation):
            widget.setEnabled(proxy)
        number = self.proxy_id.text().strip()
        if proxy and number:
            try:
                facts = parse_id_number(number)
            except DeskError as error:
                self.proxy_id_check.setStyleSheet(f"color: {DANGER};")
                self.proxy_id_check.setText(error.message)
            else:
                self.proxy_id_check.setStyleSheet(f"color: {OK};")
                self.proxy_id_check.setText(
                    self.tr(
                        "Hợp lệ: {sex}, sinh năm {year}, đăng ký khai sinh tại {province}."
                    ).format(
                        sex=facts.sex.value, year=facts.birth_year, province=facts.province_name
                    )
                )
        else:
            self.proxy_id_check.setText("")
        problem = self.problem()
        # A dossier that cannot be handed back is explained in the notice above (returned
        # at …, no result yet); a red line here would contradict a hand-back just done.
        self.check.setText(problem if self.dossier is None or ready else "")
        # Red for what stops this dossier's hand-back; the hint of an empty form is plain.
        self.check.setStyleSheet(f"color: {DANGER};" if problem and self.dossier else "")
        # While the hand-back is being recorded the button stays off (the operation's owner).
        if not Operation.busy(self.confirm_button):
            self.confirm_button.setEnabled(not problem)

    def handover(self) -> Handover:
        rating = self.selected_rating()
        assert rating is not None
        proxy = self.proxy_radio.isChecked()
        return Handover(
            satisfaction=rating,
            by_proxy=proxy,
            name=self.proxy_name.text() if proxy else "",
            id_number=self.proxy_id.text() if proxy else "",
            relation=self.proxy_relation.text() if proxy else "",
        )

    def confirm(self) -> None:
        if Operation.busy(self.confirm_button):
            return
        if self.problem() or self.dossier is None:
            self._update()
            return
        ctx, user, code = self.ctx, self.user, str(self.dossier.code)
        chosen, same_day = self.handover(), self.same_day
        scan = self.result_scan.scan_path()

        def work() -> tuple[Dossier, bytes]:
            dossier = hand_back(ctx, code, chosen, user, same_day=same_day, result_scan=scan)
            return dossier, render_handover_line(ctx, code)

        Operation(work, owner=self.confirm_button).on_success(self._on_returned).on_failure(
            self._on_failed
        ).start()

    def _on_returned(self, result: tuple[Dossier, bytes]) -> None:
        dossier, pdf = result
        self.same_day = False
        self.show_dossier(dossier)
        self.show_message(
            self.tr("Đã trả kết quả hồ sơ {code}. Mời công dân ký nhận vào sổ.").format(
                code=dossier.code
            ),
            ok=True,
        )
        self.returned.emit(dossier)
        desk_signals().dossier_changed.emit(dossier)
        self.pdf_ready.emit(
            self.tr("Sổ theo dõi hồ sơ — ký nhận kết quả {code}").format(code=dossier.code),
            pdf,
            f"so-theo-doi-{dossier.code}.pdf",
        )

    def _on_failed(self, error: object) -> None:
        message = error_message(error)
        self.show_message(message)
        self._update()
        self.failed.emit(message)

    def show_message(self, text: str, *, ok: bool = False) -> None:
        show_notice(self.message, text, ok=ok)

    def clear(self) -> None:
        self.dossier = None
        self.same_day = False
        self.code.clear()
        for label in self.summary.values():
            label.setText("—")
        self.message.hide()
        self.applicant_radio.setText(self.tr("Người nộp hồ sơ"))
        self._show_collector({})
        self.result_scan.reset()
        self._update()
        self.code.setFocus()

    def showEvent(self, event: QShowEvent) -> None:
        """Opened again (F4) after the last dossier was done with (returned, or found not
        ready): the next citizen starts from an empty form, not the previous dossier. A
        dossier still waiting to be handed back stays, with what was chosen for it."""
        done = self.dossier is not None and not self.can_hand_back()
        if done and not event.spontaneous() and not Operation.busy(self.confirm_button):
            self.clear()
        super().showEvent(event)

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.confirm_button.isEnabled():
            self.confirm()
            return
        super().keyPressEvent(event)
