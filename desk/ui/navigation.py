"""The main window's navigation bar: the screens (F1–F4; sync and the month's figures for
supervisors, ``SupervisorPage``), settings, the account's own tools (password, switch user,
sign out) and the lock, each a button and, where it has one, a keyboard shortcut of the
window. An entry whose permission the account's role lacks stays in view, disabled, its
tooltip saying why."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QButtonGroup, QLabel, QSizePolicy, QToolButton, QVBoxLayout, QWidget

from desk.domain.access import Permission, allows, least_role
from desk.domain.office import Role
from desk.ui.labels import shown_label
from desk.ui.ops import Operation

if TYPE_CHECKING:
    from desk.ui.supervisor import SupervisorScreen


@dataclass(frozen=True, slots=True)
class NavEntry:
    key: str
    caption: str
    shortcut: str  # "" for none
    handler: Callable[[], None]
    permission: Permission | None = None  # what the role must allow; None: everyone


def refusal_tip(role: Role, permission: Permission) -> str:
    """Why an action is off for this role, in the window's language."""
    return QCoreApplication.translate(
        "NavBar", "Tài khoản {role} không được phép {what}; việc này cần tài khoản {least}."
    ).format(
        role=shown_label(role),
        what=shown_label(permission),
        least=shown_label(least_role(permission)),
    )


class NavBar(QWidget):
    """``pages`` are checkable (the screen shown is checked); ``tools`` are plain buttons
    at the bottom. Shortcuts are actions of ``window``; the lock turns them off."""

    def __init__(
        self,
        window: QWidget,
        *,
        title: str,
        office_name: str,
        user_text: str,
        pages: Sequence[NavEntry],
        tools: Sequence[NavEntry],
        role: Role | None = None,
    ):
        super().__init__(window)
        self.setObjectName("navBar")
        self.setFixedWidth(230)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self._window = window
        self._role = role
        self.refused: set[str] = set()  # entries the role may not use
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 16, 10, 12)
        layout.setSpacing(4)
        heading = QLabel(title)
        heading.setObjectName("navTitle")
        heading.setStyleSheet("font-size: 16pt;")
        layout.addWidget(heading)
        office = QLabel(office_name)
        office.setObjectName("navUser")
        office.setWordWrap(True)
        layout.addWidget(office)
        layout.addSpacing(14)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.buttons: dict[str, QToolButton] = {}
        self.actions: dict[str, QAction] = {}
        for entry in pages:
            button = self._button(entry, layout)
            button.setCheckable(True)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            self.group.addButton(button)
        layout.addStretch()
        user = QLabel(user_text)
        user.setObjectName("navUser")
        user.setWordWrap(True)
        layout.addWidget(user)
        for entry in tools:
            self._button(entry, layout)
        for button in self.buttons.values():
            button.setMinimumWidth(206)

    def _button(self, entry: NavEntry, layout: QVBoxLayout) -> QToolButton:
        button = QToolButton()
        button.setObjectName("navButton")
        button.setText(f"{entry.caption}   {entry.shortcut}" if entry.shortcut else entry.caption)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        button.clicked.connect(lambda _checked=False, h=entry.handler: h())
        layout.addWidget(button)
        self.buttons[entry.key] = button
        if entry.shortcut:
            action = QAction(entry.caption, self._window)
            action.setShortcut(QKeySequence(entry.shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.triggered.connect(lambda _checked=False, h=entry.handler: h())
            self._window.addAction(action)
            self.actions[entry.key] = action
        if (
            entry.permission is not None
            and self._role is not None
            and not allows(self._role, entry.permission)
        ):
            self.refused.add(entry.key)
            button.setEnabled(False)
            button.setToolTip(refusal_tip(self._role, entry.permission))
            if entry.key in self.actions:
                self.actions[entry.key].setEnabled(False)
        return button

    def mark(self, key: str) -> None:
        """Check the button of the screen shown; none for a screen without one."""
        button = self.buttons.get(key)
        if button is not None:
            button.setChecked(True)
            return
        checked = self.group.checkedButton()
        if checked is not None:
            self.group.setExclusive(False)
            checked.setChecked(False)
            self.group.setExclusive(True)

    def set_shortcuts_enabled(self, enabled: bool) -> None:
        for key, action in self.actions.items():
            action.setEnabled(enabled and key not in self.refused)


PAGE_SUPERVISOR = "supervisor"


def _load_figures_code() -> None:
    """The screen's Python below the window (never Qt: a Qt module loaded outside the GUI
    thread while the window is built crashes it)."""
    from desk.domain.service_index import shipped_service_index
    from desk.services import figures  # noqa: F401

    shipped_service_index()


class SupervisorPage:
    """What the main window adds for the supervisor's screen «Số liệu của tháng» (a mixin,
    as ``BackupTools`` is): its entry in the bar for the accounts that may see the figures
    (Permission.REPORTS; a clerk never sees it), and the screen, built when first opened,
    whose rows open a dossier in the window. The window provides ``ctx``, ``user``,
    ``locked``, ``_add_page``, ``show_page`` and ``open_dossier``."""

    supervisor_screen: SupervisorScreen | None = None

    def supervisor_entries(self) -> list[NavEntry]:
        window: Any = self
        if not allows(window.user.role, Permission.REPORTS):
            return []
        caption = QCoreApplication.translate("MainWindow", "Số liệu của tháng")
        return [NavEntry(PAGE_SUPERVISOR, caption, "", self.open_supervisor)]

    def warm_up_supervisor(self) -> None:
        """The figures' code loaded in the pool once the window shows its first figures
        (sooner, it held the GIL against their count), so that the first click on the
        entry shows the screen sooner."""
        window: Any = self
        if allows(window.user.role, Permission.REPORTS):
            Operation(_load_figures_code).start()

    def open_supervisor(self) -> SupervisorScreen | None:
        window: Any = self
        if window.locked or not allows(window.user.role, Permission.REPORTS):
            return None
        if self.supervisor_screen is None:
            from desk.ui.supervisor import SupervisorScreen  # Qt Charts: loaded when first used

            screen = SupervisorScreen(window.ctx, window)
            screen.dossier_opened.connect(window.open_dossier)
            window._add_page(PAGE_SUPERVISOR, screen)
            self.supervisor_screen = screen
        window.show_page(PAGE_SUPERVISOR)
        return self.supervisor_screen
