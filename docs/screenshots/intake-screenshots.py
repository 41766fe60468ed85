"""Screenshots of the intake screen in the desk's window on a real X screen (Xvfb) the size
of the most common office laptop, for looking at it as a clerk.

    Xvfb :97 -screen 0 1366x768x24 &
    export DESK_SHOTS_AT=2026-12-01T16:20+07:00    # in office hours (office_clock.py)
    DESK_DATA_DIR=/tmp/demo .venv/bin/python docs/screenshots/office_clock.py demo --dossiers 3000
    DISPLAY=:97 .venv/bin/python docs/screenshots/intake-screenshots.py /tmp/demo

Needs Pillow and time-machine (not dependencies of the desk): ``.venv/bin/pip install
pillow time-machine``. The office is copied first (the original stays untouched); without
an office folder a fresh demo office is used. Xvfb has no window manager: the window is
given the screen's whole available area, as a maximised window has.
``DESK_SHOTS_OUT`` writes the pictures elsewhere (a trial run).
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from datetime import timedelta
from pathlib import Path

from office_clock import start_office_clock
from PIL import ImageGrab
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desk.app import prepare_application
from desk.config import DeskConfig
from desk.domain.calendar import now_in_office
from desk.domain.identity import parse_id_card_qr
from desk.services import demo
from desk.services.context import DeskContext
from desk.ui.intake import IntakeView
from desk.ui.intake.documents import NAME
from desk.ui.main_window import MainWindow

OUT = Path(os.environ.get("DESK_SHOTS_OUT") or Path(__file__).resolve().parent)
DISPLAY = os.environ.get("DISPLAY", ":97")
CARD = "001195012345||Nguyễn Thị Hoa|12041995|Nữ|Thôn Đoài, Xã Yên Lạc, Tỉnh Phú Thọ|10052022"


def settle(app: QApplication, rounds: int = 20) -> None:
    for _ in range(rounds):
        app.processEvents()


def shot(app: QApplication, name: str) -> None:
    settle(app)
    image = ImageGrab.grab(xdisplay=DISPLAY)
    image.save(OUT / f"intake-{name}.png")
    print("saved", OUT / f"intake-{name}.png")


def type_in(view: IntakeView, values: dict[str, str]) -> None:
    for key, text in values.items():
        head, _, tail = key.partition(".")
        if head == "applicant":
            cell = view.applicant.cells[tail]
        elif view.form_view is not None and key in view.form_view.cells:
            cell = view.form_view.cells[key]
        else:
            assert view.form_view is not None
            cell = view.form_view.people[head].cells[tail]
        cell.set_value(text)


def main() -> int:
    start_office_clock()
    app = prepare_application(sys.argv[:1])
    data = Path(tempfile.mkdtemp(prefix="intake-shots-"))
    if len(sys.argv) > 1:
        for item in Path(sys.argv[1]).glob("office.sqlite*"):
            shutil.copy2(item, data / item.name)
    ctx = DeskContext.open(DeskConfig(data_dir=data))
    demo.ensure_demo_office(ctx)
    clerk = demo.demo_clerks(ctx)[0]
    now = now_in_office()

    # A draft left by a closed window, offered back.
    first = IntakeView(ctx, clerk)
    first.picker.choose_code("2.000815")
    type_in(first, {"applicant.full_name": "Lê Văn Tám", "document_name": "Bằng tốt nghiệp"})
    first.save_draft()
    first.deleteLater()

    window = MainWindow(ctx, clerk, idle_ms=0)
    window.show()
    window.setGeometry(window.screen().availableGeometry())  # maximised, without a WM
    window.activateWindow()
    window.new_intake()
    view = window.intake
    assert isinstance(view, IntakeView)
    view.offer_drafts()
    view.picker.search.setText("khai sinh")
    view.picker._on_search("khai sinh")
    shot(app, "1-start")

    view.draft_banner.dismiss()
    view.picker.choose_code("1.001193")
    view.fill_from_id_card(parse_id_card_qr(CARD, today=now.date()))
    type_in(
        view,
        {
            "applicant.phone": "0912345678",
            "relation_to_child": "Mẹ",
            "requester_id_type": "Thẻ căn cước",
            "child.full_name": "Trần Gia Bảo",
            "child.birth_date": f"{now - timedelta(days=26):%d/%m/%Y}",
            "child.sex": "Nam",
            "ethnicity": "Kinh",
            "nationality": "Việt Nam",
            "child_birth_place": "Trạm Y tế xã Yên Lạc, tỉnh Phú Thọ",
        },
    )
    view.revalidate()
    view.focus_key("child.sex")
    shot(app, "2-birth-scanned")

    assert view.form_view is not None
    view.form_view.people["mother"].copy_button.click()  # «Chép từ người nộp hồ sơ»
    type_in(view, {"father.full_name": "Trần Văn Nam", "father.birth_year": "1993"})
    view.revalidate()
    view.focus_key("father_nationality")
    shot(app, "3-parents")

    model = view.documents.model
    model.setData(model.index(0, NAME), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    view.documents.table.setFocus()
    view.entry.ensureWidgetVisible(view.documents, 0, 0)
    view.receive()
    shot(app, "4-errors")

    type_in(
        view,
        {
            "child.birth_date": f"{now + timedelta(days=4):%d/%m/%Y}",  # not born yet
            "applicant.id_number": "00119501234",
        },
    )
    view.revalidate()
    view.focus_key("child.birth_date")
    shot(app, "5-bad-input")

    view.show_scan_rejected(
        "Mã QR căn cước có dấu hiệu bị bộ gõ tiếng Việt sửa («Thịj»). Hãy tắt bộ gõ tiếng Việt "
        "(Unikey/EVKey: chuyển sang chế độ gõ tiếng Anh «E») rồi quét lại."
    )
    view.request_supplement()
    shot(app, "6-supplement")

    view.outcome.show_summary()
    view.refuse()
    view.outcome.refusal_reason.setPlainText("Hồ sơ không thuộc thẩm quyền giải quyết của UBND xã.")
    shot(app, "7-refuse")
    window.close()
    ctx.close()
    shutil.rmtree(data, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
