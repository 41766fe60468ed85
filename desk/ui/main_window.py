"""The desk's main window: today's figures, intake (F2), the dossier list (F3), hand back
(F4), one dossier, the scanner, print previews, the idle lock, and for supervisors sync.

The window acts for one account (``ctx.act_as(user)``): the services check its role, and
the navigation shows what the role may not do as disabled, with the reason. Signing out
or switching ends the window (``end_session``: the unfinished intake kept as the account's
draft, dialogs showing citizens' data closed); ``desk.ui.session`` asks who signs in next.
The screens refresh themselves from ``desk_signals().dossier_changed``; the window routes
between them (pages, scanner, lock) and shows what they print; the bar is ``navigation``."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import QObject, QSize, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desk.domain.access import Permission, allows
from desk.domain.office import User
from desk.services.context import DeskContext
from desk.services.today import Period
from desk.ui import later_code
from desk.ui.app_filters import app_filters
from desk.ui.backup_tools import BackupTools
from desk.ui.geometry import fit_window, scrolling
from desk.ui.idle_lock import IdleLock
from desk.ui.intake_host import IntakeHost, make_intake_view
from desk.ui.labels import shown_label
from desk.ui.navigation import NavBar, NavEntry, SupervisorPage
from desk.ui.ops import Operation
from desk.ui.printouts import Printout
from desk.ui.scan_routing import ScanRouting
from desk.ui.settings import SettingsDialog
from desk.ui.sign_in import IdleWatcher, LockScreen
from desk.ui.style import show_notice
from desk.ui.today import TodayPanel

if TYPE_CHECKING:  # the hidden screens load after the first figures (``later_code``)
    from desk.ui.dossier_list import DossierListView
    from desk.ui.dossier_view import DossierView
    from desk.ui.handback import HandBackView
    from desk.ui.print_preview import PrintPreviewDialog

log = logging.getLogger(__name__)

BANNER_MS = 10_000

PAGE_TODAY = "today"
PAGE_INTAKE = "intake"
PAGE_LIST = "list"
PAGE_DOSSIER = "dossier"
PAGE_HANDBACK = "handback"
PAGE_SYNC = "sync"
BUILD_AFTER_PAUSE_S = 0.3  # the hidden screens are built when no key or wheel moved so long


def _make_sync_panel(ctx: DeskContext, parent: QWidget) -> QWidget:
    from desk.ui.sync_panel import SyncPanel  # supervisors only, when first opened

    return SyncPanel(ctx, parent)


class MainWindow(ScanRouting, BackupTools, SupervisorPage, IdleLock, QMainWindow):
    """Collaborators may be injected (tests): the scanner listener, the intake and sync
    screens' factories, and the idle time before the lock."""

    counts_shown = Signal(object)  # DeskFigures
    page_changed = Signal(str)
    preview_shown = Signal(object)  # PrintPreviewDialog
    locked_changed = Signal(bool)
    banner_shown = Signal(str)
    sign_out_requested = Signal()
    switch_requested = Signal()  # the window is locked; another account signs in
    closed = Signal()
    later_code_loaded = Signal()  # what loads after the first figures: desk.ui.collector
    restored = Signal(object, str)  # RestoreResult | None, message: desk.app reopens the desk

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
        ctx.act_as(user)  # what the screens ask the services is asked as this account
        self.ctx = ctx
        self.user = user
        self.locked = False
        self.ending = False  # signing out or switching: the window goes, the desk stays
        self.preview: PrintPreviewDialog | None = None
        self._hidden_for_lock: list[QWidget] = []
        office = ctx.office
        self.setWindowTitle(
            self.tr("Commune Desk — {agency} — {desk}").format(
                agency=office.agency_name, desk=ctx.config.desk_name
            )
        )
        fit_window(self, "main", QSize(1280, 820), maximise_when_cut=True)

        # The intake and sync screens are imported when first opened (a fast start).
        self._intake = IntakeHost(
            self,
            ctx,
            user,
            intake_factory or make_intake_view,
            on_created=lambda screen: self._add_page(PAGE_INTAKE, screen),
        )
        self._intake.notice.connect(lambda text, ok: self.show_banner(text, ok=ok))
        self._intake.printout_ready.connect(self._show_printout)
        self._sync_factory = (
            (sync_panel_factory or _make_sync_panel) if allows(user.role, Permission.SYNC) else None
        )

        central = QWidget()
        root = QHBoxLayout(central)
        root.setContentsMargins(0, 0, 0, 0)
        root.setSpacing(0)
        root.addWidget(self._nav_bar())
        page_side = QWidget()
        right = QVBoxLayout(page_side)
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
        self.page_area = scrolling(page_side)  # a small screen scrolls it; the bar stays
        root.addWidget(self.page_area, 1)
        self.setCentralWidget(central)

        self.pages: dict[str, QWidget] = {}
        self.today = TodayPanel(ctx)
        self.today.figures_shown.connect(self.counts_shown)
        self.today.figures_shown.connect(self._after_first_figures)
        self.today.period_requested.connect(self.show_list_period)
        self._add_page(PAGE_TODAY, self.today)
        # The hidden screens are built when first asked for, or after the first figures.
        self._unbuilt: dict[str, Callable[[], QWidget]] = {
            PAGE_LIST: self._make_list,
            PAGE_DOSSIER: self._make_dossier_view,
            PAGE_HANDBACK: self._make_handback,
        }
        self.sync_panel: QWidget | None = None
        self._page_builder = QTimer(self)  # the window's own: it stops with the window
        self._page_builder.setSingleShot(True)
        self._page_builder.timeout.connect(self._build_hidden_page)

        self._banner_timer = QTimer(self)
        self._banner_timer.setSingleShot(True)
        self._banner_timer.timeout.connect(self.banner.hide)
        self.statusBar().showMessage(
            self.tr("{name} ({role}) · {desk} · Cơ sở dữ liệu: {db}").format(
                name=user.full_name,
                role=shown_label(user.role),
                desk=ctx.config.desk_name,
                db=ctx.db.url.render_as_string(hide_password=True),
            )
        )

        self._authenticate = authenticate
        self._lock_screen: LockScreen | None = None  # built when first locked
        app = QApplication.instance()
        minutes = ctx.config.idle_lock_minutes
        self.idle = IdleWatcher(idle_ms if idle_ms is not None else minutes * 60_000, self)
        self.idle.idle.connect(self.lock)
        if app is not None:
            app_filters(app).add(self.idle)

        self.scanner = scanner if scanner is not None else self._default_scanner()
        if self.scanner is not None:
            self._connect_scanner(self.scanner)

        self.show_today()

    # --- building -------------------------------------------------------------------------

    def _nav_bar(self) -> NavBar:
        pages = [
            NavEntry(PAGE_TODAY, self.tr("Hôm nay"), "F1", self.show_today),
            NavEntry(
                PAGE_INTAKE, self.tr("Tiếp nhận mới"), "F2", self.new_intake, Permission.RECEIVE
            ),
            NavEntry(
                PAGE_LIST, self.tr("Danh sách hồ sơ"), "F3", self.show_list, Permission.SEARCH
            ),
            NavEntry(
                PAGE_HANDBACK,
                self.tr("Trả kết quả"),
                "F4",
                self.open_hand_back,
                Permission.HAND_BACK,
            ),
        ]
        if self._sync_factory is not None:
            pages.append(NavEntry(PAGE_SYNC, self.tr("Đồng bộ lên tỉnh"), "", self.open_sync))
        self.nav = NavBar(
            self,
            title=self.tr("Một cửa"),
            office_name=self.ctx.office.agency_name,
            user_text=f"{self.user.full_name}\n{shown_label(self.user.role)}",
            pages=[*pages, *self.supervisor_entries()],  # «Số liệu của tháng»: REPORTS
            tools=[
                NavEntry("settings", self.tr("Cài đặt"), "", self.open_settings),
                *self.backup_entries(),  # «Sao lưu», for supervisors and admins
                NavEntry("password", self.tr("Đổi mật khẩu"), "", self.open_change_password),
                NavEntry("switch", self.tr("Đổi người dùng"), "", self.switch_user),
                NavEntry("sign_out", self.tr("Đăng xuất"), "", self.sign_out),
                NavEntry("lock", self.tr("Khóa máy"), "Ctrl+L", self.lock),
            ],
            role=self.user.role,
        )
        self.nav_buttons = self.nav.buttons
        self.shortcut_actions = self.nav.actions
        return self.nav

    def _add_page(self, key: str, widget: QWidget) -> None:
        self.pages[key] = widget
        self.stack.addWidget(widget)

    def _page(self, key: str) -> QWidget:
        page = self.pages.get(key)
        if page is None:
            later_code.wait()  # its code: not imported here while the pool imports it
            page = self._unbuilt.pop(key)()
            self._add_page(key, page)
        return page

    def _make_list(self) -> QWidget:
        from desk.ui.dossier_list import DossierListView

        screen = DossierListView(self.ctx)
        screen.dossier_opened.connect(self.open_dossier)
        return screen

    def _make_dossier_view(self) -> QWidget:
        from desk.ui.dossier_view import DossierView

        screen = DossierView(self.ctx, self.user)
        screen.pdf_ready.connect(self.show_pdf)
        screen.hand_back_requested.connect(self.hand_back)
        screen.back_requested.connect(lambda: self.show_page(PAGE_LIST))
        return screen

    def _make_handback(self) -> QWidget:
        from desk.ui.handback import HandBackView

        screen = HandBackView(self.ctx, self.user)
        screen.pdf_ready.connect(self.show_pdf)
        return screen

    @property
    def dossier_list(self) -> DossierListView:
        return cast("DossierListView", self._page(PAGE_LIST))

    @property
    def dossier_view(self) -> DossierView:
        return cast("DossierView", self._page(PAGE_DOSSIER))

    @property
    def handback(self) -> HandBackView:
        return cast("HandBackView", self._page(PAGE_HANDBACK))

    def _build_hidden_page(self) -> None:
        # One screen a turn, in the clerk's pauses (one holds the GUI thread 20–60 ms), never
        if self._unbuilt and not self.ending:  # while locked: a restore may be under way
            paused = not self.locked and self.idle.idle_for_s() >= BUILD_AFTER_PAUSE_S
            if paused:
                self._page(next(iter(self._unbuilt)))
            self._page_builder.start(0 if paused else 150)

    # --- pages ----------------------------------------------------------------------------

    def current_page(self) -> str:
        widget = self.stack.currentWidget()
        for key, page in self.pages.items():
            if page is widget:
                return key
        return ""

    def show_page(self, key: str) -> None:
        known = key in self.pages or key in self._unbuilt
        if self.locked or not known or key in self.nav.refused:
            return
        self.stack.setCurrentWidget(self._page(key))
        self.nav.mark(key)
        if key == PAGE_LIST:
            self.dossier_list.ensure_loaded()  # reloaded if a dossier changed meanwhile
            self.dossier_list.table.setFocus()
        elif key == PAGE_HANDBACK:
            self.handback.code.setFocus()
        self.page_changed.emit(key)

    def show_today(self) -> None:
        self.show_page(PAGE_TODAY)
        self.today.refresh()

    def _after_first_figures(self, _figures: object) -> None:
        # The hidden screens' and the printing code load in the pool while the clerk looks
        # at the figures (sooner, they held the GIL against the start), then the screens.
        self.today.figures_shown.disconnect(self._after_first_figures)
        Operation(later_code.load).on_success(self._build_hidden_pages).start()
        self.warm_up_supervisor()

    def _build_hidden_pages(self, _loaded: object) -> None:
        self.later_code_loaded.emit()
        self._page_builder.start(0)
        self.backups_may_start()

    def show_list(self) -> None:  # F3: the list, ready to type a search
        self.show_page(PAGE_LIST)
        if self.current_page() == PAGE_LIST:
            self.dossier_list.focus_search()

    def show_list_period(self, period: Period) -> None:
        self.show_page(PAGE_LIST)
        self.dossier_list.show_period(period)

    @property
    def intake(self) -> QWidget | None:
        return self._intake.screen

    def ensure_intake(self) -> QWidget:
        return self._intake.ensure()

    def new_intake(self) -> None:
        """F2: a new intake. Typed input is never thrown away without asking."""
        if self.locked or PAGE_INTAKE in self.nav.refused:
            return
        already_open = self.intake is not None and self.current_page() == PAGE_INTAKE
        if self._intake.start_new(already_open=already_open):
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
            self._add_page(PAGE_SYNC, self.sync_panel)
        self.show_page(PAGE_SYNC)

    def open_settings(self) -> None:
        if self.locked:
            return
        dialog = SettingsDialog(self.ctx.config, self)
        dialog.saved.connect(self._on_settings)
        self.settings_dialog = dialog
        dialog.open()

    def open_change_password(self) -> None:
        from desk.ui.account import ChangePasswordDialog

        if self.locked:
            return
        dialog = ChangePasswordDialog(self.ctx, self)
        dialog.changed.connect(lambda: self.show_banner(self.tr("Đã đổi mật khẩu."), ok=True))
        self.password_dialog = dialog
        dialog.open()

    def _on_settings(self, config: Any) -> None:
        self.ctx.config = config
        self.idle.set_timeout(config.idle_lock_minutes * 60_000)
        self.show_banner(self.tr("Đã lưu cài đặt."), ok=True)

    def show_banner(self, text: str, *, ok: bool = False) -> None:
        show_notice(self.banner, text, ok=ok)
        self._banner_timer.start(BANNER_MS)
        self.banner_shown.emit(text)

    # --- printing -------------------------------------------------------------------------

    def _show_printout(self, printout: Printout) -> None:
        self.show_pdf(printout.title, printout.pdf, printout.file_name)

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

    def closeEvent(self, event) -> None:
        app = QApplication.instance()
        if app is not None:
            app_filters(app).remove(self.idle, self.scanner)
        if self.preview is not None:
            self.preview.close()
        super().closeEvent(event)
        self.closed.emit()
