"""The .deskbackup file: a clear header, then the encrypted body.

Layout::

    DESKBAK1                 8 bytes, the magic
    header length            4 bytes, big-endian
    header                   JSON (desk.domain.backup.BackupHeader), no personal data
    header digest            32 bytes, SHA-256 of the header: a damaged header is told
                             apart from a wrong passphrase
    chunks                   flag (1 byte: last?), length (4 bytes), ChaCha20-Poly1305
                             sealed bytes (desk.store.backup_crypto)

The body, once decrypted, is a gzip-compressed tar stream: ``database.sqlite`` (or
``database.pgdump``), the scanned files under ``files/<aa>/<sha256>``, then
``manifest.json``: the SHA-256 of every member, the counts and the audit chain's head.

A file is written under a dot-name beside its final name (0600), flushed to disk, and
renamed only when complete: a kill leaves no file under a backup's name.
"""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import io
import json
import os
import re
import secrets
import shutil
import struct
import tarfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import IO, Any, BinaryIO

from desk.atomic import fsync_dir
from desk.domain.backup import MAGIC, BackupHeader, backup_file_name
from desk.errors import DeskError
from desk.store import backup_crypto as crypto

GZIP_LEVEL = 1  # scans are compressed already; level 1 takes most of the database's gain
_LENGTH = struct.Struct(">I")
_MAX_HEADER = 1 << 20
_COPY = 1 << 20
MANIFEST = "manifest.json"
DATABASE_MEMBERS = ("database.sqlite", "database.pgdump")
_FILE_MEMBER = re.compile(r"^files/[0-9a-f]{2}/[0-9a-f]{64}$")

Progress = Callable[[int], None]  # bytes done


class NotABackup(Exception):
    pass


class DamagedBackup(Exception):
    pass


def _publish(partial: Path, final: Path) -> None:
    """Give a complete, checked file its final name, never over another backup's (two
    backups with one reason in one second would share a name)."""
    if final.exists():
        raise DeskError(
            f"Đã có bản sao lưu {final.name} (lấy trong cùng một giây). Đợi một giây rồi sao "
            "lưu lại.",
            code="backup.same_name",
        )
    os.replace(partial, final)


# --- writing ----------------------------------------------------------------------------


class _Counting(io.RawIOBase):
    """The file being written, hashing and counting what goes in."""

    def __init__(self, handle: BinaryIO):
        self._handle = handle
        self.sha256 = hashlib.sha256()
        self.size = 0

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        view = memoryview(data)
        self._handle.write(view)
        self.sha256.update(view)
        self.size += len(view)
        return len(view)


class _Hashing(io.RawIOBase):
    """A file read into the tar stream, hashed on the way."""

    def __init__(self, handle: BinaryIO, progress: Progress | None):
        self._handle = handle
        self.sha256 = hashlib.sha256()
        self._progress = progress

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        data = self._handle.read(size)
        self.sha256.update(data)
        if self._progress is not None and data:
            self._progress(len(data))
        return data


@dataclass(frozen=True, slots=True)
class Written:
    path: Path
    size: int
    sha256: str


def partial_name(final: Path) -> Path:
    return final.with_name(f".{final.name}.{secrets.token_hex(4)}.partial")


def write_backup(
    final: Path,
    header: BackupHeader,
    content_key: bytes,
    members: Iterable[tuple[str, Path]],
    manifest: dict[str, Any],
    *,
    progress: Progress | None = None,
    check: Callable[[Path], None] | None = None,
) -> Written:
    """Write the backup to ``final`` through a partial dot-file; ``members`` are (name in
    the archive, file on disk), the database first. ``check`` reads the complete partial
    file back before the rename: a file under a backup's name has been checked."""
    header_bytes = header.to_bytes()
    partial = partial_name(final)
    descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            counting = _Counting(handle)
            counting.write(MAGIC + _LENGTH.pack(len(header_bytes)) + header_bytes)
            counting.write(hashlib.sha256(header_bytes).digest())
            sealed = crypto.EncryptingWriter(
                counting,  # type: ignore[arg-type]
                content_key,
                header_bytes,
                header.chunk_size,
            )
            hashes: dict[str, str] = {}
            with (
                gzip.GzipFile(fileobj=sealed, mode="wb", compresslevel=GZIP_LEVEL, mtime=0) as gz,
                tarfile.open(fileobj=gz, mode="w|", format=tarfile.PAX_FORMAT) as tar,
            ):
                for name, path in members:
                    with path.open("rb") as source:
                        info = tarfile.TarInfo(name)
                        info.size = os.fstat(source.fileno()).st_size
                        info.mode = 0o600
                        hashing = _Hashing(source, progress)
                        tar.addfile(info, hashing)
                        hashes[name] = hashing.sha256.hexdigest()
                body = json.dumps({**manifest, "members": hashes}, sort_keys=True).encode()
                info = tarfile.TarInfo(MANIFEST)
                info.size = len(body)
                info.mode = 0o600
                tar.addfile(info, io.BytesIO(body))
            sealed.close()
            handle.flush()
            os.fsync(handle.fileno())
        if check is not None:
            check(partial)
        _publish(partial, final)
    except BaseException:
        with contextlib.suppress(OSError):
            partial.unlink()
        raise
    fsync_dir(final.parent)
    return Written(final, counting.size, counting.sha256.hexdigest())


def copy_backup(source: Path, final: Path, expected_sha256: str) -> Written:
    """Copy a written backup to another place (partial dot-file, fsync, rename), checking
    that what landed there reads back as the same bytes."""
    partial = partial_name(final)
    descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(descriptor, "wb") as handle, source.open("rb") as reader:
            while block := reader.read(_COPY):
                handle.write(block)
            handle.flush()
            os.fsync(handle.fileno())
        if file_sha256(partial) != expected_sha256:
            raise DamagedBackup(f"copy to {final} differs")
        _publish(partial, final)
    except BaseException:
        with contextlib.suppress(OSError):
            partial.unlink()
        raise
    fsync_dir(final.parent)
    return Written(final, final.stat().st_size, expected_sha256)


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(_COPY):
            digest.update(block)
    return digest.hexdigest()


# --- reading ----------------------------------------------------------------------------


def _read_header(handle: BinaryIO) -> tuple[BackupHeader, bytes]:
    magic = handle.read(len(MAGIC))
    if magic != MAGIC:
        raise NotABackup("magic")
    raw_length = handle.read(_LENGTH.size)
    if len(raw_length) < _LENGTH.size:
        raise DamagedBackup("cut off in the header")
    (length,) = _LENGTH.unpack(raw_length)
    if length > _MAX_HEADER:
        raise DamagedBackup("header too long")
    header_bytes = handle.read(length)
    digest = handle.read(32)
    if len(header_bytes) < length or len(digest) < 32:
        raise DamagedBackup("cut off in the header")
    if hashlib.sha256(header_bytes).digest() != digest:
        raise DamagedBackup("header changed")
    try:
        return BackupHeader.from_bytes(header_bytes), header_bytes
    except (ValueError, KeyError, TypeError) as exc:
        raise DamagedBackup(f"header: {exc}") from None


def read_header(path: Path) -> BackupHeader:
    with path.open("rb") as handle:
        return _read_header(handle)[0]


def extract(
    path: Path,
    content_key: bytes,
    into: Path,
    *,
    with_files: bool = True,
    progress: Progress | None = None,
) -> dict[str, Any]:
    """Decrypt the backup into the folder ``into`` (the database member, and the scanned
    files under ``files/`` when ``with_files``) and check every member against the
    manifest; returns the manifest. DamagedBackup for anything that does not hold."""
    with path.open("rb") as handle:
        header, header_bytes = _read_header(handle)
        reader = crypto.DecryptingReader(
            crypto.decrypt_chunks(handle, content_key, header_bytes, header.chunk_size)
        )
        hashes: dict[str, str] = {}
        manifest: dict[str, Any] | None = None
        try:
            with (
                gzip.GzipFile(fileobj=reader, mode="rb") as gz,  # type: ignore[call-overload]
                tarfile.open(fileobj=gz, mode="r|") as tar,
            ):
                for member in tar:
                    name = member.name
                    if not member.isfile():
                        raise DamagedBackup(f"unexpected member {name!r}")
                    source = tar.extractfile(member)
                    assert source is not None
                    if name in hashes or (name == MANIFEST and manifest is not None):
                        raise DamagedBackup(f"member {name!r} twice")
                    if name == MANIFEST:
                        manifest = json.loads(source.read(16 << 20).decode("utf-8"))
                        continue
                    if name in DATABASE_MEMBERS:
                        target: Path | None = into / name
                    elif _FILE_MEMBER.match(name):
                        target = into / name if with_files else None
                    else:
                        raise DamagedBackup(f"unexpected member {name!r}")
                    hashes[name] = _copy_out(source, target, progress)
            reader.drain()
        except crypto.Damaged as exc:
            raise DamagedBackup(str(exc)) from None
        except (tarfile.TarError, OSError, EOFError, zlib_error(), ValueError) as exc:
            if isinstance(exc, OSError) and exc.errno is not None:
                raise  # the disk being written to, not the backup
            raise DamagedBackup(f"body: {exc}") from None
    if manifest is None or not isinstance(manifest.get("members"), dict):
        raise DamagedBackup("no manifest")
    if manifest["members"] != hashes:
        raise DamagedBackup("a member differs from the manifest")
    return manifest


def zlib_error() -> type[Exception]:
    import zlib

    return zlib.error


def _copy_out(source: IO[bytes], target: Path | None, progress: Progress | None) -> str:
    digest = hashlib.sha256()
    handle: BinaryIO | None = None
    if target is not None:
        target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        handle = os.fdopen(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb")
    try:
        while block := source.read(_COPY):
            digest.update(block)
            if handle is not None:
                handle.write(block)
            if progress is not None:
                progress(len(block))
        if handle is not None:
            handle.flush()
            os.fsync(handle.fileno())
    finally:
        if handle is not None:
            handle.close()
    return digest.hexdigest()


# --- one backup, from a snapshot --------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Sealed:
    written: Written
    header: BackupHeader
    content_key: bytes  # kept in memory only, to read the file back and check it


def seal_snapshot(
    place: Path,
    *,
    snapshot: Any,  # desk.store.backup.Snapshot
    key: Any,  # desk.store.backup.BackupKey
    reason: str,
    taken_at: datetime,
    files: list[tuple[str, Path]],
    work: Path,
    progress: Progress | None = None,
) -> Sealed:
    """Encrypt ``snapshot`` and ``files`` to the office's ``key`` into a new backup in
    ``place``, read back and checked before it takes its final name."""
    content_key, ephemeral = crypto.sender_key(key.public_key)
    header = BackupHeader(
        agency_id=snapshot.agency_id,
        taken_at=taken_at.isoformat(),
        reason=reason,
        schema_revision=snapshot.schema_revision,
        dossier_count=snapshot.dossier_count,
        file_count=len(files),
        backend=snapshot.backend,
        key_id=key.id,
        recipient_public=key.public_key,
        ephemeral_public=ephemeral,
        wrapped_key=json.loads(key.wrapped_key),
    )
    manifest = {
        "agency_id": snapshot.agency_id,
        "dossier_count": snapshot.dossier_count,
        "file_count": len(files),
        "audit_head": list(snapshot.audit_head),
        "schema_revision": snapshot.schema_revision,
    }
    final = place / backup_file_name(snapshot.agency_id, taken_at, reason)

    def check(partial: Path) -> None:
        verify_file(partial, content_key, work)

    written = write_backup(
        final,
        header,
        content_key,
        [(snapshot.member, snapshot.path), *files],
        manifest,
        progress=progress,
        check=check,
    )
    return Sealed(written, header, content_key)


def verify_file(path: Path, content_key: bytes, work: Path) -> dict[str, Any]:
    """Read a backup back: every chunk opens, every member matches the manifest, and the
    database in it passes its own check. DamagedBackup otherwise."""
    from desk.store.backup import check_database_copy

    folder = work / f"verify-{secrets.token_hex(4)}"
    folder.mkdir(mode=0o700)
    try:
        manifest = extract(path, content_key, folder, with_files=False)
        databases = [folder / name for name in DATABASE_MEMBERS if (folder / name).exists()]
        if len(databases) != 1:
            raise DamagedBackup("no database member")
        verdict = check_database_copy(databases[0])
        if verdict != "ok":
            raise DamagedBackup(f"database copy: {verdict}")
        return manifest
    finally:
        shutil.rmtree(folder, ignore_errors=True)
