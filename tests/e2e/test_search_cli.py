"""``desk search`` as a clerk reads it: newest received first, a code's date-sequence part
and the child's name find the dossier, no result says so, a blank query exits 2."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest

from desk.domain.calendar import OFFICE_TZ
from desk.domain.dossier import IntakeRequest, Party, Person, ReceivedDocument
from desk.services import demo, intake
from tests.e2e.test_cli import desk
from tests.store.conftest import open_office

TODAY_9 = datetime(2026, 11, 30, 9, 0, tzinfo=OFFICE_TZ)
OCTOBER_9 = datetime(2026, 10, 5, 9, 0, tzinfo=OFFICE_TZ)


def _birth(mother: str, child: str) -> IntakeRequest:
    return IntakeRequest(
        procedure_code="1.004873",
        applicant=Person(mother, id_number="025190123456", phone="0912345678"),
        parties=[Party("child", Person(child))],
        documents=[ReceivedDocument("Tờ khai", code="TK", originals=1)],
    )


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """Today's birth registration recorded first, then October ones (larger ids)."""
    data = tmp_path_factory.mktemp("office")
    ctx = open_office(f"sqlite:///{data / 'office.sqlite'}", data)
    try:
        clerk = demo.demo_clerks(ctx)[0]
        today = intake.receive_dossier(
            ctx, _birth("Lê Thị Nhung", "Trần Minh Khôi"), clerk, at=TODAY_9
        )
        for day in range(4):
            intake.receive_dossier(
                ctx, _birth("Phạm Hồng Nhung", "Vũ Gia Bảo"), clerk, at=OCTOBER_9 + timedelta(day)
            )
    finally:
        ctx.close()
    return data, str(today.code)


def _codes(stdout: str) -> list[str]:
    return [line.split()[0] for line in stdout.splitlines() if line.strip()]


def test_search_lists_todays_dossier_first(office: tuple[Path, str]) -> None:
    data, today = office
    result = desk("search", "nhung", data=data)
    assert result.returncode == 0, result.stderr
    codes = _codes(result.stdout)
    assert len(codes) == 5 and codes[0] == today
    assert "30/11/2026" in result.stdout.splitlines()[0]


@pytest.mark.parametrize("query", [("261130-0001",), ("tran", "minh", "khoi")])
def test_a_partial_code_or_the_childs_name_finds_the_dossier(
    office: tuple[Path, str], query: tuple[str, ...]
) -> None:
    data, today = office
    result = desk("search", *query, data=data)
    assert result.returncode == 0, result.stderr
    assert _codes(result.stdout) == [today]


def test_no_result_says_so_and_exits_0(office: tuple[Path, str]) -> None:
    data, _ = office
    result = desk("search", "xuyen", data=data)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "Không tìm thấy hồ sơ nào khớp «xuyen»"


@pytest.mark.parametrize("query", ["", "  ", "x"])
def test_a_blank_query_is_refused_as_a_one_letter_one(office: tuple[Path, str], query: str) -> None:
    data, _ = office
    result = desk("search", query, data=data)
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert "ít nhất 2 chữ cái" in result.stderr
    assert "Traceback" not in result.stderr
