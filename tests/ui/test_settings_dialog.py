"""The Settings dialog: its rows come from the declaration in desk.config, and saving it
changes only what the clerk changed in desk.toml (data_dir, the database, the sequence block
and [province] stay as they were)."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import TypeVar

import pytest
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QLineEdit, QSpinBox

from desk.config import DIALOG_SETTINGS, config_dir, load_config
from desk.domain.codes import SequenceBlock
from desk.ui.i18n import LANGUAGES, install_translator
from desk.ui.settings import SettingsDialog

T = TypeVar("T", bound=QObject)

BEFORE = (
    'data_dir = "{data}"\n'
    'database_url = "sqlite:///{data}/office.sqlite"\n'
    'sequence_block = "5000-9999"\n'
    'desk_name = "Quầy 2"\n'
    'language = "vi"\n'
    "idle_lock_minutes = 10\n"
    'kiosk = "on"\n'
    "[province]\n"
    'url = "https://motcua.phutho.gov.vn/api"\n'
    'username = "motcua"\n'
    'password = "keyring:motcua"\n'
    "read_timeout_s = 45.0\n"
)


@pytest.fixture
def desk_toml(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("DESK_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("DESK_DATA_DIR", str(tmp_path / "env-data"))
    path = config_dir() / "desk.toml"
    path.parent.mkdir(parents=True)
    path.write_text(BEFORE.format(data=(tmp_path / "data").as_posix()), encoding="utf-8")
    return path


@pytest.fixture
def vietnamese():
    install_translator("vi")
    yield
    install_translator("vi")  # a test that chose English leaves the desk Vietnamese


def _child(dialog: SettingsDialog, kind: type[T], name: str = "") -> T:
    """The dialog's child of that type (and object name); the test fails if it is missing."""
    found = dialog.findChild(kind, name) if name else dialog.findChild(kind)
    assert found is not None, (kind.__name__, name)
    return found


def _rows(dialog: SettingsDialog) -> list[tuple[str, str]]:
    form = _child(dialog, QFormLayout)
    rows = []
    for row in range(form.rowCount()):
        label_item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
        field_item = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
        assert label_item is not None and field_item is not None
        label, field = label_item.widget(), field_item.widget()
        assert isinstance(label, QLabel) and field is not None
        rows.append((label.text(), field.objectName()))
    return rows


def test_the_rows_come_from_the_declaration(qtbot, desk_toml, vietnamese) -> None:
    dialog = SettingsDialog(load_config())
    qtbot.addWidget(dialog)
    assert _rows(dialog) == [
        ("Ngôn ngữ", "language"),
        ("Tự khóa máy sau", "idleMinutes"),
        ("Tên quầy", "deskName"),
        ("Nơi sao lưu thứ hai (USB, thư mục mạng)", "backupSecondDir"),
    ]
    assert [s.editor for s in DIALOG_SETTINGS] == [
        "language",
        "idleMinutes",
        "deskName",
        "backupSecondDir",
    ]
    language = _child(dialog, QComboBox, "language")
    assert [language.itemData(i) for i in range(language.count())] == list(LANGUAGES)
    assert language.currentData() == "vi"
    idle = _child(dialog, QSpinBox, "idleMinutes")
    assert (idle.minimum(), idle.maximum(), idle.value()) == (0, 240, 10)
    assert idle.suffix() == " phút" and idle.specialValueText() == "Không tự khóa"
    assert _child(dialog, QLineEdit, "deskName").text() == "Quầy 2"


def test_every_setting_round_trips_through_the_dialog(qtbot, desk_toml, vietnamese) -> None:
    before = load_config()
    raw_before = tomllib.loads(desk_toml.read_text(encoding="utf-8"))
    dialog = SettingsDialog(before)
    qtbot.addWidget(dialog)
    language = _child(dialog, QComboBox, "language")
    language.setCurrentIndex(language.findData("en"))
    _child(dialog, QSpinBox, "idleMinutes").setValue(0)
    _child(dialog, QLineEdit, "deskName").setText("  Quầy   Tư pháp – Hộ tịch ")
    with qtbot.waitSignal(dialog.saved, timeout=2000) as saved:
        dialog.save_button.click()
    assert dialog.error.text() == ""
    after = load_config()
    assert (after.language, after.idle_lock_minutes, after.desk_name) == (
        "en",
        0,
        "Quầy Tư pháp – Hộ tịch",
    )
    assert after == saved.args[0] == dialog.config
    # What the dialog does not show is exactly as it was.
    assert after.data_dir == before.data_dir == desk_toml.parent.parent / "data"
    assert after.database_url == before.database_url
    assert after.sequence_block == SequenceBlock(5000, 9999)
    assert after.province == before.province and after.province.read_timeout_s == 45.0
    raw = tomllib.loads(desk_toml.read_text(encoding="utf-8"))
    changed = {"language": "en", "idle_lock_minutes": 0, "desk_name": "Quầy Tư pháp – Hộ tịch"}
    assert raw == {**raw_before, **changed}  # kiosk (unknown) kept, no default added


def test_saving_again_with_nothing_changed_keeps_the_file(qtbot, desk_toml, vietnamese) -> None:
    text = desk_toml.read_text(encoding="utf-8")
    dialog = SettingsDialog(load_config())
    qtbot.addWidget(dialog)
    dialog.save_button.click()
    assert tomllib.loads(desk_toml.read_text(encoding="utf-8")) == tomllib.loads(text)


def test_an_empty_desk_name_is_refused(qtbot, desk_toml, vietnamese) -> None:
    text = desk_toml.read_text(encoding="utf-8")
    dialog = SettingsDialog(load_config())
    qtbot.addWidget(dialog)
    _child(dialog, QLineEdit, "deskName").setText("   ")
    with qtbot.assertNotEmitted(dialog.saved, wait=100):
        dialog.save_button.click()
    assert _child(dialog, QLabel, "error").text() == "Tên quầy không được để trống."
    assert desk_toml.read_text(encoding="utf-8") == text


def test_a_failed_save_is_shown_and_nothing_changes(
    qtbot, desk_toml, vietnamese, monkeypatch
) -> None:
    import desk.config

    text = desk_toml.read_text(encoding="utf-8")

    def full_disk(*args: object) -> None:
        raise OSError(28, "No space left on device")

    dialog = SettingsDialog(load_config())
    qtbot.addWidget(dialog)
    _child(dialog, QLineEdit, "deskName").setText("Quầy 6")
    monkeypatch.setattr(desk.config.os, "fsync", full_disk)
    with qtbot.assertNotEmitted(dialog.saved, wait=100):
        dialog.save_button.click()
    monkeypatch.undo()
    assert dialog.error.text().startswith("Không lưu được cài đặt: ")
    assert "No space" in dialog.error.text()
    assert desk_toml.read_text(encoding="utf-8") == text
    assert sorted(p.name for p in desk_toml.parent.iterdir()) == ["desk.toml"]


def test_without_persist_nothing_is_written(qtbot, desk_toml, vietnamese) -> None:
    text = desk_toml.read_text(encoding="utf-8")
    dialog = SettingsDialog(load_config(), persist=False)
    qtbot.addWidget(dialog)
    _child(dialog, QSpinBox, "idleMinutes").setValue(30)
    with qtbot.waitSignal(dialog.saved, timeout=2000) as saved:
        dialog.save_button.click()
    assert saved.args[0].idle_lock_minutes == 30
    assert desk_toml.read_text(encoding="utf-8") == text


def test_the_labels_are_translated(qtbot, desk_toml, vietnamese) -> None:
    assert install_translator("en")
    dialog = SettingsDialog(load_config())
    qtbot.addWidget(dialog)
    assert [label for label, _name in _rows(dialog)] == [
        "Language",
        "Lock after",
        "Desk name",
        "Second backup place (USB stick, network folder)",
    ]
    idle = _child(dialog, QSpinBox, "idleMinutes")
    assert idle.suffix() == " min" and idle.specialValueText() == "Never lock"
