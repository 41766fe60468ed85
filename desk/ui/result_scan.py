"""The hand-back's «Bản quét kết quả» row: the scan of the result, attached as the result is
handed back (the digitisation of results, DOMAIN §9). Optional: the hand-back never waits
for it.

A file chosen (the button, or dropped on the row as on the intake's documents) is stored at
once with the checks of every scan (``desk.services.attachments.store_attachment``: PDF,
JPEG or PNG by content, at most the province's 20 MB), so a bad file is refused with its
reason while the citizen is still at the counter; the stored copy is what the hand-back
names (``scan_path``), whatever happens to the original meanwhile.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import Signal
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QPushButton, QWidget

from desk.services import attachments
from desk.services.context import DeskContext
from desk.ui.ops import Operation, error_message
from desk.ui.style import DANGER, OK


class ResultScanRow(QWidget):
    """Choose or drop the result's scan; ``stored`` is the scan kept, None for none."""

    changed = Signal()  # a scan was kept, refused or taken off

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.stored: attachments.StoredAttachment | None = None
        self._attempt = 0
        self.setAcceptDrops(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.choose_button = QPushButton(self.tr("Chọn tệp…"))
        self.choose_button.setObjectName("resultScanChoose")
        self.choose_button.setToolTip(
            self.tr("Tệp PDF hoặc ảnh (JPEG, PNG) của kết quả; có thể kéo thả tệp vào đây.")
        )
        self.choose_button.clicked.connect(self.choose_file)
        self.name = QLabel()
        self.name.setObjectName("resultScanName")
        self.name.setWordWrap(True)
        self.remove_button = QPushButton(self.tr("Bỏ bản quét"))
        self.remove_button.setObjectName("resultScanRemove")
        self.remove_button.clicked.connect(self.reset)
        layout.addWidget(self.choose_button)
        layout.addWidget(self.name, 1)
        layout.addWidget(self.remove_button)
        self.reset()

    # --- state ----------------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        """A chosen file is being checked and stored."""
        return Operation.busy(self.choose_button)

    def scan_path(self) -> Path | None:
        """The stored copy of the scan to name in the hand-back (None: no scan)."""
        return self.stored.path if self.stored is not None else None

    def reset(self) -> None:
        """No scan (a new dossier, or the clerk took it off); a file still being stored
        is forgotten when it arrives."""
        self._attempt += 1
        self.stored = None
        self._say(self.tr("Chưa có (không bắt buộc)."), "")
        self.remove_button.hide()
        self.changed.emit()

    def show_recorded(self, scanned: bool) -> None:
        """A dossier already handed back: whether its result was scanned then."""
        self.reset()
        if scanned:
            self._say(self.tr("Đã lưu bản quét kết quả khi trả."), OK)

    # --- choosing -------------------------------------------------------------------------

    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Chọn bản quét kết quả"),
            str(Path.home()),
            self.tr("Bản quét (*.pdf *.jpg *.jpeg *.png)"),
        )
        if path:
            self.attach(path)

    def attach(self, path: str) -> None:
        """Check and store ``path`` in the background; its name, or why it was refused,
        shows in the row."""
        if self.busy:
            return
        self._attempt += 1
        attempt, ctx, source = self._attempt, self.ctx, Path(path)
        self.stored = None
        self.remove_button.hide()
        self._say(self.tr("Đang lưu «{name}»…").format(name=source.name), "")
        self.changed.emit()
        Operation(
            lambda: attachments.store_attachment(ctx, source), owner=self.choose_button
        ).on_success(lambda stored: self._on_stored(attempt, stored)).on_failure(
            lambda error: self._on_refused(attempt, error)
        ).start()

    def _on_stored(self, attempt: int, stored: attachments.StoredAttachment) -> None:
        if not shiboken6.isValid(self) or attempt != self._attempt:
            return
        self.stored = stored
        self._say(self.tr("Đã đính kèm «{name}».").format(name=stored.original_name), OK)
        self.remove_button.show()
        self.changed.emit()

    def _on_refused(self, attempt: int, error: object) -> None:
        if not shiboken6.isValid(self) or attempt != self._attempt:
            return
        message = error_message(error, self.tr("Không lưu được bản quét (lỗi đã ghi vào nhật ký)."))
        self._say(message + " " + self.tr("Vẫn trả kết quả được khi không có bản quét."), DANGER)
        self.changed.emit()

    def _say(self, text: str, colour: str) -> None:
        self.name.setStyleSheet(f"color: {colour};" if colour else "")
        self.name.setText(text)

    # --- dropping -------------------------------------------------------------------------

    def dragEnterEvent(self, event: Any) -> None:
        if event.mimeData().hasUrls() and self.isEnabled():
            event.acceptProposedAction()
        else:
            super().dragEnterEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        files = [url.toLocalFile() for url in event.mimeData().urls() if url.isLocalFile()]
        if not files:
            super().dropEvent(event)
            return
        event.acceptProposedAction()
        self.attach(files[0])
