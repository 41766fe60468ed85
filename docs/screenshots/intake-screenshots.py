"""Screenshots of the intake screen in a real X window (Xvfb), for looking at it as a clerk.

    Xvfb :97 -screen 0 1366x768x24 &
    DISPLAY=:97 .venv/bin/python docs/screenshots/intake-screenshots.py

Needs Pillow (not a dependency of the desk): ``.venv/bin/pip install pillow``.
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import datetime
from pathlib import Path

from PIL import ImageGrab
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desk.app import prepare_application
from desk.config import DeskConfig
from desk.domain.calendar import OFFICE_TZ
from desk.domain.identity import parse_id_card_qr
from desk.services import demo
from desk.services.context import DeskContext
from desk.ui.intake import IntakeView
from desk.ui.intake.documents import NAME

OUT = Path(__file__).resolve().parent
DISPLAY = os.environ.get("DISPLAY", ":97")
NOW = datetime(2026, 11, 20, 10, 5, tzinfo=OFFICE_TZ)
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
    app = prepare_application(sys.argv[:1])
    data = Path(tempfile.mkdtemp(prefix="intake-shots-"))
    ctx = DeskContext.open(DeskConfig(data_dir=data))
    demo.ensure_demo_office(ctx)
    clerk = demo.demo_clerks(ctx)[0]

    # A draft left by a closed window, offered back.
    first = IntakeView(ctx, clerk, clock=lambda: NOW)
    first.picker.choose_code("2.000815")
    type_in(first, {"applicant.full_name": "Lê Văn Tám", "document_name": "Bằng tốt nghiệp"})
    first.save_draft()
    first.deleteLater()

    view = IntakeView(ctx, clerk, clock=lambda: NOW)
    view.setWindowTitle("Commune Desk — Tiếp nhận hồ sơ")
    view.resize(1366, 768)
    view.move(0, 0)
    view.show()
    view.activateWindow()
    view.start_new()
    view.offer_drafts()
    view.picker.search.setText("khai sinh")
    view.picker._on_search("khai sinh")
    shot(app, "1-start")

    view.draft_banner.dismiss()
    view.picker.choose_code("1.001193")
    view.fill_from_id_card(parse_id_card_qr(CARD, today=NOW.date()))
    type_in(
        view,
        {
            "applicant.phone": "0912345678",
            "relation_to_child": "Mẹ",
            "requester_id_type": "Thẻ căn cước",
            "child.full_name": "Trần Gia Bảo",
            "child.birth_date": "05/11/2026",
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

    type_in(view, {"child.birth_date": "05/12/2026", "applicant.id_number": "00119501234"})
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
    view.close()
    ctx.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
