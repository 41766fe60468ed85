"""Attachments are scans: a regular file (not through a symlink, not a FIFO, a device or a
folder) whose first bytes are a PDF's, a JPEG's or a PNG's, of at most the province's
20 MB, recorded under a clean name (issue 11, finding 6). On SQLite and PostgreSQL: a
refused file leaves no row and no stored copy."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from desk.domain import limits
from desk.errors import DiskFull, InvalidInput
from desk.services import attachments
from desk.services.context import DeskContext
from desk.store.models import AttachmentRow
from tests.store.conftest import open_office

PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 32
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 32


@pytest.fixture
def office(any_db_url: str, tmp_path: Path) -> Iterator[DeskContext]:
    ctx = open_office(any_db_url, tmp_path / "office")
    yield ctx
    ctx.close()


def stored_rows(ctx: DeskContext) -> int:
    with ctx.db.read() as session:
        return int(session.scalar(select(func.count()).select_from(AttachmentRow)) or 0)


def stored_files(ctx: DeskContext) -> list[Path]:
    files_dir = ctx.config.files_dir
    return [p for p in files_dir.rglob("*") if p.is_file()] if files_dir.exists() else []


def refused(ctx: DeskContext, source: Path, code: str, fragment: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        attachments.store_attachment(ctx, source)
    assert caught.value.code == f"attachment.{code}", caught.value.message
    assert fragment in caught.value.message
    assert stored_rows(ctx) == 0 and stored_files(ctx) == []


@pytest.mark.parametrize(
    ("name", "content", "media_type"),
    [
        ("giay-chung-sinh.pdf", PDF, "application/pdf"),
        ("ban-sao.JPG", JPEG, "image/jpeg"),
        ("can-cuoc.jpeg", JPEG, "image/jpeg"),
        ("so-ho-khau.png", PNG, "image/png"),
    ],
)
def test_a_pdf_jpeg_or_png_is_stored(
    office: DeskContext, tmp_path: Path, name: str, content: bytes, media_type: str
) -> None:
    source = tmp_path / name
    source.write_bytes(content)
    stored = attachments.store_attachment(office, source)
    assert stored.media_type == media_type
    assert stored.original_name == name
    assert stored.path.read_bytes() == content
    assert stored.sha256 == hashlib.sha256(content).hexdigest()
    assert stored_rows(office) == 1


def test_a_symlink_is_refused_even_to_a_scan(office: DeskContext, tmp_path: Path) -> None:
    # /etc/shadow behind a link named like a scan was once stored and queued for upload.
    secret = tmp_path / "shadow"
    secret.write_bytes(PDF + b"root:$6$secret")
    link = tmp_path / "ban-quet.pdf"
    link.symlink_to(secret)
    refused(office, link, "symlink", "liên kết")


def test_a_fifo_is_refused_without_waiting(office: DeskContext, tmp_path: Path) -> None:
    fifo = tmp_path / "scan.pdf"
    os.mkfifo(fifo)
    refused(office, fifo, "not_a_file", "không phải một tệp thông thường")


def test_a_folder_is_refused(office: DeskContext, tmp_path: Path) -> None:
    folder = tmp_path / "scans.pdf"
    folder.mkdir()
    refused(office, folder, "not_a_file", "thư mục")


def test_a_missing_file_is_said(office: DeskContext, tmp_path: Path) -> None:
    refused(office, tmp_path / "missing.pdf", "missing", "missing.pdf")


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("evil.exe.pdf", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 64),  # a Windows program
        ("bao-cao.docx", b"PK\x03\x04" + b"\x00" * 64),
        ("anh.gif", b"GIF89a" + b"\x00" * 64),  # an image, but not one the province takes
        ("ghi-chu.pdf", "Giấy chứng sinh".encode()),
        ("nua.pdf", b"%PD"),  # cut short
    ],
)
def test_a_file_whose_content_is_not_a_scan_is_refused(
    office: DeskContext, tmp_path: Path, name: str, content: bytes
) -> None:
    source = tmp_path / name
    source.write_bytes(content)
    refused(office, source, "type", "PDF hoặc ảnh (PDF, JPEG, PNG)")


def test_an_empty_file_is_refused(office: DeskContext, tmp_path: Path) -> None:
    source = tmp_path / "rong.pdf"
    source.write_bytes(b"")
    refused(office, source, "empty", "rỗng")


def test_the_provinces_20_mb_is_the_limit(office: DeskContext, tmp_path: Path) -> None:
    at_limit = tmp_path / "vua-du.pdf"
    with at_limit.open("wb") as handle:
        handle.write(PDF)
        handle.truncate(limits.ATTACHMENT_MAX_BYTES)  # sparse: costs no disk
    stored = attachments.store_attachment(office, at_limit)
    assert stored.size == limits.ATTACHMENT_MAX_BYTES
    stored.path.unlink()
    with office.db.write() as session:
        session.delete(session.get(AttachmentRow, stored.sha256))

    too_big = tmp_path / "qua-lon.pdf"
    with too_big.open("wb") as handle:
        handle.write(PDF)
        handle.truncate(limits.ATTACHMENT_MAX_BYTES + 1)
    refused(office, too_big, "size", "tối đa 20 MB")


def test_the_stored_name_is_clean(office: DeskContext, tmp_path: Path) -> None:
    # ANSI escape, BEL, backspace, a right-to-left override that makes "…fdp.exe" read
    # as "…exe.pdf", a zero-width space, a backslash: none is kept.
    name = "hóa\x1b[31m-đơn\x07\x08\u200b\\x\u202efdp.exe.pdf"
    source = tmp_path / name
    source.write_bytes(PDF)
    stored = attachments.store_attachment(office, source)
    assert stored.original_name == "hóa[31m-đơn_xfdp.exe.pdf"
    with office.db.read() as session:
        row = session.get(AttachmentRow, stored.sha256)
    assert row is not None and row.original_name == stored.original_name


@pytest.mark.parametrize(
    ("name", "content", "recorded"),
    [
        ("giay-to.docx", PDF, "giay-to.docx.pdf"),  # the content decides the extension
        ("anh.png", JPEG, "anh.png.jpg"),
        ("\u202e\u200b.pdf", PDF, "ban-quet.pdf"),  # nothing visible left of the name
        ("x" * 240 + ".png", PNG, "x" * 196 + ".png"),  # 200 characters at most
    ],
)
def test_the_stored_name_ends_as_the_content_is(
    office: DeskContext, tmp_path: Path, name: str, content: bytes, recorded: str
) -> None:
    source = tmp_path / name
    source.write_bytes(content)
    assert attachments.store_attachment(office, source).original_name == recorded


def test_a_full_disk_is_said_and_leaves_nothing(
    office: DeskContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "giay-to.pdf"
    source.write_bytes(PDF)

    def full(*_: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(DiskFull) as caught:
        attachments.store_attachment(office, source)
    assert "Ổ đĩa đã đầy" in caught.value.message and "giay-to.pdf" in caught.value.message
    monkeypatch.undo()
    assert stored_rows(office) == 0 and stored_files(office) == []
