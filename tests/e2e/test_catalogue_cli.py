"""``desk catalogue import|export`` on wrong files (issue 11, finding 4): each ends in a
Vietnamese message naming the procedure and the field, exit 2, and the office's catalogue
as it was; a procedure left out is withdrawn and its dossiers still print."""

from __future__ import annotations

import copy
import json
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from desk.resources import CATALOGUE_FILE
from tests.e2e.test_cli import desk

SHIPPED: dict[str, Any] = json.loads(CATALOGUE_FILE.read_text(encoding="utf-8"))
BUG_MESSAGE = "sự cố không mong muốn"


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("office")
    result = desk("demo", "--dossiers", "12", "--seed", "7", data=data, user=None)
    assert result.returncode == 0, result.stderr
    return data


def procedures(data: Path) -> list[tuple[Any, ...]]:
    with sqlite3.connect(data / "office.sqlite") as connection:
        return connection.execute(
            "SELECT code, name, definition, active FROM procedures ORDER BY code"
        ).fetchall()


def changed(change: Callable[[dict[str, Any]], Any]) -> str:
    data = copy.deepcopy(SHIPPED)
    change(data)
    return json.dumps(data, ensure_ascii=False)


def first(data: dict[str, Any]) -> dict[str, Any]:
    procedure: dict[str, Any] = data["procedures"][0]
    return procedure


def fee_of_the_fourth(**fee: Any) -> Callable[[dict[str, Any]], Any]:
    return lambda data: data["procedures"][3]["fee"].update(fee)


FIRST = "Thủ tục 1.001193 (thứ 1)"
# (name, the file's content — None: a folder, bytes: as they are —, what the message names)
WRONG_FILES: list[tuple[str, str | bytes | None, str]] = [
    ("procedures-text", changed(lambda d: d.update(procedures="abc")), "mục procedures"),
    ("procedure-null", changed(lambda d: d.update(procedures=[None])), "Thủ tục thứ 1:"),
    (
        "document-number",
        changed(lambda d: first(d).update(documents=[1])),
        f"{FIRST}, mục documents[1]",
    ),
    ("fee-text", changed(lambda d: first(d).update(fee="flat")), f"{FIRST}, mục fee"),
    ("brackets-200000", "[" * 200_000 + "]" * 200_000, "lồng nhau quá sâu"),
    ("folder", None, "là một thư mục"),
    (
        "days-nan",
        changed(lambda d: first(d).update(processing_days="NaN")),
        f"{FIRST}, mục processing_days",
    ),
    (
        "fee-10-400",
        changed(fee_of_the_fourth(amount=10**400)),
        "Thủ tục 1.004873 (thứ 4), mục fee.amount (mức phí, lệ phí): phải từ 0 đến "
        "100.000.000 đồng",
    ),
    ("active-text", changed(lambda d: first(d).update(active="false")), f"{FIRST}, mục active"),
    (
        "days-million",
        changed(lambda d: first(d).update(processing_days=1_000_000)),
        f"{FIRST}, mục processing_days (thời hạn giải quyết): phải từ 0 đến 120 ngày",
    ),
    ("empty", changed(lambda d: d.update(procedures=[])), "không có thủ tục nào"),
    (
        "typo",
        changed(lambda d: first(d).update(proccessing_days="3")),
        f"{FIRST}, mục proccessing_days: không có trong định dạng",
    ),
    (
        "form-unknown",
        changed(lambda d: first(d).update(form="khong_co")),
        f"{FIRST}, mục form: không có mẫu tờ khai «khong_co»",
    ),
    ("not-utf8", b'{"format": "commune-desk/catalogue", "x": "\xd0\xe3ng"}', "UTF-8"),
    ("not-json", '{\n  "format": "commune-desk/catalogue",\n}', "dòng 3, cột 1"),
    ("other-file", '{"dossiers": []}', "không phải danh mục thủ tục"),
]


@pytest.mark.parametrize(
    ("content", "named"), [case[1:] for case in WRONG_FILES], ids=[case[0] for case in WRONG_FILES]
)
def test_a_wrong_catalogue_file_is_refused_and_changes_nothing(
    office: Path, tmp_path: Path, content: str | bytes | None, named: str
) -> None:
    path = tmp_path / "danh-muc.json"
    if content is None:
        path.mkdir()
    elif isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    before = procedures(office)

    result = desk("catalogue", "import", str(path), data=office)

    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith("Lỗi: ")
    assert named in result.stderr
    assert BUG_MESSAGE not in result.stderr and "Traceback" not in result.stderr
    assert "<class" not in result.stderr  # «[<class 'decimal.InvalidOperation'>]» before
    assert procedures(office) == before


def test_a_file_over_5_mb_is_refused(office: Path, tmp_path: Path) -> None:
    path = tmp_path / "lon.json"
    with path.open("wb") as handle:
        handle.truncate(5 * 1024 * 1024 + 1)  # sparse: nothing to write
    result = desk("catalogue", "import", str(path), data=office)
    assert result.returncode == 2
    assert "quá lớn: tối đa 5 MB" in result.stderr


def test_a_missing_file_is_named(office: Path, tmp_path: Path) -> None:
    result = desk("catalogue", "import", str(tmp_path / "khong-co.json"), data=office)
    assert result.returncode == 2
    assert "Không tìm thấy tệp danh mục" in result.stderr and "khong-co.json" in result.stderr


def test_export_to_a_missing_folder_exits_2(office: Path, tmp_path: Path) -> None:
    out = tmp_path / "khong-co" / "danh-muc.json"
    result = desk("catalogue", "export", str(out), data=office)
    assert result.returncode == 2, result.stderr
    assert "không tồn tại" in result.stderr
    assert BUG_MESSAGE not in result.stderr
    assert not out.parent.exists()


def test_a_withdrawn_procedure_keeps_its_dossiers_printable(office: Path, tmp_path: Path) -> None:
    with sqlite3.connect(office / "office.sqlite") as connection:
        withdrawn, dossier = connection.execute(
            "SELECT procedure_code, code FROM dossiers ORDER BY code LIMIT 1"
        ).fetchone()
        dossiers_before = connection.execute("SELECT count(*) FROM dossiers").fetchone()[0]
    path = tmp_path / "danh-muc.json"
    path.write_text(
        changed(
            lambda d: d.update(procedures=[p for p in d["procedures"] if p["code"] != withdrawn])
        ),
        encoding="utf-8",
    )

    result = desk("catalogue", "import", str(path), data=office)

    assert result.returncode == 0, result.stderr
    assert "thêm 0, sửa 0, ngừng áp dụng 1" in result.stdout
    assert f"Ngừng áp dụng: {withdrawn}" in result.stdout
    assert withdrawn not in desk("catalogue", data=office).stdout  # no longer offered
    rows = {row[0]: row[3] for row in procedures(office)}
    assert rows[withdrawn] == 0  # kept, withdrawn
    with sqlite3.connect(office / "office.sqlite") as connection:
        assert connection.execute("SELECT count(*) FROM dossiers").fetchone()[0] == dossiers_before
    slip = tmp_path / "slip.pdf"
    printed = desk("print", "slip", dossier, "--out", str(slip), data=office)
    assert printed.returncode == 0, printed.stderr
    assert slip.read_bytes().startswith(b"%PDF")

    # The export says it is withdrawn, so importing it back keeps it withdrawn.
    exported = tmp_path / "xuat.json"
    assert desk("catalogue", "export", str(exported), data=office).returncode == 0
    entries = json.loads(exported.read_text(encoding="utf-8"))["procedures"]
    assert {p["code"]: p["active"] for p in entries}[withdrawn] is False
    again = desk("catalogue", "import", str(exported), data=office)
    assert again.returncode == 0, again.stderr
    assert "thêm 0, sửa 0, ngừng áp dụng 0" in again.stdout
    assert {row[0]: row[3] for row in procedures(office)}[withdrawn] == 0

    # Bringing the shipped catalogue back offers it again.
    back = desk("catalogue", "import", str(CATALOGUE_FILE), data=office)
    assert back.returncode == 0, back.stderr
    assert withdrawn in desk("catalogue", data=office).stdout


def test_export_then_import_round_trips(office: Path, tmp_path: Path) -> None:
    first_export, second_export = tmp_path / "1.json", tmp_path / "2.json"
    assert desk("catalogue", "export", str(first_export), data=office).returncode == 0
    before = procedures(office)
    result = desk("catalogue", "import", str(first_export), data=office)
    assert result.returncode == 0, result.stderr
    assert "thêm 0, sửa 0, ngừng áp dụng 0" in result.stdout
    assert procedures(office) == before
    assert desk("catalogue", "export", str(second_export), data=office).returncode == 0
    assert second_export.read_bytes() == first_export.read_bytes()
