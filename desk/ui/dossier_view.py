"""One dossier: everything about it, its documents and scans, its timeline, and the actions
the rules allow now (and only those). What it asks before a change is in
``dossier_dialogs``, the facts panel in ``dossier_facts``.

After a change it emits ``desk_signals().dossier_changed``; it listens to the same signal
and shows the open dossier afresh when another screen changed it.

It is one piece: the dossier shown, the actions offered for it and the changes they start
share one dossier and one owner of the running operation; what it asks and what it shows
already live apart (``dossier_dialogs``, ``dossier_facts``)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QTableView,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desk.domain.access import Permission, allows
from desk.domain.calendar import now_in_office
from desk.domain.dossier import Dossier
from desk.domain.formats import moment_text
from desk.domain.office import User
from desk.domain.path_limits import NEW_DUE_TIME, FaultKind, fault_explanation, path_faults
from desk.domain.status import Status, allowed_next, asks_reason, can_reschedule, reason_required
from desk.services import dossiers
from desk.services.context import DeskContext
from desk.ui.dossier_dialogs import ApologyDialog, ReasonDialog, reason_prompt, transition_label
from desk.ui.dossier_facts import FactsPanel, fact_pairs, office_fault_lines
from desk.ui.dossier_tables import DocumentTableModel, EventTableModel
from desk.ui.labels import shown_label
from desk.ui.navigation import refusal_tip
from desk.ui.ops import Operation, desk_signals, error_message
from desk.ui.printouts import Printout, capitalised, print_dossier_form
from desk.ui.style import DANGER, show_notice, status_colour

# The form printed right after a transition.
FORM_AFTER = {Status.SUPPLEMENT_REQUESTED: "supplement", Status.STOPPED: "stop"}
# The transition buttons, in the order they are offered.
TRANSITION_ORDER = (
    Status.PROCESSING,
    Status.SUPPLEMENT_REQUESTED,
    Status.PAYMENT_REQUESTED,
    Status.RESULT_READY,
    Status.RETURNED,
    Status.WITHDRAWN,
    Status.STOPPED,
)


class DossierView(QWidget):
    """Shows one dossier (``show_code``) and offers what may be done with it now."""

    dossier_shown = Signal(object)  # Dossier
    pdf_ready = Signal(str, bytes, str)  # title, PDF, file name
    hand_back_requested = Signal(str, bool)  # code, same day ("5 tại chỗ")
    failed = Signal(str)
    back_requested = Signal()

    def __init__(self, ctx: DeskContext, user: User, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.user = user
        self.dossier: Dossier | None = None
        self._wanted_code = ""  # the dossier last asked for (shown, or still loading)
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
        # The steps of the path that were the office's own fault (DOMAIN §2), always shown.
        self.fault_flag = QLabel("")
        self.fault_flag.setObjectName("officeFaultFlag")
        self.fault_flag.setWordWrap(True)
        self.fault_flag.setStyleSheet(f"color: {DANGER}; font-weight: bold;")
        self.fault_flag.hide()
        outer.addWidget(self.fault_flag)

        body = QHBoxLayout()
        # Left: the facts, scrollable.
        self.facts = FactsPanel(self.tr("Thông tin hồ sơ"))
        body.addWidget(self.facts, 3)
        # Right: the actions allowed now. They are the owner of the operations that change
        # the dossier: disabled while one runs, so nothing is pressed twice.
        self.actions_box = actions_box = QGroupBox(self.tr("Thao tác"))
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
        self._set_enabled(False)
        desk_signals().dossier_changed.connect(self._on_dossier_changed)

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
        """Open the dossier (the office's log records who opened it) in the thread pool and
        show it; ``dossier_shown`` when done. Only the dossier asked for last is shown (a
        slow load never replaces a later one)."""
        ctx, code = self.ctx, code.strip().upper()
        self._load(code, lambda: dossiers.open_dossier(ctx, code))

    def refresh(self) -> None:
        """The open dossier read again (after a change): not a new opening, not logged."""
        ctx, code = self.ctx, self._wanted_code
        if code:
            self._load(code, lambda: dossiers.get_dossier(ctx, code))

    def _load(self, code: str, read: Callable[[], Dossier]) -> None:
        self._wanted_code = code
        self.message.hide()
        Operation(read).on_success(functools.partial(self._on_loaded, code)).on_failure(
            functools.partial(self._on_load_failed, code)
        ).start()

    def _on_loaded(self, code: str, dossier: Dossier) -> None:
        if code == self._wanted_code:
            self.show_dossier(dossier)

    def _on_load_failed(self, code: str, error: object) -> None:
        if code == self._wanted_code:
            self._on_failed(error)

    def _on_dossier_changed(self, changed: object) -> None:
        """A dossier changed (here or on another screen): show the open one afresh if it
        is the one, unless this view already shows that revision."""
        code, wanted, shown = getattr(changed, "code", None), self._wanted_code, self.dossier
        if not wanted or (code is not None and str(code) != wanted):
            return  # another dossier's change
        already = shown is not None and str(shown.code) == wanted
        if already and getattr(changed, "revision", None) == getattr(shown, "revision", None):
            return  # made here, or already shown
        self.refresh()

    def show_dossier(self, dossier: Dossier) -> None:
        self.dossier = dossier
        self._wanted_code = str(dossier.code)
        now = now_in_office()
        self.code_label.setText(str(dossier.code))
        colour = status_colour(int(dossier.status))
        self.status_chip.setText(shown_label(dossier.status))
        self.status_chip.setStyleSheet(
            f"background: {colour}; color: white; font-weight: bold; border-radius: 4px;"
            " padding: 3px 8px;"
        )
        self.overdue_chip.setVisible(dossier.is_overdue(now))
        faults = office_fault_lines(dossier)
        self.fault_flag.setText("\n".join(faults))
        self.fault_flag.setVisible(bool(faults))
        self.facts.show_facts(fact_pairs(dossier))
        self.documents.set_documents(dossier.documents)
        self.events.set_events(dossier.events)
        self._fill_actions(dossier, now)
        self._set_enabled(True)
        self.dossier_shown.emit(dossier)

    def fact_texts(self) -> dict[str, str]:
        """What the facts panel shows, caption → value (for tests and screenshots)."""
        return self.facts.texts()

    def _fill_actions(self, d: Dossier, now: datetime) -> None:
        for button in self.transition_buttons.values():
            self.transition_area.removeWidget(button)
            button.deleteLater()
        self.transition_buttons = {}
        allowed = allowed_next(d.status)
        for target in TRANSITION_ORDER:
            if target not in allowed:
                continue
            button = QPushButton(transition_label(d.status, target))
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
        self.apology_button.setVisible(can_reschedule(d.status))
        self.print_menu.clear()
        from desk.printing.registry import FORMS  # reportlab: loaded with the first dossier

        for name, spec in FORMS.items():
            if spec.applies_to(d, now):
                action = self.print_menu.addAction(capitalised(spec.description))
                action.setObjectName(f"print_{name}")
                action.setData(name)
                action.triggered.connect(lambda _checked=False, form=name: self.print_form(form))
        self.print_button.setEnabled(not self.print_menu.isEmpty())
        if d.status.is_final:
            self.final_note.setText(
                self.tr("Hồ sơ đã ở trạng thái cuối «{status}»: không còn thao tác xử lý.").format(
                    status=shown_label(d.status)
                )
            )
        else:
            self.final_note.setText("")

    def offered_transitions(self) -> set[Status]:
        return set(self.transition_buttons)

    def printable_forms(self) -> list[str]:
        return [str(action.data()) for action in self.print_menu.actions()]

    def _set_enabled(self, enabled: bool) -> None:
        """Actions on (``enabled``) or off while a change runs; an action the account's
        role may not do stays off, its tooltip saying why (the services refuse it too)."""
        guarded: list[tuple[QWidget, Permission, bool]] = [
            (button, Permission.ADVANCE, True) for button in self.transition_buttons.values()
        ]
        guarded += [
            (self.fast_button, Permission.HAND_BACK, True),
            (self.apology_button, Permission.ADVANCE, True),
            (self.print_button, Permission.PRINT, not self.print_menu.isEmpty()),
        ]
        role = self.user.role
        for widget, permission, available in guarded:
            allowed = allows(role, permission)
            widget.setEnabled(enabled and available and allowed)
            if not allowed:
                widget.setToolTip(refusal_tip(role, permission))

    # --- actions --------------------------------------------------------------------------

    def _start_change(self, operation: Operation) -> None:
        operation.on_failure(self._on_failed).start()

    def request_transition(self, target: Status) -> None:
        """The clerk pressed a transition button: ask for a reason where one is needed."""
        dossier = self.dossier
        if (
            dossier is None
            or Operation.busy(self.actions_box)
            or target not in allowed_next(dossier.status)
        ):
            return
        if target is Status.RETURNED:
            self.hand_back_requested.emit(str(dossier.code), False)
            return
        if asks_reason(target):
            limits = dossiers.path_limits(self.ctx)
            faults = path_faults(dossier, target, at=now_in_office(), limits=limits)
            dialog = ReasonDialog(
                transition_label(dossier.status, target).rstrip("…"),
                reason_prompt(target),
                required=reason_required(target),
                fault_explanation=fault_explanation(faults, limits),
                fault_required=limits.fault_needs_reason,
                parent=self,
            )
            dialog.submitted.connect(functools.partial(self.change_status, target))
            self.dialog = dialog
            dialog.open()
            return
        self.change_status(target, "")

    def change_status(self, target: Status, note: str, fault_reason: str = "") -> None:
        dossier = self.dossier
        if dossier is None:
            return
        ctx, user, code = self.ctx, self.user, str(dossier.code)

        def work() -> Dossier:
            dossiers.change_status(ctx, code, target, user, note=note, fault_reason=fault_reason)
            return dossiers.get_dossier(ctx, code)

        operation = Operation(work, owner=self.actions_box)
        self._start_change(operation.on_success(functools.partial(self._on_changed, target)))

    def _on_changed(self, target: Status, dossier: Dossier) -> None:
        self.show_dossier(dossier)
        self.show_message(
            self.tr("Đã chuyển hồ sơ sang «{status}».").format(status=shown_label(dossier.status)),
            ok=True,
        )
        desk_signals().dossier_changed.emit(dossier)
        form = FORM_AFTER.get(target)
        if form is not None:
            self.print_form(form)

    def _fast_path(self) -> None:
        if self.dossier is not None and self.dossier.status is Status.RECEIVED:
            self.hand_back_requested.emit(str(self.dossier.code), True)

    def _ask_new_due(self) -> None:
        """The apology dialog, with a new due time suggested one working day after the
        later of the promised time and now (the calendar is worked out in the pool)."""
        dossier = self.dossier
        if dossier is None:
            return
        ctx, promised = self.ctx, dossier.promised_due_at

        def suggest() -> tuple[datetime, tuple[FaultKind, ...]]:
            now = now_in_office()
            start = max(promised, now)
            suggested = ctx.calendar.add_working_minutes(start, ctx.office.hours.minutes_per_day)
            limits = dossiers.path_limits(ctx)
            faults = path_faults(
                dossier, NEW_DUE_TIME, at=now, limits=limits, calendar=ctx.calendar
            )
            return suggested, faults

        self._start_change(
            Operation(suggest, owner=self.actions_box).on_success(self._open_apology)
        )

    def _open_apology(self, suggestion: tuple[datetime, tuple[FaultKind, ...]]) -> None:
        suggested, faults = suggestion
        limits = dossiers.path_limits(self.ctx)
        dialog = ApologyDialog(
            suggested,
            self,
            fault_explanation=fault_explanation(faults, limits),
            fault_required=limits.fault_needs_reason,
        )
        dialog.submitted.connect(self.reschedule)
        self.dialog = dialog
        dialog.open()

    def reschedule(self, new_due: datetime, reason: str, fault_reason: str = "") -> None:
        dossier = self.dossier
        if dossier is None:
            return
        ctx, user, code = self.ctx, self.user, str(dossier.code)

        def work() -> tuple[Dossier, Printout]:
            from desk.printing.registry import FORMS
            from desk.services.printing import FormDetails, render_dossier_form

            # A late or second new due time is still recorded, and the letter printed.
            dossiers.reschedule(ctx, code, new_due, reason, user, fault_reason=fault_reason)
            pdf = render_dossier_form(
                ctx, "apology", code, details=FormDetails(reason=reason), issued_by=user
            )
            letter = Printout(FORMS["apology"].description, pdf, f"xin-loi-{code}.pdf")
            return dossiers.get_dossier(ctx, code), letter

        self._start_change(Operation(work, owner=self.actions_box).on_success(self._on_rescheduled))

    def _on_rescheduled(self, result: tuple[Dossier, Printout]) -> None:
        dossier, letter = result
        self.show_dossier(dossier)
        self.show_message(
            self.tr("Đã hẹn lại ngày trả kết quả: {due}.").format(
                due=moment_text(dossier.rescheduled_due_at)
            ),
            ok=True,
        )
        desk_signals().dossier_changed.emit(dossier)
        self._emit_printout(letter)

    def print_form(self, form: str) -> None:
        dossier = self.dossier
        if dossier is None:
            return
        print_dossier_form(
            self, self.ctx, form, str(dossier.code), self.user, self._emit_printout, self._on_failed
        )

    def _emit_printout(self, printout: Printout) -> None:
        self.pdf_ready.emit(printout.title, printout.pdf, printout.file_name)

    def _open_scan(self, index: QModelIndex) -> None:
        document = self.documents.document_at(index.row())
        if not document.digitised:
            self.show_message(self.tr("Giấy tờ này chưa có bản quét."))
            return
        files, digest = self.ctx.config.files_dir, document.attachment_sha256

        def find() -> Path | None:  # a folder of many scans: searched in the pool
            if not files.exists():
                return None
            return next(iter(sorted(files.rglob(f"{digest}*"))), None)

        Operation(find).on_success(self._on_scan_found).on_failure(self._on_failed).start()

    def _on_scan_found(self, found: Path | None) -> None:
        if found is None:
            self.show_message(self.tr("Không tìm thấy tệp bản quét trên máy này."))
            return
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(found)))

    # --- messages -------------------------------------------------------------------------

    def show_message(self, text: str, *, ok: bool = False) -> None:
        show_notice(self.message, text, ok=ok)

    def _on_failed(self, error: object) -> None:
        self._set_enabled(self.dossier is not None)
        message = error_message(error)
        self.show_message(message)
        self.failed.emit(message)
