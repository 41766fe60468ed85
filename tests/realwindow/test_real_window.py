"""The desk on a real 1366×768 X screen (Xvfb, Qt's xcb platform): it signs in, opens every
main screen, the settings, the backups and the print preview, and every window and its
buttons fit the screen (tests/realwindow/driver.py, run in a child process: this process
runs Qt offscreen).

The test starts its own Xvfb at 1366×768, the most common office laptop, whatever the
machine's own display is, and a window manager on it (openbox: title bars, and a
maximised window really maximised, as on a clerk's desktop). Without Xvfb or openbox it
is skipped locally and fails in CI (CI=true): .ci/run installs them and the X libraries
Qt's xcb platform needs."""

from __future__ import annotations

import json
import os
import select
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from desk.config import DeskConfig
from desk.services import demo
from desk.services.context import DeskContext
from tests.conftest import DEMO_NOW

SCREEN = "1366x768x24"
DRIVER = Path(__file__).with_name("driver.py")


def require(binary: str, package: str) -> str:
    path = shutil.which(binary)
    if path is None:
        message = f"{binary} is not installed (Debian: {package})"
        if os.environ.get("CI"):
            pytest.fail(f"{message}: .ci/run must install it")
        pytest.skip(message)
    return path


def start_window_manager(display: str, folder: Path) -> subprocess.Popen[bytes]:
    """openbox on ``display``, once it manages windows (it runs --startup then)."""
    ready = folder / "window-manager-ready"
    manager = subprocess.Popen(
        [require("openbox", "openbox"), "--sm-disable", "--startup", f"touch {ready}"],
        env={**os.environ, "DISPLAY": display},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 15
    while not ready.exists():
        if manager.poll() is not None or time.monotonic() > deadline:
            manager.kill()
            pytest.fail("openbox did not start")
        time.sleep(0.05)  # a process outside Qt: nothing to wait on but its file
    return manager


@pytest.fixture
def display(tmp_path: Path) -> Iterator[str]:
    """A fresh X server at 1366×768 on a free display number (Xvfb chooses it), with a
    window manager."""
    binary = require("Xvfb", "xvfb")
    read_end, write_end = os.pipe()
    server = subprocess.Popen(
        [binary, "-displayfd", str(write_end), "-screen", "0", SCREEN, "-nolisten", "tcp"],
        pass_fds=(write_end,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_end)
    try:
        number = b""
        while not number.endswith(b"\n"):
            ready, _, _ = select.select([read_end], [], [], 10)
            chunk = os.read(read_end, 16) if ready else b""
            if not chunk:
                pytest.fail("Xvfb did not start")
            number += chunk
        display = f":{number.decode().strip()}"
        manager = start_window_manager(display, tmp_path)
        try:
            yield display
        finally:
            manager.terminate()
            manager.wait(timeout=10)
    finally:
        os.close(read_end)
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture
def office(tmp_path: Path) -> Path:
    """A demo office with a few dossiers in its own data folder."""
    folder = tmp_path / "desk-data"
    ctx = DeskContext.open(DeskConfig(data_dir=folder))
    demo.ensure_demo_office(ctx)
    demo.add_demo_dossiers(ctx, 12, seed=4, now=DEMO_NOW)
    ctx.close()
    return folder


def test_every_window_and_its_buttons_fit_a_1366x768_screen(display: str, office: Path) -> None:
    environment = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("DESK_", "QT_", "WAYLAND"))
    }
    environment.update(
        DISPLAY=display,
        QT_QPA_PLATFORM="xcb",
        DESK_DATA_DIR=str(office),
        XDG_RUNTIME_DIR=str(office.parent / "runtime"),
    )
    (office.parent / "runtime").mkdir(mode=0o700)
    done = subprocess.run(
        [sys.executable, str(DRIVER)],
        env=environment,
        capture_output=True,
        text=True,
        timeout=90,
    )
    lines = done.stdout.strip().splitlines()
    assert lines, f"the driver said nothing; its errors:\n{done.stderr[-3000:]}"
    report = json.loads(lines[-1])
    assert report["problems"] == [], f"{report}\n{done.stderr[-3000:]}"
    assert report["platform"] == "xcb"
    assert report["screen"][2:] == [1366, 768]
    assert report["checked"] == [
        "sign-in",
        "F1 today",
        "F2 intake",
        "F3 list",
        "F4 hand back",
        "sync panel",
        "F1 today again",
        "one dossier",
        "settings",
        "backup",
        "print preview",
    ]
    assert done.returncode == 0
