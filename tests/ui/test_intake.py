"""The intake screen: a birth registration typed and scanned, bad input, drafts, outcomes."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desk.domain.calendar import OFFICE_TZ
from desk.domain.dossier import IntakeRequest, Person
from desk.domain.identity import Sex
from desk.domain.status import Status
from desk.printing.declaration import FORM_DATA_KEYS
from desk.printing.notices import SupplementRequest
from desk.services import intake
from desk.services.drafts import DraftStore
from desk.store import counts as store_counts
from desk.store import dossiers as store_dossiers
from desk.ui.intake import IntakeView
from desk.ui.intake.documents import NAME
from desk.ui.intake.procedure_picker import procedure_matches
from desk.ui.scanner import ScanListener
from tests.conftest import DEMO_NOW
from tests.ui.intake_helpers import focused, host, press, scan, send_text

# Completion popups ask the offscreen platform for things it cannot do; harmless there.
pytestmark = pytest.mark.qt_log_ignore(
    r"This plugin does not support (raise\(\)|grabbing the keyboard|propagateSizeHints)"
)

# Friday 20/11/2026 10:00: same-day procedures are due at 17:00 today.
MORNING = datetime(2026, 11, 20, 10, 0, tzinfo=OFFICE_TZ)
MOTHER_QR = "001195012345||Nguyễn Thị Hoa|12041995|Nữ|Thôn Đoài, Xã Yên Lạc, Tỉnh Phú Thọ|10052022"


@pytest.fixture
def listener(qapp):
    scanner = ScanListener(today=lambda: MORNING.date())
    qapp.installEventFilter(scanner)
    yield scanner
    qapp.removeEventFilter(scanner)


def make_view(qtbot, ctx, clerk, *, at: datetime = MORNING):
    view = IntakeView(ctx, clerk, clock=lambda: at)
    holder = host(view)
    qtbot.addWidget(holder)
    holder.show()
    qtbot.waitExposed(holder)
    holder.activateWindow()
    qtbot.waitActive(holder)
    view.holder = holder  # type: ignore[attr-defined]
    view.start_new()
    qtbot.waitUntil(view.picker.search.hasFocus)
    return view


def type_into(qtbot, listener, widget, text: str) -> None:
    widget.setFocus()
    send_text(widget, text)
    listener.flush()


def choose_birth_registration(qtbot, view, listener) -> None:
    assert focused() is view.picker.search
    send_text(view.picker.search, "dang ky khai sinh")
    listener.flush()
    qtbot.waitUntil(lambda: view.picker.list.isVisible())
    press(view.picker.search, Qt.Key.Key_Return, "\r")
    listener.flush()
    assert view.procedure is not None and view.procedure.code == "1.001193"


def cell(view, key: str):
    head, _, tail = key.partition(".")
    if head == "applicant":
        return view.applicant.cells[tail]
    if key in view.form_view.cells:
        return view.form_view.cells[key]
    return view.form_view.people[head].cells[tail]


def fill(qtbot, listener, view, values: dict[str, str]) -> None:
    for key, text in values.items():
        editor = cell(view, key).editor
        target = editor.lineEdit() if hasattr(editor, "lineEdit") and editor.lineEdit() else editor
        type_into(qtbot, listener, target, text)
        QApplication.processEvents()


def tick(view, *codes: str) -> None:
    model = view.documents.model
    for row, line in enumerate(model.lines):
        if line.code in codes:
            model.setData(
                model.index(row, NAME), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole
            )


def test_procedure_search_is_folded_and_by_code(ctx) -> None:
    procedures = list(ctx.catalogue())
    assert procedure_matches(procedures, "dang ky khai sinh")[0].name == "Đăng ký khai sinh"
    assert procedure_matches(procedures, "ĐĂNG KÝ KHAI SINH")[0].code == "1.001193"
    assert procedure_matches(procedures, "1.0011")[0].code == "1.001193"
    assert [p.code for p in procedure_matches(procedures, "chung thuc")] == ["2.000815"]


def test_birth_registration_typed_and_scanned(qtbot, ctx, clerk, listener) -> None:
    view = make_view(qtbot, ctx, clerk)
    choose_birth_registration(qtbot, view, listener)
    # The cursor is on the applicant's ID number; the mother scans her card.
    assert focused() is view.applicant.cells["id_number"].editor
    listener.id_card_scanned.connect(view.fill_from_id_card)
    scan(focused(), MOTHER_QR)
    assert view.applicant.values()["full_name"] == "Nguyễn Thị Hoa"
    assert view.applicant.values()["birth_date"] == "12/04/1995"
    assert view.applicant.values()["sex"] == "Nữ"
    assert cell(view, "applicant.id_number").editor.text() == "001195012345"  # nothing leaked
    # Focus goes to the first field the card did not fill.
    assert focused() is view.applicant.cells["id_issuer"].editor
    fill(qtbot, listener, view, {"applicant.phone": "0912345678"})
    fill(
        qtbot,
        listener,
        view,
        {
            "relation_to_child": "Mẹ",
            "child.full_name": "Trần Gia Bảo",
            "child.birth_date": "05112026",
            "child.sex": "nam",
            "ethnicity": "kinh",
            "nationality": "Việt Nam",
            "child_birth_place": "Trạm Y tế xã Yên Lạc, tỉnh Phú Thọ",
            "home_town": "Xã Yên Lạc, tỉnh Phú Thọ",
        },
    )
    qtbot.mouseClick(view.form_view.people["mother"].copy_button, Qt.MouseButton.LeftButton)
    fill(
        qtbot,
        listener,
        view,
        {
            "mother_ethnicity": "Kinh",
            "mother_nationality": "Việt Nam",
            "father.full_name": "Trần Văn Nam",
            "father.birth_year": "1993",
            "extract_copies": "1",
        },
    )
    tick(view, "TK", "GCS", "GTTT")
    # The due time is live: same day, received before 15:00.
    view.revalidate()
    assert "17 giờ 00 phút, Thứ Sáu 20/11/2026" in view.preview.due_label.text()
    # Registering is free on time; the one extract copy asked costs 8.000 đồng.
    assert view.preview.fee_label.text() == "Phí cấp bản sao trích lục hộ tịch: 8.000 đồng"
    assert [p for p in view.problems() if p.is_error] == []
    store = view.drafts
    with qtbot.waitSignal(view.draft_saved, timeout=3000):
        assert view.save_draft()  # written in the pool
    assert store.path_of(view.draft_id).exists()
    draft_id = view.draft_id
    with qtbot.waitSignal(view.dossier_received, timeout=10_000) as received:
        qtbot.keyClick(focused(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    dossier = received.args[0]
    assert dossier.status is Status.RECEIVED
    assert dossier.procedure_code == "1.001193"
    assert dossier.applicant.full_name == "Nguyễn Thị Hoa"
    assert dossier.applicant.phone == "0912345678"
    assert dossier.applicant.id_issue_date is not None
    roles = {p.role: p.person for p in dossier.parties}
    assert roles["child"].full_name == "Trần Gia Bảo" and roles["child"].sex is Sex.MALE
    assert roles["mother"].id_number == "001195012345"
    assert roles["father"].full_name == "Trần Văn Nam"
    data = dossier.form_data
    assert data["child_birth_date"] == "2026-11-05"
    assert data["ethnicity"] == "Kinh" and data["mother_birth_year"] == 1995
    assert data["father_birth_year"] == 1993 and data["extract_copies"] == 1
    assert set(data) <= set(FORM_DATA_KEYS)
    # The ID card was seen and handed back: it is not among the documents received.
    assert [d.code for d in dossier.documents] == ["TK", "GCS"]
    assert dossier.due_at == datetime(2026, 11, 20, 17, 0, tzinfo=OFFICE_TZ)
    assert not store.path_of(draft_id).exists()  # the draft is gone once recorded
    with ctx.db.read() as session:
        stored = store_dossiers.get_dossier(session, str(dossier.code))
    assert stored.form_data == data
    # Ready for the next citizen.
    assert focused() is view.picker.search
    assert not view.has_unsaved_input()
    assert view.entry.applicant_group.title().startswith("2. Người nộp hồ sơ")


def test_bad_input_shows_vietnamese_messages_next_to_the_fields(
    qtbot, ctx, clerk, listener
) -> None:
    view = make_view(qtbot, ctx, clerk)
    choose_birth_registration(qtbot, view, listener)
    fill(
        qtbot,
        listener,
        view,
        {
            "applicant.id_number": "12345",
            "applicant.full_name": "Lê Văn Tám",
            "child.full_name": "Lê Minh Khôi",
            "child.birth_date": "05/12/2026",  # after "today" (20/11/2026)
            "mother.full_name": "Phạm Thị Mai",
            "mother.birth_year": "2027",
        },
    )
    # Messages appear once a field has been left, before any attempt to receive.
    id_cell = cell(view, "applicant.id_number")
    view.revalidate()
    assert id_cell.message.isVisible()
    assert "12 chữ số" in id_cell.message.text()
    with qtbot.assertNotEmitted(view.dossier_received, wait=200):
        view.receive()
    assert "tương lai" in cell(view, "child.birth_date").message.text()
    assert "Năm sinh 2027" in cell(view, "mother.birth_year").message.text()
    assert "trước năm sinh của mẹ" in cell(view, "child.birth_date").message.text()
    assert "Chưa nhập dân tộc" in cell(view, "ethnicity").message.text()
    assert "Chưa tiếp nhận được" in view.banner.label.text()
    assert view.outcome.problems.count() >= 5
    # Focus lands on the first problem; what was typed is still there.
    assert focused() is cell(view, "applicant.id_number").editor
    assert cell(view, "applicant.id_number").editor.text() == "12345"


def test_no_parent_and_a_scan_mangled_by_the_input_method(qtbot, ctx, clerk, listener) -> None:
    view = make_view(qtbot, ctx, clerk)
    choose_birth_registration(qtbot, view, listener)
    listener.id_card_scanned.connect(view.fill_from_id_card)
    listener.scan_rejected.connect(view.show_scan_rejected)
    scan(focused(), MOTHER_QR.replace("Thị", "Thịj"))  # Telex left the tone key j
    assert "bộ gõ tiếng Việt" in view.banner.label.text()
    assert view.applicant.is_empty()  # never saved silently
    view.receive()
    messages = cell(view, "mother.full_name").message.text()
    assert "ít nhất một trong hai người" in messages


def test_warnings_need_a_confirmation(qtbot, ctx, clerk, listener) -> None:
    view = make_view(qtbot, ctx, clerk, at=DEMO_NOW)  # 16:00: after the 15:00 cut-off
    assert view.picker.choose_code("2.000635")
    fill(
        qtbot,
        listener,
        view,
        {
            "applicant.id_number": "001195012345",  # says: a woman born 1995
            "applicant.full_name": "Nguyễn Thị Hoa",
            "applicant.birth_date": "12/04/1996",
            "relation_to_subject": "bản thân",
            "subject.full_name": "Nguyễn Thị Hoa",
            "record_type": "khai sinh",
            "record.place": "UBND xã Yên Lạc",
            "copies": "3",
        },
    )
    tick(view, "TK", "GTTT")
    qtbot.waitUntil(lambda: "24.000 đồng" in view.preview.fee_label.text())
    assert "Thứ Hai 23/11/2026" in view.preview.due_label.text()
    view.receive()
    assert view.outcome.pages.currentIndex() == 1
    assert "năm sinh 1995" in view.outcome.warnings_list.item(0).text()
    with qtbot.waitSignal(view.dossier_received, timeout=10_000) as received:
        qtbot.mouseClick(view.outcome.confirm_button, Qt.MouseButton.LeftButton)
    dossier = received.args[0]
    assert sum(f.amount for f in dossier.fees) == 24_000
    assert dossier.form_data["record_type"] == "Khai sinh"


def test_missing_papers_lead_to_a_supplement_request(qtbot, ctx, clerk, listener) -> None:
    view = make_view(qtbot, ctx, clerk)
    choose_birth_registration(qtbot, view, listener)
    fill(qtbot, listener, view, {"applicant.full_name": "Đỗ Văn Hùng"})
    tick(view, "TK", "GTTT")
    view.receive()  # errors first (the form) …
    assert view.outcome.pages.currentIndex() == 0
    with qtbot.assertNotEmitted(view.dossier_received, wait=100):
        view.request_supplement()
    missing = view.outcome.missing_list
    assert missing.item(0).text().startswith("Giấy chứng sinh hoặc Văn bản của người làm chứng")
    assert missing.item(0).checkState() == Qt.CheckState.Checked
    with qtbot.waitSignal(view.supplement_requested, timeout=2000) as asked:
        qtbot.keyClick(focused(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    request, supplement = asked.args
    assert isinstance(request, IntakeRequest) and isinstance(supplement, SupplementRequest)
    assert request.applicant.full_name == "Đỗ Văn Hùng"
    assert supplement.documents()[0].name.startswith("Giấy chứng sinh hoặc")
    assert supplement.guide_name == clerk.full_name
    with ctx.db.read() as session:
        assert store_counts.count_dossiers(session) == 0  # nothing recorded for a walk-in
    kept = [d for d in view.drafts.drafts() if d.kind == "supplement"]
    assert len(kept) == 1 and "Đỗ Văn Hùng" in kept[0].title


def test_refusal_needs_a_reason(qtbot, ctx, clerk, listener) -> None:
    view = make_view(qtbot, ctx, clerk)
    choose_birth_registration(qtbot, view, listener)
    fill(qtbot, listener, view, {"applicant.full_name": "Vũ Thị Lan"})
    view.refuse()
    assert focused() is view.outcome.refusal_reason
    with qtbot.assertNotEmitted(view.dossier_refused, wait=100):
        qtbot.keyClick(focused(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert "lý do" in view.outcome.refusal_message.text()
    send_text(view.outcome.refusal_reason, "Không thuộc thẩm quyền của xã")
    listener.flush()
    with qtbot.waitSignal(view.dossier_refused, timeout=10_000) as refused:
        qtbot.mouseClick(view.outcome.refuse_confirm, Qt.MouseButton.LeftButton)
    dossier = refused.args[0]
    assert dossier.status is Status.REFUSED
    assert dossier.events[0].note == "Không thuộc thẩm quyền của xã"
    assert view.drafts.drafts() == []


def test_closing_mid_intake_keeps_a_draft_offered_back(
    qtbot, ctx, clerk, listener, tmp_path
) -> None:
    view = make_view(qtbot, ctx, clerk)
    choose_birth_registration(qtbot, view, listener)
    fill(
        qtbot,
        listener,
        view,
        {
            "applicant.full_name": "Hoàng Văn Đức",
            "child.full_name": "Hoàng Minh Anh",
            "child.birth_date": "1/11/2026",
        },
    )
    tick(view, "GCS")
    view.holder.close()  # the window closes with input on screen
    drafts = DraftStore.for_account(ctx.config, clerk).drafts()
    assert len(drafts) == 1 and drafts[0].title == "Đăng ký khai sinh — Hoàng Văn Đức"

    again = make_view(qtbot, ctx, clerk)
    again.offer_drafts()
    assert again.draft_banner.isVisible()
    assert "Hoàng Văn Đức" in again.draft_banner.label.text()
    restore = again.draft_banner.buttons()[0]
    qtbot.mouseClick(restore, Qt.MouseButton.LeftButton)
    assert again.procedure is not None and again.procedure.code == "1.001193"
    assert again.applicant.values()["full_name"] == "Hoàng Văn Đức"
    assert cell(again, "child.full_name").value() == "Hoàng Minh Anh"
    assert cell(again, "child.birth_date").value() in ("1/11/2026", "01/11/2026")
    assert [line.code for line in again.documents.model.lines if line.received] == ["GCS"]
    assert again.draft_id == drafts[0].id  # the same draft goes on
    assert not again.draft_banner.isVisible()


def test_autosave_while_typing(qtbot, ctx, clerk, listener) -> None:
    view = make_view(qtbot, ctx, clerk)
    with qtbot.waitSignal(view.draft_saved, timeout=3000):
        type_into(qtbot, listener, view.applicant.cells["full_name"].editor, "Ngô Bảo Châu")
    draft = view.drafts.load(view.draft_id)
    assert draft.payload["applicant"]["full_name"] == "Ngô Bảo Châu"
    assert draft.user_name == clerk.full_name


def test_a_known_person_is_offered_by_id_number(qtbot, ctx, clerk, listener) -> None:
    known = Person(
        "Phan Văn Long",
        id_number="001090012345",
        phone="0987654321",
        address="Thôn Nam, Xã Yên Lạc",
    )
    intake.receive_dossier(
        ctx, IntakeRequest("2.000815", known, copies=1, pages=1), clerk, at=MORNING
    )
    view = make_view(qtbot, ctx, clerk)
    fill(qtbot, listener, view, {"applicant.id_number": "001090012345"})
    qtbot.waitUntil(view.applicant.banner.isVisible)  # looked up in the pool
    assert "Phan Văn Long" in view.applicant.banner.label.text()
    qtbot.mouseClick(view.applicant.banner.buttons()[0], Qt.MouseButton.LeftButton)
    values = view.applicant.values()
    assert values["full_name"] == "Phan Văn Long" and values["phone"] == "0987654321"


def test_scan_replaces_a_different_person_with_undo(qtbot, ctx, clerk, listener) -> None:
    view = make_view(qtbot, ctx, clerk)
    listener.id_card_scanned.connect(view.fill_from_id_card)
    fill(
        qtbot,
        listener,
        view,
        {"applicant.id_number": "001090012345", "applicant.full_name": "Bùi Văn A"},
    )
    scan(focused(), MOTHER_QR)
    assert view.applicant.values()["full_name"] == "Nguyễn Thị Hoa"
    undo = view.banner.buttons()[0]
    qtbot.mouseClick(undo, Qt.MouseButton.LeftButton)
    assert view.applicant.values()["full_name"] == "Bùi Văn A"


def test_scanned_attachment_is_stored_by_content(
    qtbot, ctx, clerk, listener, tmp_path: Path
) -> None:
    view = make_view(qtbot, ctx, clerk)
    assert view.picker.choose_code("2.000815")
    scan_file = tmp_path / "giay-to.pdf"
    scan_file.write_bytes(b"%PDF-1.4 fake scan")
    # The copy handed in (the original "BC" is only shown and handed back: no scan kept).
    row = [line.code for line in view.documents.model.lines].index("BS")
    view.attach_file(row, str(scan_file))
    qtbot.waitUntil(lambda: view.documents.model.lines[row].attachment_sha256 != "", timeout=5000)
    line = view.documents.model.lines[row]
    stored = ctx.config.files_dir / line.attachment_sha256[:2] / line.attachment_sha256
    assert stored.read_bytes() == scan_file.read_bytes()
    assert line.photocopies == 1  # attaching a scan ticks the document
    documents = view.documents.model.received_documents()
    assert documents[0].attachment_sha256 == line.attachment_sha256
    view.attach_file(row, str(tmp_path / "missing.docx"))
    qtbot.waitUntil(
        lambda: (
            "PDF hoặc ảnh" in view.banner.label.text()
            or "Không tìm thấy" in view.banner.label.text()
        ),
        timeout=5000,
    )


def test_documents_model_passes_the_model_tester(qtmodeltester, ctx) -> None:
    from desk.ui.intake.documents import DocumentsModel

    model = DocumentsModel()
    model.set_procedure(ctx.catalogue().get("1.001193"))
    model.setData(model.index(1, NAME), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    model.add_extra("Giấy ủy quyền")
    qtmodeltester.check(model, force_py=True)
    assert model.lines[1].originals == 1


def test_procedure_model_passes_the_model_tester(qtmodeltester, ctx) -> None:
    from desk.ui.intake.procedure_picker import ProcedureModel

    model = ProcedureModel(list(ctx.catalogue()))
    qtmodeltester.check(model, force_py=True)
    model.set_query("khai")
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == 3


def test_keyboard_only_documents_and_enter_moves_on(qtbot, ctx, clerk, listener) -> None:
    view = make_view(qtbot, ctx, clerk)
    choose_birth_registration(qtbot, view, listener)
    # Enter in a field moves on to the next one.
    first = focused()
    press(first, Qt.Key.Key_Return, "\r")
    listener.flush()
    assert focused() is not first
    table = view.documents.table
    table.setFocus()
    table.setCurrentIndex(view.documents.model.index(0, NAME))
    qtbot.keyClick(table, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: view.documents.model.lines[0].received)
    press(table, Qt.Key.Key_Right)
    send_text(table, "2")  # two originals
    listener.flush()
    press(focused(), Qt.Key.Key_Return, "\r")
    qtbot.waitUntil(lambda: view.documents.model.lines[0].originals == 2)


def test_a_draft_keeps_the_fee_exemption_and_the_id_card_seen(qtbot, ctx, clerk) -> None:
    view = make_view(qtbot, ctx, clerk)
    assert view.picker.choose_code("1.004873")  # marital status: a fee with exemptions
    view.applicant.set_values({"full_name": "Lý Thị Bình"})
    tick(view, "GTTT")
    view.revalidate()
    assert view.preview.choose_exemption("Người khuyết tật")
    qtbot.waitUntil(lambda: "miễn (Người khuyết tật)" in view.preview.fee_label.text())
    with qtbot.waitSignal(view.draft_saved, timeout=3000):
        assert view.save_draft()
    draft_id = view.draft_id
    view.start_new()
    assert view.preview.exemption() == ""

    view.restore_draft(draft_id)
    assert view.procedure is not None and view.procedure.code == "1.004873"
    assert view.preview.exemption() == "Người khuyết tật"
    assert "miễn (Người khuyết tật)" in view.preview.fee_label.text()
    seen = [line.code for line in view.documents.model.lines if line.ticked]
    assert seen == ["GTTT"]
    assert view.build_request().documents == []  # seen, not received
