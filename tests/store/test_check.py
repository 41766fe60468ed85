"""``desk check`` in process: a whole office passes every check; each kind of damage done
behind the desk's back (with sqlite3, as a stray tool or a bad disk would) is named by the
check it belongs to, with the dossier codes at fault; a clerk may not run it."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from desk.config import DeskConfig
from desk.domain.access import NotAllowed
from desk.services import demo
from desk.services.check import CheckReport, iter_lines, run_check
from desk.services.context import DeskContext
from tests.conftest import DEMO_NOW

DOSSIERS = 40


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A demo office's data folder, made once; each test works on its own copy."""
    data = tmp_path_factory.mktemp("check") / "data"
    ctx = DeskContext.open(DeskConfig(data_dir=data))
    try:
        demo.ensure_demo_office(ctx)
        demo.add_demo_dossiers(ctx, DOSSIERS, seed=3, now=DEMO_NOW, bulk=False)
    finally:
        ctx.close()
    return data


@pytest.fixture
def data(template: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "office"
    shutil.copytree(template, copy)
    return copy


def opened(data: Path, user: str = "quantri") -> DeskContext:
    ctx = DeskContext.open(DeskConfig(data_dir=data), create=False)
    ctx.act_as(demo.demo_account(ctx, user))
    return ctx


def checked(data: Path) -> CheckReport:
    ctx = opened(data)
    try:
        return run_check(ctx)
    finally:
        ctx.close()


@pytest.fixture
def tamper(data: Path) -> Iterator[sqlite3.Connection]:
    """A raw connection to the office file, committed and closed after the test's edits."""
    connection = sqlite3.connect(data / "office.sqlite")
    try:
        yield connection
        connection.commit()
    finally:
        connection.close()


def codes(connection: sqlite3.Connection) -> list[str]:
    return [str(c) for (c,) in connection.execute("SELECT code FROM dossiers ORDER BY id")]


def failed(report: CheckReport) -> set[str]:
    return {result.name for result in report.results if not result.ok}


def test_a_whole_office_passes_every_check(data: Path) -> None:
    report = checked(data)
    assert report.ok, list(iter_lines(report))
    assert [r.name for r in report.results] == [
        "integrity",
        "search",
        "codes",
        "history",
        "sync",
        "audit",
    ]
    lines = list(iter_lines(report))
    assert all(line.startswith("[ĐẠT]") for line in lines[:-1])
    assert lines[-1].startswith("Cơ sở dữ liệu nguyên vẹn và nhất quán")


def test_a_gap_in_a_days_numbers_names_the_missing_codes(
    data: Path, tamper: sqlite3.Connection
) -> None:
    agency, day, last = tamper.execute(
        "SELECT agency_id, day, last_value FROM daily_counters ORDER BY day DESC LIMIT 1"
    ).fetchone()
    # The counter handed out two more numbers than there are dossiers: two went missing.
    tamper.execute(
        "UPDATE daily_counters SET last_value = last_value + 2 WHERE agency_id = ? AND day = ?",
        [agency, day],
    )
    tamper.commit()
    report = checked(data)
    assert failed(report) == {"codes"}
    codes_result = report.result("codes")
    assert codes_result.problem_count == 2
    yymmdd = day.replace("-", "")[2:]
    (line,) = codes_result.problems
    assert f"{agency}-{yymmdd}-{last + 1:04d}" in line
    assert f"{agency}-{yymmdd}-{last + 2:04d}" in line


def test_a_dossier_numbered_beyond_its_counter_is_named(
    data: Path, tamper: sqlite3.Connection
) -> None:
    agency, day, last = tamper.execute(
        "SELECT agency_id, day, last_value FROM daily_counters ORDER BY day DESC LIMIT 1"
    ).fetchone()
    tamper.execute(
        "UPDATE daily_counters SET last_value = last_value - 1 WHERE agency_id = ? AND day = ?",
        [agency, day],
    )
    tamper.commit()
    report = checked(data)
    assert failed(report) == {"codes"}
    yymmdd = day.replace("-", "")[2:]
    assert f"{agency}-{yymmdd}-{last:04d}" in "\n".join(report.result("codes").problems)


def test_a_dossier_without_its_first_event_is_named(data: Path, tamper: sqlite3.Connection) -> None:
    code = codes(tamper)[3]
    # The history refuses deletes: only someone who drops the guard can lose an event.
    tamper.execute("DROP TRIGGER status_events_no_delete")
    tamper.execute(
        "DELETE FROM status_events WHERE from_status IS NULL AND dossier_id = "
        "(SELECT id FROM dossiers WHERE code = ?)",
        [code],
    )
    tamper.commit()
    report = checked(data)
    assert "history" in failed(report)
    assert report.result("history").problems == (
        f"Hồ sơ {code}: không có sự kiện tiếp nhận (lịch sử bị mất).",
    )


def test_a_revision_the_sync_would_never_send_is_named(
    data: Path, tamper: sqlite3.Connection
) -> None:
    code = codes(tamper)[5]
    tamper.execute(
        "DELETE FROM outbox WHERE dossier_id = (SELECT id FROM dossiers WHERE code = ?)", [code]
    )
    tamper.commit()
    report = checked(data)
    assert failed(report) == {"sync"}
    (line,) = report.result("sync").problems
    assert line.startswith(f"Hồ sơ {code}: phiên bản hiện tại không được tỉnh trả lời")


def test_a_name_whose_fold_was_changed_is_named_and_the_log_sees_it(
    data: Path, tamper: sqlite3.Connection
) -> None:
    code = codes(tamper)[7]
    tamper.execute("UPDATE dossiers SET applicant_name_folded = 'ten khac' WHERE code = ?", [code])
    tamper.commit()
    report = checked(data)
    assert "search" in failed(report)
    assert any(
        line.startswith(f"Hồ sơ {code}: tên chuẩn hóa «ten khac» không khớp")
        for line in report.result("search").problems
    )


def test_a_search_index_out_of_step_with_the_dossiers_is_found(
    data: Path, tamper: sqlite3.Connection
) -> None:
    dossier_id, folded, phone = tamper.execute(
        "SELECT id, applicant_name_folded, applicant_phone FROM dossiers LIMIT 1"
    ).fetchone()
    # Removed from the index behind the table's back: search would never find it.
    tamper.execute(
        "INSERT INTO dossier_search(dossier_search, rowid, applicant_name_folded, "
        "applicant_phone) VALUES ('delete', ?, ?, ?)",
        [dossier_id, folded, phone],
    )
    tamper.commit()
    report = checked(data)
    assert failed(report) == {"search"}
    assert report.result("search").problems[0].startswith("Chỉ mục tìm kiếm hỏng")


def test_a_record_edited_behind_the_desks_back_fails_the_audit_check(
    data: Path, tamper: sqlite3.Connection
) -> None:
    code = codes(tamper)[9]
    tamper.execute("UPDATE dossiers SET summary = 'sửa lén' WHERE code = ?", [code])
    tamper.commit()
    report = checked(data)
    assert failed(report) == {"audit"}
    assert any(code in line for line in report.result("audit").problems)
    lines = list(iter_lines(report))
    assert "[LỖI] Nhật ký không sửa được: 1 vấn đề" in "\n".join(lines)
    assert lines[-1].startswith("Có 1 mục kiểm tra không đạt.")


def test_a_clerk_may_not_run_the_check(data: Path) -> None:
    ctx = opened(data, "canbo1")
    try:
        with pytest.raises(NotAllowed):
            run_check(ctx)
    finally:
        ctx.close()


def test_a_postgresql_office_passes_and_a_lost_revision_is_named(
    postgres_url: str, tmp_path: Path
) -> None:
    from sqlalchemy import text

    from tests.store.conftest import open_office

    ctx = open_office(postgres_url, tmp_path / "pg")
    try:
        demo.add_demo_dossiers(ctx, 12, seed=3, now=DEMO_NOW)
        report = run_check(ctx)
        assert report.ok, list(iter_lines(report))
        # Every row of every table read back; the server's indexes are its administrator's.
        assert "amcheck" in report.result("integrity").note
        assert "PostgreSQL" in report.result("search").note
        with ctx.db.write() as session:
            code = session.execute(text("SELECT code FROM dossiers ORDER BY id LIMIT 1")).scalar()
            session.execute(
                text(
                    "DELETE FROM outbox WHERE dossier_id = "
                    "(SELECT id FROM dossiers WHERE code = :c)"
                ),
                {"c": code},
            )
        report = run_check(ctx)
        assert failed(report) == {"sync"}
        assert report.result("sync").problems[0].startswith(f"Hồ sơ {code}:")
    finally:
        ctx.close()
