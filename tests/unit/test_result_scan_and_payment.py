"""Issue 14's two new facts: the result's scan attached at hand-back (the digitisation of
results) and how the fees were paid (cash or transfer), each recorded where the figures
read it."""

from __future__ import annotations

import hashlib
import io
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select

from desk.domain.calendar import OFFICE_TZ
from desk.domain.catalogue_file import load_catalogue_file
from desk.domain.dossier import IntakeRequest, Person
from desk.domain.fees import PaymentMethod
from desk.domain.figures import Period
from desk.domain.handover import RESULT_SCAN_KEY, Handover, Satisfaction, check_handover
from desk.domain.intake import fees_for
from desk.domain.status import Status
from desk.errors import InvalidInput
from desk.printing import render_slip
from desk.printing.slip import fee_text
from desk.resources import CATALOGUE_FILE
from desk.services import dossiers, intake
from desk.services.figures import period_figures
from desk.services.handover import FORM_DATA_KEY, hand_back, result_scan_of
from desk.store import dossiers as store_dossiers
from desk.store.models import AttachmentRow

NOW = datetime(2026, 11, 20, 10, 0, tzinfo=OFFICE_TZ)
CATALOGUE = load_catalogue_file(CATALOGUE_FILE)
SCAN = b"%PDF-1.4 the signed birth certificate, scanned"


def stored_files(ctx) -> list[Path]:
    return [p for p in ctx.config.files_dir.rglob("*") if p.is_file()]


# --- the result's scan ----------------------------------------------------------------


def test_a_hand_back_with_the_result_scan_stores_it_once_and_names_it(
    ctx, clerk, ready: str, tmp_path: Path
) -> None:
    scan = tmp_path / "Trích lục khai sinh.pdf"
    scan.write_bytes(SCAN)
    sha = hashlib.sha256(SCAN).hexdigest()
    before = stored_files(ctx)
    dossier = hand_back(ctx, ready, Handover(Satisfaction.SATISFIED), clerk, result_scan=scan)
    assert dossier.status is Status.RETURNED
    assert dossier.form_data[FORM_DATA_KEY][RESULT_SCAN_KEY] == sha
    again = dossiers.get_dossier(ctx, ready)  # as the database keeps it
    assert again.form_data[FORM_DATA_KEY]["result_sha256"] == sha
    assert result_scan_of(again) == sha
    added = [p for p in stored_files(ctx) if p not in before]
    assert [p.name for p in added] == [sha] and added[0].read_bytes() == SCAN
    with ctx.db.read() as session:
        row = session.get(AttachmentRow, sha)
        count = session.execute(select(func.count()).select_from(AttachmentRow)).scalar()
    assert row is not None and row.original_name == "Trích lục khai sinh.pdf"
    assert count == 1


def test_a_bad_result_scan_is_refused_and_the_hand_back_goes_on_without_it(
    ctx, clerk, ready: str, tmp_path: Path
) -> None:
    letter = tmp_path / "ket-qua.docx"
    letter.write_bytes(b"PK\x03\x04 a word file")
    before = stored_files(ctx)
    with pytest.raises(InvalidInput) as caught:
        hand_back(ctx, ready, Handover(Satisfaction.NEUTRAL), clerk, result_scan=letter)
    assert caught.value.message == (
        "Tệp «ket-qua.docx» không phải bản quét: chỉ đính kèm tệp PDF hoặc ảnh (PDF, JPEG, "
        "PNG); nội dung tệp được kiểm tra, không chỉ đuôi tên tệp."
    )
    assert dossiers.get_dossier(ctx, ready).status is Status.RESULT_READY  # nothing recorded
    assert stored_files(ctx) == before
    dossier = hand_back(ctx, ready, Handover(Satisfaction.NEUTRAL), clerk)
    assert dossier.status is Status.RETURNED
    assert RESULT_SCAN_KEY not in dossier.form_data[FORM_DATA_KEY]
    assert result_scan_of(dossier) == ""


@pytest.mark.parametrize("sha", ["abc", "A" * 64, "g" * 64, "0" * 63])
def test_a_handover_names_a_scan_only_by_a_sha256(sha: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        check_handover(Handover(Satisfaction.SATISFIED, result_sha256=sha))
    assert caught.value.code == "handover.result_scan"
    assert "Bản quét kết quả không hợp lệ" in caught.value.message
    good = "0123456789abcdef" * 4
    assert check_handover(Handover(Satisfaction.SATISFIED, result_sha256=good)).result_sha256


# --- how the fees were paid -----------------------------------------------------------


def test_every_fee_line_says_how_it_was_paid_cash_unless_said() -> None:
    late_birth = CATALOGUE.get("1.001193")  # the late fee and the extract copies' fee
    cash = fees_for(late_birth, copies=2, late=True)
    assert len(cash) == 2
    assert {fee.method for fee in cash} == {"Tiền mặt"}
    paid = fees_for(late_birth, copies=2, late=True, method=PaymentMethod.TRANSFER)
    assert [fee.amount for fee in paid] == [fee.amount for fee in cash]
    assert {fee.method for fee in paid} == {"Chuyển khoản"}
    assert {PaymentMethod.of(fee.method) for fee in paid} == {PaymentMethod.TRANSFER}


def certified_copy(payment: PaymentMethod | None = None) -> IntakeRequest:
    request = IntakeRequest("2.000815", Person("Lê Thị Thu"), copies=2, pages=3)
    if payment is not None:
        request.payment = payment
    return request


def test_a_transfer_chosen_at_intake_is_stored_on_every_fee_line(ctx, clerk) -> None:
    dossier = intake.receive_dossier(ctx, certified_copy(PaymentMethod.TRANSFER), clerk, at=NOW)
    with ctx.db.read() as session:
        stored = store_dossiers.get_dossier(session, str(dossier.code))
    assert stored.fees and stored.total_fee > 0
    assert [fee.method for fee in stored.fees] == ["Chuyển khoản"] * len(stored.fees)
    assert fee_text(stored).endswith(". Hình thức thu: Chuyển khoản")
    pdf = render_slip(ctx.office, stored, ctx.catalogue().get("2.000815"))
    paper = " ".join(
        " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages).split()
    )
    assert paper.count("Hình thức thu: Chuyển khoản") == 2  # both parts of the slip


def test_the_default_stays_cash(ctx, clerk) -> None:
    dossier = intake.receive_dossier(ctx, certified_copy(), clerk, at=NOW)
    with ctx.db.read() as session:
        stored = store_dossiers.get_dossier(session, str(dossier.code))
    assert stored.fees and [fee.method for fee in stored.fees] == ["Tiền mặt"] * len(stored.fees)
    assert "Hình thức thu" not in fee_text(stored)  # cash, the usual way, is not said


def test_the_months_figures_count_the_scanned_result_and_the_transfer(
    ctx, clerk, tmp_path: Path
) -> None:
    """The two facts reach the supervisor's figures (``desk.services.figures``)."""
    code = str(
        intake.receive_dossier(ctx, certified_copy(PaymentMethod.TRANSFER), clerk, at=NOW).code
    )
    cash = intake.receive_dossier(ctx, certified_copy(), clerk, at=NOW)
    for later, status in ((1, Status.PROCESSING), (2, Status.RESULT_READY)):
        dossiers.change_status(ctx, code, status, clerk, at=NOW + timedelta(hours=later))
    scan = tmp_path / "ket-qua.jpg"
    scan.write_bytes(b"\xff\xd8\xff the certified copy, scanned")
    hand_back(
        ctx,
        code,
        Handover(Satisfaction.SATISFIED),
        clerk,
        at=NOW + timedelta(hours=3),
        result_scan=scan,
    )
    office = period_figures(ctx, Period.month(2026, 11), now=NOW + timedelta(days=1)).office
    assert (office.returned, office.results_scanned) == (1, 1)
    assert office.results_digitisation_rate == 100
    assert (office.paid, office.paid_by_transfer) == (2, 1)
    assert office.fees_cash == cash.total_fee and office.fees_transfer == cash.total_fee
