"""The supervisor's figures of November 2026 on an office whose every dossier's history is
known, counted by hand, on SQLite and on PostgreSQL.

Marital-status confirmations (three working days, fee 3,000 đ). Received Monday 16/11
09:00 unless said: due Thursday 19/11 09:00 unless a pause moved it.

====  =====================================================  ==============================
 no   history                                                counts in November
====  =====================================================  ==============================
  1   ready Wed 18/11, returned Fri 20/11 «Hài lòng»;          early; returned, satisfied;
      its paper scanned at intake                             documents scanned
  2   ready Thu 19/11 08:30, returned 19/11 «Bình thường»      on time; returned, neutral
  3   new due time on Fri 20/11 (after the due time: the      late; a new due time at fault;
      office's fault), ready Mon 23/11, returned Tue 24/11    returned, dissatisfied
      «Không hài lòng»
  4   two supplement requests (the second the office's        on time but at fault; two
      fault), pauses move the due time to Thu 11:00, ready    supplement requests, one at
      Thu 19/11 10:30                                         fault
  5   processing, nothing since                               running, overdue
  6   supplement requested Tue 17/11, still waiting           running, awaiting papers
  7   received Mon 30/11 09:00 by the second clerk            running, within time
  8   received online Tue 17/11, withdrawn Wed 18/11          early, withdrawn; online
  9   stopped Fri 20/11                                       stopped
 10   refused at intake                                       refused only
 11   received by post Wed 18/11 by the second clerk, paid    early; by post; transfer
      by transfer, ready Fri 20/11
 12   received Wed 28/10, ready Tue 03/11 (due Mon 02/11)     carried over; late
 13   received Mon 12/10, ready Tue 13/10                     nothing
 14   received Thu 29/10 (due Tue 03/11), waited for papers   carried over; on time; its
      Fri 30/10 09:00 → Mon 02/11 09:00 (one working day:     supplement request is
      due Wed 04/11), ready Wed 04/11 08:00                   October's
====  =====================================================  ==============================
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import pytest

from desk.cli import main
from desk.domain.calendar import OFFICE_TZ
from desk.domain.dossier import Channel, IntakeRequest, Person, ReceivedDocument
from desk.domain.fees import PaymentMethod
from desk.domain.figures import FigureLine, Grouping, Period
from desk.domain.handover import Handover, Satisfaction
from desk.domain.office import User
from desk.domain.path_limits import FaultKind
from desk.domain.status import Status
from desk.services import attachments, dossiers, figures, handover, intake
from desk.services.context import DeskContext
from desk.services.demo import demo_clerks
from tests.e2e.identity import sign_in_as
from tests.store.conftest import open_office

NAMES = [
    "-",
    "An",
    "Bình",
    "Chi",
    "Dung",
    "Giang",
    "Hà",
    "Hạnh",
    "Khánh",
    "Lan",
    "Mai",
    "Ngọc",
    "Oanh",
    "Phương",
    "Quyên",
]
NOVEMBER = Period.month(2026, 11)
AFTER_NOVEMBER = datetime(2026, 12, 10, 9, 0, tzinfo=OFFICE_TZ)


def moment(day: int, hour: int, minute: int = 0, month: int = 11) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=OFFICE_TZ)


class Office:
    def __init__(self, ctx: DeskContext, tmp_path: Path) -> None:
        self.ctx = ctx
        self.clerk, self.second = demo_clerks(ctx)[:2]
        self.tmp_path = tmp_path
        self.codes: dict[int, str] = {}

    def receive(
        self,
        number: int,
        at: datetime,
        *,
        clerk: User | None = None,
        scanned: bool = False,
        **extra: object,
    ) -> str:
        document = ReceivedDocument("Tờ khai", code="TK", originals=1)
        if scanned:
            scan = self.tmp_path / "to-khai.pdf"
            scan.write_bytes(b"%PDF-1.4\n% to khai\n")
            stored = attachments.store_attachment(self.ctx, scan)
            document = ReceivedDocument(
                "Tờ khai", code="TK", originals=1, attachment_sha256=stored.sha256
            )
        refusal = str(extra.pop("refusal_reason", ""))
        request = IntakeRequest(
            "1.004873",
            Person(f"Đỗ Thị {NAMES[number]}", id_number=f"0251901234{number:02d}"),
            documents=[document],
            **extra,  # type: ignore[arg-type]
        )
        dossier = intake.receive_dossier(
            self.ctx, request, clerk or self.clerk, at=at, refusal_reason=refusal
        )
        self.codes[number] = str(dossier.code)
        return self.codes[number]

    def steps(self, number: int, *changes: tuple) -> None:
        for status, at, *fault in changes:
            note = {
                Status.SUPPLEMENT_REQUESTED: "Thiếu bản sao giấy khai sinh",
                Status.WITHDRAWN: "Công dân xin rút hồ sơ",
                Status.STOPPED: "Không đủ điều kiện",
            }.get(status, "")
            dossiers.change_status(
                self.ctx,
                self.codes[number],
                status,
                self.clerk,
                note=note,
                at=at,
                fault_reason=(fault or [""])[0],
            )

    def hand_back(self, number: int, rating: Satisfaction, at: datetime) -> None:
        handover.hand_back(self.ctx, self.codes[number], Handover(rating), self.clerk, at=at)


PROCESSING = (Status.PROCESSING, moment(16, 10))


def build(ctx: DeskContext, tmp_path: Path) -> Office:
    office = Office(ctx, tmp_path)
    start = moment(16, 9)
    office.receive(1, start, scanned=True)
    office.steps(1, PROCESSING, (Status.RESULT_READY, moment(18, 10)))
    office.hand_back(1, Satisfaction.SATISFIED, moment(20, 9))
    office.receive(2, start)
    office.steps(2, PROCESSING, (Status.RESULT_READY, moment(19, 8, 30)))
    office.hand_back(2, Satisfaction.NEUTRAL, moment(19, 15))
    office.receive(3, start)
    office.steps(3, PROCESSING)
    dossiers.reschedule(
        ctx,
        office.codes[3],
        moment(25, 17),
        "Chờ xác minh",
        office.clerk,
        at=moment(20, 9),
        fault_reason="Quên gửi văn bản trước hạn",
    )
    office.steps(3, (Status.RESULT_READY, moment(23, 10)))
    office.hand_back(3, Satisfaction.DISSATISFIED, moment(24, 10))
    office.receive(4, start)
    office.steps(
        4,
        PROCESSING,
        (Status.SUPPLEMENT_REQUESTED, moment(16, 11)),
        (Status.PROCESSING, moment(16, 14)),
        (Status.SUPPLEMENT_REQUESTED, moment(17, 9), "Lần đầu kiểm tra sót"),
        (Status.PROCESSING, moment(17, 10)),
        (Status.RESULT_READY, moment(19, 10, 30)),
    )
    office.receive(5, start)
    office.steps(5, PROCESSING)
    office.receive(6, start)
    office.steps(6, PROCESSING, (Status.SUPPLEMENT_REQUESTED, moment(17, 9)))
    office.receive(7, moment(30, 9), clerk=office.second)
    office.receive(8, moment(17, 9), channel=Channel.ONLINE)
    office.steps(8, (Status.WITHDRAWN, moment(18, 9)))
    office.receive(9, start)
    office.steps(9, PROCESSING, (Status.STOPPED, moment(20, 9)))
    office.receive(10, start, refusal_reason="Không thuộc thẩm quyền")
    office.receive(
        11, moment(18, 9), clerk=office.second, channel=Channel.POST, payment=PaymentMethod.TRANSFER
    )
    office.steps(11, (Status.PROCESSING, moment(18, 10)), (Status.RESULT_READY, moment(20, 9)))
    office.receive(12, moment(28, 9, month=10))
    office.steps(
        12, (Status.PROCESSING, moment(28, 10, month=10)), (Status.RESULT_READY, moment(3, 9))
    )
    office.receive(13, moment(12, 9, month=10))
    office.steps(
        13,
        (Status.PROCESSING, moment(12, 10, month=10)),
        (Status.RESULT_READY, moment(13, 10, month=10)),
    )
    office.receive(14, moment(29, 9, month=10))
    office.steps(
        14,
        (Status.PROCESSING, moment(29, 10, month=10)),
        (Status.SUPPLEMENT_REQUESTED, moment(30, 9, month=10)),
        (Status.PROCESSING, moment(2, 9)),
        (Status.RESULT_READY, moment(4, 8)),
    )
    return office


# Counted by hand from the table in the module's docstring.
NOVEMBER_OFFICE = {
    "carried_over": 2,
    "received_in_person": 8,
    "received_online": 1,
    "received_by_post": 1,
    "refused": 1,
    "early": 3,
    "on_time": 3,
    "late": 2,
    "on_time_with_fault": 1,
    "withdrawn": 1,
    "stopped": 1,
    "running_within_time": 2,
    "awaiting_papers": 1,
    "running_overdue": 1,
    "supplement_requests": 3,
    "supplement_requests_at_fault": 1,
    "new_due_times": 1,
    "new_due_times_at_fault": 1,
    "returned": 3,
    "rated_satisfied": 1,
    "rated_neutral": 1,
    "rated_dissatisfied": 1,
    "results_scanned": 0,
    "documents_scanned": 1,
    # The fee is charged at intake on every dossier received (not on the refused one).
    "fees_cash": 9 * 3000,
    "fees_transfer": 3000,
    "paid": 10,
    "paid_by_transfer": 1,
}


def counts(line: FigureLine) -> dict[str, int]:
    return {name: getattr(line, name) for name in NOVEMBER_OFFICE}


@pytest.fixture
def office(any_db_url: str, tmp_path: Path) -> Iterator[Office]:
    ctx = open_office(any_db_url, tmp_path / "office")
    try:
        yield build(ctx, tmp_path)
    finally:
        ctx.close()


def test_every_figure_of_the_month_is_the_one_counted_by_hand(office: Office) -> None:
    found = figures.period_figures(office.ctx, NOVEMBER, now=AFTER_NOVEMBER)
    line = found.office
    assert counts(line) == NOVEMBER_OFFICE
    assert found.ended and found.as_of == NOVEMBER.end
    assert line.received == 10 and line.finished == 8 and line.running == 3
    # Every dossier to process is finished, stopped or still running at the end.
    assert line.to_process == line.finished + line.stopped + line.running
    assert line.on_time_rate == Decimal("62.5")  # (3 + 3 − 1) / 8
    assert line.on_time_rate_by_due_time == Decimal("75.0")
    assert line.satisfaction_rate == Decimal("33.3")
    assert line.online_rate == Decimal("10.0")
    assert line.documents_digitisation_rate == Decimal("10.0")
    assert line.results_digitisation_rate == Decimal("0.0")
    assert line.online_payment_rate == Decimal("10.0")
    assert found.faults == {
        FaultKind.EXTRA_SUPPLEMENT_REQUEST: 1,
        FaultKind.EXTRA_NEW_DUE_TIME: 0,
        FaultKind.LATE_NEW_DUE_TIME: 1,
    }


def test_per_clerk_lines_add_up_to_the_office(office: Office) -> None:
    found = figures.period_figures(office.ctx, NOVEMBER, Grouping.CLERK, now=AFTER_NOVEMBER)
    by_name = {line.label: line for line in found.lines}
    assert set(by_name) == {office.clerk.full_name, office.second.full_name}
    second = by_name[office.second.full_name]
    assert (second.received, second.received_by_post, second.early) == (2, 1, 1)
    assert (second.running_within_time, second.fees_transfer, second.carried_over) == (1, 3000, 0)
    first = by_name[office.clerk.full_name]
    assert (first.received, first.carried_over, first.finished, first.returned) == (8, 2, 7, 3)
    assert counts(first.plus(second)) == NOVEMBER_OFFICE
    assert counts(found.office) == NOVEMBER_OFFICE


def test_by_field_and_by_procedure_one_line_each_here(office: Office) -> None:
    for grouping in (Grouping.FIELD, Grouping.PROCEDURE):
        found = figures.period_figures(office.ctx, NOVEMBER, grouping, now=AFTER_NOVEMBER)
        (line,) = found.lines
        assert counts(line) == NOVEMBER_OFFICE
    procedure = figures.period_figures(office.ctx, NOVEMBER, Grouping.PROCEDURE).lines[0]
    assert procedure.key == "1.004873"
    assert procedure.label == "Cấp Giấy xác nhận tình trạng hôn nhân"


def test_a_month_not_over_counts_running_dossiers_as_of_now(office: Office) -> None:
    # Wednesday 18/11 12:00: 1 is ready and 8 withdrawn; 2, 3, 4 (its pauses over), 5, 9
    # and 11 run within time; 6 waits for papers. Nothing after noon counts yet.
    now = moment(18, 12)
    found = figures.period_figures(office.ctx, NOVEMBER, now=now).office
    assert found.early == 2  # 1 and the withdrawn 8
    assert found.on_time == 1 and found.late == 1  # 14 and 12, finished early in the month
    assert (found.running_within_time, found.awaiting_papers, found.running_overdue) == (7, 1, 0)
    assert found.received == 9  # 7 comes on the 30th
    later = figures.period_figures(office.ctx, NOVEMBER, now=moment(19, 12)).office
    # 19/11 12:00: 3, 5 and 9 are past 09:00, 4 and 2 are ready, 6 still waits.
    assert (later.running_overdue, later.awaiting_papers) == (3, 1)


def test_october_counts_what_november_carries_over(office: Office) -> None:
    october = figures.period_figures(office.ctx, Period.month(2026, 10), now=AFTER_NOVEMBER)
    line = october.office
    assert (line.received, line.finished, line.carried_over) == (3, 1, 0)
    # At the end of October 12 runs within time (due 02/11) and 14 waits for papers.
    assert (line.running_within_time, line.awaiting_papers, line.running_overdue) == (2, 1, 0)
    assert line.supplement_requests == 1
    # 3's new due time was recorded in November: not October's.
    assert (line.new_due_times, line.new_due_times_at_fault) == (0, 0)
    assert sum(october.faults.values()) == 0


def test_the_trend_gives_each_month_its_rates(office: Office) -> None:
    trend = figures.monthly_trend(office.ctx, NOVEMBER, months=3, now=AFTER_NOVEMBER)
    assert [period.label for period, _ in trend] == [
        "Tháng 09/2026",
        "Tháng 10/2026",
        "Tháng 11/2026",
    ]
    september, october, november = (line for _, line in trend)
    assert september.finished == 0 and september.on_time_rate is None
    assert (october.early, october.finished) == (1, 1)  # 13
    assert november.on_time_rate == Decimal("62.5")
    assert november.satisfaction_rate == Decimal("33.3")


def test_the_watch_list_shows_the_overdue_and_those_due_soon(office: Office) -> None:
    # Tuesday 01/12 12:00: 5 is overdue (6 waits for papers: its clock is paused); due by
    # the end of Thursday 03/12, two working days on: 7.
    watch = figures.watch_list(office.ctx, now=moment(1, 12, month=12))
    assert [s.code for s in watch.overdue] == [office.codes[5]]
    assert [s.code for s in watch.due_soon] == [office.codes[7]]
    assert watch.due_soon_until == moment(4, 0, month=12)


def test_a_watch_list_cut_short_keeps_the_most_overdue(
    office: Office, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Friday 04/12 12:00: 5 (due 19/11) and 7 (due 03/12) are overdue; a list of one
    # shows 5, though 7 was received last.
    monkeypatch.setattr(figures, "WATCH_LIMIT", 1)
    watch = figures.watch_list(office.ctx, now=moment(4, 12, month=12))
    assert [s.code for s in watch.overdue] == [office.codes[5]]


@pytest.fixture
def supervisor(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """``desk figures`` runs as the demo supervisor (figures are a supervisor's)."""
    sign_in_as(monkeypatch, tmp_path / "accounts", "lanhdao")


@pytest.mark.usefixtures("supervisor")
def test_desk_figures_prints_the_months_figures(
    office: Office, capsys: pytest.CaptureFixture[str]
) -> None:
    url = office.ctx.db.url.render_as_string(hide_password=False)
    status = main(["--db", url, "figures", "--period", "2026-11"])
    out = capsys.readouterr().out
    assert status == 0
    lines = out.splitlines()
    assert lines[0] == "Số liệu từ 01/11/2026 đến 30/11/2026"
    for expected in (
        "Kỳ trước chuyển sang: 2",
        "Hồ sơ tiếp nhận: 10",
        "  Trực tuyến: 1",
        "Từ chối tiếp nhận: 1",
        "Hồ sơ đã giải quyết: 8 (trong đó rút hồ sơ: 1)",
        "  Trước hạn: 3",
        "  Đúng hạn: 3",
        "  Quá hạn: 2",
        "  Trước hạn, đúng hạn nhưng có lỗi của cơ quan (tính là không đúng hạn): 1",
        "Tỷ lệ đúng hạn: 62,5% (chỉ theo hạn giải quyết: 75,0%)",
        "Dừng xử lý: 1",
        "  Trong hạn: 2 (trong đó chờ bổ sung: 1)",
        "  Quá hạn: 1",
        "Yêu cầu bổ sung: 3 (lỗi của cơ quan: 1)",
        "Hẹn lại ngày trả kết quả: 1 (lỗi của cơ quan: 1)",
        "Lỗi của cơ quan trong kỳ: 2",
        "  Yêu cầu bổ sung hồ sơ quá số lần cho phép: 1",
        "  Hẹn lại ngày trả kết quả muộn: 1",
        "Tỷ lệ hài lòng: 33,3%",
        "  Tiến độ giải quyết: 62,5% → 12,50/20 điểm",
    ):
        assert expected in lines, (expected, out)


@pytest.mark.usefixtures("supervisor")
def test_a_bad_period_exits_2_with_a_message(
    ctx: DeskContext, capsys: pytest.CaptureFixture[str]
) -> None:
    url = str(ctx.db.url)
    assert main(["--db", url, "figures", "--from", "2026-11-30", "--to", "2026-11-01"]) == 2
    assert "Ngày cuối" in capsys.readouterr().err
    assert main(["--db", url, "figures", "--from", "30/11/2026", "--to", "2026-12-01"]) == 2
    assert "YYYY-MM-DD" in capsys.readouterr().err
    assert main(["--db", url, "figures", "--period", "2026-13"]) == 2
    assert "không hợp lệ" in capsys.readouterr().err
    assert main(["--db", url, "figures"]) == 2
    assert "--period" in capsys.readouterr().err


def test_the_upgrade_to_0009_fills_the_columns_the_figures_count(
    office: Office, any_db_url: str
) -> None:
    """An office recorded before schema 0009 counts the same once upgraded: the upgrade
    fills each dossier's verdict, faults, rating, scans and fees from what it holds."""
    from alembic import command

    from desk.store import migrate
    from desk.store.db import Database

    before = figures.period_figures(office.ctx, NOVEMBER, Grouping.CLERK, now=AFTER_NOVEMBER)
    db = Database(any_db_url)
    config = migrate.alembic_config()
    with db.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0008")
    assert migrate.upgrade(db) is True
    db.dispose()
    after = figures.period_figures(office.ctx, NOVEMBER, Grouping.CLERK, now=AFTER_NOVEMBER)
    assert after == before
    assert counts(after.office) == NOVEMBER_OFFICE
