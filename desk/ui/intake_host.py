"""The intake screen as the main window holds it: made when first opened (a placeholder in
a build without it), F2's "new intake" that never throws typed input away without asking,
and what follows an intake at the desk: the slip or the refusal printed at once, the
guidance for missing papers (form 02).

The screen itself is ``desk.ui.intake``; after receiving it emits
``desk_signals().dossier_changed`` and the other screens refresh from it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import QLabel, QMessageBox, QVBoxLayout, QWidget

from desk.domain.dossier import Dossier
from desk.domain.office import User
from desk.services.context import DeskContext
from desk.ui.ops import Operation, error_message
from desk.ui.printouts import Printout, render_printout

IntakeFactory = Callable[[DeskContext, User, QWidget], QWidget]


def make_intake_view(ctx: DeskContext, user: User, parent: QWidget) -> QWidget:
    from desk.ui.intake import IntakeView  # imported when first opened: a fast start

    return IntakeView(ctx, user, parent)


class IntakePlaceholder(QWidget):
    """Shown in place of the intake screen in a build without it."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        label = QLabel(self.tr("Màn hình tiếp nhận chưa có trong bản cài đặt này."))
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(label)

    def has_unsaved_input(self) -> bool:
        return False

    def start_new(self) -> None:
        pass

    def offer_drafts(self) -> None:
        pass


class IntakeHost(QObject):
    notice = Signal(str, bool)  # text for the window's banner, ok (green) or not
    printout_ready = Signal(object)  # Printout, for the print preview

    def __init__(
        self,
        window: QWidget,
        ctx: DeskContext,
        user: User,
        factory: IntakeFactory | None,
        *,
        on_created: Callable[[QWidget], None],
    ):
        super().__init__(window)
        self._window = window
        self.ctx = ctx
        self.user = user
        self._factory = factory
        self._on_created = on_created
        self.screen: QWidget | None = None

    def ensure(self) -> QWidget:
        """The intake screen, made (and offering the drafts left) the first time."""
        if self.screen is None:
            if self._factory is not None:
                self.screen = self._factory(self.ctx, self.user, self._window)
            else:
                self.screen = IntakePlaceholder(self._window)
            self._on_created(self.screen)
            for name, slot in (
                ("dossier_received", self._on_dossier_received),
                ("dossier_refused", self._on_dossier_refused),
                ("supplement_requested", self._on_supplement_requested),
            ):
                signal = getattr(self.screen, name, None)
                if signal is not None:
                    signal.connect(slot)
            self.screen.offer_drafts()  # type: ignore[attr-defined]
            said = getattr(self._window, "banner_shown", None)
            if said is not None:
                said.connect(self._into_screen_banner)
        return self.screen

    def _into_screen_banner(self, text: str) -> None:
        """One banner on the intake screen: what the window says meanwhile (the slip gone
        to the printer, a print failing) goes into the screen's own banner, after what was
        just recorded, instead of a second banner pushing the form down."""
        screen, said = self.screen, getattr(self._window, "banner", None)
        banner = getattr(screen, "banner", None)
        if screen is None or banner is None or said is None or not screen.isVisible():
            return
        ok = said.objectName() == "bannerInfo"  # desk.ui.style.show_notice: green
        said.hide()
        after = ok and banner.tag == "done" and banner.isVisible()
        text = f"{banner.label.text()} {text}" if after else text
        banner.show_message(text, level="success" if ok else "error", tag="done" if after else "")

    def start_new(self, *, already_open: bool) -> bool:
        """F2: a new intake; False when the clerk keeps the one being typed."""
        screen: Any = self.ensure()
        if already_open and screen.has_unsaved_input():
            answer = QMessageBox.question(
                self._window,
                QCoreApplication.translate("MainWindow", "Tiếp nhận hồ sơ mới"),
                QCoreApplication.translate(
                    "MainWindow", "Bỏ hồ sơ đang nhập dở để bắt đầu hồ sơ mới?"
                ),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return False
            screen.start_new()
        elif not screen.has_unsaved_input():
            screen.start_new()
        return True

    # --- after an intake ------------------------------------------------------------------

    # The intake screen says in its own banner what was recorded (with the due time): the
    # window's banner does not say it a second time above it.
    def _on_dossier_received(self, dossier: Dossier) -> None:
        """Show the slip at once: it is rendered in the pool and opens in the preview."""
        self._print(dossier, "slip")

    def _on_dossier_refused(self, dossier: Dossier) -> None:
        self._print(dossier, "refusal")

    def _print(self, dossier: Dossier, form: str) -> None:
        operation = render_printout(self.ctx, form, str(dossier.code))
        operation.on_success(self._on_printed).on_failure(self._on_print_failed).start()

    def _on_supplement_requested(self, request: Any, supplement: Any) -> None:
        """Guidance at intake (form 02) for papers that are still missing: nothing is
        recorded, the citizen takes the list of what to bring back."""
        from desk.services.printing import render_intake_supplement as render

        ctx, user = self.ctx, self.user
        title = QCoreApplication.translate("MainWindow", "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ")

        def work() -> Printout:
            return Printout(title, render(ctx, request, supplement, user), "phieu-bo-sung.pdf")

        Operation(work).on_success(self._on_printed).on_failure(self._on_print_failed).start()

    def _on_printed(self, printout: Printout) -> None:
        self.printout_ready.emit(printout)

    def _on_print_failed(self, error: object) -> None:
        self.notice.emit(error_message(error), False)
