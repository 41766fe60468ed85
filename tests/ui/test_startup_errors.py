"""A desk that cannot start says why in a window, not only on the terminal: started from a
desktop shortcut, nobody reads the terminal. (A missing database, a foreign one and a full
disk: tests/store/test_environment_faults.py.)"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from desk import app
from desk.config import DeskConfig, data_dir
from desk.services.context import DeskContext

pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)"
)


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The texts of the error boxes shown (the box itself would wait for a click)."""
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # run_desk installs its own
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _parent, _title, text: shown.append(text))
    return shown


def office_without_identity(tmp_path: Path) -> Path:
    """A database the desk made and migrated, where nobody ran «desk setup» or «desk demo»."""
    ctx = DeskContext.open(DeskConfig(data_dir=tmp_path / "bare"), create=True)
    ctx.close()
    return tmp_path / "bare" / "office.sqlite"


def test_a_database_without_an_office_is_said_in_a_box(
    tmp_path: Path, boxes: list[str], qapp, capsys: pytest.CaptureFixture[str]
) -> None:
    assert app.run_desk(db_url=str(office_without_identity(tmp_path))) == 2
    assert len(boxes) == 1
    assert "chưa có thông tin cơ quan" in boxes[0] and "desk setup" in boxes[0]
    assert not [w for w in QApplication.topLevelWidgets() if w.isVisible()]  # no sign-in


def test_a_database_of_a_newer_desk_is_said_in_a_box(
    tmp_path: Path, boxes: list[str], qapp, ctx
) -> None:
    path = ctx.config.default_sqlite_path
    ctx.close()
    connection = sqlite3.connect(path)
    connection.execute("UPDATE alembic_version SET version_num = '9999'")
    connection.commit()
    connection.close()
    assert app.run_desk(db_url=str(path)) == 2
    assert len(boxes) == 1 and "phiên bản mới hơn" in boxes[0], boxes


def test_a_server_that_does_not_answer_is_said_in_a_box(boxes: list[str], qapp) -> None:
    # Port 1 on this machine: nothing listens, the connection is refused at once.
    assert app.run_desk(db_url="postgresql://desk:x@127.0.0.1:1/office") == 2
    assert len(boxes) == 1 and "127.0.0.1" in boxes[0], boxes


def test_a_broken_settings_file_is_said_in_a_box(
    tmp_path: Path, boxes: list[str], qapp, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "settings"
    folder.mkdir()
    (folder / "desk.toml").write_text("idle_lock_minutes = 'mười'\n", encoding="utf-8")
    monkeypatch.setenv("DESK_CONFIG_DIR", str(folder))
    assert app.run_desk() == 2
    assert len(boxes) == 1 and "idle_lock_minutes" in boxes[0]


def test_a_bug_at_start_is_said_in_a_box_naming_its_crash_log(
    qtbot, qapp, ctx, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The real box: found on screen, read, and closed as the clerk would."""
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)

    def broken(self: app.DeskRun) -> None:
        raise KeyError("a bug in the sign-in")

    monkeypatch.setattr(app.DeskRun, "start", broken)
    seen: list[str] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, answer)
            return
        seen.append(box.text())
        box.accept()

    QTimer.singleShot(0, answer)
    assert app.run_desk(db_url=str(ctx.config.default_sqlite_path)) == 1
    assert len(seen) == 1
    assert "sự cố không mong muốn" in seen[0]
    logs = sorted((data_dir() / "logs").glob("crash-*.log"))
    assert len(logs) == 1 and str(logs[0]) in seen[0]
    assert "KeyError" in logs[0].read_text(encoding="utf-8")
    assert "sự cố không mong muốn" in capsys.readouterr().err  # the terminal is told too
