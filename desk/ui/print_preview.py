"""Print preview of a form (QtPdf), printing at 300 dpi (QPrinter), and saving as PDF.

The forms are PDF bytes made by desk.printing (reportlab). The preview shows them with
QPdfView; printing renders each page with QPdfDocument at the printer's 300 dpi, on white
(QPdfDocument renders on a transparent background), and paints it on the QPrinter in the
thread pool: QPainter may paint on a QPrinter outside the GUI thread, so a long book never
freezes the window.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QIODevice,
    QMarginsF,
    QObject,
    QRect,
    QSize,
    QSizeF,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QImage, QKeySequence, QPageLayout, QPageSize, QPainter, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrinterInfo
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desk.ui.geometry import fit_window
from desk.ui.ops import Operation

PRINT_DPI = 300


def load_pdf(data: bytes, parent: QObject | None = None) -> tuple[QPdfDocument, QBuffer]:
    """A QPdfDocument over the bytes; keep the buffer alive as long as the document."""
    document = QPdfDocument(parent) if parent is not None else QPdfDocument()
    buffer = QBuffer(parent)
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document.load(buffer)
    return document, buffer


def page_image(document: QPdfDocument, page: int, dpi: int) -> QImage:
    """One page at ``dpi`` on white paper."""
    points = document.pagePointSize(page)
    size = QSize(round(points.width() * dpi / 72), round(points.height() * dpi / 72))
    rendered = document.render(page, size)
    image = QImage(size, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.drawImage(0, 0, rendered)
    painter.end()
    return image


def prepare_printer(printer: QPrinter, first_page: QSizeF) -> None:
    """300 dpi (Qt's HighResolution means 1200 dpi: 1.9 s a page), the form's own paper,
    no extra margin (the form carries its margins)."""
    printer.setResolution(PRINT_DPI)
    portrait = first_page.height() >= first_page.width()
    size = QSizeF(
        min(first_page.width(), first_page.height()), max(first_page.width(), first_page.height())
    )
    layout = QPageLayout(
        QPageSize(size, QPageSize.Unit.Point, "", QPageSize.SizeMatchPolicy.FuzzyMatch),
        QPageLayout.Orientation.Portrait if portrait else QPageLayout.Orientation.Landscape,
        QMarginsF(0, 0, 0, 0),
    )
    printer.setPageLayout(layout)
    printer.setFullPage(True)


def print_pdf(data: bytes, printer: QPrinter) -> int:
    """Paint every page of the PDF on ``printer``; the number of pages. Runs in any thread."""
    document, buffer = load_pdf(data)
    try:
        if document.status() != QPdfDocument.Status.Ready:
            raise RuntimeError("PDF không đọc được")
        painter = QPainter()
        if not painter.begin(printer):
            raise RuntimeError("Không mở được máy in")
        try:
            for page in range(document.pageCount()):
                if page:
                    printer.newPage()
                image = page_image(document, page, printer.resolution())
                target = QRect(painter.viewport())
                scaled = image.size().scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
                painter.drawImage(QRect(target.topLeft(), scaled), image)
        finally:
            painter.end()
        return document.pageCount()
    finally:
        document.close()
        buffer.close()


def print_file_name(title: str) -> str:
    """The print job's name and the file a "print to file" suggests: the whole title and
    ".pdf". Qt's print dialog takes what follows the last dot of a job's name for an
    extension, so a title ending in a dossier code (000.17.22.H56-…) needs its own."""
    return title.replace("/", "-").replace("\\", "-") + ".pdf"


def suggest_output_file(dialog: QPrintDialog, name: str) -> None:
    """Put ``name`` in the print dialog's "print to file" box. Qt's own dialog fills it from
    the job's name only under X11 (under Wayland it offers a bare folder); native dialogs
    have no such box and use the job's name."""
    field = dialog.findChild(QLineEdit, "filename")
    if field is None or dialog.printer().outputFileName():
        return
    current = field.text()
    if not current:
        folder = Path.home()
    elif current.endswith(("/", os.sep)) or Path(current).is_dir():
        folder = Path(current)
    else:
        folder = Path(current).parent
    field.setText(str(folder / name))


class PrintPreviewDialog(QDialog):
    """The form as it will print, with «In» (print), «Lưu PDF» (save) and «Đóng» (close)."""

    printed = Signal(int)  # pages sent to the printer
    saved = Signal(str)  # path
    failed = Signal(str)

    def __init__(
        self,
        pdf: bytes,
        title: str,
        parent: QWidget | None = None,
        *,
        file_name: str = "",
        choose_save_path: Callable[[str], str] | None = None,
    ):
        super().__init__(parent)
        self.pdf = pdf
        self.title = title
        self.file_name = file_name or "bieu-mau.pdf"
        self._choose_save_path = choose_save_path or self._ask_save_path
        self.setWindowTitle(self.tr("Xem trước khi in — {title}").format(title=title))
        fit_window(self, "print-preview", QSize(820, 900))  # «In», «Đóng» stay on screen
        # The view first: children are destroyed in the order they were made, and a QPdfView
        # that outlives its document warns (QPdfLinkModel connected to a null document).
        self.view = QPdfView(self)
        self.document, self._buffer = load_pdf(pdf, self)
        layout = QVBoxLayout(self)
        heading = QLabel(title)
        heading.setObjectName("pageTitle")
        heading.setWordWrap(True)
        layout.addWidget(heading)
        self.view.setObjectName("pdfView")
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setPageSpacing(12)
        self.view.setStyleSheet("background: #8a8a8a;")
        layout.addWidget(self.view, 1)
        self.info = QLabel(self._describe())
        self.info.setObjectName("previewInfo")
        self.info.setWordWrap(True)
        layout.addWidget(self.info)
        buttons = QHBoxLayout()
        self.save_button = QPushButton(self.tr("Lưu PDF…"))
        self.print_button = QPushButton(self.tr("In (Ctrl+P)"))
        self.print_button.setProperty("primary", True)
        self.close_button = QPushButton(self.tr("Đóng"))
        buttons.addWidget(self.save_button)
        buttons.addStretch()
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.print_button)
        layout.addLayout(buttons)
        self.print_button.clicked.connect(self.choose_printer)
        self.save_button.clicked.connect(self.save)
        self.close_button.clicked.connect(self.close)
        shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Print), self)
        shortcut.activated.connect(self.choose_printer)
        self.print_button.setFocus()
        self._print_dialog: QPrintDialog | None = None

    @property
    def page_count(self) -> int:
        return self.document.pageCount()

    def _describe(self) -> str:
        if self.document.status() != QPdfDocument.Status.Ready:
            return self.tr("Không hiển thị được biểu mẫu.")
        size = self.document.pagePointSize(0)
        paper = QPageSize.id(
            QSizeF(size.width(), size.height()),
            QPageSize.Unit.Point,
            QPageSize.SizeMatchPolicy.FuzzyOrientationMatch,
        )
        name = (
            QPageSize.name(paper) if paper != QPageSize.PageSizeId.Custom else self.tr("khổ cuộn")
        )
        return self.tr("{pages} trang · {paper}").format(pages=self.page_count, paper=name)

    # --- printing -------------------------------------------------------------------------

    def make_printer(self) -> QPrinter:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        default = QPrinterInfo.defaultPrinter()
        if not default.isNull():
            printer.setPrinterName(default.printerName())
        printer.setDocName(print_file_name(self.title))
        prepare_printer(printer, self.document.pagePointSize(0))
        return printer

    def choose_printer(self) -> None:
        """The system's print dialog; the form goes to the printer the clerk picks."""
        printer = self.make_printer()
        if not QPrinterInfo.availablePrinters():
            self.info.setText(
                self.tr(
                    "Máy này chưa cài máy in nào: có thể in ra tệp PDF trong hộp thoại in, "
                    "hoặc dùng «Lưu PDF…»."
                )
            )
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(self.tr("In {title}").format(title=self.title))
        dialog.accepted.connect(lambda: self.print_to(printer))
        self._print_dialog = dialog
        self._printer = printer
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.show()
        suggest_output_file(dialog, print_file_name(self.title))

    def print_to(self, printer: QPrinter) -> None:
        """Print in the thread pool; ``printed`` or ``failed`` tells how it went."""
        prepare_printer(printer, self.document.pagePointSize(0))
        printer.setDocName(print_file_name(self.title))
        self._printer = printer  # alive until the operation reports
        self.info.setText(self.tr("Đang gửi tới máy in…"))
        data = self.pdf
        Operation(lambda: print_pdf(data, printer), owner=self.print_button).on_success(
            self._on_printed
        ).on_failure(self._on_print_failed).start()

    def _on_printed(self, pages: int) -> None:
        where = self._printer.printerName() or self._printer.outputFileName()
        text = self.tr("Đã gửi {pages} trang tới {printer}.").format(pages=pages, printer=where)
        self.info.setText(text)
        self.printed.emit(pages)
        # Printed: nothing left to do here; the desk is back for the next citizen, and the
        # window under the preview says where the pages went.
        say = getattr(self.parentWidget(), "show_banner", None)
        if say is not None:
            say(text, ok=True)
        self.close()

    def _on_print_failed(self, error: object) -> None:
        message = self.tr("Không in được: {error}").format(error=error)
        self.info.setText(message)
        self.failed.emit(message)

    # --- saving ---------------------------------------------------------------------------

    def _ask_save_path(self, suggested: str) -> str:
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Lưu biểu mẫu thành PDF"), suggested, self.tr("Tệp PDF (*.pdf)")
        )
        return path

    def save(self) -> None:
        path = self._choose_save_path(str(Path.home() / self.file_name))
        if not path:
            return
        if not path.lower().endswith(".pdf"):
            path += ".pdf"
        try:
            Path(path).write_bytes(self.pdf)
        except OSError as error:
            message = self.tr("Không lưu được tệp: {error}").format(error=error.strerror or error)
            self.info.setText(message)
            self.failed.emit(message)
            return
        self.info.setText(self.tr("Đã lưu {path}").format(path=path))
        self.saved.emit(path)
