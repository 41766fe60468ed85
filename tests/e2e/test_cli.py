"""The desk command as a user runs it: real processes, exit codes, Vietnamese messages.
Each runs as a demo account (DESK_USER / DESK_PASSWORD_FILE) unless it needs none."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.e2e.identity import run_as

ROOT = Path(__file__).resolve().parents[2]


def desk(
    *args: str, data: Path, user: str | None = "quantri", password: str | None = None
) -> subprocess.CompletedProcess[str]:
    """``desk ARGS`` on the office in ``data``, signed in as ``user`` (a demo account, its
    demo password unless ``password``), with no terminal to ask anything on."""
    return run_as(["-m", "desk", *args], data, user, password)


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("office")
    result = desk("demo", "--dossiers", "60", "--seed", "4", data=data, user=None)
    assert result.returncode == 0, result.stderr
    assert "canbo1 / canbo1-demo" in result.stdout
    assert "Đã thêm 60 hồ sơ mẫu" in result.stdout
    return data


def test_demo_twice_adds_to_the_same_office(tmp_path: Path) -> None:
    # Its own office: the shared one keeps its 60 dossiers whatever order tests run in.
    first = desk("demo", "--dossiers", "2", data=tmp_path, user=None)
    assert first.returncode == 0 and "Tài khoản mẫu" in first.stdout
    again = desk("demo", "--dossiers", "5", data=tmp_path, user=None)
    assert again.returncode == 0
    assert "Tài khoản mẫu" not in again.stdout  # the office exists already
    assert "Đã thêm 5 hồ sơ mẫu" in again.stdout


def test_calendar_lists_holidays_with_their_names(office: Path) -> None:
    result = desk("calendar", "2026", data=office, user=None)  # a look-up: no account
    assert result.returncode == 0
    assert "2026-02-17  Thứ Ba    Tết Nguyên Đán" in result.stdout
    assert "2026-11-24  Thứ Ba    Ngày Văn hóa Việt Nam" in result.stdout
    assert "2026-08-22  Thứ Bảy   Làm việc bù" in result.stdout


@pytest.mark.parametrize(
    ("procedure", "received", "due"),
    [
        ("1.004873", "2026-11-16 09:00", "2026-11-19 09:00"),  # 3 days, Mon → Thu
        ("1.004873", "2026-11-23 09:00", "2026-11-27 09:00"),  # across 24/11
        ("1.001193", "2026-11-20 15:30", "2026-11-23 17:00"),  # after the cut-off, Friday
        ("1.001193", "2026-11-21 09:00", "2026-11-23 17:00"),  # a Saturday
    ],
)
def test_calendar_due_prints_the_due_time(
    office: Path, procedure: str, received: str, due: str
) -> None:
    result = desk(
        "calendar", "due", "--procedure", procedure, "--received", received, data=office, user=None
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == due


@pytest.mark.parametrize(
    ("procedure", "due"),
    [
        ("1.000656", "2026-11-19 09:00"),  # same day, or 3 days when checks are needed
        ("1.004873", "2026-11-19 09:00"),  # no longer time: the normal 3 days, as at intake
    ],
)
def test_calendar_due_with_checks_is_the_time_the_intake_would_record(
    office: Path, procedure: str, due: str
) -> None:
    result = desk(
        "calendar",
        "due",
        "--procedure",
        procedure,
        "--received",
        "2026-11-16 09:00",
        "--needs-checks",
        data=office,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == due


def test_overrides_change_the_calendar_and_can_be_removed(office: Path) -> None:
    args = ("calendar", "due", "--procedure", "1.004873", "--received", "2026-12-28 09:00")
    assert desk(*args, data=office).stdout.strip() == "2026-12-31 09:00"
    off = ("calendar", "off", "2026-12-29", "--name", "Nghỉ bù")
    assert desk(*off, data=office, user="lanhdao").returncode == 0
    assert desk(*args, data=office).stdout.strip() == "2027-01-04 09:00"
    assert desk("calendar", "remove", "2026-12-29", data=office, user="lanhdao").returncode == 0
    assert desk(*args, data=office).stdout.strip() == "2026-12-31 09:00"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("calendar", "due", "--procedure", "9.999999", "--received", "2026-11-16 09:00"),
            "Không có thủ tục",
        ),
        (
            ("calendar", "due", "--procedure", "1.004873", "--received", "16/11/2026"),
            "phải có dạng",
        ),
        (("calendar", "tết"), "không phải năm"),
        (("export", "--out", "/khong/co/thu/muc/x.jsonl"), "không tồn tại"),
        (("export", "--out", "x.jsonl", "--since", "2026-13-01"), "tháng 13 không có"),
        (("demo", "--dossiers", "nhiều"), "tham số không hợp lệ"),
        (("show", "000.17.22.H56-261116-9999"), "Không tìm thấy hồ sơ"),
        (("search", "x"), "ít nhất"),
        (("--db", "mysql://x/y", "calendar"), "Chỉ hỗ trợ SQLite và PostgreSQL"),
    ],
)
def test_bad_input_exits_2_with_a_vietnamese_message(
    office: Path, args: tuple[str, ...], message: str
) -> None:
    result = desk(*args, data=office)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_export_writes_one_province_item_per_dossier_in_code_order(
    office: Path, tmp_path: Path
) -> None:
    out = tmp_path / "handover.jsonl"
    result = desk("export", "--out", str(out), data=office)
    assert result.returncode == 0, result.stderr
    items = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(items) == 60  # the office's demo dossiers, each once
    codes = [item["MaHoSo"] for item in items]
    assert codes == sorted(codes)
    for item in items:
        assert item["PhienBan"] == len(item["TienDo"]) >= 1
        assert item["TrangThaiHoSo"] == item["TienDo"][-1]["TrangThai"]
        assert len(item["NgayTiepNhan"]) == 14 and item["NgayTiepNhan"].isdigit()
        assert isinstance(item["KenhThucHien"], str) and isinstance(item["TrangThaiHoSo"], str)
        assert all(isinstance(fee["Gia"], int) for fee in item["DanhSachLePhi"])
    later = tmp_path / "later.jsonl"
    since = items[-1]["NgayTiepNhan"]
    day = f"{since[:4]}-{since[4:6]}-{since[6:8]}"
    assert desk("export", "--out", str(later), "--since", day, data=office).returncode == 0
    assert 0 < len(later.read_text(encoding="utf-8").splitlines()) < len(items)


def test_catalogue_round_trip(office: Path, tmp_path: Path) -> None:
    exported = tmp_path / "catalogue.json"
    assert desk("catalogue", "export", str(exported), data=office).returncode == 0
    data = json.loads(exported.read_text(encoding="utf-8"))
    assert len(data["procedures"]) == 8
    data["procedures"][0]["name"] = "Đăng ký khai tử (sửa)"
    exported.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert desk("catalogue", "import", str(exported), data=office).returncode == 0
    listing = desk("catalogue", data=office).stdout
    assert "Đăng ký khai tử (sửa)" in listing
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")
    result = desk("catalogue", "import", str(broken), data=office)
    assert result.returncode == 2 and "không đọc được" in result.stderr


def test_help_is_available_for_every_command(office: Path) -> None:
    for command in ((), ("demo",), ("calendar",), ("export",), ("catalogue",), ("search",)):
        result = desk(*command, "--help", data=office)
        assert result.returncode == 0 and "--db" in result.stdout


def test_a_real_office_is_set_up_without_the_demo(tmp_path: Path) -> None:
    data = tmp_path / "real"
    before = desk(
        "calendar", "due", "--procedure", "1.001193", "--received", "2026-11-23 10:00", data=data
    )
    assert before.returncode == 2 and "desk setup" in before.stderr
    admin_password = tmp_path / "admin-password"
    admin_password.write_text("chu-tich-2026\n", encoding="utf-8")
    admin_password.chmod(0o600)
    setup = desk(
        "setup",
        "--admin",
        "chutich",
        "--admin-name",
        "Hà Văn Sơn",
        "--admin-password-file",
        str(admin_password),
        "--agency-id",
        "000.12.34.H25",
        "--agency-name",
        "UBND XÃ TAM SƠN",
        "--commune",
        "Xã Tam Sơn",
        "--province",
        "Tỉnh Phú Thọ",
        "--place-name",
        "Tam Sơn",
        "--hours",
        "07:30-11:30,13:00-17:00",
        data=data,
        user=None,  # the first set-up of an empty database needs no account: it makes one
    )
    assert setup.returncode == 0, setup.stderr
    assert "8 thủ tục" in setup.stdout and "chutich" in setup.stdout
    # The office's own hours drive due times: 3 working days from Monday 07:30 end
    # exactly at Wednesday's closing.
    due = desk(
        "calendar", "due", "--procedure", "1.004873", "--received", "2026-11-16 07:30", data=data
    )
    assert due.stdout.strip() == "2026-11-18 17:00"
    password = tmp_path / "pw"
    password.write_text("mat-khau-123\n", encoding="utf-8")
    password.chmod(0o600)
    admin = {"user": "chutich", "password": "chu-tich-2026"}
    add = ("user", "canbo", "--name", "Đỗ Thị Mai", "--password-file", str(password))
    user = desk(*add, data=data, **admin)
    assert user.returncode == 0 and "canbo" in user.stdout
    again = desk(*add, data=data, **admin)
    assert again.returncode == 2 and "đã có" in again.stderr
    listing = desk("user", "list", data=data, user="canbo", password="mat-khau-123")
    assert listing.returncode == 2 and "Quản trị" in listing.stderr  # a clerk lists no one
    listing = desk("user", "list", data=data, **admin)
    assert "chutich" in listing.stdout and "Đỗ Thị Mai" in listing.stdout
    bad = desk(
        "setup",
        "--agency-id",
        "xyz",
        "--agency-name",
        "x",
        "--commune",
        "x",
        "--province",
        "x",
        "--place-name",
        "x",
        data=data,
        **admin,
    )
    assert bad.returncode == 2 and "000.XX.YY.Hnn" in bad.stderr
