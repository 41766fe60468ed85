"""Screenshots of the desk's screens, from real windows on an X server (Xvfb) the size of
the most common office laptop, on a realistic office, in office hours.

    apt-get install -y xvfb libxcb-icccm4 libxcb-keysyms1 libxcb-cursor0 libxkbcommon-x11-0
    .venv/bin/pip install pillow time-machine      # for these scripts only
    Xvfb :98 -screen 0 1366x768x24 &
    export DESK_SHOTS_AT=2026-12-01T16:20+07:00    # in office hours (office_clock.py)
    DESK_DATA_DIR=/tmp/demo .venv/bin/python docs/screenshots/office_clock.py demo --dossiers 3000
    DISPLAY=:98 .venv/bin/python docs/screenshots/take.py /tmp/demo

Pillow's ``ImageGrab.grab(xdisplay=…)`` reads the X screen. The demo office is copied
first, and a few dossiers are received "today" in the copy so that the today panel has
figures; the original stays untouched. Xvfb has no window manager: the main window is
given the screen's whole available area, as a maximised window has (the desk opens
maximised on a 1366×768 screen); dialogs keep the size the desk gives them.
``DESK_SHOTS_OUT`` writes the pictures elsewhere (a trial run).
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(os.environ.get("DESK_SHOTS_OUT") or Path(__file__).resolve().parent)


def main() -> int:
    source = Path(sys.argv[1] if len(sys.argv) > 1 else os.environ["DESK_DATA_DIR"])
    display = os.environ.get("DISPLAY", ":98")
    from office_clock import start_office_clock

    start_office_clock()
    work = Path(tempfile.mkdtemp(prefix="desk-shots-"))
    for item in source.glob("office.sqlite*"):
        shutil.copy2(item, work / item.name)
    os.environ["DESK_DATA_DIR"] = str(work)
    os.environ["QT_QPA_PLATFORM"] = "xcb"

    from PIL import ImageGrab
    from PySide6.QtWidgets import QApplication, QWidget

    from desk.app import prepare_application
    from desk.domain.status import Status
    from desk.services import auth, demo, dossiers, intake
    from desk.services.context import DeskContext
    from desk.services.dossier_list import Period
    from desk.services.handover import Satisfaction
    from desk.services.printing import render_dossier_form
    from desk.ui.main_window import PAGE_HANDBACK, MainWindow
    from desk.ui.sign_in import SignInDialog

    app = prepare_application()
    ctx = DeskContext.open()
    clerk = auth.authenticate(ctx, "canbo1", "canbo1-demo")
    today = [
        intake.receive_dossier(ctx, generated.request, clerk)
        for generated in demo.generate(ctx, 9, seed=77)
    ]
    for done in today[:3]:
        dossiers.change_status(ctx, str(done.code), Status.PROCESSING, clerk)
        dossiers.change_status(ctx, str(done.code), Status.RESULT_READY, clerk)
    dossiers.change_status(ctx, str(today[3].code), Status.PROCESSING, clerk)

    def pump(seconds: float) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            app.processEvents()
            time.sleep(0.01)

    def shoot(widget: QWidget, name: str) -> None:
        pump(0.6)
        frame = widget.frameGeometry()
        image = ImageGrab.grab(
            bbox=(frame.x(), frame.y(), frame.x() + frame.width(), frame.y() + frame.height()),
            xdisplay=display,
        )
        image.save(HERE / f"{name}.png")
        print(f"{name}.png {image.size[0]}×{image.size[1]}")

    sign_in = SignInDialog(ctx)
    sign_in.move(0, 0)
    sign_in.show()
    sign_in.username.setText("canbo1")
    sign_in.password.setText("canbo1-demo")
    shoot(sign_in, "sign-in")
    sign_in.close()

    window = MainWindow(ctx, clerk, idle_ms=0)
    window.show()
    window.setGeometry(window.screen().availableGeometry())  # maximised, without a WM
    pump(1.5)
    shoot(window, "today")

    window.show_list_period(Period.ALL)
    pump(1.5)
    window.dossier_list.table.selectRow(2)
    shoot(window, "list")

    window.dossier_list.search.setText("nguyen thi h")
    window.dossier_list.apply_filter()
    pump(1.5)
    shoot(window, "list-search")

    # A dossier with some history: received, processing, supplement requested and back.
    busy = str(today[4].code)
    dossiers.change_status(ctx, busy, Status.PROCESSING, clerk)
    dossiers.change_status(
        ctx, busy, Status.SUPPLEMENT_REQUESTED, clerk, note="Bản sao giấy chứng nhận kết hôn"
    )
    dossiers.change_status(ctx, busy, Status.PROCESSING, clerk)
    window.open_dossier(busy)
    pump(1.5)
    shoot(window, "dossier")

    ready = str(today[0].code)
    window.show_page(PAGE_HANDBACK)
    window.handback.select_code(ready)
    pump(1.0)
    window.handback.proxy_radio.setChecked(True)
    window.handback.proxy_name.setText("Trần Văn Bình")
    window.handback.proxy_id.setText("025090012345")
    window.handback.proxy_relation.setText("chồng")
    window.handback.rating_buttons[Satisfaction.SATISFIED].setChecked(True)
    shoot(window, "hand-back")

    preview = window.show_pdf(
        "Giấy tiếp nhận hồ sơ và hẹn trả kết quả — " + str(today[6].code),
        render_dossier_form(ctx, "slip", str(today[6].code)),
        "slip.pdf",
    )
    pump(1.5)
    shoot(preview, "print-preview")
    preview.close()

    window.lock()
    shoot(window, "lock")
    window.close()

    # A supervisor's window: the sync panel and the office's backups.
    supervisor = auth.authenticate(ctx, "lanhdao", "lanhdao-demo")
    boss = MainWindow(ctx, supervisor, idle_ms=0)
    boss.show()
    boss.setGeometry(boss.screen().availableGeometry())
    boss.open_sync()
    pump(2.0)
    shoot(boss, "sync")
    backups = boss.open_backups()
    assert backups is not None
    backups.backup_button.click()  # «Sao lưu ngay»
    pump(3.0)
    shoot(boss, "backup-list")
    backups.close()
    boss.close()
    ctx.close()
    shutil.rmtree(work, ignore_errors=True)
    QApplication.processEvents()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
