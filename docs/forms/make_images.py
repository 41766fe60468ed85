"""Regenerate the pictures of the printed forms in docs/forms/ (PNG, 100 dpi).

    .venv/bin/python docs/forms/make_images.py

Needs poppler's pdftoppm (Debian: poppler-utils). The sample dossiers are the ones the
printing tests use (tests/unit/printing_factories.py), with fixed dates, so the pictures
only change when the forms do.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
DPI = 100

sys.path.insert(0, str(ROOT))  # run as a script: make `desk` and `tests` importable

from desk.domain.catalogue import CopyKind, RequiredDocument  # noqa: E402
from desk.domain.codes import DossierCode  # noqa: E402
from desk.domain.dossier import ReceivedDocument  # noqa: E402
from desk.domain.fees import Fee  # noqa: E402
from desk.domain.status import Status, StatusEvent  # noqa: E402
from desk.printing import (  # noqa: E402
    Apology,
    Refusal,
    StopNotice,
    SupplementRequest,
    render_apology,
    render_book,
    render_control,
    render_declaration,
    render_refusal,
    render_slip,
    render_stop,
    render_supplement,
)
from tests.unit.printing_factories import (  # noqa: E402
    AGENCY_ID,
    LONG_ADDRESS,
    LONG_NAME,
    RECEIVED_DAY,
    at,
    birth_dossier,
    make_applicant,
    make_dossier,
    make_office,
    marital_procedure,
    with_documents,
)


def _book_events(received: datetime, returned: bool) -> list[StatusEvent]:
    """A book sample's history: sent to the lead body half an hour after it was received;
    a returned one came back on the 25th and was collected that morning."""
    clerk = "Lê Thị Hồng Nhung"
    events = [
        StatusEvent(received, None, Status.RECEIVED, clerk),
        StatusEvent(received + timedelta(minutes=30), Status.RECEIVED, Status.PROCESSING, clerk),
    ]
    if returned:
        ready = at(date(2026, 11, 25), 9, 0)
        events.append(StatusEvent(ready, Status.PROCESSING, Status.RESULT_READY, "Nguyễn Văn Tư"))
        events.append(
            StatusEvent(at(date(2026, 11, 25), 10, 0), Status.RESULT_READY, Status.RETURNED, clerk)
        )
    return events


def samples() -> dict[str, tuple[bytes, tuple[int, ...]]]:
    """Image name → (PDF, the pages to show)."""
    office = make_office()
    dossier = make_dossier()
    procedure = marital_procedure()
    later = date(2026, 11, 26)
    # The slip as recorded today: the ID card shown and handed back, the book entry drawn.
    id_card = RequiredDocument("GTTT", "Căn cước", copy_kind=CopyKind.PHOTO, shown=True)
    slip_procedure = replace(procedure, documents=(*procedure.documents, id_card))
    slip_dossier = replace(
        dossier,
        documents=[d for d in dossier.documents if "Căn cước" not in d.name],
        book_year=2026,
        book_number=1287,
    )
    centre = make_office(unit_name="TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG XÃ YÊN LẠC")
    control_procedure = replace(procedure, coordinating_units=("Công an xã",))
    events = [
        StatusEvent(at(RECEIVED_DAY, 9, 30), None, Status.RECEIVED, "Lê Thị Hồng Nhung"),
        StatusEvent(
            at(RECEIVED_DAY, 10, 0), Status.RECEIVED, Status.PROCESSING, "Lê Thị Hồng Nhung"
        ),
        StatusEvent(
            at(date(2026, 11, 25), 14, 0),
            Status.PROCESSING,
            Status.RESULT_READY,
            "Nguyễn Văn Tư",
            note="Đã ký",
        ),
    ]
    long_applicant = make_applicant(full_name=LONG_NAME, address=LONG_ADDRESS, phone="", email="")
    long_dossier = replace(
        with_documents(make_dossier(applicant=long_applicant), 15), book_year=2026, book_number=9
    )
    book_dossiers = [
        make_dossier(
            code=DossierCode(AGENCY_ID, RECEIVED_DAY, n),
            received_at=at(RECEIVED_DAY, 7 + n // 2, 5 * n % 60),
            status=Status.RETURNED if n % 4 == 0 else Status.PROCESSING,
            returned_at=at(date(2026, 11, 25), 10, 0) if n % 4 == 0 else None,
            finished_at=at(date(2026, 11, 25), 9, 0) if n % 4 == 0 else None,
            events=_book_events(at(RECEIVED_DAY, 7 + n // 2, 5 * n % 60), n % 4 == 0),
            lead_unit="UBND xã",
            book_year=2026,
            book_number=1280 + n,
        )
        for n in range(1, 16)
    ]
    return {
        "slip-a5": (render_slip(office, slip_dossier, slip_procedure), (1,)),
        "slip-a4": (render_slip(office, slip_dossier, slip_procedure, paper="a4"), (1,)),
        "slip-roll80": (
            render_slip(centre, slip_dossier, slip_procedure, paper="roll80"),
            (1,),
        ),
        "slip-a5-long": (render_slip(office, long_dossier, slip_procedure), (1, 2)),
        "supplement": (
            render_supplement(
                office,
                replace(dossier, status=Status.SUPPLEMENT_REQUESTED),
                SupplementRequest(
                    [
                        "Bản sao Giấy khai sinh",
                        ReceivedDocument("Giấy xác nhận thông tin về cư trú", originals=1),
                    ],
                    "Giấy xác nhận cư trú đã hết hạn sử dụng.",
                    "Bảng niêm yết thủ tục tại Bộ phận Một cửa",
                    "Lê Thị Hồng Nhung",
                    "0912 000 111",
                ),
                issued_on=date(2026, 11, 24),
            ),
            (1,),
        ),
        "refusal": (
            render_refusal(
                office,
                replace(dossier, status=Status.REFUSED),
                Refusal("Thủ tục không thuộc thẩm quyền giải quyết của UBND xã."),
            ),
            (1,),
        ),
        "apology": (
            render_apology(
                office,
                dossier,
                Apology(
                    "Cần xác minh thêm thông tin tại nơi cư trú trước đây.",
                    at(date(2026, 12, 1), 16, 0),
                    signer_name="Hoàng Văn Quyết",
                    number=12,  # as issued: the letters are numbered per year and kind
                    # A second new due time: the letter shows every date promised.
                    earlier_due_times=(dossier.due_at, at(date(2026, 11, 27), 16, 0)),
                ),
                issued_on=later,
            ),
            (1,),
        ),
        "stop": (
            render_stop(
                office,
                replace(dossier, status=Status.STOPPED),
                StopNotice(
                    "Người yêu cầu không bổ sung hồ sơ trong thời hạn quy định.",
                    [Fee("Lệ phí xác nhận tình trạng hôn nhân", 8000)],
                    citizen_requested=False,
                    signer="kt",  # a vice-chairman signs on the chairman's behalf
                    signer_name="Nguyễn Thị Lan",
                    number=3,
                ),
                issued_on=date(2026, 12, 10),
            ),
            (1,),
        ),
        "control": (
            render_control(
                office,
                replace(
                    dossier,
                    lead_unit="UBND xã",
                    status=Status.RETURNED,
                    events=[
                        *events,
                        StatusEvent(
                            at(date(2026, 11, 27), 8, 0),
                            Status.RESULT_READY,
                            Status.RETURNED,
                            "Lê Thị Hồng Nhung",
                        ),
                    ],
                ),
                control_procedure,
            ),
            (1,),
        ),
        "declaration": (render_declaration(office, birth_dossier()), (1,)),
        "book": (
            render_book(
                office,
                book_dossiers,
                RECEIVED_DAY,
                issued_on=later,
                as_of=at(later, 8, 0),
                prepared_by="Lê Thị Hồng Nhung",
            ),
            (1, 2),
        ),
    }


def main() -> None:
    with tempfile.TemporaryDirectory() as scratch:
        for name, (pdf, pages) in samples().items():
            source = Path(scratch) / f"{name}.pdf"
            source.write_bytes(pdf)
            for page in pages:
                target = HERE / (name if len(pages) == 1 else f"{name}-{page}")
                options = ["-r", str(DPI), "-png", "-singlefile", "-f", str(page), "-l", str(page)]
                subprocess.run(["pdftoppm", *options, str(source), str(target)], check=True)
                print(target.with_suffix(".png").relative_to(ROOT))


if __name__ == "__main__":
    main()
