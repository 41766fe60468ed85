"""This desk's settings the clerk may change, one row per setting declared with a label in
``desk.config.SETTINGS`` (today: language, idle lock, desk name, the second backup place)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desk.config import (
    DIALOG_SETTINGS,
    LABEL_CONTEXT,
    DeskConfig,
    Setting,
    save_config,
    with_settings,
)
from desk.errors import DeskError
from desk.ui.i18n import LANGUAGES, install_translator

# The lists of choices a setting may name (desk.config does not import the UI).
CHOICES: dict[str, Mapping[str, str]] = {"languages": LANGUAGES}
# Text settings that name a folder: typed, or picked with «Chọn…».
FOLDER_SETTINGS = frozenset({"backup_second_dir"})


class FolderEdit(QWidget):
    """A folder's path: a line to type it (a network path) and «Chọn…» to pick it."""

    def __init__(self, value: str, parent: QWidget | None = None):
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.line = QLineEdit(value)
        self.line.setPlaceholderText(self.tr("Không có"))
        self.pick_button = QPushButton(self.tr("Chọn…"))
        self.pick_button.clicked.connect(self.pick)
        row.addWidget(self.line, 1)
        row.addWidget(self.pick_button)

    def pick(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Chọn thư mục"), self.line.text().strip()
        )
        if folder:
            self.line.setText(folder)

    def text(self) -> str:
        return self.line.text().strip()


def _translate(text: str) -> str:
    """A label declared in desk.config, in the desk's language."""
    return QCoreApplication.translate(LABEL_CONTEXT, text) if text else text


def _editor(setting: Setting, value: Any) -> QWidget:
    if setting.choices:
        combo = QComboBox()
        for code, name in CHOICES[setting.choices].items():
            combo.addItem(name, code)
        combo.setCurrentIndex(max(0, combo.findData(value)))
        return combo
    if setting.kind is int:
        spin = QSpinBox()
        spin.setRange(int(setting.minimum or 0), int(setting.maximum or 2_147_483_647))
        spin.setSuffix(_translate(setting.suffix))
        spin.setSpecialValueText(_translate(setting.special_value))
        spin.setValue(value)
        return spin
    if setting.kind is str and setting.name in FOLDER_SETTINGS:
        return FolderEdit(value)
    if setting.kind is str:
        return QLineEdit(value)
    raise TypeError(f"the Settings dialog has no editor for {setting.name} ({setting.kind})")


def _value(editor: QWidget) -> Any:
    if isinstance(editor, QComboBox):
        return str(editor.currentData())
    if isinstance(editor, QSpinBox):
        return editor.value()
    if isinstance(editor, FolderEdit):
        return editor.text()  # a path's spaces are its own
    assert isinstance(editor, QLineEdit)
    return " ".join(editor.text().split())


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
        # One editor per declared setting, by Setting.name; object names from the declaration.
        self.editors: dict[str, QWidget] = {}
        for setting in DIALOG_SETTINGS:
            editor = _editor(setting, setting.get(config))
            editor.setObjectName(setting.editor)
            self.editors[setting.name] = editor
            form.addRow(_translate(setting.label), editor)
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
        values: dict[str, Any] = {}
        for setting in DIALOG_SETTINGS:
            value = _value(self.editors[setting.name])
            if setting.required and not value:
                self.error.setText(_translate(setting.required))
                self.editors[setting.name].setFocus()
                return
            values[setting.name] = value
        new = with_settings(self.config, values)
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
