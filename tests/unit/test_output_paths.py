"""The files the user names (``--out``): only a regular file, never through a symlink,
never a device or a FIFO, in a folder that exists; a wrong extension is warned about
(issue 11, finding 6). And what the terminal prints of stored text (finding 2)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from desk.atomic import check_output_path, write_output
from desk.commands.base import json_line, safe, say
from desk.errors import DeskError


def test_a_new_file_in_an_existing_folder_may_be_written(tmp_path: Path) -> None:
    out = tmp_path / "giay-hen.pdf"
    assert check_output_path(out, ".pdf") == []
    assert write_output(out, b"%PDF-1.7", suffix=".pdf") == []
    assert out.read_bytes() == b"%PDF-1.7"
    assert [p.name for p in tmp_path.iterdir()] == ["giay-hen.pdf"]


def test_an_existing_regular_file_is_replaced(tmp_path: Path) -> None:
    out = tmp_path / "so.PDF"  # the extension's case does not matter
    out.write_bytes(b"old")
    assert write_output(out, b"new", suffix=".pdf") == []
    assert out.read_bytes() == b"new"


def test_another_extension_is_written_with_a_warning(tmp_path: Path) -> None:
    out = tmp_path / "s.txt"
    warnings = write_output(out, b"%PDF-1.7", suffix=".pdf")
    assert warnings == [f"Cảnh báo: tệp {out} không có đuôi .pdf (nội dung vẫn là tệp .pdf)."]
    assert out.read_bytes() == b"%PDF-1.7"


def test_a_symlink_is_refused_and_its_target_untouched(tmp_path: Path) -> None:
    target = tmp_path / "shadow"
    target.write_text("secret", encoding="utf-8")
    link = tmp_path / "out.pdf"
    link.symlink_to(target)
    with pytest.raises(DeskError) as caught:
        write_output(link, b"%PDF", suffix=".pdf")
    assert caught.value.code == "out.symlink"
    assert "liên kết" in caught.value.message
    assert link.is_symlink() and target.read_text(encoding="utf-8") == "secret"


def test_a_dangling_symlink_is_refused(tmp_path: Path) -> None:
    link = tmp_path / "out.pdf"
    link.symlink_to(tmp_path / "nowhere.pdf")
    with pytest.raises(DeskError) as caught:
        check_output_path(link, ".pdf")
    assert caught.value.code == "out.symlink"
    assert not (tmp_path / "nowhere.pdf").exists()


def test_a_fifo_is_refused_without_waiting(tmp_path: Path) -> None:
    fifo = tmp_path / "out.pdf"
    os.mkfifo(fifo)
    with pytest.raises(DeskError) as caught:
        write_output(fifo, b"%PDF", suffix=".pdf")
    assert caught.value.code == "out.not_a_file"
    assert fifo.is_fifo()


@pytest.mark.skipif(not Path("/dev/null").is_char_device(), reason="POSIX device node")
def test_a_device_is_refused(tmp_path: Path) -> None:
    # Only looked at (lstat), never written, even if the check were broken: a device is
    # never a target of a write in a test (run as root, the old --out replaced /dev/null).
    with pytest.raises(DeskError) as caught:
        check_output_path(Path("/dev/null"), ".pdf")
    assert caught.value.code == "out.not_a_file"
    assert "thiết bị" in caught.value.message


def test_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(DeskError) as caught:
        check_output_path(tmp_path, ".jsonl")
    assert caught.value.code == "out.directory"


def test_a_missing_folder_is_said_and_not_created(tmp_path: Path) -> None:
    out = tmp_path / "usb" / "export.jsonl"
    with pytest.raises(DeskError) as caught:
        write_output(out, b"{}", suffix=".jsonl")
    assert caught.value.code == "out.folder"
    assert f"Thư mục {tmp_path / 'usb'} không tồn tại" in caught.value.message
    assert not (tmp_path / "usb").exists()


def test_a_path_under_a_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    with pytest.raises(DeskError) as caught:
        check_output_path(tmp_path / "a-file" / "out.pdf", ".pdf")
    assert caught.value.code == "out.folder"


@pytest.mark.parametrize(
    ("error", "code", "words"),
    [
        (OSError(28, "No space left on device"), "env.disk_full", "Ổ đĩa đã đầy"),
        (OSError(5, "Input/output error"), "out.write", "Input/output error"),
    ],
)
def test_a_disk_fault_is_a_desk_error_naming_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: OSError, code: str, words: str
) -> None:
    def fail(*_: object) -> None:
        raise error

    monkeypatch.setattr(os, "fsync", fail)
    out = tmp_path / "slip.pdf"
    with pytest.raises(DeskError) as caught:
        write_output(out, b"%PDF", suffix=".pdf")
    assert caught.value.code == code
    assert str(out) in caught.value.message and words in caught.value.message
    assert list(tmp_path.iterdir()) == []  # no half-written file, no temporary left


def test_a_name_with_an_escape_is_shown_escaped(tmp_path: Path) -> None:
    link = tmp_path / "a\x1b[2Jb.pdf"
    link.symlink_to(tmp_path / "x")
    with pytest.raises(DeskError) as caught:
        check_output_path(link, ".pdf")
    assert "\x1b" not in caught.value.message and "a\\x1b[2Jb.pdf" in caught.value.message


# --- the terminal ---------------------------------------------------------------------------


def test_say_escapes_control_and_bidi_characters(capsys: pytest.CaptureFixture[str]) -> None:
    say("Nguyễn\x1b[2J Văn\u202e An\x07\x00\r")
    printed = capsys.readouterr().out
    assert printed == "Nguyễn\\x1b[2J Văn\\u202e An\\x07\\x00\\r\n"
    assert safe("Lê Thị Đào") == "Lê Thị Đào"


def test_json_line_reads_back_the_same_and_holds_no_raw_control() -> None:
    value = {
        "TenTTHC": "Đăng ký\x1b]0;x\x07\u202e\x85\u2028\ufeff\U000e0041 khai sinh",
        "lone": "\ud800",
    }
    text = json_line(value, indent=2)
    for raw in ("\x1b", "\x07", "\u202e", "\x85", "\u2028", "\ufeff", "\U000e0041", "\ud800"):
        assert raw not in text
    assert "Đăng ký" in text  # Vietnamese as it is, not \\u escapes
    assert json.loads(text) == value
    text.encode("utf-8")  # printable: no lone surrogate left
