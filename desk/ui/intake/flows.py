"""What the intake screen's outcomes do: receive, ask for missing papers (form 02),
refuse (form 03), or abandon the intake.

Each checks the input first (errors stop it, missing papers point to a supplement
request, warnings ask for a confirmation), then records the dossier in the pool through
``desk.ui.ops.Operation`` (the outcome panel is busy meanwhile). After a dossier is
received or refused, the screen's own signals fire (the main window prints the slip) and
``desk_signals().dossier_changed`` tells every other screen.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject

from desk.domain.dossier import Dossier, ReceivedDocument
from desk.domain.status import Status
from desk.errors import DeskError
from desk.forms import MissingDocument
from desk.printing.notices import SupplementRequest
from desk.services import intake
from desk.services.drafts import DraftError
from desk.ui.intake.outcome import CONFIRM, REFUSE, SUPPLEMENT
from desk.ui.labels import shown_missing, shown_moment_with_weekday
from desk.ui.ops import Operation, desk_signals, error_message

if TYPE_CHECKING:
    from desk.ui.intake.view import IntakeView

log = logging.getLogger(__name__)

UNEXPECTED = QT_TRANSLATE_NOOP(
    "IntakeFlows",
    "Có lỗi không mong đợi khi ghi hồ sơ; lỗi đã được ghi vào nhật ký. Dữ liệu đang nhập vẫn "
    "được giữ nguyên (và đã lưu bản nháp). Hãy thử lại, hoặc báo quản trị.",
)


class IntakeFlows(QObject):
    """The outcome panel's buttons and keys, for one intake screen."""

    def __init__(self, view: IntakeView):
        super().__init__(view)
        self.view = view
        outcome = view.outcome
        outcome.receive_clicked.connect(self.receive)
        outcome.supplement_clicked.connect(self.request_supplement)
        outcome.refuse_clicked.connect(self.refuse)
        outcome.discard_clicked.connect(self.discard)
        outcome.confirm_receive.connect(lambda: self.submit(""))
        outcome.confirm_refuse.connect(self.confirm_refuse)
        outcome.confirm_supplement.connect(self.confirm_supplement)
        outcome.back_clicked.connect(self.back)

    def busy(self) -> bool:
        return Operation.busy(self.view.outcome)

    def _first_error_focus(self) -> None:
        for problem in self.view.current_problems:
            if problem.is_error:
                self.view.focus_key(problem.key)
                return

    def receive(self) -> None:
        """Tiếp nhận: errors stop it, missing papers point to a supplement request,
        warnings ask for a confirmation."""
        if self.busy():
            return
        self.view.show_all = True
        self.view.revalidate()
        if self.view.procedure is None:
            self.view.banner.show_message(self.tr("Chưa chọn thủ tục."), level="error")
            self.view.focus_procedure()
            return
        errors = [p for p in self.view.current_problems if p.is_error]
        if errors:
            # The count the list on the right shows (missing papers included): one count.
            self.view.banner.show_message(
                self.tr(
                    "Chưa tiếp nhận được: còn {0} mục cần sửa hoặc còn thiếu "
                    "(xem danh sách bên phải, chữ đỏ dưới từng ô)."
                ).format(self.view.outcome.error_count),
                level="error",
            )
            self._first_error_focus()
            return
        missing = self.view.documents.model.missing()
        if missing:
            listed = self.view.documents.model.documents()
            names = "; ".join(shown_missing(m, listed) for m in missing)
            self.view.entry.ensureWidgetVisible(self.view.documents.table, 0, 40)
            self.view.banner.show_message(
                self.tr(
                    "Còn thiếu giấy tờ: {0}. Đánh dấu giấy tờ đã nhận trong mục 4, hoặc chọn "
                    "«Yêu cầu bổ sung giấy tờ» để in phiếu hướng dẫn (mẫu 02)."
                ).format(names),
                level="error",
            )
            self.view.documents.table.setFocus()
            return
        warnings = [p for p in self.view.current_problems if not p.is_error]
        if warnings:
            self.view.outcome.show_confirm(warnings, self.view.entry.labels())
            return
        self.submit("")

    def refuse(self) -> None:
        if not self.busy():
            self.view.outcome.show_refuse()

    def confirm_refuse(self, reason: str) -> None:
        if not reason.strip():
            self.view.outcome.refusal_message.setText(
                self.tr("Phải ghi lý do từ chối (in trên mẫu 03).")
            )
            self.view.outcome.refusal_reason.setFocus()
            return
        if self.view.procedure is None:
            self.view.outcome.refusal_message.setText(
                self.tr("Chưa chọn thủ tục công dân yêu cầu.")
            )
            return
        if not self.view.applicant.values().get("full_name", "").strip():
            self.view.outcome.refusal_message.setText(self.tr("Phải có họ tên người nộp hồ sơ."))
            self.view.applicant.focus_part("full_name")
            return
        self.submit(reason)

    def request_supplement(self) -> None:
        if self.busy():
            return
        procedure = self.view.procedure
        if procedure is None:
            self.view.banner.show_message(self.tr("Chưa chọn thủ tục."), level="error")
            self.view.focus_procedure()
            return
        missing = self.view.documents.model.missing()
        missing_codes = {c for m in missing for c in m.codes}
        others = [
            MissingDocument((d.code,), d.name, d.copy_kind)
            for d in procedure.documents
            if d.code not in missing_codes and not self.view.entry.received(d.code)
        ]
        reason = f"Hồ sơ đề nghị «{procedure.name}» chưa đủ thành phần theo quy định."
        rules = "Danh mục thủ tục hành chính niêm yết tại Bộ phận Một cửa"
        if procedure.legal_basis:
            rules += f"; {procedure.legal_basis}"
        self.view.outcome.show_supplement(missing, others, reason, rules)

    def confirm_supplement(self, chosen: list, reason: str, rules: str) -> None:
        if not chosen:
            self.view.outcome.supplement_message.setText(
                self.tr("Chọn ít nhất một giấy tờ còn thiếu.")
            )
            return
        if not reason.strip():
            self.view.outcome.supplement_message.setText(self.tr("Phải ghi lý do."))
            return
        if not self.view.applicant.values().get("full_name", "").strip():
            self.view.outcome.supplement_message.setText(
                self.tr("Phải có họ tên người nộp hồ sơ (in trên phiếu).")
            )
            self.view.applicant.focus_part("full_name")
            return
        try:
            request = self.view.build_request()
        except DeskError as error:
            self.view.outcome.supplement_message.setText(error.message)
            return
        lines: list[ReceivedDocument | str] = [item.as_received_line() for item in chosen]
        supplement = SupplementRequest(
            missing_documents=lines,
            reason=reason.strip(),
            rules_reference=rules.strip(),
            guide_name=self.view.user.full_name,
            guide_phone=self.view.ctx.office.phone,
        )
        # Nothing is recorded: the citizen takes form 02 home. The draft stays on this
        # desk, marked, so that nothing is asked twice when she comes back with the papers;
        # it is written before the screen is cleared, since the banner says it is kept.
        self.view.keeper.flush(kind="supplement")
        kept = self.view.title()
        self.view.supplement_requested.emit(request, supplement)
        self.view.reset()
        self.view.tell_done(
            self.tr(
                "Đã lập phiếu hướng dẫn bổ sung cho «{0}». Bản nháp được giữ trên máy: khi "
                "công dân quay lại, chọn «Khôi phục»."
            ).format(kept)
        )
        self.view.focus_procedure()

    def submit(self, refusal_reason: str) -> None:
        if self.busy():
            return
        try:
            request = self.view.build_request()
        except DeskError as error:
            self.view.banner.show_message(error.message, level="error")
            return
        self.view.keeper.save()  # kept should recording fail
        remove_draft = self.view.keeper.removal()
        at = self.view.clock()
        ctx, user = self.view.ctx, self.view.user

        def record() -> Dossier:
            dossier = intake.receive_dossier(
                ctx, request, user, at=at, refusal_reason=refusal_reason
            )
            try:
                remove_draft()  # recorded: the draft has done its job
            except DraftError as error:
                log.warning("draft left behind after recording: %s", error.code)
            return dossier

        operation = Operation(record, owner=self.view.outcome)
        operation.on_success(self._on_recorded).on_failure(self._on_failed)
        self.view.outcome.set_busy(True, self.tr("Đang ghi hồ sơ…"))
        operation.start()

    def _on_recorded(self, dossier: Dossier) -> None:
        if not shiboken6.isValid(self.view):
            return
        self.view.outcome.set_busy(False)
        refused = dossier.status is Status.REFUSED
        self.view.reset()
        if refused:
            self.view.tell_done(
                self.tr("Đã ghi hồ sơ từ chối {0}. In phiếu từ chối (mẫu 03).").format(dossier.code)
            )
            self.view.dossier_refused.emit(dossier)
        else:
            self.view.tell_done(
                self.tr("Đã tiếp nhận hồ sơ {0}, hẹn trả {1}.").format(
                    dossier.code, shown_moment_with_weekday(dossier.due_at)
                )
            )
            self.view.dossier_received.emit(dossier)
        desk_signals().dossier_changed.emit(dossier)
        self.view.focus_procedure()

    def _on_failed(self, error: object) -> None:
        if not shiboken6.isValid(self.view):
            return
        self.view.outcome.set_busy(False)
        self.view.outcome.show_summary()
        self.view.banner.show_message(error_message(error, self.tr(UNEXPECTED)), level="error")
        if isinstance(error, DeskError) and error.field:
            self.view.focus_key(f"applicant.{error.field}")

    def discard(self) -> None:
        """Abandon this intake (asks first when something was typed)."""
        if not self.view.has_unsaved_input():
            self.view.start_new()
            return
        self.view.banner.show_message(
            self.tr("Bỏ hồ sơ đang nhập? Dữ liệu trên màn hình và bản nháp sẽ bị xóa."),
            level="warning",
            actions=[
                (self.tr("&Bỏ hồ sơ này"), self._discard_now),
                (self.tr("&Giữ lại"), self.view.banner.dismiss),
            ],
            closable=False,
        )

    def _discard_now(self) -> None:
        self.view.keeper.remove()
        self.view.reset()
        self.view.banner.dismiss()
        self.view.focus_procedure()

    def back(self) -> None:
        if self.view.outcome.pages.currentIndex() != 0:
            self.view.outcome.show_summary()
            self._first_error_focus()

    def ctrl_enter(self) -> None:
        page = self.view.outcome.pages.currentIndex()
        if page == CONFIRM:
            self.submit("")
        elif page == REFUSE:
            self.confirm_refuse(self.view.outcome.refusal_reason.toPlainText())
        elif page == SUPPLEMENT:
            self.view.outcome._emit_supplement()
        else:
            self.receive()
