"""Scanned documents, stored once by content in the data folder.

A file is copied to ``<files_dir>/<sha256[:2]>/<sha256>`` (written atomically, so a crash
never leaves half a scan under a valid name) and recorded in the office database with
``store.dossiers.record_attachment``. A dossier's document line points at it by
``ReceivedDocument.attachment_sha256``. The same scan attached twice is stored once.
"""

from __future__ import annotations

import hashlib
import mimetypes
import os
import shutil
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from desk.domain.access import Permission
from desk.domain.calendar import now_in_office
from desk.domain.text import clean
from desk.errors import InvalidInput
from desk.services.context import DeskContext
from desk.store import dossiers as store_dossiers

MAX_BYTES = 50 * 1024 * 1024
ACCEPTED_TYPES = {
    ".pdf": "application/pdf",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".tif": "image/tiff",
    ".tiff": "image/tiff",
    ".bmp": "image/bmp",
    ".gif": "image/gif",
    ".webp": "image/webp",
}
_CHUNK = 1 << 20


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
    suffix = path.suffix.lower()
    if suffix in ACCEPTED_TYPES:
        return ACCEPTED_TYPES[suffix]
    guessed, _ = mimetypes.guess_type(path.name)
    return guessed or "application/octet-stream"


def _check_source(source: Path) -> int:
    if not source.is_file():
        raise InvalidInput(f"Không tìm thấy tệp «{source.name}».", code="attachment.missing")
    if source.suffix.lower() not in ACCEPTED_TYPES:
        kinds = ", ".join(sorted({s.lstrip(".").upper() for s in ACCEPTED_TYPES}))
        raise InvalidInput(
            f"Tệp «{source.name}» không phải bản quét. Chỉ đính kèm tệp PDF hoặc ảnh ({kinds}).",
            code="attachment.type",
        )
    size = source.stat().st_size
    if size == 0:
        raise InvalidInput(f"Tệp «{source.name}» rỗng.", code="attachment.empty")
    if size > MAX_BYTES:
        raise InvalidInput(
            f"Tệp «{source.name}» lớn quá ({size // (1024 * 1024)} MB; tối đa "
            f"{MAX_BYTES // (1024 * 1024)} MB). Hãy quét lại với độ phân giải thấp hơn.",
            code="attachment.size",
        )
    return size


def store_attachment(
    ctx: DeskContext, source: Path, *, now: datetime | None = None
) -> StoredAttachment:
    """Copy ``source`` into the data folder under its SHA-256 and record it (a scan taken
    at intake: RECEIVE)."""
    ctx.require(Permission.RECEIVE)
    source = Path(source)
    _check_source(source)
    files_dir = ctx.config.files_dir
    files_dir.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    fd, temp_name = tempfile.mkstemp(prefix=".incoming-", suffix=".tmp", dir=files_dir)
    size = 0
    try:
        with source.open("rb") as reader, os.fdopen(fd, "wb") as writer:
            while chunk := reader.read(_CHUNK):
                digest.update(chunk)
                writer.write(chunk)
                size += len(chunk)
            writer.flush()
            os.fsync(writer.fileno())
        sha256 = digest.hexdigest()
        target = attachment_path(files_dir, sha256)
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.exists() and target.stat().st_size == size:
            os.unlink(temp_name)
        else:
            os.replace(temp_name, target)
    except OSError as exc:
        if os.path.exists(temp_name):
            os.unlink(temp_name)
        raise InvalidInput(
            f"Không chép được tệp «{source.name}» vào thư mục dữ liệu ({exc.strerror or exc}).",
            code="attachment.write",
        ) from None
    media_type = media_type_of(source)
    name = clean(source.name)[:400]
    with ctx.db.write() as session:
        store_dossiers.record_attachment(
            session,
            sha256=sha256,
            size=size,
            media_type=media_type,
            original_name=name,
            now=now or now_in_office(),
        )
    return StoredAttachment(sha256, size, media_type, name, target)


def copy_out(ctx: DeskContext, sha256: str, destination: Path) -> Path:
    """Copy a stored scan out of the data folder (to open it with the system viewer)."""
    ctx.require(Permission.SHOW)
    source = attachment_path(ctx.config.files_dir, sha256)
    if not source.exists():
        raise InvalidInput("Tệp quét không còn trong thư mục dữ liệu.", code="attachment.missing")
    shutil.copyfile(source, destination)
    return destination
