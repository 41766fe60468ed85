"""This desk's settings the clerk may change: language, idle lock, desk name."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desk.config import DeskConfig, save_config
from desk.errors import DeskError
from desk.ui.i18n import LANGUAGES, install_translator


class SettingsDialog(QDialog):
    saved = Signal(object)  # the new DeskConfig

    def __init__(self, config: DeskConfig, parent: QWidget | None = None, *, persist: bool = True):
        super().__init__(parent)
        self.config = config
        self._persist = persist
        self.setWindowTitle(self.tr("Cài đặt máy này"))
        self.setMinimumWidth(440)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.language = QComboBox()
        self.language.setObjectName("language")
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(config.language)))
        self.idle = QSpinBox()
        self.idle.setObjectName("idleMinutes")
        self.idle.setRange(0, 240)
        self.idle.setSuffix(self.tr(" phút"))
        self.idle.setSpecialValueText(self.tr("Không tự khóa"))
        self.idle.setValue(config.idle_lock_minutes)
        self.desk_name = QLineEdit(config.desk_name)
        self.desk_name.setObjectName("deskName")
        form.addRow(self.tr("Ngôn ngữ"), self.language)
        form.addRow(self.tr("Tự khóa máy sau"), self.idle)
        form.addRow(self.tr("Tên quầy"), self.desk_name)
        layout.addLayout(form)
        note = QLabel(
            self.tr(
                "Ngôn ngữ mới áp dụng cho các màn hình mở sau; mở lại chương trình để đổi toàn bộ."
            )
        )
        note.setWordWrap(True)
        note.setStyleSheet("color: #555;")
        layout.addWidget(note)
        self.error = QLabel("")
        self.error.setObjectName("error")
        layout.addWidget(self.error)
        row = QHBoxLayout()
        row.addStretch()
        cancel = QPushButton(self.tr("Hủy"))
        self.save_button = QPushButton(self.tr("Lưu"))
        self.save_button.setProperty("primary", True)
        row.addWidget(cancel)
        row.addWidget(self.save_button)
        layout.addLayout(row)
        cancel.clicked.connect(self.reject)
        self.save_button.clicked.connect(self.save)

    def save(self) -> None:
        name = " ".join(self.desk_name.text().split())
        if not name:
            self.error.setText(self.tr("Tên quầy không được để trống."))
            return
        new = replace(
            self.config,
            language=str(self.language.currentData()),
            idle_lock_minutes=self.idle.value(),
            desk_name=name,
        )
        if self._persist:
            try:
                save_config(new)
            except (OSError, DeskError) as error:
                self.error.setText(self.tr("Không lưu được cài đặt: {e}").format(e=error))
                return
        if new.language != self.config.language:
            install_translator(new.language)
        self.config = new
        self.saved.emit(new)
        self.accept()
