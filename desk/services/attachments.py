"""Scanned documents, stored once by content in the data folder.

A file is copied to ``<files_dir>/<sha256[:2]>/<sha256>`` (written atomically, so a crash
never leaves half a scan under a valid name) and recorded in the office database with
``store.dossiers.record_attachment``. A dossier's document line points at it by
``ReceivedDocument.attachment_sha256``. The same scan attached twice is stored once.
"""

from __future__ import annotations

import errno
import hashlib
import mimetypes
import os
import shutil
import stat
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

from desk.domain import limits
from desk.domain.access import Permission
from desk.domain.calendar import now_in_office
from desk.domain.text import clean, terminal_safe
from desk.errors import DiskFull, InvalidInput
from desk.services.context import DeskContext
from desk.store import dossiers as store_dossiers

MAX_BYTES = limits.ATTACHMENT_MAX_BYTES  # the province's limit on one file (PROVINCE_API §3)


@dataclass(frozen=True, slots=True)
class ScanKind:
    """A kind of file a scan may be: known by its first bytes, not by its name."""

    label: str
    media_type: str
    magic: bytes
    suffixes: tuple[str, ...]  # the first is the one given to a name that has none of them


SCAN_KINDS = (
    ScanKind("PDF", "application/pdf", b"%PDF-", (".pdf",)),
    ScanKind("JPEG", "image/jpeg", b"\xff\xd8\xff", (".jpg", ".jpeg")),
    ScanKind("PNG", "image/png", b"\x89PNG\r\n\x1a\n", (".png",)),
)
ACCEPTED_TYPES = {suffix: kind.media_type for kind in SCAN_KINDS for suffix in kind.suffixes}
_MAGIC_LENGTH = max(len(kind.magic) for kind in SCAN_KINDS)
_CHUNK = 1 << 20
_NAME_MAX = 200  # of the stored original name (its column takes 400)


@dataclass(frozen=True, slots=True)
class StoredAttachment:
    sha256: str
    size: int
    media_type: str
    original_name: str
    path: Path


def attachment_path(files_dir: Path, sha256: str) -> Path:
    return files_dir / sha256[:2] / sha256


def media_type_of(path: Path) -> str:
    """The media type a stored scan's name says (its content was checked when stored)."""
    suffix = path.suffix.lower()
    if suffix in ACCEPTED_TYPES:
        return ACCEPTED_TYPES[suffix]
    guessed, _ = mimetypes.guess_type(path.name)
    return guessed or "application/octet-stream"


def scan_kind(head: bytes) -> ScanKind | None:
    """The kind of scan whose first bytes ``head`` are, or None."""
    for kind in SCAN_KINDS:
        if head.startswith(kind.magic):
            return kind
    return None


def clean_file_name(name: str, kind: ScanKind) -> str:
    """The name a scan is recorded under: no control, format or bidi characters (a name
    with U+202E reads backwards: "hóa-đơn\u202efdp.exe"), no path separators, at most
    200 characters, and ending in an extension of what the file is (its content decides:
    "giay-to.docx" holding a PDF is recorded as "giay-to.docx.pdf")."""
    text = clean(name).replace("/", "_").replace("\\", "_").replace(":", "_")
    stem, dot, suffix = text.rpartition(".")
    if not dot or f".{suffix.lower()}" not in kind.suffixes:
        stem, suffix = text, kind.suffixes[0].lstrip(".")
    stem = stem.strip(" .") or "ban-quet"
    return f"{stem[: _NAME_MAX - len(suffix) - 1]}.{suffix}"


def _refuse(source: Path, reason: str, code: str) -> InvalidInput:
    return InvalidInput(f"Tệp «{_shown_name(source)}» {reason}", code=f"attachment.{code}")


def _shown_name(source: Path) -> str:
    name = terminal_safe(source.name)
    return name if len(name) <= 80 else name[:79] + "…"


def _kinds_text() -> str:
    return ", ".join(kind.label for kind in SCAN_KINDS)


def _open_source(source: Path) -> int:
    """A descriptor of ``source`` if it is a regular file, not reached through a symlink
    (a link to /etc/shadow would be stored as a scan and sent to the province). The file
    is opened without following a final symlink and without waiting (a FIFO would wait
    for a writer), then judged by what was opened (fstat), not by its name."""
    try:
        status = os.lstat(source)
    except FileNotFoundError:
        raise InvalidInput(
            f"Không tìm thấy tệp «{_shown_name(source)}».", code="attachment.missing"
        ) from None
    except OSError as exc:
        raise _refuse(source, f"không đọc được ({exc.strerror}).", "read") from None
    if stat.S_ISLNK(status.st_mode):
        raise _refuse(
            source,
            "là một liên kết (symlink), không phải bản quét: hãy chọn chính tệp bản quét.",
            "symlink",
        )
    flags = (
        os.O_RDONLY
        | getattr(os, "O_NOFOLLOW", 0)
        | getattr(os, "O_NONBLOCK", 0)
        | getattr(os, "O_BINARY", 0)
    )
    try:
        descriptor = os.open(source, flags)
    except OSError as exc:
        if exc.errno == errno.ELOOP:  # became a symlink since the look above
            raise _refuse(source, "là một liên kết (symlink).", "symlink") from None
        if exc.errno == errno.EISDIR:
            raise _refuse(source, "là một thư mục, không phải bản quét.", "not_a_file") from None
        raise _refuse(source, f"không đọc được ({exc.strerror}).", "read") from None
    try:
        opened = os.fstat(descriptor)
        if stat.S_ISDIR(opened.st_mode):
            raise _refuse(source, "là một thư mục, không phải bản quét.", "not_a_file")
        if not stat.S_ISREG(opened.st_mode):
            raise _refuse(
                source,
                "không phải một tệp thông thường (là thiết bị, đường ống hoặc socket).",
                "not_a_file",
            )
        _check_size(source, opened.st_size)
    except BaseException:
        os.close(descriptor)
        raise
    return descriptor


def _check_size(source: Path, size: int) -> None:
    if size == 0:
        raise _refuse(source, "rỗng.", "empty")
    if size > MAX_BYTES:
        raise _refuse(
            source,
            f"lớn quá ({_megabytes(size)} MB; tỉnh nhận tối đa {_megabytes(MAX_BYTES)} MB "
            "một tệp). Hãy quét lại với độ phân giải thấp hơn.",
            "size",
        )


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".rstrip("0").rstrip(".").replace(".", ",")


def _not_a_scan(source: Path) -> InvalidInput:
    return _refuse(
        source,
        f"không phải bản quét: chỉ đính kèm tệp PDF hoặc ảnh ({_kinds_text()}); nội dung "
        "tệp được kiểm tra, không chỉ đuôi tên tệp.",
        "type",
    )


def store_attachment(
    ctx: DeskContext, source: Path, *, now: datetime | None = None
) -> StoredAttachment:
    """Copy ``source`` into the data folder under its SHA-256 and record it (a scan taken
    at intake: RECEIVE). Only a regular file, not through a symlink, whose first bytes
    are a PDF's, a JPEG's or a PNG's, of at most the province's 20 MB; what is read is
    what was judged (one descriptor, and the size counted while copying)."""
    ctx.require(Permission.RECEIVE)
    source = Path(source)
    descriptor = _open_source(source)
    with os.fdopen(descriptor, "rb") as reader:
        head = reader.read(_CHUNK)
        kind = scan_kind(head)
        if kind is None:
            raise _not_a_scan(source)
        sha256, size, target = _copy_in(ctx, source, reader, head)
    name = clean_file_name(source.name, kind)
    with ctx.db.write() as session:
        store_dossiers.record_attachment(
            session,
            sha256=sha256,
            size=size,
            media_type=kind.media_type,
            original_name=name,
            now=now or now_in_office(),
        )
    return StoredAttachment(sha256, size, kind.media_type, name, target)


def _copy_in(
    ctx: DeskContext, source: Path, reader: BinaryIO, head: bytes
) -> tuple[str, int, Path]:
    files_dir = ctx.config.files_dir
    digest = hashlib.sha256()
    temp_name = ""
    size = 0
    try:
        files_dir.mkdir(parents=True, exist_ok=True)
        fd, temp_name = tempfile.mkstemp(prefix=".incoming-", suffix=".tmp", dir=files_dir)
        with os.fdopen(fd, "wb") as writer:
            chunk = head
            while chunk:
                size += len(chunk)
                if size > MAX_BYTES:  # the file grew while it was being read
                    _check_size(source, size)
                digest.update(chunk)
                writer.write(chunk)
                chunk = reader.read(_CHUNK)
            writer.flush()
            os.fsync(writer.fileno())
        if size == 0:
            _check_size(source, size)
        sha256 = digest.hexdigest()
        target = attachment_path(files_dir, sha256)
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.exists() and target.stat().st_size == size:
            os.unlink(temp_name)
        else:
            os.replace(temp_name, target)
    except OSError as exc:
        if temp_name and os.path.exists(temp_name):
            os.unlink(temp_name)
        if exc.errno in DiskFull.ERRNOS:
            raise DiskFull.explain(f"bản quét «{_shown_name(source)}»") from None
        raise InvalidInput(
            f"Không chép được tệp «{_shown_name(source)}» vào thư mục dữ liệu "
            f"({exc.strerror or exc}).",
            code="attachment.write",
        ) from None
    except BaseException:
        if temp_name and os.path.exists(temp_name):
            os.unlink(temp_name)
        raise
    return sha256, size, target


def copy_out(ctx: DeskContext, sha256: str, destination: Path) -> Path:
    """Copy a stored scan out of the data folder (to open it with the system viewer)."""
    ctx.require(Permission.SHOW)
    source = attachment_path(ctx.config.files_dir, sha256)
    if not source.exists():
        raise InvalidInput("Tệp quét không còn trong thư mục dữ liệu.", code="attachment.missing")
    shutil.copyfile(source, destination)
    return destination
