"""The desk's main window: today's figures, intake (F2), the dossier list (F3), hand back
(F4), one dossier, the scanner, print previews, the idle lock, and for supervisors sync."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QDialog,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSizePolicy,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desk.domain.dossier import Dossier
from desk.domain.office import Role, User
from desk.services.context import DeskContext
from desk.services.dossier_list import Period
from desk.ui.dossier_list import DossierListView
from desk.ui.dossier_view import DossierView
from desk.ui.handback import HandBackView
from desk.ui.settings import SettingsDialog
from desk.ui.sign_in import IdleWatcher, LockScreen
from desk.ui.today import TodayPanel
from desk.ui.workers import Job, error_message

if TYPE_CHECKING:
    from desk.ui.print_preview import PrintPreviewDialog

log = logging.getLogger(__name__)

BANNER_MS = 10_000

PAGE_TODAY = "today"
PAGE_INTAKE = "intake"
PAGE_LIST = "list"
PAGE_DOSSIER = "dossier"
PAGE_HANDBACK = "handback"
PAGE_SYNC = "sync"

SUPERVISOR_ROLES = (Role.SUPERVISOR, Role.ADMIN)


def _make_intake_view(ctx: DeskContext, user: User, parent: QWidget) -> QWidget:
    from desk.ui.intake import IntakeView  # imported when first opened: a fast start

    return IntakeView(ctx, user, parent)


def _make_sync_panel(ctx: DeskContext, parent: QWidget) -> QWidget:
    from desk.ui.sync_panel import SyncPanel  # supervisors only, when first opened

    return SyncPanel(ctx, parent)


def _warm_up() -> None:
    import desk.printing.registry
    import desk.services.printing  # noqa: F401


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


class MainWindow(QMainWindow):
    """Collaborators may be injected (tests): the scanner listener, the intake and sync
    screens' factories, and the idle time before the lock."""

    counts_shown = Signal(object)  # DeskFigures
    page_changed = Signal(str)
    preview_shown = Signal(object)  # PrintPreviewDialog
    locked_changed = Signal(bool)
    banner_shown = Signal(str)

    def __init__(
        self,
        ctx: DeskContext,
        user: User,
        *,
        scanner: QObject | None = None,
        intake_factory: Callable[[DeskContext, User, QWidget], QWidget] | None = None,
        sync_panel_factory: Callable[[DeskContext, QWidget], QWidget] | None = None,
        idle_ms: int | None = None,
        authenticate: Callable[[str, str], User] | None = None,
    ):
        super().__init__()
        self.ctx = ctx
        self.user = user
        self.locked = False
        self.preview: PrintPreviewDialog | None = None
        self._hidden_for_lock: list[QWidget] = []
        self._list_stale = False
        office = ctx.office
        self.setWindowTitle(
            self.tr("Commune Desk — {agency} — {desk}").format(
                agency=office.agency_name, desk=ctx.config.desk_name
            )
        )
        self.resize(1280, 820)

        # The intake and sync screens are imported when first opened (a fast start).
        self._intake_factory = intake_factory or _make_intake_view
        self._sync_factory = (
            (sync_panel_factory or _make_sync_panel) if user.role in SUPERVISOR_ROLES else None
        )

        central = QWidget()
        root = QHBoxLayout(central)
        root.setContentsMargins(0, 0, 0, 0)
        root.setSpacing(0)
        root.addWidget(self._nav_bar())
        right = QVBoxLayout()
        right.setContentsMargins(0, 0, 0, 0)
        self.banner = QLabel("")
        self.banner.setObjectName("banner")
        self.banner.setWordWrap(True)
        self.banner.hide()
        banner_row = QHBoxLayout()
        banner_row.setContentsMargins(16, 10, 16, 0)
        banner_row.addWidget(self.banner)
        right.addLayout(banner_row)
        self.stack = QStackedWidget()
        right.addWidget(self.stack, 1)
        root.addLayout(right, 1)
        self.setCentralWidget(central)

        self.pages: dict[str, QWidget] = {}
        self.today = TodayPanel(ctx)
        self.today.figures_shown.connect(self.counts_shown)
        self.today.period_requested.connect(self.show_list_period)
        self._add_page(PAGE_TODAY, self.today)
        self.intake: QWidget | None = None
        self.dossier_list = DossierListView(ctx)
        self.dossier_list.dossier_opened.connect(self.open_dossier)
        self._add_page(PAGE_LIST, self.dossier_list)
        self.dossier_view = DossierView(ctx, user)
        self.dossier_view.pdf_ready.connect(self.show_pdf)
        self.dossier_view.hand_back_requested.connect(self.hand_back)
        self.dossier_view.dossier_changed.connect(self._on_dossier_changed)
        self.dossier_view.back_requested.connect(lambda: self.show_page(PAGE_LIST))
        self._add_page(PAGE_DOSSIER, self.dossier_view)
        self.handback = HandBackView(ctx, user)
        self.handback.pdf_ready.connect(self.show_pdf)
        self.handback.returned.connect(self._on_dossier_changed)
        self._add_page(PAGE_HANDBACK, self.handback)
        self.sync_panel: QWidget | None = None

        self._banner_timer = QTimer(self)
        self._banner_timer.setSingleShot(True)
        self._banner_timer.timeout.connect(self.banner.hide)
        self.statusBar().showMessage(
            self.tr("{name} ({role}) · {desk} · Cơ sở dữ liệu: {db}").format(
                name=user.full_name,
                role=user.role.label,
                desk=ctx.config.desk_name,
                db=ctx.db.url.render_as_string(hide_password=True),
            )
        )

        self.lock_screen = LockScreen(ctx, user, self, authenticate=authenticate)
        self.lock_screen.unlocked.connect(self.unlock)
        app = QApplication.instance()
        minutes = ctx.config.idle_lock_minutes
        self.idle = IdleWatcher(idle_ms if idle_ms is not None else minutes * 60_000, self)
        self.idle.idle.connect(self.lock)
        if app is not None:
            app.installEventFilter(self.idle)

        self.scanner = scanner if scanner is not None else self._default_scanner()
        if self.scanner is not None:
            self._connect_scanner(self.scanner)

        self.show_page(PAGE_TODAY)
        self.today.refresh()
        # Load the printing code (reportlab, forms) in the pool while the clerk looks at the
        # figures, so the first dossier or slip does not wait for it on the GUI thread.
        Job(_warm_up).start(lambda _none: None, lambda _error: None)

    # --- building -------------------------------------------------------------------------

    def _nav_bar(self) -> QWidget:
        bar = QWidget()
        bar.setObjectName("navBar")
        bar.setFixedWidth(230)
        bar.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        layout = QVBoxLayout(bar)
        layout.setContentsMargins(10, 16, 10, 12)
        layout.setSpacing(4)
        title = QLabel(self.tr("Một cửa"))
        title.setObjectName("navTitle")
        title.setStyleSheet("font-size: 16pt;")
        layout.addWidget(title)
        office = QLabel(self.ctx.office.agency_name)
        office.setObjectName("navUser")
        office.setWordWrap(True)
        layout.addWidget(office)
        layout.addSpacing(14)
        self.nav_group = QButtonGroup(self)
        self.nav_group.setExclusive(True)
        self.nav_buttons: dict[str, QToolButton] = {}
        self.shortcut_actions: dict[str, QAction] = {}
        entries = [
            (PAGE_TODAY, self.tr("Hôm nay"), "F1", self.show_today),
            (PAGE_INTAKE, self.tr("Tiếp nhận mới"), "F2", self.new_intake),
            (PAGE_LIST, self.tr("Danh sách hồ sơ"), "F3", lambda: self.show_page(PAGE_LIST)),
            (PAGE_HANDBACK, self.tr("Trả kết quả"), "F4", self.open_hand_back),
        ]
        if self._sync_factory is not None:
            entries.append((PAGE_SYNC, self.tr("Đồng bộ lên tỉnh"), "", self.open_sync))
        for key, caption, shortcut, handler in entries:
            button = QToolButton()
            button.setObjectName("navButton")
            button.setText(f"{caption}   {shortcut}" if shortcut else caption)
            button.setCheckable(True)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            button.clicked.connect(lambda _checked=False, h=handler: h())
            self.nav_group.addButton(button)
            layout.addWidget(button)
            self.nav_buttons[key] = button
            if shortcut:
                action = QAction(caption, self)
                action.setShortcut(QKeySequence(shortcut))
                action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
                action.triggered.connect(lambda _checked=False, h=handler: h())
                self.addAction(action)
                self.shortcut_actions[key] = action
        layout.addStretch()
        user = QLabel(f"{self.user.full_name}\n{self.user.role.label}")
        user.setObjectName("navUser")
        user.setWordWrap(True)
        layout.addWidget(user)
        for key, caption, shortcut, handler in (
            ("settings", self.tr("Cài đặt"), "", self.open_settings),
            ("lock", self.tr("Khóa máy"), "Ctrl+L", self.lock),
        ):
            button = QToolButton()
            button.setObjectName("navButton")
            button.setText(f"{caption}   {shortcut}" if shortcut else caption)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.clicked.connect(lambda _checked=False, h=handler: h())
            layout.addWidget(button)
            self.nav_buttons[key] = button
            if shortcut:
                action = QAction(caption, self)
                action.setShortcut(QKeySequence(shortcut))
                action.triggered.connect(lambda _checked=False, h=handler: h())
                self.addAction(action)
                self.shortcut_actions[key] = action
        for button in self.nav_buttons.values():
            button.setMinimumWidth(206)
        return bar

    def _add_page(self, key: str, widget: QWidget) -> None:
        self.pages[key] = widget
        self.stack.addWidget(widget)

    def _default_scanner(self) -> QObject | None:
        from desk.ui.scanner import ScanListener

        listener = ScanListener(self)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(listener)
        return listener

    def _connect_scanner(self, scanner: QObject) -> None:
        scanner.code_scanned.connect(self._on_code_scanned)  # type: ignore[attr-defined]
        scanner.id_card_scanned.connect(self._on_id_card_scanned)  # type: ignore[attr-defined]
        scanner.scan_rejected.connect(self._on_scan_rejected)  # type: ignore[attr-defined]

    # --- pages ----------------------------------------------------------------------------

    def current_page(self) -> str:
        widget = self.stack.currentWidget()
        for key, page in self.pages.items():
            if page is widget:
                return key
        return ""

    def show_page(self, key: str) -> None:
        if self.locked or key not in self.pages:
            return
        self.stack.setCurrentWidget(self.pages[key])
        button = self.nav_buttons.get(key)
        if button is not None:
            button.setChecked(True)
        else:
            checked = self.nav_group.checkedButton()
            if checked is not None:
                self.nav_group.setExclusive(False)
                checked.setChecked(False)
                self.nav_group.setExclusive(True)
        if key == PAGE_LIST:
            if self._list_stale:
                self._list_stale = False
                self.dossier_list.model.reload()
            else:
                self.dossier_list.ensure_loaded()
            self.dossier_list.table.setFocus()
        elif key == PAGE_HANDBACK:
            self.handback.code.setFocus()
        self.page_changed.emit(key)

    def show_today(self) -> None:
        self.show_page(PAGE_TODAY)
        self.today.refresh()
        # Load the printing code (reportlab, forms) in the pool while the clerk looks at the
        # figures, so the first dossier or slip does not wait for it on the GUI thread.
        Job(_warm_up).start(lambda _none: None, lambda _error: None)

    def show_list_period(self, period: Period) -> None:
        self.show_page(PAGE_LIST)
        self.dossier_list.show_period(period)

    def ensure_intake(self) -> QWidget:
        if self.intake is None:
            if self._intake_factory is not None:
                self.intake = self._intake_factory(self.ctx, self.user, self)
            else:
                self.intake = IntakePlaceholder(self)
            self._add_page(PAGE_INTAKE, self.intake)
            for name, slot in (
                ("dossier_received", self._on_dossier_received),
                ("dossier_refused", self._on_dossier_refused),
                ("supplement_requested", self._on_supplement_requested),
            ):
                signal = getattr(self.intake, name, None)
                if signal is not None:
                    signal.connect(slot)
            self.intake.offer_drafts()  # type: ignore[attr-defined]
        return self.intake

    def new_intake(self) -> None:
        """F2: a new intake. Typed input is never thrown away without asking."""
        if self.locked:
            return
        already_open = self.intake is not None and self.current_page() == PAGE_INTAKE
        intake = self.ensure_intake()
        if already_open and intake.has_unsaved_input():  # type: ignore[attr-defined]
            answer = QMessageBox.question(
                self,
                self.tr("Tiếp nhận hồ sơ mới"),
                self.tr("Bỏ hồ sơ đang nhập dở để bắt đầu hồ sơ mới?"),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
            intake.start_new()  # type: ignore[attr-defined]
        elif not intake.has_unsaved_input():  # type: ignore[attr-defined]
            intake.start_new()  # type: ignore[attr-defined]
        self.show_page(PAGE_INTAKE)

    def open_hand_back(self) -> None:
        if self.locked:
            return
        if self.current_page() == PAGE_DOSSIER and self.dossier_view.dossier is not None:
            self.hand_back(str(self.dossier_view.dossier.code), False)
            return
        self.show_page(PAGE_HANDBACK)

    def hand_back(self, code: str, same_day: bool) -> None:
        self.show_page(PAGE_HANDBACK)
        self.handback.select_code(code, same_day=same_day)

    def open_dossier(self, code: str) -> None:
        if self.locked:
            return
        self.show_page(PAGE_DOSSIER)
        self.dossier_view.show_code(code)

    def open_sync(self) -> None:
        if self._sync_factory is None:
            return
        if self.sync_panel is None:
            self.sync_panel = self._sync_factory(self.ctx, self)
            # Resolutions of attention items record who made them.
            if hasattr(self.sync_panel, "actor_name"):
                self.sync_panel.actor_name = self.user.full_name
            self._add_page(PAGE_SYNC, self.sync_panel)
        self.show_page(PAGE_SYNC)

    def open_settings(self) -> None:
        if self.locked:
            return
        dialog = SettingsDialog(self.ctx.config, self)
        dialog.saved.connect(self._on_settings)
        self.settings_dialog = dialog
        dialog.open()

    def _on_settings(self, config: Any) -> None:
        self.ctx.config = config
        self.idle.set_timeout(config.idle_lock_minutes * 60_000)
        self.show_banner(self.tr("Đã lưu cài đặt."), ok=True)

    # --- the scanner ----------------------------------------------------------------------

    def _on_code_scanned(self, code: str) -> None:
        if self.locked:
            return
        if self.current_page() == PAGE_HANDBACK:
            self.handback.select_code(code)
        else:
            self.open_dossier(code)

    def _on_id_card_scanned(self, card: Any) -> None:
        if self.locked:
            return
        if self.current_page() == PAGE_INTAKE and self.intake is not None:
            fill = getattr(self.intake, "fill_from_id_card", None)
            if fill is not None:
                fill(card)
                self.show_banner(
                    self.tr("Đã điền thông tin người nộp từ thẻ căn cước: {name}.").format(
                        name=getattr(card, "full_name", "")
                    ),
                    ok=True,
                )
                return
        self.show_banner(
            self.tr(
                "Đã đọc thẻ căn cước của {name}. Mở màn hình tiếp nhận (F2) rồi quét lại để "
                "điền vào hồ sơ mới."
            ).format(name=getattr(card, "full_name", ""))
        )

    def _on_scan_rejected(self, message: str) -> None:
        if self.locked:
            return
        if self.current_page() == PAGE_INTAKE and self.intake is not None:
            shown = getattr(self.intake, "show_scan_rejected", None)
            if shown is not None:
                shown(message)
        self.show_banner(self.tr("Không đọc được mã vừa quét: {message}").format(message=message))

    def show_banner(self, text: str, *, ok: bool = False) -> None:
        self.banner.setObjectName("bannerInfo" if ok else "banner")
        self.style().unpolish(self.banner)
        self.style().polish(self.banner)
        self.banner.setText(text)
        self.banner.show()
        self._banner_timer.start(BANNER_MS)
        self.banner_shown.emit(text)

    # --- intake ---------------------------------------------------------------------------

    def _on_dossier_received(self, dossier: Dossier) -> None:
        """Show the slip at once: it is rendered in the pool and opens in the preview."""
        self.show_banner(self.tr("Đã tiếp nhận hồ sơ {code}.").format(code=dossier.code), ok=True)
        self._print_after_intake(dossier, "slip")
        self._on_dossier_changed(dossier)

    def _on_dossier_refused(self, dossier: Dossier) -> None:
        self.show_banner(self.tr("Đã ghi từ chối hồ sơ {code}.").format(code=dossier.code))
        self._print_after_intake(dossier, "refusal")
        self._on_dossier_changed(dossier)

    def _print_after_intake(self, dossier: Dossier, form: str) -> None:
        from desk.printing.registry import FORMS  # reportlab: loaded when first printing
        from desk.services.printing import render_dossier_form

        ctx, code = self.ctx, str(dossier.code)
        description = FORMS[form].description
        title = f"{description[:1].upper()}{description[1:]} — {code}"
        Job(lambda: render_dossier_form(ctx, form, code)).start(
            lambda pdf: self._show_pdf_later(title, pdf, f"{form}-{code}.pdf"),
            lambda error: self.show_banner(error_message(error)),
        )

    def _on_supplement_requested(self, request: Any, supplement: Any) -> None:
        """Guidance at intake (form 02) for papers that are still missing: nothing is
        recorded, the citizen takes the list of what to bring back."""
        from desk.services.printing import render_intake_supplement as render

        ctx = self.ctx
        title = self.tr("Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ")
        Job(lambda: render(ctx, request, supplement, self.user)).start(
            lambda pdf: self._show_pdf_later(title, pdf, "phieu-bo-sung.pdf"),
            lambda error: self.show_banner(error_message(error)),
        )

    def _on_dossier_changed(self, _dossier: Dossier) -> None:
        self.today.refresh()
        self._list_stale = True

    # --- printing -------------------------------------------------------------------------

    def _show_pdf_later(self, title: str, pdf: bytes, file_name: str) -> None:
        self.show_pdf(title, pdf, file_name)

    def show_pdf(self, title: str, pdf: bytes, file_name: str = "") -> PrintPreviewDialog:
        from desk.ui.print_preview import PrintPreviewDialog  # QtPdf: loaded when first used

        if self.preview is not None:
            self.preview.close()
            self.preview.deleteLater()
        preview = PrintPreviewDialog(pdf, title, self, file_name=file_name)
        self.preview = preview
        if self.locked:
            self._hidden_for_lock.append(preview)
        else:
            preview.show()
            preview.raise_()
            preview.activateWindow()
        self.preview_shown.emit(preview)
        return preview

    # --- the idle lock --------------------------------------------------------------------

    def lock(self) -> None:
        if self.locked:
            return
        self.locked = True
        self.idle.pause()
        for widget in QApplication.topLevelWidgets():
            if widget is not self and widget.isVisible() and isinstance(widget, QDialog):
                widget.hide()
                self._hidden_for_lock.append(widget)
        for action in self.shortcut_actions.values():
            action.setEnabled(False)
        self.lock_screen.show_over()
        self.locked_changed.emit(True)

    def unlock(self) -> None:
        if not self.locked:
            return
        self.locked = False
        self.lock_screen.hide()
        for action in self.shortcut_actions.values():
            action.setEnabled(True)
        for widget in self._hidden_for_lock:
            widget.show()
        self._hidden_for_lock = []
        self.idle.poke()
        self.locked_changed.emit(False)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self.lock_screen.isVisible():
            self.lock_screen.setGeometry(self.rect())

    def closeEvent(self, event) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self.idle)
            if self.scanner is not None:
                app.removeEventFilter(self.scanner)
        if self.preview is not None:
            self.preview.close()
        super().closeEvent(event)
