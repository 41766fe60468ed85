"""How the main window answers the barcode scanner: a dossier's code opens it (or picks it
on the hand-back screen), an ID card fills the intake form, a refused scan is explained.
Nothing is done while the window is locked."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication

from desk.ui.app_filters import app_filters

if TYPE_CHECKING:
    from desk.ui.handback import HandBackView

PAGE_INTAKE = "intake"
PAGE_HANDBACK = "handback"


class ScanRouting:
    """Mixed into ``MainWindow``: the scanner's three signals and where each goes."""

    if TYPE_CHECKING:
        locked: bool
        intake: Any

        @property
        def handback(self) -> HandBackView: ...

        def current_page(self) -> str: ...
        def open_dossier(self, code: str) -> None: ...
        def show_banner(self, text: str, *, ok: bool = False) -> None: ...
        def tr(self, text: str) -> str: ...

    def _default_scanner(self) -> QObject | None:
        from desk.ui.scanner import ScanListener

        listener = ScanListener(self)  # type: ignore[arg-type]
        app = QApplication.instance()
        if app is not None:
            app_filters(app).add(listener)
        return listener

    def _connect_scanner(self, scanner: QObject) -> None:
        scanner.code_scanned.connect(self._on_code_scanned)  # type: ignore[attr-defined]
        scanner.id_card_scanned.connect(self._on_id_card_scanned)  # type: ignore[attr-defined]
        scanner.scan_rejected.connect(self._on_scan_rejected)  # type: ignore[attr-defined]

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
                fill(card)  # the intake's banner says whom it filled: not a second time
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
                shown(message)  # said there, next to the form: not a second time
                return
        self.show_banner(self.tr("Không đọc được mã vừa quét: {message}").format(message=message))
